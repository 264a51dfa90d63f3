"""The one exception of the math package.

Input: none. Output: `MathError`, raised by every converter of `converter.math` when a formula
cannot be converted; the caller keeps the LaTeX source as text and reports a `math` warning.
"""

from __future__ import annotations

__all__ = ["MathError"]


class MathError(ValueError):
    """LaTeX that cannot be converted: `latex` is the formula, `reason` says why."""

    def __init__(self, latex: str, reason: str) -> None:
        shown = latex if len(latex) <= 60 else latex[:57] + "..."
        super().__init__(f"cannot convert math {shown!r}: {reason}")
        self.latex = latex
        self.reason = reason
