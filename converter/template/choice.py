"""Which template layout a slide uses, and why.

Input: a loaded `Template` (`converter.template.reference`), the kind of slide
(`converter.template.kinds.SlideKind`) and optionally its `data-layout` override. Output: a
`LayoutChoice`: the layout (the override by name; else one that suits the kind, on the kind's
master first; else one for a kind close to it; else the template's first layout), the
warnings to report, and the reason `--check-template` shows.
"""

from __future__ import annotations

from dataclasses import dataclass

from converter.template.kinds import KIND_NAMES, SlideKind
from converter.template.reference import LayoutInfo, Template

__all__ = [
    "KIND_FALLBACKS",
    "LayoutChoice",
    "layout_choice",
]

# the kinds to try for a kind of slide, in order, when the template has no layout for it
KIND_FALLBACKS: dict[SlideKind, tuple[SlideKind, ...]] = {
    "title": ("title", "title-only", "content"),
    "section": ("section", "title-only", "content"),
    "content": ("content", "title-only"),
    "two": ("two", "content", "title-only"),
    "comparison": ("comparison", "two", "content", "title-only"),
    "caption": ("caption", "content", "title-only"),
    "title-only": ("title-only", "content"),
    "blank": ("blank", "title-only"),
}


@dataclass(frozen=True)
class LayoutChoice:
    layout: LayoutInfo | None  # None: the template has no layouts at all
    warnings: tuple[str, ...]
    reason: str  # why this layout (for --check-template)


def layout_choice(
    template: Template, kind: SlideKind, override: str | None = None
) -> LayoutChoice:
    """The layout a slide of `kind` uses and why: the `data-layout` override by name first;
    else a layout for the kind (by type, name, then placeholders: `kinds.classify`) on the
    kind's master (the title master for the title slide, the content master for the rest),
    else on another master; else one for a kind close to it (Two Content -> Title and
    Content -> Title Only) with a warning; else the template's first layout, with a warning."""
    warnings: list[str] = []
    master = template.title_master if kind == "title" else template.content_master
    if override:
        found = template.layout(override, master)
        if found is not None:
            return LayoutChoice(found, (), f"data-layout {override!r}")
        warnings.append(
            f"the template has no layout {override!r} (data-layout); "
            "choosing one by the slide's content"
        )
    chain = KIND_FALLBACKS[kind]
    for i, wanted in enumerate(chain):
        fits = [lay for lay in template.layouts if lay.kind == wanted]
        if not fits:
            continue
        found = next((lay for lay in fits if lay.master == master), fits[0])
        if i:
            warnings.append(
                f"the template has no layout {KIND_NAMES[kind][0]!r}; using {found.name!r}"
            )
        where = (f"master {found.master + 1}" if len(template.masters) > 1 else "")
        reason = found.reason + (f", on {where}" if where else "")
        return LayoutChoice(found, tuple(warnings), reason)
    warnings.append(
        f"the template has no layout {KIND_NAMES[kind][0]!r}; using its first layout"
    )
    first = template.layouts[0] if template.layouts else None
    return LayoutChoice(first, tuple(warnings), "the first layout (nothing fits)")
