"""PDF drawing: one laid-out slide drawn on a reportlab canvas as vector graphics.

Input: a `LaidOutSlide` (points, origin top left), the deck's image table, fonts, and a
visibility test for fragments. Output: drawing operations on the canvas in the slide's own
coordinate system (origin bottom left, as PDF), so the slides PDF draws it 1:1 and the handout
draws it scaled inside a transform. Links are reported to a callback with their rectangles.
Nothing is decided here: positions, sizes and line breaks come from layout.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass, field
from typing import Any

from reportlab.lib.utils import ImageReader

from converter.layout.boxes import (
    ImageData,
    LaidOutDeck,
    LaidOutSlide,
    PictureBox,
    RuleBox,
    TableBox,
    TemplateLayer,
    TextBox,
)
from converter.layout.geometry import EMU_PER_PT
from converter.layout.number import NUMBER_COLOR, NUMBER_FILL, number_badge
from converter.media.images import placeholder_png
from converter.render.pdf.fonts import PdfFonts
from converter.render.pdf.svg import SvgDrawings
from converter.render.pdf.text import LinkSink, TextPainter, Visible, rl_color
from converter.template.art import ArtPath

HAIRLINE = 0.1  # points: a hatch's lines, as LibreOffice writes them in its PDF


@dataclass
class SlideDrawer:
    canvas: Any
    width: float
    height: float
    images: dict[str, ImageData]
    fonts: PdfFonts
    page_scale: float = 1.0  # points per reveal CSS pixel (for the slide-number badge)
    master_art: tuple[PictureBox, ...] = ()  # a template master's logos, under every slide
    template_backgrounds: bool = False  # the template's look: its masters' backgrounds show
    _readers: dict[str, ImageReader] = field(default_factory=dict)
    _forms: set[str] = field(default_factory=set)
    painter: TextPainter = field(init=False)
    svgs: SvgDrawings = field(init=False)

    def __post_init__(self) -> None:
        self.painter = TextPainter(self.canvas, self.height, self.fonts)
        self.svgs = SvgDrawings(self.fonts)

    def y(self, top: float) -> float:
        return self.height - top

    def reader(self, key: str | None, label: str, w: float, h: float) -> ImageReader:
        cache_key = key or f"placeholder:{label}:{round(w)}x{round(h)}"
        found = self._readers.get(cache_key)
        if found is None:
            if key is not None:
                data = self.images[key].data
            else:
                data = placeholder_png(max(16, round(w * 2)), max(16, round(h * 2)), label)
            found = self._readers[cache_key] = ImageReader(io.BytesIO(data))
        return found

    # --- the slide --------------------------------------------------------------------------

    def draw(self, laid: LaidOutSlide, visible: Visible, on_link: LinkSink) -> None:
        c = self.canvas
        bg = laid.background
        c.setFillColor(rl_color(bg.color))
        c.rect(0, 0, self.width, self.height, stroke=0, fill=1)
        if bg.image_key is not None:
            self.image(bg.image_key, "", 0, 0, self.width, self.height)
        layer = laid.template_art
        if layer is not None:
            self.template_layer(layer, laid.slide.background.is_empty, visible, on_link)
        else:
            for art in self.master_art:
                self.image(art.image_key, "", art.x, self.y(art.y + art.h), art.w, art.h)
        for box in laid.boxes:
            if not visible(box.fragment):
                continue
            if isinstance(box, TextBox):
                self.text_box(box, visible, on_link)
            elif isinstance(box, PictureBox):
                self.picture(box, on_link)
            elif isinstance(box, TableBox):
                self.table(box, on_link)
            elif isinstance(box, RuleBox):
                c.setStrokeColor(rl_color(box.color))
                c.setLineWidth(box.thickness)
                c.line(box.x, self.y(box.y), box.x + box.w, self.y(box.y))
        if laid.number_box is not None:  # in the template's slide-number placeholder
            self.text_box(laid.number_box, visible, on_link)
        elif laid.number_label:
            self.number(laid.number_label)
        for placed in (laid.footer_box, laid.date_box):  # in its footer and date placeholders
            if placed is not None:
                self.text_box(placed, visible, on_link)

    def template_layer(self, layer: TemplateLayer, own: bool, visible: Visible,
                       on_link: LinkSink) -> None:  # fmt: skip
        """What the slide's template layout shows under it: its master's background where it
        differs from the one layout composed (on slides without their own, in the template's
        look), then the master's and the layout's art."""
        c = self.canvas
        if own and self.template_backgrounds and layer.background is not None:
            c.setFillColor(rl_color(layer.background))
            c.rect(0, 0, self.width, self.height, stroke=0, fill=1)
            if layer.background_image is not None:
                self.image(layer.background_image, "", 0, 0, self.width, self.height)
        c.saveState()  # a master's shapes may reach past the slide (the handout's frame)
        clip = c.beginPath()
        clip.rect(0, 0, self.width, self.height)
        c.clipPath(clip, stroke=0, fill=0)
        for item in layer.items:
            if isinstance(item, PictureBox):
                self.image(item.image_key, "", item.x, self.y(item.y + item.h), item.w, item.h)
            elif isinstance(item, TextBox):
                self.text_box(item, visible, on_link)
            else:
                self.outline(item)
        c.restoreState()

    def outline(self, art: ArtPath) -> None:
        """A master or layout shape's outline (slide EMU), filled, hatched and stroked as it
        says."""
        if art.fill is None and art.line is None and art.hatch is None:
            return
        c = self.canvas
        c.saveState()
        if art.fill is not None:
            c.setFillColor(rl_color(art.fill))
            c.drawPath(self.art_path(art), stroke=0, fill=1)
        if art.hatch is not None:
            self.hatch(art)
        if art.line is not None:
            c.setStrokeColor(rl_color(art.line))
            c.setLineWidth(art.line_width / EMU_PER_PT)
            c.drawPath(self.art_path(art), stroke=1, fill=0)
        c.restoreState()

    def art_path(self, art: ArtPath) -> Any:
        """The outline as a reportlab path, in points from the bottom left."""
        path = self.canvas.beginPath()
        scale = 1 / EMU_PER_PT
        for op, values in art.commands:
            pts = [v * scale for v in values]
            xy = [(pts[i], self.height - pts[i + 1]) for i in range(0, len(pts), 2)]
            if op == "M":
                path.moveTo(*xy[0])
            elif op == "L":
                path.lineTo(*xy[0])
            elif op == "C":
                path.curveTo(*xy[0], *xy[1], *xy[2])
            elif op == "Z":
                path.close()
        return path

    def hatch(self, art: ArtPath) -> None:
        """A pattern fill's hatch: hairlines across the outline, clipped to it, a spacing apart
        counted from its top left corner (as LibreOffice draws them)."""
        hatch = art.hatch
        assert hatch is not None
        xs = [v for _, vs in art.commands for v in vs[0::2]]
        ys = [v for _, vs in art.commands for v in vs[1::2]]
        if not xs or hatch.distance <= 0:
            return
        scale = 1 / EMU_PER_PT
        left, top = min(xs) * scale, self.height - min(ys) * scale
        right, bottom = max(xs) * scale, self.height - max(ys) * scale
        step = hatch.distance * scale
        reach = math.hypot(right - left, top - bottom)
        c = self.canvas
        c.saveState()
        c.clipPath(self.art_path(art), stroke=0, fill=0)
        c.setStrokeColor(rl_color(hatch.color))
        c.setLineWidth(HAIRLINE)
        lines = c.beginPath()
        corners = ((0.0, 0.0), (right - left, 0.0), (0.0, bottom - top),
                   (right - left, bottom - top))  # fmt: skip
        for angle in hatch.angles:  # lines at `angle` (counterclockwise), a step apart
            dx, dy = math.cos(math.radians(angle)), math.sin(math.radians(angle))
            offsets = [x * dy - y * dx for x, y in corners]  # along the lines' normal
            for k in range(math.floor(min(offsets) / step) + 1, math.ceil(max(offsets) / step)):
                ox, oy = left + dy * step * k, top - dx * step * k
                lines.moveTo(ox - dx * reach, oy - dy * reach)
                lines.lineTo(ox + dx * reach, oy + dy * reach)
        c.drawPath(lines, stroke=1, fill=0)
        c.restoreState()

    def number(self, label: str) -> None:
        """reveal's slide-number badge, where and as large as the PPTX draws it."""
        c = self.canvas
        badge = number_badge(label, self.width, self.height, self.page_scale)
        c.setFillColor(rl_color(NUMBER_FILL))
        c.rect(badge.x, self.y(badge.y + badge.h), badge.w, badge.h, stroke=0, fill=1)
        c.setFillColor(rl_color(NUMBER_COLOR))
        c.setFont(self.fonts.initial(), badge.size)
        c.drawString(badge.x + badge.pad, self.y(badge.baseline), label)

    def text_box(self, box: TextBox, visible: Visible, on_link: LinkSink) -> None:
        c = self.canvas
        if box.fill is not None:
            c.saveState()
            c.setFillColor(rl_color(box.fill, box.fill_opacity))
            c.rect(box.x, self.y(box.y + box.h), box.w, box.h, stroke=0, fill=1)
            c.restoreState()
        self.border(box)
        if not box.wrap:
            c.saveState()
            path = c.beginPath()
            path.rect(box.x, self.y(box.y + box.h), box.w, box.h)
            c.clipPath(path, stroke=0, fill=0)
        left, top, width = box.text_area()
        self.painter.paragraphs(box.paragraphs, left, top, width, visible, on_link)
        if not box.wrap:
            c.restoreState()

    def image(self, key: str | None, label: str, x: float, y: float, w: float, h: float) -> None:
        """Draw an image through a form XObject made on its first use: reportlab hashes the
        decoded pixels on every `drawImage`, which cost seconds for a background on every
        fifth page of a long deck; a form is drawn again for a few bytes."""
        reader = self.reader(key, label, w, h)
        name = "I" + (key or f"p{id(reader)}")[:24]
        c = self.canvas
        if name not in self._forms:
            self._forms.add(name)
            c.beginForm(name, lowerx=0, lowery=0, upperx=1, uppery=1)
            c.drawImage(reader, 0, 0, 1, 1, mask="auto")
            c.endForm()
        c.saveState()
        c.transform(w, 0, 0, h, x, y)
        c.doForm(name)
        c.restoreState()

    def border(self, box: PictureBox | TextBox) -> None:
        """The outline a CSS `border` gives a box, inside it as in the browser's border-box."""
        if box.border is None or box.border_width <= 0:
            return
        c = self.canvas
        c.saveState()
        c.setStrokeColor(rl_color(box.border))
        c.setLineWidth(box.border_width)
        half = box.border_width / 2
        c.rect(box.x + half, self.y(box.y + box.h) + half, box.w - box.border_width,
               box.h - box.border_width, stroke=1, fill=0)  # fmt: skip
        c.restoreState()

    def picture(self, box: PictureBox, on_link: LinkSink) -> None:
        """A picture; an SVG svglib draws faithfully as vectors, else its raster."""
        bottom = self.y(box.y + box.h)
        svg = self.images[box.image_key].svg if box.image_key is not None else None
        if svg is None or not svg.vector or not self.svgs.draw(
                self.canvas, svg, box.x, bottom, box.w, box.h):  # fmt: skip
            self.image(box.image_key, box.label or "image", box.x, bottom, box.w, box.h)
        self.border(box)
        if box.link:
            on_link(box.link, (box.x, bottom, box.x + box.w, bottom + box.h))

    def table(self, box: TableBox, on_link: LinkSink) -> None:
        c = self.canvas
        top = box.y
        last = len(box.rows) - 1
        for r, (cells, height) in enumerate(zip(box.rows, box.row_heights, strict=True)):
            x = box.x
            for cell, width in zip(cells, box.col_widths, strict=True):
                if cell.fill is not None:  # CSS background of the th/td
                    c.saveState()
                    c.setFillColor(rl_color(cell.fill))
                    c.rect(x, self.y(top + height), width, height, stroke=0, fill=1)
                    c.restoreState()
                self.painter.paragraphs(
                    cell.paragraphs,
                    x + box.padding_x,
                    top + box.padding_y,
                    width - 2 * box.padding_x,
                    lambda _f: True,
                    on_link,
                )
                x += width
            top += height
            if r != last:
                c.setStrokeColor(rl_color(box.rule_color))
                c.setLineWidth(1.0)
                c.line(box.x, self.y(top), box.x + box.w, self.y(top))


def deck_drawer(canvas: Any, deck: LaidOutDeck, fonts: PdfFonts) -> SlideDrawer:
    """The drawer for a deck's slides at their own size (the slides PDF and the handout)."""
    return SlideDrawer(
        canvas,
        deck.width,
        deck.height,
        deck.images,
        fonts,
        page_scale=deck.page_scale,
        master_art=deck.master_art,
        template_backgrounds=deck.theme_from_template,
    )
