"""PPTX text: laid-out paragraphs as DrawingML paragraph XML.

Input: `TextParagraph`s from layout (and, for `write_paragraphs`, a text body element).
Output: paragraphs with explicit run fonts, sizes, colours, bullets, indents and spacing, so
PowerPoint and LibreOffice show what layout measured. The XML is generated as text and parsed
once per text body: python-pptx's object API costs about ten XPath look-ups per run, which
made text the slowest part of a 1000-slide deck. Nothing is decided here.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from lxml import etree
from pptx.oxml.ns import qn
from pptx.util import Emu

from converter.layout.boxes import (
    Bullet,
    LaidOutDeck,
    TextBox,
    TextParagraph,
    TextRun,
    paragraph_size,
)
from converter.layout.geometry import EMU_PER_PT
from converter.style.color import Color
from converter.style.themes import SINGLE_LINE
from converter.template.styles import Looks, Spacing, TextLook, unicode_bullet
from converter.text.office import (
    clean_lang,
    cs_typeface,
    ea_typeface,
    office_family,
    run_language,
    run_script,
)
from converter.text.scripts import cjk_variant

A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_ALGN = {"left": "l", "center": "ctr", "right": "r"}

LinkId = Callable[[str], str | None]  # href -> its `a:hlinkClick` element, or None for no link


def emu(points: float) -> Emu:
    return Emu(round(points * EMU_PER_PT))


# Characters XML 1.0 cannot hold. The reader drops them from the deck already; this is the
# second line of defence, so no string can ever make lxml (or PowerPoint) reject the file.
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_text(text: str) -> str:
    """Text escaped for XML character data, without characters XML cannot hold."""
    return escape(_XML_INVALID.sub("", text))


def xml_attr(text: str) -> str:
    """Text quoted as an XML attribute value, without characters XML cannot hold."""
    return quoteattr(_XML_INVALID.sub("", text))


def _sz(points: float) -> int:
    """A font size in hundredths of a point, rounded DOWN to a tenth of a point: never larger
    than what layout measured, or a line that just fits would wrap in PowerPoint."""
    return max(100, math.floor(points * 10 + 1e-6) * 10)


_RPR_CACHE: dict[tuple[object, ...], tuple[str, str]] = {}


# requested CSS family -> the typeface written instead; a template sets its theme fonts here
# ("+mj-lt" / "+mn-lt") so runs follow the template's fonts (see `theme_fonts`)
THEME_FONTS: dict[str, str] = {}
# the theme font references of the template being written ("+mj-lt", "+mn-lt") -> its faces
THEME_FACES: dict[str, str] = {}
# the template's scheme colours by value ("#1f2a44" -> "tx1"): a run in one of them refers to
# it (`a:schemeClr`), so it follows the template's theme (see `theme_fonts`)
THEME_COLORS: dict[str, str] = {}
# the looks (one per level) of the template placeholder whose text is being written: runs
# state only what differs from them, the rest they inherit (see `inherited_looks`)
INHERITED: list[Looks] = []
# the font scale of the text being written into a template placeholder (`normAutofit
# fontScale`): its runs' sizes are stated and compared unscaled
SCALE: list[float] = []
# the language of the deck being written (a clean BCP 47 tag), set by `theme_fonts`
DECK: dict[str, str | None] = {"lang": None}


@contextmanager
def theme_fonts(deck: LaidOutDeck) -> Iterator[None]:
    """While a deck is written: its language, for the runs' `lang` and East Asian fonts; and,
    in a template's fonts, its heading and body families written as the theme's major and
    minor fonts (`+mj-lt`, `+mn-lt`): the template's fonts, whatever face layout measured."""
    DECK["lang"] = clean_lang(deck.lang)
    template = deck.template
    if template is not None and deck.theme_from_template:
        if template.major_font:
            THEME_FONTS[template.major_font] = "+mj-lt"
        if template.minor_font:
            THEME_FONTS.setdefault(template.minor_font, "+mn-lt")
    if template is not None and deck.theme_from_template:
        for name, ref in _SCHEME_REFS:
            color = template.colors.get(name)
            if color is not None:
                THEME_COLORS.setdefault(color.hex.lower(), ref)
    if template is not None:
        THEME_FACES["+mj-lt"] = template.major_font or ""
        THEME_FACES["+mn-lt"] = template.minor_font or ""
    try:
        yield
    finally:
        THEME_FONTS.clear()
        THEME_FACES.clear()
        THEME_COLORS.clear()
        DECK["lang"] = None


# a template's scheme colours and the names runs refer to them by (through the master's
# colour map: text and background as tx1/bg1...)
_SCHEME_REFS = (("dk1", "tx1"), ("lt1", "bg1"), ("dk2", "tx2"), ("lt2", "bg2"),
                *((f"accent{n}", f"accent{n}") for n in range(1, 7)),
                ("hlink", "hlink"), ("folHlink", "folHlink"))  # fmt: skip


@contextmanager
def inherited_looks(looks: Looks | None, scale: float = 1.0) -> Iterator[None]:
    """While a template placeholder's text is written: its runs leave out the size, colour,
    face, bold and italic its text style gives them (`looks`, per level; None: state all);
    with `scale` < 1 (layout shrank the text to fit), sizes are those before the shrinking,
    which the body's `a:normAutofit fontScale` applies, as PowerPoint writes a shrunk body."""
    INHERITED.append(looks or ())
    SCALE.append(scale if looks else 1.0)
    try:
        yield
    finally:
        INHERITED.pop()
        SCALE.pop()


def _flag(name: str, value: bool, inherited: bool | None) -> str | None:
    """`b="1"`-like attribute for a run: None where the text style already says so."""
    if inherited is None:
        return f'{name}="1"' if value else None
    return None if value == inherited else f'{name}="{int(value)}"'


def latin_lang() -> str:
    """The `lang` of Latin text in the deck being written (its language, or en-US)."""
    return run_language("latin", DECK["lang"])


def solid_fill(color: Color, scheme: str | None = None) -> str:
    """A solid fill of `color`, with its alpha when it is translucent (CSS `opacity`); as a
    reference to the template's `scheme` colour of that value when given."""
    alpha = f'<a:alpha val="{round(color.a * 100000)}"/>' if color.a < 1.0 else ""
    if scheme is not None:
        return f'<a:solidFill><a:schemeClr val="{scheme}">{alpha}</a:schemeClr></a:solidFill>'

    hex_value = color.hex[1:].upper()
    return f'<a:solidFill><a:srgbClr val="{hex_value}">{alpha}</a:srgbClr></a:solidFill>'


def _rpr_parts(run: TextRun, tag: str, look: TextLook | None = None) -> tuple[str, str]:
    """The run properties before and after the (optional) hyperlink, cached by look and by the
    text's font slot and script: a deck has a handful of distinct run looks and tens of
    thousands of runs. With `look` (a template placeholder's text style at the paragraph's
    level), what it already gives the run is left out: the text inherits it."""
    theme_font = (
        THEME_FONTS.get(run.font.requested[0]) if THEME_FONTS and run.font.requested else None
    )
    slot, script = run_script(run.text)
    deck_lang = DECK["lang"]
    scheme = THEME_COLORS.get(run.color.hex.lower()) if THEME_COLORS else None
    key = (
        tag,
        run.size,
        run.bold,
        run.italic,
        run.underline,
        run.strike,
        run.baseline,
        run.color,
        run.font.family,
        run.code or run.font.primary.monospace,
        theme_font,
        slot,
        script,
        deck_lang,
        run.font.tracking,
        look,
        SCALE[-1] if SCALE else 1.0,
        scheme,
    )
    found = _RPR_CACHE.get(key)
    if found is not None:
        return found
    # kern="0": layout measured without kerning (as the PDF draws), so PowerPoint and
    # LibreOffice must not kern either, or their lines would break elsewhere
    lang = xml_attr(run_language(script, deck_lang))
    styled = look is not None  # in a template placeholder: unstated bold/italic is off
    look = look or _NO_LOOK
    bold, italic = (bool(look.bold), bool(look.italic)) if styled else (None, None)
    scale = SCALE[-1] if SCALE and styled else 1.0
    size = run.size / scale  # before `fontScale`
    inherited_size = look.size is not None and abs(size - look.size) < 0.05
    attrs = [f"lang={lang}" + ("" if inherited_size else f' sz="{_sz(size)}"') + ' kern="0"']
    attrs += [a for a in (_flag("b", run.bold, bold), _flag("i", run.italic, italic))
              if a is not None]  # fmt: skip
    if run.underline:
        attrs.append('u="sng"')
    if run.strike:
        attrs.append('strike="sngStrike"')
    if run.baseline:
        attrs.append(f'baseline="{round(run.baseline * 100000)}"')
    if run.font.tracking:  # CSS letter-spacing, in hundredths of a point
        attrs.append(f'spc="{round(run.font.tracking * run.size * 100)}"')
    office = quoteattr(office_family(run.font.family))
    requested = run.font.requested[0] if run.font.requested else None
    same_face = look.typeface is not None and (
        look.typeface in (theme_font, requested) or THEME_FACES.get(look.typeface) == requested)
    same_color = look.color is not None and run.color == look.color
    head = (
        f'<{tag} {" ".join(attrs)} dirty="0">'
        + ("" if same_color else solid_fill(run.color, scheme))
        + ("" if same_face and not run.code
           else f"<a:latin typeface={quoteattr(theme_font) if theme_font else office}/>")
    )  # fmt: skip
    if run.code or run.font.primary.monospace:
        # the East Asian and complex-script slots too, so CJK or RTL code stays monospace
        head += f"<a:ea typeface={office}/><a:cs typeface={office}/>"
    elif slot == "ea":
        # PowerPoint and LibreOffice draw CJK with the `a:ea` font, whatever `a:latin` says
        head += f'<a:ea typeface="{ea_typeface(cjk_variant(deck_lang, script))}"/>'
    elif slot == "cs":
        head += f'<a:cs typeface="{cs_typeface(script)}"/>'
    found = _RPR_CACHE[key] = (head, f"</{tag}>")
    if len(_RPR_CACHE) > 4096:
        _RPR_CACHE.clear()
    return found


_NO_LOOK = TextLook()


def _rpr(run: TextRun, link_id: LinkId, tag: str = "a:rPr", look: TextLook | None = None) -> str:
    head, tail = _rpr_parts(run, tag, look)
    if run.link:
        hlink = link_id(run.link)
        if hlink is not None:
            return head + hlink + tail
    return head + tail


def _algn(para: TextParagraph) -> str:
    """`algn` (and `rtl`): a right-to-left paragraph that is not centred is right aligned,
    and needs `rtl="1"` and `algn="r"` both (LibreOffice keeps it left aligned otherwise)."""
    if not para.rtl:
        return f'algn="{_ALGN[para.align]}"'
    return 'algn="ctr" rtl="1"' if para.align == "center" else 'algn="r" rtl="1"'


def _inherits(look: TextLook | None, stated: float, inherited: float, tolerance: float) -> bool:
    return look is not None and abs(stated - inherited) <= tolerance


def _ppr(para: TextParagraph, math: bool = False, place: Place | None = None) -> str:
    """A paragraph's properties. In a template placeholder (`place`: the text style of its
    level and of the paragraph before it), only what differs from what it inherits: indents,
    alignment, line spacing, the space between paragraphs (the space after the one before
    and the space before this one, added as PowerPoint and LibreOffice add them; none before
    the first, which LibreOffice ignores even when stated) and the bullet (its character,
    colour and size)."""
    look = place.look if place is not None else None
    size = paragraph_size(para)
    bullet = para.bullet
    mar_l = para.indent * EMU_PER_PT
    indent = -para.hanging * EMU_PER_PT if bullet is not None else 0.0
    half = EMU_PER_PT / 2
    attrs = ""
    if not _inherits(look, mar_l, ((look and look.margin) or 0.0) * EMU_PER_PT, half):
        attrs += f' marL="{round(mar_l)}"'
    if not _inherits(look, indent, ((look and look.indent) or 0.0) * EMU_PER_PT, half):
        attrs += f' indent="{round(indent)}"'
    if para.level:
        attrs += f' lvl="{min(para.level, 8)}"'
    if look is None or para.rtl or _ALGN[para.align] != (look.align or "l"):
        attrs += f" {_algn(para)}"
    parts = [f"<a:pPr{attrs}>"]
    line = (look.line_spacing.points(size, line=True) / size
            if look is not None and look.line_spacing else SINGLE_LINE)  # fmt: skip
    # inherited only when single: LibreOffice sets a proportional spacing's extra leading
    # above the line, where layout (and a spacing stated in points) sets half above, half below
    single = abs(line - SINGLE_LINE) < 0.005
    if not (single and _inherits(look, para.line_spacing, line, 0.005)):
        if math:  # a multiple of single spacing (1.2 em), which grows with a tall formula
            # where exact points would let it overlap the lines around it
            spacing = f'<a:spcPct val="{round(para.line_spacing / SINGLE_LINE * 100000)}"/>'
        else:
            spacing = f'<a:spcPts val="{round(para.line_spacing * size * 100)}"/>'
        parts.append(f"<a:lnSpc>{spacing}</a:lnSpc>")
    if place is None or place.state_before:
        parts.append(f'<a:spcBef><a:spcPts val="{round(para.space_before * 100)}"/></a:spcBef>')
    if place is None or place.zero_after:
        parts.append('<a:spcAft><a:spcPts val="0"/></a:spcAft>')
    parts.append(_bullet_xml(bullet, size, look))
    parts.append("</a:pPr>")
    return "".join(parts)


def _bullet_xml(bullet: Bullet | None, size: float, look: TextLook | None) -> str:
    """A paragraph's marker: a number, a character (its colour, size and font) or none;
    what the template's text style gives already left out."""
    if bullet is None:
        return "" if look is not None and look.bullet == "" else "<a:buNone/>"
    parts = []
    inherited_color = (look.bullet_color or look.color) if look is not None else None
    if bullet.color is not None and bullet.color != inherited_color:
        parts.append(f'<a:buClr><a:srgbClr val="{bullet.color.hex[1:7].upper()}"/></a:buClr>')
    if bullet.number is not None:
        if look is not None and look.bullet_size not in (None, 1.0):  # numbers at text size
            parts.append('<a:buSzPct val="100000"/>')
        parts.append(
            f'<a:buFontTx/><a:buAutoNum type="{bullet.style}" '
            f'startAt="{max(1, min(bullet.start, 32767))}"/>'
        )
        return "".join(parts)
    fraction = bullet.size / size if bullet.size and size else 1.0
    inherited_size = (look.bullet_size or 1.0) if look is not None else 1.0
    if abs(fraction - inherited_size) > 0.01:
        parts.append(f'<a:buSzPct val="{round(fraction * 100000)}"/>')
    inherited_char = (unicode_bullet(look.bullet, look.bullet_font)
                      if look is not None and look.bullet else None)  # fmt: skip
    if bullet.char and bullet.char != inherited_char:
        font = quoteattr(office_family(bullet.font.family) if bullet.font else "Arial")
        parts.append(f"<a:buFont typeface={font}/><a:buChar char={quoteattr(bullet.char)}/>")
    return "".join(parts)


@dataclass(frozen=True)
class Place:
    """A paragraph of a template placeholder: its level's text style, whether it states its
    space before (the gap above it is not the one it inherits) and a space after of 0 (the
    next one states the whole gap, or it is the last)."""

    look: TextLook
    state_before: bool = False
    zero_after: bool = False


def _no_link(_href: str) -> None:
    return None


def _room(run: TextRun, line_spacing: float) -> TextRun:
    """The run that keeps a picture's room in its line (layout places a picture shape over
    it): a no-break space, letter-spaced (`spc`) to the picture's width, in a paragraph spaced
    as a multiple of single spacing (`_ppr`), at a size whose ascent there reaches the
    picture's top: the line's text then sits on the picture's bottom, as layout set it (the
    line itself comes out somewhat taller than layout's)."""
    picture = run.image
    assert picture is not None
    font = run.font.tracked(0.0) if run.font.tracking else run.font
    rise = font.ascent_pt(1.0) * max(line_spacing, 0.5) / 1.2  # the ascent per point of size
    size = min(max(run.size, picture.height / rise if rise > 0 else 0.0), 3000.0)
    spare = picture.width - font.width(run.text, size)
    # the picture shape holds the link: no underlined link over the room
    return replace(run, font=font.tracked(spare / size), size=size, image=None, link=None,
                   underline=False, strike=False)


def paragraphs_xml(paragraphs: tuple[TextParagraph, ...], link_id: LinkId,
                   math: bool = False) -> str:  # fmt: skip
    """The paragraphs of a text body (in a template placeholder, each knowing the one before
    it: they inherit the spacing between them)."""
    looks = INHERITED[-1] if INHERITED else ()
    if not looks:
        return "".join(paragraph_xml(p, link_id, math) for p in paragraphs)
    own = [_level_look(looks, p) for p in paragraphs]
    # whether the gap above each paragraph is the one it inherits: the space after the one
    # before plus its own space before (PowerPoint and LibreOffice add both); none above the
    # first, where neither adds any, even when stated
    stated = [p.space_before > 0.05 for p in paragraphs[:1]]
    for k in range(1, len(paragraphs)):
        gap = (_points(own[k].space_before, paragraphs[k])
               + _points(own[k - 1].space_after, paragraphs[k - 1]))  # fmt: skip
        stated.append(abs(paragraphs[k].space_before - gap) > 0.05)
    out = []
    for k, para in enumerate(paragraphs):
        last = k == len(paragraphs) - 1
        after = _points(own[k].space_after, para) > 0
        zero_after = after and (last or stated[k + 1])  # the next one states the whole gap
        out.append(paragraph_xml(para, link_id, math, Place(own[k], stated[k], zero_after)))
    return "".join(out)


def _points(spacing: Spacing | None, para: TextParagraph) -> float:
    return spacing.points(paragraph_size(para)) if spacing is not None else 0.0


def _level_look(looks: Looks, para: TextParagraph) -> TextLook:
    return looks[min(para.level, len(looks) - 1)]


def paragraph_xml(para: TextParagraph, link_id: LinkId, math: bool = False,
                  place: Place | None = None) -> str:  # fmt: skip
    """A paragraph; formulas as their source text, or with `math` (the ``a14`` Choice of a
    shape wrapped as `converter.render.pptx.formulas` wraps it) as Office Math: ``m:oMath``
    between the runs, or ``m:oMathPara`` for a displayed formula alone in its paragraph."""
    math = math and any(r.math is not None for r in para.runs)
    if math:
        from converter.math.omml import latex_to_omml  # deferred: only decks with math
    # a multiple of single spacing where a formula or a picture makes a line taller
    # (and in a shrunk template body, whose sizes `fontScale` scales: so do its lines)
    shrunk = bool(SCALE) and SCALE[-1] < 0.9995
    spaced = math or shrunk or any(r.image is not None for r in para.runs)
    parts = ["<a:p>", _ppr(para, spaced, place)]
    last: TextRun | None = None
    alone = len(para.runs) == 1
    looks = INHERITED[-1] if INHERITED else ()
    look = looks[min(para.level, len(looks) - 1)] if looks else None
    for run in para.runs:
        if run.is_break:
            parts.append(f"<a:br>{_rpr(run, link_id, look=look)}</a:br>")
            continue
        if math and run.math is not None:
            display = run.math.display and alone
            parts.append(f"<a14:m>{latex_to_omml(run.math.latex, display=display)}</a14:m>")
            last = run
            continue
        shown = run if run.image is None else _room(run, para.line_spacing)
        parts.append(f"<a:r>{_rpr(shown, link_id, look=look)}<a:t>{xml_text(shown.text)}</a:t>"
                     "</a:r>")
        last = run
    if last is not None:
        parts.append(_rpr(last, _no_link, "a:endParaRPr", look))
    elif para.runs:  # line breaks only: their look (font, size, colour)
        parts.append(_rpr(para.runs[0], _no_link, "a:endParaRPr", look))
    else:
        sz = _sz(paragraph_size(para) / (SCALE[-1] if SCALE else 1.0))
        parts.append(f'<a:endParaRPr lang={xml_attr(latin_lang())} sz="{sz}" dirty="0"/>')
    parts.append("</a:p>")
    return "".join(parts)


def body_pr(box: TextBox, wrap: bool) -> str:
    """A text box's `a:bodyPr`: wrapping, insets and anchor (none of them where the box is
    its template placeholder's and inherits them), never autofit (layout fitted the text)."""
    frame = ""
    if not box.inherits_frame:
        left, top, right, bottom = (round(v * EMU_PER_PT) for v in box.insets or (box.inset,) * 4)
        frame = (f' lIns="{left}" tIns="{top}" rIns="{right}" bIns="{bottom}"'
                 f' anchor="{box.anchor}"')  # fmt: skip
    return (f'<a:bodyPr wrap="{"square" if wrap else "none"}"{frame} rtlCol="0">'
            "<a:noAutofit/></a:bodyPr>")  # fmt: skip


def write_paragraphs(body: Any, paragraphs: tuple[TextParagraph, ...], link_id: LinkId) -> None:
    """Replace the paragraphs of a text body (`p:txBody` / `a:txBody`) by the laid-out ones
    (formulas as their LaTeX source: the notes, where PowerPoint keeps no equations)."""
    for p in body.findall(qn("a:p")):
        body.remove(p)
    xml = paragraphs_xml(paragraphs, link_id) or "<a:p/>"
    parsed = etree.fromstring(f'<a:txBody xmlns:a="{A_NS}" xmlns:r="{R_NS}">{xml}</a:txBody>')
    for p in list(parsed):
        body.append(p)
