"""PPTX shapes as XML: laid-out boxes to PresentationML shape elements.

Input: boxes from layout (text, placeholder text, pictures, tables, rules), relationship ids
from the caller. Output: XML text for the children of a slide's `p:spTree`, parsed once per
slide by `converter.render.pptx.deck`. Writing the XML directly (instead of python-pptx's
`add_textbox`, `add_picture`, ... which re-run XPath look-ups for every attribute) keeps a
1000-slide deck fast. Element order follows the ECMA-376 schema (checked by openxml-audit in
the tests).
"""

from __future__ import annotations

from collections.abc import Callable
from xml.sax.saxutils import quoteattr

from converter.layout.boxes import PictureBox, RuleBox, TableBox, TextBox
from converter.layout.geometry import EMU_PER_PT
from converter.layout.number import NUMBER_COLOR, NUMBER_FILL, NumberBadge
from converter.render.pptx.formulas import (
    PictureRid,
    alternate_content,
    formula_shape,
    has_formulas,
    math_list_style,
)
from converter.render.pptx.text import (
    LinkId,
    body_pr,
    latin_lang,
    paragraphs_xml,
    xml_attr,
    xml_text,
)
from converter.style.color import Color
from converter.text.office import office_family

P_NS = "http://schemas.openxmlformats.org/presentationml/2006/main"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NAMESPACES = f'xmlns:p="{P_NS}" xmlns:a="{A_NS}" xmlns:r="{R_NS}"'
TABLE_URI = "http://schemas.openxmlformats.org/drawingml/2006/table"
SLIDENUM_FIELD_ID = "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}"  # any fixed GUID: fields need one


def e(points: float) -> int:
    return round(points * EMU_PER_PT)


def _xfrm(x: float, y: float, w: float, h: float, tag: str = "a:xfrm") -> str:
    return (
        f'<{tag}><a:off x="{e(x)}" y="{e(y)}"/>'
        f'<a:ext cx="{max(e(w), 0)}" cy="{max(e(h), 0)}"/></{tag}>'
    )


def _fill(color: Color | None, opacity: float = 1.0) -> str:
    if color is None:
        return "<a:noFill/>"
    alpha = f'<a:alpha val="{round(opacity * 100000)}"/>' if opacity < 1.0 else ""
    return (
        f'<a:solidFill><a:srgbClr val="{color.hex[1:].upper()}">{alpha}</a:srgbClr></a:solidFill>'
    )


def _body(box: TextBox, link_id: LinkId) -> str:
    paragraphs = paragraphs_xml(box.paragraphs, link_id) or "<a:p/>"
    return f"<p:txBody>{body_pr(box, box.wrap)}<a:lstStyle/>{paragraphs}</p:txBody>"


def text_shape(shape_id: int, box: TextBox, link_id: LinkId, placeholder: str = "",
               picture: PictureRid | None = None) -> str:  # fmt: skip
    """A text box, or (with `placeholder` = `type="title"` / `idx="1"`) a placeholder. One
    holding formulas is wrapped for Office Math (`formula_shape`; `picture` stores the PNG
    of a displayed formula's fallback)."""
    if placeholder:
        name = "Title" if "title" in placeholder.lower() else "Content Placeholder"
        nv = (
            f'<p:cNvPr id="{shape_id}" name="{name} {shape_id}"/><p:cNvSpPr>'
            f'<a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph {placeholder}/></p:nvPr>'
        )
        geometry = ""
    else:
        nv = (
            f'<p:cNvPr id="{shape_id}" name="{box.role.capitalize()} {shape_id}"/>'
            '<p:cNvSpPr txBox="1"/><p:nvPr/>'
        )
        geometry = '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
    fill = _fill(box.fill, box.fill_opacity) if (box.fill is not None or not placeholder) else ""
    fill += _border(box)
    head = f"<p:sp><p:nvSpPr>{nv}</p:nvSpPr><p:spPr>{_xfrm(box.x, box.y, box.w, box.h)}{geometry}"
    if has_formulas(box.paragraphs):
        return formula_shape(box, link_id, fill, lambda f, body: f"{head}{f}</p:spPr>{body}</p:sp>",
                             picture)  # fmt: skip
    return f"{head}{fill}</p:spPr>{_body(box, link_id)}</p:sp>"


SVG_BLIP_EXT = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"
ASVG_NS = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"


def picture_shape(shape_id: int, box: PictureBox, embed_rid: str, hlink: str | None,
                  svg_rid: str | None = None) -> str:  # fmt: skip
    """A picture; `hlink` is its `a:hlinkClick` element when it is a link; `svg_rid` names
    the SVG the picture (`embed_rid`, a PNG) stands in for, as PowerPoint 2016 writes it."""
    link = hlink or ""
    descr = f" descr={xml_attr(box.alt)}" if box.alt else ""
    blip = f'<a:blip r:embed="{embed_rid}"/>'
    if svg_rid is not None:
        blip = (f'<a:blip r:embed="{embed_rid}"><a:extLst><a:ext uri="{SVG_BLIP_EXT}">'
                f'<asvg:svgBlip xmlns:asvg="{ASVG_NS}" r:embed="{svg_rid}"/></a:ext>'
                "</a:extLst></a:blip>")  # fmt: skip
    return (
        f'<p:pic><p:nvPicPr><p:cNvPr id="{shape_id}" name="Picture {shape_id}"{descr}>'
        f'{link}</p:cNvPr><p:cNvPicPr><a:picLocks noChangeAspect="1"/></p:cNvPicPr><p:nvPr/>'
        f"</p:nvPicPr><p:blipFill>{blip}<a:stretch><a:fillRect/>"
        f"</a:stretch></p:blipFill><p:spPr>{_xfrm(box.x, box.y, box.w, box.h)}"
        f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>{_border(box)}</p:spPr></p:pic>'
    )


def _border(box: PictureBox | TextBox) -> str:
    """The outline a CSS `border` gives a box (nothing without one)."""
    if box.border is None or box.border_width <= 0:
        return ""
    return f'<a:ln w="{e(box.border_width)}">{_fill(box.border, box.border.a)}</a:ln>'


def rule_shape(shape_id: int, box: RuleBox) -> str:
    return (
        f'<p:cxnSp><p:nvCxnSpPr><p:cNvPr id="{shape_id}" name="Rule {shape_id}"/>'
        "<p:cNvCxnSpPr/><p:nvPr/></p:nvCxnSpPr>"
        f'<p:spPr>{_xfrm(box.x, box.y, box.w, 0)}<a:prstGeom prst="line"><a:avLst/>'
        f'</a:prstGeom><a:ln w="{e(box.thickness)}">{_fill(box.color)}</a:ln></p:spPr>'
        "</p:cxnSp>"
    )


def _cell(paragraphs: str, box: TableBox, rule: Color | None, fill: Color | None = None,
          lst_style: str = "<a:lstStyle/>") -> str:  # fmt: skip
    bottom = (
        f'<a:lnB w="{EMU_PER_PT}">{_fill(rule)}</a:lnB>'
        if rule is not None
        else '<a:lnB w="0"><a:noFill/></a:lnB>'
    )
    pad_x, pad_y = e(box.padding_x), e(box.padding_y)
    return (
        f"<a:tc><a:txBody><a:bodyPr/>{lst_style}{paragraphs or '<a:p/>'}</a:txBody>"
        f'<a:tcPr marL="{pad_x}" marR="{pad_x}" marT="{pad_y}" marB="{pad_y}" anchor="t">'
        '<a:lnL w="0"><a:noFill/></a:lnL><a:lnR w="0"><a:noFill/></a:lnR>'
        f'<a:lnT w="0"><a:noFill/></a:lnT>{bottom}{_fill(fill)}</a:tcPr></a:tc>'
    )


def table_shape(shape_id: int, box: TableBox, link_id: LinkId) -> str:
    """reveal's tables: no fill, a 1px rule under every row but the last. Column widths sum to
    the frame's width exactly (PowerPoint lays columns out by them, not by the frame). A table
    holding formulas is wrapped for Office Math, as a text box is (`formula_shape`)."""
    cells = [p for row in box.rows for cell in row for p in cell.paragraphs]
    if has_formulas(cells):
        return alternate_content(_table(shape_id, box, link_id, True),
                                 _table(shape_id, box, link_id, False))  # fmt: skip
    return _table(shape_id, box, link_id, False)


def _table(shape_id: int, box: TableBox, link_id: LinkId, math: bool) -> str:
    widths = [e(w) for w in box.col_widths]
    widths[-1] += e(box.w) - sum(widths)
    grid = "".join(f'<a:gridCol w="{w}"/>' for w in widths)
    rows = []
    last = len(box.rows) - 1
    for r, (cells, height) in enumerate(zip(box.rows, box.row_heights, strict=True)):
        rule = None if r == last else box.rule_color
        tcs = "".join(
            _cell(paragraphs_xml(cell.paragraphs, link_id, math), box, rule,
                  cell.fill, math_list_style(cell.paragraphs) if math else "<a:lstStyle/>")
            for cell in cells
        )
        rows.append(f'<a:tr h="{e(height)}">{tcs}</a:tr>')
    first_row = ' firstRow="1"' if box.header_rows else ""
    return (
        f'<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="{shape_id}" '
        f'name="Table {shape_id}"/><p:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/>'
        f"</p:cNvGraphicFramePr><p:nvPr/></p:nvGraphicFramePr>"
        f"{_xfrm(box.x, box.y, box.w, box.h, 'p:xfrm')}"
        f'<a:graphic><a:graphicData uri="{TABLE_URI}"><a:tbl><a:tblPr{first_row}/>'
        f"<a:tblGrid>{grid}</a:tblGrid>{''.join(rows)}</a:tbl></a:graphicData></a:graphic>"
        "</p:graphicFrame>"
    )


def number_shape(shape_id: int, badge: NumberBadge, field: str | None, text: str) -> str:
    """reveal's slide-number badge: a small text box at the bottom right, white on 40 % black;
    `field` (the slide's current number) makes a `slidenum` field, followed by `text`."""
    size = max(100, int(badge.size * 100))
    rpr = (
        f'<a:rPr lang={xml_attr(latin_lang())} sz="{size}" kern="0" dirty="0">'
        f"{_fill(NUMBER_COLOR)}<a:latin typeface={quoteattr(office_family(badge.family))}/>"
        "</a:rPr>"
    )
    runs = []
    if field:
        runs.append(
            f'<a:fld id="{SLIDENUM_FIELD_ID}" type="slidenum">{rpr}<a:t>{field}</a:t></a:fld>'
        )
    if text:
        runs.append(f"<a:r>{rpr}<a:t>{xml_text(text)}</a:t></a:r>")
    pad = e(badge.pad)
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="Slide Number {shape_id}"/>'
        '<p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr>'
        f"<p:spPr>{_xfrm(badge.x, badge.y, badge.w, badge.h)}"
        f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>{_fill(NUMBER_FILL, NUMBER_FILL.a)}'
        f'</p:spPr><p:txBody><a:bodyPr wrap="none" lIns="{pad}" tIns="0" rIns="{pad}" bIns="0" '
        'anchor="ctr" rtlCol="0"><a:noAutofit/></a:bodyPr><a:lstStyle/><a:p><a:pPr algn="ctr">'
        '<a:lnSpc><a:spcPct val="100000"/></a:lnSpc></a:pPr>'
        f"{''.join(runs)}</a:p></p:txBody></p:sp>"
    )


ShapeWriter = Callable[[int], str]
