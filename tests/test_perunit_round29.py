"""Round 29, part B (grading v26): a quote for part of the quantity, the rest priced per unit.
Three plans of the review were ranked on a price that left part of the job out: "थंबनेल अलग से
₹300 प्रति वीडियो" (thumbnails ₹300 per video on top) for 40 videos, ranked at ₹38,300 instead of
₹50,000 (in-jee-lecture-editing); "the offer covers the first 1,000 products, the rest €0.45 each"
for 2,400, ranked #1 at €650 instead of €1,280 with milestones built on €650
(gr-pharmacy-eshop-products); "the form and terms priced apart at ¥4,000 per 1,000 characters",
whose size the quote does not state, ranked as a whole quote of ¥82,000 (jp-kimono-translation).
A price per unit of a part is quantity x unit price when the task gives the quantity, else the
quote is partial and unpriced (advisor/plan/perunit.py, read by advisor/plan/scope.py)."""

from __future__ import annotations

import pytest

from advisor.commands.check import ranking_lines
from advisor.plan.model import Candidate, Task
from advisor.plan.scope import open_parts, priced_parts
from tests import plan_runner
from tests.plan_runner import candidate, head, task


def _task(title: str, description: str = "", acceptance: str = "", pricing: str = "fixed") -> Task:
    return Task(id="t", title=title, description=description, acceptance=acceptance, pricing=pricing)


def _price(task: Task, bid: float, notes: str) -> float | None:
    return Candidate(id="c", name="C", bid=bid, notes=notes).price(task)


VIDEOS = _task("Edit 40 recorded lectures, with a YouTube thumbnail for each",
               "Trim, chapter markers and one thumbnail per video in our template.", "40 videos, 40 thumbnails")
PRODUCTS = _task("Enter 2,400 parapharmacy products into our new WooCommerce e-shop",
                 "Greek title, our own description, EAN, price, category and photo for each product.")


# -- a price per unit of a part, the quantity from the task ------------------------------------

@pytest.mark.parametrize("notes", [
    "यह कीमत सिर्फ़ एडिटिंग की है। थंबनेल अलग से ₹300 प्रति वीडियो लगेंगे। 3 जनवरी तक सारे वीडियो।",  # Hindi
    "Цена только за монтаж. Обложки отдельно, ₹300 за каждое видео.",  # Russian
    "El precio es solo la edición. Las miniaturas se cobran aparte, ₹300 por video.",  # Spanish
    "Thumbnails are extra at ₹300 per video.",  # English: the task's own count of videos
])
def test_a_part_priced_per_video_is_the_task_count_times_the_unit_price(notes):
    assert _price(VIDEOS, 38000.0, notes) == 38000.0 + 40 * 300.0
    assert open_parts(notes, VIDEOS) == ()  # priced: nothing left to ask


def test_the_first_n_and_the_rest_per_unit_is_the_whole_quantity():
    notes = ("Η προσφορά αφορά τα πρώτα 1.000 προϊόντα. Για τα υπόλοιπα, 0,45 € ανά προϊόν. "
             "Παράδοση έως 15 Ιανουαρίου.")
    assert _price(PRODUCTS, 650.0, notes) == pytest.approx(650.0 + 1400 * 0.45)
    parts = priced_parts(notes, PRODUCTS, 650.0)
    assert [s for s, _ in parts] == ["Η προσφορά αφορά τα πρώτα 1.000 προϊόντα", "Για τα υπόλοιπα, 0,45 € ανά προϊόν"]
    german = "Das Angebot gilt für die ersten 1.000 Produkte. Für den Rest 0,45 € pro Produkt."
    assert _price(PRODUCTS, 650.0, german) == pytest.approx(1280.0)


# -- what stays partial and unpriced -------------------------------------------------------------

def test_a_price_per_1000_characters_of_a_part_of_unstated_size_stays_partial():
    task = _task("Translate our website, booking form and rental terms into Traditional Chinese",
                 "About 12,000 characters: website ~7,000, booking form ~1,000, rental terms ~4,000.")
    notes = "報價只包網站內容；預約表格同租借條款另計，每一千字 ¥4,000。可以 1月10日前交。"
    assert _price(task, 78000.0, notes) == 78000.0  # never silently whole
    assert open_parts(notes, task) == ("報價只包網站內容；預約表格同租借條款另計，每一千字 ¥4,000",)


def test_a_price_per_unit_the_task_gives_no_count_of_stays_partial():
    task = _task("Design our brochure", "A 12-page brochure for the spring fair, print-ready.")
    assert _price(task, 900.0, "Stock photos are extra at $15 per image.") == 900.0
    assert open_parts("Stock photos are extra at $15 per image.", task) == ("Stock photos are extra at $15 per image",)
    # the rest per unit with no "first N" said: the rest's quantity is not known
    assert _price(PRODUCTS, 650.0, "Για τα υπόλοιπα, 0,45 € ανά προϊόν.") == 650.0


@pytest.mark.parametrize("notes", [
    "Η προσφορά αφορά τα πρώτα 1.000 προϊόντα.",
    "Der Preis gilt nur für die ersten 500 Produkte.",
    "Цена только за первые 100 товаров.",
    "My quote covers only the first 1,000 products.",
])
def test_the_first_n_of_the_quantity_is_a_part_quote_even_with_no_price_for_the_rest(notes):
    assert open_parts(notes, PRODUCTS)


@pytest.mark.parametrize("notes", [
    "पहले 20 वीडियो 24 दिसंबर तक, बाकी 20 वीडियो 2 जनवरी तक दे दूँगा।",  # a delivery schedule, no part-quote
    "The first 2 weeks go to the template, then the rest.",  # a time, not the quantity
    "The price covers all 2,400 products.",
])
def test_a_schedule_or_the_whole_quantity_is_no_part_quote(notes):
    assert open_parts(notes, PRODUCTS) == ()
    assert open_parts(notes, VIDEOS) == ()


# -- a rate is still a rate ---------------------------------------------------------------------

@pytest.mark.parametrize("notes", [
    "Hosting €10/month extra.",
    "Support after launch is extra at $25 per hour.",
    "Hosting kostet zusätzlich 10 € pro Monat.",
    "Хостинг отдельно, 500 ₽ в месяц.",
])
def test_a_rate_is_no_part_price(notes):
    task = _task("Build our shop site with 40 products", "WooCommerce shop, 40 products, hosting by us.")
    assert _price(task, 1200.0, notes) == 1200.0
    assert open_parts(notes, task) == ()


def test_an_hourly_task_adds_nothing_per_unit():
    task = _task("Edit 40 lectures", "40 videos", pricing="hourly")
    assert open_parts("थंबनेल अलग से ₹300 प्रति वीडियो", task) == ()


# -- the advice reads the whole price ------------------------------------------------------------

LECTURES = head(jobs=9, currency="INR", rates=(900.0,)) + task(
    "t", "Edit 40 recorded Physics and Chemistry lectures, with a YouTube thumbnail for each",
    description="Trim, cut silences, chapter markers, our lower-thirds and one thumbnail per video in our template.",
    marketplaces=["Upwork"], size="moderate", pricing="fixed", budget=60000.0, hours=80.0, status="hiring",
    deadline="2027-01-20", acceptance="40 videos, 1080p, 40 thumbnails")


def _cand(cid: str, bid: float, notes: str) -> str:
    return candidate(cid, cid.capitalize(), bid=bid, rating=4.9, reviews=30, jobs=40, job_success=96,
                     status="shortlisted", notes=notes)


def test_the_ranking_compares_the_whole_price_and_says_what_made_it_whole(tmp_path):
    text = LECTURES + _cand("sameer", 38000.0, "यह कीमत सिर्फ़ एडिटिंग की है। थंबनेल अलग से ₹300 प्रति वीडियो लगेंगे।") \
        + _cand("rohit", 48000.0, "Thumbnails included, all 40 videos by 10 January.")
    got = plan_runner.run(tmp_path, text)
    line = ranking_lines(got.plan)[0]
    assert "#1 Rohit" in line  # ₹48,000 against Sameer's whole ₹50,000, not his ₹38,000
    assert 'Sameer (whole job 52,500 INR with fees: "थंबनेल अलग से ₹300 प्रति वीडियो लगेंगे")' in line
    assert "partial-scope" not in got.rules


def test_a_part_of_unknown_quantity_asks_for_the_whole_price(tmp_path):
    text = LECTURES + _cand("sameer", 38000.0, "Stock music is extra, ₹200 per track.") \
        + _cand("rohit", 48000.0, "Thumbnails included, all 40 videos by 10 January.")
    text = text.replace("our lower-thirds", "licensed stock music, our lower-thirds")
    got = plan_runner.run(tmp_path, text)
    assert "partial-scope" in got.rules
    assert 'not comparable: Sameer ("Stock music is extra, ₹200 per track")' in ranking_lines(got.plan)[0]
    assert any("nobody else quotes the whole job" in s for s in got.steps)
