"""Reports: what the reader understood, as a text table (`--check`) or JSON (`--report`).

Input: a `Deck` and its diagnostics. Output: strings. The JSON shape is documented in the
README ("Report format") and is stable: fields are only ever added.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping

from converter.diagnostics import Diagnostic
from converter.model import Background, Deck, Slide, iter_fragments
from converter.version import __version__


def background_json(bg: Background) -> dict[str, object] | None:
    if bg.is_empty:
        return None
    return {
        "image": bg.image.src if bg.image is not None else None,
        "image_status": bg.image.kind if bg.image is not None else None,
        "color": bg.color.hex if bg.color is not None else None,
        "gradient": bg.gradient is not None,
        "opacity": bg.opacity,
        "size": bg.size,
        "position": bg.position,
        "repeat": bg.repeat,
        "contrast": bg.contrast,
    }


def fragment_count(slide: Slide) -> int:
    """Elements with class `fragment` (what reveal.js counts), plus code highlight steps."""
    return len(iter_fragments(slide.blocks)) + (slide.fragment is not None)


def slide_json(slide: Slide, parts: int = 1) -> dict[str, object]:
    """`parts`: how many slides layout made of it (more than 1: `--overflow split` split it)."""
    transition = slide.transition
    return {
        "number": slide.number,
        "h": slide.h,
        "v": slide.v,
        "line": slide.line,
        "title": slide.title,
        "hidden": slide.hidden,
        "visibility": slide.visibility,
        "notes": slide.notes_text or None,
        "background": background_json(slide.background),
        "transition": None
        if transition is None
        else {
            "in": transition.in_style,
            "out": transition.out_style,
            "speed": transition.speed,
        },
        "fragments": fragment_count(slide),
        "attributes": dict(slide.attributes),
        "parts": parts,
    }


def report_json(
    deck: Deck,
    diagnostics: Iterable[Diagnostic],
    parts: Mapping[int, int] | None = None,
    overflow: str | None = None,
) -> str:
    """The JSON report. `parts`: slide number -> the slides layout split it into (only split
    slides); `overflow`: the mode used (else the deck's, else shrink)."""
    opts = deck.options
    parts = parts or {}
    data = {
        "md2pptx": __version__,
        "file": str(deck.source) if deck.source else None,
        "title": deck.meta.title,
        "theme": deck.theme,
        "slide_count": len(deck.slides),
        "options": {
            "width": opts.width,
            "height": opts.height,
            "transition": opts.transition.in_style,
            "transition_speed": opts.transition.speed,
            "slide_number": opts.slide_number,
            "center": opts.center,
            "animate_lists": opts.animate_lists,
            "overflow": overflow or opts.overflow or "shrink",
        },
        "slides": [slide_json(s, parts.get(s.number, 1)) for s in deck.slides],
        "diagnostics": [d.to_json() for d in diagnostics],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _background_label(bg: Background) -> str:
    parts = []
    if bg.image is not None:
        parts.append(bg.image.src + ("" if bg.image.kind == "file" else f" ({bg.image.kind})"))
    if bg.color is not None:
        parts.append(bg.color.hex)
    if bg.gradient is not None:
        parts.append("gradient")
    if bg.opacity != 1.0:
        parts.append(f"@{bg.opacity:g}")
    return " ".join(parts) or "-"


def check_table(deck: Deck, parts: Mapping[int, int] | None = None) -> str:
    """The per-slide table printed by `--check`; with slides split by `--overflow split`
    (`parts`: slide number -> slides made), a column saying into how many."""
    parts = parts or {}
    rows: list[tuple[str, ...]] = [("#", "h.v", "title", "notes", "background", "frag")]
    if parts:
        rows[0] += ("split",)
    for s in deck.slides:
        title = s.title or "-"
        if s.hidden:
            title += " [hidden]"
        if len(title) > 40:
            title = title[:39] + "…"
        rows.append(
            (
                str(s.number),
                f"{s.h}.{s.v}",
                title,
                str(len(s.notes_text.split())),
                _background_label(s.background),
                str(fragment_count(s)),
            )
        )
        if parts:
            rows[-1] += (f"{parts[s.number]} slides" if s.number in parts else "-",)
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    stacks = len(deck.stacks())
    theme = f"{deck.theme_css.name} (over {deck.theme})" if deck.theme_css else deck.theme
    summary = f"{len(deck.slides)} slides in {stacks} horizontal positions; theme {theme}"
    if parts:
        made = sum(parts.values())
        summary += (f"; {len(parts)} slide{'s' * (len(parts) != 1)} split into {made} "
                    "(--overflow split)")  # fmt: skip
    lines.append(summary)
    return "\n".join(lines) + "\n"
