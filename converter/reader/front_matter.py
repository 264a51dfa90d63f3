"""Tabs in YAML front matter, read as reveal-md reads them.

Input: the text of a front matter block (LF line ends) that PyYAML's safe loader refused.
Output: a `TabReading` — the text rewritten so that PyYAML's safe loader reads from it what
reveal-md reads from the original, its node tree and values, and the warning to give — or None
when tabs are not what PyYAML refused, or when reveal-md would refuse the text too (the caller
then reports PyYAML's error as before).

reveal-md reads front matter with yaml-front-matter 4.1.1, which calls js-yaml 3 (dialect.md
§2.1; js-yaml 4 refuses tab indentation outright, 3 does not). js-yaml 3 treats tabs as
whitespace where PyYAML refuses them:

* a line's indentation is the spaces before its first tab; the tabs and the blanks after them
  are skipped, so a line indented with tabs alone is a top-level key
  (``revealOptions:\\n\\ttransition: fade`` is ``{revealOptions: null, transition: fade}``);
* yet a block mapping or sequence that starts on such a line is indented by its column, tabs
  counting one each, so a second entry indented like the first one ends it and is refused;
* tabs at the end of a line are dropped (outside block scalars, whose text keeps them).

The rewrite does exactly that (indentation cut to the spaces before the first tab, blanks with
a tab at a line's end dropped), keeps every line where it was so that marks and key lines stay
right, puts back the lines PyYAML reads as block scalar text, and refuses what js-yaml refuses
or would read differently: a block collection of two or more entries that starts on a rewritten
line, a block that starts on one and has lines indented no deeper than that line's js-yaml
column, and a duplicated key. Tabs between tokens inside a line (``title:\\tA``) and inside
plain scalars (``title: A\\tB``) are not rewritten: PyYAML still refuses them.

A front matter block that starts with ``{`` is JSON to yaml-front-matter (``JSON.parse``), where
every tab outside a string is whitespace: it is read with its tabs turned into spaces, without a
warning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

_TAB_INDENT = re.compile(r"( *)\t[ \t]*")
_MERGE_TAG = "tag:yaml.org,2002:merge"
_ROUNDS = 3
"""How many times block scalar text put back may need another parse before giving up."""


@dataclass(frozen=True)
class TabReading:
    """What PyYAML's safe loader reads from the rewritten front matter."""

    text: str
    node: yaml.Node | None
    data: Any
    warning: str | None
    line: int
    """The file line the warning names (0 without a warning)."""


def read_tabbed(yaml_text: str, first_line: int = 1) -> TabReading | None:
    """The front matter as reveal-md reads its tabs, or None when that does not help (see the
    module docstring); `first_line` is the file line of the text's first line."""
    if "\t" not in yaml_text:
        return None
    if yaml_text.startswith("{"):
        text = yaml_text.replace("\t", " ")
        parsed = _parse(text)
        return None if parsed is None else TabReading(text, *parsed, None, 0)
    original = yaml_text.split("\n")
    lines = list(original)
    shift = [0] * len(lines)  # characters cut from a line's indentation
    for number, line in enumerate(original):
        indent = _TAB_INDENT.match(line)
        if indent is not None:
            shift[number] = indent.end() - len(indent.group(1))
            line = indent.group(1) + line[indent.end() :]
        end = line.rstrip(" \t")
        lines[number] = end if "\t" in line[len(end) :] else line
    if lines == original:
        return None  # tabs only inside lines: nothing to read otherwise
    for _ in range(_ROUNDS):
        text = "\n".join(lines)
        parsed = _parse(text)
        if parsed is None:
            return None
        node, data = parsed
        text_lines = _block_scalar_lines(node, lines)
        put_back = [n for n in text_lines if lines[n] != original[n]]
        if not put_back:
            break
        for number in put_back:
            lines[number], shift[number] = original[number], 0
    else:
        return None
    if node is not None and not _as_js_yaml_reads(node, lines, shift, set(text_lines)):
        return None
    return TabReading(text, node, data, *_warning(original, lines, shift, first_line))


def _parse(text: str) -> tuple[yaml.Node | None, Any] | None:
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader), yaml.safe_load(text)
    except yaml.YAMLError:
        return None


def _nodes(root: yaml.Node) -> list[yaml.Node]:
    """Every node of the tree once (aliases share nodes, and may loop)."""
    seen: set[int] = set()
    found: list[yaml.Node] = []
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        found.append(node)
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack += (key, value)
        elif isinstance(node, yaml.SequenceNode):
            stack += node.value
    return found


def _last_line(node: yaml.Node, lines: list[str]) -> int:
    """The last line holding the node: its end mark is either right after its text or at the
    start of the next token (a block's end), which is on a line of its own."""
    end = node.end_mark
    if end.line >= len(lines) or not lines[end.line][: end.column].strip(" "):
        return end.line - 1
    return int(end.line)


def _block_scalar_lines(node: yaml.Node | None, lines: list[str]) -> list[int]:
    """The lines PyYAML reads as the text of `|` and `>` scalars (tabs there are text)."""
    if node is None:
        return []
    found: list[int] = []
    for each in _nodes(node):
        if isinstance(each, yaml.ScalarNode) and each.style in ("|", ">"):
            found += range(each.start_mark.line + 1, _last_line(each, lines) + 1)
    return found


def _as_js_yaml_reads(
    root: yaml.Node, lines: list[str], shift: list[int], text_lines: set[int]
) -> bool:
    """False where js-yaml 3 refuses the original text or reads it otherwise than PyYAML reads
    the rewritten one (module docstring); `text_lines` are block scalar text."""
    indents = _Indents(lines, text_lines)
    for node in _nodes(root):
        if isinstance(node, yaml.MappingNode):
            keys = [k.value for k, _ in node.value
                    if isinstance(k, yaml.ScalarNode) and k.tag != _MERGE_TAG]
            if len(set(keys)) != len(keys):
                return False  # js-yaml: "duplicated mapping key"
        if not isinstance(node, yaml.MappingNode | yaml.SequenceNode) or node.flow_style:
            continue
        start = node.start_mark
        if not node.value or not shift[start.line]:
            continue
        if len(node.value) > 1:
            return False  # the second entry ends the block in js-yaml
        column = start.column + shift[start.line]  # the block's indent in js-yaml
        if indents.least(start.line + 1, _last_line(node, lines)) <= column:
            return False
    return True


class _Indents:
    """The least indentation of the lines in a range, blank lines and comment lines (not block
    scalar text, `text_lines`) left out, in constant time per question (a sparse table)."""

    def __init__(self, lines: list[str], text_lines: set[int]) -> None:
        far = 1 << 30
        row = []
        for number, line in enumerate(lines):
            text = line.lstrip(" ")
            comment = text.startswith("#") and number not in text_lines
            row.append(far if not text or comment else len(line) - len(text))
        self._far = far
        self._table = [row]
        width = 1
        while 2 * width <= len(row):
            last = self._table[-1]
            size = len(row) - 2 * width + 1
            self._table.append([min(last[i], last[i + width]) for i in range(size)])
            width *= 2

    def least(self, first: int, last: int) -> int:
        if first > last:
            return self._far
        level = (last - first + 1).bit_length() - 1
        row = self._table[level]
        return min(row[first], row[last - (1 << level) + 1])


def _warning(
    original: list[str], lines: list[str], shift: list[int], first_line: int
) -> tuple[str | None, int]:
    indented = [n for n, cut in enumerate(shift) if cut]
    if indented:
        # name a line with a key or value on it, not a blank or comment line, where there is one
        content = [n for n in indented if lines[n].strip() and lines[n].lstrip()[0] != "#"]
        line = (content or indented)[0] + first_line
        more = len(indented) - 1
        also = f", and {more} more line{'s' if more > 1 else ''}" if more else ""
        return (
            f"front matter indents with tabs (line {line}{also}): read as reveal-md's js-yaml "
            "reads it, where a tab is not indentation (a line indented with tabs alone is a "
            "top-level key)",
            line,
        )
    ended = [n for n, text in enumerate(lines) if text != original[n]]
    if ended:
        line = ended[0] + first_line
        return (
            f"front matter has tabs at line ends (line {line}): dropped, as reveal-md's js-yaml "
            "drops them",
            line,
        )
    return None, 0
