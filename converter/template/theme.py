"""A template's theme: its colours and fonts as the reveal `Theme` layout and the PDF use.

Input: a loaded `Template` (converter.template.reference) and optionally the reveal theme to
start from.
Output: a `Theme` with the template's text (dk1), background (the master's, else lt1),
gradient, link (hlink), heading (major) and body (minor) fonts.
"""

from __future__ import annotations

from dataclasses import replace

from converter.style.themes import Theme, get_theme
from converter.template.reference import Template


def template_theme(template: Template, base: Theme | None = None) -> Theme:
    """A reveal theme in the template's colours and fonts (over `base`, "white" by default)."""
    theme = base or get_theme("white")
    assert theme is not None
    colors = template.colors
    text = colors.get("dk1", theme.main_color)
    background = template.master_background or colors.get("lt1", theme.background)
    link = colors.get("hlink", theme.link_color)
    heading = (template.major_font, "sans-serif") if template.major_font else theme.heading_font
    body = (template.minor_font, "sans-serif") if template.minor_font else theme.main_font
    return replace(
        theme,
        name=f"template:{template.path.name}",
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
