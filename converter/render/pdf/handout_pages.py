"""Handout page planning: where each slide, its notes and the ruled lines go on paper.

Input: the visible laid-out slides, the paper size, the slide size and the handout mode.
Output: a list of `PagePlan`s (every page of the document, planned before anything is drawn,
so the footer can say "page x of y"). Geometry is in points measured from the page's top left
(as layout measures), the handout backend turns it into PDF coordinates. Notes are re-wrapped
to the text column and split between pages only between lines: a paragraph that does not fit
continues on the next page, a heading is never left alone at the bottom of a page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4, LETTER

from converter.layout.boxes import LaidOutSlide, TextParagraph
from converter.layout.text import rewrap

PAPERS: dict[str, tuple[float, float]] = {"a4": A4, "letter": LETTER}
GRIDS: dict[str, tuple[int, int]] = {"2": (1, 2), "3": (1, 3), "4": (2, 2), "6": (2, 3)}
MODES = ("notes", *GRIDS)

MARGIN_X = 42.0  # left and right page margins
CONTENT_TOP = 54.0  # below the header (title baseline at HEADER_BASELINE, rule at HEADER_RULE)
CONTENT_BOTTOM = 46.0  # above the footer (baseline FOOTER_BASELINE from the page bottom)
HEADER_BASELINE = 32.0
HEADER_RULE = 39.0
FOOTER_BASELINE = 24.0
GAP = 16.0  # between grid cells
NOTES_GAP = 18.0  # between the slide and its notes
SLIDE_SHARE = 0.45  # notes mode: the slide takes at most this share of the content height
CONTINUED_HEIGHT = 24.0  # the "(continued)" heading and the space below it
RULE_SPACING = 20.0  # ruled lines for writing (3-up, and slides without notes)
EPSILON = 0.01


@dataclass(frozen=True)
class Rect:
    """A rectangle on the page: left, top (from the page top), width, height."""

    x: float
    top: float
    w: float
    h: float

    @property
    def bottom(self) -> float:
        return self.top + self.h


@dataclass(frozen=True)
class SlideSpot:
    """One slide drawn scaled into `rect`; `rules`: an area ruled for writing beside it."""

    laid: LaidOutSlide
    rect: Rect
    rules: Rect | None = None


@dataclass(frozen=True)
class NotesPart:
    """The notes (or a continuation of them) of `laid` set in `rect`; `continued` pages start
    with a heading naming the slide; `ruled`: no notes, the area is ruled instead."""

    laid: LaidOutSlide
    paragraphs: tuple[TextParagraph, ...]
    rect: Rect
    continued: bool = False
    ruled: bool = False


@dataclass(frozen=True)
class PagePlan:
    spots: tuple[SlideSpot, ...] = ()
    notes: NotesPart | None = None


@dataclass(frozen=True)
class Paper:
    width: float
    height: float

    @classmethod
    def named(cls, name: str) -> Paper:
        size = PAPERS.get(name.lower())
        if size is None:
            raise ValueError(f"unknown paper {name!r}: use {', '.join(PAPERS)}")
        return cls(float(size[0]), float(size[1]))

    @property
    def content(self) -> Rect:
        return Rect(
            MARGIN_X,
            CONTENT_TOP,
            self.width - 2 * MARGIN_X,
            self.height - CONTENT_TOP - CONTENT_BOTTOM,
        )


def fit(width: float, height: float, room_w: float, room_h: float) -> tuple[float, float]:
    """`width` x `height` scaled to fit inside `room_w` x `room_h`, keeping the aspect."""
    scale = min(room_w / width, room_h / height)
    return width * scale, height * scale


def plan_pages(
    slides: Sequence[LaidOutSlide], paper: Paper, slide_size: tuple[float, float], mode: str
) -> list[PagePlan]:
    if mode == "notes":
        pages = notes_pages(slides, paper, slide_size)
    elif mode in GRIDS:
        pages = grid_pages(slides, paper, slide_size, mode)
    else:
        raise ValueError(f"unknown handout mode {mode!r}: use {', '.join(MODES)}")
    return pages or [PagePlan()]  # a PDF needs a page: no visible slide gives an empty one


# --- n-up -------------------------------------------------------------------------------------


def grid_pages(
    slides: Sequence[LaidOutSlide], paper: Paper, slide_size: tuple[float, float], mode: str
) -> list[PagePlan]:
    """2 (one column), 4 (2x2), 6 (2x3): a grid of slides; 3: three slides down the left
    half with ruled lines beside each."""
    cols, rows = GRIDS[mode]
    per_page = cols * rows
    area = paper.content
    ruled = mode == "3"
    slides_w = (area.w - GAP) / 2 if ruled else area.w
    cell_w = (slides_w - (cols - 1) * GAP) / cols
    cell_h = (area.h - (rows - 1) * GAP) / rows
    w, h = fit(slide_size[0], slide_size[1], cell_w, cell_h)
    pages: list[PagePlan] = []
    for first in range(0, len(slides), per_page):
        spots: list[SlideSpot] = []
        for k, laid in enumerate(slides[first : first + per_page]):
            row, col = divmod(k, cols)
            x = area.x + col * (cell_w + GAP) + (0.0 if ruled else (cell_w - w) / 2)
            top = area.top + row * (cell_h + GAP) + (cell_h - h) / 2
            rules = None
            if ruled:
                rules = Rect(area.x + slides_w + GAP, top, area.w - slides_w - GAP, h)
            spots.append(SlideSpot(laid, Rect(x, top, w, h), rules))
        pages.append(PagePlan(tuple(spots)))
    return pages


# --- notes pages ------------------------------------------------------------------------------


def notes_pages(
    slides: Sequence[LaidOutSlide], paper: Paper, slide_size: tuple[float, float]
) -> list[PagePlan]:
    """Per slide: the slide in the upper part of a page, its notes below; notes that do not
    fit continue on further pages (which carry a "(continued)" heading)."""
    area = paper.content
    w, h = fit(slide_size[0], slide_size[1], area.w, area.h * SLIDE_SHARE)
    slide_rect = Rect(area.x + (area.w - w) / 2, area.top, w, h)
    notes_top = slide_rect.bottom + NOTES_GAP
    first = Rect(area.x, notes_top, area.w, area.bottom - notes_top)
    later = Rect(area.x, area.top + CONTINUED_HEIGHT, area.w, area.h - CONTINUED_HEIGHT)
    pages: list[PagePlan] = []
    for laid in slides:
        spot = SlideSpot(laid, slide_rect)
        if not laid.notes:
            pages.append(PagePlan((spot,), NotesPart(laid, (), first, ruled=True)))
            continue
        wrapped = [rewrap(p, area.w) for p in laid.notes]
        parts = split_notes(wrapped, first.h, later.h)
        pages.append(PagePlan((spot,), NotesPart(laid, tuple(parts[0]), first)))
        pages.extend(
            PagePlan((), NotesPart(laid, tuple(part), later, continued=True)) for part in parts[1:]
        )
    return pages


def keeps_with_next(para: TextParagraph) -> bool:
    """A heading: every run bold (the notes style sets headings bold, body text regular)."""
    runs = [r for r in para.runs if not r.is_break and r.text.strip()]
    return bool(runs) and all(r.bold for r in runs) and para.bullet is None


def part_of(para: TextParagraph, start: int, end: int, space: float) -> TextParagraph:
    """Lines `start:end` of `para`; only the first part keeps the bullet."""
    return TextParagraph(
        para.runs,
        para.lines[start:end],
        para.align,
        para.level,
        para.bullet if start == 0 else None,
        para.indent,
        para.hanging,
        space,
        para.line_spacing,
        para.fragment,
    )


def split_notes(
    paras: Sequence[TextParagraph], first: float, rest: float
) -> list[list[TextParagraph]]:
    """Wrapped paragraphs into pages: `first` points of height on the first page, `rest` on
    each further one. Lines are never cut; a paragraph longer than the room is split between
    lines; the space before a paragraph is dropped at the top of a page; a heading moves to
    the next page rather than end one. A line taller than a whole page gets a page to itself."""
    pages: list[list[TextParagraph]] = [[]]
    room, used = first, 0.0

    def new_page() -> None:
        nonlocal room, used
        pages.append([])
        room, used = rest, 0.0

    for i, para in enumerate(paras):
        lines = para.lines
        if not lines:
            continue
        movable = bool(pages[-1]) or len(pages) == 1  # a fresh continuation page: no use
        if movable and i + 1 < len(paras) and keeps_with_next(para) and paras[i + 1].lines:
            after = paras[i + 1]
            need = (
                para.space_before
                + sum(line.height for line in lines)
                + after.space_before
                + after.lines[0].height
            )
            if used + need > room + EPSILON and need <= rest:
                new_page()
        start = 0
        while start < len(lines):
            space = para.space_before if start == 0 and pages[-1] else 0.0
            free = room - used - space + EPSILON
            count, height = 0, 0.0
            for line in lines[start:]:
                if height + line.height > free:
                    break
                height += line.height
                count += 1
            if count == 0 and not pages[-1] and len(pages) > 1:
                count, height = 1, lines[start].height  # taller than a page: never loop
            if count:
                pages[-1].append(part_of(para, start, start + count, space))
                used += space + height
                start += count
            if start < len(lines):
                new_page()
    if len(pages) > 1 and not pages[-1]:
        pages.pop()
    return pages


# --- wrapping ---------------------------------------------------------------------------------
