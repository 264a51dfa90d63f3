"""CSS lengths: a number and its unit, in the caller's unit.

Input: a CSS or SVG length as written (`12px`, `1.5em`, `2cm`, `50%`, `3`) and what its
relative units are worth where it is used (the pixel in the caller's unit, the font size for
`em`, the root font size for `rem`, the whole for `%`, the worth of a bare number). Output:
the length in the caller's unit (points for layout, CSS pixels for SVG and Mermaid labels), or
None for anything not understood, not finite, or a unit the caller gives no worth.
"""

from __future__ import annotations

import math
import re

__all__ = ["css_length"]

_LENGTH = re.compile(r"^\s*([+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:e[+-]?[0-9]+)?)\s*([a-z%]*)\s*$",
                     re.I)  # fmt: skip
# absolute units in CSS pixels (1in = 96px)
_ABSOLUTE = {"px": 1.0, "pt": 4 / 3, "pc": 16.0, "in": 96.0, "cm": 96 / 2.54, "mm": 96 / 25.4,
             "q": 96 / 101.6}  # fmt: skip


def css_length(
    value: str | None,
    *,
    px: float = 1.0,
    em: float | None = None,
    rem: float | None = None,
    percent: float | None = None,
    bare: float | None = None,
    ex: float | None = None,
) -> float | None:
    """`value` in the unit where one CSS pixel is `px`: absolute units by the CSS ratios,
    `em`, `rem`, `ex` and `%` (of `percent`, the whole) by what the caller says they are
    worth (already in its unit), a bare number times `bare`; None where that is not given."""
    match = _LENGTH.match(value) if value else None
    if match is None:
        return None
    number, unit = float(match.group(1)), match.group(2).lower()
    if unit in _ABSOLUTE:
        worth: float | None = _ABSOLUTE[unit] * px
    else:
        worth = {"em": em, "rem": rem, "ex": ex, "%": None if percent is None else percent / 100,
                 "": bare}.get(unit)  # fmt: skip
    if worth is None:
        return None
    length = number * worth
    return length if math.isfinite(length) else None
