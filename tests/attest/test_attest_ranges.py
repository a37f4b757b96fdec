"""A day row is the same whichever range it is read in, under every day rule."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from stampla.domain.attest import DayRule
from stampla.service.attest import change_settings
from tests.factories import entry

#: Three 16-hour sessions 3 hours apart (under the 4 h gap): one shift from the 10th to the
#: 12th. Around it: an ordinary day, a night shift, and a stray Out just after midnight.
PUNCHES = [
    entry("3002", "2025-06-08T08:00:00", "In"),
    entry("3002", "2025-06-08T16:00:00", "Out"),
    entry("3002", "2025-06-08T22:00:00", "In"),
    entry("3002", "2025-06-09T06:00:00", "Out"),
    entry("3002", "2025-06-10T08:00:00", "In"),
    entry("3002", "2025-06-11T00:00:00", "Out"),
    entry("3002", "2025-06-11T03:00:00", "In"),
    entry("3002", "2025-06-11T19:00:00", "Out"),
    entry("3002", "2025-06-11T22:00:00", "In"),
    entry("3002", "2025-06-12T14:00:00", "Out"),
    entry("3002", "2025-06-14T00:30:00", "Out"),
    entry("3002", "2025-06-14T22:00:00", "In"),
    entry("3002", "2025-06-15T05:00:00", "Out"),
]
FIRST, LAST = date(2025, 6, 7), date(2025, 6, 16)


@pytest.mark.parametrize("rule", list(DayRule))
def test_each_day_read_alone_matches_the_whole_range(api, attest, store, company, clock, rule):
    api.post(PUNCHES)
    change_settings(store, company.id, clock(), day_rule=rule.value)
    whole = {row["date"]: row for row in attest.rows(FIRST.isoformat(), LAST.isoformat())}
    day = FIRST
    while day <= LAST:
        alone = attest.rows(day.isoformat())
        assert alone == ([whole[day.isoformat()]] if day.isoformat() in whole else []), day
        day += timedelta(days=1)
    assert sum(row["workSeconds"] for row in whole.values()) == (8 + 8 + 48 + 7) * 3600


def test_the_chained_shift_lands_on_the_day_it_began(api, attest):
    api.post(PUNCHES)
    rows = {row["date"]: row for row in attest.rows(FIRST.isoformat(), LAST.isoformat())}
    assert rows["2025-06-10"]["workSeconds"] == 48 * 3600
    assert "2025-06-11" not in rows and "2025-06-12" not in rows


def test_rows_do_not_depend_on_how_employees_are_grouped_for_reading(api, attest, monkeypatch):
    """One employee per read makes several groups: the next group is then fetched on a
    second thread while this one is computed, widening re-reads included."""
    api.post(PUNCHES)
    api.post(
        [
            entry(nr, f"2025-06-{day}T{hour}:00:00", kind)
            for nr in ("3014", "3015")
            for day in ("10", "11", "12")
            for hour, kind in (("08", "In"), ("16", "Out"))
        ]
    )
    together = attest.rows("2025-06-11", "2025-06-12")
    monkeypatch.setattr("stampla.service.attest.day_rows.EMPLOYEES_PER_READ", 1)
    apart = attest.rows("2025-06-11", "2025-06-12")
    assert apart == together
    assert [r["employeeNr"] for r in apart] == ["3014", "3014", "3015", "3015"]
