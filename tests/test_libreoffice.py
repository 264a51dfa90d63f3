"""LibreOffice opens what md2pptx writes: each deck is converted to PDF by a headless
`soffice` (one private profile per test session), and the PDF has one page per slide, the
slide size, and every slide's title and text on its page.

Slow (real client): marked `slow`; skipped when `soffice` is not on PATH."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from conftest import SOFFICE, assert_valid_pptx, soffice_convert
from pptx import Presentation
from pypdf import PdfReader

from converter.api import convert

ROOT = Path(__file__).resolve().parents[1]
FEATURES = ROOT / "fixtures" / "features" / "talk.md"
SAFETY = ROOT / "fixtures" / "community-safety" / "talk.md"
PDFTOTEXT = shutil.which("pdftotext")
TIMEOUT = 120

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not on PATH"),
]

# name -> (deck, --size, slides, page size in points)
DECKS: dict[str, tuple[Path, str, int, tuple[float, float]]] = {
    "features": (FEATURES, "16:9", 15, (960.0, 540.0)),
    "safety": (SAFETY, "16:9", 17, (960.0, 540.0)),
    "features-4x3": (FEATURES, "4:3", 15, (720.0, 540.0)),
}


@dataclass
class Rendered:
    pptx: Path
    pdf: Path
    prs: Any
    reader: PdfReader

    def text(self, page: int, layout: bool = False) -> str:
        """The text of 1-based `page` (pdftotext when installed, else pypdf)."""
        if PDFTOTEXT is not None:
            args = [PDFTOTEXT, "-f", str(page), "-l", str(page), "-enc", "UTF-8"]
            if layout:
                args.append("-layout")
            done = subprocess.run(
                [*args, str(self.pdf), "-"], capture_output=True, timeout=60, check=True
            )
            return done.stdout.decode("utf-8")
        mode = "layout" if layout else "plain"
        return self.reader.pages[page - 1].extract_text(extraction_mode=mode)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Rendered]:
    """Every deck converted to .pptx, then all of them to PDF in one `soffice` run."""
    assert SOFFICE is not None
    work = tmp_path_factory.mktemp("lo-decks")
    profile = tmp_path_factory.mktemp("lo-profile")  # private: parallel runs never share it
    outdir = work / "pdf"
    outdir.mkdir()
    paths: dict[str, Path] = {}
    for name, (source, size, _, _) in DECKS.items():
        target = work / f"{name}.pptx"
        convert(source, [target], size=size)
        assert_valid_pptx(target)
        paths[name] = target
    done = soffice_convert(paths.values(), "pdf", outdir, profile, TIMEOUT)
    out: dict[str, Rendered] = {}
    for name, pptx in paths.items():
        pdf = outdir / f"{name}.pdf"
        assert pdf.is_file(), (
            f"LibreOffice wrote no PDF for {name} (exit {done.returncode}):\n"
            + done.stderr.decode(errors="replace")[-2000:]
        )
        out[name] = Rendered(pptx, pdf, Presentation(str(pptx)), PdfReader(str(pdf)))
    return out


def squash(text: str) -> str:
    """Case- and whitespace-insensitive form (themes upper-case headings; PDF text extraction
    moves spaces and line breaks)."""
    return re.sub(r"\s+", "", text).casefold()


@pytest.mark.parametrize("name", list(DECKS))
def test_one_page_per_slide(rendered: dict[str, Rendered], name: str) -> None:
    deck = rendered[name]
    slides = DECKS[name][2]
    assert len(deck.prs.slides) == slides
    assert len(deck.reader.pages) == slides


@pytest.mark.parametrize("name", list(DECKS))
def test_page_size_is_the_slide_size(rendered: dict[str, Rendered], name: str) -> None:
    width, height = DECKS[name][3]
    for page in rendered[name].reader.pages:
        box = page.mediabox
        assert float(box.width) == pytest.approx(width, abs=0.5)
        assert float(box.height) == pytest.approx(height, abs=0.5)


@pytest.mark.parametrize("name", list(DECKS))
def test_each_page_shows_its_slide_title(rendered: dict[str, Rendered], name: str) -> None:
    deck = rendered[name]
    titled = 0
    for number, slide in enumerate(deck.prs.slides, start=1):
        title = slide.shapes.title
        if title is None or not title.text.strip():
            continue
        titled += 1
        assert squash(title.text) in squash(deck.text(number)), (number, title.text)
    assert titled >= 7


@pytest.mark.parametrize("name", list(DECKS))
def test_each_page_shows_its_slide_text(rendered: dict[str, Rendered], name: str) -> None:
    deck = rendered[name]
    checked = 0
    for number, slide in enumerate(deck.prs.slides, start=1):
        page = squash(deck.text(number))
        for shape in slide.shapes:
            frames = (
                [c.text_frame for row in shape.table.rows for c in row.cells]
                if shape.has_table
                else [shape.text_frame]
                if shape.has_text_frame
                else []
            )
            for frame in frames:
                for para in frame.paragraphs:
                    if para.text.strip():
                        assert squash(para.text) in page, (number, para.text)
                        checked += 1
    assert checked >= 20


def test_pdf_carries_the_document_title(rendered: dict[str, Rendered]) -> None:
    meta = rendered["features"].reader.metadata
    assert meta is not None and meta.title == "md2pptx feature tour"
    assert rendered["safety"].reader.metadata.title == "Community Safety and Performance"


def _lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]




@pytest.mark.parametrize("name", ["features", "features-4x3"])
def test_content_sized_text_is_not_rewrapped(rendered: dict[str, Rendered], name: str) -> None:
    deck = rendered[name]
    lists = _lines(deck.text(2, layout=True))
    assert any(line.endswith("First level with bold and italic") for line in lists), lists
    ordered = _lines(deck.text(3, layout=True))
    assert any(line.endswith("Nested ordered") for line in ordered), ordered
    table = deck.text(6, layout=True).split()
    for word in ("Feature", "Status", "Count", "Titles", "partial"):
        assert word in table, table
