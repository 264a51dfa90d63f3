"""Images the deck's CSS names: `url()`s rebased on the deck's folder and resolved.

Input: the deck's stylesheets (each with the folder its `url()`s are relative to: a css file's
own folder, the deck's folder for `<style>` blocks), the `style` attributes of its slides and
blocks, and the deck's `ImageResolver`. Output: the stylesheets with every `url()` rewritten
relative to the deck's folder (as the browser resolves them against the sheet's address), and
an `ImageSource` for each image a `background` or `background-image` declaration uses,
checked and confined as the deck's images are (a missing, refused or remote one is a warning
with the sheet's line). Layout looks the computed `url()` up in that table; it never touches
the file system.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import tinycss2
from tinycss2.ast import URLToken

from converter.model import Block, ImageSource, Slide, Stylesheet
from converter.reader.images import ImageResolver
from converter.style.css_background import css_urls, url_of

__all__ = ["css_images", "rebase_urls"]

_ABSOLUTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|/|#)", re.I)
_BACKGROUND = ("background", "background-image")


def rebase_urls(text: str, base: Path, deck_dir: Path) -> str:
    """`text` with each relative `url()` rewritten from `base` to the deck's folder."""
    if "url(" not in text.lower() or base == deck_dir:
        return text
    tokens = tinycss2.parse_component_value_list(text)
    _rebase(tokens, base, deck_dir)
    return str(tinycss2.serialize(tokens))


def _rebase(tokens: list[Any], base: Path, deck_dir: Path) -> None:
    for i, token in enumerate(tokens):
        url = url_of(token)
        if url is not None:
            if url.strip() and not _ABSOLUTE.match(url.strip()):
                moved = Path(os.path.relpath(os.path.normpath(base / url.strip()), deck_dir))
                value = moved.as_posix()
                quoted = value.replace("\\", "\\\\").replace('"', '\\"')
                tokens[i] = URLToken(token.source_line, token.source_column, value,
                                     f'url("{quoted}")')  # fmt: skip
        elif token.type == "function":
            _rebase(token.arguments, base, deck_dir)
        elif token.type in ("() block", "[] block", "{} block"):
            _rebase(token.content, base, deck_dir)


def _background_urls(text: str) -> Iterator[str]:
    """The `url()`s of `background`/`background-image` declarations in a stylesheet or a
    `style` attribute (rules nested in at-rules included)."""
    if "url(" not in text.lower():
        return
    yield from _declaration_urls(tinycss2.parse_blocks_contents(text))
    for rule in tinycss2.parse_stylesheet(text, skip_comments=True, skip_whitespace=True):
        if rule.type in ("qualified-rule", "at-rule") and rule.content is not None:
            yield from _background_urls(tinycss2.serialize(rule.content))


def _declaration_urls(items: Iterable[Any]) -> Iterator[str]:
    for item in items:
        if item.type == "declaration" and item.lower_name in _BACKGROUND:
            for token in css_urls(item.value):
                url = url_of(token)
                if url:
                    yield url


def _styles(blocks: Iterable[Block]) -> Iterator[str]:
    for block in blocks:
        if block.attrs.style:
            yield block.attrs.style
        for item in getattr(block, "items", ()):
            if item.attrs.style:
                yield item.attrs.style
            yield from _styles(item.blocks)
        yield from _styles(getattr(block, "blocks", ()))


def css_images(
    sheets: Iterable[Stylesheet], slides: Iterable[Slide], resolver: ImageResolver
) -> tuple[tuple[str, ImageSource], ...]:
    """url (as in the rebased CSS) -> its checked source, for every background image."""
    found: dict[str, ImageSource] = {}
    lines: list[tuple[str, int | None, str]] = []
    for sheet in sheets:
        lines += [(url, sheet.line, sheet.origin) for url in _background_urls(sheet.text)]
    for slide in slides:
        own = [value for name, value in slide.attributes if name == "style"]
        texts = [*own, *_styles(slide.blocks)]
        lines += [(url, slide.line, "a style attribute") for text in texts
                  for url in _background_urls(text)]  # fmt: skip
    for url, line, origin in lines:
        if url not in found:
            found[url] = resolver.resolve(url, line, f"background image in {origin}")
    return tuple(found.items())
