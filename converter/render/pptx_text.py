"""PPTX text: laid-out paragraphs and tables written into python-pptx text frames.

Input: `TextParagraph`s / a `TableBox` from layout and a python-pptx text frame or table.
Output: paragraphs with explicit run fonts, sizes, colours, bullets, indents and spacing, so
PowerPoint and LibreOffice show what layout measured. Nothing is decided here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from lxml import etree
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.util import Emu, Pt

from converter.color import Color
from converter.layout.boxes import TableBox, TextParagraph, TextRun
from converter.layout.geometry import EMU_PER_PT
from converter.render.pptx_xml import set_bullet, set_no_bullet, set_numbered

_ALIGN = {"left": PP_ALIGN.LEFT, "center": PP_ALIGN.CENTER, "right": PP_ALIGN.RIGHT}

LinkHandler = Callable[[Any, str], None]  # (python-pptx run, href) -> adds the link


def emu(points: float) -> Emu:
    return Emu(round(points * EMU_PER_PT))


def rgb(color: Color) -> Any:
    return RGBColor(color.r, color.g, color.b)  # type: ignore[no-untyped-call]


def set_fill_alpha(fill_parent: Any, opacity: float) -> None:
    """Give a solid fill's colour an alpha (`a:alpha` inside `a:srgbClr`)."""
    clr = fill_parent.find(".//" + qn("a:srgbClr"))
    if clr is not None and opacity < 1.0:
        alpha = etree.SubElement(clr, qn("a:alpha"))
        alpha.set("val", str(round(opacity * 100000)))


def prepare_frame(tf: Any, inset: float, wrap: bool) -> None:
    tf.clear()
    tf.word_wrap = wrap
    tf.auto_size = MSO_AUTO_SIZE.NONE
    tf.vertical_anchor = MSO_ANCHOR.TOP
    tf.margin_left = tf.margin_right = tf.margin_top = tf.margin_bottom = emu(inset)


def write_run(p: Any, run: TextRun, on_link: LinkHandler) -> None:
    if run.is_break:
        p.add_line_break()
        return
    r = p.add_run()
    r.text = run.text
    font = r.font
    font.name = run.font.family
    font.size = Pt(round(run.size * 2) / 2)
    font.bold = run.bold
    font.italic = run.italic
    if run.underline:
        font.underline = True
    font.color.rgb = rgb(run.color)
    rpr = r._r.get_or_add_rPr()
    if run.strike:
        rpr.set("strike", "sngStrike")
    if run.baseline:
        rpr.set("baseline", str(round(run.baseline * 100000)))
    if run.font.primary.monospace or run.code:
        # the East Asian and complex-script slots too, so CJK or RTL code stays monospace
        for tag in ("a:ea", "a:cs"):
            el = rpr.find(qn(tag))
            if el is None:
                el = etree.SubElement(rpr, qn(tag))
            el.set("typeface", run.font.family)
    if run.link:
        on_link(r, run.link)


def write_paragraph(p: Any, para: TextParagraph, on_link: LinkHandler) -> None:
    p.alignment = _ALIGN[para.align]
    size = max((r.size for r in para.runs if not r.is_break), default=12.0)
    p.line_spacing = Pt(round(para.line_spacing * size * 2) / 2)
    p.space_before = Pt(round(para.space_before, 1))
    p.space_after = Pt(0)
    bullet = para.bullet
    if bullet is not None and bullet.number is not None:
        set_numbered(p, bullet.style, bullet.number, para.level, int(emu(para.indent)),
                     int(emu(para.hanging)))
    elif bullet is not None and bullet.char:
        set_bullet(p, bullet.char, para.level, int(emu(para.indent)), int(emu(para.hanging)),
                   bullet.font.family if bullet.font else "Arial",
                   bullet.color.hex[1:] if bullet.color else None)
    else:
        set_no_bullet(p, int(emu(para.indent)))
        if para.level:
            p.level = min(para.level, 8)
    for run in para.runs:
        write_run(p, run, on_link)
    if not para.runs:
        p.font.size = Pt(round(size * 2) / 2)


def write_paragraphs(tf: Any, paragraphs: tuple[TextParagraph, ...], on_link: LinkHandler) -> None:
    for i, para in enumerate(paragraphs):
        p = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
        write_paragraph(p, para, on_link)


def fill_table(shapes: Any, box: TableBox, on_link: LinkHandler) -> Any:
    rows, cols = len(box.rows), len(box.col_widths)
    frame = shapes.add_table(rows, cols, emu(box.x), emu(box.y), emu(box.w), emu(box.h))
    table = frame.table
    table.first_row = box.header_rows > 0
    table.horz_banding = False
    tbl_pr = table._tbl.tblPr
    style = tbl_pr.find(qn("a:tableStyleId"))
    if style is not None:
        tbl_pr.remove(style)
    widths = [int(emu(w)) for w in box.col_widths]
    widths[-1] += int(emu(box.w)) - sum(widths)  # column widths must sum to the frame width
    for col, width in zip(table.columns, widths, strict=True):
        col.width = Emu(width)
    for row, height in zip(table.rows, box.row_heights, strict=True):
        row.height = emu(height)
    for r, row_cells in enumerate(box.rows):
        last_row = r == rows - 1
        for c, cell_box in enumerate(row_cells):
            cell = table.cell(r, c)
            cell.fill.background()
            cell.margin_left = cell.margin_right = emu(box.padding_x)
            cell.margin_top = cell.margin_bottom = emu(box.padding_y)
            cell.vertical_anchor = MSO_ANCHOR.TOP
            tf = cell.text_frame
            tf.word_wrap = True
            write_paragraphs(tf, cell_box.paragraphs, on_link)
            _cell_borders(cell, None if last_row else box.rule_color)
    return frame


def _cell_borders(cell: Any, bottom: Color | None) -> None:
    """reveal's tables: a 1px rule under each row but the last, no other borders."""
    tc_pr = cell._tc.get_or_add_tcPr()
    for tag in ("a:lnL", "a:lnR", "a:lnT", "a:lnB"):
        old = tc_pr.find(qn(tag))
        if old is not None:
            tc_pr.remove(old)
    lines = []
    for tag in ("a:lnL", "a:lnR", "a:lnT", "a:lnB"):
        ln = etree.Element(qn(tag))
        if tag == "a:lnB" and bottom is not None:
            ln.set("w", str(EMU_PER_PT))
            solid = etree.SubElement(ln, qn("a:solidFill"))
            clr = etree.SubElement(solid, qn("a:srgbClr"))
            clr.set("val", bottom.hex[1:].upper())
        else:
            ln.set("w", "0")
            etree.SubElement(ln, qn("a:noFill"))
        lines.append(ln)
    # borders come first in tcPr, before any fill
    for index, ln in enumerate(lines):
        tc_pr.insert(index, ln)
