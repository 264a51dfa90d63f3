"""Image loading (`converter.media.images`) and pre-blended slide backgrounds
(`converter.media.backgrounds`). Every image is generated here with Pillow."""

from __future__ import annotations

import base64
import io
import struct
import tracemalloc
import zlib
from pathlib import Path
from urllib.parse import quote_from_bytes

import pytest
from PIL import Image, ImageFile

from converter.media import backgrounds
from converter.media.backgrounds import compose_background, layer_position, layer_repeat, layer_size
from converter.media.images import (
    ImageProblem,
    ImageStore,
    LoadedImage,
    decode,
    placeholder_png,
)
from converter.model import ImageSource
from converter.style.color import Color
from converter.style.gradient import parse_css_gradient


def encode(im: Image.Image, fmt: str, **kw: object) -> bytes:
    buf = io.BytesIO()
    im.save(buf, fmt, **kw)
    return buf.getvalue()


def noise(size: tuple[int, int]) -> Image.Image:
    """A photo-like RGB image (many colours); big ones are smooth (quick to make)."""
    small = (min(size[0], 400), min(size[1], 400))
    im = Image.merge("RGB", [Image.effect_noise(small, 60 + 10 * i) for i in range(3)])
    return im if small == size else im.resize(size, Image.Resampling.BILINEAR)


def loaded(store: ImageStore, data: bytes) -> LoadedImage:
    result = store.load_bytes(data)
    assert isinstance(result, LoadedImage), result
    return result


def problem(store: ImageStore, data: bytes) -> ImageProblem:
    result = store.load_bytes(data)
    assert isinstance(result, ImageProblem), result
    return result


def file_source(path: Path) -> ImageSource:
    return ImageSource(path.name, "file", path)


# --- loading ---------------------------------------------------------------------------------


def test_jpeg_passthrough_keeps_bytes() -> None:
    data = encode(noise((120, 80)), "JPEG", quality=70)
    image = loaded(ImageStore(), data)
    assert image.data == data and image.format == "JPEG"
    assert (image.width, image.height) == (120, 80) and not image.has_alpha


def test_png_with_alpha_stays_png() -> None:
    im = Image.new("RGBA", (50, 40), (255, 0, 0, 255))
    im.paste((0, 0, 255, 60), (0, 0, 25, 40))
    image = loaded(ImageStore(), encode(im, "PNG"))
    assert image.format == "PNG" and image.has_alpha
    assert decode(image).getpixel((5, 5)) == (0, 0, 255, 60)


def test_png_kinds() -> None:
    store = ImageStore()
    opaque_rgba = loaded(store, encode(Image.new("RGBA", (20, 20), (1, 2, 3, 255)), "PNG"))
    assert opaque_rgba.format == "PNG" and not opaque_rgba.has_alpha
    photo = loaded(store, encode(noise((200, 200)), "PNG"))
    assert photo.format == "JPEG"  # no alpha and many colours: a photo
    palette = Image.new("P", (30, 30), 1)
    palette.putpalette([0, 0, 0, 255, 0, 0] * 128)
    image = loaded(store, encode(palette, "PNG", transparency=0))
    assert image.format == "PNG" and not image.has_alpha  # index 0 is not used
    cmyk = loaded(store, encode(Image.new("CMYK", (20, 20), (0, 255, 255, 0)), "JPEG"))
    assert cmyk.format == "JPEG" and decode(cmyk).mode == "RGB"


def test_dedupe_by_content_and_path(tmp_path: Path) -> None:
    data = encode(Image.new("RGB", (10, 10), (9, 9, 9)), "PNG")
    (tmp_path / "a.png").write_bytes(data)
    (tmp_path / "b.png").write_bytes(data)
    store = ImageStore()
    first = store.load(file_source(tmp_path / "a.png"))
    second = store.load(file_source(tmp_path / "b.png"))
    assert isinstance(first, LoadedImage) and isinstance(second, LoadedImage)
    assert first.key == second.key and first is second
    assert loaded(ImageStore(), data).key == first.key  # deterministic across stores
    (tmp_path / "a.png").write_bytes(b"changed")  # read once per path: cached
    assert store.load(file_source(tmp_path / "a.png")) is first


def test_truncated_and_non_image() -> None:
    store = ImageStore()
    data = encode(noise((200, 200)), "JPEG")
    assert problem(store, data[: len(data) // 2]).code == "bad-image"
    assert problem(store, b"this is not an image at all" * 10).code == "bad-image"
    assert problem(store, b"").code == "bad-image"


def _bomb_png(width: int, height: int) -> bytes:
    """A real 1x1 PNG whose IHDR claims `width` x `height` (a few dozen bytes on disk)."""
    data = bytearray(encode(Image.new("1", (1, 1)), "PNG"))
    ihdr = bytes(data[16:29])
    ihdr = struct.pack(">II", width, height) + ihdr[8:]
    data[16:29] = ihdr
    data[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
    return bytes(data)


@pytest.mark.parametrize("max_pixels", [50_000_000, 10**12])
def test_decompression_bomb_refused_without_allocating(
    max_pixels: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    bomb = _bomb_png(30000, 30000)
    assert len(bomb) < 100

    def no_decoding(self: ImageFile.ImageFile) -> None:
        raise AssertionError("a decompression bomb must not be decoded")

    monkeypatch.setattr(ImageFile.ImageFile, "load", no_decoding)
    store = ImageStore(max_pixels=max_pixels)
    tracemalloc.start()
    try:
        result = problem(store, bomb)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert result.code == "image-too-large"
    assert peak < 2_000_000


def test_animated_gif_first_frame() -> None:
    frames = [Image.new("RGB", (16, 16), c) for c in ((255, 0, 0), (0, 0, 255), (0, 255, 0))]
    data = encode(frames[0], "GIF", save_all=True, append_images=frames[1:], duration=100)
    assert Image.open(io.BytesIO(data)).n_frames == 3  # type: ignore[attr-defined]
    image = loaded(ImageStore(), data)
    assert image.format == "PNG" and decode(image).convert("RGB").getpixel((8, 8)) == (255, 0, 0)


def test_exif_orientation_applied() -> None:
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90 degrees clockwise to display
    data = encode(noise((200, 100)), "JPEG", exif=exif.tobytes())
    image = loaded(ImageStore(), data)
    assert (image.width, image.height) == (100, 200) and image.format == "JPEG"
    assert image.data != data


def test_data_uris() -> None:
    png = encode(Image.new("RGB", (7, 5), (0, 128, 0)), "PNG")
    store = ImageStore()
    b64 = store.load(ImageSource("data:image/png;base64," + base64.b64encode(png).decode(), "data"))
    pct = store.load(ImageSource("data:image/png," + quote_from_bytes(png), "data"))
    assert isinstance(b64, LoadedImage) and isinstance(pct, LoadedImage)
    assert (b64.width, b64.height) == (7, 5) and b64.key == pct.key
    broken = store.load(ImageSource("data:image/png;base64,@@@", "data"))
    assert isinstance(broken, ImageProblem) and broken.code == "bad-image"


def test_problem_kinds(tmp_path: Path) -> None:
    store = ImageStore()
    cases = {
        ImageSource("https://x/a.png", "remote"): "remote-image",
        ImageSource("../a.png", "refused"): "refused-image",
        ImageSource("nope.png", "missing"): "missing-image",
        file_source(tmp_path / "gone.png"): "missing-image",
    }
    for source, code in cases.items():
        result = store.load(source)
        assert isinstance(result, ImageProblem) and result.code == code and result.reason


def test_svg_is_part_of_the_default_install() -> None:
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="20"/>'
    loaded = ImageStore().load_bytes(svg, name="a.svg")
    assert isinstance(loaded, LoadedImage) and loaded.svg is not None
    assert loaded.css_size == (10.0, 20.0) and loaded.format == "PNG"
    assert problem(ImageStore(), b'<svg xmlns="http://www.w3.org/2000/svg"><g></svg>').code \
        == "bad-image"


def test_fit_downscales_far_larger_images() -> None:
    store = ImageStore()
    big = loaded(store, encode(noise((4000, 3000)), "JPEG", quality=60))
    small = store.fit(big, 400, 300)
    assert abs(small.width - 800) <= 2 and abs(small.height - 600) <= 2
    assert small.format == "JPEG" and store.fit(big, 400, 300) is small
    assert ImageStore().fit(big, 400, 300).data == small.data  # deterministic
    assert store.fit(big, 2100, 1600) is big  # less than 2x the shown size: kept


def test_placeholder_png() -> None:
    data = placeholder_png(320, 200, "missing image: a very long file name.png")
    im = Image.open(io.BytesIO(data))
    assert im.format == "PNG" and im.size == (320, 200)
    assert placeholder_png(320, 200, "missing image: a very long file name.png") == data
    assert Image.open(io.BytesIO(placeholder_png(3, 2, "x"))).size == (3, 2)


# --- backgrounds -----------------------------------------------------------------------------

DARK = Color(32, 32, 32)


def pixels(data: bytes | None) -> Image.Image:
    assert data is not None
    return Image.open(io.BytesIO(data)).convert("RGB")


def near(actual: object, expected: tuple[float, ...], tol: float = 3) -> bool:
    assert isinstance(actual, tuple)
    return all(abs(a - e) <= tol for a, e in zip(actual, expected, strict=True))


def red_white(store: ImageStore, fmt: str = "PNG") -> LoadedImage:
    im = Image.new("RGB", (640, 360), (255, 255, 255))
    im.paste((255, 0, 0), (0, 0, 320, 360))
    return loaded(store, encode(im, fmt))


@pytest.mark.parametrize("fmt", ["PNG", "JPEG"])
def test_tech_notes_blend(fmt: str) -> None:
    out = pixels(compose_background(1920, 1080, DARK, None, red_white(ImageStore(), fmt),
                                    opacity=0.5))
    assert out.size == (1920, 1080)
    assert near(out.getpixel((480, 540)), (143.5, 16, 16))
    assert near(out.getpixel((1440, 540)), (143.5, 143.5, 143.5))


def test_plain_colour_gives_none() -> None:
    assert compose_background(1920, 1080, DARK, None, None) is None
    assert compose_background(1920, 1080, DARK, None, red_white(ImageStore()), opacity=0) is None


def test_contain_leaves_base_bars() -> None:
    square = loaded(ImageStore(), encode(Image.new("RGB", (100, 100), (0, 0, 255)), "PNG"))
    out = pixels(compose_background(1600, 900, DARK, None, square, size="contain"))
    assert out.getpixel((10, 450)) == (32, 32, 32) and out.getpixel((1590, 450)) == (32, 32, 32)
    assert out.getpixel((800, 5)) == (0, 0, 255) and out.getpixel((800, 895)) == (0, 0, 255)


def test_position_left_top_and_sizes() -> None:
    store = ImageStore()
    small = loaded(store, encode(Image.new("RGB", (60, 40), (0, 200, 0)), "PNG"))
    out = pixels(compose_background(960, 700, DARK, None, small, size="auto",
                                    position="left top"))
    assert near(out.getpixel((5, 5)), (0, 200, 0)) and out.getpixel((950, 690)) == (32, 32, 32)
    assert out.getpixel((65, 5)) == (32, 32, 32)  # natural size: 60 px wide
    scaled = pixels(compose_background(1920, 1400, DARK, None, small, size="200px",
                                       position="right bottom", px_scale=2.0))
    assert near(scaled.getpixel((1915, 1395)), (0, 200, 0))
    assert scaled.getpixel((1915, 1395 - 270)) == (32, 32, 32)  # 200px x (2/3) x 2 = 267 high


def test_repeat_tiles() -> None:
    tile = Image.new("RGB", (20, 20), (255, 255, 0))
    tile.paste((0, 0, 255), (0, 0, 10, 20))
    image = loaded(ImageStore(), encode(tile, "PNG"))
    out = pixels(compose_background(400, 300, DARK, None, image, size="auto",
                                    position="0 0", repeat="repeat"))
    for x, y in ((5, 5), (205, 155), (385, 285)):
        assert near(out.getpixel((x, y)), (0, 0, 255))
        assert near(out.getpixel((x + 10, y)), (255, 255, 0))
    row = pixels(compose_background(400, 300, DARK, None, image, size="auto",
                                    position="0 0", repeat="repeat-x"))
    assert near(row.getpixel((385, 5)), (0, 0, 255)) and row.getpixel((385, 100)) == (32, 32, 32)


def test_linear_gradient_direction() -> None:
    gradient = parse_css_gradient("linear-gradient(90deg, #000, #fff)")
    out = pixels(compose_background(1920, 1080, DARK, gradient, None))
    left, right = out.getpixel((10, 540)), out.getpixel((1910, 540))
    assert isinstance(left, tuple) and isinstance(right, tuple)
    assert max(left) < 10 and min(right) > 245
    assert near(out.getpixel((960, 100)), (128, 128, 128))


def test_league_radial_gradient() -> None:
    gradient = parse_css_gradient(
        "-webkit-radial-gradient(center, circle cover, #555a5f 0%, #1c1e20 100%)"
    )
    out = pixels(compose_background(1920, 1080, Color(0x2B, 0x2B, 0x2B), gradient, None))
    assert near(out.getpixel((960, 540)), (0x55, 0x5A, 0x5F))
    assert near(out.getpixel((0, 0)), (0x1C, 0x1E, 0x20))
    assert near(out.getpixel((1919, 1079)), (0x1C, 0x1E, 0x20))


def test_translucent_gradient_and_image_over_gradient() -> None:
    gradient = parse_css_gradient("linear-gradient(rgba(255,0,0,0.5), rgba(255,0,0,0.5))")
    out = pixels(compose_background(200, 100, Color(0, 0, 255), gradient, None))
    assert near(out.getpixel((100, 50)), (128, 0, 127))
    black = parse_css_gradient("linear-gradient(#000, #000)")
    image = red_white(ImageStore())
    out = pixels(compose_background(640, 360, DARK, black, image, opacity=0.5))
    assert near(out.getpixel((100, 180)), (128, 0, 0))


def test_css_parsers() -> None:
    assert layer_size("cover", (100, 50), (400, 400)) == (800, 400)
    assert layer_size("contain", (100, 50), (400, 400)) == (400, 200)
    assert layer_size("50%", (100, 50), (400, 400)) == (200, 100)
    assert layer_size("auto 30px", (100, 50), (400, 400), 2.0) == (120, 60)
    assert layer_size("10px 20%", (100, 50), (400, 400)) == (10, 80)
    assert layer_size("bogus", (100, 50), (400, 400)) == (800, 400)
    assert layer_position("bottom", (10, 10)) == ((False, 0.5, 0.0), (False, 1.0, 0.0))
    assert layer_position("top left", (10, 10)) == ((False, 0.0, 0.0), (False, 0.0, 0.0))
    assert layer_position("right 10px bottom 5%", (10, 10)) == (
        (True, 0.0, 10.0), (True, 0.05, 0.0))
    assert layer_position("top 10px", (10, 10)) == ((False, 0.5, 0.0), (False, 0.5, 0.0))
    assert layer_repeat("repeat-y") == (False, True)
    assert layer_repeat("space no-repeat") == (True, False)
    assert layer_repeat("sideways") == (False, False)


def test_compose_is_deterministic() -> None:
    store = ImageStore()
    photo = loaded(store, encode(noise((3000, 2000)), "JPEG", quality=80))
    gradient = parse_css_gradient(
        "-webkit-radial-gradient(center, circle cover, #555a5f 0%, #1c1e20 100%)"
    )
    backgrounds._cache.clear()
    backgrounds.render_gradient.cache_clear()
    first = compose_background(1920, 1080, DARK, gradient, photo, opacity=0.4)
    backgrounds._cache.clear()
    backgrounds.render_gradient.cache_clear()
    again = compose_background(1920, 1080, DARK, gradient, photo, opacity=0.4)
    assert first is not None and first == again and first[:2] == b"\xff\xd8"
