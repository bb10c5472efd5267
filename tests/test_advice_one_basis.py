"""Every view of the advice is computed with the same lists and settings (issue 21: "the app,
`check`, the report and JSON show the same advice in the same order"): an off-platform phrase the
owner adds in another language, or a raised ``key_criterion_low``, rules the same candidate out in
`check` (text and JSON), the report, the next steps and the app's Ranking; without the config
they all keep him."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from advisor.cli import main

#: Norwegian, in no built-in list: "the rest we do directly, without the fee"
SAID = "resten tar vi direkte, uten gebyr"
CONFIGS = {
    "phrase": ('[advisor.phrases]\noff_platform = ["resten tar vi direkte"]\n', "asked to move off the marketplace"),
    "key_criterion_low": ("[advisor.settings]\nkey_criterion_low = 4\n", "scored 4/5 on communication"),
}


def _plan(tmp_path: Path, bakery_path: Path, case: str) -> Path:
    """The bakery (deadlines far ahead): Ana, the interviewed front-runner, wrote ``SAID`` in
    her notes, or the logo names communication (Ana: 4/5) a key criterion."""
    text = re.sub(r"deadline = 20\d\d", "deadline = 2099", bakery_path.read_text(encoding="utf-8"))
    if case == "phrase":
        # in her own notes: words only the owner's interview notes hold are a question, never a
        # drop (grading v19, olive)
        text = text.replace('name = "Ana P."', f'name = "Ana P."\nnotes = "{SAID}"', 1)
    else:
        text = text.replace('acceptance = "3 concepts, 2 revision rounds, SVG and PNG"',
                            'acceptance = "3 concepts, 2 revision rounds, SVG and PNG"\nkey_criteria = ["communication"]', 1)
    p = tmp_path / "plan.toml"
    p.write_text(text, encoding="utf-8")
    return p


def _config(tmp_path: Path, case: str, owner: bool) -> Path:
    cfg = tmp_path / "config.toml"
    cfg.write_text(CONFIGS[case][0] if owner else "", encoding="utf-8")
    return cfg


def _views(capsys, plan: Path, cfg: Path) -> dict[str, object]:
    """What each command shows about the logo: the Ranking's order and who is excluded, and
    whether a next step drops or hires Ana."""
    out = {}
    main(["check", "--plan", str(plan), "--config", str(cfg)])
    text = capsys.readouterr().out
    steps, _, rest = text.partition("\n\n")
    ranking = next(x for x in rest.splitlines() if x.strip().startswith("Design a new logo: #1"))
    out["check"] = (re.findall(r"#1 (\w+)", ranking), "excluded: Ana P." in ranking)
    out["check steps"] = ("Drop Ana P." in steps or "drop Ana P." in steps, "Hire Ana P." in steps)
    main(["check", "--plan", str(plan), "--config", str(cfg), "--format", "json"])
    doc = json.loads(capsys.readouterr().out)
    logo = sorted((v for v in doc["candidates"] if v["task"] == "logo" and not v["excluded"]), key=lambda v: v["rank"])
    gone = [v["name"] for v in doc["candidates"] if v["task"] == "logo" and v["excluded"]]
    out["json"] = ([logo[0]["name"].split()[0]], "Ana P." in gone)
    main(["report", "--plan", str(plan), "--config", str(cfg)])
    report = capsys.readouterr().out
    rows = [r for r in report.splitlines() if r.startswith("| ") and ("| 1 |" in r or "excluded:" in r)]
    out["report"] = ([r.split("|")[2].split()[0] for r in rows if r.startswith("| 1 |")],
                     any("Ana P." in r and "excluded:" in r for r in rows))
    steps = report.partition("## Next steps")[2].partition("\n## ")[0]
    out["report steps"] = ("Drop Ana P." in steps or "drop Ana P." in steps, "Hire Ana P." in steps)
    return out


@pytest.mark.parametrize("case", sorted(CONFIGS))
def test_the_owners_lists_and_settings_rule_the_same_candidate_out_in_every_command(capsys, tmp_path, bakery_path, case):
    plan = _plan(tmp_path, bakery_path, case)
    ruled = _views(capsys, plan, _config(tmp_path, case, owner=True))
    assert ruled == {"check": (["Ben"], True), "json": (["Ben"], True), "report": (["Ben"], True),
                     "check steps": (True, False), "report steps": (True, False)}
    kept = _views(capsys, plan, _config(tmp_path, case, owner=False))
    assert kept == {"check": (["Ana"], False), "json": (["Ana"], False), "report": (["Ana"], False),
                    "check steps": (False, True), "report steps": (False, True)}


@pytest.mark.parametrize("case, owner", [("phrase", True), ("key_criterion_low", True), ("phrase", False)])
async def test_the_apps_ranking_and_compare_screen_agree_with_check_at_80x24(tmp_path, bakery_path, case, owner):
    from advisor.settings import load_settings
    from advisor.storage.planfile import load_plan
    from tui.app import OutsourceApp
    from tui_helpers import TODAY, make_workspace, screen_text, settle

    plan = load_plan(_plan(tmp_path, bakery_path, case))
    db = make_workspace(tmp_path / "ws.db", plan)
    settings = load_settings(_config(tmp_path, case, owner), env={}, db=db)
    app = OutsourceApp(settings, today=TODAY, blink=False, watch_seconds=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        first = "Ben K." if owner else "Ana P."
        assert f"#1 {first} ·" in screen_text(app)  # the candidates pane names the #1
        await pilot.press("C")
        await settle(pilot)
        text = screen_text(app)
        rank = next(line for line in text.splitlines() if line.strip().startswith("Rank"))
        # the compare screen: Ana, then Ben (the live candidates, in the table's order)
        assert rank.split()[1:4] == (["excluded", "#1", "of"] if owner else ["#1", "of", "3"])
        assert (CONFIGS[case][1] in text) == owner  # why, for Ana under the column cursor


def test_two_configs_in_one_process_never_share_a_waiting_answer():
    """``says_it_waits`` keeps its answers with the phrase lists that gave them: a task whose
    words wait only by the owner's phrase waits with those lists and not with the built-in ones,
    in whichever order they are asked."""
    from advisor.phrases import candidate_matcher
    from advisor.plan.model import Task
    from advisor.rules.waiting import says_it_waits

    task = Task(id="menu", title="Menu copy", description="kan først begynne etter logoen")
    owner = candidate_matcher({"phrases.waits_on": "kan først begynne etter"})
    builtin = candidate_matcher(None)
    assert (says_it_waits(task, owner), says_it_waits(task, builtin)) == (True, False)
    assert (says_it_waits(task, builtin), says_it_waits(task, owner)) == (False, True)
