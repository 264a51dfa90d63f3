"""The Python API: convert a deck into one or more outputs in one call.

Input: a deck path, the output paths (the format comes from each extension) and options.
Output: a `Result` with the written paths and every diagnostic. The deck is read and laid out
once, whatever the number of outputs. Outputs are written atomically (temporary file in the
target folder, then renamed): on any failure no output file is created or changed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from converter.diagnostics import ConversionError, Diagnostic, Diagnostics, Severity, has_warnings
from converter.layout import LayoutOptions, layout_deck
from converter.layout.geometry import SizeError, parse_size
from converter.model import Deck
from converter.output import write_atomic
from converter.reader import ReadOptions, read_file

FORMATS = {".pptx": "pptx"}


@dataclass(frozen=True)
class Result:
    outputs: tuple[Path, ...]
    diagnostics: tuple[Diagnostic, ...] = field(default_factory=tuple)
    deck: Deck | None = None

    @property
    def ok(self) -> bool:
        return not any(d.severity is Severity.ERROR for d in self.diagnostics)


def output_format(path: Path) -> str | None:
    return FORMATS.get(path.suffix.lower())


def convert(
    source: Path | str,
    outputs: Sequence[Path | str],
    *,
    read_options: ReadOptions | None = None,
    size: str = "16:9",
    font_dirs: Sequence[Path] = (),
    strict: bool = False,
) -> Result:
    """Read `source` once and write every output. Raises `ConversionError` when nothing can
    be written (unreadable input, an unknown output format, a refused output path, `strict`
    with warnings); the diagnostics gathered so far are in the error's `diagnostics`."""
    source = Path(source)
    targets = [Path(o) for o in outputs]
    diags = Diagnostics(str(source))
    for target in targets:
        if output_format(target) is None:
            raise diags.fatal(
                "output",
                f"cannot write {target}: unknown format "
                f"{target.suffix or '(no extension)'} (use .pptx)",
            )
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
    if strict and has_warnings(diags):
        raise diags.fatal("strict", "warnings with --strict: nothing written")
    rendered: list[tuple[Path, bytes]] = []
    for target in targets:
        from converter.render.pptx import render_pptx

        rendered.append((target, render_pptx(laid, read.deck.meta, diags)))
    written: list[Path] = []
    for target, data in rendered:
        try:
            write_atomic(target, data)
        except OSError as exc:
            raise diags.fatal("output", f"cannot write {target}: {exc}") from None
        written.append(target)
    return Result(tuple(written), diags.as_tuple(), read.deck)


__all__ = ["ConversionError", "Result", "convert"]
