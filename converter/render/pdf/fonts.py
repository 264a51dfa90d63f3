"""PDF fonts: the faces layout measured with, registered with reportlab, and text as pieces.

Input: `ResolvedFont`s and text from layout. Output: reportlab font names and `Piece`s: text
split by the face that draws it (per-character fallback), each piece either plain text in a
registered TrueType face, glyphs shaped by HarfBuzz (Arabic, Hebrew, Indic, and every
right-to-left run) drawn by glyph id, or colour emoji (drawn as pictures by the caller). Every
font is embedded (subset); no base-14 font is used anywhere, including the canvas's initial
font. CFF faces (Noto Sans CJK ...) are embedded as TrueType subsets of the characters and
glyphs `prepare` collected before drawing (`converter.text.truetype`).

Drawing by glyph id: each shaped glyph gets a private-use code point in its reportlab face
(`charToGlyph[code] = gid`, `charWidths[code] = advance`), and the ToUnicode map (patched
below) maps that code to the text of the glyph's cluster, so copying and searching the PDF
gives the characters back.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable, Iterable
from typing import NamedTuple

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from converter.text.fonts import FontFace, ResolvedFont, vera_faces
from converter.text.scripts import may_hold_emoji, needs_shaping
from converter.text.shaping import Glyph, shape
from converter.text.truetype import truetype_subset

__all__ = ["PdfFonts", "Piece"]

_PUA_TEXT: dict[int, str] = {}  # private-use code -> the text it stands for (all documents)
_PUA_CODES: dict[tuple[str, int, str], int] = {}  # (font name, glyph id, text) -> its code
_PUA_FIRST, _PUA_LAST = 0xF0000, 0x10FFFD


def _utf16_hex(text: str) -> str:
    return text.encode("utf-16-be", "surrogatepass").hex().upper()


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's `makeToUnicodeCMap`, with each code point written as UTF-16BE as the PDF
    spec requires (reportlab writes `<1F600>` for 😀, an odd-length string, so characters beyond
    U+FFFF could not be copied or searched), and private-use codes mapped to their text."""
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
        *(f"<{i:02X}> <{_utf16_hex(_PUA_TEXT.get(v) or chr(v))}>" for i, v in enumerate(subset)),
        "endbfchar",
        "endcmap",
        "CMapName currentdict /CMap defineresource pop",
        "end",
        "end",
    ]
    return "\n".join(lines)


ttfonts.makeToUnicodeCMap = _to_unicode_cmap  # module-level name looked up at each use


class Piece(NamedTuple):
    """Text drawn in one face: `text` goes to `textOut` in the reportlab font `font` (for
    shaped glyphs, private-use codes), or, when `font` is None, `glyphs` are colour emoji the
    caller draws as pictures over invisible text (`source` is what they stand for)."""

    text: str
    font: str | None
    face: FontFace
    source: str
    glyphs: tuple[Glyph, ...] = ()


def _key(face: FontFace) -> str:
    return f"{face.path}#{face.index}"


class PdfFonts:
    """Registers faces on first use; the names are stable for a given file and face."""

    def __init__(self) -> None:
        self._names: dict[str, str] = {}
        self._covered: dict[int, set[str]] = {}  # id of a face -> characters it has
        self._pieces: dict[tuple[int, str, bool], list[Piece]] = {}
        self._initial = ""
        self._cff_text: dict[FontFace, set[int]] = {}
        self._cff_gids: dict[FontFace, set[int]] = {}
        self._cff_maps: dict[str, dict[int, int]] = {}  # font name -> original gid -> its gid
        self._texts: Callable[[], Iterable[tuple[str, ResolvedFont]]] | None = None
        self._by_face: dict[int, str] = {}  # id of a (cached, never freed) face -> its name

    # --- faces --------------------------------------------------------------------------------

    def prepare(self, texts: Callable[[], Iterable[tuple[str, ResolvedFont]]]) -> None:
        """Remember where the document's texts come from: when the first CFF face is needed,
        everything every CFF face will draw is collected from them, so each is converted once
        with all of it (a document in TrueType fonts alone never walks its texts twice)."""
        self._texts = texts

    def _collect(self) -> None:
        texts, self._texts = self._texts, None
        if texts is None:
            return
        for text, font in texts():
            primary = font.primary
            if not primary.cff:
                covered = self._covered.setdefault(id(primary), set())
                missing = set(text).difference(covered)
                if all(primary.has(char) for char in missing):
                    covered.update(missing)  # drawn in the primary face alone: nothing to do
                    continue
            for piece, face in font.split_by_face(text):
                if face.cff:
                    self._cff_text.setdefault(face, set()).update(map(ord, piece))
                    if needs_shaping(piece):
                        for rtl in (False, True):
                            gids = self._cff_gids.setdefault(face, set())
                            gids.update(g.gid for g in shape(face, piece, rtl))

    def name(self, face: FontFace, text: str = "") -> str:
        """The reportlab name of `face` (registered now if new). A CFF face is converted with
        what `prepare` collected; `text` it lacks makes a further subset."""
        if face.cff:
            return self._cff_name(face, text)
        found = self._by_face.get(id(face))
        if found is not None:
            return found
        self._by_face[id(face)] = name = self._register(face)
        return name

    def _register(self, face: FontFace) -> str:
        key = _key(face)
        found = self._names.get(key)
        if found is not None:
            return found
        name = "F" + hashlib.sha1(key.encode()).hexdigest()[:10]
        try:
            if name not in pdfmetrics.getRegisteredFontNames():
                pdfmetrics.registerFont(TTFont(name, str(face.path), subfontIndex=face.index))
        except (TTFError, OSError, ValueError):
            vera = vera_faces()
            if not vera or _key(vera[0]) == key:
                raise
            name = self.name(vera[0])
        self._names[key] = name
        return name

    def _cff_name(self, face: FontFace, text: str) -> str:
        self._collect()
        key = _key(face)
        name = self._names.get(key)
        wanted = self._cff_text.setdefault(face, set())
        if name is not None and all(ord(c) in self._font(name).face.charToGlyph for c in text):
            return name
        wanted.update(map(ord, text))
        gids = frozenset(self._cff_gids.get(face, ()))
        digest = hashlib.sha1(f"{key}|{sorted(wanted)}|{sorted(gids)}".encode()).hexdigest()
        name = "C" + digest[:12]
        if name not in pdfmetrics.getRegisteredFontNames():
            data, mapping = truetype_subset(face, wanted, gids, name)
            stream = io.BytesIO(data)
            stream.name = f"{name}.ttf"
            pdfmetrics.registerFont(TTFont(name, stream))
            self._cff_maps[name] = mapping
        self._names[key] = name
        return name

    @staticmethod
    def _font(name: str) -> TTFont:
        font = pdfmetrics.getFont(name)
        assert isinstance(font, TTFont)
        return font

    def initial(self) -> str:
        """A registered TrueType name for the canvas's initial font (never Helvetica)."""
        if not self._initial:  # the slide-number badge asks once per slide
            self._initial = self.name(vera_faces()[0])
        return self._initial

    # --- text ---------------------------------------------------------------------------------

    def pieces(self, text: str, font: ResolvedFont, rtl: bool = False) -> list[Piece]:
        """`text` as pieces in drawing order (left to right); `rtl`: the text is one right-to-
        left run (its faces' pieces are then drawn in reverse, each shaped right to left)."""
        primary = font.primary
        if not rtl and not primary.cff and not primary.color:
            covered = self._covered.setdefault(id(primary), set())
            missing = set(text).difference(covered)
            if (all(primary.has(char) for char in missing) and not needs_shaping(text)
                    and not may_hold_emoji(text)):  # fmt: skip
                covered.update(missing)  # the common case: the primary face has every character
                return [Piece(text, self.name(primary), primary, text)]
        key = (id(font), text, rtl)
        cached = self._pieces.get(key)
        if cached is not None:
            return cached
        out = [self._piece(part, face, rtl) for part, face in font.split_by_face(text)]
        if rtl:
            out.reverse()
        if len(self._pieces) < 200_000:
            self._pieces[key] = out
        return out

    def _piece(self, text: str, face: FontFace, rtl: bool) -> Piece:
        if face.color:
            return Piece(text, None, face, text, shape(face, text))
        if not rtl and not needs_shaping(text):
            name = self.name(face, text)
            if all(face.has(c) or c.isspace() for c in text):
                return Piece(text, name, face, text)
            # a character no font has: drawn as the .notdef box, kept in the text layer
            drawn = "".join(
                c if face.has(c) or c.isspace()
                else chr(self.code(name, 0, c, face.advance(c) * 1000.0 / face.units_per_em))
                for c in text
            )
            return Piece(drawn, name, face, text)
        name = self.name(face, text)
        glyphs = shape(face, text, rtl)
        return Piece(self._codes(name, face, glyphs, text, rtl), name, face, text, glyphs)

    def _codes(
        self, name: str, face: FontFace, glyphs: tuple[Glyph, ...], text: str, rtl: bool
    ) -> str:
        """Private-use codes drawing `glyphs` by id in font `name`, each mapped to its cluster's
        text (reversed in right-to-left runs: text extractors reverse those)."""
        starts = sorted({g.cluster for g in glyphs})
        ends = {s: (starts[i + 1] if i + 1 < len(starts) else len(text)) for i, s in
                enumerate(starts)}  # fmt: skip
        mapping = self._cff_maps.get(name)
        seen: set[int] = set()
        out: list[str] = []
        for glyph in glyphs:
            cluster = text[glyph.cluster : ends[glyph.cluster]]
            if glyph.cluster in seen:
                cluster = "\u200c"  # a further glyph of a cluster: its text is given already
            seen.add(glyph.cluster)
            if rtl:
                cluster = cluster[::-1]
            gid = mapping.get(glyph.gid, 0) if mapping is not None else glyph.gid
            width = glyph.advance * 1000.0 / face.units_per_em
            out.append(chr(self.code(name, gid, cluster, width)))
        return "".join(out)

    def code(self, name: str, gid: int, text: str, width: float) -> int:
        """The private-use code that draws glyph `gid` of font `name` `width` wide (thousandths
        of the size) and stands for `text` in the text layer."""
        key = (name, gid, f"{text}\x00{width:.3f}")
        code = _PUA_CODES.get(key)
        if code is None:
            code = _PUA_FIRST + len(_PUA_CODES)
            if code > _PUA_LAST:
                raise OverflowError("too many distinct shaped glyphs in one process")
            _PUA_CODES[key] = code
            _PUA_TEXT[code] = text
            face = self._font(name).face
            face.charToGlyph[code] = gid
            face.charWidths[code] = width
        return code

    def space_code(self, name: str, text: str, width: float) -> str:
        """A character of font `name` that draws nothing (its space glyph) `width` wide and
        stands for `text`: the invisible text over an emoji picture."""
        face = self._font(name).face
        gid = face.charToGlyph.get(32, 0)
        return chr(self.code(name, gid, text, width))
