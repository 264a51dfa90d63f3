"""Corporate templates (`--template` / `--reference-doc`): the tests build their own reference
decks with python-pptx (renamed and reordered layouts, a missing layout, brand colours and fonts,
a logo on the master, 4:3, a .potx) and read the outputs back."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from conftest import SOFFICE, assert_valid_pptx, soffice_convert
from PIL import Image
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pypdf import PdfReader

from converter.api import convert
from converter.cli.main import main
from converter.diagnostics import ConversionError
from converter.template.reference import TEMPLATE_CT, load_template
from converter.template.theme import template_theme

BRAND_DK1 = "1F2A44"
BRAND_LT1 = "FFF8E7"
BRAND_ACCENT = "E4572E"
BRAND_LINK = "0B7A75"
MAJOR = "Brand Serif"
MINOR = "Brand Sans"

DECK = """\
# Quarterly review

Acme Corp

---

## Agenda

- Results
- Outlook

---

## Intermission

---

## Photo and words

![chart](chart.png)

The chart shows [growth](https://example.com).

---

<!-- .slide: data-layout="comparison" -->
## Chosen layout

Some text

---

<!-- .slide: data-layout="No Such Layout" -->
## Unknown layout

More text

---

<!-- .slide: data-background-color="#336699" -->
![chart](chart.png)
"""


def _logo_png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 20), (228, 87, 46)).save(out, "PNG")
    return out.getvalue()


def _brand_theme(xml: bytes) -> bytes:
    text = xml.decode("utf-8")
    for name, value in (("dk1", BRAND_DK1), ("lt1", BRAND_LT1), ("accent1", BRAND_ACCENT),
                        ("hlink", BRAND_LINK)):
        text = re.sub(rf"<a:{name}>.*?</a:{name}>",
                      f'<a:{name}><a:srgbClr val="{value}"/></a:{name}>', text, flags=re.S)
    text = re.sub(r'(<a:majorFont>\s*<a:latin typeface=")[^"]*"', rf'\g<1>{MAJOR}"', text)
    text = re.sub(r'(<a:minorFont>\s*<a:latin typeface=")[^"]*"', rf'\g<1>{MINOR}"', text)
    return text.encode("utf-8")


def build_template(path: Path, potx: bool = False) -> Path:
    """A 4:3 brand template: layouts renamed and reordered, "Two Content" removed, brand
    colours and fonts, a logo on the master, one slide the output must not keep."""
    prs = Presentation()  # 4:3
    master = prs.slide_master
    layouts = master.slide_layouts
    for layout in list(layouts):
        if layout.name == "Two Content":
            layouts.remove(layout)
        elif layout.name == "Title and Content":
            layout.name = "TITLE AND CONTENT"
    id_lst = master._element.find(qn("p:sldLayoutIdLst"))
    ids = list(id_lst)
    id_lst.remove(ids[0])
    id_lst.append(ids[0])  # "Title Slide" last
    theme = master.part.part_related_by(RT.THEME)
    theme._blob = _brand_theme(theme.blob)
    _part, rid = master.part.get_or_add_image_part(io.BytesIO(_logo_png()))
    pic = (
        '<p:pic xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<p:nvPicPr><p:cNvPr id="99" name="Brand Logo"/><p:cNvPicPr/><p:nvPr/></p:nvPicPr>'
        f'<p:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch></p:blipFill>'
        '<p:spPr><a:xfrm><a:off x="8001000" y="6172200"/><a:ext cx="914400" cy="457200"/>'
        '</a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>'
    )
    from lxml import etree

    master.shapes._spTree.append(etree.fromstring(pic))
    slide = prs.slides.add_slide(prs.slide_layouts[0])
    slide.shapes.title.text = "Template leftover"
    out = io.BytesIO()
    prs.save(out)
    data = out.getvalue()
    if potx:
        data = _retype(data)
    path.write_bytes(data)
    return path


def _retype(data: bytes) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            blob = src.read(info.filename)
            if info.filename == "[Content_Types].xml":
                blob = blob.replace(b"presentationml.presentation.main+xml",
                                    b"presentationml.template.main+xml")
            dst.writestr(info.filename, blob)
    return out.getvalue()


@pytest.fixture
def deck(tmp_path: Path) -> Path:
    Image.new("RGB", (400, 300), (30, 120, 200)).save(tmp_path / "chart.png")
    path = tmp_path / "talk.md"
    path.write_text(DECK, encoding="utf-8")
    return path


def _layouts(prs: Any) -> list[str]:
    return [slide.slide_layout.name for slide in prs.slides]


def _ph(shape: Any) -> tuple[str | None, int]:
    ph = shape._element.find(f".//{qn('p:nvPr')}/{qn('p:ph')}")
    assert ph is not None, shape.name
    return ph.get("type"), int(ph.get("idx", "0"))


@pytest.mark.parametrize("potx", [False, True])
def test_template_layouts_placeholders_logo_and_colours(
    tmp_path: Path, deck: Path, potx: bool
) -> None:
    template = build_template(tmp_path / ("brand.potx" if potx else "brand.pptx"), potx)
    if potx:
        assert TEMPLATE_CT.encode() in zipfile.ZipFile(template).read("[Content_Types].xml")
    out = tmp_path / "talk.pptx"
    result = convert(deck, [out], template=template)
    assert_valid_pptx(out)
    ctypes = zipfile.ZipFile(out).read("[Content_Types].xml")
    assert b"presentation.main+xml" in ctypes and b"template.main" not in ctypes
    prs = Presentation(str(out))
    assert (prs.slide_width, prs.slide_height) == (9144000, 6858000)
    assert len(prs.slides) == 7  # the template's own slide is gone
    assert _layouts(prs) == [
        "Title Slide", "TITLE AND CONTENT", "Section Header", "Content with Caption",
        "Comparison", "TITLE AND CONTENT", "Blank",
    ]
    slides = list(prs.slides)
    title_ph = [s for s in slides[0].shapes if s.is_placeholder]  # the number: issue 16's test
    assert {_ph(s) for s in title_ph} - {("sldNum", 12)} == {("ctrTitle", 0), ("subTitle", 1)}
    assert slides[0].shapes.title.text_frame.text == "Quarterly review"
    assert _ph(slides[1].shapes.title) == ("title", 0)
    body = [s for s in slides[1].shapes if s.is_placeholder and s != slides[1].shapes.title
            and _ph(s)[0] != "sldNum"]  # fmt: skip
    assert len(body) == 1 and _ph(body[0]) == (None, 1)
    assert "Results" in body[0].text_frame.text
    caption = {_ph(s) for s in slides[3].shapes if s.is_placeholder} - {("sldNum", 12)}
    assert caption == {("title", 0), (None, 1), ("body", 2)}
    pic = [s for s in slides[3].shapes if s.shape_type is not None and s.name.startswith("Pic")]
    assert pic and _ph(pic[0]) == (None, 1)
    # the master's logo is inherited (the slides carry none of their own)
    master = prs.slide_master
    assert any(s.name == "Brand Logo" for s in master.shapes)
    assert not any(s.name == "Brand Logo" for s in slides[1].shapes)
    # no background where the deck sets none: the master's shows; the deck's still applies
    assert slides[1]._element.find(f"{qn('p:cSld')}/{qn('p:bg')}") is None
    assert slides[6]._element.find(f"{qn('p:cSld')}/{qn('p:bg')}") is not None
    xml = zipfile.ZipFile(out).read("ppt/slides/slide2.xml").decode()
    # the text inherits tx1/dk1 and the theme fonts from the master's text styles (issue 16):
    # its runs state no colour, face or size
    runs = re.findall(r"<a:rPr [^>]*/>|<a:rPr [^>]*>.*?</a:rPr>", xml)
    assert runs and not [r for r in runs if "solidFill" in r or "latin" in r or "sz=" in r]
    master_xml = zipfile.ZipFile(out).read("ppt/slideMasters/slideMaster1.xml").decode()
    assert 'typeface="+mj-lt"' in master_xml and 'typeface="+mn-lt"' in master_xml
    assert '<a:schemeClr val="tx1"/>' in master_xml
    link_xml = zipfile.ZipFile(out).read("ppt/slides/slide4.xml").decode()
    # the link in the template's hyperlink colour, as a theme colour reference (issue 16)
    assert '<a:schemeClr val="hlink"/>' in link_xml and f'val="{BRAND_LINK}"' not in link_xml
    warnings = [d.message for d in result.warnings if d.code == "template"]
    assert any("No Such Layout" in w for w in warnings)


def test_missing_layout_warns_and_uses_the_built_in_equivalent(tmp_path: Path) -> None:
    template = build_template(tmp_path / "brand.pptx")
    Image.new("RGB", (200, 200), (1, 2, 3)).save(tmp_path / "a.png")
    source = tmp_path / "two.md"
    source.write_text(
        "## Two\n\n<div style=\"display:flex\">\n\n![a](a.png) ![a](a.png)\n\n</div>\n",
        encoding="utf-8",
    )
    out = tmp_path / "two.pptx"
    from converter.layout.boxes import LaidOutSlide, PictureBox, TextBox
    from converter.layout.template_slides import slide_kind

    title = TextBox(10, 10, 100, 20, (), "title")
    two = LaidOutSlide(None, (title, PictureBox(0, 50, 100, 100, None),  # type: ignore[arg-type]
                              PictureBox(200, 50, 100, 100, None)), None, ())  # type: ignore[arg-type]
    assert slide_kind(1, two) == "two"
    loaded = load_template(template)
    from converter.template.choice import layout_choice

    choice = layout_choice(loaded, "two")
    assert choice.layout is not None and choice.layout.name == "TITLE AND CONTENT"
    assert choice.warnings and "Two Content" in choice.warnings[0]
    convert(source, [out], template=template)
    assert_valid_pptx(out)


def test_template_theme_reads_the_brand(tmp_path: Path) -> None:
    loaded = load_template(build_template(tmp_path / "brand.pptx"))
    theme = template_theme(loaded)
    assert theme.main_color.hex.upper() == f"#{BRAND_DK1}"
    assert theme.background.hex.upper() == f"#{BRAND_LT1}"
    assert theme.link_color.hex.upper() == f"#{BRAND_LINK}"
    assert theme.heading_font[0] == MAJOR and theme.main_font[0] == MINOR
    assert [lay.name for lay in loaded.layouts][-1] == "Title Slide"
    assert loaded.layout("title and content") is not None


def test_explicit_theme_wins_over_the_template(tmp_path: Path, deck: Path) -> None:
    template = build_template(tmp_path / "brand.pptx")
    out = tmp_path / "t.pptx"
    convert(deck, [out], template=template, theme="black")
    xml = zipfile.ZipFile(out).read("ppt/slides/slide2.xml").decode()
    assert f'val="{BRAND_DK1}"' not in xml and "<p:bg>" in xml
    assert_valid_pptx(out)


def test_pdf_and_handout_follow_the_template(tmp_path: Path, deck: Path) -> None:
    template = build_template(tmp_path / "brand.pptx")
    pdf, handout = tmp_path / "t.pdf", tmp_path / "h.pdf"
    convert(deck, [pdf], handout_outputs=[handout], template=template)
    reader = PdfReader(str(pdf))
    assert len(reader.pages) == 7
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (720, 540)
    assert len(PdfReader(str(handout)).pages) >= 1


def test_bad_templates_are_clear_errors(tmp_path: Path, deck: Path) -> None:
    broken = tmp_path / "broken.potx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(ConversionError) as caught:
        convert(deck, [tmp_path / "o.pptx"], template=broken)
    assert "cannot use the template" in str(caught.value.diagnostics[-1].message)
    notdeck = tmp_path / "doc.pptx"
    with zipfile.ZipFile(notdeck, "w") as zf:
        zf.writestr("[Content_Types].xml", '<Types xmlns="http://schemas.openxmlformats.org/'
                    'package/2006/content-types"/>')
    with pytest.raises(ConversionError):
        convert(deck, [tmp_path / "o.pptx"], template=notdeck)
    assert not (tmp_path / "o.pptx").exists()


def test_check_template_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    template = build_template(tmp_path / "brand.potx", potx=True)
    assert main(["--check-template", str(template)]) == 0
    out = capsys.readouterr().out
    assert "TITLE AND CONTENT: title#0, obj#1" in out
    assert "title and two columns: TITLE AND CONTENT" in out
    assert f"headings {MAJOR}, body {MINOR}" in out
    bad = tmp_path / "bad.pptx"
    bad.write_text("nope")
    assert main(["--check-template", str(bad)]) == 1
    assert "cannot use the template" in capsys.readouterr().err


def test_reference_doc_alias_from_the_cli(tmp_path: Path, deck: Path) -> None:
    template = build_template(tmp_path / "brand.potx", potx=True)
    out = tmp_path / "cli.pptx"
    assert main([str(deck), "-o", str(out), "--reference-doc", str(template), "-q"]) == 0
    assert _layouts(Presentation(str(out)))[0] == "Title Slide"


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not on PATH")
def test_libreoffice_opens_templated_output(tmp_path: Path, deck: Path) -> None:
    assert SOFFICE is not None
    outputs = []
    for potx in (False, True):
        template = build_template(tmp_path / ("brand.potx" if potx else "brand.pptx"), potx)
        out = tmp_path / f"talk-{int(potx)}.pptx"
        convert(deck, [out], template=template)
        outputs.append(out)
    profile = tmp_path / "profile"
    done = soffice_convert(outputs, "pdf", tmp_path / "pdf", profile)
    for out in outputs:
        pdf = tmp_path / "pdf" / f"{out.stem}.pdf"
        assert pdf.is_file(), done.stderr.decode(errors="replace")[-1000:]
        assert len(PdfReader(str(pdf)).pages) == 7


def test_content_stays_inside_the_layout_content_area(tmp_path: Path, deck: Path) -> None:
    template = build_template(tmp_path / "brand.pptx")
    area = load_template(template).content_area
    assert area == (457200, 274638, 8229600, 5851525)  # python-pptx's title and body boxes
    out = tmp_path / "area.pptx"
    convert(deck, [out], template=template)
    left, top, width, height = area
    for slide in Presentation(str(out)).slides:
        for shape in slide.shapes:
            if shape.name.startswith("Slide Number"):
                continue
            assert left - 1 <= shape.left and shape.left + shape.width <= left + width + 1
            assert top - 1 <= shape.top and shape.top + shape.height <= top + height + 1


def test_pdf_draws_the_master_logo(tmp_path: Path, deck: Path) -> None:
    template = build_template(tmp_path / "brand.pptx")
    loaded = load_template(template)
    assert len(loaded.master_art) == 1 and loaded.master_art[0][1][0] == 8001000
    pdf = tmp_path / "logo.pdf"
    convert(deck, [pdf], template=template)
    page = PdfReader(str(pdf)).pages[1]  # "Agenda": no picture of its own
    forms = page["/Resources"]["/XObject"]
    assert len(forms) == 1  # the logo, drawn through one form


def test_two_columns_go_into_the_two_content_placeholders(tmp_path: Path) -> None:
    from converter.diagnostics import Diagnostics
    from converter.layout.boxes import LaidOutSlide, PictureBox, TextBox
    from converter.layout.template_slides import slide_kind
    from converter.render.pptx.template import TemplateLayouts, open_template
    from converter.template.choice import layout_choice

    plain = tmp_path / "plain.pptx"
    Presentation().save(str(plain))  # python-pptx's own layouts, "Two Content" included
    loaded = load_template(plain)
    prs = open_template(loaded)
    assert len(prs.slides) == 0
    layouts = TemplateLayouts(loaded, prs, Diagnostics("t.md"))
    title = TextBox(10, 10, 300, 40, (), "title")
    left = TextBox(10, 80, 140, 100, (), "text")
    right = PictureBox(200, 80, 140, 100, None)
    from converter.model import Slide

    slide = Slide(number=2, h=1, v=0, line=1, blocks=())
    laid = LaidOutSlide(slide, (title, left, right), None, ())  # type: ignore[arg-type]
    assert slide_kind(0, laid) == "two"
    laid = replace(laid, template_layout=layout_choice(loaded, "two").layout)
    assert layouts.layout_for(laid).name == "Two Content"
    assert layouts.placeholders(0, laid) == {0: 'type="title"', 1: 'idx="1"', 2: 'idx="2"'}


def test_oversized_template_is_refused_and_watch_follows_the_template(
    tmp_path: Path, deck: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from converter.cli.batch import Job, run_job
    from converter.template import reference as template_module
    from converter.template.reference import TemplateError

    template = build_template(tmp_path / "brand.pptx")
    job = Job(deck, (tmp_path / "w.pptx",), (), options={"template": template})
    assert template.resolve() in run_job(job).watched
    monkeypatch.setattr(template_module, "MAX_UNPACKED_BYTES", 1000)
    with pytest.raises(TemplateError, match="unpacks to more than"):
        load_template(template)


def test_gradient_master_background_reaches_the_pdf(tmp_path: Path, deck: Path) -> None:
    """A master whose background is a gradient (top red to bottom blue): the PPTX inherits it
    (no slide background of its own) and the PDF draws it, red at the top, blue at the bottom."""
    from lxml import etree

    template = build_template(tmp_path / "brand.pptx")
    prs = Presentation(str(template))
    c_sld = prs.slide_master._element.find(qn("p:cSld"))
    old = c_sld.find(qn("p:bg"))
    if old is not None:
        c_sld.remove(old)
    c_sld.insert(0, etree.fromstring(
        '<p:bg xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><p:bgPr>'
        '<a:gradFill><a:gsLst><a:gs pos="0"><a:srgbClr val="FF0000"/></a:gs>'
        '<a:gs pos="100000"><a:srgbClr val="0000FF"/></a:gs></a:gsLst>'
        '<a:lin ang="5400000" scaled="0"/></a:gradFill><a:effectLst/></p:bgPr></p:bg>'))
    prs.save(str(template))
    loaded = load_template(template)
    assert loaded.master_gradient is not None
    pdf, pptx = tmp_path / "g.pdf", tmp_path / "g.pptx"
    convert(deck, [pdf, pptx], template=template)
    slide = Presentation(str(pptx)).slides[1]
    assert slide._element.find(qn("p:cSld")).find(qn("p:bg")) is None  # inherits the master
    assert len(PdfReader(str(pdf)).pages) == 7
    png = tmp_path / "g"
    subprocess.run(["pdftoppm", "-png", "-r", "20", "-f", "2", "-l", "2", str(pdf), str(png)],
                   check=True)
    image = Image.open(next(tmp_path.glob("g-*.png"))).convert("RGB")
    top, bottom = image.getpixel((2, 1)), image.getpixel((2, image.height - 2))
    assert top[0] > 200 and top[2] < 60, top
    assert bottom[2] > 200 and bottom[0] < 60, bottom


def test_a_slide_number_field_in_the_master_art_shows_each_slides_number(tmp_path: Path) -> None:
    """A master text shape (not a placeholder) holding "Page" and a slide-number field: each
    page of our PDF shows its own number there, as PowerPoint and LibreOffice do."""
    import pymupdf
    from lxml import etree

    prs = Presentation()
    a = "http://schemas.openxmlformats.org/drawingml/2006/main"
    p = "http://schemas.openxmlformats.org/presentationml/2006/main"
    shape = (f'<p:sp xmlns:p="{p}" xmlns:a="{a}"><p:nvSpPr><p:cNvPr id="90" name="Pager"/>'
             '<p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr><p:spPr><a:xfrm><a:off x="457200" '
             'y="6126480"/><a:ext cx="2743200" cy="365760"/></a:xfrm><a:prstGeom prst="rect">'
             '<a:avLst/></a:prstGeom></p:spPr><p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:r>'
             '<a:rPr lang="en-US" sz="1200"/><a:t>Page </a:t></a:r><a:fld id="{B6F15528-21DE-'
             '4FAA-801E-634DDDAF4B2B}" type="slidenum"><a:rPr lang="en-US" sz="1200"/>'
             "<a:t>&lt;number&gt;</a:t></a:fld></a:p></p:txBody></p:sp>")  # fmt: skip
    prs.slide_master.shapes._spTree.append(etree.fromstring(shape))
    template = tmp_path / "pager.pptx"
    prs.save(str(template))
    source = tmp_path / "talk.md"
    deck = "## One\n\n- a\n\n---\n\n## Two\n\n- b\n\n---\n\n## Three\n"
    source.write_text(deck, encoding="utf-8")
    pdf = tmp_path / "talk.pdf"
    convert(source, [pdf], template=template)
    with pymupdf.open(pdf) as doc:
        texts = [page.get_text() for page in doc]
    assert all(f"Page {n}" in text for n, text in enumerate(texts, 1)), texts
    assert not any("<number>" in text for text in texts)
