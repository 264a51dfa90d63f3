"""Reading a flat MathML row for the MathML -> OMML transform (`converter.math.omml_writer`).

Input: the children of a namespace-free, checked MathML row (latex2mathml's output). Output:
the row normalised (``\\not`` folded into its operator, ``&`` as an alignment marker
element, bracketed groups around tables, fractions and scripted closing brackets turned into
fenced ``mrow`` elements), cut at line breaks, and the questions the writer asks of an element:
is it an n-ary operator (`nary_parts`), where does its operand end (`operand_end`), is it a
relation, a bracket, a space and how wide. No OMML is written here.
"""

from __future__ import annotations

import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence

from converter.math.omml_tables import (
    ADDITIVE,
    CLOSERS,
    LENGTH,
    LIMIT_NAMES,
    NAMED_SPACES,
    NARY,
    OPENERS,
    RELATIONS,
    SEPARATORS,
    UNITS_EM,
)

ALIGN = "\x00align"  # marker element tag: an alignment point in a flat row


def text_of(el: ET.Element) -> str:
    return "".join(el.itertext())


def unwrap(el: ET.Element) -> ET.Element:
    """An mrow/mstyle with one child stands for that child (for classification only)."""
    while el.tag in ("mrow", "mstyle", "mpadded") and len(el) == 1:
        el = el[0]
    return el


def is_empty(el: ET.Element) -> bool:
    return el.tag in ("mrow", "mi", "mo", "none") and len(el) == 0 and not (el.text or "").strip()


def op_text(el: ET.Element) -> str | None:
    """The text of an operator-like token (mo, or mi holding an operator), else None."""
    el = unwrap(el)
    if el.tag in ("mo", "mi") and len(el) == 0:
        return (el.text or "").strip()
    return None


def _nary_char(el: ET.Element) -> str | None:
    text = op_text(el)
    return text if text is not None and len(text) == 1 and text in NARY else None


def is_limit_op(el: ET.Element) -> bool:
    el = unwrap(el)
    if el.tag != "mo":
        return False
    if len(el):  # \mathop{...}
        return True
    text = (el.text or "").strip()
    return el.get("movablelimits") == "true" or text in LIMIT_NAMES


def _is_relation(el: ET.Element) -> bool:
    text = op_text(el)
    return text is not None and text in RELATIONS


def is_break(el: ET.Element) -> bool:
    return el.tag == "mspace" and el.get("linebreak") == "newline"


def space_em(el: ET.Element) -> float:
    width = (el.get("width") or "").strip()
    if not width:
        return 0.0
    if width in NAMED_SPACES:
        return NAMED_SPACES[width]
    if width.startswith("negative"):
        return -NAMED_SPACES.get(width[len("negative") :], 0.0)
    match = LENGTH.match(width)
    if match is None:
        return 0.0
    return float(match.group(1)) * UNITS_EM.get(match.group(2) or "em", 0.0)


def ends_operand(el: ET.Element) -> bool:
    if is_break(el) or _is_relation(el) or el.tag == ALIGN:
        return True
    text = op_text(el)
    if text is not None and text in SEPARATORS:
        return True
    if el.tag == "mtext" and any(ch.isalpha() for ch in text_of(el)):
        return True
    return el.tag == "mspace" and space_em(el) >= 0.9


def _is_differential(items: Sequence[ET.Element], i: int) -> bool:
    if i + 1 >= len(items):
        return False
    el = unwrap(items[i])
    if el.tag != "mi" or (el.text or "").strip() not in ("d", "\u2146"):
        return False
    var = unwrap(items[i + 1])
    if var.tag in ("msub", "msup", "msubsup") and len(var):
        var = unwrap(var[0])
    return var.tag == "mi"


def fence_char(el: ET.Element) -> str | None:
    """The bracket of a bare mo, else None."""
    if el.tag != "mo" or len(el):
        return None
    text = (el.text or "").strip()
    return text if text in OPENERS or text in CLOSERS else None


def _unmarked(el: ET.Element) -> bool:
    """An mo with no stretchy/fence/size attributes (what latex2mathml writes for matrices)."""
    return not any(key in el.attrib for key in ("stretchy", "fence", "minsize", "maxsize"))


def is_fenced_mrow(el: ET.Element) -> bool:
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
    if el.tag != "mpadded" or el.get("width") != "0" or text_of(el).strip() != "\u29f8":
        return None
    if i + 1 >= len(items) or op_text(items[i + 1]) is None:
        return None
    negated = ET.Element("mo")
    negated.text = unicodedata.normalize("NFC", (op_text(items[i + 1]) or "") + "\u0338")
    return negated


def normalise(children: list[ET.Element]) -> list[ET.Element]:
    """The row with ``\\not`` folded, ``&`` as `ALIGN` markers and bracket groups made."""
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
            items.append(ET.Element(ALIGN))
        else:
            items.append(el)
        i += 1
    items = _pair_matrix_fences(items)
    return _group_scripted_fences(items)


def _pair_matrix_fences(items: list[ET.Element]) -> list[ET.Element]:
    """Brackets latex2mathml writes as bare operators around a table (pmatrix & co.) or a
    fraction (``\\binom``, ``\\big(\\frac…\\big)``) -> one growing fenced group."""
    if not any(el.tag in ("mtable", "mfrac") for el in items):
        return items
    out: list[ET.Element] = []
    stack: list[int] = []  # indexes into out of unmatched openers
    for el in items:
        char = fence_char(el)
        if char is not None and (_unmarked(el) or "minsize" in el.attrib):
            top = (out[stack[-1]].text or "").strip() if stack else None
            if top is not None and OPENERS.get(top) == char:
                start = stack.pop()
                inner = out[start + 1 :]
                if any(x.tag == "mtable" for x in inner) or (
                    len(inner) == 1 and inner[0].tag == "mfrac"
                ):
                    group = _fenced_row("grow", [out[start], *inner, el])
                    del out[start:]
                    out.append(group)
                    continue
            elif char in OPENERS:
                stack.append(len(out))
        out.append(el)
    return out


def _group_scripted_fences(items: list[ET.Element]) -> list[ET.Element]:
    """``( x+1 )^{-1}``: the script's base is the bracketed group, not the ``)``."""
    i = 0
    while i < len(items):
        el = items[i]
        if el.tag in ("msup", "msub", "msubsup") and len(el):
            base = el[0]
            close = fence_char(base)
            if close is not None and close in CLOSERS:
                start = _matching_opener(items, i, close)
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


def _matching_opener(items: list[ET.Element], end: int, close: str) -> int | None:
    want = CLOSERS[close]
    depth = 0
    for k in range(end - 1, -1, -1):
        char = fence_char(items[k])
        if char is None:
            continue
        if char == want and (depth == 0 or want != close):
            if depth == 0:
                return k
            depth -= 1
        elif char == close:
            depth += 1
    return None


def split_lines(items: list[ET.Element]) -> list[list[ET.Element]]:
    lines: list[list[ET.Element]] = [[]]
    for el in items:
        if is_break(el):
            lines.append([])
        else:
            lines[-1].append(el)
    return lines


def nary_parts(
    el: ET.Element,
) -> tuple[str, ET.Element | None, ET.Element | None, bool | None] | None:
    """(operator, lower, upper, limits under/over?) when `el` is an n-ary operator."""
    char = _nary_char(el)
    if char is not None:
        return char, None, None, None
    inner = unwrap(el)
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


def operand_end(items: list[ET.Element], start: int, integral: bool) -> int:
    j = start
    n = len(items)
    while j < n:
        el = items[j]
        if ends_operand(el):
            break
        if not integral and j > start:
            text = op_text(el)
            if text is not None and text in ADDITIVE:
                break
        if integral and _is_differential(items, j):
            j += 2
            while True:
                k = j
                while k < n and items[k].tag == "mspace" and not ends_operand(items[k]):
                    k += 1
                if _is_differential(items, k):
                    j = k + 2
                    continue
                return j
        j += 1
    return j
