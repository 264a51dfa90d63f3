"""PDF text: laid-out paragraphs and lines drawn on a reportlab canvas, in every script.

Input: `TextParagraph`s / `TextLine`s from layout (positions, line breaks and widths decided
there), the document's `PdfFonts`, and the page height (PDF's origin is bottom left). Output:
one PDF text object per block of paragraphs, drawn on the canvas: each line split into the
pieces of `PdfFonts.pieces`, reordered by the Unicode bidirectional algorithm when it holds
right-to-left text (`converter.text.bidi`), shaped glyphs drawn by id, colour emoji drawn as
pictures (each distinct one stored once per file) over invisible text of the same width, so
the text layer keeps every character. Underlines, strikes and link rectangles per run.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from reportlab.lib.colors import Color as RLColor
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase.pdfmetrics import stringWidth

from converter.layout.boxes import TextParagraph, TextRun, line_start
from converter.model import Fragment
from converter.render.pdf.fonts import PdfFonts, Piece
from converter.style.color import Color
from converter.text.bidi import has_rtl, visual_runs
from converter.text.fonts import ResolvedFont
from converter.text.shaping import color_png, glyph_extents

Visible = Callable[[Fragment | None], bool]
LinkSink = Callable[[str, tuple[float, float, float, float]], None]  # href, rect (PDF coords)

__all__ = ["LinkSink", "TextPainter", "Visible", "rl_color"]

SLANT = 0.2  # the skew of a synthetic italic (about 11 degrees)


def rl_color(color: Color, alpha: float = 1.0) -> RLColor:
    return RLColor(color.r / 255, color.g / 255, color.b / 255, alpha * color.a)


@dataclass
class TextPainter:
    canvas: Any
    height: float
    fonts: PdfFonts
    _text: Any = None  # the text object of the block being drawn
    _state: tuple[Any, ...] = ()

    def y(self, top: float) -> float:
        return self.height - top

    @contextmanager
    def text_object(self) -> Iterator[None]:
        """One PDF text object for what is drawn inside (font and colour set on change only)."""
        self._text = self.canvas.beginText()
        self._state = ()
        try:
            yield
        finally:
            if self._state and self._state[3]:
                self._text.setCharSpace(0)  # text state outlives the text object: reset it
            self.canvas.drawText(self._text)
            self._text = None

    def paragraphs(
        self,
        paragraphs: tuple[TextParagraph, ...],
        x: float,
        top: float,
        width: float,
        visible: Visible,
        on_link: LinkSink,
    ) -> float:
        """Draw wrapped paragraphs from `top` down (one PDF text object); return the bottom."""
        with self.text_object():
            y = top
            for para in paragraphs:
                y += para.space_before
                show = visible(para.fragment)
                for i, line in enumerate(para.lines):
                    if show:
                        baseline = self.y(y + line.ascent)
                        lx = line_start(para, line.width, x, width)
                        if i == 0 and para.bullet is not None:
                            self.bullet(para, self._bullet_x(para, x, width), baseline)
                        self.line(line.runs, lx, baseline, on_link, para.rtl)
                    y += line.height
            return y

    def _bullet_x(self, para: TextParagraph, x: float, width: float) -> float:
        """Where the list marker starts: left of the text, or right of it in a right-to-left
        paragraph (the start side)."""
        if para.rtl:
            return x + width - para.indent + para.hanging - self._bullet_width(para)
        return x + para.indent - para.hanging

    def _bullet_width(self, para: TextParagraph) -> float:
        bullet = para.bullet
        run = para.runs[0] if para.runs else None
        font = (bullet.font if bullet else None) or (run.font if run else None)
        if bullet is None or font is None:
            return 0.0
        return font.width(bullet.text, bullet.size or (run.size if run else 12.0))

    def bullet(self, para: TextParagraph, x: float, baseline: float) -> None:
        bullet = para.bullet
        assert bullet is not None
        run = para.runs[0] if para.runs else None
        font = bullet.font or (run.font if run else None)
        if font is None:
            return
        size = bullet.size or (run.size if run else 12.0)
        color = bullet.color or (run.color if run else Color(0, 0, 0))
        self.pieces(self.fonts.pieces(bullet.text, font), size, color, x, baseline + bullet.rise)

    def show(self, text: str, font: str, size: float, color: Color, x: float, y: float,
             slant: bool = False, char_space: float = 0.0) -> None:  # fmt: skip
        """Put text into the current text object, setting font and colour only on change;
        `slant`: a synthetic italic (skewed as browsers and LibreOffice slant a face that has
        no italic, such as Noto Sans CJK)."""
        t = self._text
        if slant:
            t.setTextTransform(1, 0, SLANT, 1, x, y)
        else:
            t.setTextOrigin(x, y)
        state = (font, size, color, char_space)
        if state != self._state:
            if self._state[:2] != (font, size):
                t.setFont(font, size)
            if not self._state or self._state[2] != color:
                t.setFillColor(rl_color(color))
            if (self._state[3] if self._state else 0.0) != char_space:
                t.setCharSpace(char_space)  # CSS letter-spacing
            self._state = state
        t.textOut(text)

    def pieces(self, pieces: Sequence[Piece], size: float, color: Color, x: float,
               baseline: float, italic: bool = False, tracking: float = 0.0) -> float:  # fmt: skip
        """Draw pieces from `x`; return the x after them (`tracking`: letter-spacing, em)."""
        space = tracking * size
        for piece in pieces:
            if piece.font is None:
                x = self.emoji(piece, size, x, baseline)
            else:
                slant = italic and not piece.face.italic
                self.show(piece.text, piece.font, size, color, x, baseline, slant, space)
                x += stringWidth(piece.text, piece.font, size) + space * len(piece.text)
        return x

    def emoji(self, piece: Piece, size: float, x: float, baseline: float) -> float:
        """Colour emoji pictures at the text size on the baseline, over invisible text."""
        face = piece.face
        scale = size / face.units_per_em
        start = x
        for glyph in piece.glyphs:
            png = color_png(face, glyph.gid)
            extents = glyph_extents(face, glyph.gid)
            if png is not None and extents is not None:
                x_bearing, y_bearing, w, h = extents
                left = x + (glyph.dx + x_bearing) * scale
                bottom = baseline + (glyph.dy + y_bearing + h) * scale
                self.picture(png, left, bottom, w * scale, -h * scale)
            x += glyph.advance * scale
        width = (x - start) * 1000.0 / size if size else 0.0
        name = self.fonts.initial()
        t = self._text
        t.setTextRenderMode(3)  # invisible: the text layer holds the emoji, the picture shows
        self.show(self.fonts.space_code(name, piece.source, width), name, size, Color(0, 0, 0),
                  start, baseline)  # fmt: skip
        t.setTextRenderMode(0)
        return x

    def picture(self, png: bytes, x: float, y: float, w: float, h: float) -> None:
        """A PNG through a form XObject made once per document (each emoji stored once)."""
        name = "E" + hashlib.sha1(png).hexdigest()[:20]
        c = self.canvas
        forms: set[str] = c.__dict__.setdefault("_md2pptx_forms", set())
        if name not in forms:
            forms.add(name)
            c.beginForm(name, lowerx=0, lowery=0, upperx=1, uppery=1)
            c.drawImage(ImageReader(io.BytesIO(png)), 0, 0, 1, 1, mask="auto")
            c.endForm()
        c.saveState()
        c.transform(w, 0, 0, h, x, y)
        c.doForm(name)
        c.restoreState()

    def line(self, runs: tuple[TextRun, ...], x: float, baseline: float, on_link: LinkSink,
             rtl: bool = False) -> None:  # fmt: skip
        c = self.canvas
        for run, text, right_to_left in _visual(runs, rtl):
            start = x
            rise = run.baseline * run.size
            if run.math is not None:
                x = self.formula(run, x, baseline + rise)
            elif run.image is not None:
                x = self.inline_picture(run, x)
            else:
                pieces = self.fonts.pieces(text, run.font, right_to_left)
                x = self.pieces(pieces, run.size, run.color, x, baseline + rise, run.italic,
                                run.font.tracking)  # fmt: skip
            if run.underline or run.strike:
                c.setStrokeColor(rl_color(run.color))
                c.setLineWidth(max(0.5, run.size / 16))
                if run.underline:
                    c.line(start, baseline - run.size * 0.12, x, baseline - run.size * 0.12)
                if run.strike:
                    c.line(start, baseline + run.size * 0.3, x, baseline + run.size * 0.3)
            if run.link:
                on_link(
                    run.link, (start, baseline - run.size * 0.25, x, baseline + run.size * 0.85)
                )

    def inline_picture(self, run: TextRun, x: float) -> float:
        """A picture in the line: only its room here (layout places the picture itself as a
        picture box over it, drawn with the slide's pictures); the x after it."""
        assert run.image is not None
        return x + run.image.width

    def formula(self, run: TextRun, x: float, baseline: float) -> float:
        """A formula as vector outlines on the baseline, at the run's size and colour (paths,
        not text: the text layer does not hold its LaTeX); the x after it."""
        from converter.math.errors import MathError  # deferred: only decks with math load it
        from converter.math.vector import render_math

        formula = run.math
        assert formula is not None
        try:
            drawing = render_math(formula.latex, run.size, display=formula.display,
                                  color=run.color)  # fmt: skip
        except MathError:  # layout measured it, so this does not happen: leave the room empty
            return x + formula.width
        drawing.draw(self.canvas, x, baseline)
        return x + formula.width

    def string(self, x: float, baseline: float, text: str, font: ResolvedFont, size: float,
               color: Color) -> None:  # fmt: skip
        """One line of text outside the laid-out boxes (handout headers), in every script."""
        with self.text_object():
            self.line((TextRun(text, font, size, color),), x, baseline, lambda _h, _r: None)


def _visual(runs: tuple[TextRun, ...], base_rtl: bool) -> list[tuple[TextRun, str, bool]]:
    """The drawable runs of a line as (run, text, right_to_left) in drawing order."""
    drawable = [r for r in runs if not r.is_break and r.text]
    if not base_rtl and not any(has_rtl(r.text) for r in drawable if r.math is None):
        return [(r, r.text, False) for r in drawable]
    # a formula is one object to the bidi algorithm (its source is no text to reorder)
    texts = [r.text if r.math is None else "\ufffc" for r in drawable]
    text = "".join(texts)
    bounds: list[int] = []
    pos = 0
    for t in texts:
        bounds.append(pos)
        pos += len(t)
    out: list[tuple[TextRun, str, bool]] = []
    for start, end, rtl in visual_runs(text, base_rtl):
        parts: list[tuple[TextRun, str, bool]] = []
        for r, t, first in zip(drawable, texts, bounds, strict=True):
            lo, hi = max(start, first), min(end, first + len(t))
            if lo < hi:
                parts.append((r, r.text if r.math is not None else t[lo - first : hi - first],
                              rtl))  # fmt: skip
        out.extend(reversed(parts) if rtl else parts)
    return out
