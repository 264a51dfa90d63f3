"""Shared test helpers (plain functions, no fixtures): import them with
`from conftest import assert_valid_pptx, read, codes, only`."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterable
from functools import cache
from pathlib import Path

import pytest
from openxml_audit import OpenXmlValidator
from openxml_audit.errors import ValidationSeverity

from converter.diagnostics import Diagnostic
from converter.reader import ReadOptions, ReadResult, read_text


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


def codes(res: ReadResult) -> list[str]:
    return [d.code for d in res.diagnostics]


def only(res: ReadResult, code: str) -> Diagnostic:
    found = [d for d in res.diagnostics if d.code == code]
    assert len(found) == 1, res.diagnostics
    return found[0]


# --- LibreOffice, the real client --------------------------------------------------------------

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def soffice_convert(
    files: Iterable[Path], fmt: str, outdir: Path, profile: Path, timeout: int = 180
) -> subprocess.CompletedProcess[bytes]:
    """Convert `files` with headless LibreOffice into `outdir` (`fmt`: pdf, odp, ...). A
    private profile folder keeps parallel runs apart; a hang fails the test."""
    assert SOFFICE is not None
    cmd = [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
           "--nolockcheck", "--convert-to", fmt, "--outdir", str(outdir), *map(str, files)]
    try:
        return subprocess.run(cmd, capture_output=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        pytest.fail(f"soffice did not finish within {timeout} s")
