"""Jobs: what the command line asks of one input, what came of it, and the exit codes.

Input: the parsed command line (built by `converter.cli.main.plan`). Output: picklable `Job`
and `JobResult` values that `converter.cli.batch` runs and returns. Cheap to import: no stage
of the pipeline is loaded until a job runs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from converter.diagnostics import Diagnostic

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


@dataclass(frozen=True)
class Job:
    """One input and what to make of it. `report` is a file path, `"-"` (the report's text is
    returned for the caller to print or gather) or None; `options` go to `convert`."""

    input: Path
    outputs: tuple[Path, ...] = ()
    handout_outputs: tuple[Path, ...] = ()
    check: bool = False
    report: str | None = None
    strict: bool = False
    options: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class JobResult:
    """What one job did: `status` is an exit code; `stdout` what it prints there (the check
    table, a report to stdout); `watched` the files it read (deck, images, theme, config)."""

    input: Path
    status: int
    outputs: tuple[Path, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()
    stdout: str = ""
    report: str | None = None
    internal_error: str | None = None
    traceback: str | None = None
    watched: tuple[Path, ...] = ()

    @property
    def failed(self) -> bool:
        return self.status != EXIT_OK
