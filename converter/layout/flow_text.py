"""The text of a block in the flow: its CSS look and its runs, pictures inline sized as the
browser sizes an `img` in its `p`.

Input: a model block (heading, paragraph, list item), the base text style and the
`FlowContext`. Output: its `Styled` look (the deck's CSS over the base style) and its measured
`TextRun`s (CSS on its spans, underline and strike of the block). Used by the block flow and by
lists (`converter.layout.flow`, `converter.layout.lists`).
"""

from __future__ import annotations

from dataclasses import replace

from converter.layout.boxes import TextRun
from converter.layout.css import Styled, styled, styled_runs
from converter.layout.flow_media import inline_picture
from converter.layout.placed import FlowContext
from converter.layout.text import Pictures, TextStyle
from converter.model import Block, Heading, ListItem, Paragraph, Run

__all__ = ["block_runs", "flow_pictures", "styled_block"]


def flow_pictures(ctx: FlowContext) -> Pictures:
    """How pictures inline in text are sized: as the browser sizes an `img` in its `p`."""
    return lambda image, _size: inline_picture(image, ctx, ctx.width)


def styled_block(node: Block | ListItem, style: TextStyle, ctx: FlowContext) -> Styled:
    """The block's look: the deck's CSS for it over `style`."""
    return styled(node, style, ctx.css, ctx.styles.px, ctx.styles.body.size)


def block_runs(node: Heading | Paragraph | ListItem, look: Styled, ctx: FlowContext,
               prefix: tuple[Run, ...] = ()) -> tuple[TextRun, ...]:  # fmt: skip
    """The block's runs measured in its look, after `prefix` (a task item's box)."""
    spans = styled_runs(node.runs, ctx.css, look.style.size, ctx.styles.px, ctx.styles.body.size)
    runs = ctx.typesetter.runs((*prefix, *spans), look.style, flow_pictures(ctx))
    if look.underline or look.strike:
        runs = tuple(replace(r, underline=r.underline or look.underline,
                             strike=r.strike or look.strike) for r in runs)  # fmt: skip
    return runs
