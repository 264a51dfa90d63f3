"""`data:` URIs decoded, as browsers decode them.

Input: a URI string. Output: its media type and bytes, or None when it is malformed. Used by
image loading (`images`) and by the SVG rasteriser's fetcher (`svg`). Standard library only.
"""

from __future__ import annotations

import base64
import binascii
from urllib.parse import unquote_to_bytes

__all__ = ["decode_data_uri"]


def decode_data_uri(uri: str) -> tuple[str, bytes] | None:
    """A `data:` URI as (media type, bytes); None if it is malformed. Percent-escapes are
    decoded first (as browsers do), then base64 when the header says `;base64`."""
    if uri[:5].lower() != "data:" or "," not in uri:
        return None
    header, _, payload = uri[5:].partition(",")
    params = [p.strip().lower() for p in header.split(";")]
    media = params[0] or "text/plain"
    raw = unquote_to_bytes(payload)
    if "base64" not in params[1:]:
        return media, raw
    compact = b"".join(raw.split())
    compact += b"=" * (-len(compact) % 4)
    try:
        return media, base64.b64decode(compact, altchars=b"-_" if b"-" in compact else None)
    except (binascii.Error, ValueError):
        return None
