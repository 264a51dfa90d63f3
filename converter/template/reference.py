"""Corporate templates: a .pptx or .potx reference deck read without python-pptx.

Input: the path of a template (.pptx or .potx). Output: a `Template`: the package bytes with a
.potx main content type rewritten to a presentation's (python-pptx refuses templates), the
slide size in EMU, the masters and layouts (name, type, placeholders with the positions they
inherit, what kind of slide each suits: `converter.template.kinds`, in template order), which
master the title slide and the other slides use, the theme colours and fonts, and the content
master's background and pictures. `template_theme` turns it into a reveal `Theme`
for layout and the PDF backends (headings in the major font, body in the minor, text tx1/dk1,
background bg1/lt1 unless the master's background says otherwise, links hlink).
`converter.template.choice.layout_choice` picks the layout for a kind of slide and says why
(the `--check-template` listing is `converter.template.check`). A file that cannot be used
raises `TemplateError`.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TypeAlias

from lxml import etree

from converter.style.color import Color, Gradient
from converter.template.art import Art, Backdrop, read_art, read_backdrop
from converter.template.drawingml import drawingml_color
from converter.template.kinds import Placeholder, SlideKind, classify
from converter.template.styles import (
    DEFAULT_INSETS,
    Looks,
    TextLook,
    body_frame,
    level_looks,
    merge_looks,
    sample_looks,
)

__all__ = [
    "LayoutInfo",
    "MasterInfo",
    "Placeholder",
    "SlideKind",
    "Template",
    "TemplateError",
    "load_template",
]

P = "http://schemas.openxmlformats.org/presentationml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_R = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
_PML = "application/vnd.openxmlformats-officedocument.presentationml"
PRESENTATION_CT = f"{_PML}.presentation.main+xml"
TEMPLATE_CT = f"{_PML}.template.main+xml"
SLIDESHOW_CT = f"{_PML}.slideshow.main+xml"
MAX_TEMPLATE_BYTES = 200 * 1024 * 1024
MAX_UNPACKED_BYTES = 500 * 1024 * 1024  # a zip bomb is refused before anything is read

Box: TypeAlias = tuple[int, int, int, int]


class TemplateError(Exception):
    """The template cannot be used (not a presentation, a broken zip, ...)."""


@dataclass(frozen=True)
class LayoutInfo:
    name: str
    placeholders: tuple[Placeholder, ...]
    type: str = "cust"  # the layout's ST_SlideLayoutType
    master: int = 0  # the master it belongs to (its position in the template)
    index: int = 0  # its position among that master's layouts
    kind: SlideKind | None = None  # the kind of slide it suits (`converter.template.kinds`)
    reason: str = ""  # why: its type, its name or its placeholders
    show_master: bool = True  # False: showMasterSp="0", the master's shapes are hidden
    graphics: tuple[Box, ...] = ()  # its own shapes that are not placeholders
    art: tuple[Art, ...] = ()  # those shapes as drawing data (`converter.template.art`)
    backdrop: Backdrop | None = None  # its own background, if it states one
    # the placeholders the template's first own slide on this layout places itself (the
    # positions its author meant: LibreOffice's title slides move the subtitle)
    sample: tuple[Placeholder, ...] = ()

    def sample_box(self, ph: Placeholder) -> tuple[int, int, int, int] | None:
        """Where the template's own slide puts this placeholder, else its layout box."""
        found = next((s for s in self.sample if s.type == ph.type), None)
        return found.box if found is not None else ph.box

    def find(self, *types: str) -> Placeholder | None:
        """The first placeholder of one of `types` (in the order given)."""
        for kind in types:
            for ph in self.placeholders:
                if ph.type == kind:
                    return ph
        return None


@dataclass(frozen=True)
class MasterInfo:
    part: str
    placeholders: tuple[Placeholder, ...]
    graphics: tuple[Box, ...]  # boxes of its shapes that are not placeholders (art, lines...)
    samples: int = 0  # how many of the template's own slides use it
    # its text styles (title, body, other) read from its sample text when it has no
    # `p:txStyles` (LibreOffice): the output's master gets them; None when it has its own
    text_styles: tuple[Looks, Looks, Looks] | None = None
    art: tuple[Art, ...] = ()  # its shapes that are not placeholders, as drawing data
    backdrop: Backdrop | None = None  # its background
    art_notes: tuple[str, ...] = ()  # what of its (or its layouts') art the PDF cannot draw


@dataclass(frozen=True)
class Template:
    path: Path
    data: bytes  # the package, as a .pptx (a .potx main content type rewritten)
    width: int  # EMU
    height: int
    layouts: tuple[LayoutInfo, ...]
    colors: dict[str, Color]  # dk1, lt1, dk2, lt2, accent1..6, hlink, folHlink
    major_font: str | None
    minor_font: str | None
    master_background: Color | None
    slide_count: int
    # where "Title and Content" puts its title and body (x, y, cx, cy in EMU): layout fits
    # each slide's content into it, clear of the master's logos and footers
    content_area: tuple[int, int, int, int] | None = None
    # the master's pictures (logos) as (image bytes, (x, y, cx, cy) EMU), for the PDF backends
    master_art: tuple[tuple[bytes, tuple[int, int, int, int]], ...] = ()
    master_background_image: bytes | None = None  # a picture background of the master
    master_gradient: Gradient | None = None  # a gradient background of the master
    masters: tuple[MasterInfo, ...] = ()
    title_master: int = 0  # the master of the title slide (index into `masters`)
    content_master: int = 0  # the master of every other slide
    master_reasons: tuple[str, str] = ("", "")  # why those two were chosen

    def art_of(self, layout: LayoutInfo) -> tuple[Backdrop | None, tuple[Art, ...]]:
        """What shows under a slide on `layout`: its background (the layout's, else its
        master's) and its master's art (unless the layout hides it) under its own."""
        master = self.masters[layout.master] if layout.master < len(self.masters) else None
        art = master.art if master is not None and layout.show_master else ()
        backdrop = layout.backdrop or (master.backdrop if master is not None else None)
        return backdrop, art + layout.art

    def layout(self, name: str, master: int | None = None) -> LayoutInfo | None:
        """The layout called `name`, case-insensitive (on `master` first, when given)."""
        wanted = name.strip().casefold()
        found = [lay for lay in self.layouts if lay.name.strip().casefold() == wanted]
        preferred = [lay for lay in found if lay.master == master]
        return (preferred or found)[0] if found else None


def _xml(zf: zipfile.ZipFile, name: str) -> etree._Element:
    try:
        return etree.fromstring(zf.read(name), parser=etree.XMLParser(resolve_entities=False))
    except KeyError:
        raise TemplateError(f"the part {name} is missing") from None
    except etree.XMLSyntaxError as exc:
        raise TemplateError(f"the part {name} is not XML: {exc}") from None


def _rels(zf: zipfile.ZipFile, part: str) -> dict[str, str]:
    """rId -> target part name (absolute, without the leading slash) of `part`."""
    folder, _, base = part.rpartition("/")
    name = f"{folder}/_rels/{base}.rels"
    if name not in zf.namelist():
        return {}
    out: dict[str, str] = {}
    for rel in _xml(zf, name).iter(f"{{{PKG_R}}}Relationship"):
        if rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target", "")
        parts = (target.lstrip("/") if target.startswith("/") else f"{folder}/{target}").split("/")
        resolved: list[str] = []
        for piece in parts:
            if piece == "..":
                if resolved:
                    resolved.pop()
            elif piece not in ("", "."):
                resolved.append(piece)
        out[rel.get("Id", "")] = "/".join(resolved)
    return out


def _patched(zf: zipfile.ZipFile) -> tuple[bytes, str]:
    """The package with its main part typed as a presentation, and the main part's name."""
    types = _xml(zf, "[Content_Types].xml")
    main = None
    for override in types.iter(f"{{{CT}}}Override"):
        if override.get("ContentType") in (PRESENTATION_CT, TEMPLATE_CT, SLIDESHOW_CT):
            override.set("ContentType", PRESENTATION_CT)
            main = override.get("PartName", "").lstrip("/")
    if main is None:
        raise TemplateError("it is not a presentation (no presentation or template main part)")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in zf.infolist():
            if info.filename == "[Content_Types].xml":
                dst.writestr(
                    info.filename,
                    etree.tostring(types, xml_declaration=True, encoding="UTF-8", standalone=True),
                )
            else:  # a fresh ZipInfo: writing updates it, and `zf` still reads by it
                dst.writestr(
                    zipfile.ZipInfo(info.filename, info.date_time),
                    zf.read(info.filename),
                    zipfile.ZIP_DEFLATED,
                )
    return out.getvalue(), main


def _box(xfrm: etree._Element | None) -> tuple[int, int, int, int] | None:
    """(x, y, cx, cy) in EMU of an `a:xfrm`, or None when it is missing or malformed."""
    if xfrm is None:
        return None
    off, ext = xfrm.find(f"{{{A}}}off"), xfrm.find(f"{{{A}}}ext")
    if off is None or ext is None:
        return None
    try:
        return (
            int(off.get("x", "0")),
            int(off.get("y", "0")),
            int(ext.get("cx", "0")),
            int(ext.get("cy", "0")),
        )
    except ValueError:
        return None


# the master placeholder a layout placeholder of this type inherits its position from
_MASTER_PH = {"ctrTitle": "title", "title": "title", "dt": "dt", "ftr": "ftr", "sldNum": "sldNum"}


def _inherited(ph_type: str, master: tuple[Placeholder, ...]) -> Box | None:
    wanted = _MASTER_PH.get(ph_type, "body")
    found = next((m for m in master if m.type == wanted and m.box), None)
    return found.box if found is not None else None


def _role(ph_type: str) -> int:
    """Which text style a placeholder type takes: 0 title, 1 body, 2 other."""
    if ph_type in ("title", "ctrTitle"):
        return 0
    return 2 if ph_type in ("dt", "ftr", "sldNum", "hdr") else 1


def _placeholders(
    root: etree._Element,
    master: tuple[Placeholder, ...] = (),
    styles: tuple[Looks, Looks, Looks] | None = None,
    scheme: dict[str, Color] | None = None,
    samples: bool = False,
) -> tuple[Placeholder, ...]:
    """The placeholders of a master (with its text `styles`) or of a layout (with its
    `master`'s placeholders): a layout's without a box of their own placed where the master's
    placeholder of their type is, each with its text looks, anchor and insets inherited.
    With `samples` (a master without `p:txStyles`: LibreOffice's, and its layouts), a master
    placeholder also looks as its own sample text does, as LibreOffice shows it (the date
    left, the number right, though both take the "other" style), and a layout's is aligned as
    its sample text is (Midnightblue's centred titles)."""
    found: list[Placeholder] = []
    tree = root.find(f"{{{P}}}cSld/{{{P}}}spTree")
    if tree is None:
        return ()
    colors = scheme or {}
    for shape in tree:
        ph = shape.find(f".//{{{P}}}nvPr/{{{P}}}ph")
        if ph is None:
            continue
        cnv = shape.find(f".//{{{P}}}cNvPr")
        box = _box(shape.find(f".//{{{A}}}xfrm"))
        try:
            idx = int(ph.get("idx", "0"))
        except ValueError:
            idx = 0
        ph_type = ph.get("type", "obj")
        own = box is not None
        if box is None:
            box = _inherited(ph_type, master)
        name = cnv.get("name", "") if cnv is not None else ""
        lst = level_looks(shape.find(f"{{{P}}}txBody/{{{A}}}lstStyle"), colors)
        anchor, insets = body_frame(shape)
        parent = _parent(ph_type, master)
        own_text = (sample_looks(shape.find(f"{{{P}}}txBody"), colors) if samples
                    else level_looks(None, colors))  # fmt: skip
        if parent is not None:  # a layout's: over its master placeholder's (LibreOffice
            # aligns a layout's placeholder as its sample text does; the rest is the master's)
            aligned = tuple(TextLook(align=look.align) for look in own_text)
            looks = merge_looks(parent.looks, aligned, lst)
            anchor = anchor or parent.anchor
            insets = tuple(i if i is not None else p
                           for i, p in zip(insets, parent.insets, strict=True))  # type: ignore[assignment]
        else:
            looks = merge_looks(styles[_role(ph_type)], own_text, lst) if styles else lst
        full = tuple(i if i is not None else d for i, d in zip(insets, DEFAULT_INSETS, strict=True))
        found.append(Placeholder(ph_type, idx, name, box, own, looks, anchor,
                                 full))  # type: ignore[arg-type]
    return tuple(found)


def _parent(ph_type: str, master: tuple[Placeholder, ...]) -> Placeholder | None:
    wanted = _MASTER_PH.get(ph_type, "body")
    return next((m for m in master if m.type == wanted), None)


def _master_styles(
    root: etree._Element, scheme: dict[str, Color]
) -> tuple[tuple[Looks, Looks, Looks], bool]:
    """A master's title, body and other text styles, and whether it states them itself
    (`p:txStyles`); else they are read from its placeholders' sample text (LibreOffice)."""
    tx = root.find(f"{{{P}}}txStyles")
    if tx is not None:
        return (level_looks(tx.find(f"{{{P}}}titleStyle"), scheme),
                level_looks(tx.find(f"{{{P}}}bodyStyle"), scheme),
                level_looks(tx.find(f"{{{P}}}otherStyle"), scheme)), True  # fmt: skip
    tree = root.find(f"{{{P}}}cSld/{{{P}}}spTree")
    samples: dict[int, Looks] = {}
    for shape in tree if tree is not None else ():
        ph = shape.find(f".//{{{P}}}nvPr/{{{P}}}ph")
        if ph is None:
            continue
        role = _role(ph.get("type", "obj"))
        if role in samples or (role == 2 and ph.get("type") != "sldNum"):
            continue
        samples[role] = sample_looks(shape.find(f"{{{P}}}txBody"), scheme)
    empty = level_looks(None, scheme)
    # the "other" style from the slide number's sample, but not its alignment: that is the
    # number's own (LibreOffice sets the date left on the same master)
    other = tuple(replace(look, align=None) for look in samples.get(2, empty))
    return (samples.get(0, empty), samples.get(1, empty), other), False


def _graphics(root: etree._Element) -> tuple[Box, ...]:
    """The boxes of the shapes of a master or layout that are not placeholders."""
    tree = root.find(f"{{{P}}}cSld/{{{P}}}spTree")
    boxes: list[Box] = []
    for shape in tree if tree is not None else ():
        if etree.QName(shape).localname not in ("sp", "pic", "grpSp", "cxnSp", "graphicFrame"):
            continue
        if shape.find(f".//{{{P}}}nvPr/{{{P}}}ph") is not None:
            continue
        box = _box(shape.find(f".//{{{A}}}xfrm"))
        if box is not None and box[2] > 0 and box[3] > 0:
            boxes.append(box)
    return tuple(boxes)


def load_template(path: Path) -> Template:
    """Read the template at `path`; `TemplateError` when it cannot be used."""
    try:
        size = path.stat().st_size
        if size > MAX_TEMPLATE_BYTES:
            raise TemplateError(f"it is larger than {MAX_TEMPLATE_BYTES // 2**20} MB")
        with zipfile.ZipFile(path) as zf:
            if sum(info.file_size for info in zf.infolist()) > MAX_UNPACKED_BYTES:
                raise TemplateError(f"it unpacks to more than {MAX_UNPACKED_BYTES // 2**20} MB")
            return _read(path, zf)
    except TemplateError as exc:
        raise TemplateError(f"cannot use the template {path}: {exc}") from None
    except (OSError, zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, KeyError) as exc:
        raise TemplateError(
            f"cannot use the template {path}: not a .pptx or .potx ({exc})"
        ) from None


def _read(path: Path, zf: zipfile.ZipFile) -> Template:
    data, main = _patched(zf)
    pres = _xml(zf, main)
    rels = _rels(zf, main)
    sld_sz = pres.find(f"{{{P}}}sldSz")
    width = int(sld_sz.get("cx", "9144000")) if sld_sz is not None else 9144000
    height = int(sld_sz.get("cy", "6858000")) if sld_sz is not None else 6858000
    master_parts = [
        rels[m.get(f"{{{R}}}id", "")]
        for m in pres.iter(f"{{{P}}}sldMasterId")
        if m.get(f"{{{R}}}id", "") in rels
    ]
    if not master_parts:
        raise TemplateError("it has no slide master")
    slide_parts = [
        rels[s.get(f"{{{R}}}id", "")]
        for s in pres.iter(f"{{{P}}}sldId")
        if s.get(f"{{{R}}}id", "") in rels
    ]
    slide_count = sum(1 for _ in pres.iter(f"{{{P}}}sldId"))
    layouts: list[LayoutInfo] = []
    layout_of_part: dict[str, LayoutInfo] = {}
    master_roots: list[etree._Element] = []
    master_phs: list[tuple[Placeholder, ...]] = []
    master_styles: list[tuple[Looks, Looks, Looks] | None] = []
    themes = [_theme(zf, part) for part in master_parts]
    master_art: list[tuple[tuple[Art, ...], Backdrop | None]] = []
    art_notes: list[tuple[str, ...]] = []
    for m, master_part in enumerate(master_parts):
        root = _xml(zf, master_part)
        master_roots.append(root)
        styles, stated = _master_styles(root, themes[m][0])
        master_styles.append(None if stated else styles)
        phs = _placeholders(root, (), styles, themes[m][0], samples=not stated)
        master_phs.append(phs)
        blob = _blobs(zf, master_part)
        art, notes = read_art(root, themes[m][0], blob)
        master_art.append((art, read_backdrop(root, themes[m][0], blob)))
        art_notes.append(notes)
        m_rels = _rels(zf, master_part)
        for j, lay in enumerate(root.iter(f"{{{P}}}sldLayoutId")):
            part = m_rels.get(lay.get(f"{{{R}}}id", ""))
            if part is None:
                continue
            lay_root = _xml(zf, part)
            c_sld = lay_root.find(f"{{{P}}}cSld")
            name = c_sld.get("name", "") if c_sld is not None else ""
            lay_phs = _placeholders(lay_root, phs, None, themes[m][0], samples=not stated)
            lay_type = lay_root.get("type", "cust")
            kind, reason = classify(lay_type, lay_phs, name)
            blob = _blobs(zf, part)
            lay_art, notes = read_art(lay_root, themes[m][0], blob)
            art_notes[m] += notes
            info = LayoutInfo(name, lay_phs, lay_type, m, j, kind, reason,
                              lay_root.get("showMasterSp", "1") not in ("0", "false"),
                              _graphics(lay_root), lay_art,
                              read_backdrop(lay_root, themes[m][0], blob))  # fmt: skip
            layouts.append(info)
            layout_of_part[part] = info
    samples = [layout_of_part.get(_slide_layout(zf, part)) for part in slide_parts]
    for part, sample in zip(slide_parts, samples, strict=True):
        if sample is not None and not sample.sample and part in zf.namelist():
            boxes = tuple(ph for ph in _placeholders(_xml(zf, part)) if ph.box is not None)
            done = replace(sample, sample=boxes)
            layouts[layouts.index(sample)] = done
            samples = [done if s is sample else s for s in samples]
    masters = tuple(
        MasterInfo(part, master_phs[m], _graphics(master_roots[m]),
                   sum(1 for lay in samples if lay is not None and lay.master == m),
                   master_styles[m], master_art[m][0], master_art[m][1],
                   tuple(dict.fromkeys(art_notes[m])))
        for m, part in enumerate(master_parts)
    )  # fmt: skip
    content, title, reasons = _choose_masters(masters, tuple(layouts), samples)
    colors, major, minor = themes[content]
    backdrop = masters[content].backdrop or Backdrop()
    area = _content_area(tuple(layouts), content)
    pictures = _master_pictures(master_roots[content], _blobs(zf, master_parts[content]))
    return Template(
        path,
        data,
        width,
        height,
        tuple(layouts),
        colors,
        major,
        minor,
        backdrop.color,
        slide_count,
        area,
        pictures,
        backdrop.image,
        backdrop.gradient,
        masters,
        title,
        content,
        reasons,
    )


def _blobs(zf: zipfile.ZipFile, part: str) -> Callable[[str], bytes | None]:
    """Reads the parts `part` relates to by their r:id (None: missing)."""
    rels = _rels(zf, part)

    def blob(rid: str) -> bytes | None:
        target = rels.get(rid)
        if target is None or target not in zf.namelist():
            return None
        return zf.read(target)

    return blob


def _theme(zf: zipfile.ZipFile, master: str) -> tuple[dict[str, Color], str | None, str | None]:
    """A master's theme: its colour scheme, major (headings) and minor (body) fonts."""
    colors: dict[str, Color] = {}
    major = minor = None
    theme_part = next((t for t in _rels(zf, master).values() if "/theme/" in f"/{t}"), None)
    if theme_part is not None:
        theme = _xml(zf, theme_part)
        scheme = theme.find(f".//{{{A}}}clrScheme")
        for child in scheme if scheme is not None else ():
            color = drawingml_color(child, {})
            if color is not None:
                colors[etree.QName(child).localname] = color
        major_el = theme.find(f".//{{{A}}}majorFont/{{{A}}}latin")
        minor_el = theme.find(f".//{{{A}}}minorFont/{{{A}}}latin")
        major = (major_el.get("typeface") or None) if major_el is not None else None
        minor = (minor_el.get("typeface") or None) if minor_el is not None else None
    return colors, major, minor


def _slide_layout(zf: zipfile.ZipFile, slide: str) -> str:
    """The layout part a slide of the template uses ("" when it names none)."""
    if slide not in zf.namelist():
        return ""
    return next((t for t in _rels(zf, slide).values() if "/slideLayouts/" in f"/{t}"), "")


def _overlap(a: Box, b: Box) -> int:
    w = min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0])
    h = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0


def on_art(template: Template, lay: LayoutInfo, box: Box) -> bool:
    """Whether `box` (EMU) overlaps a graphic of the layout or of its master (when the layout
    shows the master's): text there is seen against the template's art."""
    master = template.masters[lay.master] if lay.master < len(template.masters) else None
    graphics = lay.graphics + (master.graphics if master is not None and lay.show_master else ())
    return any(_overlap(box, g) for g in graphics)


def _clear_area(master: MasterInfo, layouts: tuple[LayoutInfo, ...], m: int) -> int:
    """The area (EMU²) of the content placeholder of master `m`'s title-and-content layout that
    no master or layout graphic covers (by their boxes); -1 without such a layout."""
    lay = next((lay for lay in layouts if lay.master == m and lay.kind == "content"), None)
    body = lay.find("obj", "body") if lay is not None else None
    if lay is None or body is None or body.box is None:
        return -1
    graphics = lay.graphics + (master.graphics if lay.show_master else ())
    covered = sum(_overlap(body.box, g) for g in graphics)
    return max(0, body.box[2] * body.box[3] - covered)


def _choose_masters(
    masters: tuple[MasterInfo, ...],
    layouts: tuple[LayoutInfo, ...],
    samples: list[LayoutInfo | None],
) -> tuple[int, int, tuple[str, str]]:
    """(content master, title master, why each): the masters the template's own slides use
    for content (else all), the one whose content area is most clear of master graphics; the
    title master is the one the template's title slide uses, else the content master."""
    if len(masters) == 1:
        return 0, 0, ("the only master", "the only master")
    used = [lay.master for lay in samples if lay is not None and lay.kind not in ("title", None)]
    candidates = sorted(set(used)) or list(range(len(masters)))
    clear = {m: _clear_area(masters[m], layouts, m) for m in candidates}
    content = max(candidates, key=lambda m: (clear[m], used.count(m), -m))
    why = "used by the template's own content slides" if used else "of all masters"
    content_reason = (
        f"{why}, the one whose content area is most clear of master graphics"
        if len(candidates) > 1 else why
    )  # fmt: skip
    titles = [lay.master for lay in samples if lay is not None and lay.kind == "title"]
    if titles:
        title = max(set(titles), key=lambda m: (titles.count(m), -m))
        title_reason = "used by the template's own title slide"
    else:
        title, title_reason = content, "the content master (no sample title slide)"
    return content, title, (content_reason, title_reason)


def _master_pictures(
    root: etree._Element, blob: Callable[[str], bytes | None]
) -> tuple[tuple[bytes, tuple[int, int, int, int]], ...]:
    """The master's pictures that are not placeholders (logos, art), as image bytes (`blob`
    reads a related part by its r:id; parts that are missing are skipped)."""
    art: list[tuple[bytes, tuple[int, int, int, int]]] = []
    tree = root.find(f"{{{P}}}cSld/{{{P}}}spTree")
    for pic in tree.iter(f"{{{P}}}pic") if tree is not None else ():
        if pic.find(f".//{{{P}}}nvPr/{{{P}}}ph") is not None:
            continue
        blip = pic.find(f"{{{P}}}blipFill/{{{A}}}blip")
        data = blob(blip.get(f"{{{R}}}embed", "")) if blip is not None else None
        box = _box(pic.find(f"{{{P}}}spPr/{{{A}}}xfrm"))
        if data is None or box is None:
            continue
        art.append((data, box))
    return tuple(art)


def _content_area(layouts: tuple[LayoutInfo, ...], master: int) -> Box | None:
    """The box around the title and body of the content master's title-and-content layout
    (else of the first layout with both), positions inherited from the master."""
    wanted = [lay for lay in layouts if lay.master == master and lay.kind == "content"]
    wanted += [lay for lay in layouts if lay.master == master] + list(layouts)
    for lay in wanted:
        title = lay.find("title", "ctrTitle")
        body = lay.find("obj", "body")
        if title is None or body is None:
            continue
        boxes = [ph.box for ph in (title, body)]
        if any(box is None or box[2] <= 0 or box[3] <= 0 for box in boxes):
            continue
        known = [box for box in boxes if box is not None]
        left = min(b[0] for b in known)
        top = min(b[1] for b in known)
        right = max(b[0] + b[2] for b in known)
        bottom = max(b[1] + b[3] for b in known)
        return left, top, right - left, bottom - top
    return None
