"""The command line: --check, --report, --strict, exit codes, and clean errors for bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from converter.cli.main import main

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "community-safety" / "talk.md"


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_check_prints_slide_table(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run([str(FIXTURE), "--check"], capsys)
    assert code == 0
    assert err == ""
    lines = out.splitlines()
    assert lines[0].split() == ["#", "h.v", "title", "notes", "background", "frag"]
    assert lines[1].startswith("1   0.0  Community Safety and Performance  0      ./backgrounds/")
    assert lines[1].rstrip().endswith("@0.5  0")
    assert "Q & A" in lines[16]
    assert lines[-1] == "17 slides in 8 horizontal positions; theme night"


def test_report_json_shape(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = tmp_path / "report.json"
    code, out, _ = run([str(FIXTURE), "--report", str(report)], capsys)
    assert code == 0 and out == ""
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["slide_count"] == 17 and data["theme"] == "night"
    assert data["title"] == "Community Safety and Performance"
    first = data["slides"][0]
    assert first["number"] == 1 and (first["h"], first["v"]) == (0, 0)
    assert first["title"] == "Community Safety and Performance"
    assert first["hidden"] is False and first["fragments"] == 0
    assert first["background"]["image"] == "./backgrounds/ugur-akdemir-FABH5NJEMGM-unsplash.jpg"
    assert first["background"]["opacity"] == 0.5
    assert first["background"]["size"] == "cover"
    assert first["background"]["position"] == "50% 50%"
    assert data["slides"][1]["notes"].startswith("Thank you for inviting me this evening")
    assert data["slides"][1]["background"] is None
    assert data["options"]["transition"] == "fade"
    # the deck is laid out too: only the fonts it used are reported (info), no problem
    assert [d for d in data["diagnostics"] if d["severity"] != "info"] == []
    fonts = [d["message"] for d in data["diagnostics"] if d["code"] == "font"]
    assert "font Open Sans, sans-serif -> Open Sans (OpenSans-Regular.ttf)" in fonts
    assert any("substituted for Montserrat" in f and "the PPTX names Arial" in f for f in fonts)


def test_report_lists_diagnostics(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    deck = tmp_path / "talk.md"
    deck.write_text("# A\n\n![cat](img/cat.png)\n\n---\n\n## B\n", encoding="utf-8")
    code, out, err = run([str(deck), "--report", "-"], capsys)
    assert code == 0
    data = json.loads(out)
    assert [d for d in data["diagnostics"] if d["code"] != "font"] == [{
        "severity": "warning", "code": "missing-image", "message": "image not found: img/cat.png",
        "file": str(deck), "line": 3, "slide": 1,
    }]
    assert err.strip() == f"{deck}:3: warning: image not found: img/cat.png [missing-image]"


def test_strict_fails_on_warning_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deck = tmp_path / "talk.md"
    deck.write_text("# A\n\n![cat](missing.png)\n", encoding="utf-8")
    report = tmp_path / "r.json"
    code, _, err = run([str(deck), "--strict", "--report", str(report)], capsys)
    assert code == 1
    assert "missing-image" in err and "--strict" in err
    assert not report.exists()


def test_strict_passes_clean_deck(capsys: pytest.CaptureFixture[str]) -> None:
    assert run([str(FIXTURE), "--check", "--strict", "-q"], capsys)[0] == 0


def test_non_utf8_input_is_one_line_error(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    deck = tmp_path / "latin1.md"
    deck.write_bytes(b"# Caf\xe9\n\nok\n")
    code, out, err = run([str(deck), "--check"], capsys)
    assert code == 1 and out == ""
    assert err == (f"{deck}:1: error: not valid UTF-8: byte 0xe9 at offset 5; "
                   "save the deck as UTF-8 [encoding]\n")


def test_binary_input_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    deck = tmp_path / "x.md"
    deck.write_bytes(b"PK\x03\x04\x00\x00binary")
    code, _, err = run([str(deck), "--check"], capsys)
    assert code == 1 and "binary file" in err and "[binary-input]" in err


def test_missing_input_and_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run([str(tmp_path / "nope.md"), "--check"], capsys)
    assert code == 1 and "cannot read the file" in err and "nope.md" in err
    code, _, err = run([str(tmp_path), "--check"], capsys)
    assert code == 1 and "is a folder" in err


def test_broken_yaml_names_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    deck = tmp_path / "t.md"
    deck.write_text("---\ntitle: x\ntheme: [unclosed\n---\n# A\n", encoding="utf-8")
    code, _, err = run([str(deck), "--check"], capsys)
    assert code == 1
    assert err.startswith(f"{deck}:3: error: broken YAML front matter")
    assert err.rstrip().endswith("[front-matter]")


def test_usage_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main([])
    assert exc.value.code == 2
    code, _, err = run([str(FIXTURE), "-o", str(tmp_path / "talk.docx")], capsys)
    assert code == 2 and "unknown format .docx" in err
    assert not (tmp_path / "talk.docx").exists()


def test_default_output_is_pptx_beside_the_input(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    deck = tmp_path / "talk.md"
    deck.write_text("# Hello\n\n- one\n- two\n", encoding="utf-8")
    code, _out, err = run([str(deck)], capsys)
    assert code == 0 and err == ""
    assert (tmp_path / "talk.pptx").is_file()
    assert deck.read_text(encoding="utf-8") == "# Hello\n\n- one\n- two\n"


def test_report_never_overwrites_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    deck = tmp_path / "t.md"
    deck.write_text("# A\n", encoding="utf-8")
    code, _, err = run([str(deck), "--report", str(deck)], capsys)
    assert code == 2 and "refusing to overwrite the input" in err
    assert deck.read_text(encoding="utf-8") == "# A\n"


def test_report_into_missing_folder_fails_cleanly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run([str(FIXTURE), "--report", str(tmp_path / "no" / "r.json")], capsys)
    assert code == 1 and "does not exist" in err


def test_cli_separator_flags_win_over_front_matter(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deck = tmp_path / "t.md"
    deck.write_text("---\nseparator: <!--s-->\n---\n# A\n<!--s-->\n# B\n+++\n# C\n",
                    encoding="utf-8")
    code, out, _ = run([str(deck), "--report", "-", "--separator", r"^\+\+\+$"], capsys)
    assert code == 0
    titles = [s["title"] for s in json.loads(out)["slides"]]
    assert titles == ["A", "C"]


def test_quiet_and_verbose(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    deck = tmp_path / "t.md"
    deck.write_text("# A\n\n![x](gone.png)\n\n<!-- .slide: data-a=\"1\"\n data-b=\"2\" -->\n",
                    encoding="utf-8")
    _, out, err = run([str(deck), "--check", "-q"], capsys)
    assert out == "" and err == ""
    _, _, err = run([str(deck), "--check", "-v"], capsys)
    assert "[missing-image]" in err and "info:" in err and "[multiline-attributes]" in err


def test_python_dash_m_and_version() -> None:
    done = subprocess.run([sys.executable, "-m", "converter", "--version"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0 and done.stdout.startswith("md2pptx ")


def test_internal_error_is_reported_without_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import converter.cli.batch as batch

    def boom(*_args: object, **_kw: object) -> None:
        raise RuntimeError("kaboom")

    monkeypatch.setattr(batch, "convert", boom)
    code, _, err = run([str(FIXTURE), "--check"], capsys)
    assert code == 1
    assert "internal error" in err and "kaboom" in err and "Traceback" not in err
    code, _, err = run([str(FIXTURE), "--check", "-v"], capsys)
    assert "Traceback" in err
