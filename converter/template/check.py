"""The `--check-template` listing: what a template offers and which slides use what.

Input: a `Template` read by `converter.template.reference.load_template`. Output: text for
stdout: the slide size, fonts, colours, content area and master background; each layout with its
placeholders (`type#idx`); and the layout each kind of deck slide uses, with the warning when
the template lacks pandoc's layout for it.
"""

from __future__ import annotations

from converter.template.reference import SlideKind, Template, choose_layout

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
        "layouts:",
    ]
    for lay in template.layouts:
        phs = ", ".join(f"{ph.type}#{ph.idx}" for ph in lay.placeholders) or "no placeholders"
        lines.append(f"  {lay.name}: {phs}")
    lines.append("slides:")
    for kind, text in KIND_TEXT.items():
        found, warnings = choose_layout(template, kind)
        name = found.name if found is not None else "(none)"
        note = f"  [{warnings[0]}]" if warnings else ""
        lines.append(f"  {text}: {name}{note}")
    return "\n".join(lines) + "\n"
