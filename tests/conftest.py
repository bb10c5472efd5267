"""Shared fixtures: every test runs with its own HOME, config and data dirs, so nothing reads or
writes the real user's files, and the environment cannot leak settings into a test."""

from __future__ import annotations

from pathlib import Path

import pytest

import profiles  # noqa: F401  (registers and loads the Hypothesis profiles: fast, deep)

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def isolated_env(tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / ".local" / "state"))
    # One rule-pack cache per test worker (advisor/rules/packcache.py): keyed by the packs' bytes,
    # the settings and the code, validated on every read, so sharing it changes no result; a cold
    # cache per test parsed the shipped packs again in every app and CLI run (~0.14 s of CPU each).
    # Tests of the cache itself (test_rulepack_cache.py) give themselves an empty one.
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.getbasetemp() / "shared-cache"))
    import os

    from advisor.configenv import ENV_VARS

    # every setting variable (advisor/configenv.py; not OUTSOURCE_STRESS/SEED, which steer tests)
    setting = tuple(ENV_VARS) + ("OUTSOURCE_CONFIG", "OUTSOURCE_TODAY", "OUTSOURCE_ADVISOR_", "OUTSOURCE_UI_", "OUTSOURCE_WORKSPACE_")
    for var in [v for v in os.environ if v.startswith(setting)] + ["NO_COLOR", "FORCE_COLOR", "EDITOR", "VISUAL",
                                                                   "LC_ALL", "LC_MONETARY"]:
        monkeypatch.delenv(var, raising=False)
    # money is written as en_US unless a test names a locale (advisor/plan/money.py)
    monkeypatch.setenv("LANG", "C.UTF-8")
    from advisor.plan import money

    monkeypatch.setattr(money, "_configured", None)
    monkeypatch.setattr(money, "_shown", None)
    return home


@pytest.fixture
def bakery_path() -> Path:
    return ROOT / "examples" / "bakery.toml"


@pytest.fixture
def bakery(bakery_path):
    from advisor.storage.planfile import load_plan

    return load_plan(bakery_path)



#: Test files whose tests each start the app (seconds apiece, much of it waiting for it to settle).
_LONG_FILES = ("test_tui_", "test_hostile_terminal", "test_serve")


@pytest.hookimpl(trylast=True)  # after Hypothesis has marked its property tests
def pytest_collection_modifyitems(items):
    """Long tests first, short ones last (a stable sort: the same order in every xdist worker,
    which collect alike): with ``--dist worksteal`` the workers then end on short tests and finish
    together, where a long test collected last (test_tui_* sort late) ran alone at the end."""
    def weight(item) -> int:
        if item.get_closest_marker("slow") or item.get_closest_marker("hypothesis"):
            return 0
        return 1 if item.path.name.startswith(_LONG_FILES) else 2

    items.sort(key=weight)
