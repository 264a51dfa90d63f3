"""A template's master and layout art as drawing data: what the PDF draws under each slide.

Input: the `p:spTree` of a master or layout (its shapes that are not placeholders), its
relationships, the theme's colour scheme; its `p:bg`. Output: `ArtPath`s (outlines in slide
EMU: preset rectangles, ellipses, lines and triangles, custom geometry with lines, Béziers and
arcs; groups, flips and rotation applied), `ArtPicture`s (pictures, picture-filled shapes),
`ArtText`s (text in shapes: a text footer) and a `Backdrop` (the background colour, gradient
or picture), plus a note for each shape that cannot be drawn. No reportlab here: the PDF
backend strokes and fills the outlines, layout sets the text.

An unblurred outer shadow is drawn as the outline moved by its offset in its colour.
Fills: solid (with alpha), a gradient as the mean of its stops, the shape style's
`fillRef`/`lnRef` colours where the shape states no fill or line. A pattern is drawn as
LibreOffice draws it (it imports a DrawingML pattern as a hatch: hairlines in the foreground
colour, at a fixed spacing, over the background colour): its background as the fill and a
`Hatch`; a preset without a hatch of its own as the even blend of its two colours.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

from lxml import etree

from converter.style.color import Color, Gradient, LinearGradient, RadialGradient
from converter.template.drawingml import drawingml_color, drawingml_gradient
from converter.template.styles import DEFAULT_INSETS, TextLook, body_frame, sample_looks

__all__ = [
    "SLIDE_NUMBER",
    "Art",
    "ArtPath",
    "ArtPicture",
    "ArtText",
    "Backdrop",
    "Hatch",
    "mean_color",
    "read_art",
    "read_backdrop",
]

P = "http://schemas.openxmlformats.org/presentationml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
DEFAULT_LINE = 9525  # EMU: 0.75 pt, DrawingML's default line width
KAPPA = 0.5522847498  # a quarter circle as a cubic Bézier

Command = tuple[str, tuple[float, ...]]  # M x y | L x y | C x1 y1 x2 y2 x y | Z


@dataclass(frozen=True)
class Hatch:
    """Parallel hairlines across a shape: their colour, spacing (EMU) and directions (degrees,
    counterclockwise from horizontal; a grid has two)."""

    color: Color
    distance: float
    angles: tuple[float, ...]


# DrawingML pattern preset -> (line spacing in mm, line directions in degrees): the hatch
# LibreOffice (oox import, FillProperties::createHatch) draws for it; measured in its PDF of
# Vivid's lgGrid band: hairlines 2.8 pt (1 mm) apart, both ways
HATCHES: dict[str, tuple[float, tuple[float, ...]]] = {
    "horz": (1.0, (0,)), "vert": (1.0, (90,)),
    "ltHorz": (0.5, (0,)), "ltVert": (0.5, (90,)),
    "dkHorz": (0.25, (0,)), "dkVert": (0.25, (90,)),
    "narHorz": (0.5, (0,)), "narVert": (0.5, (90,)),
    "dashHorz": (1.5, (0,)), "dashVert": (1.5, (90,)),
    "cross": (1.0, (0, 90)), "smGrid": (0.5, (0, 90)), "lgGrid": (1.0, (0, 90)),
    "dotGrid": (4.0, (0, 90)),
    "upDiag": (1.0, (45,)), "dnDiag": (1.0, (135,)),
    "ltUpDiag": (0.5, (45,)), "ltDnDiag": (0.5, (135,)),
    "dkUpDiag": (0.5, (45,)), "dkDnDiag": (0.5, (135,)),
    "wdUpDiag": (1.0, (45,)), "wdDnDiag": (1.0, (135,)),
    "dashUpDiag": (1.5, (45,)), "dashDnDiag": (1.5, (135,)),
    "diagCross": (1.0, (45, 135)), "smCheck": (0.5, (45, 135)), "lgCheck": (1.0, (45, 135)),
    "trellis": (0.75, (45, 135)),
}  # fmt: skip
EMU_PER_MM = 36000


@dataclass(frozen=True)
class ArtPath:
    commands: tuple[Command, ...]  # in slide EMU, top-left origin
    fill: Color | None
    line: Color | None = None
    line_width: float = DEFAULT_LINE
    hatch: Hatch | None = None  # drawn over the fill, inside the outline


@dataclass(frozen=True)
class ArtPicture:
    data: bytes
    box: tuple[int, int, int, int]


@dataclass(frozen=True)
class ArtText:
    box: tuple[int, int, int, int]
    paragraphs: tuple[tuple[str, TextLook], ...]  # each paragraph's text and look
    anchor: str | None = None
    insets: tuple[int, int, int, int] = DEFAULT_INSETS


Art = ArtPath | ArtPicture | ArtText
# stands in an `ArtText` for a slide-number field: each slide shows its own number there
SLIDE_NUMBER = "\ue000#"


@dataclass(frozen=True)
class Backdrop:
    color: Color | None = None
    gradient: Gradient | None = None
    image: bytes | None = None


@dataclass
class _Reader:
    scheme: dict[str, Color]
    blob: Callable[[str], bytes | None]  # an r:embed id -> the picture's bytes
    art: list[Art] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


Transform = Callable[[float, float], tuple[float, float]]


def _identity(x: float, y: float) -> tuple[float, float]:
    return x, y


def _xfrm(element: etree._Element | None) -> tuple[float, float, float, float, dict[str, str]]:
    if element is None:
        return 0.0, 0.0, 0.0, 0.0, {}
    off, ext = element.find(f"{{{A}}}off"), element.find(f"{{{A}}}ext")
    try:
        x = float(off.get("x", "0")) if off is not None else 0.0
        y = float(off.get("y", "0")) if off is not None else 0.0
        w = float(ext.get("cx", "0")) if ext is not None else 0.0
        h = float(ext.get("cy", "0")) if ext is not None else 0.0
    except ValueError:
        return 0.0, 0.0, 0.0, 0.0, {}
    return x, y, w, h, dict(element.attrib)


def _placed(x: float, y: float, w: float, h: float, attrs: dict[str, str],
            outer: Transform) -> Transform:  # fmt: skip
    """Shape coordinates (0..w, 0..h) to slide EMU: flips and rotation about the centre."""
    flip_h, flip_v = attrs.get("flipH") in ("1", "true"), attrs.get("flipV") in ("1", "true")
    try:
        angle = math.radians(int(attrs.get("rot", "0")) / 60000)
    except ValueError:
        angle = 0.0
    cos, sin = math.cos(angle), math.sin(angle)

    def at(px: float, py: float) -> tuple[float, float]:
        if flip_h:
            px = w - px
        if flip_v:
            py = h - py
        dx, dy = px - w / 2, py - h / 2
        return outer(x + w / 2 + dx * cos - dy * sin, y + h / 2 + dx * sin + dy * cos)

    return at


@dataclass(frozen=True)
class _Fill:
    color: Color | None = None
    picture: bool = False  # a picture fill (`a:blipFill`)
    hatch: Hatch | None = None


def _fill(sp_pr: etree._Element | None, style: etree._Element | None,
          scheme: dict[str, Color]) -> _Fill:  # fmt: skip
    """The shape's fill: its colour, whether it is a picture, a pattern's hatch."""
    if sp_pr is not None:
        if sp_pr.find(f"{{{A}}}noFill") is not None:
            return _Fill()
        solid = sp_pr.find(f"{{{A}}}solidFill")
        if solid is not None:
            return _Fill(_alpha(solid, drawingml_color(solid, scheme)))
        grad = drawingml_gradient(sp_pr.find(f"{{{A}}}gradFill"), scheme)
        if grad is not None:
            return _Fill(mean_color(grad))
        patt = sp_pr.find(f"{{{A}}}pattFill")
        if patt is not None:
            return _pattern(patt, scheme)
        if sp_pr.find(f"{{{A}}}blipFill") is not None:
            return _Fill(picture=True)
    ref = style.find(f"{{{A}}}fillRef") if style is not None else None
    if ref is not None and ref.get("idx", "0") not in ("0", "1000"):
        return _Fill(drawingml_color(ref, scheme))
    return _Fill()


def _pattern(patt: etree._Element, scheme: dict[str, Color]) -> _Fill:
    """A pattern fill: its background colour under a hatch of its foreground colour where
    LibreOffice draws one; else the even blend of the two (what it averages to at a glance)."""
    fg = drawingml_color(patt.find(f"{{{A}}}fgClr"), scheme)
    bg = drawingml_color(patt.find(f"{{{A}}}bgClr"), scheme)
    found = HATCHES.get(patt.get("prst", ""))
    if fg is not None and found is not None:
        mm, angles = found
        return _Fill(bg, hatch=Hatch(fg, mm * EMU_PER_MM, angles))
    return _Fill(_blend(fg, bg) if fg and bg else fg or bg)


def _line(sp_pr: etree._Element | None, style: etree._Element | None,
          scheme: dict[str, Color]) -> tuple[Color | None, float]:  # fmt: skip
    ln = sp_pr.find(f"{{{A}}}ln") if sp_pr is not None else None
    width = float(DEFAULT_LINE)
    if ln is not None:
        try:
            width = float(ln.get("w", str(DEFAULT_LINE)))
        except ValueError:
            width = float(DEFAULT_LINE)
        if ln.find(f"{{{A}}}noFill") is not None:
            return None, width
        solid = ln.find(f"{{{A}}}solidFill")
        if solid is not None:
            return _alpha(solid, drawingml_color(solid, scheme)), width
    ref = style.find(f"{{{A}}}lnRef") if style is not None else None
    if ref is not None and ref.get("idx", "0") != "0":
        return drawingml_color(ref, scheme), width
    return None, width


def _alpha(fill: etree._Element, color: Color | None) -> Color | None:
    found = next(fill.iter(f"{{{A}}}alpha"), None)
    if color is None or found is None:
        return color
    try:
        return Color(color.r, color.g, color.b, int(found.get("val", "100000")) / 100000)
    except ValueError:
        return color


def _blend(a: Color, b: Color) -> Color:
    return Color(round((a.r + b.r) / 2), round((a.g + b.g) / 2), round((a.b + b.b) / 2))


def mean_color(gradient: Gradient) -> Color:
    """A gradient's stops averaged: the colour it gives at a glance."""
    stops = gradient.stops if isinstance(gradient, LinearGradient | RadialGradient) else ()
    if not stops:
        return Color(255, 255, 255)
    n = len(stops)
    return Color(round(sum(s.color.r for s in stops) / n), round(sum(s.color.g for s in stops) / n),
                 round(sum(s.color.b for s in stops) / n))  # fmt: skip


def _ellipse(w: float, h: float) -> list[Command]:
    rx, ry, kx, ky = w / 2, h / 2, w / 2 * KAPPA, h / 2 * KAPPA
    return [("M", (w, ry)), ("C", (w, ry + ky, rx + kx, h, rx, h)),
            ("C", (rx - kx, h, 0, ry + ky, 0, ry)), ("C", (0, ry - ky, rx - kx, 0, rx, 0)),
            ("C", (rx + kx, 0, w, ry - ky, w, ry)), ("Z", ())]  # fmt: skip


PRESETS: dict[str, Callable[[float, float], list[Command]]] = {
    "rect": lambda w, h: [("M", (0, 0)), ("L", (w, 0)), ("L", (w, h)), ("L", (0, h)), ("Z", ())],
    "ellipse": _ellipse,
    "line": lambda w, h: [("M", (0, 0)), ("L", (w, h))],
    "straightConnector1": lambda w, h: [("M", (0, 0)), ("L", (w, h))],
    "triangle": lambda w, h: [("M", (w / 2, 0)), ("L", (w, h)), ("L", (0, h)), ("Z", ())],
    "rtTriangle": lambda w, h: [("M", (0, 0)), ("L", (w, h)), ("L", (0, h)), ("Z", ())],
}
PRESETS["roundRect"] = PRESETS["snipRoundRect"] = PRESETS["rect"]  # corners: a rectangle's
PRESETS["flowChartProcess"] = PRESETS["rect"]


def _number(value: str | None) -> float:
    if value is None:
        raise ValueError("missing")
    return float(value)


def _custom(geom: etree._Element, w: float, h: float) -> list[Command]:
    """The paths of an `a:custGeom` in shape coordinates (ValueError: guide formulas)."""
    out: list[Command] = []
    for path in geom.iter(f"{{{A}}}path"):
        pw = float(path.get("w", "0") or 0) or w
        ph = float(path.get("h", "0") or 0) or h
        sx, sy = w / pw if pw else 1.0, h / ph if ph else 1.0
        cx = cy = 0.0
        for cmd in path:
            name = etree.QName(cmd).localname
            pts = [(_number(p.get("x")) * sx, _number(p.get("y")) * sy)
                   for p in cmd.iter(f"{{{A}}}pt")]  # fmt: skip
            if name == "moveTo" and pts:
                out.append(("M", pts[0]))
            elif name == "lnTo" and pts:
                out.append(("L", pts[0]))
            elif name == "cubicBezTo" and len(pts) == 3:
                out.append(("C", (*pts[0], *pts[1], *pts[2])))
            elif name == "quadBezTo" and len(pts) == 2:
                (qx, qy), (ex, ey) = pts
                out.append(("C", (cx + 2 / 3 * (qx - cx), cy + 2 / 3 * (qy - cy),
                                  ex + 2 / 3 * (qx - ex), ey + 2 / 3 * (qy - ey), ex, ey)))
            elif name == "arcTo":
                out += _arc(cx, cy, _number(cmd.get("wR")) * sx, _number(cmd.get("hR")) * sy,
                            _number(cmd.get("stAng")) / 60000, _number(cmd.get("swAng")) / 60000)
            elif name == "close":
                out.append(("Z", ()))
                continue
            if out and out[-1][1]:
                cx, cy = out[-1][1][-2], out[-1][1][-1]
    return out


def _arc(x: float, y: float, rx: float, ry: float, start: float, sweep: float) -> list[Command]:
    """An elliptical arc from the current point (x, y), as Béziers of at most 90 degrees."""
    a0 = math.radians(start)
    ox, oy = x - rx * math.cos(a0), y - ry * math.sin(a0)
    steps = max(1, math.ceil(abs(sweep) / 90))
    out: list[Command] = []
    for i in range(steps):
        t0 = math.radians(start + sweep * i / steps)
        t1 = math.radians(start + sweep * (i + 1) / steps)
        k = 4 / 3 * math.tan((t1 - t0) / 4)
        p0 = (ox + rx * math.cos(t0), oy + ry * math.sin(t0))
        p3 = (ox + rx * math.cos(t1), oy + ry * math.sin(t1))
        c1 = (p0[0] - k * rx * math.sin(t0), p0[1] + k * ry * math.cos(t0))
        c2 = (p3[0] + k * rx * math.sin(t1), p3[1] - k * ry * math.cos(t1))
        out.append(("C", (*c1, *c2, *p3)))
    return out


def _shape(reader: _Reader, sp: etree._Element, outer: Transform) -> None:
    sp_pr = sp.find(f"{{{P}}}spPr")
    x, y, w, h, attrs = _xfrm(sp_pr.find(f"{{{A}}}xfrm") if sp_pr is not None else None)
    if w <= 0 and h <= 0:
        return
    at = _placed(x, y, w, h, attrs, outer)
    style = sp.find(f"{{{P}}}style")
    filled = _fill(sp_pr, style, reader.scheme)
    fill = filled.color
    line, width = _line(sp_pr, style, reader.scheme)
    if filled.picture and sp_pr is not None:
        blip = sp_pr.find(f"{{{A}}}blipFill/{{{A}}}blip")
        data = reader.blob(blip.get(f"{{{R}}}embed", "")) if blip is not None else None
        if data is not None:
            reader.art.append(ArtPicture(data, _bounds(at, w, h)))
    prst = sp_pr.find(f"{{{A}}}prstGeom") if sp_pr is not None else None
    cust = sp_pr.find(f"{{{A}}}custGeom") if sp_pr is not None else None
    commands: list[Command] | None = None
    if fill is not None or line is not None or filled.hatch is not None:
        if prst is not None and prst.get("prst") in PRESETS:
            commands = PRESETS[prst.get("prst", "rect")](w, h)
        elif cust is not None:
            try:
                commands = _custom(cust, w, h)
            except (ValueError, ZeroDivisionError):
                commands = None
        if commands is None:
            kind = prst.get("prst") if prst is not None else "custom geometry"
            reader.notes.append(f"a {kind} shape of the template's master or layout is not "
                                "drawn in the PDF")  # fmt: skip
        elif commands:
            shadow = _shadow(sp_pr, reader.scheme)
            if shadow is not None:  # a crisp outer shadow: the outline moved, in its colour
                color, dx, dy = shadow
                moved = _placed(x + dx, y + dy, w, h, attrs, outer)
                reader.art.append(ArtPath(_absolute(commands, moved), color))
            reader.art.append(ArtPath(_absolute(commands, at), fill, line, width, filled.hatch))
    _text(reader, sp, at, w, h)


def _absolute(commands: list[Command], at: Transform) -> tuple[Command, ...]:
    return tuple((op, tuple(v for i in range(0, len(pts), 2) for v in at(pts[i], pts[i + 1])))
                 for op, pts in commands)  # fmt: skip


def _shadow(sp_pr: etree._Element | None,
            scheme: dict[str, Color]) -> tuple[Color, float, float] | None:  # fmt: skip
    """An unblurred `a:outerShdw`: its colour and offset (EMU); None for none or a blurred
    one (left out: a soft shadow is a faint halo)."""
    found = sp_pr.find(f"{{{A}}}effectLst/{{{A}}}outerShdw") if sp_pr is not None else None
    if found is None or found.get("blurRad", "0") not in ("0", ""):
        return None
    color = _alpha(found, drawingml_color(found, scheme))
    try:
        dist = float(found.get("dist", "0"))
        angle = math.radians(int(found.get("dir", "0")) / 60000)
    except ValueError:
        return None
    if color is None or dist <= 0:
        return None
    return color, dist * math.cos(angle), dist * math.sin(angle)


def _bounds(at: Transform, w: float, h: float) -> tuple[int, int, int, int]:
    corners = [at(0, 0), at(w, 0), at(w, h), at(0, h)]
    xs, ys = [c[0] for c in corners], [c[1] for c in corners]
    return round(min(xs)), round(min(ys)), round(max(xs) - min(xs)), round(max(ys) - min(ys))


def _text(reader: _Reader, sp: etree._Element, at: Transform, w: float, h: float) -> None:
    """A shape's own text (a footer line on the master), each paragraph with its look."""
    body = sp.find(f"{{{P}}}txBody")
    if body is None:
        return
    texts = []
    looks = sample_looks(None, reader.scheme)
    for para in body.iter(f"{{{A}}}p"):
        text = "".join(SLIDE_NUMBER if _slide_number(t) else (t.text or "")
                       for t in para.iter(f"{{{A}}}t"))  # fmt: skip
        if not text.strip():
            continue
        one = sample_looks(_only(para), reader.scheme)[0]
        texts.append((text, one.over(looks[0])))
    if texts:
        anchor, insets = body_frame(sp)
        full = tuple(i if i is not None else d for i, d in zip(insets, DEFAULT_INSETS,
                                                                 strict=True))  # fmt: skip
        reader.art.append(ArtText(_bounds(at, w, h), tuple(texts), anchor,
                                  full))  # type: ignore[arg-type]


def _slide_number(t: etree._Element) -> bool:
    """Whether a text element is the text of a slide-number field (`a:fld type="slidenum"`)."""
    parent = t.getparent()
    return (parent is not None and etree.QName(parent).localname == "fld"
            and parent.get("type") == "slidenum")  # fmt: skip


def _only(para: etree._Element) -> etree._Element:
    """A text body holding only this paragraph (for `sample_looks`)."""
    holder = etree.Element(f"{{{A}}}txBody")
    holder.append(etree.fromstring(etree.tostring(para)))
    return holder


def _walk(reader: _Reader, tree: etree._Element, outer: Transform) -> None:
    for shape in tree:
        name = etree.QName(shape).localname
        if shape.find(f"./*/{{{P}}}nvPr/{{{P}}}ph") is not None:
            continue  # placeholders: the slide's own text goes there
        if name in ("sp", "cxnSp"):
            _shape(reader, shape, outer)
        elif name == "pic":
            blip = shape.find(f"{{{P}}}blipFill/{{{A}}}blip")
            sp_pr = shape.find(f"{{{P}}}spPr")
            x, y, w, h, attrs = _xfrm(sp_pr.find(f"{{{A}}}xfrm") if sp_pr is not None else None)
            data = reader.blob(blip.get(f"{{{R}}}embed", "")) if blip is not None else None
            if data is not None and w > 0 and h > 0:
                reader.art.append(ArtPicture(data, _bounds(_placed(x, y, w, h, attrs, outer),
                                                           w, h)))  # fmt: skip
        elif name == "grpSp":
            _walk(reader, shape, _group(shape, outer))
        elif name == "graphicFrame":
            reader.notes.append("a table or chart on the template's master or layout is not "
                                "drawn in the PDF")  # fmt: skip


def _group(group: etree._Element, outer: Transform) -> Transform:
    """Child coordinates of a group to slide EMU (`a:chOff`/`a:chExt` onto `a:off`/`a:ext`)."""
    xfrm = group.find(f"{{{P}}}grpSpPr/{{{A}}}xfrm")
    x, y, w, h, _attrs = _xfrm(xfrm)
    ch_off = xfrm.find(f"{{{A}}}chOff") if xfrm is not None else None
    ch_ext = xfrm.find(f"{{{A}}}chExt") if xfrm is not None else None
    try:
        cx = float(ch_off.get("x", "0")) if ch_off is not None else x
        cy = float(ch_off.get("y", "0")) if ch_off is not None else y
        cw = float(ch_ext.get("cx", "0")) if ch_ext is not None else w
        chh = float(ch_ext.get("cy", "0")) if ch_ext is not None else h
    except ValueError:
        return outer
    sx, sy = (w / cw if cw else 1.0), (h / chh if chh else 1.0)
    return lambda px, py: outer(x + (px - cx) * sx, y + (py - cy) * sy)


def read_art(
    root: etree._Element, scheme: dict[str, Color], blob: Callable[[str], bytes | None]
) -> tuple[tuple[Art, ...], tuple[str, ...]]:
    """The art of a master or layout (`root`), in drawing order, and notes on what is not
    drawn (`blob` reads a related picture by its r:id)."""
    reader = _Reader(scheme, blob)
    tree = root.find(f"{{{P}}}cSld/{{{P}}}spTree")
    if tree is not None:
        _walk(reader, tree, _identity)
    return tuple(reader.art), tuple(dict.fromkeys(reader.notes))


def read_backdrop(root: etree._Element, scheme: dict[str, Color],
                  blob: Callable[[str], bytes | None]) -> Backdrop | None:  # fmt: skip
    """The background a master or layout states (`p:bg`), None when it states none."""
    bg = root.find(f"{{{P}}}cSld/{{{P}}}bg")
    if bg is None:
        return None
    ref = bg.find(f"{{{P}}}bgRef")
    if ref is not None:
        return Backdrop(drawingml_color(ref, scheme))
    pr = bg.find(f"{{{P}}}bgPr")
    if pr is None:
        return None
    blip = pr.find(f"{{{A}}}blipFill/{{{A}}}blip")
    image = blob(blip.get(f"{{{R}}}embed", "")) if blip is not None else None
    return Backdrop(drawingml_color(pr.find(f"{{{A}}}solidFill"), scheme),
                    drawingml_gradient(pr.find(f"{{{A}}}gradFill"), scheme), image)  # fmt: skip
