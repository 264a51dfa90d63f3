"""PowerPoint structure and motion, read back from the XML: sections from vertical stacks,
fragments as click animations (one click group per step, in reveal's order, with the right
presets, shapes and paragraphs), transitions, hidden slides, slide-number badges and fields,
and links between slides. The motion fixture deck and small decks written here; every file
is checked with openxml-audit (0 errors)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from conftest import assert_valid_pptx
from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from converter.api import convert
from converter.diagnostics import Severity
from converter.layout.number import NUMBER_PX, number_badge
from converter.render.pptx.motion import HIGHLIGHT
from converter.render.pptx.xml import P14, SECTION_EXT_URI

ROOT = Path(__file__).resolve().parents[1]
MOTION = ROOT / "fixtures" / "motion" / "talk.md"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
NS = {
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "mc": MC,
    "p14": P14,
}
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
EMU_PER_PT = 12700

Effect = tuple[str, int, int, int, int | None]  # class, preset id, subtype, spid, paragraph


@dataclass
class Built:
    path: Path
    prs: Any
    codes: list[str]
    infos: list[str]

    def slide(self, number: int) -> Any:
        return self.prs.slides[number - 1]


def build(source: Path, out: Path) -> Built:
    result = convert(source, [out])
    assert_valid_pptx(out)
    diags = result.diagnostics
    return Built(
        out,
        Presentation(str(out)),
        [d.code for d in diags if d.severity is not Severity.INFO],
        [d.message for d in diags if d.severity is Severity.INFO],
    )


def deck(tmp_path: Path, md: str) -> Built:
    src = tmp_path / "talk.md"
    src.write_text(md, encoding="utf-8")
    return build(src, tmp_path / "talk.pptx")


@pytest.fixture(scope="module")
def motion(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build(MOTION, tmp_path_factory.mktemp("motion") / "motion.pptx")


# --- reading the XML back ----------------------------------------------------------------------


def tag(el: Any) -> str:
    return str(etree.QName(el).localname)


def effects_of(click: Any) -> Iterator[tuple[Any, Effect]]:
    for eff in click.iterfind("p:cTn/p:childTnLst/p:par/p:cTn/p:childTnLst/p:par/p:cTn", NS):
        target = eff.find(".//p:spTgt", NS)
        rg = target.find("p:txEl/p:pRg", NS)
        if rg is not None:
            assert rg.get("st") == rg.get("end")
        paragraph = int(rg.get("st")) if rg is not None else None
        yield (
            eff,
            (
                eff.get("presetClass"),
                int(eff.get("presetID")),
                int(eff.get("presetSubtype")),
                int(target.get("spid")),
                paragraph,
            ),
        )


def clicks(slide: Any) -> list[list[Effect]]:
    """One list per click group: the effects it starts (class, preset, subtype, shape,
    paragraph). Checks the tree's fixed frame on the way."""
    timing = slide._element.find("p:timing", NS)
    if timing is None:
        return []
    root = timing.find("p:tnLst/p:par/p:cTn", NS)
    assert (root.get("id"), root.get("nodeType"), root.get("restart")) == ("1", "tmRoot", "never")
    seq = root.find("p:childTnLst/p:seq", NS)
    assert (seq.get("concurrent"), seq.get("nextAc")) == ("1", "seek")
    main = seq.find("p:cTn", NS)
    assert (main.get("id"), main.get("nodeType")) == ("2", "mainSeq")
    assert seq.find("p:prevCondLst/p:cond", NS).get("evt") == "onPrev"
    assert seq.find("p:nextCondLst/p:cond", NS).get("evt") == "onNext"
    ids = [int(c.get("id")) for c in timing.iter(f"{{{NS['p']}}}cTn")]
    assert ids == list(range(1, len(ids) + 1))  # unique, in document order
    out = []
    for click in main.find("p:childTnLst", NS):
        assert click.find("p:cTn/p:stCondLst/p:cond", NS).get("delay") == "indefinite"
        found = list(effects_of(click))
        nodes = [eff.get("nodeType") for eff, _ in found]
        assert nodes == ["clickEffect"] + ["withEffect"] * (len(nodes) - 1)
        out.append([e for _, e in found])
    return out


def builds(slide: Any) -> list[tuple[str, int, int, str | None]]:
    """`p:bldLst` entries: (kind, shape, group, build)."""
    found = slide._element.find("p:timing/p:bldLst", NS)
    if found is None:
        return []
    return [(tag(b), int(b.get("spid")), int(b.get("grpId")), b.get("build")) for b in found]


def spid(slide: Any, text: str) -> int:
    """The id of the shape whose text contains `text` (the first one)."""
    for shape in slide.shapes:
        if shape.has_text_frame and text in shape.text_frame.text:
            return int(shape.shape_id)
    raise AssertionError(f"no shape with {text!r}")


def paragraph(slide: Any, text: str) -> tuple[int, int]:
    """(shape id, paragraph index) of the paragraph containing `text`."""
    for shape in slide.shapes:
        if shape.has_text_frame:
            for i, p in enumerate(shape.text_frame.paragraphs):
                if text in "".join(r.text for r in p.runs):
                    return int(shape.shape_id), i
    raise AssertionError(f"no paragraph with {text!r}")


def transition(slide: Any) -> tuple[str, str, int, dict[str, str], str] | None:
    """(effect, spd, p14:dur, effect attributes, fallback effect) of the slide's transition."""
    alt = slide._element.find("mc:AlternateContent", NS)
    if alt is None:
        assert slide._element.find("p:transition", NS) is None
        return None
    choice = alt.find("mc:Choice", NS)
    assert choice.get("Requires") == "p14"
    modern = choice.find("p:transition", NS)
    fallback = alt.find("mc:Fallback/p:transition", NS)
    assert fallback.get("spd") == modern.get("spd")
    effect = modern[0]
    return (
        tag(effect),
        modern.get("spd"),
        int(modern.get(f"{{{P14}}}dur")),
        dict(effect.attrib),
        tag(fallback[0]),
    )


def number(slide: Any) -> tuple[str | None, str] | None:
    """The slide-number badge: (the slidenum field's value, or None; the plain text)."""
    shapes = [s for s in slide.shapes if s.name.startswith("Slide Number")]
    if not shapes:
        return None
    [shape] = shapes
    p = shape._element.find(".//a:p", NS)
    field = p.find("a:fld", NS)
    if field is not None:
        assert field.get("type") == "slidenum"
    text = "".join(t.text for t in p.iterfind("a:r/a:t", NS))
    return (field.find("a:t", NS).text if field is not None else None), text


def jumps(prs: Any, slide: Any) -> list[int]:
    """The slide numbers (1-based) the slide's links jump to, in order."""
    index = {s.part: i for i, s in enumerate(prs.slides, 1)}
    out = []
    for link in slide._element.iter(f"{{{NS['a']}}}hlinkClick"):
        if link.get("action") == "ppaction://hlinksldjump":
            rel = slide.part.rels[link.get(f"{{{R_NS}}}id")]
            assert rel.reltype == RT.SLIDE
            out.append(index[rel.target_part])
    return out


# --- the motion fixture -------------------------------------------------------------------------


def test_fixture_is_clean(motion: Built) -> None:
    assert len(motion.prs.slides) == 10
    assert motion.codes == []
    assert any("'custom'" in m and "appears on its click" in m for m in motion.infos)


def test_sections_follow_the_stacks(motion: Built) -> None:
    pres = motion.prs.part._element
    ext = pres.find(f"p:extLst/p:ext[@uri='{SECTION_EXT_URI}']", NS)
    ids = [int(s.get("id")) for s in pres.iterfind("p:sldIdLst/p:sldId", NS)]
    sections = [
        (s.get("name"), [ids.index(int(i.get("id"))) + 1 for i in s.iterfind(".//p14:sldId", NS)])
        for s in ext.iterfind("p14:sectionLst/p14:section", NS)
    ]
    assert sections == [
        ("Motion tour", [1, 2]),
        ("Emphasis and exits", [3, 4, 5]),
        ("Blocks as fragments", [6, 7, 8, 9, 10]),
    ]


def test_entrance_styles(motion: Built) -> None:
    slide = motion.slide(2)
    body = spid(slide, "Fades in")
    expected = [
        ("entr", 10, 0),  # fade-in
        ("entr", 2, 4),  # fade-up: fly in from the bottom
        ("entr", 2, 1),  # fade-down: from the top
        ("entr", 2, 2),  # fade-left: from the right
        ("entr", 2, 8),  # fade-right: from the left
        ("entr", 53, 16),  # zoom-in
    ]
    assert clicks(slide) == [[(*e, body, i)] for i, e in enumerate(expected)]
    assert builds(slide) == [("bldP", body, 0, "p")]


def test_emphasis_and_exit_styles(motion: Built) -> None:
    slide = motion.slide(3)
    body = spid(slide, "Grows")
    assert clicks(slide) == [
        [("emph", 6, 0, body, 0)],  # grow
        [("emph", 6, 0, body, 1)],  # shrink
        [("exit", 10, 0, body, 2)],  # fade-out
        [("emph", 9, 0, body, 3)],  # semi-fade-out
        [("emph", 3, 0, body, 4)],  # highlight-red
        [("emph", 3, 0, body, 5)],  # highlight-green
        [("emph", 3, 0, body, 6)],  # highlight-blue
        [("entr", 1, 0, body, 7)],  # strike: appears struck
    ]
    timing = slide._element.find("p:timing", NS)
    scales = [s.get("x") for s in timing.iterfind(".//p:animScale/p:by", NS)]
    assert scales == ["130000", "70000"]
    assert timing.find(".//p:set/p:to/p:strVal[@val='0.5']", NS) is not None
    colors = [c.get("val") for c in timing.iterfind(".//p:animClr/p:to/a:srgbClr", NS)]
    assert colors == [HIGHLIGHT["red"], HIGHLIGHT["green"], HIGHLIGHT["blue"]]
    hidden = timing.findall(".//p:set/p:to/p:strVal[@val='hidden']", NS)
    assert len(hidden) == 1  # the fade-out ends hidden
    shape, index = paragraph(slide, "Struck out")
    struck = (
        next(s for s in slide.shapes if s.shape_id == shape).text_frame.paragraphs[index].runs[0]
    )
    assert struck._r.find("a:rPr", NS).get("strike") == "sngStrike"
    assert sorted(builds(slide)) == [
        ("bldP", body, 0, "p"),
        ("bldP", body, 1, "p"),
        ("bldP", body, 2, "p"),
    ]


def test_current_only_styles_change_again_on_the_next_click(motion: Built) -> None:
    slide = motion.slide(4)
    body = spid(slide, "Visible, then gone")
    assert clicks(slide) == [
        [("entr", 10, 0, body, 0)],
        [("exit", 10, 0, body, 0), ("entr", 10, 0, body, 1)],  # the previous one leaves
        [("exit", 10, 0, body, 1), ("entr", 10, 0, body, 2)],
        [("emph", 9, 0, body, 2), ("emph", 3, 0, body, 3)],
        [("emph", 3, 0, body, 3), ("entr", 1, 0, body, 4)],  # custom falls back to appear
    ]
    timing = slide._element.find("p:timing", NS)
    colors = [c.get("val") for c in timing.iterfind(".//p:animClr/p:to/a:srgbClr", NS)]
    shape, index = paragraph(slide, "Red while current")
    text = next(s for s in slide.shapes if s.shape_id == shape).text_frame.paragraphs[index].runs[0]
    own = text._r.find("a:rPr/a:solidFill/a:srgbClr", NS).get("val")
    assert colors == [HIGHLIGHT["red"], own]  # red while current, then its own colour again


def test_fragment_index_order_and_equal_indices(motion: Built) -> None:
    slide = motion.slide(5)
    body = spid(slide, "Third")
    # Third (3), First (1), Second (2), Also second (2), Last (none): paragraphs 0..4
    assert clicks(slide) == [
        [("entr", 10, 0, body, 1)],
        [("entr", 10, 0, body, 2), ("entr", 10, 0, body, 3)],
        [("entr", 10, 0, body, 0)],
        [("entr", 10, 0, body, 4)],
    ]


def test_whole_blocks_picture_table_container(motion: Built) -> None:
    slide = motion.slide(6)
    picture = next(s for s in slide.shapes if s.shape_type == 13)  # MSO_SHAPE_TYPE.PICTURE
    table = next(s for s in slide.shapes if s.has_table)
    container = spid(slide, "A container")
    assert clicks(slide) == [
        [("entr", 53, 16, picture.shape_id, None)],
        [("entr", 2, 4, table.shape_id, None)],
        [("entr", 10, 0, container, None)],
    ]
    assert builds(slide) == [
        ("bldGraphic", table.shape_id, 0, None),
        ("bldP", container, 0, None),  # whole shape (animBg), no entry for the picture
    ]


def test_code_highlight_steps_and_animated_lists(motion: Built) -> None:
    slide = motion.slide(7)
    codes = [s for s in slide.shapes if s.has_text_frame and "def grow" in s.text_frame.text]
    assert len(codes) == 3  # the block (step 1) and one stacked copy per further step
    water = paragraph(slide, "Water")
    wait = paragraph(slide, "Wait")
    assert clicks(slide) == [
        [("entr", 10, 0, codes[1].shape_id, None)],
        [("entr", 10, 0, codes[2].shape_id, None)],
        [("entr", 10, 0, *water)],
        [("entr", 10, 0, *wait)],
    ]


def test_no_animations_without_fragments(motion: Built) -> None:
    for n in (1, 8, 9, 10):
        assert clicks(motion.slide(n)) == []
        assert motion.slide(n)._element.find("p:timing", NS) is None


def test_transitions(motion: Built) -> None:
    got = [transition(motion.slide(n)) for n in range(1, 11)]
    assert got == [
        None,  # the first slide: reveal shows it without one
        ("fade", "fast", 400, {}, "fade"),
        ("push", "fast", 400, {"dir": "l"}, "push"),  # slide
        ("fade", "fast", 400, {}, "fade"),  # the previous slide's fade-out
        ("prism", "slow", 1200, {"dir": "u"}, "push"),  # deck default (convex), down the stack
        ("zoom", "fast", 400, {}, "zoom"),
        ("prism", "fast", 400, {"dir": "l", "isInverted": "1"}, "push"),  # concave
        ("prism", "fast", 400, {"dir": "l", "isInverted": "1"}, "push"),  # the previous slide's
        None,  # data-transition="none"
        ("prism", "fast", 400, {"dir": "l"}, "push"),  # convex-in
    ]


def test_schema_order_in_the_slide(motion: Built) -> None:
    for n in (2, 7):
        children = [tag(c) for c in motion.slide(n)._element]
        assert children == ["cSld", "clrMapOvr", "AlternateContent", "timing"]


def test_hidden_slide(motion: Built) -> None:
    shown = [s._element.get("show") for s in motion.prs.slides]
    assert shown == [None] * 7 + ["0"] + [None] * 2


def test_slide_numbers(motion: Built) -> None:
    got = [number(motion.slide(n)) for n in range(1, 11)]
    assert got == [
        ("1", ""),  # a field while PowerPoint's count is reveal's number
        ("2", ""),
        (None, "3.1"),
        (None, "3.2"),
        (None, "3.3"),
        (None, "4"),
        (None, "5"),
        None,  # hidden
        None,  # uncounted
        (None, "7"),
    ]


def test_number_badge_placed_and_styled_like_reveal(motion: Built) -> None:
    prs = motion.prs
    [shape] = [s for s in motion.slide(3).shapes if s.name.startswith("Slide Number")]
    width, height = prs.slide_width / EMU_PER_PT, prs.slide_height / EMU_PER_PT
    px = height / (700 * 1.04)  # reveal's 960x700 canvas with its 4 % margin, fitted
    badge = number_badge("3.1", width, height, px)
    assert abs(shape.left / EMU_PER_PT - badge.x) < 0.1
    assert abs(shape.top / EMU_PER_PT - badge.y) < 0.1
    assert abs((width - (shape.left + shape.width) / EMU_PER_PT) - 8 * px) < 0.1  # right 8px
    assert abs((height - (shape.top + shape.height) / EMU_PER_PT) - 8 * px) < 0.1  # bottom 8px
    fill = shape._element.find("p:spPr/a:solidFill/a:srgbClr", NS)
    assert (fill.get("val"), fill.find("a:alpha", NS).get("val")) == ("000000", "40000")
    rpr = shape._element.find(".//a:r/a:rPr", NS)
    assert abs(int(rpr.get("sz")) / 100 - NUMBER_PX * px) < 0.1
    assert rpr.find("a:solidFill/a:srgbClr", NS).get("val") == "FFFFFF"


def test_links_jump_to_the_right_slides(motion: Built) -> None:
    assert jumps(motion.prs, motion.slide(1)) == [2, 4, 10]  # #/1, #/2/1, #/the-end
    assert jumps(motion.prs, motion.slide(10)) == [1]  # #/0


# --- small decks --------------------------------------------------------------------------------


def test_number_formats_c_and_c_over_t(tmp_path: Path) -> None:
    body = (
        '# A\n\n---\n\n<!-- .slide: data-visibility="uncounted" -->\n# B\n\n'
        "---\n\n# C\n\n---\n\n# D\n"
    )
    built = deck(tmp_path, "---\nrevealOptions:\n  slideNumber: c/t\n---\n" + body)
    assert [number(s) for s in built.prs.slides] == [
        ("1", "/3"),
        None,
        (None, "2/3"),  # PowerPoint would count 3 here
        (None, "3/3"),
    ]
    (tmp_path / "c").mkdir()
    built = deck(tmp_path / "c", "---\nrevealOptions:\n  slideNumber: c\n---\n# A\n\n---\n\n# B\n")
    assert [number(s) for s in built.prs.slides] == [("1", ""), ("2", "")]


def test_number_formats_h_v_and_off(tmp_path: Path) -> None:
    md = "---\nrevealOptions:\n  slideNumber: h/v\n---\n# A\n\n---\n\n# B\n\n----\n\n# B2\n"
    built = deck(tmp_path, md)
    assert [number(s) for s in built.prs.slides] == [("1", ""), (None, "2/1"), (None, "2/2")]
    (tmp_path / "off").mkdir()
    built = deck(tmp_path / "off", "---\nrevealOptions:\n  slideNumber: false\n---\n# A\n")
    assert number(built.slide(1)) is None


def test_unknown_link_target_warns_and_forward_links_work(tmp_path: Path) -> None:
    md = (
        "# A\n\n[nowhere](#/9) [ahead](#/2) [by id](#/later)\n\n---\n\n# B\n\n---\n\n"
        '<!-- .slide: id="later" -->\n# C\n'
    )
    built = deck(tmp_path, md)
    assert built.codes == ["link"]
    assert jumps(built.prs, built.slide(1)) == [3, 3]
    runs = [r for p in built.slide(1).shapes[1].text_frame.paragraphs for r in p.runs]
    nowhere = next(r for r in runs if r.text == "nowhere")
    assert nowhere._r.find("a:rPr/a:hlinkClick", NS) is None


def test_links_from_notes_jump_too(tmp_path: Path) -> None:
    built = deck(tmp_path, "# A\n\nNote:\nSee [B](#/1)\n\n---\n\n# B\n")
    notes = built.slide(1).notes_slide
    [link] = notes._element.iter(f"{{{NS['a']}}}hlinkClick")
    assert link.get("action") == "ppaction://hlinksldjump"


def test_fragments_off_and_no_stacks(tmp_path: Path) -> None:
    md = (
        "---\nrevealOptions:\n  fragments: false\n  transition: none\n---\n"
        '# A\n\n- x <!-- .element: class="fragment" -->\n\n---\n\n# B\n'
    )
    built = deck(tmp_path, md)
    for slide in built.prs.slides:
        assert slide._element.find("p:timing", NS) is None
        assert transition(slide) is None
    assert built.prs.part._element.find("p:extLst", NS) is None  # no stacks: no sections


def test_whole_shape_and_paragraph_fragments_in_one_shape(tmp_path: Path) -> None:
    md = (
        '- a <!-- .element: class="fragment" -->\n- b\n\n<!-- .element: class="fragment grow" -->\n'
    )
    built = deck(tmp_path, md)
    slide = built.slide(1)
    box = spid(slide, "a")
    assert clicks(slide) == [[("emph", 6, 0, box, None)], [("entr", 10, 0, box, 0)]]
    assert builds(slide) == [("bldP", box, 0, None), ("bldP", box, 1, "p")]


def test_heading_and_code_fragments_animate_their_shapes(tmp_path: Path) -> None:
    md = (
        '## Title <!-- .element: class="fragment fade-down" -->\n\n'
        '### Sub <!-- .element: class="fragment" data-fragment-index="0" -->\n\n'
        '```js\nlet a = 1\n```\n<!-- .element: class="fragment fade-out" -->\n'
    )
    built = deck(tmp_path, md)
    slide = built.slide(1)
    title, sub, code = (spid(slide, t) for t in ("TITLE", "SUB", "let a"))
    assert slide.shapes[0].is_placeholder and slide.shapes[0].shape_id == title
    assert clicks(slide) == [
        [("entr", 10, 0, sub, None)],  # indexed fragments come first
        [("entr", 2, 1, title, None)],
        [("exit", 10, 0, code, None)],
    ]
