"""The handout backend: slides on portrait paper, with their speaker notes or n-up.

Input: a `LaidOutDeck`, the deck's metadata, a mode (`notes`, `2`, `3`, `4`, `6`) and a paper
(`a4`, `letter`). Output: PDF bytes. `notes`: one slide per page in the upper part, its notes
below with their formatting (fonts, bold headings, bullets and numbers, indents), long notes
continuing on pages headed "Slide N: title (continued)"; a slide without notes gets ruled lines
for writing instead. `2`, `4`, `6`: a grid of framed slides; `3`: three slides down the left
half with ruled lines beside each. Every page has a header with the deck title and a footer
"page x of y"; the outline has one entry per slide (nested for vertical stacks), pointing at
the page the slide is drawn on. Slides are vector drawings (the slides PDF's `SlideDrawer`
under a scaling transform), every fragment shown, hidden slides left out; links inside slides
and notes stay clickable. Every font is an embedded TrueType subset, as in the slides PDF.
"""

from __future__ import annotations

import gc
import io
import itertools
from collections.abc import Sequence
from typing import Any

from reportlab import rl_config
from reportlab.lib.colors import Color as RLColor
from reportlab.pdfgen.canvas import Canvas

from converter.diagnostics import Diagnostics
from converter.layout.boxes import LaidOutDeck, LaidOutSlide, TextBox, texts_of
from converter.model import Meta
from converter.render.pdf.draw import SlideDrawer, deck_drawer
from converter.render.pdf.fonts import PdfFonts
from converter.render.pdf.handout_pages import (
    CONTINUED_HEIGHT,
    FOOTER_BASELINE,
    HEADER_BASELINE,
    HEADER_RULE,
    MARGIN_X,
    RULE_SPACING,
    NotesPart,
    PagePlan,
    Paper,
    Rect,
    SlideSpot,
    plan_pages,
)
from converter.render.pdf.slides import (
    LinkTargets,
    link_sink,
    outline,
    set_metadata,
    stack_sizes,
    visibility,
    visible_slides,
)
from converter.render.pdf.text import LinkSink
from converter.style.color import Color
from converter.text.fonts import ResolvedFont, pick_face, vera_faces

CHROME_SIZE = 9.0  # header and footer text
HEADING_SIZE = 11.0  # the "(continued)" heading
CHROME_TEXT = Color(89, 89, 89)  # 0.35 grey
CHROME_GREY = RLColor(0.35, 0.35, 0.35)
FRAME_GREY = RLColor(0.55, 0.55, 0.55)
RULE_GREY = RLColor(0.78, 0.78, 0.78)
FRAME_WIDTH = 0.5
RULE_WIDTH = 0.4


def render_handout(
    laid: LaidOutDeck, meta: Meta, diags: Diagnostics, mode: str = "notes", paper: str = "a4"
) -> bytes:
    """The handout PDF of the visible slides (see the module docstring). Raises ValueError for
    an unknown mode or paper."""
    # as in `converter.api.convert`: the cyclic collector would re-scan the whole laid-out deck
    # again and again while reportlab allocates; nothing here makes cycles worth collecting
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _render(laid, meta, diags, mode, paper)
    finally:
        if collecting:
            gc.enable()


def _render(laid: LaidOutDeck, meta: Meta, diags: Diagnostics, mode: str, paper: str) -> bytes:
    rl_config.useA85 = 0
    sheet = Paper.named(paper)
    slides = visible_slides(laid)
    plans = plan_pages(slides, sheet, (laid.width, laid.height), mode)
    fonts = PdfFonts()
    out = io.BytesIO()
    canvas = Canvas(
        out,
        pagesize=(sheet.width, sheet.height),
        pageCompression=1,
        initialFontName=fonts.initial(),
    )
    set_metadata(canvas, meta, laid.title)
    page = _Page(canvas, laid, sheet, fonts, meta.title or laid.title or "", slides)
    fonts.prepare(lambda: [(page.title, page.regular), *texts_of(slides, notes=mode == "notes")])
    sink = link_sink(canvas, LinkTargets.of(slides), diags)
    for number, plan in enumerate(plans, 1):
        page.draw(plan, number, len(plans), sink, diags)
        canvas.showPage()
    diags.slide = None
    canvas.showOutline()
    canvas.save()
    return out.getvalue()


class _Page:
    """Draws planned pages: header and footer, slides, notes, ruled lines."""

    def __init__(
        self,
        canvas: Any,
        deck: LaidOutDeck,
        paper: Paper,
        fonts: PdfFonts,
        title: str,
        slides: tuple[LaidOutSlide, ...],
    ) -> None:
        self.canvas = canvas
        self.deck = deck
        self.paper = paper
        self.fonts = fonts
        self.title = title
        # one drawer for every slide (images are read and embedded once), one for the page
        self.slides = deck_drawer(canvas, deck, fonts)
        self.text = SlideDrawer(canvas, paper.width, paper.height, deck.images, fonts)
        self.regular, self.bold = chrome_fonts(slides)
        self.visible = visibility({}, None)
        self.stacks = stack_sizes(slides)
        self.started: set[int] = set()

    def draw(
        self, plan: PagePlan, number: int, total: int, sink: LinkSink, diags: Diagnostics
    ) -> None:
        self.chrome(number, total)
        for spot in plan.spots:
            diags.slide = spot.laid.slide.number
            outline(self.canvas, spot.laid, self.stacks, self.started)
            self.slide(spot, sink)
            if spot.rules is not None:
                self.ruled(spot.rules)
        if plan.notes is not None:
            diags.slide = plan.notes.laid.slide.number
            self.notes(plan.notes, sink)

    # --- header and footer --------------------------------------------------------------------

    def chrome(self, number: int, total: int) -> None:
        c = self.canvas
        width, height = self.paper.width, self.paper.height
        right = width - MARGIN_X
        c.setFillColor(CHROME_GREY)
        if self.title:
            title = self.clipped(self.title, self.regular, CHROME_SIZE, right - MARGIN_X)
            self.string(MARGIN_X, height - HEADER_BASELINE, title, self.regular, CHROME_SIZE)
        c.setStrokeColor(RULE_GREY)
        c.setLineWidth(RULE_WIDTH)
        c.line(MARGIN_X, height - HEADER_RULE, right, height - HEADER_RULE)
        footer = f"page {number} of {total}"
        w = self.regular.width(footer, CHROME_SIZE)
        self.string(right - w, FOOTER_BASELINE, footer, self.regular, CHROME_SIZE)

    def string(self, x: float, baseline: float, text: str, font: ResolvedFont, size: float) -> None:
        """`text` in the chrome's grey, with per-character font fallback, in every script."""
        self.text.painter.string(x, baseline, text, font, size, CHROME_TEXT)

    @staticmethod
    def clipped(text: str, font: ResolvedFont, size: float, width: float) -> str:
        """`text`, shortened with an ellipsis to fit `width`."""
        if font.width(text, size) <= width:
            return text
        while text and font.width(text + "…", size) > width:
            text = text[:-1]
        return text.rstrip() + "…"

    # --- slides -------------------------------------------------------------------------------

    def slide(self, spot: SlideSpot, sink: LinkSink) -> None:
        c = self.canvas
        r = spot.rect
        bottom = self.paper.height - r.bottom
        c.saveState()
        c.translate(r.x, bottom)
        c.scale(r.w / self.deck.width, r.h / self.deck.height)
        clip = c.beginPath()
        clip.rect(0, 0, self.deck.width, self.deck.height)
        c.clipPath(clip, stroke=0, fill=0)
        self.slides.draw(spot.laid, self.visible, sink)
        c.restoreState()
        c.setStrokeColor(FRAME_GREY)
        c.setLineWidth(FRAME_WIDTH)
        c.rect(r.x, bottom, r.w, r.h, stroke=1, fill=0)

    def ruled(self, area: Rect) -> None:
        """Horizontal lines for writing, RULE_SPACING apart, down `area`."""
        c = self.canvas
        c.setStrokeColor(RULE_GREY)
        c.setLineWidth(RULE_WIDTH)
        top = area.top + RULE_SPACING
        while top <= area.bottom + 0.01:
            y = self.paper.height - top
            c.line(area.x, y, area.x + area.w, y)
            top += RULE_SPACING

    # --- notes --------------------------------------------------------------------------------

    def notes(self, part: NotesPart, sink: LinkSink) -> None:
        if part.ruled:
            self.ruled(part.rect)
            return
        if part.continued:
            s = part.laid.slide
            label = f"Slide {s.number}: {s.title}" if s.title else f"Slide {s.number}"
            tail = " (continued)"
            room = part.rect.w - self.bold.width(tail, HEADING_SIZE)
            label = self.clipped(label, self.bold, HEADING_SIZE, room) + tail
            self.canvas.setFillColor(RLColor(0, 0, 0))
            baseline = self.paper.height - (part.rect.top - CONTINUED_HEIGHT + HEADING_SIZE)
            self.string(part.rect.x, baseline, label, self.bold, HEADING_SIZE)
        self.text.painter.paragraphs(
            part.paragraphs, part.rect.x, part.rect.top, part.rect.w, self.visible, sink
        )


def chrome_fonts(slides: Sequence[LaidOutSlide]) -> tuple[ResolvedFont, ResolvedFont]:
    """Regular and bold fonts for the header, footer and headings: the notes' own (the theme's
    body font, with its glyph fallbacks), else the slides' text font, else Vera."""
    notes = (r for laid in slides for p in laid.notes for r in p.runs)
    boxes = (
        r
        for laid in slides
        for b in laid.boxes
        if isinstance(b, TextBox)
        for p in b.paragraphs
        for r in p.runs
    )
    regular: ResolvedFont | None = None
    bold: ResolvedFont | None = None
    for run in itertools.chain(notes, boxes):
        if run.code or run.italic or run.is_break:
            continue
        if run.bold and bold is None:
            bold = run.font
        elif not run.bold and regular is None:
            regular = run.font
        if regular is not None and bold is not None:
            break
    faces = vera_faces()
    if regular is None:
        regular = ResolvedFont(("Bitstream Vera Sans",), pick_face(faces, False, False))
    if bold is None:
        bold = ResolvedFont(("Bitstream Vera Sans",), pick_face(faces, True, False))
    return regular, bold
