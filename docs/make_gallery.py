"""The README's pictures: `make gallery` runs this script.

Input: the demo deck (fixtures/community-safety/talk.md) and the richest fixture decks, converted
by the installed `md2pptx` (the console script beside this Python) to .pptx and .pdf; LibreOffice
(`soffice --headless --convert-to pdf`) for the PPTX as another client shows it, with md2pptx's
packaged fonts installed for it (as the README's Fonts section tells users); `pdftoppm` to
rasterise both PDFs.

Output: small palette PNGs in docs/gallery/, exactly the names `outputs()` lists (the test
tests/test_gallery.py compares them with the folder and with the README's links, without
running anything): for each chosen slide our PDF page and the PPTX as LibreOffice renders it
(`NAME-pdf.png`, `NAME-pptx.png`), one page of the demo's handout in every handout mode
(`handout-MODE.png`) and a contact sheet of the whole demo deck (`demo-contact-sheet.png`).

Deterministic: the pixels come from pdftoppm (a PDF's creation date or id draws nothing), the
palette from Pillow's median cut, and the PNGs carry no metadata chunk (no tIME, no text); a file
is rewritten only when its bytes change, and stale PNGs in docs/gallery/ are removed."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
GALLERY = ROOT / "docs" / "gallery"
FIXTURES = ROOT / "fixtures"

DECKS: dict[str, Path] = {
    "demo": FIXTURES / "community-safety" / "talk.md",
    "features": FIXTURES / "features" / "talk.md",
    "motion": FIXTURES / "motion" / "talk.md",
    "css": FIXTURES / "css" / "talk.md",
    "layout": FIXTURES / "layout" / "talk.md",
    "scripts": FIXTURES / "scripts" / "talk.md",
    "math": FIXTURES / "math" / "talk.md",
    "svg": FIXTURES / "svg" / "talk.md",
    "mermaid": FIXTURES / "mermaid" / "talk.md",
}


@dataclass(frozen=True)
class Shot:
    """One slide shown twice: our PDF's page and LibreOffice's render of the PPTX."""

    name: str  # file stem in docs/gallery
    deck: str  # a key of DECKS
    page: int  # 1-based page of both PDFs


SHOTS: tuple[Shot, ...] = (
    Shot("demo-credits", "demo", 15),
    Shot("demo-title", "demo", 1),
    Shot("features-table", "features", 6),
    Shot("features-gradient", "features", 12),
    Shot("motion-blocks", "motion", 6),
    Shot("css-classes", "css", 2),
    Shot("layout-cards", "layout", 3),
    Shot("scripts-emoji", "scripts", 6),
    Shot("math-display", "math", 3),
    Shot("svg-vector", "svg", 1),
    Shot("mermaid-flowchart", "mermaid", 1),
)
# Handout mode (as `--handout MODE`) -> the page shown: the notes page of the demo's Credits
# slide (slide 15 and its notes), the first page of every other mode.
HANDOUTS: dict[str, int] = {"notes": 17, "2": 1, "3": 1, "4": 1, "6": 1}
CONTACT_SHEET = "demo-contact-sheet.png"

SLIDE_WIDTH = 480  # px, each slide picture
HANDOUT_WIDTH = 360  # px, each handout page (portrait A4)
SHEET_COLUMNS, THUMB_WIDTH, GUTTER = 6, 160, 6  # the contact sheet's grid
SHEET_BACKGROUND = (229, 231, 235)
COLOURS = 128  # palette size: median cut keeps the photo backgrounds' gradients smooth
TIMEOUT = 300  # s, for each external program


def outputs() -> list[str]:
    """Every file name the gallery holds, in the order they are made."""
    names = [f"{shot.name}-{kind}.png" for shot in SHOTS for kind in ("pdf", "pptx")]
    names += [f"handout-{mode}.png" for mode in HANDOUTS]
    return [*names, CONTACT_SHEET]


def run(cmd: list[str], env: dict[str, str] | None = None) -> None:
    """Run `cmd`; on failure, exit with its output (never a traceback)."""
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=TIMEOUT, env=env,
                          check=False)
    if done.returncode != 0:
        sys.exit(f"make_gallery: {' '.join(cmd)} failed ({done.returncode}):\n"
                 f"{done.stdout}{done.stderr}")


def md2pptx() -> list[str]:
    """The installed md2pptx: the console script beside this Python, else `python -m converter`."""
    script = Path(sys.executable).with_name("md2pptx")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "converter"]


def tool(name: str) -> str:
    """The path of an external program, or exit saying which Debian package brings it."""
    found = shutil.which(name)
    if found is None:
        package = "libreoffice-impress" if name == "soffice" else "poppler-utils"
        sys.exit(f"make_gallery: {name} is not on PATH (Debian package {package}; see .ci/run)")
    return found


def libreoffice_env(profile: Path) -> dict[str, str]:
    """The environment for LibreOffice with md2pptx's packaged fonts (Source Sans Pro) added to
    fontconfig's, so its render uses the faces md2pptx measured with (as tests/conftest.py)."""
    from converter.text.packaged import packaged_font_files

    fonts = profile / "packaged-fonts"
    fonts.mkdir(parents=True, exist_ok=True)
    for path in packaged_font_files():
        shutil.copyfile(path, fonts / path.name)
    conf = profile / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
        f"<dir>{fonts}</dir><cachedir>{profile / 'fontconfig-cache'}</cachedir></fontconfig>",
        encoding="utf-8",
    )
    return {**os.environ, "FONTCONFIG_FILE": str(conf)}


def rasterise(pdf: Path, page: int, width: int, work: Path) -> Image.Image:
    """Page `page` of `pdf` as an RGB image `width` px wide (height in proportion)."""
    prefix = work / f"{pdf.stem}-{page}-{width}"
    run([tool("pdftoppm"), "-png", "-singlefile", "-f", str(page), "-l", str(page),
         "-scale-to-x", str(width), "-scale-to-y", "-1", str(pdf), str(prefix)])
    with Image.open(prefix.with_suffix(".png")) as image:
        return image.convert("RGB")


def page_count(pdf: Path) -> int:
    """The number of pages of `pdf`, as poppler's pdfinfo reads it."""
    done = subprocess.run([tool("pdfinfo"), str(pdf)], capture_output=True, text=True,
                          timeout=TIMEOUT, check=True)
    found = re.search(r"^Pages:\s+(\d+)$", done.stdout, re.MULTILINE)
    if found is None:
        sys.exit(f"make_gallery: pdfinfo found no page count in {pdf.name}")
    return int(found[1])


def png_bytes(image: Image.Image) -> bytes:
    """`image` as a palette PNG: median-cut colours, optimised, no metadata chunks."""
    palette = image.quantize(colors=COLOURS, method=Image.Quantize.MEDIANCUT)
    buffer = io.BytesIO()
    palette.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def contact_sheet(pages: Iterable[Image.Image]) -> Image.Image:
    """Every slide in a grid of SHEET_COLUMNS columns on a light grey ground."""
    thumbs = list(pages)
    height = thumbs[0].height
    rows = -(-len(thumbs) // SHEET_COLUMNS)
    sheet = Image.new("RGB", (SHEET_COLUMNS * (THUMB_WIDTH + GUTTER) + GUTTER,
                              rows * (height + GUTTER) + GUTTER), SHEET_BACKGROUND)
    for i, thumb in enumerate(thumbs):
        row, column = divmod(i, SHEET_COLUMNS)
        sheet.paste(thumb, (GUTTER + column * (THUMB_WIDTH + GUTTER),
                            GUTTER + row * (height + GUTTER)))
    return sheet


def convert_all(work: Path) -> tuple[dict[str, Path], dict[str, Path], dict[str, Path]]:
    """Every deck to .pptx and .pdf, the demo's handouts, LibreOffice's PDF of every PPTX:
    (our PDFs, LibreOffice's PDFs, handout PDFs by mode)."""
    ours: dict[str, Path] = {}
    pptx: dict[str, Path] = {}
    for name, deck in DECKS.items():
        ours[name], pptx[name] = work / f"{name}.pdf", work / f"{name}.pptx"
        run([*md2pptx(), str(deck), "-o", str(pptx[name]), "-o", str(ours[name]), "-q"])
    handouts: dict[str, Path] = {}
    for mode in HANDOUTS:
        handouts[mode] = work / f"handout-{mode}.pdf"
        run([*md2pptx(), str(DECKS["demo"]), "-o", str(handouts[mode]), "--handout", mode,
             "-q"])
    libre = work / "libreoffice"
    profile = work / "lo-profile"  # private: never the user's profile
    run([tool("soffice"), f"-env:UserInstallation={profile.as_uri()}", "--headless",
         "--norestore", "--nolockcheck", "--convert-to", "pdf", "--outdir", str(libre),
         *map(str, pptx.values())], env=libreoffice_env(profile))
    theirs = {name: libre / f"{name}.pdf" for name in DECKS}
    for name in DECKS:
        if not theirs[name].is_file():
            sys.exit(f"make_gallery: LibreOffice wrote no PDF for {name}")
        if page_count(theirs[name]) != page_count(ours[name]):
            sys.exit(f"make_gallery: {name}: LibreOffice's PDF has {page_count(theirs[name])}"
                     f" pages, ours {page_count(ours[name])}")
    return ours, theirs, handouts


def render(work: Path) -> dict[str, bytes]:
    """File name -> PNG bytes, for every name of `outputs()`."""
    ours, theirs, handouts = convert_all(work)
    images: dict[str, Image.Image] = {}
    for shot in SHOTS:
        images[f"{shot.name}-pdf.png"] = rasterise(ours[shot.deck], shot.page, SLIDE_WIDTH, work)
        images[f"{shot.name}-pptx.png"] = rasterise(theirs[shot.deck], shot.page, SLIDE_WIDTH,
                                                     work)
    for mode, page in HANDOUTS.items():
        images[f"handout-{mode}.png"] = rasterise(handouts[mode], page, HANDOUT_WIDTH, work)
    demo = ours["demo"]
    images[CONTACT_SHEET] = contact_sheet(
        rasterise(demo, page, THUMB_WIDTH, work) for page in range(1, page_count(demo) + 1))
    assert list(images) == outputs()
    return {name: png_bytes(image) for name, image in images.items()}


def write(files: dict[str, bytes]) -> None:
    """Write each file whose bytes changed, remove PNGs no longer made, and say what changed."""
    GALLERY.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        path = GALLERY / name
        if path.is_file() and path.read_bytes() == data:
            continue
        path.write_bytes(data)
        print(f"wrote docs/gallery/{name} ({len(data) // 1024} KB)")
    for stale in sorted(set(p.name for p in GALLERY.glob("*.png")) - set(files)):
        (GALLERY / stale).unlink()
        print(f"removed docs/gallery/{stale}")
    total = sum(len(data) for data in files.values())
    print(f"docs/gallery: {len(files)} pictures, {total // 1024} KB in all")


def main() -> None:
    """Render the gallery into docs/gallery/."""
    with tempfile.TemporaryDirectory(prefix="md2pptx-gallery-") as folder:
        write(render(Path(folder)))


if __name__ == "__main__":
    main()
