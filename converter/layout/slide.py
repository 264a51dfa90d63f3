"""Slide layout: one slide's blocks stacked, centred and fitted onto the page.

Input: a model `Slide`, its theme, highlight style and page, and the deck's image table.
Output: a `LaidOutSlide` whose boxes are in slide points. Blocks are stacked top to bottom with
collapsed margins and the stack is centred vertically in reveal's canvas (`center: true`). When
the stack is taller than the canvas and a row of side-by-side items (flex, grid) holds the
excess, each column keeps its own fitting: only the items too tall for the row's room shrink,
each by the least it needs, and the rest of the slide keeps its size. Otherwise the whole
slide is scaled down (a bounded binary search, never below a readable minimum); when even
that is not enough an `overflow` diagnostic is
emitted (`fit_slide` measures, `place_slide` makes the boxes; `converter.layout.overflow`
splits or clips such a slide instead, as `--overflow` asks). A leading heading becomes the
title; when everything else is text, it becomes one body box (the PPTX body placeholder).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from itertools import pairwise

from converter.diagnostics import Diagnostics
from converter.layout.boxes import (
    Box,
    LaidOutSlide,
    PictureBox,
    SlideBackground,
    TextBox,
    TextParagraph,
    display_formula,
    split_columns,
)
from converter.layout.css import DeckCss
from converter.layout.direction import direction, with_direction
from converter.layout.flow import flow_blocks
from converter.layout.flow_media import inline_pictures
from converter.layout.geometry import Page
from converter.layout.placed import FlowContext, Placed, RowLine, stack
from converter.layout.styles import SlideStyles, slide_styles
from converter.layout.text import Typesetter
from converter.model import Heading, Image, Slide
from converter.style.cascade import Computed
from converter.style.color import Color
from converter.style.css_background import CssBackground
from converter.style.themes import HighlightStyle, Theme

MIN_BODY_PT = 10.0  # the smallest body text a fitted slide may get
MIN_SCALE = 0.3
MIN_IMAGE_SCALE = 0.25  # pictures shrink first, to a quarter of their size at most
FIT_STEPS = 6


@dataclass
class SlideContext:
    theme: Theme
    highlight: HighlightStyle
    page: Page
    typesetter: Typesetter
    image_size: Callable[[Image], tuple[float, float] | None]
    image_key: Callable[[Image, float, float], str | None]
    diags: Diagnostics
    center: bool = True
    css: DeckCss | None = None  # the deck's own CSS, when it has any
    background_key: Callable[[CssBackground, float, float, Color, float], str | None] | None = None
    overflow: str = "shrink"  # what a slide too long for the canvas gets: shrink, split, clip


def _measure(
    slide: Slide,
    ctx: SlideContext,
    shrink: float,
    css: dict[int, Computed] | None = None,
    image_scale: float = 1.0,
    rows: list[RowLine] | None = None,
    item_scales: dict[int, float] | None = None,
) -> tuple[SlideStyles, list[Placed]]:
    """The slide's blocks flowed with the text at `shrink` (pictures at `image_scale`, the
    items of `item_scales` at their own scale); the top-level rows of side-by-side items are
    appended to `rows` when given."""
    page = ctx.page
    styles = slide_styles(ctx.theme, ctx.highlight, slide.background, page.scale * shrink)
    flow = FlowContext(
        ctx.typesetter,
        styles,
        ctx.highlight,
        page.pt(page.canvas_width),
        page.pt(page.canvas_height),
        ctx.image_size,
        ctx.image_key,
        css,
        ctx.background_key,
        image_scale,
        item_scales=item_scales,
        rows=rows,
    )
    placed = flow_blocks(slide.blocks, flow)
    rtl = direction(slide.attributes)  # `<!-- .slide: dir="rtl" -->`: the whole section
    if rtl is not None:
        placed = [with_direction(item, rtl) for item in placed]
    return styles, placed


@dataclass
class Fit:
    """A slide's blocks measured at the text scale fitting chose (`shrink`, pictures at
    `images`); `fits` is false when even the floor (`floor`) runs past the canvas."""

    shrink: float
    images: float
    styles: SlideStyles
    placed: list[Placed]
    fits: bool = True
    floor: float = MIN_SCALE


def fit_slide(
    slide: Slide,
    ctx: SlideContext,
    css: dict[int, Computed] | None,
    scale: float | None = None,
    images: float = 1.0,
) -> Fit:
    """Measure the slide, shrinking pictures and then text until it fits the canvas height
    (never below the floor). `scale`: measure at that text scale (pictures at `images`), no
    fitting. With `ctx.overflow == "clip"` nothing is shrunk: what runs past the slide is cut
    later (`converter.layout.overflow`)."""
    page = ctx.page
    canvas_h = page.pt(page.canvas_height)
    if scale is not None or ctx.overflow == "clip":
        shrink = 1.0 if scale is None else scale
        styles, placed = _measure(slide, ctx, shrink, css, images)
        return Fit(shrink, images, styles, placed, stack(placed)[0] <= canvas_h)
    shrink = 1.0
    rows: list[RowLine] = []
    styles, placed = _measure(slide, ctx, shrink, css, rows=rows)
    total, _ = stack(placed)
    pictures = sum(p.image_height for p in placed)
    if total > canvas_h and pictures >= total / 2:
        # pictures take most of the slide: they give up the room first, text keeps its size
        images = max(MIN_IMAGE_SCALE, 1.0 - (total - canvas_h) / pictures * 1.01)
        rows = []
        styles, placed = _measure(slide, ctx, shrink, css, images, rows)
        total, _ = stack(placed)
    minimum = max(MIN_SCALE, MIN_BODY_PT / styles.body.size)
    if total > canvas_h and rows:
        own = _fit_columns(max(rows, key=lambda r: r.height), total - canvas_h, minimum)
        if own is not None:  # the long columns shrink alone; the rest keeps its size
            c_styles, c_placed = _measure(slide, ctx, shrink, css, images, item_scales=own)
            if stack(c_placed)[0] <= canvas_h + 0.5:
                return Fit(shrink, images, c_styles, c_placed, True, minimum)
    if total > canvas_h:
        best: tuple[float, SlideStyles, list[Placed]] | None = None
        scale, height = 1.0, total
        for _ in range(FIT_STEPS):
            # heights scale about linearly with the text: aim just under the canvas height
            scale = max(minimum, min(1.0, scale * canvas_h / height * 0.995))
            s_styles, s_placed = _measure(slide, ctx, scale, css, images)
            height = stack(s_placed)[0]
            if height <= canvas_h and (best is None or scale > best[0]):
                best = (scale, s_styles, s_placed)
            if (best is not None and height >= canvas_h * 0.97) or (
                scale == minimum and height > canvas_h
            ):
                break
        if best is None:
            styles, placed = _measure(slide, ctx, minimum, css, images)
            return Fit(minimum, images, styles, placed, False, minimum)
        shrink, styles, placed = best
    return Fit(shrink, images, styles, placed, True, minimum)


def _fit_columns(line: RowLine, excess: float, minimum: float) -> dict[int, float] | None:
    """Each column keeps its own fitting: the text scale of every item of `line` (a row of
    side-by-side items) too tall for the line to lose `excess` points, the least shrink that
    fits (never below `minimum`); its shorter neighbours keep their size. None when that is
    not enough (an item that does not fit at the floor, or a line that cannot lose as much)."""
    room = line.height - excess
    if room <= 0:
        return None
    scales: dict[int, float] = {}
    for item in line.items:
        if item.height <= room:
            continue
        best = _least_shrink(item.measure, item.height, room, minimum)
        if best is None:
            return None
        scales[item.key] = best
    return scales or None


def _least_shrink(measure: Callable[[float], float], height: float, room: float,
                  minimum: float) -> float | None:  # fmt: skip
    """The largest scale in [minimum, 1) at which `measure` (the height at a scale; `height`
    at 1) fits `room`, to within a few per cent: a guess from the heights' proportion, kept
    inside the bracket found so far (wrapping makes heights jump), else its middle."""
    low, high = minimum, 1.0  # the answer lies in [low, high); `fits`: whether low fits
    fits = False
    scale, at = 1.0, height
    for _ in range(FIT_STEPS + 2):
        guess = scale * room / at * 0.995
        if not low < guess < high or (fits and guess <= low):
            guess = (low + high) / 2 if fits else max(minimum, min(guess, high * 0.995))
        scale = max(minimum, guess)
        at = measure(scale)
        if at <= room:
            low, fits = scale, True
            if at >= room * 0.97 or high - low < 0.01:
                break
        else:
            high = scale
            if scale == minimum:
                return None
    return low if fits else None


def layout_slide(
    slide: Slide,
    ctx: SlideContext,
    background: SlideBackground,
    notes: tuple[TextParagraph, ...],
    number_label: str | None,
    scale: float | None = None,
) -> LaidOutSlide:
    css = ctx.css.slide(slide) if ctx.css is not None else None
    fit = fit_slide(slide, ctx, css, scale)
    if not fit.fits and ctx.overflow == "shrink":
        ctx.diags.warning(
            "overflow",
            "slide content does not fit even at the smallest readable size; "
            "it runs past the bottom of the slide",
            slide.line,
        )
    return place_slide(slide, ctx, fit, background, notes, number_label)


def place_slide(
    slide: Slide,
    ctx: SlideContext,
    fit: Fit,
    background: SlideBackground,
    notes: tuple[TextParagraph, ...],
    number_label: str | None,
) -> LaidOutSlide:
    """The measured blocks stacked, centred in the canvas and made into boxes."""
    page = ctx.page
    canvas_h = page.pt(page.canvas_height)
    placed = fit.placed
    for item in placed:
        for message in item.overflow:
            ctx.diags.warning("overflow", message, slide.line)
    total, tops = stack(placed)
    stretchers = [i for i, p in enumerate(placed) if p.stretch]
    boxes: list[Box] = []
    spare = max(0.0, canvas_h - total)
    offset = spare / 2 if ctx.center and not stretchers else 0.0
    if stretchers and spare > 0:
        offset = 0.0
    for i, item in enumerate(placed):
        top = tops[i] + (spare if stretchers and i > stretchers[0] else 0.0)
        y = page.canvas_top + offset + top
        if i in stretchers[:1] and spare > 0:
            make = item.make
            boxes.extend(_stretched(make, page.canvas_left, y, item.height + spare))
        else:
            boxes.extend(item.make(page.canvas_left, y))
    boxes = assign_roles(slide, boxes)
    boxes.extend(inline_pictures(boxes))  # over the room their runs keep in the final boxes
    return LaidOutSlide(slide, tuple(boxes), background, notes, fit.shrink, number_label)


def _stretched(make: Callable[..., list[Box]], x: float, y: float, height: float) -> list[Box]:
    """An `r-stretch` image grows to the remaining height, keeping its aspect ratio."""
    [box] = make(x, y)
    ratio = box.w / box.h if isinstance(box, PictureBox) and box.h else 1.0
    return make(x, y, height * ratio, height)


def _plain(boxes: list[Box]) -> bool:
    """Plain text boxes, one below the other: one body box can hold them."""
    stacked = all(b.y >= a.y + getattr(a, "h", 0.0) - 0.5 for a, b in pairwise(boxes))
    return bool(boxes) and stacked and all(
        isinstance(b, TextBox) and b.role == "text" and b.fill is None and b.border is None
        and not b.inset and display_formula(b.paragraphs) is None  # sized to the formula
        for b in boxes)  # fmt: skip


def assign_roles(slide: Slide, boxes: list[Box]) -> list[Box]:
    """First heading -> title; all-text rest -> one body box; two columns of text -> a body
    box each (a column's heading kept apart: a comparison slide); else keep the boxes."""
    if not boxes or not slide.blocks or not isinstance(slide.blocks[0], Heading):
        return boxes
    first = boxes[0]
    if not isinstance(first, TextBox):
        return boxes
    boxes = [replace(first, role="title"), *boxes[1:]]
    rest = boxes[1:]
    if _plain(rest):
        return [boxes[0], _merge_body([b for b in rest if isinstance(b, TextBox)])]
    columns = split_columns(rest)
    if columns is None:
        return boxes
    out = [boxes[0]]
    for column in columns:  # only two columns of text (no grid of cells) are merged
        head = column[0]
        if isinstance(head, TextBox) and head.heading and len(column) > 1 and _plain(column[1:]):
            out += [head, _merge_body([b for b in column[1:] if isinstance(b, TextBox)])]
        elif _plain(column):
            out.append(_merge_body([b for b in column if isinstance(b, TextBox)]))
        else:
            return boxes
    return out


def merge_text(boxes: list[Box]) -> list[Box]:
    """Plain text boxes one below the other as one body box; other boxes as they are."""
    if _plain(boxes):
        return [_merge_body([b for b in boxes if isinstance(b, TextBox)])]
    return boxes


def _merge_body(boxes: list[TextBox]) -> TextBox:
    left = min(b.x for b in boxes)
    right = max(b.x + b.w for b in boxes)
    top = boxes[0].y
    paragraphs: list[TextParagraph] = []
    bottom = top
    single = len(boxes) == 1
    for box in boxes:
        gap = box.y - bottom
        for j, para in enumerate(box.paragraphs):
            if box.fragment is not None and para.fragment is None and not single:
                para = replace(para, fragment=box.fragment)  # the block's fragment, per line
            shift = box.x - left
            para = replace(para, indent=para.indent + shift) if shift else para
            if para.align == "center" and shift:
                para = replace(para, indent=0.0)
            if j == 0 and paragraphs:
                para = replace(para, space_before=para.space_before + max(gap, 0.0))
            paragraphs.append(para)
        bottom = box.y + box.h
    fragment = boxes[0].fragment if single else None
    return TextBox(
        left, top, right - left, bottom - top, tuple(paragraphs), "body", fragment=fragment
    )
