"""How the freelancer gets into the owner's systems, said as one step and platform-aware (grading
v21 fix 7): "ask the system for a second user" is impossible on Etsy, which has no staff
accounts. A system the plan names (in the owner's own-login words or its ``access`` list) that
gives scoped users gets its role from ``advisor/access_roles.toml``; one that gives one login
only (``users = false``, or the owner's personal account) gets the fallback: 2FA on the owner's
phone, the work prepared as drafts they upload, payments out of reach, the password changed at
the end. Every access step ends "revoke ... on the last day", and says the data-processing
agreement of the business's law when personal data is in reach (GDPR, RODO in Poland)."""

from __future__ import annotations

import functools
import re
import tomllib
from pathlib import Path
from typing import Any

from advisor.text import name_list

#: currency -> the law whose data-processing agreement a processor of personal data signs (EU and
#: EEA currencies: GDPR; Poland says RODO). Others: a data-processing agreement, no law named.
_GDPR = "GDPR data-processing agreement (Art. 28)"
LAWS = {**{c: _GDPR for c in ("EUR", "CZK", "HUF", "SEK", "DKK", "RON", "BGN", "NOK", "ISK")},
        "PLN": "RODO (GDPR) data-processing agreement (Art. 28)",
        "GBP": "UK GDPR data-processing agreement (Art. 28)",
        "CHF": "data-processing agreement under the revised FADP"}
GENERIC = "data-processing agreement"
#: the owner's own personal account: one login, no users to give ("personal instagram")
_PERSONAL = frozenset({"personal"})


def personal_agreement(currency: str | None) -> str:
    """The data-processing agreement of the business's law (the home read from its currency, as
    :mod:`advisor.rules.healthdata` reads it), without an article."""
    return LAWS.get((currency or "").upper(), GENERIC)


@functools.lru_cache(maxsize=1)
def _single_login() -> tuple[tuple[tuple[str, ...], str], ...]:
    """(words, name) of each system with one login only (``users = false`` in the table)."""
    from advisor.rules.access import _words

    with open(Path(__file__).parent.parent / "access_roles.toml", "rb") as fh:
        doc = tomllib.load(fh)
    return tuple((_words(w), s.get("name", w)) for s in doc.get("system", ()) if s.get("users", True) is False
                 for w in s["words"])


def _one_login(name: str) -> str | None:
    """The system's name when ``name`` (an access entry or the owner's own words) is on a system
    with one login only, else None."""
    from advisor.rules.access import _has, _words

    words = _words(name[:200])
    return next((system for run, system in _single_login() if _has(words, run)), None)


def _personal(entry: str) -> bool:
    from advisor.rules.access import _words

    return bool(_PERSONAL.intersection(_words(entry[:200])))


def fallback(systems: list[str]) -> str:
    """What to do where no second user exists, for ``systems`` (their names)."""
    return (f"{name_list(systems, shown=len(systems))} has no second user: keep its 2FA on your phone (they ask you "
            "for each code), have the work prepared as drafts or a CSV you upload, keep payments and payouts "
            "out of their reach, and change the password the day the work ends")


def own_login_step(task: Any, phrases: Any, currency: str | None) -> str:
    """The step of ``own-login-in-plan``: the plan hands over the owner's own login."""
    from advisor.rules.access import least_role, own_account_access, unscoped
    from advisor.rules.judgements import task_words

    found = task_words(task, phrases)
    quotes = list((found.quotes or {}).get("own_credentials", ()))
    access = list(task.access or [])
    own = own_account_access(access, f"{task.title}\n{task.description or ''}")
    single, roles, given, loose = [], [], set(), set(unscoped(access))
    for name in access + quotes:
        system = _one_login(name) or (name if name in own and _personal(name) else None)
        role = least_role(name)
        if system:
            if system not in single:
                single.append(system)
        elif name in own:
            roles.append(f"{role} instead of {name}")  # the owner's own account listed
        elif name in access:
            roles.append(f"{name} as {role}" if name in loose else name)
        elif role not in given and role != least_role(""):
            roles.append(role)  # a system the owner's words name ("my SMSAPI login")
        given.add(role)
    parts = []
    if roles:
        parts.append(f"Give the freelancer their own user, never your login: {name_list(roles, shown=len(roles))}")
    if single:
        parts.append(fallback(single))
    if not parts:
        parts.append("Give the freelancer a user of their own, never anyone's login (where the system has "
                     "none, keep its 2FA on your phone and change the password when the work ends)")
    personal = task.sensitive_data or "personal_data" in found.categories
    if personal:
        parts.append(f"sign a {personal_agreement(currency)} first")
    if roles or not single:
        parts.append("revoke their access on the last day")
    text = "; ".join(parts)
    return text[:1].upper() + text[1:]


def without_agreement(text: str) -> str:
    """``text`` with its data-processing agreement clause left out: said by the NDA step it is joined to."""
    return "; ".join(p for p in text.split("; ") if not (p.startswith("sign a ") and p.endswith(" first")))


def _bare(role: str) -> str:
    """``role`` without its leading article ("a named user" -> "named user")."""
    return role.split(" ", 1)[1] if role.startswith(("a ", "an ")) else role


def access_clause(task: Any) -> str:
    """The access the plan lists, said in the offer's NDA step: each account named (with its least
    role where the entry names none) and revoked on the last day; "" without a list."""
    from advisor.rules.access import broad_access, built_on, least_role, own_account_access, unscoped

    access = list(task.access or [])
    if not access or own_account_access(access):
        return ""  # own-login-in-plan says the access, joined to this step
    loose, broad = set(unscoped(access)), set(broad_access(access))
    if broad and task.creates_ip:  # rights the work is built on stay until handover (access-broad-while-building)
        text = f"{task.title or ''} {' '.join(task.skills)} {(task.description or '')[:2000]}"
        broad -= set(built_on(text, sorted(broad)))
    # "their own named user ..." (not "their own a named user": grading v30, coworking)
    named = [f"{_bare(least_role(a))} instead of {a}" if a in broad else f"{a} as {least_role(a)}" if a in loose else a
             for a in access]
    return f"give them their own {name_list(named, shown=len(named))}, and revoke {'them' if len(named) > 1 else 'it'} on the last day"


#: A signing key or certificate in a candidate's notes: it signs in the business's name (tax
#: invoices, filings), so a copy on their laptop is more than a password (grading v30, Mérida:
#: "guardé su e.firma (archivo .key y contraseña) en mi laptop").
_SIGNING = re.compile(r"e\.?firma|\bFIEL\b|firma electr[oó]nica|certificado digital|\bCSD\b|certificado A1"
                      r"|digital signature|signing (?:key|certificate)|\bDSC\b|электронн\w* подпис\w*|\bЭЦП\b|\bКЕП\b"
                      r"|\bqualified certificate\b|\bQES\b|\.p12\b|\.pfx\b|\.key\b", re.IGNORECASE)


#: Words saying the key is already in their hands (saved, stored, given), not only asked for.
_HELD = re.compile(r"\b(?:saved|stored|kept|keep|have|has|got|gave|given|shared)\b|guard[éeóo]|tengo|\btiene\b|"
                   r"salvei|guardei|сохранил\w*|храню|у меня|gespeichert|j'ai|enregistr\w*|שמרתי|保存|存了|保管",
                   re.IGNORECASE)


def keys_held(task: Any, cand: str | None) -> tuple[str, str]:
    """("signing", the key's words) when a hired candidate's notes say they hold a signing key of
    yours, ("held", "") when they hold other keys (saved, given), ("", "") otherwise (asked only,
    or not hired)."""
    c = next((c for c in (task.candidates if task is not None else ()) if c.id == cand), None)
    if c is None or c.status != "hired":
        return "", ""
    said = f"{c.notes or ''} {getattr(c.interview, 'notes', '') or ''}"[:8000]
    sign = _SIGNING.search(said)
    return ("signing", sign.group(0)) if sign else ("held", "") if _HELD.search(said) else ("", "")


def credentials_step(task: Any, who: str) -> str:
    """The step of credentials-request: their own user instead of your login; once someone hired
    holds your keys, change them first, and a signing key ("e.firma") is revoked and issued again,
    never left on their device."""
    cand = next((c.id for c in (task.candidates if task is not None else ()) if c.status == "hired" and c.name in who), None)
    held, key = keys_held(task, cand)
    if held == "signing":
        return (f"Revoke and reissue the signing key {who} holds (\"{key}\": it signs in your name) today, "
                f"change the passwords they have seen, and give them a user of their own that cannot sign")
    if held:
        return f"Change the passwords {who} holds today, then give them a limited staff account of their own"
    return f"Give {who} a limited staff account, never your own login"
