"""Every script and every emoji, read back from the PDF, the handout and LibreOffice's render.

The fixture deck (fixtures/scripts/talk.md) holds Chinese, Japanese, Korean, Russian, Greek,
Arabic, Hebrew, Devanagari and emoji in titles, bullets, tables, notes, bold and italic runs.
PyMuPDF's text trace reports each drawn glyph's id and its text: no glyph 0 (.notdef) may be
drawn anywhere, every character of the deck must be in the text layer, Arabic letters must be
drawn in their joined forms, a Hebrew word's first letter must be its rightmost.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pymupdf
import pytest
from conftest import soffice_convert
from pptx import Presentation

import converter
from converter.text.library import FontLibrary

ROOT = Path(__file__).resolve().parents[1]
DECK = ROOT / "fixtures" / "scripts" / "talk.md"
MARKUP = set("|#*-:`")

_fonts = FontLibrary()
needs_noto = pytest.mark.skipif(
    not (_fonts.faces("Noto Sans CJK SC") and _fonts.faces("Noto Color Emoji")
         and _fonts.faces("Noto Sans Arabic")),
    reason="Noto CJK, Noto core and Noto Color Emoji are not installed (see .ci/run)",
)  # fmt: skip
pytestmark = needs_noto


def _source() -> tuple[str, str]:
    """The deck's slide text and notes text (front matter and Markdown markers left out)."""
    text = DECK.read_text(encoding="utf-8")
    body = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)
    slides, notes = [], []
    for chunk in body.split("\n---\n"):
        main, _, note = chunk.partition("\nNote:")
        slides.append(main)
        notes.append(note)
    return "\n".join(slides), "\n".join(notes)


def _chars(text: str) -> set[str]:
    return {c for c in text if not c.isspace() and c not in MARKUP}


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    work = tmp_path_factory.mktemp("scripts")
    out = {"pdf": work / "talk.pdf", "pptx": work / "talk.pptx",
           "handout": work / "handout.pdf"}  # fmt: skip
    result = converter.convert(DECK, [out["pdf"], out["pptx"]], handout_outputs=[out["handout"]])
    assert [d for d in result.diagnostics if d.code == "missing-glyph"] == []
    return out


def _glyphs(path: Path) -> Iterator[tuple[int, int, str, tuple[float, float]]]:
    """(page, glyph id, character, origin) for every glyph drawn."""
    with pymupdf.open(path) as doc:
        for number, page in enumerate(doc, 1):
            for span in page.get_texttrace():
                for ucs, gid, origin, _bbox in span["chars"]:
                    yield number, gid, chr(ucs) if ucs >= 0 else "", origin


def _text(path: Path) -> str:
    with pymupdf.open(path) as doc:
        return "".join(page.get_text() for page in doc)


@pytest.mark.parametrize("kind", ["pdf", "handout"])
def test_no_notdef_glyph_is_drawn(outputs: dict[str, Path], kind: str) -> None:
    drawn = list(_glyphs(outputs[kind]))
    assert len(drawn) > 400
    notdef = [(page, char) for page, gid, char, _o in drawn if gid == 0]
    assert notdef == []


def test_every_character_is_in_the_slides_text_layer(outputs: dict[str, Path]) -> None:
    slides, _notes = _source()
    layer = _text(outputs["pdf"])
    missing = {c for c in _chars(slides) if c not in layer and c.upper() not in layer}
    assert missing == set()  # headings may be upper case (the white theme's text-transform)


def test_every_character_is_in_the_handouts_text_layer(outputs: dict[str, Path]) -> None:
    slides, notes = _source()
    layer = _text(outputs["handout"])
    missing = {c for c in _chars(slides + notes) if c not in layer and c.upper() not in layer}
    assert missing == set()
    for emoji in ("👨\u200d👩\u200d👧", "🇫🇷", "👋", "📊"):  # sequences survive whole
        assert emoji in layer


def test_arabic_is_drawn_with_contextual_forms(outputs: dict[str, Path]) -> None:
    beh = {gid for page, gid, char, _o in _glyphs(outputs["pdf"]) if page == 5 and char == "ب"}
    # initial in "بالعالم", medial in "مرحبا": two different glyphs for one letter
    assert len(beh) >= 2, beh


def test_a_hebrew_word_reads_right_to_left(outputs: dict[str, Path]) -> None:
    glyphs = [(char, origin) for page, _gid, char, origin in _glyphs(outputs["pdf"])
              if page == 5]  # fmt: skip
    shin = [o for c, o in glyphs if c == "ש"]
    final_mem = [o for c, o in glyphs if c == "ם"]
    assert shin and final_mem
    for sx, sy in shin:  # every שלום: its first letter stands right of its last
        nearest = min(final_mem, key=lambda o: abs(o[1] - sy) * 1000 + abs(o[0] - sx))
        assert abs(nearest[1] - sy) < 1 and nearest[0] < sx


def test_emoji_are_colour_pictures_stored_once(outputs: dict[str, Path]) -> None:
    with pymupdf.open(outputs["pdf"]) as doc:
        xrefs = [img[0] for page in doc for img in page.get_images(full=True)]
    with pymupdf.open(outputs["handout"]) as doc:
        handout = [img[0] for page in doc for img in page.get_images(full=True)]
    assert len(set(xrefs)) >= 15  # 🌍 🎉 🚀 👨‍👩‍👧 🇫🇷 ❤️ 👍🏽 🔥 ✨ and the table's
    assert len(set(handout)) >= 15


def test_pptx_keeps_every_character_and_names_script_fonts(outputs: dict[str, Path]) -> None:
    slides, notes = _source()
    prs = Presentation(str(outputs["pptx"]))
    text = "".join(
        shape.text_frame.text for slide in prs.slides for shape in slide.shapes
        if shape.has_text_frame
    ) + "".join(
        cell.text for slide in prs.slides for shape in slide.shapes if shape.has_table
        for row in shape.table.rows for cell in row.cells
    ) + "".join(slide.notes_slide.notes_text_frame.text for slide in prs.slides)  # fmt: skip
    missing = {c for c in _chars(slides + notes) if c not in text and c.upper() not in text}
    assert missing == set()
    xml = b"".join(slide.part.blob for slide in prs.slides).decode("utf-8")
    assert '<a:ea typeface="Microsoft YaHei"/>' in xml
    assert '<a:ea typeface="Yu Gothic"/>' in xml and '<a:ea typeface="Malgun Gothic"/>' in xml
    assert 'lang="ar-SA"' in xml and 'lang="he-IL"' in xml and 'lang="hi-IN"' in xml
    assert '<a:cs typeface="Nirmala UI"/>' in xml


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_renders_the_pptx_without_boxes(
    outputs: dict[str, Path], tmp_path: Path
) -> None:
    run = soffice_convert([outputs["pptx"]], "pdf", tmp_path, tmp_path / "profile")
    rendered = tmp_path / "talk.pdf"
    assert run.returncode == 0 and rendered.is_file(), run.stderr
    drawn = list(_glyphs(rendered))
    assert [(page, char) for page, gid, char, _o in drawn if gid == 0] == []
    slides, _notes = _source()
    layer = _text(rendered)
    emoji = re.compile("[\U0001f000-\U0001faff\u2600-\u27bf\ufe0f\u200d]")
    letters = {c for c in _chars(slides) if not emoji.match(c)}
    assert {c for c in letters if c not in layer and c.upper() not in layer} == set()


def test_a_character_no_font_has_is_a_warning_with_its_line(tmp_path: Path) -> None:
    deck = tmp_path / "talk.md"
    # Nag Mundari and Kawi (Unicode 15): no font of Debian's has them
    deck.write_text("# Title\n\nfine\n\n---\n\n## Second\n\nlost \U0001e4d0 char\n\n"
                    "Note: and \U00011f00 here\n", encoding="utf-8")  # fmt: skip
    result = converter.convert(deck, [tmp_path / "talk.pdf", tmp_path / "talk.pptx"])
    found = [d for d in result.diagnostics if d.code == "missing-glyph"]
    assert [(d.slide, d.line) for d in found] == [(2, 7), (2, 11)]
    assert "U+1E4D0" in found[0].message and "U+11F00" in found[1].message
    assert "\U0001e4d0" in _text(tmp_path / "talk.pdf")  # kept in the text, never dropped
    texts = [shape.text_frame.text for shape in Presentation(str(tmp_path / "talk.pptx"))
             .slides[1].shapes if shape.has_text_frame]  # fmt: skip
    assert any("\U0001e4d0" in t for t in texts)


RTL_DECK = """\
---
theme: white
---

<!-- .slide: dir="rtl" -->

## שלום עולם

- פריט ראשון
- פריט שני

---

## Mixed

<p dir="rtl">مرحبا بالعالم 2026</p>

- left to right
"""


def test_dir_rtl_makes_paragraphs_right_to_left(tmp_path: Path) -> None:
    deck = tmp_path / "rtl.md"
    deck.write_text(RTL_DECK, encoding="utf-8")
    pdf, pptx = tmp_path / "rtl.pdf", tmp_path / "rtl.pptx"
    converter.convert(deck, [pdf, pptx])
    prs = Presentation(str(pptx))

    def ppr(slide: int) -> list[tuple[str | None, str | None]]:
        found = prs.slides[slide].part._element.iter(
            "{http://schemas.openxmlformats.org/drawingml/2006/main}pPr")
        return [(p.get("algn"), p.get("rtl")) for p in found]

    # the slide's section is right to left: its list items right-aligned, the title centred
    assert ppr(0)[:3] == [("ctr", "1"), ("r", "1"), ("r", "1")]
    # only the <p dir="rtl"> on the second slide; the list there stays left to right
    assert ppr(1)[1] == ("ctr", "1") and ("l", None) in ppr(1)[2:]
    glyphs = [(char, origin) for page, _g, char, origin in _glyphs(pdf) if page == 1]
    bullets = [o for c, o in glyphs if c == "•"]
    first = [o for c, o in glyphs if c == "פ"]  # the first letter of both items
    assert len(bullets) == 2 and len(first) == 2
    for (bx, by), (fx, fy) in zip(bullets, first, strict=True):
        assert abs(by - fy) < 1 and bx > fx  # the marker stands right of the text
