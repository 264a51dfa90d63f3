"""CSS backgrounds as data: the `background` shorthand and its longhands of one element.

Input: an element's computed values (property name -> CSS text) and a colour parser. Output: a
`CssBackground` (the `url()` of the image as written, colour, `background-size`,
`-position`, `-repeat`), or None when the element sets no background image. Only the first
layer of a multi-layer background is read; gradients stay with `converter.style.gradient`.
Also `css_urls`: every `url()` of a CSS text, for the reader to resolve.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import tinycss2

from converter.model.color import Color
from converter.style.color import parse_css_color

__all__ = ["CssBackground", "css_background", "css_urls", "url_of"]

_REPEATS = {"repeat", "no-repeat", "repeat-x", "repeat-y", "space", "round"}
_POSITIONS = {"left", "right", "top", "bottom", "center"}
_SIZES = {"cover", "contain", "auto"}


@dataclass(frozen=True)
class CssBackground:
    """The image layer of an element's CSS background (CSS defaults where not given)."""

    url: str
    color: Color | None = None
    size: str = "auto"
    position: str = "0% 0%"
    repeat: str = "repeat"


def _tokens(value: str) -> list[Any]:
    return [t for t in tinycss2.parse_component_value_list(value)
            if t.type not in ("whitespace", "comment")]  # fmt: skip


def url_of(token: Any) -> str | None:
    """The address of a `url(...)` token (unquoted or quoted form), else None."""
    if token.type == "url":
        return str(token.value)
    if token.type == "function" and token.lower_name == "url":
        strings = [t for t in token.arguments if t.type == "string"]
        return str(strings[0].value) if strings else None
    return None


def css_background(values: Mapping[str, str]) -> CssBackground | None:
    """The background image `values` give an element (`background` and its longhands; a
    longhand after the shorthand in the computed values wins, as both are stored)."""
    url: str | None = None
    color: Color | None = None
    size, position, repeat = "auto", "0% 0%", "repeat"
    shorthand = values.get("background", "")
    if shorthand:
        first_layer = tinycss2.serialize(_first_layer(shorthand))
        tokens = _tokens(first_layer)
        before, _slash, after = _split_slash(tokens)
        place: list[str] = []
        for token in before:
            found = url_of(token)
            text = tinycss2.serialize([token]).strip()
            if found is not None:
                url = found
            elif text.lower() in _REPEATS:
                repeat = text.lower()
            elif text.lower() in _POSITIONS or token.type in ("percentage", "dimension", "number"):
                place.append(text)
            elif (c := parse_css_color(text)) is not None:
                color = c
        if place:
            position = " ".join(place)
        if after:
            size = " ".join(tinycss2.serialize([t]).strip() for t in after)
    image = values.get("background-image", "")
    if image:
        urls = [u for t in _tokens(tinycss2.serialize(_first_layer(image)))
                if (u := url_of(t)) is not None]  # fmt: skip
        url = urls[0] if urls else None if image.strip().lower() == "none" else url
    size = _first(values.get("background-size")) or size
    position = _first(values.get("background-position")) or position
    repeat = _first(values.get("background-repeat")) or repeat
    if not url:
        return None
    return CssBackground(url, color, size, position, repeat)


def _first(value: str | None) -> str | None:
    if not value:
        return None
    return tinycss2.serialize(_first_layer(value)).strip() or None


def _first_layer(value: str) -> list[Any]:
    """The tokens before the first top-level comma (the first background layer)."""
    out: list[Any] = []
    for token in tinycss2.parse_component_value_list(value):
        if token.type == "literal" and token.value == ",":
            break
        out.append(token)
    return out


def _split_slash(tokens: list[Any]) -> tuple[list[Any], bool, list[Any]]:
    for i, token in enumerate(tokens):
        if token.type == "literal" and token.value == "/":
            return tokens[:i], True, tokens[i + 1 :]
    return tokens, False, []


def css_urls(tokens: list[Any]) -> Iterator[Any]:
    """Every `url()` token in a parsed CSS text, nested blocks and functions included."""
    for token in tokens:
        if url_of(token) is not None:
            yield token
        elif token.type in ("() block", "[] block", "{} block", "function"):
            yield from css_urls(token.arguments if token.type == "function" else token.content)
