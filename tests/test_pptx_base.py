"""python-pptx foundation: clean presentation, XML helpers and the pptx_fast speed patch.

Every deck is saved, re-opened with python-pptx and checked with openxml-audit (0 errors).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from conftest import assert_valid_pptx
from PIL import Image
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.util import Pt

from converter.render.pptx import fast as pptx_fast
from converter.render.pptx.base import (
    new_presentation,
    parse_date,
    set_core_properties,
    strip_unused_layouts,
)
from converter.render.pptx.xml import (
    P14,
    SECTION_EXT_URI,
    add_run_hyperlink,
    add_slide_jump,
    set_background_color,
    set_background_picture,
    set_bullet,
    set_hidden,
    set_no_bullet,
    set_numbered,
    set_sections,
    set_transition,
)

W169, W43, H = 12192000, 9144000, 6858000
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"


def save(prs: Any, tmp_path: Path, name: str = "deck.pptx") -> Path:
    path = tmp_path / name
    prs.save(path)
    assert_valid_pptx(path)
    return path


def image(fmt: str, color: tuple[int, int, int], size: tuple[int, int] = (16, 9)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, color).save(buf, fmt)
    return buf.getvalue()


def body_slide(prs: Any, title: str = "Title") -> Any:
    slide = prs.slides.add_slide(prs.slide_layouts.get_by_name("Title and Content"))
    slide.shapes.title.text = title
    return slide


# --- pptx_base ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("width", "height", "size_type"),
    [(W169, H, None), (W43, H, "screen4x3"), (9144000, 5143500, "screen16x9")],
)
def test_size_and_scaled_placeholders(
    tmp_path: Path, width: int, height: int, size_type: str | None
) -> None:
    prs = new_presentation(width, height)
    body_slide(prs).notes_slide.notes_text_frame.text = "notes"
    prs = Presentation(save(prs, tmp_path))
    assert (prs.slide_width, prs.slide_height) == (width, height)
    assert prs.part._element.sldSz.get("type") == size_type
    title = prs.slide_layouts.get_by_name("Title and Content").placeholders[0]
    assert abs(title.left + title.width / 2 - width / 2) <= 0.01 * width
    assert title.top >= 0 and title.top + title.height <= height
    for src in [prs.slide_master, *prs.slide_layouts]:
        for shape in src.shapes:
            xfrm = shape._element.find(f"{qn('p:spPr')}/{A}xfrm")
            if xfrm is None:
                continue  # inherited position: must stay inherited
            assert xfrm.find(f"{A}off") is not None and xfrm.find(f"{A}ext") is not None
            assert shape.left + shape.width <= width * 1.01, shape.name
            assert shape.top + shape.height <= height * 1.01, shape.name
    # the layout title inherits from the master (no partial xfrm was written)
    assert title._element.find(f"{qn('p:spPr')}/{A}xfrm") is None
    # notes master: listed in presentation.xml, slide image has the slide's aspect ratio
    lst = prs.part._element.find(qn("p:notesMasterIdLst"))
    assert lst is not None
    assert prs.part.related_part(lst[0].get(qn("r:id"))) is prs.notes_master.part
    img = next(s for s in prs.notes_master.placeholders if s.name.startswith("Slide Image"))
    assert img.width / img.height == pytest.approx(width / height, rel=1e-3)


def test_no_template_leftovers(tmp_path: Path) -> None:
    path = save(new_presentation(W169, H), tmp_path)
    with zipfile.ZipFile(path) as zf:
        names = zf.namelist()
        meta = zf.read("docProps/core.xml").decode() + zf.read("docProps/app.xml").decode()
        view = zf.read("ppt/viewProps.xml").decode()
    assert len(names) == len(set(names))
    assert not [n for n in names if "thumbnail" in n or "printerSettings" in n]
    # (timestamps left out: "16:54:30" holds "4:3", and today is no leftover)
    undated = re.sub(r">\d{4}-\d\d-\d\dT[\d:.]+Z?<", "><", meta)
    for stale in ("python-pptx", "Steve Canny", "Macintosh", "2013-", "4:3"):
        assert stale not in undated
    assert "<Application>md2pptx</Application>" in meta
    assert "<PresentationFormat>Widescreen</PresentationFormat>" in meta
    assert '<p:guide pos="3840"/>' in view  # vertical guide moved to the 16:9 centre
    cp = Presentation(path).core_properties
    assert (cp.comments, cp.last_modified_by, cp.revision) == ("", "md2pptx", 1)
    assert (cp.title, cp.subject, cp.keywords) == ("", "", "")
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    assert abs((cp.created - now).total_seconds()) < 120
    assert cp.created == cp.modified and cp.created.microsecond == 0


def test_set_core_properties(tmp_path: Path) -> None:
    prs = new_presentation(W169, H)
    set_core_properties(prs, "Deck – “q” £", "Ada", "Subj", ["a", " b ", ""], "2024-05-01")
    cp = Presentation(save(prs, tmp_path)).core_properties
    assert (cp.title, cp.author, cp.subject, cp.keywords) == ("Deck – “q” £", "Ada", "Subj", "a; b")
    assert cp.created == dt.datetime(2024, 5, 1)
    assert cp.modified.year >= 2025
    set_core_properties(prs, "x" * 300, "", "", [], "not a date")
    assert len(prs.core_properties.title) == 255
    assert prs.core_properties.created.year >= 2025
    assert parse_date("2024-05-01T10:30:00+02:00") == dt.datetime(2024, 5, 1, 8, 30)
    assert parse_date("2024-05-01T10:30:00Z") == dt.datetime(2024, 5, 1, 10, 30)
    assert parse_date(dt.date(2020, 2, 29)) == dt.datetime(2020, 2, 29)
    assert parse_date("") is None and parse_date("31/12/2024") is None


# --- pptx_xml ----------------------------------------------------------------------------------


def test_background_helpers(tmp_path: Path) -> None:
    prs = new_presentation(W169, H)
    pic = image("JPEG", (200, 10, 10))
    slides = [body_slide(prs, f"s{i}") for i in range(3)]
    rid = set_background_picture(slides[0], pic)
    set_background_picture(slides[0], pic)  # replaced, not duplicated
    set_background_picture(slides[1], pic)
    set_background_color(slides[2], "#1a2B3c")
    with pytest.raises(ValueError):
        set_background_color(slides[2], "red")
    prs = Presentation(save(prs, tmp_path))
    s0, s1, s2 = prs.slides
    csld = s0._element.find(qn("p:cSld"))
    assert csld[0].tag == qn("p:bg") and len(csld.findall(qn("p:bg"))) == 1
    blip = csld[0].find(f".//{A}blip")
    assert blip.get(qn("r:embed")) == rid
    assert s0.part.related_part(rid).blob == pic
    assert s0.part.related_part(rid) is s1.part.related_part(
        s1._element.find(f".//{A}blip").get(qn("r:embed"))
    )
    bg2 = s2._element.find(qn("p:cSld"))[0]
    assert bg2.tag == qn("p:bg") and bg2.find(f".//{A}srgbClr").get("val") == "1A2B3C"


def test_bullet_helpers(tmp_path: Path) -> None:
    prs = new_presentation(W169, H)
    tf = body_slide(prs).shapes.add_textbox(0, 0, 3000000, 2000000).text_frame
    p0 = tf.paragraphs[0]
    p0.line_spacing = 1.2  # a:lnSpc must stay first
    p0.font.size = Pt(20)  # a:defRPr must stay after the bullet
    p0.add_run().text = "bullet"
    set_numbered(p0, "romanUcPeriod", 3, 1)
    set_bullet(p0, "–", level=1, indent_emu=600000, hanging_emu=300000, color_hex="FF0000")
    p1, p2, p3 = tf.add_paragraph(), tf.add_paragraph(), tf.add_paragraph()
    set_bullet(p3, "•", 0, 100, 200)  # hanging beyond the left margin: clamped
    set_bullet(p1, "•")
    set_numbered(p1, "alphaLcParenR", 2, 0)
    set_no_bullet(p2, 457200)
    with pytest.raises(ValueError):
        set_numbered(p2, "arabic")
    with pytest.raises(ValueError):
        set_bullet(p2, "•", level=9)
    tf = Presentation(save(prs, tmp_path)).slides[0].shapes[-1].text_frame
    q0, q1, q2, q3 = (p._p.pPr for p in tf.paragraphs)
    assert (q3.get("marL"), q3.get("indent")) == ("100", "-100")
    assert [c.tag.split("}")[1] for c in q0] == ["lnSpc", "buClr", "buFont", "buChar", "defRPr"]
    assert (q0.get("lvl"), q0.get("marL"), q0.get("indent")) == ("1", "600000", "-300000")
    assert q0.find(f"{A}buChar").get("char") == "–"
    assert [c.tag.split("}")[1] for c in q1] == ["buAutoNum"]
    assert dict(q1.find(f"{A}buAutoNum").attrib) == {"type": "alphaLcParenR", "startAt": "2"}
    assert [c.tag.split("}")[1] for c in q2] == ["buNone"]
    assert (q1.get("lvl"), q1.get("marL"), q1.get("indent")) == (None, "342900", "-342900")
    assert (q2.get("marL"), q2.get("indent")) == ("457200", "0")


def test_slide_state_helpers(tmp_path: Path) -> None:
    prs = new_presentation(W169, H)
    a, b, c = (body_slide(prs, t) for t in "abc")
    set_hidden(b)
    set_hidden(c)
    set_hidden(c, False)
    set_transition(a, "fade", "slow")
    set_transition(a, "push", "fast", {"dir": "l"})  # replaces the first one
    set_transition(b, "zoom")
    set_transition(b, "none")
    with pytest.raises(ValueError):
        set_transition(c, "fade", "medium")
    with pytest.raises(ValueError):
        set_transition(c, "morph")
    a, b, c = Presentation(save(prs, tmp_path)).slides
    assert (a._element.get("show"), b._element.get("show"), c._element.get("show")) == (
        None,
        "0",
        None,
    )
    tags = [child.tag for child in a._element]
    assert tags == [qn("p:cSld"), qn("p:clrMapOvr"), qn("p:transition")]
    tr = a._element.find(qn("p:transition"))
    assert tr.get("spd") == "fast" and tr[0].tag == qn("p:push") and tr[0].get("dir") == "l"
    assert b._element.find(qn("p:transition")) is None


def test_link_helpers(tmp_path: Path) -> None:
    prs = new_presentation(W169, H)
    first, second = body_slide(prs, "one"), body_slide(prs, "two")
    para = first.placeholders[1].text_frame.paragraphs[0]
    ext, jump = para.add_run(), para.add_run()
    ext.text, jump.text = "example.org", "to slide 2"
    url = "https://example.org/a?b=1&c=2"
    ext_rid, jump_rid = add_run_hyperlink(ext, url), add_slide_jump(jump, first, second)
    first, second = Presentation(save(prs, tmp_path)).slides
    rels = first.part.rels
    assert rels[ext_rid].is_external and rels[ext_rid].target_ref == url
    assert rels[jump_rid].reltype == RT.SLIDE and rels[jump_rid].target_part is second.part
    links = first._element.findall(f".//{A}hlinkClick")
    assert [(h.get(qn("r:id")), h.get("action")) for h in links] == [
        (ext_rid, None),
        (jump_rid, "ppaction://hlinksldjump"),
    ]


def test_sections(tmp_path: Path) -> None:
    prs = new_presentation(W169, H)
    s = [body_slide(prs, str(i)) for i in range(4)]
    with pytest.raises(ValueError):
        set_sections(prs, [("A", [s[0], s[2]]), ("B", [s[1], s[3]])])
    with pytest.raises(ValueError):
        set_sections(prs, [("A", s[:3])])
    set_sections(prs, [("Old", s)])
    set_sections(prs, [])  # removes the list (and the then empty extLst)
    assert prs.part._element.find(qn("p:extLst")) is None
    set_sections(prs, [("Old", s)])
    set_sections(prs, [("Intro & “more”", s[:1]), ("Empty", []), ("Rest", s[1:])])
    prs = Presentation(save(prs, tmp_path))
    exts = prs.part._element.findall(f"{qn('p:extLst')}/{qn('p:ext')}")
    assert [e.get("uri") for e in exts] == [SECTION_EXT_URI]
    sections = exts[0].findall(f"{{{P14}}}sectionLst/{{{P14}}}section")
    assert [x.get("name") for x in sections] == ["Intro & “more”", "Empty", "Rest"]
    listed = [int(i.get("id")) for i in exts[0].iter(f"{{{P14}}}sldId")]
    assert listed == [slide.slide_id for slide in prs.slides]
    assert all(re.fullmatch(r"\{[0-9A-F-]{36}\}", x.get("id")) for x in sections)


# --- pptx_fast ---------------------------------------------------------------------------------


def _deck(n: int, pictures: bool = True) -> Any:
    prs = Presentation()
    jpeg = image("JPEG", (10, 120, 200), (64, 36))
    for i in range(n):
        slide = prs.slides.add_slide(prs.slide_layouts[1])
        slide.shapes.title.text = f"Slide {i}"
        slide.placeholders[1].text_frame.text = f"bullet {i}"
        slide.notes_slide.notes_text_frame.text = f"notes {i}"
        if pictures and i % 5 == 0:
            slide.shapes.add_picture(io.BytesIO(jpeg), 0, 0)
        if pictures and i % 10 == 0:
            slide.shapes.add_picture(io.BytesIO(image("PNG", (i // 10, 50, 0))), 0, 0)
    return prs


def test_fast_patch_builds_large_deck(tmp_path: Path) -> None:
    pptx_fast.install()
    pptx_fast.install()  # idempotent
    assert pptx_fast.installed()
    path = tmp_path / "big.pptx"
    _deck(300).save(path)
    with zipfile.ZipFile(path) as zf:
        names = zf.namelist()
    assert len(names) == len(set(names))
    media = sorted(n for n in names if n.startswith("ppt/media/"))
    assert len([n for n in media if n.endswith(".jpg")]) == 1  # the repeated JPEG: one part
    assert len([n for n in media if n.endswith(".png")]) == 30  # distinct PNGs: distinct parts
    assert len([n for n in names if re.fullmatch(r"ppt/notesSlides/notesSlide\d+\.xml", n)]) == 300
    prs = Presentation(path)
    assert len(prs.slides) == 300
    ids = [s.slide_id for s in prs.slides]
    assert ids == sorted(set(ids))
    for i in (0, 1, 150, 299):
        slide = prs.slides[i]
        assert slide.shapes.title.text == f"Slide {i}"
        assert slide.notes_slide.notes_text_frame.text == f"notes {i}"
    assert_valid_pptx(path)


def _blobs(prs: Any) -> dict[str, bytes]:
    buf = io.BytesIO()
    prs.save(buf)
    with zipfile.ZipFile(buf) as zf:
        return {n: zf.read(n) for n in zf.namelist() if n != "docProps/core.xml"}


def test_fast_patch_output_equals_unpatched() -> None:
    pptx_fast.install()
    patched = _blobs(_deck(12))
    pptx_fast.uninstall()
    try:
        assert not pptx_fast.installed()
        plain = _blobs(_deck(12))
    finally:
        pptx_fast.install()
    assert patched.keys() == plain.keys()
    assert [n for n in plain if patched[n] != plain[n]] == []


def test_strip_unused_layouts(tmp_path: Path) -> None:
    prs = new_presentation(W169, H)
    prs.slides.add_slide(prs.slide_layouts.get_by_name("Title Only"))
    removed = strip_unused_layouts(prs, {"Title and Content", "Blank"})
    assert "Title Only" not in removed and "Two Content" in removed
    names = [layout.name for layout in Presentation(save(prs, tmp_path)).slide_layouts]
    assert names == ["Title and Content", "Title Only", "Blank"]
