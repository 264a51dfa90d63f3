"""The CSS cascade: stylesheets and `style` attributes applied to a slide's element tree.

Input: stylesheets in the order the browser sees them in reveal-md (the theme, as the rules
reveal's theme CSS has, generated from the `Theme`; then the deck's `css` files and `<style>`
blocks), and an element tree (`converter.style.dom`). Output: for each element its values
(`Computed`: property -> value text, and whether the deck set it rather than the theme), after
specificity, source order and `!important` as CSS defines them, `style` attributes above every
rule, inheritance of the inherited properties, `inherit`, and custom properties with `var()`
(overriding the theme's `--r-*` variables anywhere). Parsing is tinycss2's, selector matching
cssselect2's, as WeasyPrint uses them. Rules that cannot be parsed are skipped; a selector with
pseudo-elements matches nothing (nothing draws `::before`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from xml.etree.ElementTree import Element

import cssselect2
import tinycss2

from converter.style.themes import Theme

__all__ = ["INHERITED", "Cascade", "Computed", "theme_css"]

INHERITED = frozenset({
    "color", "font-family", "font-size", "font-weight", "font-style", "text-transform",
    "text-align", "line-height", "letter-spacing", "visibility", "direction", "word-spacing",
})  # fmt: skip
_VAR = re.compile(r"var\(\s*(--[A-Za-z0-9_-]+)\s*(?:,\s*((?:[^()]|\([^()]*\))*))?\)")
_STYLE_ATTRIBUTE = (10**6, 0, 0)  # above every selector's specificity
MAX_VALUE = 10_000  # characters of a value after var() substitution


@dataclass(frozen=True)
class _Rule:
    order: int
    sheet: int  # 0: the theme's rules
    declarations: tuple[tuple[str, str, bool], ...]  # name, value, !important


Value = tuple[str, bool]  # the value text, and whether the deck (not the theme) set it
Computed = dict[str, Value]


def _declarations(tokens: Any) -> tuple[tuple[str, str, bool], ...]:
    out = []
    for item in tinycss2.parse_blocks_contents(tokens, skip_comments=True, skip_whitespace=True):
        if item.type == "declaration":
            value = tinycss2.serialize(item.value).strip()
            out.append((item.lower_name, value, bool(item.important)))
    return tuple(out)


class Cascade:
    """The rules of every stylesheet, ready to match; `compute` walks an element tree."""

    def __init__(self, sheets: Sequence[str]) -> None:
        """`sheets`: CSS texts in order; the first is the theme's (its values are not the
        deck's)."""
        self.matcher = cssselect2.Matcher()
        self.rules = 0
        self.properties: set[str] = set()  # every property the deck's sheets declare
        for index, css in enumerate(sheets):
            rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
            self._add(rules, index)

    def _add(self, rules: Sequence[Any], sheet: int) -> None:
        for rule in rules:
            if rule.type == "at-rule" and rule.lower_at_keyword in ("media", "supports"):
                media = tinycss2.serialize(rule.prelude).lower()
                if rule.content is not None and "print" not in media.replace("not print", ""):
                    inner = tinycss2.parse_rule_list(
                        rule.content, skip_comments=True, skip_whitespace=True
                    )
                    self._add(inner, sheet)
                continue
            if rule.type != "qualified-rule":
                continue
            try:
                selectors = cssselect2.compile_selector_list(rule.prelude)
            except cssselect2.SelectorError:
                continue
            declarations = _declarations(rule.content)
            if sheet:
                self.properties.update(name for name, _v, _i in declarations)
            payload = _Rule(self.rules, sheet, declarations)
            self.rules += 1
            for selector in selectors:
                if selector.pseudo_element is None:
                    self.matcher.add_selector(selector, payload)

    def compute(self, root: Element) -> dict[Element, Computed]:
        """Every element's values (see the module docstring)."""
        out: dict[Element, Computed] = {}
        wrapper = cssselect2.ElementWrapper.from_html_root(root)
        for element in wrapper.iter_subtree():
            parent = element.parent
            inherited = out[parent.etree_element] if parent is not None else {}
            out[element.etree_element] = self._values(element, inherited)
        return out

    def _values(self, element: Any, inherited: Computed) -> Computed:
        winners: dict[str, tuple[tuple[Any, ...], str, bool]] = {}
        for specificity, _order, _pseudo, rule in self.matcher.match(element):
            for name, value, important in rule.declarations:
                key = (important, specificity, rule.order)
                if name not in winners or key >= winners[name][0]:
                    winners[name] = (key, value, rule.sheet > 0)
        style = element.etree_element.get("style")
        if style:
            for name, value, important in _declarations(tinycss2.parse_component_value_list(
                    style)):  # fmt: skip
                key = (important, _STYLE_ATTRIBUTE, self.rules)
                if name not in winners or key >= winners[name][0]:
                    winners[name] = (key, value, True)
                self.properties.add(name)
        values: Computed = {
            k: v for k, v in inherited.items() if k in INHERITED or k.startswith("--")
        }
        for name, (_key, value, deck) in winners.items():
            if value.lower() == "inherit":
                if name in inherited:
                    values[name] = inherited[name]
                continue
            values[name] = (value, deck)
        for name, (value, deck) in list(values.items()):
            if "var(" in value:
                values[name] = _substitute(value, deck, values)
        return values


def _substitute(value: str, deck: bool, values: Computed, depth: int = 0) -> Value:
    """`var(--x, fallback)` replaced by the custom property's value; the result is the deck's
    when the declaration or a variable it uses is the deck's."""
    used_deck = deck

    def one(match: re.Match[str]) -> str:
        nonlocal used_deck
        found = values.get(match.group(1))
        if found is None:
            return match.group(2) or ""
        used_deck = used_deck or found[1]
        return found[0]

    text = _VAR.sub(one, value)
    if len(text) > MAX_VALUE:  # variables that expand without end ("billion laughs"): invalid
        return "", used_deck
    if "var(" in text and depth < 8:
        return _substitute(text, used_deck, values, depth + 1)
    return text, used_deck


def theme_css(theme: Theme) -> str:
    """The rules of reveal's theme CSS that the deck's own CSS competes with, with the theme's
    values as the `--r-*` custom properties reveal.js 4+ themes define, so a deck that
    overrides a variable restyles everything that uses it, as in the browser."""

    def family(names: tuple[str, ...]) -> str:
        return ", ".join(f'"{n}"' if " " in n else n for n in names)

    headings = ", ".join(f".reveal h{i}" for i in range(1, 7))
    return (
        ":root {"
        f" --r-main-color: {theme.main_color.hex}; --r-heading-color: {theme.heading_color.hex};"
        f" --r-link-color: {theme.link_color.hex};"
        f" --r-background-color: {theme.background.hex};"
        f" --r-main-font: {family(theme.main_font)};"
        f" --r-heading-font: {family(theme.heading_font)};"
        f" --r-code-font: {family(theme.code_font)};"
        f" --r-main-font-size: {theme.main_font_size_px:g}px;"
        f" --r-heading-text-transform: {theme.heading_transform};"
        f" --r-heading-font-weight: {theme.heading_weight}; }}\n"
        ".reveal { color: var(--r-main-color); font-family: var(--r-main-font);"
        " font-size: var(--r-main-font-size); }\n"
        f"{headings} {{ color: var(--r-heading-color); font-family: var(--r-heading-font);"
        " text-transform: var(--r-heading-text-transform);"
        " font-weight: var(--r-heading-font-weight); }\n"
        + "".join(f".reveal h{i + 1} {{ font-size: {em:g}em; }}\n"
                  for i, em in enumerate(theme.heading_sizes_em))
        + ".reveal a { color: var(--r-link-color); }\n"
        ".reveal pre code { font-family: var(--r-code-font); }\n"
        ".reveal .slides { text-align: center; }\n"
        ".reveal ul, .reveal ol { text-align: left; }\n"
        + REVEAL_LAYOUT_CSS
    )


# reveal.css 5.1.0's layout helpers (the rules layout reads: display, flex, grid, border)
REVEAL_LAYOUT_CSS = (
    ".reveal .r-stack { display: grid; }\n"
    ".reveal .r-vstack, .reveal .r-hstack { display: flex; }\n"
    ".reveal .r-vstack { flex-direction: column; align-items: center;"
    " justify-content: center; }\n"
    ".reveal .r-hstack { flex-direction: row; align-items: center; justify-content: center; }\n"
    ".reveal .items-stretch { align-items: stretch; }\n"
    ".reveal .items-start { align-items: flex-start; }\n"
    ".reveal .items-center { align-items: center; }\n"
    ".reveal .items-end { align-items: flex-end; }\n"
    ".reveal .justify-between { justify-content: space-between; }\n"
    ".reveal .justify-around { justify-content: space-around; }\n"
    ".reveal .justify-start { justify-content: flex-start; }\n"
    ".reveal .justify-center { justify-content: center; }\n"
    ".reveal .justify-end { justify-content: flex-end; }\n"
    ".reveal .r-frame { border: 4px solid var(--r-main-color); }\n"
)
