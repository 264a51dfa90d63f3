"""The slides PDF backend: laid-out slides to the bytes of a PDF, one page per slide.

Input: a `LaidOutDeck` (the same geometry, fitted sizes and background bitmaps as the PPTX) and
the deck's metadata. Output: PDF bytes: page size = slide size, real text in embedded TrueType
subsets (per-character fallback), clickable external and slide-to-slide links, an outline with
one entry per slide nested under its vertical stack, document metadata, slide numbers. Hidden
slides are left out. Fragments: one page with everything visible (as reveal prints), or with
`fragments=True` one page per fragment step, as reveal's print view does. Images are embedded
once however often they appear (reportlab keys image XObjects by content).
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from reportlab import rl_config
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase.pdfdoc import PDFObject, PDFString
from reportlab.pdfgen.canvas import Canvas

from converter.diagnostics import Diagnostics
from converter.layout.boxes import LaidOutDeck, LaidOutSlide, texts_of
from converter.model import Fragment, Meta
from converter.render.pdf.draw import deck_drawer
from converter.render.pdf.fonts import PdfFonts
from converter.render.reveal_order import (
    EXTERNAL_SCHEMES,
    LinkTargets,
    fragment_ranks,
    slide_key,
    visible_slides,
)

__all__ = [
    "EXTERNAL_SCHEMES",
    "LinkTargets",
    "fragment_ranks",
    "link_sink",
    "outline",
    "render_pdf",
    "set_metadata",
    "slide_key",
    "stack_sizes",
    "visibility",
    "visible_slides",
]

HIDDEN_STYLES = ("fade-out",)  # visible until their step, hidden after
# shown only while they are the current step: hidden on a page with everything shown, as in
# reveal's print view (every fragment "visible", none "current")
CURRENT_ONLY = ("current-visible", "fade-in-then-out")


def visibility(ranks: dict[int, int], step: int | None) -> Callable[[Fragment | None], bool]:
    """`step` None: the print view with every fragment shown (fade-out ones too, as reveal
    prints them; current-only ones hidden); else the state after `step` clicks."""

    def visible(fragment: Fragment | None) -> bool:
        if fragment is None:
            return True
        hides = fragment.style in HIDDEN_STYLES
        if step is None:
            return fragment.style not in CURRENT_ONLY
        rank = ranks.get(id(fragment), 0)
        if fragment.style in CURRENT_ONLY:
            return rank == step
        return rank > step if hides else rank <= step

    return visible


def set_metadata(canvas: Any, meta: Meta, title: str | None) -> None:
    canvas.setTitle(meta.title or title or "")
    canvas.setAuthor(meta.author or "")
    canvas.setSubject(meta.subject or "")
    canvas.setKeywords(list(meta.keywords))
    canvas.setCreator("md2pptx")


def outline(canvas: Any, laid: LaidOutSlide, stacks: dict[int, int], started: set[int]) -> None:
    """One entry per slide; slides of a vertical stack nest under an entry for the stack, the
    continuations of a split slide under the slide's entry. `stacks`: the slides per
    horizontal index (`stack_sizes`)."""
    s = laid.slide
    title = s.title or f"Slide {s.number}"
    key = slide_key(s, laid.part)
    canvas.bookmarkPage(key, fit="Fit")
    nested = stacks.get(s.h, 0) > 1
    if laid.part:
        canvas.addOutlineEntry(title, key, level=2 if nested else 1)
    elif nested:
        if s.h not in started:
            started.add(s.h)
            canvas.addOutlineEntry(title, key, level=0, closed=False)
        canvas.addOutlineEntry(title, key, level=1)
    else:
        canvas.addOutlineEntry(title, key, level=0)


def stack_sizes(slides: tuple[LaidOutSlide, ...]) -> dict[int, int]:
    """Horizontal index -> how many slides its stack has (a split slide's continuations are
    not slides of the stack)."""
    stacks: dict[int, int] = {}
    for laid in slides:
        if not laid.part:
            stacks[laid.slide.h] = stacks.get(laid.slide.h, 0) + 1
    return stacks


class UriLink(PDFObject):  # type: ignore[misc]
    """A web-link annotation formatted straight to bytes. reportlab's `linkURL` builds a tree
    of dictionary, name and string objects per link, which cost most of the PDF time of a long
    deck with links on every slide; this is the same annotation, without the border."""

    def __init__(self, rect: tuple[float, float, float, float], url: str) -> None:
        self.rect = rect
        self.url = url

    def format(self, document: Any) -> bytes:
        x1, y1, x2, y2 = (fp_str(v) for v in self.rect)
        url: bytes = PDFString(self.url).format(document)
        return (
            (
                f"<< /Type /Annot /Subtype /Link /Rect [ {x1} {y1} {x2} {y2} ] "
                "/Border [ 0 0 0 ] /A << /S /URI /Type /Action /URI "
            ).encode()
            + url
            + b" >> >>"
        )


def link_sink(canvas: Any, targets: LinkTargets, diags: Diagnostics) -> Callable[..., None]:
    def sink(href: str, rect: tuple[float, float, float, float]) -> None:
        if href.lower().startswith(EXTERNAL_SCHEMES):
            canvas._addAnnotation(UriLink(canvas._absRect(rect, 1), href))
        elif href.startswith("#"):
            key = targets.resolve_or_warn(href, diags)
            if key is not None:
                canvas.linkRect("", key, rect, relative=1, thickness=0)

    return sink


def render_pdf(deck: LaidOutDeck, meta: Meta, diags: Diagnostics, fragments: bool = False) -> bytes:
    """Write the visible slides; with `fragments`, one page per fragment step."""
    rl_config.useA85 = 0
    fonts = PdfFonts()
    out = io.BytesIO()
    canvas = Canvas(
        out, pagesize=(deck.width, deck.height), pageCompression=1, initialFontName=fonts.initial()
    )
    set_metadata(canvas, meta, deck.title)
    slides = visible_slides(deck)
    fonts.prepare(lambda: texts_of(slides))
    stacks = stack_sizes(slides)
    drawer = deck_drawer(canvas, deck, fonts)
    sink = link_sink(canvas, LinkTargets.of(slides), diags)
    started: set[int] = set()
    for laid in slides:
        diags.slide = laid.slide.number
        ranks = fragment_ranks(laid)
        steps: list[int | None] = (
            list(range(max(ranks.values(), default=0) + 1)) if fragments else [None]
        )
        for i, step in enumerate(steps):
            if i == 0:
                outline(canvas, laid, stacks, started)
            drawer.draw(laid, visibility(ranks, step), sink)
            canvas.showPage()
    diags.slide = None
    if not slides:
        canvas.showPage()  # a PDF needs a page; a deck of hidden slides gives one blank page
    canvas.showOutline()
    canvas.save()
    return out.getvalue()
