"""LibreOffice reads the motion fixture: its PDF export skips the hidden slide (one page per
shown slide), and a round trip to .odp keeps every transition (a `transitionFilter` on the
page) and every click animation (the effects by LibreOffice's preset names).

Slow (real client): marked `slow`; skipped when `soffice` is not on PATH."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from conftest import SOFFICE, assert_valid_pptx, soffice_convert
from pypdf import PdfReader

from converter.api import convert

ROOT = Path(__file__).resolve().parents[1]
MOTION = ROOT / "fixtures" / "motion" / "talk.md"
TIMEOUT = 120

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not on PATH"),
]


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The fixture as .pptx, then LibreOffice's .pdf and .odp of it."""
    assert SOFFICE is not None
    work = tmp_path_factory.mktemp("lo-motion")
    profile = tmp_path_factory.mktemp("lo-motion-profile")
    pptx = work / "motion.pptx"
    convert(MOTION, [pptx])
    assert_valid_pptx(pptx)
    out: dict[str, Path] = {"pptx": pptx}
    for fmt in ("pdf", "odp"):
        done = soffice_convert([pptx], fmt, work / fmt, profile, TIMEOUT)
        target = work / fmt / f"motion.{fmt}"
        assert target.is_file(), done.stderr.decode(errors="replace")[-2000:]
        out[fmt] = target
    return out


def pages(exported: dict[str, Path]) -> list[str]:
    """The `draw:page` elements of the .odp's content.xml, as text."""
    with zipfile.ZipFile(exported["odp"]) as z:
        content = z.read("content.xml").decode("utf-8")
    return re.split(r"(?=<draw:page )", content)[1:]


def test_pdf_has_one_page_per_shown_slide(exported: dict[str, Path]) -> None:
    assert len(PdfReader(str(exported["pdf"])).pages) == 9  # 10 slides, one hidden


def test_odp_keeps_the_transitions(exported: dict[str, Path]) -> None:
    found = []
    for page in pages(exported):
        filters = re.findall(r"<anim:transitionFilter (?![^>]*smil:targetElement)[^>]*>", page)
        found.append(
            [
                (
                    re.search(r'smil:type="([^"]+)"', f).group(1),  # type: ignore[union-attr]
                    re.search(r'smil:dur="([^"]+)"', f).group(1),  # type: ignore[union-attr]
                )
                for f in filters
            ]
        )
    assert found == [
        [],
        [("fade", "0.4s")],
        [("pushWipe", "0.4s")],
        [("fade", "0.4s")],
        [("miscShapeWipe", "1.2s")],  # LibreOffice's cube
        [("zoom", "0.4s")],
        [("miscShapeWipe", "0.4s")],
        [("miscShapeWipe", "0.4s")],
        [],
        [("miscShapeWipe", "0.4s")],
    ]


def test_odp_keeps_the_animations(exported: dict[str, Path]) -> None:
    presets = [re.findall(r'presentation:preset-id="([^"]+)"', page) for page in pages(exported)]
    assert presets[1] == ["ooo-entrance-fade-in"] + ["ooo-entrance-fly-in"] * 4 + [
        "ooo-entrance-fade-in-and-zoom"
    ]
    assert presets[2] == [
        "ooo-emphasis-grow-and-shrink",
        "ooo-emphasis-grow-and-shrink",
        "ooo-exit-fade-out",
        "ooo-emphasis-transparency",
        "ooo-emphasis-font-color",
        "ooo-emphasis-font-color",
        "ooo-emphasis-font-color",
        "ooo-entrance-appear",
    ]
    assert presets[5] == [
        "ooo-entrance-fade-in-and-zoom",
        "ooo-entrance-fly-in",
        "ooo-entrance-fade-in",
    ]
    assert [len(p) for p in presets] == [0, 6, 8, 9, 5, 3, 4, 0, 0, 0]
    # every click group of the fixture waits for a click, as PowerPoint's main sequence does
    clicks = [page.count('presentation:node-type="on-click"') for page in pages(exported)]
    assert clicks == [0, 6, 8, 5, 4, 3, 4, 0, 0, 0]
