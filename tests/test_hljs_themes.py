"""highlight.js themes read from where highlight.js is installed, mapped to Pygments tokens.

The themes here are small stylesheets written for the tests (their own colours) in a temporary
folder that `MD2PPTX_HLJS_STYLES` or a `node_modules` beside the deck points at; the system's
folders are switched off (`SYSTEM_STYLE_DIRS`), so nothing depends on what is installed, except
the one test marked to run where Debian's libjs-highlight.js is. The code colours and the code
block's background are read back from the PPTX (python-pptx) and the PDF (PyMuPDF's spans and
drawings).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pymupdf
import pytest
from conftest import read
from pptx import Presentation

import converter
from converter.diagnostics import Severity
from converter.reader import hljs_styles
from converter.reader.hljs_styles import (
    ENV_VAR,
    find_hljs_theme,
    normalise_theme_name,
    theme_file_names,
)
from converter.reader.stylesheets import MAX_CSS_BYTES
from converter.style.color import Color
from converter.style.hljs import hljs_css_style, missing_theme_message

# a theme in highlight.js 11's spelling, with colours of its own
MYTHEME = """
pre code.hljs { display: block; overflow-x: auto; padding: 1em }
code.hljs { padding: 3px 5px }
.hljs { background: #102030 url(./paper.png) repeat; color: #e0e0e0 }
.hljs-title.function_ { color: #0000ff }
.hljs-title { color: #123456 }                      /* less specific: not the functions' */
.hljs-keyword { color: #ff0000; font-weight: bold }
.hljs-meta .hljs-keyword { color: #abcdef }         /* only inside .hljs-meta */
.hljs-string { color: #00ff00 }
.hljs-comment { color: #808000; font-style: italic }
.hljs-literal { color: #ff00ff }
.hljs-built_in { color: #00ffff }
"""
CODE = '```python\ndef f(x):\n    return "hi" + len(x)  # note\n```\n'
EXPECTED = {"def": 0xFF0000, "f": 0x0000FF, '"hi"': 0x00FF00, "# note": 0x808000, "len": 0x00FFFF}
SYSTEM_GITHUB = Path("/usr/share/javascript/highlight.js/styles/github.css")


@pytest.fixture(autouse=True)
def _nothing_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only the themes a test writes: no system folders, no MD2PPTX_HLJS_STYLES of the
    caller's."""
    monkeypatch.setattr(hljs_styles, "SYSTEM_STYLE_DIRS", ())
    monkeypatch.delenv(ENV_VAR, raising=False)


def _styles(folder: Path, name: str = "mytheme", css: str = MYTHEME) -> Path:
    path = folder / f"{name}.css"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(css, encoding="utf-8")
    return path


def _deck(folder: Path, theme: str, body: str = CODE) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    deck = folder / "talk.md"
    deck.write_text(f"---\nhighlightTheme: {theme}\n---\n\n{body}", encoding="utf-8")
    return deck


def _spans(pdf: Path) -> dict[str, dict[str, Any]]:
    with pymupdf.open(pdf) as doc:
        spans = [s for block in doc[0].get_text("dict")["blocks"]
                 for line in block.get("lines", []) for s in line["spans"]]  # fmt: skip
    return {s["text"].strip(): s for s in spans}


def _fills(pdf: Path) -> set[tuple[int, int, int]]:
    with pymupdf.open(pdf) as doc:
        return {tuple(round(c * 255) for c in d["fill"])
                for d in doc[0].get_drawings() if d.get("fill")}  # fmt: skip


def _code_shape(pptx: Path) -> Any:
    prs = Presentation(str(pptx))
    return next(s for s in prs.slides[0].shapes if s.has_text_frame and "def" in s.text_frame.text)


def _runs(pptx: Path) -> dict[str, tuple[str, bool | None, bool | None]]:
    out = {}
    for para in _code_shape(pptx).text_frame.paragraphs:
        for run in para.runs:
            out[run.text.strip()] = (str(run.font.color.rgb), run.font.bold, run.font.italic)
    return out


def _convert(deck: Path) -> tuple[Path, Path, converter.Result]:
    pptx, pdf = deck.parent / "t.pptx", deck.parent / "t.pdf"
    result = converter.convert(deck, [pptx, pdf])
    return pptx, pdf, result


def test_an_installed_theme_colours_the_code_in_the_pptx_and_the_pdf(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    css = _styles(tmp_path / "styles")
    monkeypatch.setenv(ENV_VAR, f"{tmp_path / 'missing'}{hljs_styles.os.pathsep}{css.parent}")
    pptx, pdf, result = _convert(_deck(tmp_path / "deck", "mytheme"))
    assert [d.code for d in result.warnings] == []
    noted = [d.message for d in result.diagnostics if d.code == "highlight-theme"]
    assert noted == [f"highlight theme mytheme: {css}"]  # what --check -v lists
    spans = _spans(pdf)
    assert {k: spans[k]["color"] for k in EXPECTED} == EXPECTED
    assert "Bold" in spans["def"]["font"] and "Italic" in spans["# note"]["font"]
    assert (0x10, 0x20, 0x30) in _fills(pdf)  # the .hljs background, past its url()
    assert str(_code_shape(pptx).fill.fore_color.rgb) == "102030"
    runs = _runs(pptx)
    assert {k: int(runs[k][0], 16) for k in EXPECTED} == EXPECTED
    assert runs["def"][1] is True and runs["# note"][2] is True
    assert int(runs["(x):"][0], 16) == 0xE0E0E0  # unstyled: the block's colour


def test_node_modules_beside_the_deck_or_above_it(tmp_path: Path) -> None:
    styles = tmp_path / "node_modules" / "highlight.js" / "styles"
    _styles(styles / "base16", "beside")  # highlight.js 11 keeps many themes in base16/
    reveal_md = tmp_path / "node_modules" / "reveal-md" / "node_modules" / "highlight.js" / "styles"
    _styles(reveal_md, "kimbie-dark")
    deck_dir = tmp_path / "talks" / "2024"
    deck_dir.mkdir(parents=True)
    for name, found in [
        ("beside", styles / "base16" / "beside.css"),
        ("base16/beside.css", styles / "base16" / "beside.css"),
        ("kimbie.dark", reveal_md / "kimbie-dark.css"),  # highlight.js 9's spelling
        ("styles/Kimbie-Dark.min.css", reveal_md / "kimbie-dark.css"),
    ]:
        deck = read(f"---\nhighlightTheme: {name}\n---\n\n{CODE}", deck_dir).deck
        assert deck.highlight_css is not None, name
        assert deck.highlight_css.origin == str(found)
        assert deck.highlight_css.text == MYTHEME
    assert find_hljs_theme("beside", tmp_path.parent / "elsewhere") is None


def test_the_env_var_comes_before_node_modules(tmp_path: Path) -> None:
    _styles(tmp_path / "node_modules" / "highlight.js" / "styles", css=".hljs { color: red }")
    first = _styles(tmp_path / "mine")
    environ = {ENV_VAR: str(first.parent)}
    assert find_hljs_theme("mytheme", tmp_path, environ) == first
    assert find_hljs_theme("mytheme", tmp_path, {}) != first


def test_a_renamed_theme_importing_its_new_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    styles = tmp_path / "styles"
    _styles(styles, "newname")
    _styles(tmp_path, "evil", ".hljs { background: #ff0000 }")
    _styles(styles, "oldname", "/* renamed */\n@import url('newname.css');\n")
    _styles(styles, "sneaky", "@import url('../evil.css');\n.hljs-keyword { color: #010203 }")
    md = f"---\nhighlightTheme: oldname\n---\n\n{CODE}"
    monkeypatch.setenv(ENV_VAR, str(styles))
    old = read(md, tmp_path).deck.highlight_css
    sneaky = read(md.replace("oldname", "sneaky"), tmp_path).deck.highlight_css
    assert old is not None and old.origin == str(styles / "oldname.css")
    assert MYTHEME in old.text
    assert sneaky is not None and "#ff0000" not in sneaky.text  # only beside it, plain names


def test_name_normalisation() -> None:
    assert normalise_theme_name(" styles/Atom-One-Light.min.css ") == "atom-one-light"
    assert normalise_theme_name("base16/zenburn.css") == "base16/zenburn"
    assert theme_file_names("kimbie.dark")[:2] == ["kimbie.dark.css", "kimbie-dark.css"]
    assert "kimbie.dark.css" in theme_file_names("kimbie-dark")
    assert "qtcreator-dark.css" in theme_file_names("qtcreator_dark")
    assert "qtcreator_dark.css" in theme_file_names("qtcreator-dark")
    assert theme_file_names("base16/dracula")[:2] == ["base16/dracula.css", "dracula.css"]
    assert "base16/solarized-dark.css" in theme_file_names("solarized-dark")


@pytest.mark.parametrize(
    "name", ["../evil", "styles/../../evil", "/etc/passwd", "a b", "x\\y", "..", ".hidden", ""]
)
def test_only_plain_names_are_looked_up(tmp_path: Path, name: str) -> None:
    _styles(tmp_path, "evil")
    _styles(tmp_path / "styles", "mytheme")
    assert normalise_theme_name(name) is None
    assert theme_file_names(name) == []
    assert find_hljs_theme(name, tmp_path, {ENV_VAR: str(tmp_path / "styles")}) is None


def test_a_path_out_of_the_styles_folder_is_refused_in_a_deck(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _styles(tmp_path, "evil")
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "styles"))
    (tmp_path / "styles").mkdir()
    _pptx, _pdf, result = _convert(_deck(tmp_path / "deck", "../evil"))
    assert [d.code for d in result.warnings] == ["highlight-theme"]
    assert "unknown highlight theme '../evil'" in result.warnings[0].message


def test_unknown_and_uninstalled_names_keep_their_warning(tmp_path: Path) -> None:
    _pptx, pdf, result = _convert(_deck(tmp_path / "a", "no-such-theme"))
    (warning,) = result.warnings
    assert warning.code == "highlight-theme" and warning.severity is Severity.WARNING
    assert warning.message == "unknown highlight theme 'no-such-theme'; using zenburn"
    assert _spans(pdf)["def"]["color"] == 0xDC8CC3  # zenburn's keyword
    _pptx, _pdf, result = _convert(_deck(tmp_path / "b", "vs2015"))  # real, not installed
    (warning,) = result.warnings
    assert warning.code == "highlight-theme"
    assert "is a highlight.js theme, but its stylesheet is not installed" in warning.message
    for hint in ("apt install libjs-highlight.js", "npm install highlight.js", ENV_VAR):
        assert hint in warning.message
    newer = missing_theme_message("github-dark-dimmed")  # only in highlight.js 11: npm, not apt
    assert "npm install highlight.js" in newer and "apt install" not in newer
    assert "apt install" in missing_theme_message("kimbie-dark")  # 9 spells it kimbie.dark


def test_precedence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    installed = tmp_path / "styles"
    monkeypatch.setenv(ENV_VAR, str(installed))
    _styles(installed, "mytheme", ".hljs { background: #000000 } .hljs-keyword { color: #111111 }")
    # a .css file in the deck's folder beats an installed theme of that name
    deck_dir = tmp_path / "deck"
    _styles(deck_dir, "mytheme")
    _pptx, pdf, result = _convert(_deck(deck_dir, "mytheme.css"))
    assert [d.code for d in result.warnings] == []
    assert result.deck is not None and result.deck.highlight_css is not None
    assert result.deck.highlight_css.origin == "mytheme.css"
    assert _spans(pdf)["def"]["color"] == 0xFF0000
    # the built-in zenburn beats an installed zenburn.css
    _styles(installed, "zenburn", ".hljs-keyword { color: #111111 }")
    deck = read(f"---\nhighlightTheme: zenburn\n---\n\n{CODE}", tmp_path / "deck").deck
    assert deck.highlight_css is None
    # an installed theme beats the Pygments style of the same look
    _styles(installed, "monokai", MYTHEME)
    _pptx, pdf, result = _convert(_deck(tmp_path / "mono", "monokai"))
    assert [d.code for d in result.warnings] == []
    assert _spans(pdf)["def"]["color"] == 0xFF0000
    # ... which is used when none is installed
    _pptx, pdf, result = _convert(_deck(tmp_path / "mono2", "monokai-sublime"))
    assert [d.code for d in result.warnings] == []
    assert _spans(pdf)["def"]["color"] == 0x66D9EF  # Pygments' monokai


def test_an_oversized_theme_is_a_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "styles"))
    _styles(tmp_path / "styles", "big", MYTHEME + "/*" + "x" * MAX_CSS_BYTES + "*/")
    _pptx, _pdf, result = _convert(_deck(tmp_path / "deck", "big"))
    assert [d.code for d in result.warnings] == ["highlight-theme", "highlight-theme"]
    assert "larger than" in result.warnings[0].message


def _hex(color: Color) -> str:
    return f"{color.r:02x}{color.g:02x}{color.b:02x}"


def test_highlight_js_9_and_11_spellings() -> None:
    v9 = """
    .hljs { display: block; overflow-x: auto; padding: 0.5em; background: #f8f8f8 }
    .hljs, .hljs-subst { color: #444 }
    .hljs-keyword, .hljs-literal { color: #333; font-weight: bold }
    .hljs-subst { font-weight: normal }
    .hljs-title, .hljs-section { color: #900; font-weight: bold }
    .hljs-class .hljs-title, .hljs-type { color: #458 }
    .hljs-meta-keyword { color: #00aa00 }
    .hljs-tag .hljs-attr { color: #008080 }
    .hljs-attribute { color: #000080 }
    """
    style = hljs_css_style("old", v9)
    assert style is not None
    assert (_hex(style.background), _hex(style.foreground)) == ("f8f8f8", "444444")
    assert style.style_for("Keyword") == style.style_for("Keyword.Constant")
    assert _hex(style.color_for("Keyword")) == "333333" and style.style_for("Keyword").bold
    assert _hex(style.color_for("Name.Function")) == "990000"
    assert _hex(style.color_for("Name.Class")) == "445588"
    assert style.style_for("Name.Class").bold  # `.hljs-title`'s weight, `.hljs-class .hljs-title`
    assert _hex(style.color_for("Comment.Preproc")) == "00aa00"
    assert _hex(style.color_for("Name.Attribute")) == "008080"  # HTML's, inside the tag
    assert _hex(style.color_for("Literal.Number.Integer")) == "444444"  # not the literal's
    v11 = """
    pre code.hljs { display: block; padding: 1em }
    .hljs { color: #24292e; background: url(a.png) repeat scroll left top #fefefe }
    .hljs-title.class_, .hljs-class .hljs-title { color: white; }
    .hljs-title { color: #a6e22e; font-weight: bold }
    .hljs-meta { color: #75715e }
    .hljs-meta .hljs-string { color: #032f62 }
    .hljs-keyword { color: #d73a49 !important }
    .hljs-keyword { color: #000000 }
    .hljs-variable.language_ { color: #e36209 }
    .hljs-link:hover, #x .hljs-string, .hljs-string + .hljs-number { color: #ff0000 }
    @media (prefers-color-scheme: dark) { .hljs { background: #000000 } }
    """
    style = hljs_css_style("new", v11)
    assert style is not None
    assert (_hex(style.background), _hex(style.foreground)) == ("fefefe", "24292e")
    assert _hex(style.color_for("Name.Class")) == "ffffff" and style.style_for("Name.Class").bold
    assert _hex(style.color_for("Name.Function")) == "a6e22e"
    assert _hex(style.color_for("Comment.PreprocFile")) == "032f62"
    # C's `#include`: a keyword inside .hljs-meta (highlight.js 11), with no rule of its own
    assert _hex(style.color_for("Comment.Preproc")) == "d73a49"
    assert _hex(style.color_for("Name.Decorator")) == "75715e"
    assert _hex(style.color_for("Name.Attribute")) == "24292e"  # HTML's, in an unstyled tag
    assert _hex(style.color_for("Keyword")) == "d73a49"  # !important
    assert _hex(style.color_for("Name.Builtin.Pseudo")) == "e36209"
    assert _hex(style.color_for("Literal.String")) == "24292e"
    assert hljs_css_style("none", "p { color: red }") is None


@pytest.mark.skipif(not SYSTEM_GITHUB.exists(), reason="Debian's libjs-highlight.js not installed")
def test_debians_github_theme(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.undo()  # the system's folders, as a user has them
    monkeypatch.delenv(ENV_VAR, raising=False)
    deck = _deck(tmp_path / "deck", "github")
    found = find_hljs_theme("github", deck.parent)
    assert found is not None
    css = found.read_text(encoding="utf-8")
    rule = re.search(r"\.hljs-keyword[^{]*\{([^}]*)\}", css)
    assert rule is not None
    keyword = re.search(r"color:\s*#([0-9a-fA-F]{3,6})", rule.group(1))
    assert keyword is not None
    expected = keyword.group(1) if len(keyword.group(1)) == 6 else "".join(
        2 * c for c in keyword.group(1))  # fmt: skip
    pptx, pdf, result = _convert(deck)
    assert [d.code for d in result.warnings] == []
    assert _spans(pdf)["def"]["color"] == int(expected, 16)
    fill = str(_code_shape(pptx).fill.fore_color.rgb)
    assert Color.from_hex(f"#{fill}").is_dark is False  # a light block, as github's is
    assert int(_runs(pptx)["def"][0], 16) == int(expected, 16)
