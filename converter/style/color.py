"""CSS colours and gradients as plain data.

Input: CSS text as found in theme files, ``data-background*`` slide attributes and inline
``style="color: …"`` values. Output: :class:`Color`, :class:`LinearGradient` or
:class:`RadialGradient` values (or ``None`` when the text is not understood; the parsers never
raise). Brightness and darkness follow reveal.js 5.1.0 ``js/utils/color.js``, which decides the
``has-dark-background`` / ``has-light-background`` slide classes.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Literal, TypeAlias

from converter.css_names import CSS_NAMED_COLORS

__all__ = [
    "Color",
    "Extent",
    "Gradient",
    "GradientStop",
    "LinearGradient",
    "RadialGradient",
    "Shape",
    "parse_css_color",
    "parse_css_gradient",
]

_HEX_DIGITS = frozenset("0123456789abcdefABCDEF")


@dataclass(frozen=True)
class Color:
    """An sRGB colour: channels 0-255, alpha 0.0-1.0 (1.0 = opaque)."""

    r: int
    g: int
    b: int
    a: float = 1.0

    def __post_init__(self) -> None:
        for channel in (self.r, self.g, self.b):
            if not 0 <= channel <= 255:
                raise ValueError(f"colour channel out of range 0-255: {channel}")
        if not 0.0 <= self.a <= 1.0:
            raise ValueError(f"alpha out of range 0-1: {self.a}")

    @classmethod
    def from_hex(cls, text: str) -> Color:
        """``#rgb``, ``#rgba``, ``#rrggbb`` or ``#rrggbbaa`` (``#`` optional); ValueError if not."""
        digits = text.strip().removeprefix("#")
        if len(digits) not in (3, 4, 6, 8) or not set(digits) <= _HEX_DIGITS:
            raise ValueError(f"not a hex colour: {text!r}")
        if len(digits) in (3, 4):
            digits = "".join(ch * 2 for ch in digits)
        r, g, b = (int(digits[i : i + 2], 16) for i in (0, 2, 4))
        a = int(digits[6:8], 16) / 255 if len(digits) == 8 else 1.0
        return cls(r, g, b, a)

    @property
    def hex(self) -> str:
        """``#rrggbb`` in lower case (alpha dropped)."""
        return f"#{self.r:02x}{self.g:02x}{self.b:02x}"

    @property
    def brightness(self) -> float:
        """reveal.js ``colorBrightness``: ``(r*299 + g*587 + b*114) / 1000`` (alpha ignored)."""
        return (self.r * 299 + self.g * 587 + self.b * 114) / 1000

    @property
    def is_dark(self) -> bool:
        """True when reveal.js would add ``has-dark-background`` (brightness below 128)."""
        return self.brightness < 128

    def with_alpha(self, a: float) -> Color:
        """The same colour with another alpha (clamped to 0-1)."""
        return Color(self.r, self.g, self.b, min(1.0, max(0.0, a)))

    def over(self, background: Color) -> Color:
        """This colour composited over ``background`` (result opaque if the background is)."""
        if self.a >= 1.0:
            return self
        out_a = self.a + background.a * (1 - self.a)
        if out_a <= 0:
            return Color(0, 0, 0, 0.0)

        def mix(top: int, bottom: int) -> int:
            value = (top * self.a + bottom * background.a * (1 - self.a)) / out_a
            return _clamp_byte(value)

        return Color(
            mix(self.r, background.r), mix(self.g, background.g), mix(self.b, background.b), out_a
        )


def _clamp_byte(value: float) -> int:
    return int(min(255.0, max(0.0, math.floor(value + 0.5))))


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
        return _clamp_byte(255 * (light - amount * max(-1.0, min(k - 3, 9 - k, 1.0))))

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
        r, g, b = (_clamp_byte(ch or 0.0) for ch in channels)
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


# --- gradients -----------------------------------------------------------------------------

Shape: TypeAlias = Literal["circle", "ellipse"]
Extent: TypeAlias = Literal["closest-side", "closest-corner", "farthest-side", "farthest-corner"]


@dataclass(frozen=True)
class GradientStop:
    """A colour stop; ``position`` is a fraction of the gradient line (0.0 start, 1.0 end)."""

    color: Color
    position: float


@dataclass(frozen=True)
class LinearGradient:
    """``linear-gradient``: CSS angle (0 = towards the top, 90 = right, 180 = bottom)."""

    angle_deg: float
    stops: tuple[GradientStop, ...]
    corner: str | None = None  # "top right" etc. for `to <corner>`: angle depends on the box

    def angle_for(self, width: float, height: float) -> float:
        """The CSS angle for a ``width`` x ``height`` box (corners depend on the aspect)."""
        if self.corner is None or width <= 0 or height <= 0:
            return self.angle_deg
        base = math.degrees(math.atan2(height, width))
        return {
            "top right": base,
            "bottom right": 180 - base,
            "bottom left": 180 + base,
            "top left": 360 - base,
        }.get(self.corner, self.angle_deg)


@dataclass(frozen=True)
class RadialGradient:
    """``radial-gradient``: shape, extent keyword, centre as fractions of the box, stops."""

    stops: tuple[GradientStop, ...]
    shape: Shape = "ellipse"
    extent: Extent = "farthest-corner"
    center: tuple[float, float] = (0.5, 0.5)


Gradient: TypeAlias = LinearGradient | RadialGradient


def parse_css_gradient(text: str) -> Gradient | None:
    """Parse the first ``linear-gradient(…)`` / ``radial-gradient(…)`` in ``text``; None if not.

    Vendor-prefixed (legacy) forms are read too; repeating gradients are not supported (None).
    The parser lives in :mod:`converter.css_gradient` (imported here lazily: it uses this module).
    """
    from converter.css_gradient import parse_gradient

    return parse_gradient(text)
