"""Fragments in layout: every element with `class="fragment"` reaches the laid-out boxes or
paragraphs (fragment containers, nested list items, quotes, a fragment list merged into the
body), `strike` fragments are struck, and code line highlights (`[1|2-3]`) become the block
(first step, other lines dimmed) plus one stacked fade-in copy per further step."""

from __future__ import annotations

from converter.diagnostics import Diagnostics
from converter.layout import LayoutOptions, layout_deck
from converter.layout.boxes import LaidOutSlide, TextBox
from converter.layout.code import DIM_OPACITY
from converter.reader import read_text
from converter.render.reveal_order import fragment_ranks


def slides(md: str) -> tuple[LaidOutSlide, ...]:
    read = read_text(md)
    return layout_deck(read.deck, LayoutOptions(), Diagnostics()).slides


def steps(slide: LaidOutSlide) -> list[tuple[str, int | None]]:
    """(text, step) of every paragraph, the step from the paragraph's or its box's fragment."""
    ranks = fragment_ranks(slide)
    out: list[tuple[str, int | None]] = []
    for box in slide.boxes:
        if isinstance(box, TextBox):
            for p in box.paragraphs:
                fragment = p.fragment or box.fragment
                out.append((p.text, ranks[id(fragment)] if fragment else None))
    return out


def test_fragment_container_children_appear_with_it() -> None:
    [slide] = slides('<div class="fragment fade-up">\n\nInside\n\n- x\n- y\n\n</div>\n\nAfter\n')
    assert steps(slide) == [("Inside", 1), ("x", 1), ("y", 1), ("After", None)]
    assert {b.fragment.style for b in slide.boxes if b.fragment} == {"fade-up"}


def test_nested_items_appear_with_their_parent_item() -> None:
    md = "- one\n- two <!-- .element: class=\"fragment\" -->\n  - two a\n  - two b\n- three\n"
    [slide] = slides(md)
    assert steps(slide) == [("one", None), ("two", 1), ("two a", 1), ("two b", 1), ("three", None)]


def test_fragment_list_merged_into_the_body_keeps_its_fragment() -> None:
    md = "## Title\n\nIntro\n\n- a\n- b\n\n<!-- .element: class=\"fragment\" -->\n"
    [slide] = slides(md)
    body = [b for b in slide.boxes if isinstance(b, TextBox) and b.role == "body"]
    assert len(body) == 1 and body[0].fragment is None
    assert steps(slide) == [("TITLE", None), ("Intro", None), ("a", 1), ("b", 1)]


def test_fragments_inside_a_quote() -> None:
    [slide] = slides('> said <!-- .element: class="fragment" -->\n>\n> - x\n')
    assert steps(slide) == [("said", 1), ("x", None)]


def test_strike_fragment_is_struck() -> None:
    [slide] = slides('Plain\n\nGone <!-- .element: class="fragment strike" -->\n')
    runs = {p.text: {r.strike for r in p.runs} for b in slide.boxes for p in b.paragraphs}
    assert runs == {"Plain": {False}, "Gone": {True}}


def test_code_highlight_steps_are_stacked_fragments() -> None:
    [slide] = slides("```js [1|2,3|]\naa\nbb\ncc\n```\n")
    base, *copies = slide.boxes
    assert isinstance(base, TextBox) and base.fragment is None and base.shadow
    assert len(copies) == 2
    assert all(isinstance(c, TextBox) and c.role == "code" and not c.shadow for c in copies)
    assert {(c.x, c.y, c.w, c.h) for c in slide.boxes} == {(base.x, base.y, base.w, base.h)}
    assert [c.fragment.style for c in copies if c.fragment] == ["fade-in", "fade-in"]
    ranks = fragment_ranks(slide)
    assert [ranks[id(c.fragment)] for c in copies] == [1, 2]

    def colors(box: object) -> list[str]:
        assert isinstance(box, TextBox)
        return [p.runs[0].color.hex for p in box.paragraphs]

    bright = colors(copies[1])  # the last step (`[]`) highlights nothing: nothing dimmed
    background = base.fill
    assert background is not None
    dim = [
        c.with_alpha(DIM_OPACITY).over(background).hex
        for c in (p.runs[0].color for p in copies[1].paragraphs)
    ]
    assert colors(base) == [bright[0], dim[1], dim[2]]
    assert colors(copies[0]) == [dim[0], bright[1], bright[2]]
    # the lines the PDF draws are dimmed the same way
    assert base.paragraphs[1].lines[0].runs[0].color.hex == dim[1]


def test_indexed_code_fragment_numbers_its_steps_after_it() -> None:
    md = (
        "Later <!-- .element: class=\"fragment\" data-fragment-index=\"9\" -->\n\n"
        "```js [1|2]\na\nb\n```\n<!-- .element: class=\"fragment\" data-fragment-index=\"4\" -->\n"
    )
    [slide] = slides(md)
    ranks = fragment_ranks(slide)
    later, code, copy = slide.boxes
    assert code.fragment is not None and copy.fragment is not None
    assert (code.fragment.index, copy.fragment.index) == (4, 5)
    assert [ranks[id(b.fragment)] for b in (code, copy, later) if b.fragment] == [1, 2, 3]
