"""Text setting: model runs to styled runs, and paragraphs wrapped into lines.

Input: inline `Run`s of the model and a `TextStyle` (fonts, size in points, colours, CSS
line-height). Output: `TextParagraph`s whose `lines` hold the wrapped pieces with their widths,
measured with the real font metrics (`converter.text.fonts`). Greedy wrapping at the break
opportunities a browser uses (`converter.layout.breaks`: spaces, and between CJK characters with
kinsoku); a word longer than the line is broken between characters (never an endless loop);
code is never wrapped. A formula or a picture in the text is one unbreakable piece (a picture
with break opportunities either side, as an `<img>` has), and its line grows to hold it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from converter.layout.boxes import (
    Align,
    Bullet,
    Formula,
    InlinePicture,
    TextLine,
    TextParagraph,
    TextRun,
)
from converter.layout.breaks import WORDS, glued_across, segments
from converter.model import LINE_BREAK, Fragment, Image, Run
from converter.style.color import Color
from converter.text.fonts import ResolvedFont
from converter.text.library import FontLibrary

SMALL_SCALE = 0.6  # `small { font-size: 0.6em }`
NBSP = "\u00a0"  # the text of a picture's run: the room it keeps in the line
Pictures = Callable[[Image, float], InlinePicture]  # an inline image at a text size -> its box
SUBSUP_SCALE = 0.75


@dataclass(frozen=True)
class TextStyle:
    """How one kind of block sets its text."""

    families: tuple[str, ...]
    code_families: tuple[str, ...]
    size: float  # points
    color: Color
    link_color: Color
    line_height: float = 1.3
    bold: bool = False
    italic: bool = False
    uppercase: bool = False
    letter_spacing: float = 0.0  # em (CSS letter-spacing)
    strong_color: Color | None = None
    em_color: Color | None = None
    code_color: Color | None = None

    def scaled(self, factor: float) -> TextStyle:
        return replace(self, size=self.size * factor)


class Typesetter:
    """Turns runs into measured text with one font library (fonts are resolved once)."""

    def __init__(self, fonts: FontLibrary) -> None:
        self.fonts = fonts
        self._resolved: dict[tuple[tuple[str, ...], bool, bool, float], ResolvedFont] = {}
        self.lost: dict[str, None] = {}  # characters no installed font has, since `take_lost`

    def take_lost(self) -> str:
        """The characters no font had in the runs set since the last call (each once)."""
        lost, self.lost = "".join(self.lost), {}
        return lost

    def font(self, families: tuple[str, ...], bold: bool, italic: bool,
             tracking: float = 0.0) -> ResolvedFont:  # fmt: skip
        key = (families, bold, italic, tracking)
        found = self._resolved.get(key)
        if found is None:
            found = self.fonts.resolve(families, bold=bold, italic=italic)
            if tracking:
                found = found.tracked(tracking)
            self._resolved[key] = found
        return found

    def runs(self, runs: Sequence[Run], style: TextStyle,
             pictures: Pictures | None = None) -> tuple[TextRun, ...]:  # fmt: skip
        """Styled runs; `pictures` sizes the images inline in the text (without it, an image
        is set as its alt text)."""
        out: list[TextRun] = []
        for run in runs:
            if run.is_break:
                out.append(
                    TextRun(
                        LINE_BREAK, self.font(style.families, False, False), style.size, style.color
                    )
                )
                continue
            bold = style.bold or run.bold
            italic = style.italic or run.italic
            families = style.code_families if run.code else style.families
            if run.families is not None:
                families = (*run.families, *families)
            size = style.size if run.size is None else run.size
            if run.small:
                size *= SMALL_SCALE
            if run.sub or run.sup:
                size *= SUBSUP_SCALE
            color = style.color
            if run.link:
                color = style.link_color
            if run.bold and style.strong_color is not None:
                color = style.strong_color
            if run.italic and style.em_color is not None:
                color = style.em_color
            if run.code and style.code_color is not None:
                color = style.code_color
            if run.color is not None:
                color = run.color
            font = self.font(families, bold, italic, style.letter_spacing)
            if run.math is not None:
                formula = _measured(run.math, run.display, size)
                if formula is not None:
                    out.append(TextRun(run.text, font, size, color, bold, italic, run.underline,
                                       run.strike, run.link,
                                       0.33 if run.sup else -0.2 if run.sub else 0.0,
                                       run.code, formula))  # fmt: skip
                    continue
            if run.image is not None:
                if pictures is not None:
                    out.append(TextRun(NBSP, font, size, color, link=run.link,
                                       image=pictures(run.image, size)))  # fmt: skip
                    continue
                run = run.with_text(run.image.alt)
            text = run.text.upper() if style.uppercase and not run.code else run.text
            if not text.isascii():  # (every fallback chain has ASCII)
                self.lost.update(dict.fromkeys(font.missing(text)))
            out.append(
                TextRun(
                    text,
                    font,
                    size,
                    color,
                    bold,
                    italic,
                    run.underline,
                    run.strike,
                    run.link,
                    0.33 if run.sup else -0.2 if run.sub else 0.0,
                    run.code,
                )
            )
        return tuple(out)

    def paragraph(
        self,
        runs: tuple[TextRun, ...],
        max_width: float,
        style: TextStyle,
        *,
        align: Align = "center",
        wrap: bool = True,
        level: int = 0,
        bullet: Bullet | None = None,
        indent: float = 0.0,
        hanging: float = 0.0,
        space_before: float = 0.0,
        fragment: Fragment | None = None,
        measure: bool = True,
    ) -> TextParagraph:
        """A paragraph; `measure=False` skips line breaking (the lines are then empty) for
        text whose consumer wraps it itself (notes: PowerPoint and the handout)."""
        if fragment is not None and fragment.style == "strike":
            # reveal strikes the text once the fragment is reached; shown struck (its state
            # in reveal's print view), and in the PPTX it appears struck on its click
            runs = tuple(replace(r, strike=True) for r in runs)
        lines = wrap_runs(runs, max_width if wrap else float("inf"), style) if measure else ()
        return TextParagraph(
            runs,
            lines,
            align,
            level,
            bullet,
            indent,
            hanging,
            space_before,
            style.line_height,
            fragment,
        )


def _measured(latex: str, display: bool, size: float) -> Formula | None:
    """A formula's box at `size` (None in the unlikely case that the reader's check passed
    and the outlines still fail: the source is then set as text)."""
    from converter.math.errors import MathError  # deferred: only decks with math load it
    from converter.math.vector import measure_math

    try:
        metrics = measure_math(latex, size, display=display)
    except MathError:
        return None
    return Formula(latex, display, metrics.width, metrics.ascent, metrics.descent)


def _line(pieces: list[TextRun], style: TextStyle, width: float | None = None) -> TextLine:
    if not pieces:
        font_size = style.size
        return TextLine((), 0.0, style.line_height * font_size, 0.8 * font_size)
    if width is None:
        width = sum(p.width for p in pieces)
    size = max(p.size for p in pieces)
    height = style.line_height * size
    first = pieces[0].font
    ascent = first.ascent_pt(size) + (height - first.ascent_pt(size) - first.descent_pt(size)) / 2
    for piece in pieces:
        formula = piece.math
        if formula is not None:  # a formula taller than the text makes the line taller, as an
            # inline-block on the baseline does: no overlap with the lines above and below
            rise = piece.baseline * piece.size
            below = max(height - ascent, formula.descent - rise)
            ascent = max(ascent, formula.ascent + rise)
            height = ascent + below
        picture = piece.image
        if picture is not None and picture.height > ascent:  # its bottom on the baseline
            height += picture.height - ascent
            ascent = picture.height
    return TextLine(tuple(pieces), width, height, ascent)


def _fitting(word: str, room: float, font: ResolvedFont, size: float) -> int:
    """How many characters of `word` fit in `room` (at least one)."""
    lo, hi = 1, len(word)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if font.width(word[:mid], size) <= room:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _look(run: TextRun) -> tuple[object, ...]:
    return (
        run.font,
        run.size,
        run.color,
        run.bold,
        run.italic,
        run.underline,
        run.strike,
        run.link,
        run.baseline,
        run.code,
        run.math,
        run.image,
    )


def _first(run: TextRun) -> str:
    """The character a run starts with, as line breaking sees it: a formula is one word (glued
    to text without a space before it, as MathJax's inline box is), a displayed formula a line
    of its own."""
    math = run.math
    if math is None:
        return " " if run.image is not None else run.text[:1]
    return " " if math.display else "x"


class _LineBreaker:
    """Greedy breaking at the break opportunities of `converter.layout.breaks` over styled runs;
    a piece (between two opportunities) wider than the line is broken between characters. A
    word changing style midway stays one piece across its runs. The pieces of a line are
    collected as strings and each line piece is made once, when its line is done (notes are long
    paragraphs of prose)."""

    def __init__(self, style: TextStyle) -> None:
        self.style = style
        self.lines: list[TextLine] = []
        self.looks: list[TextRun] = []  # per piece of the current line: the run it looks like
        self.texts: list[list[str]] = []  # per piece: its words
        self.x = 0.0

    def flush(self) -> None:
        pieces = [
            look.with_text("".join(words))
            for look, words in zip(self.looks, self.texts, strict=True)
        ]
        while pieces and pieces[-1].text.endswith(" "):  # trailing spaces hang: not counted
            stripped = pieces[-1].text.rstrip(" ")
            if stripped:
                pieces[-1] = pieces[-1].with_text(stripped)
                break
            pieces.pop()
        self.lines.append(_line(pieces, self.style))
        self.looks, self.texts, self.x = [], [], 0.0

    def wrap(self, runs: Sequence[TextRun], max_width: float) -> tuple[TextLine, ...]:
        """Each run is segmented alone; where two runs meet without a break opportunity (a word
        changing style midway) the pieces either side of the boundary are set as one piece."""
        pending: list[tuple[TextRun, str]] = []  # the start of a piece continuing in this run
        last = len(runs) - 1
        for i, run in enumerate(runs):
            text = run.text
            if text == "\n":
                self.flush()
                continue
            if run.image is not None:  # a break opportunity either side, as around an <img>
                if pending:
                    self._spanning(pending, max_width)
                    pending = []
                if self.x > 0 and self.x + run.image.width > max_width:
                    self.flush()
                self.looks.append(run)
                self.texts.append([text])
                self.x += run.image.width
                continue
            if not text:
                continue
            if run.math is not None:
                pending = self._formula(run, i < last and _first(runs[i + 1]), pending,
                                        max_width)  # fmt: skip
                continue
            words = WORDS.findall(text) if text.isascii() else segments(text)
            glued = i < last and text[-1] != " " and glued_across(text[-1], _first(runs[i + 1]))
            if pending:
                pending.append((run, words[0]))
                if len(words) == 1 and glued:
                    continue
                self._spanning(pending, max_width)
                pending = []
                del words[0]
            if glued:
                pending = [(run, words.pop())]
            font, size = run.font, run.size
            last_look = self.looks[-1] if self.looks else None
            joins = last_look is not None and (last_look is run or _look(last_look) == _look(run))
            for word in words:  # the pieces lying in this run alone (nearly all)
                w = font.width(word, size)
                core = word.rstrip(" ")
                core_w = font.width(core, size) if core != word else w
                if self.x > 0 and self.x + core_w > max_width:
                    self.flush()
                    joins = False
                    word = word.lstrip(" ")
                    if not word:
                        continue
                    w = font.width(word, size)
                    core = word.rstrip(" ")
                    core_w = font.width(core, size)
                while core_w > max_width and core:
                    room = max_width - self.x if self.x > 0 else max_width
                    count = _fitting(core, room, font, size)
                    head, word = word[:count], word[count:]
                    self.looks.append(run)
                    self.texts.append([head])
                    self.x += font.width(head, size)
                    self.flush()
                    joins = False
                    w = font.width(word, size)
                    core = word.rstrip(" ")
                    core_w = font.width(core, size)
                if word:
                    if self.texts and joins:
                        self.texts[-1].append(word)
                    else:
                        self.looks.append(run)
                        self.texts.append([word])
                        joins = True
                    self.x += w
        if self.texts or not self.lines:
            self.flush()
        return tuple(self.lines)

    def _add(self, run: TextRun, text: str) -> None:
        if self.looks and run.math is None and run.image is None and (
            self.looks[-1] is run or _look(self.looks[-1]) == _look(run)
        ):
            self.texts[-1].append(text)
        else:
            self.looks.append(run)
            self.texts.append([text])

    def _formula(self, run: TextRun, after: str | bool, pending: list[tuple[TextRun, str]],
                 max_width: float) -> list[tuple[TextRun, str]]:  # fmt: skip
        """A formula: one unbreakable piece, glued to the text around it when no space parts
        them (`after`: the first character of the next run, False for none); a displayed one
        alone on its line. Returns the piece still pending (continued by the next run)."""
        assert run.math is not None
        if run.math.display:
            if pending:
                self._spanning(pending, max_width)
            if self.texts:
                self.flush()
            self._add(run, run.text)
            self.x += run.math.width
            self.flush()
            return []
        glued = bool(after) and glued_across("x", str(after))
        if pending or glued:
            pending = [*pending, (run, run.text)]
            if glued:
                return pending
            self._spanning(pending, max_width)
            return []
        if self.x > 0 and self.x + run.math.width > max_width:
            self.flush()
        self._add(run, run.text)
        self.x += run.math.width
        return []

    def _spanning(self, parts: list[tuple[TextRun, str]], max_width: float) -> None:
        """A piece whose characters lie in several runs (no run boundary inside it is a break
        opportunity; only the last part may end with spaces)."""
        w = core_w = 0.0
        for run, text in parts:
            if run.math is not None:
                w += run.math.width
                core_w += run.math.width
                continue
            w += run.font.width(text, run.size)
            core_w += run.font.width(text.rstrip(" "), run.size)
        if self.x > 0 and self.x + core_w > max_width:
            self.flush()
        if core_w <= max_width:
            for run, text in parts:
                self._add(run, text)
            self.x += w
            return
        for run, text in parts:  # wider than the line: broken between characters
            if run.math is not None:  # a formula is never broken
                if self.x > 0 and self.x + run.math.width > max_width:
                    self.flush()
                self._add(run, text)
                self.x += run.math.width
                continue
            font, size = run.font, run.size
            while text:
                core = text.rstrip(" ")
                room = max_width - self.x
                if font.width(core, size) <= room:
                    self._add(run, text)
                    self.x += font.width(text, size)
                    break
                count = _fitting(core, room, font, size)
                if self.x > 0 and font.width(core[:count], size) > room:
                    self.flush()  # not even one character fits after what the line holds
                    continue
                head, text = text[:count], text[count:]
                self._add(run, head)
                self.x += font.width(head, size)
                self.flush()


def widest_word(runs: Sequence[TextRun]) -> float:
    """The widest piece of text no line break may divide (a word, across runs when no space
    parts them; CJK characters are pieces of their own): a box narrower than this breaks a
    word inside."""
    widest = current = 0.0
    for run in runs:
        if run.is_break:
            widest, current = max(widest, current), 0.0
            continue
        if run.math is not None:  # one piece, glued to text around it; displayed: alone
            if run.math.display:
                widest, current = max(widest, current, run.math.width), 0.0
            else:
                current += run.math.width
            continue
        if run.image is not None:  # a piece of its own
            widest, current = max(widest, current, run.image.width), 0.0
            continue
        for piece in segments(run.text):
            word = piece.rstrip(" ")
            if word:
                current += run.font.width(word, run.size)
            cjk = len(word) == 1 and not word.isascii()
            if word != piece or not word or word[-1] == "-" or cjk:  # a break opportunity
                widest, current = max(widest, current), 0.0
    return max(widest, current)


def wrap_runs(runs: Sequence[TextRun], max_width: float, style: TextStyle) -> tuple[TextLine, ...]:
    """Greedy line breaking over styled runs, at the break opportunities of `segments`."""
    max_width += 0.01  # measured widths are sums of floats: never break a line over rounding
    # fast path: the whole paragraph fits on one line (most titles, bullets, code lines)
    total = 0.0
    for r in runs:
        if r.text == "\n":
            break
        math = r.math
        if math is None:
            total += r.font.width(r.text, r.size) if r.image is None else r.image.width
        elif math.display and len(runs) > 1:
            break  # a displayed formula among other text: a line of its own
        else:
            total += math.width
    else:
        fitted = list(runs)
        while fitted and fitted[-1].text.endswith(" "):  # trailing spaces are not counted
            last = fitted.pop()
            total -= last.font.width(last.text, last.size)
            stripped = last.text.rstrip(" ")
            if stripped:
                fitted.append(last.with_text(stripped))
                total += last.font.width(stripped, last.size)
                break
        if total <= max_width:
            return (_line(fitted, style, total),)
    return _LineBreaker(style).wrap(runs, max_width)


def rewrap(para: TextParagraph, width: float) -> TextParagraph:
    """The same paragraph broken into lines for another width (handout notes)."""
    sizes = [r.size for r in para.runs if not r.is_break]
    first = next((r for r in para.runs if not r.is_break), None)
    style = TextStyle(
        families=(),
        code_families=(),
        size=max(sizes, default=12.0),
        color=first.color if first else Color(0, 0, 0),
        link_color=first.color if first else Color(0, 0, 0),
        line_height=para.line_spacing,
    )
    lines = wrap_runs(para.runs, max(width - para.indent, style.size), style)
    return TextParagraph(
        para.runs,
        lines,
        para.align,
        para.level,
        para.bullet,
        para.indent,
        para.hanging,
        para.space_before,
        para.line_spacing,
        para.fragment,
    )
