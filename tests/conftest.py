"""Shared test helpers (plain functions, no fixtures): import them with
`from conftest import assert_valid_pptx`."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from openxml_audit import OpenXmlValidator
from openxml_audit.errors import ValidationSeverity


@cache
def _validator() -> OpenXmlValidator:
    return OpenXmlValidator()


def assert_valid_pptx(path: Path | str) -> None:
    """Fail with the findings unless openxml-audit reports 0 errors for ``path``."""
    result = _validator().validate(path)
    errors = [e for e in result.errors if e.severity == ValidationSeverity.ERROR]
    assert not errors, "openxml-audit:\n" + "\n".join(str(e) for e in errors[:10])
