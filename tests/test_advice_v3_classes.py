"""The classes of advice fixed in issue 21's fifth round (blind buyers' grading): each on both
sides of its boundary, through the facts the rules read or a small plan in tests/data/plans/."""

from __future__ import annotations

import pytest

from advisor.plan.model import Candidate
from advisor.rules.judgements import strong_record


@pytest.mark.parametrize("rating, reviews, js, strong", [
    (4.8, 20, None, True), (4.79, 20, None, False), (4.9, 19, None, False),
    (None, None, 90, True), (None, None, 89, False), (4.2, 300, 91, True), (None, 50, None, False),
])
def test_a_strong_record_is_a_high_rating_from_many_reviews_or_a_high_job_success(rating, reviews, js, strong):
    c = Candidate(id="a", name="A", rating=rating, reviews=reviews, job_success=js)
    assert strong_record(c) is strong
