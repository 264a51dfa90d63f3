"""Text direction: `dir="rtl"` / `dir="ltr"` on an element or a slide, applied to its boxes.

Input: an element's (or a section's) attributes, and the laid-out items of its blocks. Output:
the same items whose paragraphs carry the base direction (`TextParagraph.rtl`): in a
right-to-left paragraph the start side is the right one, so left-aligned text (lists, tables)
becomes right-aligned and centred text stays centred, as in the browser. The backends read the
flag: the PDF orders each line by the bidirectional algorithm from a right-to-left base, the
PPTX writes `rtl="1"` with `algn="r"`.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from converter.layout.boxes import Box, TableBox, TextBox, TextParagraph
from converter.layout.placed import Placed

__all__ = ["direction", "with_direction"]


def direction(attributes: tuple[tuple[str, str], ...]) -> bool | None:
    """True for `dir="rtl"`, False for `dir="ltr"`, None when the element sets no direction."""
    for name, value in attributes:
        if name.lower() == "dir" and value.strip().lower() in ("rtl", "ltr"):
            return value.strip().lower() == "rtl"
    return None


def _directed(para: TextParagraph, rtl: bool) -> TextParagraph:
    """A paragraph with a base direction: its start side is the right one when right to left
    (left-aligned text becomes right-aligned, centred stays centred), as in the browser."""
    align = para.align
    if rtl and align == "left":
        align = "right"
    elif not rtl and para.rtl and align == "right":
        align = "left"
    return replace(para, rtl=rtl, align=align)


def _boxes_directed(boxes: list[Box], rtl: bool) -> list[Box]:
    out: list[Box] = []
    for box in boxes:
        if isinstance(box, TextBox):
            box = replace(box, paragraphs=tuple(_directed(p, rtl) for p in box.paragraphs))
        elif isinstance(box, TableBox):
            rows = tuple(
                tuple(replace(c, paragraphs=tuple(_directed(p, rtl) for p in c.paragraphs))
                      for c in row)
                for row in box.rows
            )  # fmt: skip
            box = replace(box, rows=rows)
        out.append(box)
    return out


def with_direction(item: Placed, rtl: bool) -> Placed:
    """An item whose text reads in the direction an element's `dir` attribute sets (an inner
    element's own `dir`, applied first, is overridden; nesting both ways is rare)."""
    make = item.make

    def made(*args: Any) -> list[Box]:
        return _boxes_directed(make(*args), rtl)

    return replace(item, make=made)
