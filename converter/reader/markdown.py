"""The mistune set-up: Markdown text to mistune's AST, configured as marked 4 (GFM) parses.

Input: the Markdown of one slide chunk or its notes. Output: mistune block tokens (they never
leave the reader package). Adds fast paths, each making exactly the tokens mistune would:
- blocks: a chunk made only of plain paragraphs, ATX headings, single-line `<!-- -->`
  comments, blank lines and tight bullet lists of single-line items is split into mistune's
  block tokens directly (`fast_blocks`); any other chunk goes to mistune's block parser;
- inline: text with no inline markup characters is split into text and line-break tokens
  directly (speaker notes are mostly plain prose), and text in the common subset of
  `fast_inline` (emphasis, code spans, simple links) is tokenized there; anything else goes
  to mistune's inline parser.
Formulas (``$…$`` and the other delimiters of reveal's math plugin) are replaced by
placeholders before any inline parsing and come back as ``math`` tokens (`formulas`).
tests/test_markdown_fastpath.py checks the fast paths against plain mistune.
"""

from __future__ import annotations

import html
import re
import string
from collections.abc import MutableMapping
from typing import Any

import mistune
from mistune.inline_parser import InlineParser

from converter.reader.fast_inline import fast_inline
from converter.reader.formulas import protect, restore
from converter.reader.gfm import close_table_rows

# Everything that can start inline markup in mistune with our plugins: escapes, code spans,
# emphasis/strong, links/images, autolinks/HTML, strikethrough, bare URLs.
_INLINE_SPECIAL_CHAR = re.compile(r"[\\`*_\[\]<~]")
_URL_START = re.compile(r"https?:")
_NEWLINE = re.compile(r"( *)\n\s*")  # mistune's softbreak/linebreak: ` *\n\s*`

Token = dict[str, Any]


class _FastInlineParser(InlineParser):
    def __call__(self, s: str, env: MutableMapping[str, Any]) -> list[Token]:
        if "$" in s or "\\" in s:  # formulas are kept out of mistune's way (`formulas`)
            protected, found = protect(s)
            if found:
                return restore(self.tokens(protected, env), found)
        return self.tokens(s, env)

    def tokens(self, s: str, env: MutableMapping[str, Any]) -> list[Token]:
        """mistune's inline tokens of `s` through the fast paths (formulas not looked for)."""
        if _INLINE_SPECIAL_CHAR.search(s) is None and (
            "http" not in s or _URL_START.search(s) is None
        ):
            return plain_inline_tokens(s)
        tokens = fast_inline(s)
        if tokens is None:
            tokens = super().__call__(s, env)
        return tokens


def plain_inline_tokens(s: str) -> list[Token]:
    """What mistune makes of text without markup: text, with soft breaks at newlines and hard
    breaks where two or more spaces end the line."""
    if "\n" not in s:
        return [{"type": "text", "raw": s}]  # also for "", as mistune does
    tokens: list[Token] = []
    pos = 0
    for m in _NEWLINE.finditer(s):
        if m.start() > pos:
            tokens.append({"type": "text", "raw": s[pos : m.start()]})
        tokens.append({"type": "linebreak" if len(m.group(1)) >= 2 else "softbreak"})
        pos = m.end()
    if pos < len(s):
        tokens.append({"type": "text", "raw": s[pos:]})
    return tokens


_markdown = mistune.create_markdown(
    renderer=None, plugins=["strikethrough", "table", "task_lists", "url"]
)
_markdown.inline.__class__ = _FastInlineParser


def parse_markdown(text: str) -> list[Token]:
    """Parse a chunk. Character references are decoded once first, as the `<textarea>` of
    reveal-md's template does before marked sees the text."""
    return _parse(_markdown, close_table_rows(html.unescape(text)))


def _parse(md: mistune.Markdown, s: str) -> list[Token]:
    """`mistune.Markdown.parse` with `fast_blocks` tried in place of the block parser."""
    state = md.block.state_cls()
    s = s.replace("\r\n", "\n").replace("\r", "\n")
    if not s.endswith("\n"):
        s += "\n"
    state.process(s)
    for hook in md.before_parse_hooks:
        hook(md, state)
    tokens = fast_blocks(s) if not md.before_parse_hooks else None
    if tokens is None:
        md.block.parse(state)
    else:
        state.tokens = tokens
    for hook2 in md.before_render_hooks:
        hook2(md, state)
    if md.renderer is None:
        result: Any = _render(md, state.tokens, state.env)  # `render_state`, without generators
    else:
        result = md.render_state(state)
    for hook3 in md.after_render_hooks:
        result = hook3(md, result, state)
    assert isinstance(result, list)
    return result


def _render(
    md: mistune.Markdown, tokens: list[Token], env: MutableMapping[str, Any]
) -> list[Token]:
    """What `Markdown.render_state` does with no renderer: block text to inline tokens."""
    for token in tokens:
        if "children" in token:
            _render(md, token["children"], env)
        elif "text" in token:
            token["children"] = md.inline(token.pop("text").strip(" \r\n\t\f"), env)
    return tokens


# --- the block fast path ----------------------------------------------------------------------

# A blank line that no mistune rule can take for anything else (5 spaces or a tab are
# indented code to it); other whitespace-only lines make the fast path give up.
_BLANK = re.compile(r" {0,3}")
_HEADING = re.compile(r"(#{1,6})[ \t]")
_ITEM = re.compile(r"([-*+]) (\S.*)")
_ORDERED = re.compile(r"\d{1,9}[.)]")
# First characters that may start a block construct (besides spaces and digits).
_RULE_START = frozenset("`~#=-*_>+[<|\\")
_PARAGRAPH, _HEADING_LINE, _COMMENT, _LIST_ITEM = range(4)


def fast_blocks(src: str) -> list[Token] | None:
    """mistune's block tokens (before rendering: `text` not yet parsed inline) for a
    normalised chunk (`\n` line ends, a final `\n`), or None when the chunk holds anything
    but plain paragraphs, ATX headings, one-line comments, blank lines and tight bullet lists
    of one-line items."""
    if "|" in src or "]:" in src:
        return None  # GFM tables, link reference definitions
    lines = src.split("\n")
    lines.pop()  # src ends with a newline
    n = len(lines)
    tokens: list[Token] = []
    i = 0
    while i < n:
        line = lines[i]
        if _BLANK.fullmatch(line):
            j = i + 1
            while j < n and _BLANK.fullmatch(lines[j]):
                j += 1
            blank: Token = {"type": "blank_line"}
            if i == 0:
                blank["newlines"] = j  # mistune counts them at the start only
            tokens.append(blank)
            i = j
            continue
        kind = _line_kind(line)
        if kind == _HEADING_LINE:
            level = len(line) - len(line.lstrip("#"))
            text = line[level:].strip(string.whitespace)
            if not text or text.endswith("#"):
                return None
            tokens.append(
                {"type": "heading", "text": text, "attrs": {"level": level}, "style": "atx"}
            )
            i += 1
        elif kind == _COMMENT:
            tokens.append({"type": "block_html", "raw": line + "\n"})
            i += 1
        elif kind == _PARAGRAPH:
            j = i + 1
            while j < n and not _BLANK.fullmatch(lines[j]):
                next_kind = _line_kind(lines[j])
                if next_kind is None:
                    return None
                if next_kind != _PARAGRAPH:
                    break
                j += 1
            text = "\n".join(lines[i:j]) + "\n"
            tokens.append({"type": "paragraph", "text": text})
            i = j
        elif kind == _LIST_ITEM:
            end = _fast_list(lines, i, tokens)
            if end is None:
                return None
            i = end
        else:
            return None
    return tokens


def _fast_list(lines: list[str], i: int, tokens: list[Token]) -> int | None:
    """A tight bullet list of one-line items from line `i`: appended to `tokens`; the index of
    the line after it (blank lines after the list belong to it), or None."""
    n = len(lines)
    bullet = lines[i][0]
    items: list[Token] = []
    while True:
        text = lines[i][2:]
        child = {"type": "block_text", "text": text + "\n"}  # a tight item's paragraph
        items.append({"type": "list_item", "children": [child]})
        i += 1
        if i < n and _BLANK.fullmatch(lines[i]):
            while i < n and _BLANK.fullmatch(lines[i]):
                i += 1
            if i < n and _line_kind(lines[i]) not in (_PARAGRAPH, _HEADING_LINE, _COMMENT):
                return None  # a loose list, a continuation or something unknown
            break
        if i == n:
            break
        kind = _line_kind(lines[i])
        if kind == _LIST_ITEM and lines[i][0] == bullet:
            continue
        if kind in (_HEADING_LINE, _COMMENT):
            break
        return None  # a lazy continuation line, another list, something unknown
    tokens.append(
        {
            "type": "list",
            "children": items,
            "tight": True,
            "bullet": bullet,
            "attrs": {"depth": 0, "ordered": False},
        }
    )
    return i


def _line_kind(line: str) -> int | None:
    """What a non-blank line starts, when the block fast path knows it for sure."""
    if _safe_start(line):
        return _PARAGRAPH
    if line.startswith("#"):
        return _HEADING_LINE if _HEADING.match(line) else None
    if line.startswith("<!--"):
        return _COMMENT if line.find("-->", 4) >= 0 else None
    m = _ITEM.fullmatch(line)
    if m is not None and _safe_start(m.group(2)):
        return _LIST_ITEM
    return None


def _safe_start(line: str) -> bool:
    """True when no block rule of mistune (with our plugins, given no `|`) can match at the
    start of this line, so that it starts or continues a paragraph."""
    c = line[0]
    if c.isspace():
        return False
    if c.isdigit():
        return _ORDERED.match(line) is None
    if c not in _RULE_START:
        return True
    if c in "*_":
        rest = line.lstrip(c)
        return bool(rest) and not rest[0].isspace()  # not a list marker, not a rule
    if c == "[":
        return True  # no `]:` in the chunk: not a link reference definition
    if c == "`":
        return not line.startswith("```")
    return False
