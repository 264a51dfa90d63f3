"""Side by side: flex and grid containers, and reveal's layout helpers, laid out as CSS does.

Input: a `Group` (a raw-HTML `div`) whose computed `display` is `flex` or `grid`, or which is
one of reveal's `r-hstack`, `r-vstack`, `r-stack`; its computed values; the `FlowContext`; and
the block flow (passed in, as flow calls here). Output: one `Placed` item holding every child's
boxes at their places. Each child is flowed on its own canvas of the width it gets, so it keeps
its own wrapping, and each stays its own editable box in the PPTX.

- flex (row): `flex` / `flex-grow` / `flex-shrink` / `flex-basis` / `width` give each item's
  size from its max-content width; `gap` / `column-gap`; `flex-wrap: wrap` breaks into lines;
  `justify-content` (start, center, end, space-between, -around, -evenly) places the free
  space; `align-items` (stretch and start: top, center, end) places items in their line.
- flex (column): items stacked with `row-gap`, centred when `align-items: center`.
- grid: `grid-template-columns` tracks (px, pt, em, rem, %, `fr`, `auto`, `minmax()`,
  `repeat(n | auto-fill | auto-fit, ...)`), items row by row, `gap`.
- `r-stack`: every child in the same place, centred (reveal's `grid-area: 1/1; margin: auto`).

Each column keeps its own fitting: the lines of side-by-side items at a slide's top level are
recorded (`FlowContext.rows`, with a way to measure each item at another text scale), and an
item given a scale of its own (`FlowContext.item_scales`, set by `converter.layout.slide`) is
flowed with its styles at that scale while its neighbours keep theirs.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace

from converter.layout.boxes import Box, PictureBox, TableBox, TextBox, edge_boxes, edge_widths
from converter.layout.css import Styled, block_height, block_span, styled_values
from converter.layout.grid_tracks import grid_tracks, is_number, item_length
from converter.layout.placed import FlowContext, Placed, RowItem, RowLine, stack
from converter.model import Block, Group
from converter.style.cascade import Computed

__all__ = ["boxed", "container_display", "flex_block", "group_block", "image_row"]

Flow = Callable[[tuple[Block, ...], FlowContext], list[Placed]]
_HELPERS = {"r-hstack": "flex", "r-vstack": "flex", "r-stack": "stack"}
MIN_ITEM_PT = 12.0  # no flex item is squeezed narrower


def container_display(group: Group, ctx: FlowContext) -> str | None:
    """`flex`, `grid` or `stack` when the group lays its children out side by side."""
    values = _values(group, ctx)
    display = values.get("display", "").strip().lower()
    if display in ("flex", "inline-flex"):
        return "flex"
    if display in ("grid", "inline-grid"):
        return "stack" if "r-stack" in group.attrs.classes else "grid"
    for name in group.attrs.classes:
        if name in _HELPERS and not display:
            return _HELPERS[name]
    return None


def _values(node: object, ctx: FlowContext) -> dict[str, str]:
    found: Computed | None = ctx.css.get(id(node)) if ctx.css else None
    return {k: v for k, (v, _deck) in found.items()} if found else {}


@dataclass
class _Item:
    block: Block
    grow: float = 0.0
    shrink: float = 1.0
    basis: float = 0.0
    size: float = 0.0
    placed: list[Placed] | None = None
    height: float = 0.0


def _gaps(values: dict[str, str], whole: float, ctx: FlowContext) -> tuple[float, float]:
    """(row gap, column gap) in points."""
    row = column = 0.0
    if "gap" in values:
        parts = values["gap"].split()
        row = item_length(parts[0], whole, ctx) or 0.0 if parts else 0.0
        column = (item_length(parts[1], whole, ctx) or 0.0) if len(parts) > 1 else row
    if "row-gap" in values:
        row = item_length(values["row-gap"], whole, ctx) or 0.0
    if "column-gap" in values:
        column = item_length(values["column-gap"], whole, ctx) or 0.0
    return max(0.0, row), max(0.0, column)


def _flow_one(block: Block, width: float, ctx: FlowContext, flow: Flow,
              own: bool = False) -> list[Placed]:  # fmt: skip
    """`block` flowed as a flex or grid item `width` points wide (a picture that is an item
    itself keeps its size: reveal's 95 % cap is of the container, not of the item); `own`:
    at the text scale fitting gave this item alone, if any (`FlowContext.item_scales`)."""
    inner = replace(ctx, width=max(width, 1.0), item_of=ctx.width, rows=None)
    factor = ctx.item_scales.get(id(block)) if own and ctx.item_scales else None
    if factor is not None:
        inner = replace(inner, styles=ctx.styles.scaled(factor))
    return flow((block,), inner)


def _record(ctx: FlowContext, flow: Flow, height: float,
            items: list[tuple[Block, float, float]]) -> None:  # fmt: skip
    """A line of side-by-side items (block, width, outer height) noted for fitting, when
    `ctx` records rows (the slide's top level) and the line has more than one item."""
    if ctx.rows is None or len(items) < 2:
        return
    base = replace(ctx, rows=None, item_scales=None)

    def measurer(block: Block, width: float) -> Callable[[float], float]:
        def measure(factor: float) -> float:
            scaled = replace(base, styles=base.styles.scaled(factor))
            return outer_height(_flow_one(block, width, scaled, flow))

        return measure

    ctx.rows.append(RowLine(height, [RowItem(id(b), h, measurer(b, w)) for b, w, h in items]))


def max_content(placed: list[Placed], width: float, inset: float = 0.0) -> float:
    """The max-content width of flowed items, at most `width`: their widest content (text
    lines, pictures, tables; the boxes drawn around them do not count) plus `inset` on each
    side (a container's padding and border)."""
    widest = 0.0
    for item in placed:
        for box in item.make(0.0, 0.0):
            widest = max(widest, _box_content(box))
    return min(widest + 2 * inset, width)


def _box_content(box: Box) -> float:
    if isinstance(box, TextBox):
        if not box.paragraphs:
            return 0.0
        lines = max((p.indent + max((ln.width for ln in p.lines), default=0.0)
                     for p in box.paragraphs), default=0.0)  # fmt: skip
        return lines + 2 * box.inset + 2.0
    if isinstance(box, PictureBox | TableBox):
        return box.w
    return 0.0


def _flex_item(block: Block, whole: float, ctx: FlowContext, flow: Flow) -> _Item:
    values = _values(block, ctx)
    item = _Item(block)
    basis: float | None = None
    flex = values.get("flex", "").strip().lower()
    if flex:
        parts = flex.split()
        if parts[0] == "none":
            item.grow, item.shrink = 0.0, 0.0
        elif parts[0] == "auto":
            item.grow = 1.0
        else:
            numbers = [p for p in parts if is_number(p)]
            lengths = [p for p in parts if not is_number(p)]
            item.grow = float(numbers[0]) if numbers else 1.0
            item.shrink = float(numbers[1]) if len(numbers) > 1 else 1.0
            basis = 0.0 if not lengths else item_length(lengths[0], whole, ctx)
    if is_number(values.get("flex-grow", "").strip()):
        item.grow = float(values["flex-grow"])
    if is_number(values.get("flex-shrink", "").strip()):
        item.shrink = float(values["flex-shrink"])
    if "flex-basis" in values and values["flex-basis"].strip().lower() not in ("auto", "content"):
        basis = item_length(values["flex-basis"], whole, ctx)
    if basis is None and "width" in values:
        basis = item_length(values["width"], whole, ctx)
    if basis is None:
        inset = 0.0
        if isinstance(block, Group) and ctx.css:
            look = styled_values(ctx.css.get(id(block), {}), ctx.styles.body, ctx.styles.px,
                                 ctx.styles.body.size)  # fmt: skip
            inset = look.padding + look.border_width
        basis = max_content(_flow_one(block, whole, ctx, flow), whole, inset)
    item.basis = max(0.0, basis)
    return item


def _lines(items: list[_Item], whole: float, gap: float, wrap: bool) -> list[list[_Item]]:
    if not wrap:
        return [items]
    lines: list[list[_Item]] = [[]]
    used = 0.0
    for item in items:
        extra = item.basis + (gap if lines[-1] else 0.0)
        if lines[-1] and used + extra > whole:
            lines.append([])
            extra, used = item.basis, 0.0
        lines[-1].append(item)
        used += extra
    return lines


def _resolve(line: list[_Item], whole: float, gap: float) -> float:
    """Each item's main size (grow into free space, shrink out of a deficit); the free space
    left over."""
    free = whole - sum(i.basis for i in line) - gap * (len(line) - 1)
    grow = sum(i.grow for i in line)
    weight = sum(i.shrink * i.basis for i in line)
    for item in line:
        if free > 0 and grow > 0:
            item.size = item.basis + free * item.grow / grow
        elif free < 0 and weight > 0:
            item.size = item.basis + free * item.shrink * item.basis / weight
        else:
            item.size = item.basis
        item.size = max(item.size, min(MIN_ITEM_PT, item.basis))
    return whole - sum(i.size for i in line) - gap * (len(line) - 1)


def _spacing(justify: str, free: float, count: int, gap: float) -> tuple[float, float]:
    """(offset of the first item, space between items) for `justify-content`."""
    free = max(free, 0.0)
    if justify in ("center",):
        return free / 2, gap
    if justify in ("flex-end", "end", "right"):
        return free, gap
    if justify == "space-between" and count > 1:
        return 0.0, gap + free / (count - 1)
    if justify == "space-around" and count:
        return free / count / 2, gap + free / count
    if justify == "space-evenly" and count:
        return free / (count + 1), gap + free / (count + 1)
    return 0.0, gap


def outer_height(placed: list[Placed]) -> float:
    """The height of a flex or grid item holding `placed`: its content with the first top
    and last bottom margins, which do not collapse through an item (it is its own formatting
    context)."""
    if not placed:
        return 0.0
    return placed[0].margin_top + stack(placed)[0] + placed[-1].margin_bottom


def _placed_height(item: _Item) -> float:
    return outer_height(item.placed or [])


def _make(parts: list[tuple[float, float, list[Placed]]]) -> Callable[..., list[Box]]:
    """Boxes of flowed items, each list at its (x, y) offset within the container (the top of
    the item's margin box)."""

    def make(x0: float, y: float) -> list[Box]:
        boxes: list[Box] = []
        for dx, dy, placed in parts:
            _total, tops = stack(placed)
            first = placed[0].margin_top if placed else 0.0
            for top, item in zip(tops, placed, strict=True):
                boxes.extend(item.make(x0 + dx, y + dy + first + top))
        return boxes

    return make


def _container(height: float, parts: list[tuple[float, float, list[Placed]]]) -> Placed:
    """The container as one flowed item: a `div`, without margins of its own."""
    return Placed(height, 0.0, 0.0, _make(parts))


def flex_block(group: Group, display: str, ctx: FlowContext, flow: Flow,
               height: float = 0.0, values: dict[str, str] | None = None) -> Placed:  # fmt: skip
    """The container's children side by side (`display`: flex, grid or stack); `height`: the
    container's own CSS height (0: as tall as its content); `values`: its computed CSS (else
    looked up)."""
    values = _values(group, ctx) if values is None else values
    whole = ctx.width
    row_gap, column_gap = _gaps(values, whole, ctx)
    children = [b for b in group.blocks
                if _values(b, ctx).get("display", "").strip().lower() != "none"]  # fmt: skip
    if display == "stack":
        return _stack_layers(children, ctx, flow)
    if display == "grid":
        return _grid(children, values, ctx, flow, row_gap, column_gap)
    direction = values.get("flex-direction", "row").strip().lower()
    default_align = "center" if "r-hstack" in group.attrs.classes else "stretch"
    align = values.get("align-items", default_align).strip().lower()
    justify = values.get("justify-content", "normal").strip().lower()
    if direction.startswith("column"):
        return _column(children, ctx, flow, row_gap, align, justify, height)
    wrap = values.get("flex-wrap", "nowrap").strip().lower().startswith("wrap")
    items = [_flex_item(b, whole, ctx, flow) for b in children]
    parts: list[tuple[float, float, list[Placed]]] = []
    y = 0.0
    lines = _lines(items, whole, column_gap, wrap)
    for line in lines:
        free = _resolve(line, whole, column_gap)
        x, between = _spacing(justify, free, len(line), column_gap)
        for item in line:
            item.placed = _flow_one(item.block, item.size, ctx, flow, own=True)
            item.height = _placed_height(item)
        tallest = max((i.height for i in line), default=0.0)
        if len(lines) == 1:  # a single line is as tall as the container
            tallest = max(tallest, height)
        _record(ctx, flow, tallest, [(i.block, i.size, i.height) for i in line])
        for item in line:
            own = _values(item.block, ctx).get("align-self", "auto").strip().lower()
            where = align if own in ("auto", "normal") else own
            dy = {"center": (tallest - item.height) / 2, "flex-end": tallest - item.height,
                  "end": tallest - item.height}.get(where, 0.0)  # fmt: skip
            placed = item.placed or []
            if where in ("stretch", "normal") and item.height < tallest:
                placed = _stretched(placed, tallest - item.height)
            parts.append((x, y + dy, placed))
            x += item.size + between
        y += tallest + row_gap
    return _container(max(0.0, y - row_gap, height), parts)


def _stretched(placed: list[Placed], extra: float) -> list[Placed]:
    """An item stretched `extra` points taller (`align-items: stretch`): a box drawn around
    it (a code block's, a styled container's) grows to the line's height; text stays."""
    if len(placed) != 1:
        return placed
    item = placed[0]
    make = item.make

    def made(x0: float, y: float) -> list[Box]:
        boxes = make(x0, y)
        first = boxes[0] if boxes else None
        drawn = isinstance(first, PictureBox) or (
            isinstance(first, TextBox) and (first.fill is not None or first.border is not None))
        if isinstance(first, TextBox | PictureBox) and drawn and abs(first.h - item.height) < 0.5:
            boxes[0] = replace(first, h=item.height + extra)
        return boxes

    return [replace(item, make=made)]


def _column(children: list[Block], ctx: FlowContext, flow: Flow, gap: float,
            align: str, justify: str, height: float) -> Placed:  # fmt: skip
    parts: list[tuple[float, float, list[Placed]]] = []
    y = 0.0
    for block in children:
        placed = _flow_one(block, ctx.width, ctx, flow)
        dx = 0.0
        if align in ("flex-start", "start", "flex-end", "end"):
            content = max_content(placed, ctx.width)
            placed = _flow_one(block, content, ctx, flow)
            dx = 0.0 if "start" in align else ctx.width - content
        parts.append((dx, y, placed))
        y += outer_height(placed) + gap
    content = max(0.0, y - gap)
    if height > content and parts:  # justify-content in a column of a given height
        first, between = _spacing(justify, height - content, len(parts), 0.0)
        parts = [(dx, top + first + k * between, placed)
                 for k, (dx, top, placed) in enumerate(parts)]  # fmt: skip
    return _container(max(content, height), parts)


def _stack_layers(children: list[Block], ctx: FlowContext, flow: Flow) -> Placed:
    flowed = [_flow_one(b, ctx.width, ctx, flow) for b in children]
    heights = [outer_height(p) for p in flowed]
    total = max(heights, default=0.0)
    parts = [(0.0, (total - h) / 2, p) for p, h in zip(flowed, heights, strict=True)]
    return _container(total, parts)


def _grid(children: list[Block], values: dict[str, str], ctx: FlowContext, flow: Flow,
          row_gap: float, column_gap: float) -> Placed:  # fmt: skip
    widths = grid_tracks(values.get("grid-template-columns", "none"), ctx.width, column_gap, ctx)
    columns = len(widths)
    lefts = [sum(widths[:i]) + column_gap * i for i in range(columns)]
    parts: list[tuple[float, float, list[Placed]]] = []
    y = 0.0
    for start in range(0, len(children), columns):
        row = children[start : start + columns]
        flowed = [_flow_one(b, widths[k], ctx, flow, own=True) for k, b in enumerate(row)]
        heights = [outer_height(p) for p in flowed]
        _record(ctx, flow, max(heights, default=0.0),
                [(b, widths[k], heights[k]) for k, b in enumerate(row)])  # fmt: skip
        parts.extend((lefts[k], y, p) for k, p in enumerate(flowed))
        y += max(heights, default=0.0) + row_gap
    total = max(0.0, y - row_gap) if children else 0.0
    return _container(total if math.isfinite(total) else 0.0, parts)


def image_row(group: Group, ctx: FlowContext, flow: Flow) -> Placed:
    """A paragraph of images (`p > img img ...`): inline boxes on lines, side by side with a
    space between them, wrapped when a line is full, aligned as the paragraph's text (centred
    by default) and sitting on the baseline (bottoms aligned)."""
    values = _values(group, ctx)
    align = values.get("text-align", "center").strip().lower()
    justify = {"left": "flex-start", "start": "flex-start", "right": "flex-end",
               "end": "flex-end"}.get(align, "center")  # fmt: skip
    space = ctx.typesetter.font(ctx.styles.body.families, False, False).width(
        " ", ctx.styles.body.size)  # fmt: skip
    row = {"flex-wrap": "wrap", "justify-content": justify, "align-items": "flex-end",
           "column-gap": f"{space / ctx.styles.px:.3f}px"}  # fmt: skip
    # pictures side by side are no columns of text: fitting shrinks them as pictures
    placed = flex_block(group, "flex", replace(ctx, rows=None), flow, values=row)
    margin = ctx.styles.block_margin  # the paragraph's own
    return replace(placed, margin_top=margin, margin_bottom=margin, image_height=placed.height)


def boxed(look: Styled) -> bool:
    """Whether a container's CSS draws a box or sizes it (so it is laid out as one box, not
    flattened into its parent's flow)."""
    return bool(look.fill is not None or look.border is not None or look.padding or look.edges
                or look.background is not None or look.width or look.max_width
                or look.height or look.min_height or look.margin_left
                or look.margin_right)  # fmt: skip


def group_block(group: Group, look: Styled, display: str | None, ctx: FlowContext,
                flow: Flow) -> Placed:  # fmt: skip
    """A container (`div`) as one box: its CSS width and side margins place it, its padding
    and border hold its content in, its background (colour, image) and border are drawn
    beneath the content, `height` / `min-height` size it; `display` lays its children out
    side by side (else they stack)."""
    x, width = block_span(look, ctx.width)
    inset = look.padding + look.border_width
    top_edge, bottom_edge = edge_widths(look.edges)
    inner = replace(ctx, width=max(width - 2 * inset, 1.0), item_of=None)
    wanted = max(0.0, block_height(look, ctx.height) - 2 * inset)
    # margins do not collapse through padding, a border, or out of a flex or grid item
    closed = inset > 0 or ctx.item_of is not None
    if display is not None:
        content = flex_block(group, display, inner, flow, wanted)
        placed = [content]
        height = content.height
        first = 0.0
    else:
        placed = flow(group.blocks, inner)
        height = outer_height(placed) if closed else stack(placed)[0]
        first = placed[0].margin_top if closed and placed else 0.0
        height = max(height, wanted)
    total = height + 2 * inset + top_edge + bottom_edge
    painted = look.fill is not None or look.border is not None or look.background is not None

    def make(x0: float, y: float) -> list[Box]:
        under: list[Box] = []
        left = x0 + x
        if look.background is not None and ctx.background_key is not None:
            key = ctx.background_key(look.background, width, total,
                                     look.fill or look.background.color or ctx.styles.background,
                                     ctx.styles.px)  # fmt: skip
            if key is not None:
                under.append(PictureBox(left, y, width, total, key))
        if painted:
            fill = None if under else look.fill
            under.append(TextBox(left, y, width, total, (), "text", fill=fill,
                                 fill_opacity=look.opacity, border=look.border,
                                 border_width=look.border_width))  # fmt: skip
        boxes = [*under, *edge_boxes(left, y, width, total, look.edges)]
        _total, tops = stack(placed)
        for top, item in zip(tops, placed, strict=True):
            boxes.extend(item.make(left + inset, y + top_edge + inset + first + top))
        return boxes

    margin_top = look.margin_top or 0.0
    margin_bottom = look.margin_bottom or 0.0
    if display is None and not closed and placed:  # margins collapse through the div
        margin_top = max(margin_top, placed[0].margin_top)
        margin_bottom = max(margin_bottom, placed[-1].margin_bottom)
    return Placed(total, margin_top, margin_bottom, make)
