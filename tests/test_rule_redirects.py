"""Rule ids are a public interface (issue 21): a rule renamed or split keeps a redirect through
its ``formerly`` ids, so suppressions, --select/--ignore, the config's select/ignore/severity and
workspace switches written with the old id keep working, with a note naming the new ids. Tested
with the splits that already happened (``interview-before-hire`` into three ids) and the one
this issue makes (``bid-far-below-median`` into a fixed-price and an hourly rule)."""

from __future__ import annotations

from contextlib import nullcontext
from datetime import date

import pytest

from advisor.cli import main
from advisor.errors import RuleError
from advisor.plan.model import Suppression
from advisor.storage.planfile import load_plan
from advisor.rules.rulepack import load_rules, parse_pack
from advisor.rules.ruleselect import redirect_notes, select_rules
from advisor.settings import AdvisorSettings
from tests.plan_runner import advisor as shared_advisor

TODAY = date(2026, 11, 25)
RULES, PROBLEMS = load_rules()
INTERVIEWS = {"interview-before-hire", "interview-before-moderate-hire", "interview-before-minor-hire"}


def test_the_shipped_splits_are_declared():
    assert not PROBLEMS
    assert RULES.named("interview-before-hire") == INTERVIEWS
    assert RULES.named("shortlist-size") == {"shortlist-size", "shortlist-too-long", "invite-more-candidates"}
    assert RULES.named("cheapest-alone") == {"cheapest-alone", "cheapest-rated-lower"}
    assert RULES.named("bid-far-below-median") == {"bid-far-below-median", "rate-far-below-median"}
    assert RULES.named("start-small") == {"start-small"} and RULES.named("nope") == set()


def hired_without_interview(bakery_path):
    """Ana hired on the logo (a minor task) with no interview: interview-before-minor-hire, which
    a plan written before the split acknowledged as interview-before-hire."""
    plan = load_plan(bakery_path)
    logo = plan.task("logo")
    for c in logo.candidates:
        if c.id == "ana":
            c.status, c.interview = "hired", None
    logo.status = "hired"
    return plan


def test_a_suppression_with_the_old_id_covers_the_new_rule(bakery_path):
    plan = hired_without_interview(bakery_path)
    plan.suppressions = [Suppression(rule="interview-before-hire", candidate="ana", reason="worked with her for years")]
    with nullcontext(shared_advisor(TODAY)) as adv:
        found = adv.evaluate(plan)
    f = next(f for f in found if f.candidate == "ana" and f.rule in INTERVIEWS)
    assert f.rule == "interview-before-minor-hire"
    assert f.suppressed and f.reason == "worked with her for years"
    assert not found.stale_suppressions  # it matches: not "matches no finding any more"
    assert [(s.rule, rule) for s, rule in found.redirected] == [("interview-before-hire", "interview-before-minor-hire")]
    # the exact id matches too, and needs no note
    plan.suppressions = [Suppression(rule="interview-before-minor-hire", candidate="ana", reason="ok")]
    with nullcontext(shared_advisor(TODAY)) as adv:
        found = adv.evaluate(plan)
    assert next(f for f in found if f.rule == "interview-before-minor-hire").suppressed and not found.redirected


def test_a_suppression_of_another_rule_does_not_spread(bakery_path):
    plan = hired_without_interview(bakery_path)
    plan.suppressions = [Suppression(rule="shortlist-size", candidate="ana", reason="x")]
    with nullcontext(shared_advisor(TODAY)) as adv:
        found = adv.evaluate(plan)
    assert not next(f for f in found if f.rule == "interview-before-minor-hire").suppressed
    assert found.stale_suppressions and not found.redirected


def test_select_and_ignore_with_the_old_id_reach_every_part():
    kept = select_rules(RULES, ignore=["interview-before-hire"])
    assert not INTERVIEWS & set(kept.ids) and "start-small" in kept.ids
    assert set(select_rules(RULES, select=["bid-far-below-median"]).ids) == {"bid-far-below-median",
                                                                              "rate-far-below-median"}
    # one part alone: select the family, ignore the others
    assert select_rules(RULES, select=["shortlist-size"],
                        ignore=["shortlist-too-long", "invite-more-candidates"]).ids == ["shortlist-size"]
    notes = redirect_notes(RULES, ignore=["interview-before-hire", "start-small"])
    assert notes == ["--ignore: 'interview-before-hire' was split; as before the split it covers "
                     "interview-before-hire, interview-before-moderate-hire, interview-before-minor-hire"]


def test_config_and_workspace_switches_with_the_old_id():
    rs, problems = load_rules(AdvisorSettings(ignore=("interview-before-hire",),
                                              severity={"bid-far-below-median": "risk"}))
    assert not INTERVIEWS & set(rs.ids)
    assert rs.get("rate-far-below-median").severity == "risk" == rs.get("bid-far-below-median").severity
    assert [p.field for p in problems] == ["advisor.ignore"] and "interview-before-minor-hire" in str(problems[0])
    assert "shortlist-too-long" not in RULES.without(["shortlist-size"]).ids


def test_a_renamed_id_that_is_no_rule_any_more_redirects():
    text = '''pack = "mine"
[[rules]]
id = "new-name"
formerly = ["old-name"]
title = "t"
severity = "info"
about = "business"
when = "business.tasks > 1"
message = "m"
why = "w"
fix = "f"
'''
    _, rules, problems = parse_pack(text, "mine.toml")
    assert not problems
    from advisor.rules.rulepack import Ruleset, redirect_note

    rs = Ruleset(rules)
    assert rs.named("old-name") == {"new-name"}
    assert redirect_note("old-name", rs, "--select") == "--select: 'old-name' is now new-name; write the new id"


@pytest.mark.parametrize("value, words", [
    ('"old"', "must be a list"), ('["Not Kebab"]', "must be a list"), ('["new-name"]', "own id"),
])
def test_bad_formerly_is_refused_with_its_line(value, words):
    text = f'''pack = "mine"
[[rules]]
id = "new-name"
formerly = {value}
title = "t"
severity = "info"
about = "business"
when = "business.tasks > 1"
message = "m"
why = "w"
fix = "f"
'''
    _, rules, problems = parse_pack(text, "mine.toml")
    assert not rules and len(problems) == 1
    p = problems[0]
    assert isinstance(p, RuleError) and words in p.message and p.field == "formerly" and p.line == 4


def test_check_prints_the_notes(capsys, tmp_path, bakery_path):
    # Dora back in play: a 4th live bid, so Ben's $150 is far below the median of the others
    text = bakery_path.read_text().replace('status = "rejected"', 'status = "applied"') + '''
[[suppressions]]
rule = "bid-far-below-median"
candidate = "ben"
reason = "he explained"
'''
    plan = tmp_path / "plan.toml"
    plan.write_text(text)
    code = main(["check", "--plan", str(plan), "--ignore", "shortlist-size"])
    out, err = capsys.readouterr()
    assert code == 0
    assert "note: --ignore: 'shortlist-size' was split" in err and "shortlist-too-long" in err
    assert "shortlist-size" not in out.replace("suppression of", "")  # not run
    assert "matches no finding" not in out  # the fixed-price logo: the same rule id, no redirect


def test_check_notes_a_suppression_written_with_the_old_id(capsys, tmp_path, bakery_path):
    from advisor.storage.planfile import dumps_plan

    plan = hired_without_interview(bakery_path)
    plan.suppressions = [Suppression(rule="interview-before-hire", candidate="ana", reason="worked with her for years")]
    path = tmp_path / "plan.toml"
    path.write_text(dumps_plan(plan))
    assert main(["check", "--plan", str(path)]) == 0
    out, _ = capsys.readouterr()
    assert "(acknowledged: worked with her for years)" in out
    assert ("note: suppression of interview-before-hire for ana now covers interview-before-minor-hire "
            "(renamed or split from it); write the new id") in out
    assert "matches no finding" not in out
