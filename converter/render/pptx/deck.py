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

Pictures: an SVG is a picture of its PNG with the SVG itself related from the slide and named
in the blip's `asvg:svgBlip` extension, as PowerPoint 2016 and later write it (they draw the
SVG; LibreOffice and older clients the PNG). Each SVG is stored once, like each image.

Structure and motion: every slide part is created first, so a link can jump forward; each is
then filled (shapes, the slide-number badge, its transition and its fragments as click
animations, `converter.render.pptx.motion`) and frozen. Vertical stacks become sections, links
between slides become slide jumps, and numbers are `slidenum` fields where PowerPoint's count
is reveal's number (`converter.render.pptx.nav` has these decisions).
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Callable
from typing import Any

from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.oxml import serialize_part_xml
from pptx.opc.package import Part
from pptx.oxml.ns import qn

from converter.diagnostics import Diagnostics
from converter.layout.boxes import (
    LaidOutDeck,
    LaidOutSlide,
    PictureBox,
    RuleBox,
    TableBox,
    TextBox,
)
from converter.layout.geometry import EMU_PER_PT
from converter.layout.number import number_badge
from converter.media.images import placeholder_png
from converter.model import Meta
from converter.render.pptx.base import new_presentation, set_core_properties
from converter.render.pptx.fast import install as install_fast_parts
from converter.render.pptx.motion import timing_xml, transition_xml
from converter.render.pptx.nav import (
    HyperlinkXml,
    SlideLinks,
    number_parts,
    sections,
    transitions,
)
from converter.render.pptx.shapes import (
    NAMESPACES,
    number_shape,
    picture_shape,
    rule_shape,
    table_shape,
    text_shape,
)
from converter.render.pptx.template import (
    TemplateLayouts,
    as_placeholder,
    number_placeholder,
    open_template,
    stated_color,
    text_placeholder,
)
from converter.render.pptx.text import (
    emu,
    inherited_looks,
    latin_lang,
    theme_fonts,
    write_paragraphs,
)
from converter.render.pptx.xml import (
    set_background_color,
    set_background_picture,
    set_hidden,
    set_sections,
)
from converter.template.kinds import Placeholder

LAYOUT_TITLE_AND_CONTENT = "Title and Content"
LAYOUT_TITLE_ONLY = "Title Only"
LAYOUT_BLANK = "Blank"


class _Writer:
    def __init__(self, deck: LaidOutDeck, diags: Diagnostics) -> None:
        install_fast_parts()
        self.deck = deck
        self.diags = diags
        self.template: TemplateLayouts | None = None
        if deck.template is not None:
            self.prs = open_template(deck.template)
            self.template = TemplateLayouts(deck.template, self.prs, diags)
        else:
            self.prs = new_presentation(int(emu(deck.width)), int(emu(deck.height)))
        self.layouts = {layout.name: layout for layout in self.prs.slide_layouts}
        self.parts: list[Any] = []  # slide parts made so far, in deck order
        self.svg_parts: dict[str, Any] = {}  # SHA-1 of an SVG -> its part, stored once
        self.links = SlideLinks(deck, self.part, diags)
        self.transitions = transitions(deck.slides, deck.options.transition)

    def slide(self, index: int, laid: LaidOutSlide) -> None:
        slide = self.part(index).slide
        self._background(slide, laid)
        link = self.links.for_part(slide.part)
        shapes: list[str] = []
        boxes = laid.boxes
        if self.template is not None:
            shapes, boxes = self._template_shapes(slide, index, laid, link), ()
        png = _png_rid(slide)
        for shape_id, box in enumerate(boxes, start=2):
            if isinstance(box, TextBox) and box.role == "title":
                shapes.append(text_shape(shape_id, box, link, 'type="title"', png))
            elif isinstance(box, TextBox) and box.role == "body":
                shapes.append(text_shape(shape_id, box, link, 'idx="1"', png))
            elif isinstance(box, TextBox):
                shapes.append(text_shape(shape_id, box, link, picture=png))
            elif isinstance(box, PictureBox):
                shapes.append(self._picture(slide, shape_id, box, link))
            elif isinstance(box, TableBox):
                shapes.append(table_shape(shape_id, box, link))
            elif isinstance(box, RuleBox):
                shapes.append(rule_shape(shape_id, box))
        if laid.number_label:
            shapes.append(self._number(len(laid.boxes) + 2, index + 1, laid))
        shapes.extend(self._footer_and_date(len(laid.boxes) + 3, laid))
        tree = slide.shapes._spTree
        for child in list(tree)[2:]:  # keep nvGrpSpPr and grpSpPr; drop the layout's copies
            tree.remove(child)
        for element in etree.fromstring(f"<p:spTree {NAMESPACES}>{''.join(shapes)}</p:spTree>"):
            tree.append(element)
        if laid.slide.hidden:
            set_hidden(slide)
        self._motion(slide, index, laid)
        if laid.notes:
            notes = slide.notes_slide
            body = _notes_body(notes)
            if body is not None:
                write_paragraphs(body, laid.notes, self.links.for_part(notes.part))
            freeze(notes.part)
        freeze(slide.part)

    def part(self, index: int) -> Any:
        """The part of slide `index`, made (with every slide before it) when first needed: a
        link can jump forward to a slide not filled yet. Slides are made just in time, not all
        first: hundreds of open slide documents keep lxml's shared string dictionary from being
        recycled (about 150 KB per slide). Only parts are kept: a `Slide` proxy would keep its
        XML alive after `freeze`."""
        while len(self.parts) <= index:
            laid = self.deck.slides[len(self.parts)]
            if self.template is not None:
                layout = self.template.layout_for(laid)
            else:
                layout = self.layouts[_layout(laid)]
            self.parts.append(self.prs.slides.add_slide(layout).part)
        return self.parts[index]

    def _template_shapes(
        self, slide: Any, index: int, laid: LaidOutSlide, link: HyperlinkXml
    ) -> list[str]:
        """The shapes of a slide on a template layout: boxes into the layout's placeholders
        (by type), the rest as shapes where layout put them."""
        assert self.template is not None
        phs = self.template.placeholders(index, laid)
        shapes: list[str] = []
        for position, box in enumerate(laid.boxes):
            shape_id = position + 2
            ph = phs.get(position, "")
            if isinstance(box, TextBox):
                taken = self.template.taken.get(position) if ph else None
                looks = taken.looks if taken is not None and self.deck.theme_from_template else None
                scale = laid.text_scale if looks and box.role == "body" else 1.0
                with inherited_looks(looks, scale):
                    xml = text_shape(shape_id, box, link, ph, _png_rid(slide))
                if taken is not None and _same_box(box, taken) and self._unique(index, taken):
                    xml = _XFRM.sub("", xml)  # in its placeholder's box: inherit it
                shapes.append(_autofit(xml, scale))
            elif isinstance(box, PictureBox):
                xml = self._picture(slide, shape_id, box, link)
                shapes.append(as_placeholder(xml, ph) if ph else xml)
            elif isinstance(box, TableBox):
                xml = table_shape(shape_id, box, link)
                shapes.append(as_placeholder(xml, ph) if ph else xml)
            elif isinstance(box, RuleBox):
                shapes.append(rule_shape(shape_id, box))
        return shapes

    def _unique(self, index: int, ph: Placeholder) -> bool:
        """Whether `ph` is the only placeholder of its index on the slide's layout: a shape
        inherits its position by index (LibreOffice gives every one index 0)."""
        assert self.template is not None
        info = self.template.infos[index] if index < len(self.template.infos) else None
        return info is not None and sum(p.idx == ph.idx for p in info.placeholders) == 1

    def _number(self, shape_id: int, position: int, laid: LaidOutSlide) -> str:
        deck = self.deck
        layout = laid.template_layout
        ph = layout.find("sldNum") if layout is not None else None
        if laid.number_box is not None and ph is not None:
            field, text = number_parts(laid, position, deck.options.slide_number)
            return number_placeholder(shape_id, ph, str(position) if field else None, text,
                                      latin_lang(), stated_color(laid.number_box, ph))  # fmt: skip
        badge = number_badge(laid.number_label or "", deck.width, deck.height, deck.page_scale)
        field, text = number_parts(laid, position, deck.options.slide_number)
        return number_shape(shape_id, badge, str(position) if field else None, text)

    def _footer_and_date(self, shape_id: int, laid: LaidOutSlide) -> list[str]:
        """The deck's footer and date in the layout's footer and date placeholders, where
        layout set them (`footer_box`, `date_box`: only on a template layout that has them)."""
        layout = laid.template_layout
        shapes = []
        for box, ph_type in ((laid.footer_box, "ftr"), (laid.date_box, "dt")):
            ph = layout.find(ph_type) if layout is not None else None
            if box is not None and ph is not None:
                text = "".join(p.text for p in box.paragraphs)
                shapes.append(text_placeholder(shape_id, ph, text, latin_lang(),
                                               stated_color(box, ph)))  # fmt: skip
                shape_id += 1
        return shapes

    def _motion(self, slide: Any, index: int, laid: LaidOutSlide) -> None:
        """The transition into the slide and its fragments' click animations, after
        `p:clrMapOvr` (the last child of a new slide), in the schema's order."""
        entering = self.transitions[index]
        xml = transition_xml(*entering) if entering is not None else ""
        if self.deck.options.fragments:
            shape_ids = list(range(2, len(laid.boxes) + 2))
            xml += timing_xml(laid, shape_ids, self.diags)
        if xml:
            sld = slide._element
            sld.extend(etree.fromstring(f"<p:sld {NAMESPACES}>{xml}</p:sld>"))

    def finish(self) -> None:
        """Sections, once every slide exists."""
        found = sections(self.deck)
        if found:
            # a part is its own `.part`, all `set_sections` reads from a slide
            set_sections(self.prs, [(name, [self.parts[i] for i in g]) for name, g in found])

    def _background(self, slide: Any, laid: LaidOutSlide) -> None:
        bg = laid.background
        if self.deck.theme_from_template and laid.slide.background.is_empty:
            return  # the template master's background shows through
        if bg.image_key is not None:
            set_background_picture(slide, self.deck.images[bg.image_key].data)
        else:
            set_background_color(slide, bg.color.hex[1:])

    def _picture(self, slide: Any, shape_id: int, box: PictureBox, link: HyperlinkXml) -> str:
        svg_rid = None
        if box.image_key is not None:
            image = self.deck.images[box.image_key]
            data = image.data
            if image.svg is not None:
                svg_rid = slide.part.relate_to(self._svg_part(image.svg.data), RT.IMAGE)
        else:
            data = placeholder_png(
                max(16, round(box.w * 2)), max(16, round(box.h * 2)), box.label or "image"
            )
        _part, rid = slide.part.get_or_add_image_part(io.BytesIO(data))
        return picture_shape(shape_id, box, rid, link(box.link) if box.link else None, svg_rid)

    def _svg_part(self, data: bytes) -> Any:
        """The package's part holding this SVG (`/ppt/media/imageN.svg`), made once."""
        digest = hashlib.sha1(data, usedforsecurity=False).hexdigest()
        part = self.svg_parts.get(digest)
        if part is None:
            package = self.prs.part.package
            name = package.next_image_partname("svg")
            part = self.svg_parts[digest] = Part(name, "image/svg+xml", package, data)
        return part


_XFRM = re.compile(r"<a:xfrm>.*?</a:xfrm>")


def _same_box(box: TextBox, ph: Placeholder) -> bool:
    """Whether layout put the box exactly where its template placeholder is (within a
    hundredth of a point)."""
    if ph.box is None:
        return False
    return all(abs(a - b / EMU_PER_PT) < 0.01
               for a, b in zip((box.x, box.y, box.w, box.h), ph.box, strict=True))  # fmt: skip


def _autofit(shape_xml: str, scale: float) -> str:
    """A placeholder whose text layout shrank to fit, as PowerPoint writes it: the body's
    `a:normAutofit fontScale` (its runs state their sizes before it), so the text keeps
    fitting when it is edited."""
    if scale >= 0.9995:
        return shape_xml
    fit = f'<a:normAutofit fontScale="{max(1, round(scale * 100000))}"/>'
    return shape_xml.replace("<a:noAutofit/>", fit, 2 if "<mc:AlternateContent" in shape_xml else 1)


def _png_rid(slide: Any) -> Callable[[bytes], str]:
    """Stores a PNG in the package (once) and relates it from `slide`: its rId."""

    def rid(data: bytes) -> str:
        _part, found = slide.part.get_or_add_image_part(io.BytesIO(data))
        return str(found)

    return rid


_FROZEN_CLASSES: dict[type, type] = {}


def freeze(part: Any) -> None:
    """Serialise a finished slide or notes part now and drop its XML tree: a 1000-slide deck
    otherwise keeps some 100 MB of lxml trees alive until `save`, which only needs the bytes.
    The part keeps its class (a subclass whose `blob` returns the stored bytes) and its
    relationships, so links to it and from it still work; its XML must not change again."""
    cls = type(part)
    frozen = _FROZEN_CLASSES.get(cls)
    if frozen is None:
        frozen = _FROZEN_CLASSES[cls] = type(
            f"Frozen{cls.__name__}", (cls,), {"blob": property(lambda self: self._frozen_blob)}
        )
    part._frozen_blob = serialize_part_xml(part._element)
    part.__class__ = frozen
    part._element = None
    for cached in ("slide", "notes_slide"):  # python-pptx's lazy proxies hold the tree too
        part.__dict__.pop(cached, None)


def _notes_body(notes: Any) -> Any:
    """The text body of the notes placeholder (python-pptx's `notes_text_frame` walks every
    placeholder with XPath; this is a plain child scan)."""
    for sp in notes.shapes._spTree.iterchildren(qn("p:sp")):
        ph = sp.find(f"{qn('p:nvSpPr')}/{qn('p:nvPr')}/{qn('p:ph')}")
        if ph is not None and ph.get("type") == "body":
            return sp.find(qn("p:txBody"))
    return None


def _body(laid: LaidOutSlide) -> TextBox | None:
    return next((b for b in laid.boxes if isinstance(b, TextBox) and b.role == "body"), None)


def _layout(laid: LaidOutSlide) -> str:
    if laid.title_box is None:
        return LAYOUT_BLANK
    return LAYOUT_TITLE_AND_CONTENT if _body(laid) is not None else LAYOUT_TITLE_ONLY


def render_pptx(deck: LaidOutDeck, meta: Meta, diags: Diagnostics) -> bytes:
    """Write every laid-out slide; return the .pptx bytes."""
    writer = _Writer(deck, diags)
    with theme_fonts(deck):
        for index, laid in enumerate(deck.slides):
            diags.slide = laid.slide.number
            writer.slide(index, laid)
    diags.slide = None
    writer.finish()
    set_core_properties(
        writer.prs,
        meta.title or deck.title or "",
        meta.author or "",
        meta.subject or "",
        meta.keywords,
        meta.date,
    )
    out = io.BytesIO()
    writer.prs.save(out)
    return out.getvalue()
