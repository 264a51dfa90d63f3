"""A template's text styles: what text in a placeholder looks like when it states nothing.

Input: a master's `p:txStyles` (title, body and other styles per level), a placeholder's
`a:lstStyle` and `a:bodyPr`, the sample paragraphs of a master's placeholders, and the theme's
colour scheme. Output: `TextLook`s per level (size in points, colour, bold, italic, typeface,
alignment) and a placeholder's anchor and insets, merged in PowerPoint's order of inheritance
(master text style, master placeholder, layout placeholder).

LibreOffice writes masters without `p:txStyles` and keeps its styles in the formatting of the
master placeholders' sample text ("Click to edit the title text format"); PowerPoint and
LibreOffice then show unstated text in their defaults (44 pt and 32 pt black). For such a
master the styles are read from its sample text, and the PPTX backend writes them as the
`p:txStyles` PowerPoint would have written (`converter.render.pptx.template.txstyles_xml`), so
text in the output inherits them in both.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from lxml import etree

from converter.style.color import Color
from converter.template.drawingml import drawingml_color

__all__ = [
    "LEVELS",
    "Looks",
    "TextLook",
    "body_frame",
    "level_looks",
    "merge_looks",
    "sample_looks",
]

P = "http://schemas.openxmlformats.org/presentationml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
LEVELS = 9
DEFAULT_INSETS = (91440, 45720, 91440, 45720)  # l, t, r, b EMU: DrawingML's defaults


@dataclass(frozen=True)
class TextLook:
    """One level's look; None: not stated here (inherited from further up)."""

    size: float | None = None  # points
    color: Color | None = None
    scheme: str | None = None  # the scheme colour it names (tx1, accent2, ...), if any
    bold: bool | None = None
    italic: bool | None = None
    typeface: str | None = None  # a face name or a theme font reference (+mj-lt, +mn-lt)
    align: str | None = None  # l, ctr, r, just
    caps: bool | None = None  # cap="all": shown in capitals

    def over(self, base: TextLook) -> TextLook:
        """This look with what it leaves unstated taken from `base`."""
        return TextLook(*(getattr(self, f.name) if getattr(self, f.name) is not None
                          else getattr(base, f.name) for f in fields(self)))  # fmt: skip


Looks = tuple[TextLook, ...]  # one per level, LEVELS long
EMPTY: Looks = (TextLook(),) * LEVELS


def _flag(value: str | None) -> bool | None:
    return None if value is None else value in ("1", "true")


def _look(ppr: etree._Element | None, rpr: etree._Element | None,
          scheme: dict[str, Color]) -> TextLook:  # fmt: skip
    """The look a paragraph's properties (`a:lvlNpPr`/`a:pPr`) and run properties
    (`a:defRPr`/`a:rPr`) state."""
    size = color = ref = bold = italic = face = caps = None
    if rpr is not None:
        sz = rpr.get("sz")
        size = int(sz) / 100 if sz and sz.isdigit() else None
        fill = rpr.find(f"{{{A}}}solidFill")
        color = drawingml_color(fill, scheme)
        found = fill.find(f"{{{A}}}schemeClr") if fill is not None else None
        ref = found.get("val") if found is not None and len(found) == 0 else None
        bold, italic = _flag(rpr.get("b")), _flag(rpr.get("i"))
        cap = rpr.get("cap")
        caps = None if cap is None else cap == "all"
        latin = rpr.find(f"{{{A}}}latin")
        face = (latin.get("typeface") or None) if latin is not None else None
    align = ppr.get("algn") if ppr is not None else None
    return TextLook(size, color, ref, bold, italic, face, align, caps)


def level_looks(styles: etree._Element | None, scheme: dict[str, Color]) -> Looks:
    """The levels of an `a:lstStyle` or a `p:titleStyle`/`bodyStyle`/`otherStyle`."""
    if styles is None:
        return EMPTY
    out: list[TextLook] = []
    for n in range(1, LEVELS + 1):
        ppr = styles.find(f"{{{A}}}lvl{n}pPr")
        out.append(_look(ppr, ppr.find(f"{{{A}}}defRPr") if ppr is not None else None, scheme))
    return tuple(out)


def sample_looks(tx_body: etree._Element | None, scheme: dict[str, Color]) -> Looks:
    """The levels a master placeholder's sample text shows (LibreOffice's styles): each
    level's first paragraph, its first run (else its end-of-paragraph properties)."""
    out = list(EMPTY)
    seen: set[int] = set()
    for para in tx_body.iter(f"{{{A}}}p") if tx_body is not None else ():
        ppr = para.find(f"{{{A}}}pPr")
        try:
            level = int(ppr.get("lvl", "0")) if ppr is not None else 0
        except ValueError:
            continue
        if not 0 <= level < LEVELS or level in seen:
            continue
        seen.add(level)
        rpr = para.find(f"{{{A}}}r/{{{A}}}rPr")
        if rpr is None:
            rpr = para.find(f"{{{A}}}endParaRPr")
        out[level] = _look(ppr, rpr, scheme)
    for n in range(1, LEVELS):  # unstated levels look like the one above them
        if n not in seen:
            out[n] = out[n - 1]
    return tuple(out)


def merge_looks(*layers: Looks) -> Looks:
    """Looks merged level by level, the later layers over the earlier ones."""
    out = list(EMPTY)
    for layer in layers:
        out = [look.over(base) for look, base in zip(layer, out, strict=True)]
    return tuple(out)


def body_frame(
    sp: etree._Element | None,
) -> tuple[str | None, tuple[int | None, int | None, int | None, int | None]]:
    """A placeholder's text anchor (t, ctr, b) and insets (EMU) as its `a:bodyPr` states them."""
    body = sp.find(f"{{{P}}}txBody/{{{A}}}bodyPr") if sp is not None else None
    if body is None:
        return None, (None, None, None, None)

    def emu(name: str) -> int | None:
        value = body.get(name)
        return int(value) if value is not None and value.lstrip("-").isdigit() else None

    return body.get("anchor"), (emu("lIns"), emu("tIns"), emu("rIns"), emu("bIns"))
