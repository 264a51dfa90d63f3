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

import re
from typing import Any

from mistune.util import escape_url

Token = dict[str, Any]

_BAIL = re.compile(r"[\\<~]|``|!\[")
_STOP = re.compile(r"[`\[\]]| *\n")
_BREAK = re.compile(r"( *)\n\s*")
_RUNS = re.compile(r"\*+|_+")
_URL = re.compile(r"https?://")
_BAD_DEST = re.compile(r"[\s()\x00-\x1f\x7f]")  # also bails on Unicode spaces, to be safe
_MAX_DELIMITERS = 16  # keeps nesting far below mistune's max_nested_level (20)


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
    text: list[str] = []
    pos = 0
    end = len(s)

    def flush() -> bool:
        if text:
            raw = "".join(text)
            text.clear()
            if _URL.search(raw) is not None:
                return False  # the url plugin would make a link
            tokens.append({"type": "text", "raw": raw})
        return True

    while pos < end:
        m = _STOP.search(s, pos)
        if m is None:
            text.append(s[pos:])
            break
        start = m.start()
        if start > pos:
            text.append(s[pos:start])
        char = s[start]
        if char == "`":
            close = s.find("`", start + 1)
            if close < 0:
                return None
            code = s[start + 1 : close].replace("\n", " ")
            if code.strip(" ") and code.startswith(" ") and code.endswith(" "):
                code = code[1:-1]
            if not flush():
                return None
            tokens.append({"type": "codespan", "raw": code})
            pos = close + 1
        elif char == "[":
            link = _link(s, start)
            if link is None:
                return None
            token, pos = link
            if not flush():
                return None
            tokens.append(token)
        elif char == "]":
            return None
        else:
            br = _BREAK.match(s, start)
            assert br is not None
            if not flush():
                return None
            tokens.append({"type": "linebreak" if len(br.group(1)) >= 2 else "softbreak"})
            pos = br.end()
    if not flush():
        return None
    if not tokens:
        tokens.append({"type": "text", "raw": ""})
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
    source = "".join(
        [
            t["raw"] if t["type"] == "text" else "\n" if t["type"] in _BREAKS else "\ufffc"
            for t in tokens
        ]
    )
    size = len(source)
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
            run = m.group(0)
            marker, length = run[0], end - start
            at = offset + start
            prev = source[at - 1] if at else "\n"
            after = source[at + length] if at + length < size else "\n"
            prev_space, after_space = prev.isspace(), after.isspace()
            prev_alnum, after_alnum = prev.isalnum(), after.isalnum()
            prev_punct = not (prev_space or prev_alnum)
            after_punct = not (after_space or after_alnum)
            if marker == "_" and prev_alnum and after_alnum:
                can_open = can_close = False  # intraword underscore
            else:
                can_open = not after_space and (not after_punct or prev_space or prev_punct)
                can_close = not prev_space and (not prev_punct or after_space or after_punct)
            if can_open and can_close:
                return None
            if not (can_open or can_close):
                parts.append({"type": "text", "raw": run})
                continue
            count += 1
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
            if all(p["type"] == "text" and not p["raw"] for p in children):
                return None
            parts[index] = {"type": "text", "raw": ""}
            del parts[index + 1 :]
            parts.append({"type": "strong" if length == 2 else "emphasis", "children": children})
            parts.append({"type": "text", "raw": ""})
            del openers[j:]
        if pos < len(raw):
            parts.append({"type": "text", "raw": raw[pos:]})
        offset += len(raw)
    return _merge(parts)


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
