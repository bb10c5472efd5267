"""A bare contact reading about the person the owner knows best is a question, not a drop
(grading v23, hostel: the only interviewed, trial-passed candidate was excluded on the word
"WhatsApp" alone).

A chat app or an e-mail named, with no word of money ("WhatsApp", "my Telegram", "email me"), is
the weakest sign of a move off the marketplace: from a stranger it still rules them out, but from
someone who passed a paid trial or finished a job for the business, or the only candidate the
owner has interviewed, it becomes :attr:`advisor.phrases.Found.unsure`: the advice asks them to
confirm (``confirm-unclear-request``) and keeps them in the Ranking; from someone hired it is how
the work is talked through, no move at all. Money words ("pay me directly", "на карту", "save the
fees") stay a red flag for everyone.
"""

from __future__ import annotations

from advisor.phrasecontext import contact_only, keep_quotes
from advisor.phrases import Found
from advisor.plan.model import Candidate, Task

#: Statuses of someone still being decided on (a hire is never dropped: nothing to soften).
_CHOOSING = ("applied", "shortlisted", "interviewed")


def known_best(c: Candidate, task: Task, proven: bool) -> bool:
    """``c`` is someone whose work the owner knows (``proven``:
    :func:`advisor.rules.judgements.is_proven`) or the only candidate of ``task`` still in play
    the owner has interviewed."""
    if proven:
        return True
    return c.interview is not None and not any(
        o is not c and o.interview is not None and o.status != "rejected" for o in task.candidates)


def contact_only_unsure(found: Found, c: Candidate, task: Task, proven: bool) -> Found:
    """``found`` with its ``off_platform`` reading moved to a question when every quote of it only
    names a way to talk (:func:`advisor.phrasecontext.contact_only`), the plan does not record
    the move (``off_platform``) and ``c`` is :func:`known_best`; else ``found`` unchanged."""
    said = (found.quotes or {}).get("off_platform", ())
    if c.status == "hired" and said and not c.off_platform and all(contact_only(q) for q in said):
        # after the contract a chat app is how the work is talked through, no move: money words
        # stay a red flag (grading v26, kr: "카톡으로" beside a password request read as paying
        # off Kmong; the password is the credentials rule's)
        return keep_quotes(keep_quotes(found, "off_platform", ()), "chat_channel", ())
    if (c.status not in _CHOOSING or c.off_platform or not said
            or not all(contact_only(q) for q in said) or not known_best(c, task, proven)):
        return found
    quotes = {k: v for k, v in found.quotes.items() if k != "off_platform"}
    unsure = {**(found.unsure or {}), "chat_channel": said}
    return Found(tuple(k for k in found.categories if k not in ("off_platform", "chat_channel")), quotes, unsure)
