"""Round 15 part B (grading v13 fixes 4, 5, 7 and 10): output hygiene, agency trials, access."""

from __future__ import annotations


from advisor.phrases import candidate_matcher
from advisor.plan.model import Candidate
from advisor.plan.money import format_money, format_number
from advisor.rules.access import built_on, unscoped
from advisor.rules.judgements import is_proven


def test_right_to_left_amounts_carry_no_bidi_marks_that_a_terminal_would_print_escaped():
    for loc in ("ar_JO", "he_IL", "fa_IR"):
        text = format_money(840, "JOD", loc)
        assert "840" in text
        assert not any(ch in text for ch in "\u200e\u200f\u061c"), (loc, text)


def test_numbers_take_the_locales_marks_and_words_keep_their_commas():
    assert format_number("₺255 (28.3%) over", "tr_TR") == "₺255 (28,3%) over"
    assert format_number("interview (4.7/5), 17% over, 1,234.5", "de_DE") == "interview (4,7/5), 17% over, 1.234,5"
    assert format_number("28.3%", "en_US") == "28.3%"


def test_a_japanese_phrase_cut_at_the_word_limit_is_quoted_to_the_end_of_the_word_with_what_it_concerns():
    found = candidate_matcher(None).find("翻訳は佐藤が担当します。実機での表示確認は対応しておりません。")
    quote = found.quotes["extras"][0]
    assert quote == "実機での表示確認は対応しておりません"  # never "…対応しておりませ"
    # a whole short phrase is not run on into the next word (Thai: no spaces at all)
    found = candidate_matcher(None).find("ส่งรหัสผ่านแอดมินมาให้ผมด้วย")
    assert all(not q.endswith("…") for q in found.quotes.get("credentials", ()))


def test_a_partial_quote_says_what_it_leaves_out():
    found = candidate_matcher(None).find("₹12 per photo. Only background removal; colour correction and shadows are extra charges.")
    assert found.quotes["extras"][0].startswith("colour correction and shadows are extra")


def _agency(**kw):
    base = dict(id="px", name="Pixelhaus", kind="agency", named_people=["Rafiqul Islam"], trial="passed",
                status="shortlisted", bid=52000.0)
    base.update(kw)
    return Candidate(**base)



def test_agency_trial_boundaries():
    juniors = _agency(notes="For the full job a team of six junior retouchers will work; Rafiqul does QC only.")
    same = _agency(notes="Rafiqul will retouch every photo himself, as in the trial.")
    listed = _agency(working_people=["Karim Ahmed"])  # the plan says who works: before the hire too
    assert not is_proven(juniors)
    assert is_proven(same)
    assert not is_proven(listed)
    assert is_proven(_agency(working_people=["Rafiqul Islam"]))
    # a freelancer's own passed trial, or past jobs, still prove them
    assert is_proven(_agency(kind="freelancer", notes="junior retouchers will help"))
    assert is_proven(_agency(notes="a team of juniors will work", past_jobs_with_us=2))


def test_access_named_by_its_role_is_least_privilege_already():
    assert unscoped(["servicem8-dispatcher", "aircall-agent", "google-analytics-viewer"]) == []
    assert unscoped(["shopify", "github-collaborator"]) == ["shopify"]
    assert unscoped(["wp-admin"]) == []  # broad: access-too-broad speaks


def test_admin_rights_on_the_system_the_work_is_built_on_are_the_builders_until_handover():
    text = "Rebuild the venue website on WordPress with enquiry form"
    assert built_on(text, ["wp-admin-oakhurst-dev"]) == ["wp-admin-oakhurst-dev"]
    assert built_on("Year-end bookkeeping in Xero", ["wp-admin"]) == []
    assert built_on("Rebuild the Shopify theme", ["shopify-owner"]) == []  # the owner's own login: never
