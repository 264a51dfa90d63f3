"""md2pptx installed as users install it: a wheel built from the project, installed in a fresh
virtual environment, run from a folder outside the checkout.

The wheel is built offline from a copy of the project (`pip wheel --no-deps
--no-build-isolation`, with the build backend `make install` puts in the test environment), so
the checkout is not written to. The fresh environment has no network: its dependencies come
from this environment's site-packages, listed in a `.pth` file. A path in a `.pth` file is
added to `sys.path`, but the `.pth` files inside it (the editable install's finder, which would
import `converter` from the checkout) are not run, so the `converter` imported there can only be
the wheel's. The demo deck, copied with its pictures to a temporary folder, is converted to PPTX
and PDF by the `md2pptx` console script and by `python -m converter`.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "fixtures" / "community-safety"
DEMO_TITLE = "Community Safety and Performance"


def _run(args: list[str | Path], cwd: Path, env: dict[str, str] | None = None,
         ) -> subprocess.CompletedProcess[str]:  # fmt: skip
    done = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=120)  # fmt: skip
    assert done.returncode == 0, f"{args}:\n{done.stdout}\n{done.stderr}"
    return done


def _clean_env(venv: Path) -> dict[str, str]:
    """The environment of a user who installed md2pptx in `venv`: its bin first on PATH, no
    PYTHONPATH, no hint of the checkout."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PYTHON", "VIRTUAL_ENV", "PIP_"))}  # fmt: skip
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    env["VIRTUAL_ENV"] = str(venv)
    return env


def _build_wheel(work: Path) -> Path:
    """The wheel built from a copy of the project's sources (pyproject, README, converter)."""
    source = work / "src"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    shutil.copytree(ROOT / "converter", source / "converter",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))  # fmt: skip
    dist = work / "dist"
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
          "--no-index", "--disable-pip-version-check", "-q", "-w", dist, source], cwd=work)
    wheels = list(dist.glob("md2pptx-*.whl"))
    assert len(wheels) == 1, wheels
    return wheels[0]


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(the fresh venv, the wheel installed in it)."""
    work = tmp_path_factory.mktemp("wheel")
    wheel = _build_wheel(work)
    venv = work / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", venv], cwd=work)
    python = venv / "bin" / "python"
    _run([sys.executable, "-m", "pip", "--python", python, "install", "--no-deps",
          "--no-index", "--no-compile", "--disable-pip-version-check", "-q", wheel], cwd=work)
    purelib = Path(_run([python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                        cwd=work).stdout.strip())  # fmt: skip
    ours = {sysconfig.get_path("purelib"), sysconfig.get_path("platlib")}
    (purelib / "zz_md2pptx_test_deps.pth").write_text("\n".join(sorted(ours)) + "\n")
    return venv, wheel


def test_wheel_holds_the_package_and_its_data(installed: tuple[Path, Path]) -> None:
    """Every file of the package the code may need at run time is in the wheel: each module
    and each other file under converter/ (py.typed and any data)."""
    names = set(zipfile.ZipFile(installed[1]).namelist())
    files = [path.relative_to(ROOT).as_posix() for path in (ROOT / "converter").rglob("*")
             if path.is_file() and "__pycache__" not in path.parts]  # fmt: skip
    assert len(files) > 50, files
    missing = [name for name in files if name not in names]
    assert not missing, f"not in the wheel: {missing}"
    assert "converter/py.typed" in names
    entry = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    assert "md2pptx = converter.cli.main:main" in zipfile.ZipFile(installed[1]).read(entry).decode()


def test_imported_package_is_the_installed_one(installed: tuple[Path, Path],
                                               tmp_path: Path) -> None:  # fmt: skip
    venv = installed[0]
    code = ("import converter, json, sys; "
            "print(json.dumps({'file': converter.__file__, 'path': sys.path}))")  # fmt: skip
    done = _run([venv / "bin" / "python", "-c", code], cwd=tmp_path, env=_clean_env(venv))
    seen = json.loads(done.stdout)
    module = Path(seen["file"]).resolve()
    assert module.is_relative_to(venv.resolve()), module
    assert not module.is_relative_to(ROOT), module
    checkout = [p for p in seen["path"] if p and Path(p).resolve() == ROOT]
    assert not checkout, f"the checkout is on sys.path: {checkout}"


@pytest.mark.parametrize("how", ["script", "module"])
def test_installed_md2pptx_converts_the_demo_deck(installed: tuple[Path, Path], tmp_path: Path,
                                                  how: str) -> None:  # fmt: skip
    """The console script and `python -m converter`, run from a folder outside the checkout,
    convert the demo deck (copied there with its pictures) to PPTX and PDF."""
    venv = installed[0]
    deck_dir = tmp_path / "deck"
    shutil.copytree(DEMO, deck_dir)
    cwd = tmp_path / "elsewhere"
    cwd.mkdir()
    command: list[str | Path] = (
        [venv / "bin" / "md2pptx"] if how == "script"
        else [venv / "bin" / "python", "-m", "converter"]
    )  # fmt: skip
    pptx, pdf, report = cwd / "talk.pptx", cwd / "talk.pdf", cwd / "report.json"
    _run([*command, deck_dir / "talk.md", "-o", pptx, "-o", pdf, "--report", report, "-j", "1"],
         cwd=cwd, env=_clean_env(venv))
    slide_count = json.loads(report.read_text(encoding="utf-8"))["slide_count"]
    assert slide_count >= 10
    deck = Presentation(str(pptx))
    assert len(deck.slides) == slide_count
    first = " ".join(shape.text_frame.text for shape in deck.slides[0].shapes
                     if shape.has_text_frame)  # fmt: skip
    assert DEMO_TITLE in first
    reader = PdfReader(pdf)
    assert len(reader.pages) == slide_count
    assert DEMO_TITLE in " ".join((reader.pages[0].extract_text() or "").split())
    assert reader.metadata is not None and reader.metadata.title == DEMO_TITLE
    images = [rel.target_part.blob for rel in deck.slides[0].part.rels.values()
              if rel.reltype.endswith("/image")]  # fmt: skip
    assert images and len(images[0]) > 10_000, "the first slide's background picture is missing"
