"""Markdown constructs (dialect.md §6, §3.6, §5.1 and Part A: raw HTML, images, math, mermaid)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import codes, only, read

from converter.diagnostics import Severity
from converter.model import (
    LINE_BREAK,
    Block,
    BulletList,
    CodeBlock,
    Group,
    Heading,
    Image,
    OrderedList,
    Paragraph,
    Placeholder,
    Quote,
    Rule,
    Run,
    Slide,
    Table,
)
from converter.reader import ReadOptions, ReadResult, read_text
from converter.style.color import Color


def one_slide(md: str, tmp_path: Path) -> tuple[Slide, ReadResult]:
    res = read(md, tmp_path)
    assert len(res.deck.slides) == 1
    return res.deck.slides[0], res


def one_block(md: str, tmp_path: Path) -> tuple[Block, ReadResult]:
    slide, res = one_slide(md, tmp_path)
    assert len(slide.blocks) == 1, slide.blocks
    return slide.blocks[0], res


def styled(runs: tuple[Run, ...]) -> list[tuple[str, dict[str, object]]]:
    """Each run as (text, {style: value}) with only the styles that are set."""
    out = []
    for run in runs:
        styles = {k: v for k, v in vars(run).items()
                  if k not in ("text", "classes", "style") and v not in (False, None, ())}
        out.append((run.text, styles))
    return out






@pytest.fixture
def cat(tmp_path: Path) -> Path:
    folder = tmp_path / "img"
    folder.mkdir()
    path = folder / "cat.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n")
    return path


# --- headings and paragraphs --------------------------------------------------------------


def test_atx_headings_all_levels(tmp_path: Path) -> None:
    slide, res = one_slide("# H1\n## H2\n### H3\n#### H4\n##### H5\n###### H6", tmp_path)
    assert [(b.level, b.text) for b in slide.blocks if isinstance(b, Heading)] == [
        (1, "H1"), (2, "H2"), (3, "H3"), (4, "H4"), (5, "H5"), (6, "H6")
    ]
    assert slide.title == "H1"
    assert res.diagnostics == ()


def test_setext_h1_with_equals_underline(tmp_path: Path) -> None:
    block, _ = one_block("Big title\n===", tmp_path)
    assert isinstance(block, Heading)
    assert (block.level, block.text) == (1, "Big title")


def test_heading_ids_are_slugs_deduplicated_per_slide(tmp_path: Path) -> None:
    slide, _ = one_slide("# Intro & Welcome!\n## Intro & Welcome!\n### Why?", tmp_path)
    assert [b.anchor for b in slide.blocks if isinstance(b, Heading)] == [
        "intro--welcome", "intro--welcome-1", "why"
    ]


def test_slide_title_is_the_first_heading_depth_first(tmp_path: Path) -> None:
    slide, _ = one_slide("Intro text\n\n> ## Quoted head\n\n# Later", tmp_path)
    assert slide.title == "Quoted head"


def test_slide_without_heading_has_no_title(tmp_path: Path) -> None:
    slide, _ = one_slide("Just text", tmp_path)
    assert slide.title is None


def test_single_newline_is_a_space_blank_line_a_new_paragraph(tmp_path: Path) -> None:
    slide, _ = one_slide("Para one\nstill one\n\nPara two", tmp_path)
    assert [styled(b.runs) for b in slide.blocks if isinstance(b, Paragraph)] == [
        [("Para one still one", {})], [("Para two", {})]
    ]


# --- lists --------------------------------------------------------------------------------


def test_nested_bullet_lists_three_levels(tmp_path: Path) -> None:
    block, _ = one_block("- a\n  - b\n    - c\n- d", tmp_path)
    assert isinstance(block, BulletList)
    assert [styled(i.runs) for i in block.items] == [[("a", {})], [("d", {})]]
    level2 = block.items[0].blocks[0]
    assert isinstance(level2, BulletList)
    assert level2.items[0].runs == (Run("b"),)
    level3 = level2.items[0].blocks[0]
    assert isinstance(level3, BulletList)
    assert level3.items[0].runs == (Run("c"),)
    assert block.items[1].blocks == ()


@pytest.mark.parametrize("marker", ["-", "*", "+"])
def test_bullet_list_markers(tmp_path: Path, marker: str) -> None:
    block, _ = one_block(f"{marker} x\n{marker} y", tmp_path)
    assert isinstance(block, BulletList)
    assert [i.runs for i in block.items] == [(Run("x"),), (Run("y"),)]


def test_ordered_list_keeps_its_start_number_nested_list_starts_at_one(tmp_path: Path) -> None:
    block, _ = one_block("3. x\n4. y\n   1. z", tmp_path)
    assert isinstance(block, OrderedList)
    assert block.start == 3
    assert [i.runs for i in block.items] == [(Run("x"),), (Run("y"),)]
    nested = block.items[1].blocks[0]
    assert isinstance(nested, OrderedList)
    assert nested.start == 1
    assert nested.items[0].runs == (Run("z"),)


def test_ordered_list_with_parenthesis_marker(tmp_path: Path) -> None:
    block, _ = one_block("7) x\n8) y", tmp_path)
    assert isinstance(block, OrderedList)
    assert block.start == 7


def test_bullet_list_nested_in_ordered_list(tmp_path: Path) -> None:
    block, _ = one_block("1. x\n   - y", tmp_path)
    assert isinstance(block, OrderedList)
    nested = block.items[0].blocks[0]
    assert isinstance(nested, BulletList)
    assert nested.items[0].runs == (Run("y"),)


def test_loose_list_item_keeps_its_second_paragraph(tmp_path: Path) -> None:
    block, _ = one_block("1. a\n\n   second para\n2. b", tmp_path)
    assert isinstance(block, OrderedList)
    first = block.items[0]
    assert first.runs == (Run("a"),)
    assert first.blocks == (Paragraph((Run("second para"),)),)


def test_task_list_items_are_checked_or_not(tmp_path: Path) -> None:
    block, _ = one_block("- [ ] todo\n- [x] done\n- plain", tmp_path)
    assert isinstance(block, BulletList)
    assert [(i.checked, i.runs) for i in block.items] == [
        (False, (Run("todo"),)), (True, (Run("done"),)), (None, (Run("plain"),))
    ]


def test_list_item_inline_formatting(tmp_path: Path) -> None:
    block, _ = one_block("- **bold** and `code`", tmp_path)
    assert isinstance(block, BulletList)
    assert styled(block.items[0].runs) == [
        ("bold", {"bold": True}), (" and ", {}), ("code", {"code": True})
    ]


# --- code (§3.6) --------------------------------------------------------------------------


def test_fenced_code_keeps_language_and_text(tmp_path: Path) -> None:
    block, res = one_block("```python\ndef f():\n    return 1\n```", tmp_path)
    assert block == CodeBlock("def f():\n    return 1", "python")
    assert res.diagnostics == ()


def test_fenced_code_language_after_a_space(tmp_path: Path) -> None:
    block, _ = one_block("``` javascript\nx\n```", tmp_path)
    assert isinstance(block, CodeBlock)
    assert block.language == "javascript"


def test_fenced_code_without_info_has_no_language_and_no_line_numbers(tmp_path: Path) -> None:
    block, _ = one_block("```\nx\n```", tmp_path)
    assert block == CodeBlock("x", "", (), False, 1)


def test_tilde_fence(tmp_path: Path) -> None:
    block, _ = one_block("~~~ruby\nputs 1\n~~~", tmp_path)
    assert block == CodeBlock("puts 1", "ruby")


def test_indented_code(tmp_path: Path) -> None:
    block, _ = one_block("    indented\n      more", tmp_path)
    assert block == CodeBlock("indented\n  more", "")


def test_highlight_steps_pipe_and_range(tmp_path: Path) -> None:
    block, _ = one_block("```js [1|2-3]\na\nb\nc\n```", tmp_path)
    assert isinstance(block, CodeBlock)
    assert block.language == "js"
    assert block.highlight_steps == ((1,), (2, 3))
    assert block.line_numbers
    assert block.first_line == 1
    assert block.text == "a\nb\nc"


def test_highlight_with_line_number_offset(tmp_path: Path) -> None:
    block, _ = one_block("```python [5: 1,3]\na\nb\nc\n```", tmp_path)
    assert isinstance(block, CodeBlock)
    assert block.language == "python"
    assert block.highlight_steps == ((1, 3),)
    assert block.line_numbers
    assert block.first_line == 5


def test_empty_highlight_spec_shows_line_numbers_only(tmp_path: Path) -> None:
    block, _ = one_block("```js []\na\n```", tmp_path)
    assert isinstance(block, CodeBlock)
    assert block.language == "js"
    assert block.line_numbers
    assert block.highlight_steps == ()


def test_highlight_empty_step_and_line_zero_highlight_nothing(tmp_path: Path) -> None:
    block, _ = one_block("```js [|1|0]\na\n```", tmp_path)
    assert isinstance(block, CodeBlock)
    assert block.highlight_steps == ((), (1,), (0,))


def test_highlight_spec_whitespace_is_ignored(tmp_path: Path) -> None:
    block, _ = one_block("```js [ 1, 3 | 4 - 5 ]\na\n```", tmp_path)
    assert isinstance(block, CodeBlock)
    assert block.highlight_steps == ((1, 3), (4, 5))


def test_character_references_are_decoded_once_even_in_code(tmp_path: Path) -> None:
    # the template's textarea decodes them before marked sees the text (§6)
    block, _ = one_block("```\n&lt;b&gt;\n```", tmp_path)
    assert isinstance(block, CodeBlock)
    assert block.text == "<b>"


def test_code_tabs_are_expanded(tmp_path: Path) -> None:
    block, _ = one_block("```\n\tx\n```", tmp_path)
    assert isinstance(block, CodeBlock)
    assert block.text == "    x"


# --- tables -------------------------------------------------------------------------------


def test_table_with_alignment(tmp_path: Path) -> None:
    block, res = one_block("| a | b | c | d |\n|:--|:-:|--:|---|\n| 1 | 2 | 3 | 4 |", tmp_path)
    assert isinstance(block, Table)
    assert block.align == ("left", "center", "right", None)
    assert [styled(c) for c in block.header] == [[("a", {})], [("b", {})], [("c", {})],
                                                [("d", {})]]
    assert len(block.rows) == 1
    assert [c[0].text for c in block.rows[0]] == ["1", "2", "3", "4"]
    assert res.diagnostics == ()


def test_table_cells_keep_inline_formatting(tmp_path: Path) -> None:
    block, _ = one_block("| **a** | `b` |\n|---|---|\n| [l](http://x.org) | ~~s~~ |", tmp_path)
    assert isinstance(block, Table)
    assert [styled(c) for c in block.header] == [[("a", {"bold": True})],
                                                [("b", {"code": True})]]
    assert [styled(c) for c in block.rows[0]] == [[("l", {"link": "http://x.org"})],
                                                 [("s", {"strike": True})]]


def test_table_rows_without_trailing_pipe_stay_in_the_table(tmp_path: Path) -> None:
    block, _ = one_block("| a | b |\n|---|---|\n| 1 | 2\n| 3 | 4", tmp_path)
    assert isinstance(block, Table)
    assert [[c[0].text for c in row] for row in block.rows] == [["1", "2"], ["3", "4"]]


# --- images -------------------------------------------------------------------------------


def test_markdown_image_alone_is_an_image_block(tmp_path: Path, cat: Path) -> None:
    block, res = one_block('![A cat](img/cat.png "Title")', tmp_path)
    assert isinstance(block, Image)
    assert block.source.kind == "file"
    assert block.source.path == cat.resolve()
    assert block.source.src == "img/cat.png"
    assert (block.alt, block.title, block.link) == ("A cat", "Title", None)
    assert res.diagnostics == ()


def test_html_img_tag_is_an_image_with_its_size(tmp_path: Path, cat: Path) -> None:
    block, res = one_block('<img src="img/cat.png" alt="c" width="200">', tmp_path)
    assert isinstance(block, Image)
    assert block.source.path == cat.resolve()
    assert block.alt == "c"
    assert block.attrs.width == "200"
    assert res.diagnostics == ()


def test_img_data_src_is_the_source(tmp_path: Path, cat: Path) -> None:
    block, _ = one_block('<img data-src="img/cat.png" alt="lazy">', tmp_path)
    assert isinstance(block, Image)
    assert block.source.kind == "file"
    assert block.source.path == cat.resolve()


def test_inline_img_tag_in_text(tmp_path: Path, cat: Path) -> None:
    slide, _ = one_slide('text <img src="img/cat.png" height="40"> more', tmp_path)
    [para] = slide.blocks  # among text, the image is a box of the line (issue 13)
    assert isinstance(para, Paragraph)
    images = [r.image for r in para.runs if r.image is not None]
    assert len(images) == 1
    assert images[0].attrs.height == "40"
    assert slide.text == "text more"


def test_linked_image_keeps_the_link(tmp_path: Path, cat: Path) -> None:
    block, _ = one_block("[![l](img/cat.png)](http://x.org)", tmp_path)
    assert isinstance(block, Image)
    assert block.link == "http://x.org"


def test_remote_image_is_never_fetched(tmp_path: Path) -> None:
    block, res = one_block("![r](https://example.com/a.png)", tmp_path)
    assert isinstance(block, Image)
    assert block.source.kind == "remote"
    assert block.source.path is None
    diag = only(res, "remote-image")
    assert diag.severity is Severity.WARNING
    assert diag.line == 1


def test_data_uri_image_is_drawable(tmp_path: Path) -> None:
    block, res = one_block("![d](data:image/png;base64,iVBORw0KGgo=)", tmp_path)
    assert isinstance(block, Image)
    assert block.source.kind == "data"
    assert block.source.src == "data:image/png;base64,iVBORw0KGgo="
    assert res.diagnostics == ()


def test_missing_image_warns_with_its_line(tmp_path: Path) -> None:
    slide, res = one_slide("# T\n\ntext\n\n![m](missing.png)", tmp_path)
    image = slide.blocks[-1]
    assert isinstance(image, Image)
    assert image.source.kind == "missing"
    diag = only(res, "missing-image")
    assert diag.line == 5
    assert diag.slide == 1


def test_image_outside_the_deck_folder_is_refused(tmp_path: Path) -> None:
    deck_dir = tmp_path / "deck"
    deck_dir.mkdir()
    (tmp_path / "outside.png").write_bytes(b"\x89PNG")
    res = read_text("![up](../outside.png)", name="talk.md", deck_dir=deck_dir,
                    options=ReadOptions(cwd=deck_dir))
    image = res.deck.slides[0].blocks[0]
    assert isinstance(image, Image)
    assert image.source.kind == "refused"
    assert only(res, "refused-image").line == 1


def test_resource_root_allows_another_folder(tmp_path: Path) -> None:
    deck_dir = tmp_path / "deck"
    deck_dir.mkdir()
    (tmp_path / "outside.png").write_bytes(b"\x89PNG")
    res = read_text("![up](../outside.png)", name="talk.md", deck_dir=deck_dir,
                    options=ReadOptions(cwd=deck_dir, resource_roots=(tmp_path,)))
    image = res.deck.slides[0].blocks[0]
    assert isinstance(image, Image)
    assert image.source.kind == "file"
    assert res.diagnostics == ()


def test_file_url_image_is_refused(tmp_path: Path) -> None:
    block, res = one_block("![f](file:///etc/passwd)", tmp_path)
    assert isinstance(block, Image)
    assert block.source.kind == "refused"
    assert codes(res) == ["refused-image"]


# --- quotes and rules ---------------------------------------------------------------------


def test_blockquote_holds_blocks(tmp_path: Path) -> None:
    block, _ = one_block("> quoted\n> more\n>\n> - item", tmp_path)
    assert isinstance(block, Quote)
    assert block.blocks[0] == Paragraph((Run("quoted more"),))
    assert isinstance(block.blocks[1], BulletList)


@pytest.mark.parametrize("rule", ["***", "___", "* * *", "_____"])
def test_thematic_breaks(tmp_path: Path, rule: str) -> None:
    slide, _ = one_slide(f"A\n\n{rule}\n\nB", tmp_path)
    assert [type(b) for b in slide.blocks] == [Paragraph, Rule, Paragraph]


# --- inline Markdown ----------------------------------------------------------------------


def test_inline_bold_italic_code_strike(tmp_path: Path) -> None:
    block, _ = one_block("**b** *i* _j_ `c` ~~s~~ ***bi***", tmp_path)
    assert isinstance(block, Paragraph)
    assert styled(block.runs) == [
        ("b", {"bold": True}), (" ", {}), ("i", {"italic": True}), (" ", {}),
        ("j", {"italic": True}), (" ", {}), ("c", {"code": True}), (" ", {}),
        ("s", {"strike": True}), (" ", {}), ("bi", {"bold": True, "italic": True}),
    ]


def test_links_and_autolinks(tmp_path: Path) -> None:
    block, _ = one_block(
        "[l](http://x.org) <https://auto.org> https://bare.org <me@x.org>", tmp_path
    )
    assert isinstance(block, Paragraph)
    assert [(r.text, r.link) for r in block.runs if r.link] == [
        ("l", "http://x.org"),
        ("https://auto.org", "https://auto.org"),
        ("https://bare.org", "https://bare.org"),
        ("me@x.org", "mailto:me@x.org"),
    ]


def test_bold_inside_a_link(tmp_path: Path) -> None:
    block, _ = one_block("[**bold link**](http://x.org)", tmp_path)
    assert isinstance(block, Paragraph)
    assert styled(block.runs) == [("bold link", {"bold": True, "link": "http://x.org"})]


@pytest.mark.parametrize("md", ["one  \ntwo", "one\\\ntwo", "one<br>two", "one<br/>two"],
                         ids=["two-spaces", "backslash", "br", "br-self-closing"])
def test_hard_line_breaks(tmp_path: Path, md: str) -> None:
    block, _ = one_block(md, tmp_path)
    assert isinstance(block, Paragraph)
    assert [r.text for r in block.runs] == ["one", LINE_BREAK, "two"]
    assert block.runs[1].is_break


def test_emoji_shortcodes_are_not_converted(tmp_path: Path) -> None:
    block, _ = one_block(":sparkles: emoji", tmp_path)
    assert isinstance(block, Paragraph)
    assert block.runs == (Run(":sparkles: emoji"),)


def test_character_references_are_decoded_once(tmp_path: Path) -> None:
    # reveal-md quirk (§6): `&amp;lt;` shows as `<`
    block, _ = one_block("&amp;lt;tag&amp;gt; and &copy;", tmp_path)
    assert isinstance(block, Paragraph)
    assert block.runs == (Run("<tag> and ©"),)


# --- raw inline HTML (Part A) -------------------------------------------------------------


@pytest.mark.parametrize(
    ("tag", "style"),
    [("b", "bold"), ("strong", "bold"), ("i", "italic"), ("em", "italic"),
     ("u", "underline"), ("s", "strike"), ("del", "strike"), ("small", "small"),
     ("sub", "sub"), ("sup", "sup"), ("code", "code")],
)
def test_inline_html_tag_is_mapped_to_a_run_style(tmp_path: Path, tag: str, style: str) -> None:
    block, res = one_block(f"a <{tag}>x</{tag}> b", tmp_path)
    assert isinstance(block, Paragraph)
    assert styled(block.runs) == [("a ", {}), ("x", {style: True}), (" b", {})]
    assert res.diagnostics == ()


def test_inline_html_anchor_is_a_link(tmp_path: Path) -> None:
    block, _ = one_block('see <a href="http://y.org">here</a>', tmp_path)
    assert isinstance(block, Paragraph)
    assert styled(block.runs) == [("see ", {}), ("here", {"link": "http://y.org"})]


@pytest.mark.parametrize(
    ("style", "color"),
    [("color: red", Color(255, 0, 0)), ("color:#00ff00", Color(0, 255, 0)),
     ("font-weight: bold; color: rgb(0, 0, 255)", Color(0, 0, 255))],
)
def test_inline_span_style_colour(tmp_path: Path, style: str, color: Color) -> None:
    block, res = one_block(f'a <span style="{style}">x</span>', tmp_path)
    assert isinstance(block, Paragraph)
    assert styled(block.runs) == [("a ", {}), ("x", {"color": color})]
    assert res.diagnostics == ()


def test_span_without_colour_is_transparent(tmp_path: Path) -> None:
    block, res = one_block('a <span style="background-color: red">x</span>', tmp_path)
    assert isinstance(block, Paragraph)
    assert "".join(r.text for r in block.runs) == "a x"
    assert all(r.color is None for r in block.runs)
    # the span's style stays on its run, for the deck's CSS (converter.style.dom)
    assert block.runs[-1].style == "background-color: red"
    assert res.diagnostics == ()


def test_nested_inline_html_tags_combine(tmp_path: Path) -> None:
    block, _ = one_block("<b>bold <i>both</i></b> plain", tmp_path)
    assert isinstance(block, Paragraph)
    assert styled(block.runs) == [
        ("bold ", {"bold": True}), ("both", {"bold": True, "italic": True}), (" plain", {})
    ]


def test_other_inline_html_is_dropped_to_its_text_with_one_warning_per_tag(
    tmp_path: Path,
) -> None:
    res = read("<marquee>m1</marquee> and <marquee>m2</marquee> <blink>b</blink>\n---\n"
               "<marquee>m3</marquee>", tmp_path)
    assert [s.text for s in res.deck.slides] == ["m1 and m2 b", "m3"]
    dropped = [d for d in res.diagnostics if d.code == "html-dropped"]
    assert len(dropped) == 2
    assert ["<marquee>" in dropped[0].message, "<blink>" in dropped[1].message] == [True, True]
    assert all(d.severity is Severity.WARNING and d.line == 1 and d.slide == 1 for d in dropped)


def test_block_and_inline_html_share_one_warning_per_tag(tmp_path: Path) -> None:
    res = read("<marquee>\nblock\n</marquee>\n\ninline <marquee>x</marquee>", tmp_path)
    assert sorted(res.deck.slides[0].text.split()) == ["block", "inline", "x"]
    assert codes(res) == ["html-dropped"]


def test_html_block_opened_by_an_inline_tag_keeps_its_place(tmp_path: Path) -> None:
    slide, _ = one_slide("Before\n\n<small>\nFootnote\n</small>\n\nAfter", tmp_path)
    assert slide.text == "Before Footnote After"


# --- raw block HTML (Part A) --------------------------------------------------------------


def test_div_block_is_a_group_container(tmp_path: Path) -> None:
    block, res = one_block('<div class="box">\n\n## In div\n\nText\n\n</div>', tmp_path)
    assert isinstance(block, Group)
    assert block.tag == "div"
    assert block.attrs.classes == ("box",)
    assert [type(b) for b in block.blocks] == [Heading, Paragraph]
    assert res.deck.slides[0].title == "In div"
    assert res.diagnostics == ()


def test_p_block_is_a_paragraph(tmp_path: Path) -> None:
    block, res = one_block("<p>para text</p>", tmp_path)
    assert block == Paragraph((Run("para text"),))
    assert res.diagnostics == ()


def test_inline_tags_inside_an_html_block_keep_their_style(tmp_path: Path) -> None:
    block, _ = one_block('<p>para <b>bold</b> <span style="color: red">red</span></p>',
                         tmp_path)
    assert isinstance(block, Paragraph)
    assert styled(block.runs) == [("para ", {}), ("bold", {"bold": True}), (" ", {}),
                                  ("red", {"color": Color(255, 0, 0)})]


def test_iframe_block_is_a_placeholder_with_a_warning(tmp_path: Path) -> None:
    block, res = one_block('<iframe src="http://x.org"></iframe>', tmp_path)
    assert isinstance(block, Placeholder)
    assert block.kind == "iframe"
    assert "http://x.org" in block.label
    diag = only(res, "unsupported")
    assert diag.severity is Severity.WARNING
    assert diag.line == 1


def test_video_block_on_two_lines_is_a_placeholder(tmp_path: Path) -> None:
    block, res = one_block('<video src="a.mp4">\n</video>', tmp_path)
    assert isinstance(block, Placeholder)
    assert block.kind == "video"
    assert only(res, "unsupported").line == 1


def test_video_on_one_line_is_a_placeholder(tmp_path: Path) -> None:
    block, res = one_block('<video src="a.mp4" controls></video>', tmp_path)
    assert isinstance(block, Placeholder)
    assert block.kind == "video"
    assert codes(res) == ["unsupported"]


# --- math and mermaid (math: formula runs; tests/test_math_integration.py has the rest) ---


@pytest.mark.parametrize(("md", "latex", "display"),
                         [("Text $x^2$ here", "x^2", False), ("$$e=mc^2$$", "e=mc^2", True)],
                         ids=["inline", "display"])
def test_math_is_a_formula_run(tmp_path: Path, md: str, latex: str, display: bool) -> None:
    slide, res = one_slide(md, tmp_path)
    assert slide.text == md  # the source, where a plain-text view is wanted
    [formula] = [r for b in slide.blocks for r in getattr(b, "runs", ()) if r.math]
    assert (formula.math, formula.display) == (latex, display)
    assert "math" not in codes(res)


def test_math_in_the_notes_is_a_formula_too(tmp_path: Path) -> None:
    slide, res = one_slide("A\nNote: $x$ in notes", tmp_path)
    assert slide.notes_text == "$x$ in notes"
    assert [r.math for r in slide.notes[0].runs] == ["x", None]  # type: ignore[attr-defined]
    assert "math" not in codes(res)


@pytest.mark.parametrize("md", ["`$x$` code", "Price \\$5 and \\$6", "```\n$x$\n```"],
                         ids=["code-span", "escaped-dollars", "code-block"])
def test_dollars_that_are_not_math_stay_text(tmp_path: Path, md: str) -> None:
    slide, res = one_slide(md, tmp_path)
    assert not any(r.math for b in slide.blocks for r in getattr(b, "runs", ()))
    assert "math" not in codes(res)


def test_multiline_display_math_is_one_formula(tmp_path: Path) -> None:
    slide, _ = one_slide("$$\ne=mc^2\n$$", tmp_path)
    assert slide.text == "$$ e=mc^2 $$"


def test_escaped_paren_inline_math_is_a_formula(tmp_path: Path) -> None:
    slide, _ = one_slide("\\\\(a^2\\\\)", tmp_path)
    [run] = slide.blocks[0].runs  # type: ignore[attr-defined]
    assert (run.math, run.display) == ("a^2", False)


def test_mermaid_is_code_the_diagram_stage_draws(tmp_path: Path) -> None:
    """The reader keeps the block and records it with its line; `media.diagrams` draws it
    (tests/test_mermaid.py) and warns there when it cannot."""
    slide, res = one_slide("# T\n\ntext\n\n```mermaid\ngraph TD; A-->B\n```", tmp_path)
    assert slide.blocks[-1] == CodeBlock("graph TD; A-->B", "mermaid")
    assert res.diagrams == (("graph TD; A-->B", 5),)
    assert "mermaid" not in codes(res)


@pytest.mark.parametrize(
    ("md", "code"),
    [("# T\n\ntext\n\n<blink>x</blink> y", "html-dropped"),
     ("# T\n\ntext\n\nmath $\\frac{x}$ here", "math")],
    ids=["html-dropped", "math"],
)
def test_warning_names_the_line_of_the_construct(tmp_path: Path, md: str, code: str) -> None:
    _, res = one_slide(md, tmp_path)
    assert only(res, code).line == 5


def test_raw_code_with_data_trim_is_dedented_as_reveal_does() -> None:
    deck = read_text('<pre><code data-trim class="language-js">\n    const a = 1;\n'
                     "      if (a) {}\n</code></pre>\n\n"
                     "<pre><code>\n    kept\n</code></pre>\n").deck
    trimmed, kept = deck.slides[0].blocks
    expected = ("const a = 1;\n  if (a) {}", "js")
    assert (trimmed.text, trimmed.language) == expected  # type: ignore[attr-defined]
    assert kept.text == "    kept"  # type: ignore[attr-defined]
