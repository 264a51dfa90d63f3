"""md2pptx: reveal-md Markdown decks to native, editable PowerPoint and PDF.

Input: a deck path and output paths. Output: the files and a `Result` (see `converter.api`):

    from converter import convert
    result = convert("talk.md", ["talk.pptx", "talk.pdf"], theme="white")

The exports are loaded on first use (PEP 562), so `import converter` and `md2pptx --version`
pay for no stage of the pipeline.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from converter.version import __version__

if TYPE_CHECKING:
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

_HOMES = {
    "convert": "converter.api",
    "Result": "converter.api",
    "ConversionError": "converter.diagnostics",
    "Diagnostic": "converter.diagnostics",
    "Severity": "converter.diagnostics",
    "ReadOptions": "converter.reader",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'converter' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_HOMES])
