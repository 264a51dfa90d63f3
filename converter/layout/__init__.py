"""Layout: the deck model to laid-out slides, the geometry both backends draw.

Input: a `Deck`, the slide size in points, font folders, an `ImageStore` and a diagnostics
collector. Output: a `LaidOutDeck`: per slide the boxes (in points), the background (a native
colour plus, for gradients and images, one composited bitmap shared by the PPTX and PDF
backends), the speaker notes as styled paragraphs and the slide-number label; and the table of
encoded images, each stored once. No python-pptx or reportlab here.

May import: `converter.model`, `converter.style`, `converter.text`, `converter.media`,
`converter.template` and the cross-cutting modules. Never the reader or a backend.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from converter.diagnostics import Diagnostics
from converter.layout.boxes import (
    ImageData,
    LaidOutDeck,
    LaidOutSlide,
    PictureBox,
    SlideBackground,
    TextParagraph,
)
from converter.layout.css import DeckCss, needs_css
from converter.layout.geometry import EMU_PER_PT, Page
from converter.layout.notes import notes_paragraphs
from converter.layout.overflow import layout_parts
from converter.layout.slide import SlideContext
from converter.layout.svg_fonts import svg_fonts
from converter.layout.template_parts import predicted_kind, template_parts
from converter.layout.template_slides import template_slides
from converter.layout.text import Typesetter
from converter.media.backgrounds import compose_background
from converter.media.images import ImageProblem, ImageStore, LoadedImage
from converter.model import Deck, Image, ImageSource, Slide
from converter.style.color import Color
from converter.style.css_background import CssBackground
from converter.style.hljs import hljs_css_style, missing_theme_message, pygments_style
from converter.style.themes import (
    HighlightStyle,
    Theme,
    get_highlight_style,
    get_theme,
    parse_theme_css,
)
from converter.template.kinds import SlideKind
from converter.template.reference import Template
from converter.template.theme import kind_theme, template_theme
from converter.text.aliases import normalise
from converter.text.library import FontLibrary
from converter.text.office import is_metric_clone, office_family

BACKGROUND_PX_PER_PT = 2.0  # backgrounds rendered at 1920x1080 for a 16:9 slide
IMAGE_PX_PER_PT = 2.0  # "displayed size" of a picture in pixels; stored at up to 2x that


@dataclass
class LayoutOptions:
    size: tuple[float, float] = (960.0, 540.0)
    font_dirs: Sequence[Path] = ()
    store: ImageStore = field(default_factory=ImageStore)
    template: Template | None = None  # a reference deck: its size, colours and fonts
    explicit_theme: bool = False  # --theme given: the reveal theme wins over the template's
    overflow: str = "shrink"  # a slide taller than the canvas: shrink, split or clip (overflow)


def layout_theme(
    deck: Deck, options: LayoutOptions, diags: Diagnostics, scale: float | None = None
) -> Theme:
    """The deck's theme, or the template's colours and fonts unless --theme was given (with
    `scale`, points per canvas pixel, its text styles' sizes too)."""
    if options.template is not None and not options.explicit_theme:
        return template_theme(options.template, scale=scale)
    return deck_theme(deck, diags)


def deck_theme(deck: Deck, diags: Diagnostics) -> Theme:
    theme = get_theme(deck.theme) or get_theme("black")
    assert theme is not None
    if deck.theme_css is not None:
        try:
            theme = parse_theme_css(deck.theme_css.read_text(encoding="utf-8"), theme)
        except (OSError, UnicodeDecodeError) as exc:
            diags.warning("unknown-theme", f"cannot read theme stylesheet {deck.theme_css}: {exc}")
    return theme


class _Images:
    """The deck's image table: load each source once, report problems once."""

    def __init__(self, store: ImageStore, diags: Diagnostics) -> None:
        self.store = store
        self.diags = diags
        self.table: dict[str, ImageData] = {}
        self.css_sources: dict[str, ImageSource] = {}
        self._loaded: dict[str, LoadedImage | None] = {}

    def load(self, image: Image) -> LoadedImage | None:
        src = image.source
        if src.kind not in ("file", "data"):
            return None  # the reader has already warned
        cache_key = str(src.path) if src.path is not None else src.src
        if cache_key not in self._loaded:
            result = self.store.load(src)
            if isinstance(result, ImageProblem):
                self.diags.warning(result.code, f"{result.reason}: {src.shown}")
                self._loaded[cache_key] = None
            else:
                self._loaded[cache_key] = result
        return self._loaded[cache_key]

    def size(self, image: Image) -> tuple[float, float] | None:
        loaded = self.load(image)
        return loaded.css_size if loaded is not None else None

    def key(self, image: Image, width_pt: float, height_pt: float) -> str | None:
        """The image, downscaled when far larger than its box, stored once by content."""
        loaded = self.load(image)
        if loaded is None:
            return None
        fitted = self.store.fit(loaded, width_pt * IMAGE_PX_PER_PT, height_pt * IMAGE_PX_PER_PT)
        return self.add(fitted)

    def add(self, loaded: LoadedImage) -> str:
        if loaded.key not in self.table:
            self.table[loaded.key] = ImageData(
                loaded.key, loaded.data, loaded.format, loaded.width, loaded.height, loaded.svg
            )
        return loaded.key

    def add_bytes(self, data: bytes, width: int, height: int) -> str:
        import hashlib

        key = hashlib.sha1(data).hexdigest()
        png = data.startswith(b"\x89PNG")
        self.table.setdefault(key, ImageData(key, data, "PNG" if png else "JPEG", width, height))
        return key

    def css_source(self, url: str) -> ImageSource | None:
        """The checked source of a CSS background `url()` (the reader resolved them all)."""
        source = self.css_sources.get(url)
        return source if source is not None and source.kind in ("file", "data") else None

    def background_key(self, background: CssBackground, width_pt: float, height_pt: float,
                       base: Color, pt_per_px: float) -> str | None:  # fmt: skip
        """A box's CSS background image composed over `base` at the box's size."""
        source = self.css_source(background.url)
        loaded = self.load(Image(source)) if source is not None else None
        if loaded is None:
            return None
        width = max(1, round(width_pt * BACKGROUND_PX_PER_PT))
        height = max(1, round(height_pt * BACKGROUND_PX_PER_PT))
        data = compose_background(width, height, base, None, loaded, background.size,
                                  background.position, background.repeat,
                                  px_scale=pt_per_px * BACKGROUND_PX_PER_PT)  # fmt: skip
        return self.add_bytes(data, width, height) if data is not None else None


def positions(slides: tuple[Slide, ...]) -> dict[int, tuple[int, int, bool]]:
    """Slide number -> reveal's (h, v, in a stack) after hidden slides are removed, as
    reveal.js does at start (a stack whose slides are all hidden disappears)."""
    out: dict[int, tuple[int, int, bool]] = {}
    h = -1
    last_h: int | None = None
    v = 0
    for slide in slides:
        if slide.hidden:
            continue
        if slide.h != last_h:
            h, v, last_h = h + 1, 0, slide.h
        else:
            v += 1
        out[slide.number] = (h, v, slide.in_stack)
    return out


def _numbered(slides: list[LaidOutSlide], fmt: str) -> list[LaidOutSlide]:
    """The slides with their number labels. Numbers follow the output's pages: a continuation
    of a split slide is numbered as a slide of its own would be, the next one down its stack
    or, for a slide outside a stack, the next one across (later slides move on by one)."""
    total = sum(1 for laid in slides if laid.slide.visibility == "visible")
    counted = 0
    h, v, last = -1, 0, None
    out: list[LaidOutSlide] = []
    for laid in slides:
        s = laid.slide
        if s.hidden:
            out.append(laid)
            continue
        group = (s.h, None if s.in_stack else laid.part)
        if group != last:
            h, v, last = h + 1, 0, group
        else:
            v += 1
        if s.visibility == "visible":
            counted += 1
        label = _number_label(s, (h, v, s.in_stack), fmt, counted, total)
        out.append(replace(laid, number_label=label) if label is not None else laid)
    return out


def _number_label(
    slide: Slide, position: tuple[int, int, bool] | None, fmt: str | None, counted: int, total: int
) -> str | None:
    if fmt is None or position is None or slide.visibility == "uncounted":
        return None
    h, v, in_stack = position
    if fmt == "c":
        return str(counted)
    if fmt == "c/t":
        return f"{counted}/{total}"
    if fmt == "h/v":
        return f"{h + 1}/{v + 1}" if in_stack else str(h + 1)
    return f"{h + 1}.{v + 1}" if in_stack else str(h + 1)


def deck_highlight(deck: Deck) -> tuple[HighlightStyle | None, str | None]:
    """The code style and the stylesheet it was read from, first found of: the highlight
    theme's CSS the reader found (a `.css` file the deck names, else an installed highlight.js
    theme; the reader does not look up the built-in zenburn), the built-in style, the Pygments
    style of the same look (`converter.style.hljs`). None for a name none of them knows."""
    name = deck.highlight_theme.strip().lower().removesuffix(".css").removesuffix(".min")
    name = name.removeprefix("styles/")
    if deck.highlight_css is not None:
        style = hljs_css_style(name, deck.highlight_css.text)
        if style is not None:
            return style, deck.highlight_css.origin
    return get_highlight_style(deck.highlight_theme) or pygments_style(name), None


def _deck_highlight(deck: Deck, diags: Diagnostics) -> HighlightStyle:
    """`deck_highlight`, noting the stylesheet it was read from (`--check -v`), else zenburn
    with a warning (which says how to install a real highlight.js theme not found)."""
    highlight, origin = deck_highlight(deck)
    if origin is not None:
        diags.info("highlight-theme", f"highlight theme {deck.highlight_theme}: {origin}")
    if highlight is None:
        diags.warning("highlight-theme", missing_theme_message(deck.highlight_theme))
        highlight = get_highlight_style("zenburn")
        assert highlight is not None
    return highlight


def layout_deck(deck: Deck, options: LayoutOptions, diags: Diagnostics) -> LaidOutDeck:
    page = Page(options.size[0], options.size[1], deck.options.width, deck.options.height)
    if options.template is not None and options.template.content_area is not None:
        x, y, w, h = (value / EMU_PER_PT for value in options.template.content_area)
        page = replace(page, area=(x, y, w, h))
    theme = layout_theme(deck, options, diags, page.scale)
    highlight = _deck_highlight(deck, diags)
    fonts = FontLibrary(options.font_dirs, lang=deck.meta.lang)
    options.store.svg_fonts = svg_fonts(fonts)  # SVG text drawn in the deck's fonts
    typesetter = Typesetter(fonts)
    images = _Images(options.store, diags)
    images.css_sources = dict(deck.css_images)
    css = DeckCss(deck, theme, diags) if needs_css(deck) else None
    if css is not None:
        theme = css.theme(theme)
    ctx = SlideContext(
        theme, highlight, page, typesetter, images.size, images.key, diags, deck.options.center,
        css, images.background_key, options.overflow,
    )
    master_art, master_bg = _template_art(options, page, images, diags)
    slide_context = _kind_contexts(ctx, options)
    where = positions(deck.slides)
    slides: list[LaidOutSlide] = []
    for n, slide in enumerate(deck.slides):
        diags.slide = slide.number
        css_background, above = css.background(slide) if css is not None else (None, False)
        layer = css.background_color(slide) if css is not None else None
        if layer is not None and slide.background.color is None and slide.background.is_empty:
            slide = replace(slide, background=replace(slide.background, color=layer))
        background = _background(slide, theme, page, images, css_background, above)
        if master_bg is not None and slide.background.is_empty:
            background = SlideBackground(background.color, master_bg)
        typesetter.take_lost()
        notes = notes_paragraphs(slide.notes, typesetter, theme)
        notes_lost = typesetter.take_lost()
        position = where.get(slide.number)
        parts = _laid_parts(slide, n, slide_context(slide, n), background, notes, options)
        slides.extend(replace(laid, position=position) for laid in parts)
        _report_missing(typesetter.take_lost(), "this slide", slide.line, diags)
        _report_missing(notes_lost, "the notes of this slide", slide.notes_line or slide.line,
                        diags)  # fmt: skip
    diags.slide = None
    if deck.options.slide_number is not None:
        slides = _numbered(slides, deck.options.slide_number)
    meta = deck.meta
    if options.template is not None:
        slides = template_slides(slides, options.template, typesetter, theme.main_font, diags,
                                 lambda data: _picture_key(images, data, diags),
                                 meta.footer, meta.date, theme.contrast_text_color)  # fmt: skip
    elif meta.footer or meta.date:  # reveal-md shows neither
        given = [n for n, v in (("footer", meta.footer), ("date", meta.date)) if v]
        diags.info("template", f"{' and '.join(given)} shown only with --template (in its layouts' "
                   "footer and date placeholders; reveal-md shows neither)"
                   + ("; the date still dates the document" if meta.date else ""),
                   meta.footer_line if meta.footer else meta.date_line)  # fmt: skip
    for line in font_report(fonts):
        diags.info("font", line)
    title = deck.meta.title or next((s.title for s in deck.slides if s.title), None)
    return LaidOutDeck(
        page.width,
        page.height,
        tuple(slides),
        images.table,
        title,
        page.scale,
        deck.options,
        options.template,
        options.template is not None and not options.explicit_theme,
        master_art,
        deck.meta.lang,
    )


def _laid_parts(
    slide: Slide,
    index: int,
    ctx: SlideContext,
    background: SlideBackground,
    notes: tuple[TextParagraph, ...],
    options: LayoutOptions,
) -> list[LaidOutSlide]:
    """The slide laid out (its parts, when it is split); in a template's look, as if typed into
    the template (`template_parts`: the title in the title placeholder)."""
    template = options.template
    if template is not None and not options.explicit_theme:
        found = template_parts(slide, index, ctx, background, notes, template,
                               lambda s, c: layout_parts(s, c, background, notes))  # fmt: skip
        if found is not None:
            return found
    return layout_parts(slide, ctx, background, notes)


def _kind_contexts(
    ctx: SlideContext, options: LayoutOptions
) -> Callable[[Slide, int], SlideContext]:
    """The slide context of each slide: in a template's look, the text styles of the layout
    its kind of slide uses (the title slide's master, a section header's title...)."""
    template = options.template
    if template is None or options.explicit_theme:
        return lambda _slide, _index: ctx
    made: dict[SlideKind, SlideContext] = {}

    def context(slide: Slide, index: int) -> SlideContext:
        kind = predicted_kind(slide, index, ctx.css)
        if kind is None:
            return ctx
        if kind not in made:
            assert template is not None
            made[kind] = replace(ctx, theme=kind_theme(ctx.theme, template, ctx.page.scale, kind))
        return made[kind]

    return context


def _picture_key(images: _Images, data: bytes, diags: Diagnostics) -> str | None:
    """A picture of the template's masters or layouts stored once, its key (None: skipped)."""
    loaded = images.store.load_bytes(data, name="template picture")
    if isinstance(loaded, ImageProblem):
        diags.info("template", f"a picture of the template is not drawn: {loaded.reason}")
        return None
    return images.add(loaded)


def _template_art(
    options: LayoutOptions, page: Page, images: _Images, diags: Diagnostics
) -> tuple[tuple[PictureBox, ...], str | None]:
    """The template master's pictures as boxes in points, and its background picture's key
    when the slides take the template's look (the PDF backends draw both; the PPTX inherits
    them from the master)."""
    template = options.template
    if template is None:
        return (), None
    boxes: list[PictureBox] = []
    for data, (x, y, w, h) in template.master_art:
        loaded = images.store.load_bytes(data, name="template master picture")
        if isinstance(loaded, ImageProblem):
            diags.info("template", f"a master picture of the template is skipped: {loaded.reason}")
            continue
        key = images.add(loaded)
        x_pt, y_pt, w_pt, h_pt = (value / EMU_PER_PT for value in (x, y, w, h))
        boxes.append(PictureBox(x_pt, y_pt, w_pt, h_pt, key))
    background = None
    if template.master_background_image is not None and not options.explicit_theme:
        loaded = images.store.load_bytes(template.master_background_image, name="background")
        if not isinstance(loaded, ImageProblem):
            background = images.add(loaded)
    return tuple(boxes), background


def _background(
    slide: Slide,
    theme: Theme,
    page: Page,
    images: _Images,
    css: CssBackground | None = None,
    above: bool = False,
) -> SlideBackground:
    """The slide's background: its `data-background-*`, and the background image the deck's
    CSS gives its `section` (over a `data-background` colour) or the page (only where the
    slide has no `data-background`), drawn over the whole slide."""
    bg = slide.background
    source = images.css_source(css.url) if css is not None else None
    free = bg.image is None and bg.gradient is None if above else bg.is_empty
    if css is not None and source is not None and free:
        bg = replace(bg, image=source, size=css.size, position=css.position, repeat=css.repeat,
                     color=bg.color or css.color)  # fmt: skip
    base = bg.color if bg.color is not None else theme.background
    if base.a < 1.0:  # a see-through colour shows the theme's background through it
        base = base.over(theme.background)
    gradient = bg.gradient
    if gradient is None and bg.color is None:
        gradient = theme.background_gradient
    loaded = None
    if bg.image is not None and bg.image.kind in ("file", "data"):
        loaded = images.load(Image(bg.image))
    if gradient is None and loaded is None:
        return SlideBackground(base)
    width = round(page.width * BACKGROUND_PX_PER_PT)
    height = round(page.height * BACKGROUND_PX_PER_PT)
    data = compose_background(
        width,
        height,
        base,
        gradient,
        loaded,
        bg.size,
        bg.position,
        bg.repeat,
        bg.opacity,
        px_scale=page.scale * BACKGROUND_PX_PER_PT,
    )
    if data is None:
        return SlideBackground(base)
    return SlideBackground(base, images.add_bytes(data, width, height))


def _report_missing(lost: str, where: str, line: int, diags: Diagnostics) -> None:
    """A `missing-glyph` warning for characters no installed font has: they are kept in the
    text, but drawn as .notdef boxes in the PDF."""
    if lost:
        codes = ", ".join(f"U+{ord(c):04X}" for c in lost)
        diags.warning(
            "missing-glyph",
            f"no installed font has {lost!r} ({codes}) on {where}: drawn as boxes in the "
            "PDF; install a font for it (see the README, Fonts)",
            line,
        )


def font_report(fonts: FontLibrary) -> list[str]:
    """One line per family list resolved (the file used, and when it stands in for the family
    asked for, the name the PPTX writes) and per script served by a fallback face."""
    lines: dict[str, None] = {}
    for requested, chosen, path in fonts.report():
        first = requested.split(",")[0].strip()
        office = office_family(chosen)
        line = f"font {requested} -> {chosen} ({Path(path).name})"
        if normalise(first) != normalise(chosen):
            line += f"; substituted for {first}"
        if office != chosen:
            line += f"; the PPTX names {office} (same metrics)" if is_metric_clone(chosen) else (
                f"; the PPTX names {office}")  # fmt: skip
        lines[line] = None
    for face, scripts in fonts.fallback.used().items():
        lines[f"fallback for {', '.join(sorted(scripts))} -> {face.family} "
              f"({face.path.name}{f'#{face.index}' if face.index else ''})"] = None  # fmt: skip
    return sorted(lines)
