"""Source loading: bytes to clean text, front matter split off.

Input: the raw bytes of a deck and its display name. Output: a `Source` with the body text
(BOM stripped, CR LF and CR turned into LF, characters XML cannot hold removed), the 1-based line
on which the body starts, and the parsed front matter mapping. Follows yaml-front-matter 4.1.1 as
reveal-md uses it (dialect.md §2.1), except that YAML is loaded safely and problems are
diagnostics instead of crashes (Part A). Tabs that reveal-md's js-yaml 3 takes as whitespace and
PyYAML refuses (tab indentation) are read as js-yaml reads them, with a warning
(`front_matter.py`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from converter.diagnostics import ConversionError, Diagnostics
from converter.reader.front_matter import read_tabbed

# yaml-front-matter: /^(-{3}(?:\n|\r)([\w\W]+?)(?:\n|\r)-{3})?([\w\W]*)*/ (after CRLF -> LF)
_FRONT_MATTER = re.compile(r"^(-{3}\n([\s\S]+?)\n-{3})")

MAX_FRONT_MATTER_VALUES = 100_000
"""Front matter whose YAML aliases expand to more values is refused (a "billion laughs")."""

# XML 1.0 allows TAB, LF, CR and U+0020.. except surrogates and U+FFFE/U+FFFF.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


# files that are certainly not Markdown: zip (pptx, docx), PDF, PNG, JPEG, GIF, UTF-16 BOMs
_BINARY_MAGIC = (
    b"PK\x03\x04",
    b"%PDF",
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF8",
    b"\xff\xfe",
    b"\xfe\xff",
)


@dataclass(frozen=True)
class Source:
    text: str
    body: str
    body_line: int
    front_matter: dict[str, Any] = field(default_factory=dict)
    front_matter_lines: dict[str, int] = field(default_factory=dict)


def decode(data: bytes, diags: Diagnostics) -> str:
    """Decode UTF-8 strictly; a non-UTF-8 or binary file is a fatal error naming the offset."""
    sample = data[:8192]
    # a few stray NULs in text are dropped later with a warning; many of them mean binary
    if sample.startswith(_BINARY_MAGIC) or sample.count(b"\x00") > max(4, len(sample) // 10):
        offset = data.index(b"\x00") if b"\x00" in sample else 0
        line = data.count(b"\n", 0, offset) + 1
        raise diags.fatal(
            "binary-input",
            f"this is a binary file, not Markdown (NUL byte at offset {offset})",
            line,
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise diags.fatal(
            "encoding",
            f"not valid UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start}; "
            "save the deck as UTF-8",
            line,
        ) from None


def clean_text(text: str, diags: Diagnostics) -> str:
    """Strip the BOM, normalise line ends as the browser's textarea does, and drop characters
    that XML (and so PPTX) cannot hold, with one warning per line."""
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _XML_INVALID.search(text):
        for number, line in enumerate(text.split("\n"), start=1):
            bad = _XML_INVALID.findall(line)
            if bad:
                shown = ", ".join(sorted({f"U+{ord(c):04X}" for c in bad}))
                diags.warning(
                    "invalid-character",
                    f"dropped characters that XML cannot hold: {shown}",
                    number,
                )
        text = _XML_INVALID.sub("", text)
    return text


def split_front_matter(text: str, diags: Diagnostics) -> Source:
    """Separate YAML front matter from the body (dialect.md §2.1, Part A)."""
    match = _FRONT_MATTER.match(text)
    if match is None:
        return Source(text, text, 1)
    yaml_text = match.group(2)
    body = text[match.end() :]
    body_line = text.count("\n", 0, match.end()) + 1
    if not body:
        # yaml-front-matter: an empty body makes reveal-md use the whole file
        body, body_line = text, 1
    data, lines = _load_yaml(yaml_text, diags)
    if data is None:
        return Source(text, text, 1)
    return Source(text, body, body_line, data, lines)


def _load_yaml(yaml_text: str, diags: Diagnostics) -> tuple[dict[str, Any] | None, dict[str, int]]:
    try:
        node = yaml.compose(yaml_text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(yaml_text)
    except yaml.YAMLError as exc:
        # tabs that js-yaml 3 (reveal-md's reader) takes as whitespace and PyYAML refuses
        tabbed = read_tabbed(yaml_text, first_line=2) if "\t" in yaml_text else None
        if tabbed is None:
            raise _broken(exc, diags) from None
        node, data = tabbed.node, tabbed.data
        if tabbed.warning is not None:
            diags.warning("front-matter", tabbed.warning, tabbed.line)
    size = _expanded_size(node, {})
    if size > MAX_FRONT_MATTER_VALUES:
        raise diags.fatal(
            "front-matter",
            "front matter too large: its YAML aliases expand to more than "
            f"{MAX_FRONT_MATTER_VALUES:,} values",
            1,
        )
    if not isinstance(data, dict):
        kind = "empty" if data is None else type(data).__name__
        diags.warning(
            "front-matter",
            f"front matter is not a mapping ({kind}); treated as no front matter",
            1,
        )
        return None, {}
    lines: dict[str, int] = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, _value in node.value:
            lines[str(key_node.value)] = key_node.start_mark.line + 2
    cleaned: dict[str, Any] = {}
    for key, value in data.items():
        found: set[str] = set()
        name = _clean_value(str(key), found)
        cleaned[name] = _clean_value(value, found)
        line = lines.get(str(key), 1)
        if "characters" in found:
            message = f"front matter {name}: dropped characters that XML cannot hold"
            diags.warning("invalid-character", message, line)
        if "recursive" in found:
            diags.warning("front-matter", f"front matter {name}: recursive alias cut", line)
    return cleaned, {_xml_safe(k): v for k, v in lines.items()}


def _broken(exc: yaml.YAMLError, diags: Diagnostics) -> ConversionError:
    """The `front-matter` error for YAML that PyYAML refused, naming the line it stopped at."""
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 2 if mark is not None else 1  # +1 for 1-based, +1 for the opening ---
        problem = exc.problem or exc.context or "invalid YAML"
        return diags.fatal("front-matter", f"broken YAML front matter: {problem}", line)
    return diags.fatal("front-matter", f"broken YAML front matter: {exc}", 1)


def _expanded_size(node: yaml.Node | None, memo: dict[int, int]) -> int:
    """How many values the YAML tree holds once its aliases are expanded (each node counted
    once per reference), computed without expanding anything."""
    if node is None:
        return 0
    known = memo.get(id(node))
    if known is not None:
        return known
    memo[id(node)] = 1  # a recursive alias counts once
    total = 1
    if isinstance(node, yaml.SequenceNode):
        total += sum(_expanded_size(child, memo) for child in node.value)
    elif isinstance(node, yaml.MappingNode):
        total += sum(_expanded_size(k, memo) + _expanded_size(v, memo) for k, v in node.value)
    memo[id(node)] = min(total, MAX_FRONT_MATTER_VALUES + 1)
    return memo[id(node)]


def _xml_safe(text: str) -> str:
    return _XML_INVALID.sub("", text) if _XML_INVALID.search(text) else text


def _clean_value(value: Any, found: set[str], active: frozenset[int] = frozenset()) -> Any:
    """Front matter values with the characters XML cannot hold dropped (YAML escapes such as
    "\\x00" make them even in a clean file) and recursive aliases cut (None); `found` gets
    "characters" and "recursive" for what was done."""
    if isinstance(value, str):
        clean = _xml_safe(value)
        if clean != value:
            found.add("characters")
        return clean
    if isinstance(value, list | dict):
        if id(value) in active:
            found.add("recursive")
            return None
        inner = active | {id(value)}
        if isinstance(value, list):
            return [_clean_value(v, found, inner) for v in value]
        return {
            _clean_value(k, found, inner): _clean_value(v, found, inner) for k, v in value.items()
        }
    return value
