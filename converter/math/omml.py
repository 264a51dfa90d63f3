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
"""

from __future__ import annotations

import functools
import re
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from converter.math.errors import MathError
from converter.math.mathml import latex_to_mathml

__all__ = ["M_NS", "latex_to_omml", "mathml_to_omml"]

M_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
ET.register_namespace("m", M_NS)

# --- character classes ---------------------------------------------------------------------

_INTEGRALS = frozenset("∫∬∭⨌∮∯∰∱∲∳⨍⨎⨏⨐⨑⨒⨓⨔⨕⨖⨗⨘⨙⨚⨛⨜")
_NARY = _INTEGRALS | frozenset("∑∏∐⋃⋂⋁⋀⨁⨂⨀⨄⨆⨃⨅")
_RELATIONS = frozenset(
    "=≠<>≤≥≦≧≪≫≡≢≈≉∼≃≅≇∝≺≻⪯⪰≼≽⊂⊃⊆⊇⊊⊋⊄⊅∈∉∋∌∣∤∥∦⊥⊢⊣⊨⊩≔≕≐≜≝≟≲≳⋜⋝"
    "→←↔⇒⇐⇔⟶⟵⟷⟹⟸⟺↦⟼↪↩⇀⇁↑↓⇑⇓↗↘↙↖⊏⊐⊑⊒"
) | frozenset({":=", "≔", "::"})
_ADDITIVE = frozenset("+-−±∓⊕⊖")
_SEPARATORS = frozenset(",;")
_OPENERS = {
    "(": ")", "[": "]", "{": "}", "⟨": "⟩", "⌊": "⌋", "⌈": "⌉", "⟦": "⟧", "|": "|", "‖": "‖",
}
_CLOSERS = {close: open_ for open_, close in _OPENERS.items()}
_LIMIT_NAMES = frozenset({
    "lim", "liminf", "limsup", "lim\u2006inf", "lim\u2006sup", "max", "min", "sup", "inf",
    "det", "gcd", "Pr", "argmax", "argmin",
})

# Accent characters (as latex2mathml writes them) -> the m:acc character (as pandoc writes it).
_ACCENTS = {
    "^": "\u0302", "\u02c6": "\u0302", "\u0302": "\u0302",
    "~": "\u0303", "\u02dc": "\u0303", "\u0303": "\u0303",
    "\u00af": "\u203e", "\u203e": "\u203e", "\u0304": "\u203e", "\u0305": "\u203e",
    "\u02d9": "\u0307", "\u0307": "\u0307",
    "\u00a8": "\u0308", "\u0308": "\u0308",
    "\u20db": "\u20db", "\u20dc": "\u20dc",
    "\u02c7": "\u030c", "\u030c": "\u030c",
    "\u02d8": "\u0306", "\u0306": "\u0306",
    "\u00b4": "\u0301", "\u0301": "\u0301",
    "`": "\u0300", "\u0300": "\u0300",
    "\u02da": "\u030a", "\u030a": "\u030a",
    "\u2192": "\u20d7", "\u20d7": "\u20d7", "\u27f6": "\u20d7",
    "\u2190": "\u20d6", "\u20d6": "\u20d6", "\u27f5": "\u20d6",
    "\u2194": "\u20e1", "\u20e1": "\u20e1",
}
_BARS = frozenset("\u2015\u203e_\u0332")  # \overline, \underline
_GROUP_CHARS = {"\u23de": "top", "\u23df": "bot", "\u23b4": "top", "\u23b5": "bot"}

_NAMED_SPACES = {
    "veryverythinmathspace": 1 / 18, "verythinmathspace": 2 / 18, "thinmathspace": 3 / 18,
    "mediummathspace": 4 / 18, "thickmathspace": 5 / 18, "verythickmathspace": 6 / 18,
    "veryverythickmathspace": 7 / 18,
}
_UNITS_EM = {"em": 1.0, "ex": 0.43, "mu": 1 / 18, "pt": 1 / 12, "px": 0.75 / 12, "pc": 1.0,
             "in": 6.0, "cm": 72 / 2.54 / 12, "mm": 72 / 25.4 / 12}
_LENGTH = re.compile(r"^\s*([-+]?(?:\d+\.?\d*|\.\d+))\s*([a-z]*)\s*$")

_VARIANTS: dict[str, tuple[str | None, str]] = {
    # mathvariant -> (m:scr, m:sty)
    "normal": (None, "p"), "bold": (None, "b"), "italic": (None, "i"),
    "bold-italic": (None, "bi"), "double-struck": ("double-struck", "p"),
    "script": ("script", "p"), "bold-script": ("script", "b"),
    "fraktur": ("fraktur", "p"), "bold-fraktur": ("fraktur", "b"),
    "sans-serif": ("sans-serif", "p"), "bold-sans-serif": ("sans-serif", "b"),
    "sans-serif-italic": ("sans-serif", "i"), "sans-serif-bold-italic": ("sans-serif", "bi"),
    "monospace": ("monospace", "p"),
}
_LETTERLIKE = ("DOUBLE-STRUCK CAPITAL", "SCRIPT CAPITAL", "BLACK-LETTER CAPITAL", "SCRIPT SMALL")


def _m(tag: str) -> str:
    return f"{{{M_NS}}}{tag}"


# --- public API ----------------------------------------------------------------------------


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
    converter = _Converter()
    omath = ET.Element(_m("oMath"))
    omath.extend(converter.row(list(math), _Ctx(display=display)))
    if not display:
        return omath
    para = ET.Element(_m("oMathPara"))
    props = ET.SubElement(para, _m("oMathParaPr"))
    ET.SubElement(props, _m("jc"), {_m("val"): "centerGroup"})
    para.append(omath)
    return para


# --- the transform -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Ctx:
    display: bool
    variant: str | None = None


_ALIGN = "\x00align"  # marker element tag: an alignment point in a flat row


def _text(el: ET.Element) -> str:
    return "".join(el.itertext())


def _unwrap(el: ET.Element) -> ET.Element:
    """An mrow/mstyle with one child stands for that child (for classification only)."""
    while el.tag in ("mrow", "mstyle", "mpadded") and len(el) == 1:
        el = el[0]
    return el


def _is_empty(el: ET.Element) -> bool:
    return el.tag in ("mrow", "mi", "mo", "none") and len(el) == 0 and not (el.text or "").strip()


def _op_text(el: ET.Element) -> str | None:
    """The text of an operator-like token (mo, or mi holding an operator), else None."""
    el = _unwrap(el)
    if el.tag in ("mo", "mi") and len(el) == 0:
        return (el.text or "").strip()
    return None


def _nary_char(el: ET.Element) -> str | None:
    text = _op_text(el)
    return text if text is not None and len(text) == 1 and text in _NARY else None


def _is_limit_op(el: ET.Element) -> bool:
    el = _unwrap(el)
    if el.tag != "mo":
        return False
    if len(el):  # \mathop{...}
        return True
    text = (el.text or "").strip()
    return el.get("movablelimits") == "true" or text in _LIMIT_NAMES


def _is_relation(el: ET.Element) -> bool:
    text = _op_text(el)
    return text is not None and text in _RELATIONS


def _is_break(el: ET.Element) -> bool:
    return el.tag == "mspace" and el.get("linebreak") == "newline"


def _space_em(el: ET.Element) -> float:
    width = (el.get("width") or "").strip()
    if not width:
        return 0.0
    if width in _NAMED_SPACES:
        return _NAMED_SPACES[width]
    if width.startswith("negative"):
        return -_NAMED_SPACES.get(width[len("negative") :], 0.0)
    match = _LENGTH.match(width)
    if match is None:
        return 0.0
    return float(match.group(1)) * _UNITS_EM.get(match.group(2) or "em", 0.0)


def _ends_operand(el: ET.Element) -> bool:
    if _is_break(el) or _is_relation(el) or el.tag == _ALIGN:
        return True
    text = _op_text(el)
    if text is not None and text in _SEPARATORS:
        return True
    if el.tag == "mtext" and any(ch.isalpha() for ch in _text(el)):
        return True
    return el.tag == "mspace" and _space_em(el) >= 0.9


def _is_differential(items: Sequence[ET.Element], i: int) -> bool:
    if i + 1 >= len(items):
        return False
    el = _unwrap(items[i])
    if el.tag != "mi" or (el.text or "").strip() not in ("d", "\u2146"):
        return False
    var = _unwrap(items[i + 1])
    if var.tag in ("msub", "msup", "msubsup") and len(var):
        var = _unwrap(var[0])
    return var.tag == "mi"


def _fence_char(el: ET.Element) -> str | None:
    """The bracket of a bare mo, else None."""
    if el.tag != "mo" or len(el):
        return None
    text = (el.text or "").strip()
    return text if text in _OPENERS or text in _CLOSERS else None


def _unmarked(el: ET.Element) -> bool:
    """An mo with no stretchy/fence/size attributes (what latex2mathml writes for matrices)."""
    return not any(key in el.attrib for key in ("stretchy", "fence", "minsize", "maxsize"))


def _is_fenced_mrow(el: ET.Element) -> bool:
    """An mrow made by ``\\left…\\right`` or by this module's bracket grouping."""
    if el.tag != "mrow":
        return False
    if "_fence" in el.attrib:
        return True
    first = el[0] if len(el) >= 2 else None
    return (
        first is not None
        and first.tag == "mo"
        and first.get("fence") == "true"
        and first.get("form") == "prefix"
    )


def _fenced_row(kind: str, children: Iterable[ET.Element]) -> ET.Element:
    row = ET.Element("mrow", {"_fence": kind})
    row.extend(children)
    return row


def _not_sign(items: list[ET.Element], i: int) -> ET.Element | None:
    """``\\not`` as latex2mathml writes it: a zero-width ⧸ followed by the negated operator."""
    el = items[i]
    if el.tag != "mpadded" or el.get("width") != "0" or _text(el).strip() != "\u29f8":
        return None
    if i + 1 >= len(items) or _op_text(items[i + 1]) is None:
        return None
    negated = ET.Element("mo")
    negated.text = unicodedata.normalize("NFC", (_op_text(items[i + 1]) or "") + "\u0338")
    return negated


class _Converter:
    """MathML (namespace-free, checked) -> lists of OMML elements."""

    # -- rows --------------------------------------------------------------------------------

    def row(self, children: list[ET.Element], ctx: _Ctx) -> list[ET.Element]:
        items = self._normalise(children)
        lines = self._split_lines(items)
        if len(lines) > 1:
            return [self._eq_array([self._line(line, ctx) for line in lines])]
        out = self._line(items, ctx)
        return [el for el in out if el.tag != _ALIGN]

    def _normalise(self, children: list[ET.Element]) -> list[ET.Element]:
        items: list[ET.Element] = []
        i = 0
        while i < len(children):
            negated = _not_sign(children, i)
            if negated is not None:
                items.append(negated)
                i += 2
                continue
            el = children[i]
            if el.tag == "mi" and (el.text or "").strip() == "&":
                items.append(ET.Element(_ALIGN))
            else:
                items.append(el)
            i += 1
        items = self._pair_matrix_fences(items)
        return self._group_scripted_fences(items)

    def _pair_matrix_fences(self, items: list[ET.Element]) -> list[ET.Element]:
        """Brackets latex2mathml writes as bare operators around a table (pmatrix & co.) or a
        fraction (``\\binom``, ``\\big(\\frac…\\big)``) -> one growing fenced group."""
        if not any(el.tag in ("mtable", "mfrac") for el in items):
            return items
        out: list[ET.Element] = []
        stack: list[int] = []  # indexes into out of unmatched openers
        for el in items:
            char = _fence_char(el)
            if char is not None and (_unmarked(el) or "minsize" in el.attrib):
                top = (out[stack[-1]].text or "").strip() if stack else None
                if top is not None and _OPENERS.get(top) == char:
                    start = stack.pop()
                    inner = out[start + 1 :]
                    if any(x.tag == "mtable" for x in inner) or (
                        len(inner) == 1 and inner[0].tag == "mfrac"
                    ):
                        group = _fenced_row("grow", [out[start], *inner, el])
                        del out[start:]
                        out.append(group)
                        continue
                elif char in _OPENERS:
                    stack.append(len(out))
            out.append(el)
        return out

    def _group_scripted_fences(self, items: list[ET.Element]) -> list[ET.Element]:
        """``( x+1 )^{-1}``: the script's base is the bracketed group, not the ``)``."""
        i = 0
        while i < len(items):
            el = items[i]
            if el.tag in ("msup", "msub", "msubsup") and len(el):
                base = el[0]
                close = _fence_char(base)
                if close is not None and close in _CLOSERS:
                    start = self._matching_opener(items, i, close)
                    if start is not None:
                        kind = "grow" if _unmarked(base) and _unmarked(items[start]) else "fixed"
                        group = _fenced_row(kind, [*items[start:i], base])
                        scripted = ET.Element(el.tag, dict(el.attrib))
                        scripted.append(group)
                        scripted.extend(list(el)[1:])
                        items[start : i + 1] = [scripted]
                        i = start
            i += 1
        return items

    @staticmethod
    def _matching_opener(items: list[ET.Element], end: int, close: str) -> int | None:
        want = _CLOSERS[close]
        depth = 0
        for k in range(end - 1, -1, -1):
            char = _fence_char(items[k])
            if char is None:
                continue
            if char == want and (depth == 0 or want != close):
                if depth == 0:
                    return k
                depth -= 1
            elif char == close:
                depth += 1
        return None

    @staticmethod
    def _split_lines(items: list[ET.Element]) -> list[list[ET.Element]]:
        lines: list[list[ET.Element]] = [[]]
        for el in items:
            if _is_break(el):
                lines.append([])
            else:
                lines[-1].append(el)
        return lines

    def _line(self, items: list[ET.Element], ctx: _Ctx) -> list[ET.Element]:
        out: list[ET.Element] = []
        i = 0
        n = len(items)
        while i < n:
            el = items[i]
            if el.tag == _ALIGN:
                out.append(el)
                i += 1
                continue
            nary = self._nary_parts(el)
            if nary is not None:
                char, sub, sup, under_over = nary
                end = self._operand_end(items, i + 1, char in _INTEGRALS)
                operand = self.row(items[i + 1 : end], ctx)
                out.append(self._nary(char, sub, sup, under_over, operand, ctx))
                i = end
                continue
            if (
                el.tag in ("msup", "msub", "msubsup")
                and len(el)
                and _is_empty(el[0])
                and i + 1 < n
                and not _ends_operand(items[i + 1])
            ):
                out.append(self._pre_script(el, items[i + 1], ctx))
                i += 2
                continue
            out.extend(self.convert(el, ctx))
            i += 1
        return out

    @staticmethod
    def _nary_parts(
        el: ET.Element,
    ) -> tuple[str, ET.Element | None, ET.Element | None, bool | None] | None:
        """(operator, lower, upper, limits under/over?) when `el` is an n-ary operator."""
        char = _nary_char(el)
        if char is not None:
            return char, None, None, None
        inner = _unwrap(el)
        if inner.tag not in ("msub", "msup", "msubsup", "munder", "mover", "munderover"):
            return None
        if not len(inner):
            return None
        char = _nary_char(inner[0])
        if char is None:
            return None
        tag = inner.tag
        under_over = tag.startswith("mu") or tag == "mover"
        if tag in ("msub", "munder"):
            return char, inner[1], None, under_over
        if tag in ("msup", "mover"):
            return char, None, inner[1], under_over
        return char, inner[1], inner[2], under_over

    @staticmethod
    def _operand_end(items: list[ET.Element], start: int, integral: bool) -> int:
        j = start
        n = len(items)
        while j < n:
            el = items[j]
            if _ends_operand(el):
                break
            if not integral and j > start:
                text = _op_text(el)
                if text is not None and text in _ADDITIVE:
                    break
            if integral and _is_differential(items, j):
                j += 2
                while True:
                    k = j
                    while k < n and items[k].tag == "mspace" and not _ends_operand(items[k]):
                        k += 1
                    if _is_differential(items, k):
                        j = k + 2
                        continue
                    return j
            j += 1
        return j

    # -- elements ----------------------------------------------------------------------------

    def convert(self, el: ET.Element, ctx: _Ctx) -> list[ET.Element]:
        tag = el.tag
        handler = _HANDLERS.get(tag)
        if handler is None:
            raise MathError(_text(el), f"unsupported MathML element <{tag}>")
        return handler(self, el, ctx)

    def arg(self, el: ET.Element, ctx: _Ctx) -> list[ET.Element]:
        """One MathML argument as the content of an OMML argument element."""
        if el.tag == "mrow" and not _is_fenced_mrow(el):
            return self.row(list(el), ctx)
        return self.row([el], ctx)

    def wrap(self, tag: str, content: Iterable[ET.Element]) -> ET.Element:
        wrapper = ET.Element(_m(tag))
        wrapper.extend(content)
        return wrapper

    def on(self, parent: ET.Element, tag: str, value: str | None = None) -> ET.Element:
        attrib = {} if value is None else {_m("val"): value}
        return ET.SubElement(parent, _m(tag), attrib)

    # tokens

    def run(self, text: str, *, sty: str | None = None, scr: str | None = None,
            nor: bool = False) -> ET.Element:
        r = ET.Element(_m("r"))
        if sty or scr or nor:
            props = ET.SubElement(r, _m("rPr"))
            if nor:
                self.on(props, "nor")
            else:
                if scr:
                    self.on(props, "scr", scr)
                if sty:
                    self.on(props, "sty", sty)
        t = ET.SubElement(r, _m("t"))
        t.text = text
        if text != text.strip():
            t.set(_XML_SPACE, "preserve")
        return r

    def styled_runs(self, text: str, variant: str | None, *, default: str | None
                    ) -> list[ET.Element]:
        """Runs for `text`, one per stretch of the same style (math letters decomposed)."""
        pieces: list[tuple[str, str | None, str | None]] = []
        for ch in text:
            scr, sty, base = _char_style(ch, variant, default)
            if pieces and pieces[-1][1:] == (scr, sty):
                pieces[-1] = (pieces[-1][0] + base, scr, sty)
            else:
                pieces.append((base, scr, sty))
        return [self.run(chunk, sty=sty, scr=scr) for chunk, scr, sty in pieces]

    def mi(self, el: ET.Element, ctx: _Ctx) -> list[ET.Element]:
        text = (el.text or "").strip() if len(el) == 0 else _text(el).strip()
        if not text:
            return []
        variant = el.get("mathvariant") or ctx.variant
        if len(text) > 1:
            default: str | None = "p"  # function names: sin, log, ...
        elif unicodedata.category(text) == "Lu" and "GREEK" in unicodedata.name(text, ""):
            default = "p"  # TeX sets capital Greek upright
        else:
            default = None
        return self.styled_runs(text, variant, default=default)

    def mn(self, el: ET.Element, ctx: _Ctx) -> list[ET.Element]:
        text = _text(el).strip()
        return self.styled_runs(text, el.get("mathvariant") or ctx.variant, default=None) \
            if text else []

    def mo(self, el: ET.Element, ctx: _Ctx) -> list[ET.Element]:
        if len(el):  # \mathop{...}: its content, set upright
            return self.row(list(el), replace(ctx, variant=ctx.variant or "normal"))
        text = (el.text or "").strip()
        if not text:
            return []
        has_letters = any(ch.isalpha() for ch in text)
        return self.styled_runs(text, el.get("mathvariant") or ctx.variant,
                                default="p" if has_letters else None)

    def mtext(self, el: ET.Element, ctx: _Ctx) -> list[ET.Element]:
        text = _text(el).replace("\u00a0", " ")  # latex2mathml's spaces in \text{}
        return [self.run(text, nor=True)] if text else []

    def ms(self, el: ET.Element, ctx: _Ctx) -> list[ET.Element]:
        return [self.run(f"\"{_text(el)}\"", nor=True)]

    def mspace(self, el: ET.Element, ctx: _Ctx) -> list[ET.Element]:
        if _is_break(el):
            return []
        spaces = _unicode_spaces(_space_em(el))
        return [self.run(spaces)] if spaces else []

    # layout schemata

    def mrow(self, el: ET.Element, ctx: _Ctx) -> list[ET.Element]:
        children = list(el)
        if not _is_fenced_mrow(el):
            return self.row(children, ctx)
        return [self._delimited(children, el.get("_fence", "grow") == "grow", ctx)]

    def _delimited(self, children: list[ET.Element], grow: bool, ctx: _Ctx) -> ET.Element:
        first = children[0]
        last = children[-1] if len(children) > 1 else None
        closing = last is not None and last.tag == "mo" and (
            last.get("form") == "postfix" or (_fence_char(last) or "") in _CLOSERS
            or (last.get("fence") == "true" and not (last.text or "").strip())
        )
        inner = children[1:-1] if closing else children[1:]
        parts: list[list[ET.Element]] = [[]]
        separator = ""
        for child in inner:
            if child.tag == "mo" and child.get("fence") == "true" and not child.get("form"):
                separator = separator or (child.text or "").strip()
                parts.append([])
            else:
                parts[-1].append(child)
        d = ET.Element(_m("d"))
        props = ET.SubElement(d, _m("dPr"))
        self.on(props, "begChr", (first.text or "").strip())
        self.on(props, "sepChr", separator)  # written empty too, as pandoc does
        self.on(props, "endChr", (last.text or "").strip() if closing and last is not None else "")
        if grow:
            self.on(props, "grow")
        else:
            self.on(props, "grow", "off")
        for part in parts:
            d.append(self.wrap("e", self.row(part, ctx)))
        return d

    def mstyle(self, el: ET.Element, ctx: _Ctx) -> list[ET.Element]:
        inner = ctx
        if el.get("displaystyle") in ("true", "false"):
            inner = replace(inner, display=el.get("displaystyle") == "true")
        if el.get("mathvariant"):
            inner = replace(inner, variant=el.get("mathvariant"))
        return self.row(list(el), inner)

    def passthrough(self, el: ET.Element, ctx: _Ctx) -> list[ET.Element]:
        return self.row(list(el), ctx)

    def nothing(self, el: ET.Element, ctx: _Ctx) -> list[ET.Element]:
        return []

    def semantics(self, el: ET.Element, ctx: _Ctx) -> list[ET.Element]:
        return self.arg(el[0], ctx) if len(el) else []

    def mfrac(self, el: ET.Element, ctx: _Ctx) -> list[ET.Element]:
        f = ET.Element(_m("f"))
        props = ET.SubElement(f, _m("fPr"))
        thickness = _LENGTH.match(el.get("linethickness") or "")
        if el.get("bevelled") == "true":
            kind = "skw"
        elif thickness is not None and float(thickness.group(1)) == 0:
            kind = "noBar"
        else:
            kind = "bar"
        self.on(props, "type", kind)
        f.append(self.wrap("num", self.arg(el[0], ctx)))
        f.append(self.wrap("den", self.arg(el[1], ctx)))
        return [f]

    def msqrt(self, el: ET.Element, ctx: _Ctx) -> list[ET.Element]:
        rad = ET.Element(_m("rad"))
        props = ET.SubElement(rad, _m("radPr"))
        self.on(props, "degHide", "on")
        ET.SubElement(rad, _m("deg"))
        rad.append(self.wrap("e", self.row(list(el), ctx)))
        return [rad]

    def mroot(self, el: ET.Element, ctx: _Ctx) -> list[ET.Element]:
        rad = ET.Element(_m("rad"))
        rad.append(self.wrap("deg", self.arg(el[1], ctx)))
        rad.append(self.wrap("e", self.arg(el[0], ctx)))
        return [rad]

    def scripts(self, el: ET.Element, ctx: _Ctx) -> list[ET.Element]:
        nary = self._nary_parts(el)
        if nary is not None:  # an operator without operand (e.g. alone in a group)
            char, sub, sup, under_over = nary
            return [self._nary(char, sub, sup, under_over, [], ctx)]
        base = el[0]
        tag = el.tag
        if ctx.display and _is_limit_op(base):
            return self._limits(base, el[1] if tag != "msup" else None,
                                el[-1] if tag != "msub" else None, ctx)
        name = {"msup": "sSup", "msub": "sSub", "msubsup": "sSubSup"}[tag]
        node = ET.Element(_m(name))
        node.append(self.wrap("e", self.arg(base, ctx)))
        if tag in ("msub", "msubsup"):
            node.append(self.wrap("sub", self.arg(el[1], ctx)))
        if tag in ("msup", "msubsup"):
            node.append(self.wrap("sup", self.arg(el[-1], ctx)))
        return [node]

    def under_over(self, el: ET.Element, ctx: _Ctx) -> list[ET.Element]:
        nary = self._nary_parts(el)
        if nary is not None:
            char, sub, sup, under_over = nary
            return [self._nary(char, sub, sup, under_over, [], ctx)]
        tag = el.tag
        base = el[0]
        under = el[1] if tag in ("munder", "munderover") else None
        over = el[-1] if tag in ("mover", "munderover") else None
        if tag == "mover" and over is not None:
            decorated = self._decorate(base, over, top=True, ctx=ctx)
            if decorated is not None:
                return [decorated]
        if tag == "munder" and under is not None:
            decorated = self._decorate(base, under, top=False, ctx=ctx)
            if decorated is not None:
                return [decorated]
        return self._limits(base, under, over, ctx)

    def _decorate(self, base: ET.Element, mark: ET.Element, *, top: bool, ctx: _Ctx
                  ) -> ET.Element | None:
        """Accent, bar or brace for a one-character over/under mark, else None."""
        char = _op_text(mark)
        if char is None or len(char) != 1:
            return None
        content = self.arg(base, ctx)
        if char in _GROUP_CHARS:
            node = ET.Element(_m("groupChr"))
            props = ET.SubElement(node, _m("groupChrPr"))
            self.on(props, "chr", char)
            self.on(props, "pos", "top" if top else "bot")
            self.on(props, "vertJc", "bot" if top else "top")
            node.append(self.wrap("e", content))
            return node
        if char in _BARS and (top or char != "_" or _unwrap(mark).get("accent") == "true"):
            node = ET.Element(_m("bar"))
            props = ET.SubElement(node, _m("barPr"))
            self.on(props, "pos", "top" if top else "bot")
            node.append(self.wrap("e", content))
            return node
        if top and char in _ACCENTS:
            node = ET.Element(_m("acc"))
            props = ET.SubElement(node, _m("accPr"))
            self.on(props, "chr", _ACCENTS[char])
            node.append(self.wrap("e", content))
            return node
        return None

    def _limits(self, base: ET.Element, under: ET.Element | None, over: ET.Element | None,
                ctx: _Ctx) -> list[ET.Element]:
        body = self.arg(base, ctx)
        if under is not None:
            low = ET.Element(_m("limLow"))
            low.append(self.wrap("e", body))
            low.append(self.wrap("lim", self.arg(under, ctx)))
            body = [low]
        if over is not None:
            upp = ET.Element(_m("limUpp"))
            upp.append(self.wrap("e", body))
            upp.append(self.wrap("lim", self.arg(over, ctx)))
            body = [upp]
        return body

    def _nary(self, char: str, sub: ET.Element | None, sup: ET.Element | None,
              under_over: bool | None, operand: list[ET.Element], ctx: _Ctx) -> ET.Element:
        # under and over: asked for (\limits, latex2mathml's munderover), or a sum-like
        # operator in display style; beside: inline, and integrals
        under = bool(under_over) or (ctx.display and char not in _INTEGRALS)
        loc = "undOvr" if under else "subSup"
        node = ET.Element(_m("nary"))
        props = ET.SubElement(node, _m("naryPr"))
        self.on(props, "chr", char)
        self.on(props, "limLoc", loc)
        self.on(props, "subHide", "on" if sub is None else "off")
        self.on(props, "supHide", "on" if sup is None else "off")
        node.append(self.wrap("sub", self.arg(sub, ctx) if sub is not None else []))
        node.append(self.wrap("sup", self.arg(sup, ctx) if sup is not None else []))
        node.append(self.wrap("e", operand))
        return node

    def _pre_script(self, el: ET.Element, base: ET.Element, ctx: _Ctx) -> ET.Element:
        node = ET.Element(_m("sPre"))
        tag = el.tag
        node.append(self.wrap("sub", self.arg(el[1], ctx) if tag != "msup" else []))
        node.append(self.wrap("sup", self.arg(el[-1], ctx) if tag != "msub" else []))
        node.append(self.wrap("e", self.arg(base, ctx)))
        return node

    # tables

    def mtable(self, el: ET.Element, ctx: _Ctx) -> list[ET.Element]:
        rows: list[list[ET.Element]] = []
        aligns: list[str] = []
        for tr in el:
            if tr.tag not in ("mtr", "mlabeledtr"):
                continue
            cells = [td for td in tr if td.tag == "mtd"]
            if tr.tag == "mlabeledtr":
                cells = cells[1:]
            rows.append(cells)
            for k, td in enumerate(cells):
                value = td.get("columnalign")
                if value and k >= len(aligns):
                    aligns.extend(["center"] * (k + 1 - len(aligns)))
                if value:
                    aligns[k] = value
        if not rows:
            return []
        columns = max(len(cells) for cells in rows)
        table_aligns = (el.get("columnalign") or "").split()
        for k in range(columns):
            if k >= len(aligns):
                aligns.append(table_aligns[min(k, len(table_aligns) - 1)] if table_aligns
                              else "center")
        aligned = columns >= 2 and all(
            aligns[k] == ("right" if k % 2 == 0 else "left") for k in range(columns)
        ) and el.get("displaystyle") == "true"
        inner = replace(ctx, display=True) if el.get("displaystyle") == "true" else ctx
        if aligned and columns == 2:
            lines = []
            for cells in rows:
                left = self.row(list(cells[0]), inner) if cells else []
                right = self.row(list(cells[1]), inner) if len(cells) > 1 else []
                lines.append([*left, ET.Element(_ALIGN), *right])
            return [self._eq_array(lines)]
        return [self._matrix(rows, aligns[:columns], inner)]

    def _matrix(self, rows: list[list[ET.Element]], aligns: list[str], ctx: _Ctx) -> ET.Element:
        node = ET.Element(_m("m"))
        props = ET.SubElement(node, _m("mPr"))
        self.on(props, "baseJc", "center")
        self.on(props, "plcHide", "on")
        mcs = ET.SubElement(props, _m("mcs"))
        for align in aligns:
            mc = ET.SubElement(mcs, _m("mc"))
            mc_props = ET.SubElement(mc, _m("mcPr"))
            self.on(mc_props, "count", "1")
            self.on(mc_props, "mcJc", align if align in ("left", "right") else "center")
        for cells in rows:
            mr = ET.SubElement(node, _m("mr"))
            for k in range(len(aligns)):
                content = self.row(list(cells[k]), ctx) if k < len(cells) else []
                mr.append(self.wrap("e", content))
        return node

    def _eq_array(self, lines: list[list[ET.Element]]) -> ET.Element:
        node = ET.Element(_m("eqArr"))
        for line in lines:
            node.append(self.wrap("e", _apply_alignment(line)))
        return node

    def menclose(self, el: ET.Element, ctx: _Ctx) -> list[ET.Element]:
        notations = set((el.get("notation") or "box").split())
        node = ET.Element(_m("borderBox"))
        strikes = {
            "updiagonalstrike": "strikeBLTR", "downdiagonalstrike": "strikeTLBR",
            "horizontalstrike": "strikeH", "verticalstrike": "strikeV",
        }
        if notations and notations <= set(strikes):
            props = ET.SubElement(node, _m("borderBoxPr"))
            for side in ("hideTop", "hideBot", "hideLeft", "hideRight"):
                self.on(props, side, "on")
            for name in ("strikeH", "strikeV", "strikeBLTR", "strikeTLBR"):
                if any(strikes[n] == name for n in notations):
                    self.on(props, name, "on")
        node.append(self.wrap("e", self.row(list(el), ctx)))
        return [node]

    def mphantom(self, el: ET.Element, ctx: _Ctx) -> list[ET.Element]:
        node = ET.Element(_m("phant"))
        props = ET.SubElement(node, _m("phantPr"))
        self.on(props, "show", "off")
        node.append(self.wrap("e", self.row(list(el), ctx)))
        return [node]

    def mfenced(self, el: ET.Element, ctx: _Ctx) -> list[ET.Element]:
        d = ET.Element(_m("d"))
        props = ET.SubElement(d, _m("dPr"))
        self.on(props, "begChr", el.get("open", "("))
        separators = (el.get("separators", ",") or "").replace(" ", "")
        self.on(props, "sepChr", separators[:1])
        self.on(props, "endChr", el.get("close", ")"))
        self.on(props, "grow")
        for child in el if len(el) else [ET.Element("mrow")]:
            d.append(self.wrap("e", self.arg(child, ctx)))
        return [d]

    def mmultiscripts(self, el: ET.Element, ctx: _Ctx) -> list[ET.Element]:
        children = [c for c in el if c.tag != "mprescripts"]
        if len(children) < 3:
            return self.row(children, ctx)
        scripted = ET.Element("msubsup")
        scripted.extend(children[:3])
        return self.scripts(scripted, ctx)


_HANDLERS: dict[str, Callable[[_Converter, ET.Element, _Ctx], list[ET.Element]]] = {
    "mi": _Converter.mi, "mn": _Converter.mn, "mo": _Converter.mo,
    "mtext": _Converter.mtext, "ms": _Converter.ms, "mspace": _Converter.mspace,
    "mrow": _Converter.mrow, "mstyle": _Converter.mstyle, "mpadded": _Converter.passthrough,
    "merror": _Converter.passthrough, "math": _Converter.passthrough,
    "semantics": _Converter.semantics, "annotation": _Converter.nothing,
    "none": _Converter.nothing, "mprescripts": _Converter.nothing,
    "mfrac": _Converter.mfrac, "msqrt": _Converter.msqrt, "mroot": _Converter.mroot,
    "msup": _Converter.scripts, "msub": _Converter.scripts, "msubsup": _Converter.scripts,
    "mover": _Converter.under_over, "munder": _Converter.under_over,
    "munderover": _Converter.under_over, "mtable": _Converter.mtable,
    "menclose": _Converter.menclose, "mphantom": _Converter.mphantom,
    "mfenced": _Converter.mfenced, "mmultiscripts": _Converter.mmultiscripts,
}


def _apply_alignment(line: list[ET.Element]) -> list[ET.Element]:
    """Put ``m:aln`` into the run after the first alignment marker; drop the markers."""
    out: list[ET.Element] = []
    pending = False
    used = False
    for el in line:
        if el.tag == _ALIGN:
            pending = not used
            used = True
            continue
        if pending:
            if el.tag != _m("r"):
                out.append(_aligned_empty_run())
            else:
                _add_aln(el)
            pending = False
        out.append(el)
    if pending:
        out.append(_aligned_empty_run())
    return out


def _add_aln(run: ET.Element) -> None:
    """``m:aln`` last in the run's ``m:rPr``. The schema's choice (``m:nor`` or a script/style)
    may not be empty before it (openxml-audit: "Required sequence content is missing"), so a
    run without a style states the one it has anyway: italic letters, upright others."""
    props = run.find(_m("rPr"))
    if props is None:
        props = ET.Element(_m("rPr"))
        run.insert(0, props)
    if not any(child.tag in (_m("nor"), _m("scr"), _m("sty")) for child in props):
        t = run.find(_m("t"))
        letters = t is not None and any(ch.isalpha() for ch in (t.text or ""))
        ET.SubElement(props, _m("sty"), {_m("val"): "i" if letters else "p"})
    ET.SubElement(props, _m("aln"))


def _aligned_empty_run() -> ET.Element:
    run = ET.Element(_m("r"))
    ET.SubElement(run, _m("t"))
    _add_aln(run)
    return run


def _char_style(ch: str, variant: str | None, default: str | None
                ) -> tuple[str | None, str | None, str]:
    """(m:scr, m:sty, character) for one character of a token."""
    decomposed = _math_alphanumeric(ch)
    if decomposed is not None:
        return decomposed
    if variant in _VARIANTS:
        scr, sty = _VARIANTS[variant]
        if sty == "i" and scr is None and default is None and ch.isalpha():
            return None, None, ch  # italic is a letter's default
        return scr, sty, ch
    return None, default, ch


@functools.lru_cache(maxsize=1024)
def _math_alphanumeric(ch: str) -> tuple[str | None, str | None, str] | None:
    """𝐯 -> (None, 'b', 'v'), ℝ -> ('double-struck', 'p', 'R'); None for other characters."""
    name = unicodedata.name(ch, "")
    if not (name.startswith("MATHEMATICAL ") or name.startswith(_LETTERLIKE)):
        return None
    if ch == "\u2113":  # ℓ (\ell) stays itself
        return None
    base = unicodedata.normalize("NFKC", ch)
    if len(base) != 1 or base == ch:
        return None
    if "DOUBLE-STRUCK" in name:
        scr: str | None = "double-struck"
    elif "FRAKTUR" in name or "BLACK-LETTER" in name:
        scr = "fraktur"
    elif "SCRIPT" in name:
        scr = "script"
    elif "SANS-SERIF" in name:
        scr = "sans-serif"
    elif "MONOSPACE" in name:
        scr = "monospace"
    else:
        scr = None
    bold = "BOLD" in name
    italic = "ITALIC" in name
    sty = "bi" if bold and italic else "b" if bold else "i" if italic else "p"
    return scr, sty, base


def _unicode_spaces(em: float) -> str:
    """Unicode spaces about `em` wide, as pandoc writes TeX spaces."""
    if em <= 0.05:
        return ""
    out = ""
    while em >= 0.95:
        out += "\u2001"  # em quad (\quad)
        em -= 1.0
    if em >= 0.45:
        out += "\u2002"
    elif em >= 0.26:
        out += "\u2004"  # three-per-em (\;)
    elif em >= 0.2:
        out += "\u2005"  # four-per-em (\:)
    elif em >= 0.1:
        out += "\u2009"  # thin (\,)
    return out
