"""Per-character font fallback, as fontconfig and browsers choose: the script's own faces first.

Input: a character the resolved font lacks, the requested style, the deck's language, and the
library's family lookup. Output: the installed face that should draw it, or None when no
installed font has it. Order: emoji-presentation characters go to a colour emoji font; then the
faces made for the character's script (Noto Sans CJK SC/TC/JP/KR/HK chosen by the deck's
language for Han, Noto Sans Arabic, Hebrew, Devanagari, ...); then DejaVu Sans, Noto Sans and
reportlab's Vera; last, every installed font (their character maps, cached on disk, asked only
when a character gets that far). Results are cached per character and style.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from converter.text.coverage import Coverage
from converter.text.fonts import FontFace, face_count, load_face, pick_face, vera_faces
from converter.text.scripts import CJK_SCRIPTS, cjk_variant, is_emoji, script_of

__all__ = ["EMOJI_FAMILIES", "ScriptFallback"]

EMOJI_FAMILIES = ("Noto Color Emoji", "Apple Color Emoji", "Segoe UI Emoji", "Twemoji Mozilla",
                  "Noto Emoji", "Symbola")  # fmt: skip
_CJK = ("Noto Sans CJK {v}", "Noto Serif CJK {v}", "Source Han Sans {v}", "Droid Sans Fallback",
        "WenQuanYi Zen Hei", "AR PL UMing CN")  # fmt: skip
_SCRIPT_FAMILIES: dict[str, tuple[str, ...]] = {
    "arabic": ("Noto Sans Arabic", "Noto Naskh Arabic", "Noto Kufi Arabic", "DejaVu Sans"),
    "hebrew": ("Noto Sans Hebrew", "Noto Serif Hebrew", "DejaVu Sans"),
    "syriac": ("Noto Sans Syriac",),
    "thaana": ("Noto Sans Thaana",),
    "thai": ("Noto Sans Thai", "Noto Serif Thai"),
    "lao": ("Noto Sans Lao",),
    "myanmar": ("Noto Sans Myanmar",),
    "khmer": ("Noto Sans Khmer",),
    "oriya": ("Noto Sans Oriya",),
    "ethiopic": ("Noto Sans Ethiopic",),
}
_GENERAL = ("DejaVu Sans", "Noto Sans", "Noto Sans Symbols", "Noto Sans Symbols2", "Noto Sans Math")


class ScriptFallback:
    """The fallback faces of one font library (one deck)."""

    def __init__(self, faces: Callable[[str], tuple[FontFace, ...]], system_files: Callable[[],
                 Sequence[Path]], lang: str | None = None) -> None:  # fmt: skip
        self._faces = faces
        self._system_files = system_files
        self.lang = lang
        self._found: dict[tuple[str, bool, bool], FontFace | None] = {}
        self._emoji: FontFace | bool | None = False  # False: not looked up yet

    def emoji_face(self) -> FontFace | None:
        if self._emoji is False:
            self._emoji = next(
                (faces[0] for name in EMOJI_FAMILIES if (faces := self._faces(name))), None
            )
        assert self._emoji is not True
        return self._emoji

    def face_for(self, char: str, bold: bool, italic: bool) -> FontFace | None:
        """The face to draw `char` with when the resolved font lacks it, or None."""
        key = (char, bold, italic)
        if key in self._found:
            return self._found[key]
        face = self._find(char, bold, italic)
        self._found[key] = face
        return face

    def used(self) -> dict[FontFace, set[str]]:
        """Each fallback face chosen so far, with the scripts of the characters it serves."""
        out: dict[FontFace, set[str]] = {}
        for (char, _bold, _italic), face in self._found.items():
            if face is not None and not char.isspace():
                out.setdefault(face, set()).add(script_of(char))
        return out

    def _find(self, char: str, bold: bool, italic: bool) -> FontFace | None:
        if is_emoji(char):
            emoji = self.emoji_face()
            if emoji is not None and (emoji.has(char) or ord(char) in (0x200D, 0xFE0F)):
                return emoji
        for family in self.families_for(char):
            faces = self._faces(family)
            if faces:
                face = pick_face(faces, bold, italic)
                if face.has(char):
                    return face
                other = next((f for f in faces if f.has(char)), None)
                if other is not None:
                    return other
        vera = vera_faces()
        if vera and pick_face(vera, bold, italic).has(char):
            return pick_face(vera, bold, italic)
        return _scan(tuple(self._system_files()), char)

    def families_for(self, char: str) -> tuple[str, ...]:
        script = script_of(char)
        if script in CJK_SCRIPTS:
            variant = cjk_variant(self.lang, script)
            return (*(f.format(v=variant) for f in _CJK), *_GENERAL)
        own = _SCRIPT_FAMILIES.get(script)
        if own is None and script not in ("latin", "common", "greek", "cyrillic", "emoji"):
            own = (f"Noto Sans {script.title()}", f"Noto Serif {script.title()}")
        return (*(own or ()), *_GENERAL)


_COVERAGE: Coverage | None = None
_SCAN_HITS: dict[tuple[tuple[Path, ...], str], FontFace | None] = {}


def _scan(files: tuple[Path, ...], char: str) -> FontFace | None:
    """The first installed face (in file order) that has `char`. Coverage comes from each
    font's character map, read once and cached on disk (`converter.text.coverage`), so only
    the face found is loaded."""
    global _COVERAGE
    key = (files, char)
    if key in _SCAN_HITS:
        return _SCAN_HITS[key]
    if _COVERAGE is None:
        _COVERAGE = Coverage()
    found: FontFace | None = None
    for path in files:
        for index in range(face_count(path)):
            if _COVERAGE.has(path, index, char):
                face = load_face(path, index)
                if face is not None and not face.color:
                    found = face
                    break
        if found is not None:
            break
    _COVERAGE.save()
    _SCAN_HITS[key] = found
    return found
