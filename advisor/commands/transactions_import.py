"""``outsource import FILE.csv --history``: a transaction history previewed, then saved.

Nothing is saved before the user has seen what would change: the preview lists each freelancer
with jobs, spend and fees, the candidates it matches (by name: case, accents and spaces ignored, a
surname abbreviated to its initial; and marketplace), the ambiguous ones (listed, never guessed)
and the business's completed jobs; then ``--yes`` or an answer at the prompt saves
it in one transaction.
"""

from __future__ import annotations

import sys


def import_history(path, db_path, args) -> int:
    from advisor.plan.currency import parse_rates
    from advisor.plan.model import Plan
    from advisor.storage.transactions import read_history_csv
    from advisor.storage.workspace import Workspace

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
    """Candidate id -> (past jobs now, past jobs per the history), for those that change; the
    ambiguous ones are left out (:func:`match_people` lists them)."""
    matched, _ambiguous = match_people(plan, hist)
    out: dict[str, tuple[int, int]] = {}
    for c in plan.candidates():
        found = matched.get(c.id)
        if found is not None and found.jobs != c.past_jobs_with_us:
            out[c.id] = (c.past_jobs_with_us, found.jobs)
    return out


def match_people(plan, hist) -> tuple[dict, list[tuple[object, list]]]:
    """Which freelancer in the history each candidate is: candidate id -> FreelancerHistory, and
    the ambiguous candidates with every freelancer they could be (listed, never guessed).

    Names match as people write them (:func:`advisor.storage.transactions.name_match`: case, accents and spaces
    ignored, a surname abbreviated to its initial: "Ana P." is "Ana Pérez"). The marketplace must
    agree when both name one. A full-name match beats an abbreviated one; two or more equally good
    freelancers make the candidate ambiguous."""
    from advisor.plan.model import fold
    from advisor.storage.transactions import name_match

    out: dict = {}
    ambiguous: list[tuple[object, list]] = []
    for c in plan.candidates():
        best: list = []
        best_score = 0
        for f in hist.freelancers:
            if c.marketplace and f.marketplace and fold(c.marketplace) != fold(f.marketplace):
                continue
            score = name_match(c.name, f.name)
            if score > best_score:
                best, best_score = [f], score
            elif score and score == best_score:
                best.append(f)
        if len(best) == 1:
            out[c.id] = best[0]
        elif best:
            ambiguous.append((c, best))
    return out, ambiguous


def preview_text(plan, hist, changes: dict[str, tuple[int, int]], completed: int) -> str:
    from advisor.plan.money import format_money
    from advisor.text import plain

    def money(x: float) -> str:
        return format_money(x, hist.currency, plan.business.locale)

    def text(x: str) -> str:
        return plain(x, newlines=False)

    matched, ambiguous = match_people(plan, hist)
    by_freelancer: dict[int, list] = {}
    for cid, f in matched.items():
        by_freelancer.setdefault(id(f), []).append(cid)
    lines = [f"Transaction history {text(hist.source)}: "
             f"{text(hist.marketplace) or 'several marketplaces'}, {hist.rows} transaction(s), "
             f"amounts in {hist.currency}"]
    if hist.freelancers:
        width = min(30, max(len(f.name) for f in hist.freelancers))
        lines.append(f"  {'freelancer':<{width}}  jobs  {'spend':>12}  {'fees':>10}")
        for f in hist.freelancers:
            note = "".join(f"  -> {text(cid)}: past jobs {changes[cid][0]} -> {changes[cid][1]}"
                           for cid in by_freelancer.get(id(f), []) if cid in changes)
            name = text(f.name)[:width]
            lines.append(f"  {name:<{width}}  {f.jobs:>4}  {money(f.spend):>12}  {money(f.fees):>10}{note}")
    lines.append(f"Total: {hist.completed_jobs} finished job(s), {money(hist.spend)} paid to freelancers, "
                 f"{money(hist.fees)} in fees; {hist.unassigned_rows} row(s) name no freelancer "
                 "(deposits, balance moves, fees)")
    if hist.unnamed_spend:
        lines.append(f"Paid in rows that name no freelancer: {money(hist.unnamed_spend)} (not counted as jobs)")
    if hist.typed_by_description:
        lines.append("No type column: each row's type was read from the first words of its description")
    if not hist.names_freelancers:
        lines.append("The file names no freelancer: jobs and past jobs cannot be derived from it, "
                     "only the fees")
    if hist.unknown_types:
        shown = ", ".join(f"{text(t)!r} x{n}" for t, n in hist.unknown_types.items())
        lines.append(f"Left out {sum(hist.unknown_types.values())} row(s) of a type the importer does not know: "
                     f"{shown}")
    b = plan.business
    lines.append(f"Business {text(b.name)}: completed jobs {b.completed_jobs} -> {completed}")
    lines.append(f"Candidates: {len(changes)} matched with a new past-jobs count")
    for c, options in ambiguous:
        names = " or ".join(f"{text(f.name)} ({text(f.marketplace) or 'no marketplace'})" for f in options)
        lines.append(f"  not matched, ambiguous: {text(c.id)} ({text(c.name)}) could be {names}; "
                     "rename the candidate to the full name to match")
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
