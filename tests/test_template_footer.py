"""Footers and dates in a template's placeholders (issue 16): the deck's `footer:` and `date:`
(or `--footer` / `--date`) go into the `ftr` and `dt` placeholders of every slide whose template
layout has them, in the PPTX as real placeholders that inherit position and look, in the PDF
drawn in the placeholder's box at its size. Without a template neither is drawn (reveal-md
shows neither) and an info says so. Templates: python-pptx's default one and LibreOffice's Focus
(converted at test time by the `lo_templates` fixture of test_template_office)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pymupdf
import pytest
from conftest import assert_valid_pptx
from pptx import Presentation
from pptx.oxml.ns import qn
from test_template_office import lo_templates  # noqa: F401  (the fixture, shared)

from converter.api import Result, convert
from converter.cli.main import main
from converter.diagnostics import Severity
from converter.template.reference import LayoutInfo, load_template

FOOTER = "ACME Corp · Confidential"
DECK = """\
---
title: Footers
footer: ACME Corp · Confidential
date: 2025-03-14
revealOptions:
  slideNumber: true
---

# Quarterly review

Acme Corp

---

## Agenda

- Results are good
- Outlook is better

---

## Details

Some words in a paragraph.
"""


@pytest.fixture(scope="module")
def default_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """python-pptx's default template: every layout but Blank has dt, ftr and sldNum."""
    path = tmp_path_factory.mktemp("default") / "default.pptx"
    Presentation().save(str(path))
    return path


def _deck(tmp_path: Path, text: str = DECK) -> Path:
    path = tmp_path / "talk.md"
    path.write_text(text, encoding="utf-8")
    return path


def _ph_type(shape: Any) -> str | None:
    ph = shape._element.find(f".//{qn('p:nvPr')}/{qn('p:ph')}")
    return None if ph is None else str(ph.get("type", "obj"))


def _placeholders(slide: Any, ph_type: str) -> list[Any]:
    return [shape for shape in slide.shapes if _ph_type(shape) == ph_type]


def _layout(template: Path, slide: Any, prs: Any) -> LayoutInfo:
    """The template's `LayoutInfo` of the layout `slide` uses."""
    loaded = load_template(template)
    m = list(prs.slide_masters).index(slide.slide_layout.slide_master)
    return next(lay for lay in loaded.layouts
                if lay.master == m and lay.name == slide.slide_layout.name)  # fmt: skip


def _check_pptx(out: Path, footer: str, date: str) -> None:
    """Every slide: exactly one ftr and one dt placeholder with the texts, no xfrm, runs that
    state no size, colour or face; the placeholder's idx is its layout's."""
    assert_valid_pptx(out)
    prs = Presentation(str(out))
    assert len(prs.slides) == 3
    for slide in prs.slides:
        for ph_type, text in (("ftr", footer), ("dt", date)):
            shapes = _placeholders(slide, ph_type)
            assert len(shapes) == 1, (ph_type, [s.name for s in slide.shapes])
            shape = shapes[0]
            assert shape.text_frame.text == text
            assert shape._element.find(qn("p:spPr")).find(qn("a:xfrm")) is None
            for rpr in shape._element.iter(qn("a:rPr")):
                assert rpr.get("sz") is None
                assert rpr.find(qn("a:solidFill")) is None
                assert rpr.find(qn("a:latin")) is None
            layout_idx = [p.placeholder_format.idx for p in _placeholders(slide.slide_layout,
                                                                          ph_type)]  # fmt: skip
            assert layout_idx == [shape.placeholder_format.idx], (ph_type, layout_idx)


def _check_pdf(pdf: Path, template: Path, pptx: Path, footer: str) -> None:
    """The footer text inside the footer placeholder's box of each slide's layout, at the
    placeholder's first-level size."""
    prs = Presentation(str(pptx))
    with pymupdf.open(pdf) as doc:
        assert doc.page_count == 3
        for page, slide in zip(doc, prs.slides, strict=True):
            ph = _layout(template, slide, prs).find("ftr")
            assert ph is not None and ph.box is not None and ph.looks
            x, y, w, h = (v / 12700 for v in ph.box)
            hits = page.search_for(footer)
            inside = [r for r in hits if x - 1 <= r.x0 and r.x1 <= x + w + 1
                      and y - 1 <= r.y0 and r.y1 <= y + h + 1]  # fmt: skip
            assert len(inside) == 1, (hits, (x, y, w, h))
            span = next(s for b in page.get_text("dict")["blocks"] for line in b.get("lines", [])
                        for s in line["spans"] if s["text"].strip() == footer)  # fmt: skip
            assert abs(span["size"] - (ph.looks[0].size or 0)) < 0.2


def _infos(result: Result) -> list[str]:
    return [d.message for d in result.diagnostics
            if d.severity is Severity.INFO and d.code == "template"]  # fmt: skip


def test_default_template_footer_and_date(tmp_path: Path, default_template: Path) -> None:
    deck = _deck(tmp_path)
    pptx, pdf, handout = tmp_path / "t.pptx", tmp_path / "t.pdf", tmp_path / "h.pdf"
    result = convert(deck, [pptx, pdf], handout_outputs=[handout], template=default_template)
    _check_pptx(pptx, FOOTER, "2025-03-14")  # a YAML date, as ISO
    _check_pdf(pdf, default_template, pptx, FOOTER)
    assert not [m for m in _infos(result) if "placeholder" in m]  # every layout has both
    with pymupdf.open(handout) as doc:  # the handout's slide pictures draw it too
        assert all(page.search_for(FOOTER) for page in doc)


def test_focus_template_footer_and_date(tmp_path: Path,
                                        lo_templates: dict[str, Path]) -> None:  # noqa: F811
    template = lo_templates["Focus"]
    deck = _deck(tmp_path, DECK.replace("date: 2025-03-14", "date: 14 March 2025"))
    pptx, pdf = tmp_path / "focus.pptx", tmp_path / "focus.pdf"
    convert(deck, [pptx, pdf], template=template)
    _check_pptx(pptx, FOOTER, "14 March 2025")  # a string, as the deck gives it
    _check_pdf(pdf, template, pptx, FOOTER)


def test_cli_flags_beat_the_front_matter(tmp_path: Path, default_template: Path) -> None:
    deck = _deck(tmp_path)
    pptx = tmp_path / "cli.pptx"
    code = main([str(deck), "-o", str(pptx), "--template", str(default_template),
                 "--footer", "Board only", "--date", "Q1 2025", "-q"])  # fmt: skip
    assert code == 0
    _check_pptx(pptx, "Board only", "Q1 2025")
    text = "\n".join(s.text_frame.text for slide in Presentation(str(pptx)).slides
                     for s in slide.shapes if s.has_text_frame)  # fmt: skip
    assert FOOTER not in text and "2025-03-14" not in text


def test_footer_from_reveal_md_json(tmp_path: Path, default_template: Path) -> None:
    (tmp_path / "reveal-md.json").write_text('{"footer": "From the config"}', encoding="utf-8")
    deck = _deck(tmp_path, DECK.replace("footer: ACME Corp · Confidential\n", ""))
    pptx = tmp_path / "config.pptx"
    convert(deck, [pptx], template=default_template)
    _check_pptx(pptx, "From the config", "2025-03-14")


def test_without_a_template_nothing_is_drawn(tmp_path: Path) -> None:
    deck = _deck(tmp_path)
    pptx, pdf = tmp_path / "plain.pptx", tmp_path / "plain.pdf"
    result = convert(deck, [pptx, pdf])
    found = [d for d in result.diagnostics if d.code == "template"]
    assert len(found) == 1 and found[0].severity is Severity.INFO
    assert found[0].line == 3  # the front matter's `footer:` line
    assert "--template" in found[0].message and "footer and date" in found[0].message
    prs = Presentation(str(pptx))
    for slide in prs.slides:
        assert not _placeholders(slide, "ftr") and not _placeholders(slide, "dt")
        assert not any(FOOTER in s.text_frame.text for s in slide.shapes if s.has_text_frame)
    with pymupdf.open(pdf) as doc:
        assert not any(page.search_for(FOOTER) or page.search_for("2025-03-14") for page in doc)


def test_without_footer_or_date_nothing_changes(tmp_path: Path, default_template: Path) -> None:
    deck = _deck(tmp_path, DECK.replace("footer: ACME Corp · Confidential\ndate: 2025-03-14\n", ""))
    pptx = tmp_path / "none.pptx"
    for template in (None, default_template):
        result = convert(deck, [pptx], template=template)
        assert not [m for m in _infos(result) if "footer" in m or "date" in m]
        for slide in Presentation(str(pptx)).slides:
            assert not _placeholders(slide, "ftr") and not _placeholders(slide, "dt")


def test_layouts_without_a_footer_placeholder(tmp_path: Path) -> None:
    """A layout without ftr/dt: nothing there, and one info per deck counting the slides."""
    prs = Presentation()
    for layout in prs.slide_layouts:
        if layout.name == "Title and Content":
            for shape in list(layout.placeholders):
                if _ph_type(shape) in ("ftr", "dt"):
                    shape._element.getparent().remove(shape._element)
    template = tmp_path / "no-footer.pptx"
    prs.save(str(template))
    deck = _deck(tmp_path)
    pptx, pdf = tmp_path / "t.pptx", tmp_path / "t.pdf"
    result = convert(deck, [pptx, pdf], template=template)
    infos = [m for m in _infos(result) if "no placeholder" in m]
    assert infos == ["no placeholder in the template layout for the footer on 2 of 3 slides "
                     "and the date on 2 of 3 slides: not shown there"]  # fmt: skip
    out = Presentation(str(pptx))
    assert [len(_placeholders(s, "ftr")) for s in out.slides] == [1, 0, 0]
    assert [len(_placeholders(s, "dt")) for s in out.slides] == [1, 0, 0]
    with pymupdf.open(pdf) as doc:
        assert [bool(page.search_for(FOOTER)) for page in doc] == [True, False, False]
    assert_valid_pptx(pptx)
