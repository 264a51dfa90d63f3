"""Math in a run of text, found the way reveal.js's math plugin finds it.

Input: one plain text run, as the reader holds it (code spans and code blocks are the reader's
business and never reach this function; a run should not cross inline formatting, because the
browser's math plugin only joins adjacent text nodes). Output: `MathSegment`s in order: text,
inline math and display math, each with its offsets in the input, so that a caller whose
LaTeX cannot be converted can keep the exact source (`text[seg.start:seg.end]`).

The rules mirror MathJax 2's ``tex2jax`` preprocessor, which reveal.js 5.1.0 loads by default
(``RevealMath`` is ``MathJax2``; ``plugin/math/mathjax2.js`` sets ``inlineMath`` to
``$…$`` and ``\\(…\\)``, MathJax's own defaults give ``displayMath`` ``$$…$$`` and ``\\[…\\]``
and ``processEnvironments``); KaTeX's auto-render (the ``RevealMath.KaTeX`` variant, same four
delimiters) agrees on every case below except where noted:

- openers, longest first: ``$$`` (display), ``\\[`` (display), ``\\(`` (inline), ``$`` (inline),
  and ``\\begin{env}`` (display; the environment itself is part of the math, as MathJax's
  ``processEnvironments`` does). Markdown source spells ``\\(`` as ``\\\\(`` because
  marked consumes one backslash (``dialect.md`` §6), so ``\\\\(…\\\\)`` and
  ``\\\\[…\\\\]`` are accepted too: the function works on Markdown source and on rendered
  text alike.
- the closer is the opener's partner (``\\end{env}`` for an environment). While looking for it,
  a backslash skips the next character (``\\$`` inside ``$…$`` does not close it) and braces
  are counted: a closer inside unbalanced braces is taken only if no balanced one follows
  (MathJax; KaTeX would give up instead).
- ``$`` has no whitespace rule: ``$5 and $6`` is math, as in the browser (both MathJax and
  KaTeX). An opener without a closer leaves the rest of the run as text, as both engines do.
- ``\\$`` outside math is a literal dollar (MathJax's ``processEscapes``, which reveal does not
  switch on; chosen because Markdown's own escape ``\\$`` must keep its meaning). ``\\\\`` is
  an escaped backslash and stays as it is, so ``\\\\$x$`` is a backslash followed by math.
- not done: MathJax's ``\\ref``/``\\eqref`` outside math (no cross references in slides).

Offsets are Python string indices. Segments never overlap, cover the whole input, and adjacent
text is merged into one segment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

__all__ = ["MathSegment", "SegmentKind", "has_math", "split_math"]

SegmentKind = Literal["text", "inline", "display"]


@dataclass(frozen=True, slots=True)
class MathSegment:
    """One piece of a run.

    `text` is the text to show (``\\$`` turned into ``$``) for a text segment, and the LaTeX
    between the delimiters for math (for an environment: ``\\begin{…}…\\end{…}`` whole).
    `start`/`end` span the segment in the input, delimiters included.
    """

    kind: SegmentKind
    text: str
    start: int
    end: int

    @property
    def is_math(self) -> bool:
        return self.kind != "text"


# (opener, closer, kind), longest opener first at each position.
_BACKSLASH_OPENERS: tuple[tuple[str, str, SegmentKind], ...] = (
    ("\\\\[", "\\\\]", "display"),
    ("\\\\(", "\\\\)", "inline"),
    ("\\[", "\\]", "display"),
    ("\\(", "\\)", "inline"),
)
_BEGIN = re.compile(r"\\begin\{([^{}]*)\}")
_QUICK = re.compile(r"[$\\]")


def has_math(text: str) -> bool:
    """Whether `text` holds any math (cheap when it has no ``$`` and no backslash)."""
    if _QUICK.search(text) is None:
        return False
    return any(seg.is_math for seg in split_math(text))


def split_math(text: str) -> list[MathSegment]:
    """The run cut into text, inline math and display math (see the module docstring)."""
    if _QUICK.search(text) is None:
        return [MathSegment("text", text, 0, len(text))] if text else []
    out = _Segments(text)
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == "$":
            opener = "$$" if text.startswith("$$", i) else "$"
            kind: SegmentKind = "display" if opener == "$$" else "inline"
            close = _find_close(text, i + len(opener), opener)
            if close is None:
                out.text_to(n)
                break
            out.math(kind, i, i + len(opener), close, close + len(opener))
            i = close + len(opener)
            continue
        if ch != "\\":
            i += 1
            continue
        matched = False
        for opener, closer, kind in _BACKSLASH_OPENERS:
            if text.startswith(opener, i):
                matched = True
                close = _find_close(text, i + len(opener), closer)
                if close is None:
                    out.text_to(n)
                    i = n
                else:
                    out.math(kind, i, i + len(opener), close, close + len(closer))
                    i = close + len(closer)
                break
        if matched:
            continue
        if text.startswith("\\$", i):
            out.text_to(i)
            out.literal("$", i + 2)
            i += 2
            continue
        if text.startswith("\\\\", i):
            i += 2
            continue
        begin = _BEGIN.match(text, i)
        if begin is not None:
            closer = f"\\end{{{begin.group(1)}}}"
            close = _find_close(text, begin.end(), closer)
            if close is None:
                out.text_to(n)
                break
            # The environment is part of the math: no delimiters to strip.
            out.math("display", i, i, close + len(closer), close + len(closer))
            i = close + len(closer)
            continue
        i += 1
    out.text_to(n)
    return out.segments


def _find_close(text: str, start: int, closer: str) -> int | None:
    """Where `closer` starts, at brace level 0 if possible (MathJax's ``endPattern``)."""
    level = 0
    fallback: int | None = None
    i = start
    n = len(text)
    first = closer[0]
    while i < n:
        ch = text[i]
        if ch == first and text.startswith(closer, i):
            if level == 0:
                return i
            if fallback is None:
                fallback = i
            i += len(closer)
            continue
        if ch == "\\":
            i += 2
            continue
        if ch == "{":
            level += 1
        elif ch == "}" and level:
            level -= 1
        i += 1
    return fallback


class _Segments:
    """Collects segments, merging adjacent text."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.segments: list[MathSegment] = []
        self.pos = 0  # where the not yet emitted text starts

    def _add_text(self, value: str, start: int, end: int) -> None:
        if start == end:
            return
        last = self.segments[-1] if self.segments else None
        if last is not None and last.kind == "text" and last.end == start:
            self.segments[-1] = MathSegment("text", last.text + value, last.start, end)
        else:
            self.segments.append(MathSegment("text", value, start, end))

    def text_to(self, end: int) -> None:
        if end > self.pos:
            self._add_text(self.source[self.pos : end], self.pos, end)
            self.pos = end

    def literal(self, value: str, end: int) -> None:
        self._add_text(value, self.pos, end)
        self.pos = end

    def math(self, kind: SegmentKind, start: int, body: int, body_end: int, end: int) -> None:
        self.text_to(start)
        self.segments.append(MathSegment(kind, self.source[body:body_end], start, end))
        self.pos = end
