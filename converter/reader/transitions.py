"""Transition values: `revealOptions.transition` and `data-transition` strings to `Transition`.

Input: the attribute or option value (e.g. `zoom`, `fade-in slide-out`, `default`) and a speed
(`default`, `fast`, `slow`). Output: a `Transition`, with a warning for anything unknown
(dialect.md §2.3, §3.4: `default` is an alias of convex, `linear` of slide).
"""

from __future__ import annotations

from typing import Any, cast

from converter.diagnostics import Diagnostics
from converter.model import Transition, TransitionStyle

STYLES = ("none", "fade", "slide", "convex", "concave", "zoom")
ALIASES = {"default": "convex", "linear": "slide"}
SPEEDS = ("default", "fast", "slow")


def _style(name: str) -> TransitionStyle | None:
    name = ALIASES.get(name, name)
    return cast(TransitionStyle, name) if name in STYLES else None


def parse_transition(
    value: Any,
    speed: Any,
    base: Transition,
    diags: Diagnostics,
    line: int | None,
    what: str = "data-transition",
    speed_where: tuple[int | None, str] | None = None,
) -> Transition:
    """Combine `value` and `speed` over `base`; unknown words keep the base with a warning.
    `speed_where`: the line and name of the speed's option when it is set elsewhere than the
    transition (by default `line`, unnamed)."""
    in_style, out_style = base.in_style, base.out_style
    if value is not None:
        words = str(value).split()
        if not words:
            diags.warning("transition", f"{what} is empty; ignored", line)
        for word in words:
            if word.endswith("-in") and _style(word[:-3]):
                in_style = cast(TransitionStyle, _style(word[:-3]))
            elif word.endswith("-out") and _style(word[:-4]):
                out_style = cast(TransitionStyle, _style(word[:-4]))
            elif (style := _style(word)) is not None:
                in_style = out_style = style
            else:
                diags.warning(
                    "transition",
                    f"unknown transition {word!r} in {what}; expected one of {', '.join(STYLES)}",
                    line,
                )
    new_speed = base.speed
    if speed is not None:
        if str(speed) in SPEEDS:
            new_speed = cast(Any, str(speed))
        else:
            speed_line, speed_name = speed_where or (line, "")
            diags.warning(
                "transition",
                f"unknown transition speed {speed!r}{f' in {speed_name}' if speed_name else ''}"
                "; expected default, fast or slow",
                speed_line,
            )
    return Transition(in_style, out_style, new_speed)
