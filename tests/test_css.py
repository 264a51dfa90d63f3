"""The deck's own CSS: css files, <style> blocks, classes, style attributes, var() overrides.

The cascade is checked on its own (specificity, order, !important, style attributes,
inheritance, `inherit`, custom properties over the theme's), the element tree against reveal's
DOM (selectors match what they match in the browser), and the styled fixture deck read back
from the PPTX (python-pptx) and the PDF (PyMuPDF's span colours and fonts).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element

import cssselect2
import pymupdf
import pytest
from conftest import convert_text, read
from pptx import Presentation

import converter
from converter.reader import hljs_styles
from converter.style.cascade import Cascade, Computed, theme_css
from converter.style.dom import slide_tree
from converter.style.themes import THEMES

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "fixtures" / "css" / "talk.md"

DECK = """\
<!-- .slide: class="intro" id="start" data-state="dark" -->

## Title

First paragraph <!-- .element: class="accent" id="one" -->

- one
- two
- three <!-- .element: class="fragment" -->

<p style="color: blue">Raw</p>
"""


def _values(css: str, tmp_path: Path, md: str = DECK) -> tuple[dict[Element, Computed], object]:
    slide = read(md, tmp_path).deck.slides[0]
    tree = slide_tree(slide)
    return Cascade([theme_css(THEMES["white"]), css]).compute(tree.root), (tree, slide)


def _of(values: dict[Element, Computed], tree: object, block: object, name: str) -> object:
    element = tree.element_of(block)  # type: ignore[attr-defined]
    return values[element].get(name)


def test_specificity_order_important_and_style_attribute(tmp_path: Path) -> None:
    css = """
    .reveal h2 { color: #111111; }
    h2 { color: #222222; }                       /* less specific: loses */
    .accent { color: #333333; }
    #one { color: #444444; }                     /* an id beats a class */
    .reveal p { color: #555555 !important; }
    p { color: #666666; }
    """
    values, (tree, slide) = _values(css, tmp_path)
    heading, first, _list, raw = slide.blocks  # type: ignore[attr-defined]
    assert _of(values, tree, heading, "color") == ("#111111", True)
    assert _of(values, tree, first, "color") == ("#555555", True)  # !important wins
    assert _of(values, tree, raw, "color") == ("#555555", True)  # over the style attribute too
    values, (tree, slide) = _values(".reveal p { color: #555555; }", tmp_path)
    raw = slide.blocks[3]  # type: ignore[attr-defined]
    assert _of(values, tree, raw, "color") == ("blue", True)  # the attribute beats rules


def test_theme_rules_compete_with_the_decks(tmp_path: Path) -> None:
    values, (tree, slide) = _values("h2 { color: red; } p { color: green; }", tmp_path)
    heading, first = slide.blocks[:2]  # type: ignore[attr-defined]
    theme = _of(values, tree, heading, "color")
    assert theme is not None and theme[1] is False  # `.reveal h2` of the theme beats `h2`
    assert _of(values, tree, first, "color") == ("green", True)  # the theme sets no p colour


def test_inheritance_inherit_and_variables(tmp_path: Path) -> None:
    css = """
    :root { --r-heading-color: #abcdef; --brand: #123456; }
    section.intro { color: var(--brand); font-style: italic; }
    li { border: 1px solid red; }
    ul { font-weight: bold; }
    li:nth-child(2) { font-weight: inherit; color: var(--missing, #0f0); }
    """
    values, (tree, slide) = _values(css, tmp_path)
    heading, first, lists = slide.blocks[:3]  # type: ignore[attr-defined]
    assert _of(values, tree, heading, "color") == ("#abcdef", True)  # theme rule, deck variable
    assert _of(values, tree, first, "color") == ("#123456", True)  # inherited from the section
    assert _of(values, tree, first, "font-style") == ("italic", True)
    one, two, _three = lists.items
    assert _of(values, tree, one, "border") == ("1px solid red", True)  # not inherited ...
    assert _of(values, tree, one, "font-weight") == ("bold", True)  # ... but this is
    assert _of(values, tree, two, "font-weight") == ("bold", True)
    assert _of(values, tree, two, "color") == ("#0f0", True)  # the var() fallback


@pytest.mark.parametrize(
    ("selector", "expected"),
    [
        (".reveal h2", ["h2"]),
        (".reveal .slides section.intro p", ["p", "p"]),
        ("section#start[data-state=dark] > h2", ["h2"]),
        (".accent", ["p"]),
        ("li:nth-child(2)", ["li"]),
        ("li:last-child", ["li"]),
        (".reveal .slides section .fragment", ["li"]),
        ("ul > li + li", ["li", "li"]),
        ("body.reveal-viewport div.reveal", ["div"]),
        ("p:first-of-type", ["p"]),
    ],
)
def test_selectors_match_reveals_dom(tmp_path: Path, selector: str, expected: list[str]) -> None:
    slide = read(DECK, tmp_path).deck.slides[0]
    root = slide_tree(slide).root
    matcher = cssselect2.Matcher()
    for compiled in cssselect2.compile_selector_list(selector):
        matcher.add_selector(compiled, None)
    wrapper = cssselect2.ElementWrapper.from_html_root(root)
    found = [e.local_name for e in wrapper.iter_subtree() if matcher.match(e)]
    assert found == expected


def _spans(pdf: Path, page: int) -> list[dict[str, Any]]:
    """The text spans of one PDF page (PyMuPDF's dict: text, color, font, size, bbox)."""
    with pymupdf.open(pdf) as doc:
        return [s for block in doc[page].get_text("dict")["blocks"]
                for line in block.get("lines", []) for s in line["spans"]]  # fmt: skip


def _runs(path: Path, slide: int) -> list[tuple[str, object, object, object]]:
    prs = Presentation(str(path))
    out = []
    for shape in prs.slides[slide].shapes:
        if shape.has_text_frame:
            for para in shape.text_frame.paragraphs:
                for run in para.runs:
                    color = run.font.color.rgb if run.font.color and run.font.color.type else None
                    out.append((run.text, str(color), run.font.bold, para.alignment))
    return out


def test_styled_fixture_in_the_pptx_and_the_pdf(tmp_path: Path) -> None:
    pptx, pdf = tmp_path / "css.pptx", tmp_path / "css.pdf"
    result = converter.convert(FIXTURE, [pptx, pdf])
    assert [d.code for d in result.warnings] == []
    first = {text: (color, bold) for text, color, bold, _a in _runs(pptx, 0)}
    assert first["Purple heading"][0] == "8A2BE2"  # --r-heading-color overridden in <style>
    assert first["An intro paragraph in italics"][0] == "333333"  # brand.css .reveal p
    assert first["Red words"][0] == "333333"  # `.reveal p` is more specific than `.accent`
    second = _runs(pptx, 1)
    texts = [t for t, *_ in second]
    assert "Hidden text" not in texts  # display: none
    colors = {t: c for t, c, _b, _a in second}
    assert colors["second item, green"] == "00AA00" and colors["first item"] != "00AA00"
    inline = next(r for r in second if r[0] == "Inline style, right")
    assert inline[1] == "1E90FF" and inline[2] is True and str(inline[3]).startswith("RIGHT")
    prs = Presentation(str(pptx))
    boxed = [s for s in prs.slides[1].shapes if s.has_text_frame
             and s.text_frame.text == "Important"]  # fmt: skip
    assert boxed and str(boxed[0].fill.fore_color.rgb) == "FFEEAA"
    spans, first_spans = _spans(pdf, 1), _spans(pdf, 0)
    by_text = {s["text"].strip(): s for s in spans}
    assert by_text["second item, green"]["color"] == 0x00AA00
    assert by_text["Inline style, right"]["color"] == 0x1E90FF
    assert by_text["Important"]["size"] > 1.8 * by_text["first item"]["size"]  # 2em
    heading = next(s for s in first_spans if s["text"].strip() == "Purple heading")
    assert heading["color"] == 0x8A2BE2  # text-transform: none from brand.css: not upper case
    italic = next(s for s in first_spans if "intro paragraph" in s["text"])
    assert "It" in italic["font"]  # section.intro p { font-style: italic }


def test_inline_spans_take_the_decks_classes_and_styles(tmp_path: Path) -> None:
    deck = tmp_path / "talk.md"
    deck.write_text(
        "<style>.hot { color: #ee3333; font-weight: bold } .cold { color: #3333ee }</style>\n\n"
        '## A <span class="hot">hot</span> title\n\n'
        'Plain <span class="cold">cold</span> and '
        '<span style="text-decoration: line-through">gone</span> words\n',
        encoding="utf-8",
    )
    pptx, pdf = tmp_path / "t.pptx", tmp_path / "t.pdf"
    converter.convert(deck, [pptx, pdf])
    runs = {text.strip(): (color, bold) for text, color, bold, _a in _runs(pptx, 0)}
    assert runs["HOT"] == ("EE3333", True)  # the theme's upper case, the span's colour
    assert runs["cold"][0] == "3333EE"
    prs = Presentation(str(pptx))
    struck = [r for s in prs.slides[0].shapes if s.has_text_frame
              for p in s.text_frame.paragraphs for r in p.runs if r.text == "gone"]  # fmt: skip
    assert struck and struck[0]._r.rPr.get("strike") == "sngStrike"
    spans = _colors(pdf)
    assert spans["cold"] == 0x3333EE and spans["HOT"] == 0xEE3333


def test_an_old_style_theme_goes_through_the_cascade(tmp_path: Path) -> None:
    deck = ROOT / "fixtures" / "css" / "oldstyle.md"
    pptx, pdf = tmp_path / "old.pptx", tmp_path / "old.pdf"
    result = converter.convert(deck, [pptx, pdf])
    assert [d.code for d in result.warnings] == []
    spans = {s["text"]: s for s in _spans(pdf, 0)}
    with pymupdf.open(pdf) as doc:
        corner = doc[0].get_pixmap(dpi=10).pixel(2, 2)
    cream = (0xF4, 0xF1, 0xE8)  # the theme's `body { background }`, not black's
    assert all(abs(a - b) <= 2 for a, b in zip(corner, cream, strict=True))
    heading = spans["Burgundy heading"]  # `text-transform: none`: not upper case
    assert heading["color"] == 0x7B2D26 and "Serif" in heading["font"]
    body = spans["Dark text on a cream page"]
    assert body["color"] == 0x202020
    assert heading["size"] > 1.4 * body["size"]  # the heading keeps its em size over 36px
    prs = Presentation(str(pptx))
    fill = prs.slides[0].background.fill
    assert str(fill.fore_color.rgb) == "F4F1E8"
    runs = {text: color for text, color, _b, _a in _runs(pptx, 0)}
    assert runs["Burgundy heading"] == "7B2D26"


HLJS_CSS = """
pre code.hljs { display: block; padding: 1em }
.hljs { background: #fafafa; color: #383a42 }
.hljs-comment { color: #a0a1a7; font-style: italic }
.hljs-keyword { color: #a626a4 }
.hljs-string { color: #50a14f }
.hljs-title.function_ { color: #4078f2 }
"""
CODE = '```python\ndef f(x):\n    return "hi"  # note\n```\n'


def _colors(pdf: Path) -> dict[str, int]:
    return {s["text"].strip(): s["color"] for s in _spans(pdf, 0)}


@pytest.mark.parametrize(
    ("theme", "expected"),
    [
        ("mine.css", {"def": 0xA626A4, "f": 0x4078F2, '"hi"': 0x50A14F, "# note": 0xA0A1A7}),
        ("monokai", {"def": 0x66D9EF, "f": 0xA6E22E, '"hi"': 0xE6DB74}),
        ("github-dark", {"def": 0xFF7B72, '"hi"': 0xA5D6FF}),
    ],
)
def test_highlight_themes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, theme: str, expected: dict[str, int]
) -> None:
    # monokai and github-dark as the Pygments styles of their look: with no highlight.js
    # installed (an installed theme's CSS comes first: tests/test_hljs_themes.py)
    monkeypatch.setattr(hljs_styles, "SYSTEM_STYLE_DIRS", ())
    monkeypatch.delenv(hljs_styles.ENV_VAR, raising=False)
    (tmp_path / "mine.css").write_text(HLJS_CSS, encoding="utf-8")
    deck = tmp_path / "talk.md"
    deck.write_text(f"---\nhighlightTheme: {theme}\n---\n\n{CODE}", encoding="utf-8")
    result = converter.convert(deck, [tmp_path / "t.pdf", tmp_path / "t.pptx"])
    assert [d.code for d in result.warnings] == []
    colors = _colors(tmp_path / "t.pdf")
    assert {k: colors.get(k) for k in expected} == expected
    prs = Presentation(str(tmp_path / "t.pptx"))
    code = [s for s in prs.slides[0].shapes if s.has_text_frame and "def" in s.text_frame.text]
    if theme == "mine.css":  # the .hljs background becomes the code box's fill
        assert str(code[0].fill.fore_color.rgb) == "FAFAFA"


def test_an_unknown_highlight_theme_keeps_its_warning(tmp_path: Path) -> None:
    deck = tmp_path / "talk.md"
    deck.write_text(f"---\nhighlightTheme: no-such-theme\n---\n\n{CODE}", encoding="utf-8")
    result = converter.convert(deck, [tmp_path / "t.pdf"])
    assert [d.code for d in result.warnings] == ["highlight-theme"]


def test_borders_padding_margins_and_opacity(tmp_path: Path) -> None:
    pptx, pdf = tmp_path / "css.pptx", tmp_path / "css.pdf"
    converter.convert(FIXTURE, [pptx, pdf])
    prs = Presentation(str(pptx))
    shapes = {s.text_frame.text: s for s in prs.slides[2].shapes if s.has_text_frame}
    card = shapes["Bordered and padded"]
    line = card._element.spPr.find("{http://schemas.openxmlformats.org/drawingml/2006/main}ln")
    assert line is not None and int(line.get("w")) > 0
    assert line.find(".//{http://schemas.openxmlformats.org/drawingml/2006/main}srgbClr").get(
        "val") == "1E90FF"  # fmt: skip
    body = card.text_frame._txBody.bodyPr
    assert int(body.get("lIns")) > 100000  # 20px of padding inside the border
    faded = shapes["Faded"].text_frame.paragraphs[0].runs[0]._r
    alpha = faded.find(".//{http://schemas.openxmlformats.org/drawingml/2006/main}alpha")
    assert alpha is not None and alpha.get("val") == "50000"
    assert card.top - shapes["Boxes"].top > shapes["Faded"].top - card.top - card.height
    with pymupdf.open(pdf) as doc:
        strokes = [d for d in doc[2].get_drawings() if d.get("color") is not None]
    blue = [d for d in strokes if tuple(round(c * 255) for c in d["color"]) == (30, 144, 255)]
    assert blue and blue[0]["width"] > 2  # the 4px border, drawn as a stroked rectangle


def test_images_take_the_css_size(tmp_path: Path) -> None:
    logo = ROOT / "fixtures" / "features" / "img" / "logo.png"
    (tmp_path / "logo.png").write_bytes(logo.read_bytes())
    deck = tmp_path / "talk.md"
    deck.write_text(
        "<style>.small { width: 100px; border: 3px solid #ff00ff }"
        " .capped { max-height: 50px }</style>\n\n"
        "![a](logo.png) <!-- .element: class=\"small\" -->\n\n---\n\n"
        "![b](logo.png) <!-- .element: class=\"capped\" -->\n\n---\n\n"
        '<img src="logo.png" width="300" style="width: 200px">\n',
        encoding="utf-8",
    )
    pptx = tmp_path / "t.pptx"
    converter.convert(deck, [pptx])
    prs = Presentation(str(pptx))
    px = prs.slide_height * 0.96 / 700  # EMU per CSS pixel: the canvas, less reveal's 4 % margin
    pictures = [[s for s in slide.shapes if s.shape_type == 13] for slide in prs.slides]
    small, capped, styled = (p[0] for p in pictures)
    assert abs(small.width / px - 100) < 2  # width: 100px, aspect kept
    assert abs(small.height / small.width - capped.height / capped.width) < 0.01
    assert abs(capped.height / px - 50) < 2  # max-height: 50px
    assert abs(styled.width / px - 200) < 2  # the style attribute beats width="300"
    line = small._element.spPr.find("{http://schemas.openxmlformats.org/drawingml/2006/main}ln")
    assert line is not None and capped._element.spPr.find(line.tag) is None  # its border
    converter.convert(deck, [tmp_path / "t.pdf"])
    with pymupdf.open(tmp_path / "t.pdf") as doc:
        strokes = [d for d in doc[0].get_drawings() if d.get("color") is not None]
    assert any(tuple(round(c * 255) for c in d["color"]) == (255, 0, 255) for d in strokes)


def test_tables_and_code_blocks_take_the_decks_css(tmp_path: Path) -> None:
    md = ("<style>table { color: #226622; border: 2px solid #aa0000 }"
          " .reveal pre { background-color: #fdf6e3; font-size: 20px }</style>\n\n"
          "| a | b |\n|---|---|\n| one | two |\n\n```python\nx = 1\n```\n")
    _result, pptx, pdf = convert_text(tmp_path, md, "pptx", "pdf")
    prs = Presentation(str(pptx))
    table = next(s for s in prs.slides[0].shapes if s.has_table).table
    run = table.cell(1, 0).text_frame.paragraphs[0].runs[0]
    assert str(run.font.color.rgb) == "226622"
    code = next(s for s in prs.slides[0].shapes if s.has_text_frame and "x = 1" in
                s.text_frame.text)  # fmt: skip
    assert str(code.fill.fore_color.rgb) == "FDF6E3"
    size = code.text_frame.paragraphs[0].runs[0].font.size.pt
    px = prs.slide_height * 0.96 / 700 / 12700  # points per CSS pixel
    assert abs(size - 20 * px) < 0.5
    spans = _colors(pdf)
    assert spans["one"] == 0x226622


def test_letter_spacing(tmp_path: Path) -> None:
    md = ("<style>.wide { letter-spacing: 0.2em }</style>\n\nSpaced out\n"
          "<!-- .element: class=\"wide\" -->\n\nSpaced out\n")
    _result, pptx, pdf = convert_text(tmp_path, md, "pptx", "pdf")
    runs = [r for s in Presentation(str(pptx)).slides[0].shapes if s.has_text_frame
            for p in s.text_frame.paragraphs for r in p.runs]  # fmt: skip
    wide, plain = runs[0]._r.rPr, runs[1]._r.rPr
    assert abs(int(wide.get("spc")) - 0.2 * runs[0].font.size.pt * 100) < 15
    assert plain.get("spc") is None
    with pymupdf.open(pdf) as doc:
        lines = [line for block in doc[0].get_text("dict")["blocks"]
                 for line in block.get("lines", [])]  # fmt: skip
    widths = [line["bbox"][2] - line["bbox"][0] for line in lines if "Spaced" in
              "".join(s["text"] for s in line["spans"]).replace(" ", "")]  # fmt: skip
    assert len(widths) == 2 and widths[0] > widths[1] * 1.2  # 10 letters, 0.2em each


def test_table_cells_take_the_decks_css(tmp_path: Path) -> None:
    md = ("<style>th { background-color: #203040; color: #ffffff }"
          " tr:nth-child(2) td:last-child { color: #cc0000; font-weight: bold }</style>\n\n"
          "| Name | Score |\n|---|---|\n| ada | 1 |\n| bob | 2 |\n")
    _result, pptx, pdf = convert_text(tmp_path, md, "pptx", "pdf")
    table = next(s for s in Presentation(str(pptx)).slides[0].shapes if s.has_table).table
    header = table.cell(0, 0)
    assert str(header.fill.fore_color.rgb) == "203040"
    assert str(header.text_frame.paragraphs[0].runs[0].font.color.rgb) == "FFFFFF"
    bob = table.cell(2, 1).text_frame.paragraphs[0].runs[0]
    assert str(bob.font.color.rgb) == "CC0000" and bob.font.bold
    ada = table.cell(1, 1).text_frame.paragraphs[0].runs[0]
    assert str(ada.font.color.rgb) != "CC0000"
    with pymupdf.open(pdf) as doc:
        fills = [d for d in doc[0].get_drawings() if d.get("fill") is not None]
    assert any(tuple(round(c * 255) for c in d["fill"]) == (0x20, 0x30, 0x40) for d in fills)


def test_block_widths_margins_span_fonts_and_table_outline(tmp_path: Path) -> None:
    pptx, pdf = tmp_path / "css.pptx", tmp_path / "css.pdf"
    converter.convert(FIXTURE, [pptx, pdf])
    prs = Presentation(str(pptx))
    shapes = {s.text_frame.text if s.has_text_frame else "": s for s in prs.slides[3].shapes
              if not s.has_table}  # fmt: skip
    title = shapes["Geometry"]  # full canvas width: the reference
    left, right = shapes["Left half"], shapes["Right part"]
    assert abs(left.left - title.left) < 2 and abs(left.width - title.width / 2) < 2
    assert str(left.fill.fore_color.rgb) == "E0F0FF"
    assert abs(right.width - title.width * 0.4) < 2  # width: 40%, margin-left: auto
    assert abs(right.left + right.width - title.left - title.width) < 2
    quote = shapes["A wide quote"]
    assert abs(quote.width - title.width * 0.95) < 2  # reveal's 70 % overridden
    assert abs(quote.left + quote.width / 2 - title.left - title.width / 2) < 2  # centred
    runs = shapes["Some huge serif words"].text_frame.paragraphs[0].runs
    assert [r.text for r in runs] == ["Some ", "huge serif", " words"]
    assert abs(runs[1].font.size.pt - 2 * runs[0].font.size.pt) < 0.1  # 2em of the paragraph
    assert runs[1].font.name != runs[0].font.name
    table = next(s for s in prs.slides[3].shapes if s.has_table)
    outline = shapes[""]
    assert (outline.left, outline.top, outline.width, outline.height) == (
        table.left, table.top, table.width, table.height)  # fmt: skip
    line = outline._element.spPr.find("{http://schemas.openxmlformats.org/drawingml/2006/main}ln")
    assert line.find(".//{http://schemas.openxmlformats.org/drawingml/2006/main}srgbClr").get(
        "val") == "CC5500"  # fmt: skip
    spans = {s["text"]: s for s in _spans(pdf, 3)}
    assert spans["huge serif"]["font"].startswith("DejaVuSerif")
    assert abs(spans["huge serif"]["size"] - 2 * spans["Some "]["size"]) < 0.2
    assert spans["Left half"]["bbox"][0] < spans["Geometry"]["bbox"][0]  # left, not centred
    with pymupdf.open(pdf) as doc:
        strokes = [d for d in doc[3].get_drawings() if d.get("color") is not None]
    assert any(tuple(round(c * 255) for c in d["color"]) == (204, 85, 0) for d in strokes)


def test_background_images_on_the_page_sections_and_boxes(tmp_path: Path) -> None:
    from PIL import Image as PILImage

    (tmp_path / "css").mkdir()
    (tmp_path / "img").mkdir()
    PILImage.new("RGB", (64, 64), (200, 30, 30)).save(tmp_path / "img" / "red.png")
    PILImage.new("RGB", (64, 64), (30, 30, 200)).save(tmp_path / "img" / "blue.png")
    # url()s in a css file are relative to the file, as in the browser
    (tmp_path / "css" / "bg.css").write_text(
        ".reveal { background: url(../img/red.png) center / cover no-repeat; }\n"
        ".tile { background-image: url('../img/blue.png'); padding: 20px }\n", encoding="utf-8")
    deck = tmp_path / "talk.md"
    deck.write_text(
        "---\ncss: css/bg.css\n---\n\n## Page\n\nTiled box <!-- .element: class=\"tile\" -->\n\n"
        "---\n\n<!-- .slide: data-background-color=\"#00ff00\" -->\n\n## Own colour\n\n---\n\n"
        "<!-- .slide: style=\"background-image: url(img/blue.png)\" -->\n\n## Section\n\n"
        '<p style="background: url(https://example.com/x.png)">Remote</p>\n\n'
        '<p style="background: url(../outside.png)">Outside</p>\n', encoding="utf-8")
    pptx, pdf = tmp_path / "t.pptx", tmp_path / "t.pdf"
    result = converter.convert(deck, [pptx, pdf])
    assert sorted(d.code for d in result.warnings) == ["refused-image", "remote-image"]
    corners = []
    with pymupdf.open(pdf) as doc:
        for page in doc:
            corners.append(page.get_pixmap(dpi=20).pixel(2, 2))
        middle = doc[0].get_pixmap(dpi=40)
        box = next(s for s in _spans(pdf, 0) if s["text"] == "Tiled box")["bbox"]
        inside = middle.pixel(int(box[0] * 40 / 72) - 4, int((box[1] + box[3]) / 2 * 40 / 72))
    assert corners == [(200, 30, 30), (0, 255, 0), (30, 30, 200)]
    assert inside == (30, 30, 200)  # the box's own image, beside its text
    prs = Presentation(str(pptx))
    blip = "{http://schemas.openxmlformats.org/drawingml/2006/main}blip"
    has_image = [s._element.find(".//{http://schemas.openxmlformats.org/presentationml/2006/main}"
                                 "bg//" + blip) is not None for s in prs.slides]  # fmt: skip
    assert has_image == [True, False, True]
    shapes = list(prs.slides[0].shapes)
    picture = next(s for s in shapes if s.shape_type == 13)
    text = next(s for s in shapes if s.has_text_frame and s.text_frame.text == "Tiled box")
    assert (picture.left, picture.top, picture.width, picture.height) == (
        text.left, text.top, text.width, text.height)  # fmt: skip
    assert shapes.index(picture) < shapes.index(text)  # beneath the text


def test_page_wide_alignment_and_link_colour_from_plain_rules(tmp_path: Path) -> None:
    md = ("<style>.reveal .slides.slides { text-align: left } .reveal a { color: #123456 }"
          " .reveal a:hover { color: #ff0000 }</style>\n\n## Left\n\nSee [the docs](x.html)\n")
    _result, pptx = convert_text(tmp_path, md, "pptx")
    runs = _runs(pptx, 0)
    aligns = {text: align for text, _c, _b, align in runs}
    assert str(aligns["LEFT"]) == "LEFT (1)" and str(aligns["See "]) == "LEFT (1)"
    colors = {text: color for text, color, _b, _a in runs}
    assert colors["the docs"] == "123456"  # `a`, not `a:hover`


def test_borders_that_differ_between_sides(tmp_path: Path) -> None:
    md = ("<style>h2 { border-bottom: 4px solid #FFAB00; border-width: 50px; }\n"
          ".boxed { border: 2px solid; border-left: 10px solid #00aa00; }</style>\n\n"
          "## Heading with a bar\n\nLeft bar <!-- .element: class=\"boxed\" -->\n")
    _result, pptx, pdf = convert_text(tmp_path, md, "pptx", "pdf")
    prs = Presentation(str(pptx))
    px = prs.slide_height * 0.96 / 700
    shapes = list(prs.slides[0].shapes)
    title = shapes[0]
    filled = [(s, str(s.fill.fore_color.rgb)) for s in shapes
              if s.has_text_frame and not s.text_frame.text and s.fill.type == 1]  # fmt: skip
    bar = next(s for s, c in filled if c == "FFAB00")  # only the bottom has a style: 50px
    assert abs(bar.height / px - 50) < 1 and bar.top >= title.top + title.height - 1
    assert bar.width == title.width
    text = next(s for s in shapes if s.has_text_frame and s.text_frame.text == "Left bar")
    left = next(s for s, c in filled if c == "00AA00")
    assert abs(left.width / px - 10) < 1 and left.left == text.left
    sides = [s for s, c in filled if c == "FFFFFF"]  # 2px in currentColor (black theme: white)
    assert len(sides) == 3 and all(min(s.width, s.height) / px < 3 for s in sides)
    with pymupdf.open(pdf) as doc:
        fills = {tuple(round(c * 255) for c in d["fill"]) for d in doc[0].get_drawings()
                 if d.get("fill")}  # fmt: skip
    assert (255, 171, 0) in fills and (0, 170, 0) in fills


def test_list_markers_take_their_items_colour(tmp_path: Path) -> None:
    md = ("<style>li:nth-child(2) { color: #cc0000 }</style>\n\n- one\n- two\n")
    _result, pptx, pdf = convert_text(tmp_path, md, "pptx", "pdf")
    shape = next(s for s in Presentation(str(pptx)).slides[0].shapes if s.has_text_frame
                 and "two" in s.text_frame.text)  # fmt: skip
    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    colours = [p._p.find(f"{a}pPr/{a}buClr/{a}srgbClr") for p in shape.text_frame.paragraphs]
    assert colours[1] is not None and colours[1].get("val") == "CC0000"
    assert colours[0] is None or colours[0].get("val") != "CC0000"
    bullets = [s["color"] for s in _spans(pdf, 0) if s["text"].strip() == "•"]
    assert len(bullets) == 2 and bullets[0] != 0xCC0000 and bullets[1] == 0xCC0000


def test_check_names_the_theme_stylesheet(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                          ) -> None:  # fmt: skip
    from converter.cli.main import main

    assert main([str(ROOT / "fixtures" / "css" / "oldstyle.md"), "--check"]) == 0
    summary = capsys.readouterr().out.strip().splitlines()[-1]
    assert summary.endswith("theme oldstyle.css (over black)")


def test_rules_on_reveals_background_layer_colour_the_slide(tmp_path: Path) -> None:
    md = ("<style>.main .slide-background-content { background-color: #0052CC }</style>\n\n"
          "<!-- .slide: class=\"main\" -->\n\n## Blue\n\n---\n\n## White\n\n---\n\n"
          "<!-- .slide: class=\"main\" data-background-color=\"#00ff00\" -->\n\n## Own colour\n")
    _result, pdf = convert_text(tmp_path, md, "pdf")
    with pymupdf.open(pdf) as doc:
        corners = [page.get_pixmap(dpi=10).pixel(2, 2) for page in doc]
    # the slide's classes are copied onto its .slide-background, as reveal does; the
    # data-background (an inline style there) wins over the rule
    assert corners == [(0, 82, 204), (24, 24, 24), (0, 255, 0)]  # black theme between
