"""Raw `<section>` elements as slides: a slide chunk holding sections is a vertical stack.

Input: the top-level blocks of one slide chunk that is not already in a `----` stack, the
`SectionMark` that `html_blocks` recorded for each `<section>` opened at the top of the chunk,
and the chunk's notes. Output: one `SectionSlide` per section (its blocks, notes, attribute
pairs and line) and a diagnostic, with its line, for each thing reveal.js shows on no slide.

What reveal.js 5.1.0 does (checked with its markdown plugin through the oracle): the chunk's
Markdown is rendered into its `<section data-markdown>`; raw `<section>` elements at the top of
that HTML are child sections, and a horizontal slide with child sections is a vertical stack in
which each child section is one slide, with its own attributes (`class`, `id`,
`data-background-*`, ...), even an empty `<section></section>`.
- Sections any deeper (inside a child section, a `<div>`, a quote or a list, or in a chunk that
  is already in a `----` stack) are ordinary content, as before.
- `<!-- .element: -->` first in a section or right after it sets that section's attributes.
  `<!-- .slide: -->` anywhere in the chunk, even inside a child section, sets the stack's
  (reveal compares `nodeName` with a lower-case "section", which never matches in HTML).
- Content outside the child sections belongs to the stack itself: reveal.js lays it over the
  stack's slides but it is no slide; it is dropped here, with a warning.
- `Note:` text is appended by reveal at the end of the chunk: it lands in the last section when
  that section is never closed, otherwise in the stack, where the notes plugin never reads it
  (dropped, warning). `<aside class="notes">` inside a section are that slide's notes.
- The stack's own attributes: its background shows behind the slides that have none of their
  own, and `data-visibility="hidden"` removes the whole stack (handled by the reader); the
  others reach no slide (info diagnostic).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from converter.model import Block, Group, blocks_text
from converter.reader.background import KNOWN as BACKGROUND_ATTRIBUTES
from converter.reader.context import SlideContext

__all__ = [
    "SectionMark",
    "SectionSlide",
    "section_attrs",
    "section_start",
    "split_asides",
    "stack_attributes",
    "stack_slides",
]

_SECTION_TAG = re.compile(r"<section(?=[\s/>])", re.I)
STACK_ATTRIBUTES = BACKGROUND_ATTRIBUTES | {"data-visibility"}
"""The attributes of a stack of sections that reach its slides."""


@dataclass
class SectionMark:
    """A `<section>` opened at the top of a chunk: its line, its attribute pairs in the order
    reveal sets them (the tag's own, then `.element` comments), and whether `</section>`
    closed it before the chunk's end."""

    line: int
    pairs: list[tuple[str, str]] = field(default_factory=list)
    closed: bool = True
    block: Block | None = None  # the section's block, once closed


@dataclass(frozen=True)
class SectionSlide:
    blocks: tuple[Block, ...]
    notes: tuple[Block, ...]
    pairs: tuple[tuple[str, str], ...]
    line: int
    has_chunk_notes: bool  # the chunk's `Note:` text is this slide's


def section_start(ctx: SlideContext, attrs: list[tuple[str, str | None]]) -> SectionMark | None:
    """Record a `<section>` opened at the top of the chunk (None when sections are content
    here). Later diagnostics of the chunk are attributed to the slide it starts."""
    if ctx.sections is None or ctx.in_notes:
        return None
    m = _SECTION_TAG.search(ctx.source, ctx.section_cursor)
    if m is not None:
        ctx.section_cursor = m.end()
        line = ctx.line + ctx.source.count("\n", 0, m.start())
    else:  # written as character references: the line of the section before, or the chunk's
        line = ctx.sections[-1].line if ctx.sections else ctx.line
    seen: set[str] = set()
    pairs: list[tuple[str, str]] = []
    for name, value in attrs:
        if name not in seen:  # the browser keeps the first of a repeated attribute
            seen.add(name)
            pairs.append((name, value or ""))
    mark = SectionMark(line, pairs)
    ctx.sections.append(mark)
    if ctx.first_slide is not None:
        ctx.diags.slide = ctx.first_slide + len(ctx.sections) - 1
    return mark


def section_attrs(ctx: SlideContext, old: Block, new: Block, pairs: list[tuple[str, str]]) -> None:
    """An `.element` comment just after a block gave it `pairs` (`old` became `new`): when the
    block is a section that is a slide, they are the slide's attributes."""
    for mark in ctx.sections or ():
        if mark.block is old:
            mark.block = new
            mark.pairs.extend(pairs)


def split_asides(blocks: tuple[Block, ...]) -> tuple[tuple[Block, ...], tuple[Block, ...]]:
    """`<aside class="notes">` in the slide body holds notes, as reveal's notes plugin reads
    them (`querySelectorAll`: also inside `<div>`s and other raw HTML containers)."""
    kept: list[Block] = []
    notes: list[Block] = []
    for block in blocks:
        if isinstance(block, Group) and block.tag == "aside" and "notes" in block.attrs.classes:
            notes.extend(block.blocks)
        elif isinstance(block, Group) and _has_notes(block.blocks):
            inner, inner_notes = split_asides(block.blocks)
            kept.append(replace(block, blocks=inner))
            notes.extend(inner_notes)
        else:
            kept.append(block)
    return tuple(kept), tuple(notes)


def _has_notes(blocks: tuple[Block, ...]) -> bool:
    return any(
        isinstance(b, Group)
        and ((b.tag == "aside" and "notes" in b.attrs.classes) or _has_notes(b.blocks))
        for b in blocks
    )


def stack_slides(
    blocks: tuple[Block, ...],
    notes: tuple[Block, ...],
    notes_line: int | None,
    ctx: SlideContext,
) -> list[SectionSlide]:
    """The slides of a chunk whose top holds sections (`ctx.sections` not empty)."""
    marks = [m for m in ctx.sections or () if m.block is not None]
    slide_blocks = {id(m.block) for m in marks}
    loose, loose_notes = split_asides(tuple(b for b in blocks if id(b) not in slide_blocks))
    diags = ctx.diags
    diags.slide = ctx.first_slide
    if loose:
        text = blocks_text(loose)
        what = f" ({_excerpt(text)})" if text else ""
        diags.warning(
            "stack-content",
            f"{len(loose)} block(s) outside the <section> elements of this slide{what} "
            "are on no slide of the vertical stack the sections make "
            "(reveal.js lays them over the stack's slides); dropped",
            ctx.line_of(text.split(" ", 1)[0]) if text else marks[0].line,
        )
    if loose_notes:
        diags.warning(
            "stack-notes",
            '<aside class="notes"> outside the <section> elements of this slide: reveal.js '
            "shows these notes with no slide of the stack; dropped",
            ctx.line_of("<aside"),
        )
    last_open = not marks[-1].closed
    if notes and not last_open:
        diags.warning(
            "stack-notes",
            "speaker notes after the last </section> of this slide belong to the vertical "
            "stack, not to one of its slides: reveal.js shows them nowhere; dropped (put them "
            'inside a <section>, as <aside class="notes">)',
            notes_line,
        )
    out: list[SectionSlide] = []
    for k, mark in enumerate(marks):
        assert isinstance(mark.block, Group)
        body, asides = split_asides(mark.block.blocks)
        mine = k == len(marks) - 1 and last_open
        out.append(
            SectionSlide(
                body,
                asides + notes if mine else asides,
                tuple(mark.pairs),
                mark.line,
                mine and bool(notes),
            )
        )
    return out


def stack_attributes(pairs: list[tuple[str, str]], ctx: SlideContext) -> dict[str, str]:
    """The stack's own attributes (`.slide:` comments of a chunk made of sections): those that
    reach its slides; an info diagnostic names the others."""
    attrs = dict(pairs)
    others = [name for name in attrs if name not in STACK_ATTRIBUTES]
    if others:
        ctx.diags.info(
            "stack-attributes",
            f"slide attributes {', '.join(others)} set the vertical stack made of this slide's "
            "<section> elements, not one of its slides; not exported",
            ctx.line_of(others[0]),
        )
    return {k: v for k, v in attrs.items() if k in STACK_ATTRIBUTES}


def _excerpt(text: str, width: int = 40) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= width else text[: width - 1] + "…")
