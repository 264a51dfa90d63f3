"""PDF fonts: the TrueType files layout measured with, registered with reportlab once each.

Input: `ResolvedFont`s from layout. Output: reportlab font names, and text split into segments
each drawn in a face that has its glyphs (per-character fallback: the primary face, then DejaVu
Sans, then Vera), so → ✓ Ж α ▲ never come out as empty boxes. Every font is embedded (subset);
no base-14 font is used anywhere, including the canvas's initial font.
"""

from __future__ import annotations

import hashlib

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from converter.text.fonts import FontFace, ResolvedFont, vera_faces


def _utf16_hex(code_point: int) -> str:
    return chr(code_point).encode("utf-16-be", "surrogatepass").hex().upper()


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's `makeToUnicodeCMap`, with each code point written as UTF-16BE as the PDF
    spec requires: reportlab writes `<1F600>` for 😀 (an odd-length string), so emoji and other
    characters beyond U+FFFF could not be copied or searched (pypdf drops them)."""
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        f"<< /Registry ({fontname})",
        f"/Ordering ({fontname})",
        "/Supplement 0",
        ">> def",
        f"/CMapName /{fontname} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
        f"{len(subset)} beginbfchar",
        *(f"<{i:02X}> <{_utf16_hex(v)}>" for i, v in enumerate(subset)),
        "endbfchar",
        "endcmap",
        "CMapName currentdict /CMap defineresource pop",
        "end",
        "end",
    ]
    return "\n".join(lines)


ttfonts.makeToUnicodeCMap = _to_unicode_cmap  # module-level name looked up at each use


class PdfFonts:
    """Registers faces on first use; the names are stable for a given file."""

    def __init__(self) -> None:
        self._names: dict[str, str] = {}
        self._broken: set[str] = set()
        self._segments: dict[tuple[int, str], list[tuple[str, str]]] = {}
        self._covered: dict[FontFace, set[str]] = {}
        self._initial = ""

    def name(self, face: FontFace) -> str:
        key = str(face.path)
        found = self._names.get(key)
        if found is not None:
            return found
        name = "F" + hashlib.sha1(key.encode()).hexdigest()[:10]
        try:
            if name not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(TTFont(name, key))
        except (TTFError, OSError, ValueError):
            self._broken.add(key)
            vera = vera_faces()
            if not vera or str(vera[0].path) == key:
                raise
            name = self.name(vera[0])
        self._names[key] = name
        return name

    def initial(self) -> str:
        """A registered TrueType name for the canvas's initial font (never Helvetica)."""
        if not self._initial:  # the slide-number badge asks once per slide
            self._initial = self.name(vera_faces()[0])
        return self._initial

    def segments(self, text: str, font: ResolvedFont) -> list[tuple[str, str]]:
        """`text` as (piece, reportlab font name) runs, each piece drawable in its font."""
        primary = font.primary
        covered = self._covered.get(primary)
        if covered is None:
            covered = self._covered[primary] = set()
        missing = set(text).difference(covered)
        if all(primary.has(char) for char in missing):
            covered.update(missing)  # the common case: the primary face has every character
            return [(text, self.name(primary))]
        key = (id(font), text)
        cached = self._segments.get(key)
        if cached is not None:
            return cached
        out = [(piece, self.name(face)) for piece, face in font.split_by_face(text)]
        if len(self._segments) < 200_000:
            self._segments[key] = out
        return out
