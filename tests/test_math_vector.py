"""LaTeX -> vector outlines: measured boxes, drawn into a reportlab PDF and read back with
PyMuPDF (paths, no images, no text; the ink inside the measured box; baselines shared)."""

from __future__ import annotations

from pathlib import Path

import pymupdf
import pytest
from reportlab.pdfgen import canvas as pdfcanvas

from converter.math import MathError
from converter.math.omml import latex_to_omml
from converter.math.vector import measure_math, render_math
from converter.model.color import Color

PAGE = (600.0, 400.0)
BLUE = Color(0, 0, 255)

SAMPLES = [
    r"\frac{a}{b}+\sqrt{x^2+1}",
    r"\left(\sum_{i=1}^n x_i\right)^2",
    r"\int_0^1 f\,dx = 1",
    r"\begin{pmatrix}a&b\\c&d\end{pmatrix}",
    r"e^{i\pi}+1=0",
    r"\hat{x} + \mathbb{R}^n",
    r"\begin{cases} x & x>0 \\ -x & \text{otherwise}\end{cases}",
    r"\begin{aligned} a &= b \\ c &= d\end{aligned}",
    r"\boxed{x}",
]


def draw(tmp_path: Path, items: list[tuple[str, bool, float, float, float, Color]]) -> Path:
    """A one-page PDF with each (latex, display, size, x, baseline, colour) drawn."""
    path = tmp_path / "math.pdf"
    c = pdfcanvas.Canvas(str(path), pagesize=PAGE)
    for latex, display, size, x, baseline, color in items:
        render_math(latex, size, display=display, color=color).draw(c, x, baseline)
    c.save()
    return path


def ink(page: pymupdf.Page) -> pymupdf.Rect:
    rect = pymupdf.Rect()
    for drawing in page.get_drawings():
        rect |= drawing["rect"]
    return rect


@pytest.mark.parametrize("latex", SAMPLES)
@pytest.mark.parametrize("display", [True, False])
def test_drawn_ink_fills_the_measured_box(tmp_path: Path, latex: str, display: bool) -> None:
    size, x, baseline = 24.0, 100.0, 200.0
    formula = render_math(latex, size, display=display, color=BLUE)
    with pymupdf.open(draw(tmp_path, [(latex, display, size, x, baseline, BLUE)])) as doc:
        page = doc[0]
        drawings = page.get_drawings()
        assert drawings, "the formula is drawn as paths"
        assert page.get_images() == []
        assert page.get_text().strip() == ""  # no LaTeX source in the text layer
        box = ink(page)
    top = PAGE[1] - (baseline + formula.ascent)  # PyMuPDF's y grows downwards
    bottom = PAGE[1] - (baseline - formula.descent)
    stroke = 1.5  # a stroked border (\boxed) reaches half its width past the box
    assert box.y0 == pytest.approx(top, abs=stroke)
    assert box.y1 == pytest.approx(bottom, abs=stroke)
    assert box.x0 >= x - 0.01
    assert box.x1 <= x + formula.width + 0.01
    assert box.width > 0.8 * formula.width


def test_paths_in_the_given_colour_and_explicit_colours_kept(tmp_path: Path) -> None:
    items = [(r"a+b", False, 20.0, 50.0, 300.0, BLUE), (r"\color{red}{x}", False, 20.0, 50.0,
                                                        200.0, BLUE)]
    with pymupdf.open(draw(tmp_path, items)) as doc:
        fills = {tuple(round(v, 3) for v in d["fill"]) for d in doc[0].get_drawings()
                 if d.get("fill") is not None}
    assert fills == {(0.0, 0.0, 1.0), (1.0, 0.0, 0.0)}


def test_inline_formulas_sit_on_the_text_baseline(tmp_path: Path) -> None:
    """An x drawn as math lies on the baseline like the letter x of a text font."""
    size, baseline = 30.0, 200.0
    path = tmp_path / "base.pdf"
    c = pdfcanvas.Canvas(str(path), pagesize=PAGE)
    c.setFont("Times-Italic", size)
    c.drawString(50, baseline, "x")
    render_math("x", size, display=False).draw(c, 150, baseline)
    c.save()
    with pymupdf.open(path) as doc:
        page = doc[0]
        math_box = ink(page)
        chars = [ch for block in page.get_text("rawdict")["blocks"] for line in block["lines"]
                 for span in line["spans"] for ch in span["chars"]]
    assert len(chars) == 1
    text_baseline = chars[0]["origin"][1]
    assert text_baseline == pytest.approx(PAGE[1] - baseline, abs=0.01)
    # the math x's ink bottom is on the baseline (its overshoot is 1 % of the size)
    assert math_box.y1 == pytest.approx(text_baseline, abs=0.02 * size)
    assert math_box.y0 < text_baseline - 0.35 * size  # x-height above it


def test_scripts_and_fractions_extend_the_box() -> None:
    x = measure_math("x", 20, display=False)
    assert x.descent < 0.1 * 20
    assert measure_math("x_i", 20, display=False).descent > x.descent
    assert measure_math("x^2", 20, display=False).ascent > x.ascent
    frac = measure_math(r"\frac{a}{b}", 20, display=True)
    assert frac.ascent > x.ascent and frac.descent > 0.2 * 20
    assert frac.height == pytest.approx(frac.ascent + frac.descent)


def test_display_style_is_larger_than_inline() -> None:
    display = measure_math(r"\sum_{i=1}^n x_i", 20, display=True)
    inline = measure_math(r"\sum_{i=1}^n x_i", 20, display=False)
    assert display.height > inline.height


def test_metrics_scale_with_the_size_and_measure_matches_render() -> None:
    small = measure_math(r"\int_0^1 f\,dx", 10, display=True)
    big = measure_math(r"\int_0^1 f\,dx", 40, display=True)
    assert big.width == pytest.approx(4 * small.width)
    assert big.ascent == pytest.approx(4 * small.ascent)
    assert big.descent == pytest.approx(4 * small.descent)
    assert render_math(r"\int_0^1 f\,dx", 40, display=True).metrics == big


def test_large_operator_in_brackets_is_not_two_thousand_units_tall() -> None:
    """ziamath alone stretches these brackets to ~2000 units (module docstring)."""
    for latex in (r"\left(\sum_i x_i\right)", r"\left[\prod_k a_k\right]"):
        metrics = measure_math(latex, 20, display=True)
        assert metrics.height < 4 * 20, latex


def test_layout_is_cached_per_formula() -> None:
    from converter.math.vector import _layout

    measure_math(r"\sqrt{2}", 12, display=False)
    before = _layout.cache_info().hits
    measure_math(r"\sqrt{2}", 30, display=False)
    render_math(r"\sqrt{2}", 18, display=False, color=BLUE)
    assert _layout.cache_info().hits == before + 2


@pytest.mark.parametrize("latex", [r"\foo x", r"\frac{a}", "x^", "{x", ""])
def test_the_same_formulas_are_refused_as_for_omml(latex: str) -> None:
    with pytest.raises(MathError):
        render_math(latex, 12, display=False)
    with pytest.raises(MathError):
        latex_to_omml(latex, display=False)


def test_size_must_be_positive() -> None:
    with pytest.raises(ValueError):
        render_math("x", 0, display=False)


def test_png_fallback_has_the_formula_box_and_colour() -> None:
    import io
    import math

    from PIL import Image

    from converter.math.raster import render_png

    formula = render_math(r"\frac{a}{b} + \boxed{y}", 20, display=True, color=BLUE)
    image = Image.open(io.BytesIO(render_png(formula, pixels_per_point=3)))
    assert image.format == "PNG" and image.mode == "RGBA"
    assert image.size == (math.ceil(formula.width * 3), math.ceil(formula.height * 3))
    assert image.getpixel((0, 0))[3] == 0  # transparent background
    data = image.tobytes()
    opaque = [tuple(data[i : i + 4]) for i in range(0, len(data), 4) if data[i + 3] == 255]
    assert opaque and all(px[:3] == (0, 0, 255) for px in opaque)
    box = image.getchannel("A").getbbox()
    assert box is not None
    assert box[2] - box[0] > 0.9 * image.size[0]  # the ink spans the picture
    assert box[3] - box[1] > 0.9 * image.size[1]


def test_png_fallback_is_at_most_4096_pixels_a_side() -> None:
    import io

    from PIL import Image

    from converter.math.raster import render_png

    formula = render_math("x" * 200, 100, display=False)
    image = Image.open(io.BytesIO(render_png(formula, pixels_per_point=4)))
    assert max(image.size) <= 4096


SKIPPED_PASS = [
    r"\left( \frac{a}{b} \right)^{-1}",
    r"\left| \sum_{k=1}^{n} \frac{x_k}{k} \right|",
    r"\begin{pmatrix} a & b \\ c & \frac{d}{e} \end{pmatrix}",
    r"f(x) = \begin{cases} x^2 & x \ge 0 \\ -x & \text{otherwise} \end{cases}",
    r"\sqrt{\frac{1}{1 + \frac{1}{x}}} + \hat{\beta}_{n} (X^T X)^{-1}",
    r"\int_0^1 \frac{dx}{\sqrt{1 - x^2}} = \frac{\pi}{2}",
    r"\lim_{h \to 0} \frac{f(x+h) - f(x)}{h}",
]


@pytest.mark.parametrize("latex", SKIPPED_PASS)
@pytest.mark.parametrize("display", [False, True])
def test_rows_without_stretchy_operators_skip_a_pass_with_the_same_result(
    latex: str, display: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ziamath.nodes.mrow import Mrow

    from converter.math import vector

    vector._ziamath()
    patched = Mrow._get_height_nostretch
    assert getattr(patched, "md2pptx", False)  # ziamath 0.13's rows, patched on first use
    calls = {"patched": 0}

    def counting(self: object, line: list[object], **kwargs: object) -> tuple[float, float]:
        calls["patched"] += 1
        result: tuple[float, float] = patched(self, line, **kwargs)
        return result

    vector._layout.cache_clear()
    monkeypatch.setattr(Mrow, "_get_height_nostretch", counting)
    fast = vector._layout(latex, display)
    vector._layout.cache_clear()
    monkeypatch.setattr(Mrow, "_get_height_nostretch", patched.original)  # type: ignore[attr-defined]
    slow = vector._layout(latex, display)
    vector._layout.cache_clear()
    assert calls["patched"] > 0
    assert fast == slow  # the same outlines and metrics, to the last coordinate
