"""CFF outlines to TrueType: the subset of an OpenType/CFF face a document uses, as a .ttf.

Input: a `FontFace` with CFF outlines (Noto Sans CJK, Source Han, Inter ...; also faces of a
.ttc/.otc collection), the code points and glyph ids the document draws, and a PostScript name
unique in the document. Output: the bytes of a TrueType font holding those glyphs, converted
with fontTools (`cu2qu`: cubic curves to quadratic), glyph ids renumbered (so glyph ids from
HarfBuzz shaping of the original face are mapped) and the character map kept, which reportlab
can embed, and the new glyph id of each original one. reportlab embeds TrueType outlines only.
Results are cached per process by face and glyph set: the expensive part (about 0.2 s for 50
characters, 1.5 s for 2000) is paid once.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from functools import lru_cache

from fontTools import subset as ft_subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTFont, newTable

from converter.text.fonts import FontFace

__all__ = ["truetype_subset"]

_DROP = ["VORG", "vhea", "vmtx", "BASE", "GSUB", "GPOS", "GDEF", "JSTF", "MATH", "DSIG"]


def truetype_subset(
    face: FontFace, unicodes: Iterable[int], gids: Iterable[int], ps_name: str
) -> tuple[bytes, dict[int, int]]:
    """The glyphs of `face` for `unicodes` and `gids` as a TrueType font named `ps_name`, and
    each original glyph id's id in it."""
    return _convert(face, frozenset(unicodes), frozenset(gids), ps_name)


@lru_cache(maxsize=64)
def _convert(
    face: FontFace, unicodes: frozenset[int], gids: frozenset[int], ps_name: str
) -> tuple[bytes, dict[int, int]]:
    font = TTFont(str(face.path), fontNumber=face.index, lazy=True)
    original = font.getGlyphOrder()
    options = ft_subset.Options()
    options.layout_features = []
    options.desubroutinize = True
    options.hinting = False
    options.notdef_outline = True
    options.name_IDs = ["*"]
    options.drop_tables += _DROP
    subsetter = ft_subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(unicodes), gids=sorted(gids))
    subsetter.subset(font)
    if "CFF " in font:
        _cff_to_glyf(font)
    _rename(font, ps_name)
    new_ids = {name: i for i, name in enumerate(font.getGlyphOrder())}
    mapping = {
        gid: new_ids[original[gid]]
        for gid in gids
        if 0 <= gid < len(original) and original[gid] in new_ids
    }
    out = io.BytesIO()
    font.save(out)
    return out.getvalue(), mapping


def _cff_to_glyf(font: TTFont) -> None:
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    font["loca"] = newTable("loca")
    font["glyf"] = glyf
    font.sfntVersion = "\0\1\0\0"
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for attr in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs",
                 "maxInstructionDefs", "maxStackElements", "maxSizeOfInstructions",
                 "maxComponentElements", "maxPoints", "maxContours", "maxCompositePoints",
                 "maxCompositeContours", "maxComponentDepth"):  # fmt: skip
        setattr(maxp, attr, 0)
    maxp.maxZones = 1
    head = font["head"]
    head.indexToLocFormat = 1
    head.glyphDataFormat = 0
    post = font["post"]
    post.formatType = 3.0
    post.extraNames = []
    post.mapping = {}
    hmtx = font["hmtx"]
    for name in order:  # left side bearing = xMin, as TrueType expects
        glyph = glyf.glyphs[name]
        glyph.recalcBounds(glyf)
        advance, _lsb = hmtx.metrics.get(name, (0, 0))
        hmtx.metrics[name] = (advance, getattr(glyph, "xMin", 0))


def _rename(font: TTFont, ps_name: str) -> None:
    """A PostScript name (name ID 6) unique in the document: reportlab keys faces by it, and
    two subsets of one name would draw each other's glyphs."""
    name = font["name"]
    for record in list(name.names):
        if record.nameID == 6:
            name.removeNames(nameID=6)
            break
    name.setName(ps_name, 6, 3, 1, 0x409)
    name.setName(ps_name, 6, 1, 0, 0)
