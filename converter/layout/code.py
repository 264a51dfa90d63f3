"""Code highlighting: a `CodeBlock` to one list of coloured runs per source line.

Input: a model `CodeBlock` (text, language) and the highlight style (zenburn by default).
Output: a list with one tuple of `Run`s per line, coloured by Pygments tokens mapped to the
highlight.js style's colours. Unknown or missing languages are plain text (highlight.js would
guess; guessing is slow and often wrong, so md2pptx does not).

Line highlights (`[1|2-3]`, dialect.md §3.6) are laid out as reveal's highlight plugin builds
them: the block shows the first step, with the lines outside it dimmed to 40 % opacity (blended
into the code background); every further step is a copy of the block stacked on top as a
fade-in fragment (`highlight_steps`), numbered on after the block's own
`data-fragment-index` when it is a fragment with one. A step that matches no line dims
nothing, as in reveal.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING

from converter.layout.boxes import TextLine, TextParagraph, TextRun
from converter.model import CodeBlock, Fragment, Run
from converter.style.color import Color
from converter.style.themes import HighlightStyle

if TYPE_CHECKING:
    from pygments.lexer import Lexer

DIM_OPACITY = 0.4  # reveal.scss: .hljs.has-highlights tr:not(.highlight-line) { opacity: .4 }

ALIASES = {
    "js": "javascript",
    "ts": "typescript",
    "sh": "bash",
    "shell": "bash",
    "yml": "yaml",
    "py": "python",
    "md": "markdown",
    "html": "html",
    "jsx": "jsx",
}


@lru_cache(maxsize=64)
def _lexer(language: str) -> Lexer:
    # Pygments is loaded by the first deck that has code, not by every run.
    from pygments.lexers import get_lexer_by_name
    from pygments.lexers.special import TextLexer
    from pygments.util import ClassNotFound

    name = ALIASES.get(language.lower(), language.lower())
    if not name:
        return TextLexer(stripnl=False, ensurenl=False)
    try:
        return get_lexer_by_name(name, stripnl=False, ensurenl=False)
    except ClassNotFound:
        return TextLexer(stripnl=False, ensurenl=False)


@lru_cache(maxsize=256)
def code_runs(block: CodeBlock, style: HighlightStyle) -> list[tuple[Run, ...]]:
    lines: list[list[Run]] = [[]]
    for token_type, value in _lexer(block.language).get_tokens(block.text):
        token = style.style_for(str(token_type))
        color = token.color if token.color is not None else style.foreground
        parts = value.split("\n")
        for i, part in enumerate(parts):
            if i:
                lines.append([])
            if part:
                run = Run(part, bold=token.bold, italic=token.italic, code=True, color=color)
                line = lines[-1]
                if (
                    line
                    and line[-1].color == color
                    and line[-1].bold == run.bold
                    and (line[-1].italic == run.italic)
                ):
                    line[-1] = line[-1].with_text(line[-1].text + part)
                else:
                    line.append(run)
    expected = block.text.count("\n") + 1
    while len(lines) > expected and not lines[-1]:
        lines.pop()
    return [tuple(line) for line in lines]


def highlight_steps(
    block: CodeBlock, paragraphs: list[TextParagraph], background: Color
) -> list[tuple[tuple[TextParagraph, ...], Fragment | None]]:
    """One `(paragraphs, fragment)` per highlight step: the first is the block itself (its own
    fragment), the others the stacked copies with their fade-in fragments."""
    steps = block.highlight_steps or ((),)
    base = block.attrs.fragment
    start = base.index if base is not None else None
    out: list[tuple[tuple[TextParagraph, ...], Fragment | None]] = []
    for k, lines in enumerate(steps):
        fragment = base if k == 0 else Fragment("fade-in", None if start is None else start + k)
        out.append((_dimmed(paragraphs, lines, background), fragment))
    return out


def _dimmed(
    paragraphs: list[TextParagraph], lines: tuple[int, ...], background: Color
) -> tuple[TextParagraph, ...]:
    lit = {n for n in lines if 1 <= n <= len(paragraphs)}
    if not lit:
        return tuple(paragraphs)
    return tuple(p if i in lit else _dim(p, background) for i, p in enumerate(paragraphs, 1))


def _dim(para: TextParagraph, background: Color) -> TextParagraph:
    looks: dict[Color, Color] = {}

    def run(r: TextRun) -> TextRun:
        color = looks.get(r.color)
        if color is None:
            color = looks[r.color] = r.color.with_alpha(r.color.a * DIM_OPACITY).over(background)
        return replace(r, color=color)

    lines = tuple(
        TextLine(tuple(run(r) for r in ln.runs), ln.width, ln.height, ln.ascent)
        for ln in para.lines
    )
    return replace(para, runs=tuple(run(r) for r in para.runs), lines=lines)
