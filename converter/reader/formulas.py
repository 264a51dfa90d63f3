"""Math in Markdown: formulas found and kept out of mistune's way.

Input: the text of one paragraph, heading, list item or table cell, as mistune's inline parser
receives it. Output: the same text with every formula replaced by a placeholder mistune reads
as plain text (`protect`), and then mistune's inline tokens with the placeholders turned back
into ``math`` tokens (`restore`): ``{"type": "math", "raw": source, "latex": ..., "display":
...}``. The inline builder makes them `Run`s with `Run.math` set.

Formulas are found as reveal.js's math plugin finds them (`converter.math.delimiters`:
``$…$``, ``\\(…\\)`` inline, ``$$…$$``, ``\\[…\\]`` display, ``\\$`` a dollar), but in the
Markdown source, before mistune: emphasis, escapes and links never reach into a formula
(``$a_1 * b_2$`` stays one formula, as the author wrote it). Code spans, inline ``<code>``
elements and HTML tags are skipped (MathJax skips ``code``; block code never reaches here).
The LaTeX is taken as written, except between the doubled delimiters ``\\\\(…\\\\)`` and
``\\\\[…\\\\]`` (the spelling for reveal-md, whose marked consumes one backslash): there marked's
backslash escapes are undone as in the browser (``\\\\\\\\`` is a line break ``\\\\``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from mistune.util import escape_url

from converter.math.delimiters import split_math

__all__ = ["Formula", "protect", "restore"]

Token = dict[str, Any]

_OPEN = "\ue000"  # private use characters: plain text to mistune, never in a deck's formula
_CLOSE = "\ue001"
_PLACEHOLDER = re.compile(f"{_OPEN}(\\d+){_CLOSE}")
_IN_URL = re.compile(r"%EE%80%80(\d+)%EE%80%81")  # a placeholder in an address, as mistune
# percent-encodes it
_SPACES = re.compile(r"\s+")
# Raw inline HTML as CommonMark recognises it (a formula may hold `<` and `>`, so only real
# tags count): comments, open and closing tags with attributes, autolinks.
_TAG = re.compile(
    r"<!--.*?-->"
    r"|</?[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:[^\s\"'=<>`]+|'[^']*'"
    r"|\"[^\"]*\"))?)*\s*/?>"
    r"|<[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*>",
    re.S,
)
_CODE_ELEMENT = re.compile(r"<code(?:\s[^>]*)?>.*?</code\s*>", re.S | re.I)
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")  # marked's escapes: ASCII punctuation


@dataclass(frozen=True, slots=True)
class Formula:
    """One formula: `source` as written (delimiters included), its `latex`, displayed or
    not."""

    source: str
    latex: str
    display: bool


def protect(text: str) -> tuple[str, list[Formula]]:
    """`text` with its formulas replaced by placeholders, and the formulas in order (none:
    `text` itself and an empty list)."""
    if "$" not in text and "\\" not in text:
        return text, []
    formulas: list[Formula] = []
    out: list[str] = []
    pos = 0
    for start, end in _skipped(text):
        if start > pos:
            out.append(_replace(text[pos:start], formulas))
        out.append(text[start:end])
        pos = end
    if pos < len(text):
        out.append(_replace(text[pos:], formulas))
    if not formulas:
        return text, []
    return "".join(out), formulas


def _replace(stretch: str, formulas: list[Formula]) -> str:
    if "$" not in stretch and "\\" not in stretch:
        return stretch
    segments = split_math(stretch)
    if all(not seg.is_math for seg in segments):
        return stretch
    parts: list[str] = []
    for seg in segments:
        source = stretch[seg.start : seg.end]
        if not seg.is_math:
            parts.append(source)  # escapes (`\$`) are mistune's, as everywhere else
            continue
        latex = seg.text
        if source.startswith("\\\\"):
            latex = _ESCAPED.sub(r"\1", latex)
        parts.append(f"{_OPEN}{len(formulas)}{_CLOSE}")
        formulas.append(Formula(source, latex, seg.kind == "display"))
    return "".join(parts)


def _skipped(text: str) -> list[tuple[int, int]]:
    """Where no formula may be found: code spans (CommonMark's backtick strings), inline
    ``<code>`` elements and HTML tags, in order and not overlapping."""
    found: list[tuple[int, int]] = []
    if "`" in text:
        found.extend(_code_spans(text))
    if "<" in text:
        found.extend(m.span() for m in _CODE_ELEMENT.finditer(text))
        found.extend(m.span() for m in _TAG.finditer(text))
    if len(found) < 2:
        return found
    found.sort()
    merged = [found[0]]
    for start, end in found[1:]:
        last_start, last_end = merged[-1]
        if start < last_end:
            merged[-1] = (last_start, max(last_end, end))
        else:
            merged.append((start, end))
    return merged


def _code_spans(text: str) -> list[tuple[int, int]]:
    """Code spans: a backtick string closed by the next one of the same length (a backslash
    escapes a backtick outside code spans)."""
    spans: list[tuple[int, int]] = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == "\\":
            i += 2
            continue
        if ch != "`":
            i += 1
            continue
        j = i
        while j < n and text[j] == "`":
            j += 1
        length = j - i
        k = j
        close = -1
        while k < n:
            k = text.find("`", k)
            if k < 0:
                break
            m = k
            while m < n and text[m] == "`":
                m += 1
            if m - k == length:
                close = m
                break
            k = m
        if close < 0:
            i = j  # no closer: the backticks are literal
            continue
        spans.append((i, close))
        i = close
    return spans


def restore(tokens: list[Token], formulas: list[Formula]) -> list[Token]:
    """mistune's inline tokens with the placeholders of `protect` turned back: in text, into
    ``math`` tokens; anywhere else (a link's address, raw HTML), into the source."""
    out: list[Token] = []
    for token in tokens:
        if token.get("type") == "text":
            raw = str(token.get("raw", ""))
            if _OPEN in raw:
                out.extend(_split(raw, formulas))
                continue
        else:
            _restore_fields(token, formulas)
        out.append(token)
    return out


def _split(raw: str, formulas: list[Formula]) -> list[Token]:
    out: list[Token] = []
    pos = 0
    for m in _PLACEHOLDER.finditer(raw):
        if m.start() > pos:
            out.append({"type": "text", "raw": raw[pos : m.start()]})
        formula = formulas[int(m.group(1))]
        out.append({
            "type": "math",
            "raw": _SPACES.sub(" ", formula.source),
            "source": formula.source,
            "latex": formula.latex,
            "display": formula.display,
        })
        pos = m.end()
    if pos < len(raw):
        out.append({"type": "text", "raw": raw[pos:]})
    return out


def _restore_fields(token: Token, formulas: list[Formula]) -> None:
    children = token.get("children")
    if isinstance(children, list):
        token["children"] = restore(children, formulas)
    for key, value in token.items():
        if isinstance(value, str):
            token[key] = _source(value, formulas)
        elif isinstance(value, dict):
            for name, inner in value.items():
                if isinstance(inner, str):
                    value[name] = _source(inner, formulas)


def _source(value: str, formulas: list[Formula]) -> str:
    if _OPEN in value:
        value = _PLACEHOLDER.sub(lambda m: formulas[int(m.group(1))].source, value)
    if "%EE%80%80" in value:
        value = _IN_URL.sub(lambda m: escape_url(formulas[int(m.group(1))].source), value)
    return value
