"""Watch mode: convert again whenever the deck or a file it uses changes.

Input: a `run` function (one conversion; it returns the files it read) and a source of change
sets (by default watchfiles over the folders of those files). Output: `run` called once at the
start and again after each change to one of its files; returns when the change source ends or
on Ctrl-C. Also `deck_files`: the local files a deck uses (the deck, its images and background
images, a custom theme stylesheet, and the reveal-md config files beside it, present or not).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from converter.model import Deck
from converter.model.blocks import (
    Block,
    BulletList,
    Heading,
    Image,
    ImageSource,
    OrderedList,
    Paragraph,
    child_blocks,
)

ChangeSource = Callable[[set[Path]], Iterable[set[tuple[object, str]]]]
"""Given the folders to watch, yields sets of `(change, path)` (watchfiles' shape)."""

CONFIG_NAMES = ("reveal-md.json", "reveal-md.json5", "reveal.json", "reveal.json5")


def _images(blocks: tuple[Block, ...]) -> Iterable[ImageSource]:
    """Every picture's source: picture blocks and pictures inline in text (nested too)."""
    for block in blocks:
        if isinstance(block, Image):
            yield block.source
        runs = (*block.runs,) if isinstance(block, Heading | Paragraph) else ()
        if isinstance(block, BulletList | OrderedList):
            runs = tuple(run for item in block.items for run in item.runs)
        yield from (run.image.source for run in runs if run.image is not None)
        yield from _images(child_blocks(block))


def deck_files(deck: Deck) -> tuple[Path, ...]:
    """Every local file the deck reads, resolved, in a stable order."""
    files: set[Path] = set()
    if deck.source is not None:
        source = deck.source.resolve()
        files.add(source)
        files.update(source.parent / name for name in CONFIG_NAMES)
    if deck.theme_css is not None:
        files.add(deck.theme_css.resolve())
    for slide in deck.slides:
        sources = [*_images(slide.blocks), *_images(slide.notes)]
        if slide.background.image is not None:
            sources.append(slide.background.image)
        files.update(s.path.resolve() for s in sources if s.kind == "file" and s.path is not None)
    return tuple(sorted(files))


def watchfiles_changes(folders: set[Path]) -> Iterable[set[tuple[object, str]]]:
    """Changes in `folders` (not their subfolders) from watchfiles, debounced."""
    import watchfiles

    existing = sorted(str(f) for f in folders if f.is_dir())
    for changes in watchfiles.watch(*existing, recursive=False, debounce=300):
        yield {(change, path) for change, path in changes}


def watch_loop(
    run: Callable[[], Iterable[Path]],
    changes: ChangeSource = watchfiles_changes,
    on_change: Callable[[set[Path]], None] | None = None,
) -> int:
    """Call `run`, then again on every change to a file it returned; 0 on Ctrl-C or when the
    change source ends."""
    try:
        watched = {Path(p).resolve() for p in run()}
        while True:
            folders = {p.parent for p in watched}
            restart = False
            for batch in changes(folders):
                changed = {Path(path).resolve() for _change, path in batch} & watched
                if not changed:
                    continue
                if on_change is not None:
                    on_change(changed)
                watched = {Path(p).resolve() for p in run()}
                if {p.parent for p in watched} != folders:
                    restart = True  # the deck now uses files in other folders
                    break
            if not restart:
                return 0
    except KeyboardInterrupt:
        return 0
