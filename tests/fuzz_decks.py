"""Fuzzing building blocks shared by `tests/test_fuzz.py` (hypothesis) and `bench/fuzz.py`
(the long `make fuzz` campaign).

Input: a random source (a hypothesis strategy or a seeded `random.Random`). Output: deck texts
made of the reveal-md dialect's pieces (separators, notes markers, attribute comments, fences,
lists, tables, HTML, odd characters), and `convert_and_check`, which converts one deck to PPTX
and PDF and checks the outcome: a result or a `ConversionError`, never another exception; and
when files were written, they open (python-pptx, pypdf strict) and, when asked, pass
openxml-audit and `qpdf --check`.
"""

from __future__ import annotations

import random
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from hypothesis import strategies as st

from converter.api import convert
from converter.diagnostics import ConversionError, Severity

PIECES = [
    "\n---\n", "\n----\n", "\n\n---\n\n", "Note:", "notes: ", "\nNote: x\n", "\n```\n",
    "```js [1|2-3]\n", "~~~\n", "```python [5: 1,3]\n",
    '<!-- .slide: data-background="#ff0000" -->', '<!-- .element: class="fragment" -->',
    '<!-- .slide: data-background-opacity="2" data-transition="zoom-in warp" -->',
    '<!-- .slide: data-background-color="rgba(0,0,0,-4)" data-background-image="x.png" -->',
    '<!-- .slide: data-background="linear-gradient(45deg, red, #zz0)" -->',
    '<!-- .element: class="fragment fade-up" data-fragment-index="-9" -->',
    '<!-- .slide: data-visibility="hidden" -->', "<!--", "-->", "# ", "## Title", "### ",
    "- item\n", "  - nested\n", "      - deeper\n", "1. one\n", "3) three\n", "- [x] done\n",
    "| a | b |\n|---|--:|\n", "| 1 | 2 | 3 |\n", "![i](img.png)", "![i](missing.png)",
    '<img src="../../etc/passwd">', "![r](https://example.org/a.png)",
    "![d](data:image/png;base64,xx)",
    "<div>", "</div>", '<div class="r-stack">', "<b>", "</span>", '<span style="color: #f00">',
    "<section>", "<aside class=\"notes\">", "</aside>", "<iframe src=x>", "<video>", "<table>",
    "&amp;", "&lt;", "&#0;", "&#x1b;", "]]>", "<![CDATA[", "<?xml?>", "<para>", "<font name=x>",
    "\x00", "\x0b", "\x1b", "\u202e", "\ufeff", "\ufffe", "😀", "é", "\u0301", "\r\n", "\r", "\t",
    "    code\n", "> quote\n", ">>> deep\n", "$$x$$", "\\(x\\)", "**", "_", "`", "~~", "[l](#/2)",
    "[l](#/9/9)", "<https://x.org>", "\\", "---\ntitle: [\n---\n", "---\ntitle: \"<b>&\"\n---\n",
    "---\ntheme: nope\nrevealOptions:\n  transition: warp\n  width: -1\n---\n",
    "x" * 300, "word " * 60, "\n\n",
    # every script: CJK, right to left, Indic, emoji sequences, marks, bidi controls
    "中文字体测试，汉字。", "日本語のテキスト", "한국어", "مرحبا بالعالم", "שלום עולם", "नमस्ते",
    "ไทย", "👨\u200d👩\u200d👧", "🇫🇷", "1\ufe0f\u20e3", "❤\ufe0f", "\u200d", "\ufe0f",
    "\u200f", "\u202b", "\u2067", "\u0651", "\U0001e4d0", "\U000f0001", '<p dir="rtl">',
    "<!-- .slide: dir=\"rtl\" -->", "---\nlang: zh-TW\n---\n", "*斜体*", "**粗体**",
    # the deck's own CSS: odd selectors, values, variables, broken rules
    "<style>.a{color:red}li:nth-child(2n+1){font-size:3em;border:2px solid}</style>",
    "<style>:root{--a:var(--b) var(--b);--b:var(--c) var(--c);--c:x}h2{color:var(--a)}</style>",
    "<style>p{padding:9999px;margin:-5em;opacity:2;font-size:-3px;line-height:0}</style>",
    "<style>{{{;}}} @media print{p{color:red}} p::before{content:'x'} ][</style>",
    '<span class="a" style="color: nope; font-weight: 950">s</span>', '<p style="display:none">',
    "---\ncss: nope.css\nhighlightTheme: x.css\n---\n", "---\ntitle: a\n\ttheme: b\n---\n",
    # inline SVG: unclosed, nested, odd sizes, entities, text, CDATA
    '<svg width="40" height="20" viewbox="0 0 4 2">', "</svg>", "<svg>", '<svg width="0">',
    '<rect width="4" height="2" fill="url(#g)"/>', "<lineargradient id=g><stop/>",
    '<text x="1" y="1">t<tspan>s</tspan></text>', '<svg viewBox="0 0 1e400 nan">',
    '<image href="/etc/passwd"/>', "<![CDATA[<x>]]>", "<style>rect{opacity:.5}</style>",
]

TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)), max_size=20
)
decks = st.lists(st.one_of(st.sampled_from(PIECES), TEXT), max_size=40).map("".join)


def random_deck(rng: random.Random, max_pieces: int = 40) -> str:
    """A deck from `rng`: the same seed gives the same deck."""
    parts: list[str] = []
    for _ in range(rng.randint(0, max_pieces)):
        if rng.random() < 0.8:
            parts.append(rng.choice(PIECES))
        else:
            parts.append("".join(chr(rng.choice((rng.randint(32, 126), rng.randint(0, 0x2FFF))))
                                 for _ in range(rng.randint(0, 12))))
    return "".join(c for c in "".join(parts) if not 0xD800 <= ord(c) <= 0xDFFF)


@dataclass
class Outcome:
    written: bool
    error_code: str | None = None


def deck_folder(folder: Path) -> Path:
    """A deck folder with one real image (`img.png`) beside where the deck goes."""
    folder.mkdir(parents=True, exist_ok=True)
    image = folder / "img.png"
    if not image.exists():
        from PIL import Image

        Image.new("RGB", (8, 6), (200, 30, 30)).save(image)
    return folder


def convert_and_check(text: str, folder: Path, audit: bool = False) -> Outcome:
    """Convert `text` (as `folder/deck.md`) to PPTX and PDF and check the outcome; raises
    AssertionError (or the unexpected exception) when a check fails."""
    deck = deck_folder(folder) / "deck.md"
    deck.write_bytes(text.encode("utf-8"))
    pptx, pdf = folder / "deck.pptx", folder / "deck.pdf"
    for old in (pptx, pdf):
        old.unlink(missing_ok=True)
    try:
        result = convert(deck, [pptx, pdf])
    except ConversionError as exc:
        assert exc.diagnostic.severity is Severity.ERROR and exc.diagnostic.file == str(deck)
        assert not pptx.exists() and not pdf.exists()
        return Outcome(False, exc.diagnostic.code)
    assert result.outputs == (pptx, pdf)
    for d in result.diagnostics:
        assert d.line is None or d.line >= 1, d
    check_pptx(pptx, audit)
    check_pdf(pdf, audit)
    leftovers = [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]
    assert not leftovers, leftovers
    return Outcome(True)


def check_pptx(path: Path, audit: bool = False) -> None:
    from pptx import Presentation

    prs = Presentation(str(path))
    assert len(prs.slides) >= 1
    if audit:
        from conftest import assert_valid_pptx

        assert_valid_pptx(path)


def check_pdf(path: Path, audit: bool = False) -> None:
    from pypdf import PdfReader

    reader = PdfReader(str(path), strict=True)
    for page in reader.pages:
        page.extract_text()
    if audit and shutil.which("qpdf"):
        done = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True,
                              check=False)
        assert done.returncode == 0, done.stdout + done.stderr
