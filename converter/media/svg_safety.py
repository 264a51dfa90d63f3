"""Reading an SVG safely: bounded gunzip and decoding, the DOCTYPE's entities checked before
the parser expands them, and everything that could fetch or run anything removed.

Input: the bytes of an SVG file (`.svg`, gzip-compressed `.svgz`, a `data:` URI's payload or
an inline `<svg>` written out as XML). Output: the cleaned lxml root element (`read_svg`), or
`SvgProblem`. Used by `converter.media.svg`, which measures and classifies the result.

Safety, before anything is drawn:
- At most `MAX_SVG_BYTES` (after gzip, which is read with the same cap) and `MAX_ELEMENTS`
  elements (the raster's limits are `converter.media.svg`'s).
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
"""

from __future__ import annotations

import gzip
import io
import re
from typing import Any, Literal

from lxml import etree

from converter.style.color_names import CSS_NAMED_COLORS

__all__ = ["MAX_ELEMENTS", "MAX_SVG_BYTES", "SvgProblem", "local_name", "read_svg", "short"]

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"

MAX_SVG_BYTES = 32_000_000
MAX_ELEMENTS = 200_000
MAX_ENTITY_DEPTH = 8
MAX_ENTITY_CHARS = 1_000_000
MAX_EXPANDED_CHARS = 40_000_000


class SvgProblem(Exception):
    """Why an SVG cannot be drawn: `reason` and the diagnostic `code`."""

    def __init__(self, reason: str, code: Literal["unsupported-image", "bad-image"]) -> None:
        super().__init__(reason)
        self.reason = reason
        self.code = code


def read_svg(raw: bytes) -> Any:
    """The checked, cleaned root element of an SVG; raises `SvgProblem`."""
    if raw[:2] == b"\x1f\x8b":
        raw = _gunzip(raw)
    if len(raw) > MAX_SVG_BYTES:
        raise SvgProblem(f"SVG larger than {MAX_SVG_BYTES // 1_000_000} MB", "bad-image")
    text = _decode(raw)
    _check_doctype(text)
    root = _parse(text)
    if local_name(root.tag) != "svg":
        raise SvgProblem(f"not an SVG document (root element <{local_name(root.tag)}>)",
                         "bad-image")  # fmt: skip
    count = _clean(root)
    if count > MAX_ELEMENTS:
        raise SvgProblem(f"SVG too complex ({count} elements)", "bad-image")
    return root


def _gunzip(raw: bytes) -> bytes:
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(raw)) as stream:
            data = stream.read(MAX_SVG_BYTES + 1)
    except (OSError, EOFError) as exc:
        raise SvgProblem(f"damaged .svgz ({exc})", "bad-image") from None
    if len(data) > MAX_SVG_BYTES:
        raise SvgProblem(f"SVG larger than {MAX_SVG_BYTES // 1_000_000} MB", "bad-image")
    return data


def _decode(raw: bytes) -> str:
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
        raise SvgProblem(f"bad SVG: {short(str(exc))}", "bad-image") from None
    if root is None:
        raise SvgProblem("bad SVG: empty document", "bad-image")
    if root.tag == "svg":  # no namespace: the browser shows no SVG; be lenient, as cairosvg was
        root = _parse(_with_namespace(text))
    return root


def _with_namespace(text: str) -> str:
    return re.sub(r"<svg\b", f'<svg xmlns="{SVG_NS}"', text, count=1)


def short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def local_name(tag: object) -> str:
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
        if local_name(el.tag) == "script":
            el.getparent().remove(el)
            continue
        count += 1
        for name in list(el.attrib):
            value = el.attrib[name]
            local = local_name(name)
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
        if local_name(el.tag) == "style" and el.text:
            el.text = _FOREIGN_URL.sub("none", _IMPORT.sub("", el.text))
    return count
