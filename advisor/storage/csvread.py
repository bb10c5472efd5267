"""Reading a CSV file as people's tools write it: the encoding (UTF-8, UTF-16 with a BOM, or
Windows-1252 as Excel saves "CSV"), the delimiter (from the whole header), and the report of
what an import did besides storing rows. Shared by the candidate and the history imports."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from typing import Callable

from advisor.errors import PlanError


@dataclass
class ImportReport:
    """What an import did besides storing rows, for its summary: the encoding it read, the
    columns it left out, and each lenient reading with an example and how many rows used it."""

    encoding: str = "UTF-8"
    delimiter: str = ","
    ignored: list[str] = field(default_factory=list)
    named_by_id: str | None = None
    rules: dict[tuple[str, str], list] = field(default_factory=dict)  # (column, rule) -> [example, value, n]

    def note(self, column: str, rule: str, example: str, value: object) -> None:
        entry = self.rules.setdefault((column, rule), [example, value, 0])
        entry[2] += 1

    def lines(self) -> list[str]:
        """One line each, terminal-safe (cells are escaped by the caller's ``plain``)."""
        from advisor.text import plain

        out = []
        if self.encoding != "UTF-8":
            out.append(f"read as {self.encoding} (the file is not UTF-8)")
        if self.delimiter != ",":
            out.append(f"columns separated by {_DELIMITER_NAMES[self.delimiter]}")
        if self.ignored:
            names = ", ".join(repr(plain(h[:40], newlines=False)) for h in self.ignored[:12])
            more = f" and {len(self.ignored) - 12} more" if len(self.ignored) > 12 else ""
            out.append(f"ignored {len(self.ignored)} column(s) the importer does not know: {names}{more}")
        if self.named_by_id:
            out.append(f"no name column: each candidate is named by its {plain(self.named_by_id, newlines=False)!r}")
        for (column, rule), (example, value, n) in self.rules.items():
            out.append(f"{plain(column, newlines=False)}: {plain(example[:40], newlines=False)!r} -> {value}, "
                       f"{rule} ({n} row(s))")
        return out


_DELIMITER_NAMES = {",": "commas", ";": "semicolons", "\t": "tabs"}


def decode_csv(raw: bytes, source: str) -> tuple[str, str]:
    """The text of a CSV file and the encoding it was read in: UTF-16 when it starts with a
    byte-order mark (Excel's "Unicode text"), else UTF-8 (with or without BOM), else Windows-1252
    (what Excel writes for "CSV" on a Western Windows). A NUL byte left over is refused."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text, encoding = raw.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError as exc:
            raise PlanError(f"is not valid UTF-16 (byte {exc.start})", file=source,
                            hint="export or save the file as UTF-8 CSV") from None
    else:
        try:
            text, encoding = raw.decode("utf-8-sig"), "UTF-8"
        except UnicodeDecodeError as exc:
            try:
                text, encoding = raw.decode("cp1252"), "Windows-1252"
            except UnicodeDecodeError:
                line = raw[: exc.start].count(b"\n") + 1
                raise PlanError(f"is neither UTF-8 nor Windows-1252 (byte {exc.start})", file=source, line=line,
                                hint="export or save the file as UTF-8 CSV") from None
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise PlanError("contains a NUL byte: this is not a text CSV file", file=source, line=line)
    return text, encoding


def detect_delimiter(text: str, known: Callable[[str], object]) -> str:
    """The delimiter that splits the whole header into the most columns ``known`` recognises
    (then the most columns): ``Name;Hourly Rate;Notes, optional`` is semicolon-separated even
    though its last header has a comma. Three passes over the header line: linear."""
    first = text.split("\n", 1)[0]
    best, score = ",", (-1, -1)
    for delimiter in (",", ";", "\t"):
        try:
            cells = next(csv.reader([first], delimiter=delimiter), [])
        except csv.Error:
            continue
        this = (sum(1 for c in cells if c.strip() and known(c.strip()) is not None), len(cells))
        if this > score:
            best, score = delimiter, this
    return best
