"""SVG images: read safely, sized as the browser sizes them, checked for what a vector drawing
keeps, and rasterised with resvg.

Input: the bytes of an SVG file (`.svg`, gzip-compressed `.svgz`, a `data:` URI's payload or
an inline `<svg>` the reader wrote out as XML). Output: an `SvgDocument` (the cleaned SVG, its
intrinsic size in CSS pixels, whether svglib can draw it as vectors without losing anything)
or `SvgProblem`; `rasterise` gives PNG bytes of a document at a pixel size.

Safety, before anything is drawn:
- At most `MAX_SVG_BYTES` (after gzip, which is read with the same cap) and `MAX_ELEMENTS`
  elements; the raster is at most `MAX_RASTER_SIDE` pixels a side and `MAX_RASTER_PIXELS` in all.
- The DOCTYPE's internal subset is read here first. Internal general entities (Illustrator
  and Inkscape declare `<!ENTITY ns_svg "http://www.w3.org/2000/svg">` and use `&ns_svg;`)
  are expanded by the XML parser once their expansion is known to be small: at most
  `MAX_ENTITY_DEPTH` levels, `MAX_ENTITY_CHARS` per entity and `MAX_EXPANDED_CHARS` for the
  whole document (billion laughs and quadratic blow-ups are refused by arithmetic, before the
  parser expands anything). External entities (`SYSTEM`, `PUBLIC`) and parameter entities are
  refused; no DTD is loaded and the network is never used.
- Nothing the SVG references is fetched: every `href`/`src` that is not a fragment (`#id`) or
  a `data:` URI is removed, as are `url(...)` values pointing elsewhere, `@import` rules,
  `<script>` elements and `on...` event attributes. The cleaned SVG is what both renderers and
  the PPTX's SVG part get.

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

import gzip
import io
import math
import re
from dataclasses import dataclass
from typing import Any, Literal

from lxml import etree

from converter.style.color_names import CSS_NAMED_COLORS

__all__ = [
    "MAX_RASTER_PIXELS",
    "MAX_RASTER_SIDE",
    "SvgDocument",
    "SvgFonts",
    "SvgProblem",
    "looks_like_svg",
    "parse_svg",
    "raster_size",
    "rasterise",
]

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"

MAX_SVG_BYTES = 32_000_000
MAX_ELEMENTS = 200_000
MAX_ENTITY_DEPTH = 8
MAX_ENTITY_CHARS = 1_000_000
MAX_EXPANDED_CHARS = 40_000_000
MAX_RASTER_SIDE = 4096
MAX_RASTER_PIXELS = 12_000_000

DEFAULT_WIDTH, DEFAULT_HEIGHT = 300.0, 150.0  # the browser's default object size


class SvgProblem(Exception):
    """Why an SVG cannot be drawn: `reason` and the diagnostic `code`."""

    def __init__(self, reason: str, code: Literal["unsupported-image", "bad-image"]) -> None:
        super().__init__(reason)
        self.reason = reason
        self.code = code


@dataclass(frozen=True)
class SvgDocument:
    """A checked SVG. `width` x `height` is its intrinsic size in CSS pixels; when `sized` is
    false it states only a ratio (a `viewBox` and no width or height): as an `<img>` it is as
    wide as its container and `width`/`height` carry the ratio. `vector`: svglib draws it
    without losing anything, else `raster_reason` says what it would lose."""

    data: bytes
    width: float
    height: float
    sized: bool = True
    raster_reason: str = ""
    has_text: bool = False
    preserve_aspect_ratio: str = ""  # the root's, as written ("" for the default)
    families: tuple[str, ...] = ()  # every font-family list its text names, as written
    text: str = ""  # its text (the first 4000 characters), for choosing fallback fonts

    @property
    def vector(self) -> bool:
        return not self.raster_reason


@dataclass(frozen=True)
class SvgFonts:
    """The fonts resvg draws an SVG's text with (instead of scanning every system font on each
    call): files, and the families that stand for CSS's generic names."""

    files: tuple[str, ...]
    serif: str = ""
    sans_serif: str = ""
    monospace: str = ""


def looks_like_svg(data: bytes, name: str, media: str) -> bool:
    if media.startswith("image/svg") or name.lower().endswith((".svg", ".svgz")):
        return True
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"<") and b"<svg" in head.lower()


# --- reading ----------------------------------------------------------------------------------


def parse_svg(raw: bytes) -> SvgDocument:
    """Check, clean and measure an SVG; raises `SvgProblem`."""
    if raw[:2] == b"\x1f\x8b":
        raw = _gunzip(raw)
    if len(raw) > MAX_SVG_BYTES:
        raise SvgProblem(f"SVG larger than {MAX_SVG_BYTES // 1_000_000} MB", "bad-image")
    text = _text(raw)
    _check_doctype(text)
    root = _parse(text)
    if _local(root.tag) != "svg":
        raise SvgProblem(f"not an SVG document (root element <{_local(root.tag)}>)", "bad-image")
    count = _clean(root)
    if count > MAX_ELEMENTS:
        raise SvgProblem(f"SVG too complex ({count} elements)", "bad-image")
    width, height, sized = intrinsic_size(root)
    data = etree.tostring(root, encoding="utf-8", xml_declaration=True)
    texts = [el for el in root.iter(etree.Element) if _local(el.tag) == "text"]
    return SvgDocument(data, width, height, sized, raster_reason(root), bool(texts),
                       " ".join((root.get("preserveAspectRatio") or "").split()),
                       _families(root) if texts else (),
                       "".join("".join(el.itertext()) for el in texts)[:4000])


_FAMILY = re.compile(r"font-family\s*:\s*([^;}]+)", re.I)


def _families(root: Any) -> tuple[str, ...]:
    found: dict[str, None] = {}
    for el in root.iter(etree.Element):
        value = el.get("font-family")
        if value:
            found[value.strip()] = None
        for text in (el.get("style") or "", el.text or "" if _local(el.tag) == "style" else ""):
            for match in _FAMILY.finditer(text):
                found[match.group(1).strip()] = None
    return tuple(found)


def _gunzip(raw: bytes) -> bytes:
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(raw)) as stream:
            data = stream.read(MAX_SVG_BYTES + 1)
    except (OSError, EOFError) as exc:
        raise SvgProblem(f"damaged .svgz ({exc})", "bad-image") from None
    if len(data) > MAX_SVG_BYTES:
        raise SvgProblem(f"SVG larger than {MAX_SVG_BYTES // 1_000_000} MB", "bad-image")
    return data


def _text(raw: bytes) -> str:
    """The document as text (UTF-8, UTF-16 by BOM, or the encoding its declaration names)."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    raw = raw.removeprefix(b"\xef\xbb\xbf")
    declared = re.match(rb"<\?xml[^>]*encoding\s*=\s*[\"']([A-Za-z0-9._-]+)", raw)
    encoding = declared.group(1).decode("ascii") if declared else "utf-8"
    try:
        return raw.decode(encoding)
    except (LookupError, UnicodeDecodeError):
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            raise SvgProblem("SVG is not UTF-8 text", "bad-image") from None


_DOCTYPE = re.compile(r"<!DOCTYPE\s", re.I)
_ENTITY_DECL = re.compile(
    r"<!ENTITY\s+(%\s+)?([^\s\"'%>]+)\s+(?:(SYSTEM|PUBLIC)\b|\"([^\"]*)\"|'([^']*)')", re.I
)
_REFERENCE = re.compile(r"&([A-Za-z_:][\w.:-]*);")
_PREDEFINED = frozenset({"amp", "lt", "gt", "quot", "apos"})


def _internal_subset(text: str) -> tuple[str, int] | None:
    """The DOCTYPE's internal subset and where the document after the DOCTYPE starts."""
    root = re.search(r"<[A-Za-z_]", text)  # the root element's start tag: the prolog ends there
    found = _DOCTYPE.search(text, 0, root.start() if root else len(text))
    if found is None:
        return None
    i, quote = found.end(), ""
    while i < len(text):
        char = text[i]
        if quote:
            quote = "" if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char == "[":
            break
        elif char == ">":
            return "", i + 1
        i += 1
    start = i + 1
    i, quote = start, ""
    while i < len(text):
        char = text[i]
        if quote:
            quote = "" if char == quote else quote
        elif text.startswith("<!--", i):
            end = text.find("-->", i + 4)
            i = len(text) if end < 0 else end + 2
        elif char in "\"'":
            quote = char
        elif char == "]":
            end = text.find(">", i)
            return text[start:i], (len(text) if end < 0 else end + 1)
        i += 1
    raise SvgProblem("SVG has an unterminated DOCTYPE", "bad-image")


def _check_doctype(text: str) -> None:
    """Refuse external and parameter entities and entity expansions past the limits, before the
    parser sees them (it then expands the small internal ones Illustrator writes)."""
    found = _internal_subset(text)
    if found is None:
        return
    subset, body_start = found
    entities: dict[str, str] = {}
    for decl in _ENTITY_DECL.finditer(subset):
        parameter, name, external = decl.group(1), decl.group(2), decl.group(3)
        if parameter:
            raise SvgProblem("SVG refused: it declares a parameter entity", "bad-image")
        if external:
            raise SvgProblem(f"SVG refused: external entity &{name}; (nothing is read or "
                             "fetched)", "bad-image")  # fmt: skip
        entities.setdefault(name, decl.group(4) if decl.group(4) is not None else decl.group(5))
    markup = re.sub(r"\"[^\"]*\"|'[^']*'|<!--.*?-->", "", subset, flags=re.S)
    if "%" in markup:
        raise SvgProblem("SVG refused: it uses parameter entities", "bad-image")
    if markup.count("<!ENTITY") != len(_ENTITY_DECL.findall(subset)):
        raise SvgProblem("SVG has an entity declaration it cannot read", "bad-image")
    sizes: dict[str, int] = {}

    def expanded(name: str, depth: int, stack: tuple[str, ...]) -> int:
        if name in _PREDEFINED or name not in entities:
            return len(name) + 2  # left as it is (the parser reports an undefined one)
        if name in stack:
            raise SvgProblem(f"SVG refused: entity &{name}; refers to itself", "bad-image")
        if depth > MAX_ENTITY_DEPTH:
            raise SvgProblem("SVG refused: entities nested deeper than "
                             f"{MAX_ENTITY_DEPTH} levels", "bad-image")  # fmt: skip
        known = sizes.get(name)
        if known is not None:
            return known
        value = entities[name]
        total = len(value)
        for ref in _REFERENCE.finditer(value):
            total += expanded(ref.group(1), depth + 1, (*stack, name)) - len(ref.group(0))
            if total > MAX_ENTITY_CHARS:
                raise SvgProblem(f"SVG refused: entity &{name}; expands to more than "
                                 f"{MAX_ENTITY_CHARS:,} characters (an entity bomb)",
                                 "bad-image")  # fmt: skip
        sizes[name] = total
        return total

    body_total = len(text)
    for ref in _REFERENCE.finditer(text, body_start):
        if ref.group(1) in entities:
            body_total += expanded(ref.group(1), 1, ()) - len(ref.group(0))
            if body_total > MAX_EXPANDED_CHARS:
                raise SvgProblem("SVG refused: its entities expand to more than "
                                 f"{MAX_EXPANDED_CHARS:,} characters (an entity bomb)",
                                 "bad-image")  # fmt: skip


def _parse(text: str) -> Any:
    parser = etree.XMLParser(
        resolve_entities="internal", no_network=True, load_dtd=False, dtd_validation=False,
        huge_tree=False, remove_comments=True, remove_pis=True, remove_blank_text=False,
        recover=False,
    )  # fmt: skip
    data = text.encode("utf-8")
    if text.startswith("<?xml"):
        data = re.sub(rb"^<\?xml[^>]*\?>", b'<?xml version="1.0" encoding="utf-8"?>', data)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise SvgProblem(f"bad SVG: {_short(str(exc))}", "bad-image") from None
    if root is None:
        raise SvgProblem("bad SVG: empty document", "bad-image")
    if root.tag == "svg":  # no namespace: the browser shows no SVG; be lenient, as cairosvg was
        root = _parse(_with_namespace(text))
    return root


def _with_namespace(text: str) -> str:
    return re.sub(r"<svg\b", f'<svg xmlns="{SVG_NS}"', text, count=1)


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


# --- cleaning ---------------------------------------------------------------------------------

_LINK_ATTRS = frozenset({"href", f"{{{XLINK_NS}}}href", "src"})
_FOREIGN_URL = re.compile(r"url\(\s*(?![\"']?\s*(?:#|data:))[^)]*\)", re.I)
_IMPORT = re.compile(r"@import[^;]*;?", re.I)
_COLOR_ATTRS = ("fill", "stroke", "stop-color", "color", "flood-color", "lighting-color")
_COLOR_DECL = re.compile(
    r"((?:^|;)\s*(?:fill|stroke|stop-color|color|flood-color|lighting-color)\s*:\s*)([a-z]+)",
    re.I,
)


def _local_link(value: str) -> bool:
    value = value.strip()
    return value.startswith("#") or value[:5].lower() == "data:"


def _hex_color(value: str) -> str:
    """A CSS colour name as hex (svglib knows neither `rebeccapurple` nor `lightgray`)."""
    named = CSS_NAMED_COLORS.get(value.strip().lower())
    return named if named is not None else value


def _clean(root: Any) -> int:
    """Remove what could fetch or run anything; returns the count of elements."""
    count = 0
    for el in list(root.iter()):
        if not isinstance(el.tag, str):
            el.getparent().remove(el)  # entity references left as nodes, stray PIs
            continue
        if _local(el.tag) == "script":
            el.getparent().remove(el)
            continue
        count += 1
        for name in list(el.attrib):
            value = el.attrib[name]
            local = _local(name)
            if (name in _LINK_ATTRS and not _local_link(value)) or local.lower().startswith("on"):
                del el.attrib[name]
            elif "url(" in value.lower():
                el.attrib[name] = _FOREIGN_URL.sub("none", value)
        for name in _COLOR_ATTRS:
            value = el.get(name)
            if value is not None and value.strip().isalpha():
                el.set(name, _hex_color(value))
        style = el.get("style")
        if style:
            el.set("style", _COLOR_DECL.sub(lambda m: m.group(1) + _hex_color(m.group(2)),
                                            _IMPORT.sub("", style)))  # fmt: skip
        if _local(el.tag) == "style" and el.text:
            el.text = _FOREIGN_URL.sub("none", _IMPORT.sub("", el.text))
    return count


# --- size -------------------------------------------------------------------------------------

_LENGTH = re.compile(r"^\s*([+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:e[+-]?[0-9]+)?)\s*([a-z%]*)\s*$",
                     re.I)  # fmt: skip
_UNITS = {"": 1.0, "px": 1.0, "pt": 4 / 3, "pc": 16.0, "in": 96.0, "cm": 96 / 2.54,
          "mm": 96 / 25.4, "q": 96 / 101.6, "em": 16.0, "rem": 16.0, "ex": 8.0}  # fmt: skip


def svg_length(value: str | None) -> float | None:
    """An absolute SVG length in CSS pixels (`em` at the SVG document's 16 px); None for a
    percentage, `auto` or anything not understood."""
    match = _LENGTH.match(value) if value else None
    if match is None or match.group(2).lower() not in _UNITS:
        return None
    length = float(match.group(1)) * _UNITS[match.group(2).lower()]
    return length if math.isfinite(length) else None


def view_box(root: Any) -> tuple[float, float, float, float] | None:
    numbers = re.split(r"[\s,]+", (root.get("viewBox") or "").strip())
    try:
        box = tuple(float(n) for n in numbers)
    except ValueError:
        return None
    if len(box) != 4 or not all(map(math.isfinite, box)) or box[2] <= 0 or box[3] <= 0:
        return None
    return box[0], box[1], box[2], box[3]


def intrinsic_size(root: Any) -> tuple[float, float, bool]:
    """(width, height, sized) as Chromium sizes an `<img>` of this SVG: width and height in
    absolute units; one of them and the viewBox's ratio; only a viewBox: no size, the ratio
    (as wide as the container); otherwise the missing side from 300 x 150."""
    width, height = svg_length(root.get("width")), svg_length(root.get("height"))
    box = view_box(root)
    if (width is not None and width <= 0) or (height is not None and height <= 0):
        raise SvgProblem("SVG has no area (a width or height of 0)", "bad-image")
    if width is not None and height is not None:
        return width, height, True
    if box is not None:
        ratio = box[3] / box[2]
        if width is not None:
            return width, width * ratio, True
        if height is not None:
            return height / ratio, height, True
        return box[2], box[3], False
    return width or DEFAULT_WIDTH, height or DEFAULT_HEIGHT, True


# --- what svglib keeps ------------------------------------------------------------------------

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
        tag = _local(el.tag)
        if tag in _RASTER_ELEMENTS and (tag != "svg" or el is not root):
            return _RASTER_ELEMENTS[tag]
        for name, value in el.attrib.items():
            reason = _lost(_local(name), value)
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
        if node is not text and _local(node.tag) != "tspan":
            continue
        if (node.text or "").strip():
            if placed and not own_x:
                return True
            placed = True
        if node is not text and (node.tail or "").strip():
            return True
    return False


# --- rasterising ------------------------------------------------------------------------------


def raster_size(doc: SvgDocument, width_px: float, height_px: float) -> tuple[int, int]:
    """A pixel size for drawing `doc` in a `width_px` x `height_px` box, within the limits."""
    width, height = max(1.0, width_px), max(1.0, height_px)
    scale = min(1.0, MAX_RASTER_SIDE / max(width, height),
                (MAX_RASTER_PIXELS / (width * height)) ** 0.5)  # fmt: skip
    return max(1, round(width * scale)), max(1, round(height * scale))


def rasterise(doc: SvgDocument, width_px: float, height_px: float,
              fonts: SvgFonts | None = None) -> bytes:  # fmt: skip
    """PNG bytes of `doc` drawn into a `width_px` x `height_px` box as the browser draws an
    `<img>`: the viewBox (or the intrinsic size) fitted by `preserveAspectRatio`. Text is drawn
    in `fonts` (else resvg reads every system font, 50-100 ms a call)."""
    import resvg_py  # deferred: only decks with SVGs need it

    width, height = raster_size(doc, width_px, height_px)
    root = etree.fromstring(doc.data, etree.XMLParser(resolve_entities=False, no_network=True))
    if view_box(root) is None:
        root.set("viewBox", f"0 0 {_number(doc.width)} {_number(doc.height)}")
    root.set("width", str(width))
    root.set("height", str(height))
    text = etree.tostring(root, encoding="unicode")
    options: dict[str, Any] = {"skip_system_fonts": not doc.has_text or fonts is not None}
    if doc.has_text and fonts is not None:
        options["font_files"] = list(fonts.files)
        for key, family in (("serif_family", fonts.serif), ("font_family", fonts.serif),
                            ("sans_serif_family", fonts.sans_serif),
                            ("monospace_family", fonts.monospace)):  # fmt: skip
            if family:
                options[key] = family
    try:
        png = resvg_py.svg_to_bytes(svg_string=text, **options)
    except (ValueError, RuntimeError, OSError) as exc:
        raise SvgProblem(f"bad SVG: {_short(str(exc))}", "bad-image") from None
    return bytes(png)


def _number(value: float) -> str:
    return f"{value:.6g}"
