"""Source loading and option precedence: BOM, CRLF, front matter, reveal-md.json, CLI flags."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from converter.diagnostics import ConversionError
from converter.reader import ReadOptions, read_file, read_text


def titles(md: str, **kw: object) -> list[str | None]:
    return [s.title for s in read_text(md, **kw).deck.slides]  # type: ignore[arg-type]


def test_bom_and_crlf_are_normalised() -> None:
    md = "\ufeff---\r\ntitle: T\r\n---\r\n# A\r\n\r\n---\r\n\r\n# B\r\nNote: n\r\n"
    deck = read_text(md).deck
    assert deck.meta.title == "T"
    assert [s.title for s in deck.slides] == ["A", "B"]
    assert deck.slides[1].notes_text == "n"


def test_lone_cr_line_ends() -> None:
    assert titles("# A\r\r---\r\r# B\r") == ["A", "B"]


def test_front_matter_options_and_meta() -> None:
    md = (
        "---\ntitle: Deck\nauthor: Ada\nkeywords: [a, b]\ndate: 2024-05-01\ntheme: moon\n"
        "highlightTheme: monokai\nrevealOptions:\n  transition: zoom\n  transitionSpeed: fast\n"
        "  slideNumber: c/t\n  width: 1280\n  height: 720\n  center: false\n"
        "  markdown:\n    animateLists: true\n---\n# A\n"
    )
    deck = read_text(md).deck
    assert deck.meta.title == "Deck" and deck.meta.author == "Ada"
    assert deck.meta.keywords == ("a", "b") and deck.meta.date == "2024-05-01"
    assert deck.theme == "moon" and deck.highlight_theme == "monokai"
    opts = deck.options
    assert (opts.width, opts.height, opts.center) == (1280, 720, False)
    assert opts.transition.in_style == "zoom" and opts.transition.speed == "fast"
    assert opts.slide_number == "c/t" and opts.animate_lists


def test_reveal_md_defaults() -> None:
    deck = read_text("# A\n").deck
    assert deck.theme == "black"
    assert deck.options.slide_number == "h.v"
    assert deck.options.transition.in_style == "convex"  # 'default' is convex
    assert (deck.options.width, deck.options.height) == (960, 700)


def test_front_matter_that_is_not_a_mapping_is_ignored_with_warning() -> None:
    res = read_text("---\n# Title\n\n---\n# B\n")
    [warning] = [d for d in res.diagnostics if d.code == "front-matter"]
    assert "not a mapping" in warning.message and warning.line == 1
    assert res.deck.meta.title is None


def test_empty_body_after_front_matter_uses_whole_file() -> None:
    res = read_text("---\ntitle: x\n---")
    assert len(res.deck.slides) >= 1


def test_broken_yaml_is_fatal_with_line() -> None:
    with pytest.raises(ConversionError) as exc:
        read_text("---\na: 1\nb: : :\n---\n# A\n", name="t.md")
    assert exc.value.diagnostic.code == "front-matter"
    assert exc.value.diagnostic.line == 3
    assert exc.value.diagnostic.file == "t.md"


def test_unknown_theme_falls_back_to_black() -> None:
    res = read_text("---\ntheme: neon\n---\n# A\n")
    assert res.deck.theme == "black"
    [w] = [d for d in res.diagnostics if d.code == "unknown-theme"]
    assert "neon" in w.message and w.line == 2


def test_theme_css_path(tmp_path: Path) -> None:
    (tmp_path / "brand.css").write_text(":root { --r-main-color: #123456; }", encoding="utf-8")
    res = read_text("---\ntheme: brand.css\n---\n# A\n", deck_dir=tmp_path,
                    options=ReadOptions(cwd=tmp_path))
    assert res.deck.theme == "black" and res.deck.theme_css == tmp_path / "brand.css"


def test_reveal_md_json_beside_deck(tmp_path: Path) -> None:
    (tmp_path / "reveal-md.json").write_text(json.dumps({
        "separator": "^===$", "theme": "sky", "revealOptions": {"transition": "fade"},
    }), encoding="utf-8")
    deck_path = tmp_path / "talk.md"
    deck_path.write_text("# A\n===\n# B\n", encoding="utf-8")
    deck = read_file(deck_path, ReadOptions(cwd=tmp_path / "elsewhere")).deck
    assert [s.title for s in deck.slides] == ["A", "B"]
    assert deck.theme == "sky" and deck.options.transition.in_style == "fade"


def test_reveal_md_json5_in_working_directory(tmp_path: Path) -> None:
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    (cwd / "reveal-md.json5").write_text("{verticalSeparator: '^vvv$', // comment\n}",
                                         encoding="utf-8")
    deck_path = tmp_path / "talk.md"
    deck_path.write_text("# A\nvvv\n# B\n", encoding="utf-8")
    slides = read_file(deck_path, ReadOptions(cwd=cwd)).deck.slides
    assert [(s.h, s.v) for s in slides] == [(0, 0), (0, 1)]


def test_precedence_cli_over_front_matter_over_json(tmp_path: Path) -> None:
    (tmp_path / "reveal-md.json").write_text(json.dumps({"theme": "sky", "separator": "^A$"}),
                                             encoding="utf-8")
    deck_path = tmp_path / "talk.md"
    deck_path.write_text("---\ntheme: moon\nseparator: ^B$\n---\n# 1\nA\n# 2\nB\n# 3\nC\n# 4\n",
                         encoding="utf-8")
    deck = read_file(deck_path, ReadOptions(cwd=tmp_path)).deck
    assert deck.theme == "moon"
    assert [s.title for s in deck.slides] == ["1", "3"]
    deck = read_file(deck_path, ReadOptions(cwd=tmp_path, theme="white", separator="^C$")).deck
    assert deck.theme == "white"
    assert [s.title for s in deck.slides] == ["1", "4"]


def test_notes_separator_from_reveal_options_markdown() -> None:
    md = ("---\nrevealOptions:\n  markdown:\n    notesSeparator: '^Speaker:'\n---\n"
          "# A\nSpeaker: hi\n")
    slide = read_text(md).deck.slides[0]
    assert slide.notes_text == "hi"


def test_broken_reveal_md_json_is_a_warning(tmp_path: Path) -> None:
    (tmp_path / "reveal-md.json").write_text("{nope", encoding="utf-8")
    deck_path = tmp_path / "talk.md"
    deck_path.write_text("# A\n", encoding="utf-8")
    res = read_file(deck_path, ReadOptions(cwd=tmp_path))
    assert any(d.code == "config" and "cannot read" in d.message for d in res.diagnostics)


def test_invalid_separator_regex_is_fatal() -> None:
    with pytest.raises(ConversionError) as exc:
        read_text("---\nseparator: '(unclosed'\n---\n# A\n")
    assert exc.value.diagnostic.code == "separator" and exc.value.diagnostic.line == 2


def test_js_named_groups_are_translated() -> None:
    assert titles("# A\n--x--\n# B\n", options=ReadOptions(separator=r"^--(?<n>x)--$")) == [
        "A", "B"]


def test_empty_matching_separator_is_ignored_with_warning() -> None:
    res = read_text("# A\n# B\n", options=ReadOptions(separator="^"))
    assert len(res.deck.slides) == 1
    assert any(d.code == "separator" for d in res.diagnostics)


def test_bad_reveal_options_values_warn() -> None:
    res = read_text("---\nrevealOptions:\n  width: '80%'\n  slideNumber: weird\n---\n# A\n")
    codes = [d.code for d in res.diagnostics]
    assert codes.count("reveal-options") == 2
    assert res.deck.options.width == 960 and res.deck.options.slide_number == "h.v"


def test_invalid_xml_characters_dropped_with_warning() -> None:
    res = read_text("# A\x00B\n\ntext\x0b and \x1b esc\n")
    assert res.deck.slides[0].title == "AB"
    lines = [d.line for d in res.diagnostics if d.code == "invalid-character"]
    assert lines == [1, 3]
