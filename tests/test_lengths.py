"""CSS lengths (`converter.style.lengths`), as layout, SVG sizing and Mermaid labels use them."""

from __future__ import annotations

import pytest

from converter.layout.css import css_length as layout_length
from converter.media.svg_size import svg_length
from converter.style.lengths import css_length


@pytest.mark.parametrize(("value", "expected"), [
    ("12px", 12.0), ("1in", 96.0), ("2.54cm", 96.0), ("12pt", 16.0), ("1pc", 16.0),
    (" 1.5em ", 24.0), ("2rem", 20.0), ("50%", 100.0), ("-4px", -4.0), ("1e1px", 10.0),
])  # fmt: skip
def test_units(value: str, expected: float) -> None:
    assert css_length(value, em=16.0, rem=10.0, percent=200.0) == pytest.approx(expected)


@pytest.mark.parametrize("value", ["auto", "", "px", "12 apples", "1e400px", "50%", "3", None])
def test_what_is_not_understood_or_not_given_is_none(value: str | None) -> None:
    assert css_length(value) is None  # no worth given for %, bare numbers, em


def test_callers_give_their_units() -> None:
    # layout: points, 0.75 pt per CSS px; em and % of the parent's 20 pt, rem of 30 pt
    assert layout_length("10px", 20.0, 0.75, 30.0) == pytest.approx(7.5)
    assert layout_length("1cm", 20.0, 0.75, 30.0) == pytest.approx(96 / 2.54 * 0.75)
    assert layout_length("2em", 20.0, 0.75, 30.0) == pytest.approx(40.0)
    assert layout_length("50%", 20.0, 0.75, 30.0) == pytest.approx(10.0)
    assert layout_length("3", 20.0, 0.75, 30.0) is None
    # SVG: CSS pixels, a bare number is pixels, em at 16 px, no percentages
    assert svg_length("3") == 3.0 and svg_length("2em") == 32.0 and svg_length("50%") is None
