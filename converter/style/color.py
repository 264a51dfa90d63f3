"""CSS colour values parsed: hex, names, ``rgb()``/``rgba()``/``hsl()``/``hsla()``, angles.

Input: CSS text as found in theme files, ``data-background*`` slide attributes and inline
``style="color: …"`` values. Output: :class:`~converter.model.color.Color` values (or ``None``
when the text is not understood; the parsers never raise). The value types live in
`converter.model.color` and are re-exported here for the style code that parses and uses them;
gradients are parsed by `converter.style.gradient`.
"""

from __future__ import annotations

import math
import re

from converter.model.color import (
    Color,
    Extent,
    Gradient,
    GradientStop,
    LinearGradient,
    RadialGradient,
    Shape,
    clamp_byte,
)
from converter.style.color_names import CSS_NAMED_COLORS

__all__ = [
    "Color",
    "Extent",
    "Gradient",
    "GradientStop",
    "LinearGradient",
    "RadialGradient",
    "Shape",
    "parse_angle",
    "parse_css_color",
    "split_number",
]


def _clamp_unit(value: float) -> float:
    return min(1.0, max(0.0, value))


_FUNC_RE = re.compile(r"^(rgba?|hsla?)\s*\((.*)\)$", re.DOTALL)
_NUMBER_RE = re.compile(r"^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?")


def split_number(token: str) -> tuple[float, str] | None:
    """Split ``12.5deg`` into ``(12.5, "deg")``; None unless it starts with a finite number."""
    match = _NUMBER_RE.match(token)
    if match is None:
        return None
    value = float(match.group(0))
    return (value, token[match.end() :]) if math.isfinite(value) else None


def _channel(token: str) -> float | None:
    if token == "none":
        return 0.0
    parsed = split_number(token)
    if parsed is None:
        return None
    value, unit = parsed
    if unit == "%":
        return value * 255 / 100
    return value if unit == "" else None


def _alpha(token: str) -> float | None:
    if token == "none":
        return 0.0
    parsed = split_number(token)
    if parsed is None:
        return None
    value, unit = parsed
    if unit == "%":
        return _clamp_unit(value / 100)
    return _clamp_unit(value) if unit == "" else None


def _percent(token: str) -> float | None:
    """Saturation/lightness: ``50%`` (or a bare number, as CSS Color 4 allows) as 0.0-1.0."""
    if token == "none":
        return 0.0
    parsed = split_number(token)
    if parsed is None or parsed[1] not in ("%", ""):
        return None
    return _clamp_unit(parsed[0] / 100)


_ANGLE_UNITS: dict[str, float] = {
    "": 1.0,
    "deg": 1.0,
    "grad": 0.9,
    "rad": 180 / math.pi,
    "turn": 360.0,
}


def parse_angle(token: str, *, bare_ok: bool = True) -> float | None:
    """A CSS angle in degrees; a bare number only if ``bare_ok`` (hue) or zero."""
    parsed = split_number(token)
    if parsed is None:
        return None
    value, unit = parsed
    if unit not in _ANGLE_UNITS or (unit == "" and not bare_ok and value != 0):
        return None
    return value * _ANGLE_UNITS[unit]


def _hsl_to_rgb(hue: float, sat: float, light: float) -> tuple[int, int, int]:
    def f(n: float) -> int:
        k = (n + hue / 30) % 12
        amount = sat * min(light, 1 - light)
        return clamp_byte(255 * (light - amount * max(-1.0, min(k - 3, 9 - k, 1.0))))

    return f(0), f(8), f(4)


def _function_color(name: str, inner: str) -> Color | None:
    if "," in inner:
        args = [part.strip() for part in inner.split(",")]
        alpha_token = args.pop() if len(args) == 4 else None
    else:
        main, slash, rest = inner.partition("/")
        args = main.split()
        alpha_token = rest.strip() if slash else None
        if slash and (not alpha_token or len(alpha_token.split()) != 1):
            return None
    if len(args) != 3 or any(not arg for arg in args):
        return None
    alpha = 1.0 if alpha_token is None else _alpha(alpha_token)
    if alpha is None:
        return None
    if name.startswith("rgb"):
        channels = [_channel(arg) for arg in args]
        if any(ch is None for ch in channels):
            return None
        r, g, b = (clamp_byte(ch or 0.0) for ch in channels)
        return Color(r, g, b, alpha)
    hue = parse_angle(args[0]) if args[0] != "none" else 0.0
    sat, light = _percent(args[1]), _percent(args[2])
    if hue is None or sat is None or light is None:
        return None
    return Color(*_hsl_to_rgb(hue % 360, sat, light), alpha)


def parse_css_color(text: str) -> Color | None:
    """Parse a CSS colour (hex, rgb[a], hsl[a], named, ``transparent``); None if not understood."""
    if not isinstance(text, str):
        return None
    value = text.strip().lower()
    value = value.removesuffix(";").strip().removesuffix("!important").strip()
    if not value:
        return None
    if value.startswith("#"):
        try:
            return Color.from_hex(value)
        except ValueError:
            return None
    if value == "transparent":
        return Color(0, 0, 0, 0.0)
    named = CSS_NAMED_COLORS.get(value)
    if named is not None:
        return Color.from_hex(named)
    match = _FUNC_RE.match(value)
    if match is None:
        return None
    try:
        return _function_color(match.group(1), match.group(2).strip())
    except (ValueError, OverflowError):
        return None
