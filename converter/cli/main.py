"""The command line: arguments in, diagnostics on stderr, outputs and an exit status out.

Input: `argv`. Output: the exit status (0 success, 1 an input could not be converted or
`--strict` found warnings or an output could not be written, 2 usage error, 130 interrupted).
The only module that prints (through `Console`); the stages below return diagnostics instead.
One input or several (`-d DIR`, converted in parallel with `-j N`); `--watch` converts again
on every change.
"""

from __future__ import annotations

import argparse
import json
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from converter.cli.jobs import EXIT_FAILED, EXIT_OK, EXIT_USAGE, Job, JobResult
from converter.cli.progress import ProgressBar
from converter.diagnostics import Diagnostic, Severity
from converter.output import HANDOUT_MODES, OVERFLOW_MODES, PAPERS, output_format, write_atomic
from converter.version import __version__

EXAMPLES = """\
examples:
  md2pptx talk.md                         talk.pptx beside the deck
  md2pptx talk.md -o talk.pptx -o talk.pdf   read and lay out once, write both
  md2pptx talk.md -o handout.pdf --handout 4 --paper letter   4 slides per page
  md2pptx talk.md -o talk.pptx --handout-output handout.pdf   slides and handout
  md2pptx decks/*.md -d out/ -t pptx -t pdf -j 4   a batch: out/NAME.pptx and out/NAME.pdf
  md2pptx talk.md --watch                 convert again whenever the deck or an image changes
  md2pptx talk.md -o talk.pptx --template brand.potx   in the corporate template
  md2pptx --check-template brand.potx     the layouts a template offers and their use
  md2pptx --list-themes                   the built-in themes, their colours and fonts
  md2pptx --list-highlight-themes         the code highlight themes that can be named
  md2pptx talk.md --overflow split        long slides continued on further slides
  md2pptx talk.md --check                 list the slides and every problem found
  md2pptx talk.md --report report.json    the same as JSON ('-' for stdout)
  md2pptx talk.md --check --strict        fail (exit 1) on any warning

exit status: 0 success, 1 an input failed (or --strict found warnings), 2 usage error
"""

PROGRESS_MIN_SLIDES = 51  # a single deck shows a progress bar when it has more slides


class UsageError(Exception):
    """A command line that cannot be run as given (exit status 2)."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="md2pptx",
        description="Convert reveal-md Markdown decks into editable PowerPoint and PDF.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add = parser.add_argument
    add("inputs", type=Path, nargs="*", metavar="INPUT", help="the deck(s) (Markdown)")
    add("-o", "--output", type=Path, action="append", default=[], metavar="FILE",
        help="output file, format from the extension (.pptx, .pdf); repeatable; one input only")
    add("-d", "--output-dir", type=Path, metavar="DIR",
        help="write each input's outputs into DIR, named after it (needed for several inputs); "
             "DIR is created (with its parents) when missing")
    add("-t", "--to", action="append", default=[], metavar="FORMAT",
        help="output format(s) when no -o is given: pptx (default), pdf; repeatable")
    add("-j", "--jobs", type=int, default=0, metavar="N",
        help="convert N inputs in parallel (default: the number of cores; 1: in this process)")
    add("--check", action="store_true",
        help="read the deck, print the slides and diagnostics, write nothing")
    add("--report", metavar="FILE", help="write what was read as JSON to FILE ('-' for stdout)")
    add("--strict", action="store_true", help="treat warnings as errors: exit 1, write nothing")
    add("--theme", help="reveal.js theme name (overrides the deck's)")
    add("--css", action="append", default=[], metavar="FILE",
        help="a stylesheet applied after the theme, as reveal-md's --css (repeatable or "
             "comma-separated; overrides the deck's css option)")
    add("--template", "--reference-doc", type=Path, metavar="FILE",
        help="a .pptx or .potx whose slide size, masters, layouts, colours and fonts the "
        "outputs use (its colours and fonts unless --theme is given)")
    add("--footer", metavar="TEXT",
        help="footer text, in the footer placeholder of each slide whose template layout has "
             "one (with --template only; overrides the deck's footer)")
    add("--date", metavar="TEXT",
        help="date text, in the date placeholder of each slide whose template layout has one "
             "(with --template only; overrides the deck's date, also the document's date)")
    add("--check-template", type=Path, metavar="FILE",
        help="list a template's layouts and placeholders and which slides use which; "
        "convert nothing")
    add("--list-themes", action="store_true",
        help="list the built-in reveal.js themes (background, colours, fonts); convert nothing")
    add("--list-highlight-themes", action="store_true",
        help="list the code highlight themes: built in and the highlight.js stylesheets "
             "installed (for a deck in the folder of INPUT, else the working directory)")
    add("--separator", metavar="RE", help="horizontal slide separator regex")
    add("--vertical-separator", metavar="RE", help="vertical slide separator regex")
    add("--notes-separator", metavar="RE", help="speaker notes separator regex")
    add("--resource-root", type=Path, action="append", default=[], metavar="DIR",
        help="another folder images may come from (repeatable)")
    add("--size", default="16:9",
        help="slide size: 16:9 (default), 4:3, 16:10 or WxH with in, cm, mm, pt or px")
    add("--font-dir", type=Path, action="append", default=[], metavar="DIR",
        help="a folder of TrueType fonts searched before the system's (repeatable)")
    add("--handout", nargs="?", const="notes", choices=HANDOUT_MODES, metavar="MODE",
        help="write the PDF outputs as handouts: notes (each slide with its notes, the "
        "default), or 2, 3 (with lines), 4, 6 per page")
    add("--handout-output", type=Path, action="append", default=[], metavar="FILE",
        help="also write a handout PDF to FILE (repeatable; one input only)")
    add("--paper", choices=PAPERS, default="a4", help="handout paper size")
    add("--overflow", choices=OVERFLOW_MODES, metavar="MODE",
        help="a slide too long for the page: shrink (the default: its text gets smaller, down "
             "to 10 pt), split (continued on further slides, title repeated with (cont.)) or "
             "clip (cut at the bottom, as reveal.js shows it); overrides the deck's "
             "md2pptx: {overflow: ...}")
    add("--pdf-fragments", action="store_true",
        help="one PDF page per fragment step (default: all fragments shown)")
    add("--watch", action="store_true",
        help="convert again whenever the deck or a file it uses changes (Ctrl-C stops)")
    add("-q", "--quiet", action="store_true", help="print errors only")
    add("-v", "--verbose", action="store_true",
        help="print info diagnostics too, and tracebacks of internal errors")
    add("--version", action="version", version=f"md2pptx {__version__}")
    return parser


class Console:
    """Everything the CLI prints: diagnostics and messages on stderr (clearing the progress
    bar first), tables and reports on stdout."""

    def __init__(self, args: argparse.Namespace, err: TextIO, out: TextIO) -> None:
        self.args, self.err, self.out = args, err, out
        show = not args.quiet and err.isatty()
        self.bar = ProgressBar(err) if show else None

    def say(self, message: str) -> None:
        if self.bar is not None:
            self.bar.clear()
        print(message, file=self.err)
        if self.bar is not None:
            self.bar.redraw()

    def diagnostics(self, items: Sequence[Diagnostic]) -> None:
        for d in items:
            if d.severity is Severity.INFO and not self.args.verbose:
                continue
            if d.severity is not Severity.ERROR and self.args.quiet:
                continue
            self.say(d.format())

    def result(self, result: JobResult, several: bool) -> None:
        self.diagnostics(result.diagnostics)
        if result.internal_error is not None:
            self.say(f"md2pptx: internal error while converting {result.input}: "
                     f"{result.internal_error}; please report this with the deck attached")
            if self.args.verbose and result.traceback:
                self.say(result.traceback.rstrip())
            elif result.traceback:
                self.say("md2pptx: run again with --verbose for the traceback")
        if result.stdout and not self.args.quiet:
            if self.bar is not None:
                self.bar.clear()
            if several:
                self.out.write(f"==> {result.input} <==\n")
            self.out.write(result.stdout)
        if self.args.verbose:
            for path in result.outputs:
                self.say(f"md2pptx: wrote {path}")

    def progress(self, stage: str, done: int, total: int) -> None:
        if self.bar is not None and stage not in ("read", "write"):
            name = self.args.inputs[0].name
            self.bar.min_total = PROGRESS_MIN_SLIDES
            self.bar.update(f"{stage} {name}", done, total)

    def decks_done(self, done: int, total: int) -> None:
        if self.bar is not None:
            self.bar.min_total = 2
            self.bar.update(f"decks converted, {total - done} to go", done, total, force=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _formats(args: argparse.Namespace) -> list[str]:
    formats: list[str] = []
    for value in args.to:
        for name in filter(None, (v.strip().lower().lstrip(".") for v in value.split(","))):
            if name not in ("pptx", "pdf"):
                raise UsageError(f"unknown format {name!r} for --to: use pptx or pdf")
            if name not in formats:
                formats.append(name)
    return formats or ["pptx"]


def _outputs_of(source: Path, args: argparse.Namespace, formats: list[str]) -> list[Path]:
    """The outputs to write for one input."""
    if args.check:
        return []
    if args.output:
        return list(args.output)
    if args.output_dir is not None:
        return [args.output_dir / f"{source.stem}.{fmt}" for fmt in formats]
    if args.handout_output or (args.report is not None and not args.to):
        return []
    return [source.with_suffix(f".{fmt}") for fmt in formats]


def _check_targets(jobs: list[Job], args: argparse.Namespace) -> None:
    owner: dict[Path, Path] = {}
    report = [Path(args.report)] if args.report not in (None, "-") else []
    for job in jobs:
        for target in (*job.outputs, *job.handout_outputs, *report):
            if target.resolve() == job.input.resolve():
                raise UsageError(f"refusing to overwrite the input {job.input} with {target}")
        for target in job.outputs:
            if output_format(target) is None:
                raise UsageError(f"cannot write {target}: unknown format "
                                 f"{target.suffix or '(no extension)'}; use .pptx or .pdf")
            first = owner.setdefault(target.resolve(), job.input)
            if first != job.input:
                raise UsageError(f"{first} and {job.input} would both write {target}; "
                                 "rename one of them or convert them separately")


def plan(args: argparse.Namespace) -> list[Job]:
    """The jobs the command line asks for, or `UsageError`."""
    inputs: list[Path] = list(dict.fromkeys(args.inputs))
    if not inputs:
        raise UsageError("the following arguments are required: INPUT")
    several = len(inputs) > 1
    if several and args.output_dir is None:
        raise UsageError("several inputs need -d DIR (each writes DIR/NAME.pptx and so on)")
    if args.output and (several or args.output_dir is not None):
        raise UsageError("-o names the outputs of one input; with -d DIR use --to FORMAT")
    if args.handout_output and several:
        raise UsageError("--handout-output is for one input; with -d DIR use --to pdf --handout")
    if args.jobs < 0:
        raise UsageError("-j needs a positive number of jobs")
    formats = _formats(args)
    from converter.reader import ReadOptions  # the reader only once arguments are parsed

    read_options = ReadOptions(
        separator=args.separator,
        vertical_separator=args.vertical_separator,
        notes_separator=args.notes_separator,
        theme=args.theme,
        css=tuple(n.strip() for v in args.css for n in v.split(",") if n.strip()),
        resource_roots=tuple(args.resource_root),
        footer=args.footer,
        date=args.date,
    )
    options: dict[str, Any] = {
        "read_options": read_options,
        "size": args.size,
        "font_dirs": tuple(args.font_dir),
        "handout": args.handout,
        "paper": args.paper,
        "pdf_fragments": args.pdf_fragments,
    }
    if args.overflow is not None:
        options["overflow"] = args.overflow
    if args.template is not None:
        options["template"] = args.template
    jobs = [
        Job(
            source,
            tuple(dict.fromkeys(_outputs_of(source, args, formats))),
            tuple(args.handout_output),
            check=args.check,
            report=("-" if several else args.report) if args.report is not None else None,
            strict=args.strict,
            options=options,
        )
        for source in inputs
    ]
    _check_targets(jobs, args)
    return jobs


def _write_report(results: list[JobResult], args: argparse.Namespace, console: Console) -> int:
    """The combined report of several inputs: a JSON array, one entry per input in order."""
    entries = []
    for result in results:
        if result.report is not None:
            entries.append(result.report.strip())
        else:
            failed = {"file": str(result.input), "error": result.internal_error or "failed",
                      "diagnostics": [d.to_json() for d in result.diagnostics]}
            entries.append(json.dumps(failed, ensure_ascii=False, indent=2))
    text = "[\n" + ",\n".join(entries) + "\n]\n"
    if args.report == "-":
        console.out.write(text)
        return EXIT_OK
    try:
        write_atomic(Path(args.report), text.encode("utf-8"))
    except OSError as exc:
        console.say(f"md2pptx: cannot write {args.report}: {exc}")
        return EXIT_FAILED
    return EXIT_OK


def run_once(jobs: list[Job], args: argparse.Namespace, console: Console) -> tuple[int, set[Path]]:
    """Run every job, print as results come (in input order); the exit status and the files
    the decks read."""
    several = len(jobs) > 1
    if several or args.output_dir is not None:
        folder = args.output_dir
        if folder is not None and not folder.is_dir() and any(j.outputs for j in jobs):
            try:  # as Marp's --output and reveal-md's --static do
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                console.say(f"md2pptx: error: cannot create the output folder {folder}: "
                            f"{exc.strerror or exc}")
                return EXIT_FAILED, {j.input.resolve() for j in jobs}
    from converter.cli.batch import default_workers, run_jobs  # loads the pipeline

    workers = args.jobs or default_workers()
    results: list[JobResult] = []
    try:
        for result in run_jobs(jobs, workers, console.decks_done, console.progress):
            console.result(result, several)
            if result.report is not None and not several:
                console.out.write(result.report)
            results.append(result)
    finally:
        console.close()
    status = EXIT_FAILED if any(r.failed for r in results) else EXIT_OK
    if several and args.report is not None:
        status = max(status, _write_report(results, args, console))
    failed = [str(r.input) for r in results if r.failed]
    if several and (failed or args.verbose):
        console.say(f"md2pptx: {len(results) - len(failed)} of {len(results)} inputs converted"
                    + (f"; failed: {', '.join(failed)}" if failed else ""))
    watched = {p for r in results for p in r.watched}
    return status, watched


def _watch(jobs: list[Job], args: argparse.Namespace, console: Console) -> int:
    from converter.cli import watch

    def once() -> set[Path]:
        _status, watched = run_once(jobs, args, console)
        if not args.quiet:
            console.say(f"md2pptx: watching {len(watched)} files; Ctrl-C to stop")
        return watched

    def changed(paths: set[Path]) -> None:
        if not args.quiet:
            console.say(f"md2pptx: {', '.join(sorted(p.name for p in paths))} changed")

    return watch.watch_loop(once, watch.watchfiles_changes, changed)


def _check_template(path: Path, console: Console) -> int:
    """`--check-template`: the template's layouts and placeholders, and which slides use which."""
    from converter.template.check import describe
    from converter.template.reference import TemplateError, load_template

    try:
        template = load_template(path)
    except TemplateError as exc:
        console.say(f"md2pptx: error: {exc}")
        return EXIT_FAILED
    console.out.write(describe(template))
    return EXIT_OK


def _lists(args: argparse.Namespace, out: TextIO) -> int:
    """`--list-themes`, `--list-highlight-themes`: what a deck can name, on stdout."""
    from converter.cli.lists import list_highlight_themes, list_themes

    texts = [list_themes()] if args.list_themes else []
    if args.list_highlight_themes:
        folder = args.inputs[0].parent if args.inputs else Path.cwd()
        texts.append(list_highlight_themes(folder))
    out.write("\n".join(texts))
    return EXIT_OK


def main(
    argv: Sequence[str] | None = None, *, err: TextIO | None = None, out: TextIO | None = None
) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.list_themes or args.list_highlight_themes:
        return _lists(args, out or sys.stdout)
    if not args.inputs and args.check_template is None:
        parser.error("the following arguments are required: INPUT")
    console = Console(args, err or sys.stderr, out or sys.stdout)
    try:
        if args.check_template is not None:
            return _check_template(args.check_template, console)
        jobs = plan(args)
        if args.watch:
            return _watch(jobs, args, console)
        return run_once(jobs, args, console)[0]
    except UsageError as exc:
        console.say(f"md2pptx: error: {exc}")
        return EXIT_USAGE
    except KeyboardInterrupt:
        console.say("md2pptx: interrupted")
        return 130
    except Exception as exc:  # the last line of defence: never a bare traceback
        console.say(f"md2pptx: internal error: {type(exc).__name__}: {exc}; "
                    "please report this with the deck attached")
        if args.verbose:
            console.say(traceback.format_exc().rstrip())
        else:
            console.say("md2pptx: run again with --verbose for the traceback")
        return EXIT_FAILED
    finally:
        console.close()
