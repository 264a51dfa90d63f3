"""Scripts of characters: which writing system a character belongs to, and what follows from it.

Input: characters and text, a deck's language tag. Output: a `Script` name per character
(`latin`, `han`, `kana`, `hangul`, `arabic`, `hebrew`, `devanagari`, ..., `emoji`, `common`),
the PowerPoint font slot a script uses (`latin`, `ea` East Asian, `cs` complex script), whether
text needs shaping (HarfBuzz) or is right to left, the language a script implies, and the CJK
variant (SC, TC, JP, KR, HK) a language chooses. Pure data and the standard library: used by
layout (fonts, line breaking), both backends and the font fallback.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from typing import Literal, TypeAlias

__all__ = [
    "Script",
    "Slot",
    "cjk_variant",
    "has_rtl",
    "is_cjk",
    "is_emoji",
    "is_rtl_char",
    "language_for",
    "may_hold_emoji",
    "needs_shaping",
    "script_of",
    "slot_of",
    "text_slot",
]

Script: TypeAlias = str
Slot: TypeAlias = Literal["latin", "ea", "cs"]

# (first, last, script): ranges in code point order; anything else is "latin" when it is a
# letter below U+0250, else "common" (punctuation, digits, symbols: they take the run's font).
_RANGES: tuple[tuple[int, int, Script], ...] = (
    (0x0000, 0x024F, "latin"),
    (0x0250, 0x02AF, "latin"),
    (0x0370, 0x03FF, "greek"),
    (0x0400, 0x052F, "cyrillic"),
    (0x0530, 0x058F, "armenian"),
    (0x0590, 0x05FF, "hebrew"),
    (0x0600, 0x06FF, "arabic"),
    (0x0700, 0x074F, "syriac"),
    (0x0750, 0x077F, "arabic"),
    (0x0780, 0x07BF, "thaana"),
    (0x0860, 0x08FF, "arabic"),
    (0x0900, 0x097F, "devanagari"),
    (0x0980, 0x09FF, "bengali"),
    (0x0A00, 0x0A7F, "gurmukhi"),
    (0x0A80, 0x0AFF, "gujarati"),
    (0x0B00, 0x0B7F, "oriya"),
    (0x0B80, 0x0BFF, "tamil"),
    (0x0C00, 0x0C7F, "telugu"),
    (0x0C80, 0x0CFF, "kannada"),
    (0x0D00, 0x0D7F, "malayalam"),
    (0x0D80, 0x0DFF, "sinhala"),
    (0x0E00, 0x0E7F, "thai"),
    (0x0E80, 0x0EFF, "lao"),
    (0x0F00, 0x0FFF, "tibetan"),
    (0x1000, 0x109F, "myanmar"),
    (0x10A0, 0x10FF, "georgian"),
    (0x1100, 0x11FF, "hangul"),
    (0x1200, 0x139F, "ethiopic"),
    (0x1780, 0x17FF, "khmer"),
    (0x1E00, 0x1EFF, "latin"),
    (0x1F00, 0x1FFF, "greek"),
    (0x2E80, 0x2FDF, "han"),
    (0x3000, 0x303F, "cjk-punct"),
    (0x3040, 0x309F, "kana"),
    (0x30A0, 0x30FF, "kana"),
    (0x3100, 0x312F, "han"),
    (0x3130, 0x318F, "hangul"),
    (0x3190, 0x31EF, "han"),
    (0x31F0, 0x31FF, "kana"),
    (0x3200, 0x33FF, "han"),
    (0x3400, 0x4DBF, "han"),
    (0x4E00, 0x9FFF, "han"),
    (0xA960, 0xA97F, "hangul"),
    (0xAC00, 0xD7AF, "hangul"),
    (0xD7B0, 0xD7FF, "hangul"),
    (0xF900, 0xFAFF, "han"),
    (0xFB1D, 0xFB4F, "hebrew"),
    (0xFB50, 0xFDFF, "arabic"),
    (0xFE30, 0xFE4F, "cjk-punct"),
    (0xFE70, 0xFEFF, "arabic"),
    (0xFF00, 0xFF60, "cjk-punct"),
    (0xFF61, 0xFF9F, "kana"),
    (0xFFA0, 0xFFDC, "hangul"),
    (0xFFE0, 0xFFEF, "cjk-punct"),
    (0x1F000, 0x1FAFF, "emoji"),
    (0x20000, 0x3134F, "han"),
)
_STARTS = [r[0] for r in _RANGES]

CJK_SCRIPTS = frozenset({"han", "kana", "hangul", "cjk-punct"})
RTL_SCRIPTS = frozenset({"hebrew", "arabic", "syriac", "thaana"})
# Scripts whose letters change shape or reorder with their neighbours: drawn through HarfBuzz.
SHAPED_SCRIPTS = frozenset({
    "arabic", "syriac", "thaana", "hebrew", "devanagari", "bengali", "gurmukhi", "gujarati",
    "oriya", "tamil", "telugu", "kannada", "malayalam", "sinhala", "thai", "lao", "tibetan",
    "myanmar", "khmer",
})  # fmt: skip
_CS_SCRIPTS = SHAPED_SCRIPTS  # PowerPoint's complex-script slot

# The language a script implies when the deck says none (for `lang` in the PPTX).
_LANGUAGES: dict[Script, str] = {
    "latin": "en-US", "greek": "el-GR", "cyrillic": "ru-RU", "hebrew": "he-IL",
    "arabic": "ar-SA", "devanagari": "hi-IN", "bengali": "bn-IN", "tamil": "ta-IN",
    "thai": "th-TH", "han": "zh-CN", "kana": "ja-JP", "hangul": "ko-KR", "armenian": "hy-AM",
    "georgian": "ka-GE",
}  # fmt: skip


@lru_cache(maxsize=8192)
def script_of(char: str) -> Script:
    """The script of one character (`common` for spaces, digits and most punctuation)."""
    cp = ord(char)
    if cp < 0x80:
        return "latin" if char.isalpha() else "common"
    if 0x2000 <= cp <= 0x2BFF:
        return "common"  # punctuation, arrows, symbols (emoji among them: `converter.text.emoji`)
    index = bisect_right(_STARTS, cp) - 1
    if index >= 0:
        first, last, script = _RANGES[index]
        if first <= cp <= last:
            if script == "latin" and not char.isalpha():
                return "common"
            return script
    return "common"


def is_cjk(char: str) -> bool:
    return script_of(char) in CJK_SCRIPTS


def is_rtl_char(char: str) -> bool:
    return script_of(char) in RTL_SCRIPTS


# the letters of SHAPED_SCRIPTS, as one character class (searched in C, not per character)
_SHAPED_RE = re.compile(
    "[\u0590-\u074f\u0750-\u07bf\u0860-\u08ff\u0900-\u0dff\u0e00-\u0eff\u0f00-\u109f"
    "\u1780-\u17ff\ufb1d-\ufdff\ufe70-\ufeff]"
)
_RTL_RE = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff\u200f\u202b\u202e\u2067]")


# characters that may be emoji: drawn from the colour font even where a text font has them
_MAYBE_EMOJI_RE = re.compile(
    "[\u2190-\u2bff\u3030\u303d\u3297\u3299\ufe0f\U0001f000-\U0001faff]"
)


def may_hold_emoji(text: str) -> bool:
    """False when no character of `text` can be an emoji (the fast paths' test)."""
    return not text.isascii() and _MAYBE_EMOJI_RE.search(text) is not None


def needs_shaping(text: str) -> bool:
    """True when `text` holds a letter that HarfBuzz must shape or bidi must reorder."""
    return not text.isascii() and _SHAPED_RE.search(text) is not None


def has_rtl(text: str) -> bool:
    """True when `text` holds a right-to-left letter (or an explicit RTL mark)."""
    return not text.isascii() and _RTL_RE.search(text) is not None


def slot_of(script: Script) -> Slot:
    if script in CJK_SCRIPTS:
        return "ea"
    if script in _CS_SCRIPTS:
        return "cs"
    return "latin"


def text_slot(text: str) -> Slot:
    """The PowerPoint font slot of a run: `ea` or `cs` when it holds such a letter."""
    slot: Slot = "latin"
    for char in text:
        if ord(char) >= 0x0590:
            found = slot_of(script_of(char))
            if found != "latin":
                return found
    return slot


def language_for(script: Script, deck_lang: str | None = None) -> str:
    """The BCP 47 tag for text of `script`: the deck's when it is of that script family."""
    if deck_lang and _family(deck_lang) == _family(_LANGUAGES.get(script, "")):
        return deck_lang
    return _LANGUAGES.get(script, deck_lang or "en-US")


def _family(tag: str) -> str:
    primary = tag.split("-")[0].lower()
    return {"ja": "cjk-ja", "ko": "cjk-ko", "zh": "cjk-zh"}.get(primary, primary)


def cjk_variant(deck_lang: str | None, script: Script) -> str:
    """Which Noto Sans CJK face suits the text: JP, KR, SC, TC or HK. Kana is Japanese and
    Hangul Korean whatever the deck says; Han follows the deck's language (zh-TW/zh-Hant: TC,
    zh-HK: HK, ja: JP, ko: KR), else SC."""
    if script == "kana":
        return "JP"
    if script == "hangul":
        return "KR"
    tag = (deck_lang or "").lower()
    if tag.startswith("ja"):
        return "JP"
    if tag.startswith("ko"):
        return "KR"
    if tag.startswith("zh"):
        if "hk" in tag or "mo" in tag:
            return "HK"
        if "tw" in tag or "hant" in tag:
            return "TC"
    return "SC"


@lru_cache(maxsize=4096)
def is_emoji(char: str) -> bool:
    """True for characters a browser draws from the emoji font by default (Unicode
    Emoji_Presentation, regional indicators), and for the joiners and modifiers inside emoji
    sequences."""
    cp = ord(char)
    if cp < 0x2000:
        return False
    if cp in (0x200D, 0xFE0F, 0x20E3) or 0x1F3FB <= cp <= 0x1F3FF or 0x1F1E6 <= cp <= 0x1F1FF:
        return True
    if 0xE0020 <= cp <= 0xE007F:  # tag sequences (subdivision flags)
        return True
    import regex

    return regex.match(r"\p{Emoji_Presentation}", char) is not None
