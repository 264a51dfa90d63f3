"""Speaker notes (dialect.md §1.6, §5.2 and Part A: `^notes?:`, several markers, fences)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import codes, only, read

from converter.diagnostics import Severity
from converter.model import BulletList, CodeBlock, Heading, Paragraph, iter_fragments

# --- the marker -------------------------------------------------------------------------------


@pytest.mark.parametrize("marker", ["Note:", "Notes:", "NOTE:", "notes:", "nOtEs:"])
def test_notes_marker_is_case_insensitive_note_or_notes_at_line_start(
    tmp_path: Path, marker: str
) -> None:
    res = read(f"# Slide\n\nBody\n{marker} say this", tmp_path)
    slide = res.deck.slides[0]
    assert slide.text == "Slide Body"
    assert slide.notes_text == "say this"
    assert slide.notes_line == 4
    assert res.diagnostics == ()


def test_text_after_the_colon_on_the_marker_line_belongs_to_the_notes(tmp_path: Path) -> None:
    res = read("A\nNote: first line\nsecond line", tmp_path)
    assert res.deck.slides[0].notes_text == "first line second line"
    assert res.deck.slides[0].text == "A"


def test_marker_alone_on_its_line_starts_the_notes_below(tmp_path: Path) -> None:
    res = read("A\nnotes:\nn1", tmp_path)
    assert res.deck.slides[0].notes_text == "n1"
    assert res.deck.slides[0].notes_line == 2


@pytest.mark.parametrize("line", ["snotes: n1", "ssNote: n1"])
def test_leading_s_artefact_of_reveal_regex_is_not_a_marker(tmp_path: Path, line: str) -> None:
    # reveal.js's `^s*notes?:` matches these; Part A deliberately does not
    res = read(f"A\n{line}", tmp_path)
    assert res.deck.slides[0].notes == ()
    assert res.deck.slides[0].text == f"A {line}"


@pytest.mark.parametrize(
    "line",
    ["  Note: n1", "Note : n1", "A my notes: n1"],
    ids=["indented", "space-before-colon", "mid-line"],
)
def test_non_markers_stay_on_the_slide(tmp_path: Path, line: str) -> None:
    res = read(f"Top\n{line}", tmp_path)
    slide = res.deck.slides[0]
    assert slide.notes == ()
    assert slide.notes_line is None
    assert slide.text == f"Top {line.strip()}"


def test_everything_after_the_marker_to_the_end_of_the_slide_is_markdown_notes(
    tmp_path: Path,
) -> None:
    md = "A\nNote:\n### Head\n\n- x\n- y\n\n```py\ncode\n```\n---\nB"
    res = read(md, tmp_path)
    first, second = res.deck.slides
    assert first.text == "A"
    assert [type(b) for b in first.notes] == [Heading, BulletList, CodeBlock]
    heading = first.notes[0]
    assert isinstance(heading, Heading)
    assert heading.level == 3
    assert heading.text == "Head"
    code = first.notes[2]
    assert isinstance(code, CodeBlock)
    assert code.language == "py"
    assert first.notes_text == "Head x y code"
    # the notes end at the separator
    assert second.text == "B"
    assert second.notes == ()


def test_notes_support_inline_formatting(tmp_path: Path) -> None:
    res = read("A\nNote: say **this** *now*", tmp_path)
    para = res.deck.slides[0].notes[0]
    assert isinstance(para, Paragraph)
    assert [(r.text, r.bold, r.italic) for r in para.runs] == [
        ("say ", False, False), ("this", True, False), (" ", False, False), ("now", False, True)
    ]


def test_a_slide_can_consist_of_notes_only(tmp_path: Path) -> None:
    res = read("Note: only notes", tmp_path)
    slide = res.deck.slides[0]
    assert slide.blocks == ()
    assert slide.notes_text == "only notes"
    assert slide.notes_line == 1


def test_each_slide_has_its_own_notes(tmp_path: Path) -> None:
    res = read("A\nNote: n1\n---\nB\nNote: n2\n----\nC", tmp_path)
    assert [s.notes_text for s in res.deck.slides] == ["n1", "n2", ""]
    assert [s.notes_line for s in res.deck.slides] == [2, 5, None]
    assert [(s.h, s.v) for s in res.deck.slides] == [(0, 0), (1, 0), (1, 1)]


# --- Part A: several markers --------------------------------------------------------------


def test_several_markers_everything_after_the_first_is_notes_with_a_warning(
    tmp_path: Path,
) -> None:
    res = read("A\nNote: one\n\nB\nNote: two\nnote: three", tmp_path)
    slide = res.deck.slides[0]
    assert slide.text == "A"
    assert slide.notes_line == 2
    assert "one" in slide.notes_text
    assert "B" in slide.notes_text
    assert "two" in slide.notes_text
    assert "three" in slide.notes_text
    diag = only(res, "several-notes")
    assert diag.severity is Severity.WARNING
    assert diag.line == 2
    assert diag.slide == 1
    assert "5" in diag.message and "6" in diag.message


def test_several_markers_warning_is_per_slide(tmp_path: Path) -> None:
    res = read("A\nNote: a\n---\nB\nNote: b1\nNote: b2", tmp_path)
    diag = only(res, "several-notes")
    assert diag.slide == 2
    assert diag.line == 5
    assert res.deck.slides[0].notes_text == "a"


# --- Part A: notes markers and fences -----------------------------------------------------


def test_notes_marker_inside_closed_fence_is_code_with_a_warning(tmp_path: Path) -> None:
    res = read("A\n```\nx\nNote: y\n```\nNote: real", tmp_path)
    slide = res.deck.slides[0]
    code = slide.blocks[1]
    assert isinstance(code, CodeBlock)
    assert code.text == "x\nNote: y"
    assert slide.notes_text == "real"
    assert slide.notes_line == 6
    diag = only(res, "fence-notes")
    assert diag.severity is Severity.WARNING
    assert diag.line == 4


def test_notes_marker_after_an_unclosed_fence_still_starts_the_notes(tmp_path: Path) -> None:
    res = read("A\n```\ncode\nNote: n", tmp_path)
    slide = res.deck.slides[0]
    assert slide.notes_text == "n"
    assert slide.text == "A code"
    assert only(res, "unclosed-fence").line == 2
    assert "fence-notes" not in codes(res)


# --- custom notes separators --------------------------------------------------------------


def test_front_matter_notes_separator_replaces_the_default(tmp_path: Path) -> None:
    res = read("---\nnotesSeparator: '^Speaker:'\n---\nA\nSpeaker: n\nNote: x", tmp_path)
    slide = res.deck.slides[0]
    assert slide.text == "A"
    assert slide.notes_text == "n Note: x"
    assert res.deck.separators.notes == "^Speaker:"


def test_reveal_options_markdown_notes_separator_is_honoured(tmp_path: Path) -> None:
    md = "---\nrevealOptions:\n  markdown:\n    notesSeparator: '^Speaker:'\n---\nA\nSpeaker: n"
    res = read(md, tmp_path)
    assert res.deck.slides[0].notes_text == "n"
    assert res.deck.slides[0].text == "A"


def test_cli_notes_separator_replaces_the_default(tmp_path: Path) -> None:
    res = read("A\n???\nN\n---\nB\nNote: x", tmp_path, notes_separator=r"^\?\?\?")
    assert [s.notes_text for s in res.deck.slides] == ["N", ""]
    assert res.deck.slides[1].text == "B Note: x"


def test_cli_notes_separator_wins_over_front_matter(tmp_path: Path) -> None:
    md = "---\nnotesSeparator: '^Speaker:'\n---\nA\nSpeaker: s\n???\nq"
    res = read(md, tmp_path, notes_separator=r"^\?\?\?")
    assert res.deck.slides[0].text == "A Speaker: s"
    assert res.deck.slides[0].notes_text == "q"


def test_default_notes_separator_is_recorded_on_the_deck(tmp_path: Path) -> None:
    res = read("A", tmp_path)
    assert res.deck.separators.notes == "^notes?:"


# --- other sources of notes and notes-related attributes ----------------------------------


def test_slide_attribute_comment_inside_the_notes_applies_to_the_slide(tmp_path: Path) -> None:
    res = read('# T\nNote: hi\n<!-- .slide: data-state="s1" -->', tmp_path)
    slide = res.deck.slides[0]
    assert slide.state == "s1"
    assert ("data-state", "s1") in slide.attributes
    assert slide.notes_text == "hi"


def test_aside_notes_in_the_slide_body_are_notes(tmp_path: Path) -> None:
    res = read('# T\n\n<aside class="notes">\n\nSay **this**\n\n</aside>\n\nAfter', tmp_path)
    slide = res.deck.slides[0]
    assert slide.text == "T After"
    para = slide.notes[0]
    assert isinstance(para, Paragraph)
    assert [(r.text, r.bold) for r in para.runs] == [("Say ", False), ("this", True)]


def test_data_notes_attribute_gives_notes_when_there_are_none(tmp_path: Path) -> None:
    res = read('# T\n<!-- .slide: data-notes="from attr" -->', tmp_path)
    assert res.deck.slides[0].notes_text == "from attr"


def test_notes_marker_wins_over_data_notes(tmp_path: Path) -> None:
    res = read('# T\n<!-- .slide: data-notes="from attr" -->\nNote: real', tmp_path)
    assert res.deck.slides[0].notes_text == "real"


def test_animate_lists_does_not_turn_notes_lists_into_fragments(tmp_path: Path) -> None:
    md = "---\nrevealOptions:\n  markdown:\n    animateLists: true\n---\n- a\n\nNote:\n- n"
    res = read(md, tmp_path)
    slide = res.deck.slides[0]
    assert len(iter_fragments(slide.blocks)) == 1
    assert iter_fragments(slide.notes) == []
