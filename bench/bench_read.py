"""Benchmark: time to read the generated benchmark deck into the model.

Usage: ``python bench/bench_read.py [--slides 1000 200] [--repeat 5]``. Generates each deck with
``bench/make_deck.py`` in a temporary folder, then reads it ``--repeat`` times in this process
and prints the best and median wall-clock times, slides per second and the peak memory
(tracemalloc) of one read. Numbers go into the README's performance section by hand.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.make_deck import main as make_deck  # noqa: E402
from converter.reader import read_file  # noqa: E402


def bench(slides: int, repeat: int, folder: Path) -> tuple[float, float, float]:
    deck = folder / f"deck{slides}.md"
    make_deck(["--slides", str(slides), "--out", str(deck)])
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = read_file(deck)
        times.append(time.perf_counter() - start)
        assert len(result.deck.slides) == slides, len(result.deck.slides)
    tracemalloc.start()
    read_file(deck)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return min(times), statistics.median(times), peak / 2**20


def main() -> int:
    parser = argparse.ArgumentParser(description="time reading the benchmark deck")
    parser.add_argument("--slides", type=int, nargs="+", default=[1000, 200])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print("| slides | read best (s) | read median (s) | slides/s | peak traced memory (MB) |")
    print("|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for slides in args.slides:
            best, median, peak = bench(slides, args.repeat, Path(tmp))
            print(f"| {slides} | {best:.3f} | {median:.3f} | {slides / best:.0f} | {peak:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
