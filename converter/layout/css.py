"""The deck's CSS in layout: computed values of an element turned into how its text is set.

Input: a slide, the deck's cascade (`converter.style.cascade`), and for each block or list item
its computed values. Output: `Styled`: the block's `TextStyle` with the deck's `color`,
`font-family`, `font-size` (px, pt, em, rem, %), `font-weight`, `font-style`,
`text-transform`, `line-height` and `text-decoration`, its `text-align`, `background-color`
(a box fill) and `display: none`. Only values the deck set (its `css` files, `<style>` blocks,
`style` attributes, or a theme variable it overrode) change anything; the theme's own stay as
the theme data gave them. A property layout does not draw yet is an `info` diagnostic, once
per property and deck.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal
from xml.etree.ElementTree import SubElement

from converter.diagnostics import Diagnostics
from converter.layout.text import TextStyle
from converter.model import Block, Deck, ListItem, Run, Slide, run_with
from converter.style.cascade import Cascade, Computed, theme_css
from converter.style.color import Color, parse_css_color
from converter.style.css_background import CssBackground, css_background
from converter.style.dom import slide_tree
from converter.style.lengths import css_length as length_of
from converter.style.themes import Theme
from converter.text.aliases import split_css_families

__all__ = ["DeckCss", "Styled", "block_height", "block_span", "css_length", "needs_css", "styled",
           "styled_runs", "styled_values"]

Align = Literal["left", "center", "right"]
DRAWN = frozenset({
    "color", "font-family", "font-size", "font-weight", "font-style", "text-transform",
    "text-align", "line-height", "text-decoration", "text-decoration-line", "background-color",
    "background", "display", "margin", "margin-top", "margin-bottom", "margin-left",
    "margin-right", "padding", "border", "border-top", "border-right", "border-bottom",
    "border-left", "border-top-width", "border-right-width", "border-bottom-width",
    "border-left-width", "border-top-color", "border-right-color", "border-bottom-color",
    "border-left-color", "border-top-style", "border-right-style", "border-bottom-style",
    "border-left-style",
    "border-width", "border-color", "border-style", "opacity", "width", "height", "max-width",
    "max-height", "min-height", "letter-spacing", "background-image", "background-size",
    "background-position", "background-repeat",
})  # fmt: skip
# what reveal.css's layout helpers set: read from the theme's rules too (the theme data has no
# such values to keep); see `converter.style.cascade.REVEAL_LAYOUT_CSS`
LAYOUT_PROPERTIES = frozenset({
    "display", "flex-direction", "align-items", "justify-content", "border",
})  # fmt: skip
LAYOUT_CLASSES = frozenset({
    "r-stack", "r-hstack", "r-vstack", "r-frame", "r-fit-text",
})  # fmt: skip
_ALIGN: dict[str, Align] = {"left": "left", "start": "left", "justify": "left",
                            "center": "center", "right": "right", "end": "right"}  # fmt: skip


@dataclass(frozen=True)
class Styled:
    style: TextStyle
    align: Align | None = None
    fill: Color | None = None
    hidden: bool = False
    underline: bool = False
    strike: bool = False
    margin_top: float | None = None  # points
    margin_bottom: float | None = None
    padding: float = 0.0  # points, on every side (the largest of the four)
    border: Color | None = None
    border_width: float = 0.0
    opacity: float = 1.0
    # horizontal geometry as the CSS gave it (lengths, percentages of the container, `auto`);
    # `block_span` resolves them against the container
    margin_left: str | None = None
    margin_right: str | None = None
    width: str | None = None
    max_width: str | None = None
    height: str | None = None  # `height` / `min-height` of a container, resolved by layout
    min_height: str | None = None
    size_px: float = 1.0  # points per CSS pixel, and the root font size, to resolve them
    root_pt: float = 0.0
    background: CssBackground | None = None  # a background image (`url()`) behind the box
    # borders that differ between sides: (side, width in points, colour) of each drawn one
    edges: tuple[tuple[str, float, Color], ...] = ()


class DeckCss:
    """The cascade of one deck: the theme's rules, then the deck's stylesheets."""

    def __init__(self, deck: Deck, theme: Theme, diags: Diagnostics) -> None:
        custom = _custom_theme(deck)
        sheets = [*([custom] if custom else []), *(s.text for s in deck.stylesheets)]
        self.cascade = Cascade([theme_css(theme), *sheets])
        self.diags = diags
        self._reported: set[str] = set()
        self._last: tuple[Slide, dict[int, Computed]] | None = None
        self.page_background: CssBackground | None = None  # `body` / `.reveal` image
        order = [f"the {theme.name} theme"]
        if custom:
            order.append(f"the theme stylesheet {deck.theme_css}")
        order += [f"{s.origin} (line {s.line})" if s.line else s.origin for s in deck.stylesheets]
        diags.info("css", "stylesheets in cascade order: " + ", ".join(order))

    def theme(self, theme: Theme) -> Theme:
        """The theme with what the deck's CSS sets on the page itself (`body`, `.reveal`): the
        background colour, the base font size and the link colour (`.reveal a`), which
        old-style themes (without `--r-*` variables) set with plain rules."""
        tree = slide_tree(Slide(0, 0, 0, 0, ()))
        link = SubElement(SubElement(tree.section, "p"), "a", {"href": "#"})  # a probe
        computed = self.cascade.compute(tree.root)
        value, deck = computed.get(link, {}).get("color", ("", False))
        link_color = parse_css_color(value) if deck else None
        if link_color is not None:
            theme = replace(theme, link_color=link_color)
        body = tree.root.find("body")
        reveal = body.find("div") if body is not None else None
        background: Color | None = None
        size_px: float | None = None
        for element in (body, reveal):
            values = computed.get(element, {}) if element is not None else {}
            found = _deck_background(values)
            self.page_background = found or self.page_background
            for name in ("background-color", "background"):
                value, deck = values.get(name, ("", False))
                color = parse_css_color(value.split()[0]) if deck and value else None
                if color is not None and color.a > 0:
                    background = color
        reveal_values = computed.get(reveal, {}) if reveal is not None else {}
        size, deck = reveal_values.get("font-size", ("", False))
        if deck and size.strip().lower().endswith("px") and _number(size.strip()[:-2]):
            size_px = float(size.strip()[:-2])
        if background is not None:
            theme = replace(theme, background=background, background_gradient=None)
        if size_px is not None and size_px > 0:
            theme = replace(theme, main_font_size_px=size_px)
        return theme

    def slide(self, slide: Slide) -> dict[int, Computed]:
        """id(block or list item) -> the values the deck set for it (empty when none); the
        slide's `section` under id(slide). The last slide's result is kept (asked twice)."""
        if self._last is not None and self._last[0] is slide:
            return self._last[1]
        tree = slide_tree(slide)
        computed = self.cascade.compute(tree.root)
        out: dict[int, Computed] = {}
        parents = {child: parent for parent in tree.root.iter() for child in parent}
        for key, element in tree.elements.items():
            values = {k: v for k, v in computed[element].items()
                      if (v[1] or k in LAYOUT_PROPERTIES) and k[:2] != "--"}  # fmt: skip
            if isinstance(tree.nodes.get(key), Run):
                # a span's inherited font is its block's, already applied: only its own counts
                parent = parents.get(element)
                above = computed.get(parent, {}) if parent is not None else {}
                for name in ("font-size", "font-family"):
                    if name in values and values[name] is above.get(name):
                        del values[name]
            if values:
                out[key] = values
        section = {k: v for k, v in computed[tree.section].items() if v[1] and k[:2] != "--"}
        if section:
            out[id(slide)] = section
        layer: Computed = {}
        for element in tree.background:  # `.slide-background`, `.slide-background-content`
            layer.update({k: v for k, v in computed[element].items()
                          if v[1] and k.startswith("background")})  # fmt: skip
        if layer:
            out[-id(slide)] = layer
        self._report(slide.line)
        self._last = (slide, out)
        return out

    def background(self, slide: Slide) -> tuple[CssBackground | None, bool]:
        """The background image the deck's CSS gives the slide, and whether it is its
        `section`'s (drawn over a `data-background` colour, as the section lies above reveal's
        background layer) rather than the background layer's (`.slide-background`, which
        carries the slide's classes) or the page's (`body`, `.reveal`: beneath it)."""
        values = self.slide(slide)
        own = _deck_background(values.get(id(slide), {}))
        if own is not None:
            return own, True
        return _deck_background(values.get(-id(slide), {})) or self.page_background, False

    def background_color(self, slide: Slide) -> Color | None:
        """The colour the deck's CSS gives the slide's background layer
        (`.main .slide-background-content { background-color }`), if any."""
        for name, (value, _deck) in self.slide(slide).get(-id(slide), {}).items():
            if name in ("background-color", "background") and value:
                color = parse_css_color(value.split()[0])
                if color is not None:
                    return color
        return None

    def _report(self, line: int) -> None:
        for name in sorted(self.cascade.properties - DRAWN - self._reported):
            if not name.startswith("--"):
                self._reported.add(name)
                self.diags.info(
                    "css", f"CSS property {name} is not drawn by md2pptx yet; ignored", line
                )


def _deck_background(values: Computed) -> CssBackground | None:
    """The background image among computed values the deck set."""
    get = {k: v for k, (v, deck) in values.items() if deck and k.startswith("background")}
    return css_background(get) if get else None


def _custom_theme(deck: Deck) -> str | None:
    """The text of the deck's theme stylesheet (`theme: x.css`), when it has one: its plain
    rules go through the cascade too (old-style themes have no `--r-*` variables)."""
    if deck.theme_sheet is not None:
        return deck.theme_sheet.text
    if deck.theme_css is None:
        return None
    try:
        return deck.theme_css.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None  # layout_theme has warned


def needs_css(deck: Deck) -> bool:
    """Whether the deck brings CSS: stylesheets, a theme stylesheet, or a `style` attribute on
    some element."""
    if deck.stylesheets or deck.theme_css is not None:
        return True

    def styled_blocks(blocks: tuple[Block, ...]) -> bool:
        for block in blocks:
            if block.attrs.style or not LAYOUT_CLASSES.isdisjoint(block.attrs.classes):
                return True
            children = getattr(block, "blocks", ())
            items = getattr(block, "items", ())
            if styled_blocks(children) or any(
                    i.attrs.style or styled_blocks(i.blocks) for i in items):  # fmt: skip
                return True
        return False

    return any(styled_blocks(s.blocks) for s in deck.slides)


def css_length(value: str, base_pt: float, px: float, root_pt: float) -> float | None:
    """A CSS length or percentage in points (`base_pt`: the parent's font size)."""
    return length_of(value, px=px, em=base_pt, rem=root_pt, percent=base_pt)


def _flags(get: dict[str, str]) -> dict[str, bool]:
    """bold, italic, underline, strike as `font-weight`, `font-style` and `text-decoration`
    set them (only the ones declared)."""
    flags: dict[str, bool] = {}
    weight = get.get("font-weight", "").strip().lower()
    if weight:
        flags["bold"] = weight in ("bold", "bolder") or (weight.isdigit() and int(weight) >= 600)
    font_style = get.get("font-style", "").strip().lower()
    if font_style:
        flags["italic"] = font_style in ("italic", "oblique")
    decoration = get.get("text-decoration-line", get.get("text-decoration", "")).lower()
    if "underline" in decoration:
        flags["underline"] = True
    if "line-through" in decoration:
        flags["strike"] = True
    return flags


def styled(node: Block | ListItem | Run, base: TextStyle, css: dict[int, Computed] | None,
           px: float, root_pt: float) -> Styled:  # fmt: skip
    """How `node` sets its text under the deck's CSS (`css`: `DeckCss.slide`'s result)."""
    values = css.get(id(node)) if css else None
    return styled_values(values, base, px, root_pt) if values else Styled(base)


def styled_values(values: Computed, base: TextStyle, px: float, root_pt: float) -> Styled:
    """How an element with computed `values` sets its text (see `styled`)."""
    style = base
    align: Align | None = None
    fill: Color | None = None
    get = {k: v for k, (v, _deck) in values.items()}
    if (color := parse_css_color(get.get("color", ""))) is not None:
        style = replace(style, color=color, strong_color=None, em_color=None)
    if "font-family" in get:
        families = split_css_families(get["font-family"])
        if families:
            style = replace(style, families=families)
    if "font-size" in get:
        # em and % of the parent: the section, whose size is the body's (`.reveal` font-size)
        size = css_length(get["font-size"], root_pt, px, root_pt)
        if size is not None and size > 0:
            style = replace(style, size=size)
    flags = _flags(get)
    if "bold" in flags or "italic" in flags:
        style = replace(style, bold=flags.get("bold", style.bold),
                        italic=flags.get("italic", style.italic))  # fmt: skip
    spacing = get.get("letter-spacing", "").strip().lower()
    if spacing:
        length = 0.0 if spacing == "normal" else css_length(spacing, style.size, px, root_pt)
        if length is not None and style.size > 0:
            style = replace(style, letter_spacing=length / style.size)
    transform = get.get("text-transform", "").strip().lower()
    if transform:
        style = replace(style, uppercase=transform == "uppercase")
    if "line-height" in get:
        value = get["line-height"].strip().lower()
        height = (css_length(value, style.size, px, root_pt) if not _number(value)
                  else float(value) * style.size)  # fmt: skip
        if height is not None and height > 0:
            style = replace(style, line_height=height / style.size)
    underline, strike = flags.get("underline", False), flags.get("strike", False)
    align = _ALIGN.get(get.get("text-align", "").strip().lower())
    for name in ("background-color", "background"):
        if name in get and (c := parse_css_color(get[name].split()[0] if get[name] else "")):
            fill = c
    hidden = get.get("display", "").strip().lower() == "none"
    look = Styled(style, align, fill, hidden, underline, strike)
    if "url(" in get.get("background", "") + get.get("background-image", ""):
        look = replace(look, background=css_background(get))
    look = _box(look, get, px, root_pt)
    if look.opacity < 1.0:
        color = look.style.color
        look = replace(look, style=replace(look.style, color=color.with_alpha(
            color.a * look.opacity)))  # fmt: skip
    return look


def _sides(value: str, px: float, root_pt: float) -> list[float | None]:
    """A CSS 1-4 value shorthand (top, right, bottom, left) in points."""
    parts = [css_length(v, root_pt, px, root_pt) if v != "0" else 0.0 for v in value.split()]
    if not parts or len(parts) > 4:
        return [None] * 4
    top, right = parts[0], parts[1] if len(parts) > 1 else parts[0]
    bottom = parts[2] if len(parts) > 2 else top
    left = parts[3] if len(parts) > 3 else right
    return [top, right, bottom, left]


def _box(look: Styled, get: dict[str, str], px: float, root_pt: float) -> Styled:
    """`look` with the margins, padding, border and opacity of the block, as far as layout
    draws them."""
    if "margin" in get:
        top, _r, bottom, _l = _sides(get["margin"], px, root_pt)
        look = replace(look, margin_top=top, margin_bottom=bottom)
        words = get["margin"].split()
        if 1 <= len(words) <= 4:
            right = words[1] if len(words) > 1 else words[0]
            left = words[3] if len(words) > 3 else right
            look = replace(look, margin_left=left, margin_right=right)
    def raw(name: str, old: str | None) -> str | None:
        return get[name].strip().lower() if name in get else old

    look = replace(look, margin_left=raw("margin-left", look.margin_left),
                   margin_right=raw("margin-right", look.margin_right),
                   width=raw("width", look.width), max_width=raw("max-width", look.max_width),
                   height=raw("height", look.height), min_height=raw("min-height", look.min_height))
    if (look.margin_left or look.margin_right or look.width or look.max_width or look.height
            or look.min_height):  # fmt: skip
        look = replace(look, size_px=px, root_pt=root_pt)
    if "margin-top" in get:
        look = replace(look, margin_top=_sides(get["margin-top"], px, root_pt)[0])
    if "margin-bottom" in get:
        look = replace(look, margin_bottom=_sides(get["margin-bottom"], px, root_pt)[0])
    if "padding" in get:
        sides = [v for v in _sides(get["padding"], px, root_pt) if v is not None]
        look = replace(look, padding=max(sides, default=0.0))
    edges = _borders(get, px, root_pt, look.style.color)
    drawn = {side: edge for side, edge in edges.items() if edge[0] > 0}
    if len(drawn) == 4 and len(set(drawn.values())) == 1:  # the same on every side: a frame
        width, color = drawn["top"]
        look = replace(look, border=color, border_width=width)
    elif drawn:
        look = replace(look, edges=tuple((side, w, c) for side, (w, c) in drawn.items()))
    if "opacity" in get and _number(get["opacity"].strip()):
        look = replace(look, opacity=min(1.0, max(0.0, float(get["opacity"].strip()))))
    return look


_SIDES = ("top", "right", "bottom", "left")
_WIDTHS = {"thin": 1.0, "medium": 3.0, "thick": 5.0}  # CSS px
_NO_STYLE = ("none", "hidden")


def _four(value: str) -> list[str]:
    """A 1-4 value shorthand as its top, right, bottom and left values."""
    parts = value.split()
    if not parts or len(parts) > 4:
        return []
    top, right = parts[0], parts[1] if len(parts) > 1 else parts[0]
    return [top, right, parts[2] if len(parts) > 2 else top, parts[3] if len(parts) > 3 else right]


def _borders(get: dict[str, str], px: float, root_pt: float,
             current: Color) -> dict[str, tuple[float, Color]]:  # fmt: skip
    """Each side's border (width in points, colour) from `border`, `border-<side>`,
    `border-width|-style|-color` and `border-<side>-width|-style|-color` (shorthands first,
    then longhands; CSS's defaults: no style, `medium`, `currentColor`). A side without a
    style has width 0."""
    width = dict.fromkeys(_SIDES, 3.0 * px)
    style = dict.fromkeys(_SIDES, "none")
    color = dict.fromkeys(_SIDES, current)

    def length(token: str) -> float | None:
        if token.lower() in _WIDTHS:
            return _WIDTHS[token.lower()] * px
        return 0.0 if token == "0" else css_length(token, root_pt, px, root_pt)

    def shorthand(value: str, sides: tuple[str, ...]) -> None:
        for side in sides:  # a shorthand resets what it does not name
            width[side], style[side], color[side] = 3.0 * px, "none", current
        for token in value.split():
            if (found := length(token)) is not None:
                for side in sides:
                    width[side] = found
            elif (c := parse_css_color(token)) is not None:
                for side in sides:
                    color[side] = c
            else:
                for side in sides:
                    style[side] = token.lower()

    if "border" in get:
        shorthand(get["border"], _SIDES)
    for side in _SIDES:
        if f"border-{side}" in get:
            shorthand(get[f"border-{side}"], (side,))
    for values, name, parse in ((width, "width", length), (style, "style", str.lower),
                                (color, "color", parse_css_color)):  # fmt: skip
        for side, token in zip(_SIDES, _four(get.get(f"border-{name}", "")), strict=False):
            if (found := parse(token)) is not None:
                values[side] = found  # type: ignore[assignment]
        for side in _SIDES:
            token = get.get(f"border-{side}-{name}", "").strip()
            if token and (found := parse(token)) is not None:
                values[side] = found  # type: ignore[assignment]
    return {side: (0.0 if style[side] in _NO_STYLE else width[side], color[side])
            for side in _SIDES}  # fmt: skip


def block_span(look: Styled, container: float, *, width: float | None = None,
               auto_margins: bool = False) -> tuple[float, float]:
    """Where a block box sits in a container `container` points wide: its left offset and
    its width, as CSS places a block. Without CSS values the block keeps its default: `width`
    points (None: the container less the margins) and margins of 0, or `auto` (centred) when
    `auto_margins` (reveal's `pre` and `blockquote`). CSS `width`, `max-width` and margins
    (lengths, % of the container, `auto`) override them."""

    def length(value: str | None) -> float | None:
        if value is None or value == "auto":
            return None
        if value.endswith("%"):
            try:
                return float(value[:-1]) * container / 100
            except ValueError:
                return None
        if value == "0":
            return 0.0
        return css_length(value, look.style.size, look.size_px, look.root_pt)

    default = "auto" if auto_margins else "0"
    left_raw, right_raw = look.margin_left or default, look.margin_right or default
    left, right = length(left_raw), length(right_raw)
    w = length(look.width) if look.width not in (None, "auto") else width
    if w is None:
        w = container - (left or 0.0) - (right or 0.0)
    limit = length(look.max_width) if look.max_width not in (None, "none") else None
    if limit is not None:
        w = min(w, limit)
    w = max(0.0, min(w, container))
    if left is None and right is None:
        x = (container - w) / 2
    elif left is None:
        x = container - w - (right or 0.0)
    else:
        x = left
    return max(0.0, min(x, container - w)), w


def block_height(look: Styled, container: float) -> float:
    """The height a container's CSS asks for (`height`, at least `min-height`; lengths or %
    of the slide's height), 0 when it asks for none."""
    out = 0.0
    for value in (look.height, look.min_height):
        if not value or value == "auto":
            continue
        if value.endswith("%"):
            found = float(value[:-1]) * container / 100 if _number(value[:-1]) else None
        else:
            found = css_length(value, look.style.size, look.size_px, look.root_pt)
        out = max(out, found or 0.0)
    return out


def styled_runs(runs: tuple[Run, ...], css: dict[int, Computed] | None, base_pt: float,
                px: float, root_pt: float) -> tuple[Run, ...]:  # fmt: skip
    """The runs of a block with what the deck's CSS sets on their `<span>`s: colour, weight,
    style, decoration, font size (em and % of the block's `base_pt`) and font family."""
    if not css or not any(id(r) in css for r in runs):
        return runs
    out: list[Run] = []
    for run in runs:
        values = css.get(id(run))
        if values:
            get = {k: v for k, (v, _deck) in values.items()}
            if (color := parse_css_color(get.get("color", ""))) is not None:
                run = run_with(run, "color", color)
            for flag, value in _flags(get).items():
                run = run_with(run, flag, value)
            if "font-size" in get:
                size = css_length(get["font-size"], base_pt, px, root_pt)
                if size is not None and size > 0:
                    run = run_with(run, "size", size)
            if "font-family" in get and (families := split_css_families(get["font-family"])):
                run = run_with(run, "families", families)
        out.append(run)
    return tuple(out)


def _number(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return True
