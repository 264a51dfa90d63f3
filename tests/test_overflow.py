"""Slides too long for the page: `--overflow shrink|split|clip` (and `md2pptx: {overflow: ...}`).

One deck with four 300-line slides (a bullet list, a table, a code block and, inside a
vertical stack, an ordered list) is converted once per mode; what each mode promises is read
back from the PDF (PyMuPDF words, taken without clipping to the page: nothing below the page,
no word split across lines, every line once and in order) and from the PPTX (titles, notes,
sections, shapes on the slide), and from `--check` and `--report`.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pymupdf
import pytest
from pptx import Presentation
from pptx.util import Emu

import converter
from converter.cli.main import main
from converter.layout.overflow import continued_title, piece, units
from converter.model import CodeBlock, Heading, ListItem, OrderedList, Run, Table
from converter.render.pptx.xml import P14, SECTION_EXT_URI

LINES = 300
P_NS = "http://schemas.openxmlformats.org/presentationml/2006/main"


def deck_text(front: str = "") -> str:
    out = ["---", "title: Overflow", *([front] if front else []), "---", "",
           "# Overflow modes", "", "A short first slide", "", "---", "", "## Long list", ""]
    out += [f"- item {i} alpha" for i in range(1, LINES + 1)]
    out += ["", "Note: notes of the long list", "", "---", "", "## Long table", "",
            "| n | name | square |", "|---|---|---|"]
    out += [f"| {i} | row{i} | {i * i} |" for i in range(1, LINES + 1)]
    out += ["", "Note: notes of the long table", "", "---", "", "## Long code", "", "```python"]
    out += [f"value_{i} = compute({i})  # code line {i}" for i in range(1, LINES + 1)]
    out += ["```", "", "Note: notes of the long code", "", "---", "", "## Stack top", "",
            "Short", "", "----", "", "## Long ordered", ""]
    out += [f"{i}. step {i} beta" for i in range(1, LINES + 1)]
    out += ["", "Note: notes of the ordered list", "", "----", "", "## Stack end", "", "Bye"]
    return "\n".join(out) + "\n"


VOCABULARY = {w.lower() for w in re.findall(r"\S+", deck_text())} | {"(cont.)", "•"}


class Built:
    def __init__(self, folder: Path, mode: str) -> None:
        deck = folder / "talk.md"
        deck.write_text(deck_text(), encoding="utf-8")
        self.pptx, self.pdf = folder / f"{mode}.pptx", folder / f"{mode}.pdf"
        self.report = folder / f"{mode}.json"
        self.result = converter.convert(deck, [self.pptx, self.pdf], overflow=mode,
                                        report=self.report)  # fmt: skip
        with pymupdf.open(self.pdf) as doc:
            self.rect = doc[0].rect
            # no clipping to the page: text drawn below it is found too
            self.pages = [page.get_text("words", flags=0, clip=pymupdf.INFINITE_RECT())
                          for page in doc]  # fmt: skip
            self.toc = doc.get_toc()
        self.prs = Presentation(str(self.pptx))

    def titles(self) -> list[str]:
        return [s.shapes.title.text if s.shapes.title is not None else "" for s in self.prs.slides]

    def words(self, page: int) -> list[str]:
        return [w[4] for w in self.pages[page]]

    def pages_titled(self, title: str) -> list[int]:
        return [i for i, t in enumerate(self.titles()) if t.startswith(title)]

    def warnings(self) -> list[tuple[str, int | None]]:
        return [(d.code, d.line) for d in self.result.warnings]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Built]:
    return {mode: Built(tmp_path_factory.mktemp(mode), mode)
            for mode in ("shrink", "split", "clip")}  # fmt: skip


def long_lines() -> list[int]:
    """The lines of the four long slides (what their warnings name)."""
    lines = deck_text().splitlines()
    return [i + 1 for i, line in enumerate(lines)
            if line in ("## Long list", "## Long table", "## Long code", "## Long ordered")]


def numbers(words: list[str], pattern: str) -> list[int]:
    found = (re.fullmatch(pattern, w) for w in words)
    return [int(m.group(1)) for m in found if m is not None]


def assert_on_the_page(build: Built) -> None:
    for number, words in enumerate(build.pages):
        for w in words:
            assert w[1] >= -0.5 and w[3] <= build.rect.height + 0.5, (number, w)


def assert_whole_words(build: Built) -> None:
    for number, words in enumerate(build.pages):
        for w in words:
            text = w[4].lower()
            assert text in VOCABULARY or re.fullmatch(r"[\d.]+", text), (number, w[4])


# --- shrink (the default) ---------------------------------------------------------------


def test_shrink_warns_once_per_long_slide_and_keeps_everything(built: dict[str, Built]) -> None:
    b = built["shrink"]
    assert b.warnings() == [("overflow", line) for line in long_lines()]
    assert len(b.pages) == 7
    words = [w for page in range(len(b.pages)) for w in b.words(page)]
    assert numbers(words, r"value_(\d+)") == list(range(1, LINES + 1))
    assert [w for w in b.words(1) if w == "alpha"] == ["alpha"] * LINES  # all, running past
    assert_whole_words(b)


def test_shrink_is_the_default(tmp_path: Path) -> None:
    deck = tmp_path / "talk.md"
    deck.write_text(deck_text(), encoding="utf-8")
    result = converter.convert(deck, [tmp_path / "t.pdf"])
    assert result.overflow == "shrink" and result.parts == {}
    assert [d.code for d in result.warnings] == ["overflow"] * 4


# --- split ------------------------------------------------------------------------------


def test_split_is_clean_and_says_so(built: dict[str, Built]) -> None:
    b = built["split"]
    assert b.warnings() == []
    infos = [d for d in b.result.diagnostics if d.code == "overflow"]
    assert [d.line for d in infos] == long_lines()
    assert all("split into" in d.message for d in infos)
    assert set(b.result.parts) == {2, 3, 4, 6}
    assert len(b.pages) == len(b.prs.slides) == 7 + sum(n - 1 for n in b.result.parts.values())


def test_split_puts_nothing_below_the_page_and_breaks_no_word(built: dict[str, Built]) -> None:
    b = built["split"]
    assert_on_the_page(b)
    assert_whole_words(b)
    for slide in b.prs.slides:  # every shape of the PPTX on the slide too
        for shape in slide.shapes:
            assert shape.top + shape.height <= b.prs.slide_height + Emu(12700), shape.name


def test_split_list_continues_item_by_item(built: dict[str, Built]) -> None:
    b = built["split"]
    pages = b.pages_titled("LONG LIST")
    assert len(pages) == b.result.parts[2] > 2
    assert b.titles()[pages[0]] == "LONG LIST"
    assert all(b.titles()[p] == "LONG LIST (CONT.)" for p in pages[1:])
    items = [numbers(b.words(p), r"(\d+)") for p in pages]
    # each page: its items (the slide number last)
    assert [n for page in items for n in page[:-1]] == list(range(1, LINES + 1))
    sizes = [len(page) - 1 for page in items]
    assert max(sizes) - min(sizes) <= max(sizes) * 0.2  # evened out: no stub at the end


def test_split_table_repeats_its_header(built: dict[str, Built]) -> None:
    b = built["split"]
    pages = b.pages_titled("LONG TABLE")
    assert len(pages) == b.result.parts[3] > 2
    rows: list[int] = []
    for p in pages:
        words = b.words(p)
        start = words.index("n")
        assert words[start : start + 3] == ["n", "name", "square"]
        rows += numbers(words, r"row(\d+)")
        [table] = [s for s in b.prs.slides[p].shapes if s.has_table]
        assert [c.text for c in table.table.rows[0].cells] == ["n", "name", "square"]
    assert rows == list(range(1, LINES + 1))


def test_split_code_lines_run_on(built: dict[str, Built]) -> None:
    b = built["split"]
    pages = b.pages_titled("LONG CODE")
    assert len(pages) == b.result.parts[4] > 1
    per_page = [numbers(b.words(p), r"value_(\d+)") for p in pages]
    assert [n for page in per_page for n in page] == list(range(1, LINES + 1))
    assert all(page for page in per_page)


def test_split_ordered_list_numbers_on(built: dict[str, Built]) -> None:
    b = built["split"]
    pages = b.pages_titled("LONG ORDERED")
    assert len(pages) == b.result.parts[6] > 1
    markers = [n for p in pages for n in numbers(b.words(p), r"(\d+)\.")]
    assert markers == list(range(1, LINES + 1))
    second = b.prs.slides[pages[1]]
    [body] = [s for s in second.shapes if s.has_text_frame and s != second.shapes.title
              and "step" in s.text_frame.text]  # fmt: skip
    first_item = int(body.text_frame.text.split()[1])
    xml = body._element.xml
    assert f'startAt="{first_item}"' in xml  # PowerPoint numbers on from the part's first item


def test_split_notes_stay_on_the_first_part(built: dict[str, Built]) -> None:
    b = built["split"]
    for title, notes in (("LONG LIST", "notes of the long list"),
                         ("LONG CODE", "notes of the long code")):  # fmt: skip
        pages = b.pages_titled(title)
        texts = [b.prs.slides[p].notes_slide.notes_text_frame.text
                 if b.prs.slides[p].has_notes_slide else "" for p in pages]  # fmt: skip
        assert texts[0] == notes
        assert all(t == "" for t in texts[1:])


def test_split_continuations_share_the_stacks_section(built: dict[str, Built]) -> None:
    b = built["split"]
    pres = b.prs.part._element
    ext = pres.find(f"{{{P_NS}}}extLst/{{{P_NS}}}ext[@uri='{SECTION_EXT_URI}']")
    ids = [int(s.get("id")) for s in pres.iterfind(f"{{{P_NS}}}sldIdLst/{{{P_NS}}}sldId")]
    sections = [
        (s.get("name"), [ids.index(int(i.get("id"))) for i in s.iter(f"{{{P14}}}sldId")])
        for s in ext.iterfind(f"{{{P14}}}sectionLst/{{{P14}}}section")
    ]
    ordered = b.pages_titled("LONG ORDERED")
    stack = [b.pages_titled("STACK TOP")[0], *ordered, b.pages_titled("STACK END")[0]]
    assert sections[-1] == ("Stack top", stack)
    assert [i for _, slides in sections for i in slides] == list(range(len(b.prs.slides)))


def test_split_outline_nests_continuations_and_numbers_follow_pages(
    built: dict[str, Built],
) -> None:
    b = built["split"]
    toc = [(level, title) for level, title, _page in b.toc]
    parts = b.result.parts
    assert toc[:3] == [(1, "Overflow modes"), (1, "Long list"), (2, "Long list (cont.)")]
    assert toc.count((2, "Long list (cont.)")) == parts[2] - 1
    assert toc.count((3, "Long ordered (cont.)")) == parts[6] - 1  # in the stack: one deeper
    labels = [b.words(p)[-1] for p in range(len(b.pages))]
    stack_start = b.pages_titled("STACK TOP")[0]
    # outside the stack every page counts on; down the stack, h.v counts each part
    assert labels[:stack_start] == [str(n) for n in range(1, stack_start + 1)]
    h = stack_start + 1
    assert labels[stack_start:] == [f"{h}.{v}" for v in range(1, len(labels) - stack_start + 1)]


def test_split_report_and_check_show_the_parts(
    built: dict[str, Built], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    b = built["split"]
    data = json.loads(b.report.read_text(encoding="utf-8"))
    assert data["options"]["overflow"] == "split"
    assert [s["parts"] for s in data["slides"]] == [1, b.result.parts[2], b.result.parts[3],
                                                    b.result.parts[4], 1, b.result.parts[6], 1]
    deck = tmp_path / "talk.md"
    deck.write_text(deck_text(), encoding="utf-8")
    assert main([str(deck), "--check", "--overflow", "split"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == ["#", "h.v", "title", "notes", "background", "frag", "split"]
    assert out[1].split()[-1] == "-"
    assert out[2].split()[-2:] == [str(b.result.parts[2]), "slides"]
    assert out[-1].endswith(f"4 slides split into {sum(b.result.parts.values())} "
                            "(--overflow split)")  # fmt: skip
    assert main([str(deck), "--report", "-", "--overflow", "split"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["slides"][2]["parts"] == b.result.parts[3]


# --- clip -------------------------------------------------------------------------------


def test_clip_cuts_at_the_bottom_with_one_warning_per_slide(built: dict[str, Built]) -> None:
    b = built["clip"]
    warnings = list(b.result.warnings)
    assert [(d.code, d.line) for d in warnings] == [("overflow", n) for n in long_lines()]
    assert "table rows not shown" in warnings[1].message
    assert "lines of text not shown" in warnings[2].message
    assert len(b.pages) == len(b.prs.slides) == 7
    assert_on_the_page(b)
    assert_whole_words(b)
    values = numbers(b.words(3), r"value_(\d+)")
    assert values == list(range(1, len(values) + 1)) and 10 < len(values) < LINES
    for slide in b.prs.slides:
        for shape in slide.shapes:
            if shape.has_text_frame or shape.has_table:
                assert shape.top + shape.height <= b.prs.slide_height + Emu(12700), shape.name


def test_clip_does_not_shrink(built: dict[str, Built]) -> None:
    """As in reveal: the text keeps its size (the list's items as large as on a short slide)."""
    b = built["clip"]
    sizes = {round(w[3] - w[1]) for w in b.pages[1] if w[4] == "alpha"}
    short = {round(w[3] - w[1]) for w in b.pages[0] if w[4] in ("A", "short")}
    assert sizes == short


# --- options ----------------------------------------------------------------------------


def test_front_matter_sets_the_mode_and_the_command_line_wins(tmp_path: Path) -> None:
    deck = tmp_path / "talk.md"
    deck.write_text(deck_text("md2pptx: {overflow: split}"), encoding="utf-8")
    result = converter.convert(deck, [tmp_path / "a.pptx"])
    assert result.overflow == "split" and len(result.parts) == 4
    assert [d.code for d in result.warnings] == []
    result = converter.convert(deck, [tmp_path / "b.pptx"], overflow="shrink")
    assert result.overflow == "shrink" and result.parts == {}
    assert main([str(deck), "-q", "--overflow", "clip", "-o", str(tmp_path / "c.pdf")]) == 0


def test_front_matter_bad_values_warn_with_their_line(tmp_path: Path) -> None:
    deck = tmp_path / "talk.md"
    deck.write_text("---\ntitle: x\nmd2pptx:\n  overflow: scroll\n---\n\n# One\n", encoding="utf-8")
    result = converter.convert(deck, [tmp_path / "a.pptx"])
    [warning] = result.warnings
    assert (warning.code, warning.line) == ("front-matter", 3)
    assert "'scroll'" in warning.message and "using shrink" in warning.message
    assert result.overflow == "shrink"
    deck.write_text("---\nmd2pptx: split\n---\n\n# One\n", encoding="utf-8")
    [warning] = converter.convert(deck, [tmp_path / "b.pptx"]).warnings
    assert (warning.code, warning.line) == ("front-matter", 2) and "mapping" in warning.message
    deck.write_text("---\nmd2pptx: {overflw: split}\n---\n\n# One\n", encoding="utf-8")
    [warning] = converter.convert(deck, [tmp_path / "c.pptx"]).warnings
    assert "md2pptx.overflw is not an option" in warning.message


def test_command_line_refuses_an_unknown_mode(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deck = tmp_path / "talk.md"
    deck.write_text("# One\n", encoding="utf-8")
    with pytest.raises(SystemExit) as exc:
        main([str(deck), "--overflow", "scroll"])
    assert exc.value.code == 2
    assert "invalid choice: 'scroll'" in capsys.readouterr().err
    with pytest.raises(converter.ConversionError) as error:
        converter.convert(deck, [tmp_path / "a.pptx"], overflow="scroll")
    assert error.value.diagnostic.code == "overflow"


# --- the pieces ---------------------------------------------------------------------------


def test_pieces_of_blocks() -> None:
    items = tuple(ListItem((Run(f"i{n}"),)) for n in range(10))
    ordered = OrderedList(items, start=5)
    part = piece(ordered, 3, 7)
    assert isinstance(part, OrderedList) and part.start == 8 and len(part.items) == 4
    assert piece(ordered, 0, 10) is ordered and units(ordered) == 10
    table = Table(((Run("h"),),), tuple(((Run(str(n)),),) for n in range(6)), (None,))
    cut = piece(table, 2, 4)
    assert isinstance(cut, Table) and cut.header == table.header and len(cut.rows) == 2
    code = CodeBlock("a\nb\nc\nd", "python", ((1,), (3, 4)), True, 10)
    tail = piece(code, 2, 4)
    assert isinstance(tail, CodeBlock)
    assert (tail.text, tail.language, tail.first_line) == ("c\nd", "python", 12)
    assert tail.highlight_steps == ((), (1, 2))  # the steps' lines, counted in the piece
    heading = continued_title(Heading(2, (Run("Title", link="#/2"),), anchor="title"))
    assert heading.text == "Title (cont.)" and heading.anchor == ""
    assert heading.runs[-1].link is None


def test_a_block_too_tall_for_any_slide_stays_whole_and_warns(tmp_path: Path) -> None:
    words = " ".join(f"word{n}" for n in range(6000))
    deck = tmp_path / "talk.md"
    deck.write_text(f"## Wall\n\nShort first\n\n{words}\n\nShort last\n", encoding="utf-8")
    result = converter.convert(deck, [tmp_path / "t.pdf"], overflow="split")
    assert [d.code for d in result.warnings] == ["overflow"]
    assert result.parts == {1: 3}  # the short paragraphs before and after, the wall between


def test_fragments_keep_working_in_every_part(tmp_path: Path) -> None:
    items = "\n".join(f"- point {n} <!-- .element: class=\"fragment\" -->" for n in range(1, 121))
    deck = tmp_path / "talk.md"
    deck.write_text(f"## Points\n\n{items}\n", encoding="utf-8")
    out = tmp_path / "t.pptx"
    result = converter.convert(deck, [out, tmp_path / "t.pdf"], overflow="split")
    assert result.warnings == ()
    prs = Presentation(str(out))
    clicks = [slide._element.xml.count('nodeType="clickEffect"') for slide in prs.slides]
    texts = [sum(p.text.startswith("point") for s in slide.shapes if s.has_text_frame
                 for p in s.text_frame.paragraphs) for slide in prs.slides]  # fmt: skip
    assert len(prs.slides) == result.parts[1] > 1
    assert clicks == texts and sum(texts) == 120


def test_a_heading_goes_with_what_follows_it(tmp_path: Path) -> None:
    filler = " ".join(["delta"] * 60)  # a paragraph taller than its heading
    body = "\n\n".join(f"### Sub {n}\n\ntext {n} {filler} gamma" for n in range(1, 61))
    deck = tmp_path / "talk.md"
    deck.write_text(f"## Many sections\n\n{body}\n", encoding="utf-8")
    pdf = tmp_path / "t.pdf"
    result = converter.convert(deck, [pdf], overflow="split")
    assert result.warnings == () and result.parts[1] > 1
    with pymupdf.open(pdf) as doc:
        pages = [[w[4] for w in page.get_text("words")] for page in doc]
    texts = [n for words in pages for n in numbers(words[:-1], r"(\d+)")]
    assert texts == [n for k in range(1, 61) for n in (k, k)]  # each heading, then its text
    for words in pages:  # every page ends with a text (the slide number after it)
        assert words[-2] == "gamma", words[-6:]
