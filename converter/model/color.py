"""Colour and gradient values of the model: sRGB colours and CSS gradients as plain data.

Input: channel values (parsed from CSS by `converter.style.color` and
`converter.style.gradient`). Output: frozen values used by the model, layout and the backends.
Brightness and darkness follow reveal.js 5.1.0 ``js/utils/color.js``, which decides the
``has-dark-background`` / ``has-light-background`` slide classes. No import from the project.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal, TypeAlias

__all__ = [
    "Color",
    "Extent",
    "Gradient",
    "GradientStop",
    "LinearGradient",
    "RadialGradient",
    "Shape",
    "clamp_byte",
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
            return clamp_byte(value)

        return Color(
            mix(self.r, background.r), mix(self.g, background.g), mix(self.b, background.b), out_a
        )


def clamp_byte(value: float) -> int:
    return int(min(255.0, max(0.0, math.floor(value + 0.5))))



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
