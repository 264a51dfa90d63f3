"""A clean python-pptx ``Presentation`` of any slide size, and its document properties.

Input: a slide size in EMU (and front-matter metadata for ``set_core_properties``).
Output: a python-pptx ``Presentation`` built from python-pptx's default template with
  * the slide size set, and the master and layout placeholders really scaled to it (TECH-NOTES
    2.1 gotcha 1: only shapes with their own ``a:xfrm`` are stretched; inherited positions are
    never read and written back), the ``p:sldSz/@type`` matching the size, the view guides moved;
  * no template leftovers (gotcha 2): no thumbnail, no Mac printer settings, core properties
    reset (no "python-pptx", "Steve Canny" or 2013 dates), ``docProps/app.xml`` rewritten to say
    "md2pptx" (without the stale 4:3 format and zero counts);
  * the notes master created once, listed in ``p:notesMasterIdLst`` (python-pptx omits it, see
    scanny/python-pptx PR #1128; Keynote needs it) and its slide image fitted to the slide shape.
The "Office Theme" theme, masters and layout names are kept.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from typing import Any

from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import Part
from pptx.opc.packuri import PackURI
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls, qn
from pptx.presentation import Presentation as PptxPresentation
from pptx.util import Emu

__all__ = [
    "APP_NAME",
    "new_presentation",
    "parse_date",
    "prepare_template_presentation",
    "set_core_properties",
    "strip_unused_layouts",
]

APP_NAME = "md2pptx"

# (width, height) -> (ST_SlideSizeType, app.xml PresentationFormat); other sizes are "custom"
_KNOWN_SIZES: dict[tuple[int, int], tuple[str | None, str]] = {
    (12192000, 6858000): (None, "Widescreen"),
    (9144000, 6858000): ("screen4x3", "On-screen Show (4:3)"),
    (9144000, 5143500): ("screen16x9", "On-screen Show (16:9)"),
    (9144000, 5715000): ("screen16x10", "On-screen Show (16:10)"),
}

_APP_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"'
    ' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    "<Application>{app}</Application><PresentationFormat>{fmt}</PresentationFormat>"
    "</Properties>"
)

# area of the notes page (7.5 x 10 in) that the slide image is fitted into, centred
_NOTES_IMG_BOX = (685800, 685800, 5486400, 3429000)  # x, y, cx, cy


def new_presentation(width_emu: int, height_emu: int) -> PptxPresentation:
    """Return a fresh, clean ``Presentation`` whose slides are ``width_emu`` x ``height_emu``."""
    if width_emu <= 0 or height_emu <= 0:
        raise ValueError(f"slide size must be positive, got {width_emu} x {height_emu}")
    prs = Presentation()
    old_w, old_h = int(prs.slide_width or 9144000), int(prs.slide_height or 6858000)
    prs.slide_width, prs.slide_height = Emu(width_emu), Emu(height_emu)
    size_type, pres_format = _KNOWN_SIZES.get((width_emu, height_emu), ("custom", "Custom"))
    sld_sz = prs.part._element.sldSz
    if size_type is None:  # PowerPoint writes no type for its 13.333 x 7.5 in "Widescreen"
        sld_sz.attrib.pop("type", None)
    else:
        sld_sz.set("type", size_type)
    fx, fy = width_emu / old_w, height_emu / old_h
    for master in prs.slide_masters:
        _scale_shapes(master._element, fx, fy)
        for layout in master.slide_layouts:
            _scale_shapes(layout._element, fx, fy)
    _drop_leftovers(prs)
    _scale_view_guides(prs, fx, fy)
    _write_app_properties(prs, pres_format)
    _reset_core_properties(prs)
    _setup_notes_master(prs, width_emu, height_emu)
    return prs


def prepare_template_presentation(prs: PptxPresentation) -> None:
    """Clean a presentation opened from a user's template as ``new_presentation`` cleans
    python-pptx's: no thumbnail or printer settings, md2pptx's app and core properties, the
    notes master listed and fitted. Its size, masters, layouts and theme are kept."""
    width, height = int(prs.slide_width or 9144000), int(prs.slide_height or 6858000)
    _size_type, pres_format = _KNOWN_SIZES.get((width, height), ("custom", "Custom"))
    _drop_leftovers(prs)
    _write_app_properties(prs, pres_format)
    _reset_core_properties(prs)
    _setup_notes_master(prs, width, height)
    _ensure_view_properties(prs)


_VIEW_PROPS_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<p:viewPr xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main">'
    '<p:normalViewPr><p:restoredLeft sz="15620"/><p:restoredTop sz="94660"/></p:normalViewPr>'
    '<p:gridSpacing cx="72008" cy="72008"/></p:viewPr>'
)


def _ensure_view_properties(prs: Any) -> None:
    """A template without view properties (LibreOffice writes none) gets PowerPoint's
    defaults: PowerPoint asks to repair a file without them."""
    try:
        prs.part.part_related_by(RT.VIEW_PROPS)
        return
    except KeyError:
        pass
    part = Part(PackURI("/ppt/viewProps.xml"),
                "application/vnd.openxmlformats-officedocument.presentationml.viewProps+xml",
                prs.part.package, _VIEW_PROPS_XML.encode("utf-8"))  # fmt: skip
    prs.part.relate_to(part, RT.VIEW_PROPS)


def _scale_shapes(root: Any, fx: float, fy: float) -> None:
    """Stretch every shape in ``root``'s spTree that has its own transform (never inherited)."""
    sp_tree = root.find(qn("p:cSld")).find(qn("p:spTree"))
    for shape in sp_tree:
        xfrm = _own_xfrm(shape)
        if xfrm is None:
            continue  # inherits its position from the master: leave it alone
        off, ext = xfrm.find(qn("a:off")), xfrm.find(qn("a:ext"))
        if off is not None:
            off.set("x", str(round(int(off.get("x")) * fx)))
            off.set("y", str(round(int(off.get("y")) * fy)))
        if ext is not None:
            ext.set("cx", str(round(int(ext.get("cx")) * fx)))
            ext.set("cy", str(round(int(ext.get("cy")) * fy)))


def _own_xfrm(shape: Any) -> Any:
    """Return the shape's own ``a:xfrm``/``p:xfrm`` (a group's: its children follow), or None."""
    tag = etree.QName(shape).localname
    if tag in ("sp", "pic", "cxnSp"):
        pr = shape.find(qn("p:spPr"))
        return None if pr is None else pr.find(qn("a:xfrm"))
    if tag == "grpSp":
        pr = shape.find(qn("p:grpSpPr"))
        return None if pr is None else pr.find(qn("a:xfrm"))
    if tag == "graphicFrame":
        return shape.find(qn("p:xfrm"))
    return None


def _drop_leftovers(prs: Any) -> None:
    """Remove the template's blank 4:3 thumbnail and its Mac printer settings."""
    pkg = prs.part.package
    for rId, rel in list(pkg._rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            pkg.drop_rel(rId)
    for rId, rel in list(prs.part.rels.items()):
        if rel.reltype == RT.PRINTER_SETTINGS:
            prs.part.drop_rel(rId)


def _scale_view_guides(prs: Any, fx: float, fy: float) -> None:
    """Move the drawing guides in ``viewProps.xml`` (centred on the 4:3 slide) to the new size."""
    try:
        part = prs.part.part_related_by(RT.VIEW_PROPS)
    except KeyError:
        return
    root = etree.fromstring(part.blob)
    for guide in root.iter(qn("p:guide")):
        horizontal = guide.get("orient") == "horz"
        pos = int(guide.get("pos", "0"))
        guide.set("pos", str(round(pos * (fy if horizontal else fx))))
    part.blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _write_app_properties(prs: Any, pres_format: str) -> None:
    """Replace ``docProps/app.xml`` ("Microsoft Macintosh PowerPoint", 4:3, 0 slides)."""
    pkg = prs.part.package
    for rel in pkg._rels.values():
        if rel.reltype == RT.EXTENDED_PROPERTIES and not rel.is_external:
            xml = _APP_XML.format(app=APP_NAME, fmt=pres_format)
            rel.target_part.blob = xml.encode("utf-8")


def _now() -> dt.datetime:
    """Current UTC time as a naive datetime without microseconds (what core.xml stores)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


def _reset_core_properties(prs: Any) -> None:
    """Clear the template's core properties (title, "python-pptx" comment, 2013 dates...)."""
    cp = prs.core_properties
    cp.title = cp.subject = cp.keywords = cp.author = cp.category = ""
    cp.comments = ""
    cp.last_modified_by = APP_NAME
    cp.revision = 1
    cp.created = cp.modified = _now()


def _setup_notes_master(prs: Any, width_emu: int, height_emu: int) -> None:
    """Create the notes master now, list it in presentation.xml, fit its slide image."""
    notes_master = prs.notes_master  # created from python-pptx's template on first access
    pres = prs.part._element
    if pres.find(qn("p:notesMasterIdLst")) is None:
        rId = prs.part.relate_to(notes_master.part, RT.NOTES_MASTER)
        lst = parse_xml(
            f'<p:notesMasterIdLst {nsdecls("p", "r")}><p:notesMasterId r:id="{rId}"/>'
            "</p:notesMasterIdLst>"
        )
        pres.find(qn("p:sldMasterIdLst")).addnext(lst)
    box_x, box_y, box_w, box_h = _NOTES_IMG_BOX
    scale = min(box_w / width_emu, box_h / height_emu)
    img_w, img_h = round(width_emu * scale), round(height_emu * scale)
    for shape in notes_master._element.find(qn("p:cSld")).find(qn("p:spTree")):
        ph = shape.find(f"{qn('p:nvSpPr')}/{qn('p:nvPr')}/{qn('p:ph')}")
        xfrm = _own_xfrm(shape)
        if ph is None or ph.get("type") != "sldImg" or xfrm is None:
            continue
        off, ext = xfrm.find(qn("a:off")), xfrm.find(qn("a:ext"))
        off.set("x", str(box_x + (box_w - img_w) // 2))
        off.set("y", str(box_y + (box_h - img_h) // 2))
        ext.set("cx", str(img_w))
        ext.set("cy", str(img_h))


def parse_date(value: str | dt.date | None) -> dt.datetime | None:
    """Parse an ISO date or datetime (string, or a date YAML already parsed) to naive UTC.

    Returns None for None, empty or invalid input. Aware datetimes are converted to UTC; naive
    ones and plain dates are taken as UTC (a date means midnight).
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        parsed = value
    elif isinstance(value, dt.date):
        parsed = dt.datetime(value.year, value.month, value.day)
    else:
        text = value.strip()
        if not text:
            return None
        try:
            parsed = dt.datetime.fromisoformat(text)
        except ValueError:
            return None
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(dt.UTC).replace(tzinfo=None)
    if parsed.year < 1000:  # core.xml needs a 4-digit W3CDTF year
        return None
    return parsed.replace(microsecond=0)


def _limit(text: str) -> str:
    """python-pptx refuses core-property strings over 255 characters: cut them."""
    return text if len(text) <= 255 else text[:254] + "…"


def set_core_properties(
    prs: PptxPresentation,
    title: str,
    author: str,
    subject: str,
    keywords: Sequence[str],
    date: str | dt.date | None,
) -> None:
    """Fill ``docProps/core.xml`` from front matter.

    ``keywords`` are joined with "; ". ``date`` (ISO date or datetime; see ``parse_date``)
    becomes ``created``; missing or invalid means now. ``modified`` is always now; the revision
    is 1 and ``lastModifiedBy`` is "md2pptx". Strings are cut to python-pptx's 255 characters.
    """
    cp = prs.core_properties
    cp.title = _limit(title)
    cp.author = _limit(author)
    cp.subject = _limit(subject)
    cp.keywords = _limit("; ".join(k.strip() for k in keywords if k.strip()))
    cp.comments = ""
    cp.last_modified_by = APP_NAME
    cp.revision = 1
    now = _now()
    cp.created = parse_date(date) or now
    cp.modified = now


def strip_unused_layouts(prs: PptxPresentation, keep: Collection[str]) -> list[str]:
    """Remove the layouts whose name is not in ``keep`` and that no slide uses.

    Safe at any time (python-pptx's ``SlideLayouts.remove`` drops the master's relationship
    and ``p:sldLayoutId``; layout part names may then have gaps, which is legal). Returns the
    names removed, in template order.
    """
    removed: list[str] = []
    for master in prs.slide_masters:
        layouts = master.slide_layouts
        for layout in list(layouts):
            if layout.name in keep or layout.used_by_slides:
                continue
            removed.append(layout.name)
            layouts.remove(layout)
    return removed
