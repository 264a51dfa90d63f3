"""Slide context: what building one slide's blocks (or its notes) shares.

Input: set up by the reader per slide chunk. Output: the `SlideContext` (diagnostics, image
resolver, the slide's attribute pairs, heading slugs, and line lookups in the chunk's source,
since mistune keeps no positions) and `parse_line_spec`, reveal's code line-highlight syntax.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from converter.diagnostics import Diagnostics
from converter.reader.images import ImageResolver

if TYPE_CHECKING:
    from converter.reader.sections import SectionMark

_LINE_SPEC = re.compile(r"\[\s*((\d*):)?\s*([\s\d,|-]*)\]")
_SLUG_DROP = re.compile(r"[\u2000-\u206F\u2E00-\u2E7F\\'!\"#$%&()*+,./:;<=>?@\[\]^`{|}~]")


@dataclass
class SlideContext:
    """What building one slide (or its notes) shares: diagnostics, where images come from, the
    slide's attribute pairs, options, and the heading slugs seen so far."""

    diags: Diagnostics
    resolver: ImageResolver
    line: int
    animate_lists: bool = False
    in_notes: bool = False
    slide_pairs: list[tuple[str, str]] = field(default_factory=list)
    slugs: dict[str, int] = field(default_factory=dict)
    source: str = ""
    styles: list[tuple[str, int]] = field(default_factory=list)  # in-deck <style>: text, line
    # `<section>`s opened at the top of the chunk, which become slides (`sections`); None where
    # sections are content (a chunk in a `----` stack, notes). `first_slide`: the number the
    # chunk's first slide gets; `section_cursor`: where the next `<section` tag is looked for.
    sections: list[SectionMark] | None = None
    first_slide: int | None = None
    section_cursor: int = 0
    # mermaid diagrams found (their code block's text and first line), in document order
    diagrams: list[tuple[str, int]] = field(default_factory=list)
    _comment_cursor: int = 0
    _diagram_cursor: int = 0

    def line_of(self, needle: str) -> int:
        """The line of the first occurrence of `needle` in this chunk (the chunk's first line
        when not found): mistune keeps no positions, so diagnostics locate text instead."""
        offset = self.source.find(needle.strip()) if needle.strip() else -1
        return self.line if offset < 0 else self.line + self.source.count("\n", 0, offset)

    def diagram(self, text: str, lines_before: int) -> None:
        """Record a diagram whose code is `text`, starting `lines_before` lines above the
        first line of that code (1 for a fence) where it is found after the previous one."""
        first = next((line.strip() for line in text.splitlines() if line.strip()), "")
        offset = self.source.find(first, self._diagram_cursor) if first else -1
        if offset < 0 and first:  # raw HTML writes `>` as `&gt;`
            first = html.escape(first, quote=False)
            offset = self.source.find(first, self._diagram_cursor)
        if offset < 0:
            self.diagrams.append((text, self.line))
            return
        self._diagram_cursor = offset + len(first)
        line = self.line + self.source.count("\n", 0, offset)
        self.diagrams.append((text, max(self.line, line - lines_before)))

    def blank_line_before(self, comment: str) -> bool:
        """Whether a blank line precedes this block comment in the source (mistune drops the
        blank line between a list and an HTML block, but marked ends the list there)."""
        needle = f"<!--{comment}-->"
        offset = self.source.find(needle, self._comment_cursor)
        if offset < 0:
            offset = self.source.find(needle)
        if offset < 0:
            return False
        self._comment_cursor = offset + len(needle)
        before = self.source[:offset].rstrip(" \t")
        return before.endswith("\n") and before[:-1].rstrip(" \t").endswith("\n")

    def slug(self, text: str) -> str:
        """marked 4's Slugger: lower-case, punctuation dropped, spaces to dashes, de-duplicated."""
        base = _SLUG_DROP.sub("", text.lower().strip())
        base = re.sub(r"\s", "-", base)
        slug = base
        if base in self.slugs:
            self.slugs[base] += 1
            slug = f"{base}-{self.slugs[base]}"
        else:
            self.slugs[base] = 0
        return slug


def parse_line_spec(info: str) -> tuple[str, tuple[tuple[int, ...], ...], bool, int]:
    """reveal's CODE_LINE_NUMBER_REGEX on a fence info string: (language, steps, numbered,
    first line). `js [1|2-3]` -> ('js', ((1,), (2, 3)), True, 1)."""
    m = _LINE_SPEC.search(info)
    if m is None:
        return info.strip(), (), False, 1
    language = (info[: m.start()] + info[m.end() :]).strip()
    first = int(m.group(2)) if m.group(2) else 1
    steps: list[tuple[int, ...]] = []
    spec = re.sub(r"\s", "", m.group(3))
    if spec:
        for step in spec.split("|"):
            lines: list[int] = []
            for part in step.split(","):
                bounds = part.split("-")
                if len(bounds) == 1 and bounds[0].isdigit():
                    lines.append(int(bounds[0]))
                elif len(bounds) == 2 and bounds[0].isdigit() and bounds[1].isdigit():
                    lo, hi = int(bounds[0]), int(bounds[1])
                    lines.extend(range(lo, min(hi, lo + 10000) + 1))
            steps.append(tuple(lines))
    return language, tuple(steps), True, first
