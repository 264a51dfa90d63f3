"""A template master's pattern fill in the PDF (issue 16): drawn as LibreOffice draws it, its
background colour under hairlines of its foreground colour a millimetre apart (lgGrid), clipped
to the shape; a preset LibreOffice has no hatch for as the blend of its two colours. Read back
from the PDF's drawings with PyMuPDF."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
from lxml import etree
from pptx import Presentation

from converter.api import convert

NS = ('xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
      'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"')  # fmt: skip
MM = 72 / 25.4  # points


def _band(preset: str) -> str:
    """A band 2 in tall across the top of a 10 in slide, filled with `preset`."""
    return (f'<p:sp {NS}><p:nvSpPr><p:cNvPr id="90" name="Band"/><p:cNvSpPr/><p:nvPr/>'
            '</p:nvSpPr><p:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="9144000" cy="1828800"/>'
            '</a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
            f'<a:pattFill prst="{preset}"><a:fgClr><a:srgbClr val="3465A4"/></a:fgClr>'
            '<a:bgClr><a:srgbClr val="009EDA"/></a:bgClr></a:pattFill><a:ln><a:noFill/></a:ln>'
            "</p:spPr></p:sp>")  # fmt: skip


def _drawings(tmp_path: Path, preset: str) -> list[dict]:  # type: ignore[type-arg]
    import pymupdf

    prs = Presentation()
    prs.slide_master.shapes._spTree.append(etree.fromstring(_band(preset)))
    template = tmp_path / f"{preset}.pptx"
    prs.save(str(template))
    source = tmp_path / "talk.md"
    source.write_text("## Agenda\n\n- one\n", encoding="utf-8")
    pdf = tmp_path / f"{preset}.pdf"
    convert(source, [pdf], template=template)
    with pymupdf.open(pdf) as doc:
        return list(doc[0].get_drawings())


def _rgb(hex6: str) -> tuple[float, float, float]:
    return (int(hex6[0:2], 16) / 255, int(hex6[2:4], 16) / 255, int(hex6[4:6], 16) / 255)


def _close(a: tuple[float, ...] | None, b: tuple[float, ...]) -> bool:
    return a is not None and all(abs(x - y) < 0.01 for x, y in zip(a, b, strict=True))


def test_a_grid_pattern_is_drawn_as_a_hatch(tmp_path: Path) -> None:
    drawings = _drawings(tmp_path, "lgGrid")
    fills = [d for d in drawings if _close(d.get("fill"), _rgb("009EDA"))]
    assert len(fills) == 1
    band = fills[0]["rect"]
    assert abs(band.width - 720) < 0.5 and abs(band.height - 144) < 0.5
    strokes = [d for d in drawings if _close(d.get("color"), _rgb("3465A4"))]
    assert strokes and all(d["width"] == pytest.approx(0.1) for d in strokes)
    lines = [item for d in strokes for item in d["items"] if item[0] == "l"]
    across = sorted({round(p1.y, 2) for _, p1, p2 in lines if abs(p1.y - p2.y) < 1e-6})
    down = sorted({round(p1.x, 2) for _, p1, p2 in lines if abs(p1.x - p2.x) < 1e-6})
    # a millimetre apart, inside the band (one spacing in from its top left corner), both ways
    assert len(across) == int(144 / MM) and len(down) == int(720 / MM)
    assert across[0] == pytest.approx(MM, abs=0.01) and down[0] == pytest.approx(MM, abs=0.01)
    assert all(abs(b - a - MM) < 0.02 for a, b in pairwise(across))
    # the mean of the band is near its background: hairlines, not half and half
    assert not [d for d in drawings if _close(d.get("fill"), (0.102, 0.51, 0.749))]


def test_a_pattern_without_a_hatch_is_its_colours_blend(tmp_path: Path) -> None:
    drawings = _drawings(tmp_path, "pct50")
    blend = tuple(round((a + b) / 2) / 255 for a, b in
                  zip((0x34, 0x65, 0xA4), (0x00, 0x9E, 0xDA), strict=True))  # fmt: skip
    assert len([d for d in drawings if _close(d.get("fill"), blend)]) == 1
    assert not [d for d in drawings if _close(d.get("color"), _rgb("3465A4"))]
