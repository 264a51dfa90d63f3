"""What `--list-themes` and `--list-highlight-themes` print: the looks a deck can name.

Input: the built-in theme data (`converter.style.themes`), the built-in code style and the
Pygments equivalents of highlight.js themes (`converter.style.highlight`, `converter.style.hljs`),
and the highlight.js stylesheets installed where a deck in `folder` would find them
(`converter.reader.hljs_styles`). Output: plain-text tables, one row per theme: the reveal.js
themes with their background, text and heading colours and their heading and body fonts; the
highlight themes with their background and where they come from. Only the theme data and the
stylesheet reader are imported, not the layout or the backends, so listing is quick.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

from converter.diagnostics import Diagnostics
from converter.model.color import Color
from converter.reader.hljs_styles import hljs_style_dirs, normalise_theme_name, read_hljs_theme
from converter.style.highlight import HIGHLIGHT_STYLES, HighlightStyle
from converter.style.hljs import PYGMENTS_EQUIVALENTS, hljs_css_style, pygments_style
from converter.style.themes import DEFAULT_THEME, THEMES, Theme

__all__ = ["highlight_theme_rows", "list_highlight_themes", "list_themes", "theme_rows"]

Row = tuple[str, ...]


def _font(families: Sequence[str]) -> str:
    """The family a theme asks for first (its CSS `font-family` list's head)."""
    return families[0] if families else ""


def _background(theme: Theme) -> str:
    gradient = theme.background_gradient
    if gradient is None:
        return theme.background.hex
    first, last = gradient.stops[0].color.hex, gradient.stops[-1].color.hex
    return f"{theme.background.hex} (gradient {first} to {last})"


def theme_rows() -> list[Row]:
    """One row per built-in reveal.js theme, by name: name, background, text colour, heading
    colour, heading font, body font."""
    rows: list[Row] = []
    for name in sorted(THEMES):
        theme = THEMES[name]
        label = f"{name} (default)" if name == DEFAULT_THEME else name
        rows.append((label, _background(theme), theme.main_color.hex, theme.heading_color.hex,
                     _font(theme.heading_font), _font(theme.main_font)))  # fmt: skip
    return rows


def _table(header: Row, rows: Sequence[Row]) -> str:
    widths = [max(len(cell) for cell in column) for column in zip(header, *rows, strict=True)]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
             for row in (header, *rows)]  # fmt: skip
    return "\n".join(lines) + "\n"


def list_themes() -> str:
    """The `--list-themes` text."""
    header = ("theme", "background", "text", "headings", "heading font", "body font")
    return (
        _table(header, theme_rows())
        + f"\n{len(THEMES)} built-in reveal.js 5.1.0 themes: `theme: NAME` in the front matter or "
        "--theme NAME;\na theme stylesheet of your own: --theme path/to/theme.css.\n"
    )


def _installed(folder: Path | None, environ: Mapping[str, str] | None
               ) -> Iterator[tuple[str, Path]]:  # fmt: skip
    """(name, stylesheet) of each highlight.js theme installed where a deck in `folder` looks,
    the first found of each name (what the deck gets)."""
    seen: set[str] = set()
    for styles in hljs_style_dirs(folder, environ):
        if not styles.is_dir():
            continue
        for path in sorted(styles.rglob("*.css")):
            if path.name.endswith(".min.css"):  # a deck's name is looked up as NAME.css only
                continue
            name = normalise_theme_name(path.relative_to(styles).as_posix())
            if name is None or name in seen:
                continue
            seen.add(name)
            yield name, path


def _style_of(name: str, folder: Path | None, environ: Mapping[str, str] | None
              ) -> HighlightStyle | None:  # fmt: skip
    sheet = read_hljs_theme(name, folder, None, Diagnostics(), environ)
    return hljs_css_style(name, sheet.text) if sheet is not None else None


def _colour(color: Color | None) -> str:
    return color.hex if color is not None else "?"


def highlight_theme_rows(folder: Path | None = None, environ: Mapping[str, str] | None = None
                         ) -> list[Row]:  # fmt: skip
    """One row per highlight theme a deck in `folder` can name: name, background, where it
    comes from, in the order a conversion takes them: the built-in zenburn, an installed
    highlight.js stylesheet, the Pygments style of the same look."""
    rows: dict[str, Row] = {name: (name, style.background.hex, "built in")
                            for name, style in HIGHLIGHT_STYLES.items()}  # fmt: skip
    for name, path in _installed(folder, environ):
        if name not in rows:
            style = _style_of(name, folder, environ)
            rows[name] = (name, _colour(style.background if style else None), str(path))
    for name, target in PYGMENTS_EQUIVALENTS.items():
        if name not in rows and (pygments := pygments_style(name)) is not None:
            rows[name] = (name, pygments.background.hex, f"built in (Pygments {target})")
    return [rows[name] for name in sorted(rows)]


def list_highlight_themes(folder: Path | None = None,
                          environ: Mapping[str, str] | None = None) -> str:  # fmt: skip
    """The `--list-highlight-themes` text."""
    rows = highlight_theme_rows(folder, environ)
    installed = sum(1 for row in rows if not row[2].startswith("built in"))
    note = (
        f"\n{len(rows)} highlight themes ({installed} installed highlight.js stylesheets): "
        "`highlightTheme: NAME` in the front matter (default zenburn).\nMore highlight.js "
        "themes: `npm install highlight.js` beside the deck, `apt install libjs-highlight.js`, "
        "or a folder of styles in MD2PPTX_HLJS_STYLES.\n"
    )
    return _table(("highlight theme", "background", "from"), rows) + note
