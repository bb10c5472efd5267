"""What a task's own words say about the work (grading v22 fixes 6 and 9), from the table in
``advisor/work_kinds.toml``, not from if/else per trade:

- the checks that say it is done, by the kind of work (a migration: record counts before and
  after and a sample; a digitisation: counts and a spot check; a translation: a second reader;
  code: tests on your own machine), for "Write down what you will check before you pay" instead
  of one generic list (vet-xray);
- in creative work, the material in the brief nobody in the job makes (music, stock footage,
  fonts, voices), whose licence the offer must name with its use (bridal-tiktok: "trending-style
  music" for a shop's TikTok and Reels), and the use of the work itself when the plan says
  nothing of who owns it;
- pieces a gig marketplace sells one order at a time ("12 TikTok videos" with a fixed fee per
  order): the first piece is one order;
- where a draft naming no marketplace would be posted, from the plan's own marketplaces.

Linear: one split of the task's words (:func:`advisor.phrases.words`), each position looked up
against the phrases' word tuples (at most :data:`MAX_WORDS` long).
"""

from __future__ import annotations

import dataclasses
import functools
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable

from advisor.phrases import NEGATIONS, words
from advisor.text import fold

#: The checks when the words say no kind of work (the fix as it was).
DEFAULT_CHECKS = "deliverables, file formats, number of revisions, and the date"
#: Longest phrase, in words; characters of each text read.
MAX_WORDS = 4
SCAN = 4000
#: Words before a phrase, in its clause, in which "no"/"without" cancels it ("no music").
NEGATION_WINDOW = 3
#: Task stages in which the offer is still to be written.
OFFER_STAGES = frozenset({"draft", "posted", "hiring"})
#: Counts of pieces read as a per-order quantity ("12 videos"; 1 is one order already).
MIN_ORDERS, MAX_ORDERS = 2, 200


@dataclass(frozen=True)
class Kind:
    name: str
    checks: str
    rights: str  # "" unless creative work, whose use the offer states
    hosted: str = ""  # the checks on a site builder's own feature (no hosting of its own to hand over)
    #: (phrases' word tuples, checks): the first whose phrases the task's words say replaces
    #: ``checks`` (a page "on our WordPress site" already has its hosting: grading v23 fix 9)
    variants: tuple[tuple[frozenset[tuple[str, ...]], str], ...] = ()


@dataclass(frozen=True)
class Table:
    kinds: tuple[Kind, ...]
    kind_phrases: dict[tuple[str, ...], tuple[int, ...]]  # words -> kind indexes
    materials: tuple[tuple[str, str], ...]  # (what, note)
    material_phrases: dict[tuple[str, ...], tuple[int, ...]]
    note_phrases: dict[tuple[str, ...], tuple[int, ...]]  # a material's note is said on these
    platforms: dict[tuple[str, ...], str]
    units: dict[str, str]  # folded plural -> piece
    built_in: tuple[str, ...] = ()  # a tool's feature built in: the tool's words (work_kinds.toml)
    tool_phrases: dict[tuple[str, ...], tuple[int, ...]] = dataclasses.field(default_factory=dict)
    feature_phrases: dict[tuple[str, ...], tuple[int, ...]] = dataclasses.field(default_factory=dict)


def _key(phrase: str) -> tuple[str, ...]:
    return tuple(w for w, *_ in words(phrase))[:MAX_WORDS]


def _index(groups: Iterable[Iterable[str]]) -> dict[tuple[str, ...], tuple[int, ...]]:
    out: dict[tuple[str, ...], tuple[int, ...]] = {}
    for i, phrases in enumerate(groups):
        for p in phrases:
            if (k := _key(p)) and i not in out.get(k, ()):
                out[k] = out.get(k, ()) + (i,)
    return out


@functools.lru_cache(maxsize=1)
def table() -> Table:
    """The shipped table (read once)."""
    with open(Path(__file__).parent.parent / "work_kinds.toml", "rb") as fh:
        doc = tomllib.load(fh)
    kinds = doc.get("kinds", [])
    materials = doc.get("material", [])
    return Table(
        tuple(Kind(k["name"], k["checks"], k.get("rights", ""), k.get("hosted", ""),
                   tuple((frozenset(_key(p) for p in v["phrases"]), v["checks"]) for v in k.get("variants", ())))
              for k in kinds),
        _index(k["phrases"] for k in kinds),
        tuple((m["what"], m.get("note", "")) for m in materials),
        _index(m["phrases"] for m in materials),
        _index(m.get("note_phrases", ()) for m in materials),
        {_key(p): name for name, ps in doc.get("platforms", {}).items() for p in ps},
        {fold(k): v for k, v in doc.get("order_units", {}).items()},
        tuple(b["tool"] for b in doc.get("built_in", [])),
        _index(b["phrases"] for b in doc.get("built_in", [])),
        _index(b["features"] for b in doc.get("built_in", [])),
    )


#: "our own" in several languages: material the owner brings needs no licence from anyone
#: (grading v33 review, capoeira: "our own berimbau recordings as music" got "say who licenses the
#: music"). A possessive of the first person, then "own".
_OURS = frozenset({"our", "my", "nossa", "nosso", "nossas", "nossos", "minha", "meu", "nuestra", "nuestro",
                   "nuestras", "nuestros", "mi", "mis", "notre", "nos", "ma", "mon", "mes", "unsere", "unser",
                   "unseren", "unserer", "meine", "mein", "meinen", "nostra", "nostro", "nostre", "nostri"})
_OWN = frozenset({"own", "propria", "proprio", "proprias", "proprios", "propia", "propio", "propias", "propios",
                  "propre", "propres", "eigene", "eigenen", "eigener", "eigenes", "eigen"})
#: Words before a phrase, in its clause, in which "our own" makes it the owner's.
OWN_WINDOW = 5


def _hits(text: str, phrases: dict[tuple[str, ...], Any], own: bool = False) -> list[tuple[int, Any]]:
    """(word position, value) of each phrase of ``phrases`` in ``text`` not negated just before
    (and, with ``own``, not the owner's own: "our own recordings as music")."""
    ws = words((text or "")[:SCAN])
    out = []
    negated_at = owned_at = -10
    for i, (w, _s, _e, new_clause) in enumerate(ws):
        if new_clause:
            negated_at = owned_at = -10
        if w in NEGATIONS:
            negated_at = i
            continue
        if own and w in _OWN and i and fold(ws[i - 1][0]) in _OURS:
            owned_at = i
            continue
        if i - owned_at <= OWN_WINDOW:
            continue
        for n in range(1, MAX_WORDS + 1):
            if i + n > len(ws) or any(ws[j][3] for j in range(i + 1, i + n)):
                break
            got = phrases.get(tuple(x[0] for x in ws[i:i + n]))
            if got is not None and i - negated_at > NEGATION_WINDOW:
                out.append((i, got))
    return out


@dataclass(frozen=True)
class WorkWords:
    kind: Kind | None
    materials: tuple[tuple[str, str], ...]
    platforms: tuple[str, ...]


def _texts(task: Any) -> tuple[str, str]:
    return (task.title or "", "\n".join((task.description or "", ", ".join(task.skills or ()),
                                         getattr(task, "acceptance", "") or "")))


@functools.lru_cache(maxsize=4096)
def _read(title: str, rest: str) -> WorkWords:
    t = table()
    score = [0] * len(t.kinds)
    for weight, text in ((2, title), (1, rest)):
        for _, ks in _hits(text, t.kind_phrases):
            for k in ks:
                score[k] += weight
    best = max(range(len(score)), key=lambda k: (score[k], -k)) if score else -1
    kind = t.kinds[best] if best >= 0 and score[best] else None
    both = f"{title}\n{rest}"
    mats = sorted({m for _, ms in _hits(both, t.material_phrases, own=True) for m in ms})
    noted = {m for _, ms in _hits(both, t.note_phrases) for m in ms}
    plats = dict.fromkeys(p for _, p in _hits(both, t.platforms))
    return WorkWords(kind, tuple((t.materials[m][0], t.materials[m][1] if m in noted else "") for m in mats),
                     tuple(plats))


def work_words(task: Any) -> WorkWords:
    return _read(*_texts(task))


def built_in_tool(task: Any) -> str:
    """The tool the task's own words name whose built-in feature they ask for ("Squarespace's own
    Scheduling (Acuity)" for a booking page on a Squarespace site), the first in the table; "" for
    none. Set up, it is often the whole job a custom build was planned for."""
    t = table()
    title, rest = _texts(task)
    both = f"{title}\n{rest}"
    tools = {i for _, ks in _hits(both, t.tool_phrases) for i in ks}
    if not tools:
        return ""
    wanted = {i for _, ks in _hits(both, t.feature_phrases) for i in ks}
    both_ways = sorted(tools & wanted)
    return t.built_in[both_ways[0]] if both_ways else ""


def acceptance_checks(task: Any) -> str:
    """What to check before paying, by the kind of work (its first variant the task's words say,
    else its own checks); :data:`DEFAULT_CHECKS` for none. A feature the named tool has built in
    (:func:`built_in_tool`) is asked for first, checked in the owner's own account (grading v23
    fix 10, piano: "hosting and a domain" for a Squarespace page)."""
    kind = work_words(task).kind
    checks, variant = DEFAULT_CHECKS if kind is None else kind.checks, None
    if kind is not None and kind.variants:
        said = {p for _, p in _hits("\n".join(_texts(task)), {k: k for ks, _ in kind.variants for k in ks})}
        variant = next((c for ks, c in kind.variants if ks & said), None)
    tool = built_in_tool(task)
    if not tool:
        return variant or checks
    # the tool's own feature has no hosting to hand over; a page on the owner's site keeps theirs
    rest = variant or (kind.hosted if kind and kind.hosted else checks)
    return f"{tool} set up in your own account (ask for that before any custom build), {rest}"


def _or_list(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


def licence_asked(task: Any, creator_content: bool) -> bool:
    """A creator's usage licence is asked for already: creators' content with someone bidding or
    hired (offer-usage-licence and usage-licence speak of its use; said once)."""
    return creator_content and any(c.status != "rejected" for c in task.candidates)


def rights_terms(task: Any, licence_said: bool = False) -> str:
    """"; in the offer, say who licenses the music for commercial use on TikTok ... and state your
    right to use the edits in paid ads and organic posts, raw and project files included" for
    creative work ("" otherwise): the material it uses (always), and the work's own use when the
    plan says nothing of who owns it (``creates_ip`` unset) and no creator's usage licence is
    asked for already (``licence_said``: offer-usage-licence speaks)."""
    w = work_words(task)
    if w.kind is None or not w.kind.rights or task.status not in OFFER_STAGES:
        return ""  # once hired, the offer is made: the hire's own checks speak
    parts = [m] if (m := material_terms(task)) else []
    if not task.creates_ip and not licence_said:
        parts.append(f"state {w.kind.rights}")
    return ("; in the offer, " + ", and ".join(parts)) if parts else ""


def material_terms(task: Any) -> str:
    """"say who licenses the music for commercial use on TikTok and Instagram (...)" for the
    third-party material creative work names; "" for none (or work that is not creative)."""
    w = work_words(task)
    if w.kind is None or not w.kind.rights:
        return ""
    parts = []
    if w.materials:
        whats = [m for m, _ in w.materials]
        notes = [n for _, n in w.materials if n]
        where = " and ".join(w.platforms) if w.platforms else "the channels you will use"
        aside = "; ".join([*notes, "paid ads need a licence that names them"])
        parts.append(f"say who licenses {' and '.join(whats)} for commercial use on {where} ({aside})")
    return "".join(parts)


def offer_material(task: Any) -> str:
    """"; say who licenses the music ..." for the offer's own step once acceptance is written (the
    acceptance step says it before): one place at a time."""
    m = material_terms(task) if (getattr(task, "acceptance", "") or "").strip() else ""
    return f"; {m}" if m else ""


def order_count(task: Any) -> tuple[int, str] | None:
    """(12, "video") when the title (else the description) counts pieces a gig sells per order. A
    count in the description counts only pieces the title names too: "60 photos" in the gallery of a
    "WooCommerce site" is its content, not the job (grading v35 review, icon studio: "begin with one
    photo at about 30 €" for a website build)."""
    units = table().units
    title_units = {units[w] for w, *_ in words((task.title or "")[:SCAN]) if w in units}
    for text in (task.title or "", task.description or ""):
        ws = words(text[:SCAN])
        for i, (w, *_rest) in enumerate(ws):
            if not w.isdigit() or not MIN_ORDERS <= int(w) <= MAX_ORDERS:
                continue
            last = None  # "12 TikTok and Reels videos": the last piece named is the head
            for j in range(i + 1, min(len(ws), i + 5)):
                if ws[j][3]:
                    break
                if ws[j][0] in units:
                    last = units[ws[j][0]]
            if last is not None and (text is task.title or last in title_units):
                return int(w), last
    return None


def one_order(task: Any, fee_of: Callable[[str], tuple[float, float] | None],
              money: Callable[[float], str], inside: bool = False) -> str:
    """"one video at about $400 (one order on Fiverr, not 12)" when the task is on a marketplace
    with a fixed fee per order and counts such pieces: the first piece is ONE order, judged before
    the rest; "" otherwise. ``fee_of``: a marketplace's (percent, fixed) or None; ``inside``:
    said inside brackets (no brackets of its own)."""
    per_order = [m for m in task.marketplaces if (f := fee_of(m)) is not None and f[1] > 0]
    got = order_count(task) if per_order else None
    if got is None:
        return ""
    n, unit = got
    from advisor.rules.sizing import nice_amount

    price = task.budget / n if task.pricing == "fixed" and task.budget else None
    at = f" at about {money(nice_amount(price))}" if price else ""
    if inside:  # inside brackets already (the start-small message)
        return f"one {unit}{at}, one order on {per_order[0]}, not {n}"
    return f"one {unit}{at} (one order on {per_order[0]}, not {n})"


def post_where(task: Any, market_names: Iterable[str], rated: Iterable[str | None]) -> str:
    """"; then pick where to post it: Useme (where you noted its going rate) or Upwork" for a
    draft with no marketplace and nobody in the running, from the plan's marketplaces (those
    where its skills' rates were noted first); "" otherwise (posted, or work under way)."""
    names = list(dict.fromkeys(market_names))
    if task.status != "draft" or task.marketplaces or task.candidates or not names:
        return ""
    seen = {fold(r) for r in rated if r}
    first = [m for m in names if fold(m) in seen]
    rest = [m for m in names if fold(m) not in seen]
    if first:
        noted = f"{first[0]} (where you noted its going rate)" if len(first) == 1 else \
            f"{_or_list(first)} (where you noted its going rates)"
        shown = [noted, *rest]
    else:
        shown = rest
    return f"; then pick where to post it: {_or_list(shown)}"
