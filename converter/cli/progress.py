"""Progress: per-slide stage reports from a conversion, and a small terminal progress bar.

Input: the stages' per-slide steps, seen through `StageDiagnostics` (every stage already sets
`diags.slide` to the slide it is working on, so no stage needs a progress argument), and
`(stage, done, total)` calls. Output: calls of a `Progress` callback, and a one-line bar on a
terminal stream (redrawn at most ten times a second, cleared before other output is printed).
No dependency beyond the standard library.
"""

from __future__ import annotations

import shutil
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from typing import TextIO

from converter.diagnostics import Diagnostic, Diagnostics

Progress = Callable[[str, int, int], None]
"""`progress(stage, done, total)`: `stage` is read, layout, pptx, pdf, handout or write."""


class StageDiagnostics(Diagnostics):
    """A diagnostics collector that reports each slide a stage starts on as progress."""

    def __init__(self, file: str | None, progress: Progress | None) -> None:
        self._progress = progress
        self._stage = ""
        self._total = 0
        self._done = 0
        super().__init__(file)

    def stage(self, name: str, total: int) -> None:
        """Start a stage of `total` steps (reported as done 0 of `total`)."""
        self._stage, self._total, self._done = name, total, 0
        self._report(0)

    def finish(self) -> None:
        """Report the current stage as complete."""
        self._report(self._total)

    def _report(self, done: int) -> None:
        if self._progress is not None and self._stage:
            self._done = max(self._done, min(done, self._total))
            self._progress(self._stage, self._done, self._total)

    def fill_lines(self, locate: Callable[[Diagnostic], int | None]) -> None:
        """Give diagnostics without a line the line `locate` finds for them, if any."""
        for index, item in enumerate(self._items):
            if item.line is None:
                line = locate(item)
                if line is not None:
                    self._items[index] = replace(item, line=line)

    @property
    def slide(self) -> int | None:
        return self._slide

    @slide.setter
    def slide(self, value: int | None) -> None:
        self._slide = value
        if value is not None and value - 1 > self._done:
            self._report(value - 1)


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
