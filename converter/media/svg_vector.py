"""Whether svglib (the PDF backend's SVG reader) draws an SVG faithfully as vectors, or what
it would lose (and so the SVG is drawn from a raster).

Input: a cleaned SVG root element (lxml). Output: `raster_reason`, '' when nothing is lost.

Vector or raster: svglib (the PDF backend's SVG reader) keeps paths, linear and radial
gradients, `<use>`, transforms, clip paths, `<style>` rules, dashes and text, and drops
markers, `opacity`, patterns, filters, masks, `foreignObject`, nested `<svg>`, `<symbol>`
viewports, `gradientTransform`, `spreadMethod`, `stop-opacity`, blend modes, `paint-order`,
`textPath`, letter spacing, the `font` shorthand, `dominant-baseline`, CSS `var()` and
`!important`, and places `<tspan>`s that continue a line with the first font's widths
(measured against resvg, TECH-NOTES section 10). A document using any of these is drawn from a
raster instead: `SvgDocument.raster_reason` names the first one found.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

from converter.media.svg_safety import local_name

__all__ = ["raster_reason"]

_RASTER_ELEMENTS = {
    "marker": "markers",
    "pattern": "patterns",
    "filter": "filters",
    "mask": "masks",
    "foreignObject": "foreignObject",
    "textPath": "text on a path",
    "image": "embedded images",
    "symbol": "symbols",
    "svg": "nested <svg>",
}
_RASTER_PROPERTIES = {
    "marker": "markers", "marker-start": "markers", "marker-mid": "markers",
    "marker-end": "markers", "filter": "filters", "mask": "masks", "opacity": "opacity",
    "mix-blend-mode": "blend modes", "isolation": "blend modes", "paint-order": "paint-order",
    "letter-spacing": "letter spacing", "word-spacing": "word spacing",
    "dominant-baseline": "dominant-baseline", "alignment-baseline": "alignment-baseline",
    "writing-mode": "vertical text", "font": "the font shorthand",
    "text-decoration": "text decoration", "stop-opacity": "stop-opacity",
    "textLength": "textLength", "gradientTransform": "gradientTransform",
    "spreadMethod": "spreadMethod", "clipPathUnits": "clipPathUnits",
}  # fmt: skip
_HARMLESS = {
    "opacity": ("1", "1.0"), "stop-opacity": ("1", "1.0"), "spreadMethod": ("pad",),
    "clipPathUnits": ("userSpaceOnUse",), "mix-blend-mode": ("normal",),
    "isolation": ("auto",), "paint-order": ("normal", "fill", "fill stroke", "fill stroke markers"),
    "letter-spacing": ("normal", "0", "0px"), "word-spacing": ("normal", "0", "0px"),
    "dominant-baseline": ("auto", "alphabetic"), "alignment-baseline": ("auto", "baseline"),
    "writing-mode": ("horizontal-tb", "lr", "lr-tb"), "text-decoration": ("none",),
    "marker": ("none",), "marker-start": ("none",), "marker-mid": ("none",),
    "marker-end": ("none",), "filter": ("none",), "mask": ("none",),
}  # fmt: skip
_SHEET_PROPERTY = re.compile(
    r"(?<![\w-])(marker(?:-start|-mid|-end)?|filter|mask|opacity|mix-blend-mode|isolation|"
    r"paint-order|letter-spacing|word-spacing|dominant-baseline|alignment-baseline|"
    r"writing-mode|font|text-decoration|stop-opacity)\s*:\s*([^;}]*)", re.I
)


def _declarations(style: str) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for part in style.split(";"):
        name, colon, value = part.partition(":")
        if colon:
            out.append((name.strip().lower(), value.strip()))
    return out


def _lost(name: str, value: str) -> str:
    reason = _RASTER_PROPERTIES.get(name)
    if reason is None:
        return ""
    value = " ".join(value.strip().lower().split())
    if name in ("opacity", "stop-opacity"):
        try:
            return "" if float(value.removesuffix("%")) >= (99.9 if "%" in value else 0.999) \
                else reason  # fmt: skip
        except ValueError:
            return reason
    if name == "gradientTransform" and not value:
        return ""
    return "" if value in _HARMLESS.get(name, ()) else reason


def raster_reason(root: Any) -> str:
    """What svglib would lose drawing this SVG ('' when nothing)."""
    for el in root.iter(etree.Element):
        tag = local_name(el.tag)
        if tag in _RASTER_ELEMENTS and (tag != "svg" or el is not root):
            return _RASTER_ELEMENTS[tag]
        for name, value in el.attrib.items():
            reason = _lost(local_name(name), value)
            if reason:
                return reason
        style = el.get("style")
        if style:
            if "var(" in style or "!important" in style:
                return "CSS variables" if "var(" in style else "!important"
            for name, value in _declarations(style):
                reason = _lost(name, value)
                if reason:
                    return reason
        if tag == "style" and el.text:
            sheet = el.text
            if "var(" in sheet or "!important" in sheet:
                return "CSS variables" if "var(" in sheet else "!important"
            for match in _SHEET_PROPERTY.finditer(sheet):
                reason = _lost(match.group(1).lower(), match.group(2))
                if reason:
                    return reason
        if tag == "text" and _continued_line(el):
            return "tspans continuing a line"
    return ""


def _continued_line(text: Any) -> bool:
    """Whether a `<text>` has a piece of text placed after another one (a tspan or text after
    a tspan without its own x): svglib advances it by the widths of the text's first font."""
    placed = False
    for node in text.iter(etree.Element):
        own_x = node is text or node.get("x") is not None
        if node is not text and local_name(node.tag) != "tspan":
            continue
        if (node.text or "").strip():
            if placed and not own_x:
                return True
            placed = True
        if node is not text and (node.tail or "").strip():
            return True
    return False
