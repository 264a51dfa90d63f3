"""The corpus check: the reader agrees with reveal.js (the oracle JSON) on real decks.

For every deck in ../shared/corpus/ and the seed deck, compare with `*.oracle.json` (what
reveal.js 5.1.0's own markdown plugin makes of it): slide count, h/v, titles, notes text,
slide attributes, body text, and the counts of fragments, images, code blocks, tables and list
items. Where dialect.md Part A says we differ, the difference is asserted explicitly. Decks in
folders are compared when the reader is expected to agree on them: the Head-first deck makes
28 slides of raw `<section>` elements (vertical stacks), as reveal.js does.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from converter.model import (
    Block,
    BulletList,
    CodeBlock,
    Group,
    Image,
    ListItem,
    OrderedList,
    Quote,
    Slide,
    Table,
)
from converter.reader import read_file
from converter.reader.report import fragment_count

SHARED = Path(__file__).resolve().parents[2] / "shared"
DECKS = sorted(p for p in (SHARED / "corpus").glob("*.md") if p.name != "README.md")
DECKS.append(SHARED / "corpus" / "Tatsurou-Yajima__Head-first-for-study-meeting" / "chapter-5.md")
DECKS.append(SHARED / "seed" / "community-safety.md")

pytestmark = pytest.mark.skipif(
    not (SHARED / "corpus").is_dir(), reason=f"the shared corpus is not present at {SHARED}"
)


def squash(text: str | None) -> str:
    return " ".join((text or "").split())


def walk(blocks: tuple[Block, ...]) -> list[Block | ListItem]:
    out: list[Block | ListItem] = []
    for block in blocks:
        out.append(block)
        if isinstance(block, BulletList | OrderedList):
            for item in block.items:
                out.append(item)
                out.extend(walk(item.blocks))
        elif isinstance(block, Quote | Group):
            out.extend(walk(block.blocks))
    return out


def counts(slide: Slide) -> dict[str, Any]:
    nodes = walk(slide.blocks)
    return {
        "fragments": fragment_count(slide),
        "images": [n.source.src for n in nodes if isinstance(n, Image)],
        "code_blocks": sum(isinstance(n, CodeBlock) for n in nodes),
        "tables": sum(isinstance(n, Table) for n in nodes),
        "list_items": sum(isinstance(n, ListItem) for n in nodes),
    }


@pytest.mark.parametrize("deck", DECKS, ids=lambda p: p.stem[:40])
def test_reader_agrees_with_reveal(deck: Path) -> None:
    oracle = json.loads(deck.with_suffix(".oracle.json").read_text(encoding="utf-8"))
    read = read_file(deck).deck
    slides = read.slides
    # the oracle's text is textContent, which holds the CSS of an in-deck <style>: not slide text
    css = ["".join(sheet.text.split()) for sheet in read.stylesheets if sheet.origin == "<style>"]
    assert len(slides) == len(oracle["slides"])
    for expected, slide in zip(oracle["slides"], slides, strict=True):
        where = f"slide {slide.number} (line {slide.line})"
        assert (slide.h, slide.v) == (expected["h"], expected["v"]), where
        assert squash(slide.title) == squash(expected["title"]), where
        assert squash(slide.notes_text) == squash(expected["notes"]), where
        assert dict(slide.attributes) == expected["attributes"], where
        # textContent glues a code block to the next element without a space: compare letters
        text = "".join(expected["text"].split())
        for sheet in css:
            text = text.replace(sheet, "")
        assert "".join(slide.text.split()) == text, where
        mine = counts(slide)
        for key, value in mine.items():
            assert value == expected[key], f"{where}: {key}"


def test_corpus_unclosed_final_fence_protects_nothing() -> None:
    """Part A: the cjsteel deck ends in a stray pair of fences around `----`; a code block that
    holds nothing but a separator protects nothing, so both slides stay (as in reveal.js) and
    each unclosed fence gets a warning with its line."""
    deck = SHARED / "corpus" / "cjsteel__presentation-reveal-md-ansible-dev-stack__slides.md"
    result = read_file(deck)
    unclosed = [d for d in result.diagnostics if d.code == "unclosed-fence"]
    assert [d.line for d in unclosed] == [686, 690]
    assert [d.slide for d in unclosed] == [52, 53]
    assert not [d for d in result.diagnostics if d.code == "fence-separator"]
    last = result.deck.slides[-1]
    assert (last.h, last.v) == (6, 5)
    assert isinstance(last.blocks[0], CodeBlock) and last.blocks[0].text == ""


def test_corpus_diagnostics_name_file_and_line() -> None:
    deck = SHARED / "corpus" / "webpro__reveal-md__demo-a.md"
    result = read_file(deck)
    [missing] = [d for d in result.diagnostics if d.code == "missing-image"]
    assert missing.format() == f"{deck}:3: warning: image not found: sub/cat.jpg [missing-image]"
    assert missing.slide == 1


def test_corpus_raw_sections_make_vertical_stacks() -> None:
    """The Head-first deck: 12 Markdown slides, 28 slides as reveal.js makes them of its raw
    `<section>` blocks; the heading written outside the sections of one slide is on no slide
    of its stack (reveal.js lays it over them): dropped with a warning naming its line."""
    deck = SHARED / "corpus" / "Tatsurou-Yajima__Head-first-for-study-meeting" / "chapter-5.md"
    result = read_file(deck)
    stacks = result.deck.stacks()
    assert len(result.deck.slides) == 28
    assert [len(stack) for stack in stacks] == [1, 3, 2, 3, 1, 1, 2, 1, 1, 11, 1, 1]
    assert [s.in_stack for s in result.deck.slides].count(True) == 22
    [dropped] = [d for d in result.diagnostics if d.code == "stack-content"]
    assert (dropped.line, dropped.slide) == (41, 7)
    assert "Singletonの実装" in dropped.message
    assert result.deck.slides[7].classes == ("text-left",)
