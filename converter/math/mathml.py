"""LaTeX to MathML, checked: the one place that calls latex2mathml.

Input: a LaTeX formula (what is between the delimiters) and whether it is displayed.
Output: the ``<math>`` element as an `xml.etree.ElementTree.Element` without namespaces (tags
are ``mrow``, ``mi``, ...), shared by the OMML writer (`converter.math.omml`) and the vector
renderer (`converter.math.vector`), so both backends accept and refuse the same formulas.
Raises `MathError` for LaTeX that latex2mathml rejects or silently gets wrong: unbalanced
braces, a missing argument (``\\frac{a}``, ``x^``), an unknown command (``\\foo``, which
latex2mathml would print as the identifier ``\\foo``), too long a formula.

Rewrites applied before latex2mathml (its gaps, found by testing latex2mathml 3.81):
``\\mathrm{x}`` loses its upright style unless spelled ``\\mathrm {x}``; ``\\operatorname*``
breaks (written as ``\\operatorname``); ``\\arg`` is unknown (written as
``\\operatorname{arg}``); ``aligned``/``alignat`` give a flat row with ``<mi>&</mi>`` (written as
``align*``, which gives a table); numbered environments (``align``, ``gather``) would add
``(1)`` labels that MathJax 2 in reveal.js does not show (``autoNumber: none``), so they
become their starred forms; ``\\label``, ``\\nonumber`` and ``\\notag`` are dropped.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from latex2mathml.converter import convert

from converter.math.errors import MathError

__all__ = ["MAX_LATEX_CHARS", "latex_to_mathml", "local_name"]

MAX_LATEX_CHARS = 10_000
_MAX_DEPTH = 200

_REWRITES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\\mathrm\{"), r"\\mathrm {"),
    (re.compile(r"\\operatorname\*"), r"\\operatorname"),
    (re.compile(r"\\arg(?![A-Za-z])"), r"\\operatorname{arg}"),
    (re.compile(r"\\(?:label\{[^{}]*\}|nonumber(?![A-Za-z])|notag(?![A-Za-z]))"), ""),
    (re.compile(r"\\begin\{alignat\*?\}\{[^{}]*\}"), r"\\begin{align*}"),
    (re.compile(r"\\end\{alignat\*?\}"), r"\\end{align*}"),
    (re.compile(r"\\(begin|end)\{(?:aligned|align)\}"), r"\\\1{align*}"),
    (re.compile(r"\\(begin|end)\{(?:gathered|gather)\}"), r"\\\1{gather*}"),
)

# Elements latex2mathml writes (and a few MathML ones a caller may hand over).
KNOWN_TAGS = frozenset({
    "math", "mrow", "mi", "mn", "mo", "mtext", "ms", "mspace", "mfrac", "msup", "msub",
    "msubsup", "mover", "munder", "munderover", "msqrt", "mroot", "mtable", "mtr", "mtd",
    "mlabeledtr", "mstyle", "menclose", "mpadded", "mphantom", "mfenced", "merror",
    "semantics", "annotation", "mmultiscripts", "mprescripts", "none",
})
_ARITY = {
    "mfrac": 2, "msup": 2, "msub": 2, "msubsup": 3, "mover": 2, "munder": 2,
    "munderover": 3, "mroot": 2,
}
_UNKNOWN_COMMAND = re.compile(r"\\([A-Za-z]+)")


def local_name(tag: str) -> str:
    """``{ns}mrow`` -> ``mrow``."""
    return tag.rpartition("}")[2]


def latex_to_mathml(latex: str, *, display: bool) -> ET.Element:
    """The checked ``<math>`` element of `latex` (see the module docstring); MathError if not."""
    source = latex.strip()
    if not source:
        raise MathError(latex, "empty formula")
    if len(source) > MAX_LATEX_CHARS:
        raise MathError(latex, f"longer than {MAX_LATEX_CHARS} characters")
    _check_braces(latex, source)
    for pattern, replacement in _REWRITES:
        source = pattern.sub(replacement, source)
    try:
        xml = convert(source, display="block" if display else "inline")
    except RecursionError as exc:
        raise MathError(latex, "nested too deeply") from exc
    except Exception as exc:  # latex2mathml raises many types (and IndexError, KeyError)
        reason = type(exc).__name__
        detail = str(exc).strip()
        raise MathError(latex, f"{reason}: {detail}" if detail else reason) from exc
    try:
        root = ET.fromstring(xml)
    except ET.ParseError as exc:  # pragma: no cover - latex2mathml escapes its text
        raise MathError(latex, f"bad MathML: {exc}") from exc
    _strip_namespaces(root)
    _repair(root)
    _check(latex, root, 0)
    return root


def _check_braces(latex: str, source: str) -> None:
    level = 0
    i = 0
    while i < len(source):
        ch = source[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "{":
            level += 1
        elif ch == "}":
            level -= 1
            if level < 0:
                raise MathError(latex, "unbalanced braces: '}' without '{'")
        i += 1
    if level:
        raise MathError(latex, "unbalanced braces: '{' without '}'")


def _strip_namespaces(root: ET.Element) -> None:
    for el in root.iter():
        el.tag = local_name(el.tag)


def _repair(root: ET.Element) -> None:
    """A matrix with a script (``\\begin{pmatrix}…\\end{pmatrix}^T``): latex2mathml puts the
    brackets and the table side by side into the script element; they become its base row.
    A style element straight in an argument's place (``\\textcolor{red}{xy}^2``,
    ``\\frac(\\color{red}xy``) goes into a row of its own: ziamath spreads the children of such
    an ``mstyle`` over its parent (and then asserts its parent's arity)."""
    for el in [el for el in root.iter() if el.tag in _ARITY]:
        for index, child in enumerate(list(el)):
            if child.tag == "mstyle" and len(child):  # (empty: a missing argument, refused)
                row = ET.Element("mrow")
                el.remove(child)
                row.append(child)
                el.insert(index, row)
    for el in root.iter():
        arity = _ARITY.get(el.tag)
        if el.tag not in ("msup", "msub", "msubsup") or arity is None or len(el) <= arity:
            continue
        children = list(el)
        lead = children[: len(children) - arity + 1]
        if not any(child.tag == "mtable" for child in lead):
            continue
        base = ET.Element("mrow")
        base.extend(lead)
        for child in lead:
            el.remove(child)
        el.insert(0, base)


def _check(latex: str, el: ET.Element, depth: int) -> None:
    if depth > _MAX_DEPTH:
        raise MathError(latex, "nested too deeply")
    tag = el.tag
    if tag not in KNOWN_TAGS:
        raise MathError(latex, f"unsupported MathML element <{tag}>")
    arity = _ARITY.get(tag)
    if arity is not None and len(el) != arity:
        raise MathError(latex, f"missing argument ({tag} has {len(el)} of {arity})")
    if tag not in ("math", "mrow") and any(
        child.tag == "mstyle" and not len(child) for child in el
    ):  # \sqrt\displaystyle: a style switch where the argument should be
        raise MathError(latex, f"missing argument of {tag}")
    if tag == "mtable" and not any(len(row) for row in el):
        raise MathError(latex, "empty matrix")
    if tag in ("mi", "mo", "mn") and el.text:
        unknown = _UNKNOWN_COMMAND.match(el.text)
        if unknown is not None:
            raise MathError(latex, f"unknown command \\{unknown.group(1)}")
    for child in el:
        _check(latex, child, depth + 1)
