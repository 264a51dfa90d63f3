"""highlight.js themes as code styles: a theme's CSS read, or a Pygments style of the same look.

Input: the CSS of a highlight.js theme (the `.hljs` background and colour, `.hljs-keyword`,
`.hljs-string`, `.hljs-title.function_` ... rules), or a highlight theme name. Output: a
`HighlightStyle` whose token styles are keyed by the Pygments token types the code is lexed
into, mapped from highlight.js's classes (`HLJS_TOKENS`). For a name with no CSS at hand,
the Pygments style that reproduces that highlight.js theme (`monokai`, `vs`, `github-dark`,
`atom-one-dark` as Pygments' `one-dark`, `solarized-dark`, `nord`, `dracula`, ...) is used.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import tinycss2

from converter.style.color import Color, parse_css_color
from converter.style.highlight import HighlightStyle, TokenStyle
from converter.style.hljs_names import HLJS_9_THEMES, HLJS_11_THEMES

__all__ = [
    "HLJS_NESTED_TOKENS",
    "HLJS_TOKENS",
    "PYGMENTS_EQUIVALENTS",
    "hljs_css_style",
    "missing_theme_message",
    "pygments_style",
]

# highlight.js class (`.hljs-<name>`, sub-classes joined with a dot) -> Pygments token types.
# Where several classes give one token type, a class the theme styles itself is taken, the
# nested (`HLJS_NESTED_TOKENS`) and sub-classed (`title.function_`) ones first, then the
# first in this order (`name` over `selector-tag`); where the theme styles none of them, the
# first, which for a nested class is what it inherits from the enclosing one in the browser
HLJS_TOKENS: dict[str, tuple[str, ...]] = {
    "keyword": ("Keyword", "Operator.Word"),
    "type": ("Keyword.Type",),
    "literal": ("Keyword.Constant", "Literal"),
    "number": ("Literal.Number",),
    "string": ("Literal.String",),
    "regexp": ("Literal.String.Regex",),
    "subst": ("Literal.String.Interpol",),
    "char.escape_": ("Literal.String.Escape",),
    "symbol": ("Literal.String.Symbol",),
    "comment": ("Comment",),
    "doctag": ("Comment.Special",),
    "meta": ("Comment.Hashbang", "Name.Decorator"),  # C's `#include`: HLJS_NESTED_TOKENS
    "meta-keyword": ("Comment.Preproc",),  # highlight.js 9's `.hljs-meta .hljs-keyword`
    "meta-string": ("Comment.PreprocFile",),
    "built_in": ("Name.Builtin",),
    "title": ("Name.Function", "Name.Class"),
    "title.function_": ("Name.Function",),
    "title.class_": ("Name.Class",),
    "name": ("Name.Tag",),
    "selector-tag": ("Name.Tag",),
    "attr": ("Name.Attribute",),
    "variable": ("Name.Variable",),
    "variable.language_": ("Name.Builtin.Pseudo",),
    "variable.constant_": ("Name.Constant",),
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


# `.hljs-<outer> .hljs-<inner>`: an inner class in a context that Pygments gives a token type
# of its own (C's `#include <x>`, highlight.js 9's class and function names, HTML tags); other
# descendant rules style what Pygments does not tell apart, and are left out
HLJS_NESTED_TOKENS: dict[tuple[str, str], tuple[str, ...]] = {
    ("meta", "keyword"): ("Comment.Preproc",),
    ("meta", "string"): ("Comment.PreprocFile",),
    ("class", "title"): ("Name.Class",),
    ("function", "title"): ("Name.Function",),
    ("tag", "name"): ("Name.Tag",),
    ("tag", "attr"): ("Name.Attribute",),
}

_BLOCK_TAGS = ("", "pre", "code")  # `.hljs`, `pre code.hljs`, `code.hljs`: the code block itself
_COMPOUND = re.compile(r"([a-z]*)((?:\.[a-z0-9_-]+)+)|([a-z]+)")
_BOLD = {"bold": True, "bolder": True, "normal": False, "lighter": False}
_ITALIC = {"italic": True, "oblique": True, "normal": False}

# (important, classes, tags, source order): the higher wins, as in the CSS cascade
_Rank = tuple[bool, int, int, int]


def _declarations(content: Any) -> list[tuple[str, str, bool]]:
    out = []
    for item in tinycss2.parse_blocks_contents(content, skip_comments=True, skip_whitespace=True):
        if item.type == "declaration":
            out.append((item.lower_name, tinycss2.serialize(item.value).strip(), item.important))
    return out


def _background_color(value: str) -> Color | None:
    """The colour in a `background` shorthand (`#f6f6ae url(x.png)`, `url(x.jpg) repeat #181914`)
    or a `background-color`; None when it gives none."""
    for token in tinycss2.parse_component_value_list(value, skip_comments=True):
        if token.type in ("hash", "ident", "function") and (
            color := parse_css_color(tinycss2.serialize([token]))
        ):
            return color
    return None


_Key = str | tuple[str, str]  # "title.function_", or ("meta", "keyword") for a nested class
_Props = dict[str, tuple[_Rank, Color | bool]]


def _target(selector: str) -> tuple[_Key, int, int] | None:
    """What one selector styles: "" for the code block (`.hljs`, `pre code.hljs`), else the
    highlight.js class (`title.function_`, or ("meta", "keyword") inside another class); with
    its specificity (classes, tags). None for selectors with pseudo-classes, ids, attributes
    or sibling combinators, and for deeper nestings."""
    compounds: list[tuple[str, list[str]]] = []
    for part in selector.replace(">", " ").split():
        match = _COMPOUND.fullmatch(part)
        if match is None:
            return None
        classes = [c for c in (match.group(2) or "").split(".") if c]
        compounds.append((match.group(1) or match.group(3) or "", classes))
    if not compounds:
        return None
    specificity = (sum(len(c) for _t, c in compounds), sum(1 for t, _c in compounds if t))
    tag, classes = compounds[-1]
    context = [c for _t, cs in compounds[:-1] for c in cs if c != "hljs"]
    if classes == ["hljs"] and tag in _BLOCK_TAGS and not context:
        return "", *specificity
    if not classes or not classes[0].startswith("hljs-") or tag not in ("", "span"):
        return None
    key = ".".join(c.removeprefix("hljs-") for c in classes)
    if not context:
        return key, *specificity
    if len(context) == 1 and context[0].startswith("hljs-"):
        return (context[0].removeprefix("hljs-"), key), *specificity
    return None


def _value(prop: str, value: str) -> Color | bool | None:
    if prop == "color":
        return parse_css_color(value)
    word = value.strip().lower()
    if prop == "font-weight":
        return int(word) >= 600 if word.isdigit() else _BOLD.get(word)
    if prop == "font-style":
        return _ITALIC.get(word)
    return None


def _merge(tables: list[_Props]) -> _Props:
    out: _Props = {}
    for table in tables:
        for prop, ranked in table.items():
            if prop not in out or out[prop][0] < ranked[0]:
                out[prop] = ranked
    return out


class _Resolver:
    """The computed colour, weight and style of a highlight.js span, as the browser gives it:
    the rules matching its classes (`.hljs-title` and `.hljs-title.function_` both match a
    `title function_` span), else what it inherits (the enclosing span's, the block's)."""

    def __init__(self, rules: dict[_Key, _Props], foreground: Color) -> None:
        self.rules = rules
        self.foreground = foreground

    def _matching(self, classes: str) -> list[_Props]:
        first, *_rest = parts = classes.split(".")
        return [
            table
            for key, table in self.rules.items()
            if isinstance(key, str)
            and key.split(".")[0] == first
            and set(key.split(".")) <= set(parts)
        ]

    def style(self, key: _Key) -> TokenStyle:
        if isinstance(key, tuple):
            outer, inner = key
            own = _merge([*self._matching(inner), self.rules.get(key, {})])
            parent = self.style(outer)
        else:
            own = _merge(self._matching(key))
            parent = TokenStyle(self.foreground)
        color = own["color"][1] if "color" in own else parent.color
        bold = own["font-weight"][1] if "font-weight" in own else parent.bold
        italic = own["font-style"][1] if "font-style" in own else parent.italic
        assert isinstance(color, Color)
        return TokenStyle(color, bool(bold), bool(italic))


def _candidates() -> dict[str, list[_Key]]:
    """Pygments token type -> the highlight.js classes that give it, the preferred first."""
    out: dict[str, list[_Key]] = {}
    ordered: list[tuple[_Key, tuple[str, ...]]] = [
        *HLJS_NESTED_TOKENS.items(),
        *((k, v) for k, v in HLJS_TOKENS.items() if "." in k),
        *((k, v) for k, v in HLJS_TOKENS.items() if "." not in k),
    ]
    for key, tokens in ordered:
        for token in tokens:
            out.setdefault(token, []).append(key)
    return out


def hljs_css_style(name: str, css: str) -> HighlightStyle | None:
    """A highlight.js theme's CSS as a code style; None when it styles neither `.hljs` nor any
    `.hljs-*` class.

    Read as the cascade reads it, property by property, the more specific rule winning
    (`.hljs-title.class_` over `.hljs-title`, whatever their order), then the later one: the
    block's background (`background-color`, or the colour in a `background` shorthand that
    may carry an image) and colour from `.hljs` (`pre code.hljs`, `code.hljs`); each class's
    colour, weight and style, inherited from the enclosing class or the block where no rule
    sets them. highlight.js 9 (`.hljs-title`, `.hljs-class .hljs-title`) and 11
    (`.hljs-title.function_`, `.hljs-title.class_`) spellings both map. Every token type the
    classes map to is given (the block's colour when unstyled), so a Pygments subtype never
    takes a colour from a parent type that another highlight.js class styled.
    """
    block: dict[str, tuple[_Rank, Color]] = {}
    rules: dict[_Key, _Props] = {}
    order = 0
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if rule.type != "qualified-rule":
            continue  # @media, @import: the light default is what reveal-md shows
        declarations = _declarations(rule.content)
        for selector in tinycss2.serialize(rule.prelude).lower().split(","):
            target = _target(selector.strip())
            if target is None:
                continue
            key, classes_count, tags_count = target
            for prop, value, important in declarations:
                order += 1
                rank: _Rank = (important, classes_count, tags_count, order)
                if key == "":
                    if prop in ("background", "background-color"):
                        color, prop = _background_color(value), "background"
                    else:
                        color = parse_css_color(value) if prop == "color" else None
                    old = block.get(prop)
                    if color is not None and (old is None or old[0] < rank):
                        block[prop] = (rank, color)
                    continue
                found = _value(prop, value)
                if found is not None:
                    rules.setdefault(key, {})
                    rules[key] = _merge([rules[key], {prop: (rank, found)}])
    if not block and not rules:
        return None
    background = block["background"][1] if "background" in block else Color(255, 255, 255)
    foreground = block["color"][1] if "color" in block else Color(0, 0, 0)
    resolver = _Resolver(rules, foreground)
    styles: list[tuple[str, TokenStyle]] = []
    for token, keys in _candidates().items():
        chosen = next((k for k in keys if k in rules), keys[0])
        styles.append((token, resolver.style(chosen)))
    return HighlightStyle(name, background, foreground, tuple(styles))


def _spelling(name: str) -> str:
    """highlight.js 9's and 11's spellings of a name alike (`kimbie.dark`, `kimbie-dark`)."""
    return name.replace(".", "-").replace("_", "-")


def missing_theme_message(name: str) -> str:
    """The warning for a highlight theme found nowhere: for a real highlight.js theme, how to
    install it (Debian's package holds highlight.js 9's themes, npm's highlight.js 11's);
    else that the name is unknown."""
    key = name.strip().lower().removesuffix(".css").removesuffix(".min").removeprefix("styles/")
    key = _spelling(key.removeprefix("base16/"))
    in_9 = any(_spelling(n) == key for n in HLJS_9_THEMES)
    in_11 = any(_spelling(n.removeprefix("base16/")) == key for n in HLJS_11_THEMES)
    if not in_9 and not in_11:
        return f"unknown highlight theme {name!r}; using zenburn"
    ways = ["`apt install libjs-highlight.js`"] if in_9 else []
    ways += ["`npm install highlight.js` beside the deck"] if in_11 else []
    return (
        f"highlight theme {name!r} is a highlight.js theme, but its stylesheet is not "
        f"installed; using zenburn (install highlight.js: {', or '.join(ways)}; or name a "
        "folder of its styles in MD2PPTX_HLJS_STYLES)"
    )


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
