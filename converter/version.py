"""The version of md2pptx (also `converter.__version__`): a leaf module, cheap to import.

Input: nothing. Output: `__version__`, printed by `--version` and written into reports.
"""

__version__ = "0.1.0"
