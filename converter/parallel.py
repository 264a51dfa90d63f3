"""Work in a forked process: a function run beside the caller, its result sent back.

Input: a function of no arguments (it sees the caller's memory as it was at the fork, so large
laid-out decks are shared, not pickled). Output: a `Forked` handle whose `result()` returns what
the function returned, re-raises what it raised, or raises `WorkerDied` when the process ended
without an answer (killed, out of memory, a crash in a C library). `cancel()` kills and reaps
it. Used where a run has independent work for a second core (the PDF backends while the PPTX
is written). Only on Linux, where `fork` is safe for this program, outside batch workers
(`mark_worker`) and with more than one core (`can_fork()`); elsewhere callers run the function
themselves. Standard library only.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import sys
from collections.abc import Callable
from typing import Generic, TypeVar

__all__ = ["Forked", "WorkerDied", "can_fork", "fork_call", "mark_worker"]

T = TypeVar("T")
_in_worker = False


def mark_worker() -> None:
    """Mark this process as a worker of a pool (a batch): it forks no further workers."""
    global _in_worker
    _in_worker = True


class WorkerDied(Exception):
    """The worker process ended without sending its result."""


def can_fork() -> bool:
    """True when forking a worker can help: Linux, the main process (not already a batch
    worker), and at least two cores this process may use."""
    if not sys.platform.startswith("linux") or _in_worker:
        return False
    try:
        return len(os.sched_getaffinity(0)) >= 2
    except OSError:
        return False


class Forked(Generic[T]):
    """A function running in a forked child; `result()` waits for it."""

    def __init__(self, pid: int, read_fd: int, what: str) -> None:
        self.pid = pid
        self._fd: int | None = read_fd
        self.what = what

    def result(self) -> T:
        """What the function returned (or raise what it raised, or `WorkerDied`)."""
        fd, self._fd = self._fd, None
        if fd is None:
            raise WorkerDied(f"{self.what}: result already taken")
        with os.fdopen(fd, "rb") as pipe:
            payload = pipe.read()
        status = os.waitpid(self.pid, 0)[1]
        if not payload:
            raise WorkerDied(f"{self.what} (process {self.pid}) {_describe(status)}")
        outcome, value = pickle.loads(payload)
        if outcome == "error":
            raise value
        return value  # type: ignore[no-any-return]

    def cancel(self) -> None:
        """Kill the child (if still running) and reap it."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        os.close(fd)
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)


def _describe(status: int) -> str:
    if os.WIFSIGNALED(status):
        number = os.WTERMSIG(status)
        try:
            name = signal.Signals(number).name
        except ValueError:
            name = f"signal {number}"
        return f"was killed by {name}"
    return f"exited with status {os.waitstatus_to_exitcode(status)} without a result"


def fork_call(function: Callable[[], T], what: str) -> Forked[T]:
    """Run `function` in a forked child process now; `what` names it in errors."""
    read_fd, write_fd = os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        code = 0
        try:
            os.close(read_fd)
            try:
                payload = pickle.dumps(("ok", function()), pickle.HIGHEST_PROTOCOL)
            except BaseException as exc:  # sent back and re-raised in the parent
                payload = _error_payload(exc)
            with os.fdopen(write_fd, "wb") as pipe:
                pipe.write(payload)
        except BaseException:
            code = 70
        finally:
            os._exit(code)
    os.close(write_fd)
    return Forked(pid, read_fd, what)


def _error_payload(exc: BaseException) -> bytes:
    try:
        return pickle.dumps(("error", exc), pickle.HIGHEST_PROTOCOL)
    except Exception:  # an exception that cannot be pickled: its type and message survive
        return pickle.dumps(
            ("error", RuntimeError(f"{type(exc).__name__}: {exc}")), pickle.HIGHEST_PROTOCOL
        )
