"""One typed settings object, built in layers: defaults, then the config file, then environment.

The config file is TOML (``config.example.toml`` documents every key). Unknown keys are errors
naming the file, the line and the key, like plan files; reading it never runs code.

Files, lowest precedence first: the user config, then the project config found by walking up
from the current folder (``outsource.toml``, ``.outsource.toml``, or ``[tool.outsource]`` in a
``pyproject.toml``, like ruff). ``--config PATH`` / ``OUTSOURCE_CONFIG`` reads that file instead
of both; ``--no-config`` reads none. Then the environment: every scalar setting has an
``OUTSOURCE_<TABLE>_<KEY>`` variable (:mod:`advisor.configenv`), plus ``NO_COLOR``.
"""

from __future__ import annotations

import os
from functools import lru_cache
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping

from advisor.errors import ConfigError
from advisor.plan.model import Marketplace, PlanError

APP_NAME = "outsource-advisor"
SEVERITIES = ("info", "warning", "risk")
#: Numbers a rule can use (``advisor.rules.expr.MAX_NUMBER``; the engine cannot take larger ones).
MAX_SETTING_NUMBER = 1e15
MAX_CONFIG_BYTES = 1024 * 1024

#: Rule-language constants a rule can name as ``settings.x``; users may add their own.
DEFAULT_RULE_SETTINGS: dict[str, float | int | str | bool] = {
    "shortlist_min": 3,
    "shortlist_max": 5,
    "min_rate_samples": 3,
    "experience_new": 3,
    "trial_budget_share": 0.1,
    "trial_max_hours": 10,
    "milestone_hours": 40,
    "min_overlap_hours": 2,
    "low_job_success": 80,
    "few_reviews": 5,
    "low_bid_ratio": 0.6,
    "deadline_hours_per_day": 4,
    "budget_over_market_ratio": 2.0,
    "max_candidates_to_review": 30,
    "high_fee_share": 0.1,
    "budget_tolerance": 0.05,
    "over_budget_share": 0.1,
    "key_criterion_low": 2,
    "small_deposit_percent": 20,
    "holidays": "12-24..01-02",
    "holidays_after_days": 14,
    "quality_criteria": "quality,portfolio,samples,test,work",
    "soft_criteria": ("communication,responsiveness,availability,english,language,attitude,reliability,"
                      "punctuality,timezone,overlap,price,rate,budget,rapport,culture,fit,friendliness,"
                      "professionalism,manners,energy"),
}

#: (name, fee %, fixed fee, the fixed fee's currency): Freelancer.com's $3 minimum and Fiverr's
#: $2.50 service fee are US dollars, converted or left out in another currency (advisor/plan/fees.py).
DEFAULT_MARKETPLACES: tuple[tuple[str, float, float, str | None], ...] = (
    ("Upwork", 5.0, 0.0, None),
    ("Freelancer.com", 3.0, 3.0, "USD"),
    ("Fiverr", 5.5, 2.5, "USD"),
)


def user_config_path() -> Path:
    from platformdirs import user_config_path as ucp

    return ucp(APP_NAME) / "config.toml"


def user_data_path() -> Path:
    from platformdirs import user_data_path as udp

    return udp(APP_NAME)


@dataclass(frozen=True)
class AdvisorSettings:
    rule_dirs: tuple[Path, ...] = ()
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, str] = field(default_factory=dict)
    settings: Mapping[str, Any] = field(default_factory=lambda: dict(DEFAULT_RULE_SETTINGS))
    #: Seconds the rules engine process may take for a full evaluation (scaled up for plans of
    #: more than 2,000 facts) and for an incremental update, before it is stopped as hung.
    engine_timeout: float = 10.0
    engine_update_timeout: float = 2.0


#: What the candidate ranking weighs (``[value]``; :mod:`advisor.advice.value`): past work with
#: us and interviews most, once they exist; the price least of the five.
DEFAULT_VALUE_WEIGHTS = {"price": 2.0, "job_success": 1.5, "reviews": 1.5, "interview": 3.0, "past_work": 4.0}


@dataclass(frozen=True)
class ValueWeights:
    """The weights of the candidate ranking: each 0 (ignored) to 100."""

    price: float = DEFAULT_VALUE_WEIGHTS["price"]
    job_success: float = DEFAULT_VALUE_WEIGHTS["job_success"]
    reviews: float = DEFAULT_VALUE_WEIGHTS["reviews"]
    interview: float = DEFAULT_VALUE_WEIGHTS["interview"]
    past_work: float = DEFAULT_VALUE_WEIGHTS["past_work"]

    def as_dict(self) -> Mapping[str, float]:
        """The weights by name, read-only and made once per set of weights (the Ranking asks
        once per candidate: 300 dicts a keystroke in a 300-candidate task)."""
        return _weights_of(self)


@lru_cache(maxsize=16)
def _weights_of(w: ValueWeights) -> Mapping[str, float]:
    return MappingProxyType({k: getattr(w, k) for k in DEFAULT_VALUE_WEIGHTS})


@dataclass(frozen=True)
class UISettings:
    theme: str = "textual-dark"
    mouse: bool = True
    no_color: bool = False


@dataclass(frozen=True)
class Settings:
    db: Path | None = None
    #: ``[workspace] locale``: how money is written for a business that names no locale.
    locale: str | None = None
    #: The last config file read (the one of highest precedence), and every file read, in order.
    config_file: Path | None = None
    config_files: tuple[Path, ...] = ()
    #: The environment variables that set something, in the order applied.
    env_used: tuple[str, ...] = ()
    advisor: AdvisorSettings = field(default_factory=AdvisorSettings)
    ui: UISettings = field(default_factory=UISettings)
    keys: Mapping[str, str] = field(default_factory=dict)
    value: ValueWeights = field(default_factory=ValueWeights)
    marketplaces: tuple[Marketplace, ...] = tuple(Marketplace(n, p, f, fee_currency=c)
                                                 for n, p, f, c in DEFAULT_MARKETPLACES)

    @property
    def db_path(self) -> Path:
        """The workspace file: ``--db`` / ``OUTSOURCE_DB`` / config, else the user data dir."""
        return self.db if self.db is not None else user_data_path() / "workspace.db"


_TOP = {"workspace", "advisor", "ui", "keys", "marketplaces", "value"}
_WORKSPACE = {"db", "locale"}
_ADVISOR = {"rule_dirs", "select", "ignore", "severity", "settings", "engine_timeout", "engine_update_timeout",
            "phrases"}
_UI = {"theme", "mouse"}
_MARKET = {"name", "fee_percent", "fee_fixed", "fee_currency", "notes"}


def load_settings(config: str | Path | None = None, *, env: Mapping[str, str] | None = None,
                  db: str | Path | None = None, no_config: bool = False,
                  cwd: str | Path | None = None) -> Settings:
    """Defaults, then the config files (``config`` or ``OUTSOURCE_CONFIG`` alone if given, else the
    user config and the project config found walking up from ``cwd``; none with ``no_config``),
    then the environment, then explicit arguments (``--db``)."""
    from advisor.configenv import apply_env, current_folder, find_project_config

    env = os.environ if env is None else env
    s = Settings()
    if no_config and config is not None:
        raise ConfigError("--config and --no-config contradict each other", field="--no-config",
                          hint="pass one of them")
    explicit = config if config is not None else env.get("OUTSOURCE_CONFIG") or None
    if no_config:
        pass
    elif explicit:
        s = _apply_file(s, Path(explicit).expanduser(), must_exist=True)
    else:
        user = user_config_path()
        if user.exists():
            s = _apply_file(s, user, must_exist=False)
        project = find_project_config(current_folder() if cwd is None else Path(cwd))
        if project is not None and not (user.exists() and _same_file(project, user)):
            s = _apply_file(s, project, must_exist=False)
    s = apply_env(s, env, _apply_doc, DEFAULT_RULE_SETTINGS)
    if db is not None:
        s = replace(s, db=Path(db).expanduser())
    return s


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _apply_file(s: Settings, path: Path, *, must_exist: bool) -> Settings:
    from advisor.files import read_input

    if not os.path.lexists(path):
        if must_exist:
            raise ConfigError("no such config file", file=path, hint="run `outsource init` to write one")
        return s
    raw = read_input(path, "config file", MAX_CONFIG_BYTES, error=ConfigError)
    try:
        text = raw.decode("utf-8").lstrip("\ufeff")
    except UnicodeDecodeError:
        raise ConfigError("is not valid UTF-8", file=path) from None
    from advisor.files import parse_toml

    doc = parse_toml(text, path, ConfigError)
    if path.name == "pyproject.toml":  # only its [tool.outsource] table is ours
        tool = doc.get("tool")
        doc = tool.get("outsource", {}) if isinstance(tool, dict) else {}
        if not isinstance(doc, dict):
            raise ConfigError("must be a table", file=path, field="tool.outsource")
    try:
        return _apply_doc(replace(s, config_file=path, config_files=s.config_files + (path,)), doc, path)
    except ConfigError as exc:
        exc.located(file=path, line=_line_of(text, exc.field))
        raise


def _apply_doc(s: Settings, doc: dict[str, Any], path: Path) -> Settings:
    _keys(doc, _TOP, "")
    if "workspace" in doc:
        ws = _table(doc["workspace"], "workspace")
        _keys(ws, _WORKSPACE, "workspace")
        if "db" in ws:
            db = _str(ws["db"], "workspace.db")
            p = Path(db).expanduser()
            s = replace(s, db=p if p.is_absolute() else (path.parent / p))
        if "locale" in ws:
            from advisor.plan.money import check_locale

            loc = _str(ws["locale"], "workspace.locale")
            problem = check_locale(loc)
            if problem:
                raise ConfigError(f"{problem}, not {loc[:40]!r}", field="workspace.locale")
            s = replace(s, locale=loc)
    if "advisor" in doc:
        a = _table(doc["advisor"], "advisor")
        _keys(a, _ADVISOR, "advisor")
        adv = s.advisor
        if "rule_dirs" in a:
            dirs = []
            for i, d in enumerate(_list(a["rule_dirs"], "advisor.rule_dirs")):
                p = Path(_str(d, f"advisor.rule_dirs[{i}]")).expanduser()
                dirs.append(p if p.is_absolute() else path.parent / p)
            adv = replace(adv, rule_dirs=tuple(dirs))
        for key in ("select", "ignore"):
            if key in a:
                items = tuple(_str(x, f"advisor.{key}[{i}]") for i, x in enumerate(_list(a[key], f"advisor.{key}")))
                adv = replace(adv, **{key: items})
        for key in ("engine_timeout", "engine_update_timeout"):
            if key in a:
                v = a[key]
                if isinstance(v, bool) or not isinstance(v, (int, float)) or not 0 < v <= 3600:
                    raise ConfigError("must be a number of seconds between 0 and 3600", field=f"advisor.{key}")
                adv = replace(adv, **{key: float(v)})
        if "severity" in a:
            sev = _table(a["severity"], "advisor.severity")
            for rid, level in sev.items():
                if level not in SEVERITIES:
                    raise ConfigError(f"must be one of {', '.join(SEVERITIES)}, not {level!r}",
                                      field=f"advisor.severity.{rid}")
            adv = replace(adv, severity=dict(sev))
        if "settings" in a:
            st = _table(a["settings"], "advisor.settings")
            merged = dict(adv.settings)
            for key, value in st.items():
                if isinstance(value, bool) or isinstance(value, (int, float, str)):
                    if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
                        raise ConfigError("must be a finite number", field=f"advisor.settings.{key}")
                    if isinstance(value, (int, float)) and not isinstance(value, bool) \
                            and abs(value) >= MAX_SETTING_NUMBER:
                        raise ConfigError(f"must be less than {MAX_SETTING_NUMBER:.0e} in size "
                                          "(the rules engine's limit)", field=f"advisor.settings.{key}")
                    if key in DEFAULT_RULE_SETTINGS and type(value) is not type(DEFAULT_RULE_SETTINGS[key]) \
                            and not (isinstance(value, (int, float)) and not isinstance(value, bool)
                                     and isinstance(DEFAULT_RULE_SETTINGS[key], (int, float))):
                        raise ConfigError(f"must be a number, not {type(value).__name__}",
                                          field=f"advisor.settings.{key}")
                    if key == "owner_utc_offset" and not (isinstance(value, (int, float)) and not isinstance(value, bool)
                                                          and -12 <= value <= 14):
                        raise ConfigError("must be a number of hours from -12 to 14 (e.g. -5 or 5.5)",
                                          field=f"advisor.settings.{key}")
                    merged[key] = value
                else:
                    raise ConfigError("must be a number, text or true/false", field=f"advisor.settings.{key}")
            adv = replace(adv, settings=merged)
        if "phrases" in a:
            adv = replace(adv, settings={**adv.settings, **_phrases(_table(a["phrases"], "advisor.phrases"))})
        s = replace(s, advisor=adv)
    if "ui" in doc:
        u = _table(doc["ui"], "ui")
        _keys(u, _UI, "ui")
        ui = s.ui
        if "theme" in u:
            ui = replace(ui, theme=_str(u["theme"], "ui.theme"))
        if "mouse" in u:
            if not isinstance(u["mouse"], bool):
                raise ConfigError("must be true or false", field="ui.mouse")
            ui = replace(ui, mouse=u["mouse"])
        s = replace(s, ui=ui)
    if "value" in doc:
        v = _table(doc["value"], "value")
        _keys(v, set(DEFAULT_VALUE_WEIGHTS), "value")
        weights = {}
        for key, w in v.items():
            if isinstance(w, bool) or not isinstance(w, (int, float)) or not 0 <= w <= 100:
                raise ConfigError("must be a weight from 0 (ignored) to 100", field=f"value.{key}")
            weights[key] = float(w)
        s = replace(s, value=replace(s.value, **weights))
    if "keys" in doc:
        k = _table(doc["keys"], "keys")
        keys = {}
        for action, key in k.items():
            keys[action] = _str(key, f"keys.{action}")
        s = replace(s, keys=keys)
    if "marketplaces" in doc:
        markets = []
        for i, m in enumerate(_list(doc["marketplaces"], "marketplaces")):
            m = _table(m, f"marketplaces[{i}]")
            _keys(m, _MARKET, f"marketplaces[{i}]")
            try:
                markets.append(Marketplace(name=m.get("name"), fee_percent=m.get("fee_percent"),
                                           fee_fixed=m.get("fee_fixed"), fee_currency=m.get("fee_currency"),
                                           notes=m.get("notes", "")).validate(f"marketplaces[{i}]"))
            except PlanError as exc:
                raise ConfigError(exc.message, field=exc.field) from None
        s = replace(s, marketplaces=tuple(markets))
    return s


def _phrases(table: dict) -> dict[str, str]:
    """``[advisor.phrases]``: category = [phrases] added to the built-in red-flag lists. Kept in
    the rule settings as ``phrases.<category>`` (one phrase a line): the settings are what reach
    the facts, and a rule cannot name a key with a dot."""
    from advisor.phrases import CATEGORIES, MAX_PHRASES, SETTING_PREFIX, check_phrase

    out: dict[str, str] = {}
    for category, items in table.items():
        where = f"advisor.phrases.{category}"
        if category not in CATEGORIES:
            raise ConfigError(f"unknown red-flag category {category!r}; allowed: {', '.join(CATEGORIES)}",
                              field=where)
        items = _list(items, where)
        if len(items) > MAX_PHRASES:
            raise ConfigError(f"has {len(items)} phrases; at most {MAX_PHRASES}", field=where)
        phrases = []
        for i, item in enumerate(items):
            try:
                phrases.append(" ".join(check_phrase(item, f"{where}[{i}]").split()))
            except ValueError as exc:
                raise ConfigError(f"phrase {i + 1} {exc}", field=where) from None
        out[SETTING_PREFIX + category] = "\n".join(phrases)
    return out


def _keys(table: dict, allowed: set[str], where: str) -> None:
    for key in table:
        if key not in allowed:
            raise ConfigError(f"unknown key {key!r}; allowed: {', '.join(sorted(allowed))}",
                              field=f"{where}.{key}" if where else key)


def _table(value: Any, where: str) -> dict:
    if not isinstance(value, dict):
        raise ConfigError("must be a table", field=where)
    return value


def _list(value: Any, where: str) -> list:
    if not isinstance(value, list):
        raise ConfigError("must be a list", field=where)
    return value


def _str(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value:
        raise ConfigError("must be non-empty text", field=where)
    return value


def _line_of(text: str, fld: str | None) -> int | None:
    """The line of the last key of a dotted field, searched after its table header."""
    if not fld:
        return None
    parts = fld.replace("[", ".").replace("]", "").split(".")
    lines = text.splitlines()
    start = 0
    if len(parts) > 1:
        head = parts[0]
        for n, line in enumerate(lines):
            s = line.strip()
            if s.startswith("[") and head in s:
                start = n
                break
    key = parts[-1]
    for n in range(start, len(lines)):
        s = lines[n].strip()
        if s.startswith(key) and "=" in s and s.split("=", 1)[0].strip().strip('"') == key:
            return n + 1
    return start + 1 if len(parts) > 1 else None
