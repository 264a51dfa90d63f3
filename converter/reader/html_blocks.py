"""Raw HTML blocks: the HTML that reveal-md passes through, to model blocks.

Input: the raw text of mistune `block_html` tokens, fed in document order to one `HtmlBlocks`
per block builder (a `<div>` opened in one token and closed after some Markdown works). Output:
blocks appended to the builder's current container: containers (`div`, `section`, ...) as
`Group`s, `p`/`h1`-`h6` as paragraphs and headings with their inline tags mapped, `img` as
images, `ul`/`ol`/`li` as lists, `table` as a table, `pre` as code, an inline `<svg>` as an image
of the SVG document its markup makes (`svg_markup`), `iframe`/`video`/`audio` as placeholders
(warning). Comments are attribute comments (after bare text, for the element
before it, as in the DOM). Anything else is dropped to its text, one warning per tag name
(dialect.md Part A). A `<section>` opened at the top of a slide chunk is recorded as a slide of
its own (`sections`), and kept even when empty.
"""

from __future__ import annotations

import html
import textwrap
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser
from typing import TYPE_CHECKING

from converter.model import (
    NO_ATTRS,
    Block,
    BulletList,
    CodeBlock,
    Group,
    Heading,
    ListItem,
    OrderedList,
    Placeholder,
    Rule,
    Run,
    Table,
)
from converter.reader.attributes import attrs_from_dict, element_attrs
from converter.reader.inline import (
    STYLE_TAGS,
    TRANSPARENT_TAGS,
    InlineBuilder,
    InlineComment,
    InlineImage,
    runs_of,
)
from converter.reader.sections import SectionMark, section_start
from converter.reader.svg_markup import inline_svg

if TYPE_CHECKING:
    from converter.reader.blocks import BlockBuilder

CONTAINERS = {
    "div",
    "section",
    "article",
    "header",
    "footer",
    "figure",
    "center",
    "main",
    "nav",
    "aside",
    "details",
    "summary",
    "form",
    "fieldset",
}
TEXT_BLOCKS = {
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "figcaption",
    "caption",
    "dt",
    "dd",
    "address",
    "label",
    "button",
}
PLACEHOLDERS = {"iframe", "video", "audio", "object", "embed", "canvas", "math"}
_NOT_INLINE = {"ul", "ol", "table", "tr", "td", "th", "li", "pre"} | TEXT_BLOCKS | CONTAINERS
SKIPPED = {"script", "style", "template", "noscript", "head", "title"}
_VOID = {"br", "img", "hr", "wbr", "input", "source"}


@dataclass
class _Frame:
    tag: str
    attrs: dict[str, str]
    blocks: list[Block] = field(default_factory=list)
    pairs: list[tuple[str, str]] = field(default_factory=list)
    items: list[ListItem] = field(default_factory=list)
    rows: list[list[tuple[Run, ...]]] = field(default_factory=list)
    header_rows: int = 0
    mark: SectionMark | None = None  # a `<section>` at the top of the chunk: a slide


class HtmlBlocks(HTMLParser):
    def __init__(self, builder: BlockBuilder) -> None:
        super().__init__(convert_charrefs=True)
        self.builder = builder
        self.frames: list[_Frame] = []
        self._inline: InlineBuilder | None = None
        self._inline_tag = ""
        self._inline_attrs: dict[str, str] = {}
        self._pre: list[str] | None = None
        self._pre_lang = ""
        self._pre_trim = False  # `<code data-trim>`: reveal's highlight plugin trims it
        # `<pre>`, or a `<div class="mermaid">` read as code; `_diagram`: its text is mermaid's
        self._pre_tag = "pre"
        self._diagram = False
        self._skip = 0
        self._style: list[str] | None = None  # the text of a <style> element being read
        self._svg: list[str] | None = None  # the markup of an inline <svg> being read
        self._svg_depth = 0  # <svg> elements open in it

    # --- the builder's view -----------------------------------------------------------------

    def current(self) -> list[Block]:
        for frame in reversed(self.frames):
            if frame.tag not in ("ul", "ol", "li", "table", "tr"):
                return frame.blocks
        return self.builder.blocks

    def depth(self) -> int:
        return len(self.frames)

    def parent_attrs(self, pairs: list[tuple[str, str]]) -> None:
        frame = self.frames[-1]
        frame.pairs.extend(pairs)
        if frame.mark is not None:
            frame.mark.pairs.extend(pairs)

    def unknown_decl(self, data: str) -> None:
        if self._svg is not None and data.startswith("CDATA["):
            self._svg.append(html.escape(data[6:], quote=False))

    def close_all(self) -> None:
        self.close()
        if self._svg is not None:  # an <svg> left open ends with the slide
            self._end_svg()
        self._skip = 0  # an unclosed <video>, <script>... ends with the slide
        if self._pre is not None:
            self.handle_endtag(self._pre_tag)
        self._end_inline()
        for open_frame in self.frames:
            if open_frame.mark is not None:
                open_frame.mark.closed = False
        while self.frames:
            frame = self.frames[-1]
            self.builder.ctx.diags.warning(
                "unclosed-html",
                f"<{frame.tag}> is not closed before the end of the slide",
                self.builder.ctx.line,
            )
            self.handle_endtag(frame.tag)
            if self.frames and self.frames[-1] is frame:  # never loop: close it by force
                self._end_inline()
                self._close(self.frames.pop())

    # --- HTMLParser callbacks -----------------------------------------------------------------

    def parse_html_declaration(self, i: int) -> int:
        """`<!...>`: Python's parser raises AssertionError for malformed declarations such as
        `<![i` (a marked section it does not know); such text is skipped as a comment."""
        try:
            return super().parse_html_declaration(i)
        except AssertionError:
            return self.parse_bogus_comment(i)

    def handle_comment(self, data: str) -> None:
        if self._svg is not None:
            return
        if self._inline is not None and not self._bare_text():
            self._inline.items.append(InlineComment(data))
        else:
            self.builder.comment(data)

    def _bare_text(self) -> bool:
        """Whether the pending inline content is text outside any element: a comment after it
        applies to the element before the text, or the parent, as reveal sees the DOM (a
        text node is no element)."""
        inline = self._inline
        return (
            inline is not None
            and not self._inline_tag
            and all(type(item) is Run and item == Run(item.text) for item in inline.items)
        )

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._svg is not None:
            self._svg.append(self.get_starttag_text() or "")
            return
        self.handle_starttag(tag, attrs)
        if tag not in ("br", "img", "hr", "wbr", "input", "source"):
            self.handle_endtag(tag)

    def handle_starttag(self, tag: str, attrs_list: list[tuple[str, str | None]]) -> None:
        if self._svg is not None:
            self._svg.append(self.get_starttag_text() or "")
            self._svg_depth += tag == "svg"
            return
        if tag == "svg" and not self._skip and self._pre is None:
            self._svg, self._svg_depth = [self.get_starttag_text() or ""], 1
            return
        attrs = {k: v or "" for k, v in attrs_list}
        diags, line = self.builder.ctx.diags, self.builder.ctx.line
        if tag == "style" and not self._skip and not self.builder.ctx.in_notes:
            self._style = []  # the deck's own CSS: it applies to the whole deck
        if self._skip or tag in SKIPPED:
            self._skip += tag in SKIPPED
            return
        if self._pre is not None:
            if tag == "code" and self._pre_tag == "pre" and not self._diagram:
                classes = attrs.get("class", "").split()
                self._pre_lang = next((c.removeprefix("language-") for c in classes), "")
                self._pre_trim = "data-trim" in attrs
                self._diagram = "mermaid" in classes  # reveal-md renders `pre code.mermaid`
            elif self._diagram:  # mermaid reads the element's innerHTML: tags stay
                self._pre.append(self.get_starttag_text() or "")
            return
        if self._inline is not None and tag not in _NOT_INLINE:
            self._inline.html_tag("", tag, attrs, False, Run(""))
            return
        if tag in STYLE_TAGS or tag in TRANSPARENT_TAGS:
            self._inline = InlineBuilder(diags, line, self.builder.ctx.line_of)
            self._inline_tag, self._inline_attrs = "", {}
            self._inline.html_tag("", tag, attrs, False, Run(""))
        elif tag in ("th", "td", "li") or tag in TEXT_BLOCKS:
            self._end_inline()
            self._inline = InlineBuilder(diags, line, self.builder.ctx.line_of)
            self._inline_tag, self._inline_attrs = tag, attrs
        elif tag in ("div", "pre") and "mermaid" in attrs.get("class", "").split():
            self._end_inline()  # a diagram for a mermaid script (`<div class="mermaid">`)
            self._pre, self._pre_tag, self._pre_lang, self._diagram = [], tag, "mermaid", True
        elif tag == "pre":
            self._end_inline()
            self._pre = []
        elif tag == "img":
            src = attrs.get("src") or attrs.get("data-src") or ""
            pairs = [
                (k, v) for k, v in attrs.items() if k in ("width", "height", "class", "id", "style")
            ]
            self.current().append(
                self.builder.image(
                    InlineImage(src, attrs.get("alt", ""), attrs.get("title", ""), None), pairs
                )
            )
        elif tag == "hr":
            self.current().append(Rule())
        elif tag == "br":
            pass
        elif tag in PLACEHOLDERS:
            url = attrs.get("src") or attrs.get("data-src") or ""
            diags.warning("unsupported", f"<{tag}> is not rendered; a placeholder is shown", line)
            self.current().append(Placeholder(tag, f"{tag}: {url}".strip(": ")))
            self._skip += 1
        elif tag in CONTAINERS or tag in ("ul", "ol", "table", "tr", "thead", "tbody"):
            self._end_inline()
            if tag not in ("thead", "tbody"):
                frame = _Frame(tag, attrs)
                if tag == "section" and self._at_top():
                    frame.mark = section_start(self.builder.ctx, attrs_list)
                self.frames.append(frame)
        else:
            diags.warning_once(
                tag, "html-dropped", f"raw HTML <{tag}> is not supported; kept its text", line
            )

    def handle_endtag(self, tag: str) -> None:
        if self._svg is not None:
            self._svg.append(f"</{tag}>")
            self._svg_depth -= tag == "svg"
            if not self._svg_depth:
                self._end_svg()
            return
        if tag == "style" and self._style is not None:
            ctx = self.builder.ctx
            ctx.styles.append(("".join(self._style), ctx.line_of("<style")))
            self._style = None
        if self._skip:
            if tag in SKIPPED or tag in PLACEHOLDERS:
                self._skip -= 1
            return
        if self._pre is not None:
            if tag == self._pre_tag:
                text = "".join(self._pre).strip("\n").expandtabs(4)
                if self._pre_trim:  # as reveal's betterTrim: common indentation and blank ends
                    text = textwrap.dedent(text).strip("\n").rstrip()
                if self._diagram:  # as mermaid reads it: dedent(innerHTML).trim()
                    text = textwrap.dedent(text).strip()
                    if not self.builder.ctx.in_notes:
                        self.builder.ctx.diagram(text, 0)
                self.current().append(CodeBlock(text, self._pre_lang))
                self._pre_trim = self._diagram = False
                self._pre = None
                self._pre_lang, self._pre_tag = "", "pre"
            elif self._diagram and tag not in _VOID and (tag, self._pre_tag) != ("code", "pre"):
                self._pre.append(f"</{tag}>")  # an element inside the diagram's text
            return
        if self._inline is not None and tag == self._inline_tag:
            self._end_inline()
            return
        if self._inline is not None and tag not in CONTAINERS | {"ul", "ol", "table", "tr"}:
            self._inline.html_tag("/", tag, {}, False, Run(""))
            return
        if not any(f.tag == tag for f in self.frames):
            return
        self._end_inline()
        while self.frames:
            frame = self.frames.pop()
            self._close(frame)
            if frame.tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._svg is not None:  # CDATA content (<style>) comes as written, text decoded
            self._svg.append(data if self.cdata_elem else html.escape(data, quote=False))
            return
        if self._style is not None:
            self._style.append(data)
        if self._skip:
            return
        if self._pre is not None:
            self._pre.append(data)
        elif self._inline is not None:
            self._inline.text(data)
        elif data.strip():
            self._inline = InlineBuilder(
                self.builder.ctx.diags, self.builder.ctx.line, self.builder.ctx.line_of
            )
            self._inline_tag, self._inline_attrs = "", {}
            self._inline.text(data)

    def end_text(self) -> None:
        """Markdown resumes: text gathered from raw HTML becomes its block now, in order."""
        self._end_inline()

    # --- helpers ------------------------------------------------------------------------------

    def _end_inline(self) -> None:
        inline, tag, attrs = self._inline, self._inline_tag, self._inline_attrs
        if inline is None:
            return
        self._inline = None
        items, pairs = self.builder.split_comments(inline.items)
        ctx = self.builder.ctx
        base = attrs_from_dict({k: v for k, v in attrs.items() if k in _KEPT}, ctx.line, ctx.diags)
        if tag in ("td", "th"):
            row = self._frame("tr")
            if row is not None:
                row.rows.append([runs_of(items)])
                row.header_rows += tag == "th"
            return
        if tag == "li":
            frame = self._frame("ul") or self._frame("ol")
            item = ListItem(runs_of(items), attrs=element_attrs(pairs, base, ctx.line, ctx.diags))
            if frame is not None:
                frame.items.append(item)
            return
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            heading = Heading(
                int(tag[1]), runs_of(items), attrs=element_attrs(pairs, base, ctx.line, ctx.diags)
            )
            self.current().append(
                replace(heading, anchor=attrs.get("id") or ctx.slug(heading.text))
            )
            return
        # text outside any text element (straight inside a div) is no paragraph of its own
        for block in self.builder.runs_blocks(items, [*base_pairs(attrs), *pairs], not tag):
            self.current().append(block)

    def _end_svg(self) -> None:
        """The inline `<svg>` read: an image of its document, in the paragraph being read or
        as a block (its line: where its start tag is)."""
        markup, self._svg, self._svg_depth = "".join(self._svg or ()), None, 0
        svg = inline_svg(markup)
        start = markup[: markup.find(">") + 1]
        item = InlineImage(svg.uri, svg.alt, "", None, svg.pairs, start)
        if self._inline is not None:
            self._inline.items.append(item)
        else:
            self.current().append(self.builder.image(item))

    def _at_top(self) -> bool:
        """Whether an element opened now is a child of the slide's own section: nothing is
        open, or only a table, out of which the browser moves it (foster parenting)."""
        return self.builder.top_level and all(f.tag in ("table", "tr") for f in self.frames)

    def _frame(self, tag: str) -> _Frame | None:
        return self.frames[-1] if self.frames and self.frames[-1].tag == tag else None

    def _close(self, frame: _Frame) -> None:
        ctx = self.builder.ctx
        attrs = element_attrs(
            [*base_pairs(frame.attrs), *frame.pairs], NO_ATTRS, ctx.line, ctx.diags
        )
        block: Block | None
        if frame.tag in ("ul", "ol"):
            items = tuple(frame.items)
            block = (
                OrderedList(
                    items,
                    int(frame.attrs.get("start", "1") or 1)
                    if frame.attrs.get("start", "1").isdigit()
                    else 1,
                    attrs,
                )
                if frame.tag == "ol"
                else BulletList(items, attrs)
            )
            if not items:
                block = None
        elif frame.tag == "tr":
            table = self._frame("table")
            if table is not None:
                cells = [c[0] for c in frame.rows]
                table.rows.append(cells)
                table.header_rows += bool(frame.header_rows) and len(table.rows) == 1
            block = None
        elif frame.tag == "table":
            block = _table(frame)
        else:
            keep = frame.blocks or frame.tag == "section"  # an empty section is still a slide
            block = Group(tuple(frame.blocks), frame.tag, attrs) if keep else None
        if block is not None:
            if frame.mark is not None:
                frame.mark.block = block
            self.current().append(block)


_KEPT = ("class", "id", "style", "dir", "lang")  # the attributes of raw HTML the model keeps


def base_pairs(attrs: dict[str, str]) -> list[tuple[str, str]]:
    return [(k, v) for k, v in attrs.items() if k in _KEPT or k.startswith("data-")]


def _table(frame: _Frame) -> Table | None:
    if not frame.rows:
        return None
    width = max(len(r) for r in frame.rows)
    rows = [tuple(r) + ((),) * (width - len(r)) for r in frame.rows]
    if frame.header_rows:
        return Table(rows[0], tuple(rows[1:]), (None,) * width)
    return Table(((),) * width, tuple(rows), (None,) * width)
