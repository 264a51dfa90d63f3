"""Attribute comments, backgrounds, transitions, visibility, fragments (dialect.md §3, Part A)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import codes, only, read

from converter.diagnostics import Severity
from converter.model import (
    NO_ATTRS,
    BulletList,
    CodeBlock,
    Fragment,
    Group,
    Heading,
    Image,
    Paragraph,
    Slide,
    Transition,
    iter_fragments,
)
from converter.reader import ReadResult
from converter.style.color import LinearGradient, RadialGradient


def slide_with(attrs: str, tmp_path: Path) -> tuple[Slide, ReadResult]:
    """A one-slide deck: a heading on line 1, `<!-- .slide: attrs -->` on line 2."""
    res = read(f"# T\n<!-- .slide: {attrs} -->", tmp_path)
    assert len(res.deck.slides) == 1
    return res.deck.slides[0], res






@pytest.fixture
def bg_image(tmp_path: Path) -> Path:
    """An image file the resolver accepts (it checks the path, not the bytes)."""
    folder = tmp_path / "backgrounds"
    folder.mkdir()
    path = folder / "x.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0")
    return path


# --- §3.2 syntax rules ----------------------------------------------------------------------


def test_slide_comment_sets_slide_attributes(tmp_path: Path) -> None:
    slide, res = slide_with('data-state="intro"', tmp_path)
    assert slide.attributes == (("data-state", "intro"),)
    assert slide.state == "intro"
    assert res.diagnostics == ()


def test_spaces_inside_comment_delimiters_are_optional(tmp_path: Path) -> None:
    res = read('# T\n<!--.slide: data-background="#ff0000"-->', tmp_path)
    slide = res.deck.slides[0]
    assert slide.attributes == (("data-background", "#ff0000"),)
    assert slide.background.color is not None
    assert slide.background.color.hex == "#ff0000"


def test_several_attributes_in_one_comment(tmp_path: Path) -> None:
    slide, _ = slide_with(
        'data-background-color="#ff0000" data-transition="zoom" class="c1"', tmp_path
    )
    assert slide.attributes == (
        ("data-background-color", "#ff0000"), ("data-transition", "zoom"), ("class", "c1")
    )
    assert slide.classes == ("c1",)
    assert slide.transition == Transition("zoom", "zoom")


@pytest.mark.parametrize(
    ("spec", "shown"),
    [("class='fragment'", "class='fragment'"), ("class=fragment", "class=fragment")],
    ids=["single-quoted", "unquoted"],
)
def test_single_quoted_or_unquoted_values_are_ignored_with_a_warning(
    tmp_path: Path, spec: str, shown: str
) -> None:
    slide, res = slide_with(f'{spec} data-x="1"', tmp_path)
    assert slide.attributes == (("data-x", "1"),)
    assert slide.classes == ()
    diag = only(res, "attribute-quotes")
    assert diag.severity is Severity.WARNING
    assert diag.line == 2
    assert shown in diag.message
    assert 'class="fragment"' in diag.message  # the suggested spelling


def test_empty_values_are_ignored(tmp_path: Path) -> None:
    slide, _ = slide_with('data-b="" data-c="1"', tmp_path)
    assert slide.attributes == (("data-c", "1"),)


def test_boolean_data_attribute_followed_by_a_space_is_set(tmp_path: Path) -> None:
    slide, res = slide_with("data-auto-animate", tmp_path)  # "... data-auto-animate -->"
    assert slide.attributes == (("data-auto-animate", ""),)
    assert res.diagnostics == ()


def test_boolean_data_attribute_right_before_the_comment_end_is_not_set(tmp_path: Path) -> None:
    res = read("# T\n<!-- .slide: data-auto-animate-->", tmp_path)
    assert res.deck.slides[0].attributes == ()


def test_boolean_attribute_without_data_prefix_is_not_set(tmp_path: Path) -> None:
    slide, _ = slide_with('hidden data-x="1"', tmp_path)
    assert slide.attributes == (("data-x", "1"),)


def test_multiline_comment_is_read_whole_with_an_info(tmp_path: Path) -> None:
    # reveal.js reads only the first line (data-a); Part A reads the whole comment
    res = read('# T\n\ntext\n\n<!-- .slide: data-a="1"\n data-b="2" -->', tmp_path)
    assert res.deck.slides[0].attributes == (("data-a", "1"), ("data-b", "2"))
    diag = only(res, "multiline-attributes")
    assert diag.severity is Severity.INFO
    assert diag.line == 5


def test_comment_may_start_on_the_line_after_the_opening(tmp_path: Path) -> None:
    res = read('# T\n<!--\n.slide: data-a="1" -->', tmp_path)
    assert res.deck.slides[0].attributes == (("data-a", "1"),)
    assert "multiline-attributes" not in codes(res)


def test_element_is_tried_first_when_a_comment_holds_both_kinds(tmp_path: Path) -> None:
    # reveal's `.element\s*?(.+?)$` captures the rest of the line, `.slide:` part included
    res = read('# T <!-- .element: class="x" .slide: data-a="1" -->', tmp_path)
    slide = res.deck.slides[0]
    assert slide.attributes == ()
    heading = slide.blocks[0]
    assert isinstance(heading, Heading)
    assert heading.attrs.classes == ("x",)
    assert heading.attrs.other == (("data-a", "1"),)


def test_later_comment_overwrites_the_same_attribute_classes_not_merged(tmp_path: Path) -> None:
    res = read('# T\n<!-- .slide: class="a" -->\n<!-- .slide: class="b" data-x="1" -->',
               tmp_path)
    slide = res.deck.slides[0]
    assert slide.attributes == (("class", "b"), ("data-x", "1"))
    assert slide.classes == ("b",)


def test_element_comment_needs_no_colon(tmp_path: Path) -> None:
    res = read('## Head <!-- .element class="x" -->', tmp_path)
    heading = res.deck.slides[0].blocks[0]
    assert isinstance(heading, Heading)
    assert heading.attrs.classes == ("x",)


def test_any_attribute_name_is_accepted(tmp_path: Path) -> None:
    res = read('Para <!-- .element: style="color: red" id="p1" width="50%" '
               'data-text-color="#fff" -->', tmp_path)
    para = res.deck.slides[0].blocks[0]
    assert isinstance(para, Paragraph)
    assert para.attrs.style == "color: red"
    assert para.attrs.id == "p1"
    assert para.attrs.width == "50%"
    assert para.attrs.other == (("data-text-color", "#fff"),)


@pytest.mark.parametrize(
    "md",
    [
        '```\n<!-- .slide: data-a="1" -->\n```',
        '`<!-- .slide: data-a="1" -->`',
        '    <!-- .slide: data-a="1" -->',
    ],
    ids=["fenced-code", "inline-code", "indented-code"],
)
def test_comment_inside_code_is_literal_text(tmp_path: Path, md: str) -> None:
    res = read(md, tmp_path)
    slide = res.deck.slides[0]
    assert slide.attributes == ()
    assert slide.text == '<!-- .slide: data-a="1" -->'


def test_slide_comment_inside_a_raw_html_block_works(tmp_path: Path) -> None:
    res = read('<div>\n<!-- .slide: data-a="1" -->\n</div>', tmp_path)
    assert res.deck.slides[0].attributes == (("data-a", "1"),)


def test_plain_comment_is_neither_text_nor_attributes(tmp_path: Path) -> None:
    res = read("<!-- just a comment -->\n\nText", tmp_path)
    slide = res.deck.slides[0]
    assert slide.text == "Text"
    assert slide.attributes == ()
    assert res.diagnostics == ()


# --- §3.3 where they apply ----------------------------------------------------------------


@pytest.mark.parametrize(
    "md",
    [
        '<!-- .slide: data-a="1" -->\n# T\n\nBody',
        '# T\n\nBody\n\n<!-- .slide: data-a="1" -->',
        '# T\n\nBody <!-- .slide: data-a="1" -->',
        "# T\nNote: n\n<!-- .slide: data-a=\"1\" -->",
    ],
    ids=["before-content", "after-content", "inline", "in-notes"],
)
def test_slide_comment_anywhere_in_the_slide_sets_slide_attributes(
    tmp_path: Path, md: str
) -> None:
    res = read(md, tmp_path)
    slide = res.deck.slides[0]
    assert slide.attributes == (("data-a", "1"),)
    assert slide.title == "T"


def test_slide_comment_applies_to_its_own_leaf_slide_only(tmp_path: Path) -> None:
    res = read('A\n----\nB\n<!-- .slide: data-state="b" -->\n---\nC', tmp_path)
    assert [s.state for s in res.deck.slides] == [None, "b", None]


def test_element_on_a_list_item_line_goes_to_that_item(tmp_path: Path) -> None:
    res = read('- item <!-- .element: class="fragment" -->\n- two', tmp_path)
    lst = res.deck.slides[0].blocks[0]
    assert isinstance(lst, BulletList)
    assert lst.items[0].attrs.fragment == Fragment()
    assert lst.items[1].attrs == NO_ATTRS
    assert lst.attrs == NO_ATTRS


def test_element_on_a_heading_line_goes_to_the_heading(tmp_path: Path) -> None:
    res = read('## Head <!-- .element: class="fragment" -->', tmp_path)
    heading = res.deck.slides[0].blocks[0]
    assert isinstance(heading, Heading)
    assert heading.text == "Head"
    assert heading.attrs.fragment == Fragment()
    assert res.deck.slides[0].attributes == ()


def test_element_on_an_image_line_goes_to_the_image(tmp_path: Path) -> None:
    res = read('![x](a.png) <!-- .element: width="50%" -->', tmp_path)
    image = res.deck.slides[0].blocks[0]
    assert isinstance(image, Image)
    assert image.attrs.width == "50%"


def test_element_on_the_line_after_a_lone_image_goes_to_the_image(tmp_path: Path) -> None:
    # reveal gives it to the wrapping <p>; Part A: a paragraph holding only an image is an image
    res = read('![x](a.png)\n<!-- .element: class="stretch" -->', tmp_path)
    blocks = res.deck.slides[0].blocks
    assert len(blocks) == 1
    image = blocks[0]
    assert isinstance(image, Image)
    assert image.attrs.classes == ("stretch",)


@pytest.mark.parametrize(
    "md",
    ['Para\n<!-- .element: class="p1" -->', 'Para\n\n<!-- .element: class="p1" -->\n\nNext'],
    ids=["next-line", "own-paragraph"],
)
def test_element_after_a_paragraph_goes_to_the_paragraph(tmp_path: Path, md: str) -> None:
    res = read(md, tmp_path)
    para = res.deck.slides[0].blocks[0]
    assert isinstance(para, Paragraph)
    assert para.attrs.classes == ("p1",)
    for other in res.deck.slides[0].blocks[1:]:
        assert other.attrs == NO_ATTRS


def test_element_right_after_a_list_goes_to_the_last_item_lazy_continuation(
    tmp_path: Path,
) -> None:
    res = read('- a\n- b\n<!-- .element: class="fragment" -->', tmp_path)
    lst = res.deck.slides[0].blocks[0]
    assert isinstance(lst, BulletList)
    assert [i.attrs.fragment for i in lst.items] == [None, Fragment()]
    assert lst.attrs == NO_ATTRS


def test_element_right_after_a_nested_list_goes_to_the_innermost_last_item(
    tmp_path: Path,
) -> None:
    res = read('- a\n  - b\n<!-- .element: class="fragment" -->', tmp_path)
    lst = res.deck.slides[0].blocks[0]
    assert isinstance(lst, BulletList)
    assert lst.items[0].attrs == NO_ATTRS
    inner = lst.items[0].blocks[0]
    assert isinstance(inner, BulletList)
    assert inner.items[0].attrs.fragment == Fragment()


def test_element_after_a_blank_line_following_a_list_goes_to_the_whole_list(
    tmp_path: Path,
) -> None:
    res = read('- a\n- b\n\n<!-- .element: class="fragment" -->', tmp_path)
    lst = res.deck.slides[0].blocks[0]
    assert isinstance(lst, BulletList)
    assert lst.attrs.fragment == Fragment()
    assert [i.attrs for i in lst.items] == [NO_ATTRS, NO_ATTRS]


def test_element_first_in_the_slide_goes_to_the_slide(tmp_path: Path) -> None:
    res = read('<!-- .element: class="fragment" data-fragment-index="3" -->\n\n# T', tmp_path)
    slide = res.deck.slides[0]
    assert slide.attributes == (("class", "fragment"), ("data-fragment-index", "3"))
    assert slide.fragment == Fragment("fade-in", 3)
    assert slide.blocks[0].attrs == NO_ATTRS


def test_element_inside_a_div_after_a_list_goes_to_the_list(tmp_path: Path) -> None:
    res = read('<div>\n\n- a\n- b\n\n<!-- .element: class="fragment" -->\n\n</div>', tmp_path)
    group = res.deck.slides[0].blocks[0]
    assert isinstance(group, Group)
    lst = group.blocks[0]
    assert isinstance(lst, BulletList)
    assert lst.attrs.fragment == Fragment()
    assert [i.attrs for i in lst.items] == [NO_ATTRS, NO_ATTRS]


def test_element_first_inside_a_div_goes_to_the_div(tmp_path: Path) -> None:
    res = read('<div class="d">\n<!-- .element: class="x" -->\n\nText\n\n</div>', tmp_path)
    group = res.deck.slides[0].blocks[0]
    assert isinstance(group, Group)
    assert group.attrs.classes == ("x",)  # setAttribute: replaces class="d"
    assert group.blocks[0].attrs == NO_ATTRS


def test_element_after_formatted_text_applies_to_the_block_with_an_info(tmp_path: Path) -> None:
    # reveal would target the <strong>; the reader attributes the whole paragraph and says so
    res = read('Some **bold** <!-- .element: class="fragment" -->', tmp_path)
    para = res.deck.slides[0].blocks[0]
    assert isinstance(para, Paragraph)
    assert para.attrs.fragment == Fragment()
    assert only(res, "element-target").severity is Severity.INFO


# --- §3.4 backgrounds ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    ["./backgrounds/x.jpg", "backgrounds/x.jpg", "backgrounds/x.jpg?v=1", "backgrounds/x.jpg#a"],
)
def test_background_shorthand_with_image_extension_is_an_image(
    tmp_path: Path, bg_image: Path, value: str
) -> None:
    slide, res = slide_with(f'data-background="{value}"', tmp_path)
    bg = slide.background
    assert bg.image is not None
    assert bg.image.kind == "file"
    assert bg.image.path == bg_image.resolve()
    assert bg.color is None
    assert bg.gradient is None
    assert bg.contrast is None  # images alone give no contrast class
    assert res.diagnostics == ()


def test_background_shorthand_image_extension_is_case_insensitive(tmp_path: Path) -> None:
    slide, res = slide_with('data-background="pic.PNG"', tmp_path)
    assert slide.background.image is not None
    assert slide.background.image.kind == "missing"
    assert only(res, "missing-image").line == 2


@pytest.mark.parametrize("value", ["http://example.com/a", "https://example.com/a",
                                   "//cdn.example.com/a"])
def test_background_shorthand_with_url_scheme_is_a_remote_image(
    tmp_path: Path, value: str
) -> None:
    slide, res = slide_with(f'data-background="{value}"', tmp_path)
    assert slide.background.image is not None
    assert slide.background.image.kind == "remote"
    diag = only(res, "remote-image")
    assert diag.severity is Severity.WARNING
    assert diag.line == 2


@pytest.mark.parametrize(
    ("value", "hex_", "contrast"),
    [("#ff0000", "#ff0000", "dark"), ("red", "#ff0000", "dark"),
     ("rgb(255, 255, 255)", "#ffffff", "light"), ("#fff", "#ffffff", "light")],
)
def test_background_shorthand_colour(
    tmp_path: Path, value: str, hex_: str, contrast: str
) -> None:
    slide, res = slide_with(f'data-background="{value}"', tmp_path)
    bg = slide.background
    assert bg.color is not None
    assert bg.color.hex == hex_
    assert bg.image is None
    assert bg.contrast == contrast
    assert res.diagnostics == ()


@pytest.mark.parametrize(
    ("value", "kind"),
    [("linear-gradient(to bottom, #283b95, #17b2c3)", LinearGradient),
     ("radial-gradient(#283b95, #17b2c3)", RadialGradient)],
)
def test_background_shorthand_gradient(tmp_path: Path, value: str, kind: type) -> None:
    slide, res = slide_with(f'data-background="{value}"', tmp_path)
    assert isinstance(slide.background.gradient, kind)
    assert slide.background.image is None
    assert slide.background.color is None
    assert res.diagnostics == ()


def test_background_shorthand_css_url_with_colour(tmp_path: Path, bg_image: Path) -> None:
    slide, _ = slide_with('data-background="url(backgrounds/x.jpg) #fff"', tmp_path)
    bg = slide.background
    assert bg.image is not None
    assert bg.image.path == bg_image.resolve()
    assert bg.color is not None
    assert bg.color.hex == "#ffffff"


def test_background_shorthand_path_without_extension_is_not_an_image(tmp_path: Path) -> None:
    # §8.5: `./img` is not recognised as an image by reveal.js either
    slide, res = slide_with('data-background="./img"', tmp_path)
    assert slide.background.is_empty
    diag = only(res, "bad-background")
    assert diag.severity is Severity.WARNING
    assert diag.line == 2


@pytest.mark.parametrize(
    "attrs",
    ['data-background="#ff0000" data-background-color="#00ff00"',
     'data-background-color="#00ff00" data-background="#ff0000"'],
    ids=["colour-after", "colour-before"],
)
def test_background_color_wins_over_the_shorthand_colour(tmp_path: Path, attrs: str) -> None:
    slide, _ = slide_with(attrs, tmp_path)
    assert slide.background.color is not None
    assert slide.background.color.hex == "#00ff00"
    assert slide.background.contrast == "light"


def test_background_color_and_image_together(tmp_path: Path, bg_image: Path) -> None:
    slide, _ = slide_with(
        'data-background-image="backgrounds/x.jpg" data-background-color="#000"', tmp_path
    )
    bg = slide.background
    assert bg.image is not None
    assert bg.image.kind == "file"
    assert bg.color is not None
    assert bg.color.hex == "#000000"
    assert bg.contrast == "dark"


def test_bad_background_color_is_ignored_with_a_warning(tmp_path: Path) -> None:
    slide, res = slide_with('data-background-color="notacolour"', tmp_path)
    assert slide.background.color is None
    assert slide.background.contrast is None
    diag = only(res, "bad-color")
    assert diag.severity is Severity.WARNING
    assert diag.line == 2


def test_background_gradient_attribute(tmp_path: Path) -> None:
    slide, res = slide_with('data-background-gradient="linear-gradient(red, blue)"', tmp_path)
    assert isinstance(slide.background.gradient, LinearGradient)
    assert res.diagnostics == ()


def test_bad_background_gradient_is_ignored_with_a_warning(tmp_path: Path) -> None:
    slide, res = slide_with('data-background-gradient="nope"', tmp_path)
    assert slide.background.gradient is None
    assert only(res, "bad-gradient").line == 2


@pytest.mark.parametrize(("value", "opacity"), [("0.5", 0.5), ("0", 0.0), ("1", 1.0),
                                                 ("50%", 0.5), (" 0.25 ", 0.25)])
def test_background_opacity_parses(
    tmp_path: Path, bg_image: Path, value: str, opacity: float
) -> None:
    slide, res = slide_with(
        f'data-background-image="backgrounds/x.jpg" data-background-opacity="{value}"', tmp_path
    )
    assert slide.background.opacity == pytest.approx(opacity)
    assert "bad-opacity" not in codes(res)


@pytest.mark.parametrize(("value", "clamped"), [("1.5", 1.0), ("-2", 0.0), ("abc", 1.0)])
def test_background_opacity_out_of_range_or_not_a_number_warns(
    tmp_path: Path, bg_image: Path, value: str, clamped: float
) -> None:
    slide, res = slide_with(
        f'data-background-image="backgrounds/x.jpg" data-background-opacity="{value}"', tmp_path
    )
    assert slide.background.opacity == clamped
    diag = only(res, "bad-opacity")
    assert diag.severity is Severity.WARNING
    assert diag.line == 2
    assert value in diag.message


def test_background_opacity_does_not_touch_the_colour(tmp_path: Path) -> None:
    slide, _ = slide_with('data-background-color="#000" data-background-opacity="0.2"',
                          tmp_path)
    assert slide.background.color is not None
    assert slide.background.color.a == 1.0
    assert slide.background.opacity == pytest.approx(0.2)
    assert slide.background.contrast == "dark"


def test_background_size_position_repeat_defaults(tmp_path: Path, bg_image: Path) -> None:
    slide, _ = slide_with('data-background-image="backgrounds/x.jpg"', tmp_path)
    bg = slide.background
    assert (bg.size, bg.position, bg.repeat, bg.opacity) == ("cover", "50% 50%", "no-repeat", 1.0)


def test_background_size_position_repeat_are_read(tmp_path: Path, bg_image: Path) -> None:
    slide, res = slide_with(
        'data-background-image="backgrounds/x.jpg" data-background-size="contain" '
        'data-background-position="top left" data-background-repeat="repeat"', tmp_path
    )
    bg = slide.background
    assert (bg.size, bg.position, bg.repeat) == ("contain", "top left", "repeat")
    assert res.diagnostics == ()


def test_unknown_background_repeat_falls_back_with_a_warning(
    tmp_path: Path, bg_image: Path
) -> None:
    slide, res = slide_with(
        'data-background-image="backgrounds/x.jpg" data-background-repeat="sideways"', tmp_path
    )
    assert slide.background.repeat == "no-repeat"
    assert only(res, "bad-background").line == 2


@pytest.mark.parametrize(
    ("value", "contrast"),
    [("#ffffff", "light"), ("#000", "dark"), ("#808080", "light"), ("#7f7f7f", "dark"),
     ("#ffff00", "light"), ("#0000ff", "dark")],
)
def test_contrast_class_from_background_colour_brightness(
    tmp_path: Path, value: str, contrast: str
) -> None:
    # brightness (r*299 + g*587 + b*114) / 1000 < 128 -> dark; 0x80 = 128 is light
    slide, _ = slide_with(f'data-background-color="{value}"', tmp_path)
    assert slide.background.contrast == contrast


def test_contrast_comes_from_the_colour_only_not_the_image(tmp_path: Path, bg_image: Path) -> None:
    slide, _ = slide_with('data-background="backgrounds/x.jpg"', tmp_path)
    assert slide.background.contrast is None
    slide, _ = slide_with('data-background-image="backgrounds/x.jpg" '
                          'data-background-color="#fff"', tmp_path)
    assert slide.background.contrast == "light"


def test_background_image_missing_file_warns(tmp_path: Path) -> None:
    slide, res = slide_with('data-background-image="missing.png"', tmp_path)
    assert slide.background.image is not None
    assert slide.background.image.kind == "missing"
    assert only(res, "missing-image").line == 2


def test_background_image_outside_the_deck_folder_is_refused(tmp_path: Path) -> None:
    slide, res = slide_with('data-background-image="../../etc/passwd.png"', tmp_path)
    assert slide.background.image is not None
    assert slide.background.image.kind == "refused"
    assert only(res, "refused-image").line == 2


def test_background_image_list_draws_the_first_with_a_warning(
    tmp_path: Path, bg_image: Path
) -> None:
    slide, res = slide_with('data-background-image="backgrounds/x.jpg,other.jpg"', tmp_path)
    assert slide.background.image is not None
    assert slide.background.image.src == "backgrounds/x.jpg"
    assert only(res, "several-images").line == 2


def test_background_image_data_uri_is_used_verbatim(tmp_path: Path) -> None:
    slide, res = slide_with('data-background-image="data:image/png;base64,iVBORw0KGgo="',
                            tmp_path)
    assert slide.background.image is not None
    assert slide.background.image.kind == "data"
    assert slide.background.image.src == "data:image/png;base64,iVBORw0KGgo="
    assert res.diagnostics == ()


def test_unknown_background_attribute_warns(tmp_path: Path) -> None:
    slide, res = slide_with('data-background-foo="1"', tmp_path)
    assert slide.background.is_empty
    diag = only(res, "unknown-attribute")
    assert "data-background-foo" in diag.message
    assert diag.line == 2


def test_background_video_is_not_rendered_with_a_warning(tmp_path: Path) -> None:
    slide, res = slide_with('data-background-video="a.mp4"', tmp_path)
    assert slide.background.video == "a.mp4"
    assert only(res, "unsupported").line == 2


def test_slide_without_background_attributes_has_an_empty_background(tmp_path: Path) -> None:
    res = read("# T", tmp_path)
    bg = res.deck.slides[0].background
    assert bg.is_empty
    assert bg.contrast is None


# --- transitions, visibility, state ------------------------------------------------------


def test_data_transition_zoom(tmp_path: Path) -> None:
    slide, res = slide_with('data-transition="zoom"', tmp_path)
    assert slide.transition == Transition("zoom", "zoom", "default")
    assert res.diagnostics == ()


def test_data_transition_in_and_out_styles(tmp_path: Path) -> None:
    slide, _ = slide_with('data-transition="fade-in slide-out"', tmp_path)
    assert slide.transition == Transition("fade", "slide", "default")


def test_data_transition_in_only_keeps_the_deck_out_style(tmp_path: Path) -> None:
    md = ('---\nrevealOptions:\n  transition: fade\n---\n'
          '# T\n<!-- .slide: data-transition="zoom-in" -->')
    res = read(md, tmp_path)
    assert res.deck.options.transition == Transition("fade", "fade")
    assert res.deck.slides[0].transition == Transition("zoom", "fade")


@pytest.mark.parametrize(("value", "style"), [("default", "convex"), ("linear", "slide")])
def test_data_transition_aliases(tmp_path: Path, value: str, style: str) -> None:
    slide, _ = slide_with(f'data-transition="{value}"', tmp_path)
    assert slide.transition == Transition(style, style)  # type: ignore[arg-type]


def test_data_transition_speed(tmp_path: Path) -> None:
    slide, _ = slide_with('data-transition-speed="fast"', tmp_path)
    assert slide.transition == Transition("convex", "convex", "fast")


def test_unknown_transition_warns_and_keeps_the_deck_default(tmp_path: Path) -> None:
    slide, res = slide_with('data-transition="wobble"', tmp_path)
    assert slide.transition == Transition()
    diag = only(res, "transition")
    assert diag.severity is Severity.WARNING
    assert "wobble" in diag.message
    assert diag.slide == 1


def test_unknown_transition_speed_warns(tmp_path: Path) -> None:
    slide, res = slide_with('data-transition-speed="warp"', tmp_path)
    assert slide.transition is not None
    assert slide.transition.speed == "default"
    assert "warp" in only(res, "transition").message


def test_unknown_transition_warning_names_the_comment_line(tmp_path: Path) -> None:
    res = read('# T\n\ntext\n\n<!-- .slide: data-transition="wobble" -->', tmp_path)
    assert only(res, "transition").line == 5


def test_slide_without_data_transition_has_none(tmp_path: Path) -> None:
    res = read("# T", tmp_path)
    assert res.deck.slides[0].transition is None


def test_hidden_slide_is_kept_and_marked_hidden(tmp_path: Path) -> None:
    res = read('# T\n<!-- .slide: data-visibility="hidden" -->\n---\n# U', tmp_path)
    assert len(res.deck.slides) == 2
    first, second = res.deck.slides
    assert first.visibility == "hidden"
    assert first.hidden
    assert not second.hidden
    assert [s.number for s in res.deck.slides] == [1, 2]


def test_uncounted_slide_is_marked_uncounted_not_hidden(tmp_path: Path) -> None:
    slide, _ = slide_with('data-visibility="uncounted"', tmp_path)
    assert slide.visibility == "uncounted"
    assert not slide.hidden


def test_unknown_visibility_is_ignored_with_a_warning(tmp_path: Path) -> None:
    slide, res = slide_with('data-visibility="gone"', tmp_path)
    assert slide.visibility == "visible"
    assert only(res, "bad-attribute").severity is Severity.WARNING


def test_data_state_id_and_class_on_the_slide(tmp_path: Path) -> None:
    slide, _ = slide_with('data-state="intro" id="start" class="a b"', tmp_path)
    assert slide.state == "intro"
    assert slide.id == "start"
    assert slide.classes == ("a", "b")


# --- §3.5 fragments -----------------------------------------------------------------------


def test_fragment_class_gives_a_default_fade_in_fragment(tmp_path: Path) -> None:
    res = read('Para\n<!-- .element: class="fragment" -->', tmp_path)
    assert iter_fragments(res.deck.slides[0].blocks) == [Fragment("fade-in", None)]


@pytest.mark.parametrize(
    "style",
    ["fade-out", "semi-fade-out", "grow", "shrink", "zoom-in", "strike", "fade-up", "fade-down",
     "fade-left", "fade-right", "fade-in-then-out", "current-visible", "fade-in-then-semi-out",
     "highlight-red", "highlight-green", "highlight-blue", "highlight-current-red",
     "highlight-current-green", "highlight-current-blue", "custom"],
)
def test_fragment_style_class(tmp_path: Path, style: str) -> None:
    res = read(f'Para <!-- .element: class="fragment {style}" -->', tmp_path)
    assert iter_fragments(res.deck.slides[0].blocks) == [Fragment(style, None)]


def test_style_class_without_fragment_class_is_no_fragment(tmp_path: Path) -> None:
    res = read('Para <!-- .element: class="grow" -->', tmp_path)
    assert iter_fragments(res.deck.slides[0].blocks) == []


def test_fragment_index_is_read_per_item(tmp_path: Path) -> None:
    md = ('- a <!-- .element: class="fragment grow" data-fragment-index="2" -->\n'
          '- b <!-- .element: class="fragment" data-fragment-index="1" -->\n- c')
    res = read(md, tmp_path)
    assert iter_fragments(res.deck.slides[0].blocks) == [Fragment("grow", 2),
                                                         Fragment("fade-in", 1)]


def test_non_numeric_fragment_index_is_ignored_with_a_warning(tmp_path: Path) -> None:
    res = read('Para <!-- .element: class="fragment" data-fragment-index="x" -->', tmp_path)
    assert iter_fragments(res.deck.slides[0].blocks) == [Fragment("fade-in", None)]
    diag = only(res, "fragment-index")
    assert diag.severity is Severity.WARNING
    assert diag.line == 1


def test_animate_lists_makes_every_list_item_a_fragment(tmp_path: Path) -> None:
    md = "---\nrevealOptions:\n  markdown:\n    animateLists: true\n---\n- a\n- b\n  - c\n\n1. d"
    res = read(md, tmp_path)
    assert res.deck.options.animate_lists
    assert iter_fragments(res.deck.slides[0].blocks) == [Fragment()] * 4


def test_animate_lists_keeps_an_explicit_fragment_style(tmp_path: Path) -> None:
    md = ('---\nrevealOptions:\n  markdown:\n    animateLists: true\n---\n'
          '- a <!-- .element: class="fragment grow" -->\n- b')
    res = read(md, tmp_path)
    assert iter_fragments(res.deck.slides[0].blocks) == [Fragment("grow"), Fragment()]


def test_without_animate_lists_items_are_not_fragments(tmp_path: Path) -> None:
    res = read("- a\n- b", tmp_path)
    assert not res.deck.options.animate_lists
    assert iter_fragments(res.deck.slides[0].blocks) == []


def test_fragment_on_a_code_block_via_element_comment(tmp_path: Path) -> None:
    res = read('```js\nx\n```\n<!-- .element: class="fragment" data-fragment-index="1" -->',
               tmp_path)
    code = res.deck.slides[0].blocks[0]
    assert isinstance(code, CodeBlock)
    assert code.attrs.fragment == Fragment("fade-in", 1)
