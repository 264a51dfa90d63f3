"""A small terminal progress bar for the command line.

Input: `(stage, done, total)` calls (the `Progress` callbacks that
`converter.diagnostics.StageDiagnostics` makes). Output: a one-line bar on a terminal stream
(redrawn at most ten times a second, cleared before other output is printed). No dependency
beyond the standard library.
"""

from __future__ import annotations

import shutil
import sys
import time
from typing import TextIO


class ProgressBar:
    """`[#####.....] 120/400 layout talk.md` on one terminal line. `update` redraws (throttled);
    `clear` wipes the line so diagnostics print cleanly; `close` wipes it for good."""

    def __init__(self, stream: TextIO | None = None, *, min_total: int = 0) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.min_total = min_total
        self._last = 0.0
        self._shown = False
        self._line = ""

    def update(self, label: str, done: int, total: int, *, force: bool = False) -> None:
        if total < max(1, self.min_total):
            return
        now = time.monotonic()
        if not force and done < total and now - self._last < 0.1:
            return
        self._last = now
        width = max(20, shutil.get_terminal_size((80, 24)).columns - 1)
        counter = f" {done}/{total} "
        bar_width = max(10, min(40, width - len(counter) - 12))
        filled = bar_width * done // max(1, total)
        line = f"[{'#' * filled}{'.' * (bar_width - filled)}]{counter}{label}"
        self._line = line[:width]
        self._draw()

    def _draw(self) -> None:
        self.stream.write("\r\x1b[2K" + self._line)
        self.stream.flush()
        self._shown = True

    def clear(self) -> None:
        if self._shown:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()
            self._shown = False

    def redraw(self) -> None:
        if self._line and not self._shown:
            self._draw()

    def close(self) -> None:
        self.clear()
        self._line = ""
