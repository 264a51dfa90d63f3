"""Reading a custom reveal.js theme CSS file into a :class:`~converter.style.themes.Theme`.

Input: the CSS text of a theme built from reveal's template (``--r-*`` custom properties on
``:root``, contrast rules, a ``.reveal-viewport`` background) and a base theme. Output: the base
theme with whatever could be read replaced. Never raises. Public names are re-exported by
:mod:`converter.style.themes`.
"""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING, Any

from converter.style.color import Color, Gradient, parse_css_color
from converter.style.gradient import parse_css_gradient

if TYPE_CHECKING:
    from converter.style.themes import Theme

__all__ = ["parse_font_family", "parse_theme_css"]

_COMMENT_RE = re.compile(r"/\*.*?\*/", re.DOTALL)
_CUSTOM_PROP_RE = re.compile(r"(--[A-Za-z0-9_-]+)\s*:\s*([^;{}]*)")
_VAR_RE = re.compile(r"var\(\s*(--[A-Za-z0-9_-]+)\s*(?:,([^()]*(?:\([^()]*\)[^()]*)*))?\)")
_RULE_RE = re.compile(r"([^{}]*)\{([^{}]*)\}")
_COLOR_DECL_RE = re.compile(r"(?:^|;)\s*color\s*:\s*([^;]+)")
_BACKGROUND_DECL_RE = re.compile(r"(?:^|;)\s*background(?:-image)?\s*:\s*([^;]+)")
_LENGTH_RE = re.compile(r"^([+-]?(?:\d+\.?\d*|\.\d+))(px|pt|em|%)?$")


def parse_font_family(text: str) -> tuple[str, ...]:
    """CSS ``font-family`` list to names in order, quotes stripped (``()`` if nothing usable)."""
    names: list[str] = []
    for part in re.findall(r'"[^"]*"|\'[^\']*\'|[^,]+', text):
        name = " ".join(part.strip().strip("\"'").split())
        if name and not name.startswith("var("):
            names.append(name)
    return tuple(names)


def _resolve_vars(value: str, props: dict[str, str], depth: int = 0) -> str:
    if depth > 8 or "var(" not in value:
        return value

    def substitute(match: re.Match[str]) -> str:
        found = props.get(match.group(1))
        if found is None:
            found = (match.group(2) or "").strip()
        return _resolve_vars(found, props, depth + 1)

    return _VAR_RE.sub(substitute, value)


def _length(value: str, em_px: float, *, unitless: bool = False) -> float | None:
    """A px (or pt/em) length in px; a bare number only if ``unitless``."""
    match = _LENGTH_RE.match(value.strip().lower())
    if match is None:
        return None
    number, unit = float(match.group(1)), match.group(2)
    if unit == "px" or (unit is None and (unitless or number == 0)):
        return number
    return {"pt": number * 4 / 3, "em": number * em_px}.get(unit or "")


def _weight(value: str) -> int | None:
    keyword = {"normal": 400, "bold": 700}.get(value.lower())
    if keyword is not None:
        return keyword
    return int(value) if value.isdigit() and 1 <= int(value) <= 1000 else None


def _margin_bottom(value: str, em_px: float) -> float | None:
    parts = value.split()
    if not 1 <= len(parts) <= 4:
        return None
    return _length(parts[0 if len(parts) < 3 else 2], em_px)


def _contrast_colors(css: str) -> dict[str, Color]:
    """Text colours set by ``.has-light-background`` / ``.has-dark-background`` rules."""
    found: dict[str, Color] = {}
    for selector, body in _RULE_RE.findall(css):
        for kind in ("light", "dark"):
            if f"has-{kind}-background" in selector:
                for match in _COLOR_DECL_RE.finditer(body):
                    color = parse_css_color(match.group(1))
                    if color is not None:
                        found[kind] = color
    return found


def _viewport_gradient(css: str) -> Gradient | None:
    """A gradient on ``.reveal-viewport`` / ``body`` (the bodyBackground mixin), if any."""
    found: Gradient | None = None
    for selector, body in _RULE_RE.findall(css):
        if ".reveal-viewport" in selector or re.search(r"(^|[\s,])body\b", selector):
            for match in _BACKGROUND_DECL_RE.finditer(body):
                gradient = parse_css_gradient(match.group(1))
                if gradient is not None:
                    found = gradient
    return found


def _updates(props: dict[str, str], css: str, base: Theme) -> dict[str, Any]:
    out: dict[str, Any] = {}

    def get(name: str) -> str | None:
        raw = props.get(f"--r-{name}", props.get(f"--{name}"))  # reveal 4.0/4.1: no r-
        if raw is None:
            return None
        value = _resolve_vars(raw, props).replace("!important", "").strip()
        return value or None

    def color(field: str, prop: str) -> None:
        value = get(prop)
        parsed = parse_css_color(value) if value is not None else None
        if parsed is not None:
            out[field] = parsed

    for field, prop in (
        ("background", "background-color"),
        ("main_color", "main-color"),
        ("heading_color", "heading-color"),
        ("link_color", "link-color"),
        ("link_hover_color", "link-color-hover"),
        ("selection_bg", "selection-background-color"),
        ("selection_fg", "selection-color"),
    ):
        color(field, prop)

    for field, prop in (
        ("main_font", "main-font"),
        ("heading_font", "heading-font"),
        ("code_font", "code-font"),
    ):
        value = get(prop)
        fonts = parse_font_family(value) if value is not None else ()
        if fonts:
            out[field] = fonts

    if (value := get("main-font-size")) is not None:
        size = _length(value, 16.0)  # an em size here is relative to the browser default
        if size is not None and size > 0:
            out["main_font_size_px"] = size
    em_px: float = out.get("main_font_size_px", base.main_font_size_px)

    if (value := get("heading-font-weight")) is not None and (weight := _weight(value)):
        out["heading_weight"] = weight
    transform = (get("heading-text-transform") or "").lower()
    if transform in ("uppercase", "lowercase", "capitalize", "none"):
        out["heading_transform"] = transform
    if (value := get("heading-letter-spacing")) is not None:
        if value.lower() == "normal":
            out["heading_letter_spacing_em"] = 0.0
        elif value.lower().endswith("em") and (spacing := _length(value, 1.0)) is not None:
            out["heading_letter_spacing_em"] = spacing
    if (value := get("heading-line-height")) is not None:
        if value.endswith("%") and (pct := _length(value.removesuffix("%"), 1.0, unitless=True)):
            out["heading_line_height"] = pct / 100
        elif (ratio := _length(value, 1.0, unitless=True)) is not None and ratio > 0:
            out["heading_line_height"] = ratio

    sizes = list(base.heading_sizes_em)
    for level in range(1, 5):
        value = get(f"heading{level}-size")
        if value is None:
            continue
        if value.lower().endswith("em") and not value.lower().endswith("rem"):
            em = _length(value, 1.0)  # keep the exact em figure
        else:
            px = _length(value, em_px)
            em = px / em_px if px is not None else None
        if em is not None and em > 0:
            sizes[level - 1] = em
    if tuple(sizes) != base.heading_sizes_em:
        out["heading_sizes_em"] = tuple(sizes)

    if (value := get("heading-margin")) is not None:
        margin = _margin_bottom(value, em_px)
        if margin is not None:
            out["heading_margin_bottom_px"] = margin
    if (value := get("block-margin")) is not None:
        block = _length(value, em_px)
        if block is not None:
            out["block_margin_px"] = block
    for field, prop in (("heading_text_shadow", "heading-text-shadow"),
                        ("h1_text_shadow", "heading1-text-shadow")):  # fmt: skip
        if (value := get(prop)) is not None:
            out[field] = None if value.lower() == "none" else value

    contrast = _contrast_colors(css)
    if "light" in contrast:
        out["light_bg_text"] = contrast["light"]
    if "dark" in contrast:
        out["dark_bg_text"] = contrast["dark"]
    gradient = _viewport_gradient(css)
    if gradient is not None:
        out["background_gradient"] = gradient
    elif "background" in out:  # own background colour and no gradient: the base's must go
        out["background_gradient"] = None
    return out


def parse_theme_css(text: str, base: Theme) -> Theme:
    """``base`` with whatever the ``--r-*`` custom properties (and the contrast / viewport
    background rules) of a custom reveal theme CSS override. Unreadable values are ignored;
    never raises. The theme ``name`` stays the base's."""
    try:
        css = _COMMENT_RE.sub("", text)
        props: dict[str, str] = {}
        for name, value in _CUSTOM_PROP_RE.findall(css):
            props[name] = value.strip()  # last declaration wins, as in the cascade
        return dataclasses.replace(base, **_updates(props, css, base))
    except Exception:  # forgiving by contract: a bad file must never stop a conversion
        return base
