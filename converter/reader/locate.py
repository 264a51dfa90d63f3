"""Lines for the diagnostics later stages give without one: the deck's text searched for what
they are about, as the reader itself locates text (mistune keeps no positions).

Input: the deck's text (the file's lines, front matter included), the first line of each
slide, the lines of the front-matter options, and a `Diagnostic` without a line from layout
or a backend (a link target that is not a slide, a fragment style PowerPoint has no effect
for, an unknown or unreadable highlight or theme stylesheet). Output: the line of the
construct it is about (`SourceLines.line_for`), else the first line of its slide, else None
(a diagnostic about no slide and no option, such as a missing font, keeps no line).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from converter.diagnostics import Diagnostic

__all__ = ["OPTION_OF_CODE", "SourceLines"]

OPTION_OF_CODE: dict[str, str] = {
    "highlight-theme": "highlightTheme",  # unknown, or its stylesheet read (info)
    "unknown-theme": "theme",  # the theme stylesheet cannot be read
}
"""A deck-wide diagnostic's code -> the front-matter option it is about."""

_LINK_TARGET = re.compile(r"^link target (.+) is not a slide; not linked$")
_RELATIVE_LINK = re.compile(r"^relative link '(.+)' is kept as text")
_FRAGMENT = re.compile(r"^fragment style '(.+)' has no PowerPoint effect")


@dataclass(frozen=True)
class SourceLines:
    """The deck's lines, where its slides start and where its options are set."""

    lines: Sequence[str] = ()  # the file's lines; line n is lines[n - 1]
    slide_lines: Sequence[int] = ()  # slide n starts at slide_lines[n - 1]
    option_lines: dict[str, int] = field(default_factory=dict)

    @classmethod
    def of(cls, text: str, slide_lines: Sequence[int], option_lines: dict[str, int],
           ) -> SourceLines:  # fmt: skip
        return cls(tuple(text.split("\n")), tuple(slide_lines), dict(option_lines))

    def line_for(self, d: Diagnostic) -> int | None:
        """The line `d` is about (see the module's docstring); None when the deck has none."""
        option = OPTION_OF_CODE.get(d.code)
        if option is not None and d.slide is None:
            return self.option_lines.get(option)
        found = self._construct(d)
        if found is not None:
            return found
        return self._slide_span(d.slide)[0] if d.slide is not None else None

    def _construct(self, d: Diagnostic) -> int | None:
        if d.code == "link":
            match = _LINK_TARGET.match(d.message) or _RELATIVE_LINK.match(d.message)
            if match is not None:
                href = match.group(1)
                return self._find(d.slide, lambda line: f"({href}" in line
                                  or f"{href}\"" in line or f"{href}'" in line
                                  or f"<{href}>" in line) or self._find(
                    d.slide, lambda line: href in line)  # fmt: skip
        if d.code == "fragment":
            match = _FRAGMENT.match(d.message)
            if match is not None:
                style = match.group(1)
                return self._find(d.slide, lambda line: "fragment" in line
                                  and re.search(rf"(?<![\w-]){re.escape(style)}(?![\w-])",
                                                line) is not None)  # fmt: skip
        return None

    def _slide_span(self, slide: int | None) -> tuple[int, int]:
        """The first and last line of slide `slide` (the whole body when None or unknown)."""
        end = len(self.lines)
        if not self.slide_lines:
            return 1, end
        if slide is None or not 1 <= slide <= len(self.slide_lines):
            return self.slide_lines[0], end
        first = self.slide_lines[slide - 1]
        later = self.slide_lines[bisect.bisect_right(self.slide_lines, first):]
        return first, (later[0] - 1 if later else end)

    def _find(self, slide: int | None, test: Callable[[str], bool]) -> int | None:
        """The first line of the slide (else of the deck) that passes `test`."""
        first, last = self._slide_span(slide)
        for number in range(first, last + 1):
            if test(self.lines[number - 1]):
                return number
        if slide is not None:
            return self._find(None, test)
        return None
