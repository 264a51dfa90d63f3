"""Image references: a `src` as written in the deck to a checked `ImageSource`.

Input: the URL as written, the deck's folder, the allowed resource roots. Output: an
`ImageSource` whose kind says whether it may be drawn (`file`, `data`) or not (`remote`,
`missing`, `refused`), with a warning for each problem.

Paths resolve relative to the deck, as reveal-md's server does (dialect.md §5.1); a root-relative
`/x.png` resolves against the deck's folder. Only files inside the deck's folder or a
`--resource-root` may be used, after resolving symlinks, because reveal-md serves only that
folder: anything else (`../../etc/passwd`, absolute paths, links pointing out) is refused. Remote
URLs are never fetched. Nothing is opened here; checking the bytes is the image loader's job.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

from converter.diagnostics import Diagnostics
from converter.model import ImageSource

_REMOTE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.I)
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):", re.I)


class ImageResolver:
    """Resolves image URLs for one deck; remembers results so each problem is reported once
    per URL and slide."""

    def __init__(self, deck_dir: Path, roots: tuple[Path, ...], diags: Diagnostics) -> None:
        self.deck_dir = deck_dir
        self.roots = tuple(r.resolve() for r in (deck_dir, *roots))
        self.diags = diags
        self.lines: dict[tuple[int | None, str], int] = {}

    def resolve(self, src: str, line: int | None, what: str = "image") -> ImageSource:
        if line is not None:
            self.lines.setdefault((self.diags.slide, src), line)
        raw = src.strip()
        if raw.startswith("<") and raw.endswith(">"):
            raw = raw[1:-1].strip()
        if not raw:
            self.diags.warning("missing-image", f"{what} has an empty source", line)
            return ImageSource(src, "missing")
        if raw.lower().startswith("data:"):
            return ImageSource(src, "data")
        if raw.lower().startswith("file:"):
            self.diags.warning(
                "refused-image", f"{what} refused: file: URLs are not served: {raw}", line
            )
            return ImageSource(src, "refused")
        if _REMOTE.match(raw) or (
            (scheme := _SCHEME.match(raw)) is not None and len(scheme.group(1)) > 1
        ):
            self.diags.warning(
                "remote-image", f"remote {what} is not fetched (offline by design): {raw}", line
            )
            return ImageSource(src, "remote")
        path_text = unquote(re.split(r"[?#]", raw, maxsplit=1)[0])
        candidate = self.deck_dir / path_text.lstrip("/")
        try:
            resolved = candidate.resolve()
        except (OSError, RuntimeError):
            self.diags.warning("missing-image", f"{what} not found: {raw}", line)
            return ImageSource(src, "missing")
        if not any(resolved.is_relative_to(root) for root in self.roots):
            self.diags.warning(
                "refused-image",
                f"{what} refused: {raw} is outside the deck's folder "
                "(add --resource-root to allow another folder)",
                line,
            )
            return ImageSource(src, "refused")
        if not resolved.is_file():
            self.diags.warning("missing-image", f"{what} not found: {raw}", line)
            return ImageSource(src, "missing")
        return ImageSource(src, "file", resolved)
