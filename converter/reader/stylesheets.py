"""The deck's stylesheets: reveal-md's `css` option, and a highlight theme given as a file.

Input: the `css` option's paths (front matter, reveal-md.json, or `--css`), the deck's folder,
the read options (resource roots, working directory). Output: `Stylesheet`s in the order
given, for the cascade (`converter.style.cascade`). As images and theme stylesheets are, a
file the deck names must be inside its folder or a resource root; files given with `--css`
are the user's and are read wherever they are. A missing, refused, unreadable or oversized
file is a `css` warning with the option's line; the deck still converts.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from converter.diagnostics import Diagnostics
from converter.model import Stylesheet
from converter.reader.config import DeckConfig, ReadOptions
from converter.reader.css_urls import rebase_urls

__all__ = ["MAX_CSS_BYTES", "css_files", "read_stylesheet"]

MAX_CSS_BYTES = 4_000_000


def css_files(
    config: DeckConfig, deck_dir: Path, options: ReadOptions, diags: Diagnostics
) -> Iterator[Stylesheet]:
    for name in config.css:
        sheet = read_stylesheet(name, config.css_line, deck_dir, options, config.css_from_cli,
                                diags)  # fmt: skip
        if sheet is not None:
            yield sheet


def read_stylesheet(
    name: str,
    line: int | None,
    deck_dir: Path,
    options: ReadOptions,
    from_cli: bool,
    diags: Diagnostics,
    code: str = "css",
) -> Stylesheet | None:
    """One stylesheet the deck names (confined to its folder and the resource roots) or the
    user gave on the command line (`from_cli`: read wherever it is); None with a warning."""
    roots = [r.resolve() for r in (deck_dir, *options.resource_roots)]
    folders = [options.cwd or Path.cwd(), deck_dir] if from_cli else [deck_dir]
    found = next((c for folder in folders if (c := (folder / name).resolve()).is_file()), None)
    if found is None:
        diags.warning(code, f"stylesheet {name} not found; ignored", line)
        return None
    if not from_cli and not any(found.is_relative_to(r) for r in roots):
        diags.warning(
            code,
            f"stylesheet {name} refused: it is outside the deck's folder "
            "(add --resource-root to allow another folder)",
            line,
        )
        return None
    try:
        data = found.read_bytes()[: MAX_CSS_BYTES + 1]
        if len(data) > MAX_CSS_BYTES:
            raise ValueError(f"larger than {MAX_CSS_BYTES // 1_000_000} MB")
        text = data.decode("utf-8-sig")
    except (OSError, ValueError) as exc:
        diags.warning(code, f"cannot read stylesheet {name}: {exc}; ignored", line)
        return None
    return Stylesheet(str(name), rebase_urls(text, found.parent, deck_dir.resolve()), line)
