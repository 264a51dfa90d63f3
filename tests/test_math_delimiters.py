"""Math delimiters as reveal.js's math plugin (MathJax 2 tex2jax, KaTeX auto-render) finds them.

Each case: the text run and the segments expected, written as (kind, text) pairs; offsets are
checked separately (segments cover the input without gaps).
"""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from converter.math import MathSegment, has_math, split_math

T, IN, D = "text", "inline", "display"

CASES: list[tuple[str, list[tuple[str, str]]]] = [
    ("no math here", [(T, "no math here")]),
    ("", []),
    ("$x$", [(IN, "x")]),
    ("Euler: $e^{i\\pi}+1=0$.", [(T, "Euler: "), (IN, "e^{i\\pi}+1=0"), (T, ".")]),
    ("$$x^2$$", [(D, "x^2")]),
    ("a $$\\sum_i x_i$$ b", [(T, "a "), (D, "\\sum_i x_i"), (T, " b")]),
    ("\\(a+b\\)", [(IN, "a+b")]),
    ("\\[a+b\\]", [(D, "a+b")]),
    # Markdown source spells them with two backslashes (marked eats one)
    ("see \\\\(x\\\\) here", [(T, "see "), (IN, "x"), (T, " here")]),
    ("\\\\[x\\\\]", [(D, "x")]),
    # $$ is tried before $
    ("$$a$$ and $b$", [(D, "a"), (T, " and "), (IN, "b")]),
    ("$a$$b$", [(IN, "a"), (IN, "b")]),
    # escaped dollars are literal, in text only
    ("costs \\$5", [(T, "costs $5")]),
    ("\\$5 and \\$6", [(T, "$5 and $6")]),
    ("$\\$5$", [(IN, "\\$5")]),
    ("$a\\$b$ c", [(IN, "a\\$b"), (T, " c")]),
    # an escaped backslash before a dollar: the dollar opens math
    ("\\\\$x$", [(T, "\\\\"), (IN, "x")]),
    # no whitespace rule for $ (MathJax and KaTeX): this is math in the browser too
    ("$5 and $6", [(IN, "5 and "), (T, "6")]),
    ("$ x $", [(IN, " x ")]),
    # unclosed: the rest of the run is text (both engines give up there)
    ("price $5", [(T, "price $5")]),
    ("$a and \\(b\\)", [(T, "$a and \\(b\\)")]),
    ("\\(x", [(T, "\\(x")]),
    ("$$x$", [(T, "$$x$")]),
    ("x \\[ y", [(T, "x \\[ y")]),
    # braces: a closer inside unbalanced braces waits for a balanced one (MathJax)
    ("${a$b}$ c", [(IN, "{a$b}"), (T, " c")]),
    ("$\\{$ x", [(IN, "\\{"), (T, " x")]),
    ("${$ x", [(IN, "{"), (T, " x")]),  # no balanced closer: the first one
    # environments are display math, delimiters included (processEnvironments)
    (
        "so \\begin{align*} a &= b \\end{align*} ok",
        [(T, "so "), (D, "\\begin{align*} a &= b \\end{align*}"), (T, " ok")],
    ),
    ("\\begin{x} open", [(T, "\\begin{x} open")]),
    # math may run over a soft line break
    ("$a\n+ b$", [(IN, "a\n+ b")]),
    # other backslashes are text
    ("C:\\path\\to", [(T, "C:\\path\\to")]),
    # inline \( \) inside display $$ stays part of the display math
    ("$$a \\(b\\) c$$", [(D, "a \\(b\\) c")]),
    ("$$$$", [(D, "")]),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0] or "empty" for c in CASES])
def test_segments(text: str, expected: list[tuple[str, str]]) -> None:
    segments = split_math(text)
    assert [(s.kind, s.text) for s in segments] == expected
    _assert_covers(text, segments)


def test_offsets_give_back_the_source_with_its_delimiters() -> None:
    text = "a $x$ b $$y$$ c \\(z\\) d \\[w\\] e \\$"
    sources = [text[s.start : s.end] for s in split_math(text) if s.is_math]
    assert sources == ["$x$", "$$y$$", "\\(z\\)", "\\[w\\]"]
    last = split_math(text)[-1]
    assert (last.kind, last.text, text[last.start : last.end]) == (T, " e $", " e \\$")


def test_has_math() -> None:
    assert has_math("a $x$")
    assert has_math("\\[x\\]")
    assert not has_math("no math")
    assert not has_math("costs \\$5")
    assert not has_math("price $5")


def test_segment_flags() -> None:
    assert MathSegment(IN, "x", 0, 3).is_math
    assert not MathSegment(T, "x", 0, 1).is_math


@given(st.text(alphabet="ab $\\()[]{}\n", max_size=40))
def test_any_text_is_covered_exactly_once(text: str) -> None:
    _assert_covers(text, split_math(text))


def _assert_covers(text: str, segments: list[MathSegment]) -> None:
    position = 0
    for seg in segments:
        assert seg.start == position
        assert seg.end > seg.start or (seg.is_math and seg.end >= seg.start)
        position = seg.end
    assert position == len(text)
    kinds = [s.kind for s in segments]
    assert all(not (a == T and b == T) for a, b in itertools.pairwise(kinds))
