"""Any formula gives OMML and outlines, or MathError from both: never another exception.

Formulas are strung together from LaTeX pieces that interact badly (unbalanced groups,
arguments missing, environments cut short, style switches where arguments belong).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from hypothesis import example, given, settings
from hypothesis import strategies as st

from converter.math import MathError
from converter.math.omml import latex_to_omml
from converter.math.vector import render_math

PIECES = [
    r"\frac", r"\sqrt", "^", "_", "{", "}", "x", "1", "+", "=", r"\left(", r"\right)", "(",
    ")", r"\sum", r"\int", r"\hat", r"\begin{pmatrix}", r"\end{pmatrix}", "&", r"\\",
    r"\text{a b}", r"\mathbb{R}", r"\,", r"\alpha", r"\lim", r"\begin{cases}", r"\end{cases}",
    r"\begin{aligned}", r"\end{aligned}", "|", r"\overline", r"\underbrace", r"\mathrm{d}",
    r"\not", r"\binom", "'", r"\color{red}", r"\middle|", "[", "]", r"\{", r"\}", r"\left.",
    r"\right.", " ", r"\displaystyle", r"\limits", r"\boxed", r"\cancel", r"\phantom", "{}",
    r"\mathbf", r"\vec", r"\sqrt[3]", r"\quad", r"\!", "-", "<", ",", r"\infty", r"\cdot",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=12), st.booleans())
# a colour switch where an argument belongs: ziamath spread the mstyle over its parent
@example([r"\hat", r"\color{red}", "x", "x"], False)
@example([r"\frac", "(", r"\color{red}", r"\color{red}", "x", "x"], False)
def test_a_result_or_a_math_error_from_both_backends(pieces: list[str], display: bool) -> None:
    latex = "".join(pieces)
    try:
        omml = latex_to_omml(latex, display=display)
    except MathError:
        omml = None
    try:
        formula = render_math(latex, 12, display=display)
    except MathError:
        formula = None
    assert (omml is None) == (formula is None), latex
    if omml is not None and formula is not None:
        ET.fromstring(omml)
        assert formula.width >= 0 and formula.height >= 0
