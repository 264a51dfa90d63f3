"""Flowing tables, images and placeholders: blocks sized by their content.

Input: a model `Table`, `Image` or `Placeholder` and a `FlowContext`. Output: a `Placed` item.
Tables are sized to their content within the canvas (columns shrunk in proportion and their
cells wrapped when too wide); images take their natural size (CSS pixels), or the size the
deck's CSS (`width`, `height`, `max-width`, `max-height`) or their `width` / `height`
attributes give, within 95 % of the canvas unless the CSS says otherwise, aspect kept;
placeholders are 16:9 boxes. `inline_picture` sizes a picture set inline in a line of text.
"""

from __future__ import annotations

from dataclasses import replace

from converter.layout.boxes import (
    Align,
    Box,
    InlinePicture,
    PictureBox,
    TableBox,
    TableCell,
    TextBox,
    TextRun,
    line_start,
)
from converter.layout.css import css_length, styled_values
from converter.layout.css import styled as css_styled
from converter.layout.placed import FlowContext, Placed
from converter.layout.text import TextStyle, widest_word
from converter.model import Image, Placeholder, Run, Table
from converter.style.dom import cell_key

MIN_WORD_PT = 10.0  # a heading or table shrunk to keep its words whole stops here


def table_block(block: Table, ctx: FlowContext, factor: float = 1.0) -> Placed:
    """A table sized as the browser's automatic table layout sizes it: columns at their
    max-content width when they fit, else at their min-content (widest word) width plus a
    share of the rest; when even the words do not fit, the table's font shrinks (down to
    `MIN_WORD_PT`) rather than break a word."""
    ts = ctx.typesetter
    look = css_styled(block, ctx.styles.table, ctx.css, ctx.styles.px, ctx.styles.body.size)
    body_style = look.style.scaled(factor)  # the deck's CSS on `table`: colour, font, size ...
    header_style = replace(body_style, bold=True)
    pad_x, pad_y = 0.5 * body_style.size, 0.2 * body_style.size
    rows: list[tuple[tuple[Run, ...], ...]] = []
    header_rows = 0
    if any(block.header):
        rows.append(block.header)
        header_rows = 1
    rows.extend(block.rows)
    ncols = max((len(r) for r in rows), default=0)
    if ncols == 0:
        return Placed(0.0, 0.0, 0.0, lambda x0, y: [])
    styled = [
        [
            ts.runs(r[c] if c < len(r) else (), header_style if i < header_rows else body_style)
            for c in range(ncols)
        ]
        for i, r in enumerate(rows)
    ]
    natural = [
        max(
            sum(run.width for run in row[c] if not run.is_break)
            for row in styled
        )
        + 2 * pad_x
        for c in range(ncols)
    ]
    total = sum(natural)
    widths = natural
    if total > ctx.width:
        least = [max(widest_word(row[c]) for row in styled) + 2 * pad_x for c in range(ncols)]
        if sum(least) > ctx.width and factor == 1.0:
            floor = min(1.0, MIN_WORD_PT / body_style.size)
            return table_block(block, ctx, max(floor, ctx.width / sum(least) * 0.995))
        spare = ctx.width - sum(least)
        stretch = sum(n - m for n, m in zip(natural, least, strict=True))
        widths = [m + max(spare, 0.0) * (n - m) / stretch if stretch > 0 else m
                  for n, m in zip(natural, least, strict=True)]  # fmt: skip
    aligns: list[Align] = [
        (block.align[c] if c < len(block.align) else None) or "left" for c in range(ncols)
    ]
    cells: list[tuple[TableCell, ...]] = []
    heights: list[float] = []
    for i, row in enumerate(styled):
        style = header_style if i < header_rows else body_style
        row_cells = tuple(
            _cell(block, i + (1 - header_rows), c, row[c], style, widths[c] - 2 * pad_x,
                  aligns[c], i < header_rows, ctx)
            for c in range(ncols)
        )
        cells.append(row_cells)
        heights.append(
            max(sum(p.height for p in cell.paragraphs) for cell in row_cells) + 2 * pad_y
        )
    width, height = sum(widths), sum(heights)
    margin = ctx.styles.block_margin

    def make(x0: float, y: float) -> list[Box]:
        left = x0 + (ctx.width - width) / 2
        outline: list[Box] = []
        if look.border is not None and look.border_width > 0:  # the table's own border
            outline.append(TextBox(left, y, width, height, (), "text", border=look.border,
                                   border_width=look.border_width,
                                   fragment=block.attrs.fragment))  # fmt: skip
        return [
            TableBox(
                left,
                y,
                width,
                height,
                tuple(widths),
                tuple(heights),
                tuple(cells),
                header_rows,
                look.style.color if ctx.css else ctx.styles.text_color,  # currentColor
                pad_x,
                pad_y,
                block.attrs.fragment,
            ),
            *outline,
        ]

    return Placed(height, margin, margin, make)


def _cell(block: Table, row: int, column: int, runs: tuple[TextRun, ...], style: TextStyle,
          width: float, align: Align, header: bool, ctx: FlowContext) -> TableCell:  # fmt: skip
    """One cell, with what the deck's CSS sets on its `th`/`td` (colour, weight, style,
    alignment, background)."""
    values = ctx.css.get(cell_key(block, row, column)) if ctx.css else None
    fill = None
    if values:
        look = styled_values(values, style, ctx.styles.px, ctx.styles.body.size)
        runs = tuple(replace(r, color=look.style.color, bold=look.style.bold or r.bold,
                             italic=look.style.italic or r.italic) for r in runs)  # fmt: skip
        style, align, fill = look.style, look.align or align, look.fill
    paragraph = ctx.typesetter.paragraph(runs, max(width, style.size), style, align=align)
    return TableCell((paragraph,), align, header, fill)


def _css_length(value: str | None, whole: float, px: float) -> float | None:
    if not value:
        return None
    text = value.strip().lower()
    try:
        if text.endswith("%"):
            return float(text[:-1]) / 100 * whole
        return float(text.removesuffix("px")) * px
    except ValueError:
        return None


def _css(block: Image, ctx: FlowContext, name: str, whole: float) -> float | None:
    """A length the deck's CSS sets on the image (px, pt, em, rem, %), in points."""
    values = ctx.css.get(id(block)) if ctx.css else None
    if not values or name not in values:
        return None
    value = values[name][0].strip().lower()
    if value.endswith("%"):
        return _css_length(value, whole, ctx.styles.px)
    return css_length(value, ctx.styles.body.size, ctx.styles.px, ctx.styles.body.size)


def picture_size(block: Image, ctx: FlowContext, room: float) -> tuple[float, float, bool]:
    """(width, height) in points of a picture as the browser sizes it in a container `room`
    points wide, and whether it can be drawn (its natural size is known)."""
    px = ctx.styles.px
    natural = ctx.image_size(block)
    nat_w, nat_h = natural if natural else (480, 270)
    # CSS (rules or a style attribute) before the width/height attributes, as in the browser
    w = _css(block, ctx, "width", ctx.width) or _css_length(block.attrs.width, ctx.width, px)
    h = _css(block, ctx, "height", ctx.height) or _css_length(block.attrs.height, ctx.height, px)
    if w is None and h is None:
        w, h = nat_w * px, nat_h * px
    elif w is None:
        assert h is not None
        w = h * nat_w / nat_h
    elif h is None:
        h = w * nat_h / nat_w
    assert w is not None and h is not None
    max_w = _css(block, ctx, "max-width", room) or 0.95 * room  # reveal: 95 %
    max_h = _css(block, ctx, "max-height", ctx.height) or 0.95 * ctx.height
    fit = min(1.0, max_w / w if w > 0 else 1.0, max_h / h if h > 0 else 1.0) * ctx.image_scale
    if w * fit > ctx.width > 0:  # a flex item narrower than the picture
        fit = ctx.width / w
    return w * fit, h * fit, natural is not None


def inline_picture(block: Image, ctx: FlowContext, room: float) -> InlinePicture:
    """A picture inline in a line of text `room` points wide: sized as `picture_size` sizes
    it (95 % of the line's box at most), stored at that size."""
    w, h, drawable = picture_size(block, ctx, room)
    key = ctx.image_key(block, w, h) if drawable else None
    label = "" if key else f"image: {block.source.src}"
    return InlinePicture(key, w, h, block.alt, label, block.attrs.fragment)


def image_block(block: Image, ctx: FlowContext) -> Placed:
    px = ctx.styles.px
    w, h, natural = picture_size(block, ctx, ctx.width if ctx.item_of is None else ctx.item_of)
    # img margin 20px inside a p with margin 20px; a flex item's img has only its own
    margin = ctx.styles.block_margin * (2 if ctx.item_of is None else 1)
    stretch = "r-stretch" in block.attrs.classes or "stretch" in block.attrs.classes
    look = css_styled(block, ctx.styles.body, ctx.css, px, ctx.styles.body.size)

    def make(x0: float, y: float, width: float = w, height: float = h) -> list[Box]:
        key = ctx.image_key(block, width, height) if natural else None
        label = "" if key else f"image: {block.source.src}"
        return [
            PictureBox(
                x0 + (ctx.width - width) / 2,
                y,
                width,
                height,
                key,
                label,
                block.link,
                block.attrs.fragment,
                block.alt,
                look.border,
                look.border_width,
            )
        ]

    return Placed(h, margin, margin, make, stretch=stretch, image_height=h)


def placeholder_block(block: Placeholder, ctx: FlowContext) -> Placed:
    w = ctx.width * 0.6
    h = w * 9 / 16
    margin = ctx.styles.block_margin

    def make(x0: float, y: float) -> list[Box]:
        return [
            PictureBox(
                x0 + (ctx.width - w) / 2, y, w, h, None, block.label, fragment=block.attrs.fragment
            )
        ]

    return Placed(h, margin, margin, make)


def inline_pictures(boxes: list[Box]) -> list[PictureBox]:
    """The pictures set inline in the text boxes' lines, each where its run keeps room for
    it: after the text before it on its line (before it, in a right-to-left paragraph), its
    bottom on the line's baseline."""
    out: list[PictureBox] = []
    for box in boxes:
        if isinstance(box, TextBox) and any(
                run.image is not None for para in box.paragraphs for run in para.runs):
            out.extend(_pictures_of(box))
    return out


def _pictures_of(box: TextBox) -> list[PictureBox]:
    out: list[PictureBox] = []
    left, y, width = box.text_area()
    for para in box.paragraphs:
        y += para.space_before
        for line in para.lines:
            x = line_start(para, line.width, left, width)
            for run in reversed(line.runs) if para.rtl else line.runs:
                picture = run.image
                if picture is not None:
                    out.append(PictureBox(x, y + line.ascent - picture.height, picture.width,
                                          picture.height, picture.key, picture.label, run.link,
                                          picture.fragment or para.fragment or box.fragment,
                                          picture.alt))  # fmt: skip
                if not run.is_break:
                    x += run.width
            y += line.height
    return out
