"""Optimistic concurrency for the business details, marketplaces and rate observations (schema
migration m002), and the upgrade of a workspace written before it (m001 only)."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

import pytest
import sqlite_utils

from advisor.storage.schema import migration_set
from advisor.errors import ConflictError, PlanError
from advisor.plan.model import Business, Marketplace, RateObservation
from advisor.storage.planfile import dumps_plan
from advisor.storage.workspace import Workspace


@pytest.fixture
def two(tmp_path, bakery):
    path = tmp_path / "shared.db"
    a = Workspace.open(path)
    a.replace_plan(bakery)
    b = Workspace.open(path)
    yield a, b
    a.close()
    b.close()


def _state(ws: Workspace) -> tuple[str, int]:
    return dumps_plan(ws.load_plan()), len(ws.history(10_000))


def _versions(ws: Workspace, table: str) -> list[int]:
    return [r[0] for r in ws.conn.execute(f"SELECT version FROM {table} ORDER BY rowid")]


# --------------------------------------------------------------------------- loading and import

def test_load_plan_fills_versions_and_import_moves_them_past_every_old_one(two, bakery):
    a, _ = two
    plan = a.load_plan()
    assert plan.business.version == 1
    assert {m.version for m in plan.marketplaces} == {1}
    assert {r.version for r in plan.rates} == {1}
    a.save_rate(replace(plan.rates[0], hourly=1.0))
    a.save_rate(replace(a.load_plan().rates[0], hourly=2.0))  # rate 1 is now version 3
    a.replace_plan(bakery)
    fresh = a.load_plan()
    top = max(t.version for t in fresh.tasks)
    assert top == 4
    assert fresh.business.version == top and {m.version for m in fresh.marketplaces} == {top}
    assert {r.version for r in fresh.rates} == {top}
    with pytest.raises(ConflictError):
        a.save_business(replace(plan.business, name="old session"))
    with pytest.raises(ConflictError):
        a.save_marketplace(replace(plan.marketplaces[0], notes="old session"))
    with pytest.raises(ConflictError):
        a.save_rate(replace(plan.rates[0], note="old session"))


# --------------------------------------------------------------------------- business

def test_stale_business_edit_is_refused_and_nothing_changes(two):
    a, b = two
    mine = a.load_plan().business
    theirs = b.save_business(replace(b.load_plan().business, name="Their Bakery"))
    assert theirs.version == mine.version + 1
    before = _state(a)
    with pytest.raises(ConflictError) as exc:
        a.save_business(replace(mine, currency="EUR"))
    assert str(exc.value) == (f"{a.path}: business: the business details changed in another session since you "
                              "opened them; reload to see their change")
    assert exc.value.hint == "reload, then make your change again"
    assert _state(a) == before
    assert a.load_plan().business == Business("Their Bakery", "USD", 0)


def test_business_saved_twice_in_one_session_and_history(two):
    a, _ = two
    b0 = a.load_plan().business
    b1 = a.save_business(replace(b0, name="Bramble & Co"))
    b2 = a.save_business(replace(b1, completed_jobs=3))
    assert (b1.version, b2.version) == (b0.version + 1, b0.version + 2)
    stored = a.load_plan().business
    assert stored == Business("Bramble & Co", "USD", 3) and stored.version == b2.version
    assert [(h.action, h.detail) for h in a.history(2)] == [("save business", {"name": "Bramble & Co"})] * 2


def test_business_version_0_only_while_none_is_stored(tmp_path, two):
    with Workspace.open(tmp_path / "new.db") as w:
        assert w.load_plan().business.version == 0
        saved = w.save_business(Business(name="Shop"))
        assert saved.version >= 1 and w.load_plan().business.version == saved.version
        with pytest.raises(ConflictError, match="the business details changed in another session"):
            w.save_business(Business(name="Blind overwrite"))
        assert w.load_plan().business.name == "Shop"
    a, _ = two
    forced = a.save_business(Business(name="Scripted", currency="EUR"), force=True)
    assert a.load_plan().business == Business("Scripted", "EUR", 0)
    assert a.load_plan().business.version == forced.version == 2


# --------------------------------------------------------------------------- marketplaces

def test_stale_marketplace_edit_is_refused_and_nothing_changes(two):
    a, b = two
    mine = a.load_plan().marketplace("Upwork")
    b.save_marketplace(replace(b.load_plan().marketplace("Upwork"), fee_percent=10.0))
    before = _state(a)
    with pytest.raises(ConflictError) as exc:
        a.save_marketplace(replace(mine, notes="mine"))
    assert str(exc.value) == (f"{a.path}: marketplace: marketplace 'Upwork' changed in another session since you "
                              "opened it; reload to see their change")
    assert exc.value.hint == "reload, then make your change again"
    with pytest.raises(ConflictError, match="marketplace 'Upwork' changed in another session"):
        a.save_marketplace(replace(mine, name="Upwork 2"), old_name="Upwork")  # a stale rename
    with pytest.raises(ConflictError, match="marketplace 'Upwork' changed in another session"):
        a.delete_marketplace("Upwork", version=mine.version)
    assert _state(a) == before
    stored = a.load_plan().marketplace("Upwork")
    assert (stored.fee_percent, stored.notes.startswith("Most logo")) == (10.0, True)


def test_marketplace_deleted_or_added_meanwhile(two):
    a, b = two
    mine = a.load_plan().marketplace("Fiverr")
    b.delete_marketplace("Fiverr")
    with pytest.raises(ConflictError) as exc:
        a.save_marketplace(replace(mine, fee_fixed=1.0))
    assert str(exc.value) == (f"{a.path}: marketplace: marketplace 'Fiverr' was deleted in another session since "
                              "you opened it; reload to see their change")
    with pytest.raises(ConflictError, match="was deleted in another session"):
        a.delete_marketplace("Fiverr", version=mine.version)
    assert a.load_plan().marketplace("Fiverr") is None, "a stale save must not bring it back"
    # both add the same new marketplace: the second add is a conflict, not an overwrite
    b.save_marketplace(Marketplace("Toptal", 10.0, notes="theirs"))
    with pytest.raises(ConflictError, match="marketplace 'Toptal' changed in another session"):
        a.save_marketplace(Marketplace("Toptal", 0.0, notes="mine"))
    assert a.load_plan().marketplace("Toptal").notes == "theirs"
    # deleted and added again: a different record, whose version the old one never had
    seen = a.load_plan().marketplace("Toptal")
    b.delete_marketplace("Toptal", version=seen.version)
    again = b.save_marketplace(Marketplace("Toptal", 12.0))
    assert again.version != seen.version
    with pytest.raises(ConflictError, match="marketplace 'Toptal' changed in another session"):
        a.save_marketplace(replace(seen, notes="mine"))
    assert a.load_plan().marketplace("Toptal") == Marketplace("Toptal", 12.0)


def test_marketplace_saves_in_one_session_and_rename(two):
    a, b = two
    m0 = a.load_plan().marketplace("Upwork")
    m1 = a.save_marketplace(replace(m0, notes="first"))
    m2 = a.save_marketplace(replace(m1, notes="second"))
    assert (m1.version, m2.version) == (m0.version + 1, m0.version + 2)
    plan = a.load_plan()
    tasks_before = {t.id: t.version for t in plan.tasks}
    ana_before = plan.candidate("ana").version
    rates_before = {r.id: r.version for r in plan.rates}
    renamed = a.save_marketplace(replace(m2, name="Upwork Inc."), old_name="Upwork")
    assert renamed.version == m2.version + 1
    plan = a.load_plan()
    assert [m.name for m in plan.marketplaces] == ["Upwork Inc.", "Freelancer.com", "Fiverr"]
    assert plan.marketplace("Upwork Inc.").version == renamed.version
    assert plan.task("logo").version == tasks_before["logo"] + 1
    assert plan.task("menu-copy").version == tasks_before["menu-copy"] + 1
    assert plan.task("site").version == tasks_before["site"], "does not use Upwork"
    assert plan.candidate("ana").version == ana_before + 1
    for r in plan.rates:
        assert r.version == rates_before[r.id] + (r.marketplace == "Upwork Inc."), r
    assert a.history(1)[0].action == "save marketplace"
    assert a.history(1)[0].detail == {"name": "Upwork Inc.", "old_name": "Upwork"}
    # the other session's rate still says Upwork: its stale edit cannot undo the rename
    stale = next(r for r in b.load_plan().rates if r.marketplace == "Upwork Inc.")
    a.save_marketplace(replace(a.load_plan().marketplace("Upwork Inc."), name="Upwork"), old_name="Upwork Inc.")
    with pytest.raises(ConflictError):
        b.save_rate(replace(stale, marketplace="Upwork Inc."))
    # a rename onto a name that exists stays a plain PlanError
    with pytest.raises(PlanError, match="duplicate marketplace"):
        a.save_marketplace(replace(a.load_plan().marketplace("Upwork"), name="Fiverr"), old_name="Upwork")


def test_fresh_marketplace_delete_with_version(two):
    a, _ = two
    fiverr = a.load_plan().marketplace("Fiverr")
    a.delete_marketplace("Fiverr", version=fiverr.version)
    assert a.load_plan().marketplace("Fiverr") is None
    assert a.history(1)[0].action == "delete marketplace"
    with pytest.raises(PlanError, match="there is no marketplace 'Fiverr'"):
        a.delete_marketplace("Fiverr")


# --------------------------------------------------------------------------- rates

def test_stale_rate_edit_and_delete_are_refused_and_nothing_changes(two):
    a, b = two
    mine = a.load_plan().rates[0]
    b.save_rate(replace(b.load_plan().rates[0], hourly=99.0))
    before = _state(a)
    with pytest.raises(ConflictError) as exc:
        a.save_rate(replace(mine, note="mine"))
    assert str(exc.value) == (f"{a.path}: rate: this rate changed in another session since you opened it; "
                              "reload to see their change")
    assert exc.value.hint == "reload, then make your change again"
    with pytest.raises(ConflictError, match="this rate changed in another session"):
        a.delete_rate(mine.id, version=mine.version)
    assert _state(a) == before
    assert a.load_plan().rates[0].hourly == 99.0


def test_rate_deleted_meanwhile(two):
    a, b = two
    mine = a.load_plan().rates[1]
    b.delete_rate(mine.id, version=mine.version)
    expected = f"{a.path}: rate: this rate was deleted in another session; reload to see the change"
    with pytest.raises(ConflictError) as exc:
        a.save_rate(replace(mine, hourly=1.0))
    assert str(exc.value) == expected
    with pytest.raises(ConflictError) as exc:
        a.delete_rate(mine.id, version=mine.version)
    assert str(exc.value) == expected
    with pytest.raises(ConflictError):
        a.delete_rate(mine.id)
    assert mine.id not in {r.id for r in a.load_plan().rates}


def test_a_rate_reusing_a_deleted_rates_id_is_not_overwritten(two):
    """SQLite reuses the highest rowid once it is deleted: the new rate gets the old id, but
    never the old version, so an edit of the deleted one cannot land on it."""
    a, b = two
    last = a.load_plan().rates[-1]
    b.delete_rate(last.id)
    new = b.save_rate(RateObservation("bookkeeping", 40.0))
    assert new.id == last.id and new.version != last.version
    with pytest.raises(ConflictError, match="this rate changed in another session"):
        a.save_rate(replace(last, hourly=1.0))
    assert b.load_plan().rates[-1] == RateObservation("bookkeeping", 40.0)


def test_rate_saves_in_one_session_bump_versions_and_write_history(two):
    a, _ = two
    r = a.save_rate(RateObservation("seo", 60.0, "Upwork"))
    assert r.id is not None and r.version >= 1
    r2 = a.save_rate(replace(r, hourly=65.0))
    r3 = a.save_rate(replace(r2, note="checked again"))
    assert (r2.version, r3.version) == (r.version + 1, r.version + 2)
    stored = a.load_plan().rates[-1]
    assert stored == RateObservation("seo", 65.0, "Upwork", "checked again") and stored.version == r3.version
    a.delete_rate(r3.id, version=r3.version)
    assert [(h.action, h.detail) for h in a.history(4)] == [
        ("delete rate", {"id": r.id}), ("save rate", {"skill": "seo", "id": r.id}),
        ("save rate", {"skill": "seo", "id": r.id}), ("save rate", {"skill": "seo", "id": None})]


def test_never_read_rate_with_an_id_is_refused(two):
    a, _ = two
    stored = a.load_plan().rates[0]
    with pytest.raises(ConflictError, match="this rate changed in another session"):
        a.save_rate(RateObservation("logo design", 1.0, id=stored.id))
    assert a.load_plan().rates[0].hourly == stored.hourly


# --------------------------------------------------------------------------- upgrade from m001

def _make_v1_workspace(path) -> None:
    """A workspace as the first release wrote it: only m001 applied, no version columns on
    business, marketplaces and rates."""
    conn = sqlite3.connect(path, isolation_level=None)
    db = sqlite_utils.Database(conn)
    migration_set().apply(db, stop_before="m002_versions")
    conn.execute("INSERT INTO business (id, name, currency, completed_jobs) VALUES (1, 'Old Shop', 'GBP', 4)")
    conn.execute("INSERT INTO marketplaces (name, position, fee_percent, fee_fixed, notes) "
                 "VALUES ('Upwork', 0, 5, 0, 'old notes')")
    conn.execute("INSERT INTO rates (id, skill, marketplace, hourly, note, date) "
                 "VALUES (1, 'logo design', 'Upwork', 30, 'seen', '2026-01-02')")
    conn.execute("INSERT INTO tasks (id, position, title, size, pricing, status) "
                 "VALUES ('logo', 0, 'Logo', 'minor', 'fixed', 'draft')")
    conn.execute("INSERT INTO history (at, user, action, detail) VALUES ('2026-01-01T00:00:00+00:00', 'me', "
                 "'import plan', '{}')")
    assert {r[1] for r in conn.execute("PRAGMA table_info(business)")} == {"id", "name", "currency",
                                                                           "completed_jobs"}
    assert [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations")] == ["m001_initial"]
    conn.close()


def test_a_workspace_from_before_m002_is_upgraded_with_its_data_intact(tmp_path):
    path = tmp_path / "v1.db"
    _make_v1_workspace(path)
    with Workspace.open(path) as w:
        assert [r[0] for r in w.conn.execute("SELECT name FROM _sqlite_migrations ORDER BY id")] == [
            "m001_initial", "m002_versions", "m003_rule_switches", "m004_advice_fields",
            "m005_unknown_fees", "m006_how_work_is_done", "m007_candidate_kind", "m008_buyer_checks", "m009_time_zones",
            "m010_money_locale", "m011_continuity_and_assets", "m012_exchange_rates", "m013_working_people", "m014_hours_last_week"]
        plan = w.load_plan()
        assert plan.business == Business("Old Shop", "GBP", 4) and plan.business.version == 1
        assert plan.marketplaces == [Marketplace("Upwork", 5.0, 0.0, "old notes")]
        assert plan.marketplaces[0].version == 1
        assert [(r.id, r.skill, r.hourly, r.note, str(r.date), r.version) for r in plan.rates] == [
            (1, "logo design", 30.0, "seen", "2026-01-02", 1)]
        assert plan.task("logo").title == "Logo" and plan.task("logo").version == 1
        for table in ("business", "marketplaces", "rates"):
            assert _versions(w, table) == [1]
        # and the upgraded workspace takes versioned saves
        b = w.save_business(replace(plan.business, name="New Shop"))
        assert b.version == 2
        with pytest.raises(ConflictError):
            w.save_business(replace(plan.business, name="stale"))
        assert w.save_rate(replace(plan.rates[0], hourly=31.0)).version == 2
    with Workspace.open(path) as w:  # opening again migrates nothing more
        assert w.conn.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0] == len(migration_set()._migrations)
        assert w.load_plan().business.name == "New Shop"


# --------------------------------------------------------------------------- the app's controller

def test_the_apps_controller_keeps_the_saved_versions(two):
    """The app saves through ``tui.data.Controller`` (no terminal needed): a second save in the
    same session must not conflict with its own first one, and its deletes pass the version."""
    from tui.data import Controller

    a, b = two
    ctl = Controller(None, workspace=a)
    ctl.open()
    ctl.save_business(replace(ctl.plan.business, name="One"))
    ctl.save_business(replace(ctl.plan.business, name="Two"))
    ctl.save_marketplace(replace(ctl.plan.marketplace("Upwork"), notes="one"))
    ctl.save_marketplace(replace(ctl.plan.marketplace("Upwork"), notes="two"))
    ctl.save_marketplace(replace(ctl.plan.marketplace("Upwork"), name="Upwork Inc."), old_name="Upwork")
    ctl.save_marketplace(replace(ctl.plan.marketplace("Upwork Inc."), notes="three"))
    rid = ctl.plan.rates[0].id
    for hourly in (1.0, 2.0):
        ctl.save_rate(replace(next(r for r in ctl.plan.rates if r.id == rid), hourly=hourly))
    stored = a.load_plan()
    assert stored.business.name == "Two" and stored.marketplace("Upwork Inc.").notes == "three"
    assert next(r for r in stored.rates if r.id == rid).hourly == 2.0
    assert ctl.plan.business.version == stored.business.version
    ctl.delete_rate(rid)
    assert rid not in {r.id for r in a.load_plan().rates}
    b.save_marketplace(replace(b.load_plan().marketplace("Fiverr"), fee_fixed=9.0))
    with pytest.raises(ConflictError, match="marketplace 'Fiverr' changed in another session"):
        ctl.delete_marketplace("Fiverr")
    b.save_rate(replace(b.load_plan().rates[0], note="theirs"))
    with pytest.raises(ConflictError, match="this rate changed in another session"):
        ctl.delete_rate(ctl.plan.rates[0].id)
    assert a.load_plan().marketplace("Fiverr").fee_fixed == 9.0
