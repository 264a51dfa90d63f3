"""Inline content: mistune inline tokens (and inline raw HTML) to `Run`s.

Input: the children of a mistune paragraph, heading, list item or table cell. Output: a list of
`InlineItem`s in order: `Run`s, `InlineImage`s and `InlineComment`s (attribute comments, which the
block builder applies). The raw HTML inline tags of dialect.md Part A are mapped to run styles;
an inline `<svg>` (its tags and text gathered as written) becomes an image of its document
(`svg_markup`); any other tag is dropped to its text with one warning per tag name.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any, ClassVar

from converter.diagnostics import Diagnostics
from converter.math.delimiters import split_math
from converter.model import LINE_BREAK, Run, run_with
from converter.reader.svg_markup import inline_svg
from converter.style.color import parse_css_color

Token = dict[str, Any]

_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)((?:\s[^>]*?)?)\s*(/?)>", re.S)
_ATTR = re.compile(r"""([^\s"'=<>`/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
_STYLE_COLOR = re.compile(r"(?:^|;)\s*color\s*:\s*([^;]+)", re.I)
_SVG_START = re.compile(r"<svg[\s/>]", re.I)
_SVG_END = re.compile(r"</svg\s*>", re.I)
_SPACES = re.compile(r"[ \t\n\r\f]+")  # HTML collapses these (not U+00A0)

STYLE_TAGS = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "cite": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strike",
    "del": "strike",
    "strike": "strike",
    "small": "small",
    "sub": "sub",
    "sup": "sup",
    "code": "code",
    "kbd": "code",
    "tt": "code",
    "samp": "code",
}
TRANSPARENT_TAGS = {"span", "font", "a", "mark", "abbr", "q", "big", "label", "time", "var"}
PLACEHOLDER_TAGS = {"iframe", "video", "audio", "object", "embed", "canvas"}
VOID_TAGS = {"br", "img", "wbr", "hr", "input", "source", "meta", "link"}


@dataclass(frozen=True)
class InlineImage:
    src: str
    alt: str
    title: str
    link: str | None
    attrs: tuple[tuple[str, str], ...] = ()
    needle: str = ""  # where it stands in the source, when `src` is not there (inline <svg>)


@dataclass(frozen=True)
class InlineComment:
    text: str


@dataclass(frozen=True)
class InlinePlaceholder:
    """An iframe, video or audio met inside a paragraph: it becomes a placeholder block."""

    kind: str
    label: str


InlineItem = Run | InlineImage | InlineComment | InlinePlaceholder
_PLAIN = Run("")


def parse_tag(raw: str) -> tuple[str, str, dict[str, str], bool] | None:
    """`<a href="x">` -> ('', 'a', {'href': 'x'}, False); `</a>` -> ('/', 'a', {}, False)."""
    m = _TAG.fullmatch(raw.strip())
    if m is None:
        return None
    attrs: dict[str, str] = {}
    for am in _ATTR.finditer(m.group(3) or ""):
        value = next((v for v in am.group(2, 3, 4) if v is not None), "")
        attrs[am.group(1).lower()] = html.unescape(value)
    return m.group(1), m.group(2).lower(), attrs, bool(m.group(4))


def html_color(attrs: dict[str, str]) -> Any:
    """The colour set by `style="color: …"` or `<font color>`, if any."""
    style = attrs.get("style", "")
    m = _STYLE_COLOR.search(style)
    value = m.group(1).strip() if m else attrs.get("color")
    return parse_css_color(value) if value else None


class InlineBuilder:
    """Walks inline tokens with a style stack. One instance per block."""

    _HANDLERS: ClassVar[dict[str, Callable[[InlineBuilder, Token, Run], None]]] = {}
    """Token type -> `_t_<type>` handler, filled once after the class body."""

    def __init__(
        self, diags: Diagnostics, line: int | None, locate: Callable[[str], int] | None = None
    ) -> None:
        self.diags = diags
        self.line = line
        self.locate = locate
        self.items: list[InlineItem] = []
        self._html_stack: list[tuple[str, Run]] = []
        # The last run `_emit` made and its style: the same style object again needs no
        # field-by-field comparison to merge.
        self._last_run: Run | None = None
        self._last_style: Run | None = None
        self._svg: list[str] | None = None  # the markup of an inline <svg> being gathered
        self._svg_depth = 0

    def build(self, tokens: list[Token], style: Run | None = None) -> list[InlineItem]:
        self._walk(tokens, style or _PLAIN)
        if self._svg is not None:  # an <svg> left open ends with its paragraph
            self._end_svg(style or _PLAIN)
        return self.items

    def _emit(self, text: str, style: Run) -> None:
        if not text:
            return
        items = self.items
        if items and text != LINE_BREAK:
            last = items[-1]
            if text[0] == " " and isinstance(last, Run) and last.text.endswith(" "):
                text = text[1:]  # HTML collapses the space pair a dropped tag leaves behind
                if not text:
                    return
            same = (style is self._last_style and last is self._last_run) or (
                isinstance(last, Run) and last.same_style(style)
            )
            if same and isinstance(last, Run) and last.text != LINE_BREAK:
                new = run_with(last, "text", last.text + text)
                items[-1] = new
                self._last_run, self._last_style = new, style
                return
        new = run_with(style, "text", text)
        items.append(new)
        self._last_run, self._last_style = new, style

    def _walk(self, tokens: list[Token], style: Run) -> None:
        handlers = self._HANDLERS
        for token in tokens:
            if self._svg is not None:
                self._svg_token(token, style)
                continue
            kind = token.get("type")
            if kind == "text" and not self._html_stack:
                # `_t_text` inlined: most tokens are text
                text = str(token.get("raw", ""))
                if "&" in text:
                    text = html.unescape(text)
                if "  " in text or "\n" in text or "\t" in text or "\r" in text or "\f" in text:
                    text = _SPACES.sub(" ", text)
                self._emit(text, style)
                continue
            handler = handlers.get(kind) if isinstance(kind, str) else None
            if handler is None:
                self.diags.warning_once(
                    str(kind),
                    "unsupported-markdown",
                    f"unsupported inline Markdown element {kind!r}; kept its text",
                    self.line,
                )
                self._emit(str(token.get("raw", "")), style)
                continue
            handler(self, token, self._current(style) if self._html_stack else style)

    def text(self, data: str) -> None:
        """Text met between raw HTML tags (already decoded by the HTML parser), styled by the
        open inline tags; formulas in it as in Markdown text (not inside ``<code>``)."""
        style = self._current(_PLAIN)
        if ("$" in data or "\\" in data) and not style.code:
            for seg in split_math(data):
                if seg.is_math:
                    written = data[seg.start : seg.end]
                    self.formula(_SPACES.sub(" ", written), seg.text, seg.kind == "display",
                                 style, written)
                else:
                    self._t_text({"raw": seg.text.replace("&", "&amp;")}, style)
            return
        self._t_text({"raw": data.replace("&", "&amp;")}, style)

    def _current(self, style: Run) -> Run:
        """Merge the Markdown style with the innermost raw-HTML style."""
        if not self._html_stack:
            return style
        h = self._html_stack[-1][1]
        return replace(
            style,
            bold=style.bold or h.bold,
            italic=style.italic or h.italic,
            code=style.code or h.code,
            strike=style.strike or h.strike,
            underline=style.underline or h.underline,
            small=style.small or h.small,
            sub=style.sub or h.sub,
            sup=style.sup or h.sup,
            link=style.link or h.link,
            color=style.color or h.color,
            classes=(*style.classes, *h.classes),
            style=style.style or h.style,
        )

    # --- Markdown tokens -------------------------------------------------------------------

    def _t_text(self, token: Token, style: Run) -> None:
        text = html.unescape(str(token.get("raw", "")))
        if "  " in text or "\n" in text or "\t" in text or "\r" in text or "\f" in text:
            text = _SPACES.sub(" ", text)  # else a no-op: only single spaces
        self._emit(text, style)

    def _t_emphasis(self, token: Token, style: Run) -> None:
        self._walk(token.get("children", []), _italic(style))

    def _t_strong(self, token: Token, style: Run) -> None:
        self._walk(token.get("children", []), _bold(style))

    def _t_strikethrough(self, token: Token, style: Run) -> None:
        self._walk(token.get("children", []), replace(style, strike=True))

    def _t_codespan(self, token: Token, style: Run) -> None:
        self._emit(str(token.get("raw", "")), _code(style))

    def _t_math(self, token: Token, style: Run) -> None:
        self.formula(str(token.get("raw", "")), str(token.get("latex", "")),
                     bool(token.get("display")), style, str(token.get("source", "")))

    def formula(self, source: str, latex: str, display: bool, style: Run,
                written: str = "") -> None:  # fmt: skip
        """A formula as a run of its own, when it can be converted (checked here, once, for
        both backends: Office Math and outlines, laid out once and reused by layout; they never
        fail on it); otherwise its source as text, with a warning."""
        from converter.math.errors import MathError  # deferred: decks without math never
        from converter.math.omml import latex_to_omml  # load the LaTeX converters
        from converter.math.vector import measure_math

        try:
            latex_to_omml(latex, display=display)
            measure_math(latex, 12.0, display=display)
        except MathError as exc:
            self.diags.warning(
                "math",
                f"{exc.reason}; the formula {_shown(source)} is kept as text",
                self.locate(_needle(written or source, latex)) if self.locate else self.line,
            )
            self._emit(source, style)
            return
        run = run_with(run_with(style, "math", latex), "display", display)
        self.items.append(run_with(run, "text", source))
        self._last_run = self._last_style = None

    def _t_softbreak(self, token: Token, style: Run) -> None:
        self._emit(" ", style)

    def _t_linebreak(self, token: Token, style: Run) -> None:
        self.items.append(Run(LINE_BREAK))

    def _t_link(self, token: Token, style: Run) -> None:
        url = str(token.get("attrs", {}).get("url", ""))
        children = token.get("children", [])
        if len(children) == 1 and children[0].get("type") == "image":
            self._image(children[0], link=url)
            return
        self._walk(children, _linked(style, url))

    def _t_image(self, token: Token, style: Run) -> None:
        self._image(token, link=style.link)

    def _image(self, token: Token, link: str | None) -> None:
        attrs = token.get("attrs", {})
        alt = "".join(str(c.get("raw", "")) for c in token.get("children", []))
        self.items.append(
            InlineImage(
                str(attrs.get("url", "")), html.unescape(alt), str(attrs.get("title") or ""), link
            )
        )

    def _t_inline_html(self, token: Token, style: Run) -> None:
        raw = str(token.get("raw", ""))
        if raw.startswith("<!--"):
            self.items.append(InlineComment(raw[4:-3] if raw.endswith("-->") else raw[4:]))
            return
        if _SVG_START.match(raw):
            self._svg, self._svg_depth = [raw], 0 if raw.rstrip().endswith("/>") else 1
            if not self._svg_depth:
                self._end_svg(style)
            return
        tag = parse_tag(raw)
        if tag is None:
            self._emit(html.unescape(raw), style)
            return
        self.html_tag(*tag, style)

    def _svg_token(self, token: Token, style: Run) -> None:
        """A token inside an inline `<svg>`: its source text, as the HTML parser will read it."""
        assert self._svg is not None
        kind = token.get("type")
        raw = str(token.get("raw", ""))
        if kind == "inline_html":
            self._svg.append(raw)
            if _SVG_START.match(raw) and not raw.rstrip().endswith("/>"):
                self._svg_depth += 1
            elif _SVG_END.match(raw):
                self._svg_depth -= 1
                if not self._svg_depth:
                    self._end_svg(style)
        elif kind in ("softbreak", "linebreak"):
            self._svg.append("\n")
        elif kind == "codespan":
            self._svg.append(f"`{raw}`")
        elif "children" in token:
            for child in token["children"]:
                if self._svg is not None:
                    self._svg_token(child, style)
        else:
            self._svg.append(raw)

    def _end_svg(self, style: Run) -> None:
        markup, self._svg, self._svg_depth = "".join(self._svg or ()), None, 0
        svg = inline_svg(markup)
        start = markup[: markup.find(">") + 1]
        self.items.append(InlineImage(svg.uri, svg.alt, "", style.link, svg.pairs, start))
        self._last_run = self._last_style = None

    # --- raw HTML tags ---------------------------------------------------------------------

    def html_tag(
        self, slash: str, name: str, attrs: dict[str, str], selfclose: bool, style: Run
    ) -> None:
        if slash:
            for i in range(len(self._html_stack) - 1, -1, -1):
                if self._html_stack[i][0] == name:
                    del self._html_stack[i:]
                    break
            return
        if name == "br":
            self.items.append(Run(LINE_BREAK))
            return
        if name == "img":
            src = attrs.get("src") or attrs.get("data-src") or ""
            extra = tuple(
                (k, v) for k, v in attrs.items() if k in ("width", "height", "class", "style", "id")
            )
            self.items.append(
                InlineImage(src, attrs.get("alt", ""), attrs.get("title", ""), style.link, extra)
            )
            return
        if name in PLACEHOLDER_TAGS:
            url = attrs.get("src") or attrs.get("data-src") or ""
            self.diags.warning(
                "unsupported",
                f"<{name}> is not rendered; a placeholder is shown",
                self.locate(f"<{name}") if self.locate else self.line,
            )
            self.items.append(InlinePlaceholder(name, f"{name}: {url}".strip(": ")))
            return
        if name in VOID_TAGS or selfclose:
            return
        new = style
        if name in STYLE_TAGS:
            new = _with_flag(style, STYLE_TAGS[name])
        elif name not in TRANSPARENT_TAGS:
            self.diags.warning_once(
                name,
                "html-dropped",
                f"raw HTML <{name}> is not supported; kept its text",
                self.locate(f"<{name}") if self.locate else self.line,
            )
        if name == "a" and attrs.get("href"):
            new = replace(new, link=attrs["href"])
        color = html_color(attrs)
        if color is not None:
            new = replace(new, color=color)
        classes = tuple(attrs.get("class", "").split())
        if classes:  # for the deck's CSS (`converter.style.dom` makes a span of them)
            new = run_with(new, "classes", (*new.classes, *classes))
        if attrs.get("style"):
            new = run_with(new, "style", "; ".join(filter(None, (new.style, attrs["style"]))))
        self._html_stack.append((name, new))


InlineBuilder._HANDLERS = {
    name.removeprefix("_t_"): handler
    for name, handler in vars(InlineBuilder).items()
    if name.startswith("_t_")
}


# `dataclasses.replace` is slow; these build the few derived styles of the Markdown tokens.
def _italic(s: Run) -> Run:
    return run_with(s, "italic", True)


def _bold(s: Run) -> Run:
    return run_with(s, "bold", True)


def _code(s: Run) -> Run:
    return run_with(s, "code", True)


def _linked(s: Run, url: str) -> Run:
    return run_with(s, "link", url)


def _with_flag(style: Run, flag: str) -> Run:
    """`style` with one boolean formatting flag (bold, italic, ...) switched on."""
    return run_with(style, flag, True)


def _needle(source: str, latex: str) -> str:
    """What to look for to find a formula's line: the source when it is on one line, else
    the first line of its LaTeX that has any."""
    if "\n" not in source:
        return source
    return next((line for line in latex.splitlines() if line.strip()), source)


def _shown(source: str) -> str:
    return source if len(source) <= 60 else source[:57] + "..."


def runs_of(items: list[InlineItem]) -> tuple[Run, ...]:
    """The runs of some inline items, trimmed of leading and trailing whitespace."""
    runs = [i for i in items if isinstance(i, Run)]
    while runs and runs[0].text != LINE_BREAK and not runs[0].text.strip():
        runs.pop(0)
    while runs and (runs[-1].text == LINE_BREAK or not runs[-1].text.strip()):
        runs.pop()
    if runs:
        first = runs[0]
        text = first.text.lstrip()
        if text != first.text:
            runs[0] = run_with(first, "text", text)
        last = runs[-1]
        text = last.text.rstrip()
        if text != last.text:
            runs[-1] = run_with(last, "text", text)
    return tuple(runs)
