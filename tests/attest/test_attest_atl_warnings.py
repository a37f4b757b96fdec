"""The Working Hours Act on the day rows, through AttestTime (SQLite and PostgreSQL).

The test company's employees are hourly paid part-timers at 20 h a week (4:00 expected
Monday to Friday); with the Handels rule set, 06:00–19:00 is 3:39 of mertid and 5:21 of
overtime a day (docs/time-rules.md, "The Working Hours Act report").
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from stampla.domain.attest import AttestWarning, HolidayCalendar, WarningCode, empty_day
from stampla.service.attest.transitions import open_warnings
from tests.admin.session import admin_for, ok
from tests.attest.conftest import saved
from tests.attest.test_attest_time_rules import CODES, HANDELS
from tests.factories import entry

ATL = {"OvertimeFourWeeks", "OvertimeMonth", "OvertimeYear", "MertidYear", "DailyRest"}
ATL |= {"WeeklyRest"}


@pytest.fixture
def admin(client, store, company, clock):
    session = admin_for(client, store, company, clock())
    for code, kind in CODES.items():
        ok(session.post("/Admin/TimeCodes", {"Code": code, "Name": code, "Kind": kind}), 201)
    body = {"Agreement": "timavlönad", "ValidFrom": "2025-01-01", "Rules": HANDELS}
    ok(session.post("/Admin/RuleSets", {**body, "AllowPast": True}), 201)
    return session


def long_weekdays(api) -> None:
    """Ten weekdays 2–13 June 2025 of 06:00–19:00."""
    days = [date(2025, 6, 2) + timedelta(days=n) for n in range(12) if n % 7 < 5]
    stamps = []
    for day in days:
        stamps += [
            entry(time_stamp=f"{day}T06:00:00"),
            entry(time_stamp=f"{day}T19:00:00", kind="Out"),
        ]
    saved(api.post(stamps))


def atl(row: dict) -> list[str]:
    return [w["code"] for w in row["warnings"] if w["code"] in ATL]


def test_the_rows_past_the_overtime_limits_say_so(api, attest, admin):
    long_weekdays(api)
    rows = {row["date"][:10]: row for row in attest.rows("2025-06-01", "2025-06-30")}
    flagged = {day: atl(row) for day, row in rows.items() if atl(row)}
    assert flagged == {
        "2025-06-12": ["OvertimeFourWeeks"],
        "2025-06-13": ["OvertimeFourWeeks", "OvertimeMonth"],
    }
    (month,) = [w for w in rows["2025-06-13"]["warnings"] if w["code"] == "OvertimeMonth"]
    assert month["message"].startswith("53 h 30 min of general overtime in the calendar month")
    assert "limit 50 h" in month["message"]


def test_a_read_of_the_last_days_alone_still_counts_the_days_before(api, attest, admin):
    long_weekdays(api)
    (row,) = attest.rows("2025-06-13", "2025-06-13")
    assert atl(row) == ["OvertimeFourWeeks", "OvertimeMonth"]


def test_atl_warnings_do_not_block_attesting_and_are_not_frozen(api, attest, admin):
    long_weekdays(api)
    move = {"EmployeeNrs": ["3002"], "DateFrom": "2025-06-13", "DateTo": "2025-06-13"}
    body = ok(admin.post("/Admin/AttestTime/Transition", {**move, "ToState": "Approved"}))
    assert body["days"][0]["outcome"] == "Moved", body
    (row,) = attest.rows("2025-06-13", "2025-06-13")
    assert row["attestState"] == "Approved"
    codes = [w["code"] for w in row["warnings"]]
    # Still shown on the locked day, and the frozen row is as computed: no RecomputedDiffers.
    assert "OvertimeMonth" in codes and "RecomputedDiffers" not in codes


def test_a_week_without_36_hours_of_rest_is_flagged_on_its_sunday(api, attest):
    """Every day 08:00–16:00 from Sunday 8 to Monday 16 June: 16 h breaks at most."""
    start = date(2025, 6, 8)
    stamps = []
    for n in range(9):
        day = start + timedelta(days=n)
        stamps += [
            entry(time_stamp=f"{day}T08:00:00"),
            entry(time_stamp=f"{day}T16:00:00", kind="Out"),
        ]
    saved(api.post(stamps))
    rows = attest.rows("2025-06-09", "2025-06-15")
    assert {row["date"][:10]: atl(row) for row in rows if atl(row)} == {
        "2025-06-15": ["WeeklyRest"]
    }


def test_open_warnings_leave_the_working_hours_act_out():
    """Whatever read a row came from, its ATL warnings never stop a day being attested."""
    row = empty_day(date(2025, 6, 13), None, HolidayCalendar.NONE)
    row.warnings.append(AttestWarning(WarningCode.OVERTIME_MONTH, "55 h …", ()))
    row.warnings.append(AttestWarning(WarningCode.WEEKLY_REST, "no 36 h …", ()))
    assert open_warnings(row) == ()
    row.warnings.append(AttestWarning(WarningCode.MISSING_OUT, "no Out", (1,)))
    assert open_warnings(row) == ("MissingOut",)


def test_a_day_weeks_after_the_others_sums_them_from_the_look_back_read(api, attest, admin):
    """Read alone, 27 June (25 days after the first long day, beyond the two weeks read
    with the range) still counts 2–13 June: 53:30 + 5:21 in the month."""
    long_weekdays(api)
    punched_day = [
        entry(time_stamp="2025-06-27T06:00:00"),
        entry(time_stamp="2025-06-27T19:00:00", kind="Out"),
    ]
    saved(api.post(punched_day))
    (row,) = attest.rows("2025-06-27", "2025-06-27")
    assert atl(row) == ["OvertimeFourWeeks", "OvertimeMonth"]
    (month,) = [w for w in row["warnings"] if w["code"] == "OvertimeMonth"]
    assert month["message"].startswith("58 h 51 min of general overtime in the calendar month")
