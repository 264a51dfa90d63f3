"""Overflow: what a slide gets whose content is taller than reveal's canvas.

Input: a model `Slide`, its `SlideContext` (whose `overflow` is the mode), background and notes.
Output: the slide's `LaidOutSlide`s (one, or several for a split slide). The modes of
`--overflow` (and the front matter's `md2pptx: {overflow: ...}`):

* `shrink` (the default): the whole slide is scaled down to fit (never below the readable
  floor, `converter.layout.slide`); when even the floor is too large, an `overflow` warning.
* `split`: a slide that does not fit at the floor is continued on further slides. It is first
  fitted exactly as with `shrink`; only when that fails are its blocks dealt out over as few
  slides as hold them at the deck's own text size (not the floor's: the parts stay readable),
  and evened out so the last slide is not a stub. Breaks
  fall between top-level blocks, between the items of a list (an ordered list numbers on),
  between the rows of a table (its header repeated on every part) and between the lines of a
  code block (the language, highlighting and line numbers carry on); never after a heading
  other than the title. Every part repeats the slide's title with " (cont.)", keeps the
  slide's background, attributes and transition; the notes stay on the first part. All parts
  get the same text size: the largest every part fits at. A block that does not fit a slide
  alone (one huge paragraph, a picture) stays whole on its part, which gets the `overflow`
  warning. The parts are `LaidOutSlide`s with `part` 0, 1, ... and `parts` N.
* `clip`: what reveal.js shows: the slide laid out at full size, nothing shrunk, content from
  the top of the canvas down, and what runs past the bottom of the slide cut off: boxes wholly
  below are dropped, a text box crossing the edge keeps the lines that are wholly on the slide
  (the rest of the text is gone, in the PPTX too), a table keeps its whole rows; a picture
  crossing the edge stays whole and is cut by the page edge (the PDF page, PowerPoint's slide
  show). One `overflow` warning per slide says what was cut.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, replace

from converter.layout.boxes import (
    Box,
    LaidOutSlide,
    PictureBox,
    RuleBox,
    SlideBackground,
    TableBox,
    TextBox,
    TextParagraph,
    TextRun,
)
from converter.layout.placed import stack
from converter.layout.slide import SlideContext, fit_slide, layout_slide, place_slide
from converter.model import (
    Block,
    BulletList,
    CodeBlock,
    Heading,
    OrderedList,
    Run,
    Slide,
    Table,
)
from converter.model.blocks import run_with
from converter.style.cascade import Computed

CONTINUED = " (cont.)"
BALANCE_SLACK = 1.04  # evened-out parts may be this much taller than the average part


def layout_parts(
    slide: Slide,
    ctx: SlideContext,
    background: SlideBackground,
    notes: tuple[TextParagraph, ...],
) -> list[LaidOutSlide]:
    """The slide laid out under `ctx.overflow`: one slide, or its parts (slide numbers are
    labelled later, once every slide's parts are known)."""
    if ctx.overflow == "clip":
        return [clip_slide(layout_slide(slide, ctx, background, notes, None), ctx)]
    if ctx.overflow != "split":
        return [layout_slide(slide, ctx, background, notes, None)]
    fit = fit_slide(slide, ctx, _css(slide, ctx))
    if fit.fits:
        return [place_slide(slide, ctx, fit, background, notes, None)]
    # the parts are cut at the deck's own text size (a slide too long for the floor is long
    # enough to fill several slides at full size: better read than the smallest text)
    slides = split_slide(slide, ctx, 1.0)
    if len(slides) < 2:
        _warn_too_long(slide, ctx, "the slide")
        return [place_slide(slide, ctx, fit, background, notes, None)]
    fits = [fit_slide(s, ctx, _css(s, ctx)) for s in slides]
    common = min((f.shrink for f in fits if f.fits), default=fit.floor)
    ctx.diags.info(
        "overflow",
        f"slide content does not fit at the smallest readable size; split into "
        f"{len(slides)} slides (--overflow split)",
        slide.line,
    )
    laid: list[LaidOutSlide] = []
    for k, (part, part_fit) in enumerate(zip(slides, fits, strict=True)):
        if part_fit.fits and part_fit.shrink > common:  # every part at the same text size
            even = fit_slide(part, ctx, _css(part, ctx), common, part_fit.images)
            part_fit = even if even.fits else part_fit
        if not part_fit.fits:
            _warn_too_long(slide, ctx, f"part {k + 1} of the split slide")
        out = place_slide(part, ctx, part_fit, background, notes if k == 0 else (), None)
        laid.append(replace(out, part=k, parts=len(slides)))
    return laid


def _css(slide: Slide, ctx: SlideContext) -> dict[int, Computed] | None:
    return ctx.css.slide(slide) if ctx.css is not None else None


def _warn_too_long(slide: Slide, ctx: SlideContext, what: str) -> None:
    ctx.diags.warning(
        "overflow",
        f"{what} holds a block that does not fit a slide even at the smallest readable size; "
        "it runs past the bottom of the slide",
        slide.line,
    )


# --- split ------------------------------------------------------------------------------


def units(block: Block) -> int:
    """How many pieces a block may be broken into: list items, table rows, code lines."""
    if isinstance(block, BulletList | OrderedList):
        return max(1, len(block.items))
    if isinstance(block, Table):
        return max(1, len(block.rows))
    if isinstance(block, CodeBlock):
        return block.text.count("\n") + 1
    return 1


def piece(block: Block, start: int, end: int) -> Block:
    """The units `start` to `end` (exclusive) of a block: the block itself when that is all of
    it. A later piece drops the block's id (links go to the first)."""
    if start == 0 and end >= units(block):
        return block
    attrs = block.attrs if start == 0 else replace(block.attrs, id=None)
    if isinstance(block, OrderedList):
        return replace(block, items=block.items[start:end], start=block.start + start,
                       attrs=attrs)  # fmt: skip
    if isinstance(block, BulletList):
        return replace(block, items=block.items[start:end], attrs=attrs)
    if isinstance(block, Table):
        return replace(block, rows=block.rows[start:end], attrs=attrs)
    if isinstance(block, CodeBlock):
        lines = block.text.split("\n")
        steps = tuple(tuple(n - start for n in step if start < n <= end)
                      for step in block.highlight_steps)  # fmt: skip
        return replace(block, text="\n".join(lines[start:end]), highlight_steps=steps,
                       first_line=block.first_line + start, attrs=attrs)  # fmt: skip
    return block


def continued_title(heading: Heading) -> Heading:
    """The title of a continuation slide: the heading with " (cont.)" in its last run's look,
    no anchor or id (links go to the first part) and no fragment (the title is there)."""
    last = heading.runs[-1] if heading.runs else None
    if last is None or last.is_break:
        tail = Run(CONTINUED)
    else:
        tail = run_with(run_with(last.with_text(CONTINUED), "link", None), "code", False)
    attrs = replace(heading.attrs, id=None, fragment=None)
    return replace(heading, runs=(*heading.runs, tail), anchor="", attrs=attrs)


@dataclass
class _Splitter:
    """The slide's blocks as a row of units (`starts[i]`: the first unit of block i); a part
    is a range of units, measured at the floor size (each range once)."""

    slide: Slide
    ctx: SlideContext
    floor: float

    def __post_init__(self) -> None:
        blocks = self.slide.blocks
        self.title = blocks[0] if blocks and isinstance(blocks[0], Heading) else None
        self.starts: list[int] = []
        total = 0
        for block in blocks:
            self.starts.append(total)
            total += units(block)
        self.total = total
        self.canvas = self.ctx.page.pt(self.ctx.page.canvas_height)
        self.heights: dict[tuple[int, int], float] = {}

    def blocks(self, a: int, b: int) -> tuple[Block, ...]:
        """The blocks of units a to b (exclusive), the title first on a continuation."""
        blocks = self.slide.blocks
        out: list[Block] = []
        if a > 0 and self.title is not None:
            out.append(continued_title(self.title))
        first = bisect_right(self.starts, a) - 1
        last = bisect_right(self.starts, b - 1) - 1
        for i in range(first, last + 1):
            lo = a - self.starts[i] if i == first else 0
            hi = b - self.starts[i] if i == last else units(blocks[i])
            out.append(piece(blocks[i], lo, hi))
        return tuple(out)

    def part(self, a: int, b: int, k: int) -> Slide:
        if k == 0:
            return replace(self.slide, blocks=self.blocks(a, b))
        return replace(self.slide, blocks=self.blocks(a, b), notes=(), notes_line=None, id=None)

    def height(self, a: int, b: int) -> float:
        key = (a, b)
        if key not in self.heights:
            part = self.part(a, b, 1 if a else 0)
            fit = fit_slide(part, self.ctx, _css(part, self.ctx), self.floor)
            self.heights[key] = stack(fit.placed)[0]
        return self.heights[key]

    def minimum_end(self, a: int) -> int:
        """A part holds at least one unit besides the title."""
        return min(self.total, a + (2 if a == 0 and self.title is not None else 1))

    def is_heading(self, unit: int) -> bool:
        i = bisect_right(self.starts, unit) - 1
        return isinstance(self.slide.blocks[i], Heading) and unit > 0

    def largest(self, a: int, fits: Callable[[int, int], bool], guess: int) -> int:
        """The largest end b with `fits(a, b)` (at least `minimum_end(a)`, which may not fit:
        a block too tall for a slide stays whole on its part)."""
        lo = self.minimum_end(a)
        if lo >= self.total or not fits(a, lo):
            return lo
        step = max(1, guess)
        hi = self.total + 1
        while True:  # gallop from the guess, then bisect
            b = min(self.total, lo + step)
            if b == lo:
                return lo
            if fits(a, b):
                lo = b
                if b == self.total:
                    return b
                step *= 2
            else:
                hi = b
                break
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if fits(a, mid):
                lo = mid
            else:
                hi = mid
        return lo

    def ends(self, capacity: float) -> list[int]:
        """Greedy parts: each as long as fits `capacity`, never ending on a heading (other than
        the title) when more follows."""
        def fits(a: int, b: int) -> bool:
            return self.height(a, b) <= capacity

        ends: list[int] = []
        a, guess = 0, max(1, self.total // 4)
        while a < self.total:
            b = self.largest(a, fits, guess)
            while b < self.total and b - 1 > self.minimum_end(a) - 1 and self.is_heading(b - 1):
                b -= 1  # a heading goes with what follows it
            ends.append(b)
            guess = max(1, b - a)
            a = b
        return ends

    def split(self) -> list[tuple[int, int]]:
        ends = self.ends(self.canvas)
        if len(ends) > 1:  # even the parts out: as many parts, each about as full
            ranges = list(zip([0, *ends[:-1]], ends, strict=True))
            average = sum(self.height(a, b) for a, b in ranges) / len(ranges)
            for capacity in (average * BALANCE_SLACK, (average + self.canvas) / 2):
                if capacity >= self.canvas:
                    break
                even = self.ends(capacity)
                if len(even) == len(ends):
                    ends = even
                    break
        return list(zip([0, *ends[:-1]], ends, strict=True))


def split_slide(slide: Slide, ctx: SlideContext, floor: float) -> list[Slide]:
    """The slide's parts as slides (the first with the notes, the others with the title
    continued), each as long as fits the canvas at text scale `floor`."""
    splitter = _Splitter(slide, ctx, floor)
    return [splitter.part(a, b, k) for k, (a, b) in enumerate(splitter.split())]


# --- clip -------------------------------------------------------------------------------


@dataclass
class _Cut:
    lines: int = 0
    rows: int = 0
    pictures: int = 0
    crossing: int = 0
    first: str = ""

    def note(self, text: str) -> None:
        if not self.first and text.strip():
            self.first = " ".join(text.split())

    @property
    def any(self) -> bool:
        return bool(self.lines or self.rows or self.pictures or self.crossing)

    def message(self) -> str:
        parts = []
        if self.lines:
            parts.append(f"{self.lines} line{'s' * (self.lines != 1)} of text")
        if self.rows:
            parts.append(f"{self.rows} table row{'s' * (self.rows != 1)}")
        if self.pictures:
            parts.append(f"{self.pictures} picture{'s' * (self.pictures != 1)}")
        crossing = (f"{self.crossing} picture{'s' * (self.crossing != 1)} cut by the bottom edge"
                    if self.crossing else "")  # fmt: skip
        start = self.first if len(self.first) <= 40 else self.first[:39] + "…"
        what = ", ".join(parts) + " not shown" if parts else crossing
        if parts and start:
            what += f", from “{start}”"
        if parts and crossing:
            what += f"; {crossing}"
        return (f"slide content runs past the bottom of the slide and is cut there, as reveal.js "
                f"cuts it (--overflow clip): {what}")  # fmt: skip


def clip_slide(laid: LaidOutSlide, ctx: SlideContext) -> LaidOutSlide:
    """The slide with what lies below the bottom edge cut off, and one warning saying what."""
    bottom = ctx.page.height + 0.01
    cut = _Cut()
    seen: set[tuple[float, float, float, float]] = set()  # highlight steps are stacked copies
    boxes: list[Box] = []
    for box in laid.boxes:
        key = (box.x, box.y, box.w, getattr(box, "h", 0.0))
        counted = key in seen
        seen.add(key)
        kept = _clip_box(box, bottom, _Cut() if counted else cut)
        if kept is not None:
            boxes.append(kept)
    if not cut.any:
        return laid
    ctx.diags.warning("overflow", cut.message(), laid.slide.line)
    return replace(laid, boxes=tuple(boxes))


def _clip_box(box: Box, bottom: float, cut: _Cut) -> Box | None:
    if isinstance(box, RuleBox):
        return box if box.y + box.thickness <= bottom else None
    if box.y + box.h <= bottom:
        return box
    if isinstance(box, PictureBox):
        if box.y >= bottom:
            cut.pictures += 1
            return None
        cut.crossing += 1
        return box
    if isinstance(box, TableBox):
        return _clip_table(box, bottom, cut)
    return _clip_text(box, bottom, cut)


def _clip_text(box: TextBox, bottom: float, cut: _Cut) -> TextBox | None:
    y = box.text_area()[1]
    kept: list[TextParagraph] = []
    for n, para in enumerate(box.paragraphs):
        y += para.space_before
        count = 0
        for line in para.lines:
            if y + line.height > bottom:
                break
            y += line.height
            count += 1
        if count == len(para.lines):
            kept.append(para)
            continue
        if count:  # the lines on the slide, as laid out (hard breaks keep them so in the PPTX)
            lines = para.lines[:count]
            brk = next((r.with_text("\n") for ln in lines for r in ln.runs), None)
            runs: list[TextRun] = []
            for i, line in enumerate(lines):
                if i and brk is not None:
                    runs.append(brk)
                runs.extend(line.runs)
            kept.append(replace(para, runs=tuple(runs), lines=lines))
        rest = para.lines[count:]
        cut.note("".join(r.text for r in rest[0].runs))
        cut.lines += len(rest)
        for later in box.paragraphs[n + 1 :]:
            cut.note(later.text)
            cut.lines += len(later.lines)
        break
    if not kept or box.y >= bottom:
        return None
    return replace(box, paragraphs=tuple(kept), h=max(0.0, bottom - 0.01 - box.y))


def _clip_table(box: TableBox, bottom: float, cut: _Cut) -> TableBox | None:
    y = box.y
    rows = 0
    for height in box.row_heights:
        if y + height > bottom:
            break
        y += height
        rows += 1
    for row in box.rows[rows:]:
        cut.note(" ".join(p.text for cell in row for p in cell.paragraphs))
    cut.rows += len(box.rows) - rows
    if rows <= box.header_rows:
        return None
    return replace(box, rows=box.rows[:rows], row_heights=box.row_heights[:rows], h=y - box.y)
