"""The `--check-template` listing: what a template offers and which slides use what.

Input: a `Template` read by `converter.template.reference.load_template`. Output: text for
stdout: the slide size, fonts, colours, content area and master background; the masters the
title slide and the other slides use, and why; each layout with its type, placeholders
(`type#idx`) and the kind of slide it suits (and why: its type, name or placeholders); and the
layout each kind of deck slide uses, why, and the warning when the template has none for it.
"""

from __future__ import annotations

from converter.template.choice import layout_choice
from converter.template.reference import SlideKind, Template

__all__ = ["KIND_TEXT", "describe"]

KIND_TEXT: dict[SlideKind, str] = {
    "title": "first slide with only a title (and subtitle)",
    "section": "a heading alone",
    "content": "title and text",
    "two": "title and two columns",
    "comparison": "title and two columns, each under its own heading",
    "caption": "title, an image and text",
    "title-only": "title and other content",
    "blank": "no title",
}


def describe(template: Template) -> str:
    """The `--check-template` listing: size, theme, layouts with placeholders, kinds."""
    lines = [
        f"template {template.path}",
        f"  slide size: {template.width / 914400:.2f} x {template.height / 914400:.2f} in"
        f" ({template.width} x {template.height} EMU); its {template.slide_count} slide(s) are"
        " not copied",
        f"  fonts: headings {template.major_font or '-'}, body {template.minor_font or '-'}",
        "  colours: " + ", ".join(f"{k} {c.hex}" for k, c in template.colors.items()),
        "  content area (EMU): " + (" ".join(map(str, template.content_area))
                                    if template.content_area else "the whole slide"),
        "  master background: "
        + (template.master_background.hex if template.master_background else "theme lt1"),
    ]
    several = len(template.masters) > 1
    if several:
        lines.append(f"  masters: {len(template.masters)}; content slides on master "
                     f"{template.content_master + 1} ({template.master_reasons[0]}); the title "
                     f"slide on master {template.title_master + 1} "
                     f"({template.master_reasons[1]})")  # fmt: skip
    lines.append("layouts:")
    for lay in template.layouts:
        phs = ", ".join(f"{ph.type}#{ph.idx}" for ph in lay.placeholders) or "no placeholders"
        suits = f"{lay.kind} ({lay.reason})" if lay.kind else "not used automatically"
        where = f"master {lay.master + 1}, " if several else ""
        lines.append(f"  {lay.name}: {phs}  [{where}type {lay.type}; {suits}]")
    lines.append("slides:")
    for kind, text in KIND_TEXT.items():
        choice = layout_choice(template, kind)
        name = choice.layout.name if choice.layout is not None else "(none)"
        note = f"  [{choice.warnings[0]}]" if choice.warnings else ""
        lines.append(f"  {text}: {name} ({choice.reason}){note}")
    return "\n".join(lines) + "\n"
