"""SVG pictures (`converter.media.svg`, the PDF's `render.pdf.svg`, the PPTX's svgBlip): sized
as the browser sizes them, drawn as vectors in the PDF where svglib is faithful and from a
sharp raster otherwise, real SVG pictures with a PNG fallback in the PPTX, inline `<svg>` as
pictures, and the safety rules (entities, nothing fetched). Fixtures are written here or are
`fixtures/svg/`."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pymupdf
import pytest
from conftest import assert_valid_pptx, convert_text
from PIL import Image
from pptx import Presentation
from pptx.util import Emu

from converter.media import images as media_images
from converter.media.images import ImageStore, LoadedImage
from converter.media.svg import SvgProblem, parse_svg
from converter.reader.svg_markup import inline_svg

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "fixtures" / "svg"
SVG = 'xmlns="http://www.w3.org/2000/svg"'
SVG_BLIP = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"
ILLUSTRATOR = (FIXTURE / "illustrator.svg").read_bytes()


def svg(body: str, attrs: str = 'width="200" height="100"') -> bytes:
    return f"<svg {SVG} {attrs}>{body}</svg>".encode()


def lol(levels: int = 9, fan: int = 10) -> bytes:
    decls = "".join(
        f'<!ENTITY l{i} "{(f"&l{i - 1};" if i else "lol") * (fan if i else 1)}">'
        for i in range(levels + 1)
    )
    return (f'<?xml version="1.0"?><!DOCTYPE svg [{decls}]>'
            f"<svg {SVG} width=\"10\" height=\"10\"><text>&l{levels};</text></svg>").encode()


def warnings_of(result: object) -> list[tuple[str, str, int | None]]:
    return [(d.code, d.message, d.line) for d in result.diagnostics  # type: ignore[attr-defined]
            if d.severity == "warning" and d.code != "overflow"]


# --- size: as Chromium sizes an <img> of the SVG (measured in chromium headless) --------------


@pytest.mark.parametrize(("attrs", "size", "sized"), [
    ('width="200" height="100"', (200, 100), True),
    ('width="200" viewBox="0 0 400 100"', (200, 50), True),
    ('height="50" viewBox="0 0 400 100"', (200, 50), True),
    ('width="200"', (200, 150), True),  # the missing side from 300 x 150
    ("", (300, 150), True),
    ('width="100%" height="100%"', (300, 150), True),
    ('viewBox="0 0 400 100"', (400, 100), False),  # a ratio only: as wide as its container
    ('width="50%" viewBox="0 0 400 100"', (400, 100), False),
    ('width="2cm" height="1in"', (75.59, 96), True),
    ('width="10em" height="30pt"', (160, 40), True),
])  # fmt: skip
def test_intrinsic_size_is_the_browsers(attrs: str, size: tuple[float, float],
                                        sized: bool) -> None:  # fmt: skip
    doc = parse_svg(svg("", attrs))
    assert (round(doc.width, 2), round(doc.height, 2), doc.sized) == (*size, sized)


def test_a_picture_takes_the_size_the_browser_gives_it(tmp_path: Path) -> None:
    """The PPTX picture of an SVG is as large as the PNG of the same CSS size; one with only a
    viewBox is as wide as a raster far wider than the slide (both 95 % of the width)."""
    Image.new("RGB", (400, 200), "red").save(tmp_path / "same.png")
    Image.new("RGB", (8000, 2000), "red").save(tmp_path / "huge.png")
    (tmp_path / "sized.svg").write_bytes(svg("", 'width="400" height="200"'))
    (tmp_path / "ratio.svg").write_bytes(svg("", 'viewBox="0 0 40 10"'))
    (tmp_path / "units.svg").write_bytes(svg("", 'width="300pt" height="150pt"'))
    md = ("# A\n\n![](sized.svg)\n\n---\n\n# B\n\n![](same.png)\n\n---\n\n# C\n\n![](ratio.svg)"
          "\n\n---\n\n# D\n\n![](huge.png)\n\n---\n\n# E\n\n![](units.svg)\n\n---\n\n# F\n\n"
          '<img src="ratio.svg" width="200">\n')
    result, pptx = convert_text(tmp_path, md, "pptx")
    assert warnings_of(result) == []
    sizes = [next((s.width, s.height) for s in slide.shapes if s.shape_type == 13)
             for slide in Presentation(str(pptx)).slides]
    assert sizes[0] == sizes[1]
    assert sizes[2][0] == sizes[3][0] and abs(sizes[2][0] / sizes[2][1] - 4) < 0.01
    assert abs(sizes[4][0] - sizes[0][0]) < Emu(12700)  # 300 pt = 400 px
    assert abs(sizes[5][0] / sizes[0][0] - 0.5) < 0.01 and abs(sizes[5][0] / sizes[5][1] - 4) < 0.01


# --- vector or raster -------------------------------------------------------------------------


@pytest.mark.parametrize(("body", "reason"), [
    ('<defs><linearGradient id="g"><stop offset="0" stop-color="red"/></linearGradient></defs>'
     '<rect id="r" width="9" height="9" fill="url(#g)"/><use href="#r" x="20"/>'
     '<g transform="rotate(5)"><text x="5" y="50">text</text></g>', ""),
    ('<g opacity="1"><rect width="9" height="9" fill-opacity="0.5"/></g>', ""),
    ('<defs><marker id="m"/></defs><line x2="9" stroke="#000" marker-end="url(#m)"/>',
     "markers"),
    ('<rect width="9" height="9" opacity="0.5"/>', "opacity"),
    ('<rect width="9" height="9" style="fill:red;opacity:.3"/>', "opacity"),
    ("<style>rect { opacity: 0.3 }</style><rect width='9' height='9'/>", "opacity"),
    ('<defs><filter id="f"><feGaussianBlur stdDeviation="2"/></filter></defs>'
     '<rect width="9" height="9" filter="url(#f)"/>', "filters"),
    ('<defs><pattern id="p" width="4" height="4"/></defs><rect width="9" height="9"/>',
     "patterns"),
    ('<foreignObject width="9" height="9"/>', "foreignObject"),
    ('<defs><linearGradient id="g" gradientTransform="rotate(45)"/></defs>',
     "gradientTransform"),
    ('<text x="5" y="20">A <tspan font-weight="bold">bold</tspan> word</text>',
     "tspans continuing a line"),
    ('<text><tspan x="5" y="20">line one</tspan><tspan x="5" y="40">line two</tspan></text>',
     ""),
])  # fmt: skip
def test_what_svglib_would_lose_makes_a_raster(body: str, reason: str) -> None:
    assert parse_svg(svg(body)).raster_reason == reason


def _page_colours(page: pymupdf.Page) -> set[str]:
    return {"#" + "".join(f"{round(c * 255):02x}" for c in d["fill"])
            for d in page.get_drawings() if d.get("fill")}  # fmt: skip


@pytest.fixture(scope="module")
def fixture_outputs(tmp_path_factory: pytest.TempPathFactory) -> tuple[object, Path, Path]:
    import converter

    out = tmp_path_factory.mktemp("svg")
    pptx, pdf = out / "svg.pptx", out / "svg.pdf"
    result = converter.convert(FIXTURE / "talk.md", [pptx, pdf])
    return result, pptx, pdf


def test_the_fixture_deck_converts_without_a_warning(
    fixture_outputs: tuple[object, Path, Path],
) -> None:
    import shutil
    import subprocess

    assert warnings_of(fixture_outputs[0]) == []
    qpdf = shutil.which("qpdf")
    if qpdf is not None:
        done = subprocess.run([qpdf, "--check", str(fixture_outputs[2])], capture_output=True,
                              text=True, timeout=60)  # fmt: skip
        assert done.returncode == 0, done.stdout + done.stderr


def test_a_faithful_svg_is_vector_paths_and_text_in_the_pdf(
    fixture_outputs: tuple[object, Path, Path],
) -> None:
    _result, _pptx, pdf = fixture_outputs
    with pymupdf.open(pdf) as doc:
        page = doc[0]
        assert page.get_images(full=True) == []
        # the tiles drawn through <use> and the class rule, the rotated tile, the clipped circle
        assert {"#43a047", "#ffb300", "#e53935", "#26c6da"} <= _page_colours(page)
        assert "Vector SVG" in page.get_text()
        fonts = {f[3] for f in page.get_fonts(full=True)}
        assert all(f[1] != "n/a" for f in page.get_fonts(full=True))  # every font embedded
        assert not any("Helvetica" in name for name in fonts)
        # the Illustrator file (internal entities expanded) and the inline SVG: vectors too
        assert doc[2].get_images(full=True) == [] and "#2e7d32" in _page_colours(doc[2])
        assert doc[4].get_images(full=True) == [] and "#0277bd" in _page_colours(doc[4])


def test_an_svg_svglib_would_spoil_is_a_sharp_picture_in_the_pdf(
    fixture_outputs: tuple[object, Path, Path],
) -> None:
    _result, _pptx, pdf = fixture_outputs
    with pymupdf.open(pdf) as doc:
        page = doc[1]
        infos = page.get_image_info()
        assert len(infos) == 1
        width_pt = infos[0]["bbox"][2] - infos[0]["bbox"][0]
        assert infos[0]["width"] >= 1.95 * width_pt  # 2 px per point
        assert "#8e24aa" not in _page_colours(page)


def test_the_pptx_holds_svg_pictures_with_png_fallbacks(
    fixture_outputs: tuple[object, Path, Path],
) -> None:
    _result, pptx, _pdf = fixture_outputs
    assert_valid_pptx(pptx)
    with zipfile.ZipFile(pptx) as z:
        names = z.namelist()
        types = z.read("[Content_Types].xml").decode()
        slide = z.read("ppt/slides/slide1.xml").decode()
        rels = z.read("ppt/slides/_rels/slide1.xml.rels").decode()
        svgs = [n for n in names if n.endswith(".svg")]
        parts = {n: z.read(n) for n in svgs}
    assert len(svgs) == 6  # five pictures and the icon, each stored once
    assert all(f'PartName="/{n}" ContentType="image/svg+xml"' in types for n in svgs)
    blip = re.search(r'<a:blip r:embed="(rId\d+)"><a:extLst><a:ext uri="([^"]+)">'
                     r'<asvg:svgBlip xmlns:asvg="[^"]+" r:embed="(rId\d+)"/>', slide)
    assert blip is not None and blip.group(2) == SVG_BLIP
    png = re.search(rf'Id="{blip.group(1)}"[^>]*Target="../media/([^"]+)"', rels)
    target = re.search(rf'Id="{blip.group(3)}"[^>]*Target="../media/([^"]+)"', rels)
    assert png is not None and png.group(1).endswith(".png")
    assert target is not None and target.group(1).endswith(".svg")
    # the SVG stored is the cleaned document: no DOCTYPE, entities expanded, names as SVG has
    illustrator = next(data for data in parts.values() if b"Adobe" in data)
    assert b"<!DOCTYPE" not in illustrator and b"&ns_" not in illustrator
    assert b'xmlns="http://www.w3.org/2000/svg"' in illustrator
    inline = next(data for data in parts.values() if b"Two circles" in data)
    assert b"viewBox=" in inline and b"radialGradient" in inline


def test_the_same_svg_is_stored_once_and_rasterised_once_per_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[tuple[float, float]] = []
    real = media_images.rasterise

    def counting(doc: object, width: float, height: float, fonts: object = None) -> bytes:
        calls.append((width, height))
        return real(doc, width, height, fonts)  # type: ignore[arg-type]

    monkeypatch.setattr(media_images, "rasterise", counting)
    (tmp_path / "a.svg").write_bytes(svg('<rect width="200" height="100" fill="#123456"/>'))
    md = "\n\n---\n\n".join(f"# {n}\n\n![](a.svg)" for n in "ABCD") + "\n"
    result, pptx, _pdf = convert_text(tmp_path, md, "pptx", "pdf")
    assert warnings_of(result) == []
    assert len(calls) == 2  # on loading (small, a check), then for the pictures' size
    with zipfile.ZipFile(pptx) as z:
        assert len([n for n in z.namelist() if n.startswith("ppt/media/")]) == 2


# --- inline <svg> -----------------------------------------------------------------------------


def test_inline_svg_markup_is_written_as_svg_xml() -> None:
    found = inline_svg('<svg viewbox="0 0 10 10" width="50%" class="c" style="x:y" '
                       'preserveaspectratio="none"><title>Hi  there</title><lineargradient '
                       'id="g" gradienttransform="rotate(2)"/><rect width=10 height=10 '
                       'fill="url(#g)"/><text>a &lt; b &amp;&nbsp;c</text><foo:bar/></svg>tail')
    import base64

    xml = base64.b64decode(found.uri.split(",", 1)[1]).decode()
    assert found.alt == "Hi there"
    assert found.pairs == (("class", "c"), ("style", "x:y"), ("width", "50%"))
    for part in ('viewBox="0 0 10 10"', 'preserveAspectRatio="none"', "<linearGradient",
                 'gradientTransform="rotate(2)"', "a &lt; b &amp;\xa0c", SVG):
        assert part in xml
    assert "foo:bar" not in xml and "tail" not in xml
    doc = parse_svg(xml.encode())
    assert doc.sized is False and doc.raster_reason == "gradientTransform"  # 50 %: no size


def test_inline_svg_in_html_and_in_a_paragraph_are_pictures(tmp_path: Path) -> None:
    md = ('# Inline\n\n<div class="box">\n<svg width="300" height="100"><rect width="300" '
          'height="100" fill="#abcdef"/></svg>\n</div>\n\nA dot <svg width="30" height="30">'
          '<circle cx="15" cy="15" r="10" fill="#fedcba"/></svg> in text.\n')
    result, pptx, pdf = convert_text(tmp_path, md, "pptx", "pdf")
    assert warnings_of(result) == []
    pictures = [s for s in Presentation(str(pptx)).slides[0].shapes if s.shape_type == 13]
    assert len(pictures) == 2
    with pymupdf.open(pdf) as doc:
        assert {"#abcdef", "#fedcba"} <= _page_colours(doc[0])
        assert "A dot" in doc[0].get_text() and "in text." in doc[0].get_text()


# --- safety -----------------------------------------------------------------------------------


def test_illustrators_internal_entities_are_expanded() -> None:
    doc = parse_svg(ILLUSTRATOR)
    assert (doc.width, doc.height, doc.vector) == (320, 160, True)


@pytest.mark.parametrize(("data", "message"), [
    (lol(), "nested deeper than 8 levels"),
    (lol(levels=6, fan=20), "expands to more than 1,000,000 characters"),
    (b'<!DOCTYPE svg [<!ENTITY a "' + b"x" * 60_000 + b'">]><svg ' + SVG.encode()
     + b"><text>" + b"&a;" * 1000 + b"</text></svg>", "expand to more than 40,000,000"),
    (b'<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg ' + SVG.encode()
     + b"><text>&x;</text></svg>", "external entity &x;"),
    (b'<!DOCTYPE svg [<!ENTITY % p SYSTEM "http://example.org/x.dtd"> %p;]><svg '
     + SVG.encode() + b"/>", "parameter entity"),
    (b'<!DOCTYPE svg [<!ENTITY a "&b;"><!ENTITY b "&a;">]><svg ' + SVG.encode()
     + b"><text>&a;</text></svg>", "refers to itself"),
])  # fmt: skip
def test_entity_tricks_are_refused(data: bytes, message: str) -> None:
    with pytest.raises(SvgProblem) as caught:
        parse_svg(data)
    assert message in caught.value.reason and caught.value.code == "bad-image"


def test_billion_laughs_is_a_placeholder_with_a_diagnostic_naming_the_line(
    tmp_path: Path,
) -> None:
    (tmp_path / "lol.svg").write_bytes(lol())
    (tmp_path / "ai.svg").write_bytes(ILLUSTRATOR)
    result, pptx, _pdf = convert_text(tmp_path, "# A\n\n![](ai.svg)\n\n![](lol.svg)\n", "pptx",
                                     "pdf")  # fmt: skip
    found = warnings_of(result)
    assert len(found) == 1 and found[0][0] == "bad-image" and found[0][2] == 5
    assert "SVG refused: entities nested deeper than 8 levels" in found[0][1]
    assert_valid_pptx(pptx)


def test_nothing_an_svg_references_is_kept(tmp_path: Path) -> None:
    secret = tmp_path / "secret.png"
    Image.new("RGB", (4, 4), "red").save(secret)
    body = (f'<image href="{secret}" width="9" height="9"/><image xlink:href="secret.png" '
            'width="9" height="9"/><use href="other.svg#x"/><rect width="9" height="9" '
            'style="fill:url(http://example.org/p.svg#p)" onclick="x()"/><script>x()</script>'
            '<style>@import url("http://example.org/a.css"); rect{fill:url(b.svg#q)}</style>')
    data = svg(body, 'width="9" height="9" xmlns:xlink="http://www.w3.org/1999/xlink"')
    cleaned = parse_svg(data).data
    for gone in (b"secret", b"other.svg", b"example.org", b"onclick", b"<script", b"@import",
                 b"b.svg"):
        assert gone not in cleaned


def test_size_limits() -> None:
    with pytest.raises(SvgProblem, match="no area"):
        parse_svg(svg("", 'width="0" height="10"'))
    huge = parse_svg(svg("", 'width="100000" height="50000"'))
    store = ImageStore()
    loaded = store.load_bytes(svg('<rect width="100000" height="50000"/>',
                                  'width="100000" height="50000"'))  # fmt: skip
    assert isinstance(loaded, LoadedImage) and max(loaded.width, loaded.height) <= 4096
    big = store.render_svg(loaded, 20000, 10000)
    assert big.width * big.height <= 12_000_000
    assert huge.width == 100000


def test_svgz_and_a_data_uri_are_read(tmp_path: Path) -> None:
    import base64
    import gzip

    data = svg('<rect width="200" height="100" fill="#13579b"/>')
    (tmp_path / "z.svgz").write_bytes(gzip.compress(data))
    uri = "data:image/svg+xml;base64," + base64.b64encode(data).decode()
    result, pdf = convert_text(tmp_path, f"# A\n\n![](z.svgz)\n\n![]({uri})\n", "pdf")
    assert warnings_of(result) == []
    with pymupdf.open(pdf) as doc:
        assert "#13579b" in _page_colours(doc[0]) and doc[0].get_images() == []


def test_an_svg_background_is_drawn_sharply(tmp_path: Path) -> None:
    (tmp_path / "bg.svg").write_bytes(svg(
        '<rect width="100" height="100" fill="#0000ff"/><rect x="50" width="50" height="100" '
        'fill="#ff0000"/>', 'viewBox="0 0 100 100"'))
    md = '<!-- .slide: data-background-image="bg.svg" data-background-size="contain" -->\n# A\n'
    result, pptx = convert_text(tmp_path, md, "pptx")
    assert warnings_of(result) == []
    with zipfile.ZipFile(pptx) as z:
        blobs = [z.read(n) for n in z.namelist() if n.endswith((".png", ".jpeg", ".jpg"))]
    im = Image.open(io.BytesIO(max(blobs, key=len))).convert("RGB")
    mid = im.height // 2
    row = [im.getpixel((x, mid)) for x in range(im.width)]
    edge = next(x for x, p in enumerate(row) if p[0] > 200 and p[2] < 50)
    assert abs(edge - im.width / 2) <= 2  # the two halves meet at the centre, sharply


def test_svg_text_is_drawn_in_the_decks_fonts_by_resvg(tmp_path: Path) -> None:
    """The raster of an SVG with text is drawn from the font library's files (not every system
    font), the characters of other scripts from their fallback faces."""
    from converter.layout.svg_fonts import svg_fonts
    from converter.text.library import FontLibrary

    doc = parse_svg(svg('<text x="5" y="50" font-family="Liberation Serif, serif" '
                        'font-size="30">Aa Ωλ 中文</text><text x="5" y="90" '
                        'style="font-family: monospace">mono</text>'))
    assert doc.families == ("Liberation Serif, serif", "monospace")
    fonts = svg_fonts(FontLibrary())(doc)
    assert 2 <= len(fonts.files) <= 40 and fonts.serif and fonts.monospace
    png = media_images.rasterise(doc, 400, 200, fonts)
    im = Image.open(io.BytesIO(png)).convert("LA")
    assert im.getchannel("A").getbbox() is not None  # the text is drawn


def test_a_bad_inline_svg_is_reported_at_its_line_and_briefly(tmp_path: Path) -> None:
    md = ('# A\n\ntext\n\n<svg width="10" height="10"><rect width="9" height="9"/></svg>\n\n'
          '<svg width="0" height="10"><rect/></svg>\n\n<div>\n<svg height="0">\n<g/>\n</svg>\n'
          "</div>\n")
    result, _pptx = convert_text(tmp_path, md, "pptx")
    found = warnings_of(result)
    assert [(code, line) for code, _message, line in found] == [("bad-image", 7),
                                                                 ("bad-image", 10)]
    assert all(len(message) < 160 and "data:image/svg+xml;base64," in message
               for _code, message, _line in found)
