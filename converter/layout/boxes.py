"""Laid-out slides: plain data the backends draw without deciding anything.

Input: built by `converter.layout`. Output: frozen dataclasses in points (origin top left, y
down): text boxes holding paragraphs of runs (with their resolved font, size and colour) and
the lines layout wrapped them into, pictures, tables, rules, and each slide's background (a
native colour, or a composited bitmap shared by both backends). No python-pptx, reportlab or
Pillow types appear here.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Literal, TypeAlias

from converter.media.svg import SvgDocument
from converter.model import Fragment, RevealOptions, Slide
from converter.style.color import Color
from converter.template.art import ArtPath
from converter.template.reference import LayoutInfo, Template
from converter.text.fonts import ResolvedFont

Align: TypeAlias = Literal["left", "center", "right"]


@dataclass(frozen=True, slots=True)
class Formula:
    """A formula set in a line: its LaTeX, whether it is displayed, and its box at the run's
    size in points (`ascent` above the baseline, `descent` below it), as layout measured it;
    the backends draw it there (vector outlines in the PDF, Office Math in the PPTX)."""

    latex: str
    display: bool
    width: float
    ascent: float
    descent: float

    @property
    def height(self) -> float:
        return self.ascent + self.descent


@dataclass(frozen=True, slots=True)
class InlinePicture:
    """A picture set in a line of text (`Run.image`): its size in points, its bottom on the
    baseline; `key` into the deck's image table (None: it cannot be drawn, `label` says why);
    layout places a `PictureBox` over the room the run keeps in its line."""

    key: str | None
    width: float
    height: float
    alt: str = ""
    label: str = ""
    fragment: Fragment | None = None  # the image's own (`<img class="fragment">`)

    @property
    def ascent(self) -> float:
        return self.height


@dataclass(frozen=True)
class TextRun:
    text: str
    font: ResolvedFont
    size: float
    color: Color
    bold: bool = False
    italic: bool = False
    underline: bool = False
    strike: bool = False
    link: str | None = None
    baseline: float = 0.0  # superscript > 0 > subscript, as a fraction of the size
    code: bool = False
    math: Formula | None = None  # a formula (`text` is its source, shown where it cannot be)
    image: InlinePicture | None = None  # a picture in the line (`text` is a no-break space)

    @property
    def is_break(self) -> bool:
        return self.text == "\n"

    @property
    def width(self) -> float:
        """The run's advance in points: its text's, its formula's or its picture's."""
        math = self.math
        if math is not None:
            return math.width
        image = self.image
        return self.font.width(self.text, self.size) if image is None else image.width

    def with_text(self, text: str) -> TextRun:
        """The same look with other text (much faster than `dataclasses.replace`)."""
        return TextRun(
            text,
            self.font,
            self.size,
            self.color,
            self.bold,
            self.italic,
            self.underline,
            self.strike,
            self.link,
            self.baseline,
            self.code,
            self.math,
            self.image,
        )


@dataclass(frozen=True)
class TextLine:
    """One wrapped line: its pieces, its width and height in points."""

    runs: tuple[TextRun, ...]
    width: float
    height: float
    ascent: float


@dataclass(frozen=True)
class Bullet:
    """A list marker: `char` for bullets, or `number` with `style` for ordered lists."""

    char: str | None = None
    number: int | None = None
    start: int = 1  # the list's first number (PowerPoint counts on from it)
    style: Literal["arabicPeriod", "arabicParenR"] = "arabicPeriod"
    font: ResolvedFont | None = None
    size: float = 0.0
    color: Color | None = None
    rise: float = 0.0  # points above the text's baseline (a smaller marker, centred on it)

    @property
    def text(self) -> str:
        if self.number is not None:
            return f"{self.number})" if self.style == "arabicParenR" else f"{self.number}."
        return self.char or ""


@dataclass(frozen=True)
class TextParagraph:
    runs: tuple[TextRun, ...]
    lines: tuple[TextLine, ...]
    align: Align = "center"
    level: int = 0
    bullet: Bullet | None = None
    indent: float = 0.0  # left edge of the text, from the box's inner left
    hanging: float = 0.0  # the marker starts this far left of the text
    space_before: float = 0.0
    line_spacing: float = 1.3  # multiple of the font size
    fragment: Fragment | None = None
    rtl: bool = False  # right-to-left base direction (`dir="rtl"`): PPTX `rtl="1"`

    @property
    def height(self) -> float:
        return self.space_before + sum(line.height for line in self.lines)

    @property
    def text(self) -> str:
        return "".join(" " if r.is_break else r.text for r in self.runs)


def paragraph_size(para: TextParagraph) -> float:
    """The size of a paragraph's largest text (what its spacing in per cent is of); an empty
    one's, the size its line was set at."""
    sizes = [r.size for r in para.runs if not r.is_break]
    if sizes:
        return max(sizes)
    if para.lines and para.line_spacing > 0:
        return para.lines[0].height / para.line_spacing
    return 12.0


def line_start(para: TextParagraph, line_width: float, x: float, width: float) -> float:
    """Where a line of `para` starts in a box whose text spans `x` to `x + width`: the indent
    is on the start side (the right one in a right-to-left paragraph)."""
    if para.align == "center":
        return x + para.indent + (width - para.indent - line_width) / 2
    if para.align == "right":
        return x + width - line_width - (para.indent if para.rtl else 0.0)
    return x + (0.0 if para.rtl else para.indent)


def display_formula(paragraphs: tuple[TextParagraph, ...]) -> TextRun | None:
    """The run of a displayed formula standing alone (a box of its own, sized to it), if the
    paragraphs are just that."""
    if len(paragraphs) != 1 or len(paragraphs[0].runs) != 1:
        return None
    run = paragraphs[0].runs[0]
    return run if run.math is not None and run.math.display else None


Role: TypeAlias = Literal["title", "body", "text", "code", "quote", "caption", "placeholder"]


@dataclass(frozen=True)
class TextBox:
    x: float
    y: float
    w: float
    h: float
    paragraphs: tuple[TextParagraph, ...]
    role: Role = "text"
    fill: Color | None = None
    fill_opacity: float = 1.0
    inset: float = 0.0
    wrap: bool = True
    fragment: Fragment | None = None
    shadow: bool = False
    border: Color | None = None  # CSS `border` on the block: its colour and width in points
    border_width: float = 0.0
    heading: bool = False  # a heading's box (a column's header in a comparison slide)
    # where the text sits in the box: its vertical anchor and per-side insets (l, t, r, b, in
    # points; None: `inset` on every side)
    anchor: Literal["t", "ctr", "b"] = "t"
    insets: tuple[float, float, float, float] | None = None
    # the box is its template placeholder's and so are its anchor and insets: the PPTX states
    # neither (they are inherited, and follow when the template changes)
    inherits_frame: bool = False

    def text_area(self) -> tuple[float, float, float]:
        """(left, top, width) of the text: inside the insets, its top where the anchor puts a
        text of the paragraphs' height."""
        left, top, right, bottom = self.insets or (self.inset,) * 4
        inner = self.h - top - bottom
        text = sum(p.height for p in self.paragraphs)
        shift = {"t": 0.0, "ctr": (inner - text) / 2, "b": inner - text}[self.anchor]
        return self.x + left, self.y + top + max(shift, 0.0), self.w - left - right


@dataclass(frozen=True)
class PictureBox:
    x: float
    y: float
    w: float
    h: float
    image_key: str | None  # key into the deck's image table; None: draw a placeholder
    label: str = ""
    link: str | None = None
    fragment: Fragment | None = None
    alt: str = ""
    border: Color | None = None  # CSS `border` on the image: its colour and width in points
    border_width: float = 0.0


@dataclass(frozen=True)
class TableCell:
    paragraphs: tuple[TextParagraph, ...]
    align: Align = "left"
    header: bool = False
    fill: Color | None = None  # CSS background of the th/td


@dataclass(frozen=True)
class TableBox:
    x: float
    y: float
    w: float
    h: float
    col_widths: tuple[float, ...]
    row_heights: tuple[float, ...]
    rows: tuple[tuple[TableCell, ...], ...]
    header_rows: int
    rule_color: Color
    padding_x: float
    padding_y: float
    fragment: Fragment | None = None


@dataclass(frozen=True)
class RuleBox:
    x: float
    y: float
    w: float
    color: Color
    thickness: float = 1.0
    fragment: Fragment | None = None


Box: TypeAlias = TextBox | PictureBox | TableBox | RuleBox


@dataclass(frozen=True)
class SlideBackground:
    """What the slide shows behind its content: `color` always (the native fill), and
    `image_key` when a gradient or an image had to be composited into a bitmap."""

    color: Color
    image_key: str | None = None


@dataclass(frozen=True)
class LaidOutSlide:
    slide: Slide
    boxes: tuple[Box, ...]
    background: SlideBackground
    notes: tuple[TextParagraph, ...]
    text_scale: float = 1.0
    number_label: str | None = None
    position: tuple[int, int, bool] | None = None  # reveal's (h, v, in a stack) once hidden
    # slides are removed, as its links (#/h/v) and numbers count; None for a hidden slide
    part: int = 0  # a slide split over several (`--overflow split`): 0 the first, 1... the
    parts: int = 1  # continuation slides; `parts`: how many slides the model slide became
    template_layout: LayoutInfo | None = None  # the template layout it uses (with a template)
    number_box: TextBox | None = None  # its number in the layout's slide-number placeholder
    footer_box: TextBox | None = None  # the deck's footer and date in the layout's footer and
    date_box: TextBox | None = None  # date placeholders (`footer:`, `date:`; with a template)
    template_art: TemplateLayer | None = None  # what its template layout shows under it (PDF)

    @property
    def title_box(self) -> TextBox | None:
        for box in self.boxes:
            if isinstance(box, TextBox) and box.role == "title":
                return box
        return None


@dataclass(frozen=True)
class TemplateLayer:
    """What a template's master and layout show under a slide, for the PDF backends (the PPTX
    inherits it): a background of its own (None: the slide's), and its art in drawing order:
    pictures and text in points, outlines (`ArtPath`) in slide EMU."""

    background: Color | None = None
    background_image: str | None = None  # key into the deck's image table
    items: tuple[PictureBox | TextBox | ArtPath, ...] = ()
    numbered: bool = False  # its art holds a slide-number field (each slide its own number)


@dataclass(frozen=True)
class ImageData:
    """An encoded image both backends embed: the same bytes, so each is stored once. For an
    SVG, `data` is its PNG at this size and `svg` the document: the PPTX embeds both (the PNG
    as the fallback), the PDF draws the document as vectors when `svg.vector`."""

    key: str
    data: bytes
    format: Literal["JPEG", "PNG"]
    width: int
    height: int
    svg: SvgDocument | None = field(default=None, repr=False, compare=False)


@dataclass(frozen=True)
class LaidOutDeck:
    width: float
    height: float
    slides: tuple[LaidOutSlide, ...]
    images: dict[str, ImageData]
    title: str | None = None
    page_scale: float = 1.0  # points per reveal CSS pixel
    options: RevealOptions = field(default_factory=RevealOptions)  # transitions, numbers, ...
    template: Template | None = None  # the reference deck PPTX output is built on
    theme_from_template: bool = False  # colours and fonts are the template's (no --theme)
    master_art: tuple[PictureBox, ...] = ()  # the template master's pictures (PDF backends)
    lang: str | None = None  # the deck's language (front matter `lang`), None when unstated


def texts_of(
    slides: Sequence[LaidOutSlide], notes: bool = False
) -> Iterator[tuple[str, ResolvedFont]]:
    """Every (text, font) the slides draw (and their notes, with `notes`): what the PDF needs
    to embed each CFF face once with all its characters, and what layout checks for
    characters no font has."""

    def of(paragraphs: tuple[TextParagraph, ...]) -> Iterator[tuple[str, ResolvedFont]]:
        for para in paragraphs:
            for run in para.runs:
                if not run.is_break and run.math is None:  # formulas are outlines
                    yield run.text, run.font
            bullet = para.bullet
            if bullet is not None and (bullet.font or para.runs):
                yield bullet.text, bullet.font or para.runs[0].font

    for laid in slides:
        extra = tuple(b for b in (laid.number_box, laid.footer_box, laid.date_box)
                      if b is not None)  # fmt: skip
        if laid.template_art is not None:
            extra += tuple(b for b in laid.template_art.items if isinstance(b, TextBox))
        for box in (*laid.boxes, *extra):
            if isinstance(box, TextBox):
                yield from of(box.paragraphs)
            elif isinstance(box, TableBox):
                for row in box.rows:
                    for cell in row:
                        yield from of(cell.paragraphs)
        if notes:
            yield from of(laid.notes)


def split_columns(boxes: Sequence[Box]) -> tuple[list[Box], list[Box]] | None:
    """The boxes as two side-by-side groups (nothing of the left one right of anything of the
    right one), or None."""
    if len(boxes) < 2:
        return None
    ordered = sorted(boxes, key=lambda b: b.x)
    for cut in range(1, len(ordered)):
        left, right = ordered[:cut], ordered[cut:]
        if max(b.x + getattr(b, "w", 0.0) for b in left) <= min(b.x for b in right) + 0.5:
            return sorted(left, key=lambda b: b.y), sorted(right, key=lambda b: b.y)
    return None


def edge_widths(edges: Sequence[tuple[str, float, Color]]) -> tuple[float, float]:
    """The top and bottom border widths among a box's `edges` (they add to its height)."""
    found = {side: width for side, width, _color in edges}
    return found.get("top", 0.0), found.get("bottom", 0.0)


def edge_boxes(x: float, y: float, w: float, h: float,
               edges: Sequence[tuple[str, float, Color]]) -> list[Box]:  # fmt: skip
    """A box's borders that differ between sides (CSS `border-bottom: 4px solid` ...) as thin
    filled boxes along the edges of its border box (x, y, w, h: the borders included)."""
    out: list[Box] = []
    for side, width, color in edges:
        width = min(width, h if side in ("top", "bottom") else w)
        rect = {"top": (x, y, w, width), "bottom": (x, y + h - width, w, width),
                "left": (x, y, width, h), "right": (x + w - width, y, width, h)}[side]  # fmt: skip
        out.append(TextBox(*rect, (), "text", fill=color, fill_opacity=color.a))
    return out
