"""LaTeX to vector outlines for the PDF: every glyph a path, measured on its baseline.

Input: a LaTeX formula, whether it is displayed, a font size in points and a colour.
Output: `VectorMath` (width, ascent, descent, height in points; the outlines as `MathShape`s)
with `draw(canvas, x, baseline)` for a reportlab canvas, and `measure_math` for layout. Raises
`MathError` (the same formulas as `converter.math.omml` refuses: both start from
`converter.math.mathml`).

ziamath (MIT, pure Python, its own STIX Two Math font) lays the formula out once per
``(latex, display)`` at a reference size; outlines and metrics are kept in ems and scaled, so
measuring at another size or drawing in another colour costs nothing (layout is linear in the
size, measured to within 0.3 %, and the drawing is scaled from the very layout that was
measured, so the two always agree). ziamath writes SVG elements (``svg2 = False``: plain paths,
no ``<symbol>``/``<use>``); this module reads those paths and draws them itself rather than
through svglib: no px/pt confusion, no LGPL dependency, no 130 ms font discovery, and the
baseline stays exact (ziamath's y = 0). reportlab is never imported: `draw` calls only the
canvas methods named by `Canvas` (the PDF backend owns reportlab).

ziamath traps mended here: a large operator inside ``\\left…\\right`` in display style makes
ziamath stretch the brackets to about 2000 units (it leaves the ``∑`` out of the row's height
while measuring, with a ±999 sentinel bounding box): large operators get ``stretchy="false"``;
the MathML fixes ziamath's own LaTeX front end applies (hats, tildes, arrows, ``align``
spacing) are applied to the MathML from `converter.math.mathml` too.

ziamath's cost mended here: each ``<mrow>`` lays out every child twice (once without stretchy
operators, to learn how far its stretchy ones must reach, then for real), so nested rows cost
2^depth. The first pass only matters when the row holds an operator that can stretch; rows
without one skip it (`_patch_row_heights`: the same outlines and metrics, a test compares them;
ziamath is pinned to 0.13 for it).
"""

from __future__ import annotations

import functools
import math
import re
import warnings
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal, Protocol, TypeAlias

from converter.math.errors import MathError
from converter.math.mathml import latex_to_mathml
from converter.model.color import Color
from converter.style.color import parse_css_color

__all__ = [
    "Canvas",
    "MathMetrics",
    "MathShape",
    "PathCommand",
    "VectorMath",
    "measure_math",
    "render_math",
]

_REFERENCE = 1000.0  # ziamath size the layout is made at (1 em = 1000 units)
_CURRENT = "currentColor"  # ziamath's colour for "the text colour"
_FILL_NON_ZERO = 1  # reportlab.pdfgen.canvas.FILL_NON_ZERO (TrueType outlines wind non-zero)
_LARGE_OPERATORS = frozenset("∑∏∐∫∬∭⨌∮∯∰⋃⋂⋁⋀⨁⨂⨀⨄⨆")

PathCommand: TypeAlias = tuple[Any, ...]
"""("M", x, y) / ("L", x, y) / ("C", x1, y1, x2, y2, x, y) / ("Z",), in ems, y up."""


@dataclass(frozen=True, slots=True)
class MathMetrics:
    """The box of a formula in points: `ascent` above the baseline, `descent` below it."""

    width: float
    ascent: float
    descent: float

    @property
    def height(self) -> float:
        return self.ascent + self.descent


@dataclass(frozen=True, slots=True)
class MathShape:
    """One filled or stroked outline in ems, origin on the baseline at the formula's left, y
    up. `color` None means the surrounding text's colour; `line_width` is for strokes."""

    kind: Literal["fill", "stroke"]
    commands: tuple[PathCommand, ...]
    color: Color | None = None
    line_width: float = 0.0


@dataclass(frozen=True, slots=True)
class _Layout:
    width: float
    ascent: float
    descent: float
    shapes: tuple[MathShape, ...]


class _Path(Protocol):
    def moveTo(self, x: float, y: float) -> None: ...
    def lineTo(self, x: float, y: float) -> None: ...
    def curveTo(
        self, x1: float, y1: float, x2: float, y2: float, x3: float, y3: float
    ) -> None: ...
    def close(self) -> None: ...


class Canvas(Protocol):
    """The reportlab canvas methods `VectorMath.draw` uses."""

    def saveState(self) -> None: ...
    def restoreState(self) -> None: ...
    def beginPath(self) -> Any: ...
    def drawPath(
        self, aPath: Any, stroke: int = ..., fill: int = ..., fillMode: int | None = ...
    ) -> None: ...
    def setFillColorRGB(
        self, r: float, g: float, b: float, alpha: float | None = ...
    ) -> None: ...
    def setStrokeColorRGB(
        self, r: float, g: float, b: float, alpha: float | None = ...
    ) -> None: ...
    def setLineWidth(self, width: float) -> None: ...


@dataclass(frozen=True, slots=True)
class VectorMath:
    """A formula ready to draw at `size` points in `color`."""

    latex: str
    display: bool
    size: float
    color: Color
    layout: _Layout

    @property
    def width(self) -> float:
        return self.layout.width * self.size

    @property
    def ascent(self) -> float:
        return self.layout.ascent * self.size

    @property
    def descent(self) -> float:
        return self.layout.descent * self.size

    @property
    def height(self) -> float:
        return self.ascent + self.descent

    @property
    def metrics(self) -> MathMetrics:
        return MathMetrics(self.width, self.ascent, self.descent)

    @property
    def shapes(self) -> tuple[MathShape, ...]:
        return self.layout.shapes

    def draw(self, canvas: Canvas, x: float, baseline: float) -> None:
        """Draw on `canvas` (PDF coordinates, y up) with the formula's origin at
        (`x`, `baseline`): its box spans x .. x + width, baseline - descent .. baseline +
        ascent."""
        canvas.saveState()
        try:
            for group in _batches(self.layout.shapes):
                first = group[0]
                color = first.color or self.color
                alpha = color.a if color.a < 1 else None
                rgb = (color.r / 255, color.g / 255, color.b / 255)
                path = canvas.beginPath()
                for shape in group:
                    _trace(path, shape.commands, x, baseline, self.size)
                if first.kind == "fill":
                    canvas.setFillColorRGB(*rgb, alpha)
                    canvas.drawPath(path, stroke=0, fill=1, fillMode=_FILL_NON_ZERO)
                else:
                    canvas.setStrokeColorRGB(*rgb, alpha)
                    canvas.setLineWidth(first.line_width * self.size)
                    canvas.drawPath(path, stroke=1, fill=0)
        finally:
            canvas.restoreState()


def render_math(latex: str, size: float, *, display: bool, color: Color | None = None
                ) -> VectorMath:
    """`latex` laid out for drawing at `size` points; MathError if it cannot be converted."""
    if not size > 0 or not math.isfinite(size):
        raise ValueError(f"font size must be positive: {size!r}")
    return VectorMath(latex, display, size, color or Color(0, 0, 0), _layout(latex, display))


def measure_math(latex: str, size: float, *, display: bool) -> MathMetrics:
    """Width, ascent and descent of `latex` at `size` points (cached per formula)."""
    return render_math(latex, size, display=display).metrics


# --- layout with ziamath ----------------------------------------------------------------


@functools.cache
def _ziamath() -> Any:
    with warnings.catch_warnings():  # ziamath 0.13 uses importlib.resources.path (deprecated)
        warnings.simplefilter("ignore", DeprecationWarning)
        import ziamath  # deferred: 0.2 s to import (it loads its math font)
        from ziamath.config import config

    _patch_row_heights()
    config.svg2 = False  # plain <path>s: no <symbol>/<use>
    config.math.color = _CURRENT
    config.precision = 2
    return ziamath


def _patch_row_heights() -> None:
    """Make ziamath's ``Mrow._get_height_nostretch`` skip rows that cannot stretch anything:
    its result only reaches ``<mo>`` elements that are stretchy (their ``rowymin``/``rowymax``),
    so a row whose subtree holds none gets a dummy height and saves a whole layout pass."""
    from ziamath import operators
    from ziamath.nodes.mrow import Mrow

    original = Mrow._get_height_nostretch
    if getattr(original, "md2pptx", False):
        return

    def could_stretch(element: ET.Element) -> bool:
        for mo in element.iter("mo"):
            stretchy = mo.get("stretchy")
            if stretchy is not None:
                if stretchy != "false":
                    return True
                continue
            name = "".join(mo.itertext()).strip()
            if any(operators.get_params(name, form).get("stretchy", "false") != "false"
                   for form in ("prefix", "infix", "postfix")):  # fmt: skip
                return True
        return False

    def heights(self: Any, line: list[ET.Element], **kwargs: Any) -> tuple[float, float]:
        if not any(could_stretch(child) for child in line):
            return 0.0, 0.0  # read by stretchy operators only, and there are none
        result: tuple[float, float] = original(self, line, **kwargs)
        return result

    heights.md2pptx = True  # type: ignore[attr-defined]
    heights.original = original  # type: ignore[attr-defined]
    Mrow._get_height_nostretch = heights  # type: ignore[method-assign]


@functools.lru_cache(maxsize=1024)
def _layout(latex: str, display: bool) -> _Layout:
    mathml = latex_to_mathml(latex, display=display)
    _prepare(mathml)
    zm = _ziamath()
    try:
        formula = zm.Math(mathml, size=_REFERENCE)
        svg = ET.Element("svg")
        formula.drawon(svg, 0, 0)
        bbox = formula.node.bbox
        advance = float(formula.node.xadvance())
    except RecursionError as exc:
        raise MathError(latex, "nested too deeply") from exc
    except Exception as exc:  # ziamath raises assorted errors on odd MathML
        raise MathError(latex, f"ziamath: {type(exc).__name__}: {exc}") from exc
    scale = 1 / _REFERENCE
    shapes = tuple(_shapes(latex, svg, scale))
    xmax = max(float(bbox.xmax), advance) * scale
    ascent = max(float(bbox.ymax), 0.0) * scale
    descent = max(-float(bbox.ymin), 0.0) * scale
    if not all(math.isfinite(v) and abs(v) < 1000 for v in (xmax, ascent, descent)):
        raise MathError(latex, "ziamath measured an impossible size")
    return _Layout(xmax, ascent, descent, shapes)


def _prepare(root: ET.Element) -> None:
    """The MathML tweaks ziamath needs (see the module docstring)."""
    for el in root.iter():
        text = (el.text or "").strip()
        if el.tag == "mo":
            if text in _LARGE_OPERATORS and "stretchy" not in el.attrib:
                el.set("stretchy", "false")
            elif text == "^":
                el.text = "\u02c6" if el.get("stretchy") == "false" else "\u0302"
            elif text == "~" and "stretchy" not in el.attrib:
                el.text = "\u0303"
            elif text in ("\u2191", "\u2193"):
                el.set("stretchy", "false")
        elif el.tag == "mi" and text in ("\u27e8", "\u27e9"):
            el.set("stretchy", "false")
        elif el.tag == "mtable" and el.get("columnspacing") == "0em 2em":
            el.set("columnspacing", "0em 0.3em")


_NUMBER = r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?"
_PATH_TOKEN = re.compile(rf"([MLQCZHVmlqczhv])|({_NUMBER})")


def _shapes(latex: str, svg: ET.Element, scale: float) -> Iterator[MathShape]:
    for el in svg.iter():
        tag = el.tag
        if tag in ("svg", "g", "defs", "marker", "polygon", "title"):
            continue  # containers; markers are arrowheads of a rare notation
        if tag == "path":
            commands = _parse_path(latex, el.get("d", ""), scale)
        elif tag == "rect":
            commands = _rect(el, scale)
        elif tag in ("ellipse", "circle"):
            commands = _ellipse(el, scale)
        elif tag == "line":
            commands = (
                ("M", _number(el.get("x1")) * scale, -_number(el.get("y1")) * scale),
                ("L", _number(el.get("x2")) * scale, -_number(el.get("y2")) * scale),
            )
        else:
            raise MathError(latex, f"ziamath drew an unexpected <{tag}>")
        if not commands:
            continue
        fill = el.get("fill")
        stroke = el.get("stroke")
        stroked = stroke is not None and stroke != "none"
        # SVG fills by default; ziamath's strokes (lines, box borders) say fill or not at all
        filled = fill != "none" and tag != "line" and not (stroked and fill is None)
        if filled:
            yield MathShape("fill", commands, _colour(fill))
        if stroked:
            width = _number(el.get("stroke-width"), 1.0) * scale
            yield MathShape("stroke", commands, _colour(stroke), width)


def _colour(value: str | None) -> Color | None:
    """None for the text colour; the CSS colour of ``\\color{...}`` otherwise."""
    if value is None or value in (_CURRENT, "none"):
        return None
    return parse_css_color(value)


def _number(value: str | None, default: float = 0.0) -> float:
    try:
        return float(value) if value is not None else default
    except ValueError:
        return default


def _parse_path(latex: str, d: str, scale: float) -> tuple[PathCommand, ...]:
    """SVG path data (absolute M, L, H, V, Q, C, Z as ziafont writes) -> commands, y up."""
    out: list[PathCommand] = []
    tokens = _PATH_TOKEN.findall(d)
    numbers: list[float] = []
    op = ""
    x = y = 0.0

    def flush() -> None:
        nonlocal x, y
        if op == "M" or op == "L":
            for k in range(0, len(numbers) - 1, 2):
                x, y = numbers[k], numbers[k + 1]
                out.append(("M" if op == "M" and k == 0 else "L", x * scale, -y * scale))
        elif op == "H":
            for value in numbers:
                x = value
                out.append(("L", x * scale, -y * scale))
        elif op == "V":
            for value in numbers:
                y = value
                out.append(("L", x * scale, -y * scale))
        elif op == "Q":
            for k in range(0, len(numbers) - 3, 4):
                qx, qy, ex, ey = numbers[k : k + 4]
                # quadratic -> cubic: control points 2/3 of the way to the quadratic's
                c1x, c1y = x + 2 / 3 * (qx - x), y + 2 / 3 * (qy - y)
                c2x, c2y = ex + 2 / 3 * (qx - ex), ey + 2 / 3 * (qy - ey)
                out.append(("C", c1x * scale, -c1y * scale, c2x * scale, -c2y * scale,
                            ex * scale, -ey * scale))
                x, y = ex, ey
        elif op == "C":
            for k in range(0, len(numbers) - 5, 6):
                c = numbers[k : k + 6]
                out.append(("C", c[0] * scale, -c[1] * scale, c[2] * scale, -c[3] * scale,
                            c[4] * scale, -c[5] * scale))
                x, y = c[4], c[5]
        elif op == "Z":
            out.append(("Z",))
        numbers.clear()

    for letter, number in tokens:
        if letter:
            flush()
            if letter.islower():
                raise MathError(latex, f"relative path command {letter!r} from ziamath")
            op = letter
        else:
            numbers.append(float(number))
    flush()
    return tuple(out)


def _rect(el: ET.Element, scale: float) -> tuple[PathCommand, ...]:
    x = _number(el.get("x")) * scale
    top = -_number(el.get("y")) * scale
    w = _number(el.get("width")) * scale
    h = _number(el.get("height")) * scale
    if w <= 0 or h <= 0:
        return ()
    bottom = top - h
    return (("M", x, bottom), ("L", x + w, bottom), ("L", x + w, top), ("L", x, top), ("Z",))


def _ellipse(el: ET.Element, scale: float) -> tuple[PathCommand, ...]:
    cx = _number(el.get("cx")) * scale
    cy = -_number(el.get("cy")) * scale
    r = el.get("r")
    rx = _number(r if r is not None else el.get("rx")) * scale
    ry = _number(r if r is not None else el.get("ry")) * scale
    k = 0.5522847498  # cubic approximation of a quarter circle
    return (
        ("M", cx + rx, cy),
        ("C", cx + rx, cy + k * ry, cx + k * rx, cy + ry, cx, cy + ry),
        ("C", cx - k * rx, cy + ry, cx - rx, cy + k * ry, cx - rx, cy),
        ("C", cx - rx, cy - k * ry, cx - k * rx, cy - ry, cx, cy - ry),
        ("C", cx + k * rx, cy - ry, cx + rx, cy - k * ry, cx + rx, cy),
        ("Z",),
    )


def _batches(shapes: tuple[MathShape, ...]) -> Iterator[list[MathShape]]:
    """Consecutive shapes drawn alike share one PDF path."""
    group: list[MathShape] = []
    for shape in shapes:
        if group and (
            shape.kind != group[0].kind
            or shape.color != group[0].color
            or shape.line_width != group[0].line_width
        ):
            yield group
            group = []
        group.append(shape)
    if group:
        yield group


def _trace(path: _Path, commands: tuple[PathCommand, ...], x0: float, y0: float,
           size: float) -> None:
    for command in commands:
        op = command[0]
        if op == "M":
            path.moveTo(x0 + command[1] * size, y0 + command[2] * size)
        elif op == "L":
            path.lineTo(x0 + command[1] * size, y0 + command[2] * size)
        elif op == "C":
            path.curveTo(
                x0 + command[1] * size, y0 + command[2] * size,
                x0 + command[3] * size, y0 + command[4] * size,
                x0 + command[5] * size, y0 + command[6] * size,
            )
        else:
            path.close()
