"""Per-project config found by walking up (outsource.toml, .outsource.toml, pyproject.toml
[tool.outsource]), layered between the user config and the environment; --config, --no-config,
OUTSOURCE_<TABLE>_<KEY> variables, and `outsource config` saying what was used."""

from __future__ import annotations

import pytest

from advisor.cli import main
from advisor.configenv import ENV_VARS, SETTINGS_PREFIX, find_project_config
from advisor.errors import ConfigError
from advisor.settings import DEFAULT_RULE_SETTINGS, load_settings, user_config_path


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def user_config(text: str):
    path = user_config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_found_by_walking_up_nearest_first(tmp_path):
    deep = tmp_path / "a" / "b" / "c"
    deep.mkdir(parents=True)
    assert find_project_config(deep) is None or not str(find_project_config(deep)).startswith(str(tmp_path))
    (tmp_path / "outsource.toml").write_text("[advisor.settings]\nshortlist_min = 4\n")
    assert find_project_config(deep) == tmp_path / "outsource.toml"
    (tmp_path / "a" / ".outsource.toml").write_text("[advisor.settings]\nshortlist_min = 6\n")
    assert find_project_config(deep) == tmp_path / "a" / ".outsource.toml"
    s = load_settings(env={}, cwd=deep)
    assert s.advisor.settings["shortlist_min"] == 6 and s.config_files == (tmp_path / "a" / ".outsource.toml",)


def test_pyproject_counts_only_with_a_tool_outsource_table(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n[tool.ruff]\nline-length = 99\n")
    assert load_settings(env={}, cwd=tmp_path).config_files == ()
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n[tool.outsource.advisor.settings]\n"
                                             "few_reviews = 9\n")
    s = load_settings(env={}, cwd=tmp_path)
    assert s.advisor.settings["few_reviews"] == 9 and s.config_files == (tmp_path / "pyproject.toml",)


def test_a_mistake_in_pyproject_names_the_file_line_and_key(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n\n[tool.outsource.advisor]\nengine_timeout = -1\n")
    with pytest.raises(ConfigError) as exc:
        load_settings(env={}, cwd=tmp_path)
    assert exc.value.file == str(tmp_path / "pyproject.toml") and exc.value.line == 5
    assert exc.value.field == "advisor.engine_timeout"


def test_layers_user_then_project_then_environment_then_flags(tmp_path):
    user_config("[advisor.settings]\nshortlist_min = 2\nfew_reviews = 2\nlow_job_success = 2\n"
                "[ui]\ntheme = 'nord'\n")
    (tmp_path / "outsource.toml").write_text("[advisor.settings]\nfew_reviews = 3\nlow_job_success = 3\n"
                                             "[workspace]\ndb = 'project.db'\n")
    env = {"OUTSOURCE_ADVISOR_SETTINGS_LOW_JOB_SUCCESS": "4"}
    s = load_settings(env=env, cwd=tmp_path)
    assert (s.advisor.settings["shortlist_min"], s.advisor.settings["few_reviews"],
            s.advisor.settings["low_job_success"]) == (2, 3, 4)
    assert s.ui.theme == "nord" and s.db_path == tmp_path / "project.db"  # relative to the file
    assert s.config_files == (user_config_path(), tmp_path / "outsource.toml")
    assert s.env_used == ("OUTSOURCE_ADVISOR_SETTINGS_LOW_JOB_SUCCESS",)
    assert load_settings(env=env, cwd=tmp_path, db=tmp_path / "flag.db").db_path == tmp_path / "flag.db"


def test_config_flag_reads_only_that_file_and_no_config_reads_none(tmp_path):
    user_config("[advisor.settings]\nshortlist_min = 2\n")
    (tmp_path / "outsource.toml").write_text("[advisor.settings]\nfew_reviews = 3\n")
    only = tmp_path / "ci.toml"
    only.write_text("[advisor.settings]\nlow_job_success = 70\n")
    s = load_settings(only, env={}, cwd=tmp_path)
    assert s.config_files == (only,) and s.advisor.settings["shortlist_min"] == 3
    assert s.advisor.settings["few_reviews"] == DEFAULT_RULE_SETTINGS["few_reviews"]
    s = load_settings(env={"OUTSOURCE_ADVISOR_SETTINGS_FEW_REVIEWS": "8"}, cwd=tmp_path, no_config=True)
    assert s.config_files == () and s.advisor.settings["shortlist_min"] == 3 and s.advisor.settings["few_reviews"] == 8
    with pytest.raises(ConfigError):
        load_settings(only, env={}, cwd=tmp_path, no_config=True)


def test_no_config_skips_a_broken_project_file(capsys, tmp_path, monkeypatch, bakery_path):
    (tmp_path / "outsource.toml").write_text("[advisor]\nnot_a_key = 1\n")
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "check", "--plan", str(bakery_path))
    assert code == 2 and err.startswith(f"error: {tmp_path / 'outsource.toml'}:2: advisor.not_a_key: unknown key")
    assert len(err.splitlines()) == 1
    assert run(capsys, "check", "--plan", str(bakery_path), "--no-config")[0] == 0
    assert run(capsys, "--no-config", "check", "--plan", str(bakery_path))[0] == 0


def test_project_config_steers_check(capsys, tmp_path, monkeypatch, bakery_path):
    sub = tmp_path / "plans"
    sub.mkdir()
    (tmp_path / ".outsource.toml").write_text("[advisor]\nignore = ['low-job-success']\n")
    monkeypatch.chdir(sub)
    _, out, _ = run(capsys, "check", "--plan", str(bakery_path))
    assert "low-job-success" not in out
    _, out, _ = run(capsys, "check", "--plan", str(bakery_path), "--no-config")
    assert "low-job-success" in out


def test_every_scalar_setting_has_a_variable(tmp_path, monkeypatch):
    env = {"OUTSOURCE_WORKSPACE_DB": str(tmp_path / "w.db"), "OUTSOURCE_UI_THEME": "gruvbox",
           "OUTSOURCE_UI_MOUSE": "no", "OUTSOURCE_ADVISOR_SELECT": "core, practice",
           "OUTSOURCE_ADVISOR_IGNORE": "start-small", "OUTSOURCE_ADVISOR_ENGINE_TIMEOUT": "30",
           "OUTSOURCE_ADVISOR_ENGINE_UPDATE_TIMEOUT": "2.5",
           "OUTSOURCE_ADVISOR_RULE_DIRS": str(tmp_path / "rules"),
           "OUTSOURCE_ADVISOR_SETTINGS_TRIAL_BUDGET_SHARE": "0.2",
           "OUTSOURCE_ADVISOR_SETTINGS_QUALITY_CRITERIA": "quality,tests",
           "OUTSOURCE_ADVISOR_SETTINGS_MY_OWN": "12"}
    s = load_settings(env=env, cwd=tmp_path)
    a = s.advisor
    assert s.db_path == tmp_path / "w.db" and s.ui.theme == "gruvbox" and s.ui.mouse is False
    assert a.select == ("core", "practice") and a.ignore == ("start-small",)
    assert (a.engine_timeout, a.engine_update_timeout) == (30.0, 2.5) and a.rule_dirs == (tmp_path / "rules",)
    assert a.settings["trial_budget_share"] == 0.2 and a.settings["quality_criteria"] == "quality,tests"
    assert a.settings["my_own"] == 12
    # the long names win over the short ones kept from before; a relative path is relative to
    # the current folder
    monkeypatch.chdir(tmp_path)
    s = load_settings(env={"OUTSOURCE_THEME": "a", "OUTSOURCE_UI_THEME": "b", "OUTSOURCE_DB": "x.db"}, cwd=tmp_path)
    assert s.ui.theme == "b" and s.db_path == tmp_path / "x.db"
    assert set(ENV_VARS) >= {"OUTSOURCE_DB", "OUTSOURCE_THEME"}


@pytest.mark.parametrize("var,value,says", [
    ("OUTSOURCE_UI_MOUSE", "maybe", "must be true or false"),
    ("OUTSOURCE_ADVISOR_ENGINE_TIMEOUT", "forever", "must be a number"),
    ("OUTSOURCE_ADVISOR_ENGINE_TIMEOUT", "99999", "between 0 and 3600"),
    ("OUTSOURCE_ADVISOR_SETTINGS_SHORTLIST_MIN", "nan", "finite"),
    ("OUTSOURCE_ADVISOR_SETTINGS_OWNER_UTC_OFFSET", "99", "from -12 to 14"),
    ("OUTSOURCE_ADVISOR_SETTINGS_FEW_REVIEWS", "1e20", "less than"),
])
def test_a_bad_variable_is_one_line_naming_it_and_exit_2(capsys, monkeypatch, tmp_path, var, value, says):
    monkeypatch.setenv(var, value)
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "config")
    assert code == 2 and out == ""
    first = err.splitlines()[0]
    assert first.startswith(f"error: ${var}: ") and says in first


def test_outsource_config_lists_files_variables_and_settings(capsys, tmp_path, monkeypatch):
    import tomllib

    user = user_config("[advisor.settings]\nshortlist_min = 2\n")
    (tmp_path / "outsource.toml").write_text('[ui]\ntheme = "evil\\u001b[2J"\n[advisor.severity]\n"start-small" = "risk"\n')
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("OUTSOURCE_ADVISOR_SETTINGS_FEW_REVIEWS", "7")
    code, out, _ = run(capsys, "config")
    assert code == 0 and "\x1b" not in out
    head = out.split("\n\n")[0].splitlines()
    assert head[1:3] == [f"#   {user}", f"#   {tmp_path / 'outsource.toml'}"]
    assert "OUTSOURCE_ADVISOR_SETTINGS_FEW_REVIEWS" in out
    doc = tomllib.loads(out)  # the settings print as TOML one can copy into a config file
    assert doc["advisor"]["settings"]["shortlist_min"] == 2 and doc["advisor"]["settings"]["few_reviews"] == 7
    assert doc["ui"]["theme"] == "evil\x1b[2J" and doc["advisor"]["severity"]["start-small"] == "risk"
    code, out, _ = run(capsys, "config", "--files")
    assert out.splitlines() == [str(user), str(tmp_path / "outsource.toml")]
    code, out, _ = run(capsys, "--no-config", "config", "--files")
    assert code == 0 and out == ""


def test_every_variable_is_documented():
    from pathlib import Path

    doc = (Path(__file__).resolve().parent.parent / "docs" / "configuration.md").read_text()
    for var in ENV_VARS:
        assert var in doc, var
    assert SETTINGS_PREFIX + "<NAME>" in doc
