"""The Python API: convert a deck into one or more outputs in one call.

Input: a deck path, the output paths (the format comes from each extension: `.pptx`, `.pdf`)
and options. Output: a `Result` with the written paths, the deck model and every diagnostic.
The deck is read and laid out once, whatever the number of outputs. Outputs are written
atomically (temporary file in the target folder, then renamed) and only after every one of
them was rendered: on any failure no output file is created or changed.
"""

from __future__ import annotations

import gc
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from converter.diagnostics import ConversionError, Diagnostic, Diagnostics, Severity, has_warnings
from converter.layout import LayoutOptions, layout_deck
from converter.layout.boxes import LaidOutDeck
from converter.layout.geometry import SizeError, parse_size
from converter.model import Deck
from converter.output import write_atomic
from converter.reader import ReadOptions, read_file

FORMATS = {".pptx": "pptx", ".pdf": "pdf"}
HANDOUT_MODES = ("notes", "2", "3", "4", "6")
PAPERS = ("a4", "letter")
Kind = Literal["pptx", "pdf", "handout"]


@dataclass(frozen=True)
class Result:
    outputs: tuple[Path, ...]
    diagnostics: tuple[Diagnostic, ...] = field(default_factory=tuple)
    deck: Deck | None = None

    @property
    def ok(self) -> bool:
        return not any(d.severity is Severity.ERROR for d in self.diagnostics)


@dataclass(frozen=True)
class RenderOptions:
    handout: str = "notes"  # the handout mode: notes, 2, 3, 4 or 6
    paper: str = "a4"
    pdf_fragments: bool = False


def output_format(path: Path) -> str | None:
    return FORMATS.get(path.suffix.lower())


def _render(
    kind: Kind, laid: LaidOutDeck, deck: Deck, options: RenderOptions, diags: Diagnostics
) -> bytes:
    if kind == "pptx":
        from converter.render.pptx import render_pptx

        return render_pptx(laid, deck.meta, diags)
    if kind == "pdf":
        from converter.render.pdf import render_pdf

        return render_pdf(laid, deck.meta, diags, fragments=options.pdf_fragments)
    from converter.render.handout import render_handout

    data: bytes = render_handout(laid, deck.meta, diags, mode=options.handout, paper=options.paper)
    return data


def convert(
    source: Path | str,
    outputs: Sequence[Path | str],
    *,
    read_options: ReadOptions | None = None,
    size: str = "16:9",
    font_dirs: Sequence[Path] = (),
    strict: bool = False,
    handout: str | None = None,
    handout_outputs: Sequence[Path | str] = (),
    paper: str = "a4",
    pdf_fragments: bool = False,
) -> Result:
    """Read `source` once and write every output. `handout` (a mode) turns the `.pdf` outputs
    into handouts; `handout_outputs` are further handout PDFs. Raises `ConversionError` when
    nothing can be written (unreadable input, an unknown output format, a refused output path,
    `strict` with warnings); its `diagnostics` hold everything gathered so far."""
    try:
        return _convert(
            Path(source),
            outputs,
            read_options,
            size,
            font_dirs,
            strict,
            handout,
            handout_outputs,
            paper,
            pdf_fragments,
        )
    finally:
        gc.unfreeze()


def _convert(
    source: Path,
    outputs: Sequence[Path | str],
    read_options: ReadOptions | None,
    size: str,
    font_dirs: Sequence[Path],
    strict: bool,
    handout: str | None,
    handout_outputs: Sequence[Path | str],
    paper: str,
    pdf_fragments: bool,
) -> Result:
    diags = Diagnostics(str(source))
    jobs: list[tuple[Path, Kind]] = []
    for target in map(Path, outputs):
        fmt = output_format(target)
        if fmt is None:
            raise diags.fatal(
                "output",
                f"cannot write {target}: unknown format "
                f"{target.suffix or '(no extension)'} (use .pptx or .pdf)",
            )
        jobs.append((target, "handout" if fmt == "pdf" and handout else fmt))  # type: ignore[arg-type]
    for target in map(Path, handout_outputs):
        if output_format(target) != "pdf":
            raise diags.fatal("output", f"cannot write the handout {target}: use .pdf")
        jobs.append((target, "handout"))
    mode = handout or "notes"
    if mode not in HANDOUT_MODES:
        raise diags.fatal(
            "output", f"unknown handout mode {mode!r}: use {', '.join(HANDOUT_MODES)}"
        )
    if paper.lower() not in PAPERS:
        raise diags.fatal("output", f"unknown paper {paper!r}: use a4 or letter")
    for target, _kind in jobs:
        if target.resolve() == source.resolve():
            raise diags.fatal("output", f"refusing to overwrite the input with {target}")
        if not target.parent.is_dir():
            raise diags.fatal(
                "output", f"cannot write {target}: the folder {target.parent} does not exist"
            )
    try:
        page = parse_size(size)
    except SizeError as exc:
        raise diags.fatal("size", str(exc)) from None
    read = read_file(source, read_options)
    diags.extend(read.diagnostics)
    laid = layout_deck(read.deck, LayoutOptions(page, font_dirs), diags)
    # The model and the layout live until the end: move them out of the cyclic collector's
    # sight, which otherwise re-scans all of them on every full collection while the backends
    # allocate; the backends' own short-lived garbage is still collected.
    gc.freeze()
    if strict and has_warnings(diags):
        raise diags.fatal("strict", "warnings with --strict: nothing written")
    options = RenderOptions(mode, paper.lower(), pdf_fragments)
    rendered: dict[Kind, bytes] = {}
    for _target, kind in jobs:
        if kind not in rendered:
            rendered[kind] = _render(kind, laid, read.deck, options, diags)
    written: list[Path] = []
    for target, kind in jobs:
        try:
            write_atomic(target, rendered[kind])
        except OSError as exc:
            raise diags.fatal("output", f"cannot write {target}: {exc}") from None
        written.append(target)
    return Result(tuple(written), diags.as_tuple(), read.deck)


__all__ = ["ConversionError", "Result", "convert"]
