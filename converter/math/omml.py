"""LaTeX to Office Math (OMML), the equations PowerPoint edits natively.

Input: a LaTeX formula and whether it is displayed (or an already checked MathML ``<math>``
element from `converter.math.mathml`). Output: the OMML as an XML string whose root declares
``xmlns:m`` (http://schemas.openxmlformats.org/officeDocument/2006/math): ``m:oMathPara`` with
``m:jc centerGroup`` around an ``m:oMath`` for display math, a bare ``m:oMath`` for inline math.
Only the math: no text properties inside ``m:r`` (openxml-audit rejects the ``a:rPr``
PowerPoint writes there; size, colour and font belong to the text box around it, see
TECH-NOTES section 10) and no ``mc:AlternateContent`` wrapper (the PPTX backend writes it).
Raises `MathError` for LaTeX that cannot be converted.

The MathML -> OMML transform is this module's own, written against what pandoc 3.9 and Word
write, mending what mathml2omml 0.0.2 gets wrong:

- n-ary operators (``∑ ∏ ∫ ⋃``, ...) become ``m:nary`` whose ``m:e`` is the operand that
  follows, not the rest of the row: it ends before a relation (``=``, ``<``, ``→``, ...), a
  comma, a line break, text or a wide space; a sum-like operand also ends before ``+``/``−``; an
  integral's ends after its differentials (``f\\,dx`` and ``dx\\,dy``). Limits go under and
  over (``undOvr``) in display style, beside (``subSup``) inline and always for integrals,
  unless ``\\limits`` asked otherwise.
- accents (``\\hat``, ``\\vec``, ``\\dot``, ...) are ``m:acc``; ``\\overline``/``\\underline``
  ``m:bar``; ``\\overbrace``/``\\underbrace`` ``m:groupChr``; other over/under scripts
  ``m:limUpp``/``m:limLow`` (as are ``\\lim``, ``\\max``, ... in display style).
- a script on a closing bracket (``(x+1)^{-1}``) belongs to the bracketed group: the group
  becomes ``m:d`` (not growing, as the brackets were typed) and the base of ``m:sSup``.
- ``\\left…\\right`` (with ``\\middle``) and matrix brackets become growing ``m:d``; plain
  brackets stay characters, as pandoc and TeX have them.
- radicals always have ``m:deg`` (``m:degHide`` on for square roots).
- ``cases`` is ``m:d`` with ``{`` around an ``m:m`` whose columns are left aligned (what
  pandoc writes, and how LaTeX sets them); ``align*``/``aligned``/``split`` with two columns
  are ``m:eqArr`` rows with the alignment point (``m:aln`` in the run after ``&``), as Word
  writes aligned equations; more columns an ``m:m`` of alternating right/left columns;
  ``gathered`` and ``a \\\\ b`` an ``m:eqArr`` without alignment; matrices and ``array``
  ``m:m`` with their column alignment.
- spaces are Unicode spaces as pandoc writes them (``\\,`` U+2009, ``\\:`` U+2005, ``\\;``
  U+2004, ``\\quad`` U+2001), never an empty run; negative space is dropped.
- styles: ``\\mathbb``/``\\mathcal``/``\\mathfrak``/``\\mathsf``/``\\mathtt`` are ``m:scr``,
  ``\\mathbf``/``\\mathrm``/``\\boldsymbol`` ``m:sty`` (latex2mathml's Unicode mathematical
  letters are turned back into letter + style); function names and upright capital Greek
  ``m:sty p``; ``\\text`` ``m:nor``. No ``m:box`` anywhere.
- ``\\color`` is dropped (OMML keeps colour only in run properties, see above).

This module is the entry; the transform lives in `omml_writer` (one writer a MathML element),
`omml_rows` (reading a flat row: operands, brackets, lines) and `omml_tables` (characters).
"""

from __future__ import annotations

import functools
import xml.etree.ElementTree as ET

from converter.math.errors import MathError
from converter.math.mathml import latex_to_mathml
from converter.math.omml_tables import M_NS, m_tag
from converter.math.omml_writer import Converter, Ctx

__all__ = ["M_NS", "latex_to_omml", "mathml_to_omml"]


@functools.lru_cache(maxsize=2048)
def latex_to_omml(latex: str, *, display: bool) -> str:
    """The OMML of `latex` as an XML string (see the module docstring); MathError if none."""
    math = latex_to_mathml(latex, display=display)
    try:
        element = mathml_to_omml(math, display=display)
    except RecursionError as exc:
        raise MathError(latex, "nested too deeply") from exc
    return ET.tostring(element, encoding="unicode")


def mathml_to_omml(math: ET.Element, *, display: bool) -> ET.Element:
    """``m:oMathPara`` (display) or ``m:oMath`` (inline) for a namespace-free ``<math>``."""
    converter = Converter()
    omath = ET.Element(m_tag("oMath"))
    omath.extend(converter.row(list(math), Ctx(display=display)))
    if not display:
        return omath
    para = ET.Element(m_tag("oMathPara"))
    props = ET.SubElement(para, m_tag("oMathParaPr"))
    ET.SubElement(props, m_tag("jc"), {m_tag("val"): "centerGroup"})
    para.append(omath)
    return para
