"""The benchmark table (markdown) and the machine it ran on."""

from __future__ import annotations

import datetime as _dt
import math
import os
import platform
from pathlib import Path
from typing import Any, Callable

START = "<!-- benchmarks:start (written by `make bench`; edit outside these markers) -->"
END = "<!-- benchmarks:end -->"
TARGET_SIZE = 10_000


def machine() -> dict[str, Any]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem = round(int(line.split()[1]) / 1024 / 1024, 1)
    except (OSError, ValueError):
        pass
    try:
        import durable  # noqa: F401
        from importlib.metadata import version

        versions = {p: version(p) for p in ("durable-rules", "textual", "sqlite-utils")}
    except Exception:
        versions = {}
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gb": mem, "python": platform.python_version(),
            "implementation": platform.python_implementation(), "os": f"{platform.system()} {platform.release()}",
            "date": _dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"), "packages": versions}


def dur(x: Any) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    if x < 0.001:
        return f"{x * 1e6:.0f} µs"
    if x < 1:
        return f"{x * 1000:.1f} ms" if x < 0.1 else f"{x * 1000:.0f} ms"
    return f"{x:.2f} s"


def _get(row: dict, *path: str) -> Any:
    cur: Any = row
    for p in path:
        if not isinstance(cur, dict) or p not in cur:
            return None
        cur = cur[p]
    return cur


def _err(row: dict, part: str) -> str | None:
    return _get(row, part, "error")


# (label, getter, formatter, target text, check at 10,000 (value -> bool) or None)
Row = tuple[str, Callable[[dict], Any], Callable[[Any], str], str, Callable[[Any], bool] | None]

ROWS: list[Row] = [
    ("tasks / candidates", lambda r: (r["tasks"], r["candidates"]), lambda v: f"{v[0]:,} / {v[1]:,}", "", None),
    ("workspace: load_plan", lambda r: r["ws_load"], dur, "", None),
    ("**full evaluation** (facts + engine + findings)", lambda r: _get(r, "full", "full"), dur, "≤ 0.5 s",
     lambda v: v <= 0.5),
    ("· the same, engine process already started", lambda r: _get(r, "full", "started"), dur, "", None),
    ("· facts and engine (each task's facts go to the engine as they are computed)",
     lambda r: _get(r, "full", "phases", "engine"), dur, "", None),
    ("· findings (render, sort)", lambda r: _get(r, "full", "phases", "findings"), dur, "", None),
    ("reference evaluator (facts + predicates)", lambda r: _get(r, "full", "reference"), dur, "", None),
    ("· facts only (`plan_facts`)", lambda r: _get(r, "full", "reference_facts"), dur, "", None),
    ("· predicates only", lambda r: _get(r, "full", "reference_match"), dur, "", None),
    ("**full / reference** (same run)", lambda r: _get(r, "full", "ratio"),
     lambda v: f"{v:.1f}x", "≤ 10x", lambda v: v <= 10),
    ("findings (engine == reference)", lambda r: (_get(r, "full", "findings"), _get(r, "full", "agree")),
     lambda v: f"{v[0]:,} ({'yes' if v[1] else 'NO'})", "", None),
    ("**incremental, one edit: median**", lambda r: _get(r, "incremental", "median"), dur, "≤ 5 ms",
     lambda v: v <= 0.005),
    ("**incremental, one edit: p95**", lambda r: _get(r, "incremental", "p95"), dur, "≤ 20 ms",
     lambda v: v <= 0.020),
    ("· \"new rate observation\" edits: median / p95",
     lambda r: (_get(r, "incremental", "by_kind", "rate observation"),
                _get(r, "incremental", "by_kind_p95", "rate observation")),
     lambda v: f"{dur(v[0])} / {dur(v[1])}", "", None),
    ("· the other edit kinds: worst median",
     lambda r: max((v for k, v in (_get(r, "incremental", "by_kind") or {}).items() if k != "rate observation"),
                   default=None),
     dur, "", None),
    ("· incremental == full after the edits", lambda r: _get(r, "incremental", "agree"),
     lambda v: "yes" if v else "NO", "", None),
    ("incremental without the touched hint: median", lambda r: _get(r, "incremental_nohint", "median"), dur, "",
     None),
    ("incremental without the touched hint: p95", lambda r: _get(r, "incremental_nohint", "p95"), dur, "", None),
    ("**app: time to interactive** (start → first frame with data)", lambda r: _get(r, "start", "interactive"),
     dur, "≤ 0.6 s", lambda v: v <= 0.6),
    ("app: start → advice on screen", lambda r: _get(r, "start", "advice"), dur, "", None),
    ("**keystroke → updated advice: median**", lambda r: _get(r, "keys", "median"), dur, "≤ 50 ms",
     lambda v: v <= 0.050),
    ("keystroke → updated advice: p95", lambda r: _get(r, "keys", "p95"), dur, "", None),
    ("· candidates of the task edited", lambda r: _get(r, "keys", "task_candidates"), lambda v: f"{v:,}", "", None),
    ("**form open at 80x24 (edit task): median**", lambda r: _get(r, "form", "median"), dur, "≤ 100 ms",
     lambda v: v <= 0.100),
    ("form open at 80x24 (edit task): p95", lambda r: _get(r, "form", "p95"), dur, "", None),
    ("form open at 80x24 (edit candidate): median", lambda r: _get(r, "form", "candidate"), dur, "", None),
    ("**user guide at 80x24: the rules topic opens** (Enter → its contents on screen)",
     lambda r: _get(r, "guide", "topic"), dur, "≤ 300 ms", lambda v: v <= 0.300),
    ("**user guide: its heaviest section opens** (Enter → its first page)", lambda r: _get(r, "guide", "section"),
     dur, "≤ 300 ms", lambda v: v <= 0.300),
    ("user guide: next page of that section (`n`): median / worst",
     lambda r: (_get(r, "guide", "page_median"), _get(r, "guide", "page_worst")),
     lambda v: f"{dur(v[0])} / {dur(v[1])}", "", None),
    ("· their CPU time, median / worst (the wall time on a quiet machine)",
     lambda r: (_get(r, "guide", "cpu_median"), _get(r, "guide", "cpu_worst")),
     lambda v: f"{dur(v[0])} / {dur(v[1])}", "", None),
    ("· pages of that section / the most widgets on one (the whole section: 1,163)",
     lambda r: (_get(r, "guide", "pages"), _get(r, "guide", "widgets_worst")), lambda v: f"{v[0]} / {v[1]}", "",
     None),
    ("**peak RSS of the app**", lambda r: _get(r, "start", "peak_rss_mb"), lambda v: f"{v:.0f} MB", "≤ 250 MB",
     lambda v: v <= 250),
]

# figures whose growth is reported: (label, getter)
GROWTH: list[tuple[str, Callable[[dict], Any]]] = [
    ("full evaluation", lambda r: _get(r, "full", "full")),
    ("full evaluation, engine process already started", lambda r: _get(r, "full", "started")),
    ("reference evaluator", lambda r: _get(r, "full", "reference")),
    ("incremental median (one edit)", lambda r: _get(r, "incremental", "median")),
    ("incremental median without hint", lambda r: _get(r, "incremental_nohint", "median")),
    ("app time to interactive", lambda r: _get(r, "start", "interactive")),
    ("app start → advice on screen", lambda r: _get(r, "start", "advice")),
    ("keystroke → updated advice", lambda r: _get(r, "keys", "median")),
    ("peak RSS of the app", lambda r: _get(r, "start", "peak_rss_mb")),
]


def _cell(row: dict, get: Callable[[dict], Any], fmt: Callable[[Any], str]) -> str:
    try:
        v = get(row)
    except (KeyError, TypeError):
        v = None
    if v is None or (isinstance(v, tuple) and v[0] is None):
        return "–"
    try:
        return fmt(v)
    except (TypeError, ValueError):
        return str(v)


def render(results: dict) -> str:
    m = results["machine"]
    sizes = sorted(int(s) for s in results["sizes"])
    rows = {int(k): v for k, v in results["sizes"].items()}
    out: list[str] = []
    pk = ", ".join(f"{k} {v}" for k, v in m.get("packages", {}).items())
    out.append(f"Measured {m['date']} on {m['cpu']}, {m['cores']} cores, {m.get('memory_gb')} GB, "
               f"{m['implementation']} {m['python']}, {m['os']}; {pk}. "
               f"{'Quick mode (one run each). ' if results.get('quick') else ''}"
               f"Medians of {', '.join('%d (%s)' % (rows[n]['runs'], f'{n:,}') for n in sizes)} runs; "
               f"{results['edits']} random single edits; {results['presses']} keystrokes. "
               f"The whole run took {results.get('seconds', 0):.0f} s.")
    out.append("")
    c = results["compile"]
    out.append(f"**Rule compile (shipped packs: {c['rules']} rules, {c['branches']} engine rules):** "
               f"read and parse {dur(c['load'])}, compile {dur(c['compile'])}, "
               f"register with durable-rules {dur(c['register'])}; "
               f"total {dur(c['load'] + c['compile'] + c['register'])}. Problems: {c['problems']}.")
    out.append("")
    has_target = TARGET_SIZE in rows
    head = ["figure", *[f"{n:,}" for n in sizes], f"target at {TARGET_SIZE:,}"]
    if has_target:
        head.append("met")
    out.append("| " + " | ".join(head) + " |")
    out.append("|" + "---|" * len(head))
    for label, get, fmt, target, check in ROWS:
        cells = [label, *[_cell(rows[n], get, fmt) for n in sizes], target]
        if has_target:
            verdict = ""
            if check is not None:
                try:
                    v = get(rows[TARGET_SIZE])
                    verdict = "–" if v is None else ("yes" if check(v) else "**no**")
                except (KeyError, TypeError):
                    verdict = "–"
            cells.append(verdict)
        out.append("| " + " | ".join(cells) + " |")
    errors = [(n, part, _err(rows[n], part)) for n in sizes for part in ("start", "keys", "form", "guide")
              if _err(rows[n], part)]
    what = {"start": "app start", "keys": "keystroke", "form": "form open", "guide": "user guide"}
    for n, part, e in errors:
        out.append(f"\n{n:,} candidates, {what[part]}: not measured: {e}")
    lo = 1_000 if 1_000 in rows else (sizes[0] if sizes else None)
    hi = 50_000 if 50_000 in rows else (sizes[-1] if sizes else None)
    if lo is not None and hi is not None and hi > lo:
        work = rows[hi]["candidates"] / rows[lo]["candidates"]
        out.append("")
        out.append(f"**Growth from {lo:,} to {hi:,} candidates** ({work:.0f}x the work). "
                   "Per-candidate ratio = (cost per candidate at the large size) / (at the small size): "
                   "≤ 1 is linear or better.")
        out.append("")
        # the same from the middle size up: plain Python over the facts (the reference) takes
        # one step between 1,000 and 10,000 and is linear after it (docs/performance.md)
        mid = TARGET_SIZE if lo < TARGET_SIZE < hi and TARGET_SIZE in rows else None
        mid_head = f" per-candidate ratio {mid:,} → {hi:,} |" if mid else ""
        out.append(f"| figure | {lo:,} | {hi:,} | growth | per-candidate ratio | linear or better |{mid_head}")
        out.append("|---|---|---|---|---|---|" + ("---|" if mid else ""))
        for label, get in GROWTH:
            a, b = get(rows[lo]), get(rows[hi])
            if a is None or b is None or not a:
                continue
            fmt = (lambda v: f"{v:.0f} MB") if "RSS" in label else dur
            g = b / a
            per = g / work
            tail = ""
            if mid:
                m = get(rows[mid])
                tail = f" {(b / m) / (rows[hi]['candidates'] / rows[mid]['candidates']):.2f} |" if m else " – |"
            out.append(f"| {label} | {fmt(a)} | {fmt(b)} | {g:.1f}x | {per:.2f} | "
                       f"{'yes' if per <= 1.05 else '**no**'} |{tail}")
    if results.get("hostile"):
        from .hostile import render as render_hostile

        out.append("")
        out.append("**The largest inputs the limits allow** (`benchmarks/hostile.py`; one run each, through the CLI):")
        out.append("")
        out.append(render_hostile(results["hostile"]).rstrip("\n"))
    return "\n".join(out) + "\n"


def write(path: Path, table: str) -> None:
    """Put the table between the markers of ``path`` (created with a heading if missing)."""
    block = f"{START}\n{table}{END}\n"
    if path.exists():
        text = path.read_text(encoding="utf-8")
        if START in text and END in text:
            before, rest = text.split(START, 1)
            _, after = rest.split(END, 1)
            text = before + block + after.lstrip("\n")
        else:
            text = text.rstrip("\n") + "\n\n## Results\n\n" + block
    else:
        text = ("# Performance\n\nWritten by `make bench` (`python -m benchmarks`).\n\n## Results\n\n" + block)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
