"""Path completion for the app's file dialogs (Import): a typed path is completed with the
first matching entry of its folder, shown greyed after the cursor; Right arrow (or End) takes it.
Folders end in ``/`` so completion goes on inside them."""

from __future__ import annotations

import os

from textual.suggester import Suggester

#: Entries read from one folder at most (a huge folder must not stall a keystroke).
MAX_ENTRIES = 2000


class PathSuggester(Suggester):
    """Completes folders and files ending in one of ``suffixes`` (case-insensitive); hidden
    entries only once a ``.`` is typed. ``~`` stays as typed (it is expanded only to look)."""

    def __init__(self, suffixes: tuple[str, ...] = (".csv", ".toml")) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.suffixes = suffixes

    async def get_suggestion(self, value: str) -> str | None:
        if not value or "\x00" in value or len(value) > 4096:
            return None
        folder, stem = os.path.split(os.path.expanduser(value))
        try:
            with os.scandir(folder or ".") as entries:
                names = []
                for n, entry in enumerate(entries):
                    if n >= MAX_ENTRIES:
                        break
                    try:
                        is_dir = entry.is_dir()
                    except OSError:
                        continue
                    if is_dir:
                        names.append(entry.name + "/")
                    elif entry.name.lower().endswith(self.suffixes):
                        names.append(entry.name)
        except (OSError, ValueError):
            return None
        for name in sorted(names):
            if name.startswith(".") and not stem.startswith("."):
                continue
            if name.startswith(stem) and len(name) > len(stem):
                return value + name[len(stem):]
        return None
