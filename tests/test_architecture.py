"""The layers hold: the app (``tui/``, with the ``outsource`` launcher) imports the core
(``advisor/``), never the other way; the core imports neither Textual nor Rich; only the engine's
child process imports durable_rules; and no module imports itself back through others. The
contracts are in pyproject.toml (``[tool.importlinter]``); import-linter counts imports inside
functions too, so a lazy import cannot hide an arrow pointing up."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parent.parent


def test_import_contracts_are_kept():
    exe = Path(sys.executable).with_name("lint-imports")
    proc = subprocess.run([str(exe), "--no-cache", str(ROOT / "pyproject.toml")], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]
    assert "Contracts: 4 kept, 0 broken." in proc.stdout


def import_cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """The strongly connected components of more than one module (each one an import cycle)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(start: str) -> None:  # Tarjan's algorithm, iterative (no recursion limit)
        work = [(start, iter(sorted(graph.find_modules_directly_imported_by(start))))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.find_modules_directly_imported_by(child)))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    cycles.append(sorted(component))

    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return cycles


def test_no_module_imports_itself_back():
    """Stricter than the per-package contract: no cycle between any two modules of the project,
    across packages too (``tui.app`` -> ``tui.screens.main`` -> ``tui.app`` was one)."""
    assert import_cycles(grimp.build_graph("advisor", "tui")) == []


def test_the_cycle_finder_finds_a_cycle():
    graph = grimp.ImportGraph()
    for name in ("a", "b", "c", "d"):
        graph.add_module(name)
    graph.add_import(importer="a", imported="b")
    graph.add_import(importer="b", imported="c")
    graph.add_import(importer="c", imported="a")
    graph.add_import(importer="c", imported="d")
    assert import_cycles(graph) == [["a", "b", "c"]]


#: What the app holds that screens and widgets must be given instead of fetching (the data, the
#: advice, the settings): they get the controller when built and hear of changes from messages.
APP_DATA = frozenset({"ctl", "findings", "advice_error", "rule_problems", "settings", "today"})


def app_data_reads(source: str) -> list[tuple[int, str]]:
    """(line, name) of each read of :data:`APP_DATA` off the app: ``app.X`` or ``<anything>.app.X``,
    and ``getattr(<app>, "X", ...)``."""
    import ast

    def is_app(node: ast.AST) -> bool:
        return (isinstance(node, ast.Name) and node.id == "app") or (
            isinstance(node, ast.Attribute) and node.attr == "app")

    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and node.attr in APP_DATA and is_app(node.value):
            found.append((node.lineno, node.attr))
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "getattr"
              and len(node.args) >= 2 and is_app(node.args[0]) and isinstance(node.args[1], ast.Constant)
              and node.args[1].value in APP_DATA):
            found.append((node.lineno, node.args[1].value))
    return sorted(found)


def test_screens_and_widgets_do_not_fetch_data_from_the_app():
    """A screen is given what it shows when it is built (the controller: the plan, the advice,
    the rules) and learns of changes from AdviceChanged; the app is used only for UI services
    (its save queue, push_screen, notify, suspend, the key gate)."""
    offenders = []
    for folder in ("tui/screens", "tui/widgets"):
        for path in sorted((ROOT / folder).glob("*.py")):
            for line, name in app_data_reads(path.read_text(encoding="utf-8")):
                offenders.append(f"{path.relative_to(ROOT)}:{line}: app.{name}")
    assert offenders == []


def test_the_app_data_scan_finds_each_way_of_reaching_in():
    source = ("p = self.app.ctl.plan\nf = app.findings\ns = getattr(self.app, 'settings', None)\n"
              "e = screen.app.advice_error\nok = self.ctl.plan\nself.app.save(fn)\nself.app.notify('x')\n")
    assert app_data_reads(source) == [(1, "ctl"), (2, "findings"), (3, "settings"), (4, "advice_error")]
