"""Font discovery, CSS family resolution and text measurement with real font metrics.

Input: CSS font-family lists, bold/italic flags, optional font folders (searched before the system
ones), the deck's language. Output: `ResolvedFont`s naming the family the PPTX writes (`family`)
and the faces the PDF embeds (`primary`, then per character the fallback chain of
`converter.text.fallback`: the script's own faces, DejaVu Sans, Vera, then any installed font
that has the character), measuring text in points from those same files. .ttf, .otf and the
faces of .ttc/.otc collections are read, with TrueType or CFF outlines (the PDF converts CFF) and
colour emoji fonts. Uses fontTools only.
"""

from __future__ import annotations

import logging
import struct
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import NamedTuple, Protocol

from fontTools.ttLib import TTFont

from converter.text.aliases import (
    COLLECTION_SUFFIXES,
    FONT_SUFFIXES,
    VERA_FILES,
    reportlab_font_dir,
)
from converter.text.scripts import is_emoji, may_hold_emoji, needs_shaping

logging.getLogger("fontTools.ttLib.tables._h_e_a_d").setLevel(logging.ERROR)  # odd timestamps
_WIDTH_CACHE_MAX = 500_000  # strings per ResolvedFont before the width cache starts afresh


class _Glyphs(NamedTuple):
    """What measuring needs from one file: advance per character (font units), .notdef advance."""

    advances: dict[str, int]
    notdef: int


_FACES: dict[tuple[Path, int], FontFace | None] = {}  # per file and face: the face, or None
_GLYPHS: dict[tuple[Path, int], _Glyphs] = {}


def _glyphs(path: Path, index: int = 0) -> _Glyphs:
    found = _GLYPHS.get((path, index))
    if found is None:
        found = _GLYPHS[(path, index)] = _load_glyphs(path, index)
    return found


def _open(path: Path, index: int) -> TTFont:
    if path.suffix.lower() in COLLECTION_SUFFIXES:
        return TTFont(path, lazy=True, fontNumber=index)
    return TTFont(path, lazy=True)


def _load_glyphs(path: Path, index: int = 0) -> _Glyphs:
    try:
        with _open(path, index) as font:
            # synthetic glyph names: parsing the real ones (post table) costs more than the rest
            order = [f"g{i}" for i in range(int(font["maxp"].numGlyphs))]
            font.setGlyphOrder(order)
            metrics: dict[str, tuple[int, int]] = font["hmtx"].metrics
            notdef = int(metrics["g0"][0]) if "g0" in metrics else 0
            cmap: dict[int, str] = font.getBestCmap() or {}
            advances = {
                chr(cp): int(metrics[name][0])
                for cp, name in cmap.items()
                if name != "g0" and name in metrics
            }
    except Exception:
        return _Glyphs({}, 0)
    # reportlab draws U+00A0 with the space glyph (and the reverse when only NBSP exists)
    if " " in advances:
        advances["\xa0"] = advances[" "]
    elif "\xa0" in advances:
        advances[" "] = advances["\xa0"]
    return _Glyphs(advances, notdef)


@dataclass(frozen=True)
class FontFace:
    """One font file: its family as a PPTX names it, style, and vertical metrics in font units."""

    family: str
    path: Path
    bold: bool
    italic: bool
    units_per_em: int
    ascent: int
    descent: int  # positive
    line_gap: int
    weight: int = 400  # OS/2 usWeightClass
    width_class: int = 5  # OS/2 usWidthClass (5 = normal)
    monospace: bool = False
    index: int = 0  # the face's number in a .ttc/.otc collection
    cff: bool = False  # CFF outlines: the PDF converts the subset it uses to TrueType
    color: bool = False  # colour glyphs only (CBDT/sbix/COLR emoji): drawn as pictures
    # the family its style-linked name gives (name ID 1: "Source Sans Pro Light" for the Light
    # face of "Source Sans Pro"), which Office and fontconfig also find it by; "" when the same
    legacy_family: str = ""

    def has(self, char: str) -> bool:
        """Whether the font maps `char` to a real glyph (not .notdef)."""
        return char in _glyphs(self.path, self.index).advances

    def advance(self, char: str) -> int:
        """Advance width of `char` in font units (the .notdef advance when missing)."""
        glyphs = _glyphs(self.path, self.index)
        return glyphs.advances.get(char, glyphs.notdef)

    def advances(self) -> dict[str, int]:
        """Every mapped character's advance in font units."""
        return _glyphs(self.path, self.index).advances


def load_face(path: Path, index: int = 0) -> FontFace | None:
    """One face of a font file (cached per path and index), or None for an unusable or broken
    one."""
    path = Path(path)
    key = (path, index)
    if key in _FACES:
        return _FACES[key]
    face: FontFace | None
    try:
        if path.suffix.lower() not in FONT_SUFFIXES:
            face = None
        else:
            with _open(path, index) as font:
                face = _face_from(font, path, index)
    except Exception:
        face = None
    _FACES[key] = face
    return face


def face_count(path: Path) -> int:
    """How many faces a font file holds: one for .ttf/.otf, a collection's count (at most 64)."""
    if path.suffix.lower() not in COLLECTION_SUFFIXES:
        return 1
    try:
        with path.open("rb") as handle:
            header = handle.read(12)
        return min(64, struct.unpack(">I", header[8:12])[0]) if header[:4] == b"ttcf" else 0
    except (OSError, struct.error):
        return 0


def load_faces(path: Path) -> list[FontFace]:
    """Every usable face of a font file: one for .ttf/.otf, each of a collection's."""
    return [f for i in range(face_count(path)) if (f := load_face(path, i)) is not None]


def _face_from(font: TTFont, path: Path, index: int = 0) -> FontFace | None:
    needed = ("head", "hhea", "hmtx", "maxp", "cmap", "name", "post")
    cff = "CFF " in font
    color = not cff and "glyf" not in font and any(t in font for t in ("CBDT", "sbix", "COLR"))
    if any(tag not in font for tag in needed) or not (cff or color or "glyf" in font):
        return None  # no outlines we can draw, or incomplete
    name = font["name"]
    legacy = str(name.getDebugName(1) or "").strip()
    family = str(name.getDebugName(16) or legacy).strip()
    if not family:
        return None
    head, hhea = font["head"], font["hhea"]
    # italicAngle (16.16 fixed) and isFixedPitch, read raw: decompiling `post` parses glyph names
    angle, fixed_pitch = struct.unpack(">4xi4xI", font.reader["post"][:16])
    os2 = font.get("OS/2")
    style = (os2.usWeightClass, os2.usWidthClass, os2.fsSelection, os2.fsType) if os2 else None
    weight, width_class, fs_sel, fs_type = (int(v) for v in style or (400, 5, 0, 0))
    if (fs_type == 0x0002 or fs_type & 0x0300) and int(font["maxp"].numGlyphs) > 0xFF:
        return None  # reportlab refuses: restricted embedding and too many glyphs
    mac_style = int(head.macStyle)
    bold = weight >= 600 or bool(fs_sel & 0x20) or bool(mac_style & 1)
    italic = bool(fs_sel & 0x201) or bool(mac_style & 2) or angle != 0
    if os2 is not None and fs_sel & 0x80:  # USE_TYPO_METRICS
        asc, desc, gap = os2.sTypoAscender, os2.sTypoDescender, os2.sTypoLineGap
    else:
        asc, desc, gap = hhea.ascent, hhea.descent, hhea.lineGap
    upm = int(head.unitsPerEm)
    if upm <= 0:
        return None
    return FontFace(
        family=family, path=path, bold=bold, italic=italic, units_per_em=upm,
        ascent=int(asc), descent=abs(int(desc)), line_gap=max(0, int(gap)), weight=weight,
        width_class=width_class, monospace=bool(fixed_pitch), index=index, cff=cff, color=color,
        legacy_family=legacy if legacy != family else "",
    )  # fmt: skip


def vera_faces() -> tuple[FontFace, ...]:
    """reportlab's Vera family (regular, bold, italic, bold italic) as far as it is there."""
    folder = reportlab_font_dir()
    if folder is None:
        return ()
    return tuple(f for n in VERA_FILES.values() if (f := load_face(folder / n)) is not None)


def pick_face(faces: Sequence[FontFace], bold: bool, italic: bool) -> FontFace:
    """The face of one family closest to the requested style (normal width, weight 700 / 400)."""
    target = 700 if bold else 400
    return min(faces, key=lambda f: (f.bold != bold, f.italic != italic,
                                     abs(f.width_class - 5), abs(f.weight - target)))  # fmt: skip


class CharFallback(Protocol):
    """Finds a face for a character the resolved font lacks (`converter.text.fallback`)."""

    def face_for(self, char: str, bold: bool, italic: bool) -> FontFace | None: ...

    def emoji_face(self) -> FontFace | None: ...


# Joiners, variation selectors and skin-tone modifiers belong to the character before them.
_JOINERS = frozenset("\u200d\ufe0f\ufe0e\u20e3") | frozenset(map(chr, range(0x1F3FB, 0x1F400)))
# Characters that draw nothing: never "missing" from a font.
_IGNORABLE = frozenset("\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\ufe0e\ufe0f\u00ad"
                       "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")  # fmt: skip


def _ignorable(char: str) -> bool:
    """Default-ignorable characters (joiners, marks, variation selectors, tags): they draw
    nothing, so no font needs them."""
    cp = ord(char)
    return (char in _IGNORABLE or 0xFE00 <= cp <= 0xFE0F or 0xE0000 <= cp <= 0xE0FFF
            or 0x180B <= cp <= 0x180F)  # fmt: skip


@dataclass(frozen=True)
class ResolvedFont:
    """A CSS family list resolved to one primary face plus glyph fallbacks; measures text."""

    requested: tuple[str, ...]
    primary: FontFace
    fallbacks: tuple[FontFace, ...] = ()
    substituted: bool = False  # the first requested family was not found
    synthetic_bold: bool = False  # bold was asked for but the face is not bold
    synthetic_italic: bool = False
    chain: CharFallback | None = field(default=None, compare=False, repr=False)
    tracking: float = 0.0  # CSS letter-spacing, in em: added after every character
    _widths: dict[str, float] = field(default_factory=dict, init=False, repr=False, compare=False)
    _faces: dict[str, FontFace] = field(default_factory=dict, init=False, repr=False, compare=False)
    _known: set[str] = field(default_factory=set, init=False, repr=False, compare=False)

    def __hash__(self) -> int:  # cheap: layout boxes holding this font are hashed often
        return hash((self.requested, self.primary.path, self.synthetic_bold, self.synthetic_italic,
                     self.tracking))

    @property
    def family(self) -> str:
        """The family the PPTX should name: a weight of its own by its style-linked name
        ("Source Sans Pro Light"), as Office knows it."""
        return self.primary.legacy_family or self.primary.family

    @property
    def path(self) -> Path:
        return self.primary.path

    def width(self, text: str, size_pt: float) -> float:
        """Advance width of `text` at `size_pt`, in points (no kerning, as reportlab draws it;
        complex scripts and emoji as HarfBuzz shapes them)."""
        w = self._widths.get(text)
        if w is None:
            w = self._measure(text)
            if len(self._widths) >= _WIDTH_CACHE_MAX:
                self._widths.clear()
            self._widths[text] = w
        if self.tracking:
            return (w / 1000.0 + self.tracking * len(text)) * size_pt
        return w * size_pt / 1000.0

    def tracked(self, tracking_em: float) -> ResolvedFont:
        """The same font with CSS `letter-spacing` (in em) after every character."""
        return replace(self, tracking=tracking_em, chain=self.chain)

    def _measure(self, text: str) -> float:
        """Width of `text` in thousandths of the font size."""
        primary = self.primary
        try:
            units = sum(map(_glyphs(primary.path, primary.index).advances.__getitem__, text))
        except KeyError:
            pass
        else:
            if text.isascii() or not (needs_shaping(text) or may_hold_emoji(text)):
                return units * 1000.0 / primary.units_per_em
        total = 0.0
        for run, face in self.split_by_face(text):
            if face.color or needs_shaping(run):
                from converter.text.shaping import shaped_units

                units = shaped_units(face, run)
            else:
                glyphs = _glyphs(face.path, face.index)
                adv, notdef = glyphs.advances, glyphs.notdef
                units = sum(adv.get(c, notdef) for c in run)
            total += units * 1000.0 / face.units_per_em
        return total

    def face_for(self, char: str) -> FontFace:
        """The face that draws `char`: emoji from the colour font; else the primary if it has
        it, else the first fallback that has it, else the library's chain; else the primary."""
        face = self._faces.get(char)
        if face is None:
            face = self._find(char)
            self._faces[char] = face
        return face

    def _find(self, char: str) -> FontFace:
        chain = self.chain
        bold, italic = self.primary.bold, self.primary.italic
        if chain is not None and ord(char) >= 0x2000 and is_emoji(char):
            emoji = chain.face_for(char, bold, italic)
            if emoji is not None and emoji.color:
                return emoji
        if self.primary.has(char):
            return self.primary
        found = next((f for f in self.fallbacks if f.has(char)), None)
        if found is None and chain is not None and not _ignorable(char):
            found = chain.face_for(char, bold, italic)
        return found or self.primary

    def covers(self, char: str) -> bool:
        """Whether some face draws `char` (characters that draw nothing always count)."""
        return _ignorable(char) or char.isspace() or self.face_for(char).has(char)

    def missing(self, text: str) -> str:
        """The characters of `text` that no installed face has, in order, each once."""
        known = self._known
        if not known:
            known.update(_glyphs(self.primary.path, self.primary.index).advances)
        rest = set(text).difference(known)
        if not rest:
            return ""
        lost = {c for c in rest if not self.covers(c)}
        known.update(rest - lost)
        return "".join(dict.fromkeys(c for c in text if c in lost))

    def split_by_face(self, text: str) -> list[tuple[str, FontFace]]:
        """Runs of characters drawn with one face; whitespace and joiners stay in the current
        run (an emoji sequence is one run of the emoji face)."""
        runs: list[tuple[str, FontFace]] = []
        current: FontFace | None = None
        start = 0
        for i, char in enumerate(text):
            if current is not None and (
                (char.isspace() and current.has(char) and not current.color)
                or (char in _JOINERS and current.color)
            ):
                continue
            face = self.face_for(char)
            if text[i + 1 : i + 2] == "\ufe0f" and not face.color and self.chain is not None:
                emoji = self.chain.emoji_face()  # VS16: the emoji presentation of a symbol
                if emoji is not None and emoji.has(char):
                    face = emoji
            if face is not current:
                if current is not None:
                    runs.append((text[start:i], current))
                current, start = face, i
        if current is not None:
            runs.append((text[start:], current))
        return runs

    def line_height(self, size_pt: float) -> float:
        """Ascent + descent + line gap of the primary, in points."""
        p = self.primary
        return (p.ascent + p.descent + p.line_gap) * size_pt / p.units_per_em

    def ascent_pt(self, size_pt: float) -> float:
        return self.primary.ascent * size_pt / self.primary.units_per_em

    def descent_pt(self, size_pt: float) -> float:
        """Descent below the baseline, positive, in points."""
        return self.primary.descent * size_pt / self.primary.units_per_em
