"""Batches: one conversion job per input, run in-process or in parallel worker processes.

Input: `Job`s (an input deck, its outputs, what to print) and the number of workers. Output:
one picklable `JobResult` per job, yielded in input order as soon as it (and every job before
it) is done, whatever order the workers finish in. A job never raises: a conversion failure
is a failed result with its diagnostics, an unexpected exception an internal-error result with
its traceback; when a worker process dies, the jobs it took down are run again each in a
process of its own, so only the deck that crashed it fails.
"""

from __future__ import annotations

import os
import traceback
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from converter import parallel
from converter.api import convert
from converter.cli.jobs import EXIT_FAILED, EXIT_OK, Job, JobResult
from converter.cli.watch import deck_files
from converter.diagnostics import ConversionError, Progress
from converter.reader.report import check_table, report_json

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor


def run_job(job: Job, progress: Progress | None = None) -> JobResult:
    """Run one job; never raises (except KeyboardInterrupt)."""
    try:
        return _run(job, progress)
    except ConversionError as exc:
        return JobResult(job.input, EXIT_FAILED, diagnostics=exc.diagnostics,
                         watched=(job.input.resolve(),))
    except Exception as exc:  # the last line of defence: reported, never a bare traceback
        return JobResult(
            job.input,
            EXIT_FAILED,
            internal_error=f"{type(exc).__name__}: {exc}",
            traceback=traceback.format_exc(),
            watched=(job.input.resolve(),),
        )


def _run(job: Job, progress: Progress | None) -> JobResult:
    report_file = job.report if job.report not in (None, "-") else None
    # Without outputs (--check, --report) the deck is still laid out: layout finds problems
    # too (overflow, characters no font has) and reports the fonts it used.
    result = convert(
        job.input,
        job.outputs,
        handout_outputs=job.handout_outputs,
        strict=job.strict,
        report=report_file,
        progress=progress,
        **job.options,
    )
    assert result.deck is not None
    deck, diagnostics, outputs = result.deck, result.diagnostics, result.outputs
    stdout = check_table(deck, result.parts) if job.check else ""
    report = (report_json(deck, diagnostics, result.parts, result.overflow)
              if job.report == "-" else None)  # fmt: skip
    template = job.options.get("template")
    extra = (Path(template).resolve(),) if template is not None else ()
    return JobResult(job.input, EXIT_OK, outputs, diagnostics, stdout, report,
                     watched=(*deck_files(deck), *extra))


def default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def run_jobs(
    jobs: Sequence[Job],
    workers: int,
    on_done: Callable[[int, int], None] | None = None,
    progress: Progress | None = None,
) -> Iterator[JobResult]:
    """Run `jobs` and yield their results in input order. `workers` > 1 runs them in forked
    worker processes; `on_done(finished, total)` is called as each one finishes; `progress`
    (per slide) is passed on only when the jobs run in this process."""
    if workers <= 1 or len(jobs) <= 1:
        for number, job in enumerate(jobs, start=1):
            result = run_job(job, progress)
            if on_done is not None:
                on_done(number, len(jobs))
            yield result
        return
    yield from _parallel(jobs, min(workers, len(jobs)), on_done)


def _pool(workers: int) -> ProcessPoolExecutor:
    """Forked worker processes (loaded only for batches); each is marked as a worker, so a
    conversion in it renders its outputs one after another (the batch already fills the cores)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork")
    return ProcessPoolExecutor(max_workers=workers, mp_context=context,
                               initializer=parallel.mark_worker)


def _parallel(
    jobs: Sequence[Job], workers: int, on_done: Callable[[int, int], None] | None
) -> Iterator[JobResult]:
    from concurrent.futures import FIRST_COMPLETED, wait

    pool = _pool(workers)
    try:
        futures = [pool.submit(run_job, job) for job in jobs]
        pending = set(futures)
        next_index = 0
        while next_index < len(jobs):
            _done, pending = wait(pending, return_when=FIRST_COMPLETED)
            if on_done is not None:
                on_done(len(jobs) - len(pending), len(jobs))
            while next_index < len(jobs) and futures[next_index].done():
                yield _outcome(jobs[next_index], futures[next_index])
                next_index += 1
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _outcome(job: Job, future: Future[JobResult]) -> JobResult:
    from concurrent.futures.process import BrokenProcessPool

    try:
        return future.result()
    except BrokenProcessPool:  # a worker died: run this job again on its own
        return _isolated(job)


def _isolated(job: Job) -> JobResult:
    """Run `job` in a process of its own, so that a crash (a segfault, the OOM killer) fails
    only the job that caused it."""
    from concurrent.futures.process import BrokenProcessPool

    with _pool(1) as pool:
        try:
            result: JobResult = pool.submit(run_job, job).result()
            return result
        except BrokenProcessPool:
            return JobResult(
                job.input,
                EXIT_FAILED,
                internal_error="the process converting this deck died (out of memory?)",
                watched=(job.input.resolve(),),
            )
