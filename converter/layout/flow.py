"""Block flow: one slide's blocks measured and stacked as reveal.js stacks them.

Input: the model blocks of one slide, its `SlideStyles`, the canvas width in points and the
image sizes. Output: `Placed` items (height, top/bottom margins, and a function that makes the
boxes at a given position), in order. Coordinates are relative to the canvas's top left corner;
`converter.layout.slide` stacks, centres, fits and offsets them.

Element styling follows dialect.md §4d: centred text, lists as left-aligned blocks centred as a
whole, `pre` 90 % wide, `blockquote` 70 % wide, tables sized to their content, images at their
natural size within 95 % of the canvas.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from converter.layout.boxes import (
    Box,
    PictureBox,
    Role,
    RuleBox,
    TextBox,
    TextLine,
    TextParagraph,
    edge_boxes,
    edge_widths,
)
from converter.layout.code import code_runs, highlight_steps
from converter.layout.css import Styled, block_span
from converter.layout.direction import direction, with_direction
from converter.layout.flex import boxed, container_display, group_block, image_row
from converter.layout.flow_media import (
    MIN_WORD_PT,
    image_block,
    placeholder_block,
    table_block,
)
from converter.layout.flow_text import block_runs, flow_pictures, styled_block
from converter.layout.lists import list_paragraphs
from converter.layout.placed import FlowContext, MakeBoxes, Placed
from converter.layout.styles import QUOTE_FILL, QUOTE_FILL_OPACITY
from converter.layout.text import widest_word
from converter.model import (
    Block,
    BulletList,
    CodeBlock,
    Fragment,
    Group,
    Heading,
    Image,
    OrderedList,
    Paragraph,
    Placeholder,
    Quote,
    Rule,
    Table,
)

CODE_PADDING_EM = 1.0


def flow_blocks(blocks: tuple[Block, ...], ctx: FlowContext) -> list[Placed]:
    placed: list[Placed] = []
    for block in blocks:
        if isinstance(block, Group):
            display = container_display(block, ctx) if ctx.css else None
            look = styled_block(block, ctx.styles.body, ctx) if ctx.css else None
            if look is not None and look.hidden:
                inner = []
            elif block.tag == "p" and all(isinstance(b, Image) for b in block.blocks):
                inner = [image_row(block, ctx, flow_blocks)]
            elif look is not None and (display is not None or boxed(look)):
                inner = [group_block(block, look, display, ctx, flow_blocks)]
            else:
                inner = flow_blocks(block.blocks, ctx)
            if block.attrs.fragment is not None:
                inner = [_with_fragment(item, block.attrs.fragment) for item in inner]
        elif ctx.css and styled_block(block, ctx.styles.body, ctx).hidden:
            inner = []  # display: none
        else:
            handler = _HANDLERS.get(type(block))
            inner = [handler(block, ctx)] if handler is not None else []
        rtl = direction(block.attrs.other)
        if rtl is not None:
            inner = [with_direction(item, rtl) for item in inner]
        placed.extend(inner)
    return placed


def _with_fragment(item: Placed, fragment: Fragment) -> Placed:
    """A block inside a fragment container: its boxes appear with the container unless they
    are fragments themselves."""
    make = item.make

    def made(*args: Any) -> list[Box]:
        return [b if b.fragment is not None else replace(b, fragment=fragment) for b in make(*args)]

    return replace(item, make=made)


def _text_block(
    paragraphs: list[TextParagraph],
    ctx: FlowContext,
    margin_top: float,
    margin_bottom: float,
    fragment: Fragment | None,
    x: float = 0.0,
    w: float | None = None,
    look: Styled | None = None,
    heading: bool = False,
) -> Placed:
    """A box of paragraphs; `look`: what the deck's CSS gives the block (fill, border,
    padding, margins, opacity)."""
    width = ctx.width if w is None else w
    pad = look.padding if look is not None else 0.0
    height = sum(p.height for p in paragraphs) + 2 * pad
    plain = look is None or (look.fill is None and look.border is None and not pad
                             and look.background is None and not look.edges)  # fmt: skip
    top_edge, bottom_edge = edge_widths(look.edges) if look is not None else (0.0, 0.0)
    if look is not None:
        margin_top = margin_top if look.margin_top is None else look.margin_top
        margin_bottom = margin_bottom if look.margin_bottom is None else look.margin_bottom

    def make(x0: float, y: float) -> list[Box]:
        if plain or look is None:
            return [TextBox(x0 + x, y, width, height, tuple(paragraphs), "text",
                            fragment=fragment, heading=heading)]  # fmt: skip
        under: list[Box] = []
        fill = look.fill
        if look.background is not None and ctx.background_key is not None:
            # the CSS background image, composed over the box's colour (else the slide's)
            key = ctx.background_key(look.background, width, height,
                                     fill or look.background.color or ctx.styles.background,
                                     ctx.styles.px)  # fmt: skip
            if key is not None:
                under.append(PictureBox(x0 + x, y, width, height + top_edge + bottom_edge, key,
                                        fragment=fragment))  # fmt: skip
                fill = None
        return [*under, TextBox(x0 + x, y + top_edge, width, height, tuple(paragraphs), "text",
                                fill=fill, fill_opacity=look.opacity, inset=pad,
                                fragment=fragment, border=look.border,
                                border_width=look.border_width, heading=heading),
                *edge_boxes(x0 + x, y, width, height + top_edge + bottom_edge,
                            look.edges)]  # fmt: skip

    return Placed(height + top_edge + bottom_edge, margin_top, margin_bottom, make,
                  text_only=plain)


def _fit_text(block: Heading | Paragraph, look: Styled, ctx: FlowContext) -> Styled:
    """reveal's `r-fit-text`: one line, as large as fits the width (fitty, with reveal's
    16 px floor and 80 % of the slide height as ceiling)."""
    if "r-fit-text" not in block.attrs.classes:
        return look
    natural = sum(r.width for r in block_runs(block, look, ctx) if not r.is_break)
    if natural <= 0:
        return look
    px = ctx.styles.px
    size = look.style.size * (ctx.width - 2 * look.padding) / natural
    size = min(max(size, 16 * px), 0.8 * ctx.height)
    return replace(look, style=look.style.scaled(size / look.style.size))


def _heading(block: Heading, ctx: FlowContext) -> Placed:
    look = _fit_text(block, styled_block(block, ctx.styles.heading(block.level), ctx), ctx)
    x, w = block_span(look, ctx.width)
    runs = block_runs(block, look, ctx)
    widest, room = widest_word(runs), w - 2 * look.padding
    if widest > room > 0:  # a heading never breaks inside a word: it gets smaller instead
        factor = max(room / widest * 0.999, min(1.0, MIN_WORD_PT / look.style.size))
        look = replace(look, style=look.style.scaled(factor))
        runs = block_runs(block, look, ctx)
    para = ctx.typesetter.paragraph(runs, w - 2 * look.padding,
                                    look.style, align=look.align or ctx.styles.heading_align,
                                    fragment=block.attrs.fragment)  # fmt: skip
    return _text_block([para], ctx, 0.0, ctx.styles.heading_margin, block.attrs.fragment,
                       x, w, look, heading=True)  # fmt: skip


def _paragraph(block: Paragraph, ctx: FlowContext) -> Placed:
    look = _fit_text(block, styled_block(block, ctx.styles.body, ctx), ctx)
    x, w = block_span(look, ctx.width)
    if block.display_math is not None:
        return _display_math(block, look, x, w, ctx)
    para = ctx.typesetter.paragraph(block_runs(block, look, ctx), w - 2 * look.padding,
                                    look.style, align=look.align or ctx.styles.align,
                                    fragment=block.attrs.fragment)  # fmt: skip
    margin = 0.0 if block.anonymous else ctx.styles.block_margin  # a p's margins
    return _text_block([para], ctx, margin, margin, block.attrs.fragment, x, w, look)


def _display_math(block: Paragraph, look: Styled, x: float, w: float,
                  ctx: FlowContext) -> Placed:  # fmt: skip
    """A displayed formula alone: a block of its own, centred, sized to the formula (smaller
    when wider than the slide), 1em above and below as MathJax sets it."""
    runs = block_runs(block, look, ctx)
    formula = runs[0].math
    if formula is not None and formula.width > w > 0:
        look = replace(look, style=look.style.scaled(w / formula.width * 0.999))
        runs = block_runs(block, look, ctx)
    run = runs[0]
    formula = run.math
    if formula is None:  # the outlines failed after all: its source as text
        para = ctx.typesetter.paragraph(runs, w, look.style, fragment=block.attrs.fragment)
        return _text_block([para], ctx, ctx.styles.block_margin, ctx.styles.block_margin,
                           block.attrs.fragment, x, w)  # fmt: skip
    line = TextLine((run,), formula.width, formula.height, formula.ascent)
    para = TextParagraph((run,), (line,), "center", fragment=block.attrs.fragment)
    left = x + (w - formula.width) / 2
    margin = max(ctx.styles.block_margin, look.style.size)

    def make(x0: float, y: float) -> list[Box]:
        return [TextBox(x0 + left, y, formula.width, formula.height, (para,), "text",
                        fragment=block.attrs.fragment)]  # fmt: skip

    return Placed(formula.height, margin, margin, make)


def _list(block: BulletList | OrderedList, ctx: FlowContext) -> Placed:
    look = styled_block(block, ctx.styles.body, ctx)
    paragraphs = list_paragraphs(block, ctx, look.style)
    content = max(
        (p.indent + max((ln.width for ln in p.lines), default=0.0) for p in paragraphs), default=0.0
    )
    content = min(content, ctx.width)
    # reveal centres a list as a block; typed into a template it starts at the left
    x = 0.0 if ctx.styles.levels else max(0.0, (ctx.width - content) / 2)
    return _text_block(paragraphs, ctx, 0.0, 0.0, block.attrs.fragment, x, content, look)


def _code(block: CodeBlock, ctx: FlowContext) -> Placed:
    look = styled_block(block, ctx.styles.code, ctx)  # `pre`: font size, family, background
    style = replace(ctx.styles.code, size=look.style.size, families=look.style.families,
                    code_families=look.style.families)  # token colours stay the theme's
    left, width = block_span(look, ctx.width, width=ctx.width * 0.9, auto_margins=True)
    pad = style.size * CODE_PADDING_EM
    lines = block.text.split("\n")
    inner = width - 2 * pad
    widest = max(
        (
            ctx.typesetter.font(style.families, False, False).width(line, style.size)
            for line in lines
        ),
        default=0.0,
    )
    overflow: list[str] = []
    if widest > inner:
        shrink = max(inner / widest, 0.5)
        style = style.scaled(shrink)
        if widest * shrink > inner:
            overflow.append("a code line is too wide even at half size; it is cut off")
    paragraphs = [
        ctx.typesetter.paragraph(
            ctx.typesetter.runs(runs, style), inner, style, align="left", wrap=False
        )
        for runs in code_runs(block, ctx.highlight)
    ]
    height = sum(p.height for p in paragraphs) + 2 * pad
    margin = ctx.styles.block_margin
    background = look.fill or ctx.styles.code_background
    makers = [
        _placed_box(
            left,
            width,
            height,
            list(step),
            "code",
            fragment,
            fill=background,
            inset=pad,
            wrap=False,
            shadow=k == 0,  # the stacked copies of further highlight steps cast none
        )
        for k, (step, fragment) in enumerate(highlight_steps(block, paragraphs, background))
    ]

    def make(x0: float, y: float) -> list[Box]:
        return [box for maker in makers for box in maker(x0, y)]

    return Placed(height, margin, margin, make, overflow=overflow)


def _quote(block: Quote, ctx: FlowContext) -> Placed:
    look = styled_block(block, ctx.styles.quote, ctx)
    style = look.style
    left, width = block_span(look, ctx.width, width=ctx.width * 0.7, auto_margins=True)
    pad = max(5 * ctx.styles.px, look.padding)
    paragraphs: list[TextParagraph] = []
    for child in block.blocks:
        if isinstance(child, Paragraph | Heading):
            paragraphs.append(
                ctx.typesetter.paragraph(
                    ctx.typesetter.runs(child.runs, style, flow_pictures(ctx)),
                    width - 2 * pad,
                    style,
                    space_before=ctx.styles.block_margin if paragraphs else 0.0,
                    fragment=child.attrs.fragment,
                )
            )
        elif isinstance(child, BulletList | OrderedList):
            paragraphs.extend(
                list_paragraphs(
                    child, ctx, style, max_width=width - 2 * pad, inherited=child.attrs.fragment
                )
            )
    height = sum(p.height for p in paragraphs) + 2 * pad
    margin = ctx.styles.block_margin

    make = _placed_box(
        left,
        width,
        height,
        paragraphs,
        "quote",
        block.attrs.fragment,
        fill=look.fill or QUOTE_FILL,
        fill_opacity=QUOTE_FILL_OPACITY if look.fill is None else look.opacity,
        inset=pad,
        border=look.border,
        border_width=look.border_width,
    )
    margin_top = margin if look.margin_top is None else look.margin_top
    margin_bottom = margin if look.margin_bottom is None else look.margin_bottom
    return Placed(height, margin_top, margin_bottom, make)


def _placed_box(
    left: float,
    width: float,
    height: float,
    paragraphs: list[TextParagraph],
    role: Role,
    fragment: Fragment | None,
    **style: Any,
) -> MakeBoxes:
    """A text box of the given size `left` points from the canvas's left edge (code, quotes)."""

    def make(x0: float, y: float) -> list[Box]:
        return [
            TextBox(
                x0 + left,
                y,
                width,
                height,
                tuple(paragraphs),
                role,
                fragment=fragment,
                **style,
            )
        ]

    return make


def _rule(block: Rule, ctx: FlowContext) -> Placed:
    margin = 0.5 * ctx.styles.body.size

    def make(x0: float, y: float) -> list[Box]:
        return [
            RuleBox(
                x0,
                y,
                ctx.width,
                ctx.styles.text_color,
                max(1.0 * ctx.styles.px, 0.5),
                block.attrs.fragment,
            )
        ]

    return Placed(1.0, margin, margin, make)


_HANDLERS: dict[type, Callable[..., Placed]] = {
    Heading: _heading,
    Paragraph: _paragraph,
    BulletList: _list,
    OrderedList: _list,
    CodeBlock: _code,
    Quote: _quote,
    Table: table_block,
    Image: image_block,
    Rule: _rule,
    Placeholder: placeholder_block,
}
