"""highlight.js themes as code styles: a theme's CSS read, or a Pygments style of the same look.

Input: the CSS of a highlight.js theme (the `.hljs` background and colour, `.hljs-keyword`,
`.hljs-string`, `.hljs-title.function_` ... rules), or a highlight theme name. Output: a
`HighlightStyle` whose token styles are keyed by the Pygments token types the code is lexed
into, mapped from highlight.js's classes (`HLJS_TOKENS`). For a name with no CSS at hand,
the Pygments style that reproduces that highlight.js theme (`monokai`, `vs`, `github-dark`,
`atom-one-dark` as Pygments' `one-dark`, `solarized-dark`, `nord`, `dracula`, ...) is used.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import tinycss2

from converter.style.color import Color, parse_css_color
from converter.style.highlight import HighlightStyle, TokenStyle

__all__ = ["HLJS_TOKENS", "PYGMENTS_EQUIVALENTS", "hljs_css_style", "pygments_style"]

# highlight.js class (`.hljs-<name>`, sub-classes joined with a dot) -> Pygments token types
HLJS_TOKENS: dict[str, tuple[str, ...]] = {
    "keyword": ("Keyword", "Operator.Word"),
    "type": ("Keyword.Type",),
    "literal": ("Keyword.Constant", "Literal"),
    "number": ("Literal.Number",),
    "string": ("Literal.String",),
    "regexp": ("Literal.String.Regex",),
    "subst": ("Literal.String.Interpol",),
    "symbol": ("Literal.String.Symbol",),
    "comment": ("Comment",),
    "doctag": ("Comment.Special",),
    "quote": ("Comment.Single",),
    "meta": ("Comment.Preproc", "Comment.Hashbang", "Name.Decorator"),
    "built_in": ("Name.Builtin",),
    "title": ("Name.Function", "Name.Class"),
    "title.function_": ("Name.Function",),
    "title.class_": ("Name.Class",),
    "name": ("Name.Tag",),
    "selector-tag": ("Name.Tag",),
    "attr": ("Name.Attribute",),
    "attribute": ("Name.Attribute",),
    "property": ("Name.Attribute",),
    "variable": ("Name.Variable",),
    "variable.language_": ("Name.Builtin.Pseudo",),
    "variable.constant_": ("Name.Constant",),
    "params": ("Name.Variable",),
    "operator": ("Operator",),
    "punctuation": ("Punctuation",),
    "deletion": ("Generic.Deleted",),
    "addition": ("Generic.Inserted",),
    "section": ("Generic.Heading", "Generic.Subheading"),
    "emphasis": ("Generic.Emph",),
    "strong": ("Generic.Strong",),
}

# highlight.js theme name -> the Pygments style with its look
PYGMENTS_EQUIVALENTS: dict[str, str] = {
    "monokai": "monokai", "monokai-sublime": "monokai", "vs": "vs", "github-dark": "github-dark",
    "atom-one-dark": "one-dark", "solarized-dark": "solarized-dark",
    "solarized-light": "solarized-light", "nord": "nord", "dracula": "dracula",
    "gruvbox-dark": "gruvbox-dark", "gruvbox-light": "gruvbox-light", "xcode": "xcode",
    "night-owl": "night-owl", "paraiso-dark": "paraiso-dark", "paraiso-light": "paraiso-light",
    "tango": "tango", "base16/material": "material", "material": "material",
    "base16/dracula": "dracula", "base16/nord": "nord",
}  # fmt: skip


def _declarations(content: Any) -> dict[str, str]:
    out = {}
    for item in tinycss2.parse_blocks_contents(content, skip_comments=True, skip_whitespace=True):
        if item.type == "declaration":
            out[item.lower_name] = tinycss2.serialize(item.value).strip()
    return out


def hljs_css_style(name: str, css: str) -> HighlightStyle | None:
    """A highlight.js theme's CSS as a code style; None when it styles no `.hljs`."""
    background: Color | None = None
    foreground: Color | None = None
    tokens: dict[str, TokenStyle] = {}
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if rule.type != "qualified-rule":
            continue
        values = _declarations(rule.content)
        color = parse_css_color(values.get("color", ""))
        bold = values.get("font-weight", "").strip() in ("bold", "bolder", "600", "700", "800")
        italic = values.get("font-style", "").strip() == "italic"
        for selector in tinycss2.serialize(rule.prelude).split(","):
            last = selector.strip().split()[-1] if selector.strip() else ""
            if last in (".hljs", "pre code.hljs", "code.hljs"):
                back = values.get("background-color") or values.get("background", "")
                background = parse_css_color(back.split()[0]) if back else background
                foreground = color or foreground
                continue
            if not last.startswith(".hljs-"):
                continue
            key = ".".join(part.removeprefix("hljs-") for part in last.strip(".").split("."))
            for token in HLJS_TOKENS.get(key, ()):
                old = tokens.get(token)
                tokens[token] = TokenStyle(
                    color or (old.color if old else Color(0, 0, 0)),
                    bold or (old.bold if old else False),
                    italic or (old.italic if old else False),
                )
    if background is None and foreground is None and not tokens:
        return None
    fg = foreground or Color(0, 0, 0)
    tokens = {k: v for k, v in tokens.items()}
    return HighlightStyle(name, background or Color(255, 255, 255), fg, tuple(tokens.items()))


@cache
def pygments_style(name: str) -> HighlightStyle | None:
    """The Pygments style equivalent to a highlight.js theme name, as a code style."""
    target = PYGMENTS_EQUIVALENTS.get(name)
    if target is None:
        return None
    from pygments.styles import get_style_by_name
    from pygments.token import STANDARD_TYPES
    from pygments.util import ClassNotFound

    try:
        style = get_style_by_name(target)
    except ClassNotFound:
        return None
    background = parse_css_color(style.background_color or "#ffffff") or Color(255, 255, 255)
    base = style.style_for_token(next(iter(STANDARD_TYPES)))  # Token itself: the text colour
    foreground = parse_css_color(f"#{base['color']}") if base.get("color") else None
    if foreground is None:
        foreground = Color(0, 0, 0) if not background.is_dark else Color(255, 255, 255)
    tokens: list[tuple[str, TokenStyle]] = []
    for token in STANDARD_TYPES:
        name_text = str(token).removeprefix("Token").strip(".")
        if not name_text:
            continue
        found = style.style_for_token(token)
        color = parse_css_color(f"#{found['color']}") if found.get("color") else foreground
        tokens.append((name_text, TokenStyle(color or foreground, bool(found.get("bold")),
                                             bool(found.get("italic")))))  # fmt: skip
    return HighlightStyle(name, background, foreground, tuple(tokens))
