"""The python-pptx side of templates: the template as the presentation slides are added to.

Input: a `converter.template.reference.Template` and the laid-out slides. Output: a python-pptx
``Presentation`` opened from the template (slides, sections and custom shows removed; masters,
layouts, theme and master art kept), the layout each slide uses (pandoc's names, the
``data-layout`` override first) and, per slide, which box goes into which placeholder of that
layout, found by type (title, body, picture, table), written as ``<p:ph type=".." idx=".."/>``
with the box's own geometry from layout. A master without `p:txStyles` (LibreOffice's) gets
the text styles its sample text shows (`txstyles_xml`, from `converter.template.styles`).
"""

from __future__ import annotations

import io
from typing import Any

from lxml import etree
from pptx import Presentation
from pptx.oxml.ns import nsdecls, qn

from converter.diagnostics import Diagnostics
from converter.layout.boxes import Box, LaidOutSlide, PictureBox, TableBox, TextBox, split_columns
from converter.layout.geometry import EMU_PER_PT
from converter.layout.template_slides import headed as _headed
from converter.render.pptx.base import prepare_template_presentation
from converter.render.pptx.text import solid_fill, xml_attr, xml_text
from converter.style.color import Color
from converter.template.reference import LayoutInfo, Placeholder, Template
from converter.template.styles import Looks, Spacing, TextLook

TITLE_TYPES = ("title", "ctrTitle")
BODY_TYPES = ("body", "obj", "subTitle")
CONTENT_TYPES = ("obj", "body")
PICTURE_TYPES = ("pic", "obj")
TABLE_TYPES = ("tbl", "obj")
__all__ = ["TemplateLayouts", "as_placeholder", "open_template"]


def open_template(template: Template) -> Any:
    """The template as a clean presentation without slides."""
    prs = Presentation(io.BytesIO(template.data))
    pres = prs.part._element
    id_lst = pres.find(qn("p:sldIdLst"))
    if id_lst is not None:
        for sld_id in list(id_lst):
            prs.part.drop_rel(sld_id.get(qn("r:id")))
            id_lst.remove(sld_id)
    for tag in ("p:custShowLst",):
        found = pres.find(qn(tag))
        if found is not None:
            pres.remove(found)
    ext_lst = pres.find(qn("p:extLst"))
    if ext_lst is not None:  # sections list the removed slides
        for ext in list(ext_lst):
            if ext.get("uri") == "{521415D9-36F7-43E2-AB2F-B90AF26B5E84}":
                ext_lst.remove(ext)
        if len(ext_lst) == 0:
            pres.remove(ext_lst)
    for master, info in zip(prs.slide_masters, template.masters, strict=False):
        if info.text_styles is not None:
            _add_text_styles(master._element, info.text_styles)
    prepare_template_presentation(prs)
    return prs


_AFTER_TX_STYLES = ("extLst",)


def _rpr_xml(look: TextLook) -> str:
    """A level's `a:defRPr`: its size, weight, slant, colour (as the scheme colour it names,
    else as RGB) and face."""
    attrs = ""
    if look.size is not None:
        attrs += f' sz="{round(look.size * 100)}"'
    if look.bold is not None:
        attrs += f' b="{int(look.bold)}"'
    if look.italic is not None:
        attrs += f' i="{int(look.italic)}"'
    inner = ""
    if look.scheme is not None:
        inner += f'<a:solidFill><a:schemeClr val="{look.scheme}"/></a:solidFill>'
    elif look.color is not None:
        inner += f'<a:solidFill><a:srgbClr val="{look.color.hex[1:].upper()}"/></a:solidFill>'
    if look.typeface is not None:
        inner += f"<a:latin typeface={xml_attr(look.typeface)}/>"
    return f"<a:defRPr{attrs}>{inner}</a:defRPr>" if inner else f"<a:defRPr{attrs}/>"


def _spacing_xml(tag: str, spacing: Spacing | None) -> str:
    if spacing is None:
        return ""
    if spacing.percent:
        return f'<a:{tag}><a:spcPct val="{round(spacing.value * 100000)}"/></a:{tag}>'
    return f'<a:{tag}><a:spcPts val="{round(spacing.value * 100)}"/></a:{tag}>'


def _ppr_attrs(look: TextLook) -> str:
    """A level's `marL`, `indent` and `algn`."""
    attrs = ""
    if look.margin is not None:
        attrs += f' marL="{round(look.margin * EMU_PER_PT)}"'
    if look.indent is not None:
        attrs += f' indent="{round(look.indent * EMU_PER_PT)}"'
    if look.align in ("l", "ctr", "r", "just"):
        attrs += f' algn="{look.align}"'
    return attrs


def _bullet_xml(look: TextLook) -> str:
    """A level's spacing and bullet, in the schema's order."""
    out = (_spacing_xml("lnSpc", look.line_spacing) + _spacing_xml("spcBef", look.space_before)
           + _spacing_xml("spcAft", look.space_after))  # fmt: skip
    if look.bullet_color is not None:
        out += f'<a:buClr><a:srgbClr val="{look.bullet_color.hex[1:7].upper()}"/></a:buClr>'
    if look.bullet_size is not None:
        out += f'<a:buSzPct val="{round(look.bullet_size * 100000)}"/>'
    if look.bullet_font is not None:
        out += f"<a:buFont typeface={xml_attr(look.bullet_font)}/>"
    if look.bullet == "":
        out += "<a:buNone/>"
    elif look.bullet is not None:
        out += f"<a:buChar char={xml_attr(look.bullet)}/>"
    return out


def _levels_xml(tag: str, looks: Looks) -> str:
    levels = []
    for n, look in enumerate(looks, 1):
        if look == TextLook():
            continue
        run = TextLook(size=look.size, color=look.color, scheme=look.scheme, bold=look.bold,
                       italic=look.italic, typeface=look.typeface)  # fmt: skip
        levels.append(f"<a:lvl{n}pPr{_ppr_attrs(look)}>{_bullet_xml(look)}{_rpr_xml(run)}"
                      f"</a:lvl{n}pPr>")  # fmt: skip
    return f"<p:{tag}>{''.join(levels)}</p:{tag}>"


def txstyles_xml(title: Looks, body: Looks, other: Looks) -> str:
    """`p:txStyles` stating these looks (for a master that has none)."""
    return (
        f"<p:txStyles {nsdecls('p', 'a')}>{_levels_xml('titleStyle', title)}"
        f"{_levels_xml('bodyStyle', body)}{_levels_xml('otherStyle', other)}</p:txStyles>"
    )


def _add_text_styles(master: Any, styles: tuple[Looks, Looks, Looks]) -> None:
    """A master without `p:txStyles` (LibreOffice's) gets the styles its sample text shows,
    so text that states no size or colour looks as the template does in PowerPoint and
    LibreOffice (both would use their defaults, 44/32 pt black, otherwise)."""
    element = etree.fromstring(txstyles_xml(*styles))
    following = next((c for c in master if etree.QName(c).localname in _AFTER_TX_STYLES), None)
    if following is not None:
        following.addprevious(element)
    else:
        master.append(element)


SLIDE_NUMBER_FIELD = "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}"


_PLACEHOLDER_NAMES = {"sldNum": "Slide Number", "ftr": "Footer Placeholder",
                      "dt": "Date Placeholder"}  # fmt: skip


def number_placeholder(shape_id: int, ph: Placeholder, field: str | None, text: str,
                       lang: str, color: Color | None = None) -> str:  # fmt: skip
    """The slide number in the layout's slide-number placeholder: position and look
    inherited (but `color`, when given), the number a `slidenum` field where PowerPoint's
    count is reveal's (`field`), else text."""
    rpr = _plain_rpr(lang, color)
    runs = ""
    if field:
        runs += (f'<a:fld id="{SLIDE_NUMBER_FIELD}" type="slidenum">{rpr}'
                 f"<a:t>{xml_text(field)}</a:t></a:fld>")  # fmt: skip
    if text:
        runs += f"<a:r>{rpr}<a:t>{xml_text(text)}</a:t></a:r>"
    return _small_placeholder(shape_id, ph, runs)


def text_placeholder(shape_id: int, ph: Placeholder, text: str, lang: str,
                     color: Color | None = None) -> str:  # fmt: skip
    """`text` (the deck's footer or date) in the layout's placeholder `ph` (ftr, dt): its
    position and look inherited, the run stating only its language (and `color`, given)."""
    run = f"<a:r>{_plain_rpr(lang, color)}<a:t>{xml_text(text)}</a:t></a:r>"
    return _small_placeholder(shape_id, ph, run)


def _plain_rpr(lang: str, color: Color | None = None) -> str:
    if color is None:
        return f"<a:rPr lang={xml_attr(lang)} dirty=\"0\"/>"
    return f"<a:rPr lang={xml_attr(lang)} dirty=\"0\">{solid_fill(color)}</a:rPr>"


def stated_color(box: TextBox | None, ph: Placeholder) -> Color | None:
    """The colour layout gave a placeholder's text, where it is not the placeholder's own."""
    runs = [r for p in box.paragraphs for r in p.runs] if box is not None else []
    own = (ph.looks[0].color if ph.looks else None) or Color(0, 0, 0)  # as `set_text` sets
    if not runs or runs[0].color == own:
        return None
    return runs[0].color


def _small_placeholder(shape_id: int, ph: Placeholder, runs: str) -> str:
    """A slide's shape in the layout's slide-number, footer or date placeholder `ph` holding
    one paragraph of `runs`: no `a:xfrm`, no list style, everything inherited."""
    name = f"{_PLACEHOLDER_NAMES.get(ph.type, 'Placeholder')} {shape_id}"
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{name}"/>'
        '<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>'
        f'<p:nvPr><p:ph type="{ph.type}" sz="quarter" idx="{ph.idx}"/></p:nvPr></p:nvSpPr>'
        f"<p:spPr/><p:txBody><a:bodyPr/><a:lstStyle/><a:p>{runs}</a:p></p:txBody></p:sp>"
    )


def _ph_attrs(ph: Placeholder) -> str:
    if ph.type in TITLE_TYPES:
        return f'type="{ph.type}"' + (f' idx="{ph.idx}"' if ph.idx else "")
    if ph.type == "obj":
        return f'idx="{ph.idx}"'
    return f'type="{ph.type}" idx="{ph.idx}"'


class TemplateLayouts:
    """The template's layouts by name, the layout of each slide and its placeholder use."""

    def __init__(self, template: Template, prs: Any, diags: Diagnostics) -> None:
        self.template = template
        self.diags = diags
        self.by_place: dict[tuple[int, int], Any] = {}
        for m, master in enumerate(prs.slide_masters):
            for j, layout in enumerate(master.slide_layouts):
                self.by_place[m, j] = layout
        self.first = next(iter(self.by_place.values()), None)
        self.infos: list[LayoutInfo | None] = []
        # box position -> the placeholder it went into, for the last slide `placeholders` saw
        self.taken: dict[int, Placeholder] = {}

    def layout_for(self, laid: LaidOutSlide) -> Any:
        """The python-pptx layout of a slide (remembered for `placeholders`): the one layout
        chose (`converter.layout.template_slides`, which reported its warnings); the
        template's first without one."""
        info = laid.template_layout
        self.infos.append(info)
        if info is None:
            return self.first
        return self.by_place.get((info.master, info.index), self.first)

    def placeholders(self, index: int, laid: LaidOutSlide) -> dict[int, str]:
        """Box position in `laid.boxes` -> the `p:ph` attributes it is written with."""
        info = self.infos[index] if index < len(self.infos) else None
        if info is None:
            return {}
        used: set[int] = set()  # positions in info.placeholders (LibreOffice repeats idx 0)
        out: dict[int, str] = {}
        self.taken = taken = {}

        def take(position: int, types: tuple[str, ...]) -> None:
            for kind in types:
                for k, ph in enumerate(info.placeholders):
                    if ph.type == kind and k not in used:
                        used.add(k)
                        out[position] = _ph_attrs(ph)
                        taken[position] = ph
                        return

        boxes = laid.boxes
        title = laid.title_box
        others = [i for i, b in enumerate(boxes) if b is not title]
        if title is not None:
            take(boxes.index(title), TITLE_TYPES)
        split = split_columns([boxes[i] for i in others])
        if split is not None and all(len(group) == 1 for group in split):
            for group in split:
                position = boxes.index(group[0])
                take(position, _types_for(group[0]))
            return out
        if split is not None and all(_headed(group) for group in split):
            # Comparison: each column's heading into a text placeholder, its content below,
            # the left column into the left placeholders (by their x in the layout)
            labels = sorted((ph for ph in info.placeholders if ph.type == "body"),
                            key=lambda ph: ph.box[1] if ph.box else ph.idx)  # fmt: skip
            heads = sorted(labels[:2], key=_left)  # the upper text placeholders: headings
            bodies = sorted([ph for ph in info.placeholders if ph.type == "obj"] or labels[2:],
                            key=_left)  # fmt: skip
            if len(heads) >= 2 and len(bodies) >= 2:
                for k, (head, body) in enumerate(split):
                    out[boxes.index(head)] = _ph_attrs(heads[k])
                    out[boxes.index(body)] = _ph_attrs(bodies[k])
                    taken[boxes.index(head)], taken[boxes.index(body)] = heads[k], bodies[k]
                return out
        texts = [i for i in others if isinstance(boxes[i], TextBox)]
        for i in others:
            box = boxes[i]
            if isinstance(box, TextBox) and (box.role == "body" or len(texts) == 1):
                types = ("subTitle", *BODY_TYPES) if info.find("subTitle") else CONTENT_TYPES
                take(i, types)
            elif isinstance(box, (PictureBox, TableBox)):
                take(i, _types_for(box))
        return out


def _left(ph: Placeholder) -> tuple[int, int]:
    return (ph.box[0], ph.idx) if ph.box is not None else (0, ph.idx)


def _types_for(box: Box) -> tuple[str, ...]:
    if isinstance(box, PictureBox):
        return PICTURE_TYPES
    if isinstance(box, TableBox):
        return TABLE_TYPES
    return CONTENT_TYPES


def as_placeholder(shape_xml: str, attrs: str) -> str:
    """A picture or table shape's XML made a placeholder (its first empty `p:nvPr`; both
    versions of a table wrapped for its formulas, `formulas.alternate_content`)."""
    count = 2 if shape_xml.startswith("<mc:AlternateContent") else 1
    return shape_xml.replace("<p:nvPr/>", f"<p:nvPr><p:ph {attrs}/></p:nvPr>", count)
