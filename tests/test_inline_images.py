"""Pictures inline in text (issue 13): an image among the words of a paragraph is a box of
its line, its bottom on the baseline, wrapping with the words.

Decks are written here with the layout fixture's images; positions are read back from the PDF
(PyMuPDF: words and image rectangles) and the PPTX (python-pptx: the picture shapes, the text
box around them, the run keeping the picture's room).
"""

from __future__ import annotations

import shutil
from itertools import pairwise
from pathlib import Path

import pymupdf
from conftest import convert_text
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

ROOT = Path(__file__).resolve().parents[1]
IMG = ROOT / "fixtures" / "layout" / "img"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def _deck(tmp_path: Path, md: str, *suffixes: str) -> tuple[object, ...]:
    shutil.copytree(IMG, tmp_path / "img")
    return convert_text(tmp_path, md, *suffixes)


def _images(page: pymupdf.Page) -> list[pymupdf.Rect]:
    return sorted((pymupdf.Rect(i["bbox"]) for i in page.get_image_info()),
                  key=lambda r: (round(r.y1), r.x0))  # fmt: skip


def _word(page: pymupdf.Page, text: str) -> pymupdf.Rect:
    [found] = [pymupdf.Rect(w[:4]) for w in page.get_text("words") if w[4] == text]
    return found


def test_an_image_among_words_sits_on_their_line(tmp_path: Path) -> None:
    md = ('# Inline\n\nBefore <img src="img/red.png" width="40" alt="a red square"> after '
          "the picture.\n")
    result, pptx, pdf = _deck(tmp_path, md, "pptx", "pdf")
    assert [d.code for d in result.warnings] == []  # type: ignore[attr-defined]
    with pymupdf.open(pdf) as doc:
        page = doc[0]
        [picture] = _images(page)
        before, after = _word(page, "Before"), _word(page, "after")
        words = [w[4] for w in page.get_text("words")]
    assert "red" not in " ".join(words)  # no alt text or source drawn as text
    assert before.x1 < picture.x0 and picture.x1 < after.x0  # between the words, in order
    assert abs(picture.width - 40 * 540 / 700 / 1.04) < 1  # width="40": 40 CSS px
    assert abs(picture.height - picture.width * 3 / 4) < 1  # aspect kept
    baseline = before.y1 - 0.25 * before.height  # about where the text's baseline is
    assert abs(picture.y1 - baseline) < 0.2 * before.height  # its bottom on the baseline
    assert before.y0 < picture.y1 and abs(before.y1 - after.y1) < 0.5  # one line
    prs = Presentation(str(pptx))
    shapes = list(prs.slides[0].shapes)
    [shape] = [s for s in shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    [box] = [s for s in shapes if s.has_text_frame and "Before" in s.text_frame.text]
    assert box.left <= shape.left and shape.left + shape.width <= box.left + box.width
    assert box.top <= shape.top and shape.top + shape.height <= box.top + box.height
    assert shapes.index(shape) > shapes.index(box)  # drawn over its text box
    assert shape._element.nvPicPr.cNvPr.get("descr") == "a red square"  # alt text kept
    room = [r for p in box.text_frame.paragraphs for r in p.runs if r.text == "\u00a0"]
    assert len(room) == 1 and int(room[0]._r.find(f"{A}rPr").get("spc")) > 0


def test_images_in_a_line_wrap_when_it_is_full(tmp_path: Path) -> None:
    icon = '<img src="img/gold.png" width="120">'
    md = f"# Wrapping\n\nWords {icon} and {icon} more {icon} words {icon} end {icon} here.\n"
    _result, pdf = _deck(tmp_path, md, "pdf")
    with pymupdf.open(pdf) as doc:
        page = doc[0]
        pictures = _images(page)
        words = {w[4]: pymupdf.Rect(w[:4]) for w in page.get_text("words")}
        width = page.rect.width
    assert len(pictures) == 5
    bottoms = sorted({round(p.y1) for p in pictures})
    assert len(bottoms) >= 2  # more than one line
    for line in bottoms:
        row = sorted((p for p in pictures if round(p.y1) == line), key=lambda p: p.x0)
        assert all(a.x1 < b.x0 for a, b in pairwise(row))  # no overlap
    first = min(bottoms)
    later = [p for p in pictures if round(p.y1) > first]
    assert all(p.y0 >= first - 0.5 for p in later)  # the next line is below the first one
    assert all(p.x1 <= width for p in pictures)
    assert words["here."].y1 > first  # the words wrapped with them


def test_a_tall_picture_makes_its_line_taller(tmp_path: Path) -> None:
    md = ('# Tall\n\nA first line of words that is long enough to wrap here\n'
          'and the <img src="img/tall.png" height="200"> picture on its second line.\n')
    _result, pdf = _deck(tmp_path, md, "pdf")
    with pymupdf.open(pdf) as doc:
        page = doc[0]
        [picture] = _images(page)
        first, second = _word(page, "first"), _word(page, "picture")
    assert picture.height > 2.5 * first.height
    assert second.y0 > first.y1 + picture.height * 0.8  # the line grew to hold it
    assert abs(second.y1 - 0.25 * second.height - picture.y1) < 0.2 * second.height


def test_a_missing_inline_image_is_a_diagnostic_and_its_place_kept(tmp_path: Path) -> None:
    md = "# Missing\n\nText ![gone](img/nothere.png) after.\n"
    result, pptx, pdf = _deck(tmp_path, md, "pptx", "pdf")
    assert "missing-image" in [d.code for d in result.warnings]  # type: ignore[attr-defined]
    with pymupdf.open(pdf) as doc:
        text = doc[0].get_text()
    assert "Text" in text and "after." in text
    prs = Presentation(str(pptx))
    texts = [s.text_frame.text for s in prs.slides[0].shapes if s.has_text_frame]
    assert any(t.startswith("Text") and t.endswith("after.") for t in texts)


def test_a_linked_badge_keeps_its_link_and_fragments_their_picture(tmp_path: Path) -> None:
    md = ("# Badges\n\nBuild [![build passing](img/blue.png)](https://ci.example.org) "
          "status.\n\n- a step <img src=\"img/gold.png\" width=\"40\" class=\"fragment\"> "
          "shown later\n")
    _result, pptx, pdf = _deck(tmp_path, md, "pptx", "pdf")
    prs = Presentation(str(pptx))
    pictures = [s for s in prs.slides[0].shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert len(pictures) == 2
    linked = [p for p in pictures if p.click_action.hyperlink.address]
    assert [p.click_action.hyperlink.address for p in linked] == ["https://ci.example.org"]
    with pymupdf.open(pdf) as doc:
        first = doc[0]
        links = [link for link in first.get_links() if link.get("uri")]
        [badge] = [r for r in _images(first) if r.width > 60]
    assert any(pymupdf.Rect(link["from"]).intersects(badge) for link in links)
    [step] = [p for p in pictures if not p.click_action.hyperlink.address]
    timing = prs.slides[0]._element.find(
        "{http://schemas.openxmlformats.org/presentationml/2006/main}timing")
    assert timing is not None  # the picture of its own appears on its click (reveal's img)
    targets = {t.get("spid") for t in timing.iter(
        "{http://schemas.openxmlformats.org/presentationml/2006/main}spTgt")}
    assert str(step.shape_id) in targets
    text = next(s for s in prs.slides[0].shapes if s.has_text_frame
                and "a step" in s.text_frame.text)  # fmt: skip
    assert str(text.shape_id) not in targets  # its text is there from the start


def test_css_rules_size_an_inline_picture(tmp_path: Path) -> None:
    md = ("# Inline\n\n<style>.reveal img.icon { width: 80px; }</style>\n\n"
          'Before <img class="icon" src="img/red.png" width="40"> after.\n')
    _result, pdf = _deck(tmp_path, md, "pdf")
    with pymupdf.open(pdf) as doc:
        [picture] = _images(doc[0])
    assert abs(picture.width - 80 * 540 / 700 / 1.04) < 1  # the rule beats the attribute
