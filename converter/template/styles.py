"""A template's text styles: what text in a placeholder looks like when it states nothing.

Input: a master's `p:txStyles` (title, body and other styles per level), a placeholder's
`a:lstStyle` and `a:bodyPr`, the sample paragraphs of a master's placeholders, and the theme's
colour scheme. Output: `TextLook`s per level (size in points, colour, bold, italic, typeface,
alignment; the paragraph's indents, spacing and bullet) and a placeholder's anchor and insets,
merged in PowerPoint's order of inheritance (master text style, master placeholder, layout
placeholder).

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
    "SYMBOL_FONTS",
    "Looks",
    "Spacing",
    "TextLook",
    "body_frame",
    "level_looks",
    "merge_looks",
    "sample_looks",
    "unicode_bullet",
]

P = "http://schemas.openxmlformats.org/presentationml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
LEVELS = 9
EMU_PER_PT = 12700
DEFAULT_INSETS = (91440, 45720, 91440, 45720)  # l, t, r, b EMU: DrawingML's defaults


@dataclass(frozen=True)
class Spacing:
    """A paragraph spacing as DrawingML states it: points (`a:spcPts`), or a fraction
    (`a:spcPct`) of the text size (space before and after) or of single spacing (lines)."""

    value: float
    percent: bool

    def points(self, size: float, line: bool = False) -> float:
        """The spacing in points for text of `size` (single spacing: 1.2 times the size, as
        PowerPoint and LibreOffice set a line)."""
        if not self.percent:
            return self.value
        return self.value * size * (1.2 if line else 1.0)


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
    # the paragraph: left margin (`marL`) and first-line indent (`indent`, negative: the
    # marker hangs), points
    margin: float | None = None
    indent: float | None = None
    space_before: Spacing | None = None
    space_after: Spacing | None = None
    line_spacing: Spacing | None = None
    bullet: str | None = None  # the marker character; "" no marker (`a:buNone`)
    bullet_font: str | None = None
    bullet_color: Color | None = None
    bullet_size: float | None = None  # a fraction of the text's size (`a:buSzPct`)

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
    return TextLook(size, color, ref, bold, italic, face, align, caps).over(
        _paragraph(ppr, scheme))


def _emu_pt(value: str | None) -> float | None:
    return int(value) / EMU_PER_PT if value is not None and value.lstrip("-").isdigit() else None


def _spacing(ppr: etree._Element, tag: str) -> Spacing | None:
    found = ppr.find(f"{{{A}}}{tag}")
    if found is None or len(found) == 0:
        return None
    value = found[0].get("val", "")
    if not value.lstrip("-").isdigit():
        return None
    if etree.QName(found[0]).localname == "spcPct":
        return Spacing(int(value) / 100000, True)
    return Spacing(int(value) / 100, False)


def _paragraph(ppr: etree._Element | None, scheme: dict[str, Color]) -> TextLook:
    """What a paragraph's properties state of its indents, spacing and bullet."""
    if ppr is None:
        return TextLook()
    bullet = "" if ppr.find(f"{{{A}}}buNone") is not None else None
    char = ppr.find(f"{{{A}}}buChar")
    if char is not None and char.get("char"):
        bullet = char.get("char")
    font = ppr.find(f"{{{A}}}buFont")
    size = ppr.find(f"{{{A}}}buSzPct")
    percent = size.get("val", "") if size is not None else ""
    return TextLook(
        margin=_emu_pt(ppr.get("marL")),
        indent=_emu_pt(ppr.get("indent")),
        space_before=_spacing(ppr, "spcBef"),
        space_after=_spacing(ppr, "spcAft"),
        line_spacing=_spacing(ppr, "lnSpc"),
        bullet=bullet,
        bullet_font=(font.get("typeface") or None) if font is not None else None,
        bullet_color=drawingml_color(ppr.find(f"{{{A}}}buClr"), scheme),
        bullet_size=int(percent) / 100000 if percent.isdigit() else None,
    )


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


# symbol fonts whose characters stand for others (Office writes them at U+F000 + the code)
SYMBOL_FONTS = frozenset({"Symbol", "Wingdings", "Wingdings 2", "Wingdings 3", "StarSymbol",
                          "OpenSymbol"})  # fmt: skip
_SYMBOL = {0x2D: "\u2212", 0xB7: "\u2022", 0xA8: "\u2666", 0xDE: "\u21d2", 0xAE: "\u2192"}
_WINGDINGS = {0x6C: "\u25cf", 0x6E: "\u25a0", 0x6F: "\u25a1", 0x71: "\u2751",
              0x75: "\u25c6", 0x76: "\u2756", 0xA7: "\u25aa", 0xD8: "\u27a2",
              0xFC: "\u2713", 0x9F: "\u2022"}  # fmt: skip


def unicode_bullet(char: str, font: str | None) -> str:
    """A bullet character as Unicode: a symbol font's (Symbol, Wingdings; at U+F0xx or at
    its own code) is the character it shows, anything unknown of such a font a bullet."""
    if font not in SYMBOL_FONTS or not char:
        return char
    code = ord(char[0])
    code = code - 0xF000 if 0xF000 <= code <= 0xF0FF else code
    table = _WINGDINGS if font.startswith("Wingdings") else _SYMBOL
    if font in ("StarSymbol", "OpenSymbol"):
        return char if not 0xF000 <= ord(char[0]) <= 0xF0FF else "\u2022"
    return table.get(code, "\u2022" if code >= 0x80 or not char.isprintable() else char)
