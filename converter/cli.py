"""The command line: arguments in, diagnostics on stderr, outputs and an exit status out.

Input: `argv`. Output: the exit status (0 success, 1 the input could not be converted or
`--strict` found warnings, 2 usage error). The only module that prints; every stage below it
returns diagnostics instead.
"""

from __future__ import annotations

import argparse
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path

from converter import __version__
from converter.api import HANDOUT_MODES, PAPERS, convert, output_format
from converter.diagnostics import ConversionError, Diagnostic, Severity, has_warnings
from converter.output import write_atomic
from converter.reader import ReadOptions, read_file
from converter.report import check_table, report_json

EXAMPLES = """\
examples:
  md2pptx talk.md -o talk.pptx            editable PowerPoint, notes in the notes pane
  md2pptx talk.md                         the same, written beside the deck as talk.pptx
  md2pptx talk.md -o talk.pdf             the slides as PDF (vector text, fonts embedded)
  md2pptx talk.md -o handout.pdf --handout          each slide with its speaker notes
  md2pptx talk.md -o talk.pptx -o talk.pdf --handout-output handout.pdf   read once, write all
  md2pptx talk.md --check                 list the slides and every problem found
  md2pptx talk.md --report report.json    the same as JSON
  md2pptx talk.md --check --strict        fail (exit 1) on any warning
"""

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="md2pptx",
        description="Convert a reveal-md Markdown deck into PowerPoint and PDF.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("input", type=Path, help="the deck (Markdown)")
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        action="append",
        default=[],
        help="output file; the format comes from the extension",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="read the deck, print the slides and diagnostics, write nothing",
    )
    parser.add_argument(
        "--report", metavar="FILE", help="write what was read as JSON to FILE ('-' for stdout)"
    )
    parser.add_argument(
        "--strict", action="store_true", help="treat warnings as errors: exit 1 and write nothing"
    )
    parser.add_argument("--theme", help="reveal.js theme name (overrides the deck's)")
    parser.add_argument("--separator", help="horizontal slide separator regex")
    parser.add_argument("--vertical-separator", help="vertical slide separator regex")
    parser.add_argument("--notes-separator", help="speaker notes separator regex")
    parser.add_argument(
        "--resource-root",
        type=Path,
        action="append",
        default=[],
        metavar="DIR",
        help="another folder images may come from (repeatable)",
    )
    parser.add_argument(
        "--size",
        default="16:9",
        help="slide size: 16:9 (default), 4:3 or WxH with in, cm, mm, pt or px",
    )
    parser.add_argument(
        "--font-dir",
        type=Path,
        action="append",
        default=[],
        metavar="DIR",
        help="a folder of TrueType fonts searched before the system's",
    )
    parser.add_argument("--handout", nargs="?", const="notes", choices=HANDOUT_MODES,
                        metavar="MODE", help="write the PDF outputs as handouts: notes (each "
                        "slide with its notes, the default), or 2, 3 (with lines), 4, 6 per page")
    parser.add_argument("--handout-output", type=Path, action="append", default=[],
                        metavar="FILE", help="also write a handout PDF to FILE (repeatable)")
    parser.add_argument("--paper", choices=PAPERS, default="a4", help="handout paper size")
    parser.add_argument("--pdf-fragments", action="store_true",
                        help="one PDF page per fragment step (default: all fragments shown)")
    parser.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    parser.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="print info diagnostics too, and tracebacks of internal errors",
    )
    parser.add_argument("--version", action="version", version=f"md2pptx {__version__}")
    return parser


def _print_diagnostics(diagnostics: Sequence[Diagnostic], args: argparse.Namespace) -> None:
    for d in diagnostics:
        if d.severity is Severity.INFO and not args.verbose:
            continue
        if d.severity is not Severity.ERROR and args.quiet:
            continue
        print(d.format(), file=sys.stderr)


def _outputs(args: argparse.Namespace) -> list[Path] | None:
    """The outputs to write: `-o` values, else `talk.pptx` beside the input unless the run
    only checks or reports."""
    if args.check:
        return []
    if args.output:
        return list(args.output)
    if args.handout_output:
        return []
    return [] if args.report is not None else [args.input.with_suffix(".pptx")]


def _run(args: argparse.Namespace) -> int:
    options = ReadOptions(
        separator=args.separator,
        vertical_separator=args.vertical_separator,
        notes_separator=args.notes_separator,
        theme=args.theme,
        resource_roots=tuple(args.resource_root),
    )
    outputs = _outputs(args)
    assert outputs is not None
    for target in [*outputs, *([Path(args.report)] if args.report not in (None, "-") else [])]:
        if target.resolve() == args.input.resolve():
            print(f"md2pptx: refusing to overwrite the input {args.input}", file=sys.stderr)
            return EXIT_USAGE
        if target in outputs and output_format(target) is None:
            print(
                f"md2pptx: cannot write {target}: unknown format "
                f"{target.suffix or '(no extension)'}; use .pptx",
                file=sys.stderr,
            )
            return EXIT_USAGE
    try:
        if outputs or args.handout_output:
            result = convert(
                args.input,
                outputs,
                read_options=options,
                size=args.size,
                font_dirs=tuple(args.font_dir),
                strict=args.strict,
                handout=args.handout,
                handout_outputs=tuple(args.handout_output),
                paper=args.paper,
                pdf_fragments=args.pdf_fragments,
            )
            assert result.deck is not None
            deck, diagnostics = result.deck, result.diagnostics
        else:
            read = read_file(args.input, options)
            deck, diagnostics = read.deck, read.diagnostics
    except ConversionError as exc:
        _print_diagnostics(exc.diagnostics, args)
        return EXIT_FAILED
    _print_diagnostics(diagnostics, args)
    if args.strict and has_warnings(diagnostics):
        count = sum(d.severity is not Severity.INFO for d in diagnostics)
        print(f"md2pptx: {count} warning(s) with --strict: nothing written", file=sys.stderr)
        return EXIT_FAILED
    if args.check and not args.quiet:
        sys.stdout.write(check_table(deck))
    if args.report is not None:
        text = report_json(deck, diagnostics)
        if args.report == "-":
            sys.stdout.write(text)
        else:
            try:
                write_atomic(Path(args.report), text.encode("utf-8"))
            except OSError as exc:
                print(f"md2pptx: cannot write {args.report}: {exc}", file=sys.stderr)
                return EXIT_FAILED
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return _run(args)
    except KeyboardInterrupt:
        print("md2pptx: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # the last line of defence: never a bare traceback
        print(
            f"md2pptx: internal error while converting {args.input}: "
            f"{type(exc).__name__}: {exc}; please report this with the deck attached",
            file=sys.stderr,
        )
        if args.verbose:
            traceback.print_exc()
        else:
            print("md2pptx: run again with --verbose for the traceback", file=sys.stderr)
        return EXIT_FAILED
