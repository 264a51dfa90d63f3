"""Shaping with HarfBuzz (uharfbuzz): text in one face to positioned glyphs.

Input: a `FontFace` (its file and collection index) and text, with an optional direction.
Output: `Glyph`s (glyph id, the cluster's first code-point index in the text, advance and
offsets in font units) in visual order, as HarfBuzz gives them: Arabic letters in their joined
forms, Indic clusters formed, emoji ZWJ sequences, flags and keycaps as one glyph. Used for
complex scripts and emoji only (Latin and CJK are measured from the advance table); uharfbuzz
is imported on first use. Each face is opened once per process.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from converter.text.fonts import FontFace

__all__ = ["Glyph", "shape", "shaped_units"]


@dataclass(frozen=True)
class Glyph:
    gid: int
    cluster: int  # index in the shaped text of the first code point of its cluster
    advance: int  # font units
    dx: int = 0
    dy: int = 0


_HB_FONTS: dict[tuple[str, int], Any] = {}


def _hb_font(face: FontFace) -> Any:
    key = (str(face.path), face.index)
    font = _HB_FONTS.get(key)
    if font is None:
        import uharfbuzz as hb

        blob = hb.Blob.from_file_path(str(face.path))
        font = _HB_FONTS[key] = hb.Font(hb.Face(blob, face.index))
    return font


@lru_cache(maxsize=20_000)
def shape(face: FontFace, text: str, rtl: bool | None = None) -> tuple[Glyph, ...]:
    """`text` shaped in `face`; `rtl` forces the direction (None: HarfBuzz guesses from the
    script). Glyphs come in visual order (right to left text comes out reversed)."""
    import uharfbuzz as hb

    buf = hb.Buffer()
    buf.add_str(text)
    buf.guess_segment_properties()
    if rtl is not None:
        buf.direction = "rtl" if rtl else "ltr"
    hb.shape(_hb_font(face), buf, {"kern": False})
    return tuple(
        Glyph(info.codepoint, info.cluster, pos.x_advance, pos.x_offset, pos.y_offset)
        for info, pos in zip(buf.glyph_infos, buf.glyph_positions, strict=True)
    )


def shaped_units(face: FontFace, text: str) -> int:
    """The advance of `text` shaped in `face`, in font units."""
    return sum(g.advance for g in shape(face, text))


def color_png(face: FontFace, gid: int) -> bytes | None:
    """The colour bitmap (PNG) of an emoji glyph, or None when the face has none for it."""
    blob = _hb_font(face).get_glyph_color_png(gid)
    data = bytes(blob.data) if blob is not None else b""
    return data or None


def glyph_extents(face: FontFace, gid: int) -> tuple[int, int, int, int] | None:
    """(x_bearing, y_bearing, width, height) of a glyph in font units, or None."""
    extents = _hb_font(face).get_glyph_extents(gid)
    if extents is None:
        return None
    return extents.x_bearing, extents.y_bearing, extents.width, extents.height
