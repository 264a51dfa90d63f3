"""Inline `<svg>` in Markdown and raw HTML: the markup as the browser reads it, written as an
SVG document.

Input: the HTML text of one `<svg>...</svg>` element as it stands in the deck (raw HTML blocks
and inline HTML both gather it). Output: `InlineSvg`: a standalone SVG document (XML, UTF-8)
as a `data:` URI the image pipeline reads like any other SVG, its alt text (`aria-label` or
the first `<title>`), and the root's attributes that style the element in the page (`class`,
`id`, `style`, and a percentage `width`/`height`, which is relative to the container).

The HTML parser lower-cases names; SVG is case-sensitive XML. As the HTML standard's "adjust
SVG attributes" and element-name tables do, `viewbox` becomes `viewBox`, `lineargradient`
`linearGradient` and so on. Namespaces are declared on the root (`svg`, `xlink`, and any other
prefix the root declares); prefixed names whose prefix is not declared are dropped with their
content, as they would break the XML. Text is escaped again; comments are dropped; elements
left open close with their parent, as in the browser.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass
from html import escape
from html.parser import HTMLParser

__all__ = ["InlineSvg", "inline_svg"]

_SVG_NS = "http://www.w3.org/2000/svg"
_XLINK_NS = "http://www.w3.org/1999/xlink"

_ELEMENTS = {name.lower(): name for name in (
    "altGlyph", "altGlyphDef", "altGlyphItem", "animateColor", "animateMotion",
    "animateTransform", "clipPath", "feBlend", "feColorMatrix", "feComponentTransfer",
    "feComposite", "feConvolveMatrix", "feDiffuseLighting", "feDisplacementMap",
    "feDistantLight", "feDropShadow", "feFlood", "feFuncA", "feFuncB", "feFuncG", "feFuncR",
    "feGaussianBlur", "feImage", "feMerge", "feMergeNode", "feMorphology", "feOffset",
    "fePointLight", "feSpecularLighting", "feSpotLight", "feTile", "feTurbulence",
    "foreignObject", "glyphRef", "linearGradient", "radialGradient", "textPath",
)}  # fmt: skip
_ATTRIBUTES = {name.lower(): name for name in (
    "attributeName", "attributeType", "baseFrequency", "baseProfile", "calcMode",
    "clipPathUnits", "diffuseConstant", "edgeMode", "filterUnits", "glyphRef",
    "gradientTransform", "gradientUnits", "kernelMatrix", "kernelUnitLength", "keyPoints",
    "keySplines", "keyTimes", "lengthAdjust", "limitingConeAngle", "markerHeight",
    "markerUnits", "markerWidth", "maskContentUnits", "maskUnits", "numOctaves", "pathLength",
    "patternContentUnits", "patternTransform", "patternUnits", "pointsAtX", "pointsAtY",
    "pointsAtZ", "preserveAlpha", "preserveAspectRatio", "primitiveUnits", "refX", "refY",
    "repeatCount", "repeatDur", "requiredExtensions", "requiredFeatures", "specularConstant",
    "specularExponent", "spreadMethod", "startOffset", "stdDeviation", "stitchTiles",
    "surfaceScale", "systemLanguage", "tableValues", "targetX", "targetY", "textLength",
    "viewBox", "viewTarget", "xChannelSelector", "yChannelSelector", "zoomAndPan",
)}  # fmt: skip
_XML_NAME = re.compile(r"^[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?$")
_PAGE_ATTRS = ("class", "id", "style")  # styling the element in the page, kept on the image


@dataclass(frozen=True)
class InlineSvg:
    uri: str  # data:image/svg+xml;base64,...
    alt: str
    pairs: tuple[tuple[str, str], ...]  # class, id, style; width/height in %


def inline_svg(markup: str) -> InlineSvg:
    """The `<svg>` element in `markup` (its first) as a document."""
    writer = _SvgWriter()
    writer.feed(markup)
    writer.close()
    writer.finish()
    xml = "".join(writer.out)
    uri = "data:image/svg+xml;base64," + base64.b64encode(xml.encode("utf-8")).decode("ascii")
    pairs = [(k, v) for k, v in writer.root_attrs if k in _PAGE_ATTRS]
    pairs += [(k, v.strip()) for k, v in writer.root_attrs
              if k in ("width", "height") and v.strip().endswith("%")]  # fmt: skip
    label = next((v for k, v in writer.root_attrs if k == "aria-label"), "")
    return InlineSvg(uri, " ".join((label or writer.title).split()), tuple(pairs))


class _SvgWriter(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.stack: list[str] = []  # open elements, as written
        self.root_attrs: list[tuple[str, str]] = []
        self.prefixes: dict[str, str] = {}  # declared on the root
        self.skip = 0  # inside an element whose prefix is not declared
        self.done = False
        self.title = ""
        self._in_title = False

    def _name(self, tag: str) -> str | None:
        name = _ELEMENTS.get(tag, tag)
        prefix, colon, _ = name.partition(":")
        return None if colon and prefix not in self.prefixes else name

    def _attrs(self, attrs: list[tuple[str, str | None]], root: bool) -> str:
        out: list[str] = []
        if root:
            out.append(f' xmlns="{_SVG_NS}" xmlns:xlink="{_XLINK_NS}"')
            for prefix, uri in self.prefixes.items():
                if prefix != "xlink":
                    out.append(f' xmlns:{prefix}="{escape(uri)}"')
        seen: set[str] = set()
        for key, value in attrs:
            if key == "xmlns" or key.startswith("xmlns:"):
                continue
            name = _ATTRIBUTES.get(key, key)
            prefix, colon, _ = name.partition(":")
            if colon and prefix not in ("xlink", "xml") and prefix not in self.prefixes:
                continue
            if name in seen or not _XML_NAME.match(name):
                continue  # XML allows an attribute once (HTML keeps the first) and no @ or [
            seen.add(name)
            out.append(f' {name}="{escape(value or "", quote=True)}"')
        return "".join(out)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, closed=False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, closed=True)

    def _start(self, tag: str, attrs: list[tuple[str, str | None]], closed: bool) -> None:
        if self.done:
            return
        root = not self.stack and not self.out
        if root:
            if tag != "svg":
                return
            self.root_attrs = [(k, v or "") for k, v in attrs]
            self.prefixes = {k[6:]: v or "" for k, v in attrs if k.startswith("xmlns:")}
        if self.skip:
            self.skip += not closed
            return
        name = self._name(tag)
        if name is None:
            self.skip += not closed
            return
        self.out.append(f"<{name}{self._attrs(attrs, root)}{'/' if closed else ''}>")
        if closed:
            self.done = root
        else:
            self.stack.append(name)
            self._in_title = name == "title" and not self.title

    def handle_endtag(self, tag: str) -> None:
        if self.done or not self.stack:
            return
        if self.skip:
            self.skip -= 1
            return
        name = _ELEMENTS.get(tag, tag)
        if name not in self.stack:
            return  # a stray end tag: ignored, as the browser does
        while self.stack:
            top = self.stack.pop()
            self.out.append(f"</{top}>")
            if top == name:
                break
        self._in_title = False
        self.done = not self.stack

    def handle_data(self, data: str) -> None:
        if self.done or self.skip or not self.stack:
            return
        self.out.append(escape(data, quote=False))
        if self._in_title:
            self.title += data

    def unknown_decl(self, data: str) -> None:
        if data.startswith("CDATA["):
            self.handle_data(data[6:])

    def finish(self) -> None:
        while self.stack:
            self.out.append(f"</{self.stack.pop()}>")
