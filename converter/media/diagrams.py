"""Diagrams in a deck: the mermaid code blocks reveal-md draws, made pictures.

Input: a `Deck` as read, the diagrams the reader found (the code block's text and the line it
starts on, in document order), the deck's mermaid configuration (None when the
deck turned mermaid off, `mermaid: false`, as reveal-md then shows the code) and a diagnostics
collector. Output: the deck with each diagram that rendered replaced by an `Image` (drawn by
`converter.media.mermaid`): an SVG `data:` URI (mermaid's drawing, its labels as SVG text: the
PPTX's SVG picture) with the PNG of what the browser shows as its raster (`ImageSource.raster`:
the PPTX picture's fallback and the PDF's picture), whose width and height are the SVG's size in
CSS pixels, as the browser shows it; layout sizes and places it as any picture (within 95 % of
the slide). A diagram that does not render stays the code block it was, with a `mermaid`
warning naming its line. Diagrams in speaker notes stay code (notes are text).
"""

from __future__ import annotations

import base64
import html
import re
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from converter.diagnostics import Diagnostics
from converter.model import (
    Block,
    BulletList,
    CodeBlock,
    Deck,
    Group,
    Image,
    ImageSource,
    ListItem,
    OrderedList,
    Quote,
)

__all__ = ["is_diagram", "place_diagrams"]

_Place = Callable[[CodeBlock], Block]


def is_diagram(block: Block) -> bool:
    return isinstance(block, CodeBlock) and block.language.lower() == "mermaid"


def place_diagrams(deck: Deck, found: Sequence[tuple[str, int]],
                   config: Mapping[str, Any] | None, diags: Diagnostics) -> Deck:  # fmt: skip
    """The deck with its diagrams drawn (see the module's docstring)."""
    if config is None or not found:
        return deck
    from converter.media.mermaid import Rendered, available, render_diagrams

    problem = available()
    if problem is not None:
        count = f"{len(found)} mermaid diagrams" if len(found) > 1 else "the mermaid diagram"
        diags.warning("mermaid", f"{count} not rendered: {problem}; shown as code", found[0][1])
        return deck
    canvas = (float(deck.options.width), float(deck.options.height))
    results = render_diagrams([text for text, _line in found], config, canvas)
    lines: dict[str, deque[int]] = {}
    for text, line in found:
        lines.setdefault(text, deque()).append(line)
    pictures: dict[str, ImageSource] = {}

    def place(block: CodeBlock) -> Block:
        pending = lines.get(block.text)
        if not pending:  # not one the reader took for a diagram (`class="language-mermaid"`)
            return block
        line = pending.popleft()
        result = results[block.text]
        if not isinstance(result, Rendered):
            diags.warning("mermaid", f"mermaid diagram not rendered: {result.reason}; "
                          "shown as code", line)  # fmt: skip
            return block
        source = pictures.get(block.text)
        if source is None:
            source = pictures[block.text] = _picture(result.svg, result.png)
        attrs = block.attrs
        if attrs.width is None and attrs.height is None:
            attrs = replace(attrs, width=_px(result.width), height=_px(result.height))
        return Image(source, alt=_alt(result.svg, block.text), attrs=attrs)

    slides = []
    for slide in deck.slides:
        diags.slide = slide.number
        blocks = _placed(slide.blocks, place)
        slides.append(slide if blocks is slide.blocks else replace(slide, blocks=blocks))
    diags.slide = None
    return replace(deck, slides=tuple(slides))


def _picture(svg: str, png: bytes) -> ImageSource:
    """The SVG with its PNG as its raster; the PNG alone when HTML labels are left in the SVG
    (which PowerPoint would not draw)."""
    if "<foreignObject" in svg:
        return ImageSource("data:image/png;base64," + base64.b64encode(png).decode("ascii"),
                           "data")  # fmt: skip
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return ImageSource("data:image/svg+xml;base64," + data, "data", raster=png)


def _placed(blocks: tuple[Block, ...], place: _Place) -> tuple[Block, ...]:
    """`blocks` with their diagrams (nested ones too) placed; the same tuple when none is."""
    out: list[Block] = []
    changed = False
    for block in blocks:
        new = _block(block, place)
        changed = changed or new is not block
        out.append(new)
    return tuple(out) if changed else blocks


def _block(block: Block, place: _Place) -> Block:
    if is_diagram(block):
        assert isinstance(block, CodeBlock)
        placed: Block = place(block)
        return placed
    if isinstance(block, Quote | Group):
        inner = _placed(block.blocks, place)
        return block if inner is block.blocks else replace(block, blocks=inner)
    if isinstance(block, BulletList | OrderedList):
        items = tuple(_item(item, place) for item in block.items)
        if all(new is old for new, old in zip(items, block.items, strict=True)):
            return block
        return replace(block, items=items)
    return block


def _item(item: ListItem, place: _Place) -> ListItem:
    inner = _placed(item.blocks, place)
    return item if inner is item.blocks else replace(item, blocks=inner)


def _px(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".") + "px"


_TITLE = re.compile(r"<title\b[^>]*>(.*?)</title>", re.S)
_DESC = re.compile(r"<desc\b[^>]*>(.*?)</desc>", re.S)
MAX_ALT = 1000


def _alt(svg: str, source: str) -> str:
    """The picture's alternative text: the diagram's accessible title and description
    (`accTitle`, `accDescr`) when it has them, else its mermaid source."""
    parts = [html.unescape(m.group(1)).strip() for m in (_TITLE.search(svg), _DESC.search(svg))
             if m is not None]  # fmt: skip
    text = ": ".join(part for part in parts if part) or source.strip()
    return text if len(text) <= MAX_ALT else text[: MAX_ALT - 1] + "…"
