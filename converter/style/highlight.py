"""highlight.js code styles as data, keyed by Pygments token type names.

Input: a reveal-md ``highlightTheme`` name (``base16/zenburn`` is the default). Output: a
:class:`HighlightStyle`: block background and foreground plus colours (and bold/italic) for
Pygments token types such as ``"Keyword"`` or ``"Literal.String"``. The mapping translates the
highlight.js scope classes of the style sheet to the nearest Pygments token types; Pygments itself
is not imported here. Re-exported by :mod:`converter.style.themes`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from converter.style.color import Color

__all__ = [
    "HIGHLIGHT_STYLES",
    "HighlightStyle",
    "TokenStyle",
    "get_highlight_style",
]


@dataclass(frozen=True)
class TokenStyle:
    """How one token type is drawn."""

    color: Color
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class HighlightStyle:
    """A code block style: ``pre code.hljs`` background/foreground and per-token styles."""

    name: str
    background: Color
    foreground: Color
    tokens: tuple[tuple[str, TokenStyle], ...]  # Pygments token type name -> style
    selection_bg: Color | None = None

    @property
    def token_colors(self) -> dict[str, Color]:
        """Token type name (``"Name.Function"``) to colour, for the types this style sets."""
        return {name: style.color for name, style in self.tokens}

    def style_for(self, token_type: str) -> TokenStyle:
        """The style for a token type, inherited from the nearest styled parent type.

        Accepts ``"Literal.String.Double"`` as well as ``str(Token.Literal.String.Double)``.
        """
        table = dict(self.tokens)
        parts = token_type.removeprefix("Token").strip(".").split(".")
        while parts and parts[0]:
            style = table.get(".".join(parts))
            if style is not None:
                return style
            parts.pop()
        return TokenStyle(self.foreground)

    def color_for(self, token_type: str) -> Color:
        """Shortcut for ``style_for(token_type).color``."""
        return self.style_for(token_type).color


def _hex(text: str) -> Color:
    return Color.from_hex(text)


def _styles(pairs: dict[str, str | TokenStyle]) -> tuple[tuple[str, TokenStyle], ...]:
    return tuple(
        (name, value if isinstance(value, TokenStyle) else TokenStyle(_hex(value)))
        for name, value in pairs.items()
    )


# highlight.js 11.10.0 styles/base16/zenburn.css (reveal-md's default `base16/zenburn`).
_B16 = {
    "base00": "#383838", "base01": "#404040", "base02": "#606060", "base03": "#6f6f6f",
    "base04": "#808080", "base05": "#dcdccc", "base06": "#c0c0c0", "base07": "#ffffff",
    "base08": "#dca3a3", "base09": "#dfaf8f", "base0A": "#e0cf9f", "base0B": "#5f7f5f",
    "base0C": "#93e0e3", "base0D": "#7cb8bb", "base0E": "#dc8cc3", "base0F": "#000000",
}  # fmt: skip

BASE16_ZENBURN: Final = HighlightStyle(
    name="base16/zenburn",
    background=_hex(_B16["base00"]),
    foreground=_hex(_B16["base05"]),
    selection_bg=_hex(_B16["base02"]),
    tokens=_styles(
        {
            "Comment": _B16["base03"],  # .hljs-comment
            "Comment.Preproc": TokenStyle(_hex(_B16["base0F"]), bold=True),  # .hljs-meta keyword
            "Comment.PreprocFile": _B16["base0F"],  # .hljs-meta .hljs-string
            "Comment.Hashbang": _B16["base0F"],  # .hljs-meta
            "Keyword": _B16["base0E"],  # .hljs-keyword
            "Keyword.Type": _B16["base0E"],  # .hljs-type
            "Keyword.Constant": _B16["base09"],  # .hljs-literal (true, null, None)
            "Operator": _B16["base05"],  # .hljs-operator (few grammars mark it)
            "Operator.Word": _B16["base0E"],  # and/or/not/in are keywords in highlight.js
            "Punctuation": _B16["base05"],  # .hljs-punctuation
            "Name.Builtin": _B16["base0C"],  # .hljs-built_in
            "Name.Builtin.Pseudo": _B16["base08"],  # self/this: .hljs-variable.language_
            "Name.Function": _B16["base0D"],  # .hljs-title.function_
            "Name.Class": _B16["base0A"],  # .hljs-title.class_
            "Name.Decorator": _B16["base0F"],  # .hljs-meta
            "Name.Tag": _B16["base08"],  # .hljs-name
            "Name.Attribute": _B16["base09"],  # .hljs-attr
            "Name.Variable": _B16["base08"],  # .hljs-variable
            "Name.Constant": _B16["base09"],  # .hljs-variable.constant_
            "Literal": _B16["base09"],  # .hljs-literal
            "Literal.Number": _B16["base09"],  # .hljs-number
            "Literal.String": _B16["base0B"],  # .hljs-string
            "Literal.String.Regex": _B16["base0C"],  # .hljs-regexp
            "Literal.String.Interpol": _B16["base05"],  # .hljs-subst
            "Literal.String.Symbol": _B16["base09"],  # .hljs-symbol
            "Generic.Deleted": _B16["base08"],  # .hljs-deletion
            "Generic.Inserted": _B16["base0B"],  # .hljs-addition
            "Generic.Heading": _B16["base0D"],  # .hljs-section
            "Generic.Subheading": _B16["base0D"],
            "Generic.Emph": TokenStyle(_hex(_B16["base0E"]), italic=True),  # .hljs-emphasis
            "Generic.Strong": TokenStyle(_hex(_B16["base0A"]), bold=True),  # .hljs-strong
        }
    ),
)

HIGHLIGHT_STYLES: Final[dict[str, HighlightStyle]] = {
    "base16/zenburn": BASE16_ZENBURN,
    # reveal-md's help text calls the default "zenburn"; highlight.js 11 has no styles/zenburn.css
    # any more (it moved to base16/), so reveal-md would load nothing: follow the evident intent.
    "zenburn": BASE16_ZENBURN,
}


def get_highlight_style(name: str) -> HighlightStyle | None:
    """The style for a ``highlightTheme`` value (``.css`` suffix and ``styles/`` prefix allowed)."""
    key = name.strip().removesuffix(".css").removesuffix(".min")
    key = key.removeprefix("styles/")
    return HIGHLIGHT_STYLES.get(key)
