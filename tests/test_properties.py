"""Property tests: any text gives a model or a clean ConversionError, deterministically."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from converter.diagnostics import ConversionError, Severity
from converter.reader import read_file, read_text

PIECES = [
    "\n---\n", "\n----\n", "\n\n---\n\n", "Note:", "notes: ", "\n```\n", "```js [1|2-3]\n", "~~~\n",
    "<!-- .slide: data-background=\"#ff0000\" -->", "<!-- .element: class=\"fragment\" -->",
    "<!-- .slide: data-background-opacity=\"2\" data-transition=\"zoom-in warp\" -->", "<!--",
    "-->", "# ", "## Title", "- item\n", "  - nested\n", "1. one\n", "| a | b |\n|---|--:|\n",
    "![i](x.png)", "<img src=\"../../etc/passwd\">", "<div>", "</div>", "<b>", "</span>", "&amp;",
    "&lt;", "]]>", "\x00", "\x0b", "\u202e", "😀", "é", "\r\n", "\t", "    code\n", "> quote\n",
    "$$x$$", "---\ntitle: [\n---\n", "**", "_", "`", "[l](#/2)", "<https://x.org>", "\\",
]

decks = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=20)), max_size=40).map(
    "".join
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(decks)
def test_any_text_gives_a_model_or_a_clean_error(text: str) -> None:
    try:
        first = read_text(text, name="fuzz.md")
    except ConversionError as exc:
        assert exc.diagnostic.severity is Severity.ERROR
        assert exc.diagnostic.file == "fuzz.md"
        return
    assert len(first.deck.slides) >= 1
    for d in first.diagnostics:
        assert d.severity is not Severity.ERROR
        assert d.line is None or d.line >= 1
    again = read_text(text, name="fuzz.md")
    assert again == first  # deterministic: same model, same diagnostics


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=200))
def test_any_bytes_give_a_model_or_a_clean_error(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        deck = Path(folder) / "b.md"
        deck.write_bytes(data)
        try:
            result = read_file(deck)
        except ConversionError as exc:
            assert exc.diagnostic.code in ("encoding", "binary-input", "front-matter", "separator")
            assert exc.diagnostic.file == str(deck)
            return
    assert len(result.deck.slides) >= 1
