"""The project's own error types.

Every problem a user can cause (a bad plan file, CSV row, rule, config key, a stale edit) is
raised as an :class:`AdvisorError` that knows where it happened: the file, the line (and column)
and the field. The command line prints ``str(error)`` as one line plus ``error.hint`` and exits 2;
the app shows the same text inline. Nothing else may escape to the user.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class AdvisorError(Exception):
    """A problem the user can fix, with its location."""

    exit_code = 2

    def __init__(
        self,
        message: str,
        *,
        file: str | Path | None = None,
        line: int | None = None,
        column: int | None = None,
        field: str | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = str(file) if file is not None else None
        self.line = line
        self.column = column
        self.field = field
        self.hint = hint

    def located(self, *, file: str | Path | None = None, line: int | None = None,
                column: int | None = None, field: str | None = None) -> "AdvisorError":
        """Fill in location parts that are still unknown; return self for chaining."""
        if self.file is None and file is not None:
            self.file = str(file)
        if self.line is None and line is not None:
            self.line = line
        if self.column is None and column is not None:
            self.column = column
        if self.field is None and field is not None:
            self.field = field
        return self

    @property
    def where(self) -> str:
        """``file:line:col`` (as much as is known), or an empty string."""
        parts = []
        if self.file:
            parts.append(self.file)
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def __str__(self) -> str:
        where = self.where
        field = f"{self.field}: " if self.field else ""
        return f"{where}: {field}{self.message}" if where else f"{field}{self.message}"


class PlanError(AdvisorError):
    """A plan file, CSV file or model value is invalid."""


class RuleError(AdvisorError):
    """A rule pack or rule expression is invalid."""

    def __init__(self, message: str, *, rule: str | None = None, **kw) -> None:
        super().__init__(message, **kw)
        self.rule = rule

    def __str__(self) -> str:
        base = super().__str__()
        if self.rule:
            where = self.where
            field = f"{self.field}: " if self.field else ""
            prefix = f"{where}: " if where else ""
            return f"{prefix}rule {self.rule}: {field}{self.message}"
        return base


class ConfigError(AdvisorError):
    """The config file or an environment variable is invalid."""


class WorkspaceError(AdvisorError):
    """The workspace database cannot be opened, read or written."""


class ConflictError(WorkspaceError):
    """A record changed in another session since it was read (optimistic concurrency)."""


@dataclass(frozen=True)
class Problem:
    """A non-fatal problem to report while carrying on (e.g. a user rule pack that was skipped)."""

    error: AdvisorError

    def __str__(self) -> str:
        return str(self.error)


class EngineCrashed(AdvisorError):
    """The rules engine process died (a signal, an exit) or did not answer in time.

    No plan data is lost (the engine only ever holds copies of facts). The advisor that raised
    it stays usable: its next ``evaluate``/``update`` starts a fresh engine process and evaluates
    fully. ``reason`` is e.g. ``"signal SIGSEGV"`` or ``"no answer within 10 s"``;
    ``timed_out`` tells a hang from a crash; ``doing`` says what the engine was asked to do.
    """

    def __init__(self, message: str, *, reason: str = "", timed_out: bool = False, doing: str = "",
                 **kw) -> None:
        # core text names no app keys: the app says which of its keys reloads
        kw.setdefault("hint", "nothing was lost; the next evaluation starts a fresh engine (run the command again)")
        super().__init__(message, **kw)
        self.reason = reason
        self.timed_out = timed_out
        self.doing = doing
