"""Red-flag words read in context: whether a chat app, a bank transfer or the marketplace's own
name in a candidate's notes is a request to move off the marketplace.

A phrase alone cannot tell "pay me by bank transfer" from "Upwork pays out to my bank account",
or "outside Upwork" from "outside business hours": these look at the words around a match and at
the candidate's marketplace (grading v12, fitness; v17, cider and plumbing: "virement direct en
dehors d'Upwork", "doğrudan IBAN'ıma ... Bionluk komisyonu da çıkmaz").
"""

from __future__ import annotations

import functools
import re
from typing import Callable, Iterable

from advisor.phrases import CATEGORIES, MAX_QUOTES, NEGATIONS, Found, builtin_phrases, negated_after, words
from advisor.channelcontext import paid_to_them, kept_said, subject_apps, talked_of
from advisor.refusals import refused_words
from advisor.substitution import with_substitutes


#: Words after an ``on_platform`` lead-in that name the marketplace itself ("only through the platform").
_PLATFORM_WORDS = frozenset({"platform", "marketplace", "site", "платформу", "платформи", "плаформу", "plataforma",
                             "plateforme", "plattform", "platformę", "المنصة"})


def in_context(found: Found, text: str, marketplace: str | None, subject: frozenset[str] = frozenset(),
               agency: bool = False) -> Found:
    """``found`` with its context read: a request to move off the marketplace (``off_platform``,
    its words quoted) is also

    - a chat app named alone (``chat_channel``), unless the same text puts it after the contract
      ("daily updates in Telegram after signing") or keeps payment on the marketplace ("all payments
      only through Upwork"): then it is no red flag at all (grading v12, fitness);
    - a bank transfer or IBAN (``bank_channel``), unless its clause names the marketplace as the
      way of paying ("Upwork pays out to my IBAN") or the notes keep payment on it;
    - a contact handle ("LINEで", "my WhatsApp") is no request where the notes put it after the
      contract AND keep payment on a marketplace ("契約後はLINEで… お支払いはCrowdWorks経由で";
      grading v21, placement): :func:`_contact_dropped`;
    - a chat app the task itself is about (``subject``: :func:`advisor.channelcontext.subject_words`
      holds it: "WhatsApp" on a WhatsApp-bot task) is the work, no move; named in a clause of
      talking ("let's continue on WhatsApp") it is a question (:attr:`Found.unsure`); and a
      sentence that keeps the talk on the marketplace ("we keep our chats on Upwork",
      :func:`advisor.channelcontext.kept_said`) keeps a chat app from being a move, as "only
      through Upwork" does (grading v23, hostel);
    - the marketplace named as left behind in any language (:func:`left_marketplace`: "en dehors
      d'Upwork", "Bionluk dışında", "Bionluk komisyonu da çıkmaz"; grading v17, cider, plumbing).

    A bare "guaranteed" inside a promise about their own service ("100% satisfaction guaranteed")
    is no guarantee of a result (:func:`_service_promise_dropped`); money asked before the work and
    paid into the marketplace's escrow in the same sentence ("по 100% предоплате через безопасную
    сделку Kwork") is no money up front (:func:`_escrowed_upfront_dropped`); a coin the task is
    about ("USDT" on a USDT checkout) is no payment you cannot get back unless the clause makes it
    theirs (:func:`_own_coin_dropped`).

    A sentence that hands the work to someone else in words no phrase holds ("τις καμπάνιες θα τις
    αναλάβει ο συνεργάτης μου") is a ``substitution`` too (:func:`advisor.substitution.substitutes`;
    ``agency``: the notes are an agency's, whose own team is no one else).

    Linear in the text: one split, a bounded look around each mention of the marketplace."""
    found = with_substitutes(found, text, agency)
    if ("after_contract" in found.categories and "off_platform" in found.categories
            and (_kept_on(text, marketplace) or _paid_via(words(text), marketplace))):
        found = _contact_dropped(found)
    found = _escrowed_upfront_dropped(_service_promise_dropped(found), text)
    if "keeps_accounts" in found.categories:
        found = _paid_account_dropped(found, text)
    if "chat_channel" in found.categories:
        found = _feature_chat_dropped(found, text)
    if "off_platform" in found.categories or "bank_channel" in found.categories:
        found = _ad_spend_direct_dropped(found, text)
    chat = "chat_channel" in found.categories
    bank = "bank_channel" in found.categories
    ws = words(text) if (chat or bank or marketplace or subject) else []
    if subject and "payment" in found.categories:
        found = _own_coin_dropped(found, ws, subject)
    left = left_marketplace(text, ws, marketplace) if marketplace else ""
    if not (chat or bank or left):
        return found
    kept = (chat or bank or left) and _kept_on(text, marketplace)
    if left and kept:
        found, left = _story_dropped(found, left), ""
    quotes = dict(found.quotes)
    extra: list[str] = []
    if chat and not kept and "after_contract" not in found.categories and not kept_said(ws, _names(marketplace)):
        own = subject_apps(quotes["chat_channel"], subject) if subject else ()
        extra.extend(q for q in quotes["chat_channel"] if q not in own)
        ask = tuple(q for q in own if talked_of(ws, q))
        if ask:
            found = Found(tuple(k for k in found.categories if k != "chat_channel"), found.quotes,
                          {**(found.unsure or {}), "chat_channel": ask})  # asked (unsure_request), not read as said
    if bank and not kept and (left or not _pays_through(ws, marketplace)):
        # a wallet the task itself is about ("WeChat Pay" on a WeChat Pay checkout) is the work
        own = subject_apps(quotes["bank_channel"], subject) if subject else ()
        extra.extend(q for q in quotes["bank_channel"] if q not in own or paid_to_them(ws, q))
    if left:
        extra.append(left)
    if not extra:
        return found
    said = tuple(dict.fromkeys((*extra, *quotes.get("off_platform", ()))))
    said = tuple(q for q in said if not any(q != o and q.casefold() in o.casefold() for o in said))
    low = text.casefold()  # in the order they are written ("virement" is in "virement direct": once)
    quotes["off_platform"] = tuple(sorted(said, key=lambda q: low.find(q.casefold())))[:MAX_QUOTES]
    cats = tuple(c for c in CATEGORIES if c in found.categories or c == "off_platform")
    return Found(cats, quotes, found.unsure)


def _contact_dropped(found: Found) -> Found:
    """``found`` without the off-platform quotes that only name a way to talk (a chat app, an
    e-mail, a phone): the caller has read that the notes put it after the contract and keep payment
    on a marketplace. A quote about money ("pay me directly", "save the fees") stays."""
    return keep_quotes(found, "off_platform", tuple(q for q in found.quotes.get("off_platform", ()) if not contact_only(q)))


#: Creators' words that are only editing when the footage is the owner's ("edit Reels from the clips
#: our instructors film": a social media manager's work, owned outright; grading v34 review, pilates).
_EDITING_ONLY = frozenset({"reels", "tiktok videos", "tiktok video", "video ads", "video ad", "ad creatives", "ad creative"})
_OWN_FOOTAGE = re.compile(r"\b(?:our|my) (?:own )?(?:clips|footage|videos|video clips|recordings|photos)\b"
                          r"|\b(?:clips|footage|videos) (?:that )?(?:our|we) (?:\w+ ){0,2}(?:film|shoot|record)"
                          r"|\bwe (?:film|shoot|record)\b", re.IGNORECASE)


_SCREEN_READER = re.compile(r"\bnvda\b|\bjaws\b|\btalkback\b|screen.?reader|\bwcag\b|accessibilit|קורא מסך|נגישות",
                            re.IGNORECASE)


def own_footage_dropped(found: Found, text: str) -> Found:
    """A task's ``creator_content`` without its editing words when the task says the footage is the
    owner's: no creator's licence to buy, an IP assignment as for any work made for you."""
    said = found.quotes.get("creator_content", ()) if "creator_content" in found.categories else ()
    if not said:
        return found
    head = text[:4000]
    drop = set(_EDITING_ONLY) if _OWN_FOOTAGE.search(head) else set()
    if _SCREEN_READER.search(head):  # Apple's screen reader, not a voice actor (grading v36 review, accessibility)
        drop |= {"voiceover", "voice over"}
    if not drop:
        return found
    return keep_quotes(found, "creator_content", tuple(q for q in said if q.casefold() not in drop))


def keep_quotes(found: Found, category: str, rest: tuple[str, ...]) -> Found:
    """``found`` with only ``rest`` of ``category``'s quotes (the category gone with none left);
    ``found`` itself when nothing was taken out. The one way every context reading drops words."""
    if rest == tuple(found.quotes.get(category, ())):
        return found
    quotes = {k: v for k, v in found.quotes.items() if k != category}
    if rest:
        quotes[category] = rest
    return Found(tuple(c for c in found.categories if c != category or rest), quotes, found.unsure)


def contact_only(quote: str) -> bool:
    ws = {w for w, *_ in words(quote)}
    return bool(ws & _CONTACT_WORDS) and not ws & (_MONEY_WORDS | _FEE_WORDS)


def _service_promise_dropped(found: Found) -> Found:
    """``found`` without the ``guarantee`` words that sit inside a ``service_promise`` quote:
    "satisfaction guaranteed or a free revision" promises their own service, which is theirs to
    give; "We guarantee page 1 on Google" stays (grading v21, funeral: the first was a drop reason,
    the second was missed)."""
    kept = found.quotes.get("service_promise", ()) if "guarantee" in found.categories else ()
    if not kept:
        return found
    inside = [k.casefold() for k in kept]
    return keep_quotes(found, "guarantee", tuple(q for q in found.quotes.get("guarantee", ())
                                                 if not any(q.casefold() in k for k in inside)))


#: Money words: "my account" in a clause with one of them is where they are paid, not where the
#: work is kept ("Προκαταβολή 50% με κατάθεση στον λογαριασμό μου": a deposit to my account;
#: grading v33 review, e-bike tours, read as keeping the site in his accounts).
_PAID_WORDS = re.compile(
    r"\bpa(?:y|id|ying|yment)\b|\bdeposit|\btransfer|\bwire\b|\badvance\b|\bupfront\b|\bup front\b|\biban\b|\bbank\b"
    r"|\bpag[aoe]\w*|transfer[eê]ncia|dep[oó]sit|adelanto|anticipo|κατάθεσ|πληρωμ|προκαταβολ|τράπεζ|\biris\b|перевод|оплат"
    r"|предоплат|банк|تحويل|إيداع|دفع|भुगतान|ट्रांसफर|付款|转账|轉帳|汇款|匯款|振込|支払|입금|송금|โอน|chuyển khoản|ödeme|havale"
    r"|przelew|wpłat|virement|paiement|zahlung|überweis|anzahlung|העבר|תשלום|מקדמה", re.IGNORECASE)


#: A keeps_accounts phrase that names an account (a server or a name is never where money goes).
_ACCOUNT = re.compile(r"account|cuenta|\bconta\b|λογαριασμ|аккаунт|сч[её]т|حساب|compte|konto|hesab|akaun|akun|tài khoản"
                      r"|계정|アカウント|账号|帳號|賬號|חשבון", re.IGNORECASE)


#: A chat app as a feature the work builds ("WhatsApp के लिए सिर्फ़ click-to-chat लिंक": links to it on a
#: certificate; grading v35 review, pest control, asked whether he wanted to talk off the marketplace).
_FEATURE = re.compile(r"click.to.chat|\bchat links?\b|\bbutton|\bapi\b|\bintegrat|\bwidget|\bchatbot|\bbot\b"
                      r"|\bmessage templates?\b|बटन|按钮|按鈕|ボタン|버튼|ปุ่ม|кнопк|botón|botão", re.IGNORECASE)


#: The ad spend paid straight to the ad platform by the owner ("ค่าโฆษณาร้านจ่ายตรงกับ Meta ด้วยบัตรของร้าน":
#: the shop pays Meta with its own card; grading v37 review, car wrap ads: the safe set-up read as a
#: move off the marketplace): a sentence naming an ad platform and ad spend.
_AD_PLATFORM = re.compile(r"\bmeta\b|facebook|\bgoogle\b|tiktok|line ads|\bbing\b|linkedin ads|pinterest", re.IGNORECASE)
_AD_SPEND_WORDS = re.compile(r"ค่าโฆษณา|\bad spend|\bads? budget|\bad costs?\b|广告费|廣告費|광고비|reklam bütçe|verba de anúncio"
                             r"|presupuesto de anuncios|budget publicitaire|werbebudget|рекламн\w+ бюджет|ค่ายิงแอด", re.IGNORECASE)


def _dropped_where(found: Found, category: str, text: str, drop: Callable[[str, str], bool]) -> Found:
    """``found`` without the ``category`` quotes for which ``drop(quote, its sentence)`` holds: the
    one way the context readers below look at a quote's own sentence (split as :data:`_SENTENCE`)."""
    said = found.quotes.get(category, ()) if category in found.categories else ()
    if not said:
        return found
    low = text.casefold()
    kept = []
    for q in said:
        at = low.find(q.casefold())
        sentence = next((m.group(0) for m in _SENTENCE.finditer(text) if m.start() <= at < m.end()), "") if at >= 0 else ""
        if not (sentence and drop(q, sentence)):
            kept.append(q)
    return found if len(kept) == len(said) else keep_quotes(found, category, tuple(kept))


def _ad_spend_direct_dropped(found: Found, text: str) -> Found:
    """``found`` without the payment-channel quotes of a sentence about paying an ad platform directly."""
    def ads(_q: str, sentence: str) -> bool:
        return bool(_AD_PLATFORM.search(sentence) and _AD_SPEND_WORDS.search(sentence))

    return _dropped_where(_dropped_where(found, "off_platform", text, ads), "bank_channel", text, ads)


def _feature_chat_dropped(found: Found, text: str) -> Found:
    """``found`` without the ``chat_channel`` quotes whose sentence makes the app part of the work."""
    return _dropped_where(found, "chat_channel", text, lambda _q, sentence: bool(_FEATURE.search(sentence)))


def _paid_account_dropped(found: Found, text: str) -> Found:
    """``found`` without the ``keeps_accounts`` quotes that name an account in a sentence about money
    (see :data:`_PAID_WORDS`): the account is where they are paid."""
    return _dropped_where(found, "keeps_accounts", text,
                          lambda q, sentence: bool(_ACCOUNT.search(q) and _PAID_WORDS.search(sentence)))


def _own_coin_dropped(found: Found, ws: list[tuple[str, int, int, bool]], subject: frozenset[str]) -> Found:
    """``found`` without the ``payment`` quotes (a coin, a gift card) whose words the task's own
    text holds (``subject``) and whose clause does not make the money theirs
    (:func:`advisor.channelcontext.paid_to_them`): "built three USDT checkouts" on a USDT checkout
    is the work; "pay me in USDT" there is still a payment nobody can reverse (grading v25)."""
    said = found.quotes.get("payment", ())
    own = subject_apps(said, subject)
    return keep_quotes(found, "payment", tuple(q for q in said if q not in own or paid_to_them(ws, q)))


#: A sentence for :func:`_escrowed_upfront_dropped`: it reaches past commas ("предоплата 50%,
#: через безопасную сделку"), not past a full stop, a semicolon or a line.
_SENTENCE = re.compile("[^.;!?\n。！？]+")


def _escrowed_upfront_dropped(found: Found, text: str) -> Found:
    """``found`` without the ``upfront`` quotes whose sentence also pays into the marketplace's
    escrow (``in_escrow``, not negated: "без безопасной сделки" is not one): "работаю по 100%
    предоплате через безопасную сделку Kwork" is how Kwork and FL.ru hold the money, not money
    paid to the person (grading v25, flower). Other sentences' money up front stays."""
    if "upfront" not in found.categories or "in_escrow" not in found.categories:
        return found
    low = text.casefold()
    spans = [m.span() for m in _SENTENCE.finditer(low)]

    def sentence(quote: str) -> tuple[int, int] | None:
        at = low.find(quote.casefold())
        return next((s for s in spans if s[0] <= at < s[1]), None) if at >= 0 else None

    held = {sentence(q) for q in found.quotes.get("in_escrow", ())} - {None}
    return keep_quotes(found, "upfront", tuple(q for q in found.quotes.get("upfront", ()) if sentence(q) not in held))


def _story_dropped(found: Found, left: str) -> Found:
    """``found`` without the "outside <marketplace>" words (``left``) where the same notes keep the
    work on it: "a client who moved work outside Upwork cheated me, so I only work through Upwork"
    is a story, not a request (grading v19, pharmacy: the best translator dropped on it). Other
    off-platform words (a chat handle, "email me") stay."""
    low = left.casefold()
    return keep_quotes(found, "off_platform", tuple(q for q in found.quotes.get("off_platform", ())
                                                    if q.casefold() not in low and low not in q.casefold()))


#: What to ask a candidate whose note names a request only beside a negation further back in its
#: clause, or whose red flag only the owner's interview notes name (:attr:`Found.unsure`), per
#: category; the first one found is asked.
_CONFIRM = (("credentials", "whether they need your own login"),
            ("upfront", "whether they want money up front"),
            ("payment", "how they want to be paid"),
            ("off_platform", "whether they want to talk or be paid outside the marketplace"),
            ("bank_channel", "whether they want to be paid outside the marketplace"),
            ("chat_channel", "whether they want to talk outside the marketplace"),
            ("guarantee", "what exactly they promise"),
            ("machine_work", "who does the work and whether any of it is machine or AI output"),
            ("data_tool", "whether your data goes into any online tool"))


def unsure_request(found: Found, flagged: Iterable[str]) -> tuple[str, str]:
    """(what to ask, the words quoted) for the first :attr:`Found.unsure` category that is not a
    red flag already (``flagged``); ("", "") when none. An unsure match never rules anyone out: it is
    a question (grading v18: a negation read wrongly dropped the best candidate twice)."""
    flagged = set(flagged)
    contact = {"off_platform", "bank_channel", "chat_channel"}
    for cat, what in _CONFIRM:
        quotes = (found.unsure or {}).get(cat)
        if quotes and cat not in flagged and not (cat in contact and "off_platform" in flagged):
            return what, ", ".join(f'"{q}"' for q in quotes)
    return "", ""


def _folded(items: Iterable[str]) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(w for w, *_ in words(x)) for x in items)


#: Words before the marketplace's name that put a payment outside it ("outside Upwork", "en dehors
#: d'Upwork", "außerhalb von Fiverr"), and words after it that do in languages that put them after
#: ("Bionluk dışında", "Upwork 外で", "크몽 밖에서").
_OFF_LEADS = _folded(("outside", "outside of", "en dehors de", "en dehors d", "en dehors du", "hors de", "hors d",
                      "außerhalb", "außerhalb von", "fuera de", "fuera del", "fora do", "fora da", "poza", "вне",
                      "خارج", "bypass", "bypassing", "around", "นอก", "ngoài", "bên ngoài", "di luar", "luar",
                      "labas ng", "sa labas ng", "за пределами", "поза межами", "поза"))
_OFF_TRAILS = _folded(("dışında", "dışı", "haricinde", "外", "以外", "밖", "외부", "除外", "बाहर"))
#: A marketplace's fee, and words that say it is dodged: "no Upwork fee", "save the Fiverr
#: commission", "Bionluk komisyonu da çıkmaz", "sans les frais Malt".
_FEE_WORDS = frozenset(w for x in _folded(("fee", "fees", "commission", "commissions", "cut", "komisyon", "komisyonu",
                                           "kesinti", "frais", "gebühr", "gebühren", "provision", "comisión",
                                           "comision", "comisiones", "comissão", "taxa", "prowizja", "prowizji",
                                           "комиссия", "комиссии", "수", "料", "费", "佣", "kaltas", "singil",
                                           "komisi", "potongan", "biaya", "yuran", "caj", "kamisheni", "ফি",
                                           "কমিশন", "فیس", "کمیشن", "ค่าธรรมเนียม", "phí")) for w in x)
_DODGE_WORDS = frozenset(w for x in _folded(("save", "saves", "saving", "avoid", "avoids", "skip", "dodge", "çıkmaz",
                                             "ödemezsiniz", "ödemeden", "yok", "économiser", "éviter", "sparen",
                                             "ahorrar", "ahorra", "evitar", "economizar", "なし", "없이", "免",
                                             "no", "without", "sans", "ohne", "kein", "keine", "sin", "sem", "zero",
                                             "без", "bez", "walang", "wala", "tanpa", "tiada", "bila",
                                             "ছাড়া", "ছাড়াই", "بغیر", "بچت", "jimat", "hemat"))
                         for w in x)
#: Words around a mention the look reaches (a clause rarely says it in more).
_NEAR = 4


def left_marketplace(text: str, ws: list[tuple[str, int, int, bool]], marketplace: str) -> str:
    """The words (as written) that put payment or talk outside ``marketplace``, "" when none: its
    name (or "the platform") after an off lead-in or before an off trail word, or beside its fee in a
    clause that dodges it. Whole words, folded, any language the lists hold. Words a candidate
    refuses (:func:`advisor.refusals.refused_words`: "no quiero que me pagues por fuera de
    Workana") or negates after them ("Bionluk dışında ödeme istemiyorum") are no request."""
    names = _names(marketplace)
    refused: list[bool] | None = None
    for i, (w, *_rest) in enumerate(ws):
        if w not in names:
            continue
        if refused is None:
            refused = refused_words(ws, NEGATIONS)
        if refused[i]:
            continue
        for lead in _OFF_LEADS:
            for gap in (0, 1):  # "outside Upwork", "outside of the platform"
                a = i - gap - len(lead)
                if a >= 0 and tuple(x[0] for x in ws[a:a + len(lead)]) == lead and _one_clause(ws, a, i):
                    if negated_after(ws, i):
                        break
                    return _span(text, ws, a, i)
        for trail in _OFF_TRAILS:
            for gap in (0, 1):  # "Bionluk dışında", "Bionluk'un dışında"
                b = i + 1 + gap
                if tuple(x[0] for x in ws[b:b + len(trail)]) == trail and _one_clause(ws, i, b + len(trail) - 1):
                    if negated_after(ws, b + len(trail) - 1):
                        break
                    return _span(text, ws, i, b + len(trail) - 1)
        lo, hi = _clause_window(ws, i)
        fee = [j for j in range(lo, hi + 1) if ws[j][0] in _FEE_WORDS]
        dodge = [j for j in range(lo, hi + 1) if ws[j][0] in _DODGE_WORDS]
        if fee and dodge:
            return _span(text, ws, min(i, *fee, *dodge), max(i, *fee, *dodge))
    return ""


def _names(marketplace: str | None) -> set[str]:
    names = set(_PLATFORM_WORDS)
    first = words(marketplace) if marketplace else []
    if first:
        names.add(first[0][0])
    return names


def _one_clause(ws: list[tuple[str, int, int, bool]], a: int, b: int) -> bool:
    return not any(ws[k][3] for k in range(a + 1, b + 1))


def _clause_window(ws: list[tuple[str, int, int, bool]], i: int) -> tuple[int, int]:
    """The words within :data:`_NEAR` of ``ws[i]`` in its clause."""
    lo = i
    while lo > 0 and i - lo < _NEAR and not ws[lo][3]:
        lo -= 1
    hi = i
    while hi + 1 < len(ws) and hi - i < _NEAR and not ws[hi + 1][3]:
        hi += 1
    return lo, hi


def _span(text: str, ws: list[tuple[str, int, int, bool]], a: int, b: int) -> str:
    return " ".join(text[ws[a][1]:ws[b][2]].split())


@functools.lru_cache(maxsize=1)
def _on_leads() -> tuple[frozenset[tuple[str, ...]], int]:
    """The built-in ``on_platform`` lead-ins, folded once per process, and the longest's length."""
    leads = frozenset(tuple(w for w, *_ in words(p)) for p in builtin_phrases()["on_platform"])
    return leads, max((len(x) for x in leads), default=0)


@functools.lru_cache(maxsize=1)
def _bank_by_first() -> dict[str, tuple[tuple[str, ...], ...]]:
    """The built-in bank words folded once per process, by their first word (they were folded again
    for every note: 35 splits of the list per note, most of the context's cost; session 15)."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for p in _folded(builtin_phrases()["bank_channel"]):
        if p:
            out.setdefault(p[0], []).append(p)
    return {k: tuple(v) for k, v in out.items()}


def _pays_through(ws: list[tuple[str, int, int, bool]], marketplace: str | None) -> bool:
    """A clause holding a bank word also names the marketplace ("Upwork pays out to my bank
    account"): the bank is where the marketplace pays, not a way around it."""
    names = _names(marketplace) - {"site"}
    bank = _bank_by_first()
    starts = [0] + [k for k, x in enumerate(ws) if x[3] and k]
    bounds = list(zip(starts, [*starts[1:], len(ws)]))
    for a, b in bounds:
        clause = tuple(x[0] for x in ws[a:b])
        has_bank = any(clause[k:k + len(p)] == p for k, w in enumerate(clause) for p in bank.get(w, ()))
        if has_bank and not any(w in names for w in clause):
            return False
    return True


#: Words after the marketplace's name that keep payment on it in languages that put them after
#: ("Sözleşme ve ödeme Upwork üzerinden", "Upwork経由で"; grading v18, studio).
_ON_TRAILS = frozenset(w for x in _folded(("üzerinden", "aracılığıyla", "経由")) for w in x[:1])
#: Marketplaces known by name, whatever the candidate's own: a note may keep payment on another
#: one ("payment via CrowdWorks" from a candidate recorded on Lancers).
KNOWN_MARKETPLACES = ("Upwork", "Fiverr", "Freelancer", "Freelancer com", "PeoplePerHour", "Toptal", "Malt",
                      "Workana", "CrowdWorks", "クラウドワークス", "Lancers", "ランサーズ", "Coconala", "ココナラ",
                      "Kmong", "크몽", "숨고", "Bionluk", "Guru", "Contra", "99designs", "Kwork", "Useme",
                      "Freelancermap", "Truelancer", "Sribulancer", "Projektbörse", "Twago", "猪八戒", "Etsy")
#: Words before or after a marketplace's name that carry payment through it, read only in a
#: clause that speaks of paying (:data:`_MONEY_WORDS`): "payment via CrowdWorks", "Zahlung über
#: Malt", "お支払いはCrowdWorksで", "크몽을 통해 결제", "bayad sa pamamagitan ng Upwork".
_VIA_LEADS = _folded(("via", "through", "thru", "over", "on", "über", "por", "pelo", "pela", "par", "sur",
                      "durch", "przez", "через", "عبر", "melalui", "lewat", "sa", "sa pamamagitan ng", "kupitia",
                      "এর মাধ্যমে", "کے ذریعے", "के ज़रिए", "के माध्यम से", "से"))
_VIA_TRAILS = _folded(("経由", "で", "を通じて", "を通して", "통해", "을 통해", "를 통해", "으로", "로", "에서",
                       "通过", "üzerinden", "aracılığıyla", "से", "के ज़रिए", "के माध्यम से", "এর মাধ্যমে",
                       "کے ذریعے"))
_MONEY_SEQS = _folded(("pay", "pays", "paid", "paying", "payment", "payments", "invoice", "invoices", "billing",
                       "支払", "払い", "決済", "入金", "결제", "지불", "입금", "付款", "支付", "pago", "pagos", "pagar",
                       "pagamento", "pagamentos", "paiement", "paiements", "payer", "zahlung", "bezahlung",
                       "płatność", "płatności", "оплата", "оплату", "الدفع", "bayad", "bayaran", "magbayad",
                       "pembayaran", "bayar", "malipo", "lipa", "পেমেন্ট", "ادائیگی", "भुगतान", "पेमेंट",
                       "ödeme", "ödemeler"))
_MONEY_WORDS = frozenset(x[0] for x in _MONEY_SEQS if len(x) == 1)
#: Words that name a way to talk, not to pay (a chat app, e-mail, a phone).
_CONTACT_WORDS = frozenset(w for x in _folded((*builtin_phrases()["chat_channel"], "line", "email", "e mail",
                                               "gmail", "phone", "number", "text", "dm", "skype", "signal",
                                               "ไลน์", "ライン", "라인"))
                           for w in x if len(w) > 1 or not w.isascii()) - frozenset(_folded(("e",))[0])


def _marketplace_names(marketplace: str | None) -> tuple[tuple[str, ...], ...]:
    """The folded word runs that name a marketplace: ``marketplace``, the known ones, "the platform"."""
    names = {x for x in _folded((*KNOWN_MARKETPLACES, *([marketplace] if marketplace else []))) if x}
    names.update((w,) for w in _PLATFORM_WORDS if w != "site")
    return tuple(names)


def _paid_via(split: list[tuple[str, int, int, bool]], marketplace: str | None) -> bool:
    """A clause that speaks of paying names a marketplace with a :data:`_VIA_LEADS` word before it
    or a :data:`_VIA_TRAILS` word after it (one word, a particle or "the", may sit between).
    Read only beside a contact handle put after the contract: "paid through Workana" in a story of
    a past milestone keeps no later request on it (grading v17, paywall).
    Linear: each word starts at most (names + leads + trails) short comparisons."""
    ws = [w for w, *_ in split]
    names = _marketplace_names(marketplace)
    starts = [0] + [k for k, x in enumerate(split) if x[3] and k]
    for a, b in zip(starts, [*starts[1:], len(ws)]):
        clause = tuple(ws[a:b])
        if not any(clause[k:k + len(m)] == m for m in _MONEY_SEQS for k in range(len(clause))):
            continue
        for i in range(len(clause)):
            for name in names:
                if clause[i:i + len(name)] != name:
                    continue
                end = i + len(name)
                for gap in (0, 1):
                    if any(i - gap - len(x) >= 0 and clause[i - gap - len(x):i - gap] == x for x in _VIA_LEADS):
                        return True
                    if any(clause[end + gap:end + gap + len(x)] == x for x in _VIA_TRAILS):
                        return True
    return False


def _kept_on(text: str, marketplace: str | None) -> bool:
    """The text says "only through <the marketplace>" (an ``on_platform`` lead-in followed by the
    marketplace's first word, or "the platform"), names the marketplace before an
    :data:`_ON_TRAILS` word ("Upwork üzerinden")."""
    names = set(_PLATFORM_WORDS)
    if marketplace:
        first = words(marketplace)
        if first:
            names.add(first[0][0])
    split = words(text)
    ws = [w for w, *_ in split]
    for i, w in enumerate(ws[:-1]):
        if w in names and w != "site" and ws[i + 1] in _ON_TRAILS and not split[i + 1][3]:
            return True
    leads, longest = _on_leads()
    for i in range(len(ws)):
        for n in range(1, longest + 1):
            if tuple(ws[i:i + n]) in leads:
                after = ws[i + n:i + n + 2]  # "through Upwork", "through the platform"
                if any(w in names or _inflected(w, names) for w in after):
                    return True
    return False


#: Letters a case ending adds to a marketplace's name ("preko Upworka", "přes Upwork", "через Кворк").
_CASE_ENDING = 3


def _inflected(word: str, names: set[str]) -> bool:
    """``word`` is a name of ``names`` (5 letters or more) with a case ending of at most
    :data:`_CASE_ENDING` letters: Serbian, Czech and Polish decline a marketplace's name
    ("samo preko Upworka", "tylko przez Upworka")."""
    return any(len(n) >= 5 and word.startswith(n) and 0 < len(word) - len(n) <= _CASE_ENDING and word[len(n):].isalpha()
               for n in names if n != "site")
