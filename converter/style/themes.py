"""The 14 built-in reveal.js 5.1.0 themes as data, and custom theme CSS read into the same shape.

Input: a theme name (``"black"``, ``"league"``…) or the text of a custom reveal theme CSS file.
Output: :class:`Theme` values (colours, fonts, sizes, shadows) taken from the compiled
``dist/theme/*.css`` of reveal.js 5.1.0 as recorded in ``dialect.md`` §4. Also re-exports the
highlight.js code styles (:mod:`converter.style.highlight`). Pure data: nothing is drawn here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final, Literal, TypeAlias

from converter.style.color import (
    Color,
    Gradient,
    GradientStop,
    RadialGradient,
)
from converter.style.highlight import (
    HIGHLIGHT_STYLES,
    HighlightStyle,
    TokenStyle,
    get_highlight_style,
)
from converter.style.theme_css import parse_font_family, parse_theme_css

__all__ = [
    "DEFAULT_THEME",
    "HIGHLIGHT_STYLES",
    "SINGLE_LINE",
    "THEMES",
    "THEME_NAMES",
    "HighlightStyle",
    "ListLevel",
    "Theme",
    "TokenStyle",
    "get_highlight_style",
    "get_theme",
    "parse_font_family",
    "parse_theme_css",
]

TextTransform: TypeAlias = Literal["uppercase", "lowercase", "capitalize", "none"]
HeadingSizes: TypeAlias = tuple[float, float, float, float, float, float]

_WHITE = Color(255, 255, 255)
_TEMPLATE_SIZES: HeadingSizes = (3.77, 2.11, 1.55, 1.0, 1.0, 1.0)
_SSP_SIZES: HeadingSizes = (2.5, 1.6, 1.3, 1.0, 1.0, 1.0)

_LATO = ("Lato", "sans-serif")
_LEAGUE_GOTHIC = ("League Gothic", "Impact", "sans-serif")
_SOURCE_SANS = ("Source Sans Pro", "Helvetica", "sans-serif")
_OPEN_SANS = ("Open Sans", "sans-serif")
_PALATINO = ("Palatino Linotype", "Book Antiqua", "Palatino", "FreeSerif", "serif")
_UBUNTU = ("Ubuntu", "sans-serif")
_MONOSPACE = ("monospace",)
_DRACULA_SANS = parse_font_family(
    "-apple-system, BlinkMacSystemFont, avenir next, avenir, segoe ui, helvetica neue, helvetica,"
    " Cantarell, Ubuntu, roboto, noto, arial, sans-serif"
)
_DRACULA_MONO = parse_font_family(
    '"Fira Code", Menlo, Consolas, Monaco, Liberation Mono, Lucida Console, monospace'
)

_SHADOW_3D = (
    "0 1px 0 #ccc, 0 2px 0 #c9c9c9, 0 3px 0 #bbb, 0 4px 0 #b9b9b9, 0 5px 0 #aaa, "
    "0 6px 1px rgba(0,0,0,.1), 0 0 5px rgba(0,0,0,.1), 0 1px 3px rgba(0,0,0,.3), "
    "0 3px 5px rgba(0,0,0,.2), 0 5px 10px rgba(0,0,0,.25), 0 20px 20px rgba(0,0,0,.15)"
)


SINGLE_LINE: Final = 1.2  # single line spacing (PowerPoint, LibreOffice), times the text size


@dataclass(frozen=True)
class ListLevel:
    """A template's paragraph style at one list level (PowerPoint's `a:lvlNpPr`), as layout
    sets a list item there; lengths in CSS px of the theme."""

    margin_px: float | None = None  # the text's left edge (`marL`); None: not stated
    indent_px: float = 0.0  # the first line from it (`indent`; negative: the marker hangs)
    bullet: str | None = None  # the marker in Unicode; None: the template gives none
    bullet_font: str | None = None  # the face it names, when it is a real one
    bullet_color: Color | None = None  # None: the text's
    bullet_size: float = 1.0  # a fraction of the text's size
    size_px: float | None = None  # the level's text size
    color: Color | None = None  # the level's text colour
    # the space before and after: a fraction of the text's size (per cent) or CSS px (points)
    space_before_em: float = 0.0
    space_before_px: float = 0.0
    space_after_em: float = 0.0
    space_after_px: float = 0.0
    line_height: float | None = None  # a multiple of the text size


@dataclass(frozen=True)
class Theme:
    """One reveal.js theme. Sizes are CSS px of the 960x700 logical slide; ``*_em`` are relative
    to ``main_font_size_px``. Defaults are the template values (``template/settings.scss``)."""

    name: str
    background: Color  # --r-background-color (what the slide shows where no gradient is drawn)
    main_color: Color
    heading_color: Color
    link_color: Color
    link_hover_color: Color
    selection_bg: Color
    selection_fg: Color = _WHITE
    # body background drawn over `background` (league/beige/sky: circle, centre to farthest corner)
    background_gradient: Gradient | None = None
    light_bg_text: Color | None = None  # text + headings on has-light-background slides
    dark_bg_text: Color | None = None  # text + headings on has-dark-background slides
    main_font_size_px: float = 40.0
    main_font: tuple[str, ...] = _LATO  # CSS font-family order, generic family last
    heading_font: tuple[str, ...] = _LEAGUE_GOTHIC
    code_font: tuple[str, ...] = _MONOSPACE
    heading_weight: int = 400  # 400 normal, 600 semibold, 700 bold
    heading_transform: TextTransform = "uppercase"  # code inside headings is never transformed
    heading_letter_spacing_em: float = 0.0
    heading_sizes_em: HeadingSizes = _TEMPLATE_SIZES  # h1..h6; h5/h6 have no rule: 1em
    heading_line_height: float = 1.2
    heading_margin_bottom_px: float = 20.0  # margin 0 0 20px 0 (0 on the last child)
    block_margin_px: float = 20.0
    line_height: float = 1.3
    heading_text_shadow: str | None = None  # CSS text-shadow list, verbatim
    h1_text_shadow: str | None = None
    # theme-specific rules after the template (None/False = not set by the theme)
    paragraph_weight: int | None = None  # blood: `.reveal p { font-weight: 300 }`
    paragraph_text_shadow: str | None = None  # blood: removed on has-light-background slides
    paragraph_code_bg: Color | None = None  # blood: `p code` background (inline-block, radius)
    paragraph_code_radius_px: float | None = None
    strong_color: Color | None = None  # dracula: strong, b
    em_color: Color | None = None  # dracula: em, i, blockquote
    code_color: Color | None = None  # dracula: every code element (inline code)
    list_marker_color: Color | None = None  # dracula: li::marker
    link_line_height_em: float | None = None  # serif, sky: `.reveal a { line-height: 1.3em }`
    # a template's list levels (its body text style): items are set as typed into it
    list_levels: tuple[ListLevel, ...] = ()
    text_align: Literal["left", "center", "right"] = "center"  # reveal centres all text
    heading_align: Literal["left", "center", "right"] = "center"

    def heading_size_px(self, level: int) -> float:
        """Font size of ``h<level>`` (1-6) in px; other levels get the body size."""
        if 1 <= level <= 6:
            return self.heading_sizes_em[level - 1] * self.main_font_size_px
        return self.main_font_size_px

    def contrast_text_color(self, slide_background: Color) -> Color | None:
        """The text/heading colour reveal.js switches to on a slide with this background colour
        (``has-dark-background`` / ``has-light-background``), or None when the theme keeps its
        own colours. A fully transparent colour gets no contrast class."""
        if slide_background.a == 0:
            return None
        return self.dark_bg_text if slide_background.is_dark else self.light_bg_text


def _c(text: str) -> Color:
    return Color.from_hex(text)


def _radial(inner: str, outer: str) -> RadialGradient:
    """``-webkit-radial-gradient(center, circle cover, <inner> 0%, <outer> 100%)``."""
    return RadialGradient(
        stops=(GradientStop(_c(inner), 0.0), GradientStop(_c(outer), 1.0)),
        shape="circle",
        extent="farthest-corner",
        center=(0.5, 0.5),
    )


def _source_sans(name: str, **values: Any) -> Theme:
    """black, white and the contrast pair share the Source Sans Pro typography."""
    typography: dict[str, Any] = {
        "main_font_size_px": 42.0,
        "main_font": _SOURCE_SANS,
        "heading_font": _SOURCE_SANS,
        "heading_weight": 600,
        "heading_sizes_em": _SSP_SIZES,
    }
    return Theme(name=name, **typography, **values)


_BUILTIN: tuple[Theme, ...] = (
    _source_sans(
        "black",
        background=_c("#191919"),
        main_color=_c("#fff"),
        heading_color=_c("#fff"),
        link_color=_c("#42affa"),
        link_hover_color=_c("#8dcffc"),
        selection_bg=Color(66, 175, 250, 0.75),
        light_bg_text=_c("#222"),
    ),
    _source_sans(
        "white",
        background=_c("#fff"),
        main_color=_c("#222"),
        heading_color=_c("#222"),
        link_color=_c("#2a76dd"),
        link_hover_color=_c("#6ca0e8"),
        selection_bg=_c("#98bdef"),
        dark_bg_text=_c("#fff"),
    ),
    Theme(
        name="league",
        background=_c("#2b2b2b"),
        background_gradient=_radial("#555a5f", "#1c1e20"),
        main_color=_c("#eee"),
        heading_color=_c("#eee"),
        link_color=_c("#13DAEC"),
        link_hover_color=_c("#71e9f4"),
        selection_bg=_c("#FF5E99"),
        light_bg_text=_c("#222"),
        heading_text_shadow="0px 0px 6px rgba(0, 0, 0, 0.2)",
        h1_text_shadow=_SHADOW_3D,
    ),
    Theme(
        name="beige",
        background=_c("#f7f3de"),
        background_gradient=_radial("#ffffff", "#f7f2d3"),
        main_color=_c("#333"),
        heading_color=_c("#333"),
        link_color=_c("#8b743d"),
        link_hover_color=_c("#c0a86e"),
        selection_bg=Color(79, 64, 28, 0.99),
        dark_bg_text=_c("#fff"),
        h1_text_shadow=_SHADOW_3D,
    ),
    Theme(
        name="sky",
        background=_c("#f7fbfc"),
        background_gradient=_radial("#f7fbfc", "#add9e4"),
        main_color=_c("#333"),
        heading_color=_c("#333"),
        link_color=_c("#3b759e"),
        link_hover_color=_c("#74a7cb"),
        selection_bg=_c("#134674"),
        dark_bg_text=_c("#fff"),
        main_font=_OPEN_SANS,
        heading_font=("Quicksand", "sans-serif"),
        heading_letter_spacing_em=-0.08,
        link_line_height_em=1.3,
    ),
    Theme(
        name="night",
        background=_c("#111"),
        main_color=_c("#eee"),
        heading_color=_c("#eee"),
        link_color=_c("#e7ad52"),
        link_hover_color=_c("#f3d7ac"),
        selection_bg=_c("#e7ad52"),
        light_bg_text=_c("#222"),
        main_font=_OPEN_SANS,
        heading_font=("Montserrat", "Impact", "sans-serif"),
        # CSS says `normal`, but the theme loads Montserrat only as 700, so the browser draws
        # the bold face: record what is seen.
        heading_weight=700,
        heading_transform="none",
        heading_letter_spacing_em=-0.03,
    ),
    Theme(
        name="serif",
        background=_c("#F0F1EB"),
        main_color=_c("#000"),
        heading_color=_c("#383D3D"),
        link_color=_c("#51483D"),
        link_hover_color=_c("#8b7c69"),
        selection_bg=_c("#26351C"),
        dark_bg_text=_c("#fff"),
        main_font=_PALATINO,
        heading_font=_PALATINO,
        heading_transform="none",
        link_line_height_em=1.3,
    ),
    Theme(
        name="simple",
        background=_c("#fff"),
        main_color=_c("#000"),
        heading_color=_c("#000"),
        link_color=_c("#00008B"),
        link_hover_color=_c("#0000f1"),
        selection_bg=Color(0, 0, 0, 0.99),
        dark_bg_text=_c("#fff"),
        heading_font=("News Cycle", "Impact", "sans-serif"),
        heading_transform="none",
    ),
    Theme(
        name="solarized",
        background=_c("#fdf6e3"),
        main_color=_c("#657b83"),
        heading_color=_c("#586e75"),
        link_color=_c("#268bd2"),
        link_hover_color=_c("#78b9e6"),
        selection_bg=_c("#d33682"),
    ),
    Theme(
        name="blood",
        background=_c("#222"),
        main_color=_c("#eee"),
        heading_color=_c("#eee"),
        link_color=_c("#a23"),
        link_hover_color=_c("#dd5566"),
        selection_bg=_c("#a23"),
        light_bg_text=_c("#222"),
        main_font=_UBUNTU,
        heading_font=_UBUNTU,
        heading_weight=700,
        heading_text_shadow="2px 2px 2px #222",
        h1_text_shadow=_SHADOW_3D,
        paragraph_weight=300,
        paragraph_text_shadow="1px 1px #222",
        paragraph_code_bg=_c("#23241f"),
        paragraph_code_radius_px=7.0,
    ),
    Theme(
        name="moon",
        background=_c("#002b36"),
        main_color=_c("#93a1a1"),
        heading_color=_c("#eee8d5"),
        link_color=_c("#268bd2"),
        link_hover_color=_c("#78b9e6"),
        selection_bg=_c("#d33682"),
        light_bg_text=_c("#222"),
    ),
    Theme(
        name="dracula",
        background=_c("#282A36"),
        main_color=_c("#F8F8F2"),
        heading_color=_c("#BD93F9"),
        link_color=_c("#FF79C6"),
        link_hover_color=_c("#8BE9FD"),
        selection_bg=_c("#44475A"),
        light_bg_text=_c("#282A36"),
        main_font=_DRACULA_SANS,
        code_font=_DRACULA_MONO,
        heading_transform="none",
        strong_color=_c("#FFB86C"),
        em_color=_c("#F1FA8C"),
        code_color=_c("#50FA7B"),
        list_marker_color=_c("#8BE9FD"),
    ),
    _source_sans(
        "black-contrast",
        background=_c("#000000"),
        main_color=_c("#fff"),
        heading_color=_c("#fff"),
        link_color=_c("#42affa"),
        link_hover_color=_c("#8dcffc"),
        selection_bg=_c("#bee4fd"),
        light_bg_text=_c("#000"),
    ),
    _source_sans(
        "white-contrast",
        background=_c("#fff"),
        main_color=_c("#000"),
        heading_color=_c("#000"),
        link_color=_c("#2a76dd"),
        link_hover_color=_c("#6ca0e8"),
        selection_bg=_c("#98bdef"),
        dark_bg_text=_c("#fff"),
    ),
)

THEMES: Final[dict[str, Theme]] = {theme.name: theme for theme in _BUILTIN}
THEME_NAMES: Final[tuple[str, ...]] = tuple(sorted(THEMES))
DEFAULT_THEME: Final = "black"


def get_theme(name: str) -> Theme | None:
    """The built-in theme called ``name`` (case-sensitive, as reveal-md matches file names)."""
    return THEMES.get(name)
