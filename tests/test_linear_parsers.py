"""Every parser of outside text runs in linear time (issue 18, item 3).

Each parser gets an adversarial input (runs of spaces, digits, brackets: what made the old
patterns backtrack) at 1x and 8x its size. Work is counted where the code can count it (lines
scanned, look-ups); elsewhere the CPU time of the same number of calls is compared, never against
a clock: 8x the input may cost at most 16x (linear is 8x; the quadratic patterns this replaces
cost 64x, the count pattern about 2,000x). A profiling timer stops a run that has already cost 64x
the small one, so a regression fails here instead of hanging the suite.
"""

from __future__ import annotations

import signal
import time
from pathlib import Path
from typing import Callable

import pytest

from advisor.rules import compiler
from advisor.storage import csvcells, csvimport
from advisor.plan import currency
from advisor.storage import planfile
from advisor.rules import rulepack
from advisor.storage import transactions
from advisor.plan.currency import Rates
from advisor import files
from advisor.errors import AdvisorError

GROWTH = 16   # allowed cost of 8x the input, as a multiple of 1x (linear: 8)
ABORT = 64    # a run that costs this much more is stopped (quadratic: 64)


class _TooSlow(Exception):
    pass


def _run(fn: Callable[[str], object], arg: str, reps: int) -> float:
    start = time.process_time()
    for _ in range(reps):
        try:
            fn(arg)
        except (ValueError, AdvisorError):
            pass  # refusing the input is an answer too: what it cost is what counts
    return time.process_time() - start


def _cost(fn: Callable[[str], object], arg: str, reps: int, budget: float | None = None,
          enough: float = 0.0) -> float:
    """The least CPU time of three runs of ``reps`` calls; stopped past ``budget`` seconds. A run
    under ``enough`` ends it early: the least of three is then under ``enough`` too, so a check
    of the least against ``enough`` gets the same answer from fewer runs."""
    def stop(*_: object) -> None:
        raise _TooSlow

    old = signal.signal(signal.SIGPROF, stop)
    try:
        best = float("inf")
        for _ in range(3):
            if budget is not None:
                signal.setitimer(signal.ITIMER_PROF, budget)
            try:
                best = min(best, _run(fn, arg, reps))
            finally:
                signal.setitimer(signal.ITIMER_PROF, 0)
            if best < enough:
                break
        return best
    finally:
        signal.signal(signal.SIGPROF, old)


def assert_linear(fn: Callable[[str], object], small: str, big: str) -> None:
    """``fn(big)`` (8x the size of ``small``) costs at most GROWTH times ``fn(small)``."""
    reps = 1
    while (t1 := _cost(fn, small, reps, budget=60)) < 0.02 and reps < 1 << 16:
        reps *= 2  # enough calls that the small input's cost is well above the timer's grain
    try:
        t8 = _cost(fn, big, reps, budget=ABORT * max(t1, 0.02), enough=GROWTH * t1)
    except _TooSlow:
        pytest.fail(f"8x the input cost more than {ABORT}x (1x: {t1:.3f} s for {reps} calls)")
    assert t8 < GROWTH * t1, f"8x the input cost {t8 / t1:.1f}x (1x: {t1:.4f} s for {reps} calls)"


def _csv_cell(header: str) -> Callable[[str], object]:
    """The whole candidates-CSV import of one row whose ``header`` cell is the input."""
    def parse(cell: str) -> object:
        raw = f'Name,{header}\nAna,"{cell}"\n'.encode()
        return csvimport.parse_candidates_csv(raw, "logo", source="c.csv")
    return parse


def _history(description: str = "Logo", date: str = "2024-01-02", header_extra: str = "") -> bytes:
    header = "Date,Type,Description,Freelancer,Amount" + header_extra
    return f'{header}\n"{date}",Fixed Price,"{description}",Ana,-45.00\n'.encode()


def _read_history(raw: bytes) -> object:
    return transactions.parse_history_csv(raw, currency="USD", rates=Rates("USD"), marketplace="Upwork",
                                          source="h.csv")


# name -> (parser, input of size n, n). The 1x size is small where the old pattern was worse than
# quadratic, so that its 8x run would still end (and fail) within the abort budget.
CASES: dict[str, tuple[Callable[[str], object], Callable[[int], str], int]] = {
    "count: spaces": (csvcells.parse_count, lambda n: "1" + " " * n + "x", 64),
    "count: spaces and plus signs": (csvcells.parse_count, lambda n: "1" + " +" * (n // 2) + " x", 64),
    "count: digits": (csvcells.parse_count, lambda n: "1" * n + " jobs x", 1024),
    "rating: spaces": (csvcells.parse_rating, lambda n: "4" + " " * n + "x", 1024),
    "rating: slashes": (csvcells.parse_rating, lambda n: "4" + "/ " * (n // 2) + "5x", 1024),
    "percent: digits": (csvcells.parse_percent, lambda n: "9" * n + "x%", 1024),
    "money: units": (csvcells.parse_money, lambda n: "1" + "/ " * (n // 2) + "x", 1024),
    "offset: spaces": (csvcells.parse_offset, lambda n: "+" + " " * n + "x", 1024),
    "amount: per hour": (currency._cut_per_hour, lambda n: "1" + " " * n + "x", 1024),
    "amount: per hour words": (currency._cut_per_hour, lambda n: "1 per" + " " * n + "x", 1024),
    "amount: capped cell": (currency.parse_amount, lambda n: "1" + " " * n + "x", 1024),
    "CSV jobs column": (_csv_cell("Jobs"), lambda n: "1" + " " * n + "x", 64),
    "CSV reviews column": (_csv_cell("Reviews"), lambda n: "1" + " " * n + "x", 64),
    "CSV past jobs column": (_csv_cell("Past jobs with us"), lambda n: "1" + " " * n + "x", 64),
    "CSV rating column": (_csv_cell("Rating"), lambda n: "4" + " " * n + "x", 256),
    "CSV amount column": (_csv_cell("Hourly Rate"), lambda n: "$1" + " " * n + "x", 256),
    "CSV notes column": (_csv_cell("Notes"), lambda n: "a " * (n // 2), 2048),
    "contract title: spaces": (transactions.contract_title, lambda n: " " * n + "x", 2048),
    "contract title: open date": (transactions.contract_title, lambda n: "(1/1/11" + " " * n, 2048),
    "contract title: dated parens": (transactions.contract_title, lambda n: "(Jan 1" * (n // 6) + "\nx)", 2048),
    "contract title: dashes": (transactions.contract_title, lambda n: "- week of " * (n // 10) + "\nx", 2048),
    "contract title: milestones": (transactions.contract_title, lambda n: "milestone" + " 1" * (n // 2) + "x", 2048),
    "history: description": (lambda s: _read_history(_history(description=s)), lambda n: " " * n + "x", 2048),
    "history: date": (lambda s: _read_history(_history(date=s)), lambda n: "1" + " " * n + "x", 2048),
    "history: header unit": (lambda s: _read_history(_history(header_extra="," + s)),
                             lambda n: "Amount" + " " * n + "x", 2048),
    "history: amount": (lambda s: _read_history(_history().replace(b"-45.00", s.encode())),
                        lambda n: "45" + " " * n + "x", 1024),
    "price: from, per hour, range": (csvcells.read_price, lambda n: "From $1" + " -" * (n // 2) + "/hr", 1024),
    "count: thousands": (csvcells.parse_count, lambda n: "1" + " " * n + "k+", 1024),
    "CSV delimiter from the header": (lambda s: csvimport.detect_delimiter(s, csvimport.field_for),
                                      lambda n: "Name" + ";,\t" * (n // 3) + "\n", 2048),
    "history: type from description": (transactions.kind_from_description, lambda n: "a " * (n // 2), 2048),
    "history: name match": (lambda s: transactions.name_match(s, s + "x"), lambda n: "a. " * (n // 3), 2048),
    "plan: table header": (planfile._Locator, lambda n: "[" + " " * n + "x\n", 512),
    "plan: key line": (planfile._Locator, lambda n: "a" + " ." * (n // 2) + "\n", 2048),
    "plan: long number line": (files.long_number_line, lambda n: ("1" * n + " ") * 64, 512),
    "plan: date": (planfile.loads_plan,
                   lambda n: 'format = 1\n[[rates]]\nskill = "x"\nhourly = 10.0\ndate = "2' + " " * n + 'x"\n', 2048),
    "TOML error position": (files.split_toml_error, lambda n: " " * n + "x", 2048),
    "rule exponent check": (compiler._has_exponent, lambda n: "1" * n, 2048),
    "rule exponent check: dotted": (compiler._has_exponent, lambda n: "1." * (n // 2), 2048),
}


@pytest.mark.parametrize("name", list(CASES))
def test_parser_cost_grows_linearly(name):
    fn, make, n = CASES[name]
    small, big = make(n), make(8 * n)
    assert len(big) >= 7 * len(small)
    assert_linear(fn, small, big)


def test_count_and_amount_cells_longer_than_the_limit_are_refused_with_file_line_and_column():
    long = "1" + " " * 200 + "x"
    raw = f'Name,Jobs\nAna,3\nBo,"{long}"\n'.encode()
    with pytest.raises(AdvisorError) as err:
        csvimport.parse_candidates_csv(raw, "logo", source="c.csv")
    assert str(err.value).startswith("c.csv:3: jobs: ")
    assert "in column 'Jobs' is 202 characters long" in err.value.message
    raw = _history().replace(b"-45.00", ("-45" + " " * 100 + ".00").encode())
    with pytest.raises(AdvisorError) as err:
        _read_history(raw)
    assert str(err.value).startswith("h.csv:2: amount: ")
    assert "characters long" in err.value.message


def test_lenient_values_still_read_after_the_rewrite():
    assert csvcells.parse_count("100+ jobs") == 100
    assert csvcells.parse_count("56 Reviews") == 56
    assert csvcells.parse_rating("4.9 / 5.0") == 4.9
    assert csvcells.parse_rating("5 Stars") == 5.0
    assert currency.parse_amount("€45 per hour") == currency.Amount(45.0, "EUR")
    assert currency.parse_amount("$30.00 / Hr.") == currency.Amount(30.0, "USD")
    assert transactions.contract_title("Invoice for Milestone 2 of 3: Logo - week of Jan 1") == "logo"
    assert transactions.contract_title("Escrow funding milestone 1 - Menu (1/2/24 - 1/9/24)") == "menu"
    assert compiler._has_exponent('{"x": 1.5e3}') and not compiler._has_exponent('{"x1e5": "a1e5"}')
    assert files.split_toml_error("Invalid value (at line 3, column 7)") == ("Invalid value", 3, 7)


def _pack(rules: int, blank: int) -> str:
    parts = ['pack = "wide"\n']
    for i in range(rules):
        parts.append(f'[[rules]]\nid = "rule-{i}"\ntitle = "T"\nseverity = "info"\nabout = "task"\n'
                     f'when = "task.budget > {i}"\nmessage = "m"\nwhy = "w"\nfix = "f"\n' + "\n" * blank)
    return "".join(parts)


def _scanned(monkeypatch, text: str) -> tuple[int, list]:
    made: list[rulepack.PackLines] = []

    class Counting(rulepack.PackLines):
        def __init__(self, text: str) -> None:
            super().__init__(text)
            made.append(self)

    monkeypatch.setattr(rulepack, "PackLines", Counting)
    _, rules, problems = rulepack.parse_pack(text, "wide.toml")
    assert not problems and rules
    return sum(p.scanned for p in made), rules


@pytest.mark.parametrize("rules, blank", [(4, 2000), (40, 200)], ids=["blank lines", "many rules"])
def test_rule_pack_line_lookup_scans_each_line_a_bounded_number_of_times(monkeypatch, rules, blank):
    small, big = _pack(rules, blank), _pack(8 * rules, blank) if rules > 4 else _pack(rules, 8 * blank)
    s1, rules1 = _scanned(monkeypatch, small)
    s8, rules8 = _scanned(monkeypatch, big)
    lines1, lines8 = small.count("\n"), big.count("\n")
    assert s8 <= 3 * lines8 and s1 <= 3 * lines1, (s1, lines1, s8, lines8)
    assert s8 < 10 * s1
    # the lines found are the rules' own `id =` lines
    assert [r.line for r in rules8[:2]] == [3, 3 + 9 + (8 * blank if rules == 4 else blank)]


def _plan_file(tmp_path: Path, candidates: int):
    from benchmarks.generate import make_plan

    plan = make_plan(candidates)
    path = tmp_path / f"plan{candidates}.toml"
    path.write_text(planfile.dumps_plan(plan), encoding="utf-8")
    return path, planfile.load_plan(path)


def test_plan_line_lookup_for_findings_is_one_lookup_per_record(tmp_path, monkeypatch):
    made: list[planfile._Locator] = []

    class Counting(planfile._Locator):
        def __init__(self, text: str) -> None:
            super().__init__(text)
            made.append(self)

    monkeypatch.setattr(planfile, "_Locator", Counting)
    for n in (300, 2400):
        path, plan = _plan_file(tmp_path, n)
        made.clear()
        lines = planfile.record_lines(path, plan)
        records = len(plan.tasks) + sum(len(t.candidates) for t in plan.tasks)
        assert len(lines) == records
        assert made[0].lookups == records  # one dict look-up each (a scan of every entry before)
        text = path.read_text(encoding="utf-8").splitlines()
        task = plan.tasks[-1]
        assert text[lines[(task.id, None)] - 1].strip() == "[[tasks]]"
        assert text[lines[(task.id, task.candidates[-1].id)] - 1].strip() == "[[tasks.candidates]]"


def test_plan_line_lookup_cost_grows_linearly(tmp_path):
    small, big = _plan_file(tmp_path, 300), _plan_file(tmp_path, 2400)
    plans = {str(small[0]): small[1], str(big[0]): big[1]}
    assert_linear(lambda p: planfile.record_lines(p, plans[p]), str(small[0]), str(big[0]))


SLOW = Path(__file__).parent / "data" / "hostile" / "slow"

#: The corpus of inputs that took minutes to hours before issue 18 -> what the CLI answers now.
CORPUS = {
    "candidates_count_spaces.csv": (2, "in column 'Jobs' is 1202 characters long"),
    "candidates_rating_spaces.csv": (2, "in column 'Rating' is 20002 characters long"),
    "history_long_title.csv": (0, "business: completed jobs 0 -> 1"),
    "history_header_spaces.csv": (2, "unknown column"),
    "pack_blank_lines.toml": (0, ""),
    "plan_header_spaces.toml": (2, "unknown key 'foo'"),
}


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_hostile_slow_corpus_is_answered_by_the_cli(name, tmp_path):
    """Each file through the command a user would run, in a subprocess (a hang fails the test
    instead of the suite: the old count pattern needed hours for the CSV)."""
    import subprocess
    import sys

    path = SLOW / name
    db = str(tmp_path / "ws.db")
    plan = tmp_path / "one.toml"
    plan.write_text('format = 1\n[[tasks]]\nid = "logo"\ntitle = "Logo"\n', encoding="utf-8")

    def cli(*argv: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "advisor.cli", "--db", db, *argv], capture_output=True,
                              text=True, timeout=300, cwd=tmp_path)

    assert cli("import", str(plan)).returncode == 0
    if name.startswith("candidates"):
        out = cli("import", str(path), "--task", "logo")
    elif name.startswith("history"):
        out = cli("import", "--history", str(path), "--marketplace", "Upwork")
    elif name.startswith("pack"):
        out = cli("rules", "validate", str(path))
    else:
        out = cli("check", "--plan", str(path))
    code, words = CORPUS[name]
    assert out.returncode == code, (out.stdout, out.stderr)
    assert words in out.stdout + out.stderr
    assert "Traceback" not in out.stderr
    if code == 2:
        assert out.stderr.startswith(f"error: {path}:") and len(out.stderr.strip().splitlines()) <= 2


def test_export_of_a_growing_task_costs_in_proportion(tmp_path):
    """``outsource export`` (the workspace read back, then written as TOML) over one task of 300
    and of 2,400 candidates, each with notes to escape: 8x the candidates may cost at most
    GROWTH times (measured: ~8x; a look-up of each candidate in its task would be 64x)."""
    from dataclasses import replace

    from advisor.storage.workspace import Workspace
    from benchmarks.generate import make_plan

    dbs = {}
    for n in (300, 2400):
        plan = make_plan(n, seed=2)
        everyone = [replace(c, id=f"c{i}", task=plan.tasks[0].id, notes=f'"quoted"\n\u200bnote {i}')
                    for i, c in enumerate(c for t in plan.tasks for c in t.candidates)]
        plan.tasks = [replace(plan.tasks[0], candidates=everyone)]
        dbs[str(n)] = tmp_path / f"ws{n}.db"
        with Workspace.open(dbs[str(n)]) as ws:
            ws.replace_plan(plan)

    def export(key: str) -> str:
        with Workspace.open_for_reading(dbs[key]) as ws:
            return planfile.dumps_plan(ws.load_plan())

    assert export("2400").count("[[tasks.candidates]]") == 2400
    assert "\\u200b" in export("300")
    assert_linear(export, "300", "2400")
