"""The command line as a tool: several inputs (-d, -j, --to), stable output order, a failure
in one input not stopping the others, atomic outputs, refused targets, the progress bar,
--watch (through the watch loop with a fake change stream) and the Python API."""

from __future__ import annotations

import io
import itertools
import os
from pathlib import Path

import pytest
from pptx import Presentation
from pypdf import PdfReader

import converter
from converter.cli.main import main
from converter.cli.progress import ProgressBar
from converter.cli.watch import deck_files, watch_loop
from converter.diagnostics import ConversionError


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def run(args: list[str]) -> tuple[int, str, str]:
    err, out = io.StringIO(), io.StringIO()
    code = main(args, err=err, out=out)
    return code, out.getvalue(), err.getvalue()


def deck(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def three_decks(tmp_path: Path) -> list[Path]:
    return [
        deck(tmp_path, "a.md", "# A\n\n- one\n"),
        deck(tmp_path, "b.md", "---\ntitle: [broken\n---\n# B\n"),
        deck(tmp_path, "c.md", "# C\n\n![x](gone.png)\n"),
    ]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_batch_converts_every_input_and_reports_the_failure(tmp_path: Path, jobs: str) -> None:
    a, b, c = three_decks(tmp_path / "in")
    out = tmp_path / "out"
    out.mkdir()
    code, _, err = run([str(a), str(b), str(c), "-d", str(out), "-t", "pptx,pdf", "-j", jobs])
    assert code == 1
    assert sorted(p.name for p in out.iterdir()) == ["a.pdf", "a.pptx", "c.pdf", "c.pptx"]
    assert len(Presentation(str(out / "c.pptx")).slides) == 1
    assert len(PdfReader(str(out / "a.pdf"), strict=True).pages) == 1
    lines = err.splitlines()
    # diagnostics in input order, whatever order the workers finished in
    assert lines[0].startswith(f"{b}:2: error: broken YAML front matter")
    assert lines[1] == f"{c}:3: warning: image not found: gone.png [missing-image]"
    assert lines[-1] == f"md2pptx: 2 of 3 inputs converted; failed: {b}"


def test_batch_all_good_exits_0_and_check_tables_in_order(tmp_path: Path) -> None:
    a = deck(tmp_path, "a.md", "# A\n")
    b = deck(tmp_path, "b.md", "# B\n\n---\n\n# B2\n")
    code, out, err = run([str(a), str(b), "-d", str(tmp_path), "--check", "-j", "2"])
    assert code == 0 and err == ""
    assert out.index(f"==> {a} <==") < out.index(f"==> {b} <==")
    assert "2 slides in 2 horizontal positions" in out


def test_batch_report_is_one_json_array(tmp_path: Path) -> None:
    import json

    a, b, c = three_decks(tmp_path)
    report = tmp_path / "all.json"
    code, _, _ = run([str(a), str(b), str(c), "-d", str(tmp_path), "--report", str(report)])
    assert code == 1
    data = json.loads(report.read_text(encoding="utf-8"))
    assert [entry["file"] for entry in data] == [str(a), str(b), str(c)]
    assert data[1]["diagnostics"][0]["code"] == "front-matter"
    assert data[2]["slide_count"] == 1


def test_internal_error_in_a_worker_is_reported_per_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import converter.cli.batch as batch

    real = batch.convert

    def flaky(source: Path, *args: object, **kw: object) -> converter.Result:
        if Path(source).name == "a.md":
            raise RuntimeError("kaboom")
        return real(source, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(batch, "convert", flaky)  # forked workers inherit the patch
    a, _, c = three_decks(tmp_path)
    code, _, err = run([str(a), str(c), "-d", str(tmp_path), "-j", "2"])
    assert code == 1 and (tmp_path / "c.pptx").is_file() and not (tmp_path / "a.pptx").exists()
    assert f"internal error while converting {a}: RuntimeError: kaboom" in err
    assert "please report" in err and "Traceback" not in err
    _, _, err = run([str(a), "-d", str(tmp_path), "-v"])
    assert "Traceback" in err


def test_a_crashing_worker_fails_only_its_own_input(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import converter.cli.batch as batch

    real = batch.convert

    def crash(source: Path, *args: object, **kw: object) -> converter.Result:
        if Path(source).name == "a.md":
            os._exit(9)  # what a segfault or the OOM killer does to a worker
        return real(source, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(batch, "convert", crash)
    a, _, c = three_decks(tmp_path)
    d = deck(tmp_path, "d.md", "# D\n")
    code, _, err = run([str(a), str(c), str(d), "-d", str(tmp_path), "-j", "2"])
    assert code == 1
    assert (tmp_path / "c.pptx").is_file() and (tmp_path / "d.pptx").is_file()
    assert f"internal error while converting {a}: the process converting this deck died" in err
    assert err.count("internal error") == 1


def test_usage_errors(tmp_path: Path) -> None:
    a, _, c = three_decks(tmp_path)
    for args, message in [
        ([str(a), str(c)], "several inputs need -d DIR"),
        ([str(a), str(c), "-d", str(tmp_path), "-o", "x.pptx"], "-o names the outputs of one"),
        ([str(a), "-t", "docx"], "unknown format 'docx'"),
        ([str(a), "-o", str(a)], "refusing to overwrite the input"),
        ([str(a), "-o", str(tmp_path / "a.MD")], "unknown format .MD"),
        ([str(a), str(tmp_path / "sub" / "a.md"), "-d", str(tmp_path)], "would both write"),
    ]:
        if "sub" in args[1]:
            deck(tmp_path / "sub", "a.md", "# other\n")
        code, _, err = run(args)
        assert code == 2, args
        assert message in err, (args, err)
    assert a.read_text(encoding="utf-8") == "# A\n\n- one\n"


def test_missing_output_folder_is_a_clear_error(tmp_path: Path) -> None:
    a = deck(tmp_path, "a.md", "# A\n")
    code, _, err = run([str(a), "-o", str(tmp_path / "nope" / "a.pptx")])
    assert code == 1 and "the folder" in err and "does not exist" in err
    assert not (tmp_path / "nope").exists()


def test_output_dir_is_created_with_its_parents(tmp_path: Path) -> None:
    a = deck(tmp_path, "a.md", "# A\n")
    b = deck(tmp_path, "b.md", "# B\n")
    code, _, err = run([str(a), str(b), "-d", str(tmp_path / "out" / "new")])
    assert code == 0, err
    written = sorted(p.name for p in (tmp_path / "out" / "new").iterdir())
    assert written == ["a.pptx", "b.pptx"]
    assert Presentation(str(tmp_path / "out" / "new" / "b.pptx")).slides[0].shapes.title.text == "B"
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, _, err = run([str(a), "-d", str(blocker / "sub")])
    assert code == 1 and "cannot create the output folder" in err
    code, _, _ = run([str(a), "--check", "-d", str(tmp_path / "never")])
    assert code == 0 and not (tmp_path / "never").exists()


def test_to_pdf_beside_the_input(tmp_path: Path) -> None:
    a = deck(tmp_path, "a.md", "# A\n")
    assert run([str(a), "--to", "pdf"])[0] == 0
    assert (tmp_path / "a.pdf").is_file() and not (tmp_path / "a.pptx").exists()


def test_a_failing_backend_changes_no_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import converter.render.pdf.slides as pdf

    a = deck(tmp_path, "a.md", "# A\n")
    old = tmp_path / "a.pptx"
    old.write_bytes(b"old pptx")

    def broken(*_args: object, **_kw: object) -> bytes:
        raise RuntimeError("renderer broke")

    monkeypatch.setattr(pdf, "render_pdf", broken)
    code, _, err = run([str(a), "-o", str(old), "-o", str(tmp_path / "a.pdf"), "-j", "1"])
    assert code == 1 and "internal error" in err
    assert old.read_bytes() == b"old pptx" and not (tmp_path / "a.pdf").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md", "a.pptx"]  # no temp files


def test_a_failing_write_changes_no_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import converter.output as output

    a = deck(tmp_path, "a.md", "# A\n")
    old = tmp_path / "a.pptx"
    old.write_bytes(b"old pptx")
    real = output._write_temp

    def disk_full(path: Path, data: bytes) -> Path:
        if path.suffix == ".pdf":
            raise OSError(28, "No space left on device")
        return real(path, data)

    monkeypatch.setattr(output, "_write_temp", disk_full)
    with pytest.raises(ConversionError) as exc:
        converter.convert(a, [old, tmp_path / "a.pdf"])
    assert "No space left on device" in exc.value.diagnostic.message
    assert old.read_bytes() == b"old pptx"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md", "a.pptx"]


def test_replaced_output_keeps_its_mode(tmp_path: Path) -> None:
    a = deck(tmp_path, "a.md", "# A\n")
    target = tmp_path / "a.pptx"
    target.write_bytes(b"x")
    target.chmod(0o600)
    assert run([str(a)])[0] == 0
    assert target.stat().st_mode & 0o777 == 0o600 and target.read_bytes()[:2] == b"PK"


def test_api_result_and_progress(tmp_path: Path) -> None:
    text = "".join(f"# Slide {n}\n\n---\n\n" for n in range(60))
    a = deck(tmp_path, "a.md", text)
    seen: list[tuple[str, int, int]] = []
    result = converter.convert(a, [tmp_path / "a.pptx", tmp_path / "a.pdf"], theme="white",
                               report=tmp_path / "r.json",
                               progress=lambda *step: seen.append(step))
    assert result.ok and result.outputs == (tmp_path / "a.pptx", tmp_path / "a.pdf",
                                            tmp_path / "r.json")
    assert result.deck is not None and result.deck.theme == "white"
    stages = [s for s, _, _ in seen]
    assert stages[0] == "read" and stages[-1] == "write"
    assert {"layout", "pptx", "pdf"} <= set(stages)
    layout = [(d, t) for s, d, t in seen if s == "layout"]
    assert layout[0] == (0, 61) and layout[-1] == (61, 61) and len(layout) > 50
    assert all(a <= b for (a, _), (b, _) in itertools.pairwise(layout))
    assert (Path(converter.__file__).parent / "py.typed").is_file()


def test_progress_bar_only_on_a_terminal_for_big_decks(tmp_path: Path) -> None:
    small = deck(tmp_path, "s.md", "# S\n")
    big = deck(tmp_path, "b.md", "".join(f"# {n}\n\n---\n\n" for n in range(60)))
    tty, out = Tty(), io.StringIO()
    assert main([str(small)], err=tty, out=out) == 0 and tty.getvalue() == ""
    assert main([str(big)], err=tty, out=out) == 0
    assert "[" in tty.getvalue() and "/61" in tty.getvalue() and "\x1b[2K" in tty.getvalue()
    plain = io.StringIO()
    assert main([str(big)], err=plain, out=out) == 0 and plain.getvalue() == ""
    tty = Tty()
    assert main([str(big), "-q"], err=tty, out=out) == 0 and tty.getvalue() == ""
    tty = Tty()
    assert main([str(small), str(big), "-d", str(tmp_path), "-j", "1"], err=tty, out=out) == 0
    assert "2/2 decks converted" in tty.getvalue()


def test_progress_bar_draws_and_clears() -> None:
    stream = Tty()
    bar = ProgressBar(stream)
    bar.update("layout", 5, 10, force=True)
    assert "[####################....................] 5/10 layout" in stream.getvalue()
    bar.clear()
    assert stream.getvalue().endswith("\r\x1b[2K")


def test_watch_reconverts_on_changes_to_the_deck_and_its_images(tmp_path: Path) -> None:
    (tmp_path / "img").mkdir()
    image = tmp_path / "img" / "cat.png"
    from PIL import Image

    Image.new("RGB", (4, 4), (0, 0, 255)).save(image)
    a = deck(tmp_path, "a.md", "# A\n\n![cat](img/cat.png)\n")
    runs: list[int] = []

    def once() -> tuple[Path, ...]:
        runs.append(1)
        result = converter.convert(a, [tmp_path / "a.pptx"])
        assert result.deck is not None
        return deck_files(result.deck)

    folders_seen: list[set[Path]] = []

    def changes(folders: set[Path]) -> list[set[tuple[object, str]]]:
        folders_seen.append(folders)
        return [
            {(2, str(tmp_path / "unrelated.txt"))},
            {(2, str(a))},
            {(2, str(image))},
            {(1, str(tmp_path / "reveal-md.json"))},
        ]

    assert watch_loop(once, changes) == 0
    assert len(runs) == 4
    assert folders_seen == [{tmp_path.resolve(), (tmp_path / "img").resolve()}]

    def interrupted(_folders: set[Path]) -> list[set[tuple[object, str]]]:
        raise KeyboardInterrupt

    assert watch_loop(once, interrupted) == 0


def test_watch_through_the_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import converter.cli.watch as watch

    a = deck(tmp_path, "a.md", "# A\n")
    calls: list[set[Path]] = []

    def fake(folders: set[Path]) -> list[set[tuple[object, str]]]:
        calls.append(folders)
        a.write_text("# A changed\n\n![x](gone.png)\n", encoding="utf-8")
        return [{(2, str(a))}]

    monkeypatch.setattr(watch, "watchfiles_changes", fake)
    code, _, err = run([str(a), "--watch"])
    assert code == 0 and calls == [{tmp_path.resolve()}]
    assert "watching" in err and "a.md changed" in err and "[missing-image]" in err


def test_help_and_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["--help"])
    assert exc.value.code == 0
    text = capsys.readouterr().out
    for option in ("--theme", "--size", "--separator", "--vertical-separator",
                   "--notes-separator", "--resource-root", "--handout", "--paper",
                   "--pdf-fragments", "--check", "--report", "--strict", "--quiet", "--verbose",
                   "--watch", "-j", "-d", "examples:", "exit status"):
        assert option in text
    with pytest.raises(SystemExit):
        main(["--version"])
    assert capsys.readouterr().out.strip() == f"md2pptx {converter.__version__}"


def test_default_jobs_is_the_core_count() -> None:
    from converter.cli.batch import default_workers

    assert default_workers() == len(os.sched_getaffinity(0))


def test_watch_with_real_file_events(tmp_path: Path) -> None:
    import threading
    import time

    a = deck(tmp_path, "a.md", "# A\n")
    runs: list[float] = []

    def once() -> tuple[Path, ...]:
        runs.append(time.monotonic())
        if len(runs) == 2:
            raise KeyboardInterrupt  # what Ctrl-C does: the loop ends with 0
        return (a,)

    outcome: list[int] = []
    thread = threading.Thread(target=lambda: outcome.append(watch_loop(once)), daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while len(runs) < 2 and time.monotonic() < deadline:
        time.sleep(0.3)
        a.write_text(f"# A {time.monotonic()}\n", encoding="utf-8")
    thread.join(10)
    assert outcome == [0] and len(runs) == 2


def test_watched_files_include_pictures_inline_in_text(tmp_path: Path) -> None:
    from PIL import Image

    (tmp_path / "img").mkdir()
    for name in ("a", "b", "c"):
        Image.new("RGB", (4, 4), (0, 0, 255)).save(tmp_path / "img" / f"{name}.png")
    a = deck(tmp_path, "a.md", "# A ![a](img/a.png)\n\nText ![b](img/b.png) more\n\n"
             "- item ![c](img/c.png) text\n")  # fmt: skip
    result = converter.convert(a, [tmp_path / "a.pptx"])
    assert result.deck is not None
    files = deck_files(result.deck)
    for name in ("b", "c"):
        assert (tmp_path / "img" / f"{name}.png").resolve() in files
