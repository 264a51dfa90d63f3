"""The handout backend, read back with pypdf (strict): page counts per mode, A4 and letter
paper, the speaker notes complete and in slide order with "(continued)" pages for long notes,
the title header and "page x of y" footer on every page, the outline (one entry per visible
slide, nested for stacks, pointing at the page the slide is on), embedded TrueType fonts only,
slides as vector drawings (text operators, images only where the slide has one), ruled lines
in 3-up and for slides without notes, hidden slides left out, notes formatting (bold headings,
bullets and numbers, indents), scaled links. The notes line breaker is checked against layout's
`rewrap`, and the page splitter on its own. The community-safety deck is laid out once per
module and rendered once per mode; every PDF written passes `qpdf --check` when qpdf is there.
"""

from __future__ import annotations

import math
import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PIL import Image as PILImage
from pypdf import PdfReader
from pypdf.generic import DictionaryObject, IndirectObject

from converter.api import convert
from converter.diagnostics import Diagnostics
from converter.layout import LayoutOptions, layout_deck
from converter.layout.boxes import LaidOutDeck, TextLine, TextParagraph, TextRun
from converter.model import Meta
from converter.reader import read_file
from converter.render.pdf.handout import render_handout
from converter.render.pdf.handout_pages import Paper, split_notes
from converter.style.color import Color
from converter.text.fonts import ResolvedFont as Font
from converter.text.fonts import pick_face, vera_faces

ROOT = Path(__file__).resolve().parents[1]
SAFETY = ROOT / "fixtures" / "community-safety" / "talk.md"
QPDF = shutil.which("qpdf")
A4 = (595.28, 841.89)
LETTER = (612.0, 792.0)
BASE14 = {
    "Courier",
    "Courier-Bold",
    "Courier-Oblique",
    "Courier-BoldOblique",
    "Helvetica",
    "Helvetica-Bold",
    "Helvetica-Oblique",
    "Helvetica-BoldOblique",
    "Times-Roman",
    "Times-Bold",
    "Times-Italic",
    "Times-BoldItalic",
    "Symbol",
    "ZapfDingbats",
}
LINE = re.compile(rb"n ([-\d.]+) ([-\d.]+) m ([-\d.]+) ([-\d.]+) l S")

MIXED = """---
title: Handout Жест deck
---

# Cover

Plain text only

Note:
## Heading in notes

Intro paragraph with **bold words** inside.

- first bullet
- second bullet
  - nested bullet

1. number one
2. number two

---

## Picture

![logo](logo.png)

[a link](https://example.org/handout)

Note:
About the picture.

---

<!-- .slide: data-visibility="hidden" -->
## Secret

Note:
Hidden notes XYZZY.

---

## Quiet

No notes on this slide.

---

## Stack top

Note:
Stack top notes.

----

## Stack child

Note:
Stack child notes.
"""


# --- helpers ---------------------------------------------------------------------------------


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def qpdf_check(*paths: Path) -> None:
    """`qpdf --check` passes on every file (checked side by side: a file with a photo takes
    qpdf most of a second)."""
    if QPDF is None:
        pytest.skip("qpdf is not installed: `qpdf --check` not run")
    runs = [
        (
            path,
            subprocess.Popen(
                [QPDF, "--check", str(path)],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            ),
        )
        for path in paths
    ]
    for path, run in runs:
        out, err = run.communicate(timeout=60)
        assert run.returncode == 0, f"qpdf --check {path.name}:\n{out}\n{err}"
        assert "No syntax or stream encoding errors" in out, out


@dataclass
class Handout:
    path: Path
    reader: PdfReader
    laid: LaidOutDeck

    @property
    def pages(self) -> list[Any]:
        return list(self.reader.pages)

    @property
    def texts(self) -> list[str]:
        return [page.extract_text() for page in self.reader.pages]

    def content(self, index: int) -> bytes:
        contents = self.reader.pages[index].get_contents()
        assert contents is not None
        data: bytes = contents.get_data()
        return data

    @property
    def visible(self) -> list[Any]:
        return [s for s in self.laid.slides if not s.slide.hidden]


def laid_out(source: Path) -> tuple[LaidOutDeck, Meta]:
    read = read_file(source)
    laid = layout_deck(read.deck, LayoutOptions(), Diagnostics(str(source)))
    return laid, read.deck.meta


def write(
    laid: LaidOutDeck, meta: Meta, path: Path, mode: str = "notes", paper: str = "a4"
) -> Handout:
    path.write_bytes(render_handout(laid, meta, Diagnostics("handout"), mode=mode, paper=paper))
    return Handout(path, PdfReader(path, strict=True), laid)


def write_deck(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    PILImage.new("RGB", (64, 32), (200, 30, 30)).save(folder / "logo.png")
    path = folder / f"{name}.md"
    path.write_text(text, encoding="utf-8")
    return path


def stripped_pages(handout: Handout, title: str) -> list[str]:
    """Each page's text without whitespace, header, footer and "(continued)" heading."""
    out = []
    total = len(handout.pages)
    for number, text in enumerate(handout.texts, 1):
        flat = squash(text)
        for chrome in (title, f"page {number} of {total}"):
            assert squash(chrome) in flat, (number, chrome)
            flat = flat.replace(squash(chrome), "", 1)
        flat = re.sub(r"Slide\d+(:.*?)?\(continued\)", "", flat, count=1)
        out.append(flat)
    return out


def all_objects(reader: PdfReader) -> Iterator[Any]:
    """Every indirect object of the file."""
    numbers = {(idnum, gen) for gen, ids in reader.xref.items() for idnum in ids if idnum}
    numbers |= {(idnum, 0) for idnum in reader.xref_objStm}
    for idnum, gen in sorted(numbers):
        obj = reader.get_object(IndirectObject(idnum, gen, reader))
        if obj is not None:
            yield obj


def xobjects(owner: Any) -> Iterator[DictionaryObject]:
    """Every XObject a page (or form) can draw, looking through forms."""
    resources = owner.get("/Resources")
    table = resources.get_object().get("/XObject") if resources is not None else None
    for ref in table.get_object().values() if table is not None else ():
        obj = ref.get_object()
        yield obj
        if obj.get("/Subtype") == "/Form":
            yield from xobjects(obj)


def images_of(page: Any) -> list[DictionaryObject]:
    return [o for o in xobjects(page) if o.get("/Subtype") == "/Image"]


def horizontal_lines(data: bytes) -> list[tuple[float, float, float]]:
    """(x0, x1, y) of the horizontal line segments drawn in page coordinates (outside any
    `cm`, i.e. at nesting depth 0 of q/Q): the header rule, ruled lines."""
    out = []
    depth = 0
    for line in data.split(b"\n"):
        depth += (line.strip() == b"q") - (line.strip() == b"Q")
        if depth:
            continue
        for m in LINE.finditer(line):
            x0, y0, x1, y1 = (float(v) for v in m.groups())
            if abs(y0 - y1) < 0.01:
                out.append((x0, x1, y0))
    return out


Tree = list[tuple[str, int, list[tuple[str, int]]]]


def outline_tree(handout: Handout) -> Tree:
    """The outline as (title, page, children): two levels at most."""
    reader = handout.reader

    def item(entry: Any) -> tuple[str, int]:
        assert not isinstance(entry, list), "outline deeper than two levels"
        page = reader.get_destination_page_number(entry)
        assert page is not None, entry.title
        return str(entry.title), page

    tree: Tree = []
    for entry in reader.outline:
        if isinstance(entry, list):
            assert tree, "children without a parent entry"
            tree[-1][2].extend(item(child) for child in entry)
        else:
            tree.append((*item(entry), []))
    return tree


def expected_outline(handout: Handout, page_of: list[int]) -> Tree:
    stacks: dict[int, int] = {}
    for s in handout.visible:
        stacks[s.slide.h] = stacks.get(s.slide.h, 0) + 1
    tree: Tree = []
    started: set[int] = set()
    for laid, page in zip(handout.visible, page_of, strict=True):
        s = laid.slide
        title = s.title or f"Slide {s.number}"
        if stacks[s.h] > 1:
            if s.h not in started:
                started.add(s.h)
                tree.append((title, page, []))
            tree[-1][2].append((title, page))
        else:
            tree.append((title, page, []))
    return tree


def slide_pages(handout: Handout) -> list[int]:
    """Notes mode: the 0-based page each visible slide is drawn on (pages without a
    "(continued)" heading, in order)."""
    return [i for i, text in enumerate(handout.texts) if "(continued)" not in text]


# --- fixtures --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("handout")


@pytest.fixture(scope="module")
def safety_deck() -> tuple[LaidOutDeck, Meta]:
    return laid_out(SAFETY)


@pytest.fixture(scope="module")
def safety(work: Path, safety_deck: tuple[LaidOutDeck, Meta]) -> dict[str, Handout]:
    laid, meta = safety_deck
    return {
        mode: write(laid, meta, work / f"safety-{mode}.pdf", mode)
        for mode in ("notes", "2", "3", "4", "6")
    }


@pytest.fixture(scope="module")
def letter(work: Path, safety_deck: tuple[LaidOutDeck, Meta]) -> Handout:
    """Through the API, as the command line writes it."""
    target = work / "safety-letter.pdf"
    result = convert(SAFETY, [target], handout="notes", paper="letter")
    assert result.outputs == (target,)
    return Handout(target, PdfReader(target, strict=True), safety_deck[0])


@pytest.fixture(scope="module")
def mixed_deck(work: Path) -> tuple[LaidOutDeck, Meta]:
    return laid_out(write_deck(work / "mixed", "mixed", MIXED))


@pytest.fixture(scope="module")
def mixed(work: Path, mixed_deck: tuple[LaidOutDeck, Meta]) -> dict[str, Handout]:
    laid, meta = mixed_deck
    return {mode: write(laid, meta, work / f"mixed-{mode}.pdf", mode) for mode in ("notes", "3")}


@pytest.fixture(scope="module")
def long_notes(work: Path) -> Handout:
    """One paragraph far longer than a page, then a short one."""
    words = " ".join(f"word{i:04d}" for i in range(1400))
    md = f"---\ntitle: Long\n---\n\n## Long one\n\nNote:\n{words}\n\nThe very end.\n"
    laid, meta = laid_out(write_deck(work / "long", "long", md))
    return write(laid, meta, work / "long.pdf")


# --- every file ------------------------------------------------------------------------------


def test_qpdf_accepts_every_handout(
    safety: dict[str, Handout], letter: Handout, mixed: dict[str, Handout], long_notes: Handout
) -> None:
    qpdf_check(*(h.path for h in [*safety.values(), letter, *mixed.values(), long_notes]))


def test_every_font_is_an_embedded_truetype(
    safety: dict[str, Handout], mixed: dict[str, Handout]
) -> None:
    for handout in [*safety.values(), *mixed.values()]:
        fonts = [
            f
            for page in handout.pages
            for f in page["/Resources"].get_object()["/Font"].get_object().values()
        ]
        assert fonts
        for ref in fonts:
            font = ref.get_object()
            base = str(font["/BaseFont"]).lstrip("/")
            assert base.split("+")[-1] not in BASE14, base
            assert str(font["/Subtype"]) == "/TrueType", base
            assert "/FontFile2" in font["/FontDescriptor"].get_object(), base
        for obj in all_objects(handout.reader):
            if isinstance(obj, DictionaryObject) and obj.get("/Type") == "/Font":
                base = str(obj["/BaseFont"]).lstrip("/")
                assert base.split("+")[-1] not in BASE14, base
                assert str(obj["/Subtype"]) == "/TrueType", base


# --- pages -----------------------------------------------------------------------------------


@pytest.mark.parametrize("mode", ["2", "3", "4", "6"])
def test_grid_page_count(safety: dict[str, Handout], mode: str) -> None:
    handout = safety[mode]
    assert len(handout.visible) == 17
    assert len(handout.pages) == math.ceil(17 / int(mode))


def test_notes_mode_has_a_page_per_slide_plus_continuations(safety: dict[str, Handout]) -> None:
    handout = safety["notes"]
    continued = [t for t in handout.texts if "(continued)" in t]
    assert continued, "the long notes of the fixture need continuation pages"
    assert len(handout.pages) == 17 + len(continued)
    assert len(slide_pages(handout)) == 17


@pytest.mark.parametrize("mode", ["notes", "2", "3", "4", "6"])
def test_a4_portrait(safety: dict[str, Handout], mode: str) -> None:
    for page in safety[mode].pages:
        box = page.mediabox
        assert float(box.width) == pytest.approx(A4[0], abs=0.5)
        assert float(box.height) == pytest.approx(A4[1], abs=0.5)


def test_letter_portrait_through_the_api(letter: Handout, safety: dict[str, Handout]) -> None:
    for page in letter.pages:
        assert float(page.mediabox.width) == pytest.approx(LETTER[0], abs=0.5)
        assert float(page.mediabox.height) == pytest.approx(LETTER[1], abs=0.5)
    assert len(slide_pages(letter)) == 17
    total = len(letter.pages)
    assert all(f"page {i} of {total}" in t for i, t in enumerate(letter.texts, 1))


@pytest.mark.parametrize("mode", ["notes", "2", "3", "4", "6"])
def test_header_title_and_page_x_of_y_footer_on_every_page(
    safety: dict[str, Handout], mode: str
) -> None:
    handout = safety[mode]
    total = len(handout.pages)
    for number, text in enumerate(handout.texts, 1):
        lines = [line.strip() for line in text.splitlines()]
        assert "Community Safety and Performance" in lines[:2], (number, lines[:3])
        assert f"page {number} of {total}" in lines, (number, lines)
        assert len(re.findall(r"page \d+ of \d+", text)) == 1


def test_header_with_a_glyph_from_a_fallback_font(mixed: dict[str, Handout]) -> None:
    for number, text in enumerate(mixed["notes"].texts, 1):
        assert "Handout Жест deck" in text, number


def test_unknown_mode_and_paper_are_refused(safety_deck: tuple[LaidOutDeck, Meta]) -> None:
    laid, meta = safety_deck
    with pytest.raises(ValueError, match="mode"):
        render_handout(laid, meta, Diagnostics("x"), mode="5")
    with pytest.raises(ValueError, match="paper"):
        render_handout(laid, meta, Diagnostics("x"), paper="a3")


def test_no_visible_slide_gives_one_page(work: Path) -> None:
    md = '<!-- .slide: data-visibility="hidden" -->\n## Gone\n\nNote:\nnever shown\n'
    laid, meta = laid_out(write_deck(work / "empty", "empty", md))
    handout = write(laid, meta, work / "empty.pdf")
    assert len(handout.pages) == 1
    assert "page 1 of 1" in handout.texts[0]
    assert "never shown" not in handout.texts[0]
    qpdf_check(handout.path)


# --- notes -----------------------------------------------------------------------------------


def test_notes_text_is_complete_and_in_slide_order(
    safety: dict[str, Handout], letter: Handout
) -> None:
    for handout in (safety["notes"], letter):
        flat = "".join(stripped_pages(handout, "Community Safety and Performance"))
        at = 0
        count = 0
        for laid in handout.visible:
            for para in laid.notes:
                wanted = squash(para.text)
                found = flat.find(wanted, at)
                assert found >= 0, f"slide {laid.slide.number}: {para.text[:60]!r} missing"
                at = found + len(wanted)
                count += 1
        assert count > 40


def test_continuation_pages_name_their_slide(safety: dict[str, Handout]) -> None:
    handout = safety["notes"]
    owner = None
    for text, page in zip(handout.texts, handout.pages, strict=True):
        if "(continued)" not in text:
            owner = text
            continue
        assert owner is not None, "a continuation page before any slide page"
        heading = next(line for line in text.splitlines() if "(continued)" in line)
        assert re.fullmatch(r"Slide \d+(: .+)? \(continued\)", heading.strip()), heading
        # no slide drawn on a continuation page: no slide frame, no images
        assert not images_of(page)


def test_a_paragraph_longer_than_a_page_is_split_between_lines(long_notes: Handout) -> None:
    texts = long_notes.texts
    assert len(texts) >= 3
    assert all("Slide 1: Long one (continued)" in t for t in texts[1:])
    flat = "".join(stripped_pages(long_notes, "Long"))
    words = re.findall(r"word\d{4}", flat)
    assert words == [f"word{i:04d}" for i in range(1400)], "a word lost, doubled or cut"
    assert flat.endswith("Theveryend.")


def test_notes_formatting_bold_heading_bullets_numbers_indents(mixed: dict[str, Handout]) -> None:
    page = mixed["notes"].pages[0]
    seen: list[tuple[str, str, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
        if text.strip() and font is not None:
            seen.append((text.strip(), str(font.get("/BaseFont", "")), tm[4] * cm[0] + cm[4]))

    page.extract_text(visitor_text=visit)

    def find(prefix: str) -> tuple[str, str, float]:
        return next(item for item in seen if item[0].startswith(prefix))

    heading, intro = find("Heading in notes"), find("Intro paragraph with")
    assert "Bold" in heading[1] and "Bold" not in intro[1]
    assert "Bold" in find("bold words")[1]
    lines = [line.strip() for line in mixed["notes"].texts[0].splitlines()]
    for line in (
        "• first bullet",
        "• second bullet",
        "– nested bullet",
        "1. number one",
        "2. number two",
    ):
        assert line in lines, lines
    # where each piece of text starts: the x of the last text matrix set before its Tj
    starts: dict[bytes, float] = {}
    x = 0.0
    for m in re.finditer(
        rb"1 0 0 1 ([-\d.]+) [-\d.]+ Tm|\(([^()]*)\) Tj", mixed["notes"].content(0)
    ):
        if m[1] is not None:
            x = float(m[1])
        else:
            starts.setdefault(m[2], x)
    left = starts[b"Intro paragraph with "]
    assert starts[b"Heading in notes"] == left
    assert starts[b"first bullet"] == pytest.approx(left + 18)
    assert starts[b"nested bullet"] == pytest.approx(left + 36)
    assert starts[b"number one"] == pytest.approx(left + 18)


def test_a_slide_without_notes_gets_ruled_lines(mixed: dict[str, Handout]) -> None:
    handout = mixed["notes"]
    quiet = next(i for i, t in enumerate(handout.texts) if "No notes on this slide" in t)
    noted = next(i for i, t in enumerate(handout.texts) if "About the picture" in t)
    height = float(handout.pages[quiet].mediabox.height)
    rules = [y for _x0, _x1, y in horizontal_lines(handout.content(quiet)) if y < height / 2]
    assert len(rules) >= 10
    assert not [y for _x0, _x1, y in horizontal_lines(handout.content(noted)) if y < height / 2]


def test_hidden_slide_and_its_notes_are_left_out(mixed: dict[str, Handout]) -> None:
    for handout in mixed.values():
        text = "\n".join(handout.texts)
        assert "Secret" not in text and "XYZZY" not in text
        assert "Stack child notes" in text or handout is mixed["3"]
    assert len(mixed["notes"].pages) == 5
    assert len(mixed["3"].pages) == 2


# --- slides ----------------------------------------------------------------------------------


def test_slides_are_vector_text_and_images_only_where_the_slide_has_one(
    mixed: dict[str, Handout], safety: dict[str, Handout]
) -> None:
    handout = mixed["notes"]
    cover, picture = handout.content(0), handout.content(1)
    assert re.search(rb"\(cover\) Tj", cover, re.I)
    assert re.search(rb"\(plain text only\) Tj", cover, re.I)
    assert re.search(rb"\(picture\) Tj", picture, re.I)
    assert not images_of(handout.pages[0]), "a text-only slide drew an image"
    assert not re.search(rb"/\S+ Do\b", cover)
    assert len(images_of(handout.pages[1])) == 1
    # the community-safety title slide has a photo background; the next one is text only
    notes = safety["notes"]
    assert images_of(notes.pages[0]) and not images_of(notes.pages[1])
    assert b"(Cllr Pervez Choudhury) Tj" in notes.content(0)


def test_links_inside_slides_are_scaled_onto_the_page(mixed: dict[str, Handout]) -> None:
    page = mixed["notes"].pages[1]
    links = [a.get_object() for a in page.get("/Annots") or []]
    uris = [
        a
        for a in links
        if a.get("/A") and a["/A"].get_object().get("/URI") == "https://example.org/handout"
    ]
    assert len(uris) == 1
    x0, y0, x1, y1 = (float(v) for v in uris[0]["/Rect"])
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    assert 0 < x0 < x1 < width and height / 2 < y0 < y1 < height
    assert x1 - x0 < 200, "the link rectangle was not scaled with the slide"


def test_three_up_has_ruled_lines_beside_each_slide(safety: dict[str, Handout]) -> None:
    three, two = safety["3"], safety["2"]
    width = float(three.pages[0].mediabox.width)
    right = [ln for ln in horizontal_lines(three.content(0)) if ln[0] > width / 2]
    assert len(right) >= 15
    assert len({round(y) for _x0, _x1, y in right}) == len(right)
    assert not [ln for ln in horizontal_lines(two.content(0)) if ln[0] > width / 2]


def test_grid_slides_are_framed_and_inside_the_page(safety: dict[str, Handout]) -> None:
    for mode in ("2", "4", "6"):
        page = safety[mode].pages[0]
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        frames = re.findall(
            rb"n ([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+) re S", safety[mode].content(0)
        )
        assert len(frames) == int(mode)
        for frame in frames:
            x, y, w, h = (float(v) for v in frame)
            assert x > 0 and x + w < width and y > 0 and y + h < height
            assert w / h == pytest.approx(960 / 540, rel=0.01)


# --- outline ---------------------------------------------------------------------------------


def test_outline_one_entry_per_visible_slide_nested_by_stack(
    safety: dict[str, Handout], mixed: dict[str, Handout]
) -> None:
    for handout in (safety["notes"], mixed["notes"]):
        tree = outline_tree(handout)
        assert tree == expected_outline(handout, slide_pages(handout))
        assert any(children for _t, _p, children in tree), "no stack in the deck"
        leaves = sum(len(children) or 1 for _t, _p, children in tree)
        assert leaves == len(handout.visible)
    for mode in ("2", "3", "4", "6"):
        handout = safety[mode]
        pages = [i // int(mode) for i in range(len(handout.visible))]
        assert outline_tree(handout) == expected_outline(handout, pages)


def test_metadata(safety: dict[str, Handout]) -> None:
    info = safety["notes"].reader.metadata
    assert info is not None
    assert info.title == "Community Safety and Performance"
    assert info.creator == "md2pptx"


# --- the notes line breaker and page splitter ------------------------------------------------


def runs_for_wrapping() -> list[tuple[TextRun, ...]]:
    faces = vera_faces()
    regular = Font(("Vera",), pick_face(faces, False, False))
    bold = Font(("Vera",), pick_face(faces, True, False))
    black, blue = Color(0, 0, 0), Color(0, 0, 200)

    def run(text: str, font: Font = regular, size: float = 12.0, **kw: Any) -> TextRun:
        return TextRun(text, font, size, kw.pop("color", black), **kw)

    prose = "the quick brown fox jumps over the lazy dog " * 6
    return [
        (run(prose),),
        (run("lead "), run("bold part here ", bold, bold=True), run(prose)),
        (run("x" * 120 + " tail " + "y" * 300),),
        (run("  leading spaces and   several   gaps  "), run("\n"), run(prose + "  ")),
        (
            run(prose[:50]),
            run("link text ", color=blue, link="https://e.org"),
            run(prose),
            run("small ", size=8.0),
            run("\n"),
            run("\n"),
            run("end"),
        ),
        (run(prose, bold, bold=True), run(prose, bold, bold=True)),
        (run("one"), run(" two"), run(" three" * 30)),
        (run(""),),
        (run("short"),),
    ]


def lines_of(heights: list[float]) -> tuple[TextLine, ...]:
    return tuple(TextLine((), 0.0, h, h * 0.8) for h in heights)


def para(heights: list[float], space: float = 0.0, heading: bool = False) -> TextParagraph:
    font = Font(("Vera",), pick_face(vera_faces(), heading, False))
    runs = (TextRun("Heading" if heading else "text", font, 12.0, Color(0, 0, 0), bold=heading),)
    return TextParagraph(runs, lines_of(heights), "left", space_before=space)


def test_split_notes_never_cuts_a_line_and_keeps_everything_in_order() -> None:
    paras = [para([15.0] * n, space=6.0) for n in (3, 9, 1, 20, 4)]
    pages = split_notes(paras, 100.0, 200.0)
    for i, page in enumerate(pages):
        room = 100.0 if i == 0 else 200.0
        assert sum(p.height for p in page) <= room + 0.01
        assert page[0].space_before == 0.0 or i == 0
    heights = [line.height for page in pages for p in page for line in p.lines]
    assert heights == [15.0] * 37
    assert len(pages) == 4


def test_split_notes_moves_a_heading_with_its_first_line() -> None:
    paras = [para([15.0] * 5), para([18.0], space=10.0, heading=True), para([15.0] * 3, 6.0)]
    pages = split_notes(paras, 100.0, 300.0)
    assert [len(page) for page in pages] == [1, 2]
    assert pages[1][0].space_before == 0.0


def test_split_notes_bullet_only_on_the_first_part() -> None:
    from converter.layout.boxes import Bullet

    first = para([15.0] * 10)
    bulleted = TextParagraph(
        first.runs, first.lines, "left", bullet=Bullet(char="•"), indent=18.0, hanging=18.0
    )
    pages = split_notes([bulleted], 60.0, 60.0)
    assert [len(p.lines) for page in pages for p in page] == [4, 4, 2]
    assert [p.bullet is not None for page in pages for p in page] == [True, False, False]
    assert all(p.indent == 18.0 for page in pages for p in page)


def test_split_notes_a_line_taller_than_a_page_still_gets_placed() -> None:
    pages = split_notes([para([15.0]), para([500.0]), para([15.0])], 100.0, 300.0)
    assert [[len(p.lines) for p in page] for page in pages] == [[1], [1], [1]]


def test_paper_sizes() -> None:
    assert (Paper.named("A4").width, Paper.named("a4").height) == pytest.approx(A4, abs=0.5)
    assert (Paper.named("letter").width, Paper.named("Letter").height) == LETTER


def test_split_notes_a_heading_never_ends_the_notes_under_the_slide() -> None:
    pages = split_notes([para([18.0], heading=True), para([15.0] * 2, 6.0)], 30.0, 300.0)
    assert [len(page) for page in pages] == [0, 2]
