"""Benchmark: the benchmark deck converted end to end, as a user runs md2pptx.

Usage: ``python bench/bench_convert.py [--slides 1000 200] [--repeat 3] [--pandoc PATH]``. For
each deck size it runs ``md2pptx`` in a fresh process (imports and start-up count) ``--repeat``
times for each job: PPTX, slides PDF, handout PDF, and all three in one run; it prints the best
wall-clock time and the peak RSS of the child (``ru_maxrss`` from ``wait4``). Then the time of
each stage (read, layout, PPTX, PDF, handout) measured in this process. With 200 slides it
also times the same deck in Chinese (``make_deck.py --cjk``). Then the deck of 50 formulas and 10
mermaid diagrams (7 distinct; ``make_deck.py --formulas 50 --diagrams 10``), each part against
its twin without math or diagrams, printing what a formula and a distinct diagram cost, and the
diagrams again from a warm disk cache (``--no-math`` skips it). With ``--pandoc`` (or a
``pandoc`` on PATH) it also times ``pandoc deck.md -o deck.pptx`` for comparison.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.make_deck import distinct_diagrams  # noqa: E402
from bench.make_deck import main as make_deck  # noqa: E402
from converter.diagnostics import Diagnostics  # noqa: E402
from converter.layout import LayoutOptions, layout_deck  # noqa: E402
from converter.reader import read_file  # noqa: E402
from converter.render.pdf.handout import render_handout  # noqa: E402
from converter.render.pdf.slides import render_pdf  # noqa: E402
from converter.render.pptx.deck import render_pptx  # noqa: E402

JOBS = {
    "pptx": ["-o", "{d}/out.pptx"],
    "pdf": ["-o", "{d}/out.pdf"],
    "handout": ["-o", "{d}/handout.pdf", "--handout"],
    "all three": ["-o", "{d}/out.pptx", "-o", "{d}/out.pdf", "--handout-output",
                  "{d}/handout.pdf"],
}


def _pandoc() -> str | None:
    """pandoc on PATH, else the one pypandoc-binary (a test dependency) carries."""
    found = shutil.which("pandoc")
    if found is None:
        try:
            import pypandoc  # type: ignore[import-not-found,import-untyped,unused-ignore]

            found = str(pypandoc.get_pandoc_path())
        except Exception:
            return None
    return found


def run(args: list[str], env: dict[str, str] | None = None) -> tuple[float, float, float]:
    """Wall time, CPU time (user + system, children included) and peak RSS (MB) of one child
    process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    child = subprocess.Popen(args, stdout=subprocess.DEVNULL,
                             env=None if env is None else {**os.environ, **env})  # fmt: skip
    _pid, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"{args} failed (status {status})")
    # The children's totals include the worker processes the child forked and reaped.
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu, usage.ru_maxrss / 1024


def time_jobs(label: str, deck: Path, repeat: int, jobs: tuple[str, ...] = tuple(JOBS),
              env: dict[str, str] | None = None) -> dict[str, float]:  # fmt: skip
    """Each job on `deck` in fresh processes, best of `repeat`: a table row per job."""
    best: dict[str, float] = {}
    for job in jobs:
        cli = [sys.executable, "-m", "converter", str(deck), "-q",
               *(a.format(d=deck.parent) for a in JOBS[job])]  # fmt: skip
        runs = [run(cli, env) for _ in range(repeat)]
        wall, cpu, _ = min(runs)
        best[job] = wall
        peak = max(m for _, _, m in runs)
        print(f"| {label} | {job} | {wall:.2f} | {cpu / wall:.2f} | {peak:.0f} |")
    return best


def math_and_diagrams(tmp: Path, repeat: int) -> None:
    """The deck of 50 formulas and 10 mermaid diagrams (7 distinct), each part against its
    twin without math or diagrams (`make_deck.py --plain`): what a formula and a diagram cost."""
    formulas, diagrams = 50, 10
    distinct = len(distinct_diagrams(diagrams))
    decks = {}
    for name, argv in (("math", ["--formulas", str(formulas)]),
                       ("math-plain", ["--formulas", str(formulas), "--plain"]),
                       ("diagrams", ["--diagrams", str(diagrams)]),
                       ("diagrams-plain", ["--diagrams", str(diagrams), "--plain"]),
                       ("both", ["--formulas", str(formulas), "--diagrams", str(diagrams)])):
        decks[name] = Path(tmp) / name / "deck.md"
        make_deck([*argv, "--out", str(decks[name])])
    print("\n| deck | job | best of runs (s) | CPU / wall | peak RSS (MB) |")
    print("|---|---|---|---|---|")
    no_cache = {"MD2PPTX_CACHE": "0"}
    math = time_jobs(f"{formulas} formulas", decks["math"], repeat)
    plain = time_jobs(f"{formulas} formulas as code spans", decks["math-plain"], repeat)
    label = f"{diagrams} diagrams ({distinct} distinct), no disk cache"
    drawn = time_jobs(label, decks["diagrams"], repeat, env=no_cache)
    code = time_jobs(f"{diagrams} diagrams as code", decks["diagrams-plain"], repeat)
    cache = Path(tmp) / "cache"
    run([sys.executable, "-m", "converter", str(decks["diagrams"]), "-q", "-o",
         str(decks["diagrams"].parent / "warm.pptx")], {"MD2PPTX_CACHE_DIR": str(cache)})
    cached = time_jobs(f"{diagrams} diagrams, disk cache warm", decks["diagrams"], repeat,
                       ("pptx",), {"MD2PPTX_CACHE_DIR": str(cache)})  # fmt: skip
    time_jobs(f"{formulas} formulas + {diagrams} diagrams, no disk cache", decks["both"], repeat,
              ("all three",), no_cache)  # fmt: skip
    for job in JOBS:
        per_formula = (math[job] - plain[job]) / formulas * 1000
        per_diagram = (drawn[job] - code[job]) / distinct * 1000
        print(f"{job}: {per_formula:.1f} ms a formula, {per_diagram:.0f} ms a distinct diagram "
              "(wall, imports included)")
    print(f"diagrams from the disk cache, PPTX: {cached['pptx']:.2f} s "
          f"(as code {code['pptx']:.2f} s)")


def stages(deck: Path) -> dict[str, float]:
    times: dict[str, float] = {}
    start = time.perf_counter()
    read = read_file(deck)
    times["read"] = time.perf_counter() - start
    diags = Diagnostics(str(deck))
    start = time.perf_counter()
    laid = layout_deck(read.deck, LayoutOptions(), diags)
    times["layout"] = time.perf_counter() - start
    for name, render in (("pptx", render_pptx), ("pdf", render_pdf), ("handout", render_handout)):
        start = time.perf_counter()
        render(laid, read.deck.meta, diags)
        times[name] = time.perf_counter() - start
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description="time md2pptx on the benchmark deck")
    parser.add_argument("--slides", type=int, nargs="+", default=[1000, 200])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--pandoc", default=_pandoc())
    parser.add_argument("--no-math", action="store_true",
                        help="skip the deck of 50 formulas and 10 diagrams")  # fmt: skip
    args = parser.parse_args()
    best: dict[tuple[int, str], float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for what, argv in (("--version", ["--version"]), ("--help", ["--help"])):
            runs = [run([sys.executable, "-m", "converter", *argv]) for _ in range(5)]
            print(f"md2pptx {what}: {min(t for t, _, _ in runs):.3f} s (best of 5)")
        print("\n| slides | job | best of runs (s) | CPU / wall | peak RSS (MB) |")
        print("|---|---|---|---|---|")
        decks: dict[int, Path] = {}
        for slides in args.slides:
            deck = decks[slides] = Path(tmp) / f"deck{slides}" / "deck.md"
            make_deck(["--slides", str(slides), "--out", str(deck)])
            for job, wall in time_jobs(str(slides), deck, args.repeat).items():
                best[(slides, job)] = wall
        if 1000 in args.slides:  # the same deck with a stylesheet of 2000 rules
            deck = Path(tmp) / "css1000" / "deck.md"
            make_deck(["--slides", "1000", "--css-rules", "2000", "--out", str(deck)])
            time_jobs("1000 (2000 CSS rules)", deck, args.repeat, ("pptx",))
        if 200 in args.slides:  # the same deck in Chinese: fallback, CFF subsets, CJK breaking
            deck = Path(tmp) / "cjk200" / "deck.md"
            make_deck(["--slides", "200", "--cjk", "--out", str(deck)])
            time_jobs("200 (Chinese)", deck, args.repeat)
        print("\n| slides | read | layout | PPTX | PDF | handout | (seconds, in one process) |")
        print("|---|---|---|---|---|---|---|")
        for slides, deck in decks.items():
            t = stages(deck)
            print(f"| {slides} | {t['read']:.2f} | {t['layout']:.2f} | {t['pptx']:.2f} | "
                  f"{t['pdf']:.2f} | {t['handout']:.2f} | |")
        if (1000, "pptx") in best and (200, "pptx") in best:
            ratio = best[(1000, "pptx")] / best[(200, "pptx")]
            print(f"\ntime(1000) / time(200), PPTX: {ratio:.2f}")
        if args.pandoc and 200 in decks:
            start = time.perf_counter()
            subprocess.run([args.pandoc, str(decks[200]), "-o", str(Path(tmp) / "pandoc.pptx")],
                           check=True, capture_output=True)
            pandoc = time.perf_counter() - start
            ours = best.get((200, "pptx"), float("nan"))
            print(f"pandoc, same 200-slide deck to PPTX: {pandoc:.2f} s "
                  f"(md2pptx {ours:.2f} s: ratio {pandoc / ours:.2f})")
        if not args.no_math:
            math_and_diagrams(Path(tmp), args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
