"""Corporate templates: a .pptx or .potx reference deck read without python-pptx.

Input: the path of a template (.pptx or .potx). Output: a `Template`: the package bytes with a
.potx main content type rewritten to a presentation's (python-pptx refuses templates), the
slide size in EMU, the layouts (name and placeholders, in template order), the theme colours
and fonts, and the master background colour. `template_theme` turns it into a reveal `Theme`
for layout and the PDF backends (headings in the major font, body in the minor, text tx1/dk1,
background bg1/lt1 unless the master's background says otherwise, links hlink).
`choose_layout` is pandoc's choice of layout by name for a kind of slide (the
`--check-template` listing is `converter.template.check`). A file that cannot be used raises
`TemplateError`.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, TypeAlias

from lxml import etree

from converter.style.color import Color, Gradient
from converter.template.drawingml import drawingml_color, drawingml_gradient

__all__ = [
    "KIND_LAYOUTS",
    "LayoutInfo",
    "Placeholder",
    "SlideKind",
    "Template",
    "TemplateError",
    "choose_layout",
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

SlideKind: TypeAlias = Literal[
    "title", "section", "content", "two", "comparison", "caption", "title-only", "blank"
]

# pandoc's layout names per kind of slide, then the built-in equivalent when it is missing
KIND_LAYOUTS: dict[SlideKind, tuple[str, ...]] = {
    "title": ("Title Slide", "Title Only"),
    "section": ("Section Header", "Title Only"),
    "content": ("Title and Content", "Title Only"),
    "two": ("Two Content", "Title and Content", "Title Only"),
    "comparison": ("Comparison", "Two Content", "Title and Content", "Title Only"),
    "caption": ("Content with Caption", "Title and Content", "Title Only"),
    "title-only": ("Title Only", "Title and Content"),
    "blank": ("Blank",),
}


class TemplateError(Exception):
    """The template cannot be used (not a presentation, a broken zip, ...)."""


@dataclass(frozen=True)
class Placeholder:
    type: str  # title, ctrTitle, body, subTitle, obj (no type given), pic, tbl, dt, ftr, sldNum...
    idx: int
    name: str
    box: tuple[int, int, int, int] | None  # x, y, cx, cy in EMU when the layout sets them


@dataclass(frozen=True)
class LayoutInfo:
    name: str
    placeholders: tuple[Placeholder, ...]

    def find(self, *types: str) -> Placeholder | None:
        """The first placeholder of one of `types` (in the order given)."""
        for kind in types:
            for ph in self.placeholders:
                if ph.type == kind:
                    return ph
        return None


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

    def layout(self, name: str) -> LayoutInfo | None:
        """The layout called `name`, case-insensitive."""
        wanted = name.strip().lower()
        return next((lay for lay in self.layouts if lay.name.lower() == wanted), None)


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


def _placeholders(root: etree._Element) -> tuple[Placeholder, ...]:
    found: list[Placeholder] = []
    tree = root.find(f"{{{P}}}cSld/{{{P}}}spTree")
    if tree is None:
        return ()
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
        found.append(
            Placeholder(
                ph.get("type", "obj"), idx, cnv.get("name", "") if cnv is not None else "", box
            )
        )
    return tuple(found)


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
    masters = [
        rels[m.get(f"{{{R}}}id", "")]
        for m in pres.iter(f"{{{P}}}sldMasterId")
        if m.get(f"{{{R}}}id", "") in rels
    ]
    if not masters:
        raise TemplateError("it has no slide master")
    slide_count = sum(1 for _ in pres.iter(f"{{{P}}}sldId"))
    master = masters[0]
    master_rels = _rels(zf, master)
    colors: dict[str, Color] = {}
    major = minor = None
    theme_part = next((t for t in master_rels.values() if "/theme/" in f"/{t}"), None)
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
    master_root = _xml(zf, master)
    background = None
    bg_pr = master_root.find(f"{{{P}}}cSld/{{{P}}}bg/{{{P}}}bgPr")
    gradient = None
    if bg_pr is not None:
        background = drawingml_color(bg_pr.find(f"{{{A}}}solidFill"), colors)
        gradient = drawingml_gradient(bg_pr.find(f"{{{A}}}gradFill"), colors)
    bg_ref = master_root.find(f"{{{P}}}cSld/{{{P}}}bg/{{{P}}}bgRef")
    if bg_ref is not None:
        background = drawingml_color(bg_ref, colors)
    layouts: list[LayoutInfo] = []
    for master_part in masters:
        ids = _xml(zf, master_part) if master_part != master else master_root
        m_rels = _rels(zf, master_part)
        for lay in ids.iter(f"{{{P}}}sldLayoutId"):
            part = m_rels.get(lay.get(f"{{{R}}}id", ""))
            if part is None:
                continue
            root = _xml(zf, part)
            c_sld = root.find(f"{{{P}}}cSld")
            name = c_sld.get("name", "") if c_sld is not None else ""
            layouts.append(LayoutInfo(name, _placeholders(root)))
    area = _content_area(tuple(layouts), _placeholders(master_root))
    art, bg_image = _master_pictures(zf, master, master_root)
    return Template(
        path,
        data,
        width,
        height,
        tuple(layouts),
        colors,
        major,
        minor,
        background,
        slide_count,
        area,
        art,
        bg_image,
        gradient,
    )


def _master_pictures(
    zf: zipfile.ZipFile, master: str, root: etree._Element
) -> tuple[tuple[tuple[bytes, tuple[int, int, int, int]], ...], bytes | None]:
    """The master's pictures that are not placeholders (logos, art) and its background
    picture, as image bytes (parts that are missing or not images are skipped)."""
    rels = _rels(zf, master)

    def blob(blip: etree._Element | None) -> bytes | None:
        if blip is None:
            return None
        part = rels.get(blip.get(f"{{{R}}}embed", ""))
        if part is None or part not in zf.namelist():
            return None
        return zf.read(part)

    art: list[tuple[bytes, tuple[int, int, int, int]]] = []
    tree = root.find(f"{{{P}}}cSld/{{{P}}}spTree")
    for pic in tree.iter(f"{{{P}}}pic") if tree is not None else ():
        if pic.find(f".//{{{P}}}nvPr/{{{P}}}ph") is not None:
            continue
        data = blob(pic.find(f"{{{P}}}blipFill/{{{A}}}blip"))
        box = _box(pic.find(f"{{{P}}}spPr/{{{A}}}xfrm"))
        if data is None or box is None:
            continue
        art.append((data, box))
    background = blob(root.find(f"{{{P}}}cSld/{{{P}}}bg/{{{P}}}bgPr/{{{A}}}blipFill/{{{A}}}blip"))
    return tuple(art), background


def _content_area(
    layouts: tuple[LayoutInfo, ...], master: tuple[Placeholder, ...]
) -> tuple[int, int, int, int] | None:
    """The box around the title and body of "Title and Content" (or of the first layout with
    both), their geometry inherited from the master where the layout sets none."""
    wanted = [lay for lay in layouts if lay.name.lower() == "title and content"] + list(layouts)
    for lay in wanted:
        title = lay.find("title", "ctrTitle")
        body = lay.find("obj", "body")
        if title is None or body is None:
            continue
        boxes = []
        for ph, kinds in ((title, ("title",)), (body, ("body", "obj"))):
            box = ph.box
            if box is None:
                inherited = next((m for m in master if m.type in kinds and m.box), None)
                box = inherited.box if inherited is not None else None
            if box is None or box[2] <= 0 or box[3] <= 0:
                break
            boxes.append(box)
        else:
            left = min(b[0] for b in boxes)
            top = min(b[1] for b in boxes)
            right = max(b[0] + b[2] for b in boxes)
            bottom = max(b[1] + b[3] for b in boxes)
            return left, top, right - left, bottom - top
    return None


def choose_layout(
    template: Template, kind: SlideKind, override: str | None = None
) -> tuple[LayoutInfo | None, list[str]]:
    """The layout a slide of `kind` uses (the override first, case-insensitive) and warnings
    (an unknown override, a missing layout and its built-in replacement). None: no layout
    fits, the template's first layout is used by the caller."""
    warnings: list[str] = []
    if override:
        found = template.layout(override)
        if found is not None:
            return found, warnings
        warnings.append(
            f"the template has no layout {override!r} (data-layout); "
            "choosing one by the slide's content"
        )
    names = KIND_LAYOUTS[kind]
    for i, name in enumerate(names):
        found = template.layout(name)
        if found is not None:
            if i:
                warnings.append(f"the template has no layout {names[0]!r}; using {found.name!r}")
            return found, warnings
    warnings.append(f"the template has no layout {names[0]!r}; using its first layout")
    return (template.layouts[0] if template.layouts else None), warnings
