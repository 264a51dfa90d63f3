"""marked compatibility: small rewrites of a chunk's Markdown before mistune parses it.

Input: the Markdown of one slide chunk. Output: Markdown that mistune parses the way marked 4
(reveal.js's parser) does. Today one rewrite: a GFM table row with a leading pipe but no
trailing one (`| a | b`) is a row for marked, but ends the table for mistune, so the trailing
pipe is added. Code fences are left alone.
"""

from __future__ import annotations

import re

_DELIMITER = re.compile(r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")


def close_table_rows(text: str) -> str:
    if "|" not in text:
        return text
    lines = text.split("\n")
    in_table = False
    fence: str | None = None
    for i, line in enumerate(lines):
        m = _FENCE.match(line)
        if m is not None:
            marker = m.group(1)
            if fence is None:
                fence = marker
            elif marker[0] == fence[0] and len(marker) >= len(fence):
                fence = None
            in_table = False
            continue
        if fence is not None:
            continue
        stripped = line.strip()
        if _DELIMITER.match(line) and "|" in line and i > 0 and "|" in lines[i - 1]:
            in_table = True
            continue
        if in_table and stripped.startswith("|") and not stripped.endswith("|"):
            lines[i] = line.rstrip() + " |"
        elif not stripped or "|" not in stripped:
            in_table = False
    return "\n".join(lines)
