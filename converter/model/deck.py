"""The slide model: what a deck *means*, independent of any file format.

Input: built by `converter.reader` from a reveal-md Markdown file. Output: frozen dataclasses
consumed by layout and the backends. No mistune, python-pptx, reportlab or Pillow import here.

Slides and decks are here; the blocks they hold (`Heading`, `Paragraph`, lists, `CodeBlock`,
`Table`, `Image`, `Quote`, ...) are in `converter.model.blocks`; `converter.model` exports
both. Speaker notes use the same blocks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, TypeAlias

from converter.model.blocks import Block, Fragment, ImageSource, blocks_text, first_heading
from converter.model.color import Color, Gradient

__all__ = [
    "Background",
    "Deck",
    "Meta",
    "RevealOptions",
    "Separators",
    "Slide",
    "Stylesheet",
    "Transition",
    "TransitionStyle",
    "Visibility",
]


@dataclass(frozen=True)
class Background:
    """A slide background as reveal.js draws it: colour (or gradient) underneath, then the
    image layer at `opacity`. `contrast` is reveal's light/dark class from the colour."""

    color: Color | None = None
    gradient: Gradient | None = None
    image: ImageSource | None = None
    size: str = "cover"
    position: str = "50% 50%"
    repeat: str = "no-repeat"
    opacity: float = 1.0
    video: str | None = None
    iframe: str | None = None
    contrast: Literal["dark", "light"] | None = None

    @property
    def is_empty(self) -> bool:
        return (
            self.color is None
            and self.gradient is None
            and self.image is None
            and self.video is None
            and self.iframe is None
        )


TransitionStyle: TypeAlias = Literal["none", "fade", "slide", "convex", "concave", "zoom"]


@dataclass(frozen=True)
class Transition:
    """Entry (`in_style`) and exit (`out_style`) transition; `speed` is default/fast/slow."""

    in_style: TransitionStyle = "convex"
    out_style: TransitionStyle = "convex"
    speed: Literal["default", "fast", "slow"] = "default"


Visibility: TypeAlias = Literal["visible", "hidden", "uncounted"]


@dataclass(frozen=True)
class Slide:
    """One leaf slide. `h`/`v` are reveal's indices; `number` counts leaf slides from 1."""

    number: int
    h: int
    v: int
    line: int
    blocks: tuple[Block, ...]
    notes: tuple[Block, ...] = ()
    notes_line: int | None = None
    attributes: tuple[tuple[str, str], ...] = ()
    background: Background = field(default_factory=Background)
    transition: Transition | None = None
    visibility: Visibility = "visible"
    state: str | None = None
    id: str | None = None
    classes: tuple[str, ...] = ()
    fragment: Fragment | None = None
    in_stack: bool = False

    @property
    def title(self) -> str | None:
        """The text of the slide's first heading, searched depth-first, as reveal's
        `querySelector('h1,...,h6')` finds it."""
        heading = first_heading(self.blocks)
        return heading.text if heading is not None else None

    @property
    def hidden(self) -> bool:
        return self.visibility == "hidden"

    @property
    def notes_text(self) -> str:
        return blocks_text(self.notes)

    @property
    def text(self) -> str:
        return blocks_text(self.blocks)


@dataclass(frozen=True)
class Meta:
    """Document metadata from the front matter."""

    title: str | None = None
    author: str | None = None
    subject: str | None = None
    keywords: tuple[str, ...] = ()
    date: str | None = None  # as the deck gives it (a YAML date as YYYY-MM-DD), or --date
    lang: str | None = None  # BCP 47 (`lang:` in the front matter), e.g. "ja" or "zh-TW"
    footer: str | None = None  # `footer:` or --footer: a template's footer placeholder's text
    footer_line: int | None = None  # the front-matter lines of `footer:` and `date:` (None:
    date_line: int | None = None  # from the command line or reveal-md.json, or not given)


@dataclass(frozen=True)
class RevealOptions:
    """The `revealOptions` that matter for static output (reveal-md's defaults), and md2pptx's
    own deck options (the front matter's `md2pptx:` mapping)."""

    width: int = 960
    height: int = 700
    transition: Transition = field(default_factory=Transition)
    slide_number: str | None = "h.v"
    center: bool = True
    show_notes: bool | str = False
    animate_lists: bool = False
    fragments: bool = True
    overflow: str | None = None  # `md2pptx: {overflow: shrink|split|clip}`; None: not set


@dataclass(frozen=True)
class Separators:
    horizontal: str
    vertical: str | None
    notes: str


@dataclass(frozen=True)
class Stylesheet:
    """CSS the deck brings: a `css` file (front matter, reveal-md.json, `--css`) or an in-deck
    `<style>` block. `origin` names it in diagnostics (a path, or "<style>")."""

    origin: str
    text: str
    line: int | None = None


@dataclass(frozen=True)
class Deck:
    """A whole deck. `theme` is always one of the 14 built-in names; `theme_css` is set when the
    deck named a custom theme stylesheet that was found."""

    slides: tuple[Slide, ...]
    meta: Meta = field(default_factory=Meta)
    theme: str = "black"
    theme_css: Path | None = None
    highlight_theme: str = "zenburn"
    options: RevealOptions = field(default_factory=RevealOptions)
    separators: Separators = field(
        default_factory=lambda: Separators(r"\r?\n---\r?\n", r"\r?\n----\r?\n", r"^s*notes?:")
    )
    source: Path | None = None
    stylesheets: tuple[Stylesheet, ...] = ()  # in the browser's order: css files, <style>
    highlight_css: Stylesheet | None = None  # `highlightTheme: x.css`, read
    theme_sheet: Stylesheet | None = None  # the text of `theme_css`, its url()s rebased
    css_images: tuple[tuple[str, ImageSource], ...] = ()  # background url() -> checked source

    def stacks(self) -> list[list[Slide]]:
        """The slides grouped by horizontal index (a single slide is a stack of one)."""
        groups: dict[int, list[Slide]] = {}
        for s in self.slides:
            groups.setdefault(s.h, []).append(s)
        return [groups[h] for h in sorted(groups)]
