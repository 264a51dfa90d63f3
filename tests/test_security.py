"""Security through the CLI to real PPTX and PDF files: files outside the deck's folder and the
resource roots never land in an output (after resolving symlinks), nothing touches the network,
YAML is loaded safely and nothing from the deck is executed."""

from __future__ import annotations

import io
import os
import socket
import subprocess
import zipfile
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from converter.cli.main import main

SECRET_SIZE = (37, 41)
SECRET_COLOUR = (1, 2, 3)
SECRET_FONT = "SecretFontFromOutside"


def secrets(outside: Path) -> None:
    outside.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", SECRET_SIZE, SECRET_COLOUR).save(outside / "secret.png")
    (outside / "secret.css").write_text(
        f':root {{ --r-main-font: "{SECRET_FONT}"; --r-background-color: #010203; }}\n',
        encoding="utf-8",
    )


def leaked(folder: Path) -> list[str]:
    """Traces of the secrets in the outputs in `folder`."""
    found = []
    raw = (folder.parent / "outside" / "secret.png").read_bytes()
    with zipfile.ZipFile(folder / "talk.pptx") as pptx:
        for name in pptx.namelist():
            data = pptx.read(name)
            if raw in data or SECRET_FONT.encode() in data or b"010203" in data:
                found.append(f"pptx:{name}")
            if name.startswith("ppt/media/"):
                with Image.open(io.BytesIO(data)) as im:
                    if im.size == SECRET_SIZE:
                        found.append(f"pptx:{name} is the secret image")
    pdf = (folder / "talk.pdf").read_bytes()
    if SECRET_FONT.encode() in pdf:
        found.append("pdf:font")
    for page in PdfReader(io.BytesIO(pdf), strict=True).pages:
        for image in page.images:
            if image.image is not None and image.image.size == SECRET_SIZE:
                found.append("pdf: the secret image")
    return found


@pytest.fixture
def deck_dir(tmp_path: Path) -> Path:
    secrets(tmp_path / "outside")
    deck = tmp_path / "deck"
    deck.mkdir()
    os.symlink(tmp_path / "outside" / "secret.png", deck / "link.png")
    os.symlink(tmp_path / "outside", deck / "linked-folder")
    return deck


HOSTILE_DECK = """---
theme: ../outside/secret.css
---
# Paths

![a](../outside/secret.png)
![b]({outside}/secret.png)
![c](link.png)
![d](linked-folder/secret.png)
<img src="../outside/secret.png">
![e](file://{outside}/secret.png)
![f](%2e%2e/outside/secret.png)

---

<!-- .slide: data-background-image="../outside/secret.png" -->
# Background

---

<!-- .slide: data-background="link.png" -->
# Shorthand
"""


def test_nothing_outside_the_deck_folder_lands_in_an_output(
    deck_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = deck_dir.parent / "outside"
    (deck_dir / "talk.md").write_text(HOSTILE_DECK.replace("{outside}", str(outside)), "utf-8")
    code = main([str(deck_dir / "talk.md"), "-o", str(deck_dir / "talk.pptx"),
                 "-o", str(deck_dir / "talk.pdf")])
    err = capsys.readouterr().err
    assert code == 0
    assert err.count("[refused-image]") == 8 and "theme stylesheet" in err
    assert err.count("[missing-image]") == 1  # an absolute path is read inside the deck folder
    assert leaked(deck_dir) == []


def test_a_resource_root_allows_that_folder_and_the_command_line_theme_anywhere(
    deck_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = deck_dir.parent / "outside"
    (deck_dir / "talk.md").write_text("# A\n\n![a](../outside/secret.png)\n", "utf-8")
    args = [str(deck_dir / "talk.md"), "-o", str(deck_dir / "talk.pptx"),
            "-o", str(deck_dir / "talk.pdf")]
    assert main([*args, "--resource-root", str(outside),
                 "--theme", str(outside / "secret.css")]) == 0
    assert capsys.readouterr().err == ""
    assert leaked(deck_dir)  # allowed on purpose: the check above is not vacuous


def test_no_network_and_nothing_executed(
    deck_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    calls: list[str] = []

    def record(name: str) -> object:
        def refuse(*args: object, **_kw: object) -> None:
            calls.append(f"{name}{args[:2]}")
            raise AssertionError(f"{name} called")

        return refuse

    monkeypatch.setattr(socket.socket, "connect", record("connect"))
    monkeypatch.setattr(socket, "create_connection", record("create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", record("getaddrinfo"))
    monkeypatch.setattr(subprocess, "Popen", record("Popen"))
    monkeypatch.setattr(os, "system", record("system"))
    monkeypatch.setattr(os, "execv", record("execv"))
    marker = deck_dir / "pwned"
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
           'width="10" height="10"><image xlink:href="http://127.0.0.1:9/x.png" width="10" '
           'height="10"/><use xlink:href="https://example.org/a.svg#x"/></svg>')
    (deck_dir / "remote.svg").write_text(svg, encoding="utf-8")
    (deck_dir / "talk.md").write_text(
        f"# Remote\n\n![r](https://example.org/a.png)\n![s](remote.svg)\n"
        f'<iframe src="https://example.org"></iframe>\n\n<script>touch {marker}</script>\n\n'
        f"```bash\ntouch {marker}\n```\n\n[link](https://example.org)\n\n---\n\n"
        '<!-- .slide: data-background="https://example.org/bg.png" -->\n# B\n'
        f"\n$(touch {marker}) `touch {marker}`\n",
        encoding="utf-8",
    )
    code = main([str(deck_dir / "talk.md"), "-o", str(deck_dir / "talk.pptx"),
                 "-o", str(deck_dir / "talk.pdf"), "-j", "1"])
    err = capsys.readouterr().err
    assert code == 0, err
    assert calls == [] and not marker.exists()
    assert err.count("[remote-image]") == 2


def test_yaml_is_loaded_safely(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    marker = tmp_path / "pwned"
    deck = tmp_path / "talk.md"
    deck.write_text(
        f"---\ntitle: !!python/object/apply:os.system ['touch {marker}']\n---\n# A\n", "utf-8"
    )
    assert main([str(deck)]) == 1
    assert "[front-matter]" in capsys.readouterr().err
    assert not marker.exists() and not (tmp_path / "talk.pptx").exists()
