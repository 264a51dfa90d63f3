"""SVG images: detected by name, media type or content, and rasterised to PNG with cairosvg.

Input: the SVG bytes. Output: PNG bytes, or `SvgProblem` raised (cairosvg or the cairo library
missing, or a bad SVG). Safety: nothing the SVG references is fetched (no network, no local
files: only `data:` URIs inside it are decoded), XML entities are refused (cairosvg's safe
mode), and the raster is at most 4096 pixels a side whatever size the SVG declares.
"""

from __future__ import annotations

import importlib
import re
from typing import Any, Literal

from converter.media.data_uri import decode_data_uri


class SvgProblem(Exception):
    """Why an SVG cannot be drawn: `reason` and the diagnostic `code`."""

    def __init__(self, reason: str, code: Literal["unsupported-image", "bad-image"]) -> None:
        super().__init__(reason)
        self.reason = reason
        self.code = code


def looks_like_svg(data: bytes, name: str, media: str) -> bool:
    if media.startswith("image/svg") or name.lower().endswith((".svg", ".svgz")):
        return True
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"<") and b"<svg" in head.lower()


_SVG_MAX_SIDE = 4096
_SVG_LENGTH = re.compile(r"^\s*([0-9]*\.?[0-9]+)\s*(px|pt|pc|in|cm|mm)?\s*$")
_SVG_UNITS = {"px": 1.0, "pt": 4 / 3, "pc": 16.0, "in": 96.0, "cm": 96 / 2.54, "mm": 96 / 25.4}


def _svg_side(root_tag: str, name: str) -> float | None:
    match = re.search(rf"\s{name}\s*=\s*[\"']([^\"']*)[\"']", root_tag)
    length = _SVG_LENGTH.match(match.group(1)) if match else None
    if length is None:
        return None
    return float(length.group(1)) * _SVG_UNITS[length.group(2) or "px"]


def _svg_output_size(data: bytes) -> dict[str, int]:
    """`output_width`/`output_height` for cairosvg so that the raster is at most 4096 px a
    side: a declared size of 100000 x 100000 is never allocated."""
    head = data[:65536].decode("utf-8", "replace")
    tag = re.search(r"<svg\b[^>]*>", head, re.I)
    width = _svg_side(tag.group(0), "width") if tag else None
    height = _svg_side(tag.group(0), "height") if tag else None
    if tag and (width is None or height is None):
        box = re.search(r"\sviewBox\s*=\s*[\"']([^\"']*)[\"']", tag.group(0))
        numbers = re.findall(r"-?[0-9]*\.?[0-9]+", box.group(1)) if box else []
        if len(numbers) == 4 and float(numbers[2]) > 0 and float(numbers[3]) > 0:
            vw, vh = float(numbers[2]), float(numbers[3])
            width = width or (height * vw / vh if height else vw)
            height = height or width * vh / vw
    if not width or not height:
        return {"output_width": 1024}
    scale = min(1.0, _SVG_MAX_SIDE / max(width, height))
    if scale >= 1.0 and width >= 1 and height >= 1:
        return {}
    return {"output_width": max(1, round(width * scale)),
            "output_height": max(1, round(height * scale))}


def _no_fetch(url: str, resource_type: str) -> bytes:
    """cairosvg's URL fetcher: nothing is ever fetched (no network, no local files); a `data:`
    URI inside the SVG is decoded in memory."""
    parsed = decode_data_uri(url) if url.startswith("data:") else None
    return parsed[1] if parsed is not None else b'<svg xmlns="http://www.w3.org/2000/svg"/>'


def rasterise_svg(data: bytes) -> bytes:
    """The SVG as PNG bytes; raises `SvgProblem`."""
    try:
        surface: Any = importlib.import_module("cairosvg.surface")
    except (ImportError, OSError):  # OSError: the cairo library itself is missing
        raise SvgProblem("SVG not supported: install cairosvg", "unsupported-image") from None
    try:
        png = surface.PNGSurface.convert(
            bytestring=data, unsafe=False, url_fetcher=_no_fetch, **_svg_output_size(data)
        )
    except Exception as exc:  # cairosvg raises many kinds of errors for bad input
        raise SvgProblem(f"bad SVG: {type(exc).__name__}", "bad-image") from None
    if not isinstance(png, bytes):
        raise SvgProblem("bad SVG", "bad-image")
    return png


