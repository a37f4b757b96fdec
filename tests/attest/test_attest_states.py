"""Attest states and locked days, end to end through the API (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from stampla.errors import Forbidden
from stampla.service.attest.states import days_in_state_at_least, mark_exported
from stampla.service.attest.transitions import TransitionRequest, transition_days
from stampla.service.roles import Role, StaffActor
from tests.admin.session import admin_for, ok, refused
from tests.attest.conftest import saved
from tests.factories import entry

DAY = "2025-06-12"
TRANSITION = "/Admin/AttestTime/Transition"
LATE = "/Admin/LatePunches"


@pytest.fixture
def admin(client, store, company, clock):
    return admin_for(client, store, company, clock())


def lunch_day(employee: str = "3002", day: str = DAY):
    return [
        entry(employee, f"{day}T08:00:00", "In"),
        entry(employee, f"{day}T12:00:00", "Out", IsBreak=True),
        entry(employee, f"{day}T12:30:00", "In", IsBreak=True),
        entry(employee, f"{day}T16:30:00", "Out"),
    ]


def move(admin, to: str, employees=("3002",), first=DAY, last=DAY, **more):
    body = {"EmployeeNrs": list(employees), "DateFrom": first, "DateTo": last, "ToState": to}
    return admin.post(TRANSITION, {**body, **more})


def codes(row: dict) -> list[str]:
    return [w["code"] for w in row["warnings"]]


def test_the_default_flow_registered_attested_approved(api, attest, admin):
    saved(api.post(lunch_day()))
    row = attest.day(DAY)
    assert (row["attestState"], row["attestedBy"], row["attestedAt"]) == ("Registered", None, None)
    config = ok(admin.get("/Admin/AttestStates"))
    assert [(s["code"], s["locks"]) for s in config["states"]] == [
        ("Registered", False),
        ("Attested", False),
        ("Approved", True),
        ("Exported", True),
    ]
    moved = ok(move(admin, "Attested"))
    assert (moved["moved"], moved["skipped"]) == (1, 0)
    assert moved["days"][0]["fromState"] == "Registered"
    row = attest.day(DAY)
    assert row["attestState"] == "Attested" and row["attestedBy"].startswith("admin-key:")
    assert row["attestedAt"].endswith("Z")
    again = ok(move(admin, "Attested"))
    assert again["days"][0]["outcome"] == "Skipped" and "already" in again["days"][0]["reason"]
    ok(move(admin, "Approved"))
    assert attest.day(DAY)["attestState"] == "Approved"
    trail = ok(admin.get("/Admin/Audit", entity="attest_day"))["events"]
    assert [e["changes"]["state"] for e in trail] == [
        ["Registered", "Attested"],
        ["Attested", "Approved"],
    ]


def test_a_range_of_many_employees_moves_every_day_and_says_which_were_skipped(api, admin):
    saved(api.post(lunch_day("3002") + lunch_day("3014", "2025-06-13")))
    saved(api.post([entry("3015", "2025-06-12T08:00:00", "In")]))  # no Out
    body = ok(move(admin, "Attested", ("3002", "3014", "3015"), "2025-06-12", "2025-06-13"))
    outcomes = {(d["employeeNr"], d["date"]): d for d in body["days"]}
    assert outcomes["3015", "2025-06-12"]["outcome"] == "Skipped"
    assert "open warnings" in outcomes["3015", "2025-06-12"]["reason"]
    assert outcomes["3002", "2025-06-12"]["outcome"] == "Moved"
    assert outcomes["3014", "2025-06-13"]["outcome"] == "Moved"
    assert body["moved"] == len(body["days"]) - 1


def test_attest_is_refused_with_open_warnings_and_allowed_with_an_override(api, attest, admin):
    saved(api.post([entry("3002", f"{DAY}T08:00:00", "In")]))
    body = ok(move(admin, "Attested"))
    (day,) = body["days"]
    assert day["outcome"] == "Skipped" and day["warnings"], day
    assert attest.day(DAY)["attestState"] == "Registered"
    refused(move(admin, "Attested", Override=True), 400)  # an override needs a reason
    body = ok(move(admin, "Attested", Override=True, Reason="Glömde stämpla ut, chefen vet"))
    assert body["days"][0]["outcome"] == "Moved"
    assert attest.day(DAY)["attestState"] == "Attested"
    (event,) = ok(admin.get("/Admin/Audit", entity="attest_day"))["events"]
    assert event["note"] == "override: Glömde stämpla ut, chefen vet"


def test_moving_back_is_for_payroll_an_attestant_is_refused(api, attest, admin, store, company):
    saved(api.post(lunch_day()))
    ok(move(admin, "Attested"))
    attestant = StaffActor("web:åsa", Role.ATTESTANT)
    payroll = StaffActor("web:pär", Role.PAYROLL)
    back = TransitionRequest(date(2025, 6, 12), date(2025, 6, 12), "registered", ["3002"])
    now = datetime.now(UTC)
    with pytest.raises(Forbidden):
        transition_days(store, company.id, attestant, back, now, max_days=31)
    approve = TransitionRequest(date(2025, 6, 12), date(2025, 6, 12), "Approved", ["3002"])
    with pytest.raises(Forbidden):
        transition_days(store, company.id, attestant, approve, now, max_days=31)
    assert attest.day(DAY)["attestState"] == "Attested"
    report = transition_days(store, company.id, payroll, back, now, max_days=31)
    assert report.moved == 1
    assert attest.day(DAY)["attestState"] == "Registered"


def test_a_punch_into_an_approved_day_is_stored_but_the_day_stays(api, attest, admin):
    saved(api.post(lunch_day()))
    ok(move(admin, "Approved"))
    before = attest.day(DAY)
    late = saved(
        api.post([entry("3002", f"{DAY}T18:00:00", "In"), entry("3002", f"{DAY}T19:00:00", "Out")])
    )
    assert {p["timeStampEntryId"] for p in api.stored(DAY)} >= set(late)  # stored
    after = attest.day(DAY)
    assert after["workSeconds"] == before["workSeconds"] == 8 * 3600
    assert after["punches"] == before["punches"]
    (warning,) = [w for w in after["warnings"] if w["code"] == "LateIntoLockedDay"]
    assert warning["timeStampEntryIds"] == late and "19:00" in warning["message"]
    listed = ok(admin.get(LATE))
    assert [p["timeStampEntryId"] for p in listed] == late
    assert {p["attestState"] for p in listed} == {"Approved"}


def test_reopening_recomputes_the_day(api, attest, admin):
    saved(api.post(lunch_day()))
    ok(move(admin, "Approved"))
    saved(
        api.post([entry("3002", f"{DAY}T18:00:00", "In"), entry("3002", f"{DAY}T19:00:00", "Out")])
    )
    ok(move(admin, "Registered", Reason="Sent late by the terminal"))
    row = attest.day(DAY)
    assert row["attestState"] == "Registered" and row["workSeconds"] == 9 * 3600
    assert "LateIntoLockedDay" not in codes(row)
    assert ok(admin.get(LATE)) == []


def test_a_late_punch_is_dismissed_with_a_reason(api, attest, admin):
    saved(api.post(lunch_day()))
    ok(move(admin, "Approved"))
    (late,) = saved(api.post([entry("3002", f"{DAY}T09:00:00", "In")]))
    refused(admin.post(f"{LATE}/{late}/Dismiss", {"Reason": " "}), 400)
    dismissed = ok(admin.post(f"{LATE}/{late}/Dismiss", {"Reason": "Dubbelstämpling"}))
    assert dismissed["dismissedReason"] == "Dubbelstämpling"
    refused(admin.post(f"{LATE}/{late}/Dismiss", {"Reason": "again"}), 409)
    refused(admin.post(f"{LATE}/999999/Dismiss", {"Reason": "no such"}), 404)
    row = attest.day(DAY)
    assert "LateIntoLockedDay" not in codes(row) and row["workSeconds"] == 8 * 3600
    assert ok(admin.get(LATE)) == []
    assert [p["timeStampEntryId"] for p in ok(admin.get(LATE, includeDismissed=True))] == [late]
    (event,) = ok(admin.get("/Admin/Audit", entity="late_punch"))["events"]
    assert (event["action"], event["note"]) == ("dismiss", "Dubbelstämpling")


def test_replace_days_into_a_locked_day_is_refused_per_entry_and_nothing_is_written(api, admin):
    ids = saved(api.post(lunch_day()))
    ok(move(admin, "Approved"))
    other = "2025-06-13"
    sent = [entry("3002", f"{other}T08:00:00", "In"), entry("3002", f"{DAY}T09:00:00", "In")]
    response = api.post(sent, replaceDays=True)
    assert response.status_code == 400, response.text
    (problem,) = response.json()["errors"]
    assert problem["index"] == 1 and "locked" in problem["message"]
    assert [p["timeStampEntryId"] for p in api.stored(DAY, other)] == ids
    # Without all-or-none, the other day is replaced and the locked one still refused.
    response = api.post(sent, replaceDays=True, allOrNone=False)
    assert response.status_code == 200, response.text
    stored = api.stored(DAY, other)
    assert [p["timeStampEntryId"] for p in stored if p["timeStamp"].startswith(DAY)] == ids


def test_a_schedule_change_after_approval_is_flagged_and_the_frozen_row_stands(api, attest, admin):
    saved(api.post(lunch_day()))
    ok(move(admin, "Approved"))
    before = attest.day(DAY)
    override = {"EmployeeNr": "3002", "Date": DAY, "Shifts": "10:00-14:00"}
    assert admin.post("/Admin/Schedules/Overrides", override).status_code == 201
    after = attest.day(DAY)
    assert after["expectedSeconds"] == before["expectedSeconds"]
    assert after["scheduledShifts"] == before["scheduledShifts"] == []
    assert codes(after) == [*codes(before), "RecomputedDiffers"]
    ok(move(admin, "Registered", Reason="Schema ändrat"))
    reopened = attest.day(DAY)
    assert reopened["scheduledShifts"] and "RecomputedDiffers" not in codes(reopened)


def test_the_payroll_export_reads_frozen_days_and_marks_them_exported(
    api, attest, admin, store, company
):
    saved(api.post(lunch_day() + lunch_day("3014")))
    ok(move(admin, "Approved", ("3002",)))
    ok(move(admin, "Attested", ("3014",)))
    payroll = StaffActor("web:pär", Role.PAYROLL)
    employee = company.ids["employee:3002"]
    with store.write() as conn:
        days = days_in_state_at_least(
            conn, company.id, date(2025, 6, 1), date(2025, 6, 30), None, "Approved"
        )
        assert list(days) == [(employee, date(2025, 6, 12))]
        assert days[employee, date(2025, 6, 12)].row.work_seconds == 8 * 3600
        mark_exported(conn, company.id, days, 41, payroll)
    assert attest.day(DAY)["attestState"] == "Exported"
    assert attest.day(DAY, "3014")["attestState"] == "Attested"
    with store.read() as conn:
        (day,) = days_in_state_at_least(
            conn, company.id, date(2025, 6, 12), date(2025, 6, 12), {employee}, "Exported"
        ).values()
    assert (day.state_code, day.export_run_id) == ("Exported", 41)
    refused(move(admin, "Exported"), 400)  # only the export sets it


def test_the_states_are_configured_per_company(admin):
    config = ok(admin.get("/Admin/AttestStates"))
    states = [
        {k[0].upper() + k[1:]: v for k, v in s.items() if k != "initial"} for s in config["states"]
    ]
    states.insert(2, {"Code": "Kontrollerad", "Name": "Kontrollerad", "Colour": "#aa5500",
                      "Locks": False, "SortOrder": 25, "Exported": False})  # fmt: skip
    transitions = [
        {"From": t["from"], "To": t["to"], "Roles": t["roles"]} for t in config["transitions"]
    ]
    transitions.append({"From": "Attested", "To": "Kontrollerad", "Roles": ["payroll"]})
    changed = ok(admin.post("/Admin/AttestStates", {"States": states, "Transitions": transitions}))
    assert [s["code"] for s in changed["states"]][2] == "Kontrollerad" and changed["custom"]
    bad = [dict(states[0], Colour="red"), *states[1:]]
    body = refused(admin.post("/Admin/AttestStates", {"States": bad, "Transitions": []}), 400)
    assert body["errors"][0]["field"] == "states[0].colour"


def test_the_command_line_configures_states_moves_days_and_lists_late_punches(api, cli, clock):
    saved(api.post(lunch_day()))
    assert "Registered Registered" in cli("attest-state", "list")
    cli("attest-state", "set", "Kontrollerad", "--name", "Kontrollerad", "--colour", "#aa5500",
        "--no-locks", "--sort-order", "25")  # fmt: skip
    cli("attest-state", "transition", "Attested", "Kontrollerad", "--roles", "payroll,admin")
    listed = cli.json("attest-state", "list")
    assert {"from": "Attested", "to": "Kontrollerad", "roles": ["admin", "payroll"]} in listed[
        "transitions"
    ]
    moved = cli.json("attest-day", "set", "--to", "Approved", "--from", DAY, "--employees", "3002")
    assert (moved["moved"], moved["days"][0]["toState"]) == (1, "Approved")
    clock.advance(timedelta(minutes=1))  # the API's clock is the test's; the command's is real
    (late,) = saved(api.post([entry("3002", f"{DAY}T18:00:00", "In")]))
    (shown,) = cli.json("late-punches", "list")
    assert shown["timeStampEntryId"] == late
    cli("late-punches", "dismiss", str(late), "--reason", "Testade terminalen")
    assert cli.json("late-punches", "list") == []
    cli("late-punches", "dismiss", str(late), "--reason", "again", code=1)


def test_bad_requests_are_named_4xx(api, admin):
    saved(api.post(lunch_day()))
    body = refused(move(admin, "Granskad"), 400)
    assert body["errors"][0]["field"] == "toState"
    refused(move(admin, "Attested", ("9999",)), 400)
    refused(move(admin, "Attested", first="2025-06-13", last="2025-06-12"), 400)
    refused(move(admin, "Attested", Reason="x" * 501), 400)
    refused(admin.post(f"{LATE}/{2**70}/Dismiss", {"Reason": "r"}), 400)
    refused(admin.post(f"{LATE}/1/Dismiss", {"Reason": "x" * 501}), 400)
    refused(admin.post(TRANSITION, {"DateFrom": DAY}), 400)
