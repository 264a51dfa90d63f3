"""The PowerPoint backend, read back with python-pptx: placeholders, bullets, tables, code,
inline formatting, links, notes, slide size, core properties, media dedupe, background pixels,
hidden slides and image problems. Both fixture decks and small decks written here; every
.pptx written is checked with openxml-audit (0 errors)."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import os
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from conftest import assert_valid_pptx
from PIL import Image, ImageStat
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn

from converter.api import Result, convert
from converter.cli.main import main
from converter.diagnostics import Diagnostics, Severity
from converter.layout import LayoutOptions, layout_deck
from converter.layout.boxes import LaidOutDeck, TableBox, TextBox, TextParagraph
from converter.layout.geometry import parse_size
from converter.reader import read_file
from converter.render.pptx.deck import render_pptx
from converter.style.highlight import _B16
from converter.text.library import FontLibrary

ROOT = Path(__file__).resolve().parents[1]
FEATURES = ROOT / "fixtures" / "features" / "talk.md"
SAFETY = ROOT / "fixtures" / "community-safety" / "talk.md"
W169, W43, H = 12192000, 9144000, 6858000
EMU_PER_PT = 12700
ZENBURN = {v[1:].upper() for v in _B16.values()}

FEATURE_TITLES: list[str | None] = [
    "Feature tour",
    "Lists",
    "Ordered lists",
    "Task list and inline code",
    "Code",
    "Table",
    "Quote",
    "Pictures",
    "Logo twice",
    "Dark background",
    "Photo background at 30 %",
    "Gradient background",
    "Vertical child",
    None,
    "Missing image",
]
SAFETY_TITLES: list[str | None] = [
    "Community Safety and Performance",
    None,
    "Community Safety",
    None,
    None,
    None,
    None,
    None,
    "Performance",
    None,
    "Information and Digital Services",
    None,
    "Human Resources",
    None,
    "Credits",
    "Q & A",
    None,
]


# --- helpers ---------------------------------------------------------------------------------


@dataclass
class Built:
    path: Path
    prs: Any
    result: Result

    @property
    def codes(self) -> list[str]:
        return [d.code for d in self.result.diagnostics if d.severity is not Severity.INFO]

    def slide(self, number: int) -> Any:
        return self.prs.slides[number - 1]

    def media(self) -> dict[str, bytes]:
        with zipfile.ZipFile(self.path) as z:
            return {n: z.read(n) for n in z.namelist() if n.startswith("ppt/media/")}


def build(source: Path, out: Path, size: str = "16:9") -> Built:
    """Convert with the API, check the file with openxml-audit, re-open it."""
    result = convert(source, [out], size=size)
    assert result.outputs == (out,)
    assert_valid_pptx(out)
    return Built(out, Presentation(str(out)), result)


def deck(tmp_path: Path, md: str, files: dict[str, bytes] | None = None, **kw: Any) -> Built:
    """Write `md` (and `files`) into tmp_path and convert it."""
    for name, data in (files or {}).items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(data)
    src = tmp_path / "talk.md"
    src.write_text(md, encoding="utf-8")
    return build(src, tmp_path / "talk.pptx", **kw)


def png(color: tuple[int, int, int], size: tuple[int, int] = (64, 36)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, color).save(buf, "PNG")
    return buf.getvalue()


def body(slide: Any) -> Any:
    """The body placeholder (idx 1)."""
    for shape in slide.placeholders:
        if shape.placeholder_format.idx == 1:
            return shape
    raise AssertionError("no body placeholder")


def content_shapes(slide: Any) -> list[Any]:
    """The slide's shapes without its slide-number badge."""
    return [s for s in slide.shapes if not s.name.startswith("Slide Number")]


def text_shapes(slide: Any) -> list[Any]:
    return [s for s in content_shapes(slide) if s.has_text_frame and not s.is_placeholder]


def bullet(paragraph: Any) -> tuple[Any, ...] | None:
    """("char", c), ("num", type, startAt) or None for `a:buNone`."""
    ppr = paragraph._p.pPr
    char = ppr.find(qn("a:buChar"))
    if char is not None:
        return ("char", char.get("char"))
    num = ppr.find(qn("a:buAutoNum"))
    if num is not None:
        return ("num", num.get("type"), int(num.get("startAt", "1")))
    assert ppr.find(qn("a:buNone")) is not None
    return None


def rpr(run: Any) -> Any:
    return run._r.find(qn("a:rPr"))


def run_color(run: Any) -> str:
    return str(rpr(run).find(f"{qn('a:solidFill')}/{qn('a:srgbClr')}").get("val"))


def typeface(run: Any) -> str:
    return str(rpr(run).find(qn("a:latin")).get("typeface"))


@cache
def is_monospace(family: str) -> bool:
    return bool(FontLibrary().resolve((family,)).primary.monospace)


def all_runs(shape: Any) -> list[Any]:
    return [r for p in shape.text_frame.paragraphs for r in p.runs]


def bg(slide: Any) -> Any:
    """The slide's own `p:bg/p:bgPr`."""
    found = slide._element.cSld.find(f"{qn('p:bg')}/{qn('p:bgPr')}")
    assert found is not None, "slide has no background of its own"
    return found


def bg_color(slide: Any) -> str | None:
    fill = bg(slide).find(f"{qn('a:solidFill')}/{qn('a:srgbClr')}")
    return None if fill is None else str(fill.get("val"))


def bg_image(slide: Any) -> Image.Image | None:
    blip = bg(slide).find(f"{qn('a:blipFill')}/{qn('a:blip')}")
    if blip is None:
        return None
    part = slide.part.related_part(blip.get(qn("r:embed")))
    return Image.open(io.BytesIO(part.blob)).convert("RGB")


def mean(im: Image.Image, x: int, y: int, r: int = 4) -> list[float]:
    return list(ImageStat.Stat(im.crop((x - r, y - r, x + r + 1, y + r + 1))).mean)


def cover(src: Image.Image, size: tuple[int, int]) -> Image.Image:
    """CSS `background-size: cover; background-position: 50% 50%`."""
    scale = max(size[0] / src.width, size[1] / src.height)
    w, h = max(size[0], round(src.width * scale)), max(size[1], round(src.height * scale))
    big = src.convert("RGB").resize((w, h), Image.Resampling.LANCZOS)
    left, top = (w - size[0]) // 2, (h - size[1]) // 2
    return big.crop((left, top, left + size[0], top + size[1]))


def assert_blend(
    got: Image.Image, src: Image.Image, under: tuple[int, int, int], opacity: float
) -> None:
    """`got` is `src` (cover-fitted) at `opacity` over `under`, within 3 levels, sampled as
    9x9 means (the composite is a JPEG) at several points."""
    expect = cover(src, got.size)
    w, h = got.size
    for fx, fy in [(0.5, 0.5), (0.25, 0.25), (0.75, 0.3), (0.2, 0.8), (0.8, 0.85)]:
        x, y = int(w * fx), int(h * fy)
        g = mean(got, x, y)
        src_mean = mean(expect, x, y)
        e = [opacity * v + (1 - opacity) * u for v, u in zip(src_mean, under, strict=True)]
        assert all(abs(a - b) <= 3 for a, b in zip(g, e, strict=True)), ((x, y), g, e)


def picture_shapes(slide: Any) -> list[Any]:
    return [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]


# --- fixture decks ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def features(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build(FEATURES, tmp_path_factory.mktemp("features") / "features.pptx")


@pytest.fixture(scope="module")
def safety(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build(SAFETY, tmp_path_factory.mktemp("safety") / "safety.pptx")


def test_fixture_slide_counts_and_16_9_size(features: Built, safety: Built) -> None:
    for built, count in ((features, 15), (safety, 17)):
        assert len(built.prs.slides) == count
        assert (built.prs.slide_width, built.prs.slide_height) == (W169, H)
        assert all(s._element.get("show") is None for s in built.prs.slides)


def test_fixture_diagnostics(features: Built, safety: Built) -> None:
    assert safety.codes == []
    assert features.codes == ["missing-image"]
    [missing] = [d for d in features.result.diagnostics if d.code == "missing-image"]
    assert missing.slide == 15 and "img/missing.png" in missing.message


@pytest.mark.parametrize("which", ["features", "safety"])
def test_titles_are_in_the_title_placeholder(which: str, features: Built, safety: Built) -> None:
    built, titles = (features, FEATURE_TITLES) if which == "features" else (safety, SAFETY_TITLES)
    for slide, expected in zip(built.prs.slides, titles, strict=True):
        title = slide.shapes.title
        if expected is None:
            assert title is None
            continue
        assert title is not None
        assert title.placeholder_format.type == PP_PLACEHOLDER.TITLE
        # the white theme upper-cases headings (text-transform); night does not
        assert title.text == (expected.upper() if which == "features" else expected)


def test_text_only_bodies_are_body_placeholder_paragraphs(features: Built) -> None:
    expected = {
        1: ["A deck that exercises every construct"],
        10: ["Text turns white on a dark background colour"],
        13: ["Inside a stack"],
    }
    for number, texts in expected.items():
        slide = features.slide(number)
        assert slide.slide_layout.name == "Title and Content"
        ph = body(slide)
        assert ph.placeholder_format.idx == 1
        assert [p.text for p in ph.text_frame.paragraphs] == texts
        assert all(bullet(p) is None for p in ph.text_frame.paragraphs)
    # on the dark slide the text turns white
    assert {run_color(r) for r in all_runs(body(features.slide(10)))} == {"FFFFFF"}
    # emphasis survives in the body
    runs = all_runs(body(features.slide(1)))
    assert [(r.text, r.font.italic) for r in runs if r.font.italic] == [("every", True)]


def test_nested_bullet_list(features: Built) -> None:
    paras = body(features.slide(2)).text_frame.paragraphs
    assert [(p.text, p.level, bullet(p)) for p in paras] == [
        ("First level with bold and italic", 0, ("char", "•")),
        ("Second item", 0, ("char", "•")),
        ("Nested item", 1, ("char", "▪")),
        ("Third level", 2, ("char", "◦")),
        ("Back to the first level", 0, ("char", "•")),
    ]
    first = paras[0].runs
    assert [(r.text, bool(r.font.bold), bool(r.font.italic)) for r in first] == [
        ("First level with ", False, False),
        ("bold", True, False),
        (" and ", False, False),
        ("italic", False, True),
    ]
    # deeper levels are indented further
    margins = [int(p._p.pPr.get("marL")) for p in paras]
    assert margins[0] < margins[2] < margins[3] and margins[4] == margins[0]


def test_ordered_list_keeps_its_start_number(features: Built) -> None:
    paras = body(features.slide(3)).text_frame.paragraphs
    assert [(p.text, p.level, bullet(p)) for p in paras] == [
        ("Starts at three", 0, ("num", "arabicPeriod", 3)),
        ("Continues", 0, ("num", "arabicPeriod", 3)),
        ("Nested ordered", 1, ("num", "arabicPeriod", 1)),
        ("Five", 0, ("num", "arabicPeriod", 3)),
    ]


def test_task_list_inline_code_strike_and_link(features: Built) -> None:
    paras = body(features.slide(4)).text_frame.paragraphs
    assert [p.text for p in paras] == [
        "☑ Done with code",
        "☐ Not done yet",
        "Plain item with a link",
    ]
    assert [bullet(p) for p in paras] == [None, None, ("char", "•")]
    code = next(r for r in paras[0].runs if r.text == "code")
    assert is_monospace(typeface(code)) and not is_monospace(typeface(paras[0].runs[1]))
    assert rpr(code).find(qn("a:ea")).get("typeface") == typeface(code)
    struck = [r.text for r in paras[1].runs if rpr(r).get("strike") == "sngStrike"]
    assert struck == ["yet"]
    assert all(rpr(r).get("strike") is None for r in paras[0].runs)
    links = [(r.text, r.hyperlink.address) for r in paras[2].runs if r.hyperlink.address]
    assert links == [("link", "https://example.org/docs")]


def assert_code_box(shape: Any, source: str) -> None:
    assert not shape.is_placeholder
    fill = shape._element.spPr.find(f"{qn('a:solidFill')}/{qn('a:srgbClr')}")
    assert fill.get("val") == "383838"
    assert shape.text_frame.text.split("\n") == source.split("\n")
    runs = all_runs(shape)
    faces = {typeface(r) for r in runs}
    assert len(faces) == 1
    assert is_monospace(faces.pop())
    colors = {run_color(r) for r in runs}
    assert len(colors) >= 3
    assert colors <= ZENBURN


def test_code_block_runs(features: Built) -> None:
    """`[1|2-3]`: the block shows step 1 (lines 2-3 dimmed), a copy on top shows step 2."""
    slide = features.slide(5)
    first, second = text_shapes(slide)
    source = 'def greet(name: str) -> str:\n    message = f"Hello, {name}!"\n    return message'
    for shape, lit in ((first, {0}), (second, {1, 2})):
        assert shape.text_frame.text.split("\n") == source.split("\n")
        assert (shape.left, shape.top, shape.width, shape.height) == (
            first.left, first.top, first.width, first.height
        )
        paras = shape.text_frame.paragraphs
        bright = {run_color(r) for i in lit for r in paras[i].runs}
        dim = {run_color(r) for i, p in enumerate(paras) if i not in lit for r in p.runs}
        assert bright <= ZENBURN and not dim & ZENBURN
        assert shape.text_frame._txBody.bodyPr.get("wrap") == "none"
    colors = {r.text: run_color(r) for r in all_runs(first)}
    assert colors["def"] == _B16["base0E"][1:].upper()  # keyword
    colors = {r.text: run_color(r) for r in all_runs(second)}
    assert colors['f"Hello, '] == _B16["base0B"][1:].upper()  # string


def cells(table: Any) -> list[list[str]]:
    return [[c.text for c in row.cells] for row in table.rows]


def aligns(table: Any) -> list[list[str | None]]:
    return [
        [c.text_frame.paragraphs[0]._p.pPr.get("algn") for c in row.cells] for row in table.rows
    ]


def test_table_cells_and_alignment(features: Built) -> None:
    [frame] = [s for s in features.slide(6).shapes if s.has_table]
    table = frame.table
    assert cells(table) == [
        ["Feature", "Status", "Count"],
        ["Titles", "done", "12"],
        ["Tables", "done", "3"],
        ["Images", "partial", "7"],
    ]
    assert aligns(table) == [["l", "ctr", "r"]] * 4
    assert all(r.font.bold for c in table.rows[0].cells for r in c.text_frame.paragraphs[0].runs)
    assert not any(r.font.bold for c in table.rows[1].cells for r in all_runs(c))
    assert table.first_row


def test_quote_and_picture_slides(features: Built) -> None:
    [quote] = text_shapes(features.slide(7))
    assert quote.text_frame.text == "Simplicity is prerequisite for reliability."
    assert all(r.font.italic for r in all_runs(quote))
    slide = features.slide(8)
    [pic] = picture_shapes(slide)
    assert pic._element.nvPicPr.cNvPr.get("descr") == "A photo"
    assert pic.image.content_type == "image/jpeg"
    assert [s.text_frame.text for s in text_shapes(slide)] == ["Generated, not photographed"]


def test_inline_colour_sup_and_sub(features: Built) -> None:
    slide = features.slide(14)
    assert slide.shapes.title is None
    [shape] = text_shapes(slide)
    assert shape.text_frame.text == "Just a paragraph, no title, with red, x2 and H2O."
    runs = all_runs(shape)
    red = next(r for r in runs if r.text == "red")
    assert run_color(red) == "DD3333"
    normal = runs[0]
    assert run_color(normal) != "DD3333"
    sup, sub = [r for r in runs if r.text == "2"]
    assert int(rpr(sup).get("baseline")) > 0
    assert int(rpr(sub).get("baseline")) < 0
    assert rpr(normal).get("baseline") is None
    assert sup.font.size < normal.font.size and sub.font.size < normal.font.size


def test_logo_used_twice_is_one_media_part(features: Built) -> None:
    pics = picture_shapes(features.slide(9))
    assert len(pics) == 2
    assert pics[0].image.sha1 == pics[1].image.sha1
    rids = {p._element.blipFill.find(qn("a:blip")).get(qn("r:embed")) for p in pics}
    assert len(rids) == 1


def test_media_parts_are_the_distinct_images(features: Built, safety: Built) -> None:
    # features: photo, logo, photo composited at 0.3, gradient, missing-image placeholder
    # safety: three photos, each composited once (0.5 over #111, 0.5, 1.0)
    for built, expected in ((features, 5), (safety, 3)):
        media = built.media()
        digests = {hashlib.sha1(b).hexdigest() for b in media.values()}
        assert len(media) == len(digests) == expected


def test_plain_background_colours(features: Built, safety: Built) -> None:
    dark = features.slide(10)
    assert bg_color(dark) == "1B2A49" and bg_image(dark) is None
    assert bg_color(features.slide(2)) == "FFFFFF"  # the white theme
    assert bg_color(safety.slide(2)) == "111111"  # the night theme
    assert not any(rel.reltype == RT.IMAGE for rel in dark.part.rels.values())


def test_safety_title_background_is_the_blend(safety: Built) -> None:
    for number in (1, 15, 16):
        assert bg_color(safety.slide(number)) is None
    got = bg_image(safety.slide(1))
    assert got is not None and got.size == (1920, 1080)
    src = Image.open(SAFETY.parent / "backgrounds" / "ugur-akdemir-FABH5NJEMGM-unsplash.jpg")
    assert_blend(got, src, (0x11, 0x11, 0x11), 0.5)
    credits = bg_image(safety.slide(15))
    assert credits is not None
    src = Image.open(SAFETY.parent / "backgrounds" / "perry-grone-732606-unsplash.jpg")
    assert_blend(credits, src, (0x11, 0x11, 0x11), 0.5)
    qa = bg_image(safety.slide(16))
    assert qa is not None
    src = Image.open(SAFETY.parent / "backgrounds" / "greyson-joralemon-qX8vHmS46xg-unsplash.jpg")
    assert_blend(qa, src, (0x11, 0x11, 0x11), 1.0)


def test_photo_and_gradient_backgrounds(features: Built) -> None:
    photo = bg_image(features.slide(11))
    assert photo is not None and photo.size == (1920, 1080)
    assert_blend(photo, Image.open(FEATURES.parent / "img" / "photo.jpg"), (255, 255, 255), 0.3)
    gradient = bg_image(features.slide(12))
    assert gradient is not None
    top, bottom = mean(gradient, 960, 5), mean(gradient, 960, 1074)
    assert all(abs(a - b) <= 3 for a, b in zip(top, (0x28, 0x3B, 0x95), strict=True)), top
    assert all(abs(a - b) <= 3 for a, b in zip(bottom, (0x17, 0xB2, 0xC3), strict=True)), bottom


def test_missing_image_placeholder_in_fixture(features: Built) -> None:
    [pic] = picture_shapes(features.slide(15))
    im = Image.open(io.BytesIO(pic.image.blob))
    assert im.format == "PNG"
    assert len(im.convert("RGB").getcolors(1 << 20) or []) > 2  # a labelled box, not a blank


def notes_runs(slide: Any) -> list[Any]:
    frame = slide.notes_slide.notes_text_frame
    return [r for p in frame.paragraphs for r in p.runs]


def assert_notes_runs_explicit(built: Built) -> int:
    count = 0
    for slide in built.prs.slides:
        if not slide.has_notes_slide:
            continue
        assert slide.notes_slide.notes_placeholder is not None
        for run in notes_runs(slide):
            assert rpr(run).get("sz") is not None, run.text
            assert rpr(run).find(qn("a:latin")).get("typeface"), run.text
            count += 1
    return count


def test_notes_text_and_formatting(features: Built) -> None:
    notes = features.slide(1).notes_slide
    assert notes.notes_text_frame.text == (
        "This is the title slide. The notes have emphasis and a link."
    )
    runs = notes_runs(features.slide(1))
    assert [r.text for r in runs if r.font.bold] == ["title"]
    assert [r.text for r in runs if r.font.italic] == ["emphasis"]
    assert [(r.text, r.hyperlink.address) for r in runs if r.hyperlink.address] == [
        ("link", "https://example.org/notes")
    ]
    paras = features.slide(5).notes_slide.notes_text_frame.paragraphs
    assert [p.text for p in paras] == [
        "Walkthrough",
        "The signature",
        "The f-string",
        "a bullet in the notes",
    ]
    heading = paras[0].runs[0]
    assert heading.font.bold and heading.font.size > paras[1].runs[0].font.size
    assert [bullet(p) for p in paras] == [
        None,
        ("num", "arabicPeriod", 1),
        ("num", "arabicPeriod", 1),
        ("char", "•"),
    ]
    assert not features.slide(2).has_notes_slide
    assert assert_notes_runs_explicit(features) >= 10


def test_safety_notes(safety: Built) -> None:
    paras = safety.slide(4).notes_slide.notes_text_frame.paragraphs
    headings = [p.text for p in paras if p.runs and all(r.font.bold for r in p.runs)]
    assert headings == [
        "Community Safety Team Staffing",
        "Partnership Plan 2023 – 2027",
        "Action Plan 2023 – 2024",
    ]
    intro = safety.slide(2).notes_slide.notes_text_frame.paragraphs
    listed = [p.text for p in intro if bullet(p) == ("char", "•")]
    assert listed == [
        "Community Safety",
        "Performance Management",
        "Information and Digital Services",
        "Human Resources",
    ]
    assert intro[0].text.startswith("Thank you for inviting me this evening")
    assert assert_notes_runs_explicit(safety) >= 40
    with_notes = [i for i, s in enumerate(safety.prs.slides, 1) if s.has_notes_slide]
    assert with_notes == [2, 4, 5, 6, 7, 8, 15, 16]


def test_core_properties(features: Built, safety: Built) -> None:
    cp = features.prs.core_properties
    assert cp.title == "md2pptx feature tour"
    assert cp.author == "md2pptx tests"
    assert cp.subject == "Every construct the converter supports"
    assert cp.keywords == "reveal-md; pptx; fixture"
    assert cp.created == dt.datetime(2026, 1, 15)
    for props in (cp, safety.prs.core_properties):
        assert "python-pptx" not in (props.comments or "")
        assert props.last_modified_by == "md2pptx"
        assert props.author != "Steve Canny"
    sp = safety.prs.core_properties
    assert sp.title == "Community Safety and Performance"
    assert sp.created is not None and sp.created.year >= 2024


# --- size ------------------------------------------------------------------------------------


def test_size_4_3_from_the_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "deck43.pptx"
    assert main([str(FEATURES), "-o", str(out), "--size", "4:3", "-q"]) == 0
    capsys.readouterr()
    assert_valid_pptx(out)
    prs = Presentation(str(out))
    assert (prs.slide_width, prs.slide_height) == (W43, H)
    assert prs.part._element.sldSz.get("type") == "screen4x3"
    assert len(prs.slides) == 15
    # titles stay centred on the narrower page
    title = prs.slides[1].shapes.title
    assert abs(title.left + title.width / 2 - W43 / 2) <= 2


# --- small decks, one feature each -----------------------------------------------------------


def test_small_nested_lists(tmp_path: Path) -> None:
    md = (
        "## Lists\n\n"
        "- a\n  - b\n    - c\n      - d\n- e\n\n"
        "7. seven\n8. eight\n   - dot\n   2. two\n   3. three\n9. nine\n"
    )
    built = deck(tmp_path, md)
    paras = body(built.slide(1)).text_frame.paragraphs
    assert [(p.text, p.level, bullet(p)) for p in paras] == [
        ("a", 0, ("char", "•")),
        ("b", 1, ("char", "▪")),
        ("c", 2, ("char", "◦")),
        ("d", 3, ("char", "◦")),
        ("e", 0, ("char", "•")),
        ("seven", 0, ("num", "arabicPeriod", 7)),
        ("eight", 0, ("num", "arabicPeriod", 7)),
        ("dot", 1, ("char", "▪")),
        ("two", 1, ("num", "arabicPeriod", 2)),
        ("three", 1, ("num", "arabicPeriod", 2)),
        ("nine", 0, ("num", "arabicPeriod", 7)),
    ]


def test_small_table_alignment(tmp_path: Path) -> None:
    md = (
        "## T\n\n| L | C | R | D |\n|:--|:-:|--:|---|\n"
        "| a | b | c | d |\n| **e** | [f](https://example.org/f) | `g` | h |\n"
    )
    built = deck(tmp_path, md)
    [frame] = [s for s in built.slide(1).shapes if s.has_table]
    assert cells(frame.table) == [["L", "C", "R", "D"], ["a", "b", "c", "d"], ["e", "f", "g", "h"]]
    assert aligns(frame.table) == [["l", "ctr", "r", "l"]] * 3
    last = frame.table.rows[2].cells
    assert last[0].text_frame.paragraphs[0].runs[0].font.bold
    assert last[1].text_frame.paragraphs[0].runs[0].hyperlink.address == "https://example.org/f"


def test_small_table_with_uneven_rows(tmp_path: Path) -> None:
    md = "## T\n\n| a | b |\n|---|---|\n| 1 |\n| 1 | 2 | 3 |\n"
    built = deck(tmp_path, md)
    frames = [s for s in built.slide(1).shapes if s.has_table]
    assert len(frames) == 1
    assert cells(frames[0].table) == [["a", "b"], ["1", ""], ["1", "2"]]


def test_small_code_block(tmp_path: Path) -> None:
    source = 'const answer = 42; // the answer\nfunction f(x) { return "s" + x; }'
    built = deck(tmp_path, f"## JS\n\n```js\n{source}\n```\n")
    [shape] = text_shapes(built.slide(1))
    assert_code_box(shape, source)


def test_small_inline_formatting(tmp_path: Path) -> None:
    md = (
        "## Inline\n\n"
        'Plain **bold** *italic* ~~gone~~ <span style="color: #123456">blue</span> '
        "E=mc<sup>2</sup> H<sub>2</sub>O [web](https://example.com/x) "
        "[mail](mailto:a@example.com) `mono`\n"
    )
    built = deck(tmp_path, md)
    runs = all_runs(body(built.slide(1)))
    by_text = {r.text: r for r in runs}
    assert by_text["bold"].font.bold and not by_text["bold"].font.italic
    assert by_text["italic"].font.italic and not by_text["italic"].font.bold
    assert rpr(by_text["gone"]).get("strike") == "sngStrike"
    assert run_color(by_text["blue"]) == "123456"
    sup, sub = [r for r in runs if r.text == "2"]
    assert int(rpr(sup).get("baseline")) > 0 > int(rpr(sub).get("baseline"))
    assert by_text["web"].hyperlink.address == "https://example.com/x"
    assert by_text["mail"].hyperlink.address == "mailto:a@example.com"
    assert is_monospace(typeface(by_text["mono"])) and not is_monospace(typeface(runs[0]))
    plain = runs[0]
    assert plain.text.startswith("Plain")
    assert not plain.font.bold and not plain.font.italic and plain.hyperlink.address is None


def test_small_notes(tmp_path: Path) -> None:
    md = (
        "## Slide\n\nText\n\nNote:\n## Heading\n\nSome **strong** words.\n\n"
        "- one\n  - nested\n\n3. three\n4. four\n\n```\ncode line\n```\n"
    )
    built = deck(tmp_path, md)
    paras = built.slide(1).notes_slide.notes_text_frame.paragraphs
    assert [p.text for p in paras] == [
        "Heading",
        "Some strong words.",
        "one",
        "nested",
        "three",
        "four",
        "code line",
    ]
    assert all(r.font.bold for r in paras[0].runs)
    assert [r.text for r in paras[1].runs if r.font.bold] == ["strong"]
    assert [(p.level, bullet(p)) for p in paras[2:6]] == [
        (0, ("char", "•")),
        (1, ("char", "–")),
        (0, ("num", "arabicPeriod", 3)),
        (0, ("num", "arabicPeriod", 3)),
    ]
    assert is_monospace(typeface(paras[6].runs[0]))
    assert not is_monospace(typeface(paras[1].runs[0]))
    assert_notes_runs_explicit(built)


def test_small_hidden_slide(tmp_path: Path) -> None:
    md = (
        '## Shown\n\n---\n\n<!-- .slide: data-visibility="hidden" -->\n'
        "## Hidden\n\n---\n\n## Shown too\n"
    )
    built = deck(tmp_path, md)
    assert [s._element.get("show") for s in built.prs.slides] == [None, "0", None]
    assert built.slide(2).shapes.title.text == "HIDDEN"


def test_small_plain_background_colour(tmp_path: Path) -> None:
    built = deck(tmp_path, '<!-- .slide: data-background-color="#336699" -->\n## Blue\n')
    slide = built.slide(1)
    assert bg_color(slide) == "336699"
    assert bg(slide).find(qn("a:blipFill")) is None
    assert built.media() == {}


def test_small_translucent_background_colour(tmp_path: Path) -> None:
    """A see-through slide colour shows the theme's page colour through it, as reveal's
    viewport does: 50 % black over the white theme's #fff is #808080."""
    md = (
        "---\ntheme: white\n---\n"
        '<!-- .slide: data-background-color="rgba(0, 0, 0, 0.5)" -->\n## A\n'
    )
    color = bg_color(deck(tmp_path, md).slide(1))
    assert color is not None
    assert all(abs(int(color[i : i + 2], 16) - 0x80) <= 1 for i in (0, 2, 4)), color


def test_small_png_background_blend_and_dedupe(tmp_path: Path) -> None:
    slide_md = (
        '<!-- .slide: data-background-image="bg.png" data-background-opacity="{op}" '
        'data-background-color="#204080" -->\n## {title}\n'
    )
    md = "\n---\n\n".join(
        [
            slide_md.format(op="0.5", title="One"),
            slide_md.format(op="0.5", title="Same"),
            slide_md.format(op="0.25", title="Fainter"),
        ]
    )
    built = deck(tmp_path, md, {"bg.png": png((255, 0, 0))})
    first = bg_image(built.slide(1))
    assert first is not None and first.size == (1920, 1080)
    expected = (0.5 * 255 + 0.5 * 0x20, 0.5 * 0 + 0.5 * 0x40, 0.5 * 0 + 0.5 * 0x80)
    for xy in [(960, 540), (10, 10), (1900, 1070)]:
        assert all(abs(a - b) <= 3 for a, b in zip(first.getpixel(xy), expected, strict=True))
    fainter = bg_image(built.slide(3))
    assert fainter is not None
    expected = (0.25 * 255 + 0.75 * 0x20, 0.75 * 0x40, 0.75 * 0x80)
    assert all(abs(a - b) <= 3 for a, b in zip(fainter.getpixel((960, 540)), expected, strict=True))
    # same (image, colour, opacity) twice -> one part; another opacity -> a second part
    assert len(built.media()) == 2


# --- image problems --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("src", "code"),
    [
        ("img/missing.png", "missing-image"),
        ("https://example.com/cat.png", "remote-image"),
        ("../outside.png", "refused-image"),
        ("file:///etc/hosts", "refused-image"),
        ("img/random.png", "bad-image"),
        ("img/empty.png", "bad-image"),
    ],
    ids=["missing", "remote", "refused", "file-url", "undecodable", "empty"],
)
def test_image_problem_gives_warning_and_placeholder(tmp_path: Path, src: str, code: str) -> None:
    folder = tmp_path / "deck"
    (tmp_path / "outside.png").write_bytes(png((0, 255, 0)))
    files = {"img/random.png": os.urandom(4096), "img/empty.png": b""}
    md = f'## Broken\n\n![what]({src}) <!-- .element: width="400" -->\n\nAfter\n'
    built = deck(folder, md, files)
    assert built.codes == [code]
    [diag] = [d for d in built.result.diagnostics if d.code == code]
    assert diag.slide == 1 and diag.severity is Severity.WARNING
    slide = built.slide(1)
    [pic] = picture_shapes(slide)
    blob = Image.open(io.BytesIO(pic.image.blob))
    assert blob.format == "PNG" and len(blob.convert("RGB").getcolors(1 << 20) or []) > 2
    # where the image would be: its requested width, centred, between title and caption
    page = parse_size("16:9")
    scale = page[1] / (700 * 1.04)
    assert abs(pic.width - 400 * scale * EMU_PER_PT) <= 2 * EMU_PER_PT
    assert abs(pic.left + pic.width / 2 - W169 / 2) <= EMU_PER_PT
    title = slide.shapes.title
    [after] = text_shapes(slide)
    assert title.top + title.height <= pic.top
    assert pic.top + pic.height <= after.top
    assert pic.top >= 0 and pic.top + pic.height <= H


def test_missing_background_image_falls_back_to_the_colour(tmp_path: Path) -> None:
    md = '<!-- .slide: data-background="nope.jpg" data-background-color="#445566" -->\n## Bg\n'
    built = deck(tmp_path, md)
    assert built.codes == ["missing-image"]
    assert bg_color(built.slide(1)) == "445566"


# --- written sizes vs. measured lines --------------------------------------------------------


def laid_and_rendered(source: Path, size: str) -> tuple[LaidOutDeck, Any]:
    read = read_file(source)
    diags = Diagnostics(str(source))
    laid = layout_deck(read.deck, LayoutOptions(size=parse_size(size)), diags)
    return laid, Presentation(io.BytesIO(render_pptx(laid, read.deck.meta, diags)))


def paired_paragraphs(box: Any, shape: Any) -> Iterator[tuple[TextParagraph, Any, float]]:
    """(laid-out paragraph, its `a:p`, the width its lines must fit in)."""
    if isinstance(box, TextBox) and box.wrap:
        elements = shape._element.txBody.findall(qn("a:p"))
        for para, el in zip(box.paragraphs, elements, strict=True):
            yield para, el, box.w - 2 * box.inset - para.indent
    elif isinstance(box, TableBox):
        rows = shape._element.find(f".//{qn('a:tbl')}").findall(qn("a:tr"))
        for row, tr in zip(box.rows, rows, strict=True):
            for c, (cell, tc) in enumerate(zip(row, tr.findall(qn("a:tc")), strict=True)):
                elements = tc.find(qn("a:txBody")).findall(qn("a:p"))
                for para, el in zip(cell.paragraphs, elements, strict=True):
                    yield para, el, box.col_widths[c] - 2 * box.padding_x - para.indent


def lines_too_wide_as_written(laid: LaidOutDeck, prs: Any) -> list[tuple[int, str, float]]:
    """Lines layout fitted that no longer fit at the font sizes written into the file."""
    bad = []
    for laid_slide, slide in zip(laid.slides, prs.slides, strict=True):
        for box, shape in zip(laid_slide.boxes, content_shapes(slide), strict=True):
            for para, el, room in paired_paragraphs(box, shape):
                runs = [r for r in para.runs if not r.is_break]
                written = [int(r.find(qn("a:rPr")).get("sz")) / 100 for r in el.findall(qn("a:r"))]
                size_of = {r.size: w for r, w in zip(runs, written, strict=True)}
                for line in para.lines:
                    width = sum(p.font.width(p.text, size_of[p.size]) for p in line.runs)
                    if width > room + 0.01:
                        bad.append((laid_slide.slide.number, para.text, width - room))
    return bad




@pytest.mark.parametrize(
    ("source", "size"),
    [
        (FEATURES, "16:9"),
        (SAFETY, "16:9"),
        (FEATURES, "4:3"),
        (SAFETY, "4:3"),
    ],
    ids=["features-16:9", "safety-16:9", "features-4:3", "safety-4:3"],
)
def test_written_font_sizes_keep_measured_lines(source: Path, size: str) -> None:
    laid, prs = laid_and_rendered(source, size)
    assert lines_too_wide_as_written(laid, prs) == []
