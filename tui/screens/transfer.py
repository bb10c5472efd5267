"""Import candidates (CSV) or a whole plan (TOML) with progress; export the plan (TOML) or the
advice report (Markdown or HTML, built by :mod:`advisor.advice.report`, as ``outsource report``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Input, ProgressBar, Select, Static

from advisor.errors import AdvisorError
from advisor.text import plain
from advisor.plan.money import locale_of
from advisor.transfer import CHUNK_ROWS, plan_text, read_csv_with_progress, read_plan  # noqa: F401 (re-exported)

from ..actions_registry import bindings
from ..data import Controller
from ..widgets.paths import PathSuggester
from ..widgets.text import lit
from .base import while_showing
from .dialogs import ConfirmScreen, InputDialog
from ..textual_hacks import TextInput


class ImportScreen(InputDialog):
    """A path; ``.csv`` adds candidates to the selected task, ``.toml`` replaces the plan."""

    BINDINGS = bindings("import")
    DIALOG_CLASSES = "dialog wide"
    HINT = "→ completes the path · Enter to import · Escape to cancel"

    def __init__(self, ctl: Controller, task_id: str | None) -> None:
        super().__init__()
        self.ctl = ctl
        self.task_id = task_id
        self.busy = False

    def dialog_title(self) -> str:
        return "Import"

    def compose_fields(self) -> ComposeResult:
        yield Static(Content.assemble(
            "A .csv file adds candidates to task ", (self.task_id or "(none selected)", "bold"),
            "; a .toml plan file replaces the whole workspace."), classes="dialog-body")
        yield TextInput(placeholder="path to a .csv or .toml file (→ completes)", id="path", compact=True,
                    suggester=PathSuggester())
        yield ProgressBar(total=4, show_eta=False, id="progress", classes="-hidden")
        yield Static("", id="status")

    def status(self, text: Any, *, error: bool = False) -> None:
        box = self.query_one("#status", Static)
        box.update(text if isinstance(text, Content) else lit(str(text)))
        box.set_class(error, "error")

    @while_showing
    def step(self, n: int, text: str) -> None:
        bar = self.query_one(ProgressBar)
        total = bar.total or 4
        bar.update(progress=total * n / 4 if total != 4 else n)
        self.status(text)

    @while_showing
    def rows(self, done: int, total: int) -> None:
        """Reading a CSV: the bar covers the rows, then saving and evaluating."""
        bar = self.query_one(ProgressBar)
        if total:
            bar.update(total=total + 2 * max(1, total // 10), progress=done)
        self.status(f"reading rows: {done:,} of {total:,}…")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.busy:
            return
        path = Path(event.value.strip()).expanduser()
        if not event.value.strip():
            self.status("Type a file path.", error=True)
            return
        if path.suffix.lower() == ".csv" and self.task_id is None:
            self.status("Select a task first: CSV rows become candidates of the selected task.", error=True)
            return
        if path.suffix.lower() not in (".csv", ".toml"):
            self.status("Give a .csv (candidates) or .toml (plan) file.", error=True)
            return
        self.busy = True
        self.query_one(ProgressBar).remove_class("-hidden")
        self.run_import(path)

    @work(thread=True, exclusive=True, group="import", description="import a file")
    def run_import(self, path: Path) -> None:
        app, ctl = self.app, self.ctl
        try:
            app.call_from_thread(self.step, 1, f"reading {path.name}…")
            if path.suffix.lower() == ".csv":
                taken = [c.id for c in ctl.plan.candidates()]

                def progress(done: int, total: int) -> None:
                    app.call_from_thread(self.rows, done, total)

                cands = read_csv_with_progress(path, self.task_id, taken, progress, ctl.plan.business.currency,
                                               locale_of(ctl.plan.business))
                app.call_from_thread(self.step, 2, f"{len(cands)} candidate(s) read; saving…")
                task_id = self.task_id
                save = lambda: ctl.add_candidates(task_id, cands)  # noqa: E731
                done = f"Imported {len(cands)} candidate(s) into {task_id}."
            else:
                plan = read_plan(path)
                n = sum(len(t.candidates) for t in plan.tasks)
                app.call_from_thread(self.step, 2, f"{len(plan.tasks)} task(s), {n} candidate(s) read; saving…")
                save = lambda: ctl.replace_plan(plan)  # noqa: E731
                done = f"Imported the plan: {len(plan.tasks)} task(s), {n} candidate(s)."
        except AdvisorError as exc:
            app.call_from_thread(self.failed, exc)
            return
        except Exception as exc:
            app.call_from_thread(self.failed, AdvisorError(f"{type(exc).__name__}: {exc}"))
            return
        # The write is one more edit in the app's save queue: written in its thread, in order
        # with the edits queued before it, and the advice is evaluated after it like theirs.
        app.call_from_thread(app.save, save, after=lambda _: self.finished(done), failed=self.failed)

    def failed(self, exc: AdvisorError) -> None:
        self.busy = False
        hint = f"\n{exc.hint}" if exc.hint else ""
        self.status(f"Not imported: {exc}{hint}", error=True)

    def finished(self, text: str) -> None:
        self.step(3, "evaluating the advice…")
        bar = self.query_one(ProgressBar)
        bar.update(progress=bar.total or 4)
        self.app.notify(text)
        self.dismiss(None)

    def action_cancel(self) -> None:
        if not self.busy:
            self.dismiss(None)


class ExportScreen(InputDialog):
    """A kind (plan, Markdown or HTML report) and a file name to write it to."""

    BINDINGS = bindings("export")
    DIALOG_CLASSES = "dialog wide"
    HINT = "Enter to write (asks before replacing a file) · Escape to cancel"

    def __init__(self, ctl: Controller) -> None:
        super().__init__()
        self.ctl = ctl

    def dialog_title(self) -> str:
        return "Export"

    def compose_fields(self) -> ComposeResult:
        yield Select([("plan file (.toml)", "plan"), ("advice report (Markdown)", "report"),
                      ("advice report (HTML)", "html")],
                     value="plan", allow_blank=False, compact=True, id="kind")
        yield TextInput(placeholder="file to write, e.g. plan.toml or advice.md", id="path", compact=True)
        yield Static("", id="status")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        raw = event.value.strip()
        if not raw:
            self.query_one("#status", Static).update("Type a file name.")
            return
        path = Path(raw).expanduser().absolute()
        kind = self.query_one(Select).value
        if path.is_dir():
            self.failed(AdvisorError("is a folder; give a file name", file=path))
            return
        if not (path.exists() or path.is_symlink()):
            self.write(path, kind, replace=False)  # refused if a file appears meanwhile
            return

        def answered(replace: bool | None) -> None:
            if replace:
                self.write(path, kind, replace=True)
            else:
                self.query_one("#status", Static).update(lit(f"Not written: {path} is kept."))

        self.app.push_screen(ConfirmScreen(
            Content.assemble("Replace ", lit(str(path), "bold"), "?"),
            "A file with this name exists; its contents will be lost.", yes="Replace", no="Keep it"),
            answered)

    def write(self, path: Path, kind: Any, *, replace: bool) -> None:
        from advisor.files import write_atomic

        try:
            if kind == "plan":
                text = plan_text(self.ctl.plan)
            else:
                from advisor.advice.report import render

                text = render(self.ctl.plan, self.ctl.advice.findings, "html" if kind == "html" else "md",
                              rules=self.ctl.ruleset or (), weights=self.ctl.basis)
            write_atomic(path, text.encode("utf-8"), mode=0o600, overwrite=replace)
        except AdvisorError as exc:
            self.failed(exc)
            return
        self.app.notify(f"Wrote {plain(str(path), newlines=False)}", markup=False)
        self.dismiss(None)

    def failed(self, exc: AdvisorError) -> None:
        status = self.query_one("#status", Static)
        status.update(lit(f"Not written: {exc}"))
        status.add_class("error")
