"""The package's import structure: no cycles, dependencies pointing one way.

Parses every module of `converter/` (imports inside functions count; imports under
`if TYPE_CHECKING:` do not) and checks that
- no two modules import each other, directly or through others;
- each package imports only the packages below it:
  cli -> api -> reader / layout / render -> style / text / media / template -> model, with the
  cross-cutting modules (diagnostics, limits, output, parallel, version) usable from everywhere;
- start-up stays cheap: `--version` and `--help` import no stage of the pipeline.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "converter"

CROSS = {"diagnostics", "limits", "output", "parallel", "version"}
LOWER = {"model", "style", "text", "media", "template"}
# unit -> the units it may import (besides itself, the cross-cutting modules and
# `converter` itself for `__version__`).
ALLOWED: dict[str, set[str]] = {
    "model": set(),
    "diagnostics": set(),
    "limits": set(),
    "output": set(),
    "parallel": set(),
    "version": set(),
    "style": {"model"},
    "text": {"model", "style"},
    "media": {"model", "style"},
    "template": {"model", "style"},
    "math": {"model", "style"},
    "reader": {"model", "style", "media", "math"},
    "layout": {"model", "style", "text", "media", "template", "math"},
    "render": LOWER | {"layout", "math"},  # render/__init__, reveal_order: both backends'
    "render.pptx": LOWER | {"layout", "render", "math"},
    "render.pdf": LOWER | {"layout", "render", "math"},
    "api": LOWER | {"reader", "layout", "render", "render.pptx", "render.pdf"},
    "cli": LOWER | {"reader", "layout", "render", "render.pptx", "render.pdf", "api"},
    "__main__": {"cli"},
    "__init__": {"api", "reader"},
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def unit_of(module: str) -> str:
    parts = module.split(".")[1:]
    if not parts:
        return "__init__"
    if parts[0] == "render" and len(parts) > 1 and parts[1] in ("pptx", "pdf"):
        return f"render.{parts[1]}"
    return parts[0]


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST, package: str, modules: set[str]) -> set[str]:
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "converter")
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            if target.split(".")[0] == "converter":
                for alias in node.names:
                    candidate = f"{target}.{alias.name}"
                    found.add(candidate if candidate in modules else target)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    return found


def import_graph() -> dict[str, set[str]]:
    paths = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    modules = set(paths)
    graph: dict[str, set[str]] = {}
    for name, path in paths.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        deps = _imports(ast.parse(path.read_text(encoding="utf-8")), package, modules)
        graph[name] = {d for d in deps if d in modules and d != name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def strong(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                strong(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    sys.setrecursionlimit(max(10_000, sys.getrecursionlimit()))
    for v in sorted(graph):
        if v not in index:
            strong(v)
    return found


def layer_violations(graph: dict[str, set[str]]) -> list[str]:
    problems = []
    for module, deps in sorted(graph.items()):
        unit = unit_of(module)
        allowed = ALLOWED[unit] | CROSS | {unit}
        if unit in CROSS | {"model"}:
            allowed = ALLOWED[unit] | {unit}
        for dep in sorted(deps):
            if dep == "converter":  # the package itself: `__version__`
                continue
            if unit_of(dep) not in allowed:
                problems.append(f"{module} imports {dep}")
    return problems


def test_every_module_belongs_to_a_known_unit() -> None:
    unknown = sorted({unit_of(m) for m in import_graph()} - set(ALLOWED))
    assert unknown == [], f"modules outside the known packages: {unknown}"


def test_top_level_holds_only_the_entry_points_and_cross_cutting_modules() -> None:
    loose = sorted(p.stem for p in PACKAGE.glob("*.py"))
    assert loose == [
        "__init__", "__main__", "api", "diagnostics", "limits", "output", "parallel", "version"
    ]


def test_no_import_cycles() -> None:
    assert cycles(import_graph()) == []


def test_imports_point_one_way() -> None:
    assert layer_violations(import_graph()) == []


def test_the_checker_finds_cycles_and_upward_imports() -> None:
    graph = {
        "converter.model.deck": {"converter.style.color"},
        "converter.style.color": {"converter.model.deck"},
        "converter.render.pdf.draw": {"converter.render.pptx.xml"},
        "converter.render.pptx.xml": set(),
    }
    assert cycles(graph) == [["converter.model.deck", "converter.style.color"]]
    assert layer_violations(graph) == [
        "converter.model.deck imports converter.style.color",
        "converter.render.pdf.draw imports converter.render.pptx.xml",
    ]


def test_every_package_says_what_it_holds_and_may_import() -> None:
    for init in PACKAGE.rglob("__init__.py"):
        if init.parent == PACKAGE:
            continue
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))) or ""
        assert "Input" in doc and "Output" in doc, init
        assert "May import:" in doc, f"{init} does not say which packages it may import"


LAZY = ("reportlab", "pptx", "fontTools.ttLib", "pygments", "mistune", "PIL", "yaml", "lxml")


@pytest.mark.parametrize("argv", [["--version"], ["--help"]])
def test_version_and_help_load_no_pipeline_stage(argv: list[str]) -> None:
    code = (
        "import sys; from converter.cli.main import main\n"
        "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in "
        f"{[m.split('.')[0] for m in LAZY]!r} or m.startswith('converter.layout') "
        "or m.startswith('converter.render') or m.startswith('converter.reader'))\n"
        "print('LOADED', heavy)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, *argv], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip().splitlines()[-1] == "LOADED []"
