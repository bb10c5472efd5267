"""Round 31 (grading v33): the fixes the twenty-sixth review asked for, each from one of its plans
(tests/data/plans/blind-v26)."""

from __future__ import annotations

from datetime import date

import pytest

from advisor.plan.model import Candidate, Task
from tests import plan_runner
from tests.plan_runner import candidate, head, task

TODAY = date(2026, 12, 8)

_GROUP = '\n[[marketplaces]]\nname = "Facebook group"\nfee_percent = 0.0\nescrow = false\nfeedback = false\n'


# -- a channel without escrow, when its only bidder is ruled out (ricecracker-listings) ----------

@pytest.mark.parametrize("notes, said", [
    # the review's note: a 50% deposit to his account, and the shop owner's passwords: ruled out
    ("ทำให้ครบทั้ง 40 รายการครับ โอนมัดจำ 50% เข้าบัญชีก่อนเริ่มงานนะครับ แล้วขอ user/password ร้าน Lazada กับ Shopee"
     " ของเจ้าของร้านด้วย", False),
    ("ทำให้ครบทั้ง 40 รายการครับ", True),  # still in the running there: the warning stands
])
def test_a_channel_without_escrow_matters_while_someone_there_is_in_the_running(tmp_path, notes, said):
    text = head(jobs=0, currency="THB", rates=(300.0, 350.0, 320.0)) + _GROUP + task(
        "t", "Listings for 40 products", size="moderate", pricing="fixed", budget=28000.0, hours=80.0,
        status="hiring", marketplaces=["Upwork", "Facebook group"]) + candidate(
        "n", "Natthida", bid=26000.0, status="applied", rating=4.8, reviews=75) + candidate(
        "k", "Kittipong", bid=9000.0, status="applied", marketplace="Facebook group", notes=notes)
    got = plan_runner.run(tmp_path, text, today=TODAY)
    assert ("marketplace-without-protection" in got.rules) == said, got.steps


# -- a candidate's own weekly hours against the role's (trailrides-va) ---------------------------

@pytest.mark.parametrize("notes, hours", [
    ("Only 20 hrs/week available, I have another client in the afternoons.", 20.0),  # the review's note
    ("Tenho disponibilidade de apenas 15 horas por semana.", 15.0),
    ("Могу работать только 10 часов в неделю.", 10.0),
    ("我每周只能工作15小时。", 15.0),
    ("สัปดาห์ละ 10 ชั่วโมงเท่านั้นครับ", 10.0),
    ("Haftada sadece 12 saat çalışabilirim.", 12.0),
    ("मैं हफ़्ते में 10 घंटे ही दे सकता हूँ", 10.0),
    ("This usually takes about 5 hours per week.", None),  # an estimate of the work, no limit of theirs
    ("I post 3 times a week only.", None),
])
def test_a_candidates_own_weekly_hours_are_read_in_their_words(notes, hours):
    from advisor.rules.availability import own_weekly_hours

    got = own_weekly_hours(notes)
    assert (got[0] if got else None) == hours


def _live_desk(notes: str, cap: float = 45.0) -> str:
    return head(currency="ZAR", timezone="Africa/Johannesburg", rates=(120.0, 130.0, 125.0)) + task(
        "t", "Answer enquiries and take bookings", pricing="hourly", budget=140.0, hours=450.0, weekly_cap=cap,
        status="hiring", collaboration="live", deadline="2027-02-28") + candidate(
        "w", "Wanjiru", bid=130.0, status="interviewed", rating=4.9, reviews=44) + candidate(
        "m", "Maricel", bid=110.0, status="interviewed", rating=4.8, reviews=20, notes=notes)


@pytest.mark.parametrize("notes, cap, short", [
    ("Only 20 hrs/week available, I have another client in the afternoons.", 45.0, True),
    ("Only 20 hrs/week available, I have another client in the afternoons.", 20.0, False),  # the cap is 20
    ("I can give you up to 40 hours a week.", 45.0, False),  # 40 of 45: near enough
])
def test_too_few_weekly_hours_for_the_role_is_said_and_ranks_after(tmp_path, monkeypatch, notes, cap, short):
    monkeypatch.setenv("OUTSOURCE_TODAY", TODAY.isoformat())
    got = plan_runner.run(tmp_path, _live_desk(notes, cap), today=TODAY)
    found = [f for f in got.found if f.rule == "not-available-in-time" and f.candidate == "m"]
    assert bool(found) == short, got.steps
    if short:
        assert "20 hours a week by their notes" in found[0].message and "of the 45 the work needs" in found[0].message
        assert "the hours it needs each week" in found[0].fix and "earlier start" not in found[0].fix
        from advisor.advice.value import ranks

        assert ranks(got.plan, got.plan.tasks[0])["m"].rank == 2  # after Wanjiru, though cheaper


# -- hours over the cap, when the hire's own note is the problem (kathak-appsheet) ---------------

@pytest.mark.parametrize("notes, said", [
    ("Send me the academy Google admin login so I can finish faster.",
     "hold Rohit's hours until their request for your logins is refused in writing"),
    ("The fee reminders took longer than planned: 4 extra hours.", "check Rohit's note on why against the work diary"),
])
def test_hours_over_the_cap_with_a_red_flag_note_are_held_not_explained(tmp_path, notes, said):
    text = head(currency="INR", rates=(900.0, 1000.0, 950.0)) + task(
        "t", "AppSheet app for 180 students", pricing="hourly", budget=1000.0, hours=40.0, weekly_cap=10.0,
        status="hired") + candidate("r", "Rohit", hourly=950.0, status="hired", past_jobs_with_us=2, trial="passed",
                                    hours_last_week=14.0, notes=notes)
    steps = plan_runner.run(tmp_path, text, today=TODAY).steps
    over = [s for s in steps if s.startswith("Approve or dispute last week's hours")]
    assert over and said in over[0], steps


# -- a part left out, priced per unit in the notes' language (capoeira-course, ricecracker-listings)

_EDIT = Task(id="e", title="Edit 12 beginner class videos with Portuguese and English subtitles", pricing="fixed",
             description="12 videos of about 15 minutes each (about 180 minutes in all), subtitles in PT and EN, "
                         "project files delivered.")
_LISTINGS = Task(id="l", title="Lazada + Shopee listings for 40 products, 3 photos each", pricing="fixed",
                 description="40 products. For each: title, description and 3 photos = 120 photos.")


@pytest.mark.parametrize("job, bid, notes, whole", [
    # the review's notes: R$ 800 + 180 minutes x R$ 15; 120 photos x ฿120
    (_EDIT, 3900.0, "Entrego só os MP4 finais. Os arquivos de projeto editáveis são cobrados à parte: R$ 800. "
                    "Legenda em inglês não está incluída; cobro R$ 15 por minuto de vídeo.", 7400.0),
    (_LISTINGS, 18000.0, "ราคานี้รวมเขียนชื่อสินค้าและคำอธิบายครบ 40 รายการ ยังไม่รวมถ่ายรูปสินค้า "
                         "ถ้าต้องการให้ถ่ายรูปคิดเพิ่มรูปละ 120 บาทครับ", 32400.0),
    (_EDIT, 3900.0, "Tudo incluído: arquivos de projeto e legendas em inglês, 12 vídeos de 15 minutos.", 3900.0),
    (_LISTINGS, 18000.0, "ราคารวมถ่ายรูปครบ 120 รูป ไม่ต้องจ่ายล่วงหน้า", 18000.0),
])
def test_a_part_priced_per_unit_in_another_language_takes_the_tasks_count(job, bid, notes, whole):
    assert Candidate(id="c", name="C", bid=bid, notes=notes).price(job) == whole


def test_a_unit_word_maps_to_what_an_english_task_counts():
    from advisor.plan.perunit import unit_stems

    assert "photo" in unit_stems("รูป") and "photo" in unit_stems("照片") and "photo" in unit_stems("fotos")
    assert unit_stems("minuto") == unit_stems("минуту") == frozenset({"minut"})
    assert unit_stems("hammock") == frozenset()


# -- delivered work: the last payment off the platform, the store in their name (hammock-store) --

@pytest.mark.parametrize("review_left, notes, first", [
    (False, "¡Listo! El último pago (30%) mejor por transferencia directa a mi cuenta, así nos ahorramos la comisión; "
            "te cambio la contraseña del admin de la tienda, que por ahora sigue a mi nombre.",
     "Refuse to pay Valeria off the platform"),
    (False, "¡Listo! La tienda ya está publicada.", "Get Valeria's IP assignment signed"),
    (True, "¡Listo! La tienda ya está publicada.", None),  # reviewed: the job is closed
])
def test_delivered_work_settles_payment_and_rights_before_the_review(tmp_path, review_left, notes, first):
    text = head(currency="MXN", rates=(300.0, 350.0, 320.0)) + task(
        "t", "Tiendanube store with 60 hammocks", size="major", pricing="fixed", budget=18000.0, hours=50.0,
        status="done", creates_ip=True, milestones=3) + candidate(
        "v", "Valeria", bid=16500.0, status="hired", review_left=review_left, notes=notes)
    steps = plan_runner.run(tmp_path, text, today=TODAY).steps
    if first is None:
        assert not any("IP assignment" in s for s in steps), steps
        return
    assert steps and steps[0].startswith(first), steps
    ip = [s for s in steps if s.startswith("Get Valeria's IP assignment signed")]
    assert ip, steps
    assert ("moved to your name" in ip[0]) == ("a mi nombre" in notes)


# -- "my account" where they are paid is no account the work is kept in (ebike-site) -------------

@pytest.mark.parametrize("notes, keeps", [
    ("Προκαταβολή 50% με κατάθεση στον λογαριασμό μου ή μέσω IRIS πριν ξεκινήσω.", False),  # the review's note
    ("Pague o sinal por transferência na minha conta.", False),
    ("Το site θα φιλοξενείται στον λογαριασμό μου.", True),  # the site in their account: kept
    ("Бота размещу на своём сервере (5 000 ₸ в месяц), исходники передаю после полной оплаты.", True),  # a server
])
def test_my_account_in_a_sentence_about_money_is_where_they_are_paid(notes, keeps):
    from advisor.phrasecontext import in_context
    from advisor.phrases import matcher

    found = in_context(matcher().find(notes), notes, "Upwork")
    assert ("keeps_accounts" in found.categories) == keeps, found


@pytest.mark.parametrize("description, personal", [
    ("Customers pick a slot, enter name, phone, email and car registration, and pay a £10 deposit.", True),
    ("A booking form that asks for the customer's contact details.", True),
    ("A landing page with our phone number and opening hours.", False),
    ("Match fuel-card statements to drivers' trip sheets (with their names and licence numbers).", True),
])
def test_a_form_collecting_contact_details_holds_personal_data(description, personal):
    """mot-booking: a booking site collecting customers' details, sensitive_data unset."""
    from advisor.rules.datashare import holds_personal_data

    assert holds_personal_data(Task(id="b", title="Online booking site", description=description)) == personal


# -- a start the notes date after the deadline rules the candidate out (bouldering-checkin) ------

@pytest.mark.parametrize("notes, out", [
    ("До 3 января в отпуске, могу начать 4 января.", True),  # the review's note: after the 2 January deadline
    ("Могу начать 14 декабря.", False),
    ("Mogę zacząć 4 stycznia.", True),
])
def test_a_start_their_notes_date_after_the_deadline_rules_them_out(tmp_path, monkeypatch, notes, out):
    from advisor.advice.value import ranks

    monkeypatch.setenv("OUTSOURCE_TODAY", TODAY.isoformat())  # the Ranking's own day, not the machine's
    text = head(currency="PLN", timezone="Europe/Warsaw", rates=(120.0, 150.0, 140.0)) + task(
        "t", "Check-in kiosk", pricing="fixed", budget=16000.0, hours=100.0, status="hiring",
        deadline="2027-01-02") + candidate("k", "Katarzyna", bid=15200.0, status="interviewed", rating=5.0,
                                           reviews=51) + candidate("d", "Dmytro", bid=12500.0, status="interviewed",
                                                                   rating=4.9, reviews=30, notes=notes)
    got = plan_runner.run(tmp_path, text, today=TODAY)
    assert ("cannot start before the deadline" in ranks(got.plan, got.plan.tasks[0])["d"].excluded) == out


# -- a Thai delivery date, and whom to hold to it (kite-school-site, the twenty-seventh review) ---

def test_a_thai_delivery_date_is_read_and_the_whole_quote_is_held_to_it(tmp_path, monkeypatch):
    from advisor.rules.ownplan import own_delivery

    assert own_delivery("ส่งงานได้ภายใน 18 ธ.ค.", TODAY)[0] == date(2026, 12, 18)
    assert own_delivery("ส่งงาน 5 มกราคม", TODAY)[0] == date(2027, 1, 5)
    assert own_delivery("ราคา 18 บาท", TODAY) is None
    monkeypatch.setenv("OUTSOURCE_TODAY", TODAY.isoformat())
    text = head(currency="THB", timezone="Asia/Bangkok", rates=(700.0, 750.0, 760.0)) + task(
        "t", "Booking website in Thai, English and Russian", pricing="fixed", budget=45000.0, hours=60.0,
        status="hiring", deadline="2026-12-20",
        description="14 pages in Thai, English and Russian.") + candidate(
        "p", "Ploy", bid=32000.0, status="shortlisted", rating=4.9, reviews=88,
        notes="ราคานี้รวมภาษาไทยและภาษาอังกฤษ ส่วนภาษารัสเซียคิดเพิ่มคำละ 2 บาท ส่งงานได้ภายใน 18 ธ.ค.") + candidate(
        "n", "Nattapong", bid=44000.0, status="shortlisted", rating=4.8, reviews=61, available_from="2026-12-10",
        notes="ราคารวมครบทั้ง 3 ภาษา ส่งงาน 18 ธ.ค.")
    got = plan_runner.run(tmp_path, text, today=TODAY)
    held = [s for s in got.steps if s.startswith("Hold ")]
    assert held and held[0].startswith("Hold Nattapong to the 18 Dec"), got.steps
    assert not [f for f in got.found if f.rule == "not-available-in-time" and f.candidate == "n"]
    from advisor.plan.model import Candidate as C

    assert C(id="p", name="P", bid=32000.0, notes="ส่วนภาษารัสเซียคิดเพิ่มคำละ 2 บาท").price(got.plan.tasks[0]) == 32000.0


# -- a hired agency: its deposit paid, its subcontractor and the customers' data (tackle-shop-agency)

def test_a_hired_agency_with_a_deposit_paid_and_a_subcontractor_on_personal_data(tmp_path, monkeypatch):
    monkeypatch.setenv("OUTSOURCE_TODAY", TODAY.isoformat())
    text = head(currency="TWD", rates=(800.0, 900.0, 850.0)) + task(
        "t", "Migrate our store to Shopify (customers, order history)", size="major", pricing="fixed",
        budget=170000.0, hours=160.0, status="hired", sensitive_data=True, creates_ip=True) + candidate(
        "f", "FishLeap", bid=165000.0, status="hired", kind="agency", named_people=["陳志明"], marketplace="Tasker",
        upfront_percent=40.0, agreements=["nda"],
        notes="實際的資料搬移由我們合作的深圳外包團隊執行，速度比較快。網域與主機帳號由我們代管。")
    from advisor.advice.steps import PlanIndex, arrange, next_steps

    got = plan_runner.run(tmp_path, text, today=TODAY)
    index = PlanIndex.of(got.plan, rules=plan_runner.ruleset(), today=TODAY)
    steps = [s.action for s in next_steps(arrange(list(got.found), index), index, limit=20)]
    assert not any("a deposit of at most 30%" in s for s in steps), steps  # the offer is made and the deposit paid
    assert any(s.startswith("Pay FishLeap nothing more ahead of the work") for s in steps), steps
    assert any("no personal data from the work goes to anyone it does not name" in s for s in steps), steps
    assert any("moved to your name before the last payment" in s for s in steps), steps


@pytest.mark.parametrize("description, health", [
    ("Lab results arrive as CSV; the script computes liming and fertiliser recommendations per farm.", False),
    ("Lab results arrive as CSV; the script mails each patient their report.", True),
    ("Blood results of our farm workers' medical checks, one PDF each.", True),
])
def test_lab_results_of_soil_are_no_health_data(description, health):
    """soil-report-sheets (the twenty-seventh review's tidy plan): "LGPD Art. 11" for an agronomy lab."""
    from advisor.phrases import matcher
    from advisor.rules.healthdata import health_fields

    t: dict = {}
    health_fields(t, matcher().find(description), "BRL", True, [], description)
    assert bool(t["health_data"]) == health


@pytest.mark.parametrize("description, creator", [
    ("Plan the month, write Hebrew captions, edit Reels from the clips our instructors film.", False),
    ("Edit Reels from our own footage.", False),
    ("A creator films and edits 4 Reels a month with her own face and voice.", True),  # a creator's content
    ("UGC videos for our Reels, filmed by the creator; we film nothing ourselves.", True),  # UGC stays
])
def test_reels_edited_from_the_owners_own_footage_are_no_creators_content(description, creator):
    """pilates-social (the twenty-seventh review): a usage licence asked of a social media manager."""
    from advisor.phrases import matcher
    from advisor.rules.judgements import task_words

    got = task_words(Task(id="s", title="Instagram: 12 posts and 4 Reels a month", description=description), matcher())
    assert ("creator_content" in got.categories) == creator


# -- an hourly role "due" when it must start (pool-service-va, the twenty-eighth review) -----------

@pytest.mark.parametrize("hours, cap, deadline, races", [
    (240.0, 20.0, "2026-12-14", False),  # 12 weeks of work "due" in 6 days: the day it starts
    (240.0, 20.0, "2027-01-19", True),  # 6 weeks for 12 weeks' hours: a real race, said as one
    (30.0, 10.0, "2026-12-14", True),  # 3 weeks of hours: a deliverable
])
def test_an_hourly_role_due_within_a_quarter_of_its_weeks_is_a_start_date(monkeypatch, hours, cap, deadline, races):
    from advisor.rules.deliverable import races_a_date

    monkeypatch.setenv("OUTSOURCE_TODAY", TODAY.isoformat())
    role = Task(id="va", title="Back-office VA", pricing="hourly", hours=hours, weekly_cap=cap,
                deadline=date.fromisoformat(deadline))
    assert races_a_date(role) == races


@pytest.mark.parametrize("description, asked", [
    ("12 Xiaohongshu photo posts and 3 short videos for our CNY gift boxes.", False),
    ("12 Xiaohongshu posts, boosted with paid promotion (薯條) to reach 50,000 people.", True),
])
def test_paid_promotion_left_out_is_a_part_only_when_the_task_asks_for_promotion(description, asked):
    """durian-xiaohongshu (the twenty-eighth review): "報價不含薯條投流費用" read as missing scope."""
    from advisor.plan.scope import asks_for

    job = Task(id="x", title="Xiaohongshu posts", description=description)
    assert asks_for(job, "報價不含薯條投流費用,每篇另計 RM 150") == asked


# -- the twenty-eighth review: a launch date stated plainly, a count that is the site's content ----

def test_a_realistic_launch_date_in_the_notes_is_a_delivery():
    from advisor.rules.ownplan import own_delivery

    assert own_delivery("I'm off 24 Dec - 1 Jan, so a realistic launch is 22 Jan.", TODAY)[0] == date(2027, 1, 22)
    assert own_delivery("The launch is important to us.", TODAY) is None


@pytest.mark.parametrize("title, description, counted", [
    ("Bilingual WooCommerce site: icon gallery, commission form", "A gallery of 60 photos of our icons.", None),
    ("Product photos for our shop", "40 photos of our candles on white.", (40, "photo")),
    ("12 TikTok videos for our bakery", "", (12, "video")),
])
def test_a_count_in_the_description_is_an_order_only_for_pieces_the_title_names(title, description, counted):
    from advisor.rules.workkinds import order_count

    assert order_count(Task(id="o", title=title, description=description)) == counted


@pytest.mark.parametrize("title, deadline, races", [
    ("Facebook + TikTok lead ads, 3 months (Dec-Feb)", "2026-12-20", False),  # live by the 20th, run for 3 months
    ("New website, built over 2 months", "2027-02-05", True),  # its date is the end of the work
    ("Landing page", "2026-12-20", True),
])
def test_work_spread_over_months_is_due_to_go_live_on_its_date(title, deadline, races):
    from advisor.rules.deliverable import races_a_date

    job = Task(id="a", title=title, pricing="fixed", hours=60.0, deadline=date.fromisoformat(deadline))
    assert races_a_date(job, TODAY) == races


@pytest.mark.parametrize("description, days", [
    ("Answer guests' enquiries as they come in. Needed from 20 December, 7 days a week.", 7),
    ("Front desk, Monday to Saturday.", 6),
    ("Answer calls in office hours; send a report every day.", 5),  # a daily report is no 7-day desk
])
def test_a_live_desk_counts_the_days_its_own_words_give(description, days):
    """tr-balloon-reservations (the thirtieth review): a 7-day desk counted as a 75-hour week."""
    from advisor.rules.continuity import live_days

    assert live_days(Task(id="d", title="Reservations desk", collaboration="live", description=description)) == days


@pytest.mark.parametrize("access, quiet", [
    (["wp-admin-own-account", "siteground-staging"], True),  # the review's rehire: an admin seat of her own
    (["wp-admin", "siteground-staging"], False),  # the admin login itself: limit and log it
])
def test_a_builders_admin_seat_of_their_own_needs_no_access_advice(tmp_path, access, quiet):
    """il-irrigation-rehire (the thirtieth review's tidy plan): an info on a named account of her own."""
    text = head(currency="ILS", rates=(180.0, 200.0, 190.0)) + task(
        "t", "WordPress site: maintenance page, quote form and speed fixes", pricing="hourly", budget=200.0,
        hours=30.0, weekly_cap=10.0, status="hired", creates_ip=True, access=access,
        handover="Site and theme in our GitHub") + candidate(
        "n", "Noa", hourly=190.0, status="hired", past_jobs_with_us=3, trial="passed",
        agreements=["nda", "ip-assignment"], hours_last_week=7.5)
    rules = plan_runner.run(tmp_path, text, today=TODAY).rules
    assert not ({"access-broad-while-building", "access-too-broad"} & rules) == quiet, rules


@pytest.mark.parametrize("overlap, gap", [
    (4.0, None),  # 4 live hours a day x 5 days is the 20-hour cap: no gap (the thirty-first review's desk)
    (None, 25.0),  # the owner's whole 9-hour day live: 45 hours a week, 25 of them open
])
def test_the_live_week_is_the_hours_a_day_the_task_needs_live(overlap, gap):
    """br-condominio-cobranca-va: "Cover the 25 hours of your 45-hour week" for a 13:00-17:00 desk."""
    from advisor.rules.continuity import live_gap, live_week

    desk = Task(id="c", title="Collections VA, 13h-17h", pricing="hourly", collaboration="live", weekly_cap=20.0,
                overlap_hours=overlap, description="Answer residents on WhatsApp in the afternoon.")
    assert live_gap(desk, live_week(desk, 9 * 60)) == gap
