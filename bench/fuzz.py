"""The long fuzzing campaign behind `make fuzz`.

Usage::

    python bench/fuzz.py [--decks 10000] [--seconds 540] [--seed 0] [--audit-every 100] [-j N]

Input: a seed. Output: on stdout, how many decks were converted, how many raised a clean
`ConversionError`, how many failed (any other exception, an output that does not open, or an
openxml-audit / `qpdf --check` finding on the sampled decks) and how long it took; each failing
deck is saved under `out/fuzz-failures/` with its traceback. Decks come from the dialect's
building blocks (`tests/fuzz_decks.py`); deck number n always gets the same text for the same
seed. The campaign stops at `--seconds` even when fewer decks were done. Exit status 1 when
anything failed.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import sys
import tempfile
import time
import traceback
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT / "tests"))

from fuzz_decks import convert_and_check, random_deck  # noqa: E402

FAILURES = REPO_ROOT / "out" / "fuzz-failures"


def _one(seed: int, number: int, audit: bool, folder: Path) -> tuple[str, str | None]:
    text = random_deck(random.Random(f"{seed}:{number}"))
    try:
        outcome = convert_and_check(text, folder, audit)
    except BaseException as exc:  # every kind of failure is the finding
        if isinstance(exc, KeyboardInterrupt):
            raise
        FAILURES.mkdir(parents=True, exist_ok=True)
        (FAILURES / f"deck-{seed}-{number}.md").write_bytes(text.encode("utf-8"))
        report = traceback.format_exc()
        (FAILURES / f"deck-{seed}-{number}.txt").write_text(report, encoding="utf-8")
        return "failed", f"{type(exc).__name__}: {str(exc)[:200]}"
    return ("written" if outcome.written else "refused"), None


def _chunk(
    seed: int, numbers: list[int], audit_every: int, deadline: float
) -> list[tuple[int, str, str | None]]:
    results = []
    with tempfile.TemporaryDirectory(prefix="md2pptx-fuzz-") as tmp:
        folder = Path(tmp)
        for number in numbers:
            if time.monotonic() > deadline:
                break
            audit = audit_every > 0 and number % audit_every == 0
            status, why = _one(seed, number, audit, folder)
            results.append((number, status, why))
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--decks", type=int, default=10_000)
    parser.add_argument("--seconds", type=float, default=540.0)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--audit-every", type=int, default=100)
    parser.add_argument("-j", "--jobs", type=int, default=len(os.sched_getaffinity(0)))
    args = parser.parse_args(argv)
    start = time.monotonic()
    deadline = start + args.seconds
    chunks = [list(range(i, min(i + 50, args.decks))) for i in range(0, args.decks, 50)]
    counts = {"written": 0, "refused": 0, "failed": 0}
    failures: list[str] = []
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=args.jobs, mp_context=context) as pool:
        futures = [pool.submit(_chunk, args.seed, chunk, args.audit_every, deadline)
                   for chunk in chunks]
        for future in futures:
            for number, status, why in future.result():
                counts[status] += 1
                if why is not None:
                    failures.append(f"deck {number}: {why}")
    elapsed = time.monotonic() - start
    done = sum(counts.values())
    for line in failures[:20]:
        print(line)
    print(f"fuzz: {done} decks in {elapsed:.0f} s (seed {args.seed}): {counts['written']} "
          f"converted, {counts['refused']} refused with a clean error, "
          f"{counts['failed']} failures; audited every {args.audit_every}th"
          + (f"; failing decks in {FAILURES}" if failures else ""))
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
