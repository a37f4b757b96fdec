"""Daily rest on the day rows (docs/attest-rules.md): a shift beginning less than 11 hours
after the previous one ended is flagged on its row, naming both punches."""

from __future__ import annotations

from dataclasses import replace

import pytest

from stampla.domain.attest import DEFAULTS, DayRule, WarningCode, day_rows, shifts_of
from stampla.domain.attest.rest import with_rest_warnings
from tests.domain.attest_support import DAY, LATER, STOCKHOLM, timeline

CASES = [
    # punches, the dates whose rows say ShortDailyRest
    (("14:00 In", "22:00 Out", "+1 06:00 In", "+1 12:00 Out"), ["2025-06-13"]),  # 8 h
    (("14:00 In", "22:00 Out", "+1 09:00 In", "+1 12:00 Out"), []),  # exactly 11 h
    (("08:00 In", "12:00 Out", "17:00 In", "21:00 Out"), ["2025-06-12"]),  # same day, 5 h
    (("22:00 In", "+1 06:00 Out", "+1 14:00 In", "+1 20:00 Out"), ["2025-06-13"]),  # night, 8 h
    (("08:00 In", "16:00 Out", "+2 06:00 In", "+2 08:00 Out"), []),
]


@pytest.mark.parametrize(("punches", "flagged"), CASES)
@pytest.mark.parametrize("rule", list(DayRule))
def test_a_short_rest_is_flagged_on_the_later_shifts_row(punches, flagged, rule):
    settings = replace(DEFAULTS, day_rule=rule)
    shifts = shifts_of(timeline(*punches), settings, STOCKHOLM, LATER)
    rows = day_rows(shifts, settings, STOCKHOLM, None)
    with_rest_warnings(rows, shifts, STOCKHOLM, split_at_midnight=rule is DayRule.SPLIT_AT_MIDNIGHT)
    found = [
        (row.date.isoformat(), warning.punch_ids)
        for row in rows
        for warning in row.warnings
        if warning.code is WarningCode.SHORT_DAILY_REST
    ]
    assert [date for date, _ in found] == flagged
    for _, ids in found:
        assert len(ids) == 2 and ids[0] + 1 == ids[1]  # the last Out and the next In


def test_the_message_says_how_long_the_rest_was():
    shifts = shifts_of(
        timeline("14:00 In", "22:00 Out", "+1 06:00 In", "+1 12:00 Out"), DEFAULTS, STOCKHOLM, LATER
    )
    rows = day_rows(shifts, DEFAULTS, STOCKHOLM, None)
    with_rest_warnings(rows, shifts, STOCKHOLM)
    (warning,) = rows[-1].warnings
    assert warning.message == (
        "only 8 h of rest between the shift that ended 2025-06-12 22:00 and this one; the "
        "Working Hours Act asks for 11 h (ATL § 13)"
    )
    assert rows[0].date == DAY and rows[0].warnings == []
