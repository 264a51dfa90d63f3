"""Benchmark: the benchmark deck to PPTX, end to end in a fresh process, per stage and total.

Usage: ``python bench/bench_pptx.py [--slides 1000 200] [--repeat 3]``. For each size it runs
``md2pptx deck.md -o deck.pptx`` in a new process (so imports and start-up count, as a user sees
them) ``--repeat`` times and reports the best wall-clock time and the peak RSS (the child's
``ru_maxrss``), then the time of each stage
(read, layout, render) measured in this process. If ``pandoc`` is on PATH, it also times
``pandoc deck.md -o deck.pptx`` for comparison.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.make_deck import main as make_deck  # noqa: E402
from converter.diagnostics import Diagnostics  # noqa: E402
from converter.layout import LayoutOptions, layout_deck  # noqa: E402
from converter.reader import read_file  # noqa: E402
from converter.render.pptx import render_pptx  # noqa: E402


def run_cli(deck: Path, out: Path) -> tuple[float, float]:
    """Wall time and peak RSS (MB) of one `md2pptx` run in a child process."""
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-m", "converter", str(deck), "-o", str(out), "-q"])
    _pid, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"md2pptx failed on {deck} (status {status})")
    return elapsed, usage.ru_maxrss / 1024


def stages(deck: Path) -> tuple[float, float, float]:
    t0 = time.perf_counter()
    read = read_file(deck)
    t1 = time.perf_counter()
    diags = Diagnostics(str(deck))
    laid = layout_deck(read.deck, LayoutOptions(), diags)
    t2 = time.perf_counter()
    render_pptx(laid, read.deck.meta, diags)
    t3 = time.perf_counter()
    return t1 - t0, t2 - t1, t3 - t2


def main() -> int:
    parser = argparse.ArgumentParser(description="time the benchmark deck to PPTX")
    parser.add_argument("--slides", type=int, nargs="+", default=[1000, 200])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    pandoc = shutil.which("pandoc")
    results: dict[int, float] = {}
    print("| slides | md2pptx -o .pptx best (s) | peak RSS (MB) | read (s) | layout (s) | "
          "render+save (s) | pandoc (s) |")
    print("|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for slides in args.slides:
            deck = Path(tmp) / f"deck{slides}.md"
            make_deck(["--slides", str(slides), "--out", str(deck)])
            runs = [run_cli(deck, Path(tmp) / f"deck{slides}.pptx") for _ in range(args.repeat)]
            best = min(t for t, _ in runs)
            peak = max(m for _, m in runs)
            read, layout, render = stages(deck)
            results[slides] = best
            pandoc_time = "-"
            if pandoc:
                start = time.perf_counter()
                subprocess.run([pandoc, str(deck), "-o", str(Path(tmp) / "pandoc.pptx")],
                               check=False, capture_output=True)
                pandoc_time = f"{time.perf_counter() - start:.2f}"
            print(f"| {slides} | {best:.2f} | {peak:.0f} | {read:.2f} | {layout:.2f} | "
                  f"{render:.2f} | {pandoc_time} |")
    if 1000 in results and 200 in results:
        print(f"\ntime(1000) / time(200) = {results[1000] / results[200]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
