"""Font names and languages as Microsoft Office expects them in a PPTX.

Input: the family layout measured a run with (a face found on this machine, often a Linux-only
one such as Liberation Sans or DejaVu Sans), a run's text, the deck's language tag (BCP 47, or
None). Output: the family a PPTX run should name instead (`office_family`: the standard font
with the same metrics, or the closest widely installed look-alike), whether a name is Linux-only
(`is_linux_only`, `LINUX_ONLY_FAMILIES`), the East Asian and complex-script typefaces PowerPoint
on Windows writes into the `a:ea` and `a:cs` slots (`ea_typeface`, `cs_typeface`), a run's font
slot and script (`run_script`) and its `lang` (`run_language`). Script detection is
`converter.text.scripts`; this module is pure data and the standard library.
"""

from __future__ import annotations

import re

from converter.text.scripts import (
    CJK_SCRIPTS,
    Script,
    Slot,
    language_for,
    script_of,
    slot_of,
    text_slot,
)

__all__ = [
    "LINUX_ONLY_FAMILIES",
    "clean_lang",
    "cs_typeface",
    "ea_typeface",
    "is_linux_only",
    "is_metric_clone",
    "office_family",
    "run_language",
    "run_script",
]

_YAHEI, _JHENGHEI, _YU_GOTHIC, _MALGUN = (
    "Microsoft YaHei", "Microsoft JhengHei", "Yu Gothic", "Malgun Gothic",
)  # fmt: skip

# CJK variant (`converter.text.scripts.cjk_variant`) -> the `a:ea` typeface PowerPoint writes
_EA: dict[str, str] = {
    "SC": _YAHEI, "TC": _JHENGHEI, "HK": _JHENGHEI, "JP": _YU_GOTHIC, "KR": _MALGUN,
}  # fmt: skip

_INDIC = ("devanagari", "bengali", "gurmukhi", "gujarati", "oriya", "tamil", "telugu",
          "kannada", "malayalam", "sinhala")  # fmt: skip
# script -> the `a:cs` typeface PowerPoint writes on Windows (Nirmala UI covers every Indic
# script, Leelawadee UI Thai, Lao and Khmer)
_CS: dict[Script, str] = {
    "arabic": "Arial", "hebrew": "Arial", "thai": "Leelawadee UI", "lao": "Leelawadee UI",
    "khmer": "Leelawadee UI", "myanmar": "Myanmar Text", "tibetan": "Microsoft Himalaya",
    "syriac": "Segoe UI Historic", "thaana": "MV Boli",
    **dict.fromkeys(_INDIC, "Nirmala UI"),
}  # fmt: skip

# Linux-only family -> the standard font written instead. Metric-compatible where one exists
# (Liberation, Arimo/Tinos/Cousine, Nimbus, TeX Gyre, Carlito, Caladea, Gelasio: the same
# advance widths, so lines break where layout broke them); the GNU Free faces are close
# clones of Helvetica, Times and Courier; DejaVu and Vera are only look-alikes (below).
_OFFICE_TABLE: dict[str, tuple[str, ...]] = {
    "Arial": ("Liberation Sans", "Arimo", "Nimbus Sans", "FreeSans", "TeX Gyre Heros"),
    "Arial Narrow": ("Liberation Sans Narrow", "Nimbus Sans Narrow"),
    "Times New Roman": (
        "Liberation Serif", "Tinos", "Nimbus Roman", "FreeSerif", "TeX Gyre Termes",
    ),
    "Courier New": (
        "Liberation Mono", "Cousine", "Nimbus Mono PS", "FreeMono", "TeX Gyre Cursor",
        # DejaVu Sans Mono advances 0.602 em, Courier New 0.600 em: near enough for code
        "DejaVu Sans Mono", "Bitstream Vera Sans Mono",
    ),
    "Calibri": ("Carlito",),
    "Cambria": ("Caladea",),
    # DejaVu Sans and Vera have no metric twin on Windows or macOS: Verdana is the closest
    # widely installed look-alike (DejaVu derives from Vera, which Verdana resembles: large
    # x-height, wide letters); Tahoma is Verdana's narrow sibling
    "Verdana": ("DejaVu Sans", "DejaVu Sans Light", "Bitstream Vera Sans", "Vera"),
    "Tahoma": ("DejaVu Sans Condensed",),
    "Georgia": ("DejaVu Serif", "DejaVu Serif Condensed", "Bitstream Vera Serif", "Gelasio"),
    "Palatino Linotype": ("TeX Gyre Pagella", "P052"),
}  # fmt: skip
# Noto Sans / Serif / Sans Mono CJK: the variant's East Asian typeface (as `a:ea` names it)
_CJK_FAMILIES: dict[str, str] = {
    f"Noto {kind} CJK {variant}": office
    for variant, office in _EA.items()
    for kind in ("Sans", "Serif", "Sans Mono")
}


def _key(name: str) -> str:
    return "".join(name.lower().split())


_OFFICE: dict[str, str] = {
    **{_key(linux): office for office, names in _OFFICE_TABLE.items() for linux in names},
    **{_key(linux): office for linux, office in _CJK_FAMILIES.items()},
}
LINUX_ONLY_FAMILIES: frozenset[str] = frozenset(
    [*(linux.lower() for names in _OFFICE_TABLE.values() for linux in names),
     *(linux.lower() for linux in _CJK_FAMILIES)]
)  # fmt: skip


def office_family(family: str) -> str:
    """The family a PPTX run names for a face layout measured with: Linux-only families
    become their metric-compatible (or closest) standard font; any other name is kept."""
    return _OFFICE.get(_key(family), family)


# Linux families with the same advance widths as the Office font written for them
_METRIC_CLONES = frozenset(_key(n) for n in (
    "Liberation Sans", "Arimo", "Nimbus Sans", "TeX Gyre Heros", "Liberation Sans Narrow",
    "Nimbus Sans Narrow", "Liberation Serif", "Tinos", "Nimbus Roman", "TeX Gyre Termes",
    "Liberation Mono", "Cousine", "Nimbus Mono PS", "TeX Gyre Cursor", "Carlito", "Caladea",
))  # fmt: skip


def is_metric_clone(family: str) -> bool:
    """True when `office_family(family)` has the same advance widths (text fits the same)."""
    return _key(family) in _METRIC_CLONES


def is_linux_only(name: str) -> bool:
    """True for a family only Linux installs (one `office_family` replaces)."""
    return _key(name) in _OFFICE


def ea_typeface(variant: str) -> str:
    """The `a:ea` typeface for a CJK variant (SC, TC, HK, JP, KR; else SC's)."""
    return _EA.get(variant.upper(), _YAHEI)


def cs_typeface(script: str) -> str:
    """The `a:cs` typeface for a complex script (Arial for Arabic, Hebrew and the rest)."""
    return _CS.get(script, "Arial")


# Characters scripts.py calls `latin` or `common` (Latin, IPA, spacing marks, combining marks,
# Latin Extended Additional, general punctuation to miscellaneous symbols): a run of only these
# is Latin, found by one regex search instead of a Python loop over every character.
_NOT_LATIN = re.compile("[^\x00-\u036f\u1e00-\u1eff\u2000-\u2bff]")
_LATIN: tuple[Slot, Script] = ("latin", "latin")


def run_script(text: str) -> tuple[Slot, Script]:
    """A run's PowerPoint font slot (`text_slot`) and the script that sets its language:
    for East Asian text kana (Japanese) or hangul (Korean) when present, else han; for complex
    scripts the first such letter's; otherwise the first non-Latin letter's (Greek, Cyrillic,
    ...), else `latin`."""
    found = _NOT_LATIN.search(text)
    if found is None:
        return _LATIN
    slot = text_slot(text)
    rest = text[found.start() :]
    if slot == "ea":
        scripts = {script_of(c) for c in rest}
        if "kana" in scripts:
            return slot, "kana"
        return slot, "hangul" if "hangul" in scripts else "han"
    for char in rest:
        script = script_of(char)
        if script not in ("latin", "common", "emoji") and slot_of(script) == slot:
            return slot, script
    return _LATIN


# Primary language subtags of languages not written in the Latin script: a Latin run in a deck
# in one of them is not in the deck's language (it is "en-US", as PowerPoint types it).
_NON_LATIN_LANGUAGES = frozenset({
    "am", "ar", "be", "bg", "bn", "el", "fa", "gu", "he", "hi", "hy", "iw", "ja", "ka", "kk",
    "km", "kn", "ko", "ky", "lo", "mk", "ml", "mn", "mr", "my", "ne", "or", "pa", "ps", "ru",
    "si", "ta", "te", "th", "uk", "ur", "yi", "zh",
})  # fmt: skip
_LANG_TAG = re.compile(r"[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8}){0,6}")


def clean_lang(tag: str | None) -> str | None:
    """A deck's language tag when it is a well-formed BCP 47 tag (`zh-TW`, `ja`, `en-GB`,
    underscores read as dashes), else None: it is written into XML attributes."""
    if not tag:
        return None
    tag = tag.strip().replace("_", "-")
    return tag if _LANG_TAG.fullmatch(tag) else None


def run_language(script: Script, deck_lang: str | None) -> str:
    """The `lang` of a run of `script` in a deck of language `deck_lang` (a clean tag or None):
    `language_for`, except that Latin text takes the deck's language when the deck is written in
    the Latin script, and Han in a Japanese or Korean deck is Japanese or Korean."""
    primary = deck_lang.split("-")[0].lower() if deck_lang else ""
    if script == "latin":
        return deck_lang if deck_lang and primary not in _NON_LATIN_LANGUAGES else "en-US"
    if script in CJK_SCRIPTS and script not in ("kana", "hangul") and primary in ("ja", "ko"):
        return deck_lang or "en-US"
    return language_for(script, deck_lang)
