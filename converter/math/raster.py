"""A formula as a PNG: the picture PowerPoint shows in the ``mc:Fallback`` of an equation.

Input: a `VectorMath` (from `converter.math.vector`) and a resolution in pixels per point.
Output: PNG bytes of the formula's box (width x height of its metrics, transparent background,
the formula in its colour), drawn with Pillow from the same outlines the PDF gets, 4x4
supersampled. Contours of one outline combine even-odd (TrueType glyphs' holes), outlines are
unioned. Clients that read the ``a14`` Choice (PowerPoint 2010+, LibreOffice) never show it.
"""

from __future__ import annotations

import io
import math

from PIL import Image, ImageChops, ImageDraw

from converter.math.vector import PathCommand, VectorMath

__all__ = ["render_png"]

_SUPERSAMPLE = 4
_CURVE_STEPS = 8
_MAX_SIDE = 4096


def render_png(formula: VectorMath, *, pixels_per_point: float = 2.0) -> bytes:
    """PNG bytes of `formula` at `pixels_per_point` (2 = 144 dpi), at most 4096 px a side."""
    scale = pixels_per_point
    longest = max(formula.width, formula.height, 1e-6) * scale
    if longest > _MAX_SIDE:
        scale *= _MAX_SIDE / longest
    width = max(1, math.ceil(formula.width * scale))
    height = max(1, math.ceil(formula.height * scale))
    factor = formula.size * scale * _SUPERSAMPLE  # ems -> supersampled pixels
    top = formula.layout.ascent

    picture = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    ss = _SUPERSAMPLE
    for shape in formula.shapes:
        polygons = [
            [(x * factor, (top - y) * factor) for x, y in polygon]
            for polygon in _polygons(shape.commands)
        ]
        points = [point for polygon in polygons for point in polygon]
        if not points:
            continue
        pad = max(1.0, shape.line_width * factor)
        # the outline's box on the output pixel grid, clipped to the picture
        left = max(0, math.floor((min(x for x, _ in points) - pad) / ss))
        upper = max(0, math.floor((min(y for _, y in points) - pad) / ss))
        right = min(width, math.ceil((max(x for x, _ in points) + pad) / ss))
        lower = min(height, math.ceil((max(y for _, y in points) + pad) / ss))
        if right <= left or lower <= upper:
            continue
        size = ((right - left) * ss, (lower - upper) * ss)
        local = [[(x - left * ss, y - upper * ss) for x, y in polygon] for polygon in polygons]
        mask = Image.new("1", size, 0)
        if shape.kind == "fill":
            for polygon in local:
                if len(polygon) >= 3:
                    contour = Image.new("1", size, 0)
                    ImageDraw.Draw(contour).polygon(polygon, fill=1)
                    mask = ImageChops.logical_xor(mask, contour)
        else:
            line = max(1, round(shape.line_width * factor))
            draw = ImageDraw.Draw(mask)
            for polygon in local:
                draw.line(polygon, fill=1, width=line)
        coverage = mask.convert("L").resize((right - left, lower - upper), Image.Resampling.BOX)
        colour = shape.color or formula.color
        layer = Image.new("RGBA", coverage.size, (colour.r, colour.g, colour.b, 0))
        layer.putalpha(coverage.point(lambda v, a=colour.a: round(v * a)))
        picture.alpha_composite(layer, dest=(left, upper))
    out = io.BytesIO()
    picture.save(out, format="PNG", compress_level=6)
    return out.getvalue()


def _polygons(commands: tuple[PathCommand, ...]) -> list[list[tuple[float, float]]]:
    """The outline's contours as point lists (cubic curves flattened), in ems, y up."""
    polygons: list[list[tuple[float, float]]] = []
    current: list[tuple[float, float]] = []
    for command in commands:
        op = command[0]
        if op == "M":
            if current:
                polygons.append(current)
            current = [(command[1], command[2])]
        elif op == "L":
            current.append((command[1], command[2]))
        elif op == "C" and current:
            x0, y0 = current[-1]
            x1, y1, x2, y2, x3, y3 = command[1:7]
            for step in range(1, _CURVE_STEPS + 1):
                t = step / _CURVE_STEPS
                u = 1 - t
                current.append((
                    u * u * u * x0 + 3 * u * u * t * x1 + 3 * u * t * t * x2 + t * t * t * x3,
                    u * u * u * y0 + 3 * u * u * t * y1 + 3 * u * t * t * y2 + t * t * t * y3,
                ))
        elif op == "Z" and current:
            current.append(current[0])  # closed: a stroked outline gets its last side
            polygons.append(current)
            current = []
    if current:
        polygons.append(current)
    return polygons
