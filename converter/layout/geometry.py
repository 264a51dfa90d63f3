"""Slide geometry: the output slide size and how reveal's logical canvas maps onto it.

Input: a `--size` value (`16:9`, `4:3`, `WxH` with `in`, `cm`, `px` or `pt` units) and the
deck's canvas size (`revealOptions.width/height`, 960x700 by default). Output: a `Page` in points
with the transform from canvas CSS pixels to slide points. Layout works in points throughout;
the PPTX backend converts to EMU at the edge (1 pt = 12700 EMU).

reveal.js scales its canvas, plus a 4 % margin on each axis (`margin: 0.04`), to fit the window
and centres it; on a 16:9 screen the height is the constraint. The background covers the whole
slide (dialect.md Part A).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PT_PER_IN = 72.0
EMU_PER_PT = 12700
REVEAL_MARGIN = 0.04

SIZES = {"16:9": (960.0, 540.0), "4:3": (720.0, 540.0), "16:10": (864.0, 540.0)}
_UNITS = {"in": 72.0, "cm": 72.0 / 2.54, "mm": 72.0 / 25.4, "pt": 1.0, "px": 0.75, "": 0.75}
_SIZE_RE = re.compile(
    r"^\s*([\d.]+)\s*(in|cm|mm|pt|px)?\s*[x×]\s*([\d.]+)\s*(in|cm|mm|pt|px)?\s*$", re.I
)


class SizeError(ValueError):
    """A `--size` value that cannot be understood."""


def parse_size(text: str) -> tuple[float, float]:
    """`16:9` -> (960, 540) points; `10inx7.5in`, `1920x1080px`, `25.4x19.05cm` work too."""
    key = text.strip().lower()
    if key in SIZES:
        return SIZES[key]
    m = _SIZE_RE.match(key)
    if m is None:
        raise SizeError(
            f"slide size {text!r} not understood: use 16:9, 4:3 or WxH with in, cm, "
            "mm, pt or px (e.g. 13.333x7.5in)"
        )
    unit_w = (m.group(2) or m.group(4) or "px").lower()
    unit_h = (m.group(4) or m.group(2) or "px").lower()
    try:
        width = float(m.group(1)) * _UNITS[unit_w]
        height = float(m.group(3)) * _UNITS[unit_h]
    except ValueError:
        raise SizeError(f"slide size {text!r} has a number that is not a number") from None
    if not (72 <= width <= 56 * 72 and 72 <= height <= 56 * 72):
        raise SizeError(
            f"slide size {text!r} is outside 1 to 56 inches per side (what PowerPoint accepts)"
        )
    return round(width, 3), round(height, 3)


@dataclass(frozen=True)
class Page:
    """A slide page in points, and reveal's canvas placed on it."""

    width: float
    height: float
    canvas_width: float = 960.0
    canvas_height: float = 700.0

    # the part of the page the canvas is fitted into (x, y, w, h in points): a template
    # layout's content area; None: the whole page, as reveal fits its canvas to the window
    area: tuple[float, float, float, float] | None = None
    # the room reveal leaves around its canvas, a fraction of it (none in a template
    # placeholder, whose box is the text's)
    margin: float = REVEAL_MARGIN

    @property
    def scale(self) -> float:
        """Slide points per canvas CSS pixel (reveal's fit, margin included)."""
        width, height = (self.width, self.height) if self.area is None else self.area[2:]
        return min(
            width / (self.canvas_width * (1 + self.margin)),
            height / (self.canvas_height * (1 + self.margin)),
        )

    @property
    def canvas_left(self) -> float:
        if self.area is not None:
            return self.area[0] + (self.area[2] - self.canvas_width * self.scale) / 2
        return (self.width - self.canvas_width * self.scale) / 2

    @property
    def canvas_top(self) -> float:
        if self.area is not None:
            return self.area[1] + (self.area[3] - self.canvas_height * self.scale) / 2
        return (self.height - self.canvas_height * self.scale) / 2

    def x(self, px: float) -> float:
        return self.canvas_left + px * self.scale

    def y(self, px: float) -> float:
        return self.canvas_top + px * self.scale

    def pt(self, px: float) -> float:
        return px * self.scale

    @property
    def width_emu(self) -> int:
        return round(self.width * EMU_PER_PT)

    @property
    def height_emu(self) -> int:
        return round(self.height * EMU_PER_PT)
