"""The PowerPoint backend: laid-out slides to the bytes of an editable .pptx.

Input: a `LaidOutDeck` (geometry decided by layout) and the deck's metadata. Output: the .pptx
file as bytes. Titles go into title placeholders, all-text bodies into the body placeholder
with real bullet levels, everything else into shapes at layout's positions; notes go into the
notes placeholder with explicit run fonts and sizes.

Backgrounds: a plain colour is a native solid fill. A gradient or an image (with its opacity,
size, position and repeat) is the bitmap layout composited once over the slide's (or theme's)
colour, used as the slide's own background picture. TECH-NOTES §1 measured why this and not
`alphaModFix`: a transparent *background* picture fades to white in PowerPoint and LibreOffice
(there is no layer below it), and a transparent picture *shape* would be selectable and sit in
the content. The composite renders identically in PowerPoint, LibreOffice, Keynote and the PDF
backend, which draws the very same bytes.
"""

from __future__ import annotations

import io
from typing import Any

from pptx.enum.shapes import MSO_CONNECTOR

from converter.diagnostics import Diagnostics
from converter.imaging import placeholder_png
from converter.layout.boxes import (
    LaidOutDeck,
    LaidOutSlide,
    PictureBox,
    RuleBox,
    TableBox,
    TextBox,
)
from converter.model import Meta
from converter.render.pptx_base import new_presentation, set_core_properties
from converter.render.pptx_fast import install as install_fast_parts
from converter.render.pptx_text import (
    emu,
    fill_table,
    prepare_frame,
    rgb,
    set_fill_alpha,
    write_paragraphs,
)
from converter.render.pptx_xml import (
    add_run_hyperlink,
    set_background_color,
    set_background_picture,
    set_hidden,
)

LAYOUT_TITLE_AND_CONTENT = "Title and Content"
LAYOUT_TITLE_ONLY = "Title Only"
LAYOUT_BLANK = "Blank"
EXTERNAL_SCHEMES = ("http://", "https://", "mailto:", "ftp://", "tel:")


class _Writer:
    def __init__(self, deck: LaidOutDeck, diags: Diagnostics) -> None:
        install_fast_parts()
        self.deck = deck
        self.diags = diags
        self.prs = new_presentation(int(emu(deck.width)), int(emu(deck.height)))
        self.layouts = {layout.name: layout for layout in self.prs.slide_layouts}

    def on_link(self, run: Any, href: str) -> None:
        if href.lower().startswith(EXTERNAL_SCHEMES):
            add_run_hyperlink(run, href)
        elif not href.startswith("#"):
            self.diags.warning_once(href, "link", f"relative link {href!r} is kept as text "
                                    "(only web and mail links are clickable)")

    def slide(self, laid: LaidOutSlide) -> Any:
        title, body = laid.title_box, _body(laid)
        name = (LAYOUT_TITLE_AND_CONTENT if title is not None and body is not None
                else LAYOUT_TITLE_ONLY if title is not None else LAYOUT_BLANK)
        slide = self.prs.slides.add_slide(self.layouts[name])
        self._background(slide, laid)
        title_ph = next((ph for ph in slide.placeholders if ph.placeholder_format.idx == 0), None)
        body_ph = next((ph for ph in slide.placeholders if ph.placeholder_format.idx == 1), None)
        for box in laid.boxes:
            if isinstance(box, TextBox) and box.role == "title" and title_ph is not None:
                self._text(title_ph, box)
            elif isinstance(box, TextBox) and box.role == "body" and body_ph is not None:
                self._text(body_ph, box)
            elif isinstance(box, TextBox):
                shape = slide.shapes.add_textbox(emu(box.x), emu(box.y), emu(box.w), emu(box.h))
                self._text(shape, box)
            elif isinstance(box, PictureBox):
                self._picture(slide, box)
            elif isinstance(box, TableBox):
                fill_table(slide.shapes, box, self.on_link)
            elif isinstance(box, RuleBox):
                line = slide.shapes.add_connector(MSO_CONNECTOR.STRAIGHT, emu(box.x), emu(box.y),
                                                  emu(box.x + box.w), emu(box.y))
                line.line.color.rgb = rgb(box.color)
                line.line.width = emu(box.thickness)
        for ph in list(slide.placeholders):  # an empty placeholder shows "Click to add text"
            if not (ph.has_text_frame and ph.text_frame.text.strip()):
                ph._element.getparent().remove(ph._element)
        if laid.slide.hidden:
            set_hidden(slide)
        if laid.notes:
            tf = slide.notes_slide.notes_text_frame
            tf.clear()
            write_paragraphs(tf, laid.notes, self.on_link)
        return slide

    def _background(self, slide: Any, laid: LaidOutSlide) -> None:
        bg = laid.background
        if bg.image_key is not None:
            set_background_picture(slide, self.deck.images[bg.image_key].data)
        else:
            set_background_color(slide, bg.color.hex[1:])

    def _text(self, shape: Any, box: TextBox) -> None:
        shape.left, shape.top = emu(box.x), emu(box.y)
        shape.width, shape.height = emu(box.w), emu(box.h)
        if box.fill is not None:
            shape.fill.solid()
            shape.fill.fore_color.rgb = rgb(box.fill)
            set_fill_alpha(shape._element.spPr, box.fill_opacity)
        prepare_frame(shape.text_frame, box.inset, box.wrap)
        write_paragraphs(shape.text_frame, box.paragraphs, self.on_link)

    def _picture(self, slide: Any, box: PictureBox) -> None:
        if box.image_key is not None:
            data = self.deck.images[box.image_key].data
        else:
            data = placeholder_png(max(16, round(box.w * 2)), max(16, round(box.h * 2)),
                                   box.label or "image")
        pic = slide.shapes.add_picture(io.BytesIO(data), emu(box.x), emu(box.y), emu(box.w),
                                       emu(box.h))
        if box.alt:
            pic._element.nvPicPr.cNvPr.set("descr", box.alt)
        if box.link and box.link.lower().startswith(EXTERNAL_SCHEMES):
            pic.click_action.hyperlink.address = box.link


def _body(laid: LaidOutSlide) -> TextBox | None:
    return next((b for b in laid.boxes if isinstance(b, TextBox) and b.role == "body"), None)


def render_pptx(deck: LaidOutDeck, meta: Meta, diags: Diagnostics) -> bytes:
    """Write every laid-out slide; return the .pptx bytes."""
    writer = _Writer(deck, diags)
    for laid in deck.slides:
        diags.slide = laid.slide.number
        writer.slide(laid)
    diags.slide = None
    set_core_properties(writer.prs, meta.title or deck.title or "", meta.author or "",
                        meta.subject or "", meta.keywords, meta.date)
    out = io.BytesIO()
    writer.prs.save(out)
    return out.getvalue()
