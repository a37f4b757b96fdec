"""TimeStamps with and without offsets, terminal time zones, and the two DST days of 2025."""

from __future__ import annotations

import pytest

from tests.factories import entry


def saved(api, time_stamp: str, terminal: int = 7255) -> dict:
    body = api.post([entry(time_stamp=time_stamp, terminal=terminal)]).json()
    assert body["success"], body
    (stored,) = [
        p
        for p in api.stored("2025-01-01", "2025-12-31")
        if p["timeStampEntryId"] == body["results"][0]["timeStampEntryId"]
    ]
    return {"result": body["results"][0], "stored": stored}


@pytest.mark.parametrize(
    ("sent", "instant", "local_date"),
    [
        ("2025-06-12T08:00:00Z", "2025-06-12T08:00:00Z", "2025-06-12"),
        ("2025-06-12T08:00:00+00:00", "2025-06-12T08:00:00Z", "2025-06-12"),
        ("2025-06-12T23:30:00-04:00", "2025-06-13T03:30:00Z", "2025-06-13"),
        ("2025-06-12T10:00:00", "2025-06-12T08:00:00Z", "2025-06-12"),  # CEST, +02:00
        ("2025-01-15T10:00:00", "2025-01-15T09:00:00Z", "2025-01-15"),  # CET, +01:00
        ("2025-06-12 10:00", "2025-06-12T08:00:00Z", "2025-06-12"),
        ("2025-06-12T10:00:00.250", "2025-06-12T08:00:00.250000Z", "2025-06-12"),
        ("2025-06-12T23:30:00Z", "2025-06-12T23:30:00Z", "2025-06-13"),  # local date is Swedish
    ],
)
def test_instants_and_company_local_times(api, sent, instant, local_date):
    stored = saved(api, sent)["stored"]
    assert stored["timeStamp"] == instant
    assert stored["timeStampAsSent"] == sent
    assert stored["localDate"] == local_date


def test_a_terminal_with_its_own_zone_reads_local_times_in_it(api):
    stored = saved(api, "2025-06-12T10:00:00", terminal=9)["stored"]  # Europe/Helsinki
    assert stored["timeStamp"] == "2025-06-12T07:00:00Z"


def test_a_local_time_in_the_spring_gap_moves_forward_by_the_gap(api):
    # 2025-03-30: Stockholm clocks go from 02:00 (+01:00) straight to 03:00 (+02:00).
    outcome = saved(api, "2025-03-30T02:30:00")
    assert outcome["stored"]["timeStamp"] == "2025-03-30T01:30:00Z"  # = 03:30 +02:00
    assert "does not exist in Europe/Stockholm" in outcome["result"]["note"]
    assert "2025-03-30T03:30:00+02:00" in outcome["result"]["note"]


def test_a_local_time_occurring_twice_in_autumn_is_the_first_occurrence(api):
    # 2025-10-26: Stockholm clocks go back from 03:00 (+02:00) to 02:00 (+01:00).
    outcome = saved(api, "2025-10-26T02:30:00")
    assert outcome["stored"]["timeStamp"] == "2025-10-26T00:30:00Z"  # 02:30 +02:00
    assert "occurs twice" in outcome["result"]["note"]
    second = saved(api, "2025-10-26T02:30:00+01:00")["stored"]
    assert second["timeStamp"] == "2025-10-26T01:30:00Z"
    assert second["timeStampEntryId"] != outcome["stored"]["timeStampEntryId"]


def test_unambiguous_local_times_on_dst_days_carry_no_note(api):
    outcome = saved(api, "2025-10-26T08:00:00")
    assert outcome["stored"]["timeStamp"] == "2025-10-26T07:00:00Z"
    assert "note" not in outcome["result"]


def test_a_company_in_another_zone(client, store, clock):
    from tests.factories import ApiSession, build_company

    api = ApiSession.login(client, build_company(store, clock(), time_zone="America/New_York"))
    stored = saved(api, "2025-06-12T22:00:00")["stored"]
    assert stored["timeStamp"] == "2025-06-13T02:00:00Z"
    assert stored["localDate"] == "2025-06-12"
