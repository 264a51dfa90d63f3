"""CSS gradients parsed: ``linear-gradient(…)`` and ``radial-gradient(…)``.

Input: CSS text holding ``linear-gradient(…)`` or ``radial-gradient(…)`` (modern or ``-webkit-``
legacy syntax). Output: a :class:`~converter.model.color.LinearGradient` or
:class:`~converter.model.color.RadialGradient` with stop positions resolved as CSS does, or ``None``
when the text is not understood. Never raises.
"""

from __future__ import annotations

import math
import re

from converter.style.color import (
    Color,
    Extent,
    Gradient,
    GradientStop,
    LinearGradient,
    RadialGradient,
    Shape,
    parse_angle,
    parse_css_color,
    split_number,
)

__all__ = ["parse_css_gradient"]

_GRADIENT_RE = re.compile(r"(-webkit-|-moz-|-o-|-ms-)?(repeating-)?(linear|radial)-gradient\s*\(")
_SIDES: dict[str, float] = {"top": 0.0, "right": 90.0, "bottom": 180.0, "left": 270.0}
_OPPOSITE = {"top": "bottom", "bottom": "top", "left": "right", "right": "left"}
_CORNER_ANGLES = {"top right": 45.0, "bottom right": 135.0, "bottom left": 225.0, "top left": 315.0}
_EXTENTS: dict[str, Extent] = {
    "closest-side": "closest-side",
    "closest-corner": "closest-corner",
    "farthest-side": "farthest-side",
    "farthest-corner": "farthest-corner",
    "contain": "closest-side",  # legacy -webkit- keywords
    "cover": "farthest-corner",
}
_POSITION_KEYWORDS = {"left": 0.0, "top": 0.0, "center": 0.5, "right": 1.0, "bottom": 1.0}


def _split_top_level(text: str, sep: str | None) -> list[str]:
    """Split on ``sep`` (None = whitespace) outside parentheses; empty parts dropped for None."""
    parts: list[str] = []
    depth = 0
    current: list[str] = []
    for ch in text:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        is_sep = ch.isspace() if sep is None else ch == sep
        if is_sep and depth == 0:
            parts.append("".join(current).strip())
            current = []
        else:
            current.append(ch)
    parts.append("".join(current).strip())
    return [p for p in parts if p] if sep is None else parts


def _stop_position(token: str) -> float | None:
    parsed = split_number(token)
    if parsed is None:
        return None
    value, unit = parsed
    if unit == "%":
        return value / 100
    return 0.0 if unit == "" and value == 0 else None


def _parse_stops(args: list[str]) -> tuple[GradientStop, ...] | None:
    raw: list[tuple[Color, float | None]] = []
    for arg in args:
        tokens = _split_top_level(arg, None)
        if not tokens:
            return None
        color = parse_css_color(tokens[0])
        positions = tokens[1:]
        if color is None and len(tokens) == 2:  # forgiving: "50% red"
            color, positions = parse_css_color(tokens[1]), tokens[:1]
        if color is None:
            if len(tokens) == 1 and _stop_position(tokens[0]) is not None:
                continue  # interpolation hint: not modelled, dropped
            return None
        if len(positions) > 2:
            return None
        if not positions:
            raw.append((color, None))
        for token in positions:  # lengths (px, em) are unknown without a box: treat as missing
            raw.append((color, _stop_position(token)))
    if len(raw) < 2:
        return None
    return _fix_positions(raw)


def _fix_positions(raw: list[tuple[Color, float | None]]) -> tuple[GradientStop, ...]:
    """CSS Images 3 §3.5.3: ends default to 0/1, no going back, gaps spread evenly."""
    positions = [pos for _, pos in raw]
    if positions[0] is None:
        positions[0] = 0.0
    if positions[-1] is None:
        positions[-1] = 1.0
    highest = -math.inf
    for i, pos in enumerate(positions):
        if pos is not None:
            highest = max(highest, pos)
            positions[i] = highest
    i = 0
    while i < len(positions):
        if positions[i] is None:
            start = i - 1
            end = i
            while positions[end] is None:
                end += 1
            before, after = positions[start], positions[end]
            assert before is not None and after is not None
            step = (after - before) / (end - start)
            for k in range(i, end):
                positions[k] = before + step * (k - start)
            i = end
        i += 1
    return tuple(
        GradientStop(color, pos if pos is not None else 0.0)
        for (color, _), pos in zip(raw, positions, strict=True)
    )


def _linear_direction(arg: str, legacy: bool) -> tuple[float, str | None] | None:
    """Angle and corner from the first argument, or None if it is not a direction."""
    words = arg.split()
    if not words:
        return None
    if len(words) == 1:
        angle = parse_angle(words[0], bare_ok=False)
        if angle is not None:
            return ((90 - angle) % 360 if legacy else angle), None
    if words[0] == "to":
        sides = words[1:]
    elif legacy and all(w in _SIDES for w in words):
        sides = [_OPPOSITE[w] for w in words]  # legacy names the starting side
    else:
        return None
    if not 1 <= len(sides) <= 2 or any(s not in _SIDES for s in sides):
        return None
    if len(sides) == 1:
        return _SIDES[sides[0]], None
    vertical = [s for s in sides if s in ("top", "bottom")]
    horizontal = [s for s in sides if s in ("left", "right")]
    if len(vertical) != 1 or len(horizontal) != 1:
        return None
    corner = f"{vertical[0]} {horizontal[0]}"
    return _CORNER_ANGLES[corner], corner


def _position_value(token: str, axis: str) -> float | None:
    if token == "center":
        return 0.5
    if token in (("left", "right") if axis == "x" else ("top", "bottom")):
        return _POSITION_KEYWORDS[token]
    parsed = split_number(token)
    if parsed is None:
        return None
    value, unit = parsed
    return value / 100 if unit == "%" else 0.5  # lengths need the box: centre instead


def _position(tokens: list[str]) -> tuple[float, float] | None:
    """``<position>`` with one or two values, as fractions of the box; None otherwise."""
    if len(tokens) == 1:
        if tokens[0] in ("top", "bottom"):
            return 0.5, _POSITION_KEYWORDS[tokens[0]]
        x = _position_value(tokens[0], "x")
        return None if x is None else (x, 0.5)
    if len(tokens) != 2:
        return None
    first, second = tokens
    if first in ("top", "bottom") or second in ("left", "right"):
        first, second = second, first
    x, y = _position_value(first, "x"), _position_value(second, "y")
    return None if x is None or y is None else (x, y)


def _radial_shape(tokens: list[str]) -> tuple[Shape, Extent] | None:
    """Shape and extent words (explicit sizes accepted but approximated by the default)."""
    shape: Shape | None = None
    extent: Extent = "farthest-corner"
    sizes = 0
    for token in tokens:
        if token in ("circle", "ellipse"):
            shape = "circle" if token == "circle" else "ellipse"
        elif token in _EXTENTS:
            extent = _EXTENTS[token]
        elif split_number(token) is not None:
            sizes += 1
        else:
            return None
    if shape is None:
        shape = "circle" if sizes == 1 else "ellipse"
    return shape, extent


def _is_stop(arg: str) -> bool:
    words = _split_top_level(arg, None)
    return bool(words) and parse_css_color(words[0]) is not None


def _parse_radial(args: list[str], legacy: bool) -> RadialGradient | None:
    shape: Shape = "ellipse"
    extent: Extent = "farthest-corner"
    center = (0.5, 0.5)
    if args and not _is_stop(args[0]):
        words = _split_top_level(args[0], None)
        args = args[1:]
        shaped = None if legacy else _radial_shape(words)
        if "at" in words:  # modern: [<shape> || <size>] at <position>
            at = words.index("at")
            shaped = _radial_shape(words[:at]) if at else (shape, extent)
            pos = _position(words[at + 1 :])
            if shaped is None or pos is None:
                return None
            (shape, extent), center = shaped, pos
        elif shaped is not None:
            shape, extent = shaped
        elif (pos := _position(words)) is not None:
            # legacy `-webkit-radial-gradient(<position>, <shape> <size>, stops…)`; the same
            # order without prefix is invalid CSS but read the same way (forgiving)
            center = pos
            if args and not _is_stop(args[0]):
                shaped = _radial_shape(_split_top_level(args[0], None))
                if shaped is None:
                    return None
                (shape, extent), args = shaped, args[1:]
        elif legacy and (shaped := _radial_shape(words)) is not None:
            shape, extent = shaped
        else:
            return None
    stops = _parse_stops(args)
    if stops is None:
        return None
    return RadialGradient(stops=stops, shape=shape, extent=extent, center=center)


def parse_css_gradient(text: str) -> Gradient | None:
    """Parse the first ``linear-gradient(…)`` / ``radial-gradient(…)`` in ``text``; None if not.

    Vendor-prefixed (legacy) forms are read too; repeating gradients are not supported (None).
    """
    if not isinstance(text, str):
        return None
    value = text.strip().lower()
    match = _GRADIENT_RE.search(value)
    if match is None or match.group(2):
        return None
    depth = 1
    end = match.end()
    while end < len(value) and depth:
        depth += {"(": 1, ")": -1}.get(value[end], 0)
        end += 1
    if depth:
        return None
    args = _split_top_level(value[match.end() : end - 1], ",")
    if any(not arg for arg in args):
        return None
    legacy = match.group(1) is not None
    try:
        if match.group(3) == "radial":
            return _parse_radial(args, legacy)
        angle, corner = 180.0, None
        if args and (direction := _linear_direction(args[0], legacy)) is not None:
            (angle, corner), args = direction, args[1:]
        stops = _parse_stops(args)
        return None if stops is None else LinearGradient(angle, stops, corner)
    except (ValueError, IndexError, OverflowError):
        return None
