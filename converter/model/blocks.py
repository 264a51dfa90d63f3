"""The block model: slide content and speaker notes as frozen dataclasses.

Input: built by `converter.reader`. Output: blocks (`Heading`, `Paragraph`, `BulletList`,
`OrderedList`, `CodeBlock`, `Table`, `Image`, `Quote`, `Rule`, `Group`, `Placeholder`) holding
inline `Run`s, their element attributes and fragments, and plain-text views of them. Re-exported
by `converter.model`, which adds slides and decks. No third-party import here.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, TypeAlias

from converter.model.color import Color

LINE_BREAK = "\n"
"""A `Run` whose text is exactly this is a hard line break (`<br>`, two trailing spaces)."""
OBJECT = "\ufffc"
"""The text of a `Run` that is a picture inline in a line (`Run.image`)."""


@dataclass(frozen=True)
class Run:
    """A stretch of inline text with one set of formatting."""

    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    strike: bool = False
    underline: bool = False
    small: bool = False
    sub: bool = False
    sup: bool = False
    link: str | None = None
    color: Color | None = None
    classes: tuple[str, ...] = ()  # of the raw HTML element around the text (<span class>)
    style: str | None = None  # its `style` attribute (the cascade reads both)
    size: float | None = None  # points, when the deck's CSS sizes the element (set by layout)
    families: tuple[str, ...] | None = None  # font-family the deck's CSS gives it (layout)
    # A formula: its LaTeX (between the delimiters), `text` being the source as written (with
    # the delimiters: what is shown where the formula cannot be, as in the PPTX's notes).
    # `display`: `$$…$$` / `\[…\]` (an equation set apart), else inline `$…$` / `\(…\)`.
    math: str | None = None
    display: bool = False
    # A picture inline in the text (`Text ![icon](a.png) more`): one unbreakable box on the
    # line, its bottom on the baseline; `text` is then OBJECT (its alt text is the image's)
    image: Image | None = None

    @property
    def is_break(self) -> bool:
        return self.text == LINE_BREAK

    def with_text(self, text: str) -> Run:
        """The same formatting with other text (much faster than `dataclasses.replace`)."""
        return Run(
            text,
            self.bold,
            self.italic,
            self.code,
            self.strike,
            self.underline,
            self.small,
            self.sub,
            self.sup,
            self.link,
            self.color,
            self.classes,
            self.style,
            self.size,
            self.families,
            self.math,
            self.display,
            self.image,
        )

    def same_style(self, other: Run) -> bool:
        return (
            self.bold == other.bold
            and self.italic == other.italic
            and self.code == other.code
            and self.strike == other.strike
            and self.underline == other.underline
            and self.small == other.small
            and self.sub == other.sub
            and self.sup == other.sup
            and self.link == other.link
            and self.color == other.color
            and self.classes == other.classes
            and self.style == other.style
            and self.size == other.size
            and self.families == other.families
            and self.math is None
            and other.math is None
            and self.image is None
            and other.image is None
        )


def run_with(run: Run, name: str, value: object) -> Run:
    """`run` with one field changed, like `dataclasses.replace(run, name=value)` but several
    times faster (the reader's hot path): the instance dict is copied, as `Run` has no slots.
    The caller passes a valid field name and a value of its type."""
    new = object.__new__(Run)
    fields = new.__dict__
    fields.update(run.__dict__)
    fields[name] = value
    return new


Runs: TypeAlias = tuple[Run, ...]


def plain_text(runs: Runs) -> str:
    """The text of some runs, line breaks as spaces, inline pictures as their alt text."""
    return "".join(" " if r.is_break else r.image.alt if r.image is not None else r.text
                   for r in runs)  # fmt: skip


def has_math(runs: Runs) -> bool:
    """Whether any of the runs is a formula."""
    return any(r.math is not None for r in runs)


@dataclass(frozen=True)
class Fragment:
    """A reveal.js fragment: `style` is the fragment class (`fade-in` when none), `index` is
    `data-fragment-index` when given."""

    style: str = "fade-in"
    index: int | None = None


@dataclass(frozen=True)
class Attrs:
    """Attributes set on an element by an `<!-- .element: ... -->` comment or raw HTML."""

    classes: tuple[str, ...] = ()
    fragment: Fragment | None = None
    id: str | None = None
    width: str | None = None
    height: str | None = None
    style: str | None = None
    other: tuple[tuple[str, str], ...] = ()


NO_ATTRS = Attrs()


@dataclass(frozen=True)
class Heading:
    level: int
    runs: Runs
    anchor: str = ""
    attrs: Attrs = NO_ATTRS

    @property
    def text(self) -> str:
        return plain_text(self.runs).strip()


@dataclass(frozen=True)
class Paragraph:
    runs: Runs
    attrs: Attrs = NO_ATTRS
    anonymous: bool = False  # text straight inside a raw HTML element: no `p`, no margins

    @property
    def display_math(self) -> Run | None:
        """The formula when the paragraph is one displayed equation and nothing else (a
        centred block of its own), else None."""
        runs = self.runs
        if len(runs) == 1 and runs[0].display and runs[0].math is not None:
            return runs[0]
        return None


@dataclass(frozen=True)
class ListItem:
    """One list item: its first paragraph's runs, then any further blocks (nested lists,
    paragraphs of a loose item). `checked` is set for task-list items."""

    runs: Runs
    blocks: tuple[Block, ...] = ()
    checked: bool | None = None
    attrs: Attrs = NO_ATTRS


@dataclass(frozen=True)
class BulletList:
    items: tuple[ListItem, ...]
    attrs: Attrs = NO_ATTRS


@dataclass(frozen=True)
class OrderedList:
    items: tuple[ListItem, ...]
    start: int = 1
    attrs: Attrs = NO_ATTRS


@dataclass(frozen=True)
class CodeBlock:
    """Fenced or indented code. `highlight_steps` holds the line sets of `[1|2-3]` (one tuple
    per step; an empty tuple highlights nothing); `line_numbers` is true when a `[...]` spec was
    given; `first_line` is the number shown for the first line (`[5: ...]`)."""

    text: str
    language: str = ""
    highlight_steps: tuple[tuple[int, ...], ...] = ()
    line_numbers: bool = False
    first_line: int = 1
    attrs: Attrs = NO_ATTRS


Align: TypeAlias = Literal["left", "center", "right"] | None


@dataclass(frozen=True)
class Table:
    header: tuple[Runs, ...]
    rows: tuple[tuple[Runs, ...], ...]
    align: tuple[Align, ...]
    attrs: Attrs = NO_ATTRS


ImageKind: TypeAlias = Literal["file", "data", "remote", "missing", "refused"]


@dataclass(frozen=True)
class ImageSource:
    """Where an image's bytes come from. Only `file` (a checked path inside an allowed root)
    and `data` (a `data:` URI) can be drawn; the other kinds are drawn as placeholders."""

    src: str
    kind: ImageKind
    path: Path | None = None
    raster: bytes | None = field(default=None, repr=False)
    """A PNG of this SVG drawn by its maker (a mermaid diagram's, which paints the HTML labels
    other renderers drop): the picture's pixels wherever a raster is drawn."""

    @property
    def shown(self) -> str:
        """`src` as diagnostics show it: a long `data:` URI (an inline `<svg>`) cut short."""
        return shown_source(self.src)


def shown_source(src: str) -> str:
    if len(src) <= 80 or src[:5].lower() != "data:":
        return src
    digest = hashlib.sha1(src.encode("utf-8", "replace"), usedforsecurity=False).hexdigest()
    return f"{src[:48]}… (#{digest[:8]})"


@dataclass(frozen=True)
class Image:
    source: ImageSource
    alt: str = ""
    title: str = ""
    link: str | None = None
    attrs: Attrs = NO_ATTRS


@dataclass(frozen=True)
class Quote:
    blocks: tuple[Block, ...]
    attrs: Attrs = NO_ATTRS


@dataclass(frozen=True)
class Rule:
    attrs: Attrs = NO_ATTRS


@dataclass(frozen=True)
class Group:
    """A raw-HTML container (`<div>`, `<section>`) holding blocks."""

    blocks: tuple[Block, ...]
    tag: str = "div"
    attrs: Attrs = NO_ATTRS


@dataclass(frozen=True)
class Placeholder:
    """Something that cannot be drawn (iframe, video, audio): shown as a labelled box."""

    kind: str
    label: str
    attrs: Attrs = NO_ATTRS


Block: TypeAlias = (
    Heading
    | Paragraph
    | BulletList
    | OrderedList
    | CodeBlock
    | Table
    | Image
    | Quote
    | Rule
    | Group
    | Placeholder
)


# --- plain-text views (used by reports, tests and the outline) ---------------------------


def first_heading(blocks: tuple[Block, ...]) -> Heading | None:
    for block in blocks:
        if isinstance(block, Heading):
            return block
        for child in child_blocks(block):
            found = first_heading((child,))
            if found is not None:
                return found
    return None


def child_blocks(block: Block) -> tuple[Block, ...]:
    """The blocks nested inside a block, in document order."""
    if isinstance(block, Quote | Group):
        return block.blocks
    if isinstance(block, BulletList | OrderedList):
        return tuple(child for item in block.items for child in item.blocks)
    return ()


def block_text(block: Block) -> str:
    if isinstance(block, Heading | Paragraph):
        return plain_text(block.runs)
    if isinstance(block, BulletList | OrderedList):
        parts: list[str] = []
        for item in block.items:
            parts.append(plain_text(item.runs))
            parts.extend(block_text(b) for b in item.blocks)
        return " ".join(parts)
    if isinstance(block, CodeBlock):
        return block.text
    if isinstance(block, Table):
        cells = [plain_text(c) for c in block.header]
        cells += [plain_text(c) for row in block.rows for c in row]
        return " ".join(cells)
    if isinstance(block, Image):
        return ""
    if isinstance(block, Quote | Group):
        return blocks_text(block.blocks)
    if isinstance(block, Placeholder):
        return block.label
    return ""


def blocks_text(blocks: tuple[Block, ...]) -> str:
    """All text of some blocks, whitespace-normalised."""
    return " ".join(" ".join(block_text(b) for b in blocks).split())


def iter_fragments(blocks: tuple[Block, ...]) -> list[Fragment]:
    """Every fragment set on these blocks, their list items and nested blocks, in order."""
    found: list[Fragment] = []
    for block in blocks:
        if block.attrs.fragment is not None:
            found.append(block.attrs.fragment)
        if isinstance(block, BulletList | OrderedList):
            for item in block.items:
                if item.attrs.fragment is not None:
                    found.append(item.attrs.fragment)
                found.extend(iter_fragments(item.blocks))
        elif isinstance(block, Quote | Group):
            found.extend(iter_fragments(block.blocks))
    return found
