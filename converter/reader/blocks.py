"""Block building: a slide's mistune AST to model blocks, with `.element` attributes applied.

Input: the mistune block tokens of one slide chunk (or of its notes) and a `SlideContext`.
Output: a tuple of model blocks; `.slide:` attribute pairs are collected in the context.

Dispatch is an explicit table (`_b_<token type>`); an unknown token type is a diagnostic. An
`.element` comment applies to the closest preceding sibling, or to the parent when there is none
(dialect.md §3.3): a comment right after a list without a blank line lands on the last item
(marked's lazy continuation), a paragraph holding only images is those images (Part A), and a
comment first in the slide sets slide attributes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any, ClassVar

from converter.model import (
    NO_ATTRS,
    Block,
    BulletList,
    CodeBlock,
    Group,
    Heading,
    Image,
    ListItem,
    OrderedList,
    Paragraph,
    Placeholder,
    Quote,
    Rule,
    Run,
    Table,
    has_math,
    plain_text,
)
from converter.model.blocks import OBJECT
from converter.reader.attributes import element_attrs, parse_comment, with_fragment
from converter.reader.context import SlideContext, parse_line_spec
from converter.reader.html_blocks import HtmlBlocks
from converter.reader.inline import (
    InlineBuilder,
    InlineComment,
    InlineImage,
    InlineItem,
    InlinePlaceholder,
    runs_of,
)
from converter.reader.sections import section_attrs

Token = dict[str, Any]


class BlockBuilder:
    """Builds the blocks of one container level; nested containers use nested builders."""

    _HANDLERS: ClassVar[dict[str, Callable[[BlockBuilder, Token], None]]] = {}
    """Token type -> `_b_<type>` handler, filled once after the class body."""

    def __init__(self, ctx: SlideContext, top_level: bool = True) -> None:
        self.ctx = ctx
        self.top_level = top_level
        self.blocks: list[Block] = []
        self.parent_pairs: list[tuple[str, str]] = []
        self._after_blank = True
        self._html: HtmlBlocks | None = None

    @property
    def html(self) -> HtmlBlocks:
        """The raw-HTML state of this level, made on first use (most levels have no HTML)."""
        if self._html is None:
            self._html = HtmlBlocks(self)
        return self._html

    # --- entry points ------------------------------------------------------------------------

    def build(self, tokens: list[Token]) -> tuple[Block, ...]:
        for token in tokens:
            self.add_token(token)
        if self._html is not None:
            self._html.close_all()
        return tuple(self.blocks)

    def add_token(self, token: Token) -> None:
        kind = str(token.get("type"))
        if kind not in ("block_html", "blank_line") and self._html is not None:
            self._html.end_text()  # text of raw HTML ends where Markdown resumes
        handler = self._HANDLERS.get(kind)
        if handler is None:
            self.ctx.diags.warning_once(
                kind,
                "unsupported-markdown",
                f"unsupported Markdown block {kind!r}; dropped",
                self.ctx.line,
            )
        else:
            handler(self, token)
        self._after_blank = kind == "blank_line"

    def append(self, block: Block) -> None:
        self.current().append(block)

    def current(self) -> list[Block]:
        """The block list that new blocks go to: the innermost open HTML container's."""
        if self._html is None:
            return self.blocks
        return self._html.current()

    # --- attribute comments ------------------------------------------------------------------

    def comment(self, text: str) -> None:
        """A block-level HTML comment: `.slide:` or `.element` for the preceding sibling."""
        kind, pairs = parse_comment(text, self.ctx.line_of(text), self.ctx.diags)
        if kind == "slide":
            self.ctx.slide_pairs.extend(pairs)
            return
        if kind != "element" or not pairs:
            return
        siblings = self.current()
        if siblings:
            last = siblings[-1]
            if isinstance(last, BulletList | OrderedList) and not (
                self._after_blank or self.ctx.blank_line_before(text)
            ):
                siblings[-1] = self._attrs_on_last_item(last, pairs)
            else:
                siblings[-1] = self.with_attrs(last, pairs)
                section_attrs(self.ctx, last, siblings[-1], pairs)
        elif self._html is not None and self._html.depth():
            self.html.parent_attrs(pairs)
        elif self.top_level and not self.ctx.in_notes:
            self.ctx.slide_pairs.extend(pairs)
        else:
            self.parent_pairs.extend(pairs)

    def with_attrs(self, block: Block, pairs: list[tuple[str, str]]) -> Block:
        return replace(
            block, attrs=element_attrs(pairs, block.attrs, self.ctx.line, self.ctx.diags)
        )

    def _attrs_on_last_item(
        self, block: BulletList | OrderedList, pairs: list[tuple[str, str]]
    ) -> Block:
        item = block.items[-1]
        if item.blocks and isinstance(item.blocks[-1], BulletList | OrderedList):
            nested = self._attrs_on_last_item(item.blocks[-1], pairs)
            item = replace(item, blocks=(*item.blocks[:-1], nested))
        else:
            item = replace(
                item, attrs=element_attrs(pairs, item.attrs, self.ctx.line, self.ctx.diags)
            )
        return replace(block, items=(*block.items[:-1], item))

    # --- inline content ----------------------------------------------------------------------

    def inline(self, children: list[Token]) -> list[InlineItem]:
        return InlineBuilder(self.ctx.diags, self.ctx.line, self.ctx.line_of).build(children)

    def split_comments(
        self, items: list[InlineItem]
    ) -> tuple[list[InlineItem], list[tuple[str, str]]]:
        """Apply inline `.element`/`.slide:` comments: to a preceding image, else to the block
        (returned as pairs). reveal would target a preceding <strong>/<em>/<a> instead: we give
        the whole block the attributes, with an info diagnostic."""
        if not any(type(item) is InlineComment for item in items):
            return items, []
        out: list[InlineItem] = []
        block_pairs: list[tuple[str, str]] = []
        for item in items:
            if not isinstance(item, InlineComment):
                out.append(item)
                continue
            kind, pairs = parse_comment(item.text, self.ctx.line_of(item.text), self.ctx.diags)
            if kind == "slide":
                self.ctx.slide_pairs.extend(pairs)
                continue
            if kind != "element" or not pairs:
                continue
            target = next(
                (i for i in range(len(out) - 1, -1, -1) if not _plain(out[i])),
                None,
            )
            if target is not None and isinstance(out[target], InlineImage):
                img = out[target]
                assert isinstance(img, InlineImage)
                out[target] = replace(img, attrs=(*img.attrs, *pairs))
                continue
            if target is not None:
                self.ctx.diags.info(
                    "element-target",
                    "attributes applied to the whole element "
                    "(reveal.js would apply them to the formatted text just before the comment)",
                    self.ctx.line,
                )
            block_pairs.extend(pairs)
        return out, block_pairs

    def image(self, item: InlineImage, extra: list[tuple[str, str]] | None = None) -> Image:
        attrs = element_attrs(
            [*item.attrs, *(extra or [])], NO_ATTRS, self.ctx.line, self.ctx.diags
        )
        # `(src` or `"src` first: `/etc/passwd` must not match inside `../etc/passwd`
        quoted = (q + item.src for q in ("(", '"', "'", "<"))
        needle = item.needle or next((q for q in quoted if q in self.ctx.source), item.src)
        source = self.ctx.resolver.resolve(item.src, self.ctx.line_of(needle))
        return Image(source, item.alt, item.title, item.link, attrs)

    def runs_blocks(self, items: list[InlineItem], pairs: list[tuple[str, str]],
                    anonymous: bool = False) -> list[Block]:  # fmt: skip
        """A paragraph's items to blocks: text runs as paragraphs, images as image blocks; a
        paragraph of several images and nothing but spaces between them stays one `p` (a
        `Group`), whose images layout sets side by side on lines, as the browser does."""
        images = [item for item in items if isinstance(item, InlineImage)]
        if len(images) > 1 and all(isinstance(item, InlineImage) or (
                isinstance(item, Run) and (item.is_break or not item.text.strip()))
                for item in items):  # fmt: skip
            attrs = element_attrs(pairs, NO_ATTRS, self.ctx.line, self.ctx.diags) \
                if pairs else NO_ATTRS  # fmt: skip
            return [Group(tuple(self.image(item) for item in images), "p", attrs)]
        blocks: list[Block] = []
        pending: list[InlineItem] = []
        # among text, an image is an inline box of the text's lines (not in the notes, whose
        # text PowerPoint and the handout set themselves)
        inline = bool(images) and not self.ctx.in_notes and any(
            isinstance(item, Run) and not item.is_break and item.text.strip() for item in items)
        for item in items:
            if isinstance(item, InlineImage) and inline:
                pending.append(Run(OBJECT, link=item.link, image=self.image(item)))
            elif isinstance(item, InlineImage):
                self._flush_paragraph(pending, pairs, blocks, anonymous)
                pending = []
                blocks.append(self.image(item, pairs))
            elif isinstance(item, InlinePlaceholder):
                self._flush_paragraph(pending, pairs, blocks, anonymous)
                pending = []
                blocks.append(Placeholder(item.kind, item.label))
            else:
                pending.append(item)
        self._flush_paragraph(pending, pairs, blocks, anonymous)
        return blocks

    def _flush_paragraph(
        self,
        pending: list[InlineItem],
        pairs: list[tuple[str, str]],
        blocks: list[Block],
        anonymous: bool = False,
    ) -> None:
        runs = runs_of(pending)
        if runs:
            attrs = (
                element_attrs(pairs, NO_ATTRS, self.ctx.line, self.ctx.diags) if pairs else NO_ATTRS
            )
            parts = _display_parts(runs) if len(runs) > 1 and has_math(runs) else None
            if parts is None:
                blocks.append(Paragraph(runs, attrs, anonymous))
                return
            # a displayed formula is a block of its own, centred, between the paragraph's text
            # (MathJax's display `div`); the parts stay one element (a `.element` comment after
            # the paragraph, inline or not, applies to them together, as to reveal's `p`)
            split = tuple(Paragraph(part, NO_ATTRS, anonymous) for part in parts)
            blocks.append(Group(split, "div", attrs))

    # --- Markdown block tokens ---------------------------------------------------------------

    def _b_blank_line(self, token: Token) -> None:
        pass

    def _b_paragraph(self, token: Token) -> None:
        items, pairs = self.split_comments(self.inline(token.get("children", [])))
        for block in self.runs_blocks(items, pairs):
            self.append(block)

    _b_block_text = _b_paragraph

    def _b_heading(self, token: Token) -> None:
        items, pairs = self.split_comments(self.inline(token.get("children", [])))
        runs = runs_of(items)
        anchor = self.ctx.slug(plain_text(runs).strip())  # as Heading.text
        attrs = element_attrs(pairs, NO_ATTRS, self.ctx.line, self.ctx.diags) if pairs else NO_ATTRS
        self.append(Heading(int(token.get("attrs", {}).get("level", 1)), runs, anchor, attrs))
        for item in items:
            if isinstance(item, InlineImage):
                self.append(self.image(item))

    def _b_thematic_break(self, token: Token) -> None:
        self.append(Rule())

    def _b_block_code(self, token: Token) -> None:
        info = str(token.get("attrs", {}).get("info", "") or "")
        language, steps, numbered, first = parse_line_spec(info)
        text = str(token.get("raw", ""))
        if text.endswith("\n"):
            text = text[:-1]
        text = text.expandtabs(4)
        if language.lower() == "mermaid" and not self.ctx.in_notes:
            self.ctx.diagram(text, 1)  # drawn by a later stage (`converter.media.diagrams`)
        self.append(CodeBlock(text, language, steps, numbered, first))

    def _b_block_quote(self, token: Token) -> None:
        inner = BlockBuilder(self.ctx, top_level=False)
        blocks = inner.build(token.get("children", []))
        quote = Quote(blocks)
        if inner.parent_pairs:
            quote = replace(
                quote,
                attrs=element_attrs(inner.parent_pairs, NO_ATTRS, self.ctx.line, self.ctx.diags),
            )
        self.append(quote)

    def _b_block_html(self, token: Token) -> None:
        self.html.feed(str(token.get("raw", "")))

    def _b_list(self, token: Token) -> None:
        attrs = token.get("attrs", {})
        items = tuple(self._item(child) for child in token.get("children", []))
        if attrs.get("ordered"):
            self.append(OrderedList(items, int(attrs.get("start", 1) or 1)))
        else:
            self.append(BulletList(items))

    def _item(self, token: Token) -> ListItem:
        children = list(token.get("children", []))
        runs: tuple[Run, ...] = ()
        pairs: list[tuple[str, str]] = []
        lead: list[Block] = []
        if children and children[0].get("type") in ("block_text", "paragraph"):
            items, pairs = self.split_comments(self.inline(children.pop(0).get("children", [])))
            if any(isinstance(item, InlineImage) for item in items):
                parts = self.runs_blocks(items, [])
                if parts and isinstance(parts[0], Paragraph):
                    first = parts.pop(0)
                    assert isinstance(first, Paragraph)
                    runs = first.runs
                lead = parts
            else:
                runs = runs_of(items)  # what runs_blocks would make its one paragraph of
        if children:
            inner = BlockBuilder(self.ctx, top_level=False)
            inner.blocks.extend(lead)
            blocks = inner.build(children)
            pairs.extend(inner.parent_pairs)
        else:
            blocks = tuple(lead)
        checked = (
            token.get("attrs", {}).get("checked")
            if token.get("type") == ("task_list_item")
            else None
        )
        attrs = (
            element_attrs(pairs, NO_ATTRS, self.ctx.line, self.ctx.diags) if pairs else (NO_ATTRS)
        )
        if self.ctx.animate_lists and not self.ctx.in_notes:
            attrs = with_fragment(attrs)
        return ListItem(runs, blocks, None if checked is None else bool(checked), attrs)

    def _b_table(self, token: Token) -> None:
        header: list[tuple[Run, ...]] = []
        align: list[Any] = []
        rows: list[tuple[tuple[Run, ...], ...]] = []
        for part in token.get("children", []):
            if part.get("type") == "table_head":
                for cell in part.get("children", []):
                    header.append(
                        runs_of(self.split_comments(self.inline(cell.get("children", [])))[0])
                    )
                    align.append(cell.get("attrs", {}).get("align"))
            elif part.get("type") == "table_body":
                for row in part.get("children", []):
                    cells = tuple(
                        runs_of(self.split_comments(self.inline(c.get("children", [])))[0])
                        for c in row.get("children", [])
                    )
                    rows.append(cells)
        self.append(Table(tuple(header), tuple(rows), tuple(align)))


BlockBuilder._HANDLERS = {
    name.removeprefix("_b_"): handler
    for name, handler in vars(BlockBuilder).items()
    if name.startswith("_b_")
}


def _display_parts(runs: tuple[Run, ...]) -> list[tuple[Run, ...]] | None:
    """A paragraph's runs cut before and after each displayed formula (trimmed as paragraphs
    are), or None when it holds none beside other text."""
    if not any(r.display and r.math is not None for r in runs):
        return None
    parts: list[tuple[Run, ...]] = []
    pending: list[InlineItem] = []
    for run in runs:
        if run.display and run.math is not None:
            text = runs_of(pending)
            if text:
                parts.append(text)
            pending = []
            parts.append((run,))
        else:
            pending.append(run)
    text = runs_of(pending)
    if text:
        parts.append(text)
    return parts if len(parts) > 1 else None


def _plain(run: InlineItem) -> bool:
    """A text node as the DOM sees it: no element around it."""
    if not isinstance(run, Run):
        return False
    return not (
        run.bold
        or run.italic
        or run.code
        or run.strike
        or run.underline
        or run.small
        or run.sub
        or run.sup
        or run.link
        or run.color
    )
