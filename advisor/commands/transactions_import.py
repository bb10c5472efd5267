"""``outsource import FILE.csv --history``: a transaction history previewed, then saved.

Nothing is saved before the user has seen what would change: the preview lists each freelancer
with jobs, spend and fees, the candidates it matches (by name, case/accent/space-insensitive, and
marketplace) and the business's completed jobs; then ``--yes`` or an answer at the prompt saves
it in one transaction.
"""

from __future__ import annotations

import sys


def import_history(path, db_path, args) -> int:
    from advisor.currency import parse_rates
    from advisor.model import Plan
    from advisor.transactions import read_history_csv
    from advisor.workspace import Workspace

    plan = Plan()
    if db_path.exists():
        with Workspace.open(db_path, create=False) as ws:
            plan = ws.load_plan()
    currency = plan.business.currency
    hist = read_history_csv(path, currency=currency, rates=parse_rates(args.rate, currency),
                            marketplace=args.marketplace)
    changes = match_candidates(plan, hist)
    completed = max(plan.business.completed_jobs, hist.completed_jobs)
    sys.stdout.write(preview_text(plan, hist, changes, completed))
    if not _confirmed(args):
        print("nothing saved (add --yes to save)")
        return 0
    detail = {"source": str(path), "marketplace": hist.marketplace, "transactions": hist.rows,
              "completed_jobs": completed, "spend": {f.name: f.spend for f in hist.freelancers},
              "fees": hist.fees, "currency": currency}
    with Workspace.open(db_path) as ws:
        ws.apply_history(completed, {cid: new for cid, (_old, new) in changes.items()}, detail)
    print(f"saved: completed jobs {completed}, past jobs of {len(changes)} candidate(s)")
    return 0


def match_candidates(plan, hist) -> dict[str, tuple[int, int]]:
    """Candidate id -> (past jobs now, past jobs per the history), for those that change. A
    candidate without a marketplace matches by name when only one freelancer has that name."""
    from advisor.model import fold, person_key

    by_person = hist.by_person()
    by_name: dict[str, list] = {}
    for f in hist.freelancers:
        by_name.setdefault(fold(f.name), []).append(f)
    out: dict[str, tuple[int, int]] = {}
    for c in plan.candidates():
        if c.marketplace:
            found = by_person.get(person_key(c.name, c.marketplace))
        else:
            same = by_name.get(fold(c.name), [])
            found = same[0] if len(same) == 1 else None
        if found is not None and found.jobs != c.past_jobs_with_us:
            out[c.id] = (c.past_jobs_with_us, found.jobs)
    return out


def preview_text(plan, hist, changes: dict[str, tuple[int, int]], completed: int) -> str:
    from advisor.model import fold
    from advisor.money import format_money
    from advisor.text import plain

    def money(x: float) -> str:
        return format_money(x, hist.currency)

    lines = [f"Transaction history {plain(hist.source, newlines=False)}: "
             f"{plain(hist.marketplace, newlines=False) or 'several marketplaces'}, {hist.rows} transaction(s), "
             f"amounts in {hist.currency}"]
    if hist.freelancers:
        width = min(30, max(len(f.name) for f in hist.freelancers))
        lines.append(f"  {'freelancer':<{width}}  jobs  {'spend':>12}  {'fees':>10}")
        cands = {}
        for c in plan.candidates():
            cands.setdefault(fold(c.name), []).append(c)
        for f in hist.freelancers:
            matched = [c for c in cands.get(fold(f.name), []) if c.id in changes]
            note = "".join(f"  -> {plain(c.id, newlines=False)}: past jobs {changes[c.id][0]} -> {changes[c.id][1]}"
                           for c in matched)
            name = plain(f.name, newlines=False)[:width]
            lines.append(f"  {name:<{width}}  {f.jobs:>4}  {money(f.spend):>12}  {money(f.fees):>10}{note}")
    lines.append(f"Total: {hist.completed_jobs} finished job(s), {money(hist.spend)} paid to freelancers, "
                 f"{money(hist.fees)} in fees; {hist.unassigned_rows} row(s) name no freelancer "
                 "(deposits, balance moves, fees)")
    b = plan.business
    lines.append(f"Business {plain(b.name, newlines=False)}: completed jobs {b.completed_jobs} -> {completed}")
    lines.append(f"Candidates: {len(changes)} matched with a new past-jobs count")
    return "\n".join(lines) + "\n"


def _confirmed(args) -> bool:
    if args.yes:
        return True
    if not sys.stdin.isatty():
        return False
    try:
        return input("Save this? [y/N] ").strip().lower() in ("y", "yes")
    except EOFError:
        return False
