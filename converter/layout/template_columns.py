"""Two columns typed into a template's Two Content layout.

Input: a slide whose content after its heading is one side-by-side container of two items (a
`div` with `display: flex` or `grid`, or reveal's `r-hstack`), the layout chosen for two
columns and a way to lay blocks out in a box. Output: each column laid out in its own
placeholder of that layout (left to right), as one body box filling that placeholder, so
the PPTX writes each into its placeholder with the position inherited; None when the slide is
not such a slide, the layout has fewer than two content placeholders, or a column needs more
than its placeholder (the slide is then laid out as one body, as before).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from converter.layout.boxes import Box, LaidOutSlide, TextBox
from converter.layout.css import DeckCss
from converter.model import Block, Group, Slide
from converter.template.kinds import Placeholder
from converter.template.reference import LayoutInfo

__all__ = ["column_blocks", "content_placeholders", "place_columns"]

_SIDE_BY_SIDE = ("flex", "inline-flex", "grid", "inline-grid")


def column_blocks(slide: Slide, css: DeckCss | None) -> tuple[tuple[Block, ...], ...] | None:
    """The blocks of the two columns of a slide that, after its heading, holds one container
    laying out two items side by side; None for any other slide."""
    rest = slide.blocks[1:]
    if len(rest) != 1 or not isinstance(rest[0], Group) or len(rest[0].blocks) != 2:
        return None
    group = rest[0]
    found = css.slide(slide).get(id(group), {}) if css is not None else {}
    values = {name: value for name, (value, _deck) in found.items()}
    display = values.get("display", "").strip().lower()
    row = values.get("flex-direction", "row").strip().lower() in ("row", "")
    if not ((display in _SIDE_BY_SIDE and (row or "grid" in display))
            or (not display and "r-hstack" in group.attrs.classes)):  # fmt: skip
        return None
    if "grid" in display and len(values.get("grid-template-columns", "x x").split()) < 2:
        return None
    return tuple(item.blocks if isinstance(item, Group) else (item,) for item in group.blocks)


def content_placeholders(layout: LayoutInfo | None) -> list[Placeholder]:
    """A layout's content placeholders (object or body) with a box, left to right."""
    if layout is None:
        return []
    found = [ph for ph in layout.placeholders if ph.type in ("obj", "body") and ph.box]
    return sorted(found, key=lambda ph: (ph.box or (0, 0, 0, 0))[0])


def place_columns(
    slide: Slide,
    columns: tuple[tuple[Block, ...], ...],
    boxes: list[Placeholder],
    lay_out: Callable[[Slide, Placeholder], list[LaidOutSlide]],
    merge: Callable[[list[Box]], list[Box]],
    fill: Callable[[TextBox, Placeholder], TextBox],
) -> list[Box] | None:
    """Each column laid out in its placeholder (`lay_out`), its text merged into one body box
    (`merge`) filling the placeholder (`fill`); None when a column does not fit on one slide
    or is more than text."""
    out: list[Box] = []
    for blocks, ph in zip(columns, boxes, strict=False):
        parts = lay_out(replace(slide, blocks=blocks, notes=()), ph)
        if len(parts) != 1:
            return None
        merged = merge(list(parts[0].boxes))
        if len(merged) != 1 or not isinstance(merged[0], TextBox):
            return None
        out.append(fill(merged[0], ph))
    return out
