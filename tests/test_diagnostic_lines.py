"""Every diagnostic carries the line of what caused it where the deck has one: those that
layout and the backends give (link targets that are not slides, relative links, fragment
styles without a PowerPoint effect, highlight and theme stylesheets), front-matter options
(a `description` that is not a string, `revealOptions.transitionSpeed`), and options set in
reveal.json / reveal-md.json, which have no line in the deck but name their file. Read back
from the conversion's diagnostics (PPTX and PDF written)."""

from __future__ import annotations

from pathlib import Path

import pytest

import converter
from converter.diagnostics import Diagnostic
from converter.reader import ReadOptions, hljs_styles
from converter.reader.hljs_styles import ENV_VAR
from converter.reader.locate import SourceLines

LINELESS = {"font", "css", "config"}  # a font found, the cascade's order, a config file read


@pytest.fixture(autouse=True)
def _no_installed_hljs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(hljs_styles, "SYSTEM_STYLE_DIRS", ())
    monkeypatch.delenv(ENV_VAR, raising=False)


def _convert(tmp_path: Path, md: str, **options: object) -> list[Diagnostic]:
    deck = tmp_path / "talk.md"
    deck.write_text(md, encoding="utf-8")
    result = converter.convert(deck, [tmp_path / "t.pptx", tmp_path / "t.pdf"],
                               read_options=ReadOptions(cwd=tmp_path, **options))  # type: ignore[arg-type]  # fmt: skip
    assert (tmp_path / "t.pptx").is_file() and (tmp_path / "t.pdf").is_file()
    return list(result.diagnostics)


def _line(diags: list[Diagnostic], code: str, text: str) -> int | None:
    found = [d for d in diags if d.code == code and text in d.message]
    assert len(found) == 1, (code, text, [d.format() for d in diags])
    return found[0].line


DECK = """\
---
title: Lines
theme: white
highlightTheme: no-such-theme
description: [1, 2]
revealOptions:
  transitionSpeed: warp
---

## One

Some text first.

See [the end](#/9) and [a section](#nowhere) and [a file](other.md).

- one <!-- .element: class="fragment custom" -->
- two

---

<!-- .slide: data-transition-speed="zap" -->

## Two

<p>An <a href="#/7/3">HTML link</a>.</p>

Note:
Read [this](#/8) aloud.
"""


def test_every_diagnostic_of_a_deck_has_its_line(tmp_path: Path) -> None:
    diags = _convert(tmp_path, DECK)
    lines = DECK.splitlines()

    def at(code: str, text: str, needle: str) -> None:
        line = _line(diags, code, text)
        assert line is not None and needle in lines[line - 1], (code, text, line)

    at("link", "#/9 ", "[the end](#/9)")
    at("link", "#nowhere ", "(#nowhere)")
    at("link", "relative link 'other.md'", "(other.md)")
    at("link", "#/7/3 ", '<a href="#/7/3">')
    at("link", "#/8 ", "Read [this](#/8)")  # in the notes
    at("fragment", "'custom'", "fragment custom")
    at("highlight-theme", "no-such-theme", "highlightTheme:")
    at("front-matter", "subject", "description:")
    at("transition", "'warp'", "revealOptions:")
    at("transition", "'zap'", "data-transition-speed")
    lineless = [d.format() for d in diags if d.line is None and d.code not in LINELESS]
    assert not lineless, lineless
    # the slide of each is right too
    assert {d.slide for d in diags if d.code == "link"} == {1, 2}


def test_link_on_a_later_slide_gets_that_slides_line(tmp_path: Path) -> None:
    """The same target on two slides is warned once, at the first use."""
    md = "## A\n\nno link\n\n---\n\n## B\n\n[x](#/5)\n\n---\n\n## C\n\n[y](#/5)\n"
    assert _line(_convert(tmp_path, md), "link", "#/5 ") == 9


def test_unreadable_theme_stylesheet_has_the_theme_line(tmp_path: Path) -> None:
    (tmp_path / "bad.css").write_bytes(b"\xff\xfe not utf-8")
    md = "---\ntitle: t\ntheme: ./bad.css\n---\n\n## One\n"
    assert _line(_convert(tmp_path, md), "unknown-theme", "cannot read theme stylesheet") == 3
    # given on the command line, the theme has no line in the deck
    md = "---\ntheme: night\n---\n\n## One\n"
    diags = _convert(tmp_path, md, theme="./bad.css")
    assert _line(diags, "unknown-theme", "cannot read theme stylesheet") is None
    assert _line(_convert(tmp_path, md, theme="zork"), "unknown-theme", "'zork'") is None
    assert _line(_convert(tmp_path, "---\ntheme: zork\n---\n"), "unknown-theme", "'zork'") == 2


def test_installed_highlight_theme_note_has_the_option_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    styles = tmp_path / "styles"
    styles.mkdir()
    (styles / "mine.css").write_text(".hljs { background: #101010; color: #eee }\n")
    monkeypatch.setenv(ENV_VAR, str(styles))
    md = "---\ntitle: t\n\nhighlightTheme: mine\n---\n\n## One\n\n```js\nlet a = 1\n```\n"
    assert _line(_convert(tmp_path, md), "highlight-theme", "mine.css") == 4


def test_config_file_options_name_their_file(tmp_path: Path) -> None:
    """Options from reveal.json / reveal-md.json have no line in the deck: the message says
    which file and option; the same option in the front matter has its line."""
    (tmp_path / "reveal.json").write_text('{"transitionSpeed": "warp", "width": 3}')
    (tmp_path / "reveal-md.json").write_text('{"revealOptions": {"transition": "spin"}}')
    diags = _convert(tmp_path, "## One\n")
    speed = [d for d in diags if "'warp'" in d.message]
    assert len(speed) == 1 and speed[0].line is None
    assert "transitionSpeed in reveal.json" in speed[0].message
    width = [d for d in diags if d.code == "reveal-options"]
    assert len(width) == 1 and "width in reveal.json = 3" in width[0].message
    spin = [d for d in diags if "'spin'" in d.message]
    assert "revealOptions.transition in reveal-md.json" in spin[0].message
    md = "---\nrevealOptions:\n  transitionSpeed: zap\n---\n\n## One\n"
    diags = _convert(tmp_path, md)
    assert _line(diags, "transition", "'zap'") == 2
    assert "in reveal.json" not in next(d for d in diags if "'zap'" in d.message).message


def test_source_lines_fall_back_to_the_slides_first_line() -> None:
    """A slide's diagnostic whose construct is not found gets its slide's first line; one about
    no slide and no option keeps none."""
    text = "---\ntheme: x\n---\n## A\n\ntext\n\n---\n\n## B\n\nmore\n"
    located = SourceLines.of(text, [4, 10], {"theme": 2})
    about = Diagnostic
    assert located.line_for(about("warning", "other", "something", slide=2)) == 10  # type: ignore[arg-type]
    assert located.line_for(about("warning", "unknown-theme", "cannot read")) == 2  # type: ignore[arg-type]
    assert located.line_for(about("info", "font", "font X -> Y")) is None  # type: ignore[arg-type]
    link = about("warning", "link", "link target #/4 is not a slide; not linked", slide=1)  # type: ignore[arg-type]
    assert located.line_for(link) == 4  # not in the deck's text: the slide's line
