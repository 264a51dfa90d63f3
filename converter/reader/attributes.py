"""Attribute comments: `<!-- .slide: ... -->` and `<!-- .element: ... -->` (dialect.md §3).

Input: the text of an HTML comment (what the browser calls its nodeValue). Output: which kind
it is and its `(name, value)` pairs, parsed with reveal.js's own regexes; `element_attrs` turns
pairs into the model's `Attrs` (classes, fragment style and index, id, size).

Part A differences: a multi-line comment is read whole (info diagnostic; reveal.js reads only the
line holding `.slide:`/`.element`), and single-quoted or unquoted values, which reveal.js ignores
silently, are ignored with a warning.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Literal

from converter.diagnostics import Diagnostics
from converter.model import NO_ATTRS, Attrs, Fragment

ELEMENT_RE = re.compile(r"\.element\s*?(.+?)$", re.M)
SLIDE_RE = re.compile(r"\.slide:\s*?(\S.+?)$", re.M)
ATTR_RE = re.compile(r'([^"= ]+?)="([^"]+?)"|(data-[^"= ]+?)(?=[" ])')
_BAD_VALUE_RE = re.compile(r"""([^\s"'=]+)=('[^']*'|[^\s"']+)""")
COMMENT_RE = re.compile(r"<!--([\s\S]*?)-->")

FRAGMENT_STYLES = (
    "fade-in",
    "fade-out",
    "semi-fade-out",
    "grow",
    "shrink",
    "zoom-in",
    "strike",
    "fade-up",
    "fade-down",
    "fade-left",
    "fade-right",
    "fade-in-then-out",
    "current-visible",
    "fade-in-then-semi-out",
    "highlight-red",
    "highlight-green",
    "highlight-blue",
    "highlight-current-red",
    "highlight-current-green",
    "highlight-current-blue",
    "custom",
)

Kind = Literal["slide", "element"]
Pairs = list[tuple[str, str]]


def parse_comment(value: str, line: int | None, diags: Diagnostics) -> tuple[Kind | None, Pairs]:
    """Classify a comment and parse its attributes. `.element` is tried first, as reveal does."""
    for kind, regex in (("element", ELEMENT_RE), ("slide", SLIDE_RE)):
        m = regex.search(value)
        if m is None:
            continue
        spec = m.group(1)
        rest = value[m.end() :]
        if rest.strip():
            diags.info(
                "multiline-attributes",
                f"multi-line .{kind} comment read whole (reveal.js reads only its first line)",
                line,
            )
            spec = " ".join([spec, *rest.split()]) + " "
        return kind, parse_attribute_list(spec, line, diags)  # type: ignore[return-value]
    return None, []


def parse_attribute_list(spec: str, line: int | None, diags: Diagnostics) -> Pairs:
    """reveal.js's attribute regex: `name="value"` pairs and bare `data-*` booleans."""
    pairs: Pairs = []
    for m in ATTR_RE.finditer(spec):
        if m.group(1) is not None:
            pairs.append((m.group(1), m.group(2)))
        else:
            pairs.append((m.group(3), ""))
    leftover = ATTR_RE.sub(" ", spec)
    for m in _BAD_VALUE_RE.finditer(leftover):
        diags.warning(
            "attribute-quotes",
            f"attribute {m.group(0)} ignored: reveal.js only reads double-quoted values "
            f'(write {m.group(1)}="{m.group(2).strip(chr(39))}")',
            line,
        )
    return pairs


def merge_pairs(pairs: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """Apply pairs in order with setAttribute semantics: a later value overwrites."""
    merged: dict[str, str] = {}
    for name, value in pairs:
        merged[name] = value
    return list(merged.items())


def element_attrs(
    pairs: Iterable[tuple[str, str]], base: Attrs, line: int | None, diags: Diagnostics
) -> Attrs:
    """Turn attribute pairs into `Attrs`, over the attributes an element already has."""
    current: dict[str, str] = {}
    if base.classes:
        current["class"] = " ".join(base.classes)
    if base.id is not None:
        current["id"] = base.id
    if base.width is not None:
        current["width"] = base.width
    if base.height is not None:
        current["height"] = base.height
    if base.style is not None:
        current["style"] = base.style
    if base.fragment is not None and base.fragment.index is not None:
        current["data-fragment-index"] = str(base.fragment.index)
    current.update(dict(base.other))
    for name, value in pairs:
        current[name] = value
    return attrs_from_dict(current, line, diags)


def attrs_from_dict(values: dict[str, str], line: int | None, diags: Diagnostics) -> Attrs:
    if not values:
        return NO_ATTRS
    classes = tuple(values.get("class", "").split())
    fragment = None
    if "fragment" in classes:
        style = next((c for c in classes if c in FRAGMENT_STYLES), "fade-in")
        index = None
        raw_index = values.get("data-fragment-index")
        if raw_index is not None:
            try:
                index = int(raw_index.strip())
            except ValueError:
                diags.warning(
                    "fragment-index",
                    f"data-fragment-index={raw_index!r} is not a number; ignored",
                    line,
                )
        fragment = Fragment(style, index)
    known = {"class", "id", "width", "height", "style", "data-fragment-index"}
    other = tuple((k, v) for k, v in values.items() if k not in known)
    return Attrs(
        classes=classes,
        fragment=fragment,
        id=values.get("id"),
        width=values.get("width"),
        height=values.get("height"),
        style=values.get("style"),
        other=other,
    )


def with_fragment(attrs: Attrs) -> Attrs:
    """The same attributes plus a default fragment (for `animateLists`)."""
    if attrs.fragment is not None:
        return attrs
    return Attrs(
        classes=(*attrs.classes, "fragment"),
        fragment=Fragment(),
        id=attrs.id,
        width=attrs.width,
        height=attrs.height,
        style=attrs.style,
        other=attrs.other,
    )
