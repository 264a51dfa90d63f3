"""SVG images: read safely, sized as the browser sizes them, checked for what a vector drawing
keeps, and rasterised with resvg.

Input: the bytes of an SVG file (`.svg`, gzip-compressed `.svgz`, a `data:` URI's payload or
an inline `<svg>` the reader wrote out as XML). Output: an `SvgDocument` (the cleaned SVG, its
intrinsic size in CSS pixels, whether svglib can draw it as vectors without losing anything)
or `SvgProblem`; `rasterise` gives PNG bytes of a document at a pixel size.

Reading safely (limits, entities, removing what could fetch or run anything) is
`converter.media.svg_safety`; the size `converter.media.svg_size`; whether svglib keeps
everything (else `SvgDocument.raster_reason` says what it loses) `converter.media.svg_vector`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from lxml import etree

from converter.media.svg_safety import SvgProblem, local_name, read_svg, short
from converter.media.svg_size import intrinsic_size, view_box
from converter.media.svg_vector import raster_reason

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

MAX_RASTER_SIDE = 4096
MAX_RASTER_PIXELS = 12_000_000


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


def parse_svg(raw: bytes) -> SvgDocument:
    """Check, clean and measure an SVG; raises `SvgProblem`."""
    root = read_svg(raw)
    width, height, sized = intrinsic_size(root)
    data = etree.tostring(root, encoding="utf-8", xml_declaration=True)
    texts = [el for el in root.iter(etree.Element) if local_name(el.tag) == "text"]
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
        for text in (el.get("style") or "", el.text or "" if local_name(el.tag) == "style" else ""):
            for match in _FAMILY.finditer(text):
                found[match.group(1).strip()] = None
    return tuple(found)



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
        raise SvgProblem(f"bad SVG: {short(str(exc))}", "bad-image") from None
    return bytes(png)


def _number(value: float) -> str:
    return f"{value:.6g}"
