"""The least role for each system a task gives a freelancer access to, from data
(``advisor/access_roles.toml``): the access advice names the accounts the plan lists and the role
to give on each ("firebase-owner to Firebase Editor on a staging project") instead of reciting
Shopify, GitHub and WordPress examples on a React Native plan (grading v11, rn-bugfix and t2).
A system the table does not know gets its short generic role."""

from __future__ import annotations

import functools
import re
import tomllib
from pathlib import Path

from advisor.plan.model import fold
from advisor.text import name_list

_SPLIT = re.compile(r"[\s\-_./(),]+")


def _words(text: str) -> tuple[str, ...]:
    return tuple(w for w in _SPLIT.split(fold(text)) if w)


@functools.lru_cache(maxsize=1)
def table() -> tuple[str, tuple[tuple[tuple[str, ...], str], ...]]:
    """(the generic role, ((words of a system's name, its role), ...)) as shipped (read once)."""
    with open(Path(__file__).parent.parent / "access_roles.toml", "rb") as fh:
        doc = tomllib.load(fh)
    entries = tuple((_words(w), s["role"]) for s in doc.get("system", ()) for w in s["words"])
    return doc["generic"], entries


def _has(name: tuple[str, ...], run: tuple[str, ...]) -> bool:
    n = len(run)
    return any(name[i:i + n] == run for i in range(len(name) - n + 1))


def least_role(access: str) -> str:
    """The role to give on ``access`` (an access-list entry): the first entry of the table whose
    words it contains, else the generic role."""
    generic, entries = table()
    name = _words(access[:200])
    return next((role for run, role in entries if run and _has(name, run)), generic)


#: Words in an access entry that mean more than a job needs ("shopify-owner", "admin").
BROAD_ACCESS = frozenset({"owner", "admin", "administrator", "root", "superuser", "super", "full"})


def broad_access(access: list[str]) -> list[str]:
    """The entries of an access list that hold owner or admin rights (``access-too-broad``)."""
    return [a for a in access if BROAD_ACCESS.intersection(fold(a).replace("-", " ").replace("_", " ").split())]


def roles_text(access: list[str], verb: str) -> str:
    """"a as R1, b as R2 and c as R3" (``verb`` "as"), or with "to" for a downgrade."""
    return name_list([f"{a} {verb} {least_role(a)}" for a in access], shown=len(access))


#: Words in an access entry that name a limited role already ("servicem8-dispatcher",
#: "aircall-agent", "google-analytics-viewer"): the plan gives least privilege, nothing to advise.
LIMITED_ROLE_WORDS = frozenset({"staff", "agent", "dispatcher", "editor", "viewer", "view", "readonly",
                                "read", "collaborator", "contributor", "author", "member", "guest",
                                "limited", "standard", "sub", "subaccount", "seat", "developer", "dev",
                                "support", "analyst", "reporter", "entry", "staging", "test", "sandbox",
                                # a named role or one scoped object ("google-business-profile-manager",
                                # "yelp-business-user", "perforce-audio-folder": grading v18, roof, game-sfx)
                                "moderator", "manager", "user", "role", "restricted", "scoped", "folder",
                                "repo", "repository", "channel", "project", "board",
                                # a shop's back-office user with a profile, or a role narrowed to one
                                # part ("prestashop-employee-catalog-only", "read-only": grading v23)
                                "employee", "only"})

#: Words naming one object of a system (a mailbox, a drive, a sheet): with a word saying which one
#: ("google-workspace-export-mailbox", "shared-drive-exportaciones") the entry is that one object,
#: scoped to the job already; alone ("shared-inbox", "google-drive") it is the whole system.
OBJECT_WORDS = frozenset({"mailbox", "inbox", "drive", "folder", "calendar", "sheet", "spreadsheet",
                          "list", "page", "site", "album", "workspace", "space", "notebook", "bucket"})
#: Words that say no "which one": vendors, "shared", "team" and the like.
_NOT_WHICH = frozenset({"shared", "share", "team", "common", "main", "company", "our", "the", "my", "access",
                        "login", "account", "google", "microsoft", "ms", "office", "dropbox", "box", "icloud",
                        "onedrive", "sharepoint", "apple", "zoho", "notion", "slack", "gmail", "outlook", "s3",
                        "aws", "gcp", "drive", "g", "gsuite", "365", "o365", "ms365"})


def one_object(entry: str) -> bool:
    """``entry`` names one object of a system and says which ("export mailbox", "drive exportaciones"):
    least privilege in place, nothing to advise (grading v23, winery). Linear in the entry's words."""
    name = _words(entry[:200])
    if not OBJECT_WORDS.intersection(name):
        return False
    _generic, entries = table()
    skip = {w for run, _role in entries if run and _has(name, run) for w in run}
    return any(w not in OBJECT_WORDS and w not in _NOT_WHICH and w not in skip and not w.isdigit() for w in name)


def unscoped(access: list[str]) -> list[str]:
    """The entries that name neither a limited role nor owner/admin rights (``access-least-privilege``
    says which role to give on them; one that names its role already is not restated: grading v13,
    plumbing's "servicem8-dispatcher" and "aircall-agent"; nor one named object of a system:
    :func:`one_object`)."""
    broad = set(broad_access(access))
    return [a for a in access if a not in broad and not LIMITED_ROLE_WORDS.intersection(_words(a[:200]))
            and not one_object(a)]


#: Words in an access entry that make it the owner's own account ("linkedin recruiter (my seat)",
#: "gmail (mine)", "personal instagram"): own-login-in-plan. Not "shared": a shared folder or
#: mailbox is a resource given to a named user, not somebody's login.
OWN_ACCOUNT_WORDS = frozenset({"my", "mine", "personal"})
_NEGATED = frozenset({"not", "no", "never"})


#: Words of an access entry that make it a login (with a person's name: that person's own).
LOGIN_WORDS = frozenset({"login", "logins", "password", "passwords", "credentials", "account"})
#: A person named with a possessive in the task's own words ("Elna's own SAWIS login"); linear.
_POSSESSOR = re.compile(r"\b([A-Z][^\W\d_]{1,40})['\u2019]s\b")


def own_account_access(access: list[str], task_text: str = "") -> list[str]:
    """The entries of an access list that are the owner's own login, not one of
    the freelancer's own: "not my account" does not count. With ``task_text``, also a login named
    for someone the task's words name as its holder ("elna-sawis-login" where the VA "works under
    Elna's own SAWIS login": a person's own login shared, grading v19, vineyard)."""
    people = {fold(m.group(1)) for m in _POSSESSOR.finditer(task_text[:4000])} if task_text else set()
    out = []
    for a in access:
        words = set(re.findall(r"[^\W_]+", fold(a[:200])))
        if _NEGATED.intersection(words):
            continue
        if OWN_ACCOUNT_WORDS.intersection(words) or (people & words and LOGIN_WORDS & words):
            out.append(a)
    return out


#: Broad rights that are the owner's own account, never a builder's: downgrade them now.
OWNER_WORDS = frozenset({"owner", "root", "superuser", "super"})


@functools.lru_cache(maxsize=1)
def _systems() -> tuple[tuple[tuple[str, ...], ...], ...]:
    """Each system of the table as the word runs that name it (["wordpress", "wp"])."""
    with open(Path(__file__).parent.parent / "access_roles.toml", "rb") as fh:
        doc = tomllib.load(fh)
    return tuple(tuple(_words(w) for w in s["words"]) for s in doc.get("system", ()))


def built_on(task_text: str, access: list[str]) -> list[str]:
    """The entries of ``access`` on a system the work itself is built on: the task's own words
    name that system ("wp-admin" on "Rebuild the website on WordPress"). A builder needs those
    rights until handover; "downgrade now" would stop the work (grading v13, venue)."""
    text = _words(task_text[:4000])
    out = []
    for a in access:
        name = _words(a[:200])
        if OWNER_WORDS.intersection(name):
            continue  # the owner's own account: no builder needs it (a collaborator account does)
        runs = next((rs for rs in _systems() if any(r and _has(name, r) for r in rs)), None)
        if runs is None:  # a system the table does not know ("wix-admin", "nuvemshop-admin"): its own name
            own = tuple(w for w in name if w not in BROAD_ACCESS and w not in LIMITED_ROLE_WORDS and len(w) > 2)
            runs = ((own[0],),) if own else None
        if runs and any(r and _has(text, r) for r in runs):
            out.append(a)
    return out


#: A past-tense end of access in the notes of the hired ("Salesforce user deactivated 3 Dec",
#: "removed her GitHub access"): the job's closing step is done, only the list was not cleared.
_ENDED = re.compile(r"\b(deactivated|revoked|removed|disabled|deleted|suspended|offboarded)\b", re.I)
_ACCOUNT = re.compile(r"\b(access|accounts?|users?|logins?|seats?|collaborators?|permissions?|roles?|keys?)\b", re.I)
#: Words that make it a plan or a doubt, not a fact: "to be removed", "not yet deactivated".
_NOT_YET = re.compile(r"\b(not|never|yet|will|to be|once|after|when|should|must|need|needs|pending|todo|still)\b", re.I)
_CLAUSE = re.compile(r"[^.;!?\n]{1,300}")


def access_ended(notes: str) -> str:
    """The clause of ``notes`` that says an account of theirs was ended, quoted ("" when none)."""
    for m in _CLAUSE.finditer((notes or "")[:4000]):
        clause = m.group().strip()
        end = _ENDED.search(clause)
        if end and _ACCOUNT.search(clause) and not _NOT_YET.search(clause):
            return f'"{clause[:80]}"'
    return ""
