"""Candidate value (issue 22 item 2): each live candidate's all-in cost in the business's
currency, its place against the going rate, and a ranking a seasoned buyer would accept, the same
in ``check --format json``, ``check``, the report and the app (the app: tests/test_tui_screens.py)."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from advisor.advice.value import plan_values, task_values
from advisor.cli import main
from advisor.errors import ConfigError
from advisor.plan.currency import parse_rates
from advisor.plan.model import Business, Candidate, Interview, Marketplace, Plan, RateObservation, Task
from advisor.rules.inplay import live_bids
from advisor.settings import ValueWeights, load_settings
from advisor.storage.csvimport import parse_candidates_csv


def plan_of(*cands: Candidate, pricing="fixed", hours=10.0, currency="USD", rates=(30, 35, 40)) -> Plan:
    task = Task("logo", "Design a logo", skills=["logo"], pricing=pricing, hours=hours, status="hiring",
                budget=400, candidates=list(cands))
    plan = Plan(Business("Shop", currency), [Marketplace("Upwork", 5.0, 0.0), Marketplace("Fiverr", 5.5, 2.5)],
                [RateObservation("logo", r) for r in rates], [task])
    return plan.validate()


def order(plan: Plan, weights: ValueWeights | None = None) -> list[str]:
    return [v.candidate for v in task_values(plan, plan.tasks[0], weights)]


# --------------------------------------------------------------------------- money

def test_inr_business_usd_hourly_candidate_on_upwork_all_in_and_against_the_going_rate():
    """The CSV says $30/hr; the import converts at the explicit rate (1 USD = 83 INR), and the
    all-in cost is rate x the task's hours plus Upwork's 5%, in rupees."""
    raw = b"Name,Hourly rate,Marketplace,Job success\nPriya S.,$30.00/hr,Upwork,95\nRavi K.,2000 INR,Fiverr,90\n"
    cands = parse_candidates_csv(raw, "logo", currency="INR", rates=parse_rates(["USD=83"], "INR"))
    plan = plan_of(*cands, pricing="hourly", hours=20, currency="INR", rates=(2000, 2200, 2400))
    vals = {v.name: v for v in plan_values(plan)}
    priya, ravi = vals["Priya S."], vals["Ravi K."]
    assert priya.price == pytest.approx(2490)  # per hour, in INR
    assert priya.total == pytest.approx(2490 * 20)
    assert priya.all_in_cost == pytest.approx(2490 * 20 * 1.05)
    assert ravi.all_in_cost == pytest.approx(2000 * 20 * 1.055 + 2.5)  # Fiverr: 5.5% + a fixed fee
    # the column: against the median of the rates in play (2,490 and 2,000), the figure the price
    # findings use; the reason: two bids make no median, so against the going rate (2,200 an hour)
    assert priya.vs_median == pytest.approx(2490 / 2245 - 1)
    assert priya.vs_reference == pytest.approx(2490 / 2200 - 1) and priya.reference == "the going rate"
    assert "13% over the going rate" in priya.reason and "9% under the going rate" in ravi.reason


def test_the_ranking_compares_with_the_median_of_three_comparable_bids_else_the_going_rate():
    """Grading v11: "36% over the median of live bids" from two bids (the pick and a weaker one)
    for a price 4% over the going rate; "58% over" for a quote with the usage licence and raw files
    against quotes that price them as extras. Three comparable bids make a median; fewer, the going
    rate x the hours of one opening (fixed price)."""
    a = Candidate("a", "Ana", marketplace="Upwork", bid=330, job_success=95)
    b = Candidate("b", "Ben", marketplace="Upwork", bid=300)
    plan = plan_of(a, b)  # going rate 35 x 10 h = 350
    top = {v.candidate: v for v in plan_values(plan)}["a"]
    assert top.reference == "the going rate" and "6% under the going rate" in top.reason
    c = Candidate("c", "Chen", marketplace="Upwork", bid=200, notes="Source files are $50 extra.")
    plan = plan_of(a, b, c)  # Chen prices part of the scope on top: a whole quote of $250 (round 26)
    chen = {v.candidate: v for v in plan_values(plan)}["c"]
    assert chen.price == 250 and not chen.partial
    c = replace(c, notes="Source files are extra.")  # unpriced: still two comparable bids
    plan = plan_of(a, b, c)
    assert {v.candidate: v for v in plan_values(plan)}["a"].reference == "the going rate"
    c = replace(c, notes="No extra costs: source files included.")  # a negation: comparable
    plan = plan_of(a, b, c)
    top = {v.candidate: v for v in plan_values(plan)}["a"]
    assert top.reference == "the median of live bids" and "10% over the median of live bids" in top.reason
    # a task with 2 openings: the going rate for half the hours (35 x 5 = 175) against each bid
    plan = plan_of(replace(a, bid=175), b)
    plan.tasks[0].openings = 2
    assert "at the going rate" in {v.candidate: v for v in plan_values(plan)}["a"].reason


def test_unknown_fees_stay_unknown_and_a_direct_hire_pays_none():
    a = Candidate("a", "Ana", marketplace="Nowhere.example", bid=300, job_success=90)
    b = Candidate("b", "Ben", bid=300, job_success=90)  # no marketplace: hired directly
    plan = plan_of(a, b)
    plan.marketplaces.append(Marketplace("Nowhere.example"))  # named, fees never entered
    vals = {v.candidate: v for v in plan_values(plan)}
    assert vals["a"].all_in_cost is None and vals["a"].to_json()["fees_known"] is False
    assert vals["b"].all_in_cost == 300 and vals["b"].to_json()["fees_known"] is True


def test_fixed_price_from_hourly_and_hours_and_rejected_or_closed_are_not_ranked():
    a = Candidate("a", "Ana", marketplace="Upwork", hourly=30)  # fixed task: 30 x 10 h
    r = Candidate("r", "Rex", marketplace="Upwork", bid=100, status="rejected")
    plan = plan_of(a, r)
    (v,) = plan_values(plan)
    assert v.candidate == "a" and v.total == 300 and v.all_in_cost == pytest.approx(315) and v.rank == 1
    plan.tasks[0].status = "done"
    assert plan_values(plan) == []


# --------------------------------------------------------------------------- ranking

def test_a_proven_rehire_at_a_higher_price_outranks_the_unknown_cheapest():
    rehire = Candidate("old", "Olga", marketplace="Upwork", bid=380, past_jobs_with_us=3, job_success=92)
    cheap = Candidate("new", "Nell", marketplace="Upwork", bid=200)
    plan = plan_of(cheap, rehire)
    assert order(plan) == ["old", "new"]
    top = task_values(plan, plan.tasks[0])[0]
    assert top.reason.startswith("3 jobs with us")
    assert "no track record yet" in task_values(plan, plan.tasks[0])[1].reason


def test_price_alone_never_wins_but_it_does_among_comparable_records():
    cheap = Candidate("cheap", "Cal", marketplace="Upwork", bid=150)  # nothing known but the price
    typical = Candidate("mid", "Mia", marketplace="Upwork", bid=330, job_success=85, rating=4.25)
    assert order(plan_of(cheap, typical)) == ["mid", "cheap"]
    # the same record at two prices: the cheaper one first
    twin = replace(typical, id="twin", name="Tim", bid=250)
    assert order(plan_of(typical, twin)) == ["twin", "mid"]


def test_interview_scores_change_the_order():
    a = Candidate("a", "Ana", marketplace="Upwork", bid=300, job_success=95, rating=4.9, reviews=50)
    b = Candidate("b", "Bo", marketplace="Upwork", bid=300, job_success=90, rating=4.7, reviews=40)
    assert order(plan_of(a, b)) == ["a", "b"]
    a2 = replace(a, interview=Interview(scores={"quality": 2, "communication": 2}))
    b2 = replace(b, interview=Interview(scores={"quality": 5, "communication": 4}))
    plan = plan_of(a2, b2)
    assert order(plan) == ["b", "a"]
    assert task_values(plan, plan.tasks[0])[0].reason.startswith("best interview (4.5/5)")


def test_missing_data_is_neutral_not_zero():
    high = Candidate("hi", "Hal", marketplace="Upwork", bid=300, job_success=99)
    low = Candidate("lo", "Lou", marketplace="Upwork", bid=300, job_success=72)
    unknown = Candidate("un", "Una", marketplace="Upwork", bid=300, rating=4.25)  # job success unknown
    assert order(plan_of(low, unknown, high)) == ["hi", "un", "lo"]
    # a field nobody has (interviews) changes no one's place
    a = Candidate("a", "Ana", marketplace="Upwork", bid=300, job_success=95)
    b = Candidate("b", "Bo", marketplace="Upwork", bid=280, job_success=80)
    before = order(plan_of(a, b))
    scored = [replace(c, interview=Interview(scores={"quality": 3})) for c in (a, b)]
    assert order(plan_of(*scored)) == before


def test_a_failed_trial_sinks_and_a_passed_one_lifts():
    a = Candidate("a", "Ana", marketplace="Upwork", bid=300, job_success=95, trial="failed")
    b = Candidate("b", "Bo", marketplace="Upwork", bid=330, job_success=90, trial="passed")
    plan = plan_of(a, b)
    assert order(plan) == ["b", "a"]
    vals = task_values(plan, plan.tasks[0])
    assert vals[0].reason.startswith("passed our trial") and vals[1].reason.startswith("failed our trial")


def test_weights_from_the_config(tmp_path):
    cfg = tmp_path / "config.toml"
    cfg.write_text("[value]\nprice = 10\njob_success = 0\nreviews = 0\ninterview = 0\npast_work = 0\n")
    weights = load_settings(cfg, env={}).value
    rehire = Candidate("old", "Olga", marketplace="Upwork", bid=380, past_jobs_with_us=3, job_success=92)
    other = Candidate("new", "Nell", marketplace="Upwork", bid=200, job_success=80)
    assert order(plan_of(other, rehire)) == ["old", "new"]  # the defaults
    assert order(plan_of(other, rehire), weights) == ["new", "old"]  # price alone, by choice
    cfg.write_text("[value]\nprice = 2\npast_work = -1\n")
    with pytest.raises(ConfigError) as err:
        load_settings(cfg, env={})
    assert err.value.field == "value.past_work" and err.value.line == 3
    cfg.write_text("[value]\ncheapness = 2\n")
    with pytest.raises(ConfigError, match="unknown key 'cheapness'"):
        load_settings(cfg, env={})


# --------------------------------------------------------------------------- the command line

def test_check_json_carries_the_candidates(capsys, bakery_path):
    main(["check", "--plan", str(bakery_path), "--format", "json"])
    doc = json.loads(capsys.readouterr().out)
    assert doc["currency"] == "USD"
    rows = doc["candidates"]
    assert [(r["task"], r["candidate"], r["rank"]) for r in rows] == [
        ("logo", "ana", 1), ("logo", "ben", 2), ("logo", "chen", 3)]  # dora was rejected
    # Ben is on the owner's shortlist; Chen only applied, and is 26% over the budget all in
    assert rows[2]["over_budget"] == pytest.approx(0.26, abs=0.01) and rows[1]["over_budget"] is None
    for r in rows:
        assert {"task", "candidate", "all_in_cost", "rank", "reason"} <= set(r)
        assert isinstance(r["all_in_cost"], float) and "\n" not in r["reason"]
    assert rows[0]["all_in_cost"] == 294.0  # $280 + Upwork's 5%
    # Ana's $280 is the middle of the three bids in play: the median the price findings quote
    assert rows[0]["reason"].startswith("interview (4.5/5), at the median")


def test_check_text_has_one_ranking_line_per_task_still_choosing(capsys, bakery_path):
    main(["check", "--plan", str(bakery_path)])
    out = capsys.readouterr().out
    block = out.split("Ranking\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert block == ["  Design a new logo: #1 Ana P. ($294 all in): interview (4.5/5), at the "
                     "median of live bids, 96% job success, 4.9/5 from 56 reviews; then Ben K. and Chen L. (26% over budget with fees)"]


HOSTILE = "Eve\x1b[2J | <script>x</script> [b]"


def _hostile_plan(tmp_path):
    from advisor.storage.planfile import dumps_plan

    a = Candidate("eve", HOSTILE, marketplace="Upwork", bid=300, job_success=95)
    b = Candidate("bo", "Bo", marketplace="Upwork", bid=250)
    path = tmp_path / "plan.toml"
    path.write_text(dumps_plan(plan_of(a, b)), encoding="utf-8")
    return path


def test_check_escapes_names_in_the_ranking(capsys, tmp_path):
    path = _hostile_plan(tmp_path)
    main(["check", "--plan", str(path)])
    out = capsys.readouterr().out
    assert "\x1b" not in out and "#1 Eve\\x1b[2J" in out
    main(["check", "--plan", str(path), "--format", "json"])
    doc = json.loads(capsys.readouterr().out)
    assert doc["candidates"][0]["name"] == HOSTILE  # JSON keeps the text, escaped by json itself


def test_report_has_a_ranked_table_per_task_with_names_escaped(capsys, tmp_path, bakery_path):
    main(["report", "--plan", str(bakery_path)])
    md = capsys.readouterr().out
    logo = md.split("## Design a new logo (logo)", 1)[1]
    assert logo.lstrip().startswith("| Rank | Candidate | Status | Price | All in | vs median | Why |")
    assert "| 1 | Ana P. | interviewed | $280 | $294 | +0% | interview (4.5/5), at the median" in logo
    assert "| 2 | Ben K. | shortlisted | $150 | $157.50 | -46% |" in logo and "Dora M." not in logo.split("\n\n")[0]
    path = _hostile_plan(tmp_path)
    main(["report", "--plan", str(path)])
    md = capsys.readouterr().out
    row = next(line for line in md.splitlines() if line.startswith("| 1 |"))
    assert "Eve\\\\x1b\\[2J \\| \\<script\\>x\\</script\\> \\[b\\]" in row and "\x1b" not in md
    assert row.count(" | ") == 6  # the name's | does not make a column
    main(["report", "--plan", str(path), "--format", "html"])
    page = capsys.readouterr().out
    assert "<td>Eve\\x1b[2J | &lt;script&gt;x&lt;/script&gt; [b]</td>" in page and "<script>" not in page


def _strong(cid: str, price: float, notes: str = "", **kw) -> Candidate:
    return Candidate(cid, cid.title(), marketplace="Upwork", status="shortlisted", bid=price, job_success=99.0,
                     rating=5.0, reviews=80, notes=notes, **kw)


@pytest.mark.parametrize("notes,why", [
    ("Happy to go faster if we move to WhatsApp and pay by bank transfer.", "asked to move off the marketplace"),
    ("I need 50% upfront before I start.", "asks for money up front"),
    ("Send me your admin password and I will set it up.", "asks for your own logins"),
])
def test_a_candidate_the_advice_rules_out_is_never_ranked_first(notes, why):
    """The cheapest, best-rated bid with a disqualifying red flag comes last, marked excluded."""
    plan = plan_of(_strong("cheap", 200, notes), _strong("mid", 300), _strong("dear", 380))
    vals = task_values(plan, plan.tasks[0])
    assert [v.candidate for v in vals] == ["mid", "dear", "cheap"]
    assert vals[-1].excluded == why and not vals[0].excluded
    clean = plan_of(_strong("cheap", 200), _strong("mid", 300), _strong("dear", 380))
    assert order(clean)[0] == "cheap"  # the same bid without the red flag wins


def test_a_failed_trial_or_a_start_after_the_deadline_is_excluded_too():
    from datetime import date

    plan = plan_of(_strong("cheap", 200, trial="failed"), _strong("late", 210, available_from=date(2027, 1, 1)),
                   _strong("mid", 300))
    plan.tasks[0].deadline = date(2026, 12, 20)
    vals = task_values(plan, plan.tasks[0])
    assert vals[0].candidate == "mid"
    assert {v.candidate: v.excluded for v in vals[1:]} == {"cheap": "failed the paid trial",
                                                           "late": "cannot start before the deadline"}


def test_a_bid_far_under_the_others_earns_no_price_score():
    """A bid under 60% of the median is a sign of a misread brief, not of value: its price does
    not lift it over the others (with the same record it would have won on price)."""
    plan = plan_of(_strong("low", 100), _strong("mid", 300), _strong("dear", 320))
    assert order(plan)[0] == "mid"
    plan = plan_of(_strong("low", 250), _strong("mid", 300), _strong("dear", 320))
    assert order(plan)[0] == "low"


def test_check_ranking_lists_the_excluded_after_the_ranked(capsys, tmp_path, bakery_path):
    text = bakery_path.read_text(encoding="utf-8").replace(
        'notes = "fast reply, small portfolio"', 'notes = "fast reply; lets continue on WhatsApp"')
    path = tmp_path / "plan.toml"
    path.write_text(text, encoding="utf-8")
    main(["check", "--plan", str(path)])
    block = capsys.readouterr().out.split("Ranking\n", 1)[1].split("\n\n", 1)[0]
    assert "#1 Ana P." in block and block.rstrip().endswith(
        "then Chen L. (26% over budget with fees); excluded: Ben K. (asked to move off the marketplace)")


def test_on_licensed_work_someone_stating_no_licence_ranks_after_the_licensed():
    """tests/data/plans/tax_cpa.toml: a bookkeeper at half the price was ranked over the CPA for a
    tax return (round 11). Licensed work puts who states no licence after who states one."""
    cpa = Candidate("grace", "Grace", marketplace="Upwork", bid=850, rating=4.9, reviews=64, status="shortlisted",
                    notes="Licensed CPA in New York, 12 years of S-corp returns")
    book = Candidate("omar", "Omar", marketplace="Upwork", bid=400, rating=4.6, reviews=12,
                     notes="Bookkeeper, I can prepare the forms")
    plan = plan_of(cpa, book)
    plan.tasks[0].title = "Prepare and file the 2026 federal tax return"
    vals = task_values(plan, plan.tasks[0])
    assert [v.candidate for v in vals] == ["grace", "omar"]
    assert vals[1].reason.startswith("no licence stated") and not vals[1].excluded
    # the price compares among the licensed only: the CPA is not "112% over" the bookkeeper
    assert "cheapest" not in vals[0].reason and "cheapest" not in vals[1].reason
    plan.tasks[0].title = "Design a logo"  # not licensed work: the price counts as usual
    book.status = "shortlisted"  # (both on the shortlist: an applicant ranks after it)
    assert [v.candidate for v in task_values(plan, plan.tasks[0])][0] == "omar"


@pytest.mark.parametrize("notes", [
    "Price covers products and customers. Order history and URL redirects are not included.",
    "英語と中国語を担当します。韓国語は対応しておりません。",
    "We take 20% of the revenue from every lead, plus setup hours.",
])
def test_a_quote_for_part_of_the_job_is_never_first_nor_in_the_median(notes):
    """Grading v12 (shopify, izakaya, lawn): the cheapest bid left out part of the job (or took a
    share of the revenue) and was ranked #1 at "37% under". It ranks after every whole quote, says
    so instead of a percentage, and the median of live bids leaves it out until it is re-quoted."""
    plan = plan_of(_strong("part", 280, notes), _strong("mid", 300), _strong("dear", 380), _strong("top", 400))
    vals = task_values(plan, plan.tasks[0])
    assert [v.candidate for v in vals][-1] == "part" and not vals[-1].excluded
    assert vals[-1].reason.startswith("quotes part of the job (") and "under" not in vals[-1].reason
    assert live_bids(plan.tasks[0]) == [300, 380, 400]
    whole = plan_of(_strong("part", 280), _strong("mid", 300), _strong("dear", 380), _strong("top", 400))
    assert order(whole)[0] == "part" and len(live_bids(whole.tasks[0])) == 4


def test_an_hourly_only_quote_is_priced_at_the_candidates_own_higher_estimate():
    """Grading v12 (grant): "Hourly only ... I estimate 40 to 45 hours" on a 30-hour fixed task
    is 45 hours of their rate, not 30; a lower or weekly figure changes nothing."""
    plan = plan_of(_strong("mid", 300))
    task = plan.tasks[0]
    task.pricing, task.hours = "fixed", 30.0
    c = Candidate("rahul", "Rahul", marketplace="Upwork", hourly=10.0, status="shortlisted",
                  notes="Hourly only, no fixed price. I estimate 40 to 45 hours for a proposal of this size.")
    assert c.price(task) == 450.0
    c.notes = "I can give it 20 hours a week"
    assert c.price(task) == 300.0
    c.notes = "I expect it to take 25 hours"
    assert c.price(task) == 300.0
