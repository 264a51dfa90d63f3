"""Small OOXML helpers python-pptx 1.0.2 lacks (TECH-NOTES §2), with schema-correct child order.

Input: python-pptx objects (``Slide``, ``_Paragraph``, ``_Run``, ``Presentation``) and plain
values. Output: the objects' XML is edited in place; relationship ids are returned where one is
created. Every helper replaces what it manages (calling it twice leaves one element), and
validates enum values so the result passes openxml-audit:

* ``p:bg`` is the first child of ``p:cSld``;
* ``a:pPr`` children follow ``lnSpc, spcBef, spcAft, buClr*, buSz*, buFont*,
  buNone|buAutoNum|buChar|buBlip, tabLst, defRPr, extLst``;
* ``p:transition`` follows ``p:clrMapOvr`` (``spd`` is fast|med|slow, never "medium");
* sections (``p14:sectionLst``) list every slide once, in deck order.
"""

from __future__ import annotations

import io
import re
import uuid
from collections.abc import Mapping, Sequence
from typing import Any

from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls, qn
from pptx.oxml.xmlchemy import OxmlElement

__all__ = [
    "NUMBERING_SCHEMES",
    "TRANSITION_KINDS",
    "TRANSITION_SPEEDS",
    "add_run_hyperlink",
    "add_slide_jump",
    "set_background_color",
    "set_background_picture",
    "set_bullet",
    "set_hidden",
    "set_no_bullet",
    "set_numbered",
    "set_sections",
    "set_transition",
]

P14 = "http://schemas.microsoft.com/office/powerpoint/2010/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
SECTION_EXT_URI = "{521415D9-36F7-43E2-AB2F-B90AF26B5E84}"
SLIDE_JUMP = "ppaction://hlinksldjump"

# ST_TextAutonumberScheme (ECMA-376 §20.1.10.61)
NUMBERING_SCHEMES = frozenset(
    (
        *("alphaLcParenBoth", "alphaUcParenBoth", "alphaLcParenR", "alphaUcParenR"),
        *("alphaLcPeriod", "alphaUcPeriod", "arabicParenBoth", "arabicParenR", "arabicPeriod"),
        *("arabicPlain", "romanLcParenBoth", "romanUcParenBoth", "romanLcParenR"),
        *("romanUcParenR", "romanLcPeriod", "romanUcPeriod", "circleNumDbPlain"),
        *("circleNumWdBlackPlain", "circleNumWdWhitePlain", "arabicDbPeriod", "arabicDbPlain"),
        *("ea1ChsPeriod", "ea1ChsPlain", "ea1ChtPeriod", "ea1ChtPlain", "ea1JpnChsDbPeriod"),
        *("ea1JpnKorPlain", "ea1JpnKorPeriod", "arabic1Minus", "arabic2Minus", "hebrew2Minus"),
        *("thaiAlphaPeriod", "thaiAlphaParenR", "thaiAlphaParenBoth", "thaiNumPeriod"),
        *("thaiNumParenR", "thaiNumParenBoth", "hindiAlphaPeriod", "hindiNumPeriod"),
        *("hindiNumParenR", "hindiAlpha1Period"),
    )
)
# the p:transition choices (CT_SlideTransition, ECMA-376 §19.3.1.50)
TRANSITION_KINDS = frozenset(
    (
        *("blinds", "checker", "circle", "comb", "cover", "cut", "diamond", "dissolve", "fade"),
        *("newsflash", "plus", "pull", "push", "random", "randomBar", "split", "strips"),
        *("wedge", "wheel", "wipe", "zoom"),
    )
)
TRANSITION_SPEEDS = frozenset({"fast", "med", "slow"})

_PPR_ORDER = (
    *("lnSpc", "spcBef", "spcAft", "buClrTx", "buClr", "buSzTx", "buSzPct", "buSzPts"),
    *("buFontTx", "buFont", "buNone", "buAutoNum", "buChar", "buBlip", "tabLst", "defRPr"),
    "extLst",
)
# elements that exclude each other inside a:pPr (one per group)
_PPR_GROUPS = (
    ("buClrTx", "buClr"),
    ("buSzTx", "buSzPct", "buSzPts"),
    ("buFontTx", "buFont"),
    ("buNone", "buAutoNum", "buChar", "buBlip"),
)
_HEX = re.compile(r"#?([0-9A-Fa-f]{6})")


def _rgb(rgb_hex: str) -> str:
    """Return "RRGGBB" (upper case) for "#rrggbb"/"rrggbb"; raise ValueError otherwise."""
    match = _HEX.fullmatch(rgb_hex.strip())
    if match is None:
        raise ValueError(f"not an RGB hex colour: {rgb_hex!r}")
    return match.group(1).upper()


def _el(tag: str, **attrs: str) -> Any:
    """Return a new python-pptx element ``tag`` ("a:buChar") with ``attrs``."""
    el = OxmlElement(tag)
    for key, value in attrs.items():
        el.set(key, value)
    return el


# --- backgrounds -------------------------------------------------------------------------


def set_background_picture(slide: Any, image_bytes: bytes) -> str:
    """Make ``image_bytes`` the slide's own background (stretched); return the image rId.

    Identical bytes share one media part. Pre-blend any opacity into the bitmap (TECH-NOTES §1).
    """
    _, rId = slide.part.get_or_add_image_part(io.BytesIO(image_bytes))
    bg = parse_xml(
        f"<p:bg {nsdecls('p', 'a', 'r')}><p:bgPr>"
        f'<a:blipFill dpi="0" rotWithShape="1"><a:blip r:embed="{rId}"/>'
        "<a:srcRect/><a:stretch><a:fillRect/></a:stretch></a:blipFill>"
        "<a:effectLst/></p:bgPr></p:bg>"
    )
    _replace_background(slide, bg)
    return str(rId)


def set_background_color(slide: Any, rgb_hex: str) -> None:
    """Give the slide its own solid background colour ("#RRGGBB" or "RRGGBB")."""
    value = _rgb(rgb_hex)
    bg = parse_xml(
        f'<p:bg {nsdecls("p", "a")}><p:bgPr><a:solidFill><a:srgbClr val="{value}"/>'
        "</a:solidFill><a:effectLst/></p:bgPr></p:bg>"
    )
    _replace_background(slide, bg)


def _replace_background(slide: Any, bg: Any) -> None:
    """Put ``bg`` as the FIRST child of ``p:cSld``, replacing any existing ``p:bg``."""
    cSld = slide._element.find(qn("p:cSld"))
    for old in cSld.findall(qn("p:bg")):
        cSld.remove(old)
    cSld.insert(0, bg)


# --- bullets -------------------------------------------------------------------------------


def _put_ppr_child(pPr: Any, child: Any) -> None:
    """Insert ``child`` into ``a:pPr`` in schema order, replacing its group's current member."""
    name = child.tag.rsplit("}", 1)[1]
    group = next((g for g in _PPR_GROUPS if name in g), (name,))
    for member in group:
        for old in pPr.findall(qn(f"a:{member}")):
            pPr.remove(old)
    later = {qn(f"a:{t}") for t in _PPR_ORDER[_PPR_ORDER.index(name) + 1 :]}
    for index, existing in enumerate(pPr):
        if existing.tag in later:
            pPr.insert(index, child)
            return
    pPr.append(child)


def _remove_ppr_children(pPr: Any, *names: str) -> None:
    for name in names:
        for old in pPr.findall(qn(f"a:{name}")):
            pPr.remove(old)


def _indent(paragraph: Any, level: int, indent_emu: int, hanging_emu: int | None) -> Any:
    """Set ``lvl``, ``marL = indent_emu`` and ``indent = -hanging``; return ``a:pPr``.

    ``indent_emu`` is the left edge of the text (absolute, not per level); the marker starts
    ``hanging_emu`` left of it (default: ``indent_emu // (level + 1)``, evenly spaced levels),
    clamped to 0..indent so the marker never starts left of the text box.
    """
    if not 0 <= level <= 8:
        raise ValueError(f"paragraph level must be 0..8, got {level}")
    indent_emu = max(0, indent_emu)
    hanging = indent_emu // (level + 1) if hanging_emu is None else hanging_emu
    hanging = min(max(0, hanging), indent_emu)  # the marker never starts left of the box
    paragraph.level = level
    pPr = paragraph._p.get_or_add_pPr()
    pPr.set("marL", str(indent_emu))
    pPr.set("indent", str(-hanging))
    return pPr


def set_no_bullet(paragraph: Any, indent_emu: int = 0) -> None:
    """No bullet (``a:buNone``); text at ``indent_emu`` (``marL``) with no first-line indent."""
    pPr = paragraph._p.get_or_add_pPr()
    pPr.set("marL", str(indent_emu))
    pPr.set("indent", "0")
    _put_ppr_child(pPr, _el("a:buNone"))


def set_bullet(
    paragraph: Any,
    char: str = "•",
    level: int = 0,
    indent_emu: int = 285750,
    hanging_emu: int | None = None,
    font: str = "Arial",
    color_hex: str | None = None,
) -> None:
    """Bullet ``char`` in ``font`` (optionally coloured "RRGGBB"/"#RRGGBB") at ``level``.

    Text starts at ``indent_emu``, the bullet ``hanging_emu`` left of it (see ``_indent``).
    """
    if len(char) != 1:
        raise ValueError(f"bullet must be one character, got {char!r}")
    pPr = _indent(paragraph, level, indent_emu, hanging_emu)
    if color_hex is None:
        _remove_ppr_children(pPr, "buClrTx", "buClr")
    else:
        clr = _el("a:buClr")
        clr.append(_el("a:srgbClr", val=_rgb(color_hex)))
        _put_ppr_child(pPr, clr)
    _put_ppr_child(pPr, _el("a:buFont", typeface=font))
    _put_ppr_child(pPr, _el("a:buChar", char=char))


def set_numbered(
    paragraph: Any,
    scheme: str = "arabicPeriod",
    start: int = 1,
    level: int = 0,
    indent_emu: int = 342900,
    hanging_emu: int | None = None,
) -> None:
    """Auto-numbered paragraph (``a:buAutoNum``): ``scheme`` from NUMBERING_SCHEMES, 1..32767.

    Indents as in ``set_bullet``. Any ``a:buFont`` is removed (a symbol font garbles digits).
    """
    if scheme not in NUMBERING_SCHEMES:
        raise ValueError(f"unknown numbering scheme {scheme!r}")
    if not 1 <= start <= 32767:
        raise ValueError(f"numbering must start at 1..32767, got {start}")
    pPr = _indent(paragraph, level, indent_emu, hanging_emu)
    _remove_ppr_children(pPr, "buFontTx", "buFont")
    attrs = {"type": scheme} if start == 1 else {"type": scheme, "startAt": str(start)}
    _put_ppr_child(pPr, _el("a:buAutoNum", **attrs))


# --- slide state -----------------------------------------------------------------------------


def set_hidden(slide: Any, hidden: bool = True) -> None:
    """Hide the slide in the slide show (``show="0"``), or show it again."""
    if hidden:
        slide._element.set("show", "0")
    else:
        slide._element.attrib.pop("show", None)


def set_transition(
    slide: Any,
    kind: str = "fade",
    spd: str = "med",
    attrs: Mapping[str, str] | None = None,
) -> None:
    """Set the slide's transition: ``p:<kind>`` at speed ``spd``; ``kind="none"`` removes it.

    ``attrs`` go on the effect element unchecked, e.g. ``{"dir": "l"}`` for ``push``.
    Placed right after ``p:clrMapOvr`` (else after ``p:cSld``), before ``p:timing``.
    """
    sld = slide._element
    for old in sld.findall(qn("p:transition")):
        sld.remove(old)
    for alt in sld.findall(f"{{{MC}}}AlternateContent"):  # PowerPoint 2010+ wrapped form
        if alt.find(f".//{qn('p:transition')}") is not None:
            sld.remove(alt)
    if kind == "none":
        return
    if kind not in TRANSITION_KINDS:
        raise ValueError(f"unknown transition {kind!r}")
    if spd not in TRANSITION_SPEEDS:
        raise ValueError(f"transition speed must be fast, med or slow, got {spd!r}")
    transition = _el("p:transition", spd=spd)
    transition.append(_el(f"p:{kind}", **dict(attrs or {})))
    anchor = sld.find(qn("p:clrMapOvr"))
    if anchor is None:  # never `a or b` with lxml elements: childless ones are falsy
        anchor = sld.find(qn("p:cSld"))
    anchor.addnext(transition)


# --- links ---------------------------------------------------------------------------------


def add_run_hyperlink(run: Any, url: str) -> str:
    """Link ``run`` to the external ``url``; return the relationship id."""
    if not url:
        raise ValueError("empty hyperlink URL")
    run.hyperlink.address = url
    return str(run._r.rPr.hlinkClick.rId)


def add_slide_jump(run: Any, source_slide: Any, target_slide: Any) -> str:
    """Make ``run`` (on ``source_slide``) jump to ``target_slide``; return the relationship id."""
    rId = source_slide.part.relate_to(target_slide.part, RT.SLIDE)
    rPr = run._r.get_or_add_rPr()
    rPr._remove_hlinkClick()
    hlink = rPr.add_hlinkClick(rId)
    hlink.set("action", SLIDE_JUMP)
    return str(rId)


# --- sections ------------------------------------------------------------------------------


def set_sections(prs: Any, sections: Sequence[tuple[str, Sequence[Any]]]) -> None:
    """Write PowerPoint sections (``p14:sectionLst``) from ``[(name, [slide, ...]), ...]``.

    The sections, concatenated, must list every slide of ``prs`` exactly once in deck order
    (ValueError otherwise); empty sections are allowed. An empty ``sections`` removes the list.
    Section ids are derived from position and name, so output is deterministic.
    """
    pres = prs.part._element
    id_by_part = {prs.part.related_part(s.rId): s.id for s in pres.get_or_add_sldIdLst().sldId_lst}
    deck = list(id_by_part.values())
    listed = [id_by_part.get(slide.part) for _, slides in sections for slide in slides]
    if sections and listed != deck:
        raise ValueError("sections must list every slide exactly once, in deck order")
    extLst = pres.find(qn("p:extLst"))
    if extLst is not None:
        for ext in extLst.findall(qn("p:ext")):
            if ext.get("uri") == SECTION_EXT_URI:
                extLst.remove(ext)
        if len(extLst) == 0:
            pres.remove(extLst)
            extLst = None
    if not sections:
        return
    if extLst is None:
        extLst = _el("p:extLst")
        pres.append(extLst)  # p:extLst is the last child of p:presentation
    ext = _el("p:ext", uri=SECTION_EXT_URI)
    section_lst = ext.makeelement(f"{{{P14}}}sectionLst", nsmap={"p14": P14})
    for index, (name, slides) in enumerate(sections):
        section_id = uuid.uuid5(uuid.NAMESPACE_URL, f"md2pptx-section:{index}:{name}")
        section = section_lst.makeelement(
            f"{{{P14}}}section", {"name": name, "id": f"{{{str(section_id).upper()}}}"}
        )
        ids = section.makeelement(f"{{{P14}}}sldIdLst", {})
        for slide in slides:
            ids.append(ids.makeelement(f"{{{P14}}}sldId", {"id": str(id_by_part[slide.part])}))
        section.append(ids)
        section_lst.append(section)
    ext.append(section_lst)
    extLst.insert(0, ext)
