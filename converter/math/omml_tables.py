"""The character tables of the MathML -> OMML transform and the per-character helpers.

Input: characters and lengths as latex2mathml writes them. Output: what OMML wants for them:
which operators are n-ary, relations, brackets or limit-style names, the ``m:acc``/``m:bar``/
``m:groupChr`` character of an accent, the em width of a MathML length, a character's
``m:scr``/``m:sty`` (`char_style`, math letters turned back into letter + style) and TeX
spaces as Unicode spaces (`unicode_spaces`). Used by `converter.math.omml_rows` and
`converter.math.omml_writer`.
"""

from __future__ import annotations

import functools
import re
import unicodedata
import xml.etree.ElementTree as ET

M_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
ET.register_namespace("m", M_NS)

# --- character classes ---------------------------------------------------------------------

INTEGRALS = frozenset("∫∬∭⨌∮∯∰∱∲∳⨍⨎⨏⨐⨑⨒⨓⨔⨕⨖⨗⨘⨙⨚⨛⨜")
NARY = INTEGRALS | frozenset("∑∏∐⋃⋂⋁⋀⨁⨂⨀⨄⨆⨃⨅")
RELATIONS = frozenset(
    "=≠<>≤≥≦≧≪≫≡≢≈≉∼≃≅≇∝≺≻⪯⪰≼≽⊂⊃⊆⊇⊊⊋⊄⊅∈∉∋∌∣∤∥∦⊥⊢⊣⊨⊩≔≕≐≜≝≟≲≳⋜⋝"
    "→←↔⇒⇐⇔⟶⟵⟷⟹⟸⟺↦⟼↪↩⇀⇁↑↓⇑⇓↗↘↙↖⊏⊐⊑⊒"
) | frozenset({":=", "≔", "::"})
ADDITIVE = frozenset("+-−±∓⊕⊖")
SEPARATORS = frozenset(",;")
OPENERS = {
    "(": ")", "[": "]", "{": "}", "⟨": "⟩", "⌊": "⌋", "⌈": "⌉", "⟦": "⟧", "|": "|", "‖": "‖",
}
CLOSERS = {close: open_ for open_, close in OPENERS.items()}
LIMIT_NAMES = frozenset({
    "lim", "liminf", "limsup", "lim\u2006inf", "lim\u2006sup", "max", "min", "sup", "inf",
    "det", "gcd", "Pr", "argmax", "argmin",
})

# Accent characters (as latex2mathml writes them) -> the m:acc character (as pandoc writes it).
ACCENTS = {
    "^": "\u0302", "\u02c6": "\u0302", "\u0302": "\u0302",
    "~": "\u0303", "\u02dc": "\u0303", "\u0303": "\u0303",
    "\u00af": "\u203e", "\u203e": "\u203e", "\u0304": "\u203e", "\u0305": "\u203e",
    "\u02d9": "\u0307", "\u0307": "\u0307",
    "\u00a8": "\u0308", "\u0308": "\u0308",
    "\u20db": "\u20db", "\u20dc": "\u20dc",
    "\u02c7": "\u030c", "\u030c": "\u030c",
    "\u02d8": "\u0306", "\u0306": "\u0306",
    "\u00b4": "\u0301", "\u0301": "\u0301",
    "`": "\u0300", "\u0300": "\u0300",
    "\u02da": "\u030a", "\u030a": "\u030a",
    "\u2192": "\u20d7", "\u20d7": "\u20d7", "\u27f6": "\u20d7",
    "\u2190": "\u20d6", "\u20d6": "\u20d6", "\u27f5": "\u20d6",
    "\u2194": "\u20e1", "\u20e1": "\u20e1",
}
BARS = frozenset("\u2015\u203e_\u0332")  # \overline, \underline
GROUP_CHARS = {"\u23de": "top", "\u23df": "bot", "\u23b4": "top", "\u23b5": "bot"}

NAMED_SPACES = {
    "veryverythinmathspace": 1 / 18, "verythinmathspace": 2 / 18, "thinmathspace": 3 / 18,
    "mediummathspace": 4 / 18, "thickmathspace": 5 / 18, "verythickmathspace": 6 / 18,
    "veryverythickmathspace": 7 / 18,
}
UNITS_EM = {"em": 1.0, "ex": 0.43, "mu": 1 / 18, "pt": 1 / 12, "px": 0.75 / 12, "pc": 1.0,
             "in": 6.0, "cm": 72 / 2.54 / 12, "mm": 72 / 25.4 / 12}
LENGTH = re.compile(r"^\s*([-+]?(?:\d+\.?\d*|\.\d+))\s*([a-z]*)\s*$")

_VARIANTS: dict[str, tuple[str | None, str]] = {
    # mathvariant -> (m:scr, m:sty)
    "normal": (None, "p"), "bold": (None, "b"), "italic": (None, "i"),
    "bold-italic": (None, "bi"), "double-struck": ("double-struck", "p"),
    "script": ("script", "p"), "bold-script": ("script", "b"),
    "fraktur": ("fraktur", "p"), "bold-fraktur": ("fraktur", "b"),
    "sans-serif": ("sans-serif", "p"), "bold-sans-serif": ("sans-serif", "b"),
    "sans-serif-italic": ("sans-serif", "i"), "sans-serif-bold-italic": ("sans-serif", "bi"),
    "monospace": ("monospace", "p"),
}
_LETTERLIKE = ("DOUBLE-STRUCK CAPITAL", "SCRIPT CAPITAL", "BLACK-LETTER CAPITAL", "SCRIPT SMALL")


def m_tag(tag: str) -> str:
    return f"{{{M_NS}}}{tag}"



def char_style(ch: str, variant: str | None, default: str | None
                ) -> tuple[str | None, str | None, str]:
    """(m:scr, m:sty, character) for one character of a token."""
    decomposed = _math_alphanumeric(ch)
    if decomposed is not None:
        return decomposed
    if variant in _VARIANTS:
        scr, sty = _VARIANTS[variant]
        if sty == "i" and scr is None and default is None and ch.isalpha():
            return None, None, ch  # italic is a letter's default
        return scr, sty, ch
    return None, default, ch


@functools.lru_cache(maxsize=1024)
def _math_alphanumeric(ch: str) -> tuple[str | None, str | None, str] | None:
    """𝐯 -> (None, 'b', 'v'), ℝ -> ('double-struck', 'p', 'R'); None for other characters."""
    name = unicodedata.name(ch, "")
    if not (name.startswith("MATHEMATICAL ") or name.startswith(_LETTERLIKE)):
        return None
    if ch == "\u2113":  # ℓ (\ell) stays itself
        return None
    base = unicodedata.normalize("NFKC", ch)
    if len(base) != 1 or base == ch:
        return None
    if "DOUBLE-STRUCK" in name:
        scr: str | None = "double-struck"
    elif "FRAKTUR" in name or "BLACK-LETTER" in name:
        scr = "fraktur"
    elif "SCRIPT" in name:
        scr = "script"
    elif "SANS-SERIF" in name:
        scr = "sans-serif"
    elif "MONOSPACE" in name:
        scr = "monospace"
    else:
        scr = None
    bold = "BOLD" in name
    italic = "ITALIC" in name
    sty = "bi" if bold and italic else "b" if bold else "i" if italic else "p"
    return scr, sty, base


def unicode_spaces(em: float) -> str:
    """Unicode spaces about `em` wide, as pandoc writes TeX spaces."""
    if em <= 0.05:
        return ""
    out = ""
    while em >= 0.95:
        out += "\u2001"  # em quad (\quad)
        em -= 1.0
    if em >= 0.45:
        out += "\u2002"
    elif em >= 0.26:
        out += "\u2004"  # three-per-em (\;)
    elif em >= 0.2:
        out += "\u2005"  # four-per-em (\:)
    elif em >= 0.1:
        out += "\u2009"  # thin (\,)
    return out
