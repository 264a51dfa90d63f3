"""Deck options: front matter, `reveal-md.json(5)`, `reveal.json(5)` and command-line flags merged.

Input: the front matter mapping, the deck's folder, the working directory and the CLI's
`ReadOptions`. Output: a `DeckConfig` with compiled separator regexes, the theme, the metadata
and the `RevealOptions` that matter for static output. Precedence follows reveal-md (dialect.md
§2.2): CLI > front matter > reveal-md.json > defaults; `revealOptions` are merged shallowly with
the front matter's winning over reveal-md.json's over reveal.json's. md2pptx's own options
(`md2pptx: {overflow: split}`) ride on `RevealOptions` (`overflow`); `footer` and `date` (the
text of a template's footer and date placeholders, `--footer`/`--date`) on `Meta`.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import json5

from converter.diagnostics import Diagnostics
from converter.model import Meta, RevealOptions, Separators, Transition
from converter.output import OVERFLOW_MODES
from converter.reader.transitions import parse_transition

DEFAULT_SEPARATOR = r"\r?\n---\r?\n"
DEFAULT_VERTICAL_SEPARATOR = r"\r?\n----\r?\n"
DEFAULT_NOTES_SEPARATOR = r"^notes?:"  # Part A: reveal.js's `^s*notes?:` is an escaping artefact
SLIDE_NUMBER_FORMATS = ("h.v", "h/v", "c", "c/t")


@dataclass(frozen=True)
class ReadOptions:
    """What the caller (the CLI or the API) may set; `None` means "not given"."""

    separator: str | None = None
    vertical_separator: str | None = None
    notes_separator: str | None = None
    theme: str | None = None
    resource_roots: tuple[Path, ...] = ()
    cwd: Path | None = None
    css: tuple[str, ...] = ()  # `--css FILE` (the user's: read wherever they are)
    footer: str | None = None  # `--footer TEXT`, `--date TEXT`: a template's footer and date
    date: str | None = None


@dataclass(frozen=True)
class DeckConfig:
    separators: Separators
    horizontal: re.Pattern[str]
    split: re.Pattern[str]
    notes: re.Pattern[str]
    theme: str
    highlight_theme: str
    meta: Meta
    options: RevealOptions
    reveal_options: dict[str, Any] = field(default_factory=dict)
    css: tuple[str, ...] = ()  # the `css` option: stylesheet paths, in order
    css_line: int | None = None
    css_from_cli: bool = False
    # reveal-md's `mermaid` option: the configuration handed to `mermaid.initialize` (its
    # default `{}`), None for `mermaid: false` (mermaid not loaded: the code blocks stay code)
    mermaid: dict[str, Any] | None = field(default_factory=dict)


def _read_json5(path: Path, diags: Diagnostics) -> dict[str, Any]:
    try:
        data = json5.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        diags.warning("config", f"cannot read {path}: {exc}; ignored")
        return {}
    if not isinstance(data, dict):
        diags.warning("config", f"{path} does not hold an object; ignored")
        return {}
    return data


def _find_config(names: tuple[str, ...], folders: list[Path], diags: Diagnostics
                 ) -> tuple[dict[str, Any], str]:  # fmt: skip
    """The first config file found (beside the deck first, then in the working directory) and
    its name ("" when none is found)."""
    seen: set[Path] = set()
    for folder in folders:
        for name in names:
            path = (folder / name).resolve()
            if path in seen:
                continue
            seen.add(path)
            if path.is_file():
                diags.info("config", f"read options from {path}")
                return _read_json5(path, diags), path.name
    return {}, ""


def to_python_regex(source: str) -> str:
    """Translate the few JavaScript-only regex spellings into Python's."""
    source = re.sub(r"\(\?<(?=[A-Za-z_])", "(?P<", source)
    return source.replace("[^]", r"[\s\S]")


def _compile(
    source: str, flags: int, what: str, line: int | None, diags: Diagnostics
) -> re.Pattern[str]:
    try:
        return re.compile(to_python_regex(source), flags)
    except re.error as exc:
        raise diags.fatal("separator", f"invalid {what} regex {source!r}: {exc}", line) from None


def _string(value: Any, key: str, line: int | None, diags: Diagnostics) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return str(value)
    diags.warning("front-matter", f"{key} should be a string; ignored", line)
    return None


def _keywords(value: Any) -> tuple[str, ...]:
    if isinstance(value, list | tuple):
        return tuple(str(v) for v in value if v is not None)
    if isinstance(value, str):
        return tuple(k.strip() for k in re.split(r"[;,]", value) if k.strip())
    return ()


def _dimension(
    value: Any, default: int, key: str, diags: Diagnostics, line: int | None = None
) -> int:
    if value is None:
        return default
    if isinstance(value, int | float) and not isinstance(value, bool) and 100 <= value <= 10000:
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return _dimension(int(value.strip()), default, key, diags, line)
    diags.warning("reveal-options", f"{key} = {value!r} is not usable; using {default}", line)
    return default


def _slide_number(value: Any, diags: Diagnostics, line: int | None = None,
                  key: str = "revealOptions.slideNumber") -> str | None:  # fmt: skip
    if value is True:
        return "h.v"
    if value is False or value is None:
        return None
    if isinstance(value, str) and value in SLIDE_NUMBER_FORMATS:
        return value
    diags.warning(
        "reveal-options",
        f"{key} = {value!r} is not understood; using h.v",
        line,
    )
    return "h.v"


def _reveal_options(
    merged: dict[str, Any],
    diags: Diagnostics,
    line: int | None = None,
    origins: dict[str, str] | None = None,
) -> RevealOptions:
    """The reveal.js options; `line` is the front matter's `revealOptions` line, `origins` the
    config file each option set elsewhere comes from (its diagnostics name the file, no line)."""
    where = origins or {}

    def at(key: str) -> int | None:
        return None if key in where else line

    def name(key: str) -> str:
        origin = where.get(key, "")
        if origin.startswith("reveal.json"):  # reveal.js's own options, not under revealOptions
            return f"{key} in {origin}"
        return f"revealOptions.{key}" + (f" in {origin}" if origin else "")

    transition = parse_transition(
        merged.get("transition"),
        merged.get("transitionSpeed"),
        Transition(),
        diags,
        at("transition"),
        name("transition"),
        (at("transitionSpeed"), name("transitionSpeed")),
    )
    markdown = merged.get("markdown")
    animate = bool(markdown.get("animateLists")) if isinstance(markdown, dict) else False
    show_notes = merged.get("showNotes", False)
    if not isinstance(show_notes, bool | str):
        show_notes = bool(show_notes)
    return RevealOptions(
        width=_dimension(merged.get("width"), 960, name("width"), diags, at("width")),
        height=_dimension(merged.get("height"), 700, name("height"), diags, at("height")),
        transition=transition,
        slide_number=_slide_number(merged.get("slideNumber", True), diags, at("slideNumber"),
                                   name("slideNumber")),
        center=bool(merged.get("center", True)),
        show_notes=show_notes,
        animate_lists=animate,
        fragments=bool(merged.get("fragments", True)),
    )


def resolve_config(
    front: dict[str, Any],
    front_lines: dict[str, int],
    deck_dir: Path,
    options: ReadOptions,
    diags: Diagnostics,
) -> DeckConfig:
    """Merge every option source into one `DeckConfig`."""
    folders = [deck_dir, options.cwd or Path.cwd()]
    local, local_name = _find_config(("reveal-md.json5", "reveal-md.json"), folders, diags)
    reveal_json, reveal_name = _find_config(("reveal.json5", "reveal.json"), folders, diags)

    def pick(key: str, cli: str | None) -> tuple[Any, int | None]:
        if cli is not None:
            return cli, None
        if key in front:
            return front[key], front_lines.get(key)
        return local.get(key), None

    reveal_opts: dict[str, Any] = {}
    origins: dict[str, str] = {}  # option -> the config file it comes from (none: front matter)
    for src, origin in ((reveal_json, reveal_name), (local.get("revealOptions"), local_name),
                        (front.get("revealOptions"), "")):  # fmt: skip
        if isinstance(src, dict):
            reveal_opts.update(src)
            for key in src:
                if origin:
                    origins[key] = origin
                else:
                    origins.pop(key, None)
        elif src is not None:
            diags.warning(
                "reveal-options",
                "revealOptions should be a mapping; ignored",
                front_lines.get("revealOptions"),
            )
    markdown_opts = reveal_opts.get("markdown")

    sep_value, sep_line = pick("separator", options.separator)
    vsep_value, vsep_line = pick("verticalSeparator", options.vertical_separator)
    notes_value, notes_line = pick("notesSeparator", options.notes_separator)
    if notes_value is None and isinstance(markdown_opts, dict):
        notes_value = markdown_opts.get("notesSeparator")
    sep = _string(sep_value, "separator", sep_line, diags) or DEFAULT_SEPARATOR
    vsep = _string(vsep_value, "verticalSeparator", vsep_line, diags) or DEFAULT_VERTICAL_SEPARATOR
    notes = _string(notes_value, "notesSeparator", notes_line, diags) or DEFAULT_NOTES_SEPARATOR

    horizontal = _compile(sep, 0, "separator", sep_line, diags)
    _compile(vsep, re.M, "verticalSeparator", vsep_line, diags)
    split = _compile(f"{sep}|{vsep}", re.M, "separator", sep_line, diags)
    notes_re = _compile(notes, re.M | re.I, "notesSeparator", notes_line, diags)

    theme_value, theme_line = pick("theme", options.theme)
    theme = _string(theme_value, "theme", theme_line, diags) or "black"
    highlight_value, highlight_line = pick("highlightTheme", None)
    highlight = _string(highlight_value, "highlightTheme", highlight_line, diags) or "zenburn"

    css_value, css_line = pick("css", ",".join(options.css) if options.css else None)
    css = _css_names(css_value, css_line, diags)
    footer_value, footer_line = pick("footer", options.footer)
    date_value, date_line = pick("date", options.date)
    meta = Meta(
        title=_string(
            front.get("title", local.get("title")), "title", front_lines.get("title"), diags
        ),
        author=_string(front.get("author"), "author", front_lines.get("author"), diags),
        subject=_string(front.get("subject", front.get("description")), "subject",
                        front_lines.get("subject" if "subject" in front else "description"),
                        diags),
        keywords=_keywords(front.get("keywords", front.get("tags"))),
        date=_string(date_value, "date", date_line, diags),
        lang=_string(front.get("lang"), "lang", front_lines.get("lang"), diags),
        footer=_string(footer_value, "footer", footer_line, diags),
        footer_line=footer_line,
        date_line=date_line,
    )
    return DeckConfig(
        separators=Separators(sep, vsep, notes),
        horizontal=horizontal,
        split=split,
        notes=notes_re,
        theme=theme,
        highlight_theme=highlight,
        meta=meta,
        options=replace(
            _reveal_options(reveal_opts, diags, front_lines.get("revealOptions"), origins),
            overflow=_own_options(*pick("md2pptx", None), diags).get("overflow"),
        ),
        reveal_options=reveal_opts,
        css=css,
        css_line=css_line,
        css_from_cli=bool(options.css),
        mermaid=_mermaid(*pick("mermaid", None), diags),
    )


def _mermaid(value: Any, line: int | None, diags: Diagnostics) -> dict[str, Any] | None:
    """reveal-md's `mermaid` option: a mapping of mermaid settings, or false to turn mermaid
    off (`true` and a missing option: mermaid's defaults)."""
    if value is False:
        return None
    if value is None or value is True:
        return {}
    if isinstance(value, dict):
        return {str(key): item for key, item in value.items()}
    diags.warning("front-matter", "mermaid should be a mapping such as {theme: dark} or false; "
                  "using mermaid's defaults", line)  # fmt: skip
    return {}


def _own_options(value: Any, line: int | None, diags: Diagnostics) -> dict[str, str]:
    """md2pptx's own options, `md2pptx: {overflow: split}` in the front matter (or
    reveal-md.json): the valid ones; a warning for the others, whose default is used."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        diags.warning("front-matter", "md2pptx should be a mapping such as "
                      "{overflow: split}; ignored", line)  # fmt: skip
        return {}
    out: dict[str, str] = {}
    for key, item in value.items():
        if key == "overflow" and isinstance(item, str) and item.strip().lower() in OVERFLOW_MODES:
            out["overflow"] = item.strip().lower()
        elif key == "overflow":
            diags.warning("front-matter", f"md2pptx.overflow = {item!r} is not one of "
                          f"{', '.join(OVERFLOW_MODES)}; using shrink", line)  # fmt: skip
        else:
            diags.warning("front-matter", f"md2pptx.{key} is not an option of md2pptx (known: "
                          "overflow); ignored", line)  # fmt: skip
    return out


def _css_names(value: Any, line: int | None, diags: Diagnostics) -> tuple[str, ...]:
    """reveal-md's `css` option: a comma-separated string or a list of paths."""
    if value is None:
        return ()
    items = value if isinstance(value, list) else str(value).split(",")
    names = tuple(n for item in items if (n := str(item).strip()))
    if not isinstance(value, (str, list)):
        diags.warning("config", f"css should be a path or a list of paths, not {value!r}", line)
    return names
