"""Generate the md2pptx benchmark deck: a large, deterministic reveal-md Markdown file.

Usage::

    python bench/make_deck.py --slides 1000 --out /tmp/bench/deck.md [--seed 0]

The deck has front matter (``title``, ``theme: black``) and exactly ``--slides`` slides.
Every slide has a ``## Title N`` heading, five bullets mixing ``*em*``, ``**bold**`` and
``[text](https://example.org/N)`` links, and speaker notes (``Note:`` followed by three
paragraphs of about 40 words).  Every 10th slide adds a fenced ``python`` code block
(8 lines) and a GFM table of 4 columns by 3 body rows (plus header).  Every 5th slide
carries ``<!-- .slide: data-background="./bg.jpg" data-background-opacity="0.4" -->``;
``bg.jpg`` (1920x1080, from ``fixtures/make_images.py``) is written next to the deck.

Slides are grouped into horizontal groups separated by ``---``; every 4th group is a
vertical stack of three slides separated by ``----`` (the reveal-md default separators),
so both separators are exercised.  The same arguments always give the same bytes.
``--css-rules N`` adds a stylesheet of N rules (``css: bench.css``; a few match, most do
not, as in a real theme), for the cascade's benchmark.
``--cjk`` writes the same deck in Chinese (``lang: zh-CN``; words without spaces, sentences
ending with ``。``): the benchmark of font fallback, CFF conversion and CJK line breaking.
``--formulas N --diagrams M`` writes instead the math and diagram deck: N distinct formulas (half
inline in a sentence, half displayed: fractions, sums, integrals, roots, matrices, cases) and M
mermaid diagrams (flowcharts, sequence, class and state diagrams; every third one repeats an
earlier one, so identical diagrams are counted), two formulas and at most one diagram per slide.
``--plain`` writes that deck with each formula as a code span and each diagram as a ``text`` code
block: the same text without math or diagrams, to measure what they cost.
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
BACKGROUND_NAME = "bg.jpg"
BACKGROUND_SIZE = (1920, 1080)
VERTICAL_EVERY = 4  # every 4th group is a vertical stack ...
VERTICAL_DEPTH = 3  # ... of this many slides

_WORD_TEXT = """
community safety performance council budget report target review service digital
network resident survey partner police youth housing street lighting response
incident trend quarter annual strategy priority outcome measure data dashboard team
training volunteer neighbourhood patrol camera funding grant project pilot scheme
delivery improvement risk audit feedback meeting plan evidence analysis capacity
support outreach campaign awareness prevention
"""
WORDS: tuple[str, ...] = tuple(_WORD_TEXT.split())
_CJK_TEXT = """
社区 安全 绩效 议会 预算 报告 目标 审查 服务 数字 网络 居民 调查 伙伴 警方 青年 住房 街道 照明
响应 事件 趋势 季度 年度 战略 优先 成果 衡量 数据 仪表板 团队 培训 志愿者 邻里 巡逻 摄像头
资金 补助 项目 试点 计划 交付 改进 风险 审计 反馈 会议 证据 分析 能力 支持 宣传 活动 意识 预防
"""
CJK_WORDS: tuple[str, ...] = tuple(_CJK_TEXT.split())

PhotoMaker = Callable[[Path, tuple[int, int], int, str], Path]


def load_make_photo() -> PhotoMaker:
    """Import ``make_photo`` from ``fixtures/make_images.py`` by path (single source)."""
    path = REPO_ROOT / "fixtures" / "make_images.py"
    spec = importlib.util.spec_from_file_location("md2pptx_fixture_images", path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    make_photo: PhotoMaker = module.make_photo
    return make_photo


class _Text:
    """Deterministic filler text drawn from a seeded RNG."""

    def __init__(self, seed: int, cjk: bool = False) -> None:
        self.rng = random.Random(seed)
        self.cjk = cjk
        self.vocabulary = CJK_WORDS if cjk else WORDS

    def words(self, n: int) -> str:
        return ("" if self.cjk else " ").join(self.rng.choice(self.vocabulary) for _ in range(n))

    def sentence(self, n: int) -> str:
        text = self.words(n)
        return text + "。" if self.cjk else text[0].upper() + text[1:] + "."

    def paragraph(self, total: int) -> str:
        """About ``total`` words in sentences of 6-12 words."""
        parts: list[str] = []
        left = total
        while left > 0:
            n = self.rng.randint(6, 12)
            if left - n < 5:  # no one-word tail sentence
                n = left
            parts.append(self.sentence(n))
            left -= n
        return " ".join(parts)


def _bullets(text: _Text, n: int) -> list[str]:
    url = f"https://example.org/{n}"
    w = text.words
    cap = text.sentence
    return [
        f"- {cap(3)[:-1]} *{w(1)}* and {w(2)}",
        f"- **{w(2)}** {w(3)} [{w(2)}]({url})",
        f"- {cap(2)[:-1]} [{w(1)}]({url}) with *{w(2)}* and **{w(1)}**",
        f"- *{w(3)}* {w(2)}",
        f"- {cap(4)[:-1]} **{w(2)}**, see [{w(1)} {n}]({url})",
    ]


def _code(text: _Text, n: int) -> list[str]:
    name = text.rng.choice(WORDS)
    return [
        "```python",
        f"def {name}_{n}(values: list[int]) -> int:",
        f'    """Summarise {text.words(3)}."""',
        "    total = 0",
        "    for i, value in enumerate(values):",
        f"        if value % {text.rng.randint(2, 9)} == 0:",
        f"            total += value * {n}",
        "    return total + len(values)",
        f"print({name}_{n}([{', '.join(str(text.rng.randint(0, 99)) for _ in range(4))}]))",
        "```",
    ]


def _table(text: _Text, n: int) -> list[str]:
    rows = [
        "| Area | Target | Actual | Status |",
        "| :--- | ---: | ---: | :---: |",
    ]
    for _ in range(3):
        target = text.rng.randint(50, 100)
        actual = text.rng.randint(40, 110)
        status = "**met**" if actual >= target else "*missed*"
        rows.append(f"| {text.words(2)} {n} | {target}% | {actual}% | {status} |")
    return rows


def slide(text: _Text, n: int) -> str:
    """Markdown for slide ``n`` (1-based), without separators."""
    lines: list[str] = []
    if n % 5 == 0:
        attrs = f'data-background="./{BACKGROUND_NAME}" data-background-opacity="0.4"'
        lines += [f"<!-- .slide: {attrs} -->", ""]
    lines += [f"## Title {n}", "", *_bullets(text, n), ""]
    if n % 10 == 0:
        lines += [*_code(text, n), "", *_table(text, n), ""]
    lines += ["Note:", ""]
    for _ in range(3):
        lines += [text.paragraph(40), ""]
    return "\n".join(lines).rstrip("\n")


def groups(count: int) -> Iterator[list[int]]:
    """Slide numbers per horizontal group; every 4th group is a vertical stack."""
    n, g = 1, 1
    while n <= count:
        size = VERTICAL_DEPTH if g % VERTICAL_EVERY == 0 else 1
        yield list(range(n, min(n + size, count + 1)))
        n += size
        g += 1


def make_stylesheet(rules: int) -> str:
    """``rules`` CSS rules: every 50th matches the deck's elements, the rest name classes and
    ids no element has (selectors of the kinds real stylesheets use)."""
    out = []
    for i in range(rules):
        color = f"#{i % 256:02x}{(i * 7) % 256:02x}44"
        if i % 50 == 0:
            out.append(f".reveal section li:nth-child({i % 5 + 1}) {{ color: {color}; }}")
        else:
            kind = i % 4
            sel = (f".reveal .c{i} p", f"#id{i} > h2", f"section.s{i} li a", f"div.k{i} span")[kind]
            out.append(f"{sel} {{ color: {color}; margin: {i % 9}px; }}")
    return "\n".join(out) + "\n"


def make_deck(count: int, seed: int = 0, cjk: bool = False, css_rules: int = 0) -> str:
    """The whole deck as Markdown text (deterministic for ``count``, ``seed`` and ``cjk``)."""
    text = _Text(seed, cjk)
    lang = "lang: zh-CN\n" if cjk else ""
    css = "css: bench.css\n" if css_rules else ""
    head = f"---\ntitle: Benchmark deck ({count} slides)\ntheme: black\n{lang}{css}---\n"
    body = "\n\n---\n\n".join(
        "\n\n----\n\n".join(slide(text, n) for n in group) for group in groups(count)
    )
    return f"{head}\n{body}\n"


FORMULAS = (
    r"\frac{{a_{n}}}{{b + {n}}}",
    r"\sum_{{k=1}}^{{{n}}} k^2 = \frac{{{n}({n}+1)(2\cdot{n}+1)}}{{6}}",
    r"\int_0^{{{n}}} e^{{-x^2}}\,dx",
    r"\sqrt{{x^2 + {n}^2}} \le |x| + {n}",
    r"\begin{{pmatrix}} {n} & 1 \\ 0 & {n} \end{{pmatrix}}^{{-1}}",
    r"f_{n}(x) = \begin{{cases}} x^{n} & x \ge 0 \\ -x & \text{{otherwise}} \end{{cases}}",
    r"\hat{{\beta}}_{n} = (X^T X)^{{-1}} X^T y",
    r"\lim_{{h \to 0}} \frac{{f(x+{n}h) - f(x)}}{{h}}",
)
DIAGRAMS = (
    "flowchart LR\n  A{n}[Start {n}] --> B{n}{{Check}}\n  B{n} -->|yes| C{n}[Done]\n"
    "  B{n} -->|no| D{n}[Retry]\n  D{n} --> A{n}",
    "sequenceDiagram\n  participant U as User {n}\n  participant S as Server\n"
    "  U->>S: request {n}\n  S-->>U: response",
    "classDiagram\n  class Shape{n} {{\n    +area() float\n  }}\n  Shape{n} <|-- Circle{n}",
    "stateDiagram-v2\n  [*] --> Idle{n}\n  Idle{n} --> Busy{n}: job\n  Busy{n} --> Idle{n}: done",
)


def _formula(i: int, plain: bool) -> str:
    latex = FORMULAS[i % len(FORMULAS)].format(n=i // len(FORMULAS) + 2)
    return f"`{latex}`" if plain else latex


def distinct_diagrams(count: int) -> list[int]:
    """Which of the math deck's `count` diagrams are distinct (every third repeats one)."""
    return [d for d in range(count) if d % 3 != 2]


def make_math_deck(formulas: int, diagrams: int, plain: bool = False) -> str:
    """The math and diagram deck (see the module's docstring); deterministic."""
    text = _Text(0)
    slides: list[str] = []
    distinct = distinct_diagrams(diagrams)
    i = 0
    n = 0
    while i < formulas or n < diagrams:
        lines = [f"## Slide {len(slides) + 1}", ""]
        if i < formulas:
            inline = _formula(i, plain)
            lines += [f"{text.sentence(6)[:-1]} {inline if plain else '$' + inline + '$'} "
                      f"{text.words(4)}.", ""]  # fmt: skip
            i += 1
        if i < formulas:
            shown = _formula(i, plain)
            lines += [shown if plain else f"$${shown}$$", ""]
            i += 1
        if n < diagrams:
            source = n if n % 3 != 2 else distinct[(n // 3) % len(distinct)]
            body = DIAGRAMS[source % len(DIAGRAMS)].format(n=source)
            lines += ["```" + ("text" if plain else "mermaid"), body, "```", ""]
            n += 1
        lines += ["Note:", "", text.paragraph(30)]
        slides.append("\n".join(lines))
    head = f"---\ntitle: Math and diagrams ({formulas} formulas, {diagrams} diagrams)\n"
    head += "theme: white\n---\n"
    return head + "\n" + "\n\n---\n\n".join(slides) + "\n"


def _parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--slides", type=int, default=1000, help="number of slides (1000)")
    parser.add_argument("--out", type=Path, required=True, help="deck path, e.g. deck.md")
    parser.add_argument("--seed", type=int, default=0, help="text and image seed (0)")
    parser.add_argument("--cjk", action="store_true", help="the deck in Chinese")
    parser.add_argument("--css-rules", type=int, default=0, help="a stylesheet of N rules")
    parser.add_argument("--formulas", type=int, default=0, help="the math deck: N formulas")
    parser.add_argument("--diagrams", type=int, default=0, help="the math deck: M diagrams")
    parser.add_argument("--plain", action="store_true", help="the math deck without math")
    args = parser.parse_args(argv)
    if args.slides < 1:
        parser.error("--slides must be at least 1")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    """Write the deck and ``bg.jpg`` beside it."""
    args = _parse_args(argv)
    out: Path = args.out
    out.parent.mkdir(parents=True, exist_ok=True)
    if args.formulas or args.diagrams:
        out.write_text(make_math_deck(args.formulas, args.diagrams, args.plain), encoding="utf-8",
                       newline="\n")  # fmt: skip
        print(f"{out} ({args.formulas} formulas, {args.diagrams} diagrams)")
        return 0
    out.write_text(make_deck(args.slides, args.seed, args.cjk, args.css_rules), encoding="utf-8",
                   newline="\n")  # fmt: skip
    if args.css_rules:
        (out.parent / "bench.css").write_text(make_stylesheet(args.css_rules), encoding="utf-8")
    bg = load_make_photo()(out.parent / BACKGROUND_NAME, BACKGROUND_SIZE, args.seed, "blue-stage")
    print(f"{out} ({args.slides} slides, {out.stat().st_size} bytes); {bg}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
