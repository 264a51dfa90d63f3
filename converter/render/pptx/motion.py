"""PPTX motion as XML: reveal transitions to `p:transition`, fragments to the `p:timing` tree.

Input: a laid-out slide with the shape id of each box, the deck's transition defaults, and a
diagnostics collector. Output: XML text for the slide's transition (`mc:AlternateContent`:
PowerPoint 2010's form with the exact duration in `p14:dur`, and a plain ECMA-376 fallback) and
for its timing tree; `converter.render.pptx.deck` parses both into the slide after `p:clrMapOvr`
(the schema's order: cSld, clrMapOvr, transition, timing, extLst).

Fragments become click animations in reveal's order (`converter.render.reveal_order.fragment_ranks`:
indexed fragments first, grouped by index, then document order; each step is one click). A
fragment on a whole block animates its shape; a fragment on a list item or a paragraph inside a
text box animates that paragraph (`p:txEl/p:pRg`, with a `build="p"` entry in `p:bldLst`).
Effects use PowerPoint's own preset ids, so PowerPoint lists them by name:

| reveal fragment                          | PowerPoint effect                              |
|------------------------------------------|------------------------------------------------|
| (default), fade-in                       | Fade (entrance 10)                             |
| fade-up / -down / -left / -right         | Fly In (entrance 2) from bottom / top / right / left |
| zoom-in                                  | Zoom (entrance 53)                             |
| grow, shrink                             | Grow/Shrink (emphasis 6) to 130 % / 70 %       |
| fade-out                                 | Fade (exit 10)                                 |
| semi-fade-out                            | Transparency (emphasis 9) to 50 %              |
| highlight-red / -green / -blue           | Font Color (emphasis 3) to reveal's colours    |
| highlight-current-*                      | Font Color, and back on the next click         |
| fade-in-then-out, current-visible        | Fade in, Fade out on the next click            |
| fade-in-then-semi-out                    | Fade in, Transparency on the next click        |
| strike                                   | Appear (entrance 1): the text is written struck |
| anything else (custom)                   | Appear, with an info diagnostic                |

Transitions (reveal -> PowerPoint): fade -> Fade, slide -> Push, convex -> Cube (`p14:prism`),
concave -> Cube seen from inside (`p14:prism isInverted`), zoom -> Zoom, none -> none; both
Cubes fall back to Push for readers without PowerPoint 2010 support. Push and Cube move left
into a new horizontal slide and up into the next slide of a vertical stack, as reveal does.
Speeds: default 800 ms (`spd="med"`), fast 400 ms, slow 1200 ms, as reveal's CSS.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from converter.diagnostics import Diagnostics
from converter.layout.boxes import (
    Box,
    LaidOutSlide,
    PictureBox,
    TableBox,
    TextBox,
    TextParagraph,
)
from converter.model import Fragment, Transition
from converter.render.pptx.xml import MC, P14
from converter.render.reveal_order import fragment_ranks
from converter.style.color import Color

DUR = 500  # ms: PowerPoint's default effect duration
SPEEDS = {"default": ("med", 800), "fast": ("fast", 400), "slow": ("slow", 1200)}
HIGHLIGHT = {"red": "FF2C2D", "green": "17FF2E", "blue": "1B91FF"}  # reveal.scss
FLY = {  # reveal style -> (PowerPoint subtype, ppt_x from, ppt_y from)
    "fade-up": (4, "#ppt_x", "1+#ppt_h/2"),
    "fade-down": (1, "#ppt_x", "0-#ppt_h/2"),
    "fade-left": (2, "1+#ppt_w/2", "#ppt_y"),
    "fade-right": (8, "0-#ppt_w/2", "#ppt_y"),
}


@dataclass(frozen=True)
class Target:
    """What one effect animates: a shape, or one paragraph of it."""

    spid: int
    paragraph: int | None
    kind: str  # "sp" (text), "graphic" (table), "pic", "cxn"
    color: Color | None  # the text colour, for effects that restore it

    @property
    def xml(self) -> str:
        if self.paragraph is None:
            return f'<p:tgtEl><p:spTgt spid="{self.spid}"/></p:tgtEl>'
        i = self.paragraph
        return (
            f'<p:tgtEl><p:spTgt spid="{self.spid}"><p:txEl><p:pRg st="{i}" end="{i}"/>'
            "</p:txEl></p:spTgt></p:tgtEl>"
        )


class _Ids:
    """`p:cTn` ids: unique per slide, in document order (1 and 2 are the root and sequence)."""

    def __init__(self) -> None:
        self.last = 2

    def __call__(self) -> int:
        self.last += 1
        return self.last


# --- behaviours ------------------------------------------------------------------------------


def _set(ids: _Ids, t: Target, attr: str, value: str, delay: int = 0) -> str:
    return (
        f'<p:set><p:cBhvr><p:cTn id="{ids()}" dur="1" fill="hold"><p:stCondLst>'
        f'<p:cond delay="{delay}"/></p:stCondLst></p:cTn>{t.xml}<p:attrNameLst>'
        f"<p:attrName>{attr}</p:attrName></p:attrNameLst></p:cBhvr>"
        f'<p:to><p:strVal val="{value}"/></p:to></p:set>'
    )


def _fade(ids: _Ids, t: Target, way: str) -> str:
    return (
        f'<p:animEffect transition="{way}" filter="fade"><p:cBhvr>'
        f'<p:cTn id="{ids()}" dur="{DUR}"/>{t.xml}</p:cBhvr></p:animEffect>'
    )


def _anim(ids: _Ids, t: Target, attr: str, start: str, end: str) -> str:
    return (
        f'<p:anim calcmode="lin" valueType="num"><p:cBhvr additive="base">'
        f'<p:cTn id="{ids()}" dur="{DUR}" fill="hold"/>{t.xml}<p:attrNameLst>'
        f"<p:attrName>{attr}</p:attrName></p:attrNameLst></p:cBhvr><p:tavLst>"
        f'<p:tav tm="0"><p:val><p:strVal val="{start}"/></p:val></p:tav>'
        f'<p:tav tm="100000"><p:val><p:strVal val="{end}"/></p:val></p:tav></p:tavLst></p:anim>'
    )


def _appear(ids: _Ids, t: Target) -> str:
    return _set(ids, t, "style.visibility", "visible")


def _fade_in(ids: _Ids, t: Target) -> str:
    return _appear(ids, t) + _fade(ids, t, "in")


def _fade_out(ids: _Ids, t: Target) -> str:
    return _fade(ids, t, "out") + _set(ids, t, "style.visibility", "hidden", DUR - 1)


def _zoom(ids: _Ids, t: Target) -> str:
    return (
        _appear(ids, t)
        + _anim(ids, t, "ppt_w", "0", "#ppt_w")
        + _anim(ids, t, "ppt_h", "0", "#ppt_h")
        + _fade(ids, t, "in")
    )


def _fly(style: str) -> Callable[[_Ids, Target], str]:
    _, x, y = FLY[style]

    def body(ids: _Ids, t: Target) -> str:
        return (
            _appear(ids, t)
            + _anim(ids, t, "ppt_x", x, "#ppt_x")
            + _anim(ids, t, "ppt_y", y, "#ppt_y")
        )

    return body


def _scale(percent: int) -> Callable[[_Ids, Target], str]:
    def body(ids: _Ids, t: Target) -> str:
        by = percent * 1000
        return (
            f'<p:animScale><p:cBhvr><p:cTn id="{ids()}" dur="{DUR}" fill="hold"/>{t.xml}'
            f'</p:cBhvr><p:by x="{by}" y="{by}"/></p:animScale>'
        )

    return body


def _transparency(ids: _Ids, t: Target) -> str:
    return (
        f'<p:set><p:cBhvr><p:cTn id="{ids()}" dur="indefinite"/>{t.xml}<p:attrNameLst>'
        "<p:attrName>style.opacity</p:attrName></p:attrNameLst></p:cBhvr>"
        '<p:to><p:strVal val="0.5"/></p:to></p:set>'
        f'<p:animEffect filter="image" prLst="opacity: 0.5"><p:cBhvr rctx="IE">'
        f'<p:cTn id="{ids()}" dur="indefinite"/>{t.xml}</p:cBhvr></p:animEffect>'
    )


def _color(rgb: str | None) -> Callable[[_Ids, Target], str]:
    def body(ids: _Ids, t: Target) -> str:
        to = rgb or (t.color.hex[1:].upper() if t.color is not None else "FFFFFF")
        return (
            f'<p:animClr clrSpc="rgb"><p:cBhvr override="childStyle">'
            f'<p:cTn id="{ids()}" dur="{DUR}" fill="hold"/>{t.xml}<p:attrNameLst>'
            "<p:attrName>style.color</p:attrName></p:attrNameLst></p:cBhvr>"
            f'<p:to><a:srgbClr val="{to}"/></p:to></p:animClr>'
        )

    return body


@dataclass(frozen=True)
class Effect:
    klass: str  # presetClass: entr, exit, emph
    preset: int
    subtype: int
    body: Callable[[_Ids, Target], str]


FADE_IN = Effect("entr", 10, 0, _fade_in)
FADE_OUT = Effect("exit", 10, 0, _fade_out)
APPEAR = Effect("entr", 1, 0, _appear)
SEMI_OUT = Effect("emph", 9, 0, _transparency)

EFFECTS: dict[str, Effect] = {
    "fade-in": FADE_IN,
    **{s: Effect("entr", 2, sub, _fly(s)) for s, (sub, _x, _y) in FLY.items()},
    "zoom-in": Effect("entr", 53, 16, _zoom),
    "grow": Effect("emph", 6, 0, _scale(130)),
    "shrink": Effect("emph", 6, 0, _scale(70)),
    "fade-out": FADE_OUT,
    "semi-fade-out": SEMI_OUT,
    **{f"highlight-{c}": Effect("emph", 3, 0, _color(v)) for c, v in HIGHLIGHT.items()},
    **{f"highlight-current-{c}": Effect("emph", 3, 0, _color(v)) for c, v in HIGHLIGHT.items()},
    "fade-in-then-out": FADE_IN,
    "current-visible": FADE_IN,
    "fade-in-then-semi-out": FADE_IN,
    "strike": APPEAR,
}
THEN: dict[str, Effect] = {  # what happens to a "current only" fragment on the next click
    "fade-in-then-out": FADE_OUT,
    "current-visible": FADE_OUT,
    "fade-in-then-semi-out": SEMI_OUT,
    **{f"highlight-current-{c}": Effect("emph", 3, 0, _color(None)) for c in HIGHLIGHT},
}


# --- the timing tree -------------------------------------------------------------------------


def _text_color(paragraphs: tuple[TextParagraph, ...]) -> Color | None:
    return next((r.color for p in paragraphs for r in p.runs if not r.is_break), None)


def _kind(box: Box) -> str:
    if isinstance(box, TextBox):
        return "sp"
    if isinstance(box, TableBox):
        return "graphic"
    return "pic" if isinstance(box, PictureBox) else "cxn"


def _targets(laid: LaidOutSlide, shape_ids: list[int]) -> list[tuple[Fragment, Target]]:
    """Every fragment of the slide with what it animates, in document order."""
    out: list[tuple[Fragment, Target]] = []
    for box, spid in zip(laid.boxes, shape_ids, strict=True):
        kind = _kind(box)
        if box.fragment is not None:
            color = _text_color(box.paragraphs) if isinstance(box, TextBox) else None
            out.append((box.fragment, Target(spid, None, kind, color)))
        if isinstance(box, TextBox):
            for i, para in enumerate(box.paragraphs):
                if para.fragment is not None and para.fragment is not box.fragment:
                    color = _text_color((para,))
                    out.append((para.fragment, Target(spid, i, kind, color)))
    return out


def _effect_par(ids: _Ids, effect: Effect, t: Target, node: str, group: int) -> str:
    cid = ids()
    return (
        f'<p:par><p:cTn id="{cid}" presetID="{effect.preset}" presetClass="{effect.klass}" '
        f'presetSubtype="{effect.subtype}" fill="hold" grpId="{group}" nodeType="{node}">'
        '<p:stCondLst><p:cond delay="0"/></p:stCondLst>'
        f"<p:childTnLst>{effect.body(ids, t)}</p:childTnLst></p:cTn></p:par>"
    )


def timing_xml(laid: LaidOutSlide, shape_ids: list[int], diags: Diagnostics) -> str:
    """The slide's `p:timing` element as XML text ("" when it has no fragment)."""
    found = _targets(laid, shape_ids)
    if not found:
        return ""
    ranks = fragment_ranks(laid)
    last = max(ranks.values())
    steps: list[list[tuple[Effect, Target]]] = [[] for _ in range(last + 1)]
    unmapped: set[str] = set()
    for fragment, target in found:
        step = ranks[id(fragment)]
        effect = EFFECTS.get(fragment.style)
        if effect is None:
            if fragment.style not in unmapped:  # once per style and slide
                unmapped.add(fragment.style)
                diags.info(
                    "fragment",
                    f"fragment style {fragment.style!r} has no PowerPoint effect; "
                    "it appears on its click",
                )
            effect = APPEAR
        steps[step].append((effect, target))
        then = THEN.get(fragment.style)
        if then is not None and step < last:
            steps[step + 1].append((then, target))
    ids = _Ids()
    groups: dict[tuple[int, str, bool], int] = {}  # (spid, class, by paragraph) -> grpId
    per_shape: dict[int, int] = {}
    clicks: list[str] = []
    for effects in steps[1:]:
        click, inner = ids(), ids()
        pars = []
        for n, (effect, t) in enumerate(effects):
            key = (t.spid, effect.klass, t.paragraph is not None)
            if key not in groups:
                groups[key] = per_shape.get(t.spid, 0)
                per_shape[t.spid] = groups[key] + 1
            node = "clickEffect" if n == 0 else "withEffect"
            pars.append(_effect_par(ids, effect, t, node, groups[key]))
        clicks.append(
            f'<p:par><p:cTn id="{click}" fill="hold"><p:stCondLst><p:cond delay="indefinite"/>'
            f'</p:stCondLst><p:childTnLst><p:par><p:cTn id="{inner}" fill="hold"><p:stCondLst>'
            f'<p:cond delay="0"/></p:stCondLst><p:childTnLst>{"".join(pars)}</p:childTnLst>'
            "</p:cTn></p:par></p:childTnLst></p:cTn></p:par>"
        )
    kinds = {t.spid: t.kind for _, t in found}
    return (
        '<p:timing><p:tnLst><p:par><p:cTn id="1" dur="indefinite" restart="never" '
        'nodeType="tmRoot"><p:childTnLst><p:seq concurrent="1" nextAc="seek">'
        f'<p:cTn id="2" dur="indefinite" nodeType="mainSeq"><p:childTnLst>{"".join(clicks)}'
        '</p:childTnLst></p:cTn><p:prevCondLst><p:cond evt="onPrev" delay="0"><p:tgtEl>'
        '<p:sldTgt/></p:tgtEl></p:cond></p:prevCondLst><p:nextCondLst><p:cond evt="onNext" '
        'delay="0"><p:tgtEl><p:sldTgt/></p:tgtEl></p:cond></p:nextCondLst></p:seq>'
        f"</p:childTnLst></p:cTn></p:par></p:tnLst>{_builds(groups, kinds)}</p:timing>"
    )


def _builds(groups: dict[tuple[int, str, bool], int], kinds: dict[int, str]) -> str:
    """`p:bldLst`: how each animated text shape builds (whole, or by paragraph), and tables
    as one object; pictures and lines need no entry."""
    items = []
    for (spid, _klass, by_paragraph), group in sorted(
        groups.items(), key=lambda g: (g[0][0], g[1])
    ):
        if kinds[spid] == "sp":
            how = ' build="p"' if by_paragraph else ' animBg="1"'
            items.append(f'<p:bldP spid="{spid}" grpId="{group}"{how}/>')
        elif kinds[spid] == "graphic":
            items.append(
                f'<p:bldGraphic spid="{spid}" grpId="{group}"><p:bldAsOne/></p:bldGraphic>'
            )
    return f"<p:bldLst>{''.join(items)}</p:bldLst>" if items else ""


# --- transitions -----------------------------------------------------------------------------


def transition_xml(transition: Transition, vertical: bool) -> str:
    """The transition into a slide (reveal's `in` style and speed) as XML text ("" for none)."""
    style = transition.in_style
    if style == "none":
        return ""
    spd, dur = SPEEDS[transition.speed]
    side = "u" if vertical else "l"
    plain = {
        "fade": "<p:fade/>",
        "slide": f'<p:push dir="{side}"/>',
        "zoom": "<p:zoom/>",
    }.get(style, f'<p:push dir="{side}"/>')
    modern = plain
    if style in ("convex", "concave"):
        inverted = ' isInverted="1"' if style == "concave" else ""
        modern = f'<p14:prism dir="{side}"{inverted}/>'
    return (
        f'<mc:AlternateContent xmlns:mc="{MC}"><mc:Choice xmlns:p14="{P14}" Requires="p14">'
        f'<p:transition spd="{spd}" p14:dur="{dur}">{modern}</p:transition></mc:Choice>'
        f'<mc:Fallback><p:transition spd="{spd}">{plain}</p:transition></mc:Fallback>'
        "</mc:AlternateContent>"
    )
