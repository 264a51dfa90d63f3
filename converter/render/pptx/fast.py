"""Linear-time part, image, relationship and slide-id allocation for python-pptx 1.0.2.

Input: nothing (``install()`` patches python-pptx classes in place).
Output: every ``Presentation`` built afterwards allocates part names, image parts, relationship
ids and slide ids in O(1) amortised time instead of scanning the whole package, so building an
N-slide deck costs O(N) instead of O(N²) (TECH-NOTES §3; python-pptx issue #644, PR #646).

Patched private APIs of python-pptx **1.0.2** (pinned in pyproject: ``python-pptx==1.0.2``):

``pptx.opc.package.OpcPackage.next_partname``
    Walks the whole relationship graph (``iter_parts``) on every call: once per notes slide, chart,
    theme... Patched: one walk per partname template, then a cached set of used names and counter.
``pptx.package.Package.next_image_partname``
    Walks all parts for every new image. Patched: cached highest ``/ppt/media/imageN`` index.
``pptx.package._ImageParts.get_or_add_image_part``
    ``_find_by_sha1`` walks all image relationships (and ``__iter__`` dedupes with a list) for
    every picture. Patched: a ``{sha1: ImagePart}`` dict per package, built once.
``pptx.opc.package._Relationships._get_matching`` / ``_add_relationship`` / ``_next_rId``
    ``_get_matching`` rebuilds ``_rels_by_reltype`` (all relationships of the part) on each call,
    which is O(N) for the presentation part on every ``add_slide``. Patched: an index
    ``{(reltype, target, is_external): rId}`` per ``_Relationships``, kept up to date by
    ``_add_relationship`` and rebuilt whenever the relationship count changes any other way
    (``pop``). ``_next_rId`` counts up from a cached hint instead of down from ``len + 1``.
``pptx.oxml.presentation.CT_SlideIdList._next_id``
    Runs an XPath over every ``p:sldId`` per added slide. Patched: cached ``(count, max id)``
    stored on the element proxy, validated against ``len(sldIdLst)`` and recomputed on mismatch.
``pptx.shapes.shapetree.SlideShapes.clone_layout_placeholders`` and
``pptx.slide.NotesSlide.clone_master_placeholders``
    Not quadratic, but the largest constant cost per slide (about half the build time): each
    new slide and notes slide re-derives its placeholders from the layout / notes master with
    dozens of XPath queries. Patched: the placeholders cloned into the first fresh slide are
    kept on the layout (notes master) part and deep-copied into later fresh slides; the result
    is byte-identical (tested). Dropped when the source's spTree changes size.

Measured (title + 5 bullets + notes per slide, a JPEG every 5th and a distinct PNG every 10th
slide; build + save, 2-core shared VM): 200 slides 1.1-1.5 s -> 0.37-0.52 s, 1000 slides
14-17 s -> 1.4-2.0 s. Still O(N) per call and not patched: ``slide.slide_id`` /
``PresentationPart.slide_id`` (scans ``p:sldIdLst``; map ids once instead, as
``pptx_xml.set_sections`` does) and ``Package.next_media_partname`` (video).

Validity: the caches assume a ``Presentation`` only ever ADDS parts, relationships and slides
between calls (and that layouts and the notes master are not edited after slides are made from
them), which is how md2pptx uses python-pptx. Deleting parts or slides through python-pptx
only leaves gaps (freed part names, rIds and slide ids are not reused; gaps are legal OPC and
python-pptx renumbers slide parts itself). A clash is possible only with names, rIds or slide
ids created behind these methods' backs (hand-edited ``_rels`` dicts or ``p:sldId`` elements).
Hits in the relationship index are re-checked against the live relationship, and counts are
re-checked before a cached value is trusted.

``install()`` is idempotent; ``uninstall()`` restores the originals (for benchmarks and tests).
On any other python-pptx version ``install()`` warns and patches nothing (output stays correct,
only slower).
"""

from __future__ import annotations

import copy
import warnings
from typing import Any

import pptx
from pptx.opc.package import OpcPackage, _Relationships
from pptx.opc.packuri import PackURI
from pptx.oxml.presentation import CT_SlideIdList
from pptx.package import Package, _ImageParts
from pptx.parts.image import Image as _PptxImage
from pptx.parts.image import ImagePart
from pptx.shapes.shapetree import SlideShapes
from pptx.slide import NotesSlide

__all__ = ["SUPPORTED_VERSION", "install", "installed", "uninstall"]

SUPPORTED_VERSION = "1.0.2"

_PARTNAMES = "_md2pptx_partnames"  # on a Package: {template: [next n, set of used names]}
_IMAGE_IDX = "_md2pptx_image_idx"  # on a Package: [highest image index handed out]
_BY_SHA1 = "_md2pptx_by_sha1"  # on a Package: {sha1: ImagePart}
_REL_INDEX = "_md2pptx_rel_index"  # on a _Relationships: [dict store, count, {key: rId}]
_RID_HINT = "_md2pptx_rid_hint"  # on a _Relationships: lowest rId number worth trying
_SLD_ID = "_md2pptx_sld_id"  # on a CT_SlideIdList proxy: (expected count, max id)
_PH_CLONES = "_md2pptx_ph_clones"  # on a layout / notes-master part: (its spTree size, [p:sp])

_MAX_SLIDE_ID = 2147483647

# (owner class, attribute name) -> original attribute, filled by install()
_originals: dict[tuple[type[Any], str], Any] = {}


def _next_partname(self: Any, tmpl: str) -> Any:
    """Return the next free ``PackURI`` for ``tmpl``, like "/ppt/notesSlides/notesSlide%d.xml"."""
    cache: dict[str, list[Any]] = self.__dict__.setdefault(_PARTNAMES, {})
    entry = cache.get(tmpl)
    if entry is None:  # one full walk per template, then O(1) amortised
        prefix = tmpl[: (tmpl % 42).find("42")]
        used = {str(p.partname) for p in self.iter_parts() if p.partname.startswith(prefix)}
        entry = cache[tmpl] = [1, used]
    n: int = entry[0]
    used_names: set[str] = entry[1]
    while tmpl % n in used_names:
        n += 1
    used_names.add(tmpl % n)
    entry[0] = n + 1
    return PackURI(tmpl % n)


def _next_image_partname(self: Any, ext: str) -> Any:
    """Return ``/ppt/media/image<N>.<ext>`` with N one above the highest index seen so far."""
    state: list[int] | None = self.__dict__.get(_IMAGE_IDX)
    if state is None:
        idxs = [
            p.partname.idx
            for p in self.iter_parts()
            if p.partname.startswith("/ppt/media/image") and p.partname.idx is not None
        ]
        state = self.__dict__[_IMAGE_IDX] = [max(idxs, default=0)]
    state[0] += 1
    return PackURI(f"/ppt/media/image{state[0]}.{ext}")


def _get_or_add_image_part(self: Any, image_file: Any) -> Any:
    """Return the package's ``ImagePart`` with the same bytes (SHA-1), else a new one."""
    package = self._package
    by_sha1: dict[str, Any] | None = package.__dict__.get(_BY_SHA1)
    if by_sha1 is None:
        by_sha1 = {}
        for part in self:  # the original generator: one walk over the image relationships
            if hasattr(part, "sha1"):  # unsupported types (e.g. SVG) have no sha1
                by_sha1.setdefault(part.sha1, part)
        package.__dict__[_BY_SHA1] = by_sha1
    image = _PptxImage.from_file(image_file)
    part = by_sha1.get(image.sha1)
    if part is None:
        part = by_sha1[image.sha1] = ImagePart.new(package, image)
    return part


def _rel_key(rel: Any) -> tuple[str, Any, bool]:
    """Index key of a relationship: target is the ``Part`` (identity) or the external URL."""
    return (rel.reltype, rel._target, rel.is_external)


def _rel_index(rels: Any) -> dict[tuple[str, Any, bool], str]:
    """Return the (re)built ``{(reltype, target, is_external): first rId}`` index of ``rels``."""
    store: dict[str, Any] = rels._rels
    state: list[Any] | None = rels.__dict__.get(_REL_INDEX)
    if state is None or state[0] is not store or state[1] != len(store):
        index: dict[tuple[str, Any, bool], str] = {}
        for rId, rel in store.items():
            index.setdefault(_rel_key(rel), rId)
        rels.__dict__[_REL_INDEX] = [store, len(store), index]
        return index
    current: dict[tuple[str, Any, bool], str] = state[2]
    return current


def _get_matching(self: Any, reltype: str, target: Any, is_external: bool = False) -> str | None:
    """Return the rId of an existing relationship of ``reltype`` to ``target``, else ``None``."""
    key = (reltype, target, is_external)
    rId = _rel_index(self).get(key)
    if rId is None:
        return None
    rel = self._rels.get(rId)
    if rel is not None and _rel_key(rel) == key:
        return rId
    self.__dict__.pop(_REL_INDEX, None)  # stale: rebuild once and retry
    return _rel_index(self).get(key)


def _add_relationship(self: Any, reltype: str, target: Any, is_external: bool = False) -> str:
    """Add a relationship (original code) and record it in the index if the index is current."""
    rId: str = _originals[(_Relationships, "_add_relationship")](self, reltype, target, is_external)
    state: list[Any] | None = self.__dict__.get(_REL_INDEX)
    store = self._rels
    if state is not None and state[0] is store and state[1] == len(store) - 1:
        state[2].setdefault(_rel_key(store[rId]), rId)
        state[1] += 1
    return rId


def _next_rId(self: Any) -> str:
    """Return the first unused ``rId<n>`` with n at or above max(hint, count + 1)."""
    store = self._rels
    n = max(self.__dict__.get(_RID_HINT, 1), len(store) + 1)
    while f"rId{n}" in store:
        n += 1
    self.__dict__[_RID_HINT] = n
    return f"rId{n}"


def _next_slide_id(self: Any) -> int:
    """Return the next slide id (max + 1) without scanning when the cached count still holds."""
    count = len(self)
    state: tuple[int, int] | None = getattr(self, _SLD_ID, None)
    if state is not None and state[0] == count and state[1] < _MAX_SLIDE_ID:
        next_id = state[1] + 1
    else:
        next_id = int(_originals[(CT_SlideIdList, "_next_id")].fget(self))
    # anticipate the append done by add_sldId; a mismatch next time forces a rescan
    setattr(self, _SLD_ID, (count + 1, next_id))
    return next_id


def _clone_cached(original: Any, shapes: Any, source: Any) -> None:
    """Clone ``source``'s placeholders into the fresh spTree of ``shapes`` from a cached copy.

    A fresh slide or notes slide (spTree = nvGrpSpPr + grpSpPr only) always receives the same
    placeholder elements from the same layout or notes master (same shape ids and names), so the
    first result is kept on the source part and deep-copied afterwards. The cache is dropped when
    the source's spTree changes size; otherwise the source is assumed unchanged.
    """
    spTree = shapes._spTree
    source_size = len(source._element.cSld.spTree)
    fresh = len(spTree) == 2
    cached: tuple[int, list[Any]] | None = source.part.__dict__.get(_PH_CLONES)
    if fresh and cached is not None and cached[0] == source_size:
        for sp in cached[1]:
            spTree.append(copy.deepcopy(sp))
        return
    original(shapes, source)
    if fresh:
        clones = [copy.deepcopy(sp) for sp in spTree[2:]]
        source.part.__dict__[_PH_CLONES] = (source_size, clones)


def _clone_layout_placeholders(self: Any, slide_layout: Any) -> None:
    """``SlideShapes.clone_layout_placeholders`` through :func:`_clone_cached`."""
    original = _originals[(SlideShapes, "clone_layout_placeholders")]
    _clone_cached(original, self, slide_layout)


def _clone_master_placeholders(self: Any, notes_master: Any) -> None:
    """``NotesSlide.clone_master_placeholders`` through :func:`_clone_cached`."""
    original = _originals[(NotesSlide, "clone_master_placeholders")]
    _clone_cached(lambda _shapes, master: original(self, master), self.shapes, notes_master)


def _patches() -> list[tuple[type[Any], str, Any]]:
    return [
        (OpcPackage, "next_partname", _next_partname),
        (Package, "next_image_partname", _next_image_partname),
        (_ImageParts, "get_or_add_image_part", _get_or_add_image_part),
        (_Relationships, "_get_matching", _get_matching),
        (_Relationships, "_add_relationship", _add_relationship),
        (_Relationships, "_next_rId", property(_next_rId)),
        (CT_SlideIdList, "_next_id", property(_next_slide_id)),
        (SlideShapes, "clone_layout_placeholders", _clone_layout_placeholders),
        (NotesSlide, "clone_master_placeholders", _clone_master_placeholders),
    ]


def installed() -> bool:
    """Return True when the patches are active."""
    return bool(_originals)


def install() -> None:
    """Patch python-pptx 1.0.2 in place (idempotent); warn and do nothing on other versions."""
    if _originals:
        return
    if pptx.__version__ != SUPPORTED_VERSION:
        warnings.warn(
            f"md2pptx: python-pptx {pptx.__version__} is not {SUPPORTED_VERSION}; the speed "
            "patches are not installed (large decks will build slowly)",
            RuntimeWarning,
            stacklevel=2,
        )
        return
    patches = _patches()
    for owner, name, _ in patches:
        _originals[(owner, name)] = owner.__dict__[name]
    for owner, name, replacement in patches:
        setattr(owner, name, replacement)


def uninstall() -> None:
    """Restore the original python-pptx methods (caches left on live objects are ignored)."""
    for (owner, name), original in _originals.items():
        setattr(owner, name, original)
    _originals.clear()
