"""Laid-out slides on a template: the layout each slide uses, and the boxes of its slide
number, footer and date.

Input: the laid-out slides, the `Template`, the typesetter and the deck's footer and date
texts. Output: the slides with their template layout (`LaidOutSlide.template_layout`, chosen
once here for both backends, its warnings reported once) and, where the layout has a
slide-number, footer or date placeholder, the text set in that placeholder's box and text
style (`LaidOutSlide.number_box`, `footer_box`, `date_box`): the PPTX writes the text into the
placeholder, the PDF draws the box, both where the template puts it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Literal

from converter.diagnostics import Diagnostics
from converter.layout.boxes import (
    Align,
    Box,
    LaidOutSlide,
    PictureBox,
    SlideBackground,
    TemplateLayer,
    TextBox,
    TextParagraph,
    line_start,
    split_columns,
)
from converter.layout.css import DeckCss
from converter.layout.geometry import EMU_PER_PT, Page
from converter.layout.slide import SlideContext, merge_text
from converter.layout.slide import _assign_roles as assign_roles
from converter.layout.template_columns import column_blocks, content_placeholders, place_columns
from converter.layout.text import TextStyle, Typesetter
from converter.model import Heading, Paragraph, Run, Slide
from converter.style.color import Color
from converter.template.art import ArtPath, ArtPicture, ArtText, mean_color
from converter.template.choice import layout_choice
from converter.template.kinds import Placeholder, SlideKind
from converter.template.reference import LayoutInfo, Template, on_art
from converter.template.styles import TextLook

__all__ = [
    "TITLE_SLIDE_MAX_PARAGRAPHS",
    "slide_kind",
    "template_parts",
    "template_slides",
]

TITLE_SLIDE_MAX_PARAGRAPHS = 3
_ALIGN = {"ctr": "center", "r": "right"}


def slide_kind(index: int, laid: LaidOutSlide) -> SlideKind:
    """What kind of slide this is, for the choice of layout."""
    title = laid.title_box
    if title is None:
        return "blank"
    others = [b for b in laid.boxes if b is not title]
    if not others:
        return "title" if index == 0 else "section"
    if len(others) == 1 and isinstance(others[0], TextBox) and others[0].role == "body":
        body = others[0]
        plain = all(p.bullet is None for p in body.paragraphs)
        if index == 0 and plain and len(body.paragraphs) <= TITLE_SLIDE_MAX_PARAGRAPHS:
            return "title"
        return "content"
    columns = split_columns(others)
    if columns is not None:
        return "comparison" if all(headed(c) for c in columns) else "two"
    pictures = [b for b in others if isinstance(b, PictureBox)]
    if len(pictures) == 1 and all(isinstance(b, (PictureBox, TextBox)) for b in others):
        return "caption"
    return "title-only"


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


def headed(column: list[Box]) -> bool:
    """A heading box over one box of content (a column of a comparison slide)."""
    return len(column) == 2 and isinstance(column[0], TextBox) and column[0].heading


def template_slides(
    slides: list[LaidOutSlide],
    template: Template,
    typesetter: Typesetter,
    fallback_family: tuple[str, ...],
    diags: Diagnostics,
    picture_key: Callable[[bytes], str | None] | None = None,
    footer: str | None = None,
    date: str | None = None,
    contrast: Callable[[Color], Color | None] | None = None,
) -> list[LaidOutSlide]:
    """Each slide with the template layout it uses, its number, `footer` and `date` placed in
    the layout's slide-number, footer and date placeholders, and what its layout shows under
    it (`TemplateLayer`; with `picture_key`, which stores a picture and gives its key). On a
    slide with its own background colour, their text takes the colour `contrast` gives for it
    (reveal's has-light/dark-background, as the slide's other text). One info when the footer
    or date found no placeholder on some slides."""
    warned: set[str] = set()
    missing = {"footer": 0, "date": 0}  # slides whose layout has no placeholder for them
    layers: dict[tuple[int, int], TemplateLayer] = {}
    out: list[LaidOutSlide] = []
    for index, laid in enumerate(slides):
        override = dict(laid.slide.attributes).get("data-layout")
        choice = layout_choice(template, slide_kind(index, laid), override)
        diags.slide = laid.slide.number
        for message in choice.warnings:
            if "data-layout" in message or message not in warned:
                warned.add(message)
                diags.warning("template", message)
        lay = choice.layout
        own = laid.slide.background
        color = (contrast(own.color) if contrast is not None and own.color is not None
                 and own.contrast is not None else None)  # fmt: skip
        number, footer_box, date_box = (
            _recoloured(text, lay, ph_type, typesetter, fallback_family, template, color)
            for text, ph_type in ((laid.number_label, "sldNum"), (footer, "ftr"), (date, "dt")))
        missing["footer"] += bool(footer) and footer_box is None
        missing["date"] += bool(date) and date_box is None
        layer = None
        if lay is not None and picture_key is not None:
            place = (lay.master, lay.index)
            if place not in layers:
                layers[place] = _layer(template, lay, typesetter, fallback_family, picture_key)
            layer = layers[place]
        out.append(replace(laid, template_layout=lay, number_box=number, footer_box=footer_box,
                           date_box=date_box, template_art=layer))  # fmt: skip
    diags.slide = None
    lost = [f"the {what} on {n} of {len(slides)} slides" for what, n in missing.items() if n]
    if lost:
        diags.info("template", f"no placeholder in the template layout for {' and '.join(lost)}:"
                   " not shown there")  # fmt: skip
    for m in sorted({place[0] for place in layers}):
        for note in template.masters[m].art_notes:
            diags.info("template", note)
    return out


def _recoloured(
    text: str | None,
    lay: LayoutInfo | None,
    ph_type: str,
    typesetter: Typesetter,
    fallback_family: tuple[str, ...],
    template: Template,
    color: Color | None,
) -> TextBox | None:
    """`placeholder_text` in `color` (for the slide's own background), unless the text lies
    on the template's art: it is seen against that and keeps the template's colour."""
    box = placeholder_text(text, lay, ph_type, typesetter, fallback_family, color)
    if color is None or box is None or lay is None or not box.paragraphs[0].lines:
        return box
    para = box.paragraphs[0]
    line = para.lines[0]
    left = line_start(para, line.width, box.x, box.w)
    x, y, w, h = (round(v * EMU_PER_PT) for v in (left, box.y, line.width, box.h))
    if not on_art(template, lay, (x, y, w, h)):
        return box
    return placeholder_text(text, lay, ph_type, typesetter, fallback_family)


def _layer(
    template: Template,
    lay: LayoutInfo,
    typesetter: Typesetter,
    fallback: tuple[str, ...],
    picture_key: Callable[[bytes], str | None],
) -> TemplateLayer:
    """What `lay` shows under a slide, in points (outlines stay in EMU), its background only
    where it differs from the content master's (which layout already composed)."""
    backdrop, art = template.art_of(lay)
    content = template.masters[template.content_master] if template.masters else None
    items: list[PictureBox | TextBox | ArtPath] = []
    for item in art:
        if isinstance(item, ArtPicture):
            key = picture_key(item.data)
            if key is not None:
                x, y, w, h = (v / EMU_PER_PT for v in item.box)
                items.append(PictureBox(x, y, w, h, key))
        elif isinstance(item, ArtText):
            items.append(set_text(item.paragraphs, item.box, item.anchor, item.insets,
                                  typesetter, fallback))  # fmt: skip
        else:
            items.append(item)
    if backdrop is None or (content is not None and backdrop == content.backdrop):
        return TemplateLayer(None, None, tuple(items))
    image = picture_key(backdrop.image) if backdrop.image is not None else None
    color = backdrop.color
    if color is None and backdrop.gradient is not None:
        color = mean_color(backdrop.gradient)
    return TemplateLayer(color or Color(255, 255, 255), image, tuple(items))


def placeholder_text(text: str | None, lay: LayoutInfo | None, ph_type: str,
                     typesetter: Typesetter, fallback_family: tuple[str, ...],
                     color: Color | None = None) -> TextBox | None:  # fmt: skip
    """`text` (the slide number, the footer, the date) set as the layout's placeholder of
    `ph_type` (sldNum, ftr, dt) shows it: its box, insets and anchor, its first level's size,
    colour (`color` instead: the slide's own background asks for another), face and
    alignment. None without text, or a placeholder with a box and looks."""
    text = " ".join(text.split()) if text else None  # one line, as typed into the field
    ph = lay.find(ph_type) if lay is not None and text else None
    if ph is None or ph.box is None or not ph.looks or not text:
        return None
    look = ph.looks[0] if color is None else replace(ph.looks[0], color=color, scheme=None)
    return set_text(((text, look),), ph.box, ph.anchor, ph.insets, typesetter,
                    fallback_family)  # fmt: skip


def set_text(
    paragraphs: tuple[tuple[str, TextLook], ...],
    box: tuple[int, int, int, int],
    anchor: str | None,
    insets: tuple[int, int, int, int],
    typesetter: Typesetter,
    fallback_family: tuple[str, ...],
) -> TextBox:
    """Lines of text set in a template's box (EMU) as its looks say (size, colour, face,
    alignment, bold, italic), placed by the box's insets and anchor."""
    x, y, w, h = (v / EMU_PER_PT for v in box)
    left, top, right, bottom = (v / EMU_PER_PT for v in insets)
    width = max(1.0, w - left - right)
    set_paragraphs: list[TextParagraph] = []
    for text, look in paragraphs:
        families = fallback_family
        if look.typeface and not look.typeface.startswith("+"):
            families = (look.typeface, *fallback_family)
        color = look.color or Color(0, 0, 0)
        style = TextStyle(families, families, look.size or 18.0, color, color, 1.2,
                          bool(look.bold), bool(look.italic))  # fmt: skip
        runs = typesetter.runs((Run(text),), style)
        align: Align = _ALIGN.get(look.align or "", "left")  # type: ignore[assignment]
        set_paragraphs.append(typesetter.paragraph(runs, width, style, align=align))
    text_h = sum(p.height for p in set_paragraphs)
    inner = h - top - bottom
    if anchor == "ctr":
        text_y = y + top + (inner - text_h) / 2
    elif anchor == "b":
        text_y = y + h - bottom - text_h
    else:
        text_y = y + top
    return TextBox(x + left, text_y, width, text_h, tuple(set_paragraphs), "text")
