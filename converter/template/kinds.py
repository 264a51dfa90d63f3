"""What a template layout is for: its kind of slide, read from its type, placeholders and name.

Input: a layout's `type` attribute (ECMA-376 ST_SlideLayoutType: `title`, `obj`, `twoObj`, ...),
its placeholders and its name. Output: the kind of deck slide it suits (`SlideKind`) and why
(`"type obj"`, `"a title and one content placeholder"`, `"named 'Titel und Inhalt'"`), or None.

The type decides where it agrees with the placeholders (LibreOffice writes `type="tx"` on its
"Title Slide", which holds a title and a subtitle: that layout is a title slide); then a known
name (pandoc's English names, common German and French ones, LibreOffice's); then the
placeholders alone (a title and one body or object placeholder: title and content; two side by
side: two content; ...).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from typing import Literal, TypeAlias

from converter.template.styles import DEFAULT_INSETS, Looks

__all__ = [
    "CONTENT_PH_TYPES",
    "KIND_NAMES",
    "Placeholder",
    "SlideKind",
    "classify",
]

SlideKind: TypeAlias = Literal[
    "title", "section", "content", "two", "comparison", "caption", "title-only", "blank"
]

# placeholder types that hold content (a body, an object, a picture, a table ...)
CONTENT_PH_TYPES = ("body", "obj", "pic", "tbl", "chart", "dgm", "media", "clipArt")

# pandoc's English name first (shown in warnings), then localised and LibreOffice names
KIND_NAMES: dict[SlideKind, tuple[str, ...]] = {
    "title": ("Title Slide", "Titelfolie", "Diapositive de titre", "Titelseite"),
    "section": ("Section Header", "Abschnittsüberschrift", "En-tête de section",
                "Section Title", "Abschnittsüberschrift und Inhalt"),
    "content": ("Title and Content", "Titel und Inhalt", "Titre et contenu", "Title, Content",
                "Titel, Inhalt", "Titre, contenu", "Title, Text", "Titel, Text"),
    "two": ("Two Content", "Zwei Inhalte", "Deux contenus", "Title, 2 Content",
            "Titel, 2 Inhalte", "Titre, 2 contenus"),
    "comparison": ("Comparison", "Vergleich", "Comparaison"),
    "caption": ("Content with Caption", "Inhalt mit Überschrift", "Contenu avec légende"),
    "title-only": ("Title Only", "Nur Titel", "Titre seul"),
    "blank": ("Blank", "Leer", "Vide", "Blank Slide", "Leere Folie", "Diapositive vierge"),
}
_BY_NAME: dict[str, SlideKind] = {
    name.casefold(): kind for kind, names in KIND_NAMES.items() for name in names
}

# ST_SlideLayoutType -> the kind of slide
_BY_TYPE: dict[str, SlideKind] = {
    "title": "title",
    "secHead": "section",
    "obj": "content",
    "tx": "content",
    "twoObj": "two",
    "twoColTx": "two",
    "twoTxTwoObj": "comparison",
    "objTx": "caption",
    "picTx": "caption",
    "titleOnly": "title-only",
    "blank": "blank",
}
_VERTICAL = frozenset({"vertTx", "vertTitleAndTx", "vertTitleAndTxOverChart"})
# which kinds a layout's placeholders allow for a kind its type names
_COMPATIBLE: dict[SlideKind, tuple[SlideKind | None, ...]] = {
    "title": ("title",),
    "section": ("content", "title-only", "title"),
    "content": ("content",),
    "two": ("two",),
    "comparison": ("comparison",),
    "caption": ("two", "caption", None),
    "title-only": ("title-only",),
    "blank": ("blank",),
}


@dataclass(frozen=True)
class Placeholder:
    type: str  # title, ctrTitle, body, subTitle, obj (no type given), pic, tbl, dt, ftr, sldNum...
    idx: int
    name: str
    box: tuple[int, int, int, int] | None  # x, y, cx, cy in EMU (the layout's, else the master's)
    own_box: bool = True  # the layout states the box (False: inherited from the master)
    looks: Looks = ()  # its text per level, as inherited (`converter.template.styles`)
    anchor: str | None = None  # its text's vertical anchor (t, ctr, b); None: top
    insets: tuple[int, int, int, int] = DEFAULT_INSETS  # l, t, r, b in EMU


def _side_by_side(boxes: list[tuple[int, int, int, int] | None]) -> bool:
    known = [b for b in boxes if b is not None]
    if len(known) < len(boxes):
        return True  # positions inherited: trust the count
    known.sort()
    return all(a[0] + a[2] <= b[0] + b[2] // 2 for a, b in pairwise(known))


def structure(placeholders: tuple[Placeholder, ...]) -> tuple[SlideKind | None, str]:
    """The kind the placeholders alone suggest, and the reason."""
    types = [ph.type for ph in placeholders]
    titled = "title" in types or "ctrTitle" in types
    bodies = [ph for ph in placeholders if ph.type in CONTENT_PH_TYPES]
    subtitle = "subTitle" in types
    if "ctrTitle" in types or (titled and subtitle and not bodies):
        return "title", "a title and a subtitle"
    if not titled and not bodies and not subtitle:
        return "blank", "no title or content placeholder"
    if titled and not bodies and not subtitle:
        return "title-only", "only a title placeholder"
    if titled and len(bodies) == 1:
        return "content", "a title and one content placeholder"
    if titled and len(bodies) == 2 and _side_by_side([ph.box for ph in bodies]):
        return "two", "a title and two content placeholders side by side"
    if titled and len(bodies) == 4 and sum(ph.type == "body" for ph in bodies) == 2:
        return "comparison", "a title, two headings and two content placeholders"
    return None, ""


def classify(
    layout_type: str, placeholders: tuple[Placeholder, ...], name: str
) -> tuple[SlideKind | None, str]:
    """The kind of slide a layout suits and why (type, then name, then placeholders)."""
    if layout_type in _VERTICAL:
        return None, ""
    shape, why = structure(placeholders)
    by_type = _BY_TYPE.get(layout_type)
    if by_type is not None and shape in _COMPATIBLE[by_type]:
        return by_type, f"type {layout_type}"
    by_name = _BY_NAME.get(name.strip().casefold())
    if by_name is not None and (shape in _COMPATIBLE[by_name] or shape is None):
        return by_name, f"named {name.strip()!r}"
    if shape is not None:
        return shape, why
    return None, ""
