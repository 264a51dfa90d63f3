"""reveal's order of things, shared by the backends: fragment steps, and link targets.

Input: laid-out slides. Output: each fragment's step (`fragment_ranks`: reveal's
fragments.js order) and the slide a reveal link (`#/2/1`, `#/2`, `#/some-id`) points at
(`LinkTargets`: reveal's positions once hidden slides are removed, slide ids and heading
anchors). The PDF backend draws fragment pages and links with them; the PPTX backend builds
click animations and slide jumps. No reportlab or python-pptx here.
"""

from __future__ import annotations

from dataclasses import dataclass

from converter.diagnostics import Diagnostics
from converter.layout.boxes import LaidOutDeck, LaidOutSlide, TextBox
from converter.model import Fragment, Slide, first_heading

EXTERNAL_SCHEMES = ("http://", "https://", "mailto:", "ftp://", "tel:")


def slide_key(slide: Slide, part: int = 0) -> str:
    """A slide's bookmark; `part`: a continuation of a split slide (`LaidOutSlide.part`)."""
    return f"slide{slide.number}" if not part else f"slide{slide.number}.{part}"


def fragment_ranks(laid: LaidOutSlide) -> dict[int, int]:
    """Fragment object id -> step (1-based): indexed fragments first, grouped by index in
    numeric order, then the others in document order (reveal's fragments.js)."""
    found: list[Fragment] = []
    seen: set[int] = set()

    def add(fragment: Fragment | None) -> None:
        if fragment is not None and id(fragment) not in seen:
            seen.add(id(fragment))
            found.append(fragment)

    for box in laid.boxes:
        add(box.fragment)
        if isinstance(box, TextBox):
            for para in box.paragraphs:
                add(para.fragment)
    indexed = sorted({f.index for f in found if f.index is not None})
    ranks: dict[int, int] = {}
    for f in found:
        if f.index is not None:
            ranks[id(f)] = indexed.index(f.index) + 1
    step = len(indexed)
    for f in found:
        if f.index is None:
            step += 1
            ranks[id(f)] = step
    return ranks


@dataclass
class LinkTargets:
    """Resolves reveal links (`#/2/1`, `#/2`, `#/some-id`) to slide bookmarks."""

    by_index: dict[tuple[int, int], str]
    by_id: dict[str, str]

    @classmethod
    def of(cls, slides: tuple[LaidOutSlide, ...]) -> LinkTargets:
        by_index: dict[tuple[int, int], str] = {}
        by_id: dict[str, str] = {}
        for laid in slides:
            s = laid.slide
            if laid.part:
                continue  # links lead to the first part of a split slide
            if laid.position is not None:
                by_index[laid.position[:2]] = slide_key(s)
            if s.id:
                by_id.setdefault(s.id, slide_key(s))
            heading = first_heading(s.blocks)
            if heading is not None and heading.anchor:
                by_id.setdefault(heading.anchor, slide_key(s))
        return cls(by_index, by_id)

    def resolve(self, href: str) -> str | None:
        if not href.startswith("#/"):
            return self.by_id.get(href[1:]) if href.startswith("#") else None
        parts = href[2:].split("/")
        if parts and parts[0].isdigit():
            v = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 0
            return self.by_index.get((int(parts[0]), v))
        return self.by_id.get(parts[0])

    def resolve_or_warn(self, href: str, diags: Diagnostics) -> str | None:
        """`resolve`, with a warning (once per target) when `href` names no slide."""
        key = self.resolve(href)
        if key is None:
            diags.warning_once(href, "link", f"link target {href} is not a slide; not linked")
        return key


def visible_slides(deck: LaidOutDeck) -> tuple[LaidOutSlide, ...]:
    return tuple(s for s in deck.slides if not s.slide.hidden)
