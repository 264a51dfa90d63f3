"""The element tree a slide would be in the browser: what CSS selectors are matched against.

Input: a `Slide` of the model. Output: an ElementTree mirroring reveal-md's DOM (`html > body >
div.reveal > div.slides > section`, a slide in a vertical stack inside its stack's section,
with the slide's class, id and `data-*` attributes), holding the markdown elements (`h1`-`h6`,
`p`, `ul`/`ol`/`li`, `blockquote`, `pre > code`, `table > thead/tbody > tr > th/td`, `p > img`,
`hr`, raw HTML containers with their tag) with the classes, ids, styles and other attributes
the deck gave them, a `span` for text inside raw HTML with a class or a style, and a map from
each element back to the block, list item or run it stands for.
"""

from __future__ import annotations

from collections.abc import Iterable
from xml.etree.ElementTree import Element, SubElement

from converter.model import (
    Attrs,
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
    Slide,
    Table,
)

__all__ = ["SlideTree", "cell_key", "slide_tree"]


def cell_key(table: Table, row: int, column: int) -> int:
    """The key of a table cell's element (`th`/`td`; row 0 is the header): negative, so it
    never equals an `id()`."""
    return -(id(table) * 1_000_003 + min(row, 989) * 1009 + min(column, 1008) + 1)

Node = Block | ListItem | Run


class SlideTree:
    """The tree of one slide, and which element stands for which block."""

    def __init__(self, root: Element, section: Element) -> None:
        self.root = root
        self.section = section
        self.elements: dict[int, Element] = {}  # id(block or item) -> its element
        self.background: tuple[Element, ...] = ()  # `.slide-background` and its content div
        self.nodes: dict[int, Node] = {}  # id(block or item) -> the block, kept alive

    def element_of(self, node: Node) -> Element | None:
        return self.elements.get(id(node))


def _attrs(element: Element, attrs: Attrs) -> None:
    if attrs.classes:
        element.set("class", " ".join(attrs.classes))
    if attrs.id:
        element.set("id", attrs.id)
    if attrs.style:
        element.set("style", attrs.style)
    for name, value in attrs.other:
        element.set(name, value)


def slide_tree(slide: Slide) -> SlideTree:
    """The slide's element tree (see the module docstring)."""
    root = Element("html")
    body = SubElement(root, "body", {"class": "reveal-viewport"})
    reveal = SubElement(body, "div", {"class": "reveal"})
    slides = SubElement(reveal, "div", {"class": "slides"})
    parent = SubElement(slides, "section", {"class": "stack present"}) if slide.in_stack else slides
    section = SubElement(parent, "section")
    classes = ["present", *slide.classes]
    section.set("class", " ".join(classes))
    if slide.id:
        section.set("id", slide.id)
    for name, value in slide.attributes:
        if name.startswith("data-") or name in ("dir", "lang", "style"):
            section.set(name, value)
    # reveal's background layer: the slide's classes copied onto its `.slide-background`
    backgrounds = SubElement(reveal, "div", {"class": "backgrounds"})
    layer = SubElement(backgrounds, "div", {"class": " ".join(["slide-background", *classes])})
    content = SubElement(layer, "div", {"class": "slide-background-content"})
    tree = SlideTree(root, section)
    tree.background = (layer, content)
    _blocks(tree, section, slide.blocks)
    return tree


def _add(tree: SlideTree, parent: Element, tag: str, node: Node, attrs: Attrs) -> Element:
    element = SubElement(parent, tag)
    _attrs(element, attrs)
    tree.elements[id(node)] = element
    tree.nodes[id(node)] = node
    return element


def _spans(tree: SlideTree, parent: Element, runs: Iterable[Run]) -> None:
    """A `span` for each run inside raw HTML with a class or a style (`<span class=...>`), an
    `img` for each picture inline in the text."""
    for run in runs:
        if run.image is not None:
            _add(tree, parent, "img", run.image, run.image.attrs)
        elif run.classes or run.style:
            span = SubElement(parent, "span")
            if run.classes:
                span.set("class", " ".join(run.classes))
            if run.style:
                span.set("style", run.style)
            tree.elements[id(run)] = span
            tree.nodes[id(run)] = run


def _blocks(tree: SlideTree, parent: Element, blocks: Iterable[Block]) -> None:
    for block in blocks:
        if isinstance(block, Heading):
            element = _add(tree, parent, f"h{max(1, min(block.level, 6))}", block, block.attrs)
            _spans(tree, element, block.runs)
        elif isinstance(block, Paragraph):
            # text straight inside a raw HTML element is no `p` (an anonymous box: selectors
            # for `p` do not match it; it inherits from its parent all the same)
            tag = "md2pptx-text" if block.anonymous else "p"
            _spans(tree, _add(tree, parent, tag, block, block.attrs), block.runs)
        elif isinstance(block, BulletList | OrderedList):
            tag = "ol" if isinstance(block, OrderedList) else "ul"
            element = _add(tree, parent, tag, block, block.attrs)
            for item in block.items:
                li = _add(tree, element, "li", item, item.attrs)
                _spans(tree, li, item.runs)
                _blocks(tree, li, item.blocks)
        elif isinstance(block, CodeBlock):
            pre = _add(tree, parent, "pre", block, block.attrs)
            SubElement(pre, "code", {"class": f"hljs {block.language}".strip()})
        elif isinstance(block, Table):
            element = _add(tree, parent, "table", block, block.attrs)
            head = SubElement(SubElement(element, "thead"), "tr")
            for c, _cell in enumerate(block.header):
                tree.elements[cell_key(block, 0, c)] = SubElement(head, "th")
            body = SubElement(element, "tbody")
            for r, row in enumerate(block.rows, start=1):
                tr = SubElement(body, "tr")
                for c, _cell in enumerate(row):
                    tree.elements[cell_key(block, r, c)] = SubElement(tr, "td")
        elif isinstance(block, Image):
            p = SubElement(parent, "p")
            _add(tree, p, "img", block, block.attrs)
        elif isinstance(block, Quote):
            element = _add(tree, parent, "blockquote", block, block.attrs)
            _blocks(tree, element, block.blocks)
        elif isinstance(block, Rule):
            _add(tree, parent, "hr", block, block.attrs)
        elif isinstance(block, Group):
            element = _add(tree, parent, block.tag or "div", block, block.attrs)
            _blocks(tree, element, block.blocks)
        elif isinstance(block, Placeholder):
            _add(tree, parent, "div", block, block.attrs)
