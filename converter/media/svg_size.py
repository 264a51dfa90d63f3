"""An SVG's size as the browser sizes it: absolute lengths, the viewBox, the intrinsic size.

Input: an SVG root element (lxml, as `converter.media.svg_safety.read_svg` gives it) or an
attribute value. Output: lengths in CSS pixels (`svg_length`), the viewBox (`view_box`) and
the intrinsic size of an `<img>` of it (`intrinsic_size`), or `SvgProblem` for no area.
"""

from __future__ import annotations

import math
import re
from typing import Any

from converter.media.svg_safety import SvgProblem
from converter.style.lengths import css_length

__all__ = ["DEFAULT_HEIGHT", "DEFAULT_WIDTH", "intrinsic_size", "svg_length", "view_box"]

DEFAULT_WIDTH, DEFAULT_HEIGHT = 300.0, 150.0  # the browser's default object size

def svg_length(value: str | None) -> float | None:
    """An absolute SVG length in CSS pixels (`em` at the SVG document's 16 px, a bare number
    in pixels); None for a percentage, `auto` or anything not understood."""
    return css_length(value, em=16.0, rem=16.0, ex=8.0, bare=1.0)


def view_box(root: Any) -> tuple[float, float, float, float] | None:
    numbers = re.split(r"[\s,]+", (root.get("viewBox") or "").strip())
    try:
        box = tuple(float(n) for n in numbers)
    except ValueError:
        return None
    if len(box) != 4 or not all(map(math.isfinite, box)) or box[2] <= 0 or box[3] <= 0:
        return None
    return box[0], box[1], box[2], box[3]


def intrinsic_size(root: Any) -> tuple[float, float, bool]:
    """(width, height, sized) as Chromium sizes an `<img>` of this SVG: width and height in
    absolute units; one of them and the viewBox's ratio; only a viewBox: no size, the ratio
    (as wide as the container); otherwise the missing side from 300 x 150."""
    width, height = svg_length(root.get("width")), svg_length(root.get("height"))
    box = view_box(root)
    if (width is not None and width <= 0) or (height is not None and height <= 0):
        raise SvgProblem("SVG has no area (a width or height of 0)", "bad-image")
    if width is not None and height is not None:
        return width, height, True
    if box is not None:
        ratio = box[3] / box[2]
        if width is not None:
            return width, width * ratio, True
        if height is not None:
            return height / ratio, height, True
        return box[2], box[3], False
    return width or DEFAULT_WIDTH, height or DEFAULT_HEIGHT, True
