"""Fonts for the text of SVG pictures, found in the deck's font library.

Input: the `FontLibrary` layout measures with and an `SvgDocument` (the font-family lists its
text names, and its text). Output: `SvgFonts` for resvg: the files of the faces that draw that
text (each family regular, bold, italic and bold italic, plus the faces the per-character
fallback picks for its characters) and the families standing for `serif`, `sans-serif` and
`monospace`. resvg then reads a handful of files instead of every system font on each call,
and draws SVG text in the fonts the PDF embeds. Cached per (families, text).
"""

from __future__ import annotations

from collections.abc import Callable

from converter.media.svg import SvgDocument, SvgFonts
from converter.text.library import FontLibrary

__all__ = ["svg_fonts"]

_STYLES = ((False, False), (True, False), (False, True), (True, True))


def svg_fonts(library: FontLibrary) -> Callable[[SvgDocument], SvgFonts]:
    cache: dict[tuple[tuple[str, ...], str], SvgFonts] = {}

    def fonts(doc: SvgDocument) -> SvgFonts:
        key = (doc.families, doc.text)
        found = cache.get(key)
        if found is None:
            found = cache[key] = _fonts(library, doc)
        return found

    return fonts


def _fonts(library: FontLibrary, doc: SvgDocument) -> SvgFonts:
    files: dict[str, None] = {}
    text = doc.text or "x"
    for family in (*doc.families, "serif", "sans-serif", "monospace"):
        for bold, italic in _STYLES:
            try:
                resolved = library.resolve(family, bold, italic)
            except LookupError:
                continue
            files[str(resolved.primary.path)] = None
            for _piece, face in resolved.split_by_face(text):
                files[str(face.path)] = None
    names = []
    for generic in ("serif", "sans-serif", "monospace"):
        try:
            names.append(library.resolve(generic).primary.family)
        except LookupError:
            names.append("")
    return SvgFonts(tuple(files), *names)
