"""PPTX equations: a shape holding formulas, wrapped as PowerPoint and pandoc wrap it.

Input: a laid-out `TextBox` (or table) whose runs hold formulas (`TextRun.math`), and a
function writing the shape's XML around a given fill and text body. Output: XML text of
``mc:AlternateContent`` around the whole shape (TECH-NOTES section 10; math outside that wrapper
makes PowerPoint ask to repair the file):

- ``mc:Choice Requires="a14"``: the shape with Office Math, editable in PowerPoint's equation
  editor: ``<a14:m><m:oMath>`` between the runs of a paragraph for inline formulas, and
  ``<a14:m><m:oMathPara>`` (``m:jc centerGroup``) for a displayed formula in its own
  paragraph. The OMML holds no text properties (openxml-audit rejects the ``a:rPr``
  PowerPoint writes inside ``m:r``): the formulas' size, colour and font are the box's
  ``a:lstStyle`` defaults. A displayed formula's box is sized to the formula and does not wrap
  (``wrap="none"``): LibreOffice stretches an equation to its shape.
- ``mc:Fallback``: the same shape (same id, name and position) for clients without Office
  Math: a displayed formula's box filled with its picture (`converter.math.raster`, from the
  PDF's outlines) over a blank run; other text with each formula's LaTeX source in its place.

python-pptx does not list wrapped shapes in ``slide.shapes`` (it keeps them on save and counts
their ids); readers of the file see them through the XML.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence

from converter.layout.boxes import TextBox, TextParagraph, TextRun, display_formula
from converter.render.pptx.text import (
    LinkId,
    _sz,
    body_pr,
    latin_lang,
    paragraphs_xml,
    solid_fill,
    xml_attr,
)
from converter.style.color import Color

__all__ = [
    "A14_NS",
    "MATH_FONT",
    "MC_NS",
    "alternate_content",
    "formula_shape",
    "has_formulas",
    "math_list_style",
]

A14_NS = "http://schemas.microsoft.com/office/drawing/2010/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
MATH_FONT = "Cambria Math"  # PowerPoint's equation font
PIXELS_PER_POINT = 2.0  # the fallback picture: 144 dpi

ShapeXml = Callable[[str, str], str]  # (spPr fill, p:txBody) -> the whole p:sp
PictureRid = Callable[[bytes], str]  # PNG bytes -> the relationship id of its image part


def has_formulas(paragraphs: Sequence[TextParagraph]) -> bool:
    """Whether any run of the paragraphs is a formula."""
    return any(run.math is not None for para in paragraphs for run in para.runs)


def alternate_content(choice: str, fallback: str) -> str:
    """``mc:AlternateContent`` around two versions of one shape."""
    return (
        f'<mc:AlternateContent xmlns:mc="{MC_NS}">'
        f'<mc:Choice xmlns:a14="{A14_NS}" Requires="a14">{choice}</mc:Choice>'
        f"<mc:Fallback>{fallback}</mc:Fallback></mc:AlternateContent>"
    )


def math_list_style(paragraphs: Sequence[TextParagraph]) -> str:
    """``a:lstStyle`` giving formulas their look: for each list level up to the deepest one
    holding a formula, the size and colour of its first formula (else of the box's first),
    in the math font."""
    looks: dict[int, TextRun] = {}
    for para in paragraphs:
        for run in para.runs:
            if run.math is not None:
                looks.setdefault(min(para.level, 8), run)
    if not looks:
        return "<a:lstStyle/>"
    first = next(iter(looks.values()))
    levels = []
    for level in range(max(looks) + 1):
        run = looks.get(level, first)
        levels.append(
            f'<a:lvl{level + 1}pPr><a:defRPr sz="{_sz(run.size)}">{solid_fill(run.color)}'
            f'<a:latin typeface="{MATH_FONT}"/><a:cs typeface="{MATH_FONT}"/></a:defRPr>'
            f"</a:lvl{level + 1}pPr>"
        )
    return f"<a:lstStyle>{''.join(levels)}</a:lstStyle>"


def formula_shape(box: TextBox, link_id: LinkId, fill: str, shape: ShapeXml,
                  picture: PictureRid | None) -> str:  # fmt: skip
    """The text box `box` holding formulas, in both versions (see the module docstring);
    `fill` is its own spPr fill (and outline), `picture` stores a fallback PNG."""
    alone = display_formula(box.paragraphs)
    wrap = box.wrap and alone is None
    paragraphs = paragraphs_xml(box.paragraphs, link_id, math=True)
    choice = shape(
        fill,
        f"<p:txBody>{body_pr(box, wrap)}{math_list_style(box.paragraphs)}{paragraphs}"
        "</p:txBody>",
    )
    if alone is not None and picture is not None:
        fallback = shape(_picture_fill(alone, picture) + _outline(fill), _blank_body(box, alone))
    else:
        text = paragraphs_xml(box.paragraphs, link_id) or "<a:p/>"
        fallback = shape(fill, f"<p:txBody>{body_pr(box, wrap)}<a:lstStyle/>{text}</p:txBody>")
    return alternate_content(choice, fallback)


def _picture_fill(run: TextRun, picture: PictureRid) -> str:
    assert run.math is not None
    rid = picture(_png(run.math.latex, run.size, run.color))
    return (
        f'<a:blipFill dpi="0" rotWithShape="1"><a:blip r:embed="{rid}"/><a:srcRect/>'
        "<a:stretch><a:fillRect/></a:stretch></a:blipFill>"
    )


@functools.lru_cache(maxsize=256)
def _png(latex: str, size: float, color: Color) -> bytes:
    """The PNG of a displayed formula (10-25 ms; made once per formula, size and colour, and
    stored once in the package, as every picture is)."""
    from converter.math.raster import render_png  # deferred: Pillow drawing, math decks only
    from converter.math.vector import render_math

    drawing = render_math(latex, size, display=True, color=color)
    return render_png(drawing, pixels_per_point=PIXELS_PER_POINT)


def _outline(fill: str) -> str:
    """The outline part (``a:ln``) of a shape's fill XML, if any."""
    start = fill.find("<a:ln")
    return fill[start:] if start >= 0 else ""


def _blank_body(box: TextBox, run: TextRun) -> str:
    """One blank, unfilled run: the picture behind it shows the formula."""
    lang = xml_attr(latin_lang())
    rpr = f'<a:rPr lang={lang} sz="{_sz(run.size)}" dirty="0"><a:noFill/></a:rPr>'
    return (
        f"<p:txBody>{body_pr(box, False)}<a:lstStyle/><a:p><a:pPr algn=\"ctr\"/>"
        f"<a:r>{rpr}<a:t> </a:t></a:r></a:p></p:txBody>"
    )
