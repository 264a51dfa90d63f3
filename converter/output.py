"""Outputs: which formats can be written, and bytes to files without ever leaving half of one.

`output_format` maps a target's extension to a format (`FORMATS`); `HANDOUT_MODES` and `PAPERS`
are the handout choices, `OVERFLOW_MODES` what a slide too long for the page gets. Atomic
writing: input: target paths and their bytes. Output: the files. Each one is first written in
full to a temporary file in its target folder (flushed and synced); only when every temporary
file is written are they renamed into place, so a failure (disk full, a missing folder,
Ctrl-C) leaves every old file (or none) untouched and no temporary file behind. A new file gets
the usual permissions (0666 less the umask); a replaced file keeps its mode.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Sequence
from pathlib import Path

FORMATS = {".pptx": "pptx", ".pdf": "pdf"}
HANDOUT_MODES = ("notes", "2", "3", "4", "6")
PAPERS = ("a4", "letter")
OVERFLOW_MODES = ("shrink", "split", "clip")  # --overflow, md2pptx: {overflow: ...}


def output_format(path: Path) -> str | None:
    """`pptx` or `pdf` for a target path by its extension; None when it is neither."""
    return FORMATS.get(path.suffix.lower())


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _mode_for(path: Path) -> int:
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return 0o666 & ~_umask()


def _write_temp(path: Path, data: bytes) -> Path:
    folder = path.parent
    if not folder.is_dir():
        raise FileNotFoundError(f"the folder {folder} does not exist")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, _mode_for(path))
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


def write_all_atomic(items: Sequence[tuple[Path, bytes]]) -> None:
    """Write every `(path, data)`: all to temporary files first, then all renamed into place.
    Raises `OSError` (nothing changed) when any temporary file cannot be written."""
    temps: list[tuple[Path, Path]] = []
    try:
        for path, data in items:
            temps.append((_write_temp(path, data), path))
        while temps:
            tmp, path = temps[0]
            os.replace(tmp, path)
            temps.pop(0)
    finally:
        for tmp, _path in temps:
            tmp.unlink(missing_ok=True)


def write_atomic(path: Path, data: bytes) -> None:
    """Write one file atomically (see `write_all_atomic`)."""
    write_all_atomic([(path, data)])
