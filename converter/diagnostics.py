"""Diagnostics: what every stage reports beside its result.

Input: nothing (a leaf module). Output: the `Diagnostic` record, the `Severity` levels, the
`Diagnostics` collector that stages append to (and `StageDiagnostics`, which also reports each
slide a stage starts on as progress), and `ConversionError`, the one exception type a stage
raises when no output can be made. Stages never print; the CLI formats diagnostics as
``talk.md:42: warning: image not found: img/cat.png [missing-image]``.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from enum import StrEnum


class Severity(StrEnum):
    """How bad a diagnostic is. `ERROR` means the output could not be made."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class Diagnostic:
    """One finding: a stable code, a message, and where it was found."""

    severity: Severity
    code: str
    message: str
    file: str | None = None
    line: int | None = None
    slide: int | None = None

    def format(self) -> str:
        """Render as ``file:line: severity: message [code]`` (the compiler convention)."""
        where = self.file or "<input>"
        if self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.severity.value}: {self.message} [{self.code}]"

    def to_json(self) -> dict[str, object]:
        return {
            "severity": self.severity.value,
            "code": self.code,
            "message": self.message,
            "file": self.file,
            "line": self.line,
            "slide": self.slide,
        }


class ConversionError(Exception):
    """Raised when the input cannot be converted at all; carries the diagnostic that says why."""

    def __init__(self, diagnostic: Diagnostic, diagnostics: tuple[Diagnostic, ...] = ()) -> None:
        super().__init__(diagnostic.format())
        self.diagnostic = diagnostic
        self.diagnostics = diagnostics or (diagnostic,)


class Diagnostics:
    """An append-only list of diagnostics bound to one source file.

    `slide` is the current slide number (1-based) that new diagnostics are attributed to, set by
    the stage that walks the slides.
    """

    def __init__(self, file: str | None = None) -> None:
        self.file = file
        self.slide: int | None = None
        self._items: list[Diagnostic] = []
        self._seen_once: set[tuple[str, str]] = set()
        self._once_keys: dict[int, tuple[str, str]] = {}  # item index -> its warning_once key

    def add(
        self,
        severity: Severity,
        code: str,
        message: str,
        line: int | None = None,
        slide: int | None = None,
    ) -> Diagnostic:
        diag = Diagnostic(
            severity, code, message, self.file, line, slide if slide is not None else self.slide
        )
        self._items.append(diag)
        return diag

    def warning(self, code: str, message: str, line: int | None = None) -> Diagnostic:
        return self.add(Severity.WARNING, code, message, line)

    def info(self, code: str, message: str, line: int | None = None) -> Diagnostic:
        return self.add(Severity.INFO, code, message, line)

    def warning_once(self, key: str, code: str, message: str, line: int | None = None) -> None:
        """Warn only the first time `(code, key)` is seen in this run (e.g. one per HTML tag)."""
        if (code, key) in self._seen_once:
            return
        self._seen_once.add((code, key))
        self._once_keys[len(self._items)] = (code, key)
        self.warning(code, message, line)

    def branch(self, *, quiet: bool = False) -> Diagnostics:
        """A new, empty collector for one stage that may run elsewhere (a forked worker): same
        file and slide, and what was already warned once. `merge` it back in the order the
        stages would have run one after another; the result is the same. `quiet`: the branch
        reports no progress (it runs in another process)."""
        other = self._empty(quiet)
        other.slide = self.slide
        other._seen_once = set(self._seen_once)
        return other

    def _empty(self, quiet: bool) -> Diagnostics:
        return Diagnostics(self.file)

    def merge(self, other: Diagnostics) -> None:
        """Append what `branch` `other` gathered; a warn-once already given here is dropped."""
        for index, item in enumerate(other._items):
            key = other._once_keys.get(index)
            if key is not None:
                if key in self._seen_once:
                    continue
                self._seen_once.add(key)
                self._once_keys[len(self._items)] = key
            self._items.append(item)
        self.slide = other.slide

    def fatal(self, code: str, message: str, line: int | None = None) -> ConversionError:
        """Record an error and return the exception to raise (it carries every diagnostic
        gathered so far, the error last)."""
        diag = self.add(Severity.ERROR, code, message, line)
        return ConversionError(diag, self.as_tuple())

    def assign_slides(self, first_lines: list[int]) -> None:
        """Attribute diagnostics that have a line but no slide to the slide holding that line;
        `first_lines` are the slides' first lines in order (slide n starts at index n-1)."""
        for i, d in enumerate(self._items):
            if d.slide is None and d.line is not None and first_lines and d.line >= first_lines[0]:
                number = bisect.bisect_right(first_lines, d.line)
                self._items[i] = replace(d, slide=number)

    def extend(self, items: Iterable[Diagnostic]) -> None:
        self._items.extend(items)

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def as_tuple(self) -> tuple[Diagnostic, ...]:
        return tuple(self._items)


def has_warnings(diagnostics: Iterable[Diagnostic]) -> bool:
    """True when any diagnostic is a warning or an error (what `--strict` fails on)."""
    return any(d.severity in (Severity.WARNING, Severity.ERROR) for d in diagnostics)


Progress = Callable[[str, int, int], None]
"""`progress(stage, done, total)`: `stage` is read, diagrams (decks with mermaid diagrams),
layout, pptx, pdf, handout or write."""


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

    def branch(self, *, quiet: bool = False) -> StageDiagnostics:
        other = super().branch(quiet=quiet)
        assert isinstance(other, StageDiagnostics)
        return other

    def _empty(self, quiet: bool) -> StageDiagnostics:
        return StageDiagnostics(self.file, None if quiet else self._progress)

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
