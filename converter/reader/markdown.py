"""The mistune set-up: Markdown text to mistune's AST, configured as marked 4 (GFM) parses.

Input: the Markdown of one slide chunk or its notes. Output: mistune block tokens (they never
leave the reader package). Adds a fast path for plain inline text: a paragraph or list item
with no inline markup characters is split into text and line-break tokens directly, exactly as
mistune's inline parser would, which halves the reading time of typical decks (speaker notes
are mostly plain prose).
"""

from __future__ import annotations

import html
import re
from collections.abc import MutableMapping
from typing import Any

import mistune
from mistune.inline_parser import InlineParser

from converter.reader.gfm import close_table_rows

# Everything that can start inline markup in mistune with our plugins: escapes, code spans,
# emphasis/strong, links/images, autolinks/HTML, strikethrough, bare URLs.
_INLINE_SPECIAL = re.compile(r"[\\`*_\[\]<~]|https?:")
_NEWLINE = re.compile(r"( *)\n(?:[ \t]*\n)* *")

Token = dict[str, Any]


class _FastInlineParser(InlineParser):
    def __call__(self, s: str, env: MutableMapping[str, Any]) -> list[Token]:
        if _INLINE_SPECIAL.search(s) is not None:
            return super().__call__(s, env)
        return plain_inline_tokens(s)


def plain_inline_tokens(s: str) -> list[Token]:
    """What mistune makes of text without markup: text, with soft breaks at newlines and hard
    breaks where two or more spaces end the line."""
    if not s:
        return [{"type": "text", "raw": ""}]
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
    tokens = _markdown(close_table_rows(html.unescape(text)))
    assert isinstance(tokens, list)
    return tokens
