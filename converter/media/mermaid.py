"""Mermaid diagrams rendered without a browser, Node or network: mermaid's own JavaScript in an
embedded QuickJS (mermaidx), its SVG drawn to PNG by mermaidx's rasteriser (novasvg, which
paints the HTML labels of `foreignObject` that svglib and resvg drop), and the SVG's labels
rewritten as SVG text (`converter.media.mermaid_labels`) for the renderers without HTML.

Input: the diagrams' sources, the deck's mermaid configuration (reveal-md's `mermaid` option,
handed to `mermaid.initialize`) and the largest size a diagram is shown at. Output: per
distinct source a `Rendered` (the SVG with its labels as SVG text, a PNG at `PNG_SCALE` x the
size it is shown at, and the SVG's size in CSS pixels) or a `Failed` (mermaid's message).
mermaidx is imported only when a deck has diagrams.

Work: each distinct (source, configuration) is rendered once per process (an in-memory cache,
which also serves `--watch`) and at most once per mermaidx version on this machine (files under
`~/.cache/md2pptx/mermaid`, size-capped; `MD2PPTX_CACHE_DIR` moves it, `MD2PPTX_CACHE=0` turns
it off). Several diagrams to render are shared out over forked processes (about 0.45 s of CPU
each, plus 0.3 s to start an engine); a single one is rendered here.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import re
import sys
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeAlias

from converter.media.mermaid_labels import labels_as_text
from converter.parallel import Forked, WorkerDied, can_fork, fork_call

__all__ = [
    "PNG_SCALE",
    "Failed",
    "Rendered",
    "Result",
    "available",
    "render_diagrams",
]

CACHE_FORMAT = 2
"""Part of the cache key: 2 since the cached SVG holds its labels as SVG text."""
PNG_SCALE = 2.5
"""The PNG holds 2.5 pixels per CSS pixel of the size the diagram is shown at: about 3.4 per
point on a 16:9 slide (240 dpi), just under what the image store keeps without downscaling."""
MAX_PNG_SIDE = 6000
MAX_WORKERS = 8
MEMORY_ENTRIES = 128
DISK_BYTES = 64 * 1024 * 1024
"""The disk cache is trimmed (oldest first) to three quarters of this once it grows past it."""


@dataclass(frozen=True)
class Rendered:
    """A diagram drawn: the SVG mermaid made with its HTML labels as SVG text, the PNG novasvg
    drew of mermaid's own SVG (what the browser shows), and the SVG's size in CSS pixels (its
    viewBox: what the browser shows, as mermaid caps the SVG's width at it)."""

    svg: str = field(repr=False)
    png: bytes = field(repr=False)
    width: float
    height: float


@dataclass(frozen=True)
class Failed:
    """Why a diagram was not drawn (mermaid's message, shortened)."""

    reason: str


Result: TypeAlias = Rendered | Failed

_memory: OrderedDict[str, Result] = OrderedDict()


def available() -> str | None:
    """None when mermaidx can be used, else why not (for the warning)."""
    try:
        import mermaidx  # noqa: F401
    except Exception as exc:  # ImportError, or a clashing `quickjs` module
        return f"mermaidx cannot be imported ({type(exc).__name__}: {exc}); pip install mermaidx"
    return None


def render_diagrams(sources: Sequence[str], config: Mapping[str, Any],
                    canvas: tuple[float, float]) -> dict[str, Result]:  # fmt: skip
    """Each distinct source drawn (or why not), rendered at most once. `canvas` is the
    reveal canvas in CSS pixels: a diagram is shown at most 95 % of it (as an image), which
    bounds the PNG."""
    config_json = json.dumps(dict(config), sort_keys=True, default=str)
    keys = {source: _key(source, config_json, canvas) for source in dict.fromkeys(sources)}
    out: dict[str, Result] = {}
    todo: list[str] = []
    for source, key in keys.items():
        cached = _memory.get(key) or _disk_get(key)
        if cached is None:
            todo.append(source)
        else:
            out[source] = cached
    jobs = [(source, config_json, canvas) for source in todo]
    for (source, _config, _canvas), result in zip(jobs, _render_jobs(jobs), strict=True):
        out[source] = result
        _disk_put(keys[source], result)
    for source, key in keys.items():
        _remember(key, out[source])
    _disk_trim()
    return out


# --- rendering ----------------------------------------------------------------------------------

_Job: TypeAlias = tuple[str, str, tuple[float, float]]


def _render_jobs(jobs: list[_Job]) -> list[Result]:
    """The jobs' results in order: here when there is one (or no second core), else in forked
    workers, each given a share (longest sources dealt first)."""
    workers = min(len(jobs), _cores(), MAX_WORKERS)
    if workers < 2 or not can_fork():
        return [_render_one(*job) for job in jobs]
    order = sorted(range(len(jobs)), key=lambda i: -len(jobs[i][0]))
    shares = [order[n::workers] for n in range(workers)]
    forked: list[Forked[list[Result]]] = [
        fork_call(functools.partial(_render_share, [jobs[i] for i in share]), "mermaid")
        for share in shares
    ]
    results: list[Result | None] = [None] * len(jobs)
    for share, worker in zip(shares, forked, strict=True):
        try:
            done = worker.result()
        except WorkerDied:  # a crash in the engine: each diagram alone, to keep the others
            done = [_isolated(jobs[i]) for i in share]
        for i, result in zip(share, done, strict=True):
            results[i] = result
    return [r if r is not None else Failed("not rendered") for r in results]


def _render_share(jobs: list[_Job]) -> list[Result]:
    _forget_parent_engine()
    return [_render_one(*job) for job in jobs]


def _isolated(job: _Job) -> Result:
    try:
        return fork_call(functools.partial(_render_share, [job]), "mermaid").result()[0]
    except WorkerDied as exc:
        return Failed(f"the renderer stopped ({exc})")


def _forget_parent_engine() -> None:
    """In a forked worker: drop an engine the parent had started (its thread did not come
    along), so that mermaidx starts a fresh one here."""
    module = sys.modules.get("mermaidx.diagram")
    engines = getattr(module, "_engines", None)
    if isinstance(engines, dict):
        engines.clear()


def _render_one(source: str, config_json: str, canvas: tuple[float, float]) -> Result:
    import mermaidx

    config = json.loads(config_json)
    try:
        diagram = mermaidx.render(source, config=config or None)
        svg = diagram.svg()
        width, height = svg_size(svg)
        png = diagram.png(scale=png_scale(width, height, canvas))
    except Exception as exc:  # mermaid's parse and render errors, and anything below them
        return Failed(error_reason(str(exc)))
    # a failure here must not lose the diagram: its HTML labels then stay, and the picture is
    # the PNG alone (media/diagrams.py)
    with contextlib.suppress(Exception):
        svg = labels_as_text(svg, _measure)
    return Rendered(svg, png, width, height)


def _measure(text: str, size: float) -> float:
    """A line's width as mermaid's layout measured it (mermaidx's font metrics)."""
    from mermaidx import font_metrics

    return float(font_metrics.get_font().measure(text, size)["width"])


def png_scale(width: float, height: float, canvas: tuple[float, float]) -> float:
    """`PNG_SCALE` x the size the diagram is shown at (at most 95 % of the canvas), and no
    side over `MAX_PNG_SIDE` pixels."""
    shown = min(1.0, 0.95 * canvas[0] / width, 0.95 * canvas[1] / height)
    return max(0.05, min(PNG_SCALE * shown, MAX_PNG_SIDE / max(width, height)))


_SVG_TAG = re.compile(r"<svg\b[^>]*>", re.I)
_VIEWBOX = re.compile(r"""\sviewBox\s*=\s*["']([^"']*)["']""", re.I)
_MAX_WIDTH = re.compile(r"max-width:\s*([0-9.]+)px")


def svg_size(svg: str) -> tuple[float, float]:
    """The size of mermaid's SVG in CSS pixels: its viewBox (mermaid sets `width="100%"` and
    caps it with `max-width` at the viewBox's width)."""
    tag = _SVG_TAG.search(svg)
    box = _VIEWBOX.search(tag.group(0)) if tag else None
    numbers = re.findall(r"-?[0-9]*\.?[0-9]+(?:e-?[0-9]+)?", box.group(1)) if box else []
    if len(numbers) == 4 and float(numbers[2]) > 0 and float(numbers[3]) > 0:
        return float(numbers[2]), float(numbers[3])
    raise ValueError("mermaid made an SVG without a usable viewBox")


def error_reason(message: str) -> str:
    """mermaid's message without mermaidx's prefix: its first line, and what it expected."""
    text = message.replace("Mermaid rendering failed: ", "", 1)
    text = re.sub(r"^(Error|UnknownDiagramError): ", "", text.strip())
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        return "mermaid reported an error"
    reason = lines[0].rstrip(":")
    expecting = next((line for line in lines[1:] if line.startswith("Expecting")), None)
    if expecting:
        reason += f" ({expecting if len(expecting) <= 80 else expecting[:79] + '…'})"
    return reason if len(reason) <= 200 else reason[:199] + "…"


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


# --- caches -------------------------------------------------------------------------------------


@functools.cache
def _versions() -> str:
    from importlib.metadata import PackageNotFoundError, version

    found = []
    for name in ("mermaidx", "novasvg"):
        try:
            found.append(f"{name}={version(name)}")
        except PackageNotFoundError:
            found.append(f"{name}=?")
    return ",".join(found)


def _key(source: str, config_json: str, canvas: tuple[float, float]) -> str:
    text = json.dumps([_versions(), CACHE_FORMAT, PNG_SCALE, MAX_PNG_SIDE, config_json, canvas,
                       source])  # fmt: skip
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _remember(key: str, result: Result) -> None:
    _memory[key] = result
    _memory.move_to_end(key)
    while len(_memory) > MEMORY_ENTRIES:
        _memory.popitem(last=False)


def cache_dir() -> Path | None:
    """Where rendered diagrams are kept between runs; None when the cache is off."""
    if os.environ.get("MD2PPTX_CACHE", "1").strip().lower() in ("0", "no", "off", "false"):
        return None
    explicit = os.environ.get("MD2PPTX_CACHE_DIR")
    if explicit:
        return Path(explicit) / "mermaid"
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "md2pptx" / "mermaid"


_SIZE_LINE = re.compile(r"^<!-- md2pptx ([0-9.]+) ([0-9.]+) -->\n")


def _disk_get(key: str) -> Result | None:
    folder = cache_dir()
    if folder is None:
        return None
    try:
        return Failed((folder / f"{key}.err").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        pass
    try:
        svg = (folder / f"{key}.svg").read_text(encoding="utf-8")
        png = (folder / f"{key}.png").read_bytes()
    except (OSError, UnicodeDecodeError):
        return None
    size = _SIZE_LINE.match(svg)
    if size is None or not png.startswith(b"\x89PNG"):
        return None
    with contextlib.suppress(OSError):  # the trimming keeps what was used last
        os.utime(folder / f"{key}.svg")
        os.utime(folder / f"{key}.png")
    return Rendered(svg[size.end():], png, float(size.group(1)), float(size.group(2)))


def _disk_put(key: str, result: Result) -> None:
    """Keep `result` on disk: a drawing as its PNG and its SVG (with its size in a comment
    first), a failure as mermaid's message."""
    folder = cache_dir()
    if folder is None:
        return
    if isinstance(result, Failed):
        files = [(f"{key}.err", result.reason.encode("utf-8"))]
    else:
        head = f"<!-- md2pptx {result.width!r} {result.height!r} -->\n"
        files = [(f"{key}.png", result.png), (f"{key}.svg", (head + result.svg).encode("utf-8"))]
    with contextlib.suppress(OSError):
        folder.mkdir(parents=True, exist_ok=True)
        for name, data in files:
            partial = folder / f".{name}.{os.getpid()}"
            partial.write_bytes(data)
            partial.replace(folder / name)  # the .svg last: it marks the entry complete


def _disk_trim() -> None:
    folder = cache_dir()
    if folder is None:
        return
    with contextlib.suppress(OSError):
        if not folder.is_dir():
            return
        kept = (".svg", ".png", ".err")
        entries = [(item.stat().st_mtime, item.stat().st_size, item)
                   for item in folder.iterdir() if item.suffix in kept]  # fmt: skip
        total = sum(size for _, size, _ in entries)
        if total <= DISK_BYTES:
            return
        for _, size, item in sorted(entries, key=lambda entry: entry[0]):
            item.unlink(missing_ok=True)
            total -= size
            if total <= DISK_BYTES * 3 // 4:
                break
