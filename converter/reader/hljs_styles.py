"""Installed highlight.js themes: a `highlightTheme` name to the theme's stylesheet on disk.

Input: the name the deck gives (`github`, `vs2015.css`, `styles/base16/dracula`, `kimbie.dark`),
the deck's folder and the environment. Output: the path of the theme's CSS (`find_hljs_theme`),
or the stylesheet read (`read_hljs_theme`, a `Stylesheet` whose origin is that path), for
`converter.style.hljs` to map from hljs classes to Pygments tokens. No stylesheet ships with
md2pptx: they are read where highlight.js is installed, searched in this order:

1. the folders in `MD2PPTX_HLJS_STYLES` (separated by `os.pathsep`);
2. `node_modules/highlight.js/styles` and `node_modules/reveal-md/node_modules/highlight.js/styles`
   in the deck's folder and each folder above it (a reveal-md user's npm install);
3. the global npm roots (`/usr/local/lib/node_modules`, `/usr/lib/node_modules`), each with
   `reveal-md/node_modules/highlight.js/styles` and `highlight.js/styles`;
4. Debian's `/usr/share/javascript/highlight.js/styles` (libjs-highlight.js) and
   `/usr/share/nodejs/highlight.js/styles`.

Only plain names are looked up (lower-case letters, digits, `.`, `_`, `-`, `/`; no `..`, no
absolute path): a theme name never reaches outside these folders. Each folder is tried with the
name's variants: `base16/x` also as `x` and `x` also as `base16/x` (highlight.js 11 moved many
themes there), and highlight.js 9's spellings beside 11's (`kimbie.dark` / `kimbie-dark`,
`qtcreator_dark` / `qtcreator-dark`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator, Mapping
from pathlib import Path

from converter.diagnostics import Diagnostics
from converter.model import Stylesheet
from converter.reader.stylesheets import MAX_CSS_BYTES

__all__ = [
    "ENV_VAR",
    "SYSTEM_STYLE_DIRS",
    "find_hljs_theme",
    "hljs_style_dirs",
    "normalise_theme_name",
    "read_hljs_theme",
    "theme_file_names",
]

ENV_VAR = "MD2PPTX_HLJS_STYLES"

_NPM_ROOTS = (Path("/usr/local/lib/node_modules"), Path("/usr/lib/node_modules"))
SYSTEM_STYLE_DIRS: tuple[Path, ...] = (
    *(root / sub for root in _NPM_ROOTS
      for sub in ("reveal-md/node_modules/highlight.js/styles", "highlight.js/styles")),
    Path("/usr/share/javascript/highlight.js/styles"),
    Path("/usr/share/nodejs/highlight.js/styles"),
)  # fmt: skip
"""Where a system-wide highlight.js keeps its themes (after the env var and the deck's
node_modules); tests may replace it to run independent of what is installed."""

_LOCAL_SUBDIRS = ("node_modules/highlight.js/styles",
                  "node_modules/reveal-md/node_modules/highlight.js/styles")  # fmt: skip
_PLAIN = re.compile(r"[a-z0-9._/-]{1,120}")


def normalise_theme_name(name: str) -> str | None:
    """The theme's name as highlight.js's `styles/` folder spells it (no `.css`, `.min` or
    `styles/`); None when it is not a plain name (`../x`, `/etc/x`, `a\\b`, spaces)."""
    key = name.strip().lower()
    key = key.removesuffix(".css").removesuffix(".min").removeprefix("styles/")
    if not _PLAIN.fullmatch(key) or ".." in key or key.startswith("/") or "//" in key:
        return None
    if key.endswith("/") or key.startswith("."):
        return None
    return key


def theme_file_names(name: str) -> list[str]:
    """The file names (relative to a `styles/` folder) worth trying for a theme name, best
    first; empty when the name is not plain."""
    key = normalise_theme_name(name)
    if key is None:
        return []
    bases = [key]
    if key.startswith("base16/"):
        bases.append(key.removeprefix("base16/"))
    elif "/" not in key:
        bases.append("base16/" + key)
    out: list[str] = []
    for base in bases:
        folder, _, stem = base.rpartition("/")
        prefix = folder + "/" if folder else ""
        variants = [stem, stem.replace(".", "-"), stem.replace("_", "-")]
        if "-" in stem:
            head, _, tail = stem.rpartition("-")
            variants += [f"{head}.{tail}", f"{head}_{tail}"]
        for variant in variants:
            file = f"{prefix}{variant}.css"
            if file not in out:
                out.append(file)
    return out


def hljs_style_dirs(deck_dir: Path | None, environ: Mapping[str, str] | None = None
                    ) -> Iterator[Path]:  # fmt: skip
    """The folders searched for highlight.js themes, in order (existing or not)."""
    env = os.environ if environ is None else environ
    for part in env.get(ENV_VAR, "").split(os.pathsep):
        if part.strip():
            yield Path(part.strip()).expanduser()
    if deck_dir is not None:
        folder = deck_dir.resolve()
        for ancestor in (folder, *folder.parents):
            for sub in _LOCAL_SUBDIRS:
                yield ancestor / sub
    yield from SYSTEM_STYLE_DIRS


def find_hljs_theme(name: str, deck_dir: Path | None,
                    environ: Mapping[str, str] | None = None) -> Path | None:  # fmt: skip
    """The installed stylesheet of a highlight.js theme, or None (not found, or not a plain
    name)."""
    files = theme_file_names(name)
    if not files:
        return None
    for folder in hljs_style_dirs(deck_dir, environ):
        if not folder.is_dir():
            continue
        for file in files:
            candidate = folder / file
            if candidate.is_file():
                return candidate
    return None


def read_hljs_theme(
    name: str,
    deck_dir: Path | None,
    line: int | None,
    diags: Diagnostics,
    environ: Mapping[str, str] | None = None,
) -> Stylesheet | None:
    """The installed theme's CSS as a `Stylesheet` (origin: its path); None when none is
    installed, or with a `highlight-theme` warning when it cannot be read."""
    found = find_hljs_theme(name, deck_dir, environ)
    if found is None:
        return None
    try:
        text = _read(found)
        # a renamed theme that imports its new name beside it (highlight.js 9's darkula.css)
        for imported in _IMPORT.findall(text):
            if normalise_theme_name(imported) is not None and (found.parent / imported).is_file():
                text = _read(found.parent / imported) + "\n" + text
    except (OSError, ValueError) as exc:
        diags.warning("highlight-theme", f"cannot read highlight theme {found}: {exc}", line)
        return None
    return Stylesheet(str(found), text, line)


_IMPORT = re.compile(r"@import\s+(?:url\(\s*)?[\"']?([a-z0-9._/-]+\.css)[\"']?\s*\)?\s*;")


def _read(path: Path) -> str:
    with path.open("rb") as handle:
        data = handle.read(MAX_CSS_BYTES + 1)
    if len(data) > MAX_CSS_BYTES:
        raise ValueError(f"larger than {MAX_CSS_BYTES // 1_000_000} MB")
    return data.decode("utf-8-sig")
