"""Several outputs of one deck rendered on two cores, and start-up paying only for what is used.

The PPTX is written in this process while the PDF backends run in forked workers
(`converter.parallel`): the outputs and the diagnostics (content and order) must be those of a
run one output after another; a worker that dies is a clean error with nothing written. A run
imports only the backends and libraries it needs.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from pptx import Presentation
from pypdf import PdfReader

import converter
from converter import ConversionError, parallel

DECK = """\
# Parallel

- see [nowhere](#/99) and [also nowhere](#/missing)
- two

Note: the notes

---

## Second

- a <!-- .element: class="fragment shrink" -->
- b <!-- .element: class="fragment highlight-red" -->
- [nowhere again](#/99)

```python
print("code")
```
"""

needs_fork = pytest.mark.skipif(not parallel.can_fork(), reason="needs Linux and two cores")


def _deck(tmp_path: Path) -> Path:
    path = tmp_path / "talk.md"
    path.write_text(DECK, encoding="utf-8")
    return path


def _convert(
    tmp_path: Path, folder: str, names: list[str], *, fork: bool, monkeypatch: pytest.MonkeyPatch
) -> converter.Result:
    out = tmp_path / folder
    out.mkdir()
    monkeypatch.setattr(parallel, "_in_worker", not fork)
    outputs = [out / n for n in names if not n.startswith("handout")]
    handouts = [out / n for n in names if n.startswith("handout")]
    return converter.convert(_deck(tmp_path), outputs, handout_outputs=handouts)


def _pdf_text(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


@needs_fork
@pytest.mark.parametrize(
    "names",
    [["talk.pptx", "talk.pdf", "handout.pdf"], ["talk.pdf", "talk.pptx"],
     ["handout.pdf", "talk.pdf"]],
)
def test_parallel_run_equals_a_run_one_output_after_another(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, names: list[str]
) -> None:
    one_by_one = _convert(tmp_path, "seq", names, fork=False, monkeypatch=monkeypatch)
    both = _convert(tmp_path, "par", names, fork=True, monkeypatch=monkeypatch)
    assert [p.name for p in both.outputs] == [p.name for p in one_by_one.outputs]
    assert both.diagnostics == one_by_one.diagnostics
    links = [d.message for d in both.diagnostics if d.code == "link"]
    # two targets, each warned once for all outputs (by whichever output came first)
    assert links == ["link target #/99 is not a slide; not linked",
                     "link target #/missing is not a slide; not linked"]
    for seq, par in zip(one_by_one.outputs, both.outputs, strict=True):
        if par.suffix == ".pdf":
            assert _pdf_text(par) == _pdf_text(seq)
        else:
            titles = [s.shapes.title.text for s in Presentation(str(par)).slides]
            assert titles == ["PARALLEL", "SECOND"]  # the black theme sets headings upper case


@needs_fork
def test_the_pdf_backends_run_in_another_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import converter.render.pdf.handout as handout
    import converter.render.pdf.slides as slides

    pids = tmp_path / "pids"
    pids.mkdir()
    real_pdf, real_handout = slides.render_pdf, handout.render_handout

    def pdf(*args: object, **kw: object) -> bytes:
        (pids / f"pdf-{os.getpid()}").touch()
        return real_pdf(*args, **kw)  # type: ignore[arg-type]

    def hand(*args: object, **kw: object) -> bytes:
        (pids / f"handout-{os.getpid()}").touch()
        return real_handout(*args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(slides, "render_pdf", pdf)
    monkeypatch.setattr(handout, "render_handout", hand)
    _convert(tmp_path, "out", ["talk.pptx", "talk.pdf", "handout.pdf"], fork=True,
             monkeypatch=monkeypatch)
    seen = {p.name.partition("-")[0]: int(p.name.partition("-")[2]) for p in pids.iterdir()}
    assert set(seen) == {"pdf", "handout"}
    assert os.getpid() not in seen.values() and seen["pdf"] != seen["handout"]


@needs_fork
def test_a_worker_that_dies_is_a_clean_error_and_nothing_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import converter.render.pdf.slides as slides

    def killed(*_args: object, **_kw: object) -> bytes:
        os.kill(os.getpid(), signal.SIGKILL)
        raise AssertionError("not reached")

    monkeypatch.setattr(slides, "render_pdf", killed)
    old = tmp_path / "out" / "talk.pptx"
    with pytest.raises(ConversionError) as exc:
        _convert(tmp_path, "out", ["talk.pptx", "talk.pdf"], fork=True, monkeypatch=monkeypatch)
    message = exc.value.diagnostic.message
    assert "the pdf renderer" in message and "SIGKILL" in message
    assert "nothing was written" in message
    assert not old.exists() and list((tmp_path / "out").iterdir()) == []


@needs_fork
def test_an_exception_in_a_worker_reaches_the_caller(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import converter.render.pdf.handout as handout

    def broken(*_args: object, **_kw: object) -> bytes:
        raise ValueError("handout broke")

    monkeypatch.setattr(handout, "render_handout", broken)
    with pytest.raises(ValueError, match="handout broke"):
        _convert(tmp_path, "out", ["talk.pptx", "handout.pdf"], fork=True,
                 monkeypatch=monkeypatch)
    assert list((tmp_path / "out").iterdir()) == []


def _modules_after(tmp_path: Path, argv: list[str]) -> set[str]:
    code = (
        "import sys\nfrom converter.cli.main import main\n"
        "status = main(sys.argv[1:])\n"
        "print('MODULES', ' '.join(sorted({m.split('.')[0] for m in sys.modules})))\n"
        "sys.exit(status)\n"
    )
    run = subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True,
                         cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    return set(run.stdout.rsplit("MODULES", 1)[1].split())


def test_a_run_loads_only_what_it_writes(tmp_path: Path) -> None:
    plain = tmp_path / "plain.md"
    plain.write_text("# Plain\n\n- no code here\n", encoding="utf-8")
    pptx_only = _modules_after(tmp_path, [str(plain), "-o", "plain.pptx"])
    assert "pptx" in pptx_only
    assert not {"reportlab", "pygments", "multiprocessing", "concurrent"} & pptx_only
    pdf_only = _modules_after(tmp_path, [str(plain), "-o", "plain.pdf"])
    assert "reportlab" in pdf_only and "pptx" not in pdf_only and "pygments" not in pdf_only
    code = _modules_after(tmp_path, [str(_deck(tmp_path)), "-o", "talk.pptx"])
    assert "pygments" in code
