"""Where fonts come from: CSS family aliases, font folders, reportlab's bundled Vera.

Input: a family name as a theme's CSS writes it ("Helvetica Neue", "-apple-system", "monospace").
Output: `candidates(name)` — the families to look for, in order: the name itself (unless it is a
CSS generic keyword, which names no font), then metric-compatible or look-alike families that
Debian/PyPI users can install. Only files that exist and have TrueType outlines are ever used, so
listing a family here that is missing (or CFF-only, such as TeX Gyre Pagella's .otf) is harmless.
Also: the system font folders, `split_css_families` for a CSS `font-family` value, and
`reportlab_font_dir()` (found with importlib, without importing reportlab).
"""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path

SYSTEM_FONT_DIRS: tuple[Path, ...] = (
    Path("/usr/share/fonts"),
    Path("/usr/local/share/fonts"),
    Path("~/.fonts").expanduser(),
    Path("~/.local/share/fonts").expanduser(),
)
FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".otc")
COLLECTION_SUFFIXES = (".ttc", ".otc")
VERA_FILES = {(False, False): "Vera.ttf", (True, False): "VeraBd.ttf",
              (False, True): "VeraIt.ttf", (True, True): "VeraBI.ttf"}  # fmt: skip


def normalise(name: str) -> str:
    """Family or file-stem key: lower case without spaces, dashes, underscores or quotes."""
    return "".join(c for c in name.lower() if c not in " -_'\"\t")


_HELVETICA = ("Liberation Sans", "Arimo", "Nimbus Sans")
_TIMES = ("Liberation Serif", "Tinos", "Nimbus Roman")
_COURIER = ("Liberation Mono", "Cousine", "Nimbus Mono PS")
# Stand-ins first that are metric-compatible with a font every Office machine has (Liberation
# Sans = Arial, Liberation Serif = Times New Roman, Liberation Mono = Courier New): the PPTX
# then names that font and text measured here fits the same there. DejaVu only after them.
_MONO = ("Liberation Mono", "Cousine", "DejaVu Sans Mono", "Noto Sans Mono")
_PALATINO = ("TeX Gyre Pagella", "P052", "FreeSerif")

#: CSS generic keywords: they never name a font file themselves.
GENERIC_FAMILIES: frozenset[str] = frozenset(
    normalise(n)
    for n in (
        "sans-serif", "serif", "monospace", "cursive", "fantasy", "system-ui", "ui-sans-serif",
        "ui-serif", "ui-monospace", "ui-rounded", "math", "emoji", "fangsong",
    )
)  # fmt: skip

#: Generic keywords that ask for a fixed-pitch face.
MONOSPACE_GENERICS: frozenset[str] = frozenset({"monospace", "uimonospace"})

_TABLE: dict[tuple[str, ...], tuple[str, ...]] = {
    ("sans-serif",): (*_HELVETICA, "DejaVu Sans", "Noto Sans"),
    ("serif",): (*_TIMES, "DejaVu Serif", "Noto Serif"),
    ("monospace", "ui-monospace"): _MONO,
    ("system-ui", "ui-sans-serif"): (*_HELVETICA, "DejaVu Sans"),
    ("ui-serif",): ("DejaVu Serif",),
    (
        "Helvetica", "Arial", "-apple-system", "BlinkMacSystemFont", "Segoe UI",
        "Helvetica Neue", "Lucida Grande",
    ): _HELVETICA,
    ("Arial Narrow", "Helvetica Narrow"): ("Liberation Sans Narrow", "Nimbus Sans Narrow"),
    ("Times New Roman", "Times"): _TIMES,
    ("Courier New", "Courier"): _COURIER,
    ("Palatino Linotype", "Book Antiqua", "Palatino", "Palatino LT STD"): _PALATINO,
    ("Impact",): ("Oswald", "League Gothic", "Anton"),
    ("Source Sans Pro",): ("Source Sans 3",),
    ("Source Code Pro",): ("Source Code Pro", *_MONO),
    ("Menlo", "Consolas", "Monaco", "Lucida Console", "SF Mono", "Andale Mono"): _MONO,
    ("Fira Code",): ("Fira Mono",),
    ("Calibri",): ("Carlito",),
    ("Cambria",): ("Caladea",),
    ("Georgia",): ("Gelasio",),
    ("Noto",): ("Noto Sans",),
}  # fmt: skip

ALIASES: dict[str, tuple[str, ...]] = {
    normalise(name): targets for names, targets in _TABLE.items() for name in names
}


def candidates(name: str) -> tuple[str, ...]:
    """The families to try for one CSS family entry, in order (duplicates removed)."""
    key = normalise(name)
    found = ALIASES.get(key, ())
    head: tuple[str, ...] = () if key in GENERIC_FAMILIES else (name,)
    out: list[str] = []
    seen: set[str] = set()
    for family in (*head, *found):
        k = normalise(family)
        if k not in seen:
            seen.add(k)
            out.append(family)
    return tuple(out)


def split_css_families(value: str) -> tuple[str, ...]:
    """`'"Fira Code", Menlo, monospace'` -> `("Fira Code", "Menlo", "monospace")`."""
    out: list[str] = []
    for part in value.split(","):
        name = part.strip().strip("'\"").strip()
        if name:
            out.append(name)
    return tuple(out)


@cache
def reportlab_font_dir() -> Path | None:
    """reportlab's bundled fonts folder, found without importing reportlab."""
    try:
        spec = importlib.util.find_spec("reportlab")
    except (ImportError, ValueError):
        return None
    if spec is None:
        return None
    roots = list(spec.submodule_search_locations or [])
    if not roots and spec.origin:
        roots = [str(Path(spec.origin).parent)]
    for root in roots:
        folder = Path(root) / "fonts"
        if (folder / "Vera.ttf").is_file():
            return folder
    return None
