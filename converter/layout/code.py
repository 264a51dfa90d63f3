"""Code highlighting: a `CodeBlock` to one list of coloured runs per source line.

Input: a model `CodeBlock` (text, language) and the highlight style (zenburn by default).
Output: a list with one tuple of `Run`s per line, coloured by Pygments tokens mapped to the
highlight.js style's colours. Unknown or missing languages are plain text (highlight.js would
guess; guessing is slow and often wrong, so md2pptx does not).
"""

from __future__ import annotations

from functools import lru_cache

from pygments.lexer import Lexer
from pygments.lexers import get_lexer_by_name
from pygments.lexers.special import TextLexer
from pygments.util import ClassNotFound

from converter.model import CodeBlock, Run
from converter.themes import HighlightStyle

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
