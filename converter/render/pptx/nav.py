"""PPTX navigation: sections, slide links, slide numbers and which transition enters a slide.

Input: the laid-out deck (and, for links, the slide parts). Output: plain decisions the writer
(`converter.render.pptx.deck`) turns into XML; no XML is edited here.

* Sections: every vertical stack is a section named after its first shown slide's title (else
  "Slides <h>", h counted from 1); the single slides between stacks are grouped into one
  section each, so every slide is in exactly one section and sections follow slide order
  (the continuations of a split slide share its horizontal index, so its section). A deck
  without vertical stacks gets no sections.
* Links: `#/3`, `#/2/1` and `#/some-id` are resolved as the PDF resolves them
  (`converter.render.reveal_order.LinkTargets`: reveal's positions once hidden slides are
  removed, slide ids and heading anchors) and become `ppaction://hlinksldjump` jumps; an
  unknown target is a warning and stays plain text.
* Slide numbers: a PowerPoint `slidenum` field counts the slides of the file in order (hidden
  ones included), so it is used where that count is reveal's number: the whole label when it
  equals the slide's position in the file (`c`, and `h.v`/`h/v` before any stack or hidden
  slide), the `c` part of `c/t` likewise. Everywhere else the number is layout's label as text.
* Transitions: the transition into a slide is its own `in` style when it sets a transition,
  else the previous shown slide's `out` style when that one sets one, else the deck's; the
  first slide has none (reveal shows it without one).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from converter.diagnostics import Diagnostics
from converter.layout.boxes import LaidOutDeck, LaidOutSlide
from converter.model import Slide, Transition
from converter.render.pptx.xml import SLIDE_JUMP
from converter.render.reveal_order import EXTERNAL_SCHEMES, LinkTargets, slide_key, visible_slides

HyperlinkXml = Callable[[str], str | None]  # href -> the a:hlinkClick element, or None


def sections(deck: LaidOutDeck) -> list[tuple[str, list[int]]]:
    """`(name, slide indices)` per section, in deck order; [] without vertical stacks."""
    groups: list[list[int]] = []
    for i, laid in enumerate(deck.slides):
        s = laid.slide
        prev = deck.slides[i - 1].slide if i else None
        same_stack = prev is not None and prev.h == s.h
        if same_stack or (groups and not s.in_stack and not _stacked(deck, groups[-1])):
            groups[-1].append(i)
        else:
            groups.append([i])
    if not any(_stacked(deck, g) for g in groups):
        return []
    return [(_name([deck.slides[i].slide for i in g]), g) for g in groups]


def _stacked(deck: LaidOutDeck, group: list[int]) -> bool:
    return any(deck.slides[i].slide.in_stack for i in group)


def _name(group: list[Slide]) -> str:
    first = next((s for s in group if not s.hidden), group[0])
    return first.title or f"Slides {first.h + 1}"


def number_parts(laid: LaidOutSlide, position: int, fmt: str | None) -> tuple[bool, str]:
    """How to write a slide's number: (starts with a `slidenum` field, text after the field or
    the whole label). `position` is the slide's 1-based place in the file."""
    label = laid.number_label or ""
    if fmt == "c/t" and label.partition("/")[0] == str(position):
        return True, label[len(str(position)) :]
    if label == str(position):
        return True, ""
    return False, label


def transitions(
    slides: tuple[LaidOutSlide, ...], default: Transition
) -> list[tuple[Transition, bool] | None]:
    """The transition into each slide and whether it moves vertically (down a stack)."""
    out: list[tuple[Transition, bool] | None] = []
    prev: Slide | None = None
    for laid in slides:
        s = laid.slide
        if prev is None:
            out.append(None)
        else:
            chosen = s.transition
            if chosen is None and prev.transition is not None:
                chosen = Transition(prev.transition.out_style, prev.transition.out_style,
                                    prev.transition.speed)  # fmt: skip
            out.append((chosen or default, s.h == prev.h))
        if not s.hidden:
            prev = s
    return out


class SlideLinks:
    """Hyperlinks from slide and notes parts: web links, and jumps between slides."""

    def __init__(self, deck: LaidOutDeck, part: Callable[[int], Any], diags: Diagnostics) -> None:
        """`part(i)` is the part of slide `i` (made when a link first needs it)."""
        self.targets = LinkTargets.of(visible_slides(deck))
        self.index = {slide_key(laid.slide, laid.part): i for i, laid in enumerate(deck.slides)}
        self.part = part
        self.diags = diags

    def for_part(self, part: Any) -> HyperlinkXml:
        """The link callback for one slide (or notes) part."""

        def hlink(href: str) -> str | None:
            if href.lower().startswith(EXTERNAL_SCHEMES):
                rid = part.relate_to(href, RT.HYPERLINK, is_external=True)
                return f'<a:hlinkClick r:id="{rid}"/>'
            if href.startswith("#"):
                key = self.targets.resolve_or_warn(href, self.diags)
                if key is None:
                    return None
                rid = part.relate_to(self.part(self.index[key]), RT.SLIDE)
                return f'<a:hlinkClick r:id="{rid}" action="{SLIDE_JUMP}"/>'
            self.diags.warning_once(
                href,
                "link",
                f"relative link {href!r} is kept as text (only web and mail links are clickable)",
            )
            return None

        return hlink
