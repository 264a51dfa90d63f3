"""SVG pictures in the PDF: drawn as vectors through svglib, once per document.

Input: an `SvgDocument` that media judged faithful to svglib (`vector`), the box layout gave
it, and the document's `PdfFonts`. Output: the SVG's paths, gradients, clips and text drawn
into the box as the browser draws an `<img>`: fitted by its `preserveAspectRatio` (centred,
aspect kept, unless `none`). svglib's drawing is made once per document and drawn at each use
(not as a form XObject: reportlab's forms lose the shadings and transparency states of what
they hold). `draw` returns False when svglib cannot draw it after all (it raised, or made
nothing): the caller then draws the raster.

Text: svglib's font lookup (its `FontMap`) would run `fc-match` and fall back to the base-14
Helvetica, which is never embedded. Here the families an SVG names are resolved by the same
font library layout uses (`converter.text`), registered through `PdfFonts`, and every string is
split into pieces by the face that has its characters (per-character fallback, shaping), so
SVG text is real text, embedded and searchable. A `<text>` without a `font-family` gets the
browser's default for SVG, serif (as resvg draws the PNG the PPTX shows).
"""

from __future__ import annotations

import hashlib
import io
import logging
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from converter.media.svg import SvgDocument
from converter.media.svg_size import view_box
from converter.render.pdf.fonts import PdfFonts
from converter.text.fonts import ResolvedFont
from converter.text.library import FontLibrary

__all__ = ["SvgDrawings"]

logging.getLogger("svglib").addHandler(logging.NullHandler())
logging.getLogger("svglib").propagate = False  # its notes are not the deck's diagnostics

_LIBRARY: list[FontLibrary] = []  # one per process, made when an SVG first shows text
_BOLD = {"bold", "bolder", "600", "700", "800", "900"}


def _library() -> FontLibrary:
    if not _LIBRARY:
        _LIBRARY.append(FontLibrary())
    return _LIBRARY[0]


class _Fonts:
    """svglib's font lookup (a `FontMap`'s `find_font`) answered from the font library, each
    face registered (and so embedded) through `PdfFonts`; never fontconfig, never a base-14
    font."""

    def __init__(self, fonts: PdfFonts) -> None:
        self.fonts = fonts
        self.resolved: dict[str, ResolvedFont] = {}  # reportlab name -> the font it came from

    def find_font(self, font_name: str, weight: str = "normal",
                  style: str = "normal") -> tuple[str, bool]:  # fmt: skip
        bold = str(weight).strip().lower() in _BOLD
        italic = str(style).strip().lower() in ("italic", "oblique")
        resolved = _library().resolve((font_name,), bold, italic)
        name = self.fonts.name(resolved.primary)
        self.resolved.setdefault(name, resolved)
        return name, not resolved.substituted


class SvgDrawings:
    """The SVG drawings of one PDF document, each made on first use."""

    def __init__(self, fonts: PdfFonts) -> None:
        self.fonts = fonts
        self._font_map: _Fonts | None = None
        self._drawings: dict[str, Any | None] = {}  # SHA-1 of the SVG -> its drawing

    def draw(self, canvas: Any, doc: SvgDocument, x: float, y: float, w: float,
             h: float) -> bool:  # fmt: skip
        """Draw `doc` into the box (`x`, `y` its bottom left, PDF coordinates); False when
        it cannot be drawn as vectors."""
        digest = hashlib.sha1(doc.data, usedforsecurity=False).hexdigest()
        if digest not in self._drawings:
            self._drawings[digest] = self._checked(doc)
        drawing = self._drawings[digest]
        if drawing is None or w <= 0 or h <= 0:
            return drawing is not None
        from reportlab.graphics import renderPDF

        dw, dh = float(drawing.width), float(drawing.height)
        sx, sy = w / dw, h / dh
        if _aspect(doc) != "none" and abs(sx - sy) > 1e-6 * max(sx, sy):
            scale = min(sx, sy)
            x, y = x + _align(doc, "x") * (w - dw * scale), y + (1 - _align(doc, "y")) * (
                h - dh * scale)  # fmt: skip
            sx = sy = scale
        canvas.saveState()
        canvas.transform(sx, 0, 0, sy, x, y)
        renderPDF.draw(drawing, canvas, 0, 0)
        canvas.restoreState()
        return True

    def _checked(self, doc: SvgDocument) -> Any | None:
        """svglib's drawing of `doc`, once it has been drawn aside without an error (some
        fail only then, as a zero dash cycle does): no half-drawn SVG on a page."""
        drawing = self._drawing(doc)
        if drawing is None:
            return None
        from reportlab.graphics import renderPDF

        try:
            renderPDF.draw(drawing, Canvas(io.BytesIO()), 0, 0)
        except Exception:  # reportlab raises many kinds of errors for odd drawings
            return None
        return drawing

    def _drawing(self, doc: SvgDocument) -> Any | None:
        from lxml import etree
        from svglib.svglib import SvgRenderer  # deferred: decks without SVG never load it

        parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True)
        root = etree.fromstring(doc.data, parser)
        if view_box(root) is None:
            root.set("viewBox", f"0 0 {doc.width:.6g} {doc.height:.6g}")
        root.set("width", f"{doc.width:.6g}")
        root.set("height", f"{doc.height:.6g}")
        if doc.has_text and not root.get("font-family") and "font-family" not in (
                root.get("style") or ""):  # fmt: skip
            root.set("font-family", "serif")
        if self._font_map is None:
            self._font_map = _Fonts(self.fonts)
        try:
            drawing = SvgRenderer(io.BytesIO(), font_map=self._font_map).render(root)
        except Exception:  # svglib raises many kinds of errors for SVGs it cannot read
            return None
        if drawing is None or not drawing.width or not drawing.height:
            return None
        drawing.initialFontName = self.fonts.initial()  # the initial state: never Helvetica
        if doc.has_text:
            _split_strings(drawing, self._font_map)
        return drawing


def _aspect(doc: SvgDocument) -> str:
    return _preserve(doc)[0]


def _align(doc: SvgDocument, axis: str) -> float:
    """0, 0.5 or 1: where the fitted drawing sits along `axis` (`xMidYMid` by default)."""
    align = _preserve(doc)[0]
    part = align[1:4] if axis == "x" else align[5:8]
    return {"Min": 0.0, "Mid": 0.5, "Max": 1.0}.get(part, 0.5)


def _preserve(doc: SvgDocument) -> tuple[str, str]:
    found = doc.preserve_aspect_ratio.split()
    align = found[0] if found else "xMidYMid"
    return align, found[1] if len(found) > 1 else "meet"


def _split_strings(node: Any, fonts: _Fonts) -> None:
    """Each svglib string as pieces by face (per-character fallback, shaping), positioned
    from its anchor with the widths of the faces that draw it."""
    contents = getattr(node, "contents", None)
    if contents is None:
        return
    from reportlab.graphics.shapes import String

    for i, child in enumerate(contents):
        if isinstance(child, String):
            contents[i] = _pieces(child, fonts)
        else:
            _split_strings(child, fonts)


def _pieces(string: Any, fonts: _Fonts) -> Any:
    from reportlab.graphics.shapes import Group, String

    resolved = fonts.resolved.get(string.fontName)
    if resolved is None or not string.text:
        return string
    pieces = fonts.fonts.pieces(string.text, resolved)
    if len(pieces) == 1 and pieces[0].font == string.fontName and pieces[0].text == string.text:
        return string
    size = string.fontSize
    drawn = [(p.text, p.font or string.fontName) for p in pieces]
    widths = [stringWidth(text, font, size) for text, font in drawn]
    shift = {"middle": 0.5, "end": 1.0}.get(string.textAnchor, 0.0) * sum(widths)
    x = string.x - shift
    group = Group()
    for (text, font), width in zip(drawn, widths, strict=True):
        piece = String(x, string.y, text)
        piece.setProperties(string.getProperties())
        piece.x, piece.text, piece.fontName, piece.textAnchor = x, text, font, "start"
        group.add(piece)
        x += width
    return group
