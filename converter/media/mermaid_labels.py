"""Mermaid's HTML labels made SVG text, so that renderers without HTML draw the whole diagram.

mermaid writes most labels (flowchart, class, state, ER, mindmap nodes and edges, subgraph
titles) as HTML in `<foreignObject>`, which the browser and novasvg paint and svglib, resvg and
PowerPoint's SVG renderer leave out. mermaid's own `htmlLabels: false` mode writes SVG text, but
lays the diagram out again with other sizes (and costs a second render); rewriting the labels of
the drawing the browser shows keeps every node, edge and arrowhead where it is.

Input: the SVG mermaid made, and optionally a function measuring a line of text in CSS pixels
as mermaid's layout measured it (for the labels mermaid wraps at a width). Output: the same SVG
with each `foreignObject` replaced, in place, by what it showed: its background as a `rect`
and its text as a `<text>` of `<tspan>` lines (`<br>` and paragraphs break lines; wrapped at
the label's width), each run in the font family, size, weight, style and colour the diagram's
style sheet gives its HTML element (the CSS cascade of `converter.style.cascade`: specificity,
`!important`, inheritance), aligned as the label's `text-align`, baselines placed in its CSS
line boxes. What the style sheet gives every SVG element (paint, opacity, fonts, anchors,
filters; colours as hex) is written in its `style` attribute, and markers' shapes get their
paint, so that renderers with less CSS than a browser (resvg, PowerPoint) draw it all the same
(`@keyframes`, `!important`, attribute selectors, `hsl()`). The root gets its size in pixels
(mermaid writes `width="100%"`). Nothing else changes; an SVG it cannot read is returned as it
was.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from lxml import etree

from converter.media.svg_size import view_box
from converter.style.cascade import Cascade, Computed
from converter.style.color import Color, parse_css_color
from converter.style.lengths import css_length

__all__ = ["Measure", "labels_as_text"]

SVG_NS = "http://www.w3.org/2000/svg"
Measure = Callable[[str, float], float]
"""The width in CSS pixels of a line of text at a font size (mermaid's layout font)."""

ASCENT, DESCENT = 0.905, 0.212
"""The ascent and descent of Arial (Liberation Sans, Trebuchet MS are within 0.03 em): a line's
baseline sits half the leading below its line box's top, plus the ascent."""
DEFAULT_SIZE = 16.0
_BROWSER = ("b, strong { font-weight: bold } i, em, cite, var { font-style: italic } "
            "code, kbd, samp, tt { font-family: monospace } small { font-size: 13px } "
            "h1, h2, h3, h4, h5, h6, th { font-weight: bold }")
"""The browser's own rules that mermaid's labels rely on (Markdown labels: `**bold**`)."""
_BLOCKS = frozenset({"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
                     "table", "tr", "pre", "blockquote"})  # fmt: skip


@dataclass(frozen=True)
class _Run:
    text: str
    style: Computed


def labels_as_text(svg: str, measure: Measure | None = None) -> str:
    """`svg` with its HTML labels as SVG text (see the module's docstring)."""
    if "<!DOCTYPE" in svg or "<!ENTITY" in svg:
        return svg  # mermaid writes neither: not one of its drawings
    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True,
                             huge_tree=False)  # fmt: skip
    try:
        root = etree.fromstring(svg.encode("utf-8"), parser)
    except etree.XMLSyntaxError:
        return svg
    _size_root(root)
    sheets = [el.text or "" for el in root.iter(f"{{{SVG_NS}}}style")]
    if any(sheets) or "<foreignObject" in svg:
        computed = Cascade([_BROWSER, *sheets]).compute(root)
        _inline_styles(root, computed)
        for label in list(root.iter(f"{{{SVG_NS}}}foreignObject")):
            fallbacks = _fallbacks(label)
            _replace(label, computed, measure)
            for element in fallbacks:
                _remove(element)
        for marker in root.iter(f"{{{SVG_NS}}}marker"):
            _paint_marker(marker, computed)
    return str(etree.tostring(root, encoding="unicode"))


def _fallbacks(label: Any) -> list[Any]:
    """What follows the label in a `<switch>` (journey sections: SVG text for renderers without
    HTML, coloured by the section's fill rule, which the browser never shows)."""
    parent = label.getparent()
    if etree.QName(parent).localname != "switch":
        return []
    return [el for el in label.itersiblings() if isinstance(el.tag, str)]


def _remove(element: Any) -> None:
    parent, tail = element.getparent(), element.tail
    previous = element.getprevious()
    parent.remove(element)
    if tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail


_INLINED = ("fill", "fill-opacity", "stroke", "stroke-width", "stroke-opacity",
            "stroke-dasharray", "stroke-linecap", "stroke-linejoin", "opacity", "display",
            "visibility", "font-family", "font-size", "font-weight", "font-style",
            "text-anchor", "filter")  # fmt: skip
_HERITABLE = frozenset({"font-family", "font-size", "font-weight", "font-style"})
_COLORS = frozenset({"fill", "stroke"})


def _inline_styles(root: Any, computed: dict[Any, Computed]) -> None:
    """What the style sheet gives each SVG element (paint, opacity, font, anchor) written in
    its `style` attribute, colours as hex: the drawing no longer depends on how much CSS a
    renderer knows (mermaid's sheets hold `@keyframes`, `!important`, attribute selectors and
    `hsl()` colours). Declarations already in the attribute are replaced by the winning value."""
    for element in root.iter(etree.Element):
        if etree.QName(element).namespace != SVG_NS:
            continue
        if etree.QName(element).localname in ("style", "foreignObject", "title", "desc"):
            continue
        values = computed.get(element)
        if values is None:
            continue
        parent = computed.get(element.getparent(), {})
        parts: list[str] = []
        for name in _INLINED:
            found = values.get(name)
            if found is None or (name in _HERITABLE and parent.get(name) == found):
                continue
            value = found[0].strip()
            if not value or "var(" in value or value.lower() in ("inherit", "initial", "unset"):
                continue
            if name in _COLORS:
                parts.extend(_paint(name, value))
            else:
                parts.append(f"{name}:{value}")
        if parts:
            written = {part.split(":", 1)[0] for part in parts}
            own = [decl for decl in (element.get("style") or "").split(";")  # not mermaid's
                   if ":" in decl and decl.split(":", 1)[0].strip().lower() not in written]
                   # stray `undefined;` pieces, which make resvg drop the whole attribute
            element.set("style", ";".join([*own, *parts]))


def _paint(name: str, value: str) -> list[str]:
    """`fill`/`stroke` declarations for a CSS paint value (colours as hex and an opacity)."""
    if value.lower() in ("none", "currentcolor") or value.lower().startswith("url("):
        return [f"{name}:{value}"]
    color = parse_css_color(value)
    if color is None:
        return []
    if color.a <= 0.0:
        return [f"{name}:none"]
    return _hex_paint(name, color)


def _hex_paint(name: str, color: Color) -> list[str]:
    """`fill`/`stroke` declarations for a visible colour: hex, and an opacity below 1."""
    return [f"{name}:{color.hex}"] + ([f"{name}-opacity:{color.a:.3g}"] if color.a < 1 else [])


_PAINT = ("fill", "stroke", "stroke-width", "stroke-dasharray")


def _paint_marker(marker: Any, computed: dict[Any, Computed]) -> None:
    """The paint of a marker's shapes (arrowheads) written on them: mermaid sets it with rules
    such as `[id$="-extensionStart"] {fill: transparent !important}`, which renderers with
    less CSS than the browser's (resvg, PowerPoint) do not apply."""
    for element in marker.iter(etree.Element):
        if element is marker or etree.QName(element).localname not in _SHAPES:
            continue
        chain = [element, *element.iterancestors()]
        chain = chain[: chain.index(marker) + 1]  # paint is inherited from the marker down
        parts = []
        for name in _PAINT:
            value = next((_declared(el, name, computed) for el in chain
                          if _declared(el, name, computed)), "").strip()  # fmt: skip
            if not value or "var(" in value:
                continue
            parts.extend(_paint(name, value) if name in _COLORS else [f"{name}:{value}"])
        if parts:
            own = element.get("style")
            element.set("style", ";".join(parts) + (f";{own}" if own else ""))


_SHAPES = frozenset({"path", "circle", "ellipse", "line", "polygon", "polyline", "rect"})


def _declared(element: Any, name: str, computed: dict[Any, Computed]) -> str:
    """The value the style sheet or `style` gives `element` itself, else its attribute."""
    found = computed.get(element, {}).get(name)
    return found[0] if found is not None else str(element.get(name) or "")


def _size_root(root: Any) -> None:
    """A diagram sized in per cent (mermaid's `width="100%"`) gets its viewBox's size."""
    box = view_box(root)
    if box is not None and (root.get("width") or "").endswith("%"):
        root.set("width", _fmt(box[2]))
        root.set("height", _fmt(box[3]))


def _number(text: str | None, default: float = 0.0) -> float:
    try:
        return float(text) if text is not None else default
    except ValueError:
        return default


def _px(value: str | None, font_size: float = DEFAULT_SIZE) -> float | None:
    """A length in the label's CSS pixels (`em` and `%` of `font_size`, a bare number px)."""
    return css_length(value, em=font_size, rem=DEFAULT_SIZE, percent=font_size, bare=1.0)


def _replace(label: Any, computed: dict[Any, Computed], measure: Measure | None) -> None:
    """The `foreignObject` `label` replaced by its background and its text."""
    x, y = _number(label.get("x")), _number(label.get("y"))
    width, height = _number(label.get("width")), _number(label.get("height"))
    made: list[Any] = []
    if width > 0 and height > 0:
        fill = _color(_background(label, computed))
        if fill is not None:
            made.append(etree.Element(f"{{{SVG_NS}}}rect", x=_fmt(x), y=_fmt(y),
                                      width=_fmt(width), height=_fmt(height), style=fill))
        lines = _lines(label, computed)
        if measure is not None and width > 0:
            lines = [piece for line in lines for piece in _wrap(line, width, measure)]
        if _middle(label, computed):  # a table cell centred vertically
            first = _first(lines)
            y += max(0.0, height - len(lines) * _line_height(first, _size(first))) / 2
        text = _text(lines, computed.get(label, {}), x, y, width)
        if text is not None:
            made.append(text)
    for element in made:
        label.addprevious(element)
    _remove(label)


def _background(label: Any, computed: dict[Any, Computed]) -> str:
    """The label's backgrounds (its div's, span's, paragraph's) laid over each other, as one
    CSS colour ('' when there are none)."""
    red = green = blue = alpha = 0.0
    for element in label.iter(etree.Element):
        value = _get(computed.get(element, {}), "background-color")
        layer = parse_css_color(value) if element is not label and value else None
        if layer is None or layer.a <= 0.0:
            continue
        total = layer.a + alpha * (1 - layer.a)
        red, green, blue = ((own * layer.a + below * alpha * (1 - layer.a)) / total
                            for own, below in ((layer.r, red), (layer.g, green),
                                               (layer.b, blue)))  # fmt: skip
        alpha = total
    if alpha <= 0.0:
        return ""
    return f"rgba({round(red)},{round(green)},{round(blue)},{alpha:.3f})"


def _color(value: str) -> str | None:
    """A `style` value filling with the CSS colour `value`; None for none or transparent."""
    color = parse_css_color(value) if value else None
    if color is None or color.a <= 0.0:
        return None
    return ";".join(_hex_paint("fill", color))


def _lines(label: Any, computed: dict[Any, Computed]) -> list[list[_Run]]:
    """The label's text as lines of runs, each run with its element's computed style."""
    lines: list[list[_Run]] = [[]]

    def add(text: str | None, style: Computed) -> None:
        if text:
            words = " ".join(text.split())
            if words:
                if text[:1].isspace() and lines[-1]:
                    words = " " + words
                if text[-1:].isspace():
                    words += " "
                lines[-1].append(_Run(words, style))

    def new_line() -> None:
        if lines[-1]:
            lines.append([])

    def walk(element: Any) -> None:
        name = etree.QName(element).localname.lower()
        style = computed.get(element, {})
        if name == "br":
            lines.append([])
        elif name in _BLOCKS:
            new_line()
        add(element.text, style)
        for child in element:
            if isinstance(child.tag, str):
                walk(child)
                add(child.tail, style)
        if name in _BLOCKS:
            new_line()

    for child in label:
        if isinstance(child.tag, str):
            walk(child)
    found = [_stripped(line) for line in lines]
    while found and not found[-1]:
        found.pop()
    return found


def _stripped(line: list[_Run]) -> list[_Run]:
    if line:
        line[0] = _Run(line[0].text.lstrip(), line[0].style)
        line[-1] = _Run(line[-1].text.rstrip(), line[-1].style)
    return [run for run in line if run.text]


def _size(style: Computed) -> float:
    return _px(_get(style, "font-size")) or DEFAULT_SIZE


def _wrap(line: list[_Run], width: float, measure: Measure) -> list[list[_Run]]:
    """`line` broken between words where it is wider than `width` (as mermaid measured)."""
    if sum(measure(run.text, _size(run.style)) for run in line) <= width + 1.0:
        return [line]
    out: list[list[_Run]] = [[]]
    used = 0.0
    for run in line:
        size = _size(run.style)
        for word in re.findall(r"\S+\s*", run.text):
            wide = measure(word.rstrip(), size)
            if out[-1] and used + wide > width + 1.0:
                out.append([])
                used = 0.0
            out[-1].append(_Run(word, run.style))
            used += measure(word, size)
    return [_stripped(_joined(piece)) for piece in out if piece]


def _joined(line: list[_Run]) -> list[_Run]:
    out: list[_Run] = []
    for run in line:
        if out and out[-1].style is run.style:
            out[-1] = _Run(out[-1].text + run.text, run.style)
        else:
            out.append(run)
    return out


_PROPERTIES = ("font-family", "font-size", "font-weight", "font-style")
_INITIAL = {"font-weight": "normal", "font-style": "normal"}


def _get(style: Computed, name: str) -> str:
    """The value `style` computes for the property `name` ('' when it has none)."""
    found = style.get(name)
    return found[0] if found is not None else ""


def _value(style: Computed, name: str) -> str:
    """`_get`, with the initial value of the font properties a run's style may leave out."""
    return _get(style, name) or _INITIAL.get(name, "")


def _run_style(style: Computed, base: Computed | None) -> str:
    """The `style` attribute of a run: what differs from `base` (everything when None)."""
    parts = []
    for name in _PROPERTIES:
        value = _value(style, name)
        if value and (base is None or _value(base, name) != value):
            if name == "font-size":
                value = _fmt(_size(style)) + "px"
            parts.append(f"{name}:{value}")
    color = _get(style, "color")
    if base is None or _get(base, "color") != color:
        fill = _color(color) or ("fill:#000000" if base is None else "")
        if fill:
            parts.append(fill)
    return ";".join(parts)


def _first(lines: list[list[_Run]]) -> Computed:
    return next((run.style for line in lines for run in line), {})


def _middle(label: Any, computed: dict[Any, Computed]) -> bool:
    return any(_get(computed.get(el, {}), "vertical-align").strip() == "middle"
               for el in label.iter(etree.Element))  # fmt: skip


def _text(lines: list[list[_Run]], outer: Computed, x: float, y: float,
          width: float) -> Any | None:  # fmt: skip
    runs = [run for line in lines for run in line]
    if not runs:
        return None
    base = runs[0].style
    size = _size(base)
    spacing = _line_height(base, size)
    align = base.get("text-align", outer.get("text-align", ("", False)))[0].lower()
    anchor, left = {"center": ("middle", x + width / 2), "right": ("end", x + width),
                    "end": ("end", x + width)}.get(align, ("start", x))  # fmt: skip
    look = f"{_run_style(base, None)};stroke:none;text-anchor:{anchor}"
    text = etree.Element(f"{{{SVG_NS}}}text", style=look)
    for number, line in enumerate(lines):
        baseline = y + number * spacing + (spacing - (ASCENT + DESCENT) * size) / 2 + ASCENT * size
        row = etree.SubElement(text, f"{{{SVG_NS}}}tspan", x=_fmt(left), y=_fmt(baseline))
        if not line:
            continue
        for run in line:
            own = _run_style(run.style, base)
            if own:
                piece = etree.SubElement(row, f"{{{SVG_NS}}}tspan", style=own)
                piece.text = run.text
            elif len(row):
                row[-1].tail = (row[-1].tail or "") + run.text
            else:
                row.text = (row.text or "") + run.text
    text.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return text


def _line_height(style: Computed, size: float) -> float:
    value = _get(style, "line-height").strip()
    if not value or value == "normal":
        return 1.2 * size
    try:
        return float(value) * size
    except ValueError:
        return _px(value, size) or 1.2 * size


def _fmt(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".")
