"""CSS lengths of flex and grid items, and a grid's `grid-template-columns` as column widths.

Input: a CSS value (a length, a percentage of the container, a track list), the container's
width in points and the `FlowContext` (text size and pixel scale for em, rem and px). Output:
points (`item_length`), or one width in points per column (`grid_tracks`: px, pt, em, rem, %,
`fr`, `auto`, `minmax()`, `repeat(n | auto-fill | auto-fit, ...)`). Used by
`converter.layout.flex`.
"""

from __future__ import annotations

import re

from converter.layout.css import css_length
from converter.layout.placed import FlowContext

__all__ = ["grid_tracks", "is_number", "item_length"]


def item_length(value: str, whole: float, ctx: FlowContext) -> float | None:
    """A length or a percentage of `whole` in points (None when not understood)."""
    text = value.strip().lower()
    if text.endswith("%"):
        try:
            return float(text[:-1]) * whole / 100
        except ValueError:
            return None
    if text in ("0", "0.0"):
        return 0.0
    return css_length(text, ctx.styles.body.size, ctx.styles.px, ctx.styles.body.size)


def is_number(text: str) -> bool:
    """Whether `text` is a plain number."""
    try:
        float(text)
    except ValueError:
        return False
    return True


_REPEAT = re.compile(r"repeat\(\s*([^,]+?)\s*,\s*(.+)\)\s*$", re.I)


def grid_tracks(template: str, whole: float, gap: float, ctx: FlowContext) -> list[float]:
    """Column widths from `grid-template-columns`."""
    text = template.strip().lower()
    tokens = _split_tracks(text)
    specs: list[str] = []
    for token in tokens:
        found = _REPEAT.match(token)
        if not found:
            specs.append(token)
            continue
        count_text, inner = found.group(1), _split_tracks(found.group(2))
        if count_text in ("auto-fill", "auto-fit"):
            least = sum(_track_min(t, whole, ctx) for t in inner) or whole
            count = max(1, int((whole + gap) // (least + gap)))
        else:
            count = int(count_text) if count_text.isdigit() else 1
        specs.extend(inner * min(count, 64))
    if not specs:
        return [whole]
    fixed: list[float | None] = []
    fractions: list[float] = []
    for spec in specs:
        if spec.startswith("minmax("):
            spec = spec[7:-1].split(",")[-1].strip()
        if spec.endswith("fr") and is_number(spec[:-2]):
            fixed.append(None)
            fractions.append(float(spec[:-2]))
        elif spec in ("auto", "min-content", "max-content") or (
                length := item_length(spec, whole, ctx)) is None:  # fmt: skip
            fixed.append(None)
            fractions.append(1.0)
        else:
            fixed.append(length)
            fractions.append(0.0)
    room = whole - gap * (len(specs) - 1) - sum(f or 0.0 for f in fixed)
    share = sum(fractions)
    widths = [f if f is not None else max(0.0, room) * fr / share if share else 0.0
              for f, fr in zip(fixed, fractions, strict=True)]  # fmt: skip
    return [max(w, 1.0) for w in widths]


def _track_min(spec: str, whole: float, ctx: FlowContext) -> float:
    if spec.startswith("minmax("):
        spec = spec[7:-1].split(",")[0].strip()
    return item_length(spec, whole, ctx) or 0.0


def _split_tracks(text: str) -> list[str]:
    """Top-level space-separated track specs (`repeat(...)` and `minmax(...)` kept whole)."""
    out: list[str] = []
    depth, current = 0, ""
    for char in text:
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        if char.isspace() and depth == 0:
            if current:
                out.append(current)
            current = ""
        else:
            current += char
    if current:
        out.append(current)
    return out
