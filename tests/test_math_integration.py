"""Math end to end (issue 14): formulas read from Markdown, laid out, drawn as vector outlines
in the PDF and written as Office Math in the PPTX.

The reader finds formulas as reveal's math plugin does (in slides and notes; `\\$`, code spans
and code blocks untouched; emphasis never reaches into a formula), keeps LaTeX it cannot
convert as text with a `math` warning; layout measures formulas (inline on the baseline, lines
grown for tall ones; displayed ones centred blocks, fitted with the slide); the PDF draws paths
at the text's size and colour (no pictures, no LaTeX in the text layer); the PPTX wraps each
shape holding formulas in `mc:AlternateContent` (TECH-NOTES section 10) and passes
openxml-audit. `fixtures/math/talk.md` is the deck; LibreOffice's view of it is in
`test_libreoffice_opens_the_math_deck` and in tests/test_agreement.py.
"""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from conftest import SOFFICE, assert_valid_pptx, codes, only, read, soffice_convert
from lxml import etree
from pptx import Presentation

from converter.api import convert
from converter.diagnostics import Diagnostics
from converter.layout import LayoutOptions, layout_deck
from converter.layout.boxes import LaidOutDeck, TextBox, display_formula
from converter.math.vector import measure_math
from converter.model import Group, Paragraph, Run
from converter.reader import read_file, read_text

ROOT = Path(__file__).resolve().parents[1]
DECK = ROOT / "fixtures" / "math" / "talk.md"
NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "a14": "http://schemas.microsoft.com/office/drawing/2010/main",
    "m": "http://schemas.openxmlformats.org/officeDocument/2006/math",
}


def runs_of(md: str, tmp_path: Path) -> list[Run]:
    res = read(md, tmp_path)
    blocks = res.deck.slides[0].blocks
    flat = [inner for b in blocks for inner in (b.blocks if isinstance(b, Group) else (b,))]
    return [r for b in flat for r in getattr(b, "runs", ())]


def formulas(runs: list[Run]) -> list[tuple[str, bool]]:
    return [(r.math, r.display) for r in runs if r.math is not None]


# --- reader ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("md", "expected"), [
    ("a $x^2$ b", [("x^2", False)]),
    ("a \\(x^2\\) b", [("x^2", False)]),
    ("a \\\\(x^2\\\\) b", [("x^2", False)]),
    ("$$x^2$$", [("x^2", True)]),
    ("\\[x^2\\]", [("x^2", True)]),
    ("\\\\[x^2\\\\]", [("x^2", True)]),
    ("$a$ and $$b$$ and \\(c\\)", [("a", False), ("b", True), ("c", False)]),
], ids=["dollar", "paren", "paren-for-marked", "double-dollar", "bracket", "bracket-for-marked",
        "mixed"])
def test_delimiters_of_reveals_math_plugin(tmp_path: Path, md: str,
                                           expected: list[tuple[str, bool]]) -> None:
    assert formulas(runs_of(md, tmp_path)) == expected


def test_formulas_in_the_notes(tmp_path: Path) -> None:
    res = read("# T\n\nNote: say $x^2$ and\n\n$$\\frac{1}{2}$$", tmp_path)
    notes = res.deck.slides[0].notes
    found = [(r.math, r.display) for b in notes for r in getattr(b, "runs", ()) if r.math]
    assert found == [("x^2", False), ("\\frac{1}{2}", True)]
    assert codes(res) == []


def test_escaped_dollars_and_code_stay_text(tmp_path: Path) -> None:
    runs = runs_of("It costs \\$5 or \\$6, `$x$` is code", tmp_path)
    assert formulas(runs) == []
    assert "".join(r.text for r in runs) == "It costs $5 or $6, $x$ is code"
    assert [r.code for r in runs if r.text == "$x$"] == [True]
    res = read("```\n$x$ and $$y$$\n```", tmp_path)
    assert res.deck.slides[0].blocks[0].text == "$x$ and $$y$$"  # type: ignore[attr-defined]


def test_markdown_never_reaches_into_a_formula(tmp_path: Path) -> None:
    runs = runs_of("Take $a_1 * b_2 * c_3$ and $x_i$, $\\{a\\}$ and *$y$*", tmp_path)
    assert formulas(runs) == [("a_1 * b_2 * c_3", False), ("x_i", False), ("\\{a\\}", False),
                              ("y", False)]  # fmt: skip
    assert [r.italic for r in runs if r.math] == [False, False, False, True]  # *…* around it


def test_doubled_delimiters_undo_markeds_escapes(tmp_path: Path) -> None:
    """`\\\\[…\\\\]` is written for marked, which eats one backslash of each escape: the
    browser's MathJax sees `\\\\` (a row break) where the source has four backslashes."""
    runs = runs_of("\\\\[\\begin{matrix} a \\\\\\\\ b \\end{matrix}\\\\]", tmp_path)
    assert formulas(runs) == [("\\begin{matrix} a \\\\ b \\end{matrix}", True)]


def test_math_in_raw_html_text(tmp_path: Path) -> None:
    res = read("<div>see $x+1$ and <code>$y$</code></div>", tmp_path)
    group = res.deck.slides[0].blocks[0]
    assert isinstance(group, Group)
    runs = list(group.blocks[0].runs)  # type: ignore[attr-defined]
    assert formulas(runs) == [("x+1", False)]
    assert [r.text for r in runs if r.code] == ["$y$"]


def test_a_displayed_formula_inside_a_paragraph_is_a_block_of_its_own(tmp_path: Path) -> None:
    res = read("Before\n$$\ne = mc^2\n$$\nafter", tmp_path)
    [group] = res.deck.slides[0].blocks
    assert isinstance(group, Group)
    assert [type(b) for b in group.blocks] == [Paragraph, Paragraph, Paragraph]
    middle = group.blocks[1]
    assert isinstance(middle, Paragraph) and middle.display_math is not None
    assert middle.display_math.text == "$$ e = mc^2 $$"
    # attributes of the paragraph go to the three together (one fragment, not three)
    comment = '<!-- .element: class="fragment" -->'
    for after in ("\n", " "):  # a block comment on the next line, an inline one
        res = read(f"Before $$x$$ after{after}{comment}", tmp_path)
        [group] = res.deck.slides[0].blocks
        assert isinstance(group, Group) and group.attrs.fragment is not None
        assert len(group.blocks) == 3
        assert all(b.attrs.fragment is None for b in group.blocks)


def test_a_bad_formula_is_kept_as_text_with_a_warning_naming_its_line() -> None:
    res = read_file(DECK)
    diag = only(res, "math")  # type: ignore[arg-type]
    lines = DECK.read_text(encoding="utf-8").splitlines()
    assert "$\\frac{a}$" in lines[diag.line - 1]  # type: ignore[operator]
    assert diag.slide == 4
    assert "$\\frac{a}$" in diag.message and "mfrac" in diag.message
    paragraph = res.deck.slides[3].blocks[-1]
    assert isinstance(paragraph, Paragraph)
    assert paragraph.runs[-1].text.endswith("$\\frac{a}$")
    assert all(r.math is None for r in paragraph.runs)


def test_a_multiline_bad_formula_names_a_line_inside_it(tmp_path: Path) -> None:
    res = read("# T\n\ntext\n\n$$\n\\frac{a}\n$$\n", tmp_path)
    assert only(res, "math").line == 6


# --- layout ---------------------------------------------------------------------------------


def lay(md: str) -> LaidOutDeck:
    res = read_text(md)
    return layout_deck(res.deck, LayoutOptions(), Diagnostics())


def test_inline_formula_is_measured_at_its_runs_size() -> None:
    laid = lay("Text $\\frac{a}{b}$ and more")
    [box] = laid.slides[0].boxes
    assert isinstance(box, TextBox)
    [line] = box.paragraphs[0].lines
    [run] = [r for r in line.runs if r.math is not None]
    metrics = measure_math("\\frac{a}{b}", run.size, display=False)
    assert run.math is not None
    assert run.math.width == pytest.approx(metrics.width)
    assert line.width == pytest.approx(sum(r.width for r in line.runs))


def test_a_tall_formula_makes_its_line_taller() -> None:
    plain = lay("Some text on one line")
    tall = lay("Some $\\frac{\\frac{a}{b}}{\\frac{c}{d}}$ text")
    [pbox], [tbox] = plain.slides[0].boxes, tall.slides[0].boxes
    assert isinstance(pbox, TextBox) and isinstance(tbox, TextBox)
    pline, tline = pbox.paragraphs[0].lines[0], tbox.paragraphs[0].lines[0]
    formula = next(r.math for r in tline.runs if r.math is not None)
    assert formula is not None
    assert tline.height > pline.height
    assert tline.ascent >= formula.ascent
    assert tline.height - tline.ascent >= formula.descent


def test_a_formula_is_never_broken_and_keeps_to_its_punctuation() -> None:
    words = " ".join(["word"] * 14)
    laid = lay(f"{words} ($x^2 + y^2 = z^2$), {words}")
    [box] = laid.slides[0].boxes
    assert isinstance(box, TextBox)
    for line in box.paragraphs[0].lines:
        texts = [r.text for r in line.runs]
        if any(r.math is not None for r in line.runs):
            joined = "".join(texts)
            assert "($x^2 + y^2 = z^2$)," in joined


def test_a_displayed_formula_is_a_centred_box_sized_to_it() -> None:
    laid = lay("# Title\n\nText\n\n$$\\int_0^1 x\\,dx$$")
    boxes = laid.slides[0].boxes
    [box] = [b for b in boxes if isinstance(b, TextBox) and display_formula(b.paragraphs)]
    run = display_formula(box.paragraphs)
    assert run is not None and run.math is not None
    metrics = measure_math("\\int_0^1 x\\,dx", run.size, display=True)
    assert (box.w, box.h) == pytest.approx((metrics.width, metrics.height))
    assert box.x + box.w / 2 == pytest.approx(laid.width / 2, abs=0.5)
    # a box of its own: not merged into the body placeholder with the paragraph
    assert [b.role for b in boxes if isinstance(b, TextBox)] == ["title", "text", "text"]


def test_formulas_shrink_with_the_slide_when_it_is_fitted() -> None:
    many = "\n\n".join(f"$$\\sum_{{k=1}}^{{{n}}} \\frac{{k}}{{2}}$$" for n in range(12))
    laid = lay(f"# Many\n\n{many}")
    slide = laid.slides[0]
    assert slide.text_scale < 1
    boxes = [b for b in slide.boxes if isinstance(b, TextBox) and display_formula(b.paragraphs)]
    assert len(boxes) == 12
    assert max(b.y + b.h for b in boxes) <= laid.height
    run = display_formula(boxes[0].paragraphs)
    assert run is not None and run.math is not None
    assert run.math.height == pytest.approx(
        measure_math("\\sum_{k=1}^{0} \\frac{k}{2}", run.size, display=True).height)


def test_decks_without_math_never_load_the_math_converters(tmp_path: Path) -> None:
    """Performance: the formula code paths run only for runs that hold a formula."""
    deck = tmp_path / "plain.md"
    deck.write_text("# Plain\n\n- a *list* with `code` and \\\\ a backslash\n\nNote: notes\n")
    code = (
        "import sys; from converter.api import convert; "
        f"convert({str(deck)!r}, [{str(tmp_path / 'p.pptx')!r}, {str(tmp_path / 'p.pdf')!r}]);"
        "print(sorted(m for m in ('latex2mathml', 'ziamath', 'converter.math.omml',"
        " 'converter.math.vector') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, timeout=120)  # fmt: skip
    assert done.stdout.strip() == "[]"


# --- the deck: PDF and PPTX -------------------------------------------------------------------


@cache
def converted(folder: str) -> tuple[Path, Path, Path]:
    out = Path(folder)
    pptx, pdf, handout = out / "math.pptx", out / "math.pdf", out / "handout.pdf"
    convert(DECK, [pptx, pdf], handout_outputs=[handout])
    return pptx, pdf, handout


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    return converted(str(tmp_path_factory.mktemp("math")))


def _fitz() -> Any:
    return pytest.importorskip("pymupdf")


def _spans(page: Any) -> list[dict[str, Any]]:
    return [span for block in page.get_text("dict")["blocks"] for line in block.get("lines", ())
            for span in line["spans"] if span["text"].strip()]  # fmt: skip


def test_pdf_formulas_are_vector_paths_not_pictures_nor_text(
        outputs: tuple[Path, Path, Path]) -> None:  # fmt: skip
    doc = _fitz().open(outputs[1])
    assert len(doc) == 5
    for number in (1, 2, 3, 5):
        page = doc[number - 1]
        assert page.get_images() == [], number
        fills = [d for d in page.get_drawings() if d["type"] in ("f", "fs")]
        assert len(fills) >= 2, number
        text = page.get_text()
        if number == 2:  # its escaped dollar and code span are text
            assert "it costs $5, or $x$ in code" in text
            text = text.replace("$5", "").replace("$x$", "")
        assert "\\" not in text and "$" not in text and "\\frac" not in text, number


def test_pdf_inline_formula_sits_on_the_baseline_at_the_texts_size(
        outputs: tuple[Path, Path, Path]) -> None:  # fmt: skip
    page = _fitz().open(outputs[1])[1]  # "Pythagoras: $a^2 + b^2 = c^2$"
    span = next(s for s in _spans(page) if s["text"].startswith("Pythagoras"))
    size, baseline = span["size"], span["origin"][1]
    top, bottom = span["bbox"][1], span["bbox"][3]
    inks = [d["rect"] for d in page.get_drawings()
            if d["rect"].x0 > span["bbox"][2] - 1 and top - size < d["rect"].y1 < bottom + size]
    assert inks
    ink_bottom = max(r.y1 for r in inks)
    ink_top = min(r.y0 for r in inks)
    # a, b, c rest on the baseline (overshoot only); the superscripts rise above x-height
    assert abs(ink_bottom - baseline) < 0.06 * size
    assert 0.6 * size < ink_bottom - ink_top < 1.2 * size


def test_pdf_formula_takes_the_texts_colour(outputs: tuple[Path, Path, Path]) -> None:
    page = _fitz().open(outputs[1])[4]  # the blue slide
    colours = {tuple(round(c * 255) for c in d["fill"]) for d in page.get_drawings()
               if d.get("fill") is not None and d["rect"].height < 200}  # fmt: skip
    assert (0x1A, 0x5F, 0xB4) in colours


def test_pdf_displayed_formula_is_centred(outputs: tuple[Path, Path, Path]) -> None:
    page = _fitz().open(outputs[1])[0]
    last_text = max(s["bbox"][3] for s in _spans(page) if s["bbox"][3] < page.rect.height - 30)
    inks = [d["rect"] for d in page.get_drawings()
            if d["rect"].y0 > last_text and d["rect"].y1 < page.rect.height * 0.9]  # no badge
    left, right = min(r.x0 for r in inks), max(r.x1 for r in inks)
    assert (left + right) / 2 == pytest.approx(page.rect.width / 2, abs=3)


def test_handout_notes_draw_formulas_as_vectors(outputs: tuple[Path, Path, Path]) -> None:
    page = _fitz().open(outputs[2])[0]
    spans = _spans(page)
    notes = next(s for s in spans if s["text"].startswith("Say it aloud"))
    below = [d for d in page.get_drawings()
             if d["rect"].y0 > notes["bbox"][1] - 5 and d["rect"].y1 < notes["bbox"][3] + 10
             and d["rect"].height < 30]  # fmt: skip
    assert below
    assert "$" not in page.get_text()


def _slide_xml(pptx: Path, number: int) -> Any:
    with zipfile.ZipFile(pptx) as z:
        return etree.fromstring(z.read(f"ppt/slides/slide{number}.xml"))


def test_pptx_shapes_with_formulas_are_wrapped_for_office_math(
        outputs: tuple[Path, Path, Path]) -> None:  # fmt: skip
    root = _slide_xml(outputs[0], 1)
    tree = root.find(".//p:spTree", NS)
    wrapped = tree.findall("mc:AlternateContent", NS)
    assert len(wrapped) == 2  # the paragraph with an inline formula, the displayed one
    for alternate in wrapped:
        choice, fallback = alternate.find("mc:Choice", NS), alternate.find("mc:Fallback", NS)
        assert choice.get("Requires") == "a14"
        sp, fallback_sp = choice.find("p:sp", NS), fallback.find("p:sp", NS)
        # the same shape: id, name, position and size
        for path in ("p:nvSpPr/p:cNvPr", "p:spPr/a:xfrm/a:off", "p:spPr/a:xfrm/a:ext"):
            assert sp.find(path, NS).attrib == fallback_sp.find(path, NS).attrib
        assert sp.findall(".//a14:m", NS)
        assert not fallback_sp.findall(".//a14:m", NS)
        # no text properties inside the math; the look in the box's list style
        assert not sp.findall(".//m:r/a:rPr", NS) and not sp.findall(".//m:rPr", NS)
        style = sp.find("p:txBody/a:lstStyle/a:lvl1pPr/a:defRPr", NS)
        assert style is not None and int(style.get("sz")) > 1000
    inline, display = wrapped
    # inline: m:oMath between the runs of one paragraph
    para = inline.find("mc:Choice/p:sp/p:txBody/a:p", NS)
    kids = [etree.QName(k).localname for k in para]
    assert kids[:4] == ["pPr", "r", "m", "r"]
    assert para.find("a14:m/m:oMath", NS) is not None
    fallback_text = "".join(inline.find("mc:Fallback", NS).itertext())
    assert "$e^{i\\pi} + 1 = 0$" in fallback_text
    # displayed: m:oMathPara centred, alone in its paragraph; no wrapping
    choice = display.find("mc:Choice/p:sp", NS)
    math_para = choice.find("p:txBody/a:p/a14:m/m:oMathPara", NS)
    assert math_para.find("m:oMathParaPr/m:jc", NS).get(f"{{{NS['m']}}}val") == "centerGroup"
    assert choice.find("p:txBody/a:bodyPr", NS).get("wrap") == "none"
    # its fallback: the same box filled with the formula's picture, over a blank run
    fallback = display.find("mc:Fallback/p:sp", NS)
    blip = fallback.find("p:spPr/a:blipFill/a:blip", NS)
    rid = blip.get(f"{{{NS['r']}}}embed")
    with zipfile.ZipFile(outputs[0]) as z:
        rels = z.read("ppt/slides/_rels/slide1.xml.rels").decode()
        target = re.search(rf'Id="{rid}"[^>]*Target="([^"]+)"', rels) or re.search(
            rf'Target="([^"]+)"[^>]*Id="{rid}"', rels)
        assert target is not None
        png = z.read("ppt/" + target.group(1).removeprefix("../"))
    assert png.startswith(b"\x89PNG")
    assert "".join(fallback.itertext()).strip() == ""


def test_pptx_displayed_formula_box_is_the_measured_box(outputs: tuple[Path, Path, Path]) -> None:
    laid = layout_deck(read_file(DECK).deck, LayoutOptions(), Diagnostics())
    [box] = [b for b in laid.slides[0].boxes
             if isinstance(b, TextBox) and display_formula(b.paragraphs)]  # fmt: skip
    root = _slide_xml(outputs[0], 1)
    ext = root.findall(".//mc:AlternateContent", NS)[1].find(
        "mc:Choice/p:sp/p:spPr/a:xfrm/a:ext", NS)
    assert int(ext.get("cx")) == round(box.w * 12700)
    assert int(ext.get("cy")) == round(box.h * 12700)


def test_pptx_tables_and_titles_with_formulas(tmp_path: Path) -> None:
    deck = tmp_path / "t.md"
    deck.write_text("# Area $\\pi r^2$\n\n| f | value |\n|---|---|\n| $\\sqrt{2}$ | 1.41 |\n")
    out = tmp_path / "t.pptx"
    convert(deck, [out])
    assert_valid_pptx(out)
    root = _slide_xml(out, 1)
    wrapped = root.findall(".//p:spTree/mc:AlternateContent", NS)
    assert len(wrapped) == 2
    assert wrapped[0].find("mc:Choice/p:sp//p:ph", NS).get("type") == "title"
    assert wrapped[1].find("mc:Choice/p:graphicFrame//a:tc//a14:m/m:oMath", NS) is not None
    assert "$\\sqrt{2}$" in "".join(wrapped[1].find("mc:Fallback", NS).itertext())


def test_pptx_passes_openxml_audit_and_python_pptx_reads_it(
        outputs: tuple[Path, Path, Path]) -> None:  # fmt: skip
    assert_valid_pptx(outputs[0])
    prs = Presentation(str(outputs[0]))
    assert len(prs.slides) == 5
    for number, slide in enumerate(prs.slides, 1):
        root = _slide_xml(outputs[0], number)
        # wrapped shapes are invisible to python-pptx but their ids count: no id twice
        # outside the pairs of Choice and Fallback
        ids = [el.get("id") for el in root.iter(f"{{{NS['p']}}}cNvPr")
               if not any(etree.QName(a).localname == "Fallback" for a in el.iterancestors())]
        assert len(ids) == len(set(ids)), number
        listed = {shape.shape_id for shape in slide.shapes}
        assert listed <= set(map(int, ids))


def test_pptx_notes_keep_the_latex_source_as_text(outputs: tuple[Path, Path, Path]) -> None:
    prs = Presentation(str(outputs[0]))
    notes = prs.slides[0].notes_slide.notes_text_frame.text
    assert notes == "Say it aloud: $e^{i\\pi} + 1 = 0$, and the area is $\\frac{1}{3}$."
    second = prs.slides[1].notes_slide.notes_text_frame.text
    assert "\\\\(\\sqrt{2} \\approx 1.414\\\\)" in second
    with zipfile.ZipFile(outputs[0]) as z:
        for name in z.namelist():
            if name.startswith("ppt/notesSlides/") and name.endswith(".xml"):
                assert b"a14:m" not in z.read(name)


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not on PATH")
def test_libreoffice_opens_the_math_deck(outputs: tuple[Path, Path, Path],
                                         tmp_path: Path) -> None:  # fmt: skip
    """LibreOffice takes the a14 Choice: with libreoffice-math installed (CI installs it) the
    displayed equations render as formulas; inline ones are dropped (README: Math)."""
    done = soffice_convert([outputs[0]], "pdf", tmp_path, tmp_path / "profile", 120)
    pdf = tmp_path / "math.pdf"
    assert pdf.is_file(), done.stderr.decode(errors="replace")[-2000:]
    doc = _fitz().open(pdf)
    assert len(doc) == 5
    text = doc[0].get_text()
    assert "Euler" in text and "identity" in text
    assert "e^{i" not in text  # the Choice was taken, not the fallback's source
    math_installed = subprocess.run(["dpkg", "-s", "libreoffice-math"], capture_output=True,
                                    check=False).returncode == 0  # fmt: skip
    if math_installed:
        # the displayed integral is drawn: ink below the paragraph, in the middle
        spans = _spans(doc[0])
        euler = max(s["bbox"][3] for s in spans if "displayed" in s["text"] or
                    "identity" in s["text"])  # fmt: skip
        pix = doc[0].get_pixmap(dpi=72, clip=(0, euler + 5, doc[0].rect.width,
                                              doc[0].rect.height - 40))  # fmt: skip
        dark = sum(1 for i in range(0, len(pix.samples), pix.n) if pix.samples[i] < 128)
        assert dark > 50


def test_formulas_in_a_templates_placeholders(tmp_path: Path) -> None:
    """On a template's layouts a title, a body and a table holding formulas are wrapped as
    anywhere else, both versions of each being the same placeholder."""
    from test_template import build_template

    template = build_template(tmp_path / "brand.pptx")
    deck = tmp_path / "t.md"
    deck.write_text("# Area $\\pi r^2$\n\n- radius $r$\n- area $\\pi r^2$\n\n---\n\n"
                    "## Table\n\n| f | value |\n|---|---|\n| $\\sqrt{2}$ | 1.41 |\n")
    out = tmp_path / "t.pptx"
    convert(deck, [out], template=template)
    assert_valid_pptx(out)
    for number in (1, 2):
        root = _slide_xml(out, number)
        wrapped = root.findall(".//p:spTree/mc:AlternateContent", NS)
        assert wrapped, number
        for alternate in wrapped:
            choice = alternate.find("mc:Choice/*", NS)
            fallback = alternate.find("mc:Fallback/*", NS)
            ph = [p.attrib for p in choice.iter(f"{{{NS['p']}}}ph")]
            assert ph == [p.attrib for p in fallback.iter(f"{{{NS['p']}}}ph")]
    assert len(_slide_xml(out, 1).findall(".//p:spTree/mc:AlternateContent", NS)) == 2
