"""Punches tagged with an absence code: absence on the day row, not work (through the API)."""

from __future__ import annotations

from stampla.service import masterdata as md
from tests.factories import entry

from .conftest import saved


def test_a_day_punched_with_an_absence_code_is_absence_not_work(api, attest, store, clock):
    md.add_time_code(
        store, api.company.id, {"code": "Sjuk", "name": "Sjuk", "kind": "absence"}, clock()
    )
    sick = [{"TimeScheduleTypeCode": "Sjuk"}]
    saved(
        api.post(
            [
                entry(time_stamp="2025-06-12T08:00:00", TimeScheduleTypes=sick),
                entry(time_stamp="2025-06-12T13:00:00", kind="Out"),
            ]
        )
    )
    row = attest.day("2025-06-12")
    assert (row["workSeconds"], row["absenceSeconds"]) == (0, 5 * 3600)
    assert row["timeScheduleTypes"] == [
        {"code": "Sjuk", "seconds": 5 * 3600, "source": "Punched", "rule": None, "accounts": None}
    ]
    assert [span["kind"] for span in row["spans"]] == ["Absence"]
    # 20 h a week: 4:00 expected; five hours away cover it, and one more.
    assert (row["expectedSeconds"], row["differenceSeconds"]) == (4 * 3600, 3600)


def test_an_attendance_code_still_counts_as_work(api, attest):
    ob = [{"TimeScheduleTypeCode": "OB 50%"}]
    saved(
        api.post(
            [
                entry(time_stamp="2025-06-12T08:00:00", TimeScheduleTypes=ob),
                entry(time_stamp="2025-06-12T13:00:00", kind="Out"),
            ]
        )
    )
    row = attest.day("2025-06-12")
    assert (row["workSeconds"], row["absenceSeconds"]) == (5 * 3600, 0)
