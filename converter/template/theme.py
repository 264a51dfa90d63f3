"""A template's theme: its colours and fonts as the reveal `Theme` layout and the PDF use.

Input: a loaded `Template` (converter.template.reference), optionally the reveal theme to
start from and the points per canvas pixel layout uses.
Output: a `Theme` with the template's text (dk1), background (the master's, else lt1),
gradient, link (hlink), heading (major) and body (minor) fonts; then, where the template's text
styles state them (`p:txStyles`, or LibreOffice's sample text), the sizes, colours, weight and
faces of its titles and body text: layout measures text as the template shows it, so the PPTX
can leave it to inherit (`converter.render.pptx.text`). `kind_theme` is the same for one kind
of slide: the title slide (whose master may differ), a section header, ...
"""

from __future__ import annotations

from dataclasses import replace
from typing import Literal

from converter.style.color import Color
from converter.style.themes import SINGLE_LINE, ListLevel, Theme, get_theme
from converter.template.choice import layout_choice
from converter.template.kinds import Placeholder, SlideKind
from converter.template.reference import Template
from converter.template.styles import SYMBOL_FONTS, Looks, TextLook, unicode_bullet

__all__ = ["kind_theme", "template_looks", "template_theme"]


_ALIGN: dict[str, Literal["left", "center", "right"]] = {"l": "left", "ctr": "center",
                                                         "r": "right", "just": "left"}


def _placeholders(template: Template, kind: SlideKind) -> tuple[Placeholder | None,
                                                                  Placeholder | None]:
    """The title and the body placeholder of the layout a slide of `kind` uses (a layout
    without a body: the content layout's body)."""
    lay = layout_choice(template, kind).layout
    title = lay.find("title", "ctrTitle") if lay is not None else None
    body = lay.find("subTitle", "obj", "body") if lay is not None else None
    if kind != "title" and lay is not None:
        body = lay.find("obj", "body") or body
    if body is None or not body.looks:
        content = layout_choice(template, "content").layout
        body = content.find("obj", "body") if content is not None else None
    return title, body


def template_looks(template: Template, kind: SlideKind = "content") -> tuple[TextLook, TextLook]:
    """The first-level looks of the title and the body placeholder of the layout a slide of
    `kind` uses."""
    title, body = _placeholders(template, kind)
    empty = TextLook()
    return (title.looks[0] if title is not None and title.looks else empty,
            body.looks[0] if body is not None and body.looks else empty)  # fmt: skip


def _list_levels(looks: Looks, scale: float, main_pt: float) -> tuple[ListLevel, ...]:
    """A body placeholder's levels as layout sets list items (CSS px at `scale` points per
    px); sizes a level leaves unstated are the first level's (`main_pt`)."""
    out = []
    for look in looks:
        size = look.size or main_pt
        bullet = None
        if look.bullet:
            bullet = unicode_bullet(look.bullet, look.bullet_font)
        line = look.line_spacing.points(size, line=True) / size if look.line_spacing else None
        before, after = look.space_before, look.space_after
        out.append(ListLevel(
            margin_px=look.margin / scale if look.margin is not None else None,
            indent_px=(look.indent or 0.0) / scale,
            bullet=bullet,
            bullet_font=look.bullet_font if look.bullet_font not in SYMBOL_FONTS else None,
            bullet_color=look.bullet_color,
            bullet_size=look.bullet_size or 1.0,
            size_px=size / scale,
            color=look.color,
            space_before_em=before.value if before and before.percent else 0.0,
            space_before_px=before.value / scale if before and not before.percent else 0.0,
            space_after_em=after.value if after and after.percent else 0.0,
            space_after_px=after.value / scale if after and not after.percent else 0.0,
            line_height=line,
        ))  # fmt: skip
    return tuple(out)


def _face(look: TextLook, template: Template, fallback: tuple[str, ...]) -> tuple[str, ...]:
    face = look.typeface
    if face is None:
        return fallback
    if face.startswith("+mj"):
        face = template.major_font or ""
    elif face.startswith("+mn"):
        face = template.minor_font or ""
    return (face, "sans-serif") if face else fallback


def _styled(theme: Theme, template: Template, scale: float, kind: SlideKind | None) -> Theme:
    """`theme` with the sizes, colours, weight and faces of the template's text styles: those
    of the layout a slide of `kind` uses (its title as h1 and h2); without a kind, the
    content layout's (h1 the title slide's title, h2 the content title)."""
    title, body = template_looks(template, kind or "content")
    main_px = body.size / scale if body.size else theme.main_font_size_px
    sizes = list(theme.heading_sizes_em)
    h1 = title.size if kind is not None else template_looks(template, "title")[0].size
    if h1:
        sizes[0] = h1 / scale / main_px
    if title.size:
        sizes[1] = title.size / scale / main_px
    text: Color = body.color or theme.main_color
    heading: Color = title.color or theme.heading_color
    _, body_ph = _placeholders(template, kind or "content")
    levels = _list_levels(body_ph.looks, scale, main_px * scale) if body_ph else ()
    first = levels[0] if levels else ListLevel()
    # paragraphs are spaced as the template spaces them: a line 1.2 times the size (single),
    # and between paragraphs its space after and before (PowerPoint and LibreOffice add both)
    line = first.line_height or SINGLE_LINE
    title_line = (title.line_spacing.points(title.size or 44.0, line=True) / (title.size or 44.0)
                  if title.line_spacing else SINGLE_LINE)  # fmt: skip
    margin = ((first.space_before_em + first.space_after_em) * main_px
              + first.space_before_px + first.space_after_px)  # fmt: skip
    return replace(
        theme,
        main_font_size_px=main_px,
        heading_sizes_em=tuple(sizes),  # type: ignore[arg-type]
        main_color=text,
        heading_color=heading,
        heading_weight=700 if title.bold else 400,  # unstated: not bold
        heading_transform="uppercase" if title.caps else "none",
        main_font=_face(body, template, theme.main_font),
        heading_font=_face(title, template, theme.heading_font),
        list_levels=levels,
        text_align=_ALIGN.get(body.align or "l", "left"),
        heading_align=_ALIGN.get(title.align or "l", "left"),
        line_height=line,
        heading_line_height=title_line,
        block_margin_px=margin,
    )


def kind_theme(theme: Theme, template: Template, scale: float, kind: SlideKind) -> Theme:
    """The theme of a slide of `kind`: the text styles of the layout (and master) it uses."""
    return _styled(theme, template, scale, kind)


def _contrast_texts(template: Template, theme: Theme) -> tuple[Color, Color]:
    """The text colours for a slide whose own background is light or dark (reveal's
    `has-light-background` / `has-dark-background`): the template's darkest and lightest
    scheme colours of text and background, else reveal's #222 and #fff."""
    found = [c for c in (template.colors.get(k) for k in ("dk1", "lt1", "dk2", "lt2"))
             if c is not None]  # fmt: skip
    dark = min(found, key=lambda c: c.brightness, default=None)
    light = max(found, key=lambda c: c.brightness, default=None)
    dark_default = theme.light_bg_text or Color(34, 34, 34)
    light_default = theme.dark_bg_text or Color(255, 255, 255)
    return (dark if dark is not None and dark.is_dark else dark_default,
            light if light is not None and not light.is_dark else light_default)  # fmt: skip


def template_theme(
    template: Template, base: Theme | None = None, scale: float | None = None
) -> Theme:
    """A reveal theme in the template's colours and fonts (over `base`, "white" by default);
    with `scale` (points per canvas pixel), in the sizes of its text styles too."""
    theme = base or get_theme("white")
    assert theme is not None
    colors = template.colors
    text = colors.get("dk1", theme.main_color)
    background = template.master_background or colors.get("lt1", theme.background)
    link = colors.get("hlink", theme.link_color)
    heading = (template.major_font, "sans-serif") if template.major_font else theme.heading_font
    body = (template.minor_font, "sans-serif") if template.minor_font else theme.main_font
    dark, light = _contrast_texts(template, theme)
    themed = replace(
        theme,
        name=f"template:{template.path.name}",
        light_bg_text=dark,
        dark_bg_text=light,
        background=background,
        background_gradient=template.master_gradient,
        main_color=text,
        heading_color=text,
        link_color=link,
        link_hover_color=link,
        main_font=body,
        heading_font=heading,
        heading_transform="none",
        heading_text_shadow=None,
        h1_text_shadow=None,
        paragraph_text_shadow=None,
    )
    return _styled(themed, template, scale, None) if scale else themed
