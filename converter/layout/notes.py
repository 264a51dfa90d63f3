"""Speaker notes: the notes blocks of a slide as styled paragraphs.

Input: the model blocks of a slide's notes, the typesetter and the theme. Output: a tuple of
`TextParagraph`s in a neutral notes style (black text on white paper, the theme's body font at
12 pt, headings bold, lists with bullets and levels, code in the monospace font), wrapped to a
notes-page width. The PPTX backend writes them into the notes placeholder with fonts and sizes
set on every run (LibreOffice ignores the notes master's styles); the handout re-wraps them.
"""

from __future__ import annotations

from converter.layout.boxes import Bullet, TextParagraph
from converter.layout.text import TextStyle, Typesetter
from converter.model import (
    Block,
    BulletList,
    CodeBlock,
    Group,
    Heading,
    Image,
    OrderedList,
    Paragraph,
    Placeholder,
    Quote,
    Run,
    Table,
    plain_text,
)
from converter.style.color import Color
from converter.style.themes import Theme

NOTES_SIZE = 12.0
NOTES_WIDTH = 468.0  # 6.5 in: a notes page's text column (the handout wraps to its own)
BLACK = Color(0, 0, 0)
LINK = Color(0x1A, 0x5F, 0xB4)
INDENT = 18.0
BULLETS = ("•", "–", "◦")


def notes_paragraphs(
    blocks: tuple[Block, ...], ts: Typesetter, theme: Theme
) -> tuple[TextParagraph, ...]:
    style = TextStyle(theme.main_font, theme.code_font, NOTES_SIZE, BLACK, LINK, 1.25)
    out: list[TextParagraph] = []
    _blocks(blocks, ts, style, out, 0)
    return tuple(out)


def _para(
    runs: tuple[Run, ...],
    ts: Typesetter,
    style: TextStyle,
    out: list[TextParagraph],
    level: int = 0,
    bullet: Bullet | None = None,
    space: float = 6.0,
) -> None:
    indent = INDENT * (level + (1 if bullet else 0))
    out.append(
        ts.paragraph(
            ts.runs(runs, style),
            NOTES_WIDTH - indent,
            style,
            align="left",
            level=level,
            bullet=bullet,
            indent=indent,
            hanging=INDENT if bullet else 0.0,
            space_before=space if out else 0.0,
            measure=False,
        )
    )


def _blocks(
    blocks: tuple[Block, ...],
    ts: Typesetter,
    style: TextStyle,
    out: list[TextParagraph],
    level: int,
) -> None:
    for block in blocks:
        if isinstance(block, Heading):
            heading = TextStyle(
                style.families, style.code_families, NOTES_SIZE + 2, BLACK, LINK, 1.25, bold=True
            )
            _para(block.runs, ts, heading, out, level, space=10.0)
        elif isinstance(block, Paragraph):
            _para(block.runs, ts, style, out, level)
        elif isinstance(block, BulletList | OrderedList):
            for i, item in enumerate(block.items):
                if isinstance(block, OrderedList):
                    bullet = Bullet(
                        number=block.start + i, start=block.start, size=NOTES_SIZE, color=BLACK
                    )
                else:
                    bullet = Bullet(char=BULLETS[min(level, 2)], size=NOTES_SIZE, color=BLACK)
                _para(item.runs, ts, style, out, level, bullet, space=2.0)
                _blocks(item.blocks, ts, style, out, level + 1)
        elif isinstance(block, CodeBlock):
            code = TextStyle(
                style.code_families, style.code_families, NOTES_SIZE - 2, BLACK, LINK, 1.2
            )
            for line in block.text.split("\n"):
                _para((Run(line or " ", code=True),), ts, code, out, level, space=0.0)
        elif isinstance(block, Quote | Group):
            _blocks(block.blocks, ts, style, out, level)
        elif isinstance(block, Table):
            rows = ([block.header] if any(block.header) else []) + list(block.rows)
            for row in rows:
                text = " | ".join(plain_text(cell) for cell in row)
                _para((Run(text),), ts, style, out, level, space=2.0)
        elif isinstance(block, Image):
            _para(
                (Run(f"[image: {block.alt or block.source.src}]", italic=True),),
                ts,
                style,
                out,
                level,
            )
        elif isinstance(block, Placeholder):
            _para((Run(f"[{block.label}]", italic=True),), ts, style, out, level)
