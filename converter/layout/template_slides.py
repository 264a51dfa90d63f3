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

from converter.diagnostics import Diagnostics
from converter.layout.boxes import (
    Align,
    Box,
    LaidOutSlide,
    PictureBox,
    TemplateLayer,
    TextBox,
    TextParagraph,
    line_start,
    split_columns,
)
from converter.layout.geometry import EMU_PER_PT
from converter.layout.template_parts import TITLE_SLIDE_MAX_PARAGRAPHS
from converter.layout.text import TextStyle, Typesetter
from converter.model import Run
from converter.style.color import Color
from converter.template.art import SLIDE_NUMBER, ArtPath, ArtPicture, ArtText, mean_color
from converter.template.choice import layout_choice
from converter.template.kinds import SlideKind
from converter.template.reference import LayoutInfo, Template, on_art
from converter.template.styles import TextLook

__all__ = ["headed", "placeholder_text", "set_text", "slide_kind", "template_slides"]

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
            if layer.numbered:  # a slide-number field in the art: this slide's number
                layer = _layer(template, lay, typesetter, fallback_family, picture_key,
                               str(index + 1))  # fmt: skip
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
    number: str | None = None,
) -> TemplateLayer:
    """What `lay` shows under a slide, in points (outlines stay in EMU), its background only
    where it differs from the content master's (which layout already composed); a slide
    number field in its art shows `number` (PowerPoint's count: the slide's position), and
    the layer says whether it has one (`numbered`)."""
    backdrop, art = template.art_of(lay)
    content = template.masters[template.content_master] if template.masters else None
    items: list[PictureBox | TextBox | ArtPath] = []
    numbered = False
    for item in art:
        if isinstance(item, ArtPicture):
            key = picture_key(item.data)
            if key is not None:
                x, y, w, h = (v / EMU_PER_PT for v in item.box)
                items.append(PictureBox(x, y, w, h, key))
        elif isinstance(item, ArtText):
            numbered = numbered or any(SLIDE_NUMBER in text for text, _look in item.paragraphs)
            paragraphs = tuple((text.replace(SLIDE_NUMBER, number or ""), look)
                               for text, look in item.paragraphs)  # fmt: skip
            items.append(set_text(paragraphs, item.box, item.anchor, item.insets,
                                  typesetter, fallback))  # fmt: skip
        else:
            items.append(item)
    if backdrop is None or (content is not None and backdrop == content.backdrop):
        return TemplateLayer(None, None, tuple(items), numbered)
    image = picture_key(backdrop.image) if backdrop.image is not None else None
    color = backdrop.color
    if color is None and backdrop.gradient is not None:
        color = mean_color(backdrop.gradient)
    return TemplateLayer(color or Color(255, 255, 255), image, tuple(items), numbered)


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
