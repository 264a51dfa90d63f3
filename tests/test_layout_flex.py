"""Layout like the browser: flex and grid containers, reveal's r-* helpers, fitted text.

The layout fixture (`fixtures/layout/talk.md`) is converted once; positions and sizes are read
back from the PPTX (python-pptx: boxes side by side have equal tops and do not overlap) and
words and bounds from the PDF (PyMuPDF: no word split across lines, nothing below the page).
"""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pymupdf
import pytest
from conftest import convert_text
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.util import Emu

import converter

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "fixtures" / "layout" / "talk.md"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, object]:
    work = tmp_path_factory.mktemp("layout")
    pptx, pdf = work / "layout.pptx", work / "layout.pdf"
    result = converter.convert(FIXTURE, [pptx, pdf])
    return pptx, pdf, result


def _shapes(pptx: Path, slide: int) -> list[object]:
    return list(Presentation(str(pptx)).slides[slide].shapes)


def _texts(shapes: list[object]) -> dict[str, object]:
    return {s.text_frame.text: s for s in shapes if s.has_text_frame}  # type: ignore[attr-defined]


def _pictures(shapes: list[object]) -> list[object]:
    return [s for s in shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]  # type: ignore[attr-defined]


def _side_by_side(boxes: list[object]) -> None:
    """Equal tops, left to right, no horizontal overlap."""
    tops = {b.top for b in boxes}  # type: ignore[attr-defined]
    assert len(tops) == 1, tops
    ordered = sorted(boxes, key=lambda b: b.left)  # type: ignore[attr-defined]
    for a, b in pairwise(ordered):
        assert a.left + a.width <= b.left + 1, (a.left, a.width, b.left)  # type: ignore[attr-defined]


def test_no_warnings(outputs: tuple[Path, Path, object]) -> None:
    _pptx, _pdf, result = outputs
    assert [d.code for d in result.warnings] == []  # type: ignore[attr-defined]


def test_flex_columns_with_ratios_and_gap(outputs: tuple[Path, Path, object]) -> None:
    pptx, _pdf, _r = outputs
    shapes = _texts(_shapes(pptx, 1))
    title = shapes["COLUMNS"]
    wide = next(s for t, s in shapes.items() if t.startswith("The wide column"))
    narrow = shapes["one\ntwo\nthree"]
    px = Presentation(str(pptx)).slide_height * 0.96 / 700  # EMU per CSS px
    # as in the browser, the paragraph keeps its 20px top margin inside its flex item (a list
    # has none): tops 20px apart; left to right without overlap
    assert abs(wide.top - narrow.top - 20 * px) < 12700
    assert wide.left + wide.width <= narrow.left
    gap = 40 * px
    assert abs(wide.width - (title.width - gap) * 2 / 3) < Emu(12700)  # flex: 2 of 3
    assert narrow.left > wide.left + wide.width + gap * 0.9  # the list sits in its column
    assert len(wide.text_frame.paragraphs) == 1  # one paragraph, wrapped inside its column


def test_grid_of_three_equal_columns(outputs: tuple[Path, Path, object]) -> None:
    pptx, _pdf, _r = outputs
    cards = _texts(_shapes(pptx, 2))
    first = [cards[n] for n in ("Alpha", "Beta", "Gamma")]
    second = [cards[n] for n in ("Delta", "Epsilon")]
    _side_by_side(first)
    _side_by_side(second)
    assert len({c.width for c in first + second}) == 1
    assert [c.left for c in second] == [c.left for c in first[:2]]
    assert second[0].top > first[0].top + first[0].height  # the next row, below
    assert str(first[0].fill.fore_color.rgb) == "EEF3FB"


def test_reveal_hstack_frame_and_space_between(outputs: tuple[Path, Path, object]) -> None:
    pptx, _pdf, _r = outputs
    shapes = _shapes(pptx, 3)
    pictures = _pictures(shapes)
    assert len(pictures) == 3
    _side_by_side(pictures)
    title = _texts(shapes)["REVEAL'S HELPERS"]
    centre = title.left + title.width / 2
    group = (pictures[0].left + pictures[-1].left + pictures[-1].width) / 2
    assert abs(group - centre) < Emu(12700)  # r-hstack centres its items
    framed = [p._element.spPr.find(f"{A}ln") is not None for p in pictures]
    assert framed == [False, True, False]  # r-frame: a border
    left, right = _texts(shapes)["left"], _texts(shapes)["right"]
    _side_by_side([left, right])
    assert abs(left.left - title.left) < Emu(12700)  # justify-content: space-between
    assert abs(right.left + right.width - title.left - title.width) < Emu(12700)


def test_r_stack_layers_share_a_centre(outputs: tuple[Path, Path, object]) -> None:
    pptx, _pdf, _r = outputs
    first, second = _pictures(_shapes(pptx, 4))
    for pic in (first, second):
        assert pic.top + pic.height / 2 == pytest.approx(first.top + first.height / 2, abs=12700)
        assert pic.left + pic.width / 2 == pytest.approx(first.left + first.width / 2, abs=12700)
    assert first.width > first.height and second.height > second.width


def test_fit_text_and_stretch(outputs: tuple[Path, Path, object]) -> None:
    pptx, _pdf, _r = outputs
    prs = Presentation(str(pptx))
    shapes = list(prs.slides[5].shapes)
    fitted = _texts(shapes)["AS WIDE AS THE SLIDE"]
    size = fitted.text_frame.paragraphs[0].runs[0].font.size.pt
    normal = _texts(list(prs.slides[1].shapes))["COLUMNS"].text_frame.paragraphs[0].runs[0]
    assert size > 1.3 * normal.font.size.pt  # larger than an ordinary h2
    [picture] = _pictures(shapes)
    bottom = prs.slide_height * 0.98  # the canvas's bottom edge (reveal's 4 % margin)
    assert abs(picture.top + picture.height - bottom) < prs.slide_height * 0.02  # r-stretch


def test_a_long_word_shrinks_its_heading_instead_of_breaking(outputs: tuple[Path, Path, object]
                                                             ) -> None:  # fmt: skip
    pptx, pdf, _r = outputs
    heading = _texts(_shapes(pptx, 6))["SEPTEMBER2023CONFERENCEPROCEEDINGS"]
    normal = _texts(_shapes(pptx, 1))["COLUMNS"]
    assert heading.text_frame.paragraphs[0].runs[0].font.size.pt < \
        normal.text_frame.paragraphs[0].runs[0].font.size.pt  # fmt: skip
    with pymupdf.open(pdf) as doc:
        words = [w[4] for w in doc[6].get_text("words")]
    assert "SEPTEMBER2023CONFERENCEPROCEEDINGS" in words
    assert "Levelheadedness" in words and "Internationalization" in words


def test_pictures_shrink_before_text(outputs: tuple[Path, Path, object]) -> None:
    pptx, _pdf, _r = outputs
    shapes = _shapes(pptx, 7)
    bullets = _texts(shapes)["a point\nanother point\na third point"]
    normal = _texts(_shapes(pptx, 1))["one\ntwo\nthree"]
    assert bullets.text_frame.paragraphs[0].runs[0].font.size.pt == \
        normal.text_frame.paragraphs[0].runs[0].font.size.pt  # text keeps its size  # fmt: skip
    [picture] = _pictures(shapes)
    assert picture.top + picture.height <= Presentation(str(pptx)).slide_height


def test_nothing_runs_below_the_page(outputs: tuple[Path, Path, object]) -> None:
    _pptx, pdf, _r = outputs
    with pymupdf.open(pdf) as doc:
        for page in doc:
            for word in page.get_text("words"):
                assert word[3] <= page.rect.height + 0.5, (page.number, word)


def test_columns_use_the_templates_two_content_and_comparison_layouts(tmp_path: Path) -> None:
    template = tmp_path / "plain.pptx"
    Presentation().save(str(template))  # python-pptx's own layouts
    deck = tmp_path / "talk.md"
    deck.write_text(
        '## Two\n\n<div class="r-hstack">\n<div>\n\nLeft words\n\nMore left\n\n</div>\n'
        "<div>\n\n- right one\n- right two\n\n</div>\n</div>\n\n---\n\n"
        '## Versus\n\n<div style="display: grid; grid-template-columns: 1fr 1fr">\n<div>\n\n'
        "### Before\n\n- slow\n- manual\n\n</div>\n<div>\n\n### After\n\n- fast\n- automatic\n\n"
        "</div>\n</div>\n", encoding="utf-8")
    out = tmp_path / "t.pptx"
    result = converter.convert(deck, [out], template=template)
    assert [d.code for d in result.warnings] == []
    prs = Presentation(str(out))
    two, versus = prs.slides
    assert two.slide_layout.name == "Two Content"
    texts = {s.text_frame.text: s for s in two.placeholders if not s.name.startswith("Slide Num")}
    assert set(texts) == {"Two", "Left words\nMore left", "right one\nright two"}
    assert versus.slide_layout.name == "Comparison"
    by_idx = {s.placeholder_format.idx: s.text_frame.text for s in versus.placeholders
              if not s.name.startswith("Slide Num")}  # the number's placeholder: issue 16
    assert by_idx == {0: "Versus", 1: "Before", 2: "slow\nmanual", 3: "After",
                      4: "fast\nautomatic"}  # fmt: skip


def _boxes(pptx: Path, slide: int) -> list[tuple[float, float, float, float, str]]:
    """(left, top, width, height, text) in CSS px of every shape of a slide."""
    prs = Presentation(str(pptx))
    px = prs.slide_height * 0.96 / 700
    return [(s.left / px, s.top / px, s.width / px, s.height / px,
             s.text_frame.text if s.has_text_frame else "")
            for s in prs.slides[slide].shapes]  # fmt: skip


def test_containers_draw_their_box_and_size_as_asked(tmp_path: Path) -> None:
    md = ('<div style="display: flex; gap: 20px">\n'
          '<div style="flex: 2; background: #eeeeee; padding: 10px">\n\n- one\n- two\n- three\n\n'
          '</div>\n<div style="flex: 1; background: #dddddd">\n\nSome words\n\n</div>\n</div>\n\n'
          "---\n\n"
          '<div style="display: flex; flex-direction: column; justify-content: space-between;'
          ' height: 400px; background: #eeeeee">\n\nTop\n\nBottom\n\n</div>\n\n---\n\n'
          '<div style="display: flex; justify-content: space-around; align-items: flex-end;'
          ' height: 200px">\n<div style="background: #ffcccc; height: 100px; width: 50px">\n\nA\n\n'
          '</div>\n<div style="background: #ccffcc; height: 150px; width: 50px;'
          ' align-self: flex-start">\n\nB\n\n</div>\n</div>\n')
    result, pptx = convert_text(tmp_path, md, "pptx")
    assert [d.code for d in result.warnings] == []
    prs = Presentation(str(pptx))
    fills = [(s, str(s.fill.fore_color.rgb)) for s in prs.slides[0].shapes
             if s.has_text_frame and not s.text_frame.text and s.fill.type == 1]  # fmt: skip
    (left, left_fill), (right, right_fill) = sorted(fills, key=lambda f: f[0].left)
    assert (left_fill, right_fill) == ("EEEEEE", "DDDDDD")  # each column's background
    assert left.top == right.top and left.height == right.height  # align-items: stretch
    inner = next(s for s in prs.slides[0].shapes if s.has_text_frame and
                 s.text_frame.text == "one\ntwo\nthree")  # fmt: skip
    assert inner.top > left.top  # padding keeps the list inside its box
    boxes = _boxes(pptx, 1)
    box = next(b for b in boxes if not b[4] and b[3] > 100)
    assert abs(box[3] - 400) < 2  # height: 400px
    top = next(b for b in boxes if b[4] == "Top")
    bottom = next(b for b in boxes if b[4] == "Bottom")
    assert top[1] - box[1] < 25 and box[1] + box[3] - bottom[1] - bottom[3] < 25  # spread out
    boxes = _boxes(pptx, 2)
    a = next(b for b in boxes if not b[4] and abs(b[3] - 100) < 2)
    b = next(b for b in boxes if not b[4] and abs(b[3] - 150) < 2)
    assert abs(a[2] - 50) < 1 and abs(b[2] - 50) < 1  # width: 50px
    assert abs((a[1] + a[3]) - (b[1] + 200)) < 2  # A at the bottom of the 200px line
    assert a[0] < b[0]


def test_words_break_after_hyphens(tmp_path: Path) -> None:
    md = ("## SUPERCALIFRAGILISTICEXPIALIDOCIOUS-ANTIDISESTABLISHMENTARIANISM\n\n"
          "A long compound: state-of-the-art-and-beyond-and-on-and-on-forever-more "
          "words in a paragraph that wraps.\n")
    _result, pptx, pdf = convert_text(tmp_path, md, "pptx", "pdf")
    shapes = _shapes(pptx, 0)
    title = shapes[0].text_frame.paragraphs[0].runs[0].font.size.pt
    assert title > 35  # breaks at the hyphen: shrunk only to fit its longer half (not 21 pt)
    with pymupdf.open(pdf) as doc:
        lines = [" ".join(w[4] for w in doc[0].get_text("words") if w[5] == b and w[6] == ln)
                 for b, ln in sorted({(w[5], w[6]) for w in doc[0].get_text("words")})]  # fmt: skip
    assert any(line.endswith("SUPERCALIFRAGILISTICEXPIALIDOCIOUS-") for line in lines)
    # every word of the paragraph is whole, or broken right after one of its hyphens
    words = [w for line in lines for w in line.split()]
    pieces = ["state", "of", "the", "art", "and", "beyond", "and", "on", "and", "on", "forever",
              "more"]
    found = [w for w in words if w.strip("-") and w.strip("-").split("-")[0] in pieces]
    assert "".join(found).replace("-", "") == "".join(pieces)
    assert all(w.endswith("-") or w.endswith("more") for w in found)


def test_a_paragraph_of_images_is_rows_of_images(outputs: tuple[Path, Path, object]) -> None:
    pptx, _pdf, _r = outputs
    pictures = _pictures(_shapes(pptx, 0))
    assert len(pictures) == 4
    rows: dict[int, list[object]] = {}
    for pic in pictures:
        rows.setdefault(pic.top, []).append(pic)  # type: ignore[attr-defined]
    assert [len(r) for r in rows.values()] == [2, 2]  # two 400px cards a line, then wrapped
    for row in rows.values():
        _side_by_side(row)
        left, right = sorted(row, key=lambda p: p.left)  # type: ignore[attr-defined]
        assert right.left - left.left - left.width < Emu(12700 * 10)  # a space apart
    first, second = sorted(rows)
    assert second > first + pictures[0].height  # type: ignore[attr-defined]


def test_text_straight_inside_a_div_has_no_paragraph_margins(tmp_path: Path) -> None:
    md = ('<div style="display: grid; grid-template-columns: 1fr 1fr; gap: 10px">\n'
          "<div>Cell A</div>\n<div>Cell B</div>\n<div>Cell C</div>\n<div>Cell D</div>\n</div>\n")
    _result, pptx = convert_text(tmp_path, md, "pptx")
    cells = {b[4]: b for b in _boxes(pptx, 0) if b[4].startswith("Cell")}
    assert set(cells) == {"Cell A", "Cell B", "Cell C", "Cell D"}
    gap = cells["Cell C"][1] - cells["Cell A"][1] - cells["Cell A"][3]
    assert abs(gap - 10) < 1  # the grid's 10px row gap, no 20px p margins around the text


_LONG_LEFT = """# Two columns

<div {row}>
<div style="flex: 1">

{items}

</div>
<div style="flex: 1">

Short right column.

</div>
</div>

---

# Two columns

Short right column.
"""


_FLEX = 'style="display: flex; gap: 20px"'


@pytest.mark.parametrize(("mode", "row"), [
    ("shrink", _FLEX), ("split", _FLEX),
    ("shrink", 'style="display: grid; grid-template-columns: 1fr 1fr; gap: 20px"'),
    ("shrink", 'class="r-hstack" style="gap: 20px"'),
])  # fmt: skip
def test_each_column_keeps_its_own_fitting(tmp_path: Path, mode: str, row: str) -> None:
    items = "\n".join(f"- item {n} of the long left column" for n in range(1, 13))
    result, pptx, pdf = convert_text(tmp_path, _LONG_LEFT.format(items=items, row=row), "pptx",
                                     "pdf", overflow=mode)  # fmt: skip
    assert [d.code for d in result.warnings] == []
    prs = Presentation(str(pptx))
    assert len(prs.slides) == 2  # fitted, not split

    def sizes(slide: int) -> dict[str, set[float]]:
        out: dict[str, set[float]] = {}
        for shape in prs.slides[slide].shapes:
            if shape.has_text_frame and shape.text_frame.text:
                runs = [r for p in shape.text_frame.paragraphs for r in p.runs if r.text.strip()]
                out[shape.text_frame.text.split("\n")[0]] = {r.font.size.pt for r in runs}
        return out

    fitted, plain = sizes(0), sizes(1)
    full = plain["Short right column."]
    assert fitted["Short right column."] == full  # the short neighbour keeps its size
    assert fitted["TWO COLUMNS"] == plain["TWO COLUMNS"]  # and so does the heading
    [left] = fitted["item 1 of the long left column"]
    assert 0.5 * min(full) < left < min(full)  # the long column alone shrinks, not too far
    with pymupdf.open(pdf) as doc:
        page = doc[0]
        spans = [s for b in page.get_text("dict")["blocks"] for line in b.get("lines", [])
                 for s in line["spans"] if s["text"].strip()]  # fmt: skip
        by_text = {s["text"]: s for s in spans}
        assert by_text["Short right column."]["size"] == pytest.approx(min(full), abs=0.2)
        assert by_text["TWO COLUMNS"]["size"] == pytest.approx(min(plain["TWO COLUMNS"]), abs=0.2)
        item = next(s for s in spans if s["text"].startswith("item 12"))
        assert item["size"] == pytest.approx(left, abs=0.2)
        assert max(s["bbox"][3] for s in spans) <= page.rect.height  # nothing below the page
        words = [w[4] for w in page.get_text("words")]
    assert "12" in words  # the last item is there


def test_a_row_too_long_even_alone_shrinks_the_whole_slide(tmp_path: Path) -> None:
    """When the long column would have to go below the floor on its own, the slide is fitted
    as a whole (the heading too), as before."""
    items = "\n".join(f"- item {n} of the long left column" for n in range(1, 61))
    _result, pptx = convert_text(tmp_path, _LONG_LEFT.format(items=items, row=_FLEX), "pptx")
    prs = Presentation(str(pptx))
    title = next(s for s in prs.slides[0].shapes if s.has_text_frame
                 and s.text_frame.text == "TWO COLUMNS")  # fmt: skip
    plain = next(s for s in prs.slides[1].shapes if s.has_text_frame
                 and s.text_frame.text == "TWO COLUMNS")  # fmt: skip
    size = title.text_frame.paragraphs[0].runs[0].font.size.pt
    assert size < plain.text_frame.paragraphs[0].runs[0].font.size.pt


def test_fixture_columns_fitted_apart_and_pictures_among_words(
        outputs: tuple[Path, Path, object]) -> None:  # fmt: skip
    pptx, _pdf, _r = outputs
    words = _shapes(pptx, 8)
    pictures = _pictures(words)
    assert len(pictures) == 5  # two in the sentence, one in the first item, two badges
    boxes = [s for s in words if s.has_text_frame and "\u00a0" in s.text_frame.text]  # type: ignore[attr-defined]
    for pic in pictures:  # each inside the text box whose line keeps its room
        assert any(b.left <= pic.left and pic.left + pic.width <= b.left + b.width  # type: ignore[attr-defined]
                   and b.top <= pic.top and pic.top + pic.height <= b.top + b.height  # type: ignore[attr-defined]
                   for b in boxes)  # fmt: skip
    columns = _texts(_shapes(pptx, 9))
    short = columns["A short column keeps its size."].text_frame.paragraphs[0].runs[0]  # type: ignore[attr-defined]
    long = next(s for t, s in columns.items() if t.startswith("the long column's first"))
    first = long.text_frame.paragraphs[0].runs[0]  # type: ignore[attr-defined]
    assert abs(short.font.size.pt - 42 * 540 / 728) < 0.2  # the theme's 42px body text
    assert first.font.size < short.font.size  # the long column alone is smaller
    title = columns["COLUMNS FITTED APART"].text_frame.paragraphs[0].runs[0]  # type: ignore[attr-defined]
    assert title.font.size == _texts(_shapes(pptx, 1))["COLUMNS"].text_frame.paragraphs[0] \
        .runs[0].font.size  # type: ignore[attr-defined]  # fmt: skip
