"""The slides PDF backend, read back with pypdf (strict) and poppler: page size and count,
each page's title and body text, embedded TrueType fonts only (no base-14 font anywhere),
per-character glyph fallback, external and slide-to-slide links, the outline, metadata, slide
numbers, hidden slides, fragments (all shown, or one page per step), images stored once,
JPEG photos and compressed content streams. Both fixture decks are converted once per module;
small decks are written here. Every PDF written passes `qpdf --check` (when qpdf is
installed)."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from pypdf.generic import (
    ArrayObject,
    ByteStringObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    StreamObject,
    TextStringObject,
)

from converter.api import Result, convert
from converter.cli.main import main
from converter.diagnostics import Severity

ROOT = Path(__file__).resolve().parents[1]
FEATURES = ROOT / "fixtures" / "features" / "talk.md"
SAFETY = ROOT / "fixtures" / "community-safety" / "talk.md"
QPDF = shutil.which("qpdf")
PDFFONTS = shutil.which("pdffonts")
PDFTOTEXT = shutil.which("pdftotext")
TIMEOUT = 60

# (title or None, body phrases) per page; titles compare case-insensitively (themes upper-case
# headings), everything compares with whitespace removed (pypdf breaks lines between runs).
FEATURE_PAGES: list[tuple[str | None, list[str]]] = [
    ("Feature tour", ["A deck that exercises", "every", "construct"]),
    ("Lists", ["First level with", "bold", "italic", "Second item", "Nested item",
               "Third level", "Back to the first level"]),
    ("Ordered lists", ["Starts at three", "Continues", "Nested ordered", "Five"]),
    ("Task list and inline code", ["Done with", "code", "Not done", "yet",
                                   "Plain item with a", "link"]),
    ("Code", ["def", "greet", "message", "return"]),
    ("Table", ["Feature", "Status", "Count", "Titles", "Tables", "Images", "partial", "12"]),
    ("Quote", ["Simplicity is prerequisite for", "reliability."]),
    ("Pictures", ["Generated, not photographed"]),
    ("Logo twice", []),
    ("Dark background", ["Text turns white on a dark background colour"]),
    ("Photo background at 30 %", []),
    ("Gradient background", []),
    ("Vertical child", ["Inside a stack"]),
    (None, ["Just a paragraph, no title, with", "red", "and H"]),
    ("Missing image", []),
]
SAFETY_PAGES: list[tuple[str | None, list[str]]] = [
    ("Community Safety and Performance", ["Cllr Pervez Choudhury"]),
    (None, ["Community Safety", "Performance", "Information & Digital Services",
            "Human Resources"]),
    ("Community Safety", []),
    (None, ["Community Safety Team Staffing", "Partnership Plan 2023 – 2027",
            "Action Plan 2023 – 2024"]),
    (None, ["Prevent Action Plan 2023 – 2024", "Serious Violence Duty", "Community Trigger"]),
    (None, ["Improving partnership working", "Cannabis warning partnership pilot",
            "Herts Mind Network"]),
    (None, ["No More Service", "Funding", "Milby Court engagement, Borehamwood"]),
    (None, ["Meadow Park, Borehamwood", "Personal Safety", "CCTV"]),
    ("Performance", []),
    (None, []),
    ("Information and Digital Services", []),
    (None, []),
    ("Human Resources", []),
    (None, []),
    ("Credits", ["Hillary Shade", "Judith Fear", "Liz Gore", "Valerie Kane", "Zahid Zarin"]),
    ("Q & A", []),
    (None, ["FIN"]),
]
# reveal's default slide number format h.v ("2.1" inside a vertical stack, "6" outside)
FEATURE_LABELS = [*map(str, range(1, 12)), "12.1", "12.2", "13", "14"]
SAFETY_LABELS = ["1.1", "1.2", "2.1", "2.2", "2.3", "2.4", "2.5", "2.6",
                 "3.1", "3.2", "4.1", "4.2", "5.1", "5.2", "6", "7", "8"]
# outline: (title, 0-based page) per slide, grouped by horizontal position (a stack = a group)
SAFETY_OUTLINE: list[list[str]] = [
    ["Community Safety and Performance", "Slide 2"],
    ["Community Safety", "Slide 4", "Slide 5", "Slide 6", "Slide 7", "Slide 8"],
    ["Performance", "Slide 10"],
    ["Information and Digital Services", "Slide 12"],
    ["Human Resources", "Slide 14"],
    ["Credits"],
    ["Q & A"],
    ["Slide 17"],
]
FEATURE_OUTLINE: list[list[str]] = [
    *([t] for t, _ in FEATURE_PAGES[:11]),
    ["Gradient background", "Vertical child"],
    ["Slide 14"],
    ["Missing image"],
]
BASE14 = {
    "Courier", "Courier-Bold", "Courier-Oblique", "Courier-BoldOblique", "Helvetica",
    "Helvetica-Bold", "Helvetica-Oblique", "Helvetica-BoldOblique", "Times-Roman", "Times-Bold",
    "Times-Italic", "Times-BoldItalic", "Symbol", "ZapfDingbats",
}
LABEL = re.compile(r"^\d+([./]\d+)*$")

LINKS_DECK = """\
---
title: Links
---

## Start

- [see](#/2)
- [child](#/1/1)
- [named](#/some-id)
- [nowhere](#/99)
- [web](https://example.org/x)

---

## Stack top

----

## Stack child

---

## Two

---

<!-- .slide: id="some-id" -->
## Named slide
"""

GLYPHS = ["→", "✓", "Ж", "α", "▲", "★", "☃"]
GLYPH_DECK = """\
---
theme: white
---

## Glyphs

Arrows → checks ✓ cyrillic Ж greek α triangle ▲ star ★ snowman ☃ end
"""

FRAGMENT_DECK = """\
---
theme: white
---

## Steps

- alpha <!-- .element: class="fragment" -->
- bravo <!-- .element: class="fragment" -->
- charlie <!-- .element: class="fragment" -->

---

## Ordered

- delta <!-- .element: class="fragment" data-fragment-index="3" -->
- echo <!-- .element: class="fragment" data-fragment-index="1" -->
- foxtrot <!-- .element: class="fragment" data-fragment-index="2" -->

---

## Fading

Stays here

- golf <!-- .element: class="fragment fade-out" -->
- hotel <!-- .element: class="fragment" -->
"""

HIDDEN_DECK = """\
## Visible one

Words here

[onward](#/1)

---

<!-- .slide: data-visibility="hidden" -->
## Secret slide

Classified words

---

## Visible two
"""

NO_NUMBER_DECK = """\
---
revealOptions:
  slideNumber: false
---

## Plain top

Words without any digit

----

## Plain child

---

## Plain end
"""


# --- helpers ---------------------------------------------------------------------------------


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def qpdf_check(path: Path) -> None:
    """`qpdf --check` must pass (no-op without qpdf; see test_qpdf_is_installed)."""
    if QPDF is None:
        return
    done = subprocess.run([QPDF, "--check", str(path)], capture_output=True, text=True,
                          timeout=TIMEOUT)
    assert done.returncode == 0, f"qpdf --check {path.name}:\n{done.stdout}\n{done.stderr}"
    assert "No syntax or stream encoding errors" in done.stdout, done.stdout


@dataclass
class Pdf:
    path: Path
    reader: PdfReader
    result: Result | None

    @property
    def texts(self) -> list[str]:
        return [page.extract_text() for page in self.reader.pages]

    def page_index(self) -> dict[int, int]:
        """Page object number -> 0-based page index."""
        return {page.indirect_reference.idnum: i for i, page in enumerate(self.reader.pages)}

    def poppler_text(self) -> str:
        """pdftotext's text of the whole file (pypdf's when poppler is missing)."""
        if PDFTOTEXT is None:
            return "\n".join(self.texts)
        done = subprocess.run([PDFTOTEXT, "-enc", "UTF-8", str(self.path), "-"],
                              capture_output=True, timeout=TIMEOUT, check=True)
        return done.stdout.decode("utf-8")


def open_pdf(path: Path, result: Result | None = None) -> Pdf:
    qpdf_check(path)
    return Pdf(path, PdfReader(path, strict=True), result)


def convert_pdf(source: Path, target: Path, **options: Any) -> Pdf:
    result = convert(source, [target], **options)
    assert result.outputs == (target,)
    return open_pdf(target, result)


def write_deck(folder: Path, name: str, text: str) -> Path:
    path = folder / f"{name}.md"
    path.write_text(text, encoding="utf-8")
    return path


def all_objects(reader: PdfReader) -> Iterator[Any]:
    """Every indirect object of the file (plain xref and object streams)."""
    numbers = {(idnum, gen) for gen, ids in reader.xref.items() for idnum in ids if idnum}
    numbers |= {(idnum, 0) for idnum in reader.xref_objStm}
    for idnum, gen in sorted(numbers):
        obj = reader.get_object(IndirectObject(idnum, gen, reader))
        if obj is not None:
            yield obj


def fonts_of_page(page: Any) -> dict[str, DictionaryObject]:
    resources = page.get("/Resources")
    fonts = resources.get_object().get("/Font") if resources is not None else None
    if fonts is None:
        return {}
    return {str(k): v.get_object() for k, v in fonts.get_object().items()}


def assert_embedded_truetype(font: DictionaryObject, where: str) -> None:
    subtype = font.get("/Subtype")
    if subtype == "/Type0":
        for descendant in font["/DescendantFonts"]:
            assert_embedded_truetype(descendant.get_object(), where)
        return
    base = str(font.get("/BaseFont", "")).lstrip("/")
    assert subtype in ("/TrueType", "/CIDFontType2"), f"{where}: {base} is {subtype}"
    descriptor = font.get("/FontDescriptor")
    assert descriptor is not None, f"{where}: {base} has no /FontDescriptor"
    assert "/FontFile2" in descriptor.get_object(), f"{where}: {base} has no /FontFile2"


def link_annotations(page: Any) -> list[DictionaryObject]:
    """The page's /Link annotations, top to bottom, then left to right."""
    annots = [a.get_object() for a in (page.get("/Annots") or [])]
    links = [a for a in annots if a.get("/Subtype") == "/Link"]
    return sorted(links, key=lambda a: (-float(a["/Rect"][3]), float(a["/Rect"][0])))


def destination_page(pdf: Pdf, annot: DictionaryObject) -> int | None:
    """The 0-based page an internal link goes to (`/Dest` or a `/GoTo` action's `/D`)."""
    dest = annot.get("/Dest")
    action = annot.get("/A")
    if dest is None and action is not None and action.get_object().get("/S") == "/GoTo":
        dest = action.get_object()["/D"]
    if dest is None:
        return None
    dest = dest.get_object() if isinstance(dest, IndirectObject) else dest
    if isinstance(dest, NameObject | TextStringObject | ByteStringObject | str):
        named = pdf.reader.named_destinations.get(str(dest).lstrip("/"))
        if named is None:
            named = pdf.reader.named_destinations.get(str(dest))
        assert named is not None, f"named destination {dest} is not defined"
        return pdf.reader.get_destination_page_number(named)
    if isinstance(dest, DictionaryObject):  # a named-destination dictionary: {/D [...]}
        dest = dest["/D"]
    assert isinstance(dest, ArrayObject), dest
    return pdf.page_index().get(dest[0].idnum)


def outline_groups(pdf: Pdf) -> list[list[tuple[str, int]]]:
    """The outline as groups: a top-level entry alone, or a top-level entry's children."""
    reader = pdf.reader
    groups: list[list[tuple[str, int]]] = []
    entries = list(reader.outline)
    i = 0
    while i < len(entries):
        entry = entries[i]
        assert not isinstance(entry, list), "a nested list without its parent entry"
        children = entries[i + 1] if i + 1 < len(entries) else None
        if isinstance(children, list):
            for child in children:
                assert not isinstance(child, list), "outline deeper than two levels"
            group = [(c.title, reader.get_destination_page_number(c)) for c in children]
            # the stack's own entry goes to the stack's first slide
            assert reader.get_destination_page_number(entry) == group[0][1], entry.title
            groups.append(group)
            i += 2
        else:
            groups.append([(entry.title, reader.get_destination_page_number(entry))])
            i += 1
    return groups


def image_xobjects(reader: PdfReader) -> list[StreamObject]:
    return [o for o in all_objects(reader)
            if isinstance(o, StreamObject) and o.get("/Subtype") == "/Image"]


def image_draws(owner: Any, content: bytes | None = None, depth: int = 0) -> list[int]:
    """Object numbers of the image XObjects a page (or form) draws, in order, looking through
    form XObjects (an image may be wrapped in a form so that it is drawn again cheaply)."""
    if content is None:
        content = owner.get_contents().get_data()
    resources = owner.get("/Resources")
    xobjects = resources.get_object().get("/XObject") if resources is not None else None
    table = {str(k): v for k, v in xobjects.get_object().items()} if xobjects else {}
    found: list[int] = []
    for name in re.findall(r"(/[^\s/\[\]<>()]+)\s+Do\b", content.decode("latin-1")):
        ref = table.get(name)
        if ref is None:
            continue
        obj = ref.get_object()
        if obj.get("/Subtype") == "/Image":
            found.append(ref.idnum)
        elif obj.get("/Subtype") == "/Form" and depth < 8:
            found += image_draws(obj, obj.get_data(), depth + 1)
    return found


def label_tokens(text: str) -> list[str]:
    return [t for t in text.split() if LABEL.match(t)]


# --- fixtures --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pdf")


@pytest.fixture(scope="module")
def features(work: Path) -> Pdf:
    return convert_pdf(FEATURES, work / "features.pdf")


@pytest.fixture(scope="module")
def safety(work: Path) -> Pdf:
    return convert_pdf(SAFETY, work / "safety.pdf")


@pytest.fixture(scope="module")
def decks(features: Pdf, safety: Pdf) -> dict[str, Pdf]:
    return {"features": features, "safety": safety}


@pytest.fixture(scope="module")
def links(work: Path) -> Pdf:
    return convert_pdf(write_deck(work, "links", LINKS_DECK), work / "links.pdf")


@pytest.fixture(scope="module")
def glyphs(work: Path) -> Pdf:
    return convert_pdf(write_deck(work, "glyphs", GLYPH_DECK), work / "glyphs.pdf")


@pytest.fixture(scope="module")
def fragments_all(work: Path) -> Pdf:
    return convert_pdf(write_deck(work, "fragments", FRAGMENT_DECK), work / "fragments-all.pdf")


@pytest.fixture(scope="module")
def fragments_steps(work: Path) -> Pdf:
    """Through the command line: `--pdf-fragments`."""
    source = write_deck(work, "fragments-cli", FRAGMENT_DECK)
    target = work / "fragments-steps.pdf"
    assert main([str(source), "-o", str(target), "--pdf-fragments", "-q"]) == 0
    return open_pdf(target)


@pytest.fixture(scope="module")
def hidden(work: Path) -> Pdf:
    return convert_pdf(write_deck(work, "hidden", HIDDEN_DECK), work / "hidden.pdf")


@pytest.fixture(scope="module")
def no_numbers(work: Path) -> Pdf:
    return convert_pdf(write_deck(work, "nonumbers", NO_NUMBER_DECK), work / "nonumbers.pdf")


# --- qpdf ------------------------------------------------------------------------------------


def test_qpdf_is_installed() -> None:
    """Every PDF this module writes goes through `qpdf --check` (see `open_pdf`)."""
    if QPDF is None:
        pytest.skip("qpdf is not on PATH: the `qpdf --check` assertions of this module are off")


# --- pages -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["features", "safety"])
def test_page_size_is_the_slide_size(decks: dict[str, Pdf], name: str) -> None:
    for i, page in enumerate(decks[name].reader.pages):
        box = page.mediabox
        assert (float(box.left), float(box.bottom)) == (0, 0), i
        assert (float(box.width), float(box.height)) == (960, 540), i


def test_size_4x3_from_the_command_line(work: Path) -> None:
    source = write_deck(work, "four-three", "## Four by three\n\n---\n\n## Second\n")
    target = work / "four-three.pdf"
    assert main([str(source), "-o", str(target), "--size", "4:3", "-q"]) == 0
    pdf = open_pdf(target)
    assert len(pdf.reader.pages) == 2
    for page in pdf.reader.pages:
        assert (float(page.mediabox.width), float(page.mediabox.height)) == (720, 540)


@pytest.mark.parametrize(("name", "count"), [("features", 15), ("safety", 17)])
def test_one_page_per_visible_slide(decks: dict[str, Pdf], name: str, count: int) -> None:
    assert len(decks[name].reader.pages) == count


@pytest.mark.parametrize(("name", "expected"),
                         [("features", FEATURE_PAGES), ("safety", SAFETY_PAGES)])
def test_each_page_has_its_title_and_body_text(
    decks: dict[str, Pdf], name: str, expected: list[tuple[str | None, list[str]]]
) -> None:
    texts = decks[name].texts
    assert len(texts) == len(expected)
    for i, (text, (title, body)) in enumerate(zip(texts, expected, strict=True)):
        flat = squash(text)
        if title is not None:
            assert squash(title).lower() in flat.lower(), f"page {i + 1}: {title!r} in {text!r}"
        for phrase in body:
            assert squash(phrase) in flat, f"page {i + 1}: {phrase!r} in {text!r}"


def test_speaker_notes_are_not_on_the_slide_pages(features: Pdf) -> None:
    everything = squash(" ".join(features.texts))
    assert squash("This is the") not in everything
    assert squash("a bullet in the notes") not in everything


def test_the_missing_image_slide_warns_and_still_gets_its_page(features: Pdf) -> None:
    assert features.result is not None
    codes = [d.code for d in features.result.diagnostics]
    assert "missing-image" in codes
    assert "missingimage" in squash(features.texts[14]).lower()


# --- fonts -----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["features", "safety", "glyphs"])
def test_every_page_font_is_an_embedded_truetype(
    decks: dict[str, Pdf], glyphs: Pdf, name: str
) -> None:
    pdf = glyphs if name == "glyphs" else decks[name]
    for i, page in enumerate(pdf.reader.pages):
        fonts = fonts_of_page(page)
        assert fonts, f"page {i + 1} has no fonts but has text"
        for key, font in fonts.items():
            assert_embedded_truetype(font, f"page {i + 1} {key}")


@pytest.mark.parametrize("name", ["features", "safety", "glyphs"])
def test_no_unembedded_or_base14_font_anywhere(
    decks: dict[str, Pdf], glyphs: Pdf, name: str
) -> None:
    pdf = glyphs if name == "glyphs" else decks[name]
    found = 0
    for obj in all_objects(pdf.reader):
        if isinstance(obj, DictionaryObject) and obj.get("/Type") == "/Font":
            found += 1
            base = str(obj.get("/BaseFont", "")).lstrip("/")
            assert base.split("+")[-1] not in BASE14, f"base-14 font {base} in the file"
            assert_embedded_truetype(obj, f"object {base}")
    assert found
    assert b"/Helvetica" not in pdf.path.read_bytes()


@pytest.mark.skipif(PDFFONTS is None, reason="pdffonts (poppler-utils) is not on PATH")
@pytest.mark.parametrize("name", ["features", "safety", "glyphs"])
def test_pdffonts_says_every_font_is_embedded(
    decks: dict[str, Pdf], glyphs: Pdf, name: str
) -> None:
    pdf = glyphs if name == "glyphs" else decks[name]
    assert PDFFONTS is not None
    out = subprocess.run([PDFFONTS, str(pdf.path)], capture_output=True, text=True,
                         timeout=TIMEOUT, check=True).stdout
    rows = out.splitlines()[2:]
    assert rows, out
    for row in rows:
        # name type [type] encoding emb sub uni object-id gen: emb is the 5th column from the end
        assert row.split()[-5] == "yes", f"not embedded: {row}"


def test_missing_glyphs_fall_back_per_character(glyphs: Pdf) -> None:
    text = glyphs.poppler_text()
    for glyph in GLYPHS:
        assert glyph in text, f"{glyph!r} not in {text!r}"
    assert "Arrows" in text and "end" in text
    names = {str(f.get("/BaseFont", "")).split("+")[-1]
             for page in glyphs.reader.pages for f in fonts_of_page(page).values()}
    assert "DejaVuSans" in names, names  # the fallback face for ★ and ☃
    assert any(n.startswith("SourceSansPro") for n in names), names  # the white theme's own
    if PDFFONTS is not None:
        out = subprocess.run([PDFFONTS, str(glyphs.path)], capture_output=True, text=True,
                             timeout=TIMEOUT, check=True).stdout
        assert "DejaVuSans " in out, out


def test_text_outside_the_basic_plane_extracts(work: Path) -> None:
    source = write_deck(work, "emoji", "---\ntheme: white\n---\n\n## Emoji\n\nSmile 😀 end\n")
    pdf = convert_pdf(source, work / "emoji.pdf")
    assert "😀" in pdf.texts[0]
    assert "😀" in pdf.poppler_text()


# --- links -----------------------------------------------------------------------------------


def test_external_link_is_a_uri_annotation(features: Pdf) -> None:
    page = features.reader.pages[3]  # "Task list and inline code": [link](https://example.org/docs)
    uris = [a["/A"].get_object().get("/URI") for a in link_annotations(page) if "/A" in a]
    assert "https://example.org/docs" in uris
    action = next(a["/A"].get_object() for a in link_annotations(page) if "/A" in a)
    assert action["/S"] == "/URI"


def test_external_link_rectangle_is_on_the_page(features: Pdf) -> None:
    page = features.reader.pages[3]
    for annot in link_annotations(page):
        x0, y0, x1, y1 = (float(v) for v in annot["/Rect"])
        assert 0 <= x0 < x1 <= 960 and 0 <= y0 < y1 <= 540


def test_internal_links_go_to_the_right_pages(links: Pdf) -> None:
    # pages: 0 Start, 1 Stack top (#/1), 2 Stack child (#/1/1), 3 Two (#/2), 4 Named (#/some-id)
    assert len(links.reader.pages) == 5
    annots = link_annotations(links.reader.pages[0])
    internal = [a for a in annots if "/A" not in a or a["/A"].get_object()["/S"] != "/URI"]
    external = [a for a in annots if a not in internal]
    assert [destination_page(links, a) for a in internal] == [3, 2, 4]  # see, child, named
    assert [a["/A"].get_object()["/URI"] for a in external] == ["https://example.org/x"]


def test_unknown_link_target_is_a_link_warning(links: Pdf) -> None:
    assert links.result is not None
    found = [d for d in links.result.diagnostics if d.code == "link"]
    assert len(found) == 1, found
    assert found[0].severity is Severity.WARNING
    assert "#/99" in found[0].message


# --- outline and metadata --------------------------------------------------------------------


@pytest.mark.parametrize(("name", "expected"),
                         [("features", FEATURE_OUTLINE), ("safety", SAFETY_OUTLINE)])
def test_outline_has_one_entry_per_slide_nested_by_stack(
    decks: dict[str, Pdf], name: str, expected: list[list[str]]
) -> None:
    groups = outline_groups(decks[name])
    assert [[title for title, _ in g] for g in groups] == expected
    pages = [page for g in groups for _, page in g]
    assert pages == list(range(len(decks[name].reader.pages)))


def test_metadata_comes_from_the_front_matter(features: Pdf, safety: Pdf) -> None:
    meta = features.reader.metadata
    assert meta is not None
    assert meta.title == "md2pptx feature tour"
    assert meta.author == "md2pptx tests"
    assert meta.subject == "Every construct the converter supports"
    keywords = meta.get("/Keywords", "")
    for word in ("reveal-md", "pptx", "fixture"):
        assert word in keywords
    assert meta.creator == "md2pptx"
    other = safety.reader.metadata
    assert other is not None
    assert other.title == "Community Safety and Performance"
    assert other.creator == "md2pptx"


# --- slide numbers ---------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "labels"),
                         [("features", FEATURE_LABELS), ("safety", SAFETY_LABELS)])
def test_slide_numbers_are_drawn_by_default(
    decks: dict[str, Pdf], name: str, labels: list[str]
) -> None:
    texts = decks[name].texts
    for i, (text, label) in enumerate(zip(texts, labels, strict=True)):
        assert label in text.split(), f"page {i + 1}: {label!r} in {text!r}"


def test_no_slide_numbers_with_slide_number_false(no_numbers: Pdf) -> None:
    assert len(no_numbers.reader.pages) == 3
    for i, text in enumerate(no_numbers.texts):
        assert label_tokens(text) == [], f"page {i + 1}: {text!r}"
        assert not re.search(r"\d", text), f"page {i + 1}: {text!r}"
    assert "Plain top" in no_numbers.texts[0] or "PLAIN TOP" in no_numbers.texts[0]


# --- hidden slides ---------------------------------------------------------------------------


def test_hidden_slide_is_left_out(hidden: Pdf) -> None:
    assert len(hidden.reader.pages) == 2
    everything = " ".join(hidden.texts).lower()
    assert "secret" not in everything and "classified" not in everything
    assert "visible one" in everything and "visible two" in everything
    titles = [t for g in outline_groups(hidden) for t, _ in g]
    assert titles == ["Visible one", "Visible two"]


def test_slide_after_a_hidden_slide_is_numbered_as_reveal_does(hidden: Pdf) -> None:
    assert label_tokens(hidden.texts[1]) == ["2"]


def test_index_link_past_a_hidden_slide_goes_where_reveal_goes(hidden: Pdf) -> None:
    annots = link_annotations(hidden.reader.pages[0])
    assert [destination_page(hidden, a) for a in annots] == [1]


# --- fragments -------------------------------------------------------------------------------


def test_fragments_default_one_page_with_all_fragments_shown(fragments_all: Pdf) -> None:
    texts = fragments_all.texts
    assert len(texts) == 3
    for word in ("alpha", "bravo", "charlie"):
        assert word in texts[0]
    for word in ("delta", "echo", "foxtrot"):
        assert word in texts[1]
    assert "hotel" in texts[2] and "Stays here" in texts[2]


def test_fragments_default_shows_fade_out_fragments_too(fragments_all: Pdf) -> None:
    assert "golf" in fragments_all.texts[2]


def test_pdf_fragments_one_page_per_step(fragments_steps: Pdf) -> None:
    texts = fragments_steps.texts
    assert len(texts) == 4 + 4 + 3  # 3 steps + the bare slide, twice; 2 steps + bare
    steps = texts[:4]
    for text in steps:
        assert "steps" in text.lower()
    assert not {"alpha", "bravo", "charlie"} & set(steps[0].split())
    assert set(steps[1].split()) >= {"alpha"} and "bravo" not in steps[1]
    assert set(steps[2].split()) >= {"alpha", "bravo"} and "charlie" not in steps[2]
    assert set(steps[3].split()) >= {"alpha", "bravo", "charlie"}


def test_pdf_fragments_respect_data_fragment_index(fragments_steps: Pdf) -> None:
    pages = [set(t.split()) for t in fragments_steps.texts[4:8]]
    words = {"delta", "echo", "foxtrot"}
    assert [sorted(p & words) for p in pages] == [
        [], ["echo"], ["echo", "foxtrot"], ["delta", "echo", "foxtrot"]]


def test_pdf_fragments_fade_out_visible_before_its_step_gone_after(fragments_steps: Pdf) -> None:
    pages = [set(t.split()) for t in fragments_steps.texts[8:]]
    assert all("here" in p for p in pages)  # "Stays here" is no fragment
    assert "golf" in pages[0] and "hotel" not in pages[0]
    assert "golf" not in pages[1] and "hotel" not in pages[1]
    assert "golf" not in pages[2] and "hotel" in pages[2]


def test_pdf_fragments_outline_still_one_entry_per_slide(fragments_steps: Pdf) -> None:
    groups = outline_groups(fragments_steps)
    assert groups == [[("Steps", 0)], [("Ordered", 4)], [("Fading", 8)]]


# --- images and streams ----------------------------------------------------------------------


def test_logo_twice_draws_one_image_xobject(features: Pdf) -> None:
    page = features.reader.pages[8]  # "Logo twice"
    draws = image_draws(page)
    assert len(draws) == 2, draws
    assert draws[0] == draws[1]  # the same image XObject, drawn twice


def test_file_holds_each_image_once(features: Pdf, safety: Pdf) -> None:
    for pdf in (features, safety):
        images = image_xobjects(pdf.reader)
        assert images
        hashes = [hashlib.sha256(o.get_data()).hexdigest() for o in images]
        assert len(hashes) == len(set(hashes)), f"{pdf.path.name}: duplicated image streams"


def test_background_photo_is_jpeg(features: Pdf, safety: Pdf) -> None:
    for pdf, index in ((features, 10), (safety, 0), (safety, 15)):  # photo backgrounds
        draws = image_draws(pdf.reader.pages[index])
        assert draws, f"{pdf.path.name} page {index + 1} draws no image"
        image = pdf.reader.get_object(draws[0])
        filters = image.get("/Filter")
        names = list(filters) if isinstance(filters, ArrayObject) else [filters]
        assert "/DCTDecode" in names, f"{pdf.path.name} page {index + 1}: {filters}"


def test_content_streams_are_compressed(features: Pdf, safety: Pdf) -> None:
    for pdf in (features, safety):
        for i, page in enumerate(pdf.reader.pages):
            contents = page["/Contents"].get_object()
            streams = ([c.get_object() for c in contents] if isinstance(contents, ArrayObject)
                       else [contents])
            for stream in streams:
                filters = stream.get("/Filter")
                names = list(filters) if isinstance(filters, ArrayObject) else [filters]
                assert "/FlateDecode" in names, f"{pdf.path.name} page {i + 1}: {filters}"
