"""The Markdown fast paths make exactly mistune's tokens (converter/reader/markdown.py and
fast_inline.py).

Differential checks against a plain mistune set-up with the same plugins: (a) every chunk and
every inline text (paragraph, list item, heading, table cell) that the reader parses in the
corpus decks, the fixture deck and the benchmark deck, and (b) property tests on generated
inline texts and chunks built from the characters and lines that matter to the fast paths.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import mistune
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.make_deck import make_deck
from converter.reader import read_file, read_text
from converter.reader.fast_inline import fast_inline
from converter.reader.gfm import close_table_rows
from converter.reader.markdown import _FastInlineParser, _markdown, fast_blocks, parse_markdown

Token = dict[str, Any]
REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DECKS = sorted(p for p in (SHARED / "corpus").glob("*.md"))
DECKS += [SHARED / "seed" / "community-safety.md", REPO / "fixtures/community-safety/talk.md"]
DECKS = [p for p in DECKS if p.is_file()]
PLUGINS = ["strikethrough", "table", "task_lists", "url"]


def reference() -> mistune.Markdown:
    """Plain mistune, configured as the reader's but without any fast path."""
    return mistune.create_markdown(renderer=None, plugins=PLUGINS)


REF = reference()


def ref_inline(text: str) -> list[Token]:
    tokens = REF.inline(text, {})
    assert isinstance(tokens, list)
    return tokens


def ref_blocks(text: str) -> list[Token]:
    """mistune's block tokens before rendering, for a chunk as `parse_markdown` prepares it."""
    state = REF.block.state_cls()
    state.process(normalise(text))
    REF.block.parse(state)
    return state.tokens


def normalise(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text if text.endswith("\n") else text + "\n"


def fast_inline_tokens(text: str) -> list[Token]:
    """The inline parser's fast paths (formulas, a deliberate difference from mistune, are
    tests/test_math_integration.py's)."""
    tokens = _markdown.inline.tokens(text, {})
    assert isinstance(tokens, list)
    return tokens


def collect(monkeypatch: pytest.MonkeyPatch, read: Any) -> tuple[list[str], list[str]]:
    """The chunks and the inline texts the reader parses while `read()` runs."""
    chunks: list[str] = []
    texts: list[str] = []
    parse_inline = _FastInlineParser.__call__

    def spy_inline(self: _FastInlineParser, s: str, env: Any) -> list[Token]:
        texts.append(s)
        return parse_inline(self, s, env)

    def spy_parse(text: str) -> list[Token]:
        chunks.append(text)
        return parse_markdown(text)

    monkeypatch.setattr(_FastInlineParser, "__call__", spy_inline)
    monkeypatch.setattr("converter.reader.parse_markdown", spy_parse)
    read()
    monkeypatch.undo()
    return chunks, texts


def check_deck(monkeypatch: pytest.MonkeyPatch, read: Any) -> tuple[int, int, int, int]:
    """Every chunk and inline text of a deck: fast path == mistune. Returns how many chunks
    and texts there were and how many the fast paths took."""
    chunks, texts = collect(monkeypatch, read)
    fast_chunks = fast_texts = 0
    for chunk in chunks:
        prepared = close_table_rows(html.unescape(chunk))
        assert parse_markdown(chunk) == REF(prepared), chunk
        blocks = fast_blocks(normalise(prepared))
        if blocks is not None:
            fast_chunks += 1
            assert blocks == ref_blocks(prepared), chunk
    for text in texts:
        assert fast_inline_tokens(text) == ref_inline(text), text
        if fast_inline(text) is not None:
            fast_texts += 1
    return len(chunks), fast_chunks, len(texts), fast_texts


@pytest.mark.parametrize("deck", DECKS, ids=lambda p: p.name)
def test_corpus_decks_parse_as_mistune_does(deck: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    chunks, _, texts, _ = check_deck(monkeypatch, lambda: read_file(deck))
    assert chunks and texts


def test_benchmark_deck_parses_as_mistune_does(monkeypatch: pytest.MonkeyPatch) -> None:
    text = make_deck(200)
    chunks, fast_chunks, texts, fast_texts = check_deck(monkeypatch, lambda: read_text(text))
    # The fast paths are what make the benchmark fast: they must take nearly everything.
    assert fast_chunks >= 0.8 * chunks
    assert fast_texts >= 0.45 * texts  # the rest is plain text (the notes), faster still


def test_fast_paths_cover_the_common_subset() -> None:
    assert fast_inline("a *b* **c** `d` [e *f*](https://x.org/g) h_i") is not None
    assert fast_blocks("# T\n\n- a *b*\n- **c**\n\nPara\nline\n<!-- .element: x -->\n") is not None
    for text in ("a\\*b", "<b>x</b>", "~~s~~", "![i](x.png)", "see https://x.org", "a*b*c"):
        assert fast_inline(text) is None, text
    for chunk in ("```\nx\n```\n", "> q\n", "1. a\n", "| a |\n|---|\n", "- a\n\n- b\n", "x\n---\n"):
        assert fast_blocks(chunk) is None, chunk


# --- property tests ---------------------------------------------------------------------------

INLINE_PIECES = [
    "a", "word", "Foo", "x1", "é", " ", " ", "  ", "\n", "  \n", "\t", "\u00a0", "*", "**", "***",
    "_", "__", "`", "``", "[", "]", "(", ")", "!", "\\", "<", ">", "~", "~~", "&", "&amp;", ";",
    "#", ".", ",", "-", "http://e.org/x", "https://a.b/c_d", "h", "*em*", "**strong**", "_u_",
    "__uu__", "`code`", "[link](u)", "[*e* `c`](https://x.org/a_b)", "a_b", "x*y",
]
inline_texts = st.lists(st.sampled_from(INLINE_PIECES), max_size=16).map("".join)


@settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(inline_texts)
def test_fast_inline_is_mistune(text: str) -> None:
    assert fast_inline_tokens(text) == ref_inline(text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=30))
def test_fast_inline_is_mistune_on_any_text(text: str) -> None:
    assert fast_inline_tokens(text) == ref_inline(text)


LINES = [
    "Plain text", "more *words* and _x_", "## Heading two", "# H1 #", "#nohash", "- item one",
    "- *em* item", "* star item", "+ plus", "- [ ] task", "- [x] done", "1. ordered", "2020 was",
    "", "", "   ", "    ", "\t", " indented", "<!-- .slide: data-state=\"x\" -->", "<!-- open",
    "-->", "---", "***", "===", "> quote", "```", "~~~", "[link](u) text", "[ref]: /url",
    "**bold** start", "__u__ start", "`code` start", "!img", "\"quoted\"", "| a | b |", "a | b",
    "- ", "- - x", "-  two", "\u00a0nbsp", "text  ", "<div>", "_ _ _", "##", "####### seven",
]
chunks = st.lists(st.sampled_from(LINES), min_size=1, max_size=10).map("\n".join)


@settings(max_examples=2000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(chunks, st.booleans())
def test_fast_blocks_is_mistune(chunk: str, newline: bool) -> None:
    chunk += "\n" if newline else ""
    blocks = fast_blocks(normalise(chunk))
    if blocks is not None:
        assert blocks == ref_blocks(chunk)
    assert parse_markdown(chunk) == REF(close_table_rows(html.unescape(chunk)))
