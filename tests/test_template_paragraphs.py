"""Paragraphs typed into a template (issue 16): in a placeholder, a paragraph states only what
differs from the template's text style at its level (indents, alignment, line spacing, the
space between paragraphs, the bullet), and layout sets list items with that style, so the PDF
shows the template's bullets, indents and spacing too. Read back with python-pptx and PyMuPDF
from python-pptx's own template and LibreOffice's Focus (converted at test time by the
`lo_templates` fixture of test_template_office)."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path
from typing import Any

import pymupdf
import pytest
from conftest import assert_valid_pptx
from pptx import Presentation
from pptx.oxml.ns import qn
from test_template_office import (
    _body_placeholder,
    lo_templates,  # noqa: F401  (the fixture, shared)
    localised_template,
)

from converter.api import convert
from converter.template.choice import layout_choice
from converter.template.reference import load_template

DECK = """\
## Agenda

- Results are good
- Outlook is better
  - nested one
  - nested two
- Third point

---

## Details

Some words in a paragraph.

Another paragraph.

1. first
2. second

---

Just text, no title
"""


@pytest.fixture
def deck(tmp_path: Path) -> Path:
    path = tmp_path / "talk.md"
    path.write_text(DECK, encoding="utf-8")
    return path


def _pprs(shape: Any) -> list[Any]:
    return [p.find(qn("a:pPr")) for p in shape._element.iter(qn("a:p"))]


def _children(ppr: Any) -> set[str]:
    return {child.tag.split("}")[1] for child in ppr} if ppr is not None else set()


def test_list_items_inherit_the_templates_paragraph_style(tmp_path: Path, deck: Path) -> None:
    """python-pptx's template: bullets "•" and "–", 20 % space before, indents per level. The
    items state their level and nothing else (not even the first one's space before, which
    LibreOffice does not add at the top of a box, even when stated)."""
    template = localised_template(tmp_path / "plain.pptx", {}, True)
    out = tmp_path / "talk.pptx"
    convert(deck, [out], template=template)
    assert_valid_pptx(out)
    prs = Presentation(str(out))
    body = _body_placeholder(prs.slides[0])
    assert body is not None
    pprs = _pprs(body)
    assert len(pprs) == 5
    for k, ppr in enumerate(pprs):
        attrs = dict(ppr.attrib) if ppr is not None else {}
        assert "marL" not in attrs and "indent" not in attrs and "algn" not in attrs, attrs
        assert not _children(ppr) & {"lnSpc", "buChar", "buFont", "buClr", "buSzPct", "buNone"}
        assert "spcBef" not in _children(ppr), (k, _children(ppr))
    assert [(p.get("lvl") if p is not None else None) for p in pprs] == [None, None, "1", "1",
                                                                         None]  # fmt: skip


def test_plain_paragraphs_and_numbers_state_what_the_deck_says(tmp_path: Path,
                                                               deck: Path) -> None:  # fmt: skip
    """A paragraph in a body placeholder whose first level has bullets says it has none (and
    no hanging indent); an ordered list states its numbering; a free text box (no title, no
    placeholder) states everything, as without a template."""
    template = localised_template(tmp_path / "plain.pptx", {}, True)
    out = tmp_path / "talk.pptx"
    convert(deck, [out], template=template)
    prs = Presentation(str(out))
    body = _body_placeholder(prs.slides[1])
    assert body is not None
    pprs = _pprs(body)
    assert len(pprs) == 4
    for ppr in pprs[:2]:
        assert ppr.get("marL") == "0" and ppr.get("indent") == "0"
        assert "buNone" in _children(ppr)
    for ppr in pprs[2:]:
        assert "buAutoNum" in _children(ppr)
    free = next(s for s in prs.slides[2].shapes if s.has_text_frame and "Just text" in s.text)
    [ppr] = _pprs(free)
    assert {"lnSpc", "spcBef", "spcAft", "buNone"} <= _children(ppr)
    assert ppr.get("marL") == "0" and ppr.get("algn") is not None


def test_pdf_sets_items_as_the_template_does(tmp_path: Path, deck: Path) -> None:
    """Our PDF: the template's markers ("•", then "–" for the nested items), the text at the
    level's left margin from the placeholder's text area (inside its insets), left aligned as
    the template's body."""
    template = localised_template(tmp_path / "plain.pptx", {}, True)
    pdf = tmp_path / "talk.pdf"
    convert(deck, [pdf], template=template)
    loaded = load_template(template)
    layout = layout_choice(loaded, "content").layout
    assert layout is not None
    ph = layout.find("obj", "body")
    assert ph is not None and ph.box is not None
    left = (ph.box[0] + ph.insets[0]) / 12700  # the text area, inside the placeholder's insets
    levels = [look.margin or 0.0 for look in ph.looks[:2]]  # 27 pt and 58.5 pt
    with pymupdf.open(pdf) as doc:
        spans = {s["text"].strip(): s for b in doc[0].get_text("dict")["blocks"]
                 for line in b.get("lines", []) for s in line["spans"]
                 if s["text"].strip()}  # fmt: skip
        assert "•" in spans and "–" in spans
        [results] = doc[0].search_for("Results are good")
        [nested] = doc[0].search_for("nested one")
        assert abs(results.x0 - (left + levels[0])) < 1.0
        assert abs(nested.x0 - (left + levels[1])) < 1.0
        assert spans["–"]["bbox"][0] < nested.x0
        # the space between items: a line (1.2 em) and 20 % of the size before each
        first, second = spans["Results are good"], spans["Outlook is better"]
        pitch = second["origin"][1] - first["origin"][1]
        assert abs(pitch - first["size"] * 1.4) < 0.5, pitch


def test_libreoffice_template_bullets(tmp_path: Path, deck: Path,
                                      lo_templates: dict[str, Path]) -> None:  # noqa: F811  # fmt: skip
    """Focus: LibreOffice's masters keep their bullets in the sample text (Wingdings "l" at
    45 %, Symbol "-" at 75 %): the output master states them in `p:txStyles`, the items
    inherit them, and our PDF draws them as the characters they show ("●", "−") at that
    size, numbers at the text's size."""
    pptx, pdf = tmp_path / "focus.pptx", tmp_path / "focus.pdf"
    convert(deck, [pptx, pdf], template=lo_templates["Focus"])
    prs = Presentation(str(pptx))
    body = _body_placeholder(prs.slides[0])
    assert body is not None
    for ppr in _pprs(body):
        assert not _children(ppr) & {"buChar", "buFont", "buSzPct", "lnSpc"}
    master = prs.slides[0].slide_layout.slide_master._element
    style = master.find(f"{qn('p:txStyles')}/{qn('p:bodyStyle')}/{qn('a:lvl1pPr')}")
    assert style is not None and style.find(qn("a:buChar")) is not None
    numbers = _pprs(_body_placeholder(prs.slides[1]))[2:]
    for ppr in numbers:  # numbers keep the text's size where the bullets are smaller
        size = ppr.find(qn("a:buSzPct"))
        assert size is not None and size.get("val") == "100000"
    with pymupdf.open(pdf) as doc:
        spans = [s for b in doc[0].get_text("dict")["blocks"] for line in b.get("lines", [])
                 for s in line["spans"]]  # fmt: skip
        text = next(s for s in spans if s["text"].startswith("Results"))
        dots = [s for s in spans if s["text"].strip() == "\u25cf"]
        dashes = [s for s in spans if s["text"].strip() == "\u2212"]
        assert len(dots) == 3 and len(dashes) == 2
        assert abs(dots[0]["size"] - 0.45 * text["size"]) < 0.2


TWO = """\
## Two

<div style="display:flex">
<div>

- Left words
- more left

</div>
<div>

Right words

</div>
</div>

---

## Stacked

<div class="r-hstack">
<p>One side</p>
<p>Other side</p>
</div>

---

## Column

<div style="display:flex; flex-direction:column">
<div>Top</div>
<div>Bottom</div>
</div>
"""


def test_two_columns_fill_the_two_content_placeholders(tmp_path: Path) -> None:
    """A heading over a flex container of two items (or reveal's r-hstack): the Two Content
    layout, each column in its own placeholder, left to right, its position inherited; a
    column-direction flex box stays one body (Title and Content)."""
    source = tmp_path / "two.md"
    source.write_text(TWO, encoding="utf-8")
    template = localised_template(tmp_path / "plain.pptx", {}, True)
    pptx, pdf = tmp_path / "two.pptx", tmp_path / "two.pdf"
    convert(source, [pptx, pdf], template=template)
    assert_valid_pptx(pptx)
    prs = Presentation(str(pptx))
    slides = list(prs.slides)
    assert [s.slide_layout.name for s in slides] == ["Two Content", "Two Content",
                                                     "Title and Content"]  # fmt: skip
    for slide, texts in ((slides[0], ("Left words\nmore left", "Right words")),
                         (slides[1], ("One side", "Other side"))):  # fmt: skip
        columns = {s.placeholder_format.idx: s for s in slide.placeholders
                   if s.placeholder_format.idx in (1, 2)}  # fmt: skip
        assert [columns[1].text_frame.text, columns[2].text_frame.text] == list(texts)
        for shape in columns.values():
            assert shape._element.find(qn("p:spPr")).find(qn("a:xfrm")) is None
    right = next(ph for ph in slides[0].slide_layout.placeholders if ph.placeholder_format.idx == 2)
    with pymupdf.open(pdf) as doc:
        [words] = doc[0].search_for("Right words")
        assert right.left / 12700 - 0.5 <= words.x0 <= right.left / 12700 + 10


def test_titles_and_bodies_inherit_their_placeholders_frame(tmp_path: Path, deck: Path) -> None:
    """python-pptx's template: each title and body is its placeholder's box (no `a:xfrm`) and
    takes its anchor and insets from it (no `lIns`/`anchor` in `a:bodyPr`); our PDF puts the
    text where they put it: the title centred in its box (anchor ctr), the body's first line
    at the top inset."""
    template = localised_template(tmp_path / "plain.pptx", {}, True)
    pptx, pdf = tmp_path / "talk.pptx", tmp_path / "talk.pdf"
    convert(deck, [pptx, pdf], template=template)
    slide = Presentation(str(pptx)).slides[0]
    for shape in (slide.shapes.title, _body_placeholder(slide)):
        assert shape is not None
        assert shape._element.find(qn("p:spPr")).find(qn("a:xfrm")) is None, shape.name
        body_pr = shape._element.find(f"{qn('p:txBody')}/{qn('a:bodyPr')}")
        assert not {"lIns", "tIns", "anchor"} & set(body_pr.attrib), body_pr.attrib
    layout = layout_choice(load_template(template), "content").layout
    assert layout is not None
    title_ph, body_ph = layout.find("title"), layout.find("obj", "body")
    assert title_ph is not None and title_ph.box is not None and title_ph.anchor == "ctr"
    assert body_ph is not None and body_ph.box is not None
    with pymupdf.open(pdf) as doc:
        [title] = doc[0].search_for("Agenda")
        [first] = doc[0].search_for("Results are good")
    _x, y, _w, h = (v / 12700 for v in title_ph.box)
    assert abs((title.y0 + title.y1) / 2 - (y + h / 2)) < 3.0
    top = (body_ph.box[1] + body_ph.insets[1]) / 12700
    assert top <= first.y0 < top + 8


NESTED = """\
## Agenda

Opening words.

- Results are good
  - nested one
    - third level
      - fourth level
- Third point

1. first

Closing words.
"""


def _odd_template(path: Path) -> Path:
    """python-pptx's template with a body style that spaces after (12 pt at the first
    level), sets 125 % lines and smaller sizes, and states the indents of its first two
    levels only."""
    from lxml import etree

    prs = Presentation()
    body = prs.slide_master._element.find(f"{qn('p:txStyles')}/{qn('p:bodyStyle')}")
    a = "http://schemas.openxmlformats.org/drawingml/2006/main"
    for n, level in enumerate(body, 1):
        if n > 2:
            level.attrib.pop("marL", None)
            level.attrib.pop("indent", None)
        for tag in ("lnSpc", "spcBef", "spcAft"):
            for old in level.findall(qn(f"a:{tag}")):
                level.remove(old)
        spacing = (f'<a:lnSpc xmlns:a="{a}"><a:spcPct val="125000"/></a:lnSpc>',
                   f'<a:spcBef xmlns:a="{a}"><a:spcPts val="600"/></a:spcBef>',
                   f'<a:spcAft xmlns:a="{a}"><a:spcPts val="{1200 if n == 1 else 0}"/></a:spcAft>')
        for k, xml in enumerate(spacing):
            level.insert(k, etree.fromstring(xml))
        run = level.find(qn("a:defRPr"))
        if run is not None:  # smaller text, so the slide fits without shrinking
            run.set("sz", str(2400 - 200 * min(n - 1, 4)))
    prs.save(str(path))
    return path


@pytest.mark.slow
@pytest.mark.parametrize("which", ["plain", "odd", "Focus"])
def test_nested_lists_agree_with_libreoffice_line_by_line(
    tmp_path: Path, which: str, lo_templates: dict[str, Path]  # noqa: F811
) -> None:
    """Paragraphs, four nested levels, numbers: every line of our PDF where LibreOffice puts
    it in its render of our PPTX, by the gaps between lines and their left edges (within
    1.5 pt; the first baseline differs by the fonts' ascents, which LibreOffice takes from
    other metrics): sizes per level (not shrunk level by level), the space between paragraphs
    counted once (the one stated, else the one inherited), levels the template gives no
    indent indented as reveal does, 125 % lines stated (gaps within 2 pt: across sizes the
    fonts' ascents differ too)."""
    from conftest import soffice_convert

    templates = {"plain": localised_template(tmp_path / "plain.pptx", {}, True),
                 "odd": _odd_template(tmp_path / "odd.pptx"), "Focus": lo_templates["Focus"]}
    source = tmp_path / "nested.md"
    source.write_text(NESTED, encoding="utf-8")
    pptx, pdf = tmp_path / "nested.pptx", tmp_path / "nested.pdf"
    convert(source, [pptx, pdf], template=templates[which])
    body = _body_placeholder(Presentation(str(pptx)).slides[0])
    assert body is not None and body._element.find(f".//{qn('a:normAutofit')}") is None
    soffice_convert([pptx], "pdf", tmp_path / "lo", tmp_path / "profile")
    with pymupdf.open(pdf) as ours, pymupdf.open(tmp_path / "lo" / "nested.pdf") as theirs:
        mine = _lines(ours[0])
        other = _lines(theirs[0])
    mine.pop("Agenda")
    other.pop("Agenda")
    assert list(mine) == list(other), (mine, other)
    order = list(mine)
    gaps = {b: ((mine[b][1] - mine[a][1]) - (other[b][1] - other[a][1]), mine[b][0] - other[b][0])
            for a, b in pairwise(order)}  # fmt: skip
    assert all(abs(dy) < 2.0 and abs(dx) < 1.5 for dy, dx in gaps.values()), gaps
    sizes = {text: size for text, (_x, _y, size) in mine.items()}
    if which == "plain":  # the template's own sizes: 32, 28, 24, 20 pt
        assert [round(sizes[t]) for t in ("Results are good", "nested one", "third level",
                                          "fourth level")] == [32, 28, 24, 20]  # fmt: skip


def _lines(page: Any) -> dict[str, tuple[float, float, float]]:
    """Each line's words (markers left out) -> (x of its first word, baseline, size)."""
    found: dict[str, tuple[float, float, float]] = {}
    for block in page.get_text("dict")["blocks"]:
        for line in block.get("lines", []):
            spans = [s for s in line["spans"] if s["text"].strip()
                     and not (len(s["text"].strip()) == 1 and not s["text"].strip().isalnum())]
            words = " ".join(s["text"].strip() for s in spans)
            words = "".join(c for c in words if not 0xE000 <= ord(c) <= 0xF8FF).strip()
            if words and not words.isdigit():
                first = spans[0]
                found[words] = (first["bbox"][0], first["origin"][1], first["size"])
    return dict(sorted(found.items(), key=lambda item: item[1][1]))
