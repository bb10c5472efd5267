"""advisor.medians gives what ``statistics`` gives: the price medians and rate quartiles in the
advice (``task.price_median``, the going rate's range) do not change with the module."""

from __future__ import annotations

import random
import statistics

import pytest

from advisor.medians import median, quartiles


def samples():
    rng = random.Random(24)
    for n in range(1, 40):
        for _ in range(25):
            kind = rng.randrange(3)
            if kind == 0:
                yield [rng.randint(0, 500) for _ in range(n)]           # whole amounts
            elif kind == 1:
                yield [round(rng.uniform(0.01, 9999), 2) for _ in range(n)]  # prices
            else:
                yield [rng.choice([1e-4, 0.1, 3.0, 1e15, 7.5]) for _ in range(n)]  # ties, extremes


def test_the_median_is_statistics_median_bit_for_bit():
    for values in samples():
        assert repr(median(values)) == repr(statistics.median(values))
        assert repr(median(iter(values))) == repr(statistics.median(values))  # any iterable


def test_the_quartiles_are_statistics_quantiles_inclusive_and_one_value_is_all_three():
    for values in samples():
        if len(values) == 1:
            assert quartiles(values) == (values[0],) * 3
        else:
            expected = statistics.quantiles(values, n=4, method="inclusive")
            assert [repr(q) for q in quartiles(values)] == [repr(q) for q in expected]


def test_no_values_is_an_error_not_a_number():
    with pytest.raises(ValueError):
        median([])
    with pytest.raises(ValueError):
        quartiles([])
