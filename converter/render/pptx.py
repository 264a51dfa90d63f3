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
from collections.abc import Callable
from typing import Any

from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.oxml import serialize_part_xml
from pptx.oxml.ns import qn

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
from converter.render.pptx_shapes import (
    NAMESPACES,
    picture_shape,
    rule_shape,
    table_shape,
    text_shape,
)
from converter.render.pptx_text import emu, write_paragraphs
from converter.render.pptx_xml import (
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

    def link_id(self, part: Any) -> Callable[[str], str | None]:
        """A link callback for one slide (or notes) part: external links get a relationship."""

        def rid(href: str) -> str | None:
            if href.lower().startswith(EXTERNAL_SCHEMES):
                return str(part.relate_to(href, RT.HYPERLINK, is_external=True))
            if not href.startswith("#"):
                self.diags.warning_once(
                    href,
                    "link",
                    f"relative link {href!r} is kept as text "
                    "(only web and mail links are clickable)",
                )
            return None

        return rid

    def slide(self, laid: LaidOutSlide) -> None:
        title, body = laid.title_box, _body(laid)
        name = (
            LAYOUT_TITLE_AND_CONTENT
            if title is not None and body is not None
            else LAYOUT_TITLE_ONLY
            if title is not None
            else LAYOUT_BLANK
        )
        slide = self.prs.slides.add_slide(self.layouts[name])
        self._background(slide, laid)
        link = self.link_id(slide.part)
        shapes: list[str] = []
        for shape_id, box in enumerate(laid.boxes, start=2):
            if isinstance(box, TextBox) and box.role == "title":
                shapes.append(text_shape(shape_id, box, link, 'type="title"'))
            elif isinstance(box, TextBox) and box.role == "body":
                shapes.append(text_shape(shape_id, box, link, 'idx="1"'))
            elif isinstance(box, TextBox):
                shapes.append(text_shape(shape_id, box, link))
            elif isinstance(box, PictureBox):
                shapes.append(self._picture(slide, shape_id, box, link))
            elif isinstance(box, TableBox):
                shapes.append(table_shape(shape_id, box, link))
            elif isinstance(box, RuleBox):
                shapes.append(rule_shape(shape_id, box))
        tree = slide.shapes._spTree
        for child in list(tree)[2:]:  # keep nvGrpSpPr and grpSpPr; drop the layout's copies
            tree.remove(child)
        for element in etree.fromstring(f"<p:spTree {NAMESPACES}>{''.join(shapes)}</p:spTree>"):
            tree.append(element)
        if laid.slide.hidden:
            set_hidden(slide)
        if laid.notes:
            notes = slide.notes_slide
            body = _notes_body(notes)
            if body is not None:
                write_paragraphs(body, laid.notes, self.link_id(notes.part))
            freeze(notes.part)
        freeze(slide.part)

    def _background(self, slide: Any, laid: LaidOutSlide) -> None:
        bg = laid.background
        if bg.image_key is not None:
            set_background_picture(slide, self.deck.images[bg.image_key].data)
        else:
            set_background_color(slide, bg.color.hex[1:])

    def _picture(
        self, slide: Any, shape_id: int, box: PictureBox, link: Callable[[str], str | None]
    ) -> str:
        if box.image_key is not None:
            data = self.deck.images[box.image_key].data
        else:
            data = placeholder_png(
                max(16, round(box.w * 2)), max(16, round(box.h * 2)), box.label or "image"
            )
        _part, rid = slide.part.get_or_add_image_part(io.BytesIO(data))
        return picture_shape(shape_id, box, rid, link(box.link) if box.link else None)


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


def render_pptx(deck: LaidOutDeck, meta: Meta, diags: Diagnostics) -> bytes:
    """Write every laid-out slide; return the .pptx bytes."""
    writer = _Writer(deck, diags)
    for laid in deck.slides:
        diags.slide = laid.slide.number
        writer.slide(laid)
    diags.slide = None
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
