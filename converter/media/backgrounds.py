"""Slide backgrounds pre-blended into one bitmap (TECH-NOTES §1, variant "c2").

Input: the slide size in output pixels, the base colour, an optional CSS gradient and an
optional `LoadedImage` with its CSS `background-size`, `background-position`,
`background-repeat` and reveal.js `data-background-opacity`. Output: the encoded bitmap (JPEG,
or PNG for a flat graphic on a plain colour) of exactly what reveal.js paints as the slide
background (colour, then gradient, then the image layer at `opacity`), or None when a plain
colour fill is enough. Both backends use the same bytes, so they dedupe them.

Gradients are computed with Pillow only: the gradient parameter of every pixel is the sum of a
per-column and a per-row term (linear: t; radial: t squared), held as a 32-bit image and mapped
to colours through 65536-entry lookup tables.
"""

from __future__ import annotations

import io
import itertools
import math
from bisect import bisect_left
from collections import OrderedDict
from functools import lru_cache
from operator import itemgetter
from typing import Any

from PIL import Image, ImageMath

from converter.media.images import JPEG_QUALITY, LoadedImage
from converter.media.svg import SvgProblem, rasterise
from converter.style.color import Color, Gradient, GradientStop, LinearGradient, RadialGradient

__all__ = ["compose_background", "layer_position", "layer_repeat", "layer_size", "render_gradient"]

_SAMPLES = 4096  # colour samples along the gradient ray
_TOP = 65535  # largest index of the 16-bit lookup tables
_CACHE_SIZE = 48
_cache: OrderedDict[tuple[Any, ...], bytes] = OrderedDict()
_WHITE = Color(255, 255, 255)


def compose_background(
    width_px: int, height_px: int, base: Color, gradient: Gradient | None,
    image: LoadedImage | None, size: str = "cover", position: str = "50% 50%",
    repeat: str = "no-repeat", opacity: float = 1.0, px_scale: float = 1.0,
) -> bytes | None:
    """The slide background as encoded bytes, or None when it is just `base` (a native fill).

    A translucent `base` is shown over white (the page). CSS lengths in `size` and `position`
    are CSS px times `px_scale` (output pixels per CSS px); so is the image's natural size."""
    width, height = max(1, int(width_px)), max(1, int(height_px))
    px_scale = px_scale if px_scale > 0 and math.isfinite(px_scale) else 1.0
    opacity = min(1.0, max(0.0, opacity)) if math.isfinite(opacity) else 1.0
    layer = image if image is not None and opacity > 0 else None
    if gradient is None and layer is None:
        return None
    key = (width, height, base, gradient, layer.key if layer else None, size.strip().lower(),
           position.strip().lower(), repeat.strip().lower(), round(opacity, 4), px_scale)
    cached = _cache.get(key)
    if cached is not None:
        _cache.move_to_end(key)
        return cached
    solid = base.over(_WHITE)
    canvas = Image.new("RGB", (width, height), (solid.r, solid.g, solid.b))
    if gradient is not None:
        painted = render_gradient(gradient, width, height)
        if painted.mode == "RGBA":
            canvas.paste(painted.convert("RGB"), (0, 0), painted.getchannel("A"))
        else:
            canvas = painted.copy()
    if layer is not None:
        _paint_image(canvas, layer, key[5], key[6], key[7], opacity, px_scale)
    flat = gradient is None and layer is not None and layer.format == "PNG"
    buf = io.BytesIO()
    if flat and canvas.getcolors(256) is not None:
        canvas.save(buf, "PNG", compress_level=6)
    else:
        canvas.save(buf, "JPEG", quality=JPEG_QUALITY)
    data = buf.getvalue()
    _cache[key] = data
    if len(_cache) > _CACHE_SIZE:
        _cache.popitem(last=False)
    return data


# --- gradients -------------------------------------------------------------------------------


@lru_cache(maxsize=4)
def render_gradient(gradient: Gradient, width: int, height: int) -> Image.Image:
    """The gradient painted on a `width` x `height` box: RGB, or RGBA if a stop is translucent.
    Cached (a theme gradient sits behind many slides): do not modify the result."""
    stops = gradient.stops
    mode = "RGBA" if any(stop.color.a < 1.0 for stop in stops) or not stops else "RGB"
    if not stops:
        return Image.new(mode, (width, height), (0, 0, 0, 0))
    if isinstance(gradient, LinearGradient):
        theta = math.radians(gradient.angle_for(width, height))
        sin, cos = (0.0 if abs(v) < 1e-12 else v for v in (math.sin(theta), math.cos(theta)))
        length = abs(width * sin) + abs(height * cos)
        # t = ((x - cx) sin - (y - cy) cos) / length + 1/2 at pixel centres; the map holds t*65535
        cols = [round((x + 0.5 - width / 2) * sin / length * _TOP) for x in range(width)]
        rows = [round((0.5 - (y + 0.5 - height / 2) * cos / length) * _TOP) for y in range(height)]
        ts = [i / (_SAMPLES - 1) for i in range(_SAMPLES)]
        return _paint_map(cols, rows, _luts(stops, ts, _index(False), mode), mode, width, height)
    rx, ry = _radial_radii(gradient, width, height)
    if rx <= 1e-9 or ry <= 1e-9:  # degenerate ending shape: the last colour everywhere
        return Image.new(mode, (width, height), tuple(ch[0] for ch in _ramp(stops, [math.inf])))
    cx, cy = gradient.center[0] * width, gradient.center[1] * height
    # t^2 = ((x - cx) / rx)^2 + ((y - cy) / ry)^2; the map holds t^2 / tmax^2 * 65535
    tmax_sq = max((dx / rx) ** 2 + (dy / ry) ** 2 for dx in (cx, width - cx)
                  for dy in (cy, height - cy))
    scale = _TOP / tmax_sq if tmax_sq > 0 else 0.0
    cols = [math.floor(((x + 0.5 - cx) / rx) ** 2 * scale) for x in range(width)]
    rows = [math.floor(((y + 0.5 - cy) / ry) ** 2 * scale) for y in range(height)]
    ts = [math.sqrt(tmax_sq) * i / (_SAMPLES - 1) for i in range(_SAMPLES)]
    return _paint_map(cols, rows, _luts(stops, ts, _index(True), mode), mode, width, height)


def _radial_radii(g: RadialGradient, width: int, height: int) -> tuple[float, float]:
    """CSS Images 3 §3.2.2: the ending shape's radii for the shape and extent keyword."""
    cx, cy = g.center[0] * width, g.center[1] * height
    sx, sy = (abs(cx), abs(width - cx)), (abs(cy), abs(height - cy))
    corners = [(dx, dy) for dx in sx for dy in sy]
    near = g.extent.startswith("closest")
    pick = min if near else max
    if g.shape == "circle":
        r = pick(*sx, *sy) if g.extent.endswith("side") else pick(math.hypot(*c) for c in corners)
        return r, r
    rx, ry = pick(sx), pick(sy)
    if g.extent.endswith("corner") and rx > 0 and ry > 0:
        # the *-side ellipse's aspect ratio, scaled to pass through the corner
        corner = pick(corners, key=lambda c: math.hypot(*c))
        ratio = rx / ry
        ry = math.hypot(corner[0] / ratio, corner[1])
        rx = ratio * ry
    return rx, ry


@lru_cache(maxsize=2)
def _index(squared: bool) -> list[int]:
    """Lookup index (0-65535, linear in t, or in t squared) to colour sample (0-4095, linear in
    t): runs of equal samples, built from where each sample starts."""
    last = _SAMPLES - 1
    starts = [0] + [
        math.ceil(_TOP * ((j - 0.5) / last) ** 2 if squared else _TOP * (j - 0.5) / last)
        for j in range(1, _SAMPLES)
    ]
    out: list[int] = []
    for j, (a, b) in enumerate(zip(starts, [*starts[1:], _TOP + 1], strict=True)):
        out.extend([j] * (b - a))
    return out


def _luts(stops: tuple[GradientStop, ...], ts: list[float], index: list[int],
          mode: str) -> list[tuple[int, ...]]:
    pick = itemgetter(*index)
    return [pick(channel) for channel in _ramp(stops, ts)[: len(mode)]]


def _ramp(stops: tuple[GradientStop, ...], ts: list[float]) -> list[list[int]]:
    """The colour at each t (ascending) as R, G, B, A channel lists (0-255). CSS interpolates
    in premultiplied alpha; before the first stop and after the last the end colours hold."""
    positions = list(itertools.accumulate((s.position for s in stops), max))
    colors = [s.color for s in stops]
    bounds = [bisect_left(ts, p) for p in positions]
    out: list[list[int]] = [[], [], [], []]
    spans = [(0, bounds[0], 0, 0), *((bounds[k], bounds[k + 1], k, k + 1)
                                     for k in range(len(stops) - 1)),
             (bounds[-1], len(ts), len(stops) - 1, len(stops) - 1)]
    for lo, hi, k0, k1 in spans:
        if hi <= lo:
            continue
        c0, c1, part = colors[k0], colors[k1], ts[lo:hi]
        p0, span = positions[k0], positions[k1] - positions[k0]
        fs = [(t - p0) / span for t in part] if k0 != k1 and span > 0 else [0.0] * len(part)
        if c0.a == c1.a:
            pairs = ((c0.r, c1.r), (c0.g, c1.g), (c0.b, c1.b), (c0.a * 255, c1.a * 255))
            for channel, (v0, v1) in zip(out, pairs, strict=True):
                channel.extend(math.floor(v0 + (v1 - v0) * f + 0.5) for f in fs)
            continue
        for f in fs:  # translucent stops: interpolate premultiplied colours
            a = c0.a + (c1.a - c0.a) * f
            values = [(v0 * c0.a + (v1 * c1.a - v0 * c0.a) * f) / a if a > 0 else 0.0
                      for v0, v1 in ((c0.r, c1.r), (c0.g, c1.g), (c0.b, c1.b))]
            for channel, value in zip(out, (*values, a * 255), strict=True):
                channel.append(min(255, max(0, math.floor(value + 0.5))))
    return out


def _paint_map(cols: list[int], rows: list[int], luts: list[tuple[int, ...]], mode: str,
               width: int, height: int) -> Image.Image:
    """Colour the index map `cols[x] + rows[y]` through one lookup table per channel."""
    vertical, horizontal = len(set(cols)) == 1, len(set(rows)) == 1
    if vertical or horizontal:  # the colour changes in one direction only: paint a strip
        line = [cols[0] + r for r in rows] if vertical else [c + rows[0] for c in cols]
        strip = Image.new("I", (1, height) if vertical else (width, 1))
        strip.putdata(line)
        small = Image.merge(mode, [strip.point(lut, "L") for lut in luts])
        return small.resize((width, height), Image.Resampling.NEAREST)
    col_im, row_im = Image.new("I", (width, 1)), Image.new("I", (1, height))
    col_im.putdata(cols)
    row_im.putdata(rows)
    full = ImageMath.lambda_eval(
        lambda a: a["c"] + a["r"],
        c=col_im.resize((width, height), Image.Resampling.NEAREST),
        r=row_im.resize((width, height), Image.Resampling.NEAREST),
    )
    assert isinstance(full, Image.Image)
    return Image.merge(mode, [full.point(lut, "L") for lut in luts])


# --- the image layer -------------------------------------------------------------------------

_KEY_X = {"left": 0.0, "center": 0.5, "right": 1.0}
_KEY_Y = {"top": 0.0, "center": 0.5, "bottom": 1.0}
AxisPos = tuple[bool, float, float]  # (measured from the far edge, fraction of free space, px)


def _length(token: str, extent: float, px_scale: float, viewport: tuple[int, int]) -> float | None:
    """A CSS length or percentage in output pixels (percentages of `extent`); None if not."""
    number = token.rstrip("abcdefghijklmnopqrstuvwxyz%")
    unit = token[len(number):]
    try:
        value = float(number)
    except ValueError:
        return None
    vw, vh = viewport
    factors = {"%": extent / 100, "px": px_scale, "em": 16 * px_scale, "rem": 16 * px_scale,
               "vw": vw / 100, "vh": vh / 100, "vmin": min(vw, vh) / 100,
               "vmax": max(vw, vh) / 100}
    factor = factors.get(unit, 1.0 if unit == "" and value == 0 else None)
    return None if factor is None or not math.isfinite(value) else value * factor


def layer_size(size: str, natural: tuple[float, float], box: tuple[int, int],
               px_scale: float = 1.0) -> tuple[float, float]:
    """CSS `background-size` for an image of `natural` CSS px in a `box` of output pixels."""
    iw, ih = natural[0] * px_scale, natural[1] * px_scale
    width, height = box
    tokens = size.split(",")[0].split()
    cover = (max(width / iw, height / ih), min(width / iw, height / ih))
    if tokens in (["cover"], ["contain"]):
        factor = cover[0] if tokens[0] == "cover" else cover[1]
        return iw * factor, ih * factor
    if len(tokens) not in (1, 2):
        return iw * cover[0], ih * cover[0]
    parts = [*tokens, "auto"][:2]
    sized = [None if t == "auto" else _length(t, ext, px_scale, box)
             for t, ext in zip(parts, box, strict=True)]
    if any(s is None and t != "auto" for s, t in zip(sized, parts, strict=True)) or any(
        s is not None and s < 0 for s in sized
    ):
        return iw * cover[0], ih * cover[0]  # invalid: reveal.js's own default, cover
    w, h = sized
    if w is None and h is None:
        return iw, ih
    if w is None:
        assert h is not None
        return h * iw / ih, h
    return w, (w * ih / iw if h is None else h)


def _axis(token: str, keys: dict[str, float], extent: int, px_scale: float,
          box: tuple[int, int]) -> AxisPos | None:
    if token in keys:
        return (False, keys[token], 0.0)
    if token.endswith("%"):
        value = _length(token, 100, 1.0, box)
        return None if value is None else (False, value / 100, 0.0)
    value = _length(token, extent, px_scale, box)
    return None if value is None else (False, 0.0, value)


def layer_position(position: str, box: tuple[int, int],
                   px_scale: float = 1.0) -> tuple[AxisPos, AxisPos]:
    """CSS `background-position` (1 to 4 values) as an x and a y `AxisPos`; 50% 50% if invalid."""
    tokens = position.split(",")[0].split()
    center: tuple[AxisPos, AxisPos] = ((False, 0.5, 0.0), (False, 0.5, 0.0))
    if len(tokens) == 1:
        tokens = ["center", tokens[0]] if tokens[0] in ("top", "bottom") else [tokens[0], "center"]
    if len(tokens) == 2:
        a, b = tokens
        if a in ("top", "bottom") or b in ("left", "right"):
            if a not in _KEY_Y or b not in _KEY_X:
                return center
            a, b = b, a
        x = _axis(a, _KEY_X, box[0], px_scale, box)
        y = _axis(b, _KEY_Y, box[1], px_scale, box)
        return center if x is None or y is None else (x, y)
    if len(tokens) not in (3, 4):
        return center
    groups: list[tuple[str, str | None]] = []
    for token in tokens:
        if token in _KEY_X or token in _KEY_Y:
            groups.append((token, None))
        elif groups and groups[-1][1] is None and groups[-1][0] != "center":
            groups[-1] = (groups[-1][0], token)
        else:
            return center
    if len(groups) != 2:
        return center
    if groups[0][0] in ("top", "bottom") or groups[1][0] in ("left", "right"):
        groups.reverse()
    result: list[AxisPos] = []
    for (keyword, offset), keys, extent in zip(groups, (_KEY_X, _KEY_Y), box, strict=True):
        if keyword not in keys:
            return center
        if offset is None:
            result.append((False, keys[keyword], 0.0))
            continue
        parsed = _axis(offset, {}, extent, px_scale, box)
        if parsed is None:
            return center
        result.append((keys[keyword] == 1.0, parsed[1], parsed[2]))
    return result[0], result[1]


def _place(pos: AxisPos, free: float) -> float:
    from_end, fraction, pixels = pos
    offset = fraction * free + pixels
    return free - offset if from_end else offset


def layer_repeat(repeat: str) -> tuple[bool, bool]:
    """CSS `background-repeat` as (repeat across, repeat down); `space`/`round` tile too."""
    tokens = repeat.split(",")[0].split()
    tokens = {"repeat-x": ["repeat", "no-repeat"], "repeat-y": ["no-repeat", "repeat"]}.get(
        " ".join(tokens), tokens * 2 if len(tokens) == 1 else tokens)
    if len(tokens) != 2 or any(t not in ("repeat", "space", "round", "no-repeat") for t in tokens):
        return False, False
    return tokens[0] != "no-repeat", tokens[1] != "no-repeat"


def _open(image: LoadedImage, needed: tuple[float, float]) -> Image.Image:
    if image.svg is not None:  # drawn sharply at the size it is painted
        try:
            png = rasterise(image.svg, needed[0], needed[1])
        except SvgProblem:
            png = image.data
        return Image.open(io.BytesIO(png), formats=["PNG"]).convert("RGBA")
    im: Image.Image = Image.open(io.BytesIO(image.data), formats=["JPEG", "PNG"])
    if image.format == "JPEG":
        im.draft(im.mode, (max(1, math.ceil(needed[0])), max(1, math.ceil(needed[1]))))
    im.load()
    if im.mode not in ("RGB", "RGBA"):
        im = im.convert("RGBA" if image.has_alpha else "RGB")
    return im


def _paint_image(canvas: Image.Image, image: LoadedImage, size: str, position: str,
                 repeat: str, opacity: float, px_scale: float) -> None:
    box = canvas.size
    if image.svg is not None and not image.svg.sized and size.strip() in ("", "auto", "auto auto"):
        size = "contain"  # CSS: an image with a ratio and no size is sized as `contain`
    w, h = layer_size(size, image.css_size, box, px_scale)
    if not (w > 0 and h > 0 and math.isfinite(w) and math.isfinite(h)):
        return
    pos_x, pos_y = layer_position(position, box, px_scale)
    ox, oy = _place(pos_x, box[0] - w), _place(pos_y, box[1] - h)
    rep_x, rep_y = layer_repeat(repeat)
    src = _open(image, (w, h))
    if rep_x or rep_y:
        tile_w, tile_h = max(1, round(w)), max(1, round(h))
        tile = src.resize((tile_w, tile_h), Image.Resampling.LANCZOS, reducing_gap=3.0)
        tile = tile.convert("RGBA") if tile.mode != "RGBA" else tile
        xs = _starts(ox, tile_w, box[0]) if rep_x else [round(ox)]
        ys = _starts(oy, tile_h, box[1]) if rep_y else [round(oy)]
        strip = Image.new("RGBA", (box[0], tile_h), (0, 0, 0, 0))
        for x in xs:
            strip.paste(tile, (x, 0))
        layer = Image.new("RGBA", box, (0, 0, 0, 0))
        for y in ys:
            layer.paste(strip, (0, y))
        _blend(canvas, layer, (0, 0), opacity)
        return
    dx0, dy0 = round(max(0.0, ox)), round(max(0.0, oy))
    dx1, dy1 = round(min(float(box[0]), ox + w)), round(min(float(box[1]), oy + h))
    if dx1 <= dx0 or dy1 <= dy0:
        return
    sx, sy = src.width / w, src.height / h
    crop = ((dx0 - ox) * sx, (dy0 - oy) * sy, (dx1 - ox) * sx, (dy1 - oy) * sy)
    crop = (max(0.0, crop[0]), max(0.0, crop[1]), min(src.width, crop[2]), min(src.height, crop[3]))
    part = src.resize((dx1 - dx0, dy1 - dy0), Image.Resampling.LANCZOS, box=crop,
                      reducing_gap=3.0)
    _blend(canvas, part, (dx0, dy0), opacity)


def _starts(offset: float, tile: int, extent: int) -> list[int]:
    first = round(offset) % tile
    start = first - tile if first > 0 else 0
    return list(range(start, extent, tile))


def _blend(canvas: Image.Image, layer: Image.Image, at: tuple[int, int], opacity: float) -> None:
    """`layer` over `canvas` at `at`, its alpha (if any) times `opacity`."""
    if layer.mode == "RGBA":
        alpha = layer.getchannel("A")
        mask = alpha if opacity >= 1.0 else alpha.point([round(v * opacity) for v in range(256)])
        canvas.paste(layer.convert("RGB"), at, mask)
    elif opacity >= 1.0:
        canvas.paste(layer, at)
    else:
        canvas.paste(layer, at, Image.new("L", layer.size, round(255 * opacity)))
