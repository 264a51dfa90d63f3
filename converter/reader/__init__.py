"""The reveal-md reader: a deck file to the slide model.

Input: a Markdown file (or text) and `ReadOptions`. Output: a `ReadResult` holding the `Deck`
and every diagnostic. Raises `ConversionError` only when no deck can be made (unreadable or
non-UTF-8 input, broken YAML front matter, an invalid separator regex).

Stages: `source` (bytes to text, front matter) -> `config` (options merged) -> `split` (slide
chunks, notes) -> mistune AST -> `blocks` (model blocks, attribute comments) -> `background`
and friends (slide attributes). mistune tokens never leave this package. `report` turns what
was read into the `--check` table and the `--report` JSON.

May import: `converter.model`, `converter.style`, `converter.media` and the cross-cutting
modules (`diagnostics`, `limits`, `version`).
"""

from __future__ import annotations

import dataclasses
import functools
import gc
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from converter.diagnostics import Diagnostic, Diagnostics
from converter.limits import TimeLimitExceeded, time_limit
from converter.model import (
    Block,
    BulletList,
    Deck,
    ListItem,
    OrderedList,
    Paragraph,
    Run,
    Slide,
    Stylesheet,
    Visibility,
)
from converter.model.blocks import child_blocks, plain_text
from converter.reader.attributes import attrs_from_dict, merge_pairs
from converter.reader.background import parse_background
from converter.reader.blocks import BlockBuilder
from converter.reader.config import DeckConfig, ReadOptions, resolve_config
from converter.reader.context import SlideContext
from converter.reader.css_urls import css_images, rebase_urls
from converter.reader.hljs_styles import read_hljs_theme
from converter.reader.images import ImageResolver
from converter.reader.locate import SourceLines
from converter.reader.markdown import parse_markdown
from converter.reader.sections import split_asides, stack_attributes, stack_slides
from converter.reader.source import clean_text, decode, split_front_matter
from converter.reader.split import Chunk, slidify
from converter.reader.stylesheets import MAX_CSS_BYTES, css_files, read_stylesheet
from converter.reader.transitions import parse_transition
from converter.style.highlight import get_highlight_style
from converter.style.themes import THEMES

__all__ = ["ReadOptions", "ReadResult", "read_file", "read_text"]


SEPARATOR_SECONDS = 10
"""Splitting with the deck's own separator regexes is stopped after this long."""


@dataclass(frozen=True)
class ReadResult:
    """The deck and the reader's diagnostics; `image_lines` maps (slide number, src as
    written) to the line of each image reference, for later stages' image diagnostics."""

    deck: Deck
    diagnostics: tuple[Diagnostic, ...]
    image_lines: dict[tuple[int | None, str], int] = field(default_factory=dict)
    # the mermaid code blocks (text, first line) in document order, and reveal-md's `mermaid`
    # option (None: `mermaid: false`), for the stage that draws them (`media.diagrams`)
    diagrams: tuple[tuple[str, int], ...] = ()
    mermaid: dict[str, Any] | None = field(default_factory=dict)
    # the deck's lines, slides and options, for lines of later stages' diagnostics (`locate`)
    source_lines: SourceLines = field(default_factory=SourceLines)


def read_file(path: Path | str, options: ReadOptions | None = None) -> ReadResult:
    """Read a deck file. The file's folder is the deck's folder (images, reveal-md.json)."""
    path = Path(path)
    diags = Diagnostics(str(path))
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise diags.fatal("unreadable", "is a folder, not a Markdown file") from None
    except OSError as exc:
        raise diags.fatal("unreadable", f"cannot read the file: {exc.strerror or exc}") from None
    return _read(data, path.resolve().parent, path, options or ReadOptions(), diags)


def read_text(
    text: str,
    name: str = "<input>",
    deck_dir: Path | None = None,
    options: ReadOptions | None = None,
) -> ReadResult:
    """Read a deck from text (tests, the API). Images resolve against `deck_dir`."""
    diags = Diagnostics(name)
    return _read(
        text.encode("utf-8", "surrogatepass"),
        (deck_dir or Path.cwd()).resolve(),
        None,
        options or ReadOptions(),
        diags,
    )


_P = ParamSpec("_P")
_R = TypeVar("_R")


def _gc_paused(func: Callable[_P, _R]) -> Callable[_P, _R]:
    """Run `func` with the cyclic garbage collector paused (then restored as it was). Reading
    makes several hundred thousand small objects and almost no reference cycles: the
    collector's passes during a read cost ~10% of it and free next to nothing."""

    @functools.wraps(func)
    def paused(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        if not gc.isenabled():
            return func(*args, **kwargs)
        gc.disable()
        try:
            return func(*args, **kwargs)
        finally:
            gc.enable()

    return paused


@_gc_paused
def _read(
    data: bytes, deck_dir: Path, path: Path | None, options: ReadOptions, diags: Diagnostics
) -> ReadResult:
    text = clean_text(decode(data, diags), diags)
    source = split_front_matter(text, diags)
    config = resolve_config(
        source.front_matter, source.front_matter_lines, deck_dir, options, diags
    )
    theme, theme_css = _theme(config, deck_dir, options, source.front_matter_lines, diags)
    try:
        with time_limit(SEPARATOR_SECONDS):
            chunks = slidify(
                source.body, source.body_line, config.split, config.horizontal, config.notes, diags
            )
    except TimeLimitExceeded:
        raise diags.fatal(
            "separator",
            f"the separator regexes took more than {SEPARATOR_SECONDS} s on this deck "
            "(catastrophic backtracking?): simplify them",
            source.front_matter_lines.get("separator"),
        ) from None
    resolver = ImageResolver(deck_dir, options.resource_roots, diags)
    slides: list[Slide] = []
    first_lines: list[int] = []  # where each slide starts, for diagnostics with a line only
    styles: list[Stylesheet] = list(css_files(config, deck_dir, options, diags))
    diagrams: list[tuple[str, int]] = []
    for chunk in chunks:
        diags.slide = len(slides) + 1
        made = _slide(len(slides) + 1, chunk, config, resolver, diags, styles, diagrams)
        slides.extend(made)
        first_lines.extend([chunk.line, *(s.line for s in made[1:])])
    diags.slide = None
    diags.assign_slides(first_lines)
    theme_sheet = _theme_sheet(theme_css, deck_dir)
    sheets = [*([theme_sheet] if theme_sheet else []), *styles]
    deck = Deck(
        slides=tuple(slides),
        meta=config.meta,
        theme=theme,
        theme_css=theme_css,
        highlight_theme=config.highlight_theme,
        options=config.options,
        separators=config.separators,
        source=path,
        stylesheets=tuple(styles),
        highlight_css=_highlight_css(config, deck_dir, options, source.front_matter_lines, diags),
        theme_sheet=theme_sheet,
        css_images=css_images(sheets, slides, resolver),
    )
    option_lines = {key: line for key, line in source.front_matter_lines.items()
                    if not (key == "theme" and options.theme is not None)}  # --theme: no line
    located = SourceLines.of(text, first_lines, option_lines)
    return ReadResult(deck, diags.as_tuple(), resolver.lines, tuple(diagrams), config.mermaid,
                      located)  # fmt: skip


def _theme_sheet(path: Path | None, deck_dir: Path) -> Stylesheet | None:
    """The deck's theme stylesheet read, its `url()`s rebased on the deck's folder (layout
    warns when it cannot be read)."""
    if path is None:
        return None
    try:
        data = path.read_bytes()[: MAX_CSS_BYTES + 1]
        if len(data) > MAX_CSS_BYTES:
            return None
        text = data.decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None
    return Stylesheet(str(path), rebase_urls(text, path.parent, deck_dir.resolve()))


def _highlight_css(
    config: DeckConfig,
    deck_dir: Path,
    options: ReadOptions,
    lines: dict[str, int],
    diags: Diagnostics,
) -> Stylesheet | None:
    """The highlight theme's CSS, read (its rules become the code style): a `.css` file the
    deck names, else an installed highlight.js theme of that name (`hljs_styles`); None for
    the built-in zenburn and for names found nowhere (layout then tries a Pygments style)."""
    name = config.highlight_theme
    line = lines.get("highlightTheme")
    is_file = name.lower().endswith(".css") and ("/" in name or (deck_dir / name).exists())
    if is_file and (deck_dir / name).exists():
        return read_stylesheet(name, line, deck_dir, options, False, diags, "highlight-theme")
    if get_highlight_style(name) is None:
        installed = read_hljs_theme(name, deck_dir, line, diags)
        if installed is not None:
            return installed
    if is_file:  # a path that is neither in the deck's folder nor an installed theme: say so
        return read_stylesheet(name, line, deck_dir, options, False, diags, "highlight-theme")
    return None


def _theme(
    config: DeckConfig,
    deck_dir: Path,
    options: ReadOptions,
    lines: dict[str, int],
    diags: Diagnostics,
) -> tuple[str, Path | None]:
    name = config.theme
    if name in THEMES:
        return name, None
    line = lines.get("theme") if options.theme is None else None  # --theme: no line in the deck
    if name.lower().endswith(".css"):
        # a stylesheet named by the deck (not on the command line) must be inside the deck's
        # folder or a resource root, as images must
        roots = [r.resolve() for r in (deck_dir, *options.resource_roots)]
        for folder in (options.cwd or Path.cwd(), deck_dir):
            candidate = (folder / name).resolve()
            if options.theme is None and not any(candidate.is_relative_to(r) for r in roots):
                if candidate.is_file():
                    diags.warning(
                        "unknown-theme",
                        f"theme stylesheet {name} refused: it is outside the deck's folder "
                        "(add --resource-root to allow another folder); using black",
                        line,
                    )
                    return "black", None
                continue
            if candidate.is_file():
                diags.info(
                    "theme",
                    f"custom theme {name}: its --r-* properties are read over the black theme",
                    line,
                )
                return "black", candidate
        diags.warning("unknown-theme", f"theme stylesheet {name} not found; using black", line)
        return "black", None
    diags.warning(
        "unknown-theme",
        f"unknown theme {name!r}; using black (known: {', '.join(sorted(THEMES))})",
        line,
    )
    return "black", None


def _build(text: str, ctx: SlideContext) -> tuple[Block, ...]:
    if not text.strip():
        return ()
    return BlockBuilder(ctx).build(parse_markdown(text))


def _slide(
    number: int,
    chunk: Chunk,
    config: DeckConfig,
    resolver: ImageResolver,
    diags: Diagnostics,
    styles: list[Stylesheet],
    diagrams: list[tuple[str, int]],
) -> list[Slide]:
    """The slides of one chunk: one, or one per `<section>` at its top (`sections`)."""
    ctx = SlideContext(
        diags,
        resolver,
        chunk.line,
        config.options.animate_lists,
        source=chunk.text,
        sections=None if chunk.in_stack else [],
        first_slide=number,
    )
    blocks = _build(chunk.text, ctx)
    styles.extend(Stylesheet("<style>", text, line) for text, line in ctx.styles)
    diagrams.extend(ctx.diagrams)
    notes: tuple[Block, ...] = ()
    if chunk.notes is not None and chunk.notes_line is not None:
        notes_ctx = SlideContext(
            diags,
            resolver,
            chunk.notes_line,
            in_notes=True,
            slide_pairs=ctx.slide_pairs,
            source=chunk.notes,
        )
        notes = _build(chunk.notes.strip(), notes_ctx)
    _warn_deep_lists(blocks, ctx, diags)
    for text, first_line in ((chunk.text, chunk.line), (chunk.notes, chunk.notes_line)):
        if text and first_line is not None:
            _warn_unclosed_comment(text, first_line, diags)
    if any(mark.block is not None for mark in ctx.sections or ()):
        return _stack_of_sections(number, chunk, blocks, notes, config, resolver, ctx)
    blocks, aside_notes = split_asides(blocks)
    return [
        _make_slide(
            number,
            chunk.h,
            chunk.v,
            chunk.in_stack,
            chunk.content_line,
            blocks,
            notes + aside_notes,
            chunk.notes_line,
            merge_pairs(ctx.slide_pairs),
            config,
            resolver,
            ctx,
        )
    ]


def _stack_of_sections(
    number: int,
    chunk: Chunk,
    blocks: tuple[Block, ...],
    notes: tuple[Block, ...],
    config: DeckConfig,
    resolver: ImageResolver,
    ctx: SlideContext,
) -> list[Slide]:
    """A chunk with `<section>`s at its top: a vertical stack of them (`reader.sections`)."""
    diags = ctx.diags
    parts = stack_slides(blocks, notes, chunk.notes_line, ctx)
    stack = stack_attributes(merge_pairs(ctx.slide_pairs), ctx)
    background = parse_background(stack, resolver, ctx.line_of, diags)
    slides = []
    for v, part in enumerate(parts):
        diags.slide = number + v
        notes_line = chunk.notes_line if part.has_chunk_notes else None
        slide = _make_slide(
            number + v,
            chunk.h,
            v,
            True,
            part.line,
            part.blocks,
            part.notes,
            notes_line,
            merge_pairs(part.pairs),
            config,
            resolver,
            ctx,
        )
        if slide.background.is_empty and not background.is_empty:
            slide = dataclasses.replace(slide, background=background)
        if stack.get("data-visibility") == "hidden":  # reveal removes the whole stack
            slide = dataclasses.replace(slide, visibility="hidden")
        slides.append(slide)
    return slides


def _make_slide(
    number: int,
    h: int,
    v: int,
    in_stack: bool,
    line: int,
    blocks: tuple[Block, ...],
    notes: tuple[Block, ...],
    notes_line: int | None,
    pairs: list[tuple[str, str]],
    config: DeckConfig,
    resolver: ImageResolver,
    ctx: SlideContext,
) -> Slide:
    diags = ctx.diags
    attrs = dict(pairs)
    if not notes and attrs.get("data-notes"):
        notes = (Paragraph((Run(attrs["data-notes"]),)),)
    visibility: Visibility = "visible"
    if "data-visibility" in attrs:
        value = attrs["data-visibility"]
        if value in ("hidden", "uncounted"):
            visibility = value  # type: ignore[assignment]
        else:
            diags.warning(
                "bad-attribute",
                f"data-visibility={value!r} is not hidden or uncounted; ignored",
                ctx.line_of("data-visibility"),
            )
    transition = None
    if "data-transition" in attrs or "data-transition-speed" in attrs:
        transition = parse_transition(
            attrs.get("data-transition"),
            attrs.get("data-transition-speed"),
            config.options.transition,
            diags,
            ctx.line_of("data-transition"),
        )
    element = attrs_from_dict(
        {k: v for k, v in attrs.items() if k in ("class", "data-fragment-index")},
        ctx.line_of("data-fragment-index"),
        diags,
    )
    return Slide(
        number=number,
        h=h,
        v=v,
        line=line,
        blocks=blocks,
        notes=notes,
        notes_line=notes_line,
        attributes=tuple(pairs),
        background=parse_background(attrs, resolver, ctx.line_of, diags),
        transition=transition,
        visibility=visibility,
        state=attrs.get("data-state") or None,
        id=attrs.get("id") or None,
        classes=tuple(attrs.get("class", "").split()),
        fragment=element.fragment,
        in_stack=in_stack,
    )


MAX_LIST_LEVELS = 9  # PowerPoint's paragraph levels


def _too_deep(blocks: tuple[Block, ...], depth: int = 0) -> ListItem | None:
    """The first list item nested deeper than PowerPoint's nine levels, if any."""
    for block in blocks:
        items = block.items if isinstance(block, BulletList | OrderedList) else ()
        for item in items:
            if depth + 1 > MAX_LIST_LEVELS:
                return item
            found = _too_deep(item.blocks, depth + 1)
            if found is not None:
                return found
        if not items:
            found = _too_deep(child_blocks(block), depth)
            if found is not None:
                return found
    return None


def _warn_deep_lists(blocks: tuple[Block, ...], ctx: SlideContext, diags: Diagnostics) -> None:
    item = _too_deep(blocks)
    if item is not None:
        text = plain_text(item.runs).strip()
        diags.warning(
            "list-depth",
            f"list nested deeper than the {MAX_LIST_LEVELS} levels PowerPoint supports; "
            f"deeper items are shown at level {MAX_LIST_LEVELS}",
            ctx.line_of(text) if text else ctx.line,
        )


_FENCE_LINE = re.compile(r"^ {0,3}(`{3,}|~{3,})", re.M)


def _warn_unclosed_comment(text: str, first_line: int, diags: Diagnostics) -> None:
    """An HTML comment that never closes: kept as text here; in reveal.js it would hide the
    rest of the slide."""
    start = text.rfind("<!--")
    if start < 0 or "-->" in text[start + 4 :]:
        return
    fences = len(_FENCE_LINE.findall(text, 0, start))
    line_start = text.rfind("\n", 0, start) + 1
    if fences % 2 or text.startswith("    ", line_start) or text.count("`", line_start, start) % 2:
        return  # inside code: literal text
    diags.warning(
        "unclosed-comment",
        "HTML comment <!-- is not closed; shown as text (reveal.js would hide the rest of "
        "the slide)",
        first_line + text.count("\n", 0, start),
    )
