"""Shared test helpers (plain functions, no fixtures): import them with
`from conftest import assert_valid_pptx, read, codes, only`. Also a session hook: every .pptx
written under pytest's temporary folder must name no Linux-only font (`linux_only_typefaces`)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import zipfile
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from openxml_audit import OpenXmlValidator
from openxml_audit.errors import ValidationSeverity

from converter.diagnostics import Diagnostic
from converter.reader import ReadOptions, ReadResult, read_text
from converter.text.office import is_linux_only


@cache
def _validator() -> OpenXmlValidator:
    return OpenXmlValidator()


def assert_valid_pptx(path: Path | str) -> None:
    """Fail with the findings unless openxml-audit reports 0 errors for ``path``."""
    result = _validator().validate(path)
    errors = [e for e in result.errors if e.severity == ValidationSeverity.ERROR]
    assert not errors, "openxml-audit:\n" + "\n".join(str(e) for e in errors[:10])


# --- reader helpers shared by the dialect tests -----------------------------------------------


def read(md: str, tmp_path: Path, **options: object) -> ReadResult:
    """Read `md` as talk.md in tmp_path; the working directory is tmp_path too, so no stray
    reveal-md.json is picked up."""
    return read_text(md, name="talk.md", deck_dir=tmp_path,
                     options=ReadOptions(cwd=tmp_path, **options))  # type: ignore[arg-type]


def convert_text(tmp_path: Path, md: str, *suffixes: str, **options: object) -> tuple[Any, ...]:
    """Write `md` as a deck in `tmp_path`, convert it to `t.<suffix>` for each suffix; the
    conversion's result, then the output paths."""
    import converter

    deck = tmp_path / "talk.md"
    deck.write_text(md, encoding="utf-8")
    outputs = [tmp_path / f"t.{suffix}" for suffix in suffixes]
    return (converter.convert(deck, outputs, **options), *outputs)  # type: ignore[arg-type]


def codes(res: ReadResult) -> list[str]:
    return [d.code for d in res.diagnostics]


def only(res: ReadResult, code: str) -> Diagnostic:
    found = [d for d in res.diagnostics if d.code == code]
    assert len(found) == 1, res.diagnostics
    return found[0]


# --- LibreOffice, the real client --------------------------------------------------------------

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def _with_packaged_fonts(profile: Path) -> dict[str, str]:
    """The environment for LibreOffice with md2pptx's packaged fonts (Source Sans Pro from
    PyPI) installed for it, as a user who follows the README's Fonts section has them."""
    from converter.text.packaged import packaged_font_files

    profile.mkdir(parents=True, exist_ok=True)
    folder = profile / "packaged-fonts"  # exactly the faces layout measures with
    folder.mkdir(exist_ok=True)
    for path in packaged_font_files():
        if not (folder / path.name).exists():
            (folder / path.name).symlink_to(path)
    folders = [str(folder)]
    conf = profile / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
        + "".join(f"<dir>{folder}</dir>" for folder in folders)
        + f"<cachedir>{profile / 'fontconfig-cache'}</cachedir></fontconfig>",
        encoding="utf-8",
    )
    return {**os.environ, "FONTCONFIG_FILE": str(conf)}


def soffice_convert(
    files: Iterable[Path], fmt: str, outdir: Path, profile: Path, timeout: int = 180
) -> subprocess.CompletedProcess[bytes]:
    """Convert `files` with headless LibreOffice into `outdir` (`fmt`: pdf, odp, ...). A
    private profile folder keeps parallel runs apart; a hang fails the test."""
    assert SOFFICE is not None
    cmd = [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
           "--nolockcheck", "--convert-to", fmt, "--outdir", str(outdir), *map(str, files)]
    try:
        return subprocess.run(cmd, capture_output=True, timeout=timeout, check=False,
                              env=_with_packaged_fonts(profile))
    except subprocess.TimeoutExpired:
        pytest.fail(f"soffice did not finish within {timeout} s")


# --- no Linux-only font names in any PPTX written by the suite ---------------------------------

_FONT_PARTS = re.compile(
    r"ppt/(slides|notesSlides|slideMasters|slideLayouts|notesMasters|theme)/[^/]+\.xml"
)
_TYPEFACE = re.compile(rb'typeface="([^"]*)"')


def linux_only_typefaces(path: Path) -> list[str]:
    """`part: name` for every `typeface` in the slides, notes, masters, layouts and themes of
    the .pptx at `path` that only Linux has (Liberation Sans, DejaVu Sans, ...). A file that is
    not a zip (tests write broken ones on purpose) has none."""
    found: list[str] = []
    try:
        with zipfile.ZipFile(path) as z:
            for name in z.namelist():
                if _FONT_PARTS.fullmatch(name):
                    for face in dict.fromkeys(_TYPEFACE.findall(z.read(name))):
                        text = face.decode("utf-8", "replace")
                        if is_linux_only(text):
                            found.append(f"{name}: {text}")
    except (zipfile.BadZipFile, OSError):
        return []
    return found


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Fail the session when a .pptx written under pytest's basetemp names a Linux-only font:
    PowerPoint on Windows or macOS would substitute it, with other metrics."""
    factory = getattr(session.config, "_tmp_path_factory", None)
    if factory is None or getattr(factory, "_basetemp", None) is None:
        return  # no test asked for a temporary folder: nothing was written there
    base = Path(factory.getbasetemp())
    findings = [
        f"{path.relative_to(base)}: {item}"
        for path in sorted(base.rglob("*.pptx"))
        if path.is_file()
        for item in linux_only_typefaces(path)
    ]
    if findings:
        shown = "\n  ".join(findings[:40])
        more = f"\n  ... and {len(findings) - 40} more" if len(findings) > 40 else ""
        print(f"\nLinux-only font names in PPTX files written by the tests ({base}):")
        print(f"  {shown}{more}")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
