"""The median and quartiles of a few numbers, as :mod:`statistics` computes them.

``statistics`` imports ``fractions`` and ``decimal`` (~7 ms of every ``outsource check``, for
two functions of a few lines); these give the same values, operation for operation
(``tests/test_medians.py`` compares them with ``statistics``).
"""

from __future__ import annotations

from typing import Iterable


def median(values: Iterable[float]) -> float:
    """``statistics.median``: the middle value, or the mean of the two middle ones. Not empty."""
    data = sorted(values)
    n = len(data)
    if not n:
        raise ValueError("median of no values")
    i = n // 2
    return data[i] if n % 2 else (data[i - 1] + data[i]) / 2


def quartiles(values: Iterable[float]) -> tuple[float, float, float]:
    """``statistics.quantiles(values, n=4, method="inclusive")`` as (p25, median, p75); one
    value is all three. Not empty."""
    data = sorted(values)
    m = len(data) - 1
    if m < 0:
        raise ValueError("quartiles of no values")
    if not m:
        return data[0], data[0], data[0]
    out = []
    for i in (1, 2, 3):
        j, delta = divmod(i * m, 4)
        out.append((data[j] * (4 - delta) + data[j + 1] * delta) / 4)
    return out[0], out[1], out[2]
