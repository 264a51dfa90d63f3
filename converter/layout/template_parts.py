"""Slide content typed into a template's placeholders: the title, the body, two columns.

Input: a model slide that opens with a heading, its slide context (the text styles of the
layout its kind of slide takes), the `Template` and the function that lays blocks out on a
page. Output: the slide laid out as if typed into the layout: the heading in the title
placeholder's text area, the rest in the body placeholder's (or each of two side-by-side
columns in its own content placeholder, `converter.layout.template_columns`), at the deck's
one text scale; a title or body that fits there becomes its placeholder's own box, anchor and
insets (`TextBox.inherits_frame`), which the PPTX leaves to the placeholder and the PDF draws
by. `predicted_kind` tells, before layout, which kind of layout a slide will take.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Literal

from converter.layout.boxes import LaidOutSlide, SlideBackground, TextBox, TextParagraph
from converter.layout.css import DeckCss
from converter.layout.geometry import EMU_PER_PT, Page
from converter.layout.slide import SlideContext, assign_roles, merge_text
from converter.layout.template_columns import column_blocks, content_placeholders, place_columns
from converter.model import Heading, Paragraph, Slide
from converter.template.choice import layout_choice
from converter.template.kinds import Placeholder, SlideKind
from converter.template.reference import Template

__all__ = ["TITLE_SLIDE_MAX_PARAGRAPHS", "predicted_kind", "template_parts"]

TITLE_SLIDE_MAX_PARAGRAPHS = 3


def _areas(template: Template, kind: SlideKind) -> tuple[Placeholder, Placeholder | None] | None:
    """The title and body placeholders of the layout a slide of `kind` uses (no body: a
    section header's may have none)."""
    lay = layout_choice(template, kind).layout
    if lay is None:
        return None
    title = lay.find("ctrTitle", "title")
    body = lay.find("subTitle", "obj", "body") if kind == "title" else lay.find("obj", "body")
    if title is None or title.box is None:
        return None
    # where the template's own slide on this layout puts them, when it moves them
    title = replace(title, box=lay.sample_box(title))
    body = replace(body, box=lay.sample_box(body)) if body is not None else None
    return title, body


def _page(page: Page, box: tuple[int, int, int, int], scale: float) -> Page:
    """A page whose canvas fills `box` (EMU) at `scale` points per canvas pixel: the title
    and the body keep the deck's one text scale in boxes of their own."""
    x, y, w, h = (v / EMU_PER_PT for v in box)
    return replace(page, canvas_width=w / scale, canvas_height=h / scale, area=(x, y, w, h),
                   margin=0.0)  # fmt: skip


def predicted_kind(slide: Slide, index: int, css: DeckCss | None = None) -> SlideKind | None:
    """The kind of layout a slide that opens with a heading will take, from its blocks (layout
    needs the layout's text styles and boxes before the slide is laid out): the first slide
    with a few plain paragraphs, a title slide; a heading alone, a section header; two items
    side by side, two content; else title and content. None without a leading heading."""
    if not slide.blocks or not isinstance(slide.blocks[0], Heading):
        return None
    if column_blocks(slide, css) is not None:
        return "two"
    rest = slide.blocks[1:]
    if index == 0 and len(rest) <= TITLE_SLIDE_MAX_PARAGRAPHS and all(
            isinstance(b, Paragraph) for b in rest):  # fmt: skip
        return "title"
    return "section" if not rest else "content"


def template_parts(
    slide: Slide,
    index: int,
    ctx: SlideContext,
    background: SlideBackground,
    notes: tuple[TextParagraph, ...],
    template: Template,
    parts: Callable[[Slide, SlideContext], list[LaidOutSlide]],
) -> list[LaidOutSlide] | None:
    """A slide that opens with a heading, laid out as if typed into the template: the heading
    in the layout's title placeholder (anchored as the placeholder anchors its text), the rest
    in its body placeholder, both at the deck's text scale. None for other slides."""
    kind = predicted_kind(slide, index, ctx.css)
    if kind == "two":
        done = _two_columns(slide, ctx, notes, template, parts)
        if done is not None:
            return done
        kind = "content"  # as one body: its columns side by side in it
    found = _areas(template, kind) if kind is not None else None
    if found is None:
        return None
    title_ph, body_ph = found
    assert title_ph.box is not None
    scale = ctx.page.scale
    title_ctx = replace(ctx, page=_page(ctx.page, _inner(title_ph), scale), center=True,
                        overflow="shrink")  # fmt: skip
    head = parts(replace(slide, blocks=slide.blocks[:1], notes=()), title_ctx)[0]
    title = head.title_box
    if title is None:
        return None
    title = _anchored(title, title_ph)
    if len(slide.blocks) == 1 or body_ph is None or body_ph.box is None:
        if len(slide.blocks) > 1:
            return None
        return [replace(head, boxes=(title,), notes=notes)]
    body_ctx = replace(ctx, page=_page(ctx.page, _inner(body_ph), scale),
                       center=body_ph.anchor == "ctr")  # fmt: skip
    rest = parts(replace(slide, blocks=slide.blocks[1:]), body_ctx)
    out = []
    for k, laid in enumerate(rest):
        boxes = assign_roles(slide, [title, *laid.boxes]) if k == 0 else list(laid.boxes)
        bodies = [b for b in boxes if isinstance(b, TextBox) and b.role == "body"]
        if len(bodies) == 1 and len(boxes) == 2:  # title and body: the body fills its box
            boxes = [_filled(b, body_ph) if b is bodies[0] else b for b in boxes]
        out.append(replace(laid, slide=slide if k == 0 else laid.slide, boxes=tuple(boxes)))
    return out


def _two_columns(
    slide: Slide,
    ctx: SlideContext,
    notes: tuple[TextParagraph, ...],
    template: Template,
    parts: Callable[[Slide, SlideContext], list[LaidOutSlide]],
) -> list[LaidOutSlide] | None:
    """A heading over two columns in a Two Content layout: the heading in its title
    placeholder, each column in its own content placeholder (`template_columns`)."""
    columns = column_blocks(slide, ctx.css)
    lay = layout_choice(template, "two").layout
    boxes = content_placeholders(lay)
    title_ph = lay.find("ctrTitle", "title") if lay is not None else None
    if columns is None or len(boxes) < 2 or title_ph is None or title_ph.box is None:
        return None
    scale = ctx.page.scale
    title_ctx = replace(ctx, page=_page(ctx.page, _inner(title_ph), scale), center=True,
                        overflow="shrink")  # fmt: skip
    head = parts(replace(slide, blocks=slide.blocks[:1], notes=()), title_ctx)[0]
    if head.title_box is None:
        return None
    title = _anchored(head.title_box, title_ph)

    def lay_out(part: Slide, ph: Placeholder) -> list[LaidOutSlide]:
        return parts(part, replace(ctx, page=_page(ctx.page, _inner(ph), scale),
                                   center=ph.anchor == "ctr"))  # fmt: skip

    placed = place_columns(slide, columns, boxes[:2], lay_out, merge_text, _filled)
    if placed is None:
        return None
    return [replace(head, slide=slide, boxes=(replace(title, role="title"), *placed),
                    notes=notes)]  # fmt: skip


def _inner(ph: Placeholder) -> tuple[int, int, int, int]:
    """A placeholder's text area (EMU): its box inside its insets."""
    assert ph.box is not None
    x, y, w, h = ph.box
    left, top, right, bottom = ph.insets
    return x + left, y + top, max(w - left - right, 1), max(h - top - bottom, 1)


def _in_frame(box: TextBox, ph: Placeholder) -> TextBox | None:
    """`box` as its placeholder's own: the placeholder's box, anchor and insets, its text
    from the text area's left edge (centred paragraphs stay centred), as if typed into the
    template; the PPTX then leaves position, anchor and insets to the placeholder. None when
    the text is wider or taller than the placeholder's text area."""
    assert ph.box is not None
    x, y, w, h = (v / EMU_PER_PT for v in ph.box)
    inner_x, _inner_y, inner_w, inner_h = (v / EMU_PER_PT for v in _inner(ph))
    text_h = sum(p.height for p in box.paragraphs)
    if box.x < inner_x - 0.5 or box.x + box.w > inner_x + inner_w + 0.5 or text_h > inner_h + 0.5:
        return None
    left, top, right, bottom = (v / EMU_PER_PT for v in ph.insets)
    anchor: Literal["t", "ctr", "b"] = "b" if ph.anchor == "b" else "t"
    if ph.anchor == "ctr":
        anchor = "ctr"
    return replace(box, x=x, y=y, w=w, h=h, paragraphs=_moved(box, inner_x), anchor=anchor,
                   insets=(left, top, right, bottom), inherits_frame=True)  # fmt: skip


def _anchored(title: TextBox, ph: Placeholder) -> TextBox:
    """The title in its placeholder's frame (`_in_frame`), else across its placeholder's
    width, its text where the placeholder anchors it."""
    framed = _in_frame(title, ph)
    if framed is not None:
        return framed
    assert ph.box is not None
    x, y, w, h = (v / EMU_PER_PT for v in ph.box)
    text_h = title.h
    if ph.anchor == "b":
        top = y + h - text_h
    elif ph.anchor == "ctr":
        top = y + (h - text_h) / 2
    else:
        top = y
    return replace(title, x=x, y=max(top, y) if text_h <= h else y, w=w,
                   paragraphs=_moved(title, x))  # fmt: skip


def _moved(box: TextBox, x: float) -> tuple[TextParagraph, ...]:
    """The paragraphs of `box` kept in place in a box widened to start at `x` (a centred
    paragraph stays centred: the box widens evenly on both sides)."""
    shift = box.x - x
    return tuple(p if p.align == "center" or not shift else replace(p, indent=p.indent + shift)
                 for p in box.paragraphs)  # fmt: skip


def _filled(body: TextBox, ph: Placeholder) -> TextBox:
    """A body box in its placeholder's frame (`_in_frame`) when it fits there, else where
    layout put it."""
    return _in_frame(body, ph) or body
