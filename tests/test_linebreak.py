"""Line breaking as a browser does it (`word-break: normal; line-break: auto`): spaces, CJK
between characters, kinsoku, never inside a Latin word unless it alone is wider than the line.

Most tests measure with a fake font where every character is 1 em wide, so they do not depend
on which installed font measures CJK; the assertions are about where lines break."""

from __future__ import annotations

from itertools import pairwise
from typing import cast

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from converter.layout.boxes import TextLine, TextRun
from converter.layout.breaks import glued_across, segments
from converter.layout.text import TextStyle, Typesetter, wrap_runs
from converter.model import LINE_BREAK, Run
from converter.style.color import Color
from converter.text.fonts import ResolvedFont
from converter.text.library import FontLibrary

EM = 10.0  # points: the font size, so every character of the fake font is 10 pt wide
BLACK = Color(0, 0, 0)
STYLE = TextStyle(("Fake",), ("Fake Mono",), EM, BLACK, Color(0, 0, 255))

NO_START = set(
    "、。，．・：；？！）」』】〕〉》”’ーぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ）］｝，．：；？！"
)
NO_END = set("（「『【〔〈《“‘（［｛")


class _EmFont:
    """Measures every character, spaces included, as 1 em."""

    def width(self, text: str, size_pt: float) -> float:
        return len(text) * size_pt

    def ascent_pt(self, size_pt: float) -> float:
        return 0.8 * size_pt

    def descent_pt(self, size_pt: float) -> float:
        return 0.2 * size_pt


FONT = cast(ResolvedFont, _EmFont())


def run(text: str, bold: bool = False) -> TextRun:
    return TextRun(text, FONT, EM, BLACK, bold=bold)


def texts(lines: tuple[TextLine, ...]) -> list[str]:
    return ["".join(r.text for r in line.runs) for line in lines]


def wrap(text: str, chars: float) -> list[str]:
    """`text` in one run wrapped in a box `chars` characters wide; the line texts."""
    lines = wrap_runs((run(text),), chars * EM, STYLE)
    for line in lines:
        assert line.width <= chars * EM + 1e-6
    return texts(lines)


def assert_same_text(lines: list[str], text: str) -> None:
    """The lines are `text` in order, only spaces at line ends (and the text's end) dropped."""
    pos = 0
    for i, line in enumerate(lines):
        if i:
            while text[pos : pos + 1] == " ":
                pos += 1
        assert text[pos : pos + len(line)] == line, (lines, text)
        assert not line.endswith(" ") or not line.strip(), lines
        pos += len(line)
    assert not text[pos:].strip(" "), (lines, text)


def assert_kinsoku(lines: list[str]) -> None:
    for before, after in pairwise(lines):
        assert after[:1] not in NO_START, lines
        assert before[-1:] not in NO_END, lines


# --- Chinese ---------------------------------------------------------------------------------

CHINESE = "我们使用这个工具把演示文稿转换成幻灯片，它可以正确地处理中文的换行规则。"


@pytest.mark.parametrize("chars", [4, 5, 7, 10, 13, 20])
def test_chinese_sentence_wraps_between_characters(chars: int) -> None:
    lines = wrap(CHINESE, chars)
    assert len(lines) > 1
    assert "".join(lines) == CHINESE  # no space, nothing lost or added
    assert all(len(line) <= chars for line in lines)
    # greedy: a line ends where the next piece (character, or one glued to its punctuation)
    # no longer fits
    for line, nxt in pairwise(lines):
        assert len(line) + len(segments(nxt)[0]) > chars


def test_chinese_with_the_installed_fonts_stays_in_its_box() -> None:
    """Whatever font measures CJK (Noto Sans CJK or .notdef), the lines fit and nothing is lost."""
    fonts = FontLibrary()
    style = TextStyle(
        ("Noto Sans CJK SC", "DejaVu Sans"), ("DejaVu Sans Mono",), 24.0, BLACK, BLACK
    )
    runs = Typesetter(fonts).runs((Run(CHINESE),), style)
    lines = wrap_runs(runs, 200.0, style)
    assert len(lines) > 2
    for line in lines:
        assert line.width <= 200.0 + 0.5
    assert "".join(texts(lines)) == CHINESE
    assert_kinsoku(texts(lines))


# --- kinsoku ---------------------------------------------------------------------------------

PUNCTUATED = "他说：「今天天气很好。」我们出去吧。「好的」，她回答。『走吧』！（真的）"


@pytest.mark.parametrize("chars", range(3, 24))
def test_closing_punctuation_never_starts_a_line_opening_never_ends_one(chars: int) -> None:
    lines = wrap(PUNCTUATED, chars)
    assert "".join(lines) == PUNCTUATED
    assert_kinsoku(lines)


@pytest.mark.parametrize("chars", range(3, 16))
def test_small_kana_and_the_prolonged_mark_never_start_a_line(chars: int) -> None:
    text = "ちょっとコーヒーを飲みましょう。キャッシュがいっぱいです。"
    lines = wrap(text, chars)
    assert "".join(lines) == text
    assert_kinsoku(lines)


def test_latin_closing_punctuation_after_cjk_stays_on_the_line() -> None:
    # a box of 3 characters: greedy breaking alone would break before "." / ")" or after "("
    assert wrap("中文字.", 3) == ["中文", "字."]
    assert wrap("中文字)", 3) == ["中文", "字)"]
    assert wrap("中文(字", 3) == ["中文", "(字"]
    assert wrap("中文字。", 3) == ["中文", "字。"]
    assert wrap("中文「字", 3) == ["中文", "「字"]


# --- CJK next to other scripts ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("chars", "expected"),
    [
        (12, ["使用Python语言"]),
        (9, ["使用Python语", "言"]),
        (8.5, ["使用Python", "语言"]),
        (7, ["使用", "Python语", "言"]),
        (6.5, ["使用", "Python", "语言"]),
    ],
)
def test_a_latin_word_in_chinese_breaks_around_but_never_inside(
    chars: float, expected: list[str]
) -> None:
    assert wrap("使用Python语言", chars) == expected


@pytest.mark.parametrize("chars", range(10, 25))
def test_latin_words_stay_whole_at_any_width_they_fit(chars: int) -> None:
    text = "我们用Python和JavaScript写程序"
    lines = wrap(text, chars)  # "JavaScript" (10) always fits
    assert "".join(lines) == text
    assert any("Python" in line for line in lines)
    assert any("JavaScript" in line for line in lines)


def test_mixed_japanese_with_spaces() -> None:
    text = "これは Python のサンプルです。 とても簡単で、すぐに使えます。"
    for chars in range(6, 30):
        lines = wrap(text, chars)
        assert_same_text(lines, text)
        assert_kinsoku(lines)
        assert any("Python" in line for line in lines)
    # a break at a space drops the space; a break between kana keeps everything
    assert wrap(text, 8) == [
        "これは",
        "Python の",
        "サンプルです。",
        "とても簡単で、す",
        "ぐに使えます。",
    ]


def test_korean_breaks_between_syllables() -> None:
    assert wrap("대한민국만세", 3.5) == ["대한민", "국만세"]
    lines = wrap("한국어 문장을 나눕니다", 3.5)
    assert lines == ["한국어", "문장을", "나눕니", "다"]  # 니|다: between syllables, no space


# --- English ---------------------------------------------------------------------------------

ENGLISH = (
    "The quick brown fox jumps over the lazy dog while the committee debates whether "
    "the word is a word, and nobody agrees with anybody about anything at all."
)


@pytest.mark.parametrize("chars", [9, 12, 17, 25, 40, 80])  # "committee": 9
def test_english_breaks_only_at_spaces(chars: int) -> None:
    lines = wrap(ENGLISH, chars)
    assert " ".join(lines) == ENGLISH  # every break at a space, which is dropped
    assert all(len(line) <= chars for line in lines)


def test_english_with_the_installed_fonts_breaks_only_at_spaces() -> None:
    style = TextStyle(("DejaVu Sans",), ("DejaVu Sans Mono",), 24.0, BLACK, BLACK)
    runs = Typesetter(FontLibrary()).runs((Run(ENGLISH),), style)
    lines = wrap_runs(runs, 300.0, style)
    assert len(lines) > 3
    assert " ".join(texts(lines)) == ENGLISH


def test_a_word_wider_than_the_line_is_still_broken() -> None:
    lines = wrap("a Supercalifragilisticexpialidocious b", 10)
    assert lines == ["a", "Supercalif", "ragilistic", "expialidoc", "ious b"]


def test_a_change_of_style_inside_a_word_is_no_break_opportunity() -> None:
    runs = (run("see "), run("Py", bold=True), run("thon. and "), run("中文", bold=True), run("。"))
    assert texts(wrap_runs(runs, 7 * EM, STYLE)) == ["see", "Python.", "and 中文。"]
    assert texts(wrap_runs(runs, 5.5 * EM, STYLE)) == ["see", "Pytho", "n.", "and 中", "文。"]
    lines = wrap_runs(runs, 7 * EM, STYLE)
    assert [[r.bold for r in line.runs] for line in lines] == [
        [False],
        [True, False],
        [False, True, False],
    ]


def test_a_change_of_style_between_cjk_characters_is_a_break_opportunity() -> None:
    runs = (run("中文"), run("字符", bold=True))
    assert texts(wrap_runs(runs, 3 * EM, STYLE)) == ["中文字", "符"]


def test_forced_breaks_still_end_lines() -> None:
    runs = (run("中文"), TextRun(LINE_BREAK, FONT, EM, BLACK), run("字符"))
    assert texts(wrap_runs(runs, 10 * EM, STYLE)) == ["中文", "字符"]


# --- segmentation ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "pieces"),
    [
        ("hello big world", ["hello ", "big ", "world"]),
        ("  lead", ["  ", "lead"]),
        ("使用Python语言", ["使", "用", "Python", "语", "言"]),
        ("「こんにちは」と言った。", ["「こ", "ん", "に", "ち", "は」", "と", "言っ", "た。"]),
        ("한국어 문장", ["한", "국", "어 ", "문", "장"]),
        ("中文(English)测试", ["中", "文", "(English)", "测", "试"]),
        ("don’t 中“引用”文", ["don’t ", "中", "“引", "用”", "文"]),
        ("ちょっと…… ええ", ["ちょっ", "と…… ", "え", "え"]),
        ("葛\U000e0100城", ["葛\U000e0100", "城"]),  # an ideographic variation selector
        ("ＡＢ", ["Ａ", "Ｂ"]),  # fullwidth Latin breaks like ideographs
        ("Привет мир", ["Привет ", "мир"]),
        ("emoji 🎉🎉 here", ["emoji ", "🎉🎉 ", "here"]),
    ],
)
def test_segments(text: str, pieces: list[str]) -> None:
    assert segments(text) == pieces


CJK_ALPHABET = (
    list("中文字符语言使用日本語のテキストですかなカタ한국어문장")
    + list("、。，．・：；？！）」』】〕〉》”’ーっゃャ（「『【〔〈《“‘（［｛.,!?)(")
    + ["Py", "ab", "word", " ", " ", "  "]
)
cjk_text = st.lists(st.sampled_from(CJK_ALPHABET), min_size=1, max_size=40).map("".join)


def _breaks(text: str) -> set[int]:
    """Offsets where `segments` allows a line to start with a character other than a space."""
    out, pos = set(), 0
    for piece in segments(text):
        if pos and piece[0] != " ":
            out.add(pos)
        pos += len(piece)
    return out


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=cjk_text, chars=st.integers(min_value=1, max_value=30))
def test_lines_are_the_text_broken_at_opportunities(text: str, chars: int) -> None:
    lines = wrap(text, chars)
    assert_same_text(lines, text)
    allowed = _breaks(text)
    widest = max(len(p.rstrip(" ")) for p in segments(text))
    pos = 0
    for i, line in enumerate(lines):
        if i:
            start = len(text) - len(text[pos:].lstrip(" "))
            if start == pos:  # no space dropped: a break between two characters
                assert start in allowed or widest > chars, (lines, text)
            pos = start
        pos += len(line)


@settings(max_examples=150, deadline=None)
@given(a=cjk_text, b=cjk_text)
def test_runs_meeting_break_as_their_joined_text(a: str, b: str) -> None:
    """Segmenting runs alone and gluing across the boundary = segmenting the joined text."""
    joined = _breaks(a + b)
    apart = _breaks(a) | {len(a) + p for p in _breaks(b)}
    if b[0] != " " and not glued_across(a[-1], b[0]):
        apart.add(len(a))
    assert apart == joined
