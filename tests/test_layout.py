"""Layout without any backend: page geometry, `--size` parsing, centring, fitting, overflow
and line wrapping. Everything is in points (a 16:9 page is 960 x 540 pt)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image as PILImage

from converter.diagnostics import Diagnostics
from converter.layout import LayoutOptions, layout_deck
from converter.layout.boxes import (
    Box,
    LaidOutDeck,
    LaidOutSlide,
    PictureBox,
    RuleBox,
    TableBox,
    TextBox,
    TextParagraph,
)
from converter.layout.geometry import REVEAL_MARGIN, Page, SizeError, parse_size
from converter.layout.slide import MIN_BODY_PT
from converter.layout.text import TextStyle, Typesetter, wrap_runs
from converter.model import Run
from converter.reader import read_text
from converter.style.color import Color
from converter.text.library import FontLibrary

W169 = (960.0, 540.0)
W43 = (720.0, 540.0)
TOL = 0.5  # points a measured line may exceed its box by (float sums)


def lay(
    md: str, size: tuple[float, float] = W169, deck_dir: Path | None = None
) -> tuple[LaidOutDeck, list[str]]:
    """Read and lay out `md`; return the laid-out deck and the diagnostic codes."""
    read = read_text(md, deck_dir=deck_dir)
    diags = Diagnostics()
    diags.extend(read.diagnostics)
    laid = layout_deck(read.deck, LayoutOptions(size=size), diags)
    return laid, [d.code for d in diags]


def extent(boxes: tuple[Box, ...]) -> tuple[float, float, float, float]:
    """left, top, right, bottom of all boxes."""
    left = min(b.x for b in boxes)
    top = min(b.y for b in boxes)
    right = max(b.x + b.w for b in boxes)
    bottom = max(b.y + (0.0 if isinstance(b, RuleBox) else b.h) for b in boxes)
    return left, top, right, bottom


def bullets(n: int) -> str:
    return "## Many bullets\n\n" + "\n".join(f"- bullet number {i}" for i in range(n)) + "\n"


def text_paragraphs(slide: LaidOutSlide) -> list[tuple[TextParagraph, float]]:
    """Every wrapped paragraph on the slide with the width its lines must fit in."""
    out: list[tuple[TextParagraph, float]] = []
    for box in slide.boxes:
        if isinstance(box, TextBox) and box.wrap:
            out.extend((p, box.w - 2 * box.inset - p.indent) for p in box.paragraphs)
        elif isinstance(box, TableBox):
            for row in box.rows:
                for c, cell in enumerate(row):
                    room = box.col_widths[c] - 2 * box.padding_x
                    out.extend((p, room - p.indent) for p in cell.paragraphs)
    return out


# --- page geometry and --size ---------------------------------------------------------------


def test_16_9_page_is_960_by_540_points() -> None:
    assert parse_size("16:9") == W169
    laid, _ = lay("# Hello\n")
    assert (laid.width, laid.height) == W169
    page = Page(*W169)
    assert (page.width_emu, page.height_emu) == (12192000, 6858000)


def test_reveal_canvas_scale_on_16_9() -> None:
    page = Page(*W169)
    assert page.scale == pytest.approx(540 / (700 * 1.04))
    assert REVEAL_MARGIN == 0.04
    # the 960x700 canvas is centred on the page
    assert page.canvas_left == pytest.approx((960 - 960 * page.scale) / 2)
    assert page.canvas_top == pytest.approx((540 - 700 * page.scale) / 2)
    assert page.x(480) == pytest.approx(480.0)
    assert page.y(350) == pytest.approx(270.0)


def test_reveal_canvas_scale_on_4_3_is_width_bound() -> None:
    page = Page(*W43)
    assert page.scale == pytest.approx(720 / (960 * 1.04))
    assert page.x(480) == pytest.approx(360.0)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("16:9", (960.0, 540.0)),
        ("4:3", (720.0, 540.0)),
        (" 4:3 ", (720.0, 540.0)),
        ("10x7.5in", (720.0, 540.0)),
        ("10inx7.5in", (720.0, 540.0)),
        ("25.4x19.05cm", (720.0, 540.0)),
        ("254x190.5mm", (720.0, 540.0)),
        ("720x540pt", (720.0, 540.0)),
        ("1920x1080px", (1440.0, 810.0)),
        ("1920x1080", (1440.0, 810.0)),
        ("1920×1080", (1440.0, 810.0)),
        ("13.333x7.5in", (959.976, 540.0)),
    ],
)
def test_parse_size(text: str, expected: tuple[float, float]) -> None:
    assert parse_size(text) == pytest.approx(expected)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "abc",
        "16:10:1",
        "16/9",
        "0x0",
        "10x",
        "x7.5in",
        "-5x3in",
        "10x7.5furlong",
        "100x100in",
        "57x10in",
        "0.5x0.5in",
    ],
)
def test_bad_sizes_raise_size_error(text: str) -> None:
    with pytest.raises(SizeError):
        parse_size(text)


@pytest.mark.parametrize("text", ["1.2.3x4in", ".x5in"])
def test_malformed_numbers_raise_size_error(text: str) -> None:
    with pytest.raises(SizeError):
        parse_size(text)


# --- centring --------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [W169, W43], ids=["16:9", "4:3"])
def test_title_box_is_centred_horizontally(size: tuple[float, float]) -> None:
    laid, _ = lay("# A title\n\nSome text\n", size)
    title = laid.slides[0].title_box
    assert title is not None
    assert title.x + title.w / 2 == pytest.approx(size[0] / 2, abs=0.01)
    assert title.paragraphs[0].align == "center"
    assert title.x >= 0 and title.x + title.w <= size[0]


@pytest.fixture(scope="module")
def picture_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("layout-img")
    PILImage.new("RGB", (320, 180), (10, 120, 200)).save(folder / "pic.png")
    return folder


@pytest.mark.parametrize(
    "md",
    [
        "# Title\n\nShort text\n",
        "## Title\n\n- one\n- two\n- three\n",
        "## Title\n\n```python\nx = 1\n```\n",
        "## Title\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
        "## Title\n\n![pic](pic.png)\n",
        "Just one paragraph\n",
    ],
    ids=["paragraph", "list", "code", "table", "image", "untitled"],
)
def test_short_slide_is_centred_vertically(md: str, picture_dir: Path) -> None:
    laid, codes = lay(md, deck_dir=picture_dir)
    slide = laid.slides[0]
    assert slide.text_scale == 1.0
    left, top, right, bottom = extent(slide.boxes)
    assert (top + bottom) / 2 == pytest.approx(270.0, abs=1.0)
    assert (left + right) / 2 == pytest.approx(480.0, abs=1.0)
    assert "overflow" not in codes


# --- fitting and overflow --------------------------------------------------------------------


def assert_inside_page(slide: LaidOutSlide, size: tuple[float, float] = W169) -> None:
    left, top, right, bottom = extent(slide.boxes)
    assert left >= -0.01 and top >= -0.01, (left, top)
    assert right <= size[0] + 0.01 and bottom <= size[1] + 0.01, (right, bottom)


def test_overflowing_slide_shrinks_and_fits() -> None:
    laid, codes = lay(bullets(30))
    slide = laid.slides[0]
    assert slide.text_scale < 1
    assert_inside_page(slide)
    body = next(b for b in slide.boxes if isinstance(b, TextBox) and b.role == "body")
    assert len(body.paragraphs) == 30
    assert "overflow" not in codes


def test_forty_bullets_shrink() -> None:
    laid, _ = lay(bullets(40))
    assert laid.slides[0].text_scale < 1


def test_forty_bullets_reach_the_readable_minimum_and_say_so() -> None:
    """40 one-line bullets need 520 pt at the 10 pt floor (line height 1.3): more than the
    519 pt canvas, so layout stops at the floor and reports the overflow."""
    _laid, codes = lay(bullets(40))
    assert "overflow" in codes


def test_extreme_overflow_warns() -> None:
    laid, codes = lay(bullets(400))
    slide = laid.slides[0]
    assert "overflow" in codes
    body = next(b for b in slide.boxes if isinstance(b, TextBox) and b.role == "body")
    assert len(body.paragraphs) == 400
    # shrunk to the smallest readable size, not further
    sizes = {round(r.size, 3) for p in body.paragraphs for r in p.runs}
    assert min(sizes) == pytest.approx(MIN_BODY_PT, abs=0.01)
    assert slide.text_scale < 1


def test_ten_thousand_character_word_wraps() -> None:
    laid, _ = lay("## Long word\n\n" + "x" * 10_000 + "\n")
    slide = laid.slides[0]
    body = next(b for b in slide.boxes if isinstance(b, TextBox) and b.role == "body")
    [para] = body.paragraphs
    assert len(para.lines) > 20
    assert "".join(r.text for line in para.lines for r in line.runs) == "x" * 10_000
    for line in para.lines:
        assert line.width <= body.w + TOL


def _code_box(md: str) -> tuple[TextBox, list[str]]:
    laid, codes = lay(md)
    box = next(b for b in laid.slides[0].boxes if isinstance(b, TextBox) and b.role == "code")
    return box, codes


def _widest(box: TextBox) -> float:
    return max(line.width for p in box.paragraphs for line in p.lines)


def test_too_wide_code_line_is_shrunk() -> None:
    normal, _ = _code_box("## Code\n\n```\nshort = 1\n```\n")
    wide, codes = _code_box("## Code\n\n```\n" + "value = compute(1) + " * 4 + "1\n```\n")
    normal_size = normal.paragraphs[0].runs[0].size
    wide_size = wide.paragraphs[0].runs[0].size
    assert wide_size < normal_size
    assert wide_size >= normal_size * 0.5 - 1e-9
    assert not wide.wrap and len(wide.paragraphs) == 1 and len(wide.paragraphs[0].lines) == 1
    assert _widest(wide) <= wide.w - 2 * wide.inset + TOL
    assert "overflow" not in codes


def test_hopelessly_wide_code_line_warns() -> None:
    box, codes = _code_box("## Code\n\n```\n" + "z" * 400 + "\n```\n")
    assert "overflow" in codes
    assert box.paragraphs[0].runs[0].size > 0


# --- wrapping --------------------------------------------------------------------------------

LONG = (
    "The quick brown fox jumps over the lazy dog while the committee debates "
    "whether Supercalifragilisticexpialidocious is a word, and nobody agrees, "
    "not even after lunch. "
)


@pytest.mark.parametrize("size", [W169, W43], ids=["16:9", "4:3"])
def test_wrapped_lines_never_exceed_their_box(size: tuple[float, float]) -> None:
    md = (
        f"## A heading long enough to wrap {LONG}\n\n{LONG * 2}\n\n"
        f"- {LONG}\n  - nested {LONG}\n- **bold {LONG}** *italic*\n\n"
        f"> {LONG}\n\n"
        f"| a | b |\n|:--|--:|\n| {LONG} | {LONG} |\n\n"
        f"1. {LONG}\n"
    )
    laid, _ = lay(md, size)
    wrapped = 0
    for slide in laid.slides:
        for para, room in text_paragraphs(slide):
            for line in para.lines:
                assert line.width <= room + TOL, (para.text[:40], line.width, room)
            wrapped += len(para.lines) > 1
    assert wrapped >= 6  # the heading, paragraph, list items, quote and cells really wrapped


FONTS = FontLibrary()
TS = Typesetter(FONTS)
STYLE = TextStyle(("DejaVu Sans",), ("DejaVu Sans Mono",), 24.0, Color(0, 0, 0), Color(0, 0, 255))

ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.,-"
words = st.text(alphabet=ALPHABET, min_size=1, max_size=40)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    pieces=st.lists(
        st.tuples(st.lists(words, min_size=1, max_size=8), st.booleans()), min_size=1, max_size=5
    ),
    width=st.floats(min_value=60.0, max_value=900.0),
)
def test_wrap_runs_property(pieces: list[tuple[list[str], bool]], width: float) -> None:
    runs = TS.runs(tuple(Run(" ".join(ws) + " ", bold=b) for ws, b in pieces), STYLE)
    lines = wrap_runs(runs, width, STYLE)
    assert lines
    for line in lines:
        assert line.width <= width + TOL
    # no character is lost or invented (spaces may move to line ends)
    joined = "".join(r.text for line in lines for r in line.runs).replace(" ", "")
    assert joined == "".join(r.text for r in runs).replace(" ", "")


def test_pictures_keep_inside_the_canvas(picture_dir: Path) -> None:
    PILImage.new("RGB", (4000, 1000), (0, 0, 0)).save(picture_dir / "wide.png")
    laid, _ = lay("## Wide\n\n![w](wide.png)\n", deck_dir=picture_dir)
    pic = next(b for b in laid.slides[0].boxes if isinstance(b, PictureBox))
    assert pic.image_key is not None
    assert pic.x >= 0 and pic.x + pic.w <= 960
    assert pic.w / pic.h == pytest.approx(4.0, rel=0.01)
