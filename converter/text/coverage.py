"""Which characters each installed font has, known without keeping the fonts in memory.

Input: font faces (file and collection index). Output: `has(face, char)`: answered from the
face's character map read once and kept as sorted code point ranges, in memory and in a small
cache file beside the user's other caches (`$XDG_CACHE_HOME/md2pptx/coverage-v1.json`, keyed
by path, face, size and modification time), as fontconfig keeps its own. The last step of the
per-character fallback asks every installed font; without this cache that read every font's
tables on every run (seconds, and hundreds of megabytes for the CJK fonts). A cache that
cannot be read or written is ignored.
"""

from __future__ import annotations

import json
import os
import tempfile
from bisect import bisect_right
from pathlib import Path

from fontTools.ttLib import TTFont

from converter.text.aliases import COLLECTION_SUFFIXES

__all__ = ["Coverage"]

Ranges = list[tuple[int, int]]


def _cache_file() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "md2pptx" / "coverage-v1.json"


def _ranges(codes: list[int]) -> Ranges:
    out: Ranges = []
    for cp in sorted(codes):
        if out and cp == out[-1][1] + 1:
            out[-1] = (out[-1][0], cp)
        else:
            out.append((cp, cp))
    return out


class Coverage:
    """Character coverage of font files, cached on disk across runs."""

    def __init__(self, cache: Path | None = None) -> None:
        self.path = cache if cache is not None else _cache_file()
        self._ranges: dict[str, Ranges] = {}
        self._starts: dict[str, list[int]] = {}
        self._dirty = False
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            self._ranges = {k: [(a, b) for a, b in v] for k, v in data.items()}
        except (OSError, ValueError, TypeError, AttributeError):
            self._ranges = {}

    @staticmethod
    def _key(path: Path, index: int) -> str:
        try:
            stat = path.stat()
        except OSError:
            return f"{path}#{index}"
        return f"{path}#{index}#{stat.st_size}#{int(stat.st_mtime)}"

    def ranges(self, path: Path, index: int = 0) -> Ranges:
        key = self._key(path, index)
        found = self._ranges.get(key)
        if found is None:
            found = self._ranges[key] = self._read(path, index)
            self._dirty = True
        return found

    @staticmethod
    def _read(path: Path, index: int) -> Ranges:
        try:
            number = index if path.suffix.lower() in COLLECTION_SUFFIXES else -1
            with TTFont(path, lazy=True, fontNumber=number) as font:
                cmap = font.getBestCmap() or {}
                return _ranges(list(cmap))
        except Exception:
            return []

    def has(self, path: Path, index: int, char: str) -> bool:
        key = self._key(path, index)
        starts = self._starts.get(key)
        ranges = self.ranges(path, index)
        if starts is None:
            starts = self._starts[key] = [a for a, _b in ranges]
        cp = ord(char)
        i = bisect_right(starts, cp) - 1
        return i >= 0 and ranges[i][0] <= cp <= ranges[i][1]

    def save(self) -> None:
        """Write the cache file (atomically) when something new was read."""
        if not self._dirty:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".coverage-", suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(self._ranges, handle, separators=(",", ":"))
            os.replace(tmp, self.path)
            self._dirty = False
        except OSError:
            pass
