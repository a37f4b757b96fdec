"""Schedules set up through /Admin, read back through AttestTime: the issue's cases.

Thursday 2025-06-12 is scheduled 08:00–17:00 with a break 12:00–13:00 (8:00 of work).
"""

from __future__ import annotations

import pytest

from stampla.service.attest import change_settings
from tests.admin.session import admin_for, ok
from tests.factories import entry

from .conftest import saved

DAY = "08:00-17:00 /12:00-13:00"
OFFICE = ";".join([DAY] * 5 + ["-", "-"])
NIGHTS = "-;-;-;-;22:00-06:00 /02:00-02:30;-;-"


@pytest.fixture
def admin(client, store, company, clock):
    session = admin_for(client, store, company, clock())
    ok(session.post("/Admin/ScheduleTemplates", {"Name": "Kontor", "Weeks": [OFFICE]}), 201)
    body = {"EmployeeNr": "3002", "Template": "kontor", "ValidFrom": "2025-06-02"}
    ok(session.post("/Admin/Schedules/Assignments", body), 201)
    return session


def punched(api, *stamps: tuple[str, str], employee: str = "3002") -> None:
    saved(api.post([entry(employee, time_stamp=at, kind=kind) for at, kind in stamps]))


def warnings(row: dict) -> list[str]:
    return [warning["code"] for warning in row["warnings"]]


def test_a_late_in_against_the_schedule(api, attest, admin):
    punched(api, ("2025-06-12T08:10:00", "In"), ("2025-06-12T17:00:00", "Out"))
    row = attest.day("2025-06-12")
    assert (row["scheduledSeconds"], row["expectedSeconds"]) == (8 * 3600, 8 * 3600)
    assert row["workInsideScheduleSeconds"] == 7 * 3600 + 50 * 60
    assert row["workOutsideScheduleSeconds"] == 0
    assert row["differenceSeconds"] == -10 * 60
    assert warnings(row) == ["LateIn"]
    (shift,) = row["scheduledShifts"]
    assert (shift["start"], shift["stop"]) == ("2025-06-12T06:00:00Z", "2025-06-12T15:00:00Z")
    assert shift["breaks"] == [{"start": "2025-06-12T10:00:00Z", "stop": "2025-06-12T11:00:00Z"}]
    assert [s["kind"] for s in row["spans"]].count("ScheduledBreak") == 1


def test_early_work_is_outside_the_schedule(api, attest, admin):
    punched(api, ("2025-06-12T07:30:00", "In"), ("2025-06-12T17:00:00", "Out"))
    row = attest.day("2025-06-12")
    assert row["workInsideScheduleSeconds"] == 8 * 3600
    assert row["workOutsideScheduleSeconds"] == 30 * 60
    assert row["differenceSeconds"] == 30 * 60 and warnings(row) == []


def test_a_night_shift_on_friday_belongs_to_friday(api, attest, admin, client, store, company):
    ok(admin.post("/Admin/ScheduleTemplates", {"Name": "Natt", "Weeks": [NIGHTS]}), 201)
    body = {"EmployeeNr": "3014", "Template": "Natt", "ValidFrom": "2025-06-02"}
    ok(admin.post("/Admin/Schedules/Assignments", body), 201)
    punched(api, ("2025-06-13T22:00:00", "In"), ("2025-06-14T06:00:00", "Out"), employee="3014")
    rows = attest.rows("2025-06-13", "2025-06-14", employeeNrsString="3014", includeEmpty="true")
    friday, saturday = rows
    assert friday["date"] == "2025-06-13"
    assert (friday["scheduledSeconds"], friday["workSeconds"]) == (7.5 * 3600, 7.5 * 3600)
    assert friday["workInsideScheduleSeconds"] == 7.5 * 3600 and warnings(friday) == []
    assert (saturday["scheduledSeconds"], saturday["workSeconds"]) == (0, 0)


def test_under_end_day_the_night_belongs_to_saturday_even_read_alone(
    api, attest, admin, store, company, clock
):
    """Saturday's plan needs Friday's override, a date before the range read."""
    change_settings(store, company.id, clock(), day_rule="EndDay")
    friday = {"EmployeeNr": "3002", "Date": "2025-06-13", "Shifts": "22:00-06:00"}
    ok(admin.post("/Admin/Schedules/Overrides", friday), 201)
    punched(api, ("2025-06-13T22:00:00", "In"), ("2025-06-14T06:00:00", "Out"))
    saturday = attest.day("2025-06-14")
    assert (saturday["scheduledSeconds"], saturday["workInsideScheduleSeconds"]) == (
        8 * 3600,
        8 * 3600,
    )
    assert warnings(saturday) == []


def test_work_on_a_day_off_by_override_is_unscheduled(api, attest, admin):
    body = {"EmployeeNr": "3002", "Date": "2025-06-12", "Shifts": "-", "Note": "Kompledig"}
    ok(admin.post("/Admin/Schedules/Overrides", body), 201)
    punched(api, ("2025-06-12T10:00:00", "In"), ("2025-06-12T12:00:00", "Out"))
    row = attest.day("2025-06-12")
    assert (row["scheduledSeconds"], row["scheduledShifts"]) == (0, [])
    assert (row["workInsideScheduleSeconds"], row["workOutsideScheduleSeconds"]) == (0, 7200)
    assert warnings(row) == ["Unscheduled"]


def test_an_override_shift_replaces_the_templates(api, attest, admin):
    body = {"EmployeeNr": "3002", "Date": "2025-06-12", "Shifts": "12:00-20:00 /16:00-16:30"}
    ok(admin.post("/Admin/Schedules/Overrides", body), 201)
    punched(api, ("2025-06-12T12:00:00", "In"), ("2025-06-12T20:00:00", "Out"))
    row = attest.day("2025-06-12")
    assert row["scheduledSeconds"] == 7.5 * 3600
    assert row["workInsideScheduleSeconds"] == 7.5 * 3600 and warnings(row) == []


def test_a_missed_shift_is_a_no_show(attest, admin):
    (row,) = attest.rows("2025-06-12", employeeNrsString="3002", includeEmpty="true")
    assert warnings(row) == ["NoShow"]
    assert (row["expectedSeconds"], row["differenceSeconds"]) == (8 * 3600, -8 * 3600)


def test_an_ended_assignment_leaves_the_weekly_hours_rule(attest, admin):
    change = {"ValidTo": "2025-06-11"}
    ok(
        admin.patch(
            "/Admin/Schedules/Assignments", change, employeeNr="3002", validFrom="2025-06-02"
        )
    )
    wednesday, thursday = attest.rows(
        "2025-06-11", "2025-06-12", employeeNrsString="3002", includeEmpty="true"
    )
    assert wednesday["scheduledShifts"] and wednesday["expectedSeconds"] == 8 * 3600
    # 20 h a week, Monday to Friday: 4:00, and nothing to compare with.
    assert thursday["scheduledShifts"] == [] and thursday["expectedSeconds"] == 4 * 3600
    assert thursday["workInsideScheduleSeconds"] is None and warnings(thursday) == []


def test_a_two_week_rotation_follows_its_start_week(attest, admin):
    weeks = [OFFICE, "-;-;-;-;-;-;-"]
    ok(admin.post("/Admin/ScheduleTemplates", {"Name": "Varannan", "Weeks": weeks}), 201)
    body = {"EmployeeNr": "3015", "Template": "Varannan", "ValidFrom": "2025-06-04", "StartWeek": 2}
    ok(admin.post("/Admin/Schedules/Assignments", body), 201)
    rows = attest.rows("2025-06-05", "2025-06-12", employeeNrsString="3015", includeEmpty="true")
    expected = {row["date"]: row["expectedSeconds"] for row in rows}
    # The week of 2025-06-04 is week 2 (off); the next is week 1.
    assert expected["2025-06-05"] == 0 and expected["2025-06-12"] == 8 * 3600
