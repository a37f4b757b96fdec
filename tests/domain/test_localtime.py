"""The DST rule for local times, and local dates of instants."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from stampla.domain.localtime import day_bounds, local_date, resolve_timestamp
from stampla.domain.punch import EntryType

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def test_an_aware_time_is_taken_as_is():
    sent = datetime(2025, 3, 30, 2, 30, tzinfo=ZoneInfo("Asia/Tokyo"))
    resolved = resolve_timestamp(sent, STOCKHOLM)
    assert resolved.instant == sent and resolved.instant.tzinfo is UTC
    assert resolved.note is None


@pytest.mark.parametrize(
    ("local", "utc", "noted"),
    [
        (datetime(2025, 3, 30, 1, 59), datetime(2025, 3, 30, 0, 59), False),
        (datetime(2025, 3, 30, 2, 0), datetime(2025, 3, 30, 1, 0), True),
        (datetime(2025, 3, 30, 2, 59), datetime(2025, 3, 30, 1, 59), True),
        (datetime(2025, 3, 30, 3, 0), datetime(2025, 3, 30, 1, 0), False),
        (datetime(2025, 10, 26, 1, 59), datetime(2025, 10, 25, 23, 59), False),
        (datetime(2025, 10, 26, 2, 0), datetime(2025, 10, 26, 0, 0), True),
        (datetime(2025, 10, 26, 2, 59), datetime(2025, 10, 26, 0, 59), True),
        (datetime(2025, 10, 26, 3, 0), datetime(2025, 10, 26, 2, 0), False),
    ],
)
def test_dst_edges_in_stockholm(local, utc, noted):
    resolved = resolve_timestamp(local, STOCKHOLM)
    assert resolved.instant == utc.replace(tzinfo=UTC)
    assert (resolved.note is not None) is noted


def test_local_dates_and_day_lengths():
    assert local_date(datetime(2025, 6, 11, 22, 0, tzinfo=UTC), STOCKHOLM) == date(2025, 6, 12)
    start, end = day_bounds(date(2025, 10, 26), STOCKHOLM)
    assert end - start == timedelta(hours=25)
    start, end = day_bounds(date(2025, 3, 30), STOCKHOLM)
    assert end - start == timedelta(hours=23)


@pytest.mark.parametrize(
    ("sent", "parsed"),
    [
        ("In", EntryType.IN),
        ("out", EntryType.OUT),
        (" IN ", EntryType.IN),
        (1, EntryType.IN),
        (2, EntryType.OUT),
        ("2", EntryType.OUT),
    ],
)
def test_entry_types_as_softone_accepts_them(sent, parsed):
    assert EntryType.parse(sent) is parsed


@pytest.mark.parametrize("sent", ["", "Inn", 0, 3, "3", None, True, 1.5])
def test_other_entry_types_are_refused(sent):
    with pytest.raises(ValueError, match='"In" or "Out"'):
        EntryType.parse(sent)
