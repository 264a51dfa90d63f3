"""Templates as offices have them (issue 16): LibreOffice's own presentation templates (.otp,
converted to .pptx by soffice at test time, once per session, never committed) and
python-pptx-built templates with German and French layout names. Layouts are chosen by type,
placeholders and names, on the right master; the outputs are read back with python-pptx."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

import pytest
from conftest import SOFFICE, assert_valid_pptx, soffice_convert
from pptx import Presentation
from pptx.oxml.ns import qn

from converter.api import convert
from converter.cli.main import main
from converter.template.choice import layout_choice
from converter.template.reference import load_template
from converter.text.office import is_linux_only

PRESNT = Path("/usr/lib/libreoffice/share/template/common/presnt")
LO_TEMPLATES = ("Blueprint_Plans", "Focus", "Vivid")

DECK = """\
---
slideNumber: true
---

# Quarterly review

Acme Corp

---

## Agenda

- Results are good
- Outlook is better

---

## Intermission

---

## Details

Some words in a paragraph, **bold** where the deck says so.

---

<!-- .slide: data-background-color="#ffffff" -->
Just text, no title
"""

GERMAN = {
    "Title Slide": "Titelfolie",
    "Title and Content": "Titel und Inhalt",
    "Section Header": "Abschnittsüberschrift",
    "Two Content": "Zwei Inhalte",
    "Comparison": "Vergleich",
    "Title Only": "Nur Titel",
    "Blank": "Leer",
}
FRENCH = {
    "Title Slide": "Diapositive de titre",
    "Title and Content": "Titre et contenu",
    "Section Header": "En-tête de section",
    "Two Content": "Deux contenus",
    "Comparison": "Comparaison",
    "Title Only": "Titre seul",
    "Blank": "Vide",
}


def localised_template(path: Path, names: dict[str, str], keep_types: bool) -> Path:
    """python-pptx's default template with its layouts renamed (and, without `keep_types`,
    their `type` attributes removed, so only names and placeholders tell them apart)."""
    prs = Presentation()
    for layout in prs.slide_layouts:
        if layout.name in names:
            layout.name = names[layout.name]
        if not keep_types:
            layout._element.attrib.pop("type", None)
    prs.save(str(path))
    return path


def _ph(shape: Any) -> tuple[str | None, int] | None:
    ph = shape._element.find(f".//{qn('p:nvPr')}/{qn('p:ph')}")
    return None if ph is None else (ph.get("type"), int(ph.get("idx", "0")))


@pytest.fixture(scope="session")
def lo_templates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """LibreOffice's templates as .pptx, converted once per test session."""
    if SOFFICE is None or not PRESNT.is_dir():
        pytest.skip("LibreOffice (soffice) and its presentation templates are not installed")
    work = tmp_path_factory.mktemp("lo-templates")
    sources = [PRESNT / f"{name}.otp" for name in LO_TEMPLATES]
    done = soffice_convert(sources, "pptx", work, tmp_path_factory.mktemp("lo-profile"))
    found = {name: work / f"{name}.pptx" for name in LO_TEMPLATES}
    missing = [name for name, path in found.items() if not path.is_file()]
    assert not missing, done.stderr.decode(errors="replace")[-1000:]
    for path in found.values():
        _office_fonts(path)
    return found


def _office_fonts(path: Path) -> None:
    """LibreOffice on Linux writes the faces it resolved (DejaVu Sans): an office's copy of the
    template names Arial. Rewritten in place, so the suite's check for Linux-only font names
    holds for every output made from it."""
    with zipfile.ZipFile(path) as src:
        items = [(info, src.read(info.filename)) for info in src.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info, data in items:
            if info.filename.endswith(".xml"):
                data = re.sub(rb'typeface="([^"]*)"', _arial, data)
            dst.writestr(info, data)


def _arial(match: re.Match[bytes]) -> bytes:
    face = match.group(1).decode("utf-8", "replace")
    return b'typeface="Arial"' if is_linux_only(face) else match.group(0)


@pytest.fixture
def deck(tmp_path: Path) -> Path:
    path = tmp_path / "talk.md"
    path.write_text(DECK, encoding="utf-8")
    return path


def _body_placeholder(slide: Any) -> Any:
    for shape in slide.shapes:
        ph = _ph(shape)
        if ph is not None and ph[0] in (None, "body", "subTitle"):
            return shape
    return None


@pytest.mark.parametrize(("names", "keep_types"), [(GERMAN, True), (GERMAN, False),
                                                   (FRENCH, True), (FRENCH, False)])
def test_localised_layout_names(tmp_path: Path, deck: Path, names: dict[str, str],
                                keep_types: bool) -> None:  # fmt: skip
    template = localised_template(tmp_path / "vorlage.pptx", names, keep_types)
    out = tmp_path / "talk.pptx"
    result = convert(deck, [out], template=template)
    assert_valid_pptx(out)
    prs = Presentation(str(out))
    layouts = [slide.slide_layout.name for slide in prs.slides]
    assert layouts == [names["Title Slide"], names["Title and Content"],
                       names["Section Header"], names["Title and Content"], names["Blank"]]
    assert not [d for d in result.warnings if d.code == "template"]
    agenda = _body_placeholder(prs.slides[1])
    assert agenda is not None and "Results are good" in agenda.text_frame.text
    # the body fills its placeholder's box: it inherits the position (no a:xfrm of its own)
    assert agenda._element.find(qn("p:spPr")).find(qn("a:xfrm")) is None
    details = _body_placeholder(prs.slides[3])
    assert details is not None and "Some words" in details.text_frame.text


def test_layout_choice_says_why(tmp_path: Path) -> None:
    typed = load_template(localised_template(tmp_path / "a.pptx", GERMAN, True))
    untyped = load_template(localised_template(tmp_path / "b.pptx", FRENCH, False))
    assert layout_choice(typed, "content").reason == "type obj"
    assert layout_choice(untyped, "content").reason == "named 'Titre et contenu'"
    assert layout_choice(untyped, "two").layout.name == "Deux contenus"  # type: ignore[union-attr]
    # a layout with an unknown name and no type is known by its placeholders
    prs = Presentation()
    for layout in prs.slide_layouts:
        layout._element.attrib.pop("type", None)
        layout.name = f"Firmenlayout {layout.name[:3]}"
    prs.save(str(tmp_path / "c.pptx"))
    odd = load_template(tmp_path / "c.pptx")
    choice = layout_choice(odd, "content")
    assert choice.reason == "a title and one content placeholder"
    assert choice.layout is not None and choice.layout.name == "Firmenlayout Tit"
    blank = layout_choice(odd, "blank")
    assert blank.reason == "no title or content placeholder" and not blank.warnings


def test_check_template_explains_the_choices(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    template = localised_template(tmp_path / "vorlage.pptx", GERMAN, False)
    assert main(["--check-template", str(template)]) == 0
    out = capsys.readouterr().out
    assert "title and text: Titel und Inhalt (named 'Titel und Inhalt')" in out
    assert "Leer: " in out and "blank (named 'Leer')" in out


def test_libreoffice_templates_layouts_and_masters(
    tmp_path: Path, deck: Path, lo_templates: dict[str, Path]
) -> None:
    for name, template in lo_templates.items():
        loaded = load_template(template)
        assert len(loaded.masters) >= 3, name
        out = tmp_path / f"{name}.pptx"
        convert(deck, [out], template=template)
        assert_valid_pptx(out)
        prs = Presentation(str(out))
        masters = list(prs.slide_masters)
        slides = list(prs.slides)
        # the title slide on the master the template's own title slide uses, the rest on the
        # content master
        assert masters.index(slides[0].slide_layout.slide_master) == loaded.title_master, name
        for slide in slides[1:]:
            index = masters.index(slide.slide_layout.slide_master)
            assert index == loaded.content_master, name
        layouts = [slide.slide_layout.name for slide in slides]
        assert layouts[0] == "Title Slide" and layouts[1] == "Title, Content", (name, layouts)
        for slide, text in ((slides[1], "Results are good"), (slides[3], "Some words")):
            body = _body_placeholder(slide)
            assert body is not None and text in body.text_frame.text, name


def test_focus_content_master_is_clear_of_graphics(lo_templates: dict[str, Path]) -> None:
    """Focus has four masters: the title master's art fills the slide; of the three content
    masters the template's slides use, the one whose content area its art covers least."""
    loaded = load_template(lo_templates["Focus"])
    assert loaded.title_master == 0
    assert loaded.content_master == 3
    assert "most clear of master graphics" in loaded.master_reasons[0]


def test_two_content_layout_with_repeated_placeholder_index(
    tmp_path: Path, lo_templates: dict[str, Path]
) -> None:
    """LibreOffice writes every content placeholder as idx 0: both columns still get one."""
    source = tmp_path / "two.md"
    source.write_text("## Two\n\n<div style=\"display:flex\">\n<div>\n\nLeft words\n\n</div>\n"
                      "<div>\n\nRight words\n\n</div>\n</div>\n", encoding="utf-8")  # fmt: skip
    out = tmp_path / "two.pptx"
    convert(source, [out], template=lo_templates["Focus"])
    slide = Presentation(str(out)).slides[0]
    assert slide.slide_layout.name == "Title, 2 Content"
    texts = {s.text_frame.text: _ph(s) for s in slide.shapes if s.has_text_frame}
    assert texts["Left words"] is not None and texts["Right words"] is not None
    assert texts["Two"] == ("title", 0)


def _png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (200, 200), (10, 120, 200)).save(out, "PNG")
    return out.getvalue()


def _runs(shape: Any) -> list[Any]:
    return list(shape._element.iter(qn("a:rPr")))


def _outputs(tmp_path: Path, deck: Path, templates: dict[str, Path]) -> dict[str, Path]:
    found = {}
    for name, template in templates.items():
        out = tmp_path / f"{name}.pptx"
        convert(deck, [out], template=template)
        found[name] = out
    return found


def test_text_inherits_and_numbers_go_into_the_placeholder(
    tmp_path: Path, deck: Path, lo_templates: dict[str, Path]
) -> None:
    templates = dict(lo_templates)
    templates["german"] = localised_template(tmp_path / "vorlage.pptx", GERMAN, True)
    for name, out in _outputs(tmp_path, deck, templates).items():
        assert_valid_pptx(out)
        prs = Presentation(str(out))
        for k, slide in enumerate(prs.slides):
            for shape in slide.shapes:
                ph = _ph(shape)
                if ph is None or not shape.has_text_frame:
                    continue
                for rpr in _runs(shape):  # no size, colour or face the deck did not set
                    assert rpr.get("sz") is None, (name, shape.name)
                    assert rpr.find(qn("a:latin")) is None, (name, shape.name)
                    fill = rpr.find(qn("a:solidFill"))
                    if k < 4:
                        assert fill is None, (name, shape.name)
                    elif fill is not None:  # the last slide sets its own white background:
                        # its number takes reveal's dark text for a light background
                        srgb = fill.find(qn("a:srgbClr"))
                        assert srgb is not None and int(srgb.get("val"), 16) < 0x808080, name
            numbers = [s for s in slide.shapes if s.name.startswith("Slide Number")]
            assert len(numbers) == 1 and _ph(numbers[0]) is not None, name
            ph = _ph(numbers[0])
            assert ph is not None and ph[0] == "sldNum", name
            assert numbers[0]._element.find(qn("p:spPr")).find(qn("a:xfrm")) is None  # inherited
        details = prs.slides[3]
        bold = [r for s in details.shapes for r in _runs(s) if r.get("b") == "1"]
        assert len(bold) == 1, name  # the deck's **bold**, nothing else
        with zipfile.ZipFile(out) as zf:  # LibreOffice's masters get the text styles they show
            masters = [n for n in zf.namelist() if re.fullmatch(r"ppt/slideMasters/\w+\.xml", n)]
            assert all(b"<p:txStyles" in zf.read(n) for n in masters), name


def test_titles_sit_in_the_title_placeholder(
    tmp_path: Path, deck: Path, lo_templates: dict[str, Path]
) -> None:
    """Each title inside its layout's title placeholder, or where the template's own slide on
    that layout puts it (Vivid's title slide moves it)."""
    for name, out in _outputs(tmp_path, deck, lo_templates).items():
        loaded = load_template(lo_templates[name])
        prs = Presentation(str(out))
        masters = list(prs.slide_masters)
        for slide in list(prs.slides)[:4]:  # the fifth has no title
            title = slide.shapes.title
            assert title is not None
            m = masters.index(slide.slide_layout.slide_master)
            lay = next(lay for lay in loaded.layouts
                       if lay.master == m and lay.name == slide.slide_layout.name)  # fmt: skip
            ph = lay.find("ctrTitle", "title")
            assert ph is not None
            box = lay.sample_box(ph)
            assert box is not None
            x, y, w, h = box
            pt = 12700  # a point: layout's rounding
            assert x - pt <= title.left and title.left + title.width <= x + w + pt, name
            assert y - pt <= title.top and title.top + title.height <= y + h + pt, name


def test_pdf_draws_the_number_in_the_placeholder(
    tmp_path: Path, deck: Path, lo_templates: dict[str, Path]
) -> None:
    import pymupdf

    template = lo_templates["Focus"]
    loaded = load_template(template)
    pdf = tmp_path / "focus.pdf"
    convert(deck, [pdf], template=template)
    layout = layout_choice(loaded, "content").layout
    assert layout is not None
    ph = layout.find("sldNum")
    assert ph is not None and ph.box is not None
    x, y, w, h = (v / 12700 for v in ph.box)
    with pymupdf.open(pdf) as doc:
        page = doc[1]
        hits = page.search_for("2")
        inside = [r for r in hits if x - 1 <= r.x0 and r.x1 <= x + w + 1
                  and y - 1 <= r.y0 and r.y1 <= y + h + 1]  # fmt: skip
        assert inside, (hits, (x, y, w, h))
        span = next(s for b in page.get_text("dict")["blocks"] for line in b.get("lines", [])
                    for s in line["spans"] if s["text"].strip() == "2")  # fmt: skip
        assert abs(span["size"] - (ph.looks[0].size or 0)) < 0.2


@pytest.fixture(scope="module")
def lo_rendered(tmp_path_factory: pytest.TempPathFactory,
                lo_templates: dict[str, Path]) -> dict[str, tuple[Path, Path]]:  # fmt: skip
    """For each LibreOffice template: (our PDF, LibreOffice's PDF of our PPTX) of the deck."""
    work = tmp_path_factory.mktemp("lo-rendered")
    source = work / "talk.md"
    source.write_text(DECK, encoding="utf-8")
    pptx = []
    for name, template in lo_templates.items():
        convert(source, [work / f"{name}.pptx", work / f"{name}.pdf"], template=template)
        pptx.append(work / f"{name}.pptx")
    lo_dir = work / "lo"
    lo_dir.mkdir()
    done = soffice_convert(pptx, "pdf", lo_dir, tmp_path_factory.mktemp("lo-profile"))
    assert done.returncode == 0, done.stderr.decode(errors="replace")[-1000:]
    return {name: (work / f"{name}.pdf", lo_dir / f"{name}.pdf") for name in lo_templates}


def _luminance(rgb: tuple[float, ...]) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    """WCAG 2 contrast ratio of two sRGB colours."""
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


# Text below 4.5 where the template's own design puts it, by template and text colour: the
# lowest contrast accepted, as measured in LibreOffice's render of our PPTX, and the template's
# own value. Blueprint: white on its blue grid measures 3.17-4.30 (the bold word 3.17, over
# the grid's lightest part); the template's own sample slide (LibreOffice's PDF of the .otp)
# 3.46-3.55. Focus: the slide number #dddddd on the green corner 3.55, the template's own
# number 3.55; the title slide's white title on red 4.37 (#ffffff on #f10d0c: 4.37). Vivid
# (its sample slides show no text): the title master's subtitle and number colour #dbf5f9 on
# its blue band 2.86-2.89 (the master's colours, #dbf5f9 on #009eda: 2.67), the content
# master's white titles on the band 3.19-3.26 (#ffffff on #009eda: 3.04).
DESIGN = {("Blueprint_Plans", "#ffffff"): 3.1, ("Focus", "#dddddd"): 3.5,
          ("Focus", "#ffffff"): 4.3, ("Vivid", "#dbf5f9"): 2.8,
          ("Vivid", "#ffffff"): 3.1}  # fmt: skip


@pytest.mark.slow
def test_text_is_readable_in_libreoffice(lo_rendered: dict[str, tuple[Path, Path]]) -> None:
    """Every word of the deck LibreOffice draws meets 4.5:1 (WCAG 2 AA, the issue's minimum
    for text) against what lies behind it: the mean of its box in the page drawn without its
    text. Bullets (a symbol face's single private-use character) are graphics: 3:1 (WCAG
    1.4.11). Below that only where the template's own design puts it (`DESIGN`)."""
    import pymupdf

    found: dict[str, float] = {}
    low: dict[str, float] = {}
    for name, (_ours, theirs) in lo_rendered.items():
        with pymupdf.open(theirs) as doc, pymupdf.open(theirs) as bare:
            for page, clean in zip(doc, bare, strict=True):
                pix = _without_text(clean)
                zoom = pix.width / page.rect.width
                for span in _spans(page):
                    text = span["text"].strip()
                    c = span["color"]
                    ink = ((c >> 16) & 255, (c >> 8) & 255, c & 255)
                    box = tuple(round(v * zoom) for v in span["bbox"])
                    ratio = contrast(ink, _mean(pix, box))  # type: ignore[arg-type]
                    key = f"{name} p{page.number + 1} {text!r}"
                    found[key] = ratio
                    bullet = len(text) == 1 and 0xE000 <= ord(text) <= 0xF8FF
                    need = 3.0 if bullet else DESIGN.get((name, f"#{c:06x}"), 4.5)
                    if ratio < need:
                        low[key] = round(ratio, 2)
    print("\nlowest contrast:", sorted((round(v, 2), k) for k, v in found.items())[:8])
    assert found and not low, low


def _spans(page: Any) -> list[dict[str, Any]]:
    return [span for block in page.get_text("dict")["blocks"] for line in block.get("lines", [])
            for span in line["spans"] if span["text"].strip()]  # fmt: skip


def _without_text(page: Any) -> Any:
    """The page drawn at 96 dpi with its text removed (pictures and drawings kept)."""
    import pymupdf

    page.add_redact_annot(page.rect)
    page.apply_redactions(images=pymupdf.PDF_REDACT_IMAGE_NONE,
                          graphics=pymupdf.PDF_REDACT_LINE_ART_NONE)  # fmt: skip
    return page.get_pixmap(dpi=96)


def _mean(pix: Any, box: tuple[int, int, int, int]) -> tuple[float, ...]:
    """The mean colour of `box` (a fine pattern or texture by its average)."""
    x0, y0, x1, y1 = box
    pixels = [pix.pixel(x, y)[:3] for y in range(max(0, y0), min(pix.height, max(y1, y0 + 1)))
              for x in range(max(0, x0), min(pix.width, max(x1, x0 + 1)))]  # fmt: skip
    return tuple(sum(c[i] for c in pixels) / len(pixels) for i in range(3))


@pytest.mark.slow
def test_pdf_agrees_with_libreoffice(lo_rendered: dict[str, tuple[Path, Path]],
                                     tmp_path: Path) -> None:  # fmt: skip
    """Our PDF and LibreOffice's render of our PPTX, 96 px wide: <= 10/255 per slide (the
    agreement test's measure), masters' shapes, pictures and backgrounds included."""
    from test_agreement import LIMIT, difference, rasterise

    # Measured: Blueprint 9.1 at most (its fine grid picture, which LibreOffice writes with a
    # soft mask and poppler samples differently at 96 px), Vivid 9.2 (its title slide: the
    # template's "Source Sans Pro Light" title, a face neither has, falls back to other faces)
    report = []
    for name, (ours, theirs) in lo_rendered.items():
        mine = rasterise(ours, tmp_path / f"ours-{name}")
        other = rasterise(theirs, tmp_path / f"lo-{name}")
        assert len(mine) == len(other) == 5, name
        scores = [difference(a, b) for a, b in zip(mine, other, strict=True)]
        report.append(f"{name}: " + ", ".join(f"{v:.2f}" for v in scores))
        assert max(scores) <= LIMIT, report[-1]
    print("\n" + "\n".join(report))


def test_pdf_draws_master_shapes_and_respects_hidden_master_shapes(tmp_path: Path) -> None:
    """A master with a red bar and a text footer, a layout that hides the master's shapes:
    the PDF draws the bar and the footer under the slides whose layout shows them."""
    import pymupdf
    from lxml import etree

    prs = Presentation()
    master = prs.slide_master
    ns = ('xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
          'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"')  # fmt: skip
    bar = (f'<p:sp {ns}><p:nvSpPr><p:cNvPr id="90" name="Bar"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr>'
           '<p:spPr><a:xfrm><a:off x="0" y="6400800"/><a:ext cx="9144000" cy="457200"/></a:xfrm>'
           '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:solidFill><a:srgbClr val="FF0000"/>'
           '</a:solidFill><a:ln><a:noFill/></a:ln></p:spPr><p:txBody><a:bodyPr anchor="ctr"/>'
           '<a:lstStyle/><a:p><a:pPr algn="ctr"/><a:r><a:rPr lang="en-US" sz="1200">'
           '<a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill></a:rPr><a:t>ACME confidential'
           "</a:t></a:r></a:p></p:txBody></p:sp>")  # fmt: skip
    master.shapes._spTree.append(etree.fromstring(bar))
    blank = next(lay for lay in prs.slide_layouts if lay.name == "Blank")
    blank._element.set("showMasterSp", "0")
    template = tmp_path / "bar.pptx"
    prs.save(str(template))
    source = tmp_path / "talk.md"
    source.write_text("## Agenda\n\n- one\n- two\n\n---\n\nNo title here\n", encoding="utf-8")
    pdf = tmp_path / "bar.pdf"
    convert(source, [pdf], template=template)
    with pymupdf.open(pdf) as doc:
        red = [[d for d in page.get_drawings() if d.get("fill") == (1.0, 0.0, 0.0)]
               for page in doc]  # fmt: skip
        assert len(red[0]) == 1 and not red[1]
        rect = red[0][0]["rect"]
        assert abs(rect.y0 - 504) < 1 and abs(rect.width - 720) < 1  # 6400800 EMU, 10 in
        assert "ACME confidential" in doc[0].get_text()
        assert "ACME confidential" not in doc[1].get_text()


@pytest.mark.slow
def test_a_shrunk_body_autofits_as_powerpoint_writes_it(
    tmp_path: Path, lo_templates: dict[str, Path]
) -> None:
    """Text layout shrank to fit: runs state no size, the body says `normAutofit fontScale`
    (layout's factor), its line spacing inherited or in per cent (so it shrinks with the text),
    and
    LibreOffice's render of it agrees with our PDF."""
    from test_agreement import LIMIT, difference, rasterise

    items = "\n".join(f"- Item number {i} with a few more words to make it wrap" for i in range(14))
    source = tmp_path / "long.md"
    source.write_text(f"## Long\n\n{items}\n", encoding="utf-8")
    pptx, pdf = tmp_path / "long.pptx", tmp_path / "long.pdf"
    convert(source, [pptx, pdf], template=lo_templates["Focus"])
    slide = Presentation(str(pptx)).slides[0]
    body = _body_placeholder(slide)
    assert body is not None
    fit = body._element.find(f"{qn('p:txBody')}/{qn('a:bodyPr')}/{qn('a:normAutofit')}")
    assert fit is not None and 40000 < int(fit.get("fontScale")) < 90000
    assert all(r.get("sz") is None for r in _runs(body))
    # line spacing inherited from the template, or in per cent: never in points (which would
    # not shrink with the text)
    assert body._element.find(f".//{qn('a:lnSpc')}/{qn('a:spcPts')}") is None
    done = soffice_convert([pptx], "pdf", tmp_path / "lo", tmp_path / "profile")
    theirs = tmp_path / "lo" / "long.pdf"
    assert theirs.is_file(), done.stderr.decode(errors="replace")[-1000:]
    [mine] = rasterise(pdf, tmp_path / "ours")
    [other] = rasterise(theirs, tmp_path / "theirs")
    assert difference(mine, other) <= LIMIT


def test_scheme_colour_modifiers_and_capitals_are_inherited(tmp_path: Path, deck: Path) -> None:
    """python-pptx's own template: the title slide's subtitle is tx1 tinted to 75 % (grey, as
    PowerPoint and LibreOffice show it), the section header's title bold capitals; layout
    measures with them and the runs inherit them."""
    template = localised_template(tmp_path / "plain.pptx", {}, True)
    loaded = load_template(template)
    title = layout_choice(loaded, "title").layout
    section = layout_choice(loaded, "section").layout
    assert title is not None and section is not None
    sub = title.find("subTitle")
    assert sub is not None and sub.looks[0].color is not None
    # black tinted 75 % towards white, mixed in linear light: LibreOffice draws #8b8b8b
    assert sub.looks[0].color.hex.lower() in ("#8b8b8b", "#8c8c8c")
    head = section.find("title")
    assert head is not None and head.looks[0].caps and head.looks[0].bold
    out = tmp_path / "plain-out.pptx"
    convert(deck, [out], template=template)
    slide = Presentation(str(out)).slides[2]
    assert slide.slide_layout.name == "Section Header"
    assert slide.shapes.title.text_frame.text == "INTERMISSION"
    assert all(r.get("b") is None and r.get("cap") is None for r in _runs(slide.shapes.title))
