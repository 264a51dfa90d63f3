"""Slide splitting: the deck body to slide chunks with their notes and line numbers.

Input: the body text (LF line ends), the line it starts on, and the compiled separator regexes.
Output: a list of `Chunk`s in document order with reveal's h/v indices.

This is reveal.js's `slidify` (dialect.md §1.2-1.3: one `mg` regex of horizontal|vertical, the
match classified by testing it against the horizontal regex, the stack algorithm, empty chunks
kept) and `createMarkdownSlide`'s notes split (§1.6), with the Part A differences: a separator or
notes marker inside a properly closed code fence does not split (warning), an unclosed fence
protects nothing, and with several notes markers everything after the first is notes (warning).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from converter.diagnostics import Diagnostics

_FENCE_OPEN = re.compile(r"^[ \t]*(`{3,}|~{3,})(.*)$", re.M)


@dataclass(frozen=True)
class Fence:
    """A properly closed fenced code block: `start` is the offset after the opening line,
    `end` the offset where the closing line starts."""

    start: int
    end: int
    open_offset: int


@dataclass(frozen=True)
class Chunk:
    h: int
    v: int
    in_stack: bool
    text: str
    line: int
    notes: str | None = None
    notes_line: int | None = None

    @property
    def content_line(self) -> int:
        """The line where the slide's content starts (`line` is where the chunk starts, often
        the end of the separator's line)."""
        return self.line + (len(self.text) - len(self.text.lstrip("\n")))


class LineIndex:
    """Offset to 1-based line number in O(log n)."""

    def __init__(self, text: str, first_line: int = 1) -> None:
        self._starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self._first = first_line

    def line(self, offset: int) -> int:
        return self._first + bisect.bisect_right(self._starts, offset) - 1


def _line_spans(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for line in text.split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def find_fences(text: str) -> tuple[list[Fence], list[int]]:
    """CommonMark fences: closed by a line of the same character, at least as long, with no
    info string. Returns the closed fences and the offsets of openers that never close.

    An opener is also treated as unclosed when a line inside it looks like a new opener of the
    same kind with an info string (a "```python" inside a "```" block): that happens when an
    earlier fence was left open, and pairing across it would swallow whole slides.
    """
    lines = _line_spans(text)
    fences: list[Fence] = []
    unclosed: list[int] = []
    i = 0
    while i < len(lines):
        start, end = lines[i]
        m = _FENCE_OPEN.match(text, start, end)
        if m is None or (m.group(1)[0] == "`" and "`" in m.group(2)):
            i += 1
            continue
        marker = m.group(1)
        close = re.compile(rf"^[ \t]*{re.escape(marker[0])}{{{len(marker)},}}[ \t]*$", re.M)
        suspicious = re.compile(rf"^[ \t]*{re.escape(marker[0])}{{{len(marker)},}}[ \t]*\w", re.M)
        j = i + 1
        while j < len(lines):
            s, e = lines[j]
            if close.match(text, s, e) or suspicious.match(text, s, e):
                break
            j += 1
        if j < len(lines) and close.match(text, *lines[j]):
            fences.append(Fence(end + 1 if end < len(text) else end, lines[j][0], start))
            i = j + 1
        else:
            unclosed.append(start)
            i += 1
    return fences, unclosed


def _inside(offset: int, fences: list[Fence]) -> Fence | None:
    for fence in fences:
        if fence.start <= offset < fence.end:
            return fence
    return None


def _separator_matches(
    body: str, split: re.Pattern[str], lines: LineIndex, diags: Diagnostics
) -> list[re.Match[str]]:
    fences, _unclosed = find_fences(body)
    # A "code block" holding nothing but a separator is two stray fence lines, not code to
    # protect (a corpus deck ends so): reveal's split is kept there.
    fences = [f for f in fences if split.sub("", body[max(0, f.start - 1) : f.end]).strip()]
    kept: list[re.Match[str]] = []
    for m in split.finditer(body):
        if m.end() == m.start():
            diags.warning_once(
                "empty",
                "separator",
                "the separator regex matches empty text; empty matches are ignored",
                lines.line(m.start()),
            )
            continue
        # the match may start with the line break that ends the previous line
        probe = m.start() + 1 if body.startswith("\n", m.start()) else m.start()
        fence = _inside(probe, fences)
        if fence is not None:
            diags.warning(
                "fence-separator",
                "separator inside a fenced code block (opened on line "
                f"{lines.line(fence.open_offset)}) does not start a new slide; "
                "reveal.js would split here",
                lines.line(probe),
            )
            continue
        kept.append(m)
    return kept


def slidify(
    body: str,
    body_line: int,
    split: re.Pattern[str],
    horizontal: re.Pattern[str],
    notes: re.Pattern[str],
    diags: Diagnostics,
) -> list[Chunk]:
    """Split the body into chunks with reveal.js's stack algorithm (dialect.md §1.3)."""
    lines = LineIndex(body, body_line)
    stack: list[list[tuple[int, int]] | tuple[int, int]] = []
    was_horizontal = True
    last = 0
    for m in _separator_matches(body, split, lines, diags):
        is_horizontal = horizontal.search(m.group(0)) is not None
        if not is_horizontal and was_horizontal:
            stack.append([])
        span = (last, m.start())
        if is_horizontal and was_horizontal:
            stack.append(span)
        else:
            target = stack[-1]
            assert isinstance(target, list)
            target.append(span)
        last = m.end()
        was_horizontal = is_horizontal
    tail = (last, len(body))
    if was_horizontal:
        stack.append(tail)
    else:
        target = stack[-1]
        assert isinstance(target, list)
        target.append(tail)

    chunks: list[Chunk] = []
    for h, entry in enumerate(stack):
        spans = entry if isinstance(entry, list) else [entry]
        for v, (start, end) in enumerate(spans):
            chunks.append(
                _make_chunk(
                    body[start:end], h, v, isinstance(entry, list), lines.line(start), notes, diags
                )
            )
    return chunks


def _make_chunk(
    text: str,
    h: int,
    v: int,
    in_stack: bool,
    line: int,
    notes: re.Pattern[str],
    diags: Diagnostics,
) -> Chunk:
    fences, unclosed = find_fences(text)
    local = LineIndex(text, line)
    for offset in unclosed:
        diags.warning(
            "unclosed-fence",
            "code fence is not closed before the end of the slide; the code runs to the end "
            "of this slide",
            local.line(offset),
        )
    markers: list[re.Match[str]] = []
    for m in notes.finditer(text):
        if m.end() == m.start():
            continue
        fence = _inside(m.start(), fences)
        if fence is not None:
            diags.warning(
                "fence-notes",
                "notes marker inside a fenced code block is kept as code; "
                "reveal.js would start the notes here",
                local.line(m.start()),
            )
            continue
        markers.append(m)
    if not markers:
        return Chunk(h, v, in_stack, text, line)
    first = markers[0]
    if len(markers) > 1:
        others = ", ".join(str(local.line(m.start())) for m in markers[1:])
        diags.warning(
            "several-notes",
            f"{len(markers)} notes markers in one slide (also on line {others}); everything "
            "after the first is notes (reveal.js would show all of it on the slide)",
            local.line(first.start()),
        )
    return Chunk(
        h,
        v,
        in_stack,
        text[: first.start()],
        line,
        notes=text[first.end() :],
        notes_line=local.line(first.start()),
    )
