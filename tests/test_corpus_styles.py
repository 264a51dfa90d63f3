"""The styled decks of the shared corpus: their own CSS read back from the PDF and the PPTX.

A local check (the corpus is third-party and never part of the project): skipped when
`../shared/corpus` is not beside the checkout. graphql runs with its compiled Sass theme as
its package.json runs reveal-md (`--theme css/adg.css`: white page, blue headings, no upper
case); golubitsky colours headings and words with `<style>` classes on raw `<span>`s;
Tatsurou-Yajima's `<style>` turns off reveal's heading upper-casing.
"""

from __future__ import annotations

from pathlib import Path

import pymupdf
import pytest

from converter.cli.main import main

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"

pytestmark = pytest.mark.skipif(
    not CORPUS.is_dir(), reason=f"the shared corpus is not present at {CORPUS}"
)


def _spans(pdf: Path) -> list[tuple[int, str, int]]:
    with pymupdf.open(pdf) as doc:
        return [(number, s["text"].strip(), s["color"]) for number, page in enumerate(doc, 1)
                for block in page.get_text("dict")["blocks"] for line in block.get("lines", [])
                for s in line["spans"] if s["text"].strip()]  # fmt: skip


def _convert(deck: Path, tmp_path: Path, *extra: str) -> Path:
    pdf = tmp_path / f"{deck.stem}.pdf"
    code = main([str(deck), "-o", str(pdf), "-o", str(tmp_path / f"{deck.stem}.pptx"), "-q",
                 *extra])  # fmt: skip
    assert code == 0 and pdf.is_file()
    return pdf


def test_graphql_with_its_compiled_theme(tmp_path: Path) -> None:
    folder = CORPUS / "andiwinata__graphql-slides-reveal-md"
    pdf = _convert(folder / "graphql.md", tmp_path, "--theme", str(folder / "css" / "adg.css"))
    spans = _spans(pdf)
    heading = next(c for page, text, c in spans if page == 2 and text == "GraphQL is")
    assert heading == 0x0747A6  # `.reveal h2 { color: #0747A6; text-transform: none }`
    with pymupdf.open(pdf) as doc:
        assert doc[1].get_pixmap(dpi=10).pixel(1, 1) == (255, 255, 255)  # `body { background }`


def test_golubitsky_style_classes(tmp_path: Path) -> None:
    spans = _spans(_convert(CORPUS / "golubitsky__present" / "index.md", tmp_path))
    colours = {text: c for _p, text, c in spans}
    assert colours["REFACTORING"] == 0x008000  # <span class="font-green"> in the title
    assert colours["TOPICS"] == 0x008000  # ## <div class="font-green">
    red = [text for _p, text, c in spans if c == 0xFF0000]
    assert "untested" in red and "copied-and-pasted" in red  # .font-red words


def test_head_first_headings_keep_their_case(tmp_path: Path) -> None:
    folder = CORPUS / "Tatsurou-Yajima__Head-first-for-study-meeting"
    spans = _spans(_convert(folder / "chapter-5.md", tmp_path))
    texts = [text for _p, text, _c in spans]
    assert "Singleton" in texts and "SINGLETON" not in texts  # text-transform: none
