"""Undo for a :class:`~advisor.session.Session`: what each change replaced, and taking it back.

A change records, per record it wrote, the record before and after (:class:`Revert`); undo writes
the befores back through the workspace's versioned saves, in one transaction, expecting each
record to still carry the version this session wrote (another session's change since is a
ConflictError and nothing of the undo is written).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Literal

from advisor.errors import ConflictError, PlanError
from advisor.plan.changes import cand_name, diff, task_name

if TYPE_CHECKING:
    from advisor.storage.workspace import Workspace

Kind = Literal["task", "candidate", "marketplace", "rate", "business", "suppression"]


@dataclass(frozen=True)
class Revert:
    """One record as it was before a change (None: it did not exist) and after (None: deleted)."""

    kind: Kind
    before: Any
    after: Any


@dataclass(frozen=True)
class Change:
    """One change of this session that :meth:`Undo.undo` can take back."""

    label: str
    task: str | None
    reverts: tuple[Revert, ...]


def record_key(kind: Kind, record: Any) -> tuple[str, Any]:
    """How the workspace names a record in ``check_versions``: (kind, id or name)."""
    if kind == "marketplace":
        return kind, record.name
    if kind == "business":
        return kind, 1
    if kind == "suppression":
        return kind, record.key
    return kind, record.id


class Undo:
    """The undo half of the session (mixed into :class:`~advisor.session.Session`, which
    provides ``ws``, ``plan``, ``reload`` and ``_did``)."""

    ws: "Workspace"
    _undo: list[Change]
    _written: dict[tuple[str, Any], int]

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    def undo_label(self) -> str | None:
        return self._undo[-1].label if self._undo else None

    def undo(self) -> str:
        """Take back this session's last change (again: the one before), through versioned saves:
        a record another session changed since is a ConflictError and nothing of it is written.
        Returns what was undone."""
        if not self._undo:
            raise PlanError("nothing to undo in this session", field="undo")
        change = self._undo[-1]
        written = dict(self._written)
        try:
            title = next((t.title for t in self.plan.tasks if t.id == change.task), None)
            with self.ws.transaction(), self.ws.noting(change=f"undo: {change.label}", task=change.task,
                                                        task_title=title):
                self.ws.check_versions(self._undo_expects(change))
                for r in reversed(change.reverts):
                    with self.ws.noting(changes=diff(r.after, r.before) or None):
                        self._revert(r)
        except BaseException as exc:
            self._written = written  # nothing was stored: the change stays on the stack as it was
            if isinstance(exc, ConflictError):
                raise ConflictError(f"cannot undo {change.label}: {_named(exc.message, change)}; nothing was undone",
                                    file=exc.file, field=exc.field,
                                    hint="their change stays; make yours again by hand if you still want it"
                                    ) from None
            raise
        finally:
            self.reload()  # a new revision either way: the plan is read back as stored
        self._undo.pop()
        return change.label

    def _undo_expects(self, change: Change) -> list[tuple[str, Any, int]]:
        """The version each record must still have for ``change`` to be undone: the one this
        session wrote (a record it deleted or never had must still be absent)."""
        out: list[tuple[str, Any, int]] = []
        for r in change.reverts:
            if r.kind == "suppression" or (r.kind == "rate" and r.after is None):
                continue  # unversioned; a deleted rate comes back under a new id
            rec = r.after if r.after is not None else r.before
            kind, key = record_key(r.kind, rec)
            out.append((kind, key, self._expected(r.kind, r.after) if r.after is not None else 0))
        return out

    def _expected(self, kind: Kind, record: Any) -> int:
        return self._written.get(record_key(kind, record), -1)

    def _revert(self, r: Revert) -> None:
        ws, kind, before, after = self.ws, r.kind, r.before, r.after
        if kind == "task":
            if before is None:
                ws.delete_task(after.id, version=self._expected(kind, after))
            elif after is None:
                self._did(kind, None, ws.save_task(replace(before, candidates=[], version=0)))
                if before.candidates:
                    cands = [replace(c, version=0) for c in before.candidates]
                    ws.add_candidates(before.id, cands)
                    for c in cands:
                        self._did("candidate", None, c)
            else:
                self._did(kind, None, ws.save_task(replace(before, version=self._expected(kind, after))))
        elif kind == "candidate":
            if before is None:
                ws.delete_candidate(after.id, version=self._expected(kind, after))
            elif after is None:
                self._did(kind, None, ws.save_candidate(replace(before, version=0)))
            else:
                self._did(kind, None, ws.save_candidate(replace(before, version=self._expected(kind, after))))
        elif kind == "marketplace":
            if before is None:
                ws.delete_marketplace(after.name, version=self._expected(kind, after))
            elif after is None:
                self._did(kind, None, ws.save_marketplace(replace(before, version=0)))
            else:
                self._did(kind, None, ws.save_marketplace(replace(before, version=self._expected(kind, after)),
                                                          old_name=after.name))
        elif kind == "rate":
            if before is None:
                ws.delete_rate(after.id, version=self._expected(kind, after))
            elif after is None:
                ws.save_rate(replace(before, id=None, version=0))
            else:
                self._did(kind, None, ws.save_rate(replace(before, version=self._expected(kind, after))))
        elif kind == "business":
            self._did(kind, None, ws.save_business(replace(before, version=self._expected(kind, after))))
        elif kind == "suppression":
            if before is None:
                ws.delete_suppression(*after.key)
            else:
                ws.add_suppression(before)

    # provided by the session
    plan: Any

    def reload(self) -> Any:  # pragma: no cover - the session's
        raise NotImplementedError

    def _did(self, kind: Kind, before: Any, after: Any) -> None:  # pragma: no cover - the session's
        raise NotImplementedError


def _named(message: str, change: Change) -> str:
    """The workspace's conflict message (``candidate 'ana' changed in another session``) with the
    records of ``change`` called by name, as the rest of the undo message calls them."""
    for r in change.reverts:
        rec = r.after if r.after is not None else r.before
        if r.kind == "task":
            message = message.replace(f"task {rec.id!r}", f"task {task_name(rec)}")
        elif r.kind == "candidate":
            message = message.replace(f"candidate {rec.id!r}", cand_name(rec))
    return message
