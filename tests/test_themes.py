"""Theme data (reveal.js 5.1.0, dialect.md §4), CSS colour/gradient parsing, custom theme CSS."""

from __future__ import annotations

import dataclasses

import pytest

from converter.style.color import (
    Color,
    LinearGradient,
    RadialGradient,
    parse_css_color,
)
from converter.style.gradient import parse_css_gradient
from converter.style.themes import (
    DEFAULT_THEME,
    HIGHLIGHT_STYLES,
    THEME_NAMES,
    THEMES,
    Theme,
    get_highlight_style,
    get_theme,
    parse_font_family,
    parse_theme_css,
)

ALL_THEMES = (
    "beige",
    "black",
    "black-contrast",
    "blood",
    "dracula",
    "league",
    "moon",
    "night",
    "serif",
    "simple",
    "sky",
    "solarized",
    "white",
    "white-contrast",
)


def theme(name: str) -> Theme:
    found = get_theme(name)
    assert found is not None, name
    return found


# --- the 14 themes ---------------------------------------------------------------------------


def test_all_fourteen_names_sorted() -> None:
    assert THEME_NAMES == ALL_THEMES
    assert set(THEMES) == set(ALL_THEMES)
    assert DEFAULT_THEME == "black"
    assert all(THEMES[name].name == name for name in ALL_THEMES)


def test_lookup_is_case_sensitive_and_unknown_is_none() -> None:
    assert get_theme("Black") is None
    assert get_theme("nope") is None
    assert get_theme("theme/black.css") is None
    assert get_theme("black") is THEMES["black"]


def test_black() -> None:
    t = theme("black")
    assert t.background.hex == "#191919"
    assert t.main_color.hex == "#ffffff"
    assert t.heading_color.hex == "#ffffff"
    assert t.link_color.hex == "#42affa"
    assert t.link_hover_color.hex == "#8dcffc"
    assert t.selection_bg == Color(66, 175, 250, 0.75)
    assert t.selection_fg.hex == "#ffffff"
    assert t.heading_weight == 600
    assert t.heading_transform == "uppercase"
    assert t.heading_letter_spacing_em == 0.0
    assert t.main_font_size_px == 42
    assert t.main_font == ("Source Sans Pro", "Helvetica", "sans-serif")
    assert t.heading_font == t.main_font
    assert t.code_font == ("monospace",)
    assert t.heading_sizes_em == (2.5, 1.6, 1.3, 1.0, 1.0, 1.0)
    assert t.heading_size_px(1) == pytest.approx(105)
    assert t.heading_size_px(2) == pytest.approx(67.2)
    assert t.heading_size_px(3) == pytest.approx(54.6)
    assert t.heading_size_px(4) == pytest.approx(42)
    assert t.heading_size_px(6) == pytest.approx(42)
    assert t.light_bg_text is not None and t.light_bg_text.hex == "#222222"
    assert t.dark_bg_text is None
    assert t.background_gradient is None
    assert t.heading_text_shadow is None and t.h1_text_shadow is None


def test_shared_template_values() -> None:
    for t in THEMES.values():
        assert t.heading_line_height == 1.2
        assert t.heading_margin_bottom_px == 20
        assert t.block_margin_px == 20
        assert t.line_height == 1.3
        assert t.heading_sizes_em[4:] == (1.0, 1.0)
        assert t.main_font_size_px in (40, 42)


@pytest.mark.parametrize("name", ["league", "beige", "sky", "night", "moon", "dracula", "serif"])
def test_template_heading_sizes(name: str) -> None:
    t = theme(name)
    assert t.main_font_size_px == 40
    assert t.heading_sizes_em[:4] == (3.77, 2.11, 1.55, 1.0)
    assert t.heading_size_px(1) == pytest.approx(150.8)
    assert t.heading_size_px(2) == pytest.approx(84.4)
    assert t.heading_size_px(3) == pytest.approx(62)


def test_night() -> None:
    t = theme("night")
    assert t.background.hex == "#111111"
    assert t.heading_font[0] == "Montserrat"
    assert t.heading_font == ("Montserrat", "Impact", "sans-serif")
    assert t.main_font == ("Open Sans", "sans-serif")
    assert t.heading_transform == "none"
    assert t.heading_letter_spacing_em == pytest.approx(-0.03)
    assert t.link_color.hex == "#e7ad52"


def test_radial_gradients() -> None:
    expected = {
        "league": ("#555a5f", "#1c1e20", "#2b2b2b"),
        "beige": ("#ffffff", "#f7f2d3", "#f7f3de"),
        "sky": ("#f7fbfc", "#add9e4", "#f7fbfc"),
    }
    for name, (inner, outer, background) in expected.items():
        g = theme(name).background_gradient
        assert isinstance(g, RadialGradient), name
        assert g.shape == "circle" and g.extent == "farthest-corner" and g.center == (0.5, 0.5)
        assert [s.color.hex for s in g.stops] == [inner, outer]
        assert [s.position for s in g.stops] == [0.0, 1.0]
        assert theme(name).background.hex == background
    without = set(ALL_THEMES) - set(expected)
    assert all(THEMES[name].background_gradient is None for name in without)


def test_league_and_blood_shadows() -> None:
    league = theme("league")
    assert league.heading_text_shadow == "0px 0px 6px rgba(0, 0, 0, 0.2)"
    assert league.h1_text_shadow is not None
    assert league.h1_text_shadow.startswith("0 1px 0 #ccc, 0 2px 0 #c9c9c9")
    assert league.h1_text_shadow.count("rgba") == 6
    assert theme("beige").h1_text_shadow == league.h1_text_shadow
    assert theme("beige").heading_text_shadow is None
    blood = theme("blood")
    assert blood.h1_text_shadow == league.h1_text_shadow
    assert blood.heading_text_shadow == "2px 2px 2px #222"


def test_blood() -> None:
    t = theme("blood")
    assert t.heading_weight == 700
    assert t.paragraph_weight == 300
    assert t.main_font == t.heading_font == ("Ubuntu", "sans-serif")
    assert t.link_color.hex == "#aa2233"
    assert t.paragraph_code_bg is not None and t.paragraph_code_bg.hex == "#23241f"
    assert all(THEMES[n].paragraph_weight is None for n in ALL_THEMES if n != "blood")


def test_dracula() -> None:
    t = theme("dracula")
    assert t.heading_color == Color.from_hex("#BD93F9")
    assert t.main_color.hex == "#f8f8f2"
    assert t.background.hex == "#282a36"
    assert t.link_color.hex == "#ff79c6" and t.link_hover_color.hex == "#8be9fd"
    assert t.heading_transform == "none"
    assert t.main_font[0] == "-apple-system" and t.main_font[-1] == "sans-serif"
    assert len(t.main_font) == 13 and "helvetica neue" in t.main_font
    assert t.code_font[0] == "Fira Code" and t.code_font[-1] == "monospace"
    assert t.strong_color is not None and t.strong_color.hex == "#ffb86c"
    assert t.em_color is not None and t.em_color.hex == "#f1fa8c"
    assert t.code_color is not None and t.code_color.hex == "#50fa7b"
    assert t.list_marker_color is not None and t.list_marker_color.hex == "#8be9fd"
    assert t.light_bg_text is not None and t.light_bg_text.hex == "#282a36"


def test_other_colour_rows() -> None:
    assert theme("moon").heading_color.hex == "#eee8d5"
    assert theme("moon").main_color.hex == "#93a1a1"
    assert theme("serif").heading_color.hex == "#383d3d"
    assert theme("serif").main_font[0] == "Palatino Linotype"
    assert theme("simple").link_color.hex == "#00008b"
    assert theme("simple").heading_font[0] == "News Cycle"
    assert theme("simple").selection_bg == Color(0, 0, 0, 0.99)
    assert theme("beige").selection_bg == Color(79, 64, 28, 0.99)
    assert theme("solarized").main_color.hex == "#657b83"
    assert theme("solarized").light_bg_text is None and theme("solarized").dark_bg_text is None
    assert theme("sky").heading_letter_spacing_em == pytest.approx(-0.08)
    assert theme("sky").heading_font[0] == "Quicksand"
    assert theme("black-contrast").background.hex == "#000000"
    assert theme("black-contrast").selection_bg.hex == "#bee4fd"
    assert theme("white-contrast").main_color.hex == "#000000"
    assert theme("white").dark_bg_text == Color(255, 255, 255)


def test_contrast_text_color() -> None:
    black, white = theme("black"), theme("white")
    assert black.contrast_text_color(Color.from_hex("#ffffff")) == Color.from_hex("#222")
    assert black.contrast_text_color(Color.from_hex("#000000")) is None
    assert white.contrast_text_color(Color.from_hex("#000000")) == Color(255, 255, 255)
    assert white.contrast_text_color(Color(0, 0, 0, 0.0)) is None  # transparent: no class


# --- colours ---------------------------------------------------------------------------------


def test_color_from_hex_and_properties() -> None:
    assert Color.from_hex("#abc") == Color(0xAA, 0xBB, 0xCC)
    assert Color.from_hex("#AABBCC").hex == "#aabbcc"
    assert Color.from_hex("#aabbcc80").a == pytest.approx(128 / 255)
    assert Color.from_hex("#abcd").a == pytest.approx(0xDD / 255)
    assert Color(255, 255, 255).brightness == 255
    assert Color(66, 175, 250).brightness == pytest.approx(150.959)
    assert Color.from_hex("#191919").is_dark
    assert not Color.from_hex("#f7f3de").is_dark
    assert Color(128, 128, 128).brightness == 128 and not Color(128, 128, 128).is_dark
    assert Color(127, 127, 127).is_dark
    with pytest.raises(ValueError):
        Color.from_hex("#12345")
    with pytest.raises(ValueError):
        Color(256, 0, 0)


def test_color_compositing() -> None:
    half = Color(255, 255, 255, 0.5)
    assert half.over(Color(0, 0, 0)) == Color(128, 128, 128)
    assert Color(1, 2, 3).over(Color(9, 9, 9)) == Color(1, 2, 3)
    assert Color(1, 2, 3).with_alpha(2.0).a == 1.0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("red", Color(255, 0, 0)),
        ("RebeccaPurple", Color(0x66, 0x33, 0x99)),
        ("lightgoldenrodyellow", Color(0xFA, 0xFA, 0xD2)),
        ("grey", Color(128, 128, 128)),
        ("transparent", Color(0, 0, 0, 0.0)),
        ("#abc", Color(0xAA, 0xBB, 0xCC)),
        ("#abc8", Color(0xAA, 0xBB, 0xCC, 0x88 / 255)),
        ("#a1b2c3", Color(0xA1, 0xB2, 0xC3)),
        ("#a1b2c300", Color(0xA1, 0xB2, 0xC3, 0.0)),
        ("rgb(10, 20, 30)", Color(10, 20, 30)),
        ("rgba(66, 175, 250, 0.75)", Color(66, 175, 250, 0.75)),
        ("rgb(100%, 0%, 50%)", Color(255, 0, 128)),
        ("rgb(10 20 30 / 50%)", Color(10, 20, 30, 0.5)),
        ("rgba(0,0,0,.5)", Color(0, 0, 0, 0.5)),
        ("rgb(300, -5, 20)", Color(255, 0, 20)),
        ("hsl(120, 100%, 50%)", Color(0, 255, 0)),
        ("hsl(0 100% 50%)", Color(255, 0, 0)),
        ("hsla(240deg, 100%, 50%, 0.3)", Color(0, 0, 255, 0.3)),
        ("hsl(0.5turn 100% 25%)", Color(0, 128, 128)),
        ("  #FFF ; ", Color(255, 255, 255)),
    ],
)
def test_parse_css_color(text: str, expected: Color) -> None:
    parsed = parse_css_color(text)
    assert parsed is not None
    assert (parsed.r, parsed.g, parsed.b) == (expected.r, expected.g, expected.b)
    assert parsed.a == pytest.approx(expected.a)


@pytest.mark.parametrize(
    "text",
    ["", "garbage", "#12", "#12345", "#ggg", "rgb(1, 2)", "rgb(a, b, c)", "hsl(1, 2%)",
     "rgb(1 2 3 /)", "currentColor", "hwb(0 0% 0%)", "url(x.png)", "rgb(1, 2, 3, 4, 5)"],
)  # fmt: skip
def test_parse_css_color_garbage(text: str) -> None:
    assert parse_css_color(text) is None


# --- gradients -------------------------------------------------------------------------------


def test_linear_gradient_angle() -> None:
    g = parse_css_gradient("linear-gradient(45deg, red, blue 80%)")
    assert isinstance(g, LinearGradient)
    assert g.angle_deg == 45
    assert [(s.color.hex, s.position) for s in g.stops] == [("#ff0000", 0.0), ("#0000ff", 0.8)]


def test_linear_gradient_to_side_and_default() -> None:
    g = parse_css_gradient("linear-gradient(to right, #000, rgba(0, 0, 0, 0.5) 50%, #fff)")
    assert isinstance(g, LinearGradient)
    assert g.angle_deg == 90 and g.corner is None
    assert [s.position for s in g.stops] == [0.0, 0.5, 1.0]
    assert g.stops[1].color == Color(0, 0, 0, 0.5)
    down = parse_css_gradient("linear-gradient(red, green, blue, white)")
    assert isinstance(down, LinearGradient) and down.angle_deg == 180
    assert [s.position for s in down.stops] == pytest.approx([0.0, 1 / 3, 2 / 3, 1.0])
    rad = parse_css_gradient("linear-gradient(0.25turn, red, blue)")
    assert isinstance(rad, LinearGradient) and rad.angle_deg == pytest.approx(90)


def test_linear_gradient_positions_fixed_up_as_css_does() -> None:
    g = parse_css_gradient("linear-gradient(red 20%, green, blue 10%, white)")
    assert isinstance(g, LinearGradient)
    # blue can't go back before 20%; green sits halfway between red and blue
    assert [s.position for s in g.stops] == pytest.approx([0.2, 0.2, 0.2, 1.0])
    hard = parse_css_gradient("linear-gradient(red 0 50%, blue 50% 100%)")
    assert isinstance(hard, LinearGradient)
    assert [s.position for s in hard.stops] == [0.0, 0.5, 0.5, 1.0]


def test_linear_gradient_corner() -> None:
    g = parse_css_gradient("linear-gradient(to top right, red, blue)")
    assert isinstance(g, LinearGradient)
    assert g.corner == "top right" and g.angle_deg == 45
    assert g.angle_for(100, 100) == pytest.approx(45)
    assert g.angle_for(160, 90) == pytest.approx(29.357753542791276)


def test_radial_gradient() -> None:
    g = parse_css_gradient("radial-gradient(circle at 25% 75%, #fff 0%, #000 100%)")
    assert isinstance(g, RadialGradient)
    assert g.shape == "circle" and g.extent == "farthest-corner" and g.center == (0.25, 0.75)
    assert [s.color.hex for s in g.stops] == ["#ffffff", "#000000"]
    plain = parse_css_gradient("radial-gradient(red, blue)")
    assert isinstance(plain, RadialGradient)
    assert plain.shape == "ellipse" and plain.center == (0.5, 0.5)
    side = parse_css_gradient("radial-gradient(closest-side at top, red, blue)")
    assert isinstance(side, RadialGradient)
    assert side.extent == "closest-side" and side.center == (0.5, 0.0)


def test_legacy_webkit_radial_matches_theme_data() -> None:
    css = "-webkit-radial-gradient(center, circle cover, #555a5f 0%, #1c1e20 100%)"
    assert parse_css_gradient(css) == theme("league").background_gradient


@pytest.mark.parametrize(
    "text",
    [
        "",
        "red",
        "linear-gradient(red)",
        "linear-gradient(",
        "linear-gradient(45deg, foo, bar)",
        "linear-gradient(to nowhere, red, blue)",
        "radial-gradient(circle at, red, blue)",
        "repeating-linear-gradient(red, blue)",
        "conic-gradient(red, blue)",
        "url(a.png)",
    ],
)
def test_gradient_garbage(text: str) -> None:
    assert parse_css_gradient(text) is None


# --- highlight styles ------------------------------------------------------------------------


def test_zenburn_highlight_style() -> None:
    style = get_highlight_style("zenburn")
    assert style is not None
    assert style is get_highlight_style("base16/zenburn") is HIGHLIGHT_STYLES["base16/zenburn"]
    assert style.background.hex == "#383838"
    assert style.foreground.hex == "#dcdccc"
    colors = style.token_colors
    assert colors["Keyword"].hex == "#dc8cc3"
    assert colors["Literal.String"].hex == "#5f7f5f"
    assert colors["Comment"].hex == "#6f6f6f"
    assert colors["Literal.Number"].hex == "#dfaf8f"
    assert colors["Name.Function"].hex == "#7cb8bb"
    assert colors["Name.Variable"].hex == "#dca3a3"
    # inheritance along Pygments' dotted hierarchy, with or without the "Token." prefix
    assert style.color_for("Literal.String.Double").hex == "#5f7f5f"
    assert style.color_for("Token.Comment.Single").hex == "#6f6f6f"
    assert style.color_for("Text") == style.foreground
    assert style.style_for("Generic.Emph").italic
    assert get_highlight_style("monokai-nope") is None


# --- custom theme CSS ------------------------------------------------------------------------

CUSTOM_CSS = """
/* --r-main-color: #ff0000;  (commented out: must be ignored) */
@import url(https://fonts.example/whatever.css);
:root {
  --r-background-color: #fafafa;
  --r-main-font: "Fira Sans", 'Noto Sans', sans-serif;
  --r-main-font-size: 36px;
  --r-main-color: var(--brand, rgb(10 20 30));
  --r-heading-color: hsl(0, 100%, 25%);
  --r-heading-font-weight: bold;
  --r-heading-text-transform: none;
  --r-heading1-size: 3em;
  --r-heading2-size: 72px;
  --r-heading-letter-spacing: -0.02em;
  --r-link-color: not-a-colour;
  --r-code-font: "JetBrains Mono", monospace;
  --r-block-margin: 12px;
}
section.has-dark-background, section.has-dark-background h1 { color: #eeeeee; }
"""


def test_parse_theme_css_overrides_and_keeps_the_rest() -> None:
    base = theme("black")
    t = parse_theme_css(CUSTOM_CSS, base)
    assert t.background.hex == "#fafafa"
    assert t.main_font == ("Fira Sans", "Noto Sans", "sans-serif")
    assert t.main_font_size_px == 36
    assert t.main_color == Color(10, 20, 30)  # var() fallback resolved
    assert t.heading_color.hex == "#800000"
    assert t.heading_weight == 700
    assert t.heading_transform == "none"
    assert t.heading_sizes_em == pytest.approx((3.0, 2.0, 1.3, 1.0, 1.0, 1.0))
    assert t.heading_letter_spacing_em == pytest.approx(-0.02)
    assert t.code_font == ("JetBrains Mono", "monospace")
    assert t.block_margin_px == 12
    assert t.dark_bg_text is not None and t.dark_bg_text.hex == "#eeeeee"
    # unparseable or absent values keep the base
    assert t.link_color == base.link_color
    assert t.link_hover_color == base.link_hover_color
    assert t.heading_font == base.heading_font
    assert t.selection_bg == base.selection_bg
    assert t.light_bg_text == base.light_bg_text
    assert t.name == base.name


def test_parse_theme_css_gradient_and_background() -> None:
    css = (
        ":root { --r-background-color: #123; }\n"
        ".reveal-viewport { background: #000;\n"
        "  background: -webkit-radial-gradient(center, circle cover, #ff0000 0%, #000 100%);\n"
        "  background-color: var(--r-background-color); }"
    )
    t = parse_theme_css(css, theme("black"))
    assert isinstance(t.background_gradient, RadialGradient)
    assert t.background_gradient.stops[0].color.hex == "#ff0000"
    # an own background colour without a gradient drops the base theme's gradient
    plain = parse_theme_css(":root { --r-background-color: #123; }", theme("league"))
    assert plain.background.hex == "#112233" and plain.background_gradient is None


def test_parse_theme_css_never_raises() -> None:
    base = theme("white")
    assert parse_theme_css("", base) == base
    assert parse_theme_css("}}}{{{ --r-main-font-size: huge; ;;; --r-", base) == base
    assert parse_theme_css(":root { --r-heading1-size: -3em; --r-main-font: ; }", base) == base
    weird = parse_theme_css(":root { --r-main-color: var(--a); --a: var(--r-main-color); }", base)
    assert weird == base


def test_parse_theme_css_reads_reveal4_names() -> None:
    t = parse_theme_css(":root { --main-color: #010203; --heading1-size: 2em; }", theme("moon"))
    assert t.main_color == Color(1, 2, 3)
    assert t.heading_sizes_em[0] == 2.0


def test_parse_font_family() -> None:
    assert parse_font_family("'Source Sans Pro', Helvetica, sans-serif") == (
        "Source Sans Pro",
        "Helvetica",
        "sans-serif",
    )
    assert parse_font_family('"A, B", C') == ("A, B", "C")
    assert parse_font_family("  ") == ()


def test_theme_is_frozen_and_replaceable() -> None:
    t = theme("black")
    with pytest.raises(dataclasses.FrozenInstanceError):
        t.name = "x"  # type: ignore[misc]
    assert dataclasses.replace(t, main_font_size_px=30).heading_size_px(1) == pytest.approx(75)
