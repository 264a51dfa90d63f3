"""The font library of one conversion: fonts found by family, CSS family lists resolved.

Input: font folders given by the user (searched first), the system font folders, the deck's
language. Output: `ResolvedFont`s (`converter.text.fonts`) whose per-character fallback is the
library's `ScriptFallback` (`converter.text.fallback`), and a report of which file served which
requested family (the `font` info diagnostic, `--check -v`).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from converter.text.aliases import (
    COLLECTION_SUFFIXES,
    FONT_SUFFIXES,
    GENERIC_FAMILIES,
    MONOSPACE_GENERICS,
    SYSTEM_FONT_DIRS,
    candidates,
    normalise,
    split_css_families,
)
from converter.text.fallback import ScriptFallback
from converter.text.fonts import (
    FontFace,
    ResolvedFont,
    load_face,
    load_faces,
    pick_face,
    vera_faces,
)
from converter.text.packaged import packaged_font_files

__all__ = ["FontLibrary"]


class FontLibrary:
    """Finds fonts by family (`font_dirs` first, then the packaged fonts, then the system's);
    resolves CSS family lists."""

    def __init__(self, font_dirs: Sequence[Path | str] = (), *,
                 system_dirs: Sequence[Path | str] | None = None,
                 lang: str | None = None) -> None:  # fmt: skip
        self.font_dirs = tuple(Path(d).expanduser() for d in font_dirs)
        dirs = SYSTEM_FONT_DIRS if system_dirs is None else system_dirs
        self.system_dirs = tuple(Path(d).expanduser() for d in dirs)
        self.fallback = ScriptFallback(self.faces, self.system_files, lang)
        self._user: dict[str, list[FontFace]] | None = None  # family key -> faces, file order
        self._stems: list[tuple[str, Path]] | None = None  # system files by normalised stem
        self._collections: dict[str, list[FontFace]] | None = None  # .ttc faces by family
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
            for path in (*self._walk(self.font_dirs), *packaged_font_files()):
                for face in load_faces(path):
                    for key in _keys(face):
                        self._user.setdefault(key, []).append(face)
        return self._user

    def _stem_index(self) -> list[tuple[str, Path]]:
        if self._stems is None:
            self._stems = [(normalise(p.stem), p) for p in self._walk(self.system_dirs)]
        return self._stems

    def system_files(self) -> list[Path]:
        """Every font file in the system folders, in a stable order."""
        return [path for _stem, path in self._stem_index()]

    def _collection_index(self) -> dict[str, list[FontFace]]:
        """The faces of the system's .ttc/.otc collections by family (a collection's file name
        does not name its families: NotoSansCJK-Regular.ttc holds Noto Sans CJK SC, JP, ...)."""
        if self._collections is None:
            self._collections = {}
            for _stem, path in self._stem_index():
                if path.suffix.lower() in COLLECTION_SUFFIXES:
                    for face in load_faces(path):
                        for key in _keys(face):
                            self._collections.setdefault(key, []).append(face)
        return self._collections

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
                    if stem.startswith(key) and path.suffix.lower() not in COLLECTION_SUFFIXES:
                        face = load_face(path)
                        if face is not None and key in _keys(face):
                            faces.append(face)
                if not faces:
                    faces = list(self._collection_index().get(key, ()))
                found = tuple(faces)
                if not found and key in ("bitstreamverasans", "vera"):
                    found = vera_faces()
            self._families[key] = found
        return found

    def resolve(
        self, families: Sequence[str] | str, bold: bool = False, italic: bool = False
    ) -> ResolvedFont:
        """The first family of the CSS list (through the alias table) that is installed; else
        Liberation Sans (Liberation Mono for a monospace list), else DejaVu, else Vera."""
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
        rest: tuple[str, ...] = ()
        for i, name in enumerate(requested):
            for cand in candidates(name):
                chosen = self.faces(cand)
                if chosen:
                    key = normalise(name)
                    exact = key in GENERIC_FAMILIES or normalise(cand) == key
                    substituted = not (i == 0 and exact)
                    rest = requested[i + 1 :]
                    break
            if chosen:
                break
        if not chosen:
            mono = any(normalise(n) in MONOSPACE_GENERICS for n in requested)
            names = ("Liberation Mono", "DejaVu Sans Mono") if mono else (
                "Liberation Sans", "DejaVu Sans")  # fmt: skip
            chosen = self.faces(names[0]) or self.faces(names[1]) or vera_faces()
        if not chosen:
            raise LookupError(f"no usable TrueType font for {', '.join(requested) or '(none)'}")
        primary = pick_face(chosen, bold, italic)
        return ResolvedFont(
            requested=requested,
            primary=primary,
            fallbacks=self._fallbacks(primary, bold, italic, rest),
            substituted=substituted,
            synthetic_bold=bold and not primary.bold,
            synthetic_italic=italic and not primary.italic,
            chain=self.fallback,
        )

    def _fallbacks(self, primary: FontFace, bold: bool, italic: bool,
                   rest: tuple[str, ...] = ()) -> tuple[FontFace, ...]:  # fmt: skip
        """The faces a character missing from the primary is looked for in first: the rest
        of the CSS family list (as browsers do: Source Sans Pro Italic has no Cyrillic, so
        `Source Sans Pro, Helvetica, sans-serif` draws italic Cyrillic in Helvetica's
        stand-in), then DejaVu Sans and Vera."""
        listed = [next((f for c in candidates(name) if (f := self.faces(c))), ()) for name in rest]
        chain = [*listed, self.faces("DejaVu Sans"), vera_faces()]
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


def _keys(face: FontFace) -> tuple[str, ...]:
    """The names a face is found by: its family, and its style-linked family when that
    differs ("Source Sans Pro Light", as Office templates name a weight)."""
    if face.legacy_family:
        return (normalise(face.family), normalise(face.legacy_family))
    return (normalise(face.family),)
