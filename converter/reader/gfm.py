"""marked compatibility: Markdown-level scans of a chunk before mistune parses it.

Input: the Markdown of one slide chunk. Output: Markdown that mistune parses the way marked 4
(reveal.js's parser) does: a GFM table row with a leading pipe but no trailing one (`| a | b`)
is a row for marked, but ends the table for mistune, so the trailing pipe is added. Code fences
are left alone.
"""

from __future__ import annotations

import re

_DELIMITER = re.compile(r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")


_CELL_SPLIT = re.compile(r"(?<!\\)\|")


def _cells(row: str) -> list[str]:
    inner = row.strip()
    if inner.startswith("|"):
        inner = inner[1:]
    if inner.endswith("|") and not inner.endswith("\\|"):
        inner = inner[:-1]
    return _CELL_SPLIT.split(inner)


def close_table_rows(text: str) -> str:
    """Rows of a GFM table as marked reads them: a missing trailing pipe is added, and a row
    with fewer cells than the delimiter row is padded (more: cut), where mistune would end the
    table and show the rows as text."""
    if "|" not in text:
        return text
    lines = text.split("\n")
    columns = 0
    fence: str | None = None
    for i, line in enumerate(lines):
        m = _FENCE.match(line)
        if m is not None:
            marker = m.group(1)
            if fence is None:
                fence = marker
            elif marker[0] == fence[0] and len(marker) >= len(fence):
                fence = None
            columns = 0
            continue
        if fence is not None:
            continue
        stripped = line.strip()
        if _DELIMITER.match(line) and "|" in line and i > 0 and "|" in lines[i - 1]:
            columns = len(_cells(line))
            continue
        if not columns:
            continue
        if not stripped or "|" not in stripped:
            columns = 0
            continue
        cells = _cells(line)
        if stripped.startswith("|") and (len(cells) != columns or not stripped.endswith("|")):
            cells = [c.strip() for c in cells[:columns]] + [""] * max(0, columns - len(cells))
            lines[i] = "| " + " | ".join(cells) + " |"
    return "\n".join(lines)
