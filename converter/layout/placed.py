"""Placed blocks: what flowing one block produces, and what flowing needs.

Input/output types shared by `converter.layout.flow` and `converter.layout.flow_media`: a
`Placed` item is a block measured at one text scale (height, margins, and a function making its
boxes at a position); a `FlowContext` carries the typesetter, styles and canvas size; a
`RowLine` records a row of side-by-side items, so that fitting can shrink one column alone.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from converter.layout.boxes import Box
from converter.layout.styles import SlideStyles
from converter.layout.text import Typesetter
from converter.model import Image
from converter.style.cascade import Computed
from converter.style.color import Color
from converter.style.css_background import CssBackground
from converter.style.themes import HighlightStyle

MakeBoxes = Callable[[float, float], list[Box]]  # (x offset, y) -> boxes


@dataclass
class RowItem:
    """One item of a row of side-by-side items (a flex line, a grid row), as measured: its
    block's id, its outer height, and its outer height measured again with its text at a
    scale (its own fitting)."""

    key: int
    height: float
    measure: Callable[[float], float]


@dataclass
class RowLine:
    """A line of side-by-side items at the top level of a slide (not inside another item), and
    its height (the tallest item, or the container's own height)."""

    height: float
    items: list[RowItem]


@dataclass
class Placed:
    height: float
    margin_top: float
    margin_bottom: float
    make: MakeBoxes
    text_only: bool = False
    stretch: bool = False
    overflow: list[str] = field(default_factory=list)
    image_height: float = 0.0  # how much of `height` is pictures (fitting shrinks them first)


@dataclass
class FlowContext:
    typesetter: Typesetter
    styles: SlideStyles
    highlight: HighlightStyle
    width: float  # canvas width in points
    height: float  # canvas height in points
    image_size: Callable[[Image], tuple[float, float] | None]  # CSS px, None if unusable
    image_key: Callable[[Image, float, float], str | None]  # (image, width pt, height pt)
    css: dict[int, Computed] | None = None  # the deck's CSS values per block (layout.css)
    # a CSS background image painted over `base` in a box of (width pt, height pt), drawn at
    # (points per CSS px): its image key
    background_key: Callable[[CssBackground, float, float, Color, float], str | None] | None = None
    image_scale: float = 1.0  # pictures shrunk by fitting before any text is
    # set while flowing a picture that is itself a flex or grid item: the container's width
    # (reveal's 95 % cap is of the container) and the picture has only its own margins
    item_of: float | None = None
    # each column keeps its own fitting: the text scale of a flex or grid item (block id ->
    # factor), and where the top-level rows of side-by-side items are recorded (None: not here)
    item_scales: dict[int, float] | None = None
    rows: list[RowLine] | None = None


def stack(placed: list[Placed]) -> tuple[float, list[float]]:
    """Total height and the top of each item, margins collapsed (first top and last bottom
    margins do not count, as the content box of reveal's centred section)."""
    tops: list[float] = []
    y = 0.0
    for i, item in enumerate(placed):
        if i:
            y += max(placed[i - 1].margin_bottom, item.margin_top)
        tops.append(y)
        y += item.height
    return y, tops
