"""Line-break opportunities: UAX #14 as browsers apply it with CSS `word-break: normal;
line-break: auto`, reduced to what slide text needs.

Input: text (a run of a paragraph, between forced breaks). Output: `segments(text)`, the
pieces between break opportunities in order, each with its trailing spaces (leading spaces form
a piece of their own), so that `"".join(segments(text)) == text`; and `glued_across(a, b)`,
whether there is no opportunity between the last character `a` of one run and the first `b` of
the next (a word changing style midway), for the rules only look at neighbouring characters.
The line breaker may end a line after any piece, and breaks inside a piece only when it alone
is wider than the line.

Rules: a space is a break opportunity; words of other scripts (Latin, Cyrillic, Greek, Arabic,
...) never break inside; Chinese, Japanese and Korean (Han, kana, Hangul syllables and jamo,
fullwidth forms) break between any two characters and between a CJK character and a word next
to it. Kinsoku: closing punctuation, small kana, the prolonged sound mark and iteration marks
never start a line, and neither do the Latin `) ] } , . : ; ? ! %` and `” ’` after a CJK
character; opening punctuation (and Latin `( [ { “ ‘` before a CJK character) never ends one;
combining marks, variation selectors and ZWJ stay with what they follow. Each such character
is glued to its neighbour. Text without CJK characters breaks at spaces only, by the plain word
pattern (`WORDS`, which gives the same pieces faster).
"""

from __future__ import annotations

import re

# words with their trailing spaces (leading spaces alone); a word breaks after a hyphen between
# letters or digits and a letter, as browsers do (UAX #14 HY: "well-|known", not "-|1")
WORDS = re.compile(r" +|[^ ]*?[^\W_]-(?=[^\W\d_])|[^ ]+ *")

# every CJK character (breakable on both sides unless glued below)
_CJK = (
    "\u1100-\u11ff\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3100-\u31ff\u3200-\u4dbf"
    "\u4e00-\u9fff\ua000-\ua4cf\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff\ufe30-\ufe4f"
    "\uff00-\uffef\U0001b000-\U0001b2ff\U0001f200-\U0001f2ff\U00020000-\U0003fffd"
)
# never start a line: CJK closing punctuation, small kana, prolonged sound and iteration marks,
# ellipses, the ideographic space (breaks after it only), Hangul medial and final jamo,
# combining marks and variation selectors
_CLOSE = (
    "、。，．・：；？！）」』】〕〉》〙〗〟〜゠ー々〻ゝゞヽヾ゛゜\u3099\u309a"
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ\u31f0-\u31ff\uff67-\uff70｡｣､･"
    "］｝％…‥\u3000\u1160-\u11ff\ud7b0-\ud7ff"
    "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe00-\ufe0f\ufe20-\ufe2f"
    "\U000e0100-\U000e01ef\u200d"
)
# never end a line: CJK opening punctuation, Hangul leading jamo, ZWJ
_OPEN = "（「『【〔〈《［｛｢〘〖〝\u1100-\u115f\ua960-\ua97f\u200d"
_LATIN_CLOSE = r")\]},.:;?!%”’"  # glued to a CJK character before them
_LATIN_OPEN = r"(\[{“‘"  # glued to a CJK character after them

# a piece: a first character, then every character glued to the one before it, then spaces
_GLUED = (
    f"[{_CLOSE}]"
    f"|(?<=[{_OPEN}])[^ ]"
    f"|(?<=[^ {_CJK}])[^ {_CJK}]"
    f"|(?<=[{_CJK}])[{_LATIN_CLOSE}]"
    f"|(?<=[{_LATIN_OPEN}])[{_CJK}]"
)
_PIECES = re.compile(f" +|[^ ](?:{_GLUED})* *")
_HAS_CJK = re.compile(f"[{_CJK}]")


def segments(text: str) -> list[str]:
    """The pieces of `text` between break opportunities, each with its trailing spaces."""
    if text.isascii() or max(text) < "\u1100" or not _HAS_CJK.search(text):
        return WORDS.findall(text)  # the same pieces, faster
    return _PIECES.findall(text)


def glued_across(before: str, after: str) -> bool:
    """Whether there is no break opportunity between the characters `before` and `after` (where
    two runs meet); the pieces of a text are those of its parts with such boundaries glued."""
    if before in " \n" or after in " \n":  # also "" (no next run)
        return False
    if before == "-" and after.isalpha():  # a hyphen ends a run: a break opportunity after it
        return False
    if before < "\u1100" and after < "\u1100":
        return True
    return _PIECES.fullmatch(before + after) is not None
