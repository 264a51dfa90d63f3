"""md2pptx: reveal-md Markdown decks to native, editable PowerPoint and PDF.

Input: a deck path and output paths. Output: the files and a `Result` (see `converter.api`):

    from converter import convert
    result = convert("talk.md", ["talk.pptx", "talk.pdf"], theme="white")
"""

__version__ = "0.1.0"  # before the imports: modules below read it

from converter.api import Result, convert
from converter.diagnostics import ConversionError, Diagnostic, Severity
from converter.reader import ReadOptions

__all__ = [
    "ConversionError",
    "Diagnostic",
    "ReadOptions",
    "Result",
    "Severity",
    "__version__",
    "convert",
]
