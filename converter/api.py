"""The Python API: convert a deck into one or more outputs in one call.

Input: a deck path, the output paths (the format comes from each extension: `.pptx`, `.pdf`)
and options. Output: a `Result` with the written paths, the deck model and every diagnostic.
The deck is read and laid out once, whatever the number of outputs. Outputs (and the optional
JSON report) are written atomically and only after every one of them was rendered: each to a
temporary file in its folder, then all renamed into place, so on any failure no output file is
created or changed. Problems that stop the conversion raise `ConversionError`.
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from converter.diagnostics import (
    ConversionError,
    Diagnostic,
    Progress,
    Severity,
    StageDiagnostics,
    has_warnings,
)
from converter.layout import LayoutOptions, layout_deck
from converter.layout.boxes import LaidOutDeck
from converter.layout.geometry import EMU_PER_PT, SizeError, parse_size
from converter.model import Deck, shown_source
from converter.output import (
    HANDOUT_MODES,
    OVERFLOW_MODES,
    PAPERS,
    output_format,
    write_all_atomic,
)
from converter.parallel import WorkerDied, can_fork, fork_call
from converter.reader import ReadOptions, read_file
from converter.template.reference import Template

Kind = Literal["pptx", "pdf", "handout"]

__all__ = ["ConversionError", "Diagnostic", "Progress", "ReadOptions", "Result", "convert"]


@dataclass(frozen=True)
class Result:
    """What a conversion made: the files written (in the order asked), every diagnostic, and
    the deck model that was read."""

    outputs: tuple[Path, ...]
    diagnostics: tuple[Diagnostic, ...] = field(default_factory=tuple)
    deck: Deck | None = None
    overflow: str = "shrink"  # the overflow mode used (--overflow, else the deck's, else shrink)
    parts: Mapping[int, int] = field(default_factory=dict)  # slide number -> the number of
    # slides it was split into, for the slides `--overflow split` split

    @property
    def ok(self) -> bool:
        return not any(d.severity is Severity.ERROR for d in self.diagnostics)

    @property
    def warnings(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.severity is Severity.WARNING)


@dataclass(frozen=True)
class RenderOptions:
    handout: str = "notes"  # the handout mode: notes, 2, 3, 4 or 6
    paper: str = "a4"
    pdf_fragments: bool = False


def _render(kind: Kind, laid: LaidOutDeck, deck: Deck, options: RenderOptions,
            diags: StageDiagnostics) -> bytes:
    """One output's bytes; the backend is imported only when a run writes its format."""
    diags.stage(kind, len(laid.slides))
    if kind == "pptx":
        from converter.render.pptx.deck import render_pptx

        data = render_pptx(laid, deck.meta, diags)
    elif kind == "pdf":
        from converter.render.pdf.slides import render_pdf

        data = render_pdf(laid, deck.meta, diags, fragments=options.pdf_fragments)
    else:
        from converter.render.pdf.handout import render_handout

        data = render_handout(laid, deck.meta, diags, mode=options.handout, paper=options.paper)
    diags.finish()
    return bytes(data)


def convert(
    source: Path | str,
    outputs: Sequence[Path | str],
    *,
    read_options: ReadOptions | None = None,
    theme: str | None = None,
    separator: str | None = None,
    vertical_separator: str | None = None,
    notes_separator: str | None = None,
    resource_roots: Sequence[Path | str] = (),
    size: str = "16:9",
    font_dirs: Sequence[Path] = (),
    strict: bool = False,
    handout: str | None = None,
    handout_outputs: Sequence[Path | str] = (),
    paper: str = "a4",
    pdf_fragments: bool = False,
    report: Path | str | None = None,
    progress: Progress | None = None,
    template: Path | str | None = None,
    overflow: str | None = None,
) -> Result:
    """Read `source` once and write every output.

    `theme`, the separators and `resource_roots` override the deck's (as the command line's
    flags do; they are merged over `read_options`). `handout` (a mode: notes, 2, 3, 4, 6) turns
    the `.pdf` outputs into handouts; `handout_outputs` are further handout PDFs. `report` also
    writes the JSON report. `progress(stage, done, total)` is called as the stages go, per
    slide. `overflow` (shrink, split, clip) overrides the deck's `md2pptx: {overflow: ...}`.
    Raises `ConversionError` when nothing can be written (unreadable input, an unknown
    output format, a refused output path, `strict` with warnings); its `diagnostics` hold
    everything gathered so far."""
    options = _read_options(
        read_options, theme, separator, vertical_separator, notes_separator, resource_roots
    )
    diags = StageDiagnostics(str(source), progress)
    try:
        reference = _template(template, diags)
        if reference is not None:
            size = f"{reference.width / EMU_PER_PT}x{reference.height / EMU_PER_PT}pt"
        return _convert(
            Path(source),
            _jobs(outputs, handout, handout_outputs, diags),
            options,
            size,
            font_dirs,
            strict,
            RenderOptions(handout or "notes", paper.lower(), pdf_fragments),
            None if report is None else Path(report),
            diags,
            reference,
            overflow,
        )
    finally:
        gc.unfreeze()


def _template(path: Path | str | None, diags: StageDiagnostics) -> Template | None:
    """The template, read; a template that cannot be used stops the conversion."""
    if path is None:
        return None
    from converter.template.reference import TemplateError, load_template

    try:
        return load_template(Path(path))
    except TemplateError as exc:
        raise diags.fatal("template", str(exc)) from None


def _read_options(
    base: ReadOptions | None,
    theme: str | None,
    separator: str | None,
    vertical_separator: str | None,
    notes_separator: str | None,
    resource_roots: Sequence[Path | str],
) -> ReadOptions:
    options = base or ReadOptions()
    return replace(
        options,
        theme=theme if theme is not None else options.theme,
        separator=separator if separator is not None else options.separator,
        vertical_separator=(
            vertical_separator if vertical_separator is not None else options.vertical_separator
        ),
        notes_separator=notes_separator if notes_separator is not None else options.notes_separator,
        resource_roots=(*options.resource_roots, *map(Path, resource_roots)),
    )


def _jobs(
    outputs: Sequence[Path | str],
    handout: str | None,
    handout_outputs: Sequence[Path | str],
    diags: StageDiagnostics,
) -> list[tuple[Path, Kind]]:
    """Each output with what is rendered into it (duplicates dropped)."""
    jobs: dict[Path, Kind] = {}
    for target in map(Path, outputs):
        fmt = output_format(target)
        if fmt is None:
            raise diags.fatal(
                "output",
                f"cannot write {target}: unknown format "
                f"{target.suffix or '(no extension)'} (use .pptx or .pdf)",
            )
        jobs[target] = "handout" if fmt == "pdf" and handout else fmt  # type: ignore[assignment]
    for target in map(Path, handout_outputs):
        if output_format(target) != "pdf":
            raise diags.fatal("output", f"cannot write the handout {target}: use .pdf")
        jobs[target] = "handout"
    return list(jobs.items())


IMAGE_CODES = frozenset(
    {"bad-image", "image-too-large", "unsupported-image", "missing-image", "refused-image"}
)


def _image_line(d: Diagnostic, lines: dict[tuple[int | None, str], int]) -> int | None:
    """The line of the image a layout diagnostic (`reason: src`, no line) is about."""
    if d.code not in IMAGE_CODES:
        return None
    for (slide, src), line in lines.items():
        if slide == d.slide and d.message.endswith(f": {shown_source(src)}"):
            return line
    return None


def check_target(target: Path, source: Path, diags: StageDiagnostics) -> None:
    """Refuse to write over the input (also through a link) or into a missing folder."""
    if target.resolve() == source.resolve() or (
        target.exists() and source.exists() and target.samefile(source)
    ):
        raise diags.fatal("output", f"refusing to overwrite the input with {target}")
    if not target.parent.is_dir():
        raise diags.fatal(
            "output", f"cannot write {target}: the folder {target.parent} does not exist"
        )
    if target.is_dir():
        raise diags.fatal("output", f"cannot write {target}: it is a folder")


def _convert(
    source: Path,
    jobs: list[tuple[Path, Kind]],
    read_options: ReadOptions,
    size: str,
    font_dirs: Sequence[Path],
    strict: bool,
    options: RenderOptions,
    report: Path | None,
    diags: StageDiagnostics,
    template: Template | None = None,
    overflow: str | None = None,
) -> Result:
    if overflow is not None and overflow not in OVERFLOW_MODES:
        raise diags.fatal("overflow", f"unknown overflow mode {overflow!r}: use "
                          f"{', '.join(OVERFLOW_MODES)}")  # fmt: skip
    if options.handout not in HANDOUT_MODES:
        raise diags.fatal(
            "output", f"unknown handout mode {options.handout!r}: use {', '.join(HANDOUT_MODES)}"
        )
    if options.paper not in PAPERS:
        raise diags.fatal("output", f"unknown paper {options.paper!r}: use a4 or letter")
    for target in [t for t, _ in jobs] + ([report] if report is not None else []):
        check_target(target, source, diags)
    try:
        page = parse_size(size)
    except SizeError as exc:
        raise diags.fatal("size", str(exc)) from None
    diags.stage("read", 1)
    read = read_file(source, read_options)
    diags.extend(read.diagnostics)
    deck = read.deck
    if read.diagrams:  # mermaid is loaded only for decks with diagrams
        from converter.media.diagrams import place_diagrams

        diags.stage("diagrams", len(read.diagrams))
        deck = place_diagrams(deck, read.diagrams, read.mermaid, diags)
        diags.finish()
    diags.stage("layout", len(deck.slides))
    overflow = overflow or deck.options.overflow or "shrink"
    layout_options = LayoutOptions(page, font_dirs, overflow=overflow)
    if template is not None:
        explicit = read_options.theme is not None
        layout_options = replace(layout_options, template=template, explicit_theme=explicit)
    laid = layout_deck(deck, layout_options, diags)
    parts = {laid_slide.slide.number: laid_slide.parts for laid_slide in laid.slides
             if laid_slide.parts > 1}  # fmt: skip
    diags.finish()
    diags.fill_lines(lambda d: _image_line(d, read.image_lines) or read.source_lines.line_for(d))
    # The model and the layout live until the end: move them out of the cyclic collector's
    # sight, which otherwise re-scans all of them on every full collection while the backends
    # allocate; the backends' own short-lived garbage is still collected.
    gc.freeze()
    if strict and has_warnings(diags):
        raise diags.fatal("strict", "warnings with --strict: nothing written")
    kinds = list(dict.fromkeys(kind for _target, kind in jobs))
    rendered = _render_all(kinds, laid, read.deck, options, diags)
    diags.fill_lines(read.source_lines.line_for)  # the backends' (links, fragment effects)
    files = [(target, rendered[kind]) for target, kind in jobs]
    if report is not None:
        from converter.reader.report import report_json

        files.append((report, report_json(read.deck, diags, parts, overflow).encode("utf-8")))
    diags.stage("write", len(files))
    try:
        write_all_atomic(files)
    except OSError as exc:
        raise diags.fatal("output", f"cannot write the outputs: {exc}") from None
    diags.finish()
    return Result(tuple(target for target, _ in files), diags.as_tuple(), read.deck, overflow,
                  parts)  # fmt: skip


def _split(kinds: list[Kind]) -> tuple[list[Kind], list[list[Kind]]]:
    """The kinds rendered in this process, and the groups of kinds for forked workers: the PPTX
    (or the first kind) here, each other kind in a worker of its own beside it, when there are
    two kinds or more and two cores."""
    if len(kinds) < 2 or not can_fork():
        return kinds, []
    here: Kind = "pptx" if "pptx" in kinds else kinds[0]
    return [here], [[kind] for kind in kinds if kind != here]


def _render_all(kinds: list[Kind], laid: LaidOutDeck, deck: Deck, options: RenderOptions,
                diags: StageDiagnostics) -> dict[Kind, bytes]:
    """Each kind rendered once, the PDF backends in forked workers while this process writes
    the PPTX. Diagnostics and progress come out as a run one kind after another gives them:
    each kind collects into a branch, merged back in the order asked (a worker's stages are
    reported when it is done). A worker that dies is a `ConversionError`: nothing is written."""
    here, groups = _split(kinds)
    branches: dict[Kind, StageDiagnostics] = {}
    rendered: dict[Kind, bytes] = {}

    def work(group: list[Kind]) -> list[tuple[Kind, bytes, StageDiagnostics]]:
        done = []
        for kind in group:
            branch = diags.branch(quiet=True)
            done.append((kind, _render(kind, laid, deck, options, branch), branch))
        return done

    workers = [fork_call(functools.partial(work, group), f"the {group[0]} renderer")
               for group in groups]
    try:
        for kind in here:
            branches[kind] = diags.branch()
            rendered[kind] = _render(kind, laid, deck, options, branches[kind])
        while workers:
            for kind, data, branch in workers[0].result():
                rendered[kind], branches[kind] = data, branch
            workers.pop(0)
    except WorkerDied as exc:
        workers.pop(0)
        raise diags.fatal("internal", f"{exc}; nothing was written") from None
    finally:
        for worker in workers:
            worker.cancel()
    for kind in kinds:
        if kind not in here:
            diags.stage(kind, len(laid.slides))
            diags.finish()
        diags.merge(branches[kind])
    return rendered
