"""Front matter indented with tabs, read as reveal-md reads it (issue 12).

reveal-md reads front matter with yaml-front-matter 4.1.1, which calls js-yaml 3 (`jsYaml.load`;
its range ^3.14.1 resolves to 3.15.2). js-yaml 3 takes a tab in a line's indentation as the end
of the indentation, so a line indented with tabs alone is a top-level key; PyYAML refuses such
YAML. The expected values below were taken from js-yaml 3.14.1 and 3.15.2 (both give the same),
each front matter loaded with `yaml.load` and printed as JSON. js-yaml 4.x (4.1.0 to 4.3.2) is not
what reveal-md runs: it refuses every tab-indented case here with "tab characters must not be
used in indentation".
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import pytest
from conftest import only, read

from converter.cli.main import main
from converter.diagnostics import ConversionError, Diagnostics, Severity
from converter.reader import source
from converter.reader.source import split_front_matter


def front_matter(yaml: str) -> tuple[dict[str, Any], list[tuple[str, int | None]]]:
    """The front matter mapping of a deck with `yaml` as its front matter, and the
    (code, line) of each diagnostic reading it gave."""
    diags = Diagnostics("talk.md")
    found = split_front_matter(f"---\n{yaml}\n---\n# T\n", diags)
    return found.front_matter, [(d.code, d.line) for d in diags.as_tuple()]


# (front matter, what js-yaml 3 reads, the file line the warning names: the front matter's first
# line is line 2). Values from js-yaml 3.14.1 / 3.15.2.
JS_YAML_3 = [
    ("title: A\n\ttheme: black", {"title": "A", "theme": "black"}, 3),
    ("revealOptions:\n\ttransition: fade\n\tcontrols: false",
     {"revealOptions": None, "transition": "fade", "controls": False}, 3),
    ("a: 1\n\t\tb: 2", {"a": 1, "b": 2}, 3),
    ("revealOptions:\n  transition: fade\n\tcontrols: false",
     {"revealOptions": {"transition": "fade"}, "controls": False}, 4),
    ("revealOptions:\n\t  transition: fade", {"revealOptions": None, "transition": "fade"}, 3),
    ("revealOptions:\n  \ttransition: fade", {"revealOptions": {"transition": "fade"}}, 3),
    ("\ttitle: A", {"title": "A"}, 2),
    ("title:\n\t- a", {"title": ["a"]}, 3),
    ("a:\n  b:\n\t\tc: 1", {"a": {"b": None}, "c": 1}, 4),
    ("a:\n\tb:\n\t\tc: 1", {"a": None, "b": None, "c": 1}, 3),
    ("title: A # c\n\ttheme: b", {"title": "A", "theme": "b"}, 3),
    ("title: A\n\ttheme: black\n\t\tfoo: bar", {"title": "A", "theme": "black", "foo": "bar"}, 3),
    ("- a\n\t- b", ["a", "b"], 3),  # not a mapping: warned about and ignored, as before
    ("title: [a,\n\tb]", {"title": ["a", "b"]}, 3),
    ("a: &x [1]\n\tb: *x", {"a": [1], "b": [1]}, 3),
    ("x:\n  a:\n  \t b: 1\n  c: 2", {"x": {"a": None, "b": 1, "c": 2}}, 4),
    ("title: plain\n  \tcontinued", {"title": "plain continued"}, 3),
    ("a:\n  b: 1\n\t# note\n  c: 2", {"a": {"b": 1, "c": 2}}, 4),
    # block scalar text keeps its tabs; the tab-indented line after it is a top-level key
    ("code: |\n  \tfoo\n\tx: 1", {"code": "\tfoo\n", "x": 1}, 4),
    # tabs at line ends are dropped
    ("title: A\t", {"title": "A"}, 2),
    ("revealOptions:\t\n  controls: false", {"revealOptions": {"controls": False}}, 2),
]


@pytest.mark.parametrize(("yaml", "expected", "line"), JS_YAML_3, ids=[c[0] for c in JS_YAML_3])
def test_tabbed_front_matter_gives_what_js_yaml_gives(yaml: str, expected: Any, line: int) -> None:
    values, found = front_matter(yaml)
    assert values == (expected if isinstance(expected, dict) else {})
    assert found[0] == ("front-matter", line)
    assert all(code == "front-matter" for code, _ in found)


def test_the_warning_names_the_first_tab_indented_line(tmp_path: Path) -> None:
    res = read("---\ntitle: A\nrevealOptions:\n\ttransition: fade\n\tcontrols: false\n---\n# T",
               tmp_path)
    diag = only(res, "front-matter")
    assert diag.severity is Severity.WARNING
    assert diag.line == 4
    assert "indents with tabs (line 4, and 1 more line)" in diag.message
    assert "top-level key" in diag.message


def test_tabs_at_line_ends_only_get_their_own_warning(tmp_path: Path) -> None:
    diag = only(read("---\ntitle: A\t\ntheme: white\n---\n# T", tmp_path), "front-matter")
    assert (diag.severity, diag.line) == (Severity.WARNING, 2)
    assert "tabs at line ends" in diag.message


def test_template_deck_reads_as_reveal_md_reads_it(tmp_path: Path) -> None:
    # `theme` is a top-level key either way; `revealOptions` is null and its tab-indented options
    # are top-level keys, which reveal-md ignores: the defaults stay
    md = (
        "---\ntitle: My talk\n\ttheme: white\nrevealOptions:\n\ttransition: 'fade'\n"
        "\tslideNumber: false\n---\n\n# One\n\n---\n\n# Two\n"
    )
    res = read(md, tmp_path)
    assert [d.code for d in res.diagnostics] == ["front-matter"]
    deck = res.deck
    assert deck.meta.title == "My talk"
    assert deck.theme == "white"
    assert deck.options.transition.in_style == "convex"  # reveal-md's default, not fade
    assert deck.options.slide_number == "h.v"
    assert [s.title for s in deck.slides] == ["One", "Two"]


# (front matter, the line of the error): js-yaml refuses these too (its error line in comments)
BROKEN = [
    ("list:\n\t- a\n\t- b", 3),  # js-yaml: end of the stream or a document separator is expected
    ("title: A\n\ttitle: B", 3),  # js-yaml: duplicated mapping key
    ("title: plain\n\tcontinued", 3),  # js-yaml: a multiline key may not be an implicit key
    ("revealOptions:\n    transition: fade\n\tcontrols: false\n    progress: true", 4),
    ("\ttitle: A\n\ttheme: B", 2),  # js-yaml: end of the stream or a document separator ...
    ("title: |\n  line1\n\tline2", 4),  # js-yaml: a multiline key may not be an implicit key
    ("title: x\n\ttheme: [unclosed", 3),  # js-yaml: unexpected end of the stream
    ("a:\n  \tb: 1\n  \tc: 2", 3),  # js-yaml: bad indentation of a mapping entry
]


@pytest.mark.parametrize(("yaml", "line"), BROKEN, ids=[c[0] for c in BROKEN])
def test_yaml_that_js_yaml_refuses_is_still_an_error_with_its_line(
    tmp_path: Path, yaml: str, line: int
) -> None:
    with pytest.raises(ConversionError) as info:
        read(f"---\n{yaml}\n---\n# T", tmp_path)
    diag = info.value.diagnostic
    assert (diag.code, diag.severity, diag.line) == ("front-matter", Severity.ERROR, line)
    assert diag.message.startswith("broken YAML front matter")
    assert [d.severity for d in info.value.diagnostics] == [Severity.ERROR]  # no tab warning


def test_yaml_without_tabs_never_takes_the_tab_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_: object, **__: object) -> None:
        raise AssertionError("read_tabbed called")

    monkeypatch.setattr(source, "read_tabbed", refuse)
    res = read("---\ntitle: A\nrevealOptions:\n  transition: fade\n---\n# T", tmp_path)
    assert res.diagnostics == () and res.deck.options.transition.in_style == "fade"
    with pytest.raises(ConversionError) as info:
        read("---\ntitle: ok\n  bad: indent\n---\n# T", tmp_path)
    assert info.value.diagnostic.line == 3


def test_json_front_matter_with_tabs_is_read_without_a_warning() -> None:
    # yaml-front-matter JSON.parses a block that starts with "{"; tabs there are whitespace
    values, found = front_matter('{\n\t"title": "A",\n\t"revealOptions": {"controls":\tfalse}\n}')
    assert values == {"title": "A", "revealOptions": {"controls": False}}
    assert found == []


def test_the_guards_stay_on_the_tab_path(tmp_path: Path) -> None:
    levels = ["a: &a [x,x,x,x,x,x,x,x,x]"] + [
        f"{n}: &{n} [{','.join(['*' + p] * 9)}]" for p, n in zip("abcdefg", "bcdefgh", strict=True)
    ]
    bomb = "\n".join(levels) + "\n\tkeywords: [*h, *h]"
    with pytest.raises(ConversionError) as info:
        read(f"---\n{bomb}\n---\n# A", tmp_path)
    assert "too large" in info.value.diagnostic.message
    values, found = front_matter('title: A\n\tauthor: "a\\x00b"\n\tloop: &r [*r]')
    assert values == {"title": "A", "author": "ab", "loop": [None]}
    assert found == [("front-matter", 3), ("invalid-character", 3), ("front-matter", 4)]


def test_tab_indented_template_deck_converts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deck = tmp_path / "talk.md"
    deck.write_text(
        "---\ntitle: Tabs\n\ttheme: white\nrevealOptions:\n\ttransition: 'fade'\n"
        "\tcontrols: false\n---\n\n# One\n\nText\n\n---\n\n# Two\n",
        encoding="utf-8",
    )
    out = tmp_path / "talk.pptx"
    code = main([str(deck), "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 0, err
    assert f"{deck}:3: warning: front matter indents with tabs (line 3" in err
    assert err.rstrip().endswith("[front-matter]")
    with zipfile.ZipFile(out) as pptx:
        slides = [n for n in pptx.namelist() if n.startswith("ppt/slides/slide")]
        assert len(slides) == 2
        assert "Tabs" in pptx.read("docProps/core.xml").decode()
