"""The candidate's own plan over the advisor's defaults (advisor/rules/ownplan.py): a stated pace,
proposed milestones, an offered sample and a success fee in money."""

from datetime import date

from advisor.rules.ownplan import add_days, days_at_pace, due_date, own_plan, success_fee_cost, task_quantity


def test_a_pace_a_day_in_english_and_polish_and_over_several_days():
    assert own_plan("We do about 300 photos a day with an assistant").per_day == 300
    assert own_plan("Z asystentką robimy ok. 300 zdjęć dziennie.").per_day == 300
    p = own_plan("My package is 100 photos in 3 days")
    assert round(p.per_day, 2) == 33.33 and p.pace_words == "100 photos in 3 days"
    assert days_at_pace(task_quantity("Retouch 1,200 shoe packshots"), p.per_day) == 36


def test_hours_a_day_is_availability_not_a_pace():
    assert own_plan("I can give you 8 hours a day").per_day is None


def test_proposed_milestones_counted_from_a_number_or_a_list():
    assert own_plan("Proposed milestones: 50-product sample import, full catalogue, customers and orders, "
                    "redirects and go-live.").milestones == 4
    assert own_plan("Proszę o kontrakt z 4 kamieniami milowymi po 1 650 zł.").milestones == 4
    assert own_plan("proposes 3 milestones: staging import, redirects and QA, go-live").milestones == 3
    assert own_plan("One milestone for everything").milestones == 0


def test_a_sample_offered_is_read_and_a_sample_asked_for_or_shown_is_not():
    assert own_plan("Proposed milestones: 50-product sample import, full catalogue").sample == "50-product sample import"
    assert own_plan("offers a paid test on the chair first (MXN 2,200)").sample == "paid test"
    assert own_plan("Redacted sample report shared; we asked for a sample").sample == ""


def test_task_quantity_skips_money_years_and_compounds():
    assert task_quantity("Retouch 1,200 shoe packshots for the 2026 lookbook") == 1200
    assert task_quantity("the 12-piece collection for $9,000") is None


def test_success_fee_in_money_on_the_stated_grant_but_not_revenue_from_an_ad_budget():
    assert success_fee_cost("10% of the grant amount", "the ask is ₹48,00,000.", "₹25,000 now", 25000) \
        == "₹480,000 more on ₹48,00,000"
    assert success_fee_cost("20% of the revenue", "ad spend CAD 3,000 a month", "", 500) == ""
    assert success_fee_cost("20% of the revenue", "revenue last spring was $50,000", "", 500) == "$10,000 more on $50,000"
    assert success_fee_cost("a success fee", "a $40,000 grant", "", 1200) == ""  # no share stated


def test_a_turnaround_in_working_days_or_days_and_not_a_working_week():
    p = own_plan("Tłumacz przysięgły. Termin: 8 dni roboczych.")
    assert (p.turnaround, p.working_days, p.turnaround_words) == (8, True, "8 dni roboczych")
    assert (own_plan("I deliver in 10 days").turnaround, own_plan("I deliver in 10 days").working_days) == (10, False)
    assert own_plan("Delivery within 5 business days").working_days is True
    assert own_plan("I work 5 working days a week").turnaround == 0
    assert own_plan("ready in 2 weeks").turnaround == 0


def test_working_days_skip_weekends_and_the_acceptance_date_beats_a_later_deadline():
    # Tue 8 Dec 2026 + 8 working days (the start counted) ends Thu 17 Dec; 6 end Tue 15 Dec
    assert add_days(date(2026, 12, 8), 8, True) == date(2026, 12, 17)
    assert add_days(date(2026, 12, 8), 6, True) == date(2026, 12, 15)
    assert add_days(date(2026, 12, 12), 1, True) == date(2026, 12, 14)  # a Saturday start moves to Monday
    assert add_days(date(2026, 12, 8), 10, False) == date(2026, 12, 17)
    today, deadline = date(2026, 12, 7), date(2026, 12, 18)
    assert due_date("2 paper copies; delivered by 17 December", deadline, today) == date(2026, 12, 17)
    assert due_date("by January 5", date(2027, 1, 29), today) == date(2027, 1, 5)  # the next 5 January
    assert due_date("All 14 pages per the approved design", deadline, today) == deadline
    assert due_date("delivered by 31 February", deadline, today) == deadline  # no such day
