"""Slide splitting (dialect.md §1.3-§1.5 and Part A: separators, fences, front matter, themes).

Each test names the rule it checks; inputs are the smallest decks that show it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import codes, only, read

from converter.diagnostics import ConversionError, Severity
from converter.model import BulletList, CodeBlock, Heading, Paragraph, Rule
from converter.reader import ReadOptions, ReadResult, read_file

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "community-safety" / "talk.md"




def texts(res: ReadResult) -> list[str]:
    return [s.text for s in res.deck.slides]


def positions(res: ReadResult) -> list[tuple[int, int]]:
    return [(s.h, s.v) for s in res.deck.slides]






# --- the default separators (§1.1-§1.3) ---------------------------------------------------


def test_default_horizontal_separator_needs_only_one_line_break_each_side(tmp_path: Path) -> None:
    res = read("A\n---\nB", tmp_path)
    assert texts(res) == ["A", "B"]
    assert positions(res) == [(0, 0), (1, 0)]
    assert [s.number for s in res.deck.slides] == [1, 2]
    assert [s.line for s in res.deck.slides] == [1, 3]
    assert res.diagnostics == ()


def test_four_dashes_are_a_vertical_separator_never_a_rule(tmp_path: Path) -> None:
    res = read("A\n----\nB", tmp_path)
    assert texts(res) == ["A", "B"]
    assert positions(res) == [(0, 0), (0, 1)]
    assert all(s.in_stack for s in res.deck.slides)
    assert not any(isinstance(b, Rule) for s in res.deck.slides for b in s.blocks)


def test_stack_algorithm_chunk_before_vertical_is_stack_top_and_horizontal_closes_stack(
    tmp_path: Path,
) -> None:
    # A |V B |H C  ->  [[A, B], C]
    res = read("A\n----\nB\n---\nC", tmp_path)
    assert texts(res) == ["A", "B", "C"]
    assert positions(res) == [(0, 0), (0, 1), (1, 0)]
    assert [s.in_stack for s in res.deck.slides] == [True, True, False]


def test_stack_algorithm_several_stacks(tmp_path: Path) -> None:
    res = read("A\n----\nB\n----\nC\n---\nD\n----\nE", tmp_path)
    assert positions(res) == [(0, 0), (0, 1), (0, 2), (1, 0), (1, 1)]
    assert [s.line for s in res.deck.slides] == [1, 3, 5, 7, 9]
    assert [len(stack) for stack in res.deck.stacks()] == [3, 2]


def test_vertical_separator_before_any_horizontal_one_opens_the_first_stack(
    tmp_path: Path,
) -> None:
    res = read("A\n----\nB\n----\nC", tmp_path)
    assert positions(res) == [(0, 0), (0, 1), (0, 2)]
    assert texts(res) == ["A", "B", "C"]


# --- §1.5 edge cases ----------------------------------------------------------------------


def test_setext_underline_is_a_separator_not_a_heading(tmp_path: Path) -> None:
    res = read("Title\n---\nbody", tmp_path)
    assert texts(res) == ["Title", "body"]
    assert res.deck.slides[0].title is None
    assert isinstance(res.deck.slides[0].blocks[0], Paragraph)


def test_two_adjacent_separators_second_is_a_rule(tmp_path: Path) -> None:
    # the first match eats the line break before the second ---
    res = read("A\n---\n---\nB", tmp_path)
    assert len(res.deck.slides) == 2
    second = res.deck.slides[1]
    assert isinstance(second.blocks[0], Rule)
    assert isinstance(second.blocks[1], Paragraph)
    assert second.text == "B"


def test_two_separators_with_blank_lines_make_an_empty_middle_slide(tmp_path: Path) -> None:
    res = read("A\n\n---\n\n---\n\nB", tmp_path)
    assert texts(res) == ["A", "", "B"]
    assert res.deck.slides[1].blocks == ()
    assert positions(res) == [(0, 0), (1, 0), (2, 0)]


@pytest.mark.parametrize(
    "line", ["--- ", " ---", "-----", "------"], ids=["trailing-space", "leading-space",
                                                      "five-dashes", "six-dashes"]
)
def test_near_separator_lines_are_thematic_breaks_not_separators(
    tmp_path: Path, line: str
) -> None:
    res = read(f"A\n\n{line}\n\nB", tmp_path)
    assert len(res.deck.slides) == 1
    assert [type(b) for b in res.deck.slides[0].blocks] == [Paragraph, Rule, Paragraph]


def test_crlf_file_splits_like_lf(tmp_path: Path) -> None:
    res = read("A\r\n---\r\nB\r\n----\r\nC", tmp_path)
    assert texts(res) == ["A", "B", "C"]
    assert positions(res) == [(0, 0), (1, 0), (1, 1)]
    assert [s.line for s in res.deck.slides] == [1, 3, 5]


def test_lone_cr_line_ends_split_like_lf(tmp_path: Path) -> None:
    res = read("A\r---\rB", tmp_path)
    assert texts(res) == ["A", "B"]


def test_deck_without_front_matter_is_all_body_with_bom_stripped(tmp_path: Path) -> None:
    res = read("\ufeff# Title\n---\nB", tmp_path)
    assert [s.title for s in res.deck.slides] == ["Title", None]
    assert res.deck.slides[0].text == "Title"
    assert res.deck.meta.title is None
    assert res.diagnostics == ()


def test_bom_before_front_matter_is_stripped(tmp_path: Path) -> None:
    res = read("\ufeff---\ntitle: Deck\n---\n# T", tmp_path)
    assert res.deck.meta.title == "Deck"
    assert [s.title for s in res.deck.slides] == ["T"]


def test_separator_right_after_front_matter_gives_an_empty_first_slide(tmp_path: Path) -> None:
    res = read("---\ntitle: x\n---\n---\nA", tmp_path)
    assert texts(res) == ["", "A"]
    assert res.deck.slides[0].blocks == ()
    assert res.deck.meta.title == "x"


def test_file_starting_with_dashes_that_is_not_front_matter_warns_and_keeps_everything(
    tmp_path: Path,
) -> None:
    # reveal-md crashes here (YAML `# Title` is null); Part A: warning, no front matter
    res = read("---\n# Title\n\n---\nA", tmp_path)
    diag = only(res, "front-matter")
    assert diag.severity is Severity.WARNING
    assert diag.line == 1
    assert len(res.deck.slides) == 2
    first = res.deck.slides[0]
    assert [type(b) for b in first.blocks] == [Rule, Heading]
    assert first.title == "Title"
    assert res.deck.slides[1].text == "A"


def test_trailing_separator_gives_a_trailing_empty_slide(tmp_path: Path) -> None:
    res = read("A\n---\n", tmp_path)
    assert texts(res) == ["A", ""]
    assert res.deck.slides[1].line == 3


def test_whitespace_only_slide_is_kept_as_a_blank_slide(tmp_path: Path) -> None:
    res = read("A\n---\n   \n\t\n---\nB", tmp_path)
    assert texts(res) == ["A", "", "B"]
    assert res.deck.slides[1].blocks == ()
    assert [s.number for s in res.deck.slides] == [1, 2, 3]


def test_whitespace_only_deck_is_one_blank_slide(tmp_path: Path) -> None:
    res = read("   \n\n", tmp_path)
    assert len(res.deck.slides) == 1
    assert res.deck.slides[0].blocks == ()


def test_community_safety_deck_stacks(tmp_path: Path) -> None:
    res = read_file(FIXTURE, ReadOptions(cwd=tmp_path))
    deck = res.deck
    assert len(deck.slides) == 17
    assert [len(stack) for stack in deck.stacks()] == [2, 6, 2, 2, 2, 1, 1, 1]
    for h in (2, 3, 4):
        assert deck.stacks()[h][1].text == ""
    assert [s.number for s in deck.slides] == list(range(1, 18))
    assert deck.slides[0].title == "Community Safety and Performance"
    assert deck.slides[2].title == "Community Safety"
    assert deck.slides[0].background.image is not None
    assert deck.slides[0].background.image.kind == "file"
    assert deck.slides[0].background.opacity == 0.5
    assert deck.theme == "night"
    assert not [d for d in res.diagnostics if d.severity is not Severity.INFO]


# --- Part A: separators and code fences ---------------------------------------------------


def test_separator_inside_closed_fence_does_not_split_and_names_the_line(
    tmp_path: Path,
) -> None:
    res = read("A\n```\ncode\n---\nmore\n```\nafter\n---\nB", tmp_path)
    assert len(res.deck.slides) == 2
    code = res.deck.slides[0].blocks[1]
    assert isinstance(code, CodeBlock)
    assert code.text == "code\n---\nmore"
    assert res.deck.slides[1].text == "B"
    diag = only(res, "fence-separator")
    assert diag.severity is Severity.WARNING
    assert diag.line == 4
    assert "line 2" in diag.message  # the fence's opening line


def test_vertical_separator_inside_closed_fence_does_not_split(tmp_path: Path) -> None:
    res = read("A\n```\ncode\n----\nmore\n```\n---\nB", tmp_path)
    assert positions(res) == [(0, 0), (1, 0)]
    code = res.deck.slides[0].blocks[1]
    assert isinstance(code, CodeBlock)
    assert code.text == "code\n----\nmore"
    assert only(res, "fence-separator").line == 4


def test_each_separator_inside_a_closed_fence_is_reported(tmp_path: Path) -> None:
    res = read("A\n```\nx\n---\ny\n---\nz\n```\nB", tmp_path)
    assert len(res.deck.slides) == 1
    assert [d.line for d in res.diagnostics if d.code == "fence-separator"] == [4, 6]


def test_tilde_fence_protects_a_separator(tmp_path: Path) -> None:
    res = read("A\n~~~\ncode\n---\n~~~\nB", tmp_path)
    assert len(res.deck.slides) == 1
    assert only(res, "fence-separator").line == 4


def test_fence_is_closed_only_by_the_same_character(tmp_path: Path) -> None:
    # ``` does not close ~~~: the code runs on to the ~~~ line
    res = read("A\n~~~\ncode\n---\n```\nmore\n~~~\nB", tmp_path)
    assert len(res.deck.slides) == 1
    code = res.deck.slides[0].blocks[1]
    assert isinstance(code, CodeBlock)
    assert code.text == "code\n---\n```\nmore"


def test_fence_is_closed_only_by_a_fence_at_least_as_long(tmp_path: Path) -> None:
    res = read("A\n````\ncode\n---\n```\nmore\n````\nB", tmp_path)
    assert len(res.deck.slides) == 1
    code = res.deck.slides[0].blocks[1]
    assert isinstance(code, CodeBlock)
    assert code.text == "code\n---\n```\nmore"
    assert only(res, "fence-separator").line == 4


def test_closing_fence_may_be_indented_up_to_three_spaces(tmp_path: Path) -> None:
    res = read("A\n```\ncode\n---\n   ```\nB", tmp_path)
    assert len(res.deck.slides) == 1
    assert only(res, "fence-separator").line == 4


def test_unclosed_fence_protects_nothing(tmp_path: Path) -> None:
    res = read("A\n```js\ncode\n---\nB", tmp_path)
    assert texts(res) == ["A code", "B"]
    code = res.deck.slides[0].blocks[1]
    assert isinstance(code, CodeBlock)
    assert code.language == "js"
    diag = only(res, "unclosed-fence")
    assert diag.severity is Severity.WARNING
    assert diag.line == 2
    assert "fence-separator" not in codes(res)


def test_fence_whose_closing_line_carries_an_info_string_is_unclosed(tmp_path: Path) -> None:
    # "```python" cannot close "```": a fence left open before a new one must not swallow slides
    res = read("A\n```\ncode\n---\n```python\nx = 1\n```\nB", tmp_path)
    assert len(res.deck.slides) == 2
    assert "fence-separator" not in codes(res)
    assert [d.line for d in res.diagnostics if d.code == "unclosed-fence"] == [2]


def test_stray_fence_pair_around_a_separator_with_blank_lines_still_splits(
    tmp_path: Path,
) -> None:
    res = read("A\n\n```\n\n---\n\n```\n\nB", tmp_path)
    assert len(res.deck.slides) == 2
    assert "fence-separator" not in codes(res)
    assert [d.line for d in res.diagnostics if d.code == "unclosed-fence"] == [3, 7]


def test_stray_fence_pair_around_a_bare_separator_still_splits(tmp_path: Path) -> None:
    res = read("A\n```\n---\n```\nB", tmp_path)
    assert len(res.deck.slides) == 2
    assert "fence-separator" not in codes(res)
    assert [d.line for d in res.diagnostics if d.code == "unclosed-fence"] == [2, 4]


def test_separator_in_indented_code_is_not_a_separator(tmp_path: Path) -> None:
    res = read("A\n\n    x\n    ---\n    y\n\nB", tmp_path)
    assert len(res.deck.slides) == 1
    code = res.deck.slides[0].blocks[1]
    assert isinstance(code, CodeBlock)
    assert code.text == "x\n---\ny"


def test_whitespace_stripping_quirk_is_not_copied(tmp_path: Path) -> None:
    # §8.1: reveal would break `x            y` into two lines and flatten the nested list
    res = read("A\n---\n\n\n\n- a\n  - b\n\nx            y", tmp_path)
    second = res.deck.slides[1]
    lst = second.blocks[0]
    assert isinstance(lst, BulletList)
    assert isinstance(lst.items[0].blocks[0], BulletList)
    para = second.blocks[1]
    assert isinstance(para, Paragraph)
    assert [r.text for r in para.runs] == ["x y"]


# --- Part A / §1.4: separator overrides -----------------------------------------------------


def test_front_matter_separators_override_the_defaults(tmp_path: Path) -> None:
    md = "---\nseparator: <!--s-->\nverticalSeparator: <!--v-->\n---\nA\n<!--s-->\nB\n<!--v-->\nC"
    res = read(md, tmp_path)
    assert texts(res) == ["A", "B", "C"]
    assert positions(res) == [(0, 0), (1, 0), (1, 1)]
    assert res.deck.separators.horizontal == "<!--s-->"


def test_with_custom_separators_three_dashes_are_a_setext_underline(tmp_path: Path) -> None:
    md = "---\nseparator: <!--s-->\n---\nC\n---\nD"
    res = read(md, tmp_path)
    assert len(res.deck.slides) == 1
    heading = res.deck.slides[0].blocks[0]
    assert isinstance(heading, Heading)
    assert heading.level == 2
    assert heading.text == "C"


def test_custom_vertical_regex_is_not_anchored_at_line_end(tmp_path: Path) -> None:
    # `^\+{3}` matches the start of `+++ text` (rest stays) and of `++++` (leaves `+`)
    res = read("A\n+++ text\nB\n++++\n\nC", tmp_path, vertical_separator=r"^\+{3}")
    assert positions(res) == [(0, 0), (0, 1), (0, 2)]
    assert res.deck.slides[1].text == "text B"
    third = res.deck.slides[2]
    assert isinstance(third.blocks[0], BulletList)
    assert third.blocks[0].items[0].runs == ()
    assert third.text == "C"


def test_cli_separator_wins_over_front_matter(tmp_path: Path) -> None:
    md = "---\nseparator: ^@@@$\n---\nA\n;;;\nB\n@@@\nC"
    assert texts(read(md, tmp_path)) == ["A ;;; B", "C"]
    assert texts(read(md, tmp_path, separator="^;;;$")) == ["A", "B @@@ C"]


def test_cli_vertical_separator_replaces_the_default(tmp_path: Path) -> None:
    res = read("A\n+++\nB\n----\nC", tmp_path, vertical_separator=r"^\+{3}$")
    assert positions(res) == [(0, 0), (0, 1)]
    assert res.deck.slides[1].title == "B"  # `B\n----` is now a setext heading


def test_reveal_md_json_beside_the_deck_sets_separator_and_theme(tmp_path: Path) -> None:
    deck_dir = tmp_path / "deck"
    deck_dir.mkdir()
    (deck_dir / "reveal-md.json").write_text(json.dumps({"separator": "^;;;$",
                                                         "theme": "sky"}))
    (deck_dir / "talk.md").write_text("A\n;;;\nB\n---\nC")
    res = read_file(deck_dir / "talk.md", ReadOptions(cwd=tmp_path))
    assert texts(res) == ["A", "B C"]
    assert res.deck.theme == "sky"
    assert only(res, "config").severity is Severity.INFO


def test_reveal_md_json_in_the_working_directory_is_read(tmp_path: Path) -> None:
    cwd = tmp_path / "cwd"
    deck_dir = tmp_path / "deck"
    cwd.mkdir()
    deck_dir.mkdir()
    (cwd / "reveal-md.json").write_text(json.dumps({"separator": "^%%%$"}))
    (deck_dir / "talk.md").write_text("A\n%%%\nB")
    res = read_file(deck_dir / "talk.md", ReadOptions(cwd=cwd))
    assert texts(res) == ["A", "B"]


def test_front_matter_wins_over_reveal_md_json(tmp_path: Path) -> None:
    deck_dir = tmp_path / "deck"
    deck_dir.mkdir()
    (deck_dir / "reveal-md.json").write_text(json.dumps({"separator": "^;;;$",
                                                         "theme": "sky"}))
    (deck_dir / "talk.md").write_text("---\nseparator: ^@@@$\ntheme: moon\n---\nA\n;;;\nB\n@@@\nC")
    res = read_file(deck_dir / "talk.md", ReadOptions(cwd=tmp_path))
    assert texts(res) == ["A ;;; B", "C"]
    assert res.deck.theme == "moon"


def test_invalid_separator_regex_is_a_conversion_error_naming_the_line(tmp_path: Path) -> None:
    with pytest.raises(ConversionError) as info:
        read("---\ntitle: t\nseparator: '('\n---\nA", tmp_path)
    assert info.value.diagnostic.code == "separator"
    assert info.value.diagnostic.severity is Severity.ERROR
    assert info.value.diagnostic.line == 3


# --- Part A: front matter and themes ------------------------------------------------------


@pytest.mark.parametrize(("yaml", "kind"), [("- a\n- b", "list"), ("just a string", "str")])
def test_front_matter_that_is_not_a_mapping_warns_and_is_body(
    tmp_path: Path, yaml: str, kind: str
) -> None:
    res = read(f"---\n{yaml}\n---\n# T", tmp_path)
    diag = only(res, "front-matter")
    assert diag.severity is Severity.WARNING
    assert kind in diag.message
    assert diag.line == 1
    # no front matter: the whole file is the body, so the YAML is the first slide
    assert len(res.deck.slides) == 2
    assert res.deck.slides[1].title == "T"
    assert res.deck.slides[0].text == yaml.replace("- ", "").replace("\n", " ")


@pytest.mark.parametrize(
    ("yaml", "line"),
    [("title: x\nbad: [1, 2", 3), ("title: ok\n  bad: indent", 3)],
    ids=["unclosed-flow", "bad-indent"],
)
def test_broken_yaml_front_matter_is_a_conversion_error_naming_the_line(
    tmp_path: Path, yaml: str, line: int
) -> None:
    with pytest.raises(ConversionError) as info:
        read(f"---\n{yaml}\n---\n# T", tmp_path)
    diag = info.value.diagnostic
    assert diag.code == "front-matter"
    assert diag.severity is Severity.ERROR
    assert diag.line == line
    assert diag.file == "talk.md"


def test_front_matter_yaml_is_loaded_safely(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    md = f'---\nx: !!python/object/apply:os.system ["touch {marker}"]\n---\n# T'
    with pytest.raises(ConversionError) as info:
        read(md, tmp_path)
    assert info.value.diagnostic.code == "front-matter"
    assert not marker.exists()


def test_empty_body_after_front_matter_is_one_empty_slide(tmp_path: Path) -> None:
    res = read("---\ntitle: T\n---\n", tmp_path)
    assert res.deck.meta.title == "T"
    assert texts(res) == [""]


def test_unknown_theme_falls_back_to_black_with_a_warning(tmp_path: Path) -> None:
    res = read("---\ntheme: nosuch\n---\n# T", tmp_path)
    assert res.deck.theme == "black"
    diag = only(res, "unknown-theme")
    assert diag.severity is Severity.WARNING
    assert diag.line == 2
    assert "nosuch" in diag.message


def test_builtin_theme_name_is_used(tmp_path: Path) -> None:
    res = read("---\ntheme: white\n---\n# T", tmp_path)
    assert res.deck.theme == "white"
    assert res.deck.theme_css is None
    assert res.diagnostics == ()


def test_cli_theme_wins_over_front_matter(tmp_path: Path) -> None:
    res = read("---\ntheme: white\n---\n# T", tmp_path, theme="moon")
    assert res.deck.theme == "moon"


def test_missing_theme_stylesheet_falls_back_to_black_with_a_warning(tmp_path: Path) -> None:
    res = read("---\ntheme: custom.css\n---\n# T", tmp_path)
    assert res.deck.theme == "black"
    assert res.deck.theme_css is None
    assert only(res, "unknown-theme").line == 2


def test_found_theme_stylesheet_is_read_over_black(tmp_path: Path) -> None:
    (tmp_path / "my.css").write_text(":root { --r-background-color: #123456; }")
    res = read("---\ntheme: my.css\n---\n# T", tmp_path)
    assert res.deck.theme == "black"
    assert res.deck.theme_css == (tmp_path / "my.css").resolve()
    diag = only(res, "theme")
    assert diag.severity is Severity.INFO


# --- Part A: slide size and deck defaults -------------------------------------------------


def test_default_canvas_transition_and_slide_numbers(tmp_path: Path) -> None:
    opts = read("# T", tmp_path).deck.options
    assert (opts.width, opts.height) == (960, 700)
    assert (opts.transition.in_style, opts.transition.out_style) == ("convex", "convex")
    assert opts.slide_number == "h.v"
    assert not opts.animate_lists


def test_reveal_options_width_and_height_set_the_canvas(tmp_path: Path) -> None:
    res = read("---\nrevealOptions:\n  width: 1280\n  height: '720'\n---\n# T", tmp_path)
    assert (res.deck.options.width, res.deck.options.height) == (1280, 720)
    assert res.diagnostics == ()


def test_unusable_canvas_width_falls_back_with_a_warning(tmp_path: Path) -> None:
    res = read("---\nrevealOptions:\n  width: '100%'\n---\n# T", tmp_path)
    assert res.deck.options.width == 960
    assert only(res, "reveal-options").severity is Severity.WARNING
