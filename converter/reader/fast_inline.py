"""An exact fast tokenizer for the common subset of inline Markdown.

Input: the text of one paragraph, list item, heading or table cell, as mistune's inline parser
receives it. Output: the very token list mistune 3's `InlineParser` (with our plugins) makes of
it, or None when the text holds anything outside the subset handled here; the caller then runs
mistune itself. Nothing is guessed: whatever this module is not sure about returns None.

The subset: text, soft and hard line breaks, code spans between single backticks,
`[text](url)` links whose text has no brackets and whose destination has no spaces, brackets or
control characters (no title), and `*`/`_` emphasis and strong emphasis where every delimiter run
is only an opener or only a closer (CommonMark flanking, as mistune computes it) and closers meet
an opener of the same length. Bails out on backslashes, `<`, `~`, images, bare URLs, other
brackets, backtick runs longer than one, unmatched backticks and anything ambiguous.

The token shapes copy mistune's emphasis pass: delimiter runs split text into separate parts,
consumed delimiters leave empty text parts inside the enclosing node, and only the top level
(and each link's text) is merged and cleaned of empty parts.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from mistune.util import escape_url as _escape_url

Token = dict[str, Any]

_BAIL = re.compile(r"[\\<~]|``|!\[")
_STOP = re.compile(r"[`\[\]]| *\n")
_BREAK = re.compile(r"( *)\n\s*")
_RUNS = re.compile(r"\*+|_+")
_URL = re.compile(r"https?://")
_BAD_DEST = re.compile(r"[\s()\x00-\x1f\x7f]")  # also bails on Unicode spaces, to be safe
_MAX_DELIMITERS = 16  # keeps nesting far below mistune's max_nested_level (20)
escape_url = functools.lru_cache(maxsize=1024)(_escape_url)  # decks repeat their links


def fast_inline(s: str) -> list[Token] | None:
    """mistune's inline tokens for `s`, or None when `s` is outside the fast subset."""
    if _BAIL.search(s) is not None:
        return None
    tokens = _scan(s)
    if tokens is None:
        return None
    return _finalize(tokens)


def _scan(s: str) -> list[Token] | None:
    """Text, code spans, links and breaks, adjacent text merged (mistune before emphasis)."""
    tokens: list[Token] = []
    pos = 0
    while (m := _STOP.search(s, pos)) is not None:
        start = m.start()
        if start > pos:
            raw = s[pos:start]
            if "http" in raw and _URL.search(raw) is not None:
                return None  # the url plugin would make a link
            tokens.append({"type": "text", "raw": raw})
        char = s[start]
        if char == "`":
            close = s.find("`", start + 1)
            if close < 0:
                return None
            code = s[start + 1 : close].replace("\n", " ")
            if code.strip(" ") and code.startswith(" ") and code.endswith(" "):
                code = code[1:-1]
            tokens.append({"type": "codespan", "raw": code})
            pos = close + 1
        elif char == "[":
            link = _link(s, start)
            if link is None:
                return None
            token, pos = link
            tokens.append(token)
        elif char == "]":
            return None
        else:
            br = _BREAK.match(s, start)
            assert br is not None
            tokens.append({"type": "linebreak" if len(br.group(1)) >= 2 else "softbreak"})
            pos = br.end()
    if pos < len(s) or not tokens:
        raw = s[pos:]
        if "http" in raw and _URL.search(raw) is not None:
            return None
        tokens.append({"type": "text", "raw": raw})
    return tokens


def _link(s: str, start: int) -> tuple[Token, int] | None:
    """`[text](url)` at `start`: the link token and the position after it."""
    close = s.find("]", start + 1)
    if close < 0 or not s.startswith("(", close + 1):
        return None
    inner = s[start + 1 : close]
    if "[" in inner:
        return None
    dest_end = s.find(")", close + 2)
    if dest_end < 0:
        return None
    dest = s[close + 2 : dest_end]
    if _BAD_DEST.search(dest) is not None:
        return None
    if inner:
        scanned = _scan(inner)
        if scanned is None:
            return None
        children = _finalize(scanned)
        if children is None:
            return None
    else:
        children = []
    return {"type": "link", "children": children, "attrs": {"url": escape_url(dest)}}, dest_end + 1


def _finalize(tokens: list[Token]) -> list[Token] | None:
    """mistune's emphasis pass over one level (a paragraph or a link's text)."""
    for token in tokens:
        if token["type"] == "text" and ("*" in token["raw"] or "_" in token["raw"]):
            break
    else:
        return tokens
    # What the flanking rules see: other tokens are U+FFFC (punctuation), breaks newlines.
    if len(tokens) == 1:
        source = tokens[0]["raw"]
    else:
        source = "".join(
            [
                t["raw"] if t["type"] == "text" else "\n" if t["type"] in _BREAKS else "\ufffc"
                for t in tokens
            ]
        )
    size = len(source)
    kinds = _KINDS
    parts: list[Token] = []
    openers: list[tuple[int, str, int]] = []  # (index in parts, marker, length)
    count = 0
    offset = 0
    for token in tokens:
        if token["type"] != "text":
            parts.append(token)
            offset += 1
            continue
        raw = token["raw"]
        pos = 0
        for m in _RUNS.finditer(raw):
            start, end = m.span()
            if start > pos:
                parts.append({"type": "text", "raw": raw[pos:start]})
            pos = end
            run = raw[start:end]
            marker = run[0]
            at = offset + start
            prev = source[at - 1] if at else "\n"
            after = source[offset + end] if offset + end < size else "\n"
            kp = kinds.get(prev)
            if kp is None:
                kp = _kind(prev)
            ka = kinds.get(after)
            if ka is None:
                ka = _kind(after)
            if marker == "_" and kp == _ALNUM and ka == _ALNUM:
                parts.append({"type": "text", "raw": run})  # intraword underscore
                continue
            # mistune's left/right flanking: not before a space, and before punctuation only
            # after a space or punctuation (and the mirror image for closing).
            can_open = ka != _SPACE and (ka != _PUNCT or kp != _ALNUM)
            can_close = kp != _SPACE and (kp != _PUNCT or ka != _ALNUM)
            if can_open and can_close:
                return None
            if not (can_open or can_close):
                parts.append({"type": "text", "raw": run})
                continue
            count += 1
            length = end - start
            if length > 2 or count > _MAX_DELIMITERS:
                return None
            if can_open:
                openers.append((len(parts), marker, length))
                parts.append({"type": "text", "raw": run})
                continue
            j = len(openers) - 1
            while j >= 0 and openers[j][1] != marker:
                j -= 1
            if j < 0:
                parts.append({"type": "text", "raw": run})  # no opener: literal
                continue
            index, _, opener_length = openers[j]
            if opener_length != length:
                return None
            children = parts[index + 1 :]
            for child in children:
                if child["type"] != "text" or child["raw"]:
                    break
            else:
                return None  # nothing to emphasise
            parts[index]["raw"] = ""  # the opener's own part, used up
            del parts[index + 1 :]
            parts.append({"type": "strong" if length == 2 else "emphasis", "children": children})
            parts.append({"type": "text", "raw": ""})
            del openers[j:]
        if pos < len(raw):
            parts.append({"type": "text", "raw": raw[pos:]})
        offset += len(raw)
    return _merge(parts)


_SPACE, _ALNUM, _PUNCT = range(3)
_KINDS: dict[str, int] = {}  # character -> its class for the flanking rules, as met


def _kind(char: str) -> int:
    kind = _SPACE if char.isspace() else _ALNUM if char.isalnum() else _PUNCT
    if len(_KINDS) < 4096:
        _KINDS[char] = kind
    return kind


_BREAKS = ("softbreak", "linebreak")


def _merge(parts: list[Token]) -> list[Token]:
    """Adjacent text parts joined, empty ones dropped."""
    result: list[Token] = []
    chunks: list[str] = []
    for part in parts:
        if part["type"] == "text":
            if part["raw"]:
                chunks.append(part["raw"])
        else:
            if chunks:
                result.append({"type": "text", "raw": "".join(chunks)})
                chunks = []
            result.append(part)
    if chunks:
        result.append({"type": "text", "raw": "".join(chunks)})
    return result
