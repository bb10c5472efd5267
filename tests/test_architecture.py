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
    assert "Contracts: 5 kept, 0 broken." in proc.stdout


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


# --------------------------------------------------------------------------- dynamic imports
# import-linter sees `import x` statements only; `importlib.import_module("x")` and
# `__import__("x")` would pass it unseen. Every dynamic import in advisor/ and tui/ is found here:
# a literal target must keep the layers, and a computed one must be listed below with its reason.

#: The core (advisor/) never loads these, dynamically either.
CORE_FORBIDDEN = ("tui", "textual", "rich")
#: Screens and widgets reach these only through the controller, dynamically either.
SCREEN_FORBIDDEN = ("advisor.storage", "advisor.engine", "sqlite3")
#: (file, function) of each dynamic import whose target is computed, and the targets it can reach.
ALLOWED_DYNAMIC = {
    ("advisor/cli.py", "build_parser"): "advisor.commands.<name> for each name in COMMANDS",
    ("advisor/engine/__init__.py", "__getattr__"): "the package's lazy re-exports (_EXPORTS: "
                                                   ".advisor, .convert, advisor.errors)",
    ("advisor/engine/check.py", "problem"): "durable_rules_engine: the probe whose one job is to "
                                            "say whether the engine's C extension loads here",
}


def dynamic_imports(source: str) -> list[tuple[int, str, str | None]]:
    """(line, enclosing function, literal target or None when computed) of each
    ``import_module(...)`` / ``importlib.import_module(...)`` / ``__import__(...)`` call."""
    import ast

    found = []

    def visit(node: ast.AST, func: str) -> None:
        for child in ast.iter_child_nodes(node):
            name = child.name if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)) else func
            if isinstance(child, ast.Call):
                f = child.func
                callee = f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else ""
                if callee in ("import_module", "__import__"):
                    arg = child.args[0] if child.args else None
                    literal = arg.value if isinstance(arg, ast.Constant) and isinstance(arg.value, str) else None
                    found.append((child.lineno, func, literal))
            visit(child, name)

    visit(ast.parse(source), "<module>")
    return found


def _under(target: str, prefixes: tuple[str, ...]) -> bool:
    return any(target == p or target.startswith(p + ".") for p in prefixes)


def dynamic_import_offences(root: Path) -> list[str]:
    out = []
    for folder in ("advisor", "tui"):
        for path in sorted((root / folder).rglob("*.py")):
            rel = path.relative_to(root).as_posix()
            for line, func, target in dynamic_imports(path.read_text(encoding="utf-8")):
                where = f"{rel}:{line}"
                if target is None:
                    if (rel, func) not in ALLOWED_DYNAMIC:
                        out.append(f"{where}: a computed dynamic import in {func}() not in ALLOWED_DYNAMIC")
                elif rel.startswith("advisor/") and _under(target, CORE_FORBIDDEN):
                    out.append(f"{where}: the core imports {target}")
                elif rel.startswith(("tui/screens/", "tui/widgets/")) and _under(target, SCREEN_FORBIDDEN):
                    out.append(f"{where}: a screen or widget imports {target}")
    return out


def test_no_dynamic_import_crosses_a_layer():
    assert dynamic_import_offences(ROOT) == []


def test_every_allowed_dynamic_import_still_exists():
    """The allow-list names real call sites (a stale entry would allow a new one unseen)."""
    for rel, func in ALLOWED_DYNAMIC:
        sites = dynamic_imports((ROOT / rel).read_text(encoding="utf-8"))
        assert any(f == func and t is None for _, f, t in sites), (rel, func)


def test_the_dynamic_import_scan_catches_bad_ones(tmp_path):
    files = {
        "advisor/bad.py": "import importlib\ndef f():\n    return importlib.import_module('tui.app')\n",
        "advisor/bad2.py": "T = __import__('textual.widgets')\n",
        "advisor/bad3.py": "from importlib import import_module\ndef g(n):\n    return import_module(n)\n",
        "tui/screens/bad.py": "import importlib\nW = importlib.import_module('advisor.storage.workspace')\n",
        "tui/widgets/bad.py": "S = __import__('sqlite3')\n",
        "tui/app_ok.py": "import importlib\nW = importlib.import_module('advisor.storage.workspace')\n",
        "advisor/ok.py": "import importlib\nP = importlib.import_module('advisor.plan.model')\n",
    }
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    assert dynamic_import_offences(tmp_path) == [
        "advisor/bad.py:3: the core imports tui.app",
        "advisor/bad2.py:1: the core imports textual.widgets",
        "advisor/bad3.py:3: a computed dynamic import in g() not in ALLOWED_DYNAMIC",
        "tui/screens/bad.py:2: a screen or widget imports advisor.storage.workspace",
        "tui/widgets/bad.py:1: a screen or widget imports sqlite3",
    ]


def test_the_screen_contract_catches_a_direct_import(tmp_path):
    """A copy of the tree with a screen and a widget importing storage, the engine and sqlite3
    directly: lint-imports reports each (the contract is not vacuous)."""
    import os
    import shutil

    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "web")
    for pkg in ("advisor", "tui"):
        shutil.copytree(ROOT / pkg, tmp_path / pkg, ignore=ignore)
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    (tmp_path / "tui" / "screens" / "bad.py").write_text(
        "import sqlite3\nfrom advisor.storage import workspace\n\n\ndef f():\n"
        "    from advisor.engine import advisor  # a lazy import counts too\n", encoding="utf-8")
    (tmp_path / "tui" / "widgets" / "bad.py").write_text("from advisor.storage.planfile import load_plan\n",
                                                         encoding="utf-8")
    exe = Path(sys.executable).with_name("lint-imports")
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    proc = subprocess.run([str(exe), "--no-cache", str(tmp_path / "pyproject.toml")], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode != 0
    out = proc.stdout
    assert "screens and widgets reach the workspace, the engine and SQLite only through" in out
    for arrow in ("tui.screens.bad -> sqlite3", "tui.screens.bad -> advisor.storage.workspace",
                  "tui.screens.bad -> advisor.engine.advisor", "tui.widgets.bad -> advisor.storage.planfile"):
        assert arrow in out, (arrow, out[-3000:])
    assert "Contracts: 4 kept, 1 broken." in out


# --------------------------------------------------------------------------- one place each
# Statuses and severities are defined once (advisor/plan/model.py, advisor/settings.py); code uses
# those names instead of retyping the tuples, and the app's style maps cover exactly them.

def _defined_sets() -> dict[frozenset, str]:
    from advisor.plan import model
    from advisor.settings import SEVERITIES

    names = ("TASK_STATUSES", "CANDIDATE_STATUSES", "SHORTLIST_STATUSES", "POSTED_STATUSES", "CLOSED_STATUSES")
    out = {frozenset(getattr(model, n)): f"advisor.plan.model.{n}" for n in names}
    out[frozenset(SEVERITIES)] = "advisor.settings.SEVERITIES"
    return out


def retyped_tuples(source: str, defined: dict[frozenset, str]) -> list[tuple[int, str]]:
    """(line, the definition it copies) of each tuple or list literal of strings that spells out
    a whole defined set (``Literal[...]`` type arguments aside: they must be literal)."""
    import ast

    tree = ast.parse(source)
    literal_args = {id(n.slice) for n in ast.walk(tree)
                    if isinstance(n, ast.Subscript) and getattr(n.value, "id", "") == "Literal"}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.Tuple, ast.List)) and id(node) not in literal_args and len(node.elts) > 1 \
                and all(isinstance(e, ast.Constant) and isinstance(e.value, str) for e in node.elts):
            hit = defined.get(frozenset(e.value for e in node.elts))
            if hit:
                found.append((node.lineno, hit))
    return found


def test_statuses_and_severities_are_not_retyped():
    defined = _defined_sets()
    homes = {"advisor/plan/checks.py", "advisor/settings.py"}  # the model re-exports the checks module's
    offenders = []
    for folder in ("advisor", "tui"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            rel = path.relative_to(ROOT).as_posix()
            if rel not in homes:
                offenders += [f"{rel}:{n}: use {what}" for n, what in
                              retyped_tuples(path.read_text(encoding="utf-8"), defined)]
    assert offenders == []


def test_the_retyped_tuple_scan_finds_a_copy():
    source = ("S = ('applied', 'shortlisted', 'interviewed', 'hired', 'rejected')\n"
              "x = s in ['risk', 'info', 'warning']\nT = Literal['info', 'warning', 'risk']\nok = ('draft', 'posted')\n")
    assert retyped_tuples(source, _defined_sets()) == [
        (1, "advisor.plan.model.CANDIDATE_STATUSES"), (2, "advisor.settings.SEVERITIES")]


def test_the_literal_status_types_and_the_app_styles_match_the_definitions():
    from typing import get_args

    from advisor.plan import lifecycle, model
    from advisor.settings import SEVERITIES
    from tui.widgets import text

    assert get_args(lifecycle.TaskStatus) == model.TASK_STATUSES
    assert get_args(lifecycle.CandidateStatus) == model.CANDIDATE_STATUSES
    assert set(text.STATUS_STYLE) == set(model.TASK_STATUSES) | set(model.CANDIDATE_STATUSES)
    assert set(text.STATUS_RICH) == set(model.CANDIDATE_STATUSES)
    for styles in (text.SEVERITY_STYLE, text.SEVERITY_WORD, text.SEVERITY_LETTER):
        assert set(styles) == set(SEVERITIES)
