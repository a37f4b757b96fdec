"""A correction into an approved (locked) day is kept but does not change what was attested:
like a terminal's late punch, it shows as LateIntoLockedDay until payroll reopens the day."""

from __future__ import annotations

from tests.admin.session import ok
from tests.attest.conftest import saved
from tests.attest.test_attest_states import DAY, LATE, admin, codes, lunch_day, move  # noqa: F401

PATH = "/Admin/PunchCorrections"


def test_a_correction_into_an_approved_day_is_late_and_counts_after_reopening(
    api,
    attest,
    admin,  # noqa: F811
):
    saved(api.post(lunch_day()))
    ok(move(admin, "Attested"))
    ok(move(admin, "Approved"))
    approved = attest.day(DAY)
    body = {
        "Kind": "add",
        "EmployeeNr": "3002",
        "TimeStamp": f"{DAY}T18:00",
        "TimeStampEntryType": "In",
        "Reason": "Överlämning i kassan",
    }
    made = ok(admin.post(PATH, body), 201)
    row = attest.day(DAY)
    assert row["attestState"] == "Approved"
    assert row["workSeconds"] == approved["workSeconds"]
    assert "LateIntoLockedDay" in codes(row)
    late = ok(admin.get(LATE))
    listed = late["latePunches"] if isinstance(late, dict) else late
    assert made["punchId"] in [p["timeStampEntryId"] for p in listed]
    ok(move(admin, "Registered", Reason="Correction after approval"))
    reopened = attest.day(DAY)
    assert reopened["attestState"] == "Registered"
    assert made["punchId"] in [p["timeStampEntryId"] for p in reopened["punches"]]
    assert "LateIntoLockedDay" not in codes(reopened)
