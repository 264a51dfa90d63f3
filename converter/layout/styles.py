"""Slide styles: a reveal.js theme turned into the text styles of one slide.

Input: a `Theme`, the slide's background contrast class, and the points per CSS pixel (page
scale times the slide's shrink factor). Output: `SlideStyles` with a `TextStyle` per kind of
block (body, headings h1-h6, code, quote, table) and the colours of rules and boxes, following
dialect.md §4 (theme values) and §4d (element styling shared by every theme).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from converter.layout.boxes import Align
from converter.layout.text import TextStyle
from converter.model import Background
from converter.style.color import Color
from converter.style.themes import HighlightStyle, ListLevel, Theme

WHITE = Color(255, 255, 255)

CODE_SIZE_EM = 0.55  # pre { font-size: 0.55em }
CODE_LINE_HEIGHT = 1.2
QUOTE_FILL = Color(255, 255, 255)
QUOTE_FILL_OPACITY = 0.05


@dataclass(frozen=True)
class SlideStyles:
    px: float  # points per CSS pixel, shrink included
    body: TextStyle
    headings: tuple[TextStyle, ...]
    code: TextStyle
    quote: TextStyle
    table: TextStyle
    table_header: TextStyle
    text_color: Color
    code_background: Color
    block_margin: float  # points
    heading_margin: float
    background: Color = WHITE  # the slide's background colour
    # a template's list levels (CSS px; times `px` for points): items set as typed into it
    levels: tuple[ListLevel, ...] = ()
    align: Align = "center"  # paragraphs' and headings' alignment where CSS states none
    heading_align: Align = "center"

    def heading(self, level: int) -> TextStyle:
        return self.headings[max(1, min(level, 6)) - 1]

    def scaled(self, factor: float) -> SlideStyles:
        """The same styles with every size and margin (and the points per CSS pixel) times
        `factor`: a column fitted on its own."""
        return replace(
            self,
            px=self.px * factor,
            body=self.body.scaled(factor),
            headings=tuple(h.scaled(factor) for h in self.headings),
            code=self.code.scaled(factor),
            quote=self.quote.scaled(factor),
            table=self.table.scaled(factor),
            table_header=self.table_header.scaled(factor),
            block_margin=self.block_margin * factor,
            heading_margin=self.heading_margin * factor,
        )


def text_colors(theme: Theme, background: Background) -> tuple[Color, Color]:
    """(main, heading) colours, recoloured by reveal's has-light/dark-background classes."""
    if background.color is not None and background.contrast is not None:
        override = theme.contrast_text_color(background.color)
        if override is not None:
            return override, override
    return theme.main_color, theme.heading_color


def slide_styles(
    theme: Theme, highlight: HighlightStyle, background: Background, px: float
) -> SlideStyles:
    main, heading_color = text_colors(theme, background)
    base = theme.main_font_size_px * px
    body = TextStyle(
        families=theme.main_font,
        code_families=theme.code_font,
        size=base,
        color=main,
        link_color=theme.link_color,
        line_height=theme.line_height,
        strong_color=theme.strong_color,
        em_color=theme.em_color,
        code_color=theme.code_color,
    )
    headings = tuple(
        TextStyle(
            families=theme.heading_font,
            code_families=theme.code_font,
            size=base * theme.heading_sizes_em[i],
            color=heading_color,
            link_color=theme.link_color,
            line_height=theme.heading_line_height,
            bold=theme.heading_weight >= 600,
            uppercase=theme.heading_transform == "uppercase",
            code_color=theme.code_color,
        )
        for i in range(6)
    )
    code = TextStyle(
        families=theme.code_font,
        code_families=theme.code_font,
        size=base * CODE_SIZE_EM,
        color=highlight.foreground,
        link_color=theme.link_color,
        line_height=CODE_LINE_HEIGHT,
    )
    quote = replace(body, italic=True)
    table = body
    table_header = replace(body, bold=True)
    return SlideStyles(
        px=px,
        body=body,
        headings=headings,
        code=code,
        quote=quote,
        table=table,
        table_header=table_header,
        text_color=main,
        code_background=highlight.background,
        background=background.color or theme.background,
        block_margin=theme.block_margin_px * px,
        heading_margin=theme.heading_margin_bottom_px * px,
        levels=theme.list_levels,
        align=theme.text_align,
        heading_align=theme.heading_align,
    )
