"""Hypothesis profiles. ``make test`` runs the property tests at the "fast" sizes (every property
still runs, on fewer random cases); ``make stress`` selects "deep" (``HYPOTHESIS_PROFILE=deep``,
or ``OUTSOURCE_STRESS=1``): the sizes the tests always had. A test names its deep size through
:func:`examples`, so both profiles keep the tests' relative weights. Loaded by conftest.py."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings as _hsettings

#: ``make test``'s share of a test's deep size (at least FAST_MIN examples each).
FAST_SHARE = 0.2
FAST_MIN = 10

_hsettings.register_profile("fast", deadline=None, database=None,
                            suppress_health_check=[HealthCheck.too_slow])
_hsettings.register_profile("deep", deadline=None, database=None,
                            suppress_health_check=[HealthCheck.too_slow])
PROFILE = os.environ.get("HYPOTHESIS_PROFILE") or ("deep" if os.environ.get("OUTSOURCE_STRESS") else "fast")
_hsettings.load_profile(PROFILE)


def examples(deep: int, fast: int | None = None) -> int:
    """``max_examples`` for a property test whose full size is ``deep``: all of it under the deep
    profile; under the fast one ``fast`` if given, else a fifth (at least FAST_MIN)."""
    if PROFILE == "deep":
        return deep
    return fast if fast is not None else max(FAST_MIN, min(deep, round(deep * FAST_SHARE)))
