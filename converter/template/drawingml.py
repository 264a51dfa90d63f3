"""DrawingML fills: colour and gradient elements of a template to md2pptx's colour types.

Input: an `a:solidFill`-like element (`a:srgbClr`, `a:sysClr`, `a:schemeClr` with its tint,
shade, luminance and alpha modifiers) or an
`a:gradFill`, and the template's colour scheme. Output: a `Color` or a `Gradient` the layout
and the background compositor understand; None for anything unreadable.
"""

from __future__ import annotations

import colorsys

from lxml import etree

from converter.style.color import Color, Gradient, GradientStop, LinearGradient, RadialGradient

A = "http://schemas.openxmlformats.org/drawingml/2006/main"


def drawingml_color(element: etree._Element | None, scheme: dict[str, Color]) -> Color | None:
    """The colour of a `a:solidFill`-like element (srgbClr, sysClr or a scheme colour)."""
    if element is None:
        return None
    srgb = element.find(f"{{{A}}}srgbClr")
    if srgb is not None:
        return Color.from_hex(srgb.get("val", "000000")) if srgb.get("val") else None
    sys_clr = element.find(f"{{{A}}}sysClr")
    if sys_clr is not None and sys_clr.get("lastClr"):
        return Color.from_hex(sys_clr.get("lastClr", "000000"))
    ref = element.find(f"{{{A}}}schemeClr")
    if ref is not None:
        alias = {"bg1": "lt1", "tx1": "dk1", "bg2": "lt2", "tx2": "dk2"}
        val = ref.get("val", "")
        found = scheme.get(alias.get(val, val))
        return _modified(found, ref) if found is not None else None
    return None


def _modified(color: Color, ref: etree._Element) -> Color:
    """A scheme colour with its modifiers: `tint` (towards white), `shade` (towards black),
    `lumMod`/`lumOff` (HSL lightness) and `alpha`, as PowerPoint applies them (black tinted
    75 % shows #8b8b8b in LibreOffice: the mix is in linear light)."""
    r, g, b, a = color.r / 255, color.g / 255, color.b / 255, color.a
    for mod in ref:
        name = etree.QName(mod).localname
        try:
            value = int(mod.get("val", "100000")) / 100000
        except ValueError:
            continue
        if name == "tint":  # in linear light (scRGB), as PowerPoint and LibreOffice mix
            r, g, b = (_srgb(lin + (1 - lin) * (1 - value))
                       for lin in map(_linear, (r, g, b)))  # fmt: skip
        elif name == "shade":
            r, g, b = (_srgb(_linear(c) * value) for c in (r, g, b))
        elif name in ("lumMod", "lumOff"):
            h, lum, sat = colorsys.rgb_to_hls(r, g, b)
            lum = lum * value if name == "lumMod" else lum + value
            r, g, b = colorsys.hls_to_rgb(h, min(1.0, max(0.0, lum)), sat)
        elif name == "alpha":
            a = value
    return Color(round(r * 255), round(g * 255), round(b * 255), a)


GAMMA = 2.3  # the power Office's colour transforms use between sRGB and linear light


def _linear(c: float) -> float:
    """An sRGB channel (0-1) in linear light, as Office's transforms take it (a 2.3 power)."""
    return float(max(0.0, c) ** GAMMA)


def _srgb(c: float) -> float:
    """A linear-light channel (0-1) back in sRGB."""
    return float(min(1.0, max(0.0, c)) ** (1 / GAMMA))


def drawingml_gradient(element: etree._Element | None, scheme: dict[str, Color]) -> Gradient | None:
    """A DrawingML `a:gradFill` (stops, `a:lin` angle) as the CSS-style linear gradient the
    background compositor draws: DrawingML's angle 0 runs left to right, clockwise, which is
    CSS's 90deg. Path (radial) fills are drawn as a centred circle."""
    if element is None:
        return None
    stops: list[GradientStop] = []
    for gs in element.iter(f"{{{A}}}gs"):
        color = drawingml_color(gs, scheme)
        if color is not None:
            stops.append(GradientStop(color, int(gs.get("pos", "0")) / 100000))
    if len(stops) < 2:
        return None
    stops.sort(key=lambda stop: stop.position)
    if element.find(f"{{{A}}}path") is not None:
        return RadialGradient(tuple(stops), shape="circle")
    lin = element.find(f"{{{A}}}lin")
    angle = int(lin.get("ang", "0")) / 60000 if lin is not None else 0.0
    return LinearGradient((angle + 90) % 360, tuple(stops))
