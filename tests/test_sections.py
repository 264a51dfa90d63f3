"""Raw `<section>` elements as slides, as reveal.js makes them (converter.reader.sections).

The fixture `fixtures/sections/talk.md` holds nested sections; `talk.oracle.json` beside it is
what reveal.js 5.1.0's markdown plugin makes of it (`../shared/oracle`), so the reader is
compared with reveal on it here without Node. Then the read model (h/v, titles, notes,
attributes, backgrounds, lines), the PPTX read back with python-pptx, and small decks for each
rule and diagnostic.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import assert_valid_pptx, codes, only, read
from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.dml import MSO_FILL

from converter.api import convert
from converter.model import Group
from converter.model.color import Color
from converter.reader import ReadResult, read_file
from converter.render.pptx.xml import P14, SECTION_EXT_URI

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "sections" / "talk.md"
P_NS = "http://schemas.openxmlformats.org/presentationml/2006/main"


def squash(text: str | None) -> str:
    return " ".join((text or "").split())


def positions(res: ReadResult) -> list[tuple[int, int]]:
    return [(s.h, s.v) for s in res.deck.slides]


def titles(res: ReadResult) -> list[str | None]:
    return [s.title for s in res.deck.slides]


@pytest.fixture(scope="module")
def fixture() -> ReadResult:
    return read_file(FIXTURE)


# --- the fixture against reveal.js ------------------------------------------------------------


def test_fixture_agrees_with_reveal(fixture: ReadResult) -> None:
    oracle = json.loads(FIXTURE.with_suffix(".oracle.json").read_text(encoding="utf-8"))
    slides = fixture.deck.slides
    assert len(slides) == len(oracle["slides"]) == 9
    for expected, slide in zip(oracle["slides"], slides, strict=True):
        where = f"slide {slide.number} (line {slide.line})"
        assert (slide.h, slide.v) == (expected["h"], expected["v"]), where
        assert squash(slide.title) == squash(expected["title"]), where
        assert squash(slide.notes_text) == squash(expected["notes"]), where
        assert dict(slide.attributes) == expected["attributes"], where
        assert "".join(slide.text.split()) == "".join(expected["text"].split()), where
    assert fixture.diagnostics == ()


def test_fixture_model(fixture: ReadResult) -> None:
    slides = fixture.deck.slides
    assert [s.number for s in slides] == list(range(1, 10))
    assert positions(fixture) == [
        (0, 0),
        (1, 0),
        (1, 1),
        (1, 2),
        (2, 0),
        (2, 1),
        (3, 0),
        (3, 1),
        (4, 0),
    ]
    assert [s.in_stack for s in slides] == [False, *[True] * 7, False]
    assert titles(fixture) == [
        "Sections as slides",
        "Stack one, first",
        "Stack one, second",
        "Stack one, third",
        "Stack two, first",
        "Stack two, second",
        "Vertical, top",
        "Vertical, second",
        "The end",
    ]
    # each slide starts on its <section> line
    assert [s.line for s in slides[1:6]] == [12, 22, 28, 48, 56]
    first, second, third = slides[1:4]
    assert first.id == "first-section" and first.classes == ("dark",)
    assert first.background.color == Color(0x1E, 0x3A, 0x5F)
    assert first.notes_text == "Notes of the first section."
    assert first.text == "Stack one, first A section written with Markdown inside it (blank " \
        "lines around it)."  # fmt: skip
    assert second.background.color == Color(0xFD, 0xE6, 0x8A)  # `.element` after the section
    assert third.classes == ("boxed",)  # `.element` first in the section
    # two deep: a section inside a section is content of its slide
    [nested] = [b for b in third.blocks if isinstance(b, Group)]
    assert nested.tag == "section" and "Nested two deep" in third.text
    # the stack's `.slide:` background is behind the slides without one of their own
    assert slides[4].attributes == ()
    assert slides[4].background.color == Color(0xDC, 0xFC, 0xE7)
    assert slides[5].background.color == Color(0xFE, 0xE2, 0xE2)
    # in a `----` stack, sections are content; the chunk's notes are the slide's
    vertical = slides[7]
    assert [b.tag for b in vertical.blocks if isinstance(b, Group)] == ["section", "section"]
    assert vertical.notes_text == "Notes of the vertical slide."
    assert "Still the second slide" in vertical.text


def test_fixture_pptx(tmp_path: Path) -> None:
    out = tmp_path / "talk.pptx"
    result = convert(FIXTURE, [out])
    assert [d for d in result.warnings] == []
    assert_valid_pptx(out)
    prs = Presentation(str(out))
    slides = list(prs.slides)
    assert len(slides) == 9
    heads = [s.shapes.title.text if s.shapes.title is not None else None for s in slides]
    # the white theme upper-cases headings
    assert heads[:7] == [
        "SECTIONS AS SLIDES",
        "STACK ONE, FIRST",
        "STACK ONE, SECOND",
        "STACK ONE, THIRD",
        "STACK TWO, FIRST",
        "STACK TWO, SECOND",
        "VERTICAL, TOP",
    ]
    notes = [s.notes_slide.notes_text_frame.text if s.has_notes_slide else "" for s in slides]
    assert notes[1] == "Notes of the first section."
    assert notes[7] == "Notes of the vertical slide."
    assert not any(notes[i] for i in (0, 2, 3, 4, 5, 6, 8))

    def fill(index: int) -> RGBColor | None:
        background = slides[index].background.fill
        return background.fore_color.rgb if background.type == MSO_FILL.SOLID else None

    assert fill(1) == RGBColor(0x1E, 0x3A, 0x5F)
    assert fill(2) == RGBColor(0xFD, 0xE6, 0x8A)
    assert fill(4) == RGBColor(0xDC, 0xFC, 0xE7)  # the stack's background
    assert fill(5) == RGBColor(0xFE, 0xE2, 0xE2)
    # each vertical stack is a PowerPoint section
    pres = prs.part._element
    ext = pres.find(f"{{{P_NS}}}extLst/{{{P_NS}}}ext[@uri='{SECTION_EXT_URI}']")
    assert ext is not None
    ids = [int(s.get("id")) for s in pres.iterfind(f"{{{P_NS}}}sldIdLst/{{{P_NS}}}sldId")]
    sections = [
        (s.get("name"), [ids.index(int(i.get("id"))) + 1 for i in s.iterfind(f".//{{{P14}}}sldId")])
        for s in ext.iterfind(f"{{{P14}}}sectionLst/{{{P14}}}section")
    ]
    assert [members for _name, members in sections] == [[1], [2, 3, 4], [5, 6], [7, 8], [9]]
    assert sections[1][0] == "Stack one, first"
    assert etree.QName(ext).localname == "ext"


# --- the rules, on small decks ----------------------------------------------------------------


def test_a_slide_of_sections_is_a_vertical_stack(tmp_path: Path) -> None:
    res = read(
        "# A\n---\n<section>\n\n## B\n\n</section>\n<section>\n\n## C\n\n</section>\n---\n# D",
        tmp_path,
    )
    assert positions(res) == [(0, 0), (1, 0), (1, 1), (2, 0)]
    assert titles(res) == ["A", "B", "C", "D"]
    assert [s.in_stack for s in res.deck.slides] == [False, True, True, False]
    assert res.diagnostics == ()


def test_one_section_is_a_stack_of_one_and_an_empty_section_is_a_slide(tmp_path: Path) -> None:
    res = read(
        "<section>\n\nA\n\n</section>\n\n<section></section>\n---\n<section>B</section>", tmp_path
    )
    assert positions(res) == [(0, 0), (0, 1), (1, 0)]
    assert [s.text for s in res.deck.slides] == ["A", "", "B"]
    assert all(s.in_stack for s in res.deck.slides)


def test_sections_that_are_content(tmp_path: Path) -> None:
    """Only sections at the top of a slide are slides: not inside a `<div>`, a quote, a code
    block, nor in a slide of a `----` stack (reveal's stacks are two levels deep)."""
    md = (
        "<div>\n<section>\n\n## In a div\n\n</section>\n</div>\n---\n"
        "> <section>\n> quoted\n> </section>\n---\n"
        "```html\n<section>code</section>\n```\n---\n"
        "A\n----\n<section>\n\n## Deep\n\n</section>\n\n<section>more</section>"
    )
    res = read(md, tmp_path)
    assert positions(res) == [(0, 0), (1, 0), (2, 0), (3, 0), (3, 1)]
    assert res.deck.slides[0].title == "In a div"
    assert res.deck.slides[4].title == "Deep" and res.deck.slides[4].text == "Deep more"


def test_content_outside_the_sections_is_dropped_with_a_warning(tmp_path: Path) -> None:
    md = "# Intro\n---\n## Loose title\n\n<section>\n\nA\n\n</section>\n\nLoose text\n"
    res = read(md, tmp_path)
    assert [s.text for s in res.deck.slides] == ["Intro", "A"]
    warning = only(res, "stack-content")
    assert warning.line == 3 and warning.slide == 2
    assert "2 block(s)" in warning.message and "'Loose title Loose text'" in warning.message


def test_notes_after_the_last_section_belong_to_no_slide(tmp_path: Path) -> None:
    md = '<section>\n\nA\n\n</section>\n\n<aside class="notes">aside</aside>\n\nNote: said\n'
    res = read(md, tmp_path)
    [slide] = res.deck.slides
    assert slide.notes == ()
    stack_notes = [d for d in res.diagnostics if d.code == "stack-notes"]
    assert [d.line for d in stack_notes] == [7, 9]
    assert codes(res) == ["stack-notes", "stack-notes"]


def test_notes_inside_an_unclosed_last_section_are_its_notes(tmp_path: Path) -> None:
    """reveal appends the notes to the chunk's HTML: in a section never closed, they are in it."""
    res = read("<section>\nA\n</section>\n<section>\n\nB\n\nNote: for B\n", tmp_path)
    first, second = res.deck.slides
    assert first.notes == () and second.notes_text == "for B"
    assert second.notes_line == 8 and first.notes_line is None
    assert codes(res) == ["unclosed-html"]


def test_attribute_comments(tmp_path: Path) -> None:
    """`.element` first in a section or right after it: the section's attributes (a later one
    wins over the tag's own); `.slide:` even inside a section: the stack's."""
    md = (
        '<section class="a" data-state="s">\n\n<!-- .element: class="b" -->\n\nA\n\n'
        '</section>\n<!-- .element: id="x" -->\n\n<section>\n\n'
        '<!-- .slide: data-background-color="#ff0000" -->\n\nB\n\n</section>\n'
        '<section data-background-color="#0000ff">C</section>\n'
    )
    res = read(md, tmp_path)
    a, b, c = res.deck.slides
    assert dict(a.attributes) == {"class": "b", "data-state": "s", "id": "x"}
    assert a.classes == ("b",) and a.id == "x" and a.state == "s"
    assert b.attributes == () and b.background.color == Color(255, 0, 0)  # the stack's
    assert a.background.color == Color(255, 0, 0)
    assert c.background.color == Color(0, 0, 255)
    assert res.diagnostics == ()


def test_stack_attributes(tmp_path: Path) -> None:
    """A hidden stack hides all its slides; attributes that reach no slide are named."""
    md = (
        '# A\n---\n<!-- .slide: data-visibility="hidden" class="wide" -->\n'
        "<section>B</section>\n<section>C</section>\n---\n# D"
    )
    res = read(md, tmp_path)
    assert [s.visibility for s in res.deck.slides] == ["visible", "hidden", "hidden", "visible"]
    assert [s.classes for s in res.deck.slides] == [()] * 4
    info = only(res, "stack-attributes")
    assert "class" in info.message and info.line == 3


def test_diagnostics_name_the_slide_of_their_section(tmp_path: Path) -> None:
    md = (
        "# A\n---\n<section>\n\n![x](one.png)\n\n</section>\n<section>\n\n![y](two.png)\n\n"
        "</section>\n---\n![z](three.png)\n"
    )
    res = read(md, tmp_path)
    missing = [(d.line, d.slide) for d in res.diagnostics if d.code == "missing-image"]
    assert missing == [(5, 2), (10, 3), (14, 4)]
    assert res.image_lines[(3, "two.png")] == 10


def test_sections_in_notes_are_content(tmp_path: Path) -> None:
    res = read("# A\n\nNote: <section>\n\nsaid\n\n</section>\n", tmp_path)
    [slide] = res.deck.slides
    assert not slide.in_stack and slide.notes_text == "said"


def test_comment_after_bare_text_targets_the_section(tmp_path: Path) -> None:
    """In the DOM, text is no element: an `.element` comment after bare text inside a section
    (even past a blank line) sets the section's attributes, as reveal's addAttributes does."""
    md = '<section>\nSome text\n\n<!-- .element: data-background-color="#00ff00" -->\n</section>'
    res = read(md, tmp_path)
    [slide] = res.deck.slides
    assert dict(slide.attributes) == {"data-background-color": "#00ff00"}
    assert slide.background.color == Color(0, 255, 0) and slide.text == "Some text"


def test_notes_aside_inside_a_container(tmp_path: Path) -> None:
    """reveal's notes plugin reads every `aside.notes` of the slide, also inside a `<div>`."""
    md = '<section>\n<div>\n\nA\n\n<aside class="notes">said</aside>\n</div>\n</section>'
    res = read(md, tmp_path)
    [slide] = res.deck.slides
    assert slide.notes_text == "said" and slide.text == "A"
    assert res.diagnostics == ()
