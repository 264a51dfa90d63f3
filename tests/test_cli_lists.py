"""`--list-themes` and `--list-highlight-themes`: what is built in, read back from the printed
tables. The system's highlight.js folders are switched off (`SYSTEM_STYLE_DIRS`), so the
highlight list holds only the stylesheets the tests write."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from converter.cli.main import main
from converter.reader import hljs_styles
from converter.reader.hljs_styles import ENV_VAR
from converter.style.themes import THEMES


@pytest.fixture(autouse=True)
def _nothing_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(hljs_styles, "SYSTEM_STYLE_DIRS", ())
    monkeypatch.delenv(ENV_VAR, raising=False)


def _run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    status = main(list(argv), out=out, err=io.StringIO())
    return status, out.getvalue()


def _rows(text: str) -> dict[str, list[str]]:
    """The table's rows by their first cell (columns split on two spaces or more)."""
    import re

    table = text.split("\n\n")[0].splitlines()[1:]
    return {cells[0]: cells for cells in (re.split(r"\s{2,}", line.strip()) for line in table)}


def test_list_themes_prints_every_builtin_theme_with_colours_and_fonts() -> None:
    status, text = _run("--list-themes")
    assert status == 0
    rows = _rows(text)
    assert len(rows) == len(THEMES) == 14
    assert set(rows) == {*THEMES, "black (default)"} - {"black"}
    assert rows["black (default)"][1:] == ["#191919", "#ffffff", "#ffffff", "Source Sans Pro",
                                           "Source Sans Pro"]  # fmt: skip
    assert rows["night"][1:] == ["#111111", "#eeeeee", "#eeeeee", "Montserrat", "Open Sans"]
    assert rows["moon"][2:4] == ["#93a1a1", "#eee8d5"]
    assert rows["league"][1] == "#2b2b2b (gradient #555a5f to #1c1e20)"
    assert rows["serif"][4:] == ["Palatino Linotype", "Palatino Linotype"]
    assert "--theme path/to/theme.css" in text


def _sheet(folder: Path, name: str, background: str) -> Path:
    path = folder / f"{name}.css"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f".hljs {{ background: {background}; color: #eeeeee }}\n"
                    ".hljs-keyword { color: #ff0000 }\n", encoding="utf-8")  # fmt: skip
    return path


def test_list_highlight_themes_built_in_installed_and_pygments(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    styles = tmp_path / "styles"
    mine = _sheet(styles, "my-theme", "#123456")
    _sheet(styles, "base16/ocean-deep", "#010203")
    _sheet(styles, "zenburn", "#ffffff")  # the built-in zenburn is taken before an installed one
    _sheet(styles, "monokai.min", "#222222")  # never looked up: a deck's NAME is NAME.css
    monkeypatch.setenv(ENV_VAR, str(styles))
    status, text = _run("--list-highlight-themes")
    assert status == 0
    rows = _rows(text)
    assert rows["my-theme"] == ["my-theme", "#123456", str(mine)]
    assert rows["base16/ocean-deep"][1] == "#010203"
    assert rows["zenburn"] == ["zenburn", "#383838", "built in"]
    assert rows["base16/zenburn"] == ["base16/zenburn", "#383838", "built in"]
    assert rows["monokai"][1:] == ["#272822", "built in (Pygments monokai)"]
    assert rows["nord"][1:] == ["#2e3440", "built in (Pygments nord)"]  # not installed here
    assert "2 installed highlight.js stylesheets" in text


def test_list_highlight_themes_finds_the_decks_node_modules(tmp_path: Path) -> None:
    """With an INPUT, the stylesheets a deck in its folder would find (its node_modules)."""
    deck_dir = tmp_path / "talk"
    styles = deck_dir / "node_modules" / "highlight.js" / "styles"
    _sheet(styles, "github-dark-dimmed", "#22272e")
    status, text = _run("--list-highlight-themes", str(deck_dir / "talk.md"))
    assert status == 0
    found = _rows(text)["github-dark-dimmed"]
    assert found[1:] == ["#22272e", str(styles / "github-dark-dimmed.css")]
    status, text = _run("--list-highlight-themes")  # from the working directory: not found
    assert "github-dark-dimmed" not in _rows(text)


def test_lists_are_quick_and_load_no_backend(tmp_path: Path) -> None:
    """Listing imports the theme data and the reader (for its stylesheet lookup) only: no
    layout, no backend, no font or image library."""
    code = (
        "import json, sys, io\n"
        "from converter.cli.main import main\n"
        "status = main(['--list-themes', '--list-highlight-themes'], out=io.StringIO())\n"
        "print(json.dumps([status, sorted(sys.modules)]))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True,
                          text=True, timeout=60, check=True)  # fmt: skip
    status, modules = json.loads(done.stdout)
    assert status == 0
    heavy = [m for m in modules if m.split(".")[0] in ("pptx", "reportlab", "PIL", "fontTools",
             "uharfbuzz", "lxml", "pymupdf", "fitz", "ziamath", "mermaidx")
             or m.startswith(("converter.layout", "converter.render", "converter.text"))]
    assert not heavy, heavy


def test_help_and_exit_status_of_the_lists() -> None:
    done = subprocess.run([sys.executable, "-m", "converter", "--help"], capture_output=True,
                          text=True, timeout=60, check=True)  # fmt: skip
    assert "--list-themes" in done.stdout and "--list-highlight-themes" in done.stdout
    done = subprocess.run([sys.executable, "-m", "converter", "--list-themes"],
                          capture_output=True, text=True, timeout=60)  # fmt: skip
    assert done.returncode == 0 and "dracula" in done.stdout and not done.stderr
