"""Who would keep what the owner pays for: a candidate whose notes keep the copyright or license
only a limited use or term (``keeps_rights``), keep the product in their own name or accounts
(``keeps_accounts``: the mini-program registered under their company, the bot on their server),
or hold back the source code (``keeps_code``: "only after full payment, under a separate
contract"), on work the business must own (grading v19: oliveoil-photos, tailor-wechat-agency,
flower-telegram-bot, each told "Hire" the one who kept it).

Not a red flag that rules anyone out (the terms are negotiable): the Ranking names it beside the
person (:func:`keeps_note`), the hire step asks for the rights in writing first and names a
candidate who already offers full ownership (:mod:`advisor.advice.rightsstep`), and a drop for
another reason names it as one more (:func:`advisor.rules.exclusion.ruled_out`). It counts
(:func:`kept`) only

- on work the business must own (:func:`owned_work`): the task ``creates_ip``, or its own words
  say it is a system it runs (``running_system``: an app, a bot, a website);
- for someone still to be chosen who has signed no IP assignment (a usage licence on record is
  the licence agreed: the copyright they keep is then no news);
- on creators' content (UGC, a photo shoot: ``creator_content``), where a licence is the usual
  instrument, the copyright kept or a limited licence only when the task's own words ask for
  unlimited use (``full_rights``: "we may use them anywhere, with no time limit");
- not when the same clause says it lasts until payment ("the copyright remains mine until full
  payment": the usual transfer on payment); code held back until payment still counts (the code
  belongs in your repository from day one);
- not for words only the owner's interview notes say in the first person plural ("we", "our":
  "the ad accounts must stay under our company account" is the owner's business speaking).
"""

from __future__ import annotations

from typing import Any, Mapping

from advisor.phrases import Found, PhraseMatcher, matcher, words
from advisor.text import fold

#: The categories of what a candidate would keep, in the order a note names them.
KINDS = ("keeps_rights", "keeps_accounts", "keeps_code")
#: What each kind is called beside the person (the Ranking, a drop's reasons).
KEPT_WORDS = {"keeps_rights": "keeps the copyright", "keeps_accounts": "keeps it in their own name or accounts",
              "keeps_code": "holds back the source code"}
#: The most quoted phrases in a note.
MAX_QUOTES = 3
#: Statuses of someone still to be chosen.
_OPEN = ("applied", "shortlisted", "interviewed")
#: Words after a kept right, in its clause, that make it last only until payment: "until",
#: "hasta", "до", "bis", "jusqu'", "kadar", "μέχρι", "तक"... (folded as notes are).
_UNTIL = frozenset(fold(w) for w in ("until", "till", "untill", "hasta", "até", "jusqu", "bis", "до", "kadar",
                                     "حتى", "तक", "μέχρι", "sampai", "đến"))
#: The same in scripts written without spaces (looked for as written).
_UNTIL_RUNS = ("まで", "까지", "为止", "為止", "之前", "付清前", "结清前", "結清前", "全款前", "จนกว่า")
#: Characters that end a clause (as :mod:`advisor.phrases` reads them).
_CLAUSE_END = ".;!?\n。；！？"
#: The first person plural (folded words; runs in scripts without spaces): in the owner's own
#: interview notes "we", "our", "us" are the business ("told them the ad accounts stay under our
#: company account"), not the candidate keeping anything.
_WE = frozenset(fold(w) for w in (
    "we our ours us нас нам наш наша нашей нашу наши нашего нашем нами нашою нашої наші ми nasz nasza naszą naszej "
    "nasze nas nosso nossa nós conosco nuestro nuestra nosotros notre nous unser unsere unserem unseren unserer uns "
    "nostro nostra noi μας biz bizim bizde bize שלנו בבעלותנו אצלנו لنا ملكنا شركتنا हम हमारा हमारी हमारे chúng "
    "kami namin amin").split())
_WE_RUNS = ("我们", "我們", "我司", "我方", "本公司", "弊社", "当社", "当方", "저희", "당사")


def task_found(task: Any, phrases: PhraseMatcher | None = None) -> Found:
    """The phrases in the task's own words (title, description, acceptance, skills)."""
    from advisor.rules.judgements import task_words

    return task_words(task, phrases if phrases is not None else matcher())


def owned_work(task: Any, phrases: PhraseMatcher | None = None) -> bool:
    """Work the business must own: the task ``creates_ip``, or its own words name a system it runs
    or someone running its ads (``ads_manager``: the ad account, pixel and audiences are the
    business's; grading v26, maple ads: "dans mon propre compte publicitaire")."""
    if getattr(task, "creates_ip", False):
        return True
    said = task_found(task, phrases).categories
    return "running_system" in said or "ads_manager" in said


def _text(c: Any) -> str:
    iv = getattr(c, "interview", None)
    return "\n".join(filter(None, (c.notes, iv.notes if iv is not None else None)))


def _until_paid(text: str, quote: str) -> bool:
    """The clause after ``quote`` in ``text`` makes it last only until payment ("... until full payment")."""
    at = text.casefold().find(quote.casefold())
    if at < 0:
        return False
    rest = text[at + len(quote):]
    end = min((i for i in (rest.find(ch) for ch in _CLAUSE_END) if i >= 0), default=len(rest))
    rest = rest[:end]
    return any(r in rest for r in _UNTIL_RUNS) or any(w in _UNTIL for w, *_ in words(rest))


def _owner_said(c: Any, quote: str) -> bool:
    """``quote`` is only in the owner's interview notes and says "we" or "our": the owner's own
    business ("the code and the ad accounts stay under our company account"), not a term of theirs."""
    iv = getattr(c, "interview", None)
    owner = (iv.notes if iv is not None else "") or ""
    q = quote.casefold()
    if not owner or q in (c.notes or "").casefold() or q not in owner.casefold():
        return False
    return any(w in _WE for w, *_ in words(quote)) or any(r in quote for r in _WE_RUNS)


def kept(found: Found, c: Any, task: Any, phrases: PhraseMatcher | None = None) -> dict[str, tuple[str, ...]]:
    """What ``c`` would keep that counts against ``task`` (kind -> the words quoted), in
    :data:`KINDS` order; empty when nothing counts (see the module's list)."""
    if not any(k in found.categories for k in KINDS) or getattr(c, "status", "") not in _OPEN:
        return {}
    agreed = set(getattr(c, "agreements", ()) or ())
    if "ip-assignment" in agreed or not owned_work(task, phrases):
        return {}
    text = _text(c)
    out: dict[str, tuple[str, ...]] = {}
    for kind in KINDS:
        quotes = (found.quotes or {}).get(kind, ()) if kind in found.categories else ()
        if kind != "keeps_code":  # code held back until payment is what counts: no "until" reading
            quotes = tuple(q for q in quotes if not _until_paid(text, q))
        quotes = tuple(q for q in quotes if not _owner_said(c, q))
        if quotes:
            out[kind] = quotes
    if "keeps_rights" in out:
        said = task_found(task, phrases).categories
        if "usage-licence" in agreed or ("creator_content" in said and "full_rights" not in said):
            del out["keeps_rights"]  # the licence agreed, or a licence is all the task asks for
    return out


def keeps_note(found: Found, c: Any, task: Any, phrases: PhraseMatcher | None = None) -> str:
    """'keeps the copyright: "πνευματική μου ιδιοκτησία"' for the Ranking and a drop; "" when
    nothing counts (:func:`kept`)."""
    got = kept(found, c, task, phrases)
    if not got:
        return ""
    what = " and ".join(KEPT_WORDS[k] for k in got)
    quotes = list(dict.fromkeys(q for qs in got.values() for q in qs))[:MAX_QUOTES]
    return f"{what}: " + ", ".join(f'"{q}"' for q in quotes)


def offers_ownership(found: Found) -> bool:
    """The notes offer full ownership (``full_rights``: "full transfer of rights", "registered under
    your account", "code in your GitHub") and keep nothing back (no ``keeps_*`` words)."""
    return "full_rights" in found.categories and not any(k in found.categories for k in KINDS)


def keepers(words_of: Mapping[str, Found], task: Any, ids: Any, phrases: PhraseMatcher | None = None) -> dict[str, dict]:
    """Candidate id -> :func:`kept` for those of ``ids`` whose words (``words_of``) keep something."""
    byid = {c.id: c for c in task.candidates}
    out = {}
    for cid in ids:
        c = byid.get(cid)
        if c is not None and cid in words_of and (got := kept(words_of[cid], c, task, phrases)):
            out[cid] = got
    return out
