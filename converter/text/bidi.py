"""The Unicode bidirectional algorithm for one line: which pieces read right to left, and in
which order they stand on the line.

Input: a line's text (in logical order, the order it was typed) and the paragraph's base
direction. Output: `visual_runs`: (start, end, right_to_left) pieces of the text in the order
they are drawn from left to right (rule L2: runs reversed from the highest level down to the
lowest odd one), so a Hebrew or Arabic word inside a left-to-right sentence reads right to
left, and numbers inside Arabic text stay left to right. The levels come from python-bidi's
pure-Python implementation of UAX #9 (explicit embeddings, weak, neutral and implicit types).
"""

from __future__ import annotations

from functools import lru_cache

from converter.text.scripts import has_rtl, is_rtl_char

__all__ = ["has_rtl", "visual_runs"]


@lru_cache(maxsize=4096)
def levels(text: str, base_rtl: bool = False) -> tuple[int, ...]:
    """The resolved embedding level of each character (even: left to right, odd: right to
    left)."""
    from bidi import algorithm

    storage = algorithm.get_empty_storage()
    base = 1 if base_rtl else 0
    storage["base_level"] = base
    storage["base_dir"] = ("L", "R")[base]
    simple = tuple(1 if is_rtl_char(c) else 2 * base for c in text)
    try:
        algorithm.get_embedding_levels(text, storage, False, False)
        algorithm.explicit_embed_and_overrides(storage, False)
        algorithm.resolve_weak_types(storage, False)
        algorithm.resolve_neutral_types(storage, False)
        algorithm.resolve_implicit_levels(storage, False)
    except Exception:  # python-bidi asserts on some odd sequences: each letter's own direction
        return simple
    chars = storage["chars"]
    if len(chars) != len(text):  # explicit formatting characters removed (rule X9)
        return simple
    out = [int(ch["level"]) for ch in chars]
    # rule L1: whitespace at the end of the line goes back to the paragraph level
    end = len(text)
    while end and text[end - 1].isspace():
        end -= 1
        out[end] = base
    return tuple(out)


def visual_runs(text: str, base_rtl: bool = False) -> list[tuple[int, int, bool]]:
    """(start, end, right_to_left) runs of `text` in drawing order, left to right."""
    if not text:
        return []
    lv = levels(text, base_rtl)
    runs: list[tuple[int, int, int]] = []
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or lv[i] != lv[start]:
            runs.append((start, i, lv[start]))
            start = i
    highest = max(level for _s, _e, level in runs)
    lowest_odd = min((level for _s, _e, level in runs if level % 2), default=highest + 1)
    for level in range(highest, lowest_odd - 1, -1):
        i = 0
        while i < len(runs):
            if runs[i][2] >= level:
                j = i
                while j < len(runs) and runs[j][2] >= level:
                    j += 1
                runs[i:j] = runs[i:j][::-1]
                i = j
            else:
                i += 1
    return [(s, e, bool(level % 2)) for s, e, level in runs]
