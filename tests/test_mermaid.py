"""Mermaid diagrams (issue 14): ```mermaid blocks, `<pre><code class="mermaid">` and
`<div class="mermaid">` drawn as pictures through mermaidx (no browser, Node or network), each
distinct diagram rendered once, several spread over processes, a broken one shown as code with
a `mermaid` warning naming its line. The reader tests run without mermaidx; the others are
skipped when it cannot be imported (CI installs it: it is a dependency)."""

from __future__ import annotations

import hashlib
import io
import json
import re
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import assert_valid_pptx, convert_text, read
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from converter.diagnostics import Severity
from converter.media import mermaid
from converter.model import CodeBlock

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "mermaid" / "talk.md"
FLOW = "flowchart LR\n  A[Start] --> B{Ready?}\n  B -->|Yes| C[Go]"
needs_mermaidx = pytest.mark.skipif(mermaid.available() is not None,
                                    reason="mermaidx cannot be imported")  # fmt: skip


@pytest.fixture(autouse=True)
def private_cache(tmp_path_factory: pytest.TempPathFactory,
                  monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:  # fmt: skip
    """Each test with an empty in-memory cache and a disk cache of its own (never ~/.cache)."""
    folder = tmp_path_factory.mktemp("cache")
    monkeypatch.setenv("MD2PPTX_CACHE_DIR", str(folder))
    saved = dict(mermaid._memory)
    mermaid._memory.clear()
    yield folder
    mermaid._memory.clear()
    mermaid._memory.update(saved)


def count_renders(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The sources mermaid renders in this process from now on."""
    seen: list[str] = []
    real = mermaid._render_one

    def counted(source: str, *args: Any) -> mermaid.Result:
        seen.append(source)
        return real(source, *args)

    monkeypatch.setattr(mermaid, "_render_one", counted)
    return seen


# --- the reader: which blocks are diagrams, and their lines ----------------------------------


def test_reader_records_diagrams_with_their_lines(tmp_path: Path) -> None:
    md = ("# T\n\n```mermaid\ngraph TD; A-->B\n```\n\n```mermaid\ngraph TD; A-->B\n```\n\n"
          '<div class="mermaid">\n  pie\n    "a" : 1\n</div>\n\n'
          '<pre><code class="mermaid">graph LR; X--&gt;Y</code></pre>\n\n'
          '<pre><code class="language-mermaid">graph LR; kept</code></pre>\n\n'
          "Note: ```mermaid\ngraph TD; N-->O\n```\n")
    res = read(md, tmp_path)
    assert res.diagrams == (("graph TD; A-->B", 3), ("graph TD; A-->B", 7),
                            ('pie\n  "a" : 1', 12), ("graph LR; X-->Y", 16))  # fmt: skip
    assert "mermaid" not in [d.code for d in res.diagnostics]  # the reader draws nothing
    blocks = res.deck.slides[0].blocks
    assert [b.language for b in blocks if isinstance(b, CodeBlock)] == ["mermaid"] * 5
    assert res.mermaid == {}


def test_div_mermaid_text_is_what_mermaid_reads(tmp_path: Path) -> None:
    """innerHTML, entities decoded, dedented and trimmed; tags inside (`<br>`) stay."""
    md = '<div class="mermaid">\n    graph LR\n      A[one<br>two] --&gt; B\n</div>\n'
    res = read(md, tmp_path)
    [block] = res.deck.slides[0].blocks
    assert block == CodeBlock("graph LR\n  A[one<br>two] --> B", "mermaid")
    assert res.diagrams == (("graph LR\n  A[one<br>two] --> B", 2),)


@pytest.mark.parametrize(("front", "expected", "warned"), [
    ("mermaid: false", None, False),
    ("mermaid: true", {}, False),
    ("mermaid:\n  theme: dark\n  flowchart: {curve: basis}",
     {"theme": "dark", "flowchart": {"curve": "basis"}}, False),
    ("mermaid: dark", {}, True),
], ids=["off", "on", "mapping", "bad"])  # fmt: skip
def test_the_mermaid_option(tmp_path: Path, front: str, expected: object, warned: bool) -> None:
    res = read(f"---\n{front}\n---\n# T\n", tmp_path)
    assert res.mermaid == expected
    assert ("front-matter" in [d.code for d in res.diagnostics]) == warned


# --- drawing: the fixture deck ------------------------------------------------------------------


@pytest.fixture(scope="module")
def fixture_outputs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, Path, Path]:
    if mermaid.available() is not None:
        pytest.skip("mermaidx cannot be imported")
    import converter

    out = tmp_path_factory.mktemp("mermaid")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("MD2PPTX_CACHE", "0")
        result = converter.convert(FIXTURE, [out / "talk.pptx", out / "talk.pdf"])
    return result, out / "talk.pptx", out / "talk.pdf"


def pictures(path: Path) -> list[list[Any]]:
    return [[shape for shape in slide.shapes if shape.shape_type == MSO_SHAPE_TYPE.PICTURE]
            for slide in Presentation(str(path)).slides]  # fmt: skip


def test_diagrams_are_pictures_of_their_svg_aspect(fixture_outputs: tuple[Any, Path, Path]) -> None:
    result, pptx, _pdf = fixture_outputs
    assert_valid_pptx(pptx)
    per_slide = pictures(pptx)
    assert [len(p) for p in per_slide] == [1, 1, 1, 0, 1, 1]
    found = dict(result_sources(result))
    rendered = mermaid.render_diagrams(list(found.values()), {"theme": "dark"}, (960.0, 700.0))
    for slide in (0, 1):  # the flowchart and the sequence diagram
        [shape] = per_slide[slide]
        drawing = rendered[found[slide]]
        assert isinstance(drawing, mermaid.Rendered)
        assert shape.width / shape.height == pytest.approx(drawing.width / drawing.height, rel=0.01)
        # the browser's size: the viewBox in CSS px (0.7418 pt each on a 16:9 slide)
        assert shape.width / 12700 == pytest.approx(drawing.width * 540 / 728, rel=0.01)
        assert shape._element.xpath(".//p:cNvPr/@descr")[0].startswith(found[slide][:12])
    texts = [shape.text_frame.text for slide in Presentation(str(pptx)).slides
             for shape in slide.shapes if shape.has_text_frame]  # fmt: skip
    assert not any("-->" in text or "->>" in text for text in texts
                   if "A --> --> B[" not in text and "kept -->" not in text)  # fmt: skip


def result_sources(result: Any) -> Iterator[tuple[int, str]]:
    from converter.reader import read_file

    read_result = read_file(FIXTURE)
    by_text = {text for text, _line in read_result.diagrams}
    for index, slide in enumerate(read_result.deck.slides):
        for block in slide.blocks:
            if isinstance(block, CodeBlock) and block.text in by_text:
                yield index, block.text


def test_identical_diagrams_are_one_picture(fixture_outputs: tuple[Any, Path, Path]) -> None:
    _result, pptx, _pdf = fixture_outputs
    per_slide = pictures(pptx)
    first, again = per_slide[0][0], per_slide[2][0]
    assert hashlib.sha1(first.image.blob).digest() == hashlib.sha1(again.image.blob).digest()
    assert again._element.getparent() is not None  # the fragment keeps the picture a shape


def test_broken_diagram_warns_with_its_line_and_shows_code(
    fixture_outputs: tuple[Any, Path, Path],
) -> None:
    result, pptx, _pdf = fixture_outputs
    [warning] = [d for d in result.diagnostics if d.code == "mermaid"]
    assert warning.severity is Severity.WARNING
    assert warning.line == 56 and warning.slide == 4
    assert "Parse error on line 2" in warning.message
    slide = Presentation(str(pptx)).slides[3]
    assert any("A --> --> B[" in shape.text_frame.text for shape in slide.shapes
               if shape.has_text_frame)  # fmt: skip
    assert not [d for d in result.diagnostics if d.severity is Severity.ERROR]


def test_pdf_pages_hold_the_diagrams_not_their_source(
    fixture_outputs: tuple[Any, Path, Path],
) -> None:
    pymupdf = pytest.importorskip("pymupdf")
    _result, _pptx, pdf = fixture_outputs
    with pymupdf.open(pdf) as doc:
        pages = list(doc)
        images = [page.get_images() for page in pages]
        assert [len(found) for found in images] == [1, 1, 1, 0, 1, 1]
        assert images[0][0][0] == images[2][0][0]  # the same picture, stored once
        for number in (0, 1, 4):
            text = pages[number].get_text()
            assert "-->" not in text and "->>" not in text and "pie" not in text
            [(xref, *_rest)] = images[number]
            assert pymupdf.Pixmap(doc, xref).width >= 1000  # sharp: 2.5 px per CSS px
        assert "A --> --> B[" in pages[3].get_text()
        assert "kept --> as code" in pages[5].get_text()


# --- the PPTX's SVG picture: mermaid's drawing with its labels as SVG text ----------------------

ASVG = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"
SVG = "{http://www.w3.org/2000/svg}"


def svg_parts(shape: Any) -> tuple[bytes, bytes]:
    """A picture's SVG part (named by its `asvg:svgBlip`) and its fallback picture."""
    from lxml import etree

    [rid] = etree.ElementBase.xpath(shape._element, ".//asvg:svgBlip/@r:embed", namespaces={
        "asvg": ASVG, "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"})
    return shape.part.related_part(rid).blob, shape.image.blob


def svg_texts(data: bytes) -> list[str]:
    """The text of each `<text>` of an SVG, its lines joined by spaces."""
    from lxml import etree

    root = etree.fromstring(data)
    assert not root.xpath("//*[local-name()='foreignObject' or local-name()='script']")
    for element in root.iter(etree.Element):
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on")
            if name.endswith("href"):
                assert value.startswith("#"), value
        assert "url(http" not in (element.text or "") + element.get("style", "")
    return [" ".join("".join(line.itertext()).strip() for line in text.findall(f"{SVG}tspan")
                     or [text]) for text in root.iter(f"{SVG}text")]  # fmt: skip


def test_pptx_pictures_are_svg_with_the_png_fallback(
    fixture_outputs: tuple[Any, Path, Path],
) -> None:
    from PIL import Image

    _result, pptx, _pdf = fixture_outputs
    per_slide = pictures(pptx)
    flowchart, fallback = svg_parts(per_slide[0][0])
    texts = svg_texts(flowchart)
    for label in ("Write the talk", "Diagrams?", "Yes", "No", "mermaid blocks", "Plain slides",
                  "md2pptx"):  # fmt: skip
        assert label in texts
    assert b"<marker" in flowchart  # the arrowheads
    with Image.open(io.BytesIO(fallback)) as im:  # mermaidx's own drawing, 2.5 px per CSS px
        assert im.format == "PNG" and im.width >= 2 * 869
    state, _png = svg_parts(per_slide[5][0])
    assert {"Draft", "Published"} <= set(svg_texts(state))
    sequence, _png = svg_parts(per_slide[1][0])
    assert {"Speaker", "md2pptx", "talk.md", "talk.pptx and talk.pdf"} <= set(svg_texts(sequence))
    assert svg_parts(per_slide[2][0]) == (flowchart, fallback)  # the same diagram again
    package = Presentation(str(pptx)).part.package
    types = [part.content_type for part in package.iter_parts()]
    assert types.count("image/svg+xml") == 4  # one per distinct diagram
    assert types.count("image/png") == 4


def flat(png: bytes, size: tuple[int, int] | None = None) -> Any:
    from PIL import Image

    with Image.open(io.BytesIO(png)) as im:
        rgba = im.convert("RGBA")
    white = Image.new("RGBA", rgba.size, "white")
    white.alpha_composite(rgba)
    grey = white.convert("L")
    return grey if size is None or grey.size == size else grey.resize(size)


SAMPLES = {
    "flowchart": ("flowchart LR\n  A[Write the talk] --> B{Diagrams?}\n"
                  "  B -->|Yes| C[mermaid blocks<br>two lines]\n  B -->|No| D[Plain slides]\n"
                  "  subgraph S [Output files]\n    C --> E[md2pptx]\n  end\n  D --> E"),
    "class": ("classDiagram\n  class Animal {\n    +String name\n    +eat() void\n  }\n"
              "  Animal <|-- Duck : inherits\n  Duck : +swim()"),
    "state": ("stateDiagram-v2\n  [*] --> Draft\n  Draft --> Published : review ok\n"
              "  Published --> [*]"),
    "er": "erDiagram\n  CUSTOMER ||--o{ ORDER : places\n  ORDER ||--|{ LINE-ITEM : contains",
    "mindmap": "mindmap\n  root((Talk))\n    Slides\n      Text\n      Diagrams\n    Notes",
    "sequence": "sequenceDiagram\n  S->>M: talk.md\n  Note right of M: converts\n  M-->>S: done",
    "gantt": ("gantt\n  title Plan\n  dateFormat YYYY-MM-DD\n  section Write\n"
              "  Draft :a1, 2024-01-01, 5d\n  Review :after a1, 3d"),
    "pie": 'pie title Time\n  "Writing" : 60\n  "Drawing" : 25\n  "Converting" : 15',
    "timeline": "timeline\n  title History\n  2022 : Draft\n  2023 : Review : Publish",
}
HTML_LABELS = {"flowchart", "class", "state", "er", "mindmap"}


@needs_mermaidx
def test_the_svg_part_draws_what_the_png_shows(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each diagram type's SVG part, drawn by resvg (no HTML) through the project's SVG reading
    and fonts, against mermaidx's PNG of mermaid's own SVG (HTML labels painted): the mean
    absolute difference of their grey levels (0-255) is small, far smaller than without the
    labels (which mermaid wrote as HTML for five of these types), and the same without the
    style sheet."""
    from converter.layout.svg_fonts import svg_fonts
    from converter.media.svg import parse_svg, rasterise
    from converter.text.library import FontLibrary

    monkeypatch.setenv("MD2PPTX_CACHE", "0")
    fonts = svg_fonts(FontLibrary())
    results = mermaid.render_diagrams(list(SAMPLES.values()), {}, (960.0, 700.0))

    def difference(svg: str, reference: Any) -> float:
        from PIL import ImageChops, ImageStat

        doc = parse_svg(svg.encode("utf-8"))  # the project's sanitising, as in a deck
        drawn = flat(rasterise(doc, *reference.size, fonts(doc)), reference.size)
        return float(ImageStat.Stat(ImageChops.difference(drawn, reference)).mean[0])

    for name, source in SAMPLES.items():
        result = results[source]
        assert isinstance(result, mermaid.Rendered), name
        assert "<foreignObject" not in result.svg
        reference = flat(result.png)
        with_labels = difference(result.svg, reference)
        without = difference(re.sub(r"<text\b.*?</text>", "", result.svg, flags=re.S), reference)
        assert with_labels < 2.0, (name, with_labels)
        # the style sheet's paint, fonts and anchors are written on the elements: a renderer
        # that knows no CSS draws it as well
        unstyled = difference(re.sub(r"<style\b.*?</style>", "", result.svg, flags=re.S),
                              reference)  # fmt: skip
        assert unstyled < 2.0 and abs(unstyled - with_labels) < 0.5, (name, unstyled)
        if name in HTML_LABELS:
            assert with_labels < 0.6 * without, (name, with_labels, without)


@needs_mermaidx
def test_labels_keep_their_lines_weight_and_colour() -> None:
    from converter.media.mermaid_labels import labels_as_text

    source = ('flowchart TD\n  A["`**Bold** and *italic*`"] --> B[one<br>two]\n'
              "  B --> C(Round):::green\n  classDef green fill:#9f6,color:#fff")
    result = mermaid.render_diagrams([source], {"theme": "dark"}, (960.0, 700.0))[source]
    assert isinstance(result, mermaid.Rendered)
    from lxml import etree

    root = etree.fromstring(result.svg.encode("utf-8"))
    texts = dict(zip(svg_texts(result.svg.encode("utf-8")), root.iter(f"{SVG}text"),
                     strict=True))  # fmt: skip
    bold = texts["Bold and italic"]
    styles = [bold.get("style"), *(piece.get("style") for piece in bold.iter(f"{SVG}tspan"))]
    assert any("font-weight:bold" in (s or "") for s in styles)
    assert any("font-style:italic" in (s or "") for s in styles)
    lines = texts["one two"].findall(f"{SVG}tspan")
    assert [line.text for line in lines] == ["one", "two"]
    assert float(lines[1].get("y")) - float(lines[0].get("y")) == pytest.approx(24.0)
    assert "fill:#ffffff" in texts["Round"].get("style")  # the classDef's colour
    assert "stroke:none" in texts["Round"].get("style")  # not the node's outline
    assert root.get("width") and not root.get("width").endswith("%")
    assert labels_as_text("<svg><p>not XML") == "<svg><p>not XML"


@needs_mermaidx
def test_a_switch_keeps_the_rewritten_label_only() -> None:
    """Journey sections offer HTML and SVG text in a `<switch>`; the browser shows the HTML,
    whose rewrite replaces both (mermaid's SVG text would take the section's fill colour)."""
    source = "journey\n  title Day\n  section Go to work\n    Make tea: 5: Me"
    result = mermaid.render_diagrams([source], {}, (960.0, 700.0))[source]
    assert isinstance(result, mermaid.Rendered)
    assert svg_texts(result.svg.encode("utf-8")).count("Go to work") == 1
    assert re.search(r"<switch><text [^>]*fill:#333333[^>]*><tspan[^>]*>Go to work</tspan>"
                     r"</text></switch>", result.svg)  # fmt: skip


@needs_mermaidx
def test_labels_left_as_html_make_a_png_picture(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Should the rewrite fail, the diagram is still drawn: as its PNG, without an SVG part
    that PowerPoint would draw without labels."""

    def broken(svg: str, measure: object = None) -> str:
        raise RuntimeError("rewrite failed")

    monkeypatch.setattr(mermaid, "labels_as_text", broken)
    result, pptx = convert_text(tmp_path, f"```mermaid\n{FLOW}\n```\n", "pptx")
    [[shape]] = pictures(pptx)
    assert not result.warnings
    assert b"svgBlip" not in etree_bytes(shape) and shape.image.content_type == "image/png"


def etree_bytes(shape: Any) -> bytes:
    from lxml import etree

    return bytes(etree.tostring(shape._element))


# --- drawing: rendering once, in parallel, offline --------------------------------------------


@needs_mermaidx
def test_identical_diagrams_render_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen = count_renders(monkeypatch)
    md = "\n\n---\n\n".join([f"```mermaid\n{FLOW}\n```"] * 3)
    result, pptx = convert_text(tmp_path, md, "pptx")
    assert seen == [FLOW]
    assert [len(p) for p in pictures(pptx)] == [1, 1, 1]
    assert not result.warnings
    convert_text(tmp_path, md, "pptx")  # a second run (e.g. --watch) reuses the drawing
    assert seen == [FLOW]


@needs_mermaidx
def test_a_second_process_reads_the_disk_cache(
    private_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = count_renders(monkeypatch)
    first = mermaid.render_diagrams([FLOW], {}, (960.0, 700.0))[FLOW]
    assert isinstance(first, mermaid.Rendered) and seen == [FLOW]
    assert sorted(p.suffix for p in (private_cache / "mermaid").iterdir()) == [".png", ".svg"]
    mermaid._memory.clear()  # as in a new process
    again = mermaid.render_diagrams([FLOW], {}, (960.0, 700.0))[FLOW]
    assert again == first and seen == [FLOW]
    monkeypatch.setattr(mermaid, "DISK_BYTES", 1)
    mermaid._disk_trim()
    assert not list((private_cache / "mermaid").iterdir())


@needs_mermaidx
def test_several_diagrams_are_shared_out_over_processes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MD2PPTX_CACHE", "0")
    forks: list[str] = []
    real_fork = mermaid.fork_call

    def counted(function: Any, what: str) -> Any:
        forks.append(what)
        return real_fork(function, what)

    monkeypatch.setattr(mermaid, "fork_call", counted)
    sources = [f"flowchart LR\n  A{n} --> B{n}" for n in range(3)] + ["flowchart LR\n  A --> -->"]
    results = mermaid.render_diagrams(sources, {}, (960.0, 700.0))
    assert [type(results[s]).__name__ for s in sources] == ["Rendered"] * 3 + ["Failed"]
    expected = min(len(sources), mermaid._cores(), mermaid.MAX_WORKERS)
    assert len(forks) == (expected if expected > 1 and mermaid.can_fork() else 0)


@needs_mermaidx
def test_rendering_uses_no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MD2PPTX_CACHE", "0")

    def refused(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("mermaid rendering opened a network connection")

    monkeypatch.setattr(socket.socket, "connect", refused)
    monkeypatch.setattr(socket, "create_connection", refused)
    monkeypatch.setattr(socket, "getaddrinfo", refused)
    result = mermaid.render_diagrams(["sequenceDiagram\n  A->>B: offline"], {}, (960.0, 700.0))
    assert isinstance(next(iter(result.values())), mermaid.Rendered)


@needs_mermaidx
def test_the_deck_config_reaches_mermaid(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    configs: list[dict[str, Any]] = []
    real = mermaid._render_one

    def spy(source: str, config_json: str, canvas: tuple[float, float]) -> mermaid.Result:
        configs.append(json.loads(config_json))
        return real(source, config_json, canvas)

    monkeypatch.setattr(mermaid, "_render_one", spy)
    md = f"---\nmermaid:\n  theme: forest\n---\n```mermaid\n{FLOW}\n```\n"
    result, _pptx = convert_text(tmp_path, md, "pptx")
    assert configs == [{"theme": "forest"}] and not result.warnings


@needs_mermaidx
def test_mermaid_false_keeps_the_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen = count_renders(monkeypatch)
    result, pptx = convert_text(tmp_path, f"---\nmermaid: false\n---\n```mermaid\n{FLOW}\n```\n",
                                "pptx")  # fmt: skip
    assert seen == [] and not result.warnings
    assert pictures(pptx) == [[]]


def test_without_mermaidx_one_warning_and_the_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(mermaid, "available", lambda: "mermaidx cannot be imported (test)")
    md = f"# A\n\n```mermaid\n{FLOW}\n```\n\n---\n\n```mermaid\ngraph TD; X-->Y\n```\n"
    result, pptx = convert_text(tmp_path, md, "pptx")
    [warning] = result.warnings
    assert (warning.code, warning.line) == ("mermaid", 3)
    assert warning.message.startswith("2 mermaid diagrams not rendered: mermaidx cannot")
    assert pictures(pptx) == [[], []]


def test_decks_without_diagrams_do_not_import_mermaidx(tmp_path: Path) -> None:
    deck = tmp_path / "talk.md"
    deck.write_text("# Plain\n\n```python\nprint(1)\n```\n", encoding="utf-8")
    script = ("import sys, converter\n"
              f"converter.convert({str(deck)!r}, [{str(tmp_path / 't.pptx')!r}])\n"
              "assert 'mermaidx' not in sys.modules and 'converter.media.mermaid' not in "
              "sys.modules, 'mermaid imported'\n")  # fmt: skip
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=False, timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stderr


def test_svg_size_and_error_reason() -> None:
    svg = '<svg id="x" width="100%" style="max-width: 448.5px;" viewBox="-8 -8 448.5 174">'
    assert mermaid.svg_size(svg) == (448.5, 174.0)
    with pytest.raises(ValueError):
        mermaid.svg_size('<svg width="10">')
    message = ("Mermaid rendering failed: Error: Parse error on line 2:\n...LR  A --> -->\n"
               "-----^\nExpecting 'AMP', 'COLON', got 'LINK'")
    assert mermaid.error_reason(message) == (
        "Parse error on line 2 (Expecting 'AMP', 'COLON', got 'LINK')")
    assert mermaid.png_scale(448.5, 174, (960, 700)) == pytest.approx(2.5)
    assert mermaid.png_scale(1824, 100, (960, 700)) == pytest.approx(1.25)
