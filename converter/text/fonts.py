"""Font discovery, CSS family resolution and text measurement with real TrueType metrics.

Input: CSS font-family lists, bold/italic flags, optional font folders (searched before the system
ones). Output: `ResolvedFont`s naming the family the PPTX writes (`family`) and the files the PDF
embeds (`primary.path`, then glyph fallbacks DejaVu Sans and reportlab's Vera), measuring text in
points from those same files. Only .ttf/.otf with `glyf` outlines are used (reportlab cannot embed
CFF); .ttc collections and unreadable files are skipped. Uses fontTools only.
"""

from __future__ import annotations

import logging
import os
import struct
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

from converter.text.aliases import (
    FONT_SUFFIXES,
    GENERIC_FAMILIES,
    MONOSPACE_GENERICS,
    SYSTEM_FONT_DIRS,
    VERA_FILES,
    candidates,
    normalise,
    reportlab_font_dir,
    split_css_families,
)

logging.getLogger("fontTools.ttLib.tables._h_e_a_d").setLevel(logging.ERROR)  # odd timestamps
_WIDTH_CACHE_MAX = 500_000  # strings per ResolvedFont before the width cache starts afresh


class _Glyphs(NamedTuple):
    """What measuring needs from one file: advance per character (font units), .notdef advance."""

    advances: dict[str, int]
    notdef: int


_FACES: dict[Path, FontFace | None] = {}  # per file: its face, or None when unusable
_GLYPHS: dict[Path, _Glyphs] = {}


def _glyphs(path: Path) -> _Glyphs:
    found = _GLYPHS.get(path)
    if found is None:
        found = _GLYPHS[path] = _load_glyphs(path)
    return found


def _load_glyphs(path: Path) -> _Glyphs:
    try:
        with TTFont(path, lazy=True) as font:
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

    def has(self, char: str) -> bool:
        """Whether the font maps `char` to a real glyph (not .notdef)."""
        return char in _glyphs(self.path).advances

    def advance(self, char: str) -> int:
        """Advance width of `char` in font units (the .notdef advance when missing)."""
        glyphs = _glyphs(self.path)
        return glyphs.advances.get(char, glyphs.notdef)


def load_face(path: Path) -> FontFace | None:
    """The face of one font file (cached per path), or None for an unusable or broken file."""
    path = Path(path)
    if path in _FACES:
        return _FACES[path]
    face: FontFace | None
    try:
        if path.suffix.lower() not in FONT_SUFFIXES:
            face = None
        else:
            with TTFont(path, lazy=True) as font:
                face = _face_from(font, path)
    except Exception:
        face = None
    _FACES[path] = face
    return face


def _face_from(font: TTFont, path: Path) -> FontFace | None:
    needed = ("glyf", "loca", "head", "hhea", "hmtx", "maxp", "cmap", "name", "post")
    if font.sfntVersion == "OTTO" or any(tag not in font for tag in needed):
        return None  # CFF outlines or incomplete: reportlab cannot embed it
    name = font["name"]
    family = str(name.getDebugName(16) or name.getDebugName(1) or "").strip()
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
        width_class=width_class, monospace=bool(fixed_pitch),
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


@dataclass(frozen=True)
class ResolvedFont:
    """A CSS family list resolved to one primary face plus glyph fallbacks; measures text."""

    requested: tuple[str, ...]
    primary: FontFace
    fallbacks: tuple[FontFace, ...] = ()
    substituted: bool = False  # the first requested family was not found
    synthetic_bold: bool = False  # bold was asked for but the face is not bold
    synthetic_italic: bool = False
    _widths: dict[str, float] = field(default_factory=dict, init=False, repr=False, compare=False)
    _faces: dict[str, FontFace] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __hash__(self) -> int:  # cheap: layout boxes holding this font are hashed often
        return hash((self.requested, self.primary.path, self.synthetic_bold, self.synthetic_italic))

    @property
    def family(self) -> str:
        """The family the PPTX should name."""
        return self.primary.family

    @property
    def path(self) -> Path:
        return self.primary.path

    def width(self, text: str, size_pt: float) -> float:
        """Advance width of `text` at `size_pt`, in points (no kerning, as reportlab draws it)."""
        w = self._widths.get(text)
        if w is None:
            w = self._measure(text)
            if len(self._widths) >= _WIDTH_CACHE_MAX:
                self._widths.clear()
            self._widths[text] = w
        return w * size_pt / 1000.0

    def _measure(self, text: str) -> float:
        """Width of `text` in thousandths of the font size."""
        primary = self.primary
        try:
            units = sum(map(_glyphs(primary.path).advances.__getitem__, text))
        except KeyError:
            pass
        else:
            return units * 1000.0 / primary.units_per_em
        total = 0.0
        for run, face in self.split_by_face(text):
            glyphs = _glyphs(face.path)
            adv, notdef = glyphs.advances, glyphs.notdef
            total += sum(adv.get(c, notdef) for c in run) * 1000.0 / face.units_per_em
        return total

    def face_for(self, char: str) -> FontFace:
        """The primary if it has `char`, else the first fallback that has it, else the primary."""
        face = self._faces.get(char)
        if face is None:
            face = self.primary
            if not face.has(char):
                face = next((f for f in self.fallbacks if f.has(char)), self.primary)
            self._faces[char] = face
        return face

    def split_by_face(self, text: str) -> list[tuple[str, FontFace]]:
        """Runs of characters drawn with one face; whitespace stays in the current run."""
        runs: list[tuple[str, FontFace]] = []
        current: FontFace | None = None
        start = 0
        for i, char in enumerate(text):
            if current is not None and char.isspace() and current.has(char):
                continue
            face = self.face_for(char)
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


class FontLibrary:
    """Finds fonts by family (`font_dirs` first, then the system's); resolves CSS family lists."""

    def __init__(self, font_dirs: Sequence[Path | str] = (), *,
                 system_dirs: Sequence[Path | str] | None = None) -> None:  # fmt: skip
        self.font_dirs = tuple(Path(d).expanduser() for d in font_dirs)
        dirs = SYSTEM_FONT_DIRS if system_dirs is None else system_dirs
        self.system_dirs = tuple(Path(d).expanduser() for d in dirs)
        self._user: dict[str, list[FontFace]] | None = None  # family key -> faces, file order
        self._stems: list[tuple[str, Path]] | None = None  # system files by normalised stem
        self._families: dict[str, tuple[FontFace, ...]] = {}
        self._resolved: dict[tuple[tuple[str, ...], bool, bool], ResolvedFont] = {}
        self._report: dict[tuple[str, str, str], None] = {}

    @staticmethod
    def _walk(dirs: Iterable[Path]) -> list[Path]:
        files: list[Path] = []
        seen_dirs: set[str] = set()
        for top in dirs:
            if top.is_file():
                files.append(top)
                continue
            for root, subdirs, names in os.walk(top, followlinks=True):
                real = os.path.realpath(root)
                if real in seen_dirs:
                    subdirs[:] = []
                    continue
                seen_dirs.add(real)
                subdirs.sort()
                files.extend(
                    Path(root, n) for n in sorted(names) if n.lower().endswith(FONT_SUFFIXES)
                )
        return files

    def _user_index(self) -> dict[str, list[FontFace]]:
        if self._user is None:
            self._user = {}
            for path in self._walk(self.font_dirs):
                face = load_face(path)
                if face is not None:
                    self._user.setdefault(normalise(face.family), []).append(face)
        return self._user

    def _stem_index(self) -> list[tuple[str, Path]]:
        if self._stems is None:
            self._stems = [(normalise(p.stem), p) for p in self._walk(self.system_dirs)]
        return self._stems

    def warm(self) -> None:
        """Walk the font folders now rather than on the first resolution."""
        self._user_index()
        self._stem_index()

    def faces(self, family: str) -> tuple[FontFace, ...]:
        """All usable faces of one family: from `font_dirs` if it is there, else the system's."""
        key = normalise(family)
        found = self._families.get(key)
        if found is None:
            user = self._user_index().get(key)
            if user:
                found = tuple(user)
            else:
                faces: list[FontFace] = []
                for stem, path in self._stem_index():
                    if stem.startswith(key):
                        face = load_face(path)
                        if face is not None and normalise(face.family) == key:
                            faces.append(face)
                found = tuple(faces)
                if not found and key in ("bitstreamverasans", "vera"):
                    found = vera_faces()
            self._families[key] = found
        return found

    def resolve(
        self, families: Sequence[str] | str, bold: bool = False, italic: bool = False
    ) -> ResolvedFont:
        """The first family of the CSS list (through the alias table) that is installed; else
        DejaVu Sans (DejaVu Sans Mono for a monospace list), else Vera."""
        if isinstance(families, str):
            families = split_css_families(families)
        requested = tuple(n for f in families if (n := f.strip().strip("'\"").strip()))
        key = (requested, bold, italic)
        found = self._resolved.get(key)
        if found is None:
            found = self._resolved[key] = self._resolve(requested, bold, italic)
            row = (", ".join(requested), found.primary.family, str(found.primary.path))
            self._report[row] = None
        return found

    def _resolve(self, requested: tuple[str, ...], bold: bool, italic: bool) -> ResolvedFont:
        chosen: tuple[FontFace, ...] = ()
        substituted = True
        for i, name in enumerate(requested):
            for cand in candidates(name):
                chosen = self.faces(cand)
                if chosen:
                    key = normalise(name)
                    exact = key in GENERIC_FAMILIES or normalise(cand) == key
                    substituted = not (i == 0 and exact)
                    break
            if chosen:
                break
        if not chosen:
            mono = any(normalise(n) in MONOSPACE_GENERICS for n in requested)
            chosen = self.faces("DejaVu Sans Mono" if mono else "DejaVu Sans") or vera_faces()
        if not chosen:
            raise LookupError(f"no usable TrueType font for {', '.join(requested) or '(none)'}")
        primary = pick_face(chosen, bold, italic)
        return ResolvedFont(
            requested=requested,
            primary=primary,
            fallbacks=self._fallbacks(primary, bold, italic),
            substituted=substituted,
            synthetic_bold=bold and not primary.bold,
            synthetic_italic=italic and not primary.italic,
        )

    def _fallbacks(self, primary: FontFace, bold: bool, italic: bool) -> tuple[FontFace, ...]:
        chain = [self.faces("DejaVu Sans"), vera_faces()]
        if primary.monospace:
            chain.insert(0, self.faces("DejaVu Sans Mono"))
        out: list[FontFace] = []
        seen = {primary.path}
        for faces in chain:
            if faces:
                face = pick_face(faces, bold, italic)
                if face.path not in seen:
                    seen.add(face.path)
                    out.append(face)
        return tuple(out)

    def report(self) -> list[tuple[str, str, str]]:
        """(requested family list, chosen family, file) for every resolution made, in order."""
        return list(self._report)
