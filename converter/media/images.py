"""Image loading: the one place image bytes are read, checked, decoded and re-encoded.

Input: an `ImageSource` (a checked file path or a `data:` URI; other kinds are reported) and, for
`ImageStore.fit`, the size of the box the image is shown in. Output: a `LoadedImage` (encoded
JPEG or PNG bytes ready for python-pptx and reportlab, with size, alpha and a SHA-1 key that both
backends dedupe on) or an `ImageProblem` (a short reason and a diagnostic code). Also
`placeholder_png` (a labelled grey box) and `decode` (a `LoadedImage` back to a Pillow image).

An SVG (`converter.media.svg`) is loaded as its cleaned document plus a PNG of it; its
`css_size` is the size the browser gives it, and `fit` rasterises it again, sharply, at the
size of the box it is shown in (cached per size), where a raster would be downscaled.

Safety: the header size is checked before any pixel is decoded (decompression bombs are
refused without allocating them), every image is decoded once to detect truncation, and only
plain raster formats are opened (no EPS/PDF plugins that run external programs). Output is
deterministic: the same input gives the same bytes.
"""

from __future__ import annotations

import hashlib
import io
import math
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, TypeAlias

from PIL import Image, ImageDraw, ImageFont, ImageOps

from converter.media.data_uri import decode_data_uri
from converter.media.svg import (
    SvgDocument,
    SvgFonts,
    SvgProblem,
    looks_like_svg,
    parse_svg,
    raster_size,
    rasterise,
)
from converter.model import ImageSource

__all__ = [
    "ImageProblem",
    "ImageStore",
    "LoadedImage",
    "ProblemCode",
    "SvgDocument",
    "decode",
    "decode_data_uri",
    "placeholder_png",
]

ProblemCode: TypeAlias = Literal[
    "missing-image",
    "refused-image",
    "remote-image",
    "bad-image",
    "image-too-large",
    "unsupported-image",
]

JPEG_QUALITY = 88
PHOTO_COLORS = 4096
"""An image without alpha and with more distinct colours than this is a photo (JPEG)."""

SVG_PX_PER_BOX_PX = 1.0
"""An SVG is rasterised at the box's "displayed" pixels: 2 px per point (144 dpi), 2.67 x its
CSS size. resvg's time grows with the pixels (about 60 ms for 1440 x 720 with a gradient and
a clip), and the PDF draws most SVGs as vectors anyway."""
SVG_CHECK_SIDE = 256
"""Loading an SVG draws it this large without fonts: it proves resvg reads it (3-5 ms); the
pictures are drawn again at their size."""
UNSIZED_SVG_WIDTH = 100_000.0
"""The `css_size` width of an SVG with a ratio and no size: wider than any slide, so that
layout's `max-width`/`max-height` (95 % in reveal) bring it to the width of its container, as
the browser's `width: auto` does for such an image."""

_SAFE_FORMATS = ("PNG", "JPEG", "MPO", "GIF", "BMP", "WEBP", "TIFF", "ICO", "AVIF")
_JPEG_FORMATS = frozenset({"JPEG", "MPO"})


@dataclass(frozen=True)
class LoadedImage:
    """An image ready for the backends: `data` is the encoded `format` bytes, `key` its SHA-1."""

    key: str
    width: int
    height: int
    format: Literal["JPEG", "PNG"]
    data: bytes = field(repr=False)
    has_alpha: bool = False
    svg: SvgDocument | None = field(default=None, repr=False, compare=False)
    drawn: bool = False  # an SVG's pixels are its maker's (`ImageSource.raster`): not redrawn

    @property
    def css_size(self) -> tuple[float, float]:
        """The size the browser gives the image, in CSS pixels: a raster's pixels; an SVG's
        intrinsic size (`UNSIZED_SVG_WIDTH` wide, its ratio kept, when it states none)."""
        svg = self.svg
        if svg is None:
            return float(self.width), float(self.height)
        if not svg.sized:
            return UNSIZED_SVG_WIDTH, UNSIZED_SVG_WIDTH * svg.height / svg.width
        return svg.width, svg.height


@dataclass(frozen=True)
class ImageProblem:
    """Why an image cannot be drawn: `reason` for the diagnostic and the placeholder label."""

    reason: str
    code: ProblemCode


Loaded: TypeAlias = LoadedImage | ImageProblem


def _sha1(data: bytes) -> str:
    return hashlib.sha1(data, usedforsecurity=False).hexdigest()


def _short(src: str, limit: int = 60) -> str:
    return src if len(src) <= limit else src[: limit - 1] + "…"


def _formats() -> list[str]:
    Image.init()
    return [name for name in _SAFE_FORMATS if name in Image.OPEN]


def decode(image: LoadedImage) -> Image.Image:
    """The pixels of a `LoadedImage` (mode RGB, RGBA or L), fully loaded."""
    im = Image.open(io.BytesIO(image.data), formats=["JPEG", "PNG"])
    im.load()
    return im


def _icc_for(im: Image.Image, out_mode: str) -> dict[str, bytes]:
    """Keep an embedded ICC profile only when it describes the output colour space."""
    icc = im.info.get("icc_profile")
    if not isinstance(icc, bytes) or len(icc) < 20:
        return {}
    space = icc[16:20]
    wanted = b"GRAY" if out_mode == "L" else b"RGB "
    return {"icc_profile": icc} if space == wanted else {}


def _normalise(im: Image.Image) -> Image.Image:
    """Any decoded mode to L, RGB or RGBA (alpha dropped when fully opaque)."""
    mode = im.mode
    if mode in ("I;16", "I;16B", "I;16L", "I;16N", "I"):
        im = im.convert("I").point(lambda v: v * (1 / 256)).convert("L")
    elif mode in ("F", "1"):
        im = im.convert("L")
    elif "transparency" in im.info or mode in ("P", "PA", "LA", "La", "RGBa"):
        has_alpha = "transparency" in im.info or "A" in mode or "a" in mode
        im = im.convert("RGBA" if has_alpha else "RGB")
    elif mode not in ("L", "RGB", "RGBA"):
        im = im.convert("RGBA" if "A" in mode else "RGB")
    if im.mode == "RGBA" and im.getchannel("A").getextrema() == (255, 255):
        im = im.convert("RGB")
    return im


def _encode(im: Image.Image, fmt: Literal["JPEG", "PNG"], icc: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    if fmt == "JPEG":
        im.save(buf, "JPEG", quality=JPEG_QUALITY, **icc)
    else:
        im.save(buf, "PNG", compress_level=6, **icc)
    return buf.getvalue()


def _loaded(data: bytes, im: Image.Image, fmt: Literal["JPEG", "PNG"]) -> LoadedImage:
    return LoadedImage(_sha1(data), im.width, im.height, fmt, data, im.mode == "RGBA")


class ImageStore:
    """Loads images once (cached by resolved path and by content SHA-1) and fits them to boxes.

    `max_pixels` refuses images whose header claims more pixels; `max_bytes` refuses bigger
    files before reading them."""

    def __init__(self, max_pixels: int = 50_000_000, *, max_bytes: int = 256_000_000) -> None:
        self.max_pixels = max_pixels
        self.max_bytes = max_bytes
        self._by_path: dict[Path, Loaded] = {}
        self._by_digest: dict[str, Loaded] = {}
        self._fitted: dict[tuple[str, int, int], LoadedImage] = {}
        self.svg_fonts: Callable[[SvgDocument], SvgFonts] | None = None  # set by layout

    def load(self, source: ImageSource) -> Loaded:
        """The image of `source`, or why it cannot be drawn."""
        src = _short(source.src)
        if source.kind == "remote":
            return ImageProblem(f"remote image not fetched: {src}", "remote-image")
        if source.kind == "refused":
            return ImageProblem(f"image outside the allowed folders: {src}", "refused-image")
        if source.kind == "data":
            parsed = decode_data_uri(source.src)
            if parsed is None:
                return ImageProblem(f"malformed data: URI: {src}", "bad-image")
            media, raw = parsed
            if source.raster is not None:
                return self.load_drawn(raw, source.raster)
            return self.load_bytes(raw, media=media)
        if source.kind != "file" or source.path is None:
            return ImageProblem(f"image not found: {src}", "missing-image")
        try:
            path = source.path.resolve()
        except (OSError, RuntimeError):
            return ImageProblem(f"image not found: {src}", "missing-image")
        cached = self._by_path.get(path)
        if cached is None:
            cached = self._read_file(path, src)
            self._by_path[path] = cached
        return cached

    def _read_file(self, path: Path, src: str) -> Loaded:
        try:
            if path.stat().st_size > self.max_bytes:
                return ImageProblem(f"image file too large: {src}", "image-too-large")
            raw = path.read_bytes()
        except IsADirectoryError:
            return ImageProblem(f"not a file: {src}", "missing-image")
        except OSError:
            return ImageProblem(f"image not found: {src}", "missing-image")
        return self.load_bytes(raw, name=path.name)

    def load_bytes(self, raw: bytes, *, name: str = "", media: str = "") -> Loaded:
        """Check, decode and encode image bytes (cached by their SHA-1)."""
        digest = _sha1(raw)
        cached = self._by_digest.get(digest)
        if cached is None:
            cached = self._decode(raw, name, media)
            self._by_digest[digest] = cached
            if isinstance(cached, LoadedImage):
                self._by_digest.setdefault(cached.key, cached)
        return cached

    def load_drawn(self, svg: bytes, png: bytes) -> Loaded:
        """An SVG with the PNG its maker drew of it (a mermaid diagram): the PNG is its raster
        (never redrawn by resvg), the SVG the PPTX's picture and the PDF's vectors when svglib
        draws it faithfully."""
        digest = _sha1(_sha1(svg).encode("ascii") + png)
        cached = self._by_digest.get(digest)
        if cached is None:
            try:
                doc = parse_svg(svg)
            except SvgProblem as problem:
                cached = ImageProblem(problem.reason, problem.code)
            else:
                image = self._decode(png, "", "image/png")
                if isinstance(image, LoadedImage):
                    image = replace(image, svg=doc, drawn=True)
                cached = image
            self._by_digest[digest] = cached
        return cached

    def _decode(self, raw: bytes, name: str, media: str) -> Loaded:
        if len(raw) > self.max_bytes:
            return ImageProblem("image data too large", "image-too-large")
        if not raw:
            return ImageProblem("empty image file", "bad-image")
        if looks_like_svg(raw, name, media):
            return self._svg(raw)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", Image.DecompressionBombWarning)
                im = Image.open(io.BytesIO(raw), formats=_formats())
        except Image.DecompressionBombError:
            return ImageProblem("image too large (decompression bomb)", "image-too-large")
        except Exception:  # Pillow raises many kinds of errors for hostile input
            return ImageProblem("not a readable image (PNG, JPEG, GIF, BMP, WebP)", "bad-image")
        width, height = im.size
        if width <= 0 or height <= 0:
            return ImageProblem("image has no pixels", "bad-image")
        if width * height > self.max_pixels:
            return ImageProblem(f"image too large: {width}x{height} pixels", "image-too-large")
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", Image.DecompressionBombWarning)
                if getattr(im, "n_frames", 1) > 1:
                    im.seek(0)
                orientation = im.getexif().get(0x0112, 1)
                passthrough = (im.format in _JPEG_FORMATS and im.mode in ("RGB", "L")
                               and orientation in (1, None))
                if passthrough:  # verify the whole stream, decoding at 1/8 scale
                    im.draft(im.mode, (max(1, width // 8), max(1, height // 8)))
                im.load()
                if passthrough:
                    return LoadedImage(_sha1(raw), width, height, "JPEG", raw, False)
                return self._finish(im, orientation)
        except Image.DecompressionBombError:
            return ImageProblem("image too large (decompression bomb)", "image-too-large")
        except Exception as exc:  # truncated or corrupt data
            return ImageProblem(f"damaged image ({_short(str(exc), 40)})", "bad-image")

    def _svg(self, raw: bytes) -> Loaded:
        """An SVG checked, and drawn small without fonts (`SVG_CHECK_SIDE`): what a failed
        drawing at a picture's size falls back on; it also proves resvg can draw it."""
        try:
            doc = parse_svg(raw)
            scale = SVG_CHECK_SIDE / max(doc.width, doc.height)
            png = rasterise(replace(doc, has_text=False), doc.width * scale, doc.height * scale)
        except SvgProblem as problem:
            return ImageProblem(problem.reason, problem.code)
        return self._svg_png(png, doc)

    @staticmethod
    def _svg_png(png: bytes, doc: SvgDocument) -> LoadedImage:
        with Image.open(io.BytesIO(png), formats=["PNG"]) as im:
            width, height = im.size
        return LoadedImage(_sha1(png), width, height, "PNG", png, True, doc)

    def render_svg(self, image: LoadedImage, width_px: float, height_px: float) -> LoadedImage:
        """An SVG image rasterised for a `width_px` x `height_px` box (cached per size);
        `image` itself when it is no SVG or cannot be drawn again."""
        doc = image.svg
        if doc is None:
            return image
        target = raster_size(doc, width_px, height_px)
        cache_key = (image.key, *target)
        cached = self._fitted.get(cache_key)
        if cached is None:
            fonts = self.svg_fonts(doc) if self.svg_fonts is not None and doc.has_text else None
            try:
                cached = self._svg_png(rasterise(doc, *target, fonts), doc)
            except SvgProblem:
                cached = image
            self._fitted[cache_key] = cached
        return cached

    def _finish(self, im: Image.Image, orientation: object) -> LoadedImage:
        is_jpeg = im.format in _JPEG_FORMATS
        icc_source = im
        if orientation not in (1, None):
            im = ImageOps.exif_transpose(im)
        im = _normalise(im)
        icc = _icc_for(icc_source, im.mode)
        fmt: Literal["JPEG", "PNG"] = "PNG"
        if im.mode != "RGBA" and (is_jpeg or im.getcolors(PHOTO_COLORS) is None):
            fmt = "JPEG"
        return _loaded(_encode(im, fmt, icc), im, fmt)

    def fit(
        self, image: LoadedImage, box_w_px: float, box_h_px: float, scale: float = 2.0
    ) -> LoadedImage:
        """`image` downscaled to about `scale` x its displayed size in a `box_w_px` x `box_h_px`
        box (aspect kept), when it is far larger than that; otherwise `image` itself. An SVG is
        rasterised for the box instead, at `SVG_PX_PER_BOX_PX` x its displayed size."""
        if box_w_px <= 0 or box_h_px <= 0 or scale <= 0:
            return image
        if image.svg is not None and not image.drawn:
            factor = min(scale, SVG_PX_PER_BOX_PX)
            return self.render_svg(image, box_w_px * factor, box_h_px * factor)
        shown = min(box_w_px / image.width, box_h_px / image.height)
        factor = shown * scale
        if factor >= 1.0:
            return image
        target = (max(1, round(image.width * factor)), max(1, round(image.height * factor)))
        cache_key = (image.key, *target)
        cached = self._fitted.get(cache_key)
        if cached is None:
            cached = _downscale(image, target)
            if image.svg is not None:
                cached = replace(cached, svg=image.svg, drawn=True)
            self._fitted[cache_key] = cached
        return cached


def _downscale(image: LoadedImage, target: tuple[int, int]) -> LoadedImage:
    im = Image.open(io.BytesIO(image.data), formats=["JPEG", "PNG"])
    if image.format == "JPEG":
        im.draft(im.mode, target)  # decode at 1/2, 1/4 or 1/8 scale when that is enough
    icc = _icc_for(im, im.mode)
    small = im.resize(target, Image.Resampling.LANCZOS, reducing_gap=3.0)
    return _loaded(_encode(small, image.format, icc), small, image.format)


_MAX_PLACEHOLDER = 4096


@lru_cache(maxsize=128)
def placeholder_png(width_px: int, height_px: int, label: str) -> bytes:
    """A grey box with a cross and `label` (wrapped, centred), as PNG bytes (deterministic)."""
    width = min(_MAX_PLACEHOLDER, max(1, int(width_px)))
    height = min(_MAX_PLACEHOLDER, max(1, int(height_px)))
    im = Image.new("RGB", (width, height), (224, 224, 224))
    draw = ImageDraw.Draw(im)
    line = max(1, round(min(width, height) / 150))
    edge = (150, 150, 150)
    draw.line([(0, 0), (width - 1, height - 1)], fill=edge, width=line)
    draw.line([(0, height - 1), (width - 1, 0)], fill=edge, width=line)
    draw.rectangle([0, 0, width - 1, height - 1], outline=(120, 120, 120), width=line)
    text = " ".join(label.split())
    if text and width >= 16 and height >= 10:
        _draw_label(draw, width, height, text)
    buf = io.BytesIO()
    im.save(buf, "PNG", compress_level=6)
    return buf.getvalue()


def _draw_label(draw: ImageDraw.ImageDraw, width: int, height: int, text: str) -> None:
    size = max(8, min(48, round(min(height / 8, width / 14))))
    font = ImageFont.load_default(size=size)
    max_w = width * 0.85
    lines: list[str] = []
    for word in text.split(" "):
        trial = f"{lines[-1]} {word}" if lines else word
        if lines and draw.textlength(trial, font=font) <= max_w:
            lines[-1] = trial
        else:
            lines.append(word)
    max_lines = max(1, math.floor(height * 0.8 / (size * 1.25)))
    if len(lines) > max_lines:
        lines = [*lines[: max_lines - 1], lines[max_lines - 1] + " …"]
    lines = [_clip(draw, ln, font, max_w) for ln in lines]
    block = "\n".join(lines)
    box = draw.multiline_textbbox((0, 0), block, font=font, spacing=size // 4, align="center")
    tw, th = box[2] - box[0], box[3] - box[1]
    x, y = (width - tw) / 2 - box[0], (height - th) / 2 - box[1]
    pad = size // 3
    draw.rectangle(
        [x + box[0] - pad, y + box[1] - pad, x + box[2] + pad, y + box[3] + pad],
        fill=(245, 245, 245), outline=(150, 150, 150),
    )
    draw.multiline_text((x, y), block, fill=(60, 60, 60), font=font, spacing=size // 4,
                        align="center")


def _clip(draw: ImageDraw.ImageDraw, text: str, font: Any, max_w: float) -> str:
    if draw.textlength(text, font=font) <= max_w:
        return text
    while len(text) > 1 and draw.textlength(text + "…", font=font) > max_w:
        text = text[:-1]
    return text + "…"
