"""The MathML -> OMML construct writers: one method a MathML element.

Input: a namespace-free, checked MathML element and the context (display style, inherited
``mathvariant``). Output: the list of OMML elements (namespace `M_NS`) standing for it; see
`converter.math.omml` for what each construct becomes. Rows are read by
`converter.math.omml_rows`, characters looked up in `converter.math.omml_tables`. Raises
`MathError` for an element it has no writer for.
"""

from __future__ import annotations

import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from converter.math.errors import MathError
from converter.math.omml_rows import (
    ALIGN,
    ends_operand,
    fence_char,
    is_break,
    is_empty,
    is_fenced_mrow,
    is_limit_op,
    nary_parts,
    normalise,
    op_text,
    operand_end,
    space_em,
    split_lines,
    text_of,
    unwrap,
)
from converter.math.omml_tables import (
    ACCENTS,
    BARS,
    CLOSERS,
    GROUP_CHARS,
    INTEGRALS,
    LENGTH,
    XML_SPACE,
    char_style,
    m_tag,
    unicode_spaces,
)


@dataclass(frozen=True, slots=True)
class Ctx:
    display: bool
    variant: str | None = None



class Converter:
    """MathML (namespace-free, checked) -> lists of OMML elements."""

    # -- rows --------------------------------------------------------------------------------

    def row(self, children: list[ET.Element], ctx: Ctx) -> list[ET.Element]:
        items = normalise(children)
        lines = split_lines(items)
        if len(lines) > 1:
            return [self._eq_array([self._line(line, ctx) for line in lines])]
        out = self._line(items, ctx)
        return [el for el in out if el.tag != ALIGN]


    def _line(self, items: list[ET.Element], ctx: Ctx) -> list[ET.Element]:
        out: list[ET.Element] = []
        i = 0
        n = len(items)
        while i < n:
            el = items[i]
            if el.tag == ALIGN:
                out.append(el)
                i += 1
                continue
            nary = nary_parts(el)
            if nary is not None:
                char, sub, sup, under_over = nary
                end = operand_end(items, i + 1, char in INTEGRALS)
                operand = self.row(items[i + 1 : end], ctx)
                out.append(self._nary(char, sub, sup, under_over, operand, ctx))
                i = end
                continue
            if (
                el.tag in ("msup", "msub", "msubsup")
                and len(el)
                and is_empty(el[0])
                and i + 1 < n
                and not ends_operand(items[i + 1])
            ):
                out.append(self._pre_script(el, items[i + 1], ctx))
                i += 2
                continue
            out.extend(self.convert(el, ctx))
            i += 1
        return out


    def convert(self, el: ET.Element, ctx: Ctx) -> list[ET.Element]:
        tag = el.tag
        handler = _HANDLERS.get(tag)
        if handler is None:
            raise MathError(text_of(el), f"unsupported MathML element <{tag}>")
        return handler(self, el, ctx)

    def arg(self, el: ET.Element, ctx: Ctx) -> list[ET.Element]:
        """One MathML argument as the content of an OMML argument element."""
        if el.tag == "mrow" and not is_fenced_mrow(el):
            return self.row(list(el), ctx)
        return self.row([el], ctx)

    def wrap(self, tag: str, content: Iterable[ET.Element]) -> ET.Element:
        wrapper = ET.Element(m_tag(tag))
        wrapper.extend(content)
        return wrapper

    def on(self, parent: ET.Element, tag: str, value: str | None = None) -> ET.Element:
        attrib = {} if value is None else {m_tag("val"): value}
        return ET.SubElement(parent, m_tag(tag), attrib)

    # tokens

    def run(self, text: str, *, sty: str | None = None, scr: str | None = None,
            nor: bool = False) -> ET.Element:
        r = ET.Element(m_tag("r"))
        if sty or scr or nor:
            props = ET.SubElement(r, m_tag("rPr"))
            if nor:
                self.on(props, "nor")
            else:
                if scr:
                    self.on(props, "scr", scr)
                if sty:
                    self.on(props, "sty", sty)
        t = ET.SubElement(r, m_tag("t"))
        t.text = text
        if text != text.strip():
            t.set(XML_SPACE, "preserve")
        return r

    def styled_runs(self, text: str, variant: str | None, *, default: str | None
                    ) -> list[ET.Element]:
        """Runs for `text`, one per stretch of the same style (math letters decomposed)."""
        pieces: list[tuple[str, str | None, str | None]] = []
        for ch in text:
            scr, sty, base = char_style(ch, variant, default)
            if pieces and pieces[-1][1:] == (scr, sty):
                pieces[-1] = (pieces[-1][0] + base, scr, sty)
            else:
                pieces.append((base, scr, sty))
        return [self.run(chunk, sty=sty, scr=scr) for chunk, scr, sty in pieces]

    def mi(self, el: ET.Element, ctx: Ctx) -> list[ET.Element]:
        text = (el.text or "").strip() if len(el) == 0 else text_of(el).strip()
        if not text:
            return []
        variant = el.get("mathvariant") or ctx.variant
        if len(text) > 1:
            default: str | None = "p"  # function names: sin, log, ...
        elif unicodedata.category(text) == "Lu" and "GREEK" in unicodedata.name(text, ""):
            default = "p"  # TeX sets capital Greek upright
        else:
            default = None
        return self.styled_runs(text, variant, default=default)

    def mn(self, el: ET.Element, ctx: Ctx) -> list[ET.Element]:
        text = text_of(el).strip()
        return self.styled_runs(text, el.get("mathvariant") or ctx.variant, default=None) \
            if text else []

    def mo(self, el: ET.Element, ctx: Ctx) -> list[ET.Element]:
        if len(el):  # \mathop{...}: its content, set upright
            return self.row(list(el), replace(ctx, variant=ctx.variant or "normal"))
        text = (el.text or "").strip()
        if not text:
            return []
        has_letters = any(ch.isalpha() for ch in text)
        return self.styled_runs(text, el.get("mathvariant") or ctx.variant,
                                default="p" if has_letters else None)

    def mtext(self, el: ET.Element, ctx: Ctx) -> list[ET.Element]:
        text = text_of(el).replace("\u00a0", " ")  # latex2mathml's spaces in \text{}
        return [self.run(text, nor=True)] if text else []

    def ms(self, el: ET.Element, ctx: Ctx) -> list[ET.Element]:
        return [self.run(f"\"{text_of(el)}\"", nor=True)]

    def mspace(self, el: ET.Element, ctx: Ctx) -> list[ET.Element]:
        if is_break(el):
            return []
        spaces = unicode_spaces(space_em(el))
        return [self.run(spaces)] if spaces else []

    # layout schemata

    def mrow(self, el: ET.Element, ctx: Ctx) -> list[ET.Element]:
        children = list(el)
        if not is_fenced_mrow(el):
            return self.row(children, ctx)
        return [self._delimited(children, el.get("_fence", "grow") == "grow", ctx)]

    def _delimited(self, children: list[ET.Element], grow: bool, ctx: Ctx) -> ET.Element:
        first = children[0]
        last = children[-1] if len(children) > 1 else None
        closing = last is not None and last.tag == "mo" and (
            last.get("form") == "postfix" or (fence_char(last) or "") in CLOSERS
            or (last.get("fence") == "true" and not (last.text or "").strip())
        )
        inner = children[1:-1] if closing else children[1:]
        parts: list[list[ET.Element]] = [[]]
        separator = ""
        for child in inner:
            if child.tag == "mo" and child.get("fence") == "true" and not child.get("form"):
                separator = separator or (child.text or "").strip()
                parts.append([])
            else:
                parts[-1].append(child)
        d = ET.Element(m_tag("d"))
        props = ET.SubElement(d, m_tag("dPr"))
        self.on(props, "begChr", (first.text or "").strip())
        self.on(props, "sepChr", separator)  # written empty too, as pandoc does
        self.on(props, "endChr", (last.text or "").strip() if closing and last is not None else "")
        if grow:
            self.on(props, "grow")
        else:
            self.on(props, "grow", "off")
        for part in parts:
            d.append(self.wrap("e", self.row(part, ctx)))
        return d

    def mstyle(self, el: ET.Element, ctx: Ctx) -> list[ET.Element]:
        inner = ctx
        if el.get("displaystyle") in ("true", "false"):
            inner = replace(inner, display=el.get("displaystyle") == "true")
        if el.get("mathvariant"):
            inner = replace(inner, variant=el.get("mathvariant"))
        return self.row(list(el), inner)

    def passthrough(self, el: ET.Element, ctx: Ctx) -> list[ET.Element]:
        return self.row(list(el), ctx)

    def nothing(self, el: ET.Element, ctx: Ctx) -> list[ET.Element]:
        return []

    def semantics(self, el: ET.Element, ctx: Ctx) -> list[ET.Element]:
        return self.arg(el[0], ctx) if len(el) else []

    def mfrac(self, el: ET.Element, ctx: Ctx) -> list[ET.Element]:
        f = ET.Element(m_tag("f"))
        props = ET.SubElement(f, m_tag("fPr"))
        thickness = LENGTH.match(el.get("linethickness") or "")
        if el.get("bevelled") == "true":
            kind = "skw"
        elif thickness is not None and float(thickness.group(1)) == 0:
            kind = "noBar"
        else:
            kind = "bar"
        self.on(props, "type", kind)
        f.append(self.wrap("num", self.arg(el[0], ctx)))
        f.append(self.wrap("den", self.arg(el[1], ctx)))
        return [f]

    def msqrt(self, el: ET.Element, ctx: Ctx) -> list[ET.Element]:
        rad = ET.Element(m_tag("rad"))
        props = ET.SubElement(rad, m_tag("radPr"))
        self.on(props, "degHide", "on")
        ET.SubElement(rad, m_tag("deg"))
        rad.append(self.wrap("e", self.row(list(el), ctx)))
        return [rad]

    def mroot(self, el: ET.Element, ctx: Ctx) -> list[ET.Element]:
        rad = ET.Element(m_tag("rad"))
        rad.append(self.wrap("deg", self.arg(el[1], ctx)))
        rad.append(self.wrap("e", self.arg(el[0], ctx)))
        return [rad]

    def scripts(self, el: ET.Element, ctx: Ctx) -> list[ET.Element]:
        nary = nary_parts(el)
        if nary is not None:  # an operator without operand (e.g. alone in a group)
            char, sub, sup, under_over = nary
            return [self._nary(char, sub, sup, under_over, [], ctx)]
        base = el[0]
        tag = el.tag
        if ctx.display and is_limit_op(base):
            return self._limits(base, el[1] if tag != "msup" else None,
                                el[-1] if tag != "msub" else None, ctx)
        name = {"msup": "sSup", "msub": "sSub", "msubsup": "sSubSup"}[tag]
        node = ET.Element(m_tag(name))
        node.append(self.wrap("e", self.arg(base, ctx)))
        if tag in ("msub", "msubsup"):
            node.append(self.wrap("sub", self.arg(el[1], ctx)))
        if tag in ("msup", "msubsup"):
            node.append(self.wrap("sup", self.arg(el[-1], ctx)))
        return [node]

    def under_over(self, el: ET.Element, ctx: Ctx) -> list[ET.Element]:
        nary = nary_parts(el)
        if nary is not None:
            char, sub, sup, under_over = nary
            return [self._nary(char, sub, sup, under_over, [], ctx)]
        tag = el.tag
        base = el[0]
        under = el[1] if tag in ("munder", "munderover") else None
        over = el[-1] if tag in ("mover", "munderover") else None
        if tag == "mover" and over is not None:
            decorated = self._decorate(base, over, top=True, ctx=ctx)
            if decorated is not None:
                return [decorated]
        if tag == "munder" and under is not None:
            decorated = self._decorate(base, under, top=False, ctx=ctx)
            if decorated is not None:
                return [decorated]
        return self._limits(base, under, over, ctx)

    def _decorate(self, base: ET.Element, mark: ET.Element, *, top: bool, ctx: Ctx
                  ) -> ET.Element | None:
        """Accent, bar or brace for a one-character over/under mark, else None."""
        char = op_text(mark)
        if char is None or len(char) != 1:
            return None
        content = self.arg(base, ctx)
        if char in GROUP_CHARS:
            node = ET.Element(m_tag("groupChr"))
            props = ET.SubElement(node, m_tag("groupChrPr"))
            self.on(props, "chr", char)
            self.on(props, "pos", "top" if top else "bot")
            self.on(props, "vertJc", "bot" if top else "top")
            node.append(self.wrap("e", content))
            return node
        if char in BARS and (top or char != "_" or unwrap(mark).get("accent") == "true"):
            node = ET.Element(m_tag("bar"))
            props = ET.SubElement(node, m_tag("barPr"))
            self.on(props, "pos", "top" if top else "bot")
            node.append(self.wrap("e", content))
            return node
        if top and char in ACCENTS:
            node = ET.Element(m_tag("acc"))
            props = ET.SubElement(node, m_tag("accPr"))
            self.on(props, "chr", ACCENTS[char])
            node.append(self.wrap("e", content))
            return node
        return None

    def _limits(self, base: ET.Element, under: ET.Element | None, over: ET.Element | None,
                ctx: Ctx) -> list[ET.Element]:
        body = self.arg(base, ctx)
        if under is not None:
            low = ET.Element(m_tag("limLow"))
            low.append(self.wrap("e", body))
            low.append(self.wrap("lim", self.arg(under, ctx)))
            body = [low]
        if over is not None:
            upp = ET.Element(m_tag("limUpp"))
            upp.append(self.wrap("e", body))
            upp.append(self.wrap("lim", self.arg(over, ctx)))
            body = [upp]
        return body

    def _nary(self, char: str, sub: ET.Element | None, sup: ET.Element | None,
              under_over: bool | None, operand: list[ET.Element], ctx: Ctx) -> ET.Element:
        # under and over: asked for (\limits, latex2mathml's munderover), or a sum-like
        # operator in display style; beside: inline, and integrals
        under = bool(under_over) or (ctx.display and char not in INTEGRALS)
        loc = "undOvr" if under else "subSup"
        node = ET.Element(m_tag("nary"))
        props = ET.SubElement(node, m_tag("naryPr"))
        self.on(props, "chr", char)
        self.on(props, "limLoc", loc)
        self.on(props, "subHide", "on" if sub is None else "off")
        self.on(props, "supHide", "on" if sup is None else "off")
        node.append(self.wrap("sub", self.arg(sub, ctx) if sub is not None else []))
        node.append(self.wrap("sup", self.arg(sup, ctx) if sup is not None else []))
        node.append(self.wrap("e", operand))
        return node

    def _pre_script(self, el: ET.Element, base: ET.Element, ctx: Ctx) -> ET.Element:
        node = ET.Element(m_tag("sPre"))
        tag = el.tag
        node.append(self.wrap("sub", self.arg(el[1], ctx) if tag != "msup" else []))
        node.append(self.wrap("sup", self.arg(el[-1], ctx) if tag != "msub" else []))
        node.append(self.wrap("e", self.arg(base, ctx)))
        return node

    # tables

    def mtable(self, el: ET.Element, ctx: Ctx) -> list[ET.Element]:
        rows: list[list[ET.Element]] = []
        aligns: list[str] = []
        for tr in el:
            if tr.tag not in ("mtr", "mlabeledtr"):
                continue
            cells = [td for td in tr if td.tag == "mtd"]
            if tr.tag == "mlabeledtr":
                cells = cells[1:]
            rows.append(cells)
            for k, td in enumerate(cells):
                value = td.get("columnalign")
                if value and k >= len(aligns):
                    aligns.extend(["center"] * (k + 1 - len(aligns)))
                if value:
                    aligns[k] = value
        if not rows:
            return []
        columns = max(len(cells) for cells in rows)
        table_aligns = (el.get("columnalign") or "").split()
        for k in range(columns):
            if k >= len(aligns):
                aligns.append(table_aligns[min(k, len(table_aligns) - 1)] if table_aligns
                              else "center")
        aligned = columns >= 2 and all(
            aligns[k] == ("right" if k % 2 == 0 else "left") for k in range(columns)
        ) and el.get("displaystyle") == "true"
        inner = replace(ctx, display=True) if el.get("displaystyle") == "true" else ctx
        if aligned and columns == 2:
            lines = []
            for cells in rows:
                left = self.row(list(cells[0]), inner) if cells else []
                right = self.row(list(cells[1]), inner) if len(cells) > 1 else []
                lines.append([*left, ET.Element(ALIGN), *right])
            return [self._eq_array(lines)]
        return [self._matrix(rows, aligns[:columns], inner)]

    def _matrix(self, rows: list[list[ET.Element]], aligns: list[str], ctx: Ctx) -> ET.Element:
        node = ET.Element(m_tag("m"))
        props = ET.SubElement(node, m_tag("mPr"))
        self.on(props, "baseJc", "center")
        self.on(props, "plcHide", "on")
        mcs = ET.SubElement(props, m_tag("mcs"))
        for align in aligns:
            mc = ET.SubElement(mcs, m_tag("mc"))
            mc_props = ET.SubElement(mc, m_tag("mcPr"))
            self.on(mc_props, "count", "1")
            self.on(mc_props, "mcJc", align if align in ("left", "right") else "center")
        for cells in rows:
            mr = ET.SubElement(node, m_tag("mr"))
            for k in range(len(aligns)):
                content = self.row(list(cells[k]), ctx) if k < len(cells) else []
                mr.append(self.wrap("e", content))
        return node

    def _eq_array(self, lines: list[list[ET.Element]]) -> ET.Element:
        node = ET.Element(m_tag("eqArr"))
        for line in lines:
            node.append(self.wrap("e", apply_alignment(line)))
        return node

    def menclose(self, el: ET.Element, ctx: Ctx) -> list[ET.Element]:
        notations = set((el.get("notation") or "box").split())
        node = ET.Element(m_tag("borderBox"))
        strikes = {
            "updiagonalstrike": "strikeBLTR", "downdiagonalstrike": "strikeTLBR",
            "horizontalstrike": "strikeH", "verticalstrike": "strikeV",
        }
        if notations and notations <= set(strikes):
            props = ET.SubElement(node, m_tag("borderBoxPr"))
            for side in ("hideTop", "hideBot", "hideLeft", "hideRight"):
                self.on(props, side, "on")
            for name in ("strikeH", "strikeV", "strikeBLTR", "strikeTLBR"):
                if any(strikes[n] == name for n in notations):
                    self.on(props, name, "on")
        node.append(self.wrap("e", self.row(list(el), ctx)))
        return [node]

    def mphantom(self, el: ET.Element, ctx: Ctx) -> list[ET.Element]:
        node = ET.Element(m_tag("phant"))
        props = ET.SubElement(node, m_tag("phantPr"))
        self.on(props, "show", "off")
        node.append(self.wrap("e", self.row(list(el), ctx)))
        return [node]

    def mfenced(self, el: ET.Element, ctx: Ctx) -> list[ET.Element]:
        d = ET.Element(m_tag("d"))
        props = ET.SubElement(d, m_tag("dPr"))
        self.on(props, "begChr", el.get("open", "("))
        separators = (el.get("separators", ",") or "").replace(" ", "")
        self.on(props, "sepChr", separators[:1])
        self.on(props, "endChr", el.get("close", ")"))
        self.on(props, "grow")
        for child in el if len(el) else [ET.Element("mrow")]:
            d.append(self.wrap("e", self.arg(child, ctx)))
        return [d]

    def mmultiscripts(self, el: ET.Element, ctx: Ctx) -> list[ET.Element]:
        children = [c for c in el if c.tag != "mprescripts"]
        if len(children) < 3:
            return self.row(children, ctx)
        scripted = ET.Element("msubsup")
        scripted.extend(children[:3])
        return self.scripts(scripted, ctx)


_HANDLERS: dict[str, Callable[[Converter, ET.Element, Ctx], list[ET.Element]]] = {
    "mi": Converter.mi, "mn": Converter.mn, "mo": Converter.mo,
    "mtext": Converter.mtext, "ms": Converter.ms, "mspace": Converter.mspace,
    "mrow": Converter.mrow, "mstyle": Converter.mstyle, "mpadded": Converter.passthrough,
    "merror": Converter.passthrough, "math": Converter.passthrough,
    "semantics": Converter.semantics, "annotation": Converter.nothing,
    "none": Converter.nothing, "mprescripts": Converter.nothing,
    "mfrac": Converter.mfrac, "msqrt": Converter.msqrt, "mroot": Converter.mroot,
    "msup": Converter.scripts, "msub": Converter.scripts, "msubsup": Converter.scripts,
    "mover": Converter.under_over, "munder": Converter.under_over,
    "munderover": Converter.under_over, "mtable": Converter.mtable,
    "menclose": Converter.menclose, "mphantom": Converter.mphantom,
    "mfenced": Converter.mfenced, "mmultiscripts": Converter.mmultiscripts,
}


def apply_alignment(line: list[ET.Element]) -> list[ET.Element]:
    """Put ``m:aln`` into the run after the first alignment marker; drop the markers."""
    out: list[ET.Element] = []
    pending = False
    used = False
    for el in line:
        if el.tag == ALIGN:
            pending = not used
            used = True
            continue
        if pending:
            if el.tag != m_tag("r"):
                out.append(_aligned_empty_run())
            else:
                _add_aln(el)
            pending = False
        out.append(el)
    if pending:
        out.append(_aligned_empty_run())
    return out


def _add_aln(run: ET.Element) -> None:
    """``m:aln`` last in the run's ``m:rPr``. The schema's choice (``m:nor`` or a script/style)
    may not be empty before it (openxml-audit: "Required sequence content is missing"), so a
    run without a style states the one it has anyway: italic letters, upright others."""
    props = run.find(m_tag("rPr"))
    if props is None:
        props = ET.Element(m_tag("rPr"))
        run.insert(0, props)
    if not any(child.tag in (m_tag("nor"), m_tag("scr"), m_tag("sty")) for child in props):
        t = run.find(m_tag("t"))
        letters = t is not None and any(ch.isalpha() for ch in (t.text or ""))
        ET.SubElement(props, m_tag("sty"), {m_tag("val"): "i" if letters else "p"})
    ET.SubElement(props, m_tag("aln"))


def _aligned_empty_run() -> ET.Element:
    run = ET.Element(m_tag("r"))
    ET.SubElement(run, m_tag("t"))
    _add_aln(run)
    return run
