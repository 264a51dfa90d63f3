"""The slide-number badge: where both backends draw a slide's number and how large.

Input: the label (layout's `number_label`), the page size in points and the points per reveal
CSS pixel. Output: a `NumberBadge` (top-left origin, points) placed as reveal's print CSS places
`.slide-number`: 8px from the bottom right corner, 14px text, 5px padding, white on
rgba(0,0,0,0.4), line height 1. The text is measured in Vera (reportlab's font, which the PDF
embeds; the PPTX names it and viewers without it fall back to the metric-identical DejaVu Sans).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from converter.style.color import Color
from converter.text.aliases import VERA_FILES, reportlab_font_dir
from converter.text.fonts import FontFace, load_face

NUMBER_PX = 14.0
PADDING_PX = 5.0
MARGIN_PX = 8.0
NUMBER_COLOR = Color(255, 255, 255)
NUMBER_FILL = Color(0, 0, 0, 0.4)


@dataclass(frozen=True)
class NumberBadge:
    x: float
    y: float
    w: float
    h: float
    size: float  # font size in points
    pad: float
    family: str

    @property
    def baseline(self) -> float:
        """The text baseline, from the top of the page (as the PDF draws it)."""
        return self.y + self.h - self.pad - 0.22 * self.size


@cache
def _face() -> FontFace | None:
    """Vera regular (the PDF's `PdfFonts.initial`), alone: loading all four faces costs more."""
    folder = reportlab_font_dir()
    return load_face(folder / VERA_FILES[(False, False)]) if folder is not None else None


def number_badge(label: str, page_w: float, page_h: float, px: float) -> NumberBadge:
    size = NUMBER_PX * px
    pad = PADDING_PX * px
    face = _face()
    if face is not None:
        text_w = sum(face.advance(ch) for ch in label) * size / face.units_per_em
        family = face.family
    else:  # no Vera: an average digit width
        text_w, family = 0.6 * size * len(label), "DejaVu Sans"
    w, h = text_w + 2 * pad, size + 2 * pad
    margin = MARGIN_PX * px
    return NumberBadge(page_w - margin - w, page_h - margin - h, w, h, size, pad, family)
