"""Time limits for work whose cost the deck controls (its own separator regexes).

Input: a number of seconds. Output: `time_limit`, a context manager that raises
`TimeLimitExceeded` in the block when it runs longer. It uses SIGALRM, which Python's regex
engine checks while it backtracks, so a catastrophic pattern such as `(a+)+b` is stopped; where
no SIGALRM exists or off the main thread (signals reach only the main thread), the block runs
without a limit. An outer timer (e.g. a test runner's) is restored afterwards.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


class TimeLimitExceeded(Exception):
    """The block ran longer than its limit."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    usable = hasattr(signal, "SIGALRM") and threading.current_thread() is threading.main_thread()
    if not usable or seconds <= 0:
        yield
        return

    def expired(_signum: int, _frame: FrameType | None) -> None:
        raise TimeLimitExceeded(f"took more than {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, expired)
    outer_delay, _interval = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer_delay > 0:
            signal.setitimer(signal.ITIMER_REAL, outer_delay)
