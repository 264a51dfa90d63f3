"""The README's pictures: every image the README links exists and is a small PNG without
metadata chunks, docs/gallery/ holds exactly what docs/make_gallery.py makes (no stale picture)
and the README shows all of it, every handout mode has its page, and the two pictures of a slide
(our PDF, the PPTX in LibreOffice) have the same size. Reads files only: no LibreOffice, fast."""

from __future__ import annotations

import importlib.util
import re
import struct
import sys
import zlib
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import mistune
import pytest

from converter.output import HANDOUT_MODES

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
GALLERY = ROOT / "docs" / "gallery"
SIGNATURE = b"\x89PNG\r\n\x1a\n"
METADATA = {b"tIME", b"tEXt", b"iTXt", b"zTXt", b"eXIf"}
MAX_BYTES = 80 * 1024  # one picture
MAX_TOTAL = 600 * 1024  # the whole gallery: "a few hundred KB"
IMG_TAG = re.compile(r"<img\b[^>]*\bsrc=[\"']([^\"']+)", re.IGNORECASE)


def gallery_script() -> ModuleType:
    """docs/make_gallery.py as a module (docs/ is not a package); importing runs nothing."""
    spec = importlib.util.spec_from_file_location("make_gallery", ROOT / "docs" / "make_gallery.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def _images(node: Any) -> Iterator[str]:
    """The URL of every image in a mistune AST, and the src of every raw HTML <img>."""
    if isinstance(node, list):
        for child in node:
            yield from _images(child)
    elif isinstance(node, dict):
        if node.get("type") == "image":
            yield node["attrs"]["url"]
        elif node.get("type") in ("inline_html", "block_html"):
            yield from IMG_TAG.findall(node.get("raw", ""))
        yield from _images(node.get("children", []))


def readme_images() -> list[str]:
    """The local paths of every image the README shows, in order (as Markdown reads it: the
    examples in code blocks and code spans are no images)."""
    parse = mistune.create_markdown(renderer=None, plugins=["table"])
    links = list(_images(parse(README.read_text(encoding="utf-8"))))
    return [link for link in links if not re.match(r"[a-z]+:", link)]


def png_chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    """(type, payload) of every chunk of a PNG, checking each chunk's CRC."""
    assert data.startswith(SIGNATURE), "not a PNG"
    chunks: list[tuple[bytes, bytes]] = []
    at = len(SIGNATURE)
    while at < len(data):
        (length,) = struct.unpack(">I", data[at:at + 4])
        kind, payload = data[at + 4:at + 8], data[at + 8:at + 8 + length]
        (crc,) = struct.unpack(">I", data[at + 8 + length:at + 12 + length])
        assert zlib.crc32(kind + payload) == crc, f"bad CRC in {kind!r}"
        chunks.append((kind, payload))
        at += 12 + length
    return chunks


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from the IHDR chunk."""
    kind, payload = png_chunks(path.read_bytes())[0]
    assert kind == b"IHDR"
    width, height = struct.unpack(">II", payload[:8])
    return width, height


def test_the_readme_shows_pictures_at_its_top() -> None:
    links = readme_images()
    assert len(links) >= 3
    text = README.read_text(encoding="utf-8")
    first_section = text.index("\n## ")
    assert text.index(links[0]) < first_section, "the README does not open with a picture"


@pytest.mark.parametrize("link", readme_images())
def test_every_linked_image_exists_and_is_a_small_png(link: str) -> None:
    path = ROOT / link
    assert path.is_file(), f"README links {link}, which does not exist"
    data = path.read_bytes()
    kinds = [kind for kind, _ in png_chunks(data)]
    assert kinds[0] == b"IHDR" and kinds[-1] == b"IEND"
    assert not METADATA & set(kinds), f"{link} has metadata chunks {METADATA & set(kinds)}"
    width, height = png_size(path)
    assert 200 <= width <= 1200 and 100 <= height <= 1200, (width, height)
    assert len(data) <= MAX_BYTES, f"{link}: {len(data)} bytes"


def test_the_gallery_holds_exactly_what_the_script_makes() -> None:
    made = gallery_script().outputs()
    assert len(made) == len(set(made))
    present = sorted(path.name for path in GALLERY.iterdir())
    assert sorted(made) == present, "stale or missing pictures: run `make gallery`"
    assert sum((GALLERY / name).stat().st_size for name in made) <= MAX_TOTAL


def test_the_readme_shows_every_gallery_picture() -> None:
    shown = {Path(link).name for link in readme_images() if link.startswith("docs/gallery/")}
    assert shown == set(gallery_script().outputs())


def test_every_handout_mode_has_a_page() -> None:
    script = gallery_script()
    assert tuple(script.HANDOUTS) == HANDOUT_MODES
    for mode in HANDOUT_MODES:
        width, height = png_size(GALLERY / f"handout-{mode}.png")
        assert width == script.HANDOUT_WIDTH and height > width  # a portrait page


def test_both_pictures_of_a_slide_have_the_same_size() -> None:
    script = gallery_script()
    for shot in script.SHOTS:
        ours = png_size(GALLERY / f"{shot.name}-pdf.png")
        assert ours[0] == script.SLIDE_WIDTH
        assert png_size(GALLERY / f"{shot.name}-pptx.png") == ours, shot.name
