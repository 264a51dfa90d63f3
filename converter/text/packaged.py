"""Fonts that come with md2pptx as Python dependencies: the faces reveal.js ships for its themes.

Input: nothing (the installed distributions). Output: the font files of the packages below,
found without importing them (`importlib.util.find_spec`), searched after the user's
`--font-dir` folders and before the system's. Regular, italic, bold and bold italic are
listed: bold text is measured with the Bold face (700), which PowerPoint and LibreOffice use for
a bold run of the family, so the PPTX fits as measured. (reveal.js's CSS declares only 400 and
600, so the browser draws its bold a little lighter, with Semibold.) Light and light italic
serve templates that name "Source Sans Pro Light" (LibreOffice's Vivid), Semibold and Black
those that name them (its Midnightblue); regular and bold text keep the Regular and Bold faces.
League Gothic (headings of the league, beige, moon and solarized themes) has no font package on
PyPI; it falls back like any missing family (see the README, Fonts).
"""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path

__all__ = ["PACKAGED_FONTS", "packaged_font_files"]

# (importable package, folder inside it, files): OFL 1.1 fonts from PyPI
PACKAGED_FONTS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "font_source_sans_pro",  # PyPI font-source-sans-pro 0.0.1: Source Sans Pro 2.020
        "files",
        ("SourceSansPro-Regular.ttf", "SourceSansPro-It.ttf", "SourceSansPro-Bold.ttf",
         "SourceSansPro-BoldIt.ttf", "SourceSansPro-Light.ttf", "SourceSansPro-LightIt.ttf",
         "SourceSansPro-Semibold.ttf", "SourceSansPro-SemiboldIt.ttf", "SourceSansPro-Black.ttf",
         "SourceSansPro-BlackIt.ttf"),
    ),
)  # fmt: skip


@cache
def packaged_font_files() -> tuple[Path, ...]:
    """The packaged font files that are installed, in the order listed."""
    found: list[Path] = []
    for package, folder, names in PACKAGED_FONTS:
        try:
            spec = importlib.util.find_spec(package)
        except (ImportError, ValueError):
            continue
        if spec is None:
            continue
        for root in spec.submodule_search_locations or []:
            files = [Path(root, folder, name) for name in names]
            found.extend(path for path in files if path.is_file())
    return tuple(found)
