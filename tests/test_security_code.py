"""Rule, plan and config files can never run code or read other files.

Each hostile file is loaded (in this process under an audit hook, and through the real
``outsource`` command): nothing is executed (no ``exec``, no process started, the canary file is
never created), no file other than the one given is opened, ``/etc/passwd`` never shows up in
any output, and each attempt is refused with a clear error naming the file -- or, where the text
is plain data (a name containing ``$(...)``), kept literally and never interpreted.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from advisor.errors import ConfigError, PlanError, RuleError

OUTSOURCE = str(Path(sys.executable).with_name("outsource"))
ROOT = Path(__file__).resolve().parent.parent

# --------------------------------------------------------------------------- an audit hook

_EVENTS: list[tuple[str, tuple]] = []
_WATCHING = threading.local()
_DANGEROUS = {"exec", "os.system", "subprocess.Popen", "os.posix_spawn", "os.spawn", "os.exec", "os.fork",
              "os.startfile", "ctypes.dlopen", "socket.connect", "urllib.Request", "os.remove", "os.rename",
              "shutil.rmtree", "os.chmod"}


def _hook(event: str, args: tuple) -> None:
    if getattr(_WATCHING, "on", False) and (event in _DANGEROUS or event == "open"):
        _EVENTS.append((event, args))


sys.addaudithook(_hook)  # cannot be removed; records only inside `watching()`


class watching:
    """Record dangerous events and file opens made while loading; imports happen beforehand."""

    def __init__(self, allowed: list[Path]) -> None:
        self.allowed = {str(p) for p in allowed}

    def __enter__(self) -> "watching":
        _EVENTS.clear()
        _WATCHING.on = True
        return self

    def __exit__(self, *exc) -> None:
        _WATCHING.on = False

    def check(self) -> None:
        from advisor.rules.packcache import cache_dir

        # the program's own rule-pack cache (checked JSON data, advisor/rules/packcache.py) is read
        own = (sys.prefix, sys.base_prefix, str(ROOT / "advisor"), str(cache_dir()) + os.sep)
        bad = []
        for event, args in _EVENTS:
            if event == "open":
                path = str(args[0]) if args and isinstance(args[0], (str, bytes, os.PathLike)) else ""
                if path and path not in self.allowed and not path.startswith(own):
                    bad.append((event, path))
            elif event == "exec" and args and str(getattr(args[0], "co_filename", "")).startswith(
                    (sys.prefix, sys.base_prefix, str(ROOT / "advisor"))):
                continue  # a lazy import of an installed module, not code from the file
            else:
                bad.append((event, args[:2]))
        assert bad == [], bad


@pytest.fixture
def canary(tmp_path) -> Path:
    return tmp_path / "pwned"


def _preload() -> None:
    import advisor.rules.compiler  # noqa: F401
    import advisor.storage.csvimport  # noqa: F401
    import advisor.engine  # noqa: F401
    import advisor.storage.planfile  # noqa: F401
    import advisor.rules.rulepack  # noqa: F401
    import advisor.settings  # noqa: F401


_preload()


# --------------------------------------------------------------------------- rule packs

def pack(when: str = "task.budget > 0", message: str = "{task.title}", **extra: str) -> str:
    import tomli_w

    rule = {"id": "attack", "title": "Attack", "severity": "risk", "about": "task", "when": when,
            "message": message, "why": "why", "fix": "fix", **extra}
    return tomli_w.dumps({"pack": "attack", "rules": [rule]})


def attacks(canary: Path) -> list[str]:
    c = str(canary)
    return [
        f"__import__('os').system('touch {c}')",
        f"__import__('subprocess').call(['touch', '{c}'])",
        "open('/etc/passwd').read() != ''",
        "len(open('/etc/passwd').read()) > 0",
        f"eval(\"__import__('os').system('touch {c}')\")",
        f"exec(\"open('{c}', 'w')\") == None",
        "task.__class__.__mro__ != None",
        "task.title.__class__.__base__.__subclasses__() != []",
        "().__class__.__bases__[0].__subclasses__() != []",
        "[x for x in ().__class__.__base__.__subclasses__()] != []",
        "(lambda: __import__('os'))() != None",
        "getattr(task, '__dict__') != None",
        "task.title.format(task) != ''",
        "f'{task.__class__}' != ''",
        "(x := __import__('os')) != None",
        "task.budget > 0 if __import__('os').system('touch " + c + "') else True",
        "globals() != None",
        "__builtins__ != None",
        "task['title'] == 'x'",
        "task.title[0] == 'x'",
        "1 if task.budget else 2",
        "task.budget ** 99999999 > 0",
        "'%s' % task.title == 'x'",
    ]


def test_when_expressions_cannot_run_code_or_read_files(canary, tmp_path):
    from advisor.rules.rulepack import load_pack

    for i, when in enumerate(attacks(canary)):
        path = tmp_path / f"pack{i}.toml"
        path.write_text(pack(when=when), encoding="utf-8")
        with watching([path]) as w:
            name, rules, problems = load_pack(path)
        w.check()
        assert rules == [], when
        assert problems and all(isinstance(p, RuleError) for p in problems)
        text = str(problems[0])
        assert text.startswith(f"{path}:") and "rule attack: when:" in text, text
        assert not canary.exists()


@pytest.mark.parametrize("message", [
    "{task.__class__.__mro__}", "{0.__globals__}", "{task.title.__class__}", "{task[0]}", "{task.title!r}",
    "{task.title:{task.budget}}", "{}", "{0}", "{__import__}", "{task.title.__init__.__globals__}",
    "{settings.__class__}", "{business}", "{task}", "{task.title:%s}", "{task.budget:>99999999999}",
])
def test_message_templates_cannot_reach_objects(message, tmp_path):
    from advisor.rules.rulepack import load_pack

    path = tmp_path / "pack.toml"
    path.write_text(pack(message=message), encoding="utf-8")
    with watching([path]) as w:
        _, rules, problems = load_pack(path)
    w.check()
    assert rules == [] and problems, message
    assert str(problems[0]).startswith(f"{path}:") and "rule attack: message:" in str(problems[0])


def test_field_values_are_not_formatted_twice(bakery):
    """A name that looks like a template is inserted as text, never formatted again."""
    from advisor.engine import Advisor
    from advisor.rules.rulepack import Ruleset, parse_pack
    from advisor.settings import DEFAULT_RULE_SETTINGS

    _, rules, problems = parse_pack(pack(message="Task: {task.title}"), "p.toml")
    assert problems == []
    for t in bakery.tasks:
        t.title = "{0.__globals__} {task.__class__} %s"
        t.budget = 100.0
    with Advisor(Ruleset(rules, dict(DEFAULT_RULE_SETTINGS))) as a:
        found = [f for f in a.evaluate(bakery) if f.rule == "attack"]
    assert found and all(f.message == "Task: {0.__globals__} {task.__class__} %s" for f in found)


def test_rule_pack_keys_cannot_include_other_files(tmp_path):
    from advisor.rules.rulepack import load_pack

    for extra in ('include = "/etc/passwd"', 'import = "/etc/passwd"', 'extends = "../other.toml"'):
        path = tmp_path / "p.toml"
        path.write_text(f'{extra}\n' + pack(), encoding="utf-8")
        with watching([path]) as w:
            _, rules, problems = load_pack(path)
        w.check()
        assert any("unknown key" in str(p) for p in problems), extra
    path = tmp_path / "p.toml"
    path.write_text(pack().replace('pack = "attack"', 'pack = "/etc/passwd"'), encoding="utf-8")
    _, _, problems = load_pack(path)
    assert any("pack" in str(p) for p in problems)


# --------------------------------------------------------------------------- plan files

def test_plan_files_cannot_include_or_execute(canary, tmp_path, bakery_path):
    from advisor.storage.planfile import load_plan

    base = bakery_path.read_text(encoding="utf-8")
    cases = {
        "include.toml": 'include = "/etc/passwd"\n' + base,
        "nested-include.toml": base.replace("[business]", '[business]\ninclude = "/etc/passwd"', 1),
        "shell.toml": base.replace('format = 1', f'format = "$(touch {canary})"', 1),
        "file-uri.toml": base.replace("format = 1", 'format = "file:///etc/passwd"', 1),
    }
    for name, text in cases.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        with watching([path]) as w, pytest.raises(PlanError) as exc:
            load_plan(path)
        w.check()
        assert str(exc.value).startswith(f"{path}:"), str(exc.value)
    assert not canary.exists()


def test_shell_syntax_in_plan_strings_is_kept_as_text(canary, tmp_path, bakery):
    from advisor.storage.planfile import dumps_plan, load_plan

    c = str(canary)
    hostile = [f"$(touch {c})", f"`touch {c}`", f"; touch {c}", f"| touch {c}", "${HOME}", "%(HOME)s",
               "{0.__globals__}", "~/../../etc/passwd", "file:///etc/passwd", "=cmd|' /C calc'!A0"]
    bakery.business.name = hostile[0]
    logo = bakery.task("logo")
    logo.title = hostile[1]
    for cand, text in zip(logo.candidates, hostile[2:]):
        cand.notes = text
    logo.candidates[0].name = hostile[-1]
    logo.description = " ".join(hostile)
    src = tmp_path / "plan.toml"
    Path(src).write_text(dumps_plan(bakery), encoding="utf-8")
    assert load_plan(src) == bakery
    db = tmp_path / "ws.db"
    outputs = b""
    for argv in (["import", str(src)], ["summary"], ["check"], ["check", "--format", "json"], ["export", "-"],
                 ["backup", str(tmp_path / "b.db")]):
        proc = subprocess.run([OUTSOURCE, "--db", str(db), *argv], capture_output=True, timeout=120)
        assert proc.returncode in (0, 1), (argv, proc.stderr)
        outputs += proc.stdout + proc.stderr
    assert not canary.exists()
    assert b"root:x:0:0" not in outputs
    assert f"$(touch {c})".encode() in outputs and f"`touch {c}`".encode() in outputs


# --------------------------------------------------------------------------- config files

def test_config_files_cannot_run_code_or_read_files(canary, tmp_path):
    from advisor.settings import load_settings

    c = str(canary)
    cases = {
        "include": 'include = "/etc/passwd"\n',
        "nested-include": '[advisor]\ninclude = "/etc/passwd"\n',
        "code-in-setting": f'[advisor.settings]\nshortlist_min = "__import__(\'os\').system(\'touch {c}\')"\n',
        "severity": f'[advisor.severity]\n"start-small" = "$(touch {c})"\n',
        "mouse": f'[ui]\nmouse = "`touch {c}`"\n',
        "unknown-table": '[python]\nexec = "import os"\n',
    }
    for name, body in cases.items():
        path = tmp_path / f"{name}.toml"
        path.write_text(body, encoding="utf-8")
        with watching([path]) as w, pytest.raises(ConfigError) as exc:
            load_settings(path, env={})
        w.check()
        assert str(exc.value).startswith(f"{path}:"), (name, str(exc.value))
    assert not canary.exists()


def test_config_strings_are_only_ever_data(canary, tmp_path, bakery_path):
    """Text settings (a theme, a key, a workspace path) are taken literally: a path with shell
    syntax is a file name, and a string setting used in a rule message is not formatted."""
    from advisor.settings import load_settings

    c = str(canary)
    config = tmp_path / "c.toml"
    config.write_text(f'[workspace]\ndb = "$(touch {c}).db"\n[ui]\ntheme = "`touch {c}`"\n'
                      f'[keys]\n"app.quit" = "$(touch {c})"\n'
                      '[advisor.settings]\nmy_text = "{0.__globals__}"\n', encoding="utf-8")
    with watching([config]) as w:
        s = load_settings(config, env={})
    w.check()
    assert s.db == tmp_path / f"$(touch {c}).db"
    assert s.advisor.settings["my_text"] == "{0.__globals__}"
    proc = subprocess.run([OUTSOURCE, "--config", str(config), "import", str(bakery_path)], capture_output=True,
                          text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / f"$(touch {c}).db").exists() and not canary.exists()


def test_environment_paths_are_literal(canary, tmp_path, bakery_path):
    env = dict(os.environ, OUTSOURCE_DB=str(tmp_path / f"`touch {canary}`.db"))
    proc = subprocess.run([OUTSOURCE, "import", str(bakery_path)], capture_output=True, text=True, env=env,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert not canary.exists()


def test_csv_cannot_run_code(canary, tmp_path):
    from advisor.storage.csvimport import read_candidates_csv

    path = tmp_path / "c.csv"
    path.write_text(f"Name,Notes,Country\n\"$(touch {canary})\",\"=HYPERLINK(\"\"http://x\"\")\",`id`\n",
                    encoding="utf-8")
    with watching([path]) as w:
        (cand,) = read_candidates_csv(path, "logo")
    w.check()
    assert cand.name == f"$(touch {canary})" and cand.country == "`id`"
    assert not canary.exists()


def test_the_audit_hook_sees_what_it_must():
    """The watcher itself works: running code and opening another file are both caught."""
    with watching([]) as w:
        exec("x = 1")  # noqa: S102
        open("/etc/hostname" if os.path.exists("/etc/hostname") else __file__).close()
    with pytest.raises(AssertionError):
        w.check()
