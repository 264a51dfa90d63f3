"""Lists: the items of a (nested) list as paragraphs with their markers and indents.

Input: a model `BulletList` or `OrderedList`, the `FlowContext` and the list's text style.
Output: left-aligned `TextParagraph`s, one per item and per paragraph inside an item, with
their bullets or numbers. As reveal.js sets them (markers hanging in a 1em margin, numbers with
room for the widest, 40px more per level), or, in a template's look (`SlideStyles.levels`), as
the template's text style sets each level: its indents, bullet character, font, colour and
size (a smaller bullet raised as LibreOffice centres it), line spacing and the spacing between
paragraphs.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from itertools import pairwise

from converter.layout.boxes import Bullet, TextParagraph, paragraph_size
from converter.layout.flow_text import block_runs, flow_pictures, styled_block
from converter.layout.placed import FlowContext
from converter.layout.text import TextStyle
from converter.model import BulletList, Fragment, Heading, ListItem, OrderedList, Paragraph, Run
from converter.style.color import Color
from converter.style.themes import SINGLE_LINE, ListLevel
from converter.text.fonts import ResolvedFont

__all__ = ["BULLETS", "NESTED_INDENT_PX", "TASK_MARKS", "list_paragraphs"]

BULLETS = ("•", "▪", "◦")  # disc, square, circle
NESTED_INDENT_PX = 40.0
TASK_MARKS = {True: "☑ ", False: "☐ "}


def list_paragraphs(
    block: BulletList | OrderedList,
    ctx: FlowContext,
    style: TextStyle,
    level: int = 0,
    max_width: float | None = None,
    inherited: Fragment | None = None,
) -> list[TextParagraph]:
    """Every item of a (nested) list as left-aligned paragraphs with their indents; items that
    are no fragments themselves appear with `inherited` (their list's or parent item's). In a
    template's look, each level is set as the template's text style sets it (`_Level`)."""
    out: list[TextParagraph] = []
    limit = ctx.width if max_width is None else max_width
    place = _level(block, ctx, style, level)
    for i, item in enumerate(block.items):
        if ctx.css and styled_block(item, style, ctx).hidden:
            continue
        look = styled_block(item, place.style, ctx)
        fragment = item.attrs.fragment or inherited
        prefix = (Run(TASK_MARKS[item.checked]),) if item.checked is not None else ()
        if isinstance(block, OrderedList):
            bullet = Bullet(
                number=block.start + i, start=block.start, size=look.style.size,
                color=look.style.color,  # the marker takes the item's size and colour
            )
        elif item.checked is not None:
            bullet = None
        else:
            size = look.style.size * place.char_size
            bullet = Bullet(
                char=place.char,
                size=size,
                color=place.char_color or look.style.color,
                font=place.char_font,
                rise=_rise(place.char_font, size, look.style.size) if ctx.styles.levels else 0.0,
            )
        out.append(
            ctx.typesetter.paragraph(
                block_runs(item, look, ctx, prefix),
                max(limit - place.indent, style.size * 4),
                look.style,
                align=look.align or "left",
                level=level,
                bullet=bullet,
                indent=place.indent,
                hanging=place.hanging,
                fragment=fragment,
            )
        )
        out.extend(_item_blocks(item, ctx, place.style, level, place.indent, limit, fragment))
    if level == 0 and ctx.styles.levels:
        out = _template_spacing(out, ctx.styles.levels, ctx.styles.px)
    return out


@dataclass(frozen=True)
class _Level:
    """How the items of one list level are set: their text style, the text's indent from the
    list's left, how far the marker hangs left of it, and the bullet."""

    style: TextStyle
    indent: float
    hanging: float
    char: str
    char_font: ResolvedFont
    char_size: float = 1.0  # a fraction of the text's size
    char_color: Color | None = None


def _level(block: BulletList | OrderedList, ctx: FlowContext, style: TextStyle,
           level: int) -> _Level:  # fmt: skip
    """Reveal's list level (markers hang in a 1em margin, numbers need more room, 40px per
    level), or, in a template's look, the template's: its indents, bullet, size and line
    spacing at that level (numbers that need more room than its hanging indent get it)."""
    px = ctx.styles.px
    # markers hang left of the text: a bullet in reveal's 1em margin, numbers need more room
    marker_room = style.size * (1.6 if isinstance(block, OrderedList) else 1.0)
    last = block.start + len(block.items) - 1 if isinstance(block, OrderedList) else 0
    widest = 0.0
    if isinstance(block, OrderedList):  # room for the widest number, clear of the text
        font = ctx.typesetter.font(style.families, False, False)
        widest = font.width(f"{last}.", style.size) + 0.3 * style.size
    if last >= 100:
        marker_room = max(marker_room, widest / 0.9)
    reveal_font = ctx.typesetter.font(("DejaVu Sans", "sans-serif"), False, False)
    levels = ctx.styles.levels
    if not levels:
        return _Level(style, marker_room + level * NESTED_INDENT_PX * px, marker_room * 0.9,
                      BULLETS[min(level, 2)], reveal_font)  # fmt: skip
    own = levels[min(level, len(levels) - 1)]
    if own.size_px and level:  # the level's own size (`style` is the level above's)
        style = replace(style, size=own.size_px * px)
    style = replace(style, line_height=own.line_height or SINGLE_LINE)
    if own.margin_px is None:  # the template does not say: reveal's indent for the level
        indent, hanging = marker_room + level * NESTED_INDENT_PX * px, marker_room * 0.9
    else:
        indent, hanging = own.margin_px * px, -own.indent_px * px
    if hanging < max(widest, 0.3 * style.size):  # a marker needs room left of the text
        hanging = max(widest, marker_room * 0.9)
        indent = max(indent, hanging)
    font = reveal_font
    if own.bullet_font:
        font = ctx.typesetter.font((own.bullet_font, "DejaVu Sans", "sans-serif"), False, False)
    return _Level(style, indent, hanging, own.bullet or BULLETS[min(level, 2)], font,
                  own.bullet_size, own.bullet_color)  # fmt: skip


# where LibreOffice centres a template's bullet on the line: this far above the baseline, in
# the text's size (measured: 0.40 for DejaVu Sans text, whatever the bullet's font and size)
TEXT_MIDDLE = 0.40


def _rise(font: ResolvedFont, size: float, text_size: float) -> float:
    """How far a template's bullet of `size` sits above the baseline of text of `text_size`:
    the middle of its ascent and descent at the text's middle, as LibreOffice sets it
    (measured for bullets of 45 to 100 % in three fonts, within 0.1 pt)."""
    middle = (font.ascent_pt(size) - font.descent_pt(size)) / 2
    return TEXT_MIDDLE * text_size - middle


def _template_spacing(paragraphs: list[TextParagraph], levels: tuple[ListLevel, ...],
                      px: float) -> list[TextParagraph]:  # fmt: skip
    """A list's paragraphs spaced as the template spaces them: each one's space before and the
    previous one's space after (PowerPoint and LibreOffice add both), per cent of their own
    sizes or points (`px`: points per CSS px)."""
    out = paragraphs[:1]
    for prev, para in pairwise(paragraphs):
        above = levels[min(prev.level, len(levels) - 1)]
        own = levels[min(para.level, len(levels) - 1)]
        space = (own.space_before_em * paragraph_size(para) + own.space_before_px * px
                 + above.space_after_em * paragraph_size(prev)
                 + above.space_after_px * px)  # fmt: skip
        out.append(replace(para, space_before=space))
    return out


def _item_blocks(
    item: ListItem,
    ctx: FlowContext,
    style: TextStyle,
    level: int,
    indent: float,
    limit: float,
    fragment: Fragment | None,
) -> list[TextParagraph]:
    out: list[TextParagraph] = []
    for child in item.blocks:
        if isinstance(child, BulletList | OrderedList):
            inherited = child.attrs.fragment or fragment
            out.extend(list_paragraphs(child, ctx, style, level + 1, limit, inherited))
        elif isinstance(child, Paragraph | Heading):
            out.append(
                ctx.typesetter.paragraph(
                    ctx.typesetter.runs(child.runs, style, flow_pictures(ctx)),
                    max(limit - indent, style.size * 4),
                    style,
                    align="left",
                    level=level,
                    indent=indent,
                    space_before=ctx.styles.block_margin,
                    fragment=child.attrs.fragment or fragment,
                )
            )
    return out
