"""HR corrections over /Admin/PunchCorrections: add, change and void each show in the day
row (AttestTime), in the audit trail, and leave the original readable (includeSuperseded);
the reason is required; unknown and superseded punches, edge times and bad types are refused
naming the field. Runs on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

import pytest

from stampla.service import masterdata as md
from stampla.service.audit import list_events
from tests.admin.session import ok, refused
from tests.factories import entry

PATH = "/Admin/PunchCorrections"
ATTEST_PATH = "/Personell/Time/AttestTime"
DAY = "2025-06-12"


def post(api, *entries) -> list[dict]:
    response = api.post(list(entries))
    assert response.status_code == 200, response.text
    return [r["timeStampEntryId"] for r in response.json()["results"]]


def day_row(api, employee: str = "3002") -> dict:
    params = api.params(dateFrom=DAY, dateTo=DAY, employeeNrsString=employee)
    response = api.client.get(ATTEST_PATH, params=params)
    assert response.status_code == 200, response.text
    (row,) = response.json()
    return row


def stored(api, superseded: bool = True) -> list[dict]:
    extra = {"includeSuperseded": "true"} if superseded else {}
    return api.stored(DAY, employeeNrsString="3002", **extra)


def corrections_in_audit(store, company, clock) -> list:
    return list_events(store, company.id, clock(), entity="punch_correction").events


@pytest.fixture
def day(api) -> list[int]:
    """3002 works 08:00–16:00 (local) on DAY, on terminal 7255."""
    return post(api, entry(time_stamp=f"{DAY}T08:00"), entry(time_stamp=f"{DAY}T16:00", kind="Out"))


def test_add_a_missing_out_completes_the_day(api, admin, store, company, clock):
    (opened,) = post(api, entry(time_stamp=f"{DAY}T08:00"))
    assert "MissingOut" in [w["code"] for w in day_row(api)["warnings"]]
    body = {
        "Kind": "add",
        "EmployeeNr": "3002",
        "TimeStamp": f"{DAY}T17:00",
        "TimeStampEntryType": "Out",
        "Reason": "  Forgot to stamp out, confirmed by manager  ",
    }
    made = ok(admin.post(PATH, body), 201)
    assert made["kind"] == "add" and made["supersedes"] is None and made["original"] is None
    assert made["reason"] == "Forgot to stamp out, confirmed by manager"
    assert made["actor"].startswith("admin-key:")
    assert made["punch"]["origin"] == "Correction"
    assert made["punch"]["timeTerminalId"] == 7255  # the terminal of the day's other punch
    row = day_row(api)
    assert row["warnings"] == [] and row["workSeconds"] == 9 * 3600
    assert [p["timeStampEntryId"] for p in row["punches"]] == [opened, made["punchId"]]
    (event,) = corrections_in_audit(store, company, clock)
    assert (event.entity_key, event.action) == (f"3002 {DAY}", "add")
    assert event.note == "Forgot to stamp out, confirmed by manager"
    assert event.changes["TimeStamp"] == [None, f"{DAY} 17:00"]


def test_change_supersedes_the_original_which_stays_readable(
    api, admin, store, company, clock, day
):
    opened, closed = day
    body = {
        "Kind": "change",
        "EmployeeNr": "3002",
        "TimeStampEntryId": closed,
        "TimeStamp": f"{DAY}T15:00",
        "Reason": "Left early, approved",
    }
    made = ok(admin.post(PATH, body), 201)
    assert made["supersedes"] == closed and made["original"]["superseded"] is True
    assert made["original"]["supersededBy"] == made["punchId"]
    row = day_row(api)
    assert row["workSeconds"] == 7 * 3600
    assert [p["timeStampEntryId"] for p in row["punches"]] == [opened, made["punchId"]]
    current = [p["timeStampEntryId"] for p in stored(api, superseded=False)]
    assert current == [opened, made["punchId"]]
    everything = {p["timeStampEntryId"]: p for p in stored(api)}
    assert everything[closed]["superseded"] is True
    assert everything[closed]["supersededBy"] == made["punchId"]
    assert everything[closed]["supersededByBatchId"] == made["id"]
    assert everything[closed]["timeStampAsSent"] == f"{DAY}T16:00"
    (event,) = corrections_in_audit(store, company, clock)
    assert event.action == "change" and event.note == "Left early, approved"
    assert event.changes["TimeStamp"] == [f"{DAY} 16:00", f"{DAY} 15:00"]
    assert event.changes["TimeStampEntryId"] == [closed, made["punchId"]]


def test_void_takes_the_punch_out_of_the_day(api, admin, store, company, clock, day):
    opened, closed = day
    body = {"Kind": "void", "EmployeeNr": "3002", "TimeStampEntryId": closed, "Reason": "Test"}
    made = ok(admin.post(PATH, body), 201)
    assert made["punchId"] is None and made["punch"] is None and made["supersedes"] == closed
    row = day_row(api)
    assert [p["timeStampEntryId"] for p in row["punches"]] == [opened]
    assert "MissingOut" in [w["code"] for w in row["warnings"]]
    everything = {p["timeStampEntryId"]: p for p in stored(api)}
    assert everything[closed]["superseded"] is True and everything[closed]["supersededBy"] is None
    (event,) = corrections_in_audit(store, company, clock)
    assert event.action == "void" and event.changes["TimeStampEntryId"] == [closed, None]
    listed = ok(admin.get(PATH, employeeNr="3002", dateFrom=DAY, dateTo=DAY))
    assert [(c["kind"], c["supersedes"], c["reason"]) for c in listed] == [("void", closed, "Test")]


def test_accounts_and_time_codes_are_checked_as_for_ingestion(
    api, admin, store, company, clock, day
):
    with store.write() as conn:
        md.put_time_code(conn, company.id, md.TimeCodeSpec("Övertid 50%", "Övertid"), clock())
    _, closed = day
    body = {
        "Kind": "change",
        "EmployeeNr": "3002",
        "TimeStampEntryId": closed,
        "TimeScheduleTypes": [{"TimeScheduleTypeCode": "ÖVERTID 50%"}],
        "Accounts": [{"AccountNr": "1000"}],
        "Reason": "Overtime agreed",
    }
    made = ok(admin.post(PATH, body), 201)
    assert made["punch"]["timeScheduleTypes"] == [{"timeScheduleTypeCode": "ÖVERTID 50%"}]
    unknown = {**body, "TimeStampEntryId": made["punchId"], "Accounts": [{"AccountNr": "999"}]}
    problem = refused(admin.post(PATH, unknown), 400)
    assert problem["errors"][0]["field"] == "Accounts[0].AccountNr"
    ambiguous = {**unknown, "Accounts": [{"AccountNr": "4001"}]}
    assert "ambiguous" in refused(admin.post(PATH, ambiguous), 400)["errorMessage"]


@pytest.mark.parametrize("reason", [None, "", "   "])
def test_a_reason_is_required(api, admin, day, reason):
    body = {"Kind": "void", "EmployeeNr": "3002", "TimeStampEntryId": day[1]}
    if reason is not None:
        body["Reason"] = reason
    problem = refused(admin.post(PATH, body), 400)
    assert [e["field"] for e in problem["errors"]] == ["Reason"]
    assert len(stored(api, superseded=False)) == 2


def test_unknown_employee_and_punch_are_404_naming_them(admin, day):
    body = {"Kind": "void", "EmployeeNr": "nobody", "TimeStampEntryId": day[1], "Reason": "x"}
    problem = refused(admin.post(PATH, body), 404)
    assert "'nobody'" in problem["errorMessage"] and problem["errors"][0]["field"] == "EmployeeNr"
    body = {**body, "EmployeeNr": "3014"}  # another employee's punch is not theirs
    problem = refused(admin.post(PATH, body), 404)
    assert f"Punch {day[1]}" in problem["errorMessage"]
    assert problem["errors"][0]["field"] == "TimeStampEntryId"


def test_a_superseded_punch_is_409_naming_the_newer(admin, day):
    _, closed = day
    body = {
        "Kind": "change",
        "EmployeeNr": "3002",
        "TimeStampEntryId": closed,
        "TimeStamp": f"{DAY}T15:30",
        "Reason": "first",
    }
    newer = ok(admin.post(PATH, body), 201)["punchId"]
    problem = refused(admin.post(PATH, {**body, "Reason": "second"}), 409)
    assert f"punch {newer}" in problem["errorMessage"]
    void = {"Kind": "void", "EmployeeNr": "3002", "TimeStampEntryId": newer, "Reason": "gone"}
    made = ok(admin.post(PATH, void), 201)
    problem = refused(admin.post(PATH, void), 409)
    assert f"correction {made['id']} (void)" in problem["errorMessage"]


@pytest.mark.parametrize(
    ("sent", "field"),
    [
        ({"TimeStamp": "0001-01-01T00:00:00Z"}, "TimeStamp"),
        ({"TimeStamp": "9999-12-31T23:59:59+14:00"}, "TimeStamp"),
        ({"TimeStamp": "yesterday"}, "TimeStamp"),
        ({"TimeStampEntryType": "Sideways"}, "TimeStampEntryType"),
        ({"IsBreak": "perhaps"}, "IsBreak"),
        ({"TimeTerminalId": 424242}, "TimeTerminalId"),
        ({"Kind": "fix"}, "Kind"),
        ({"TimeStampEntryId": 5}, "TimeStampEntryId"),
    ],
)
def test_bad_values_are_400_naming_the_field(api, admin, day, sent, field):
    body = {
        "Kind": "add",
        "EmployeeNr": "3002",
        "TimeStamp": f"{DAY}T12:00",
        "TimeStampEntryType": "Out",
        "TimeTerminalId": 7255,
        "Reason": "r",
        **sent,
    }
    problem = refused(admin.post(PATH, body), 400)
    assert field in [e["field"] for e in problem["errors"]], problem
    assert len(stored(api)) == 2


def test_an_add_equal_to_a_current_punch_is_409(admin, day):
    body = {
        "Kind": "add",
        "EmployeeNr": "3002",
        "TimeStamp": f"{DAY}T16:00",
        "TimeStampEntryType": "Out",
        "TimeTerminalId": 7255,
        "Reason": "again",
    }
    assert f"Punch {day[1]}" in refused(admin.post(PATH, body), 409)["errorMessage"]


def test_a_change_that_changes_nothing_is_400(admin, day):
    body = {
        "Kind": "change",
        "EmployeeNr": "3002",
        "TimeStampEntryId": day[1],
        "TimeStamp": f"{DAY}T16:00",
        "Reason": "same",
    }
    assert "changes nothing" in refused(admin.post(PATH, body), 400)["errors"][0]["message"]


def test_an_add_without_a_terminal_near_other_punches_must_name_one(admin, day):
    body = {
        "Kind": "add",
        "EmployeeNr": "3002",
        "TimeStamp": "2025-01-02T12:00",
        "TimeStampEntryType": "In",
        "Reason": "r",
    }
    problem = refused(admin.post(PATH, body), 400)
    assert [e["field"] for e in problem["errors"]] == ["TimeTerminalId"]
    made = ok(admin.post(PATH, {**body, "TimeTerminalId": 1}), 201)
    assert made["punch"]["timeTerminalId"] == 1 and made["localDate"] == "2025-01-02"


def test_a_viewer_may_not_correct(api, store, company, clock, day):
    from stampla.errors import Forbidden
    from stampla.service import corrections
    from stampla.service.roles import Role, StaffActor

    given = {"kind": "void", "employee_nr": "3002", "punch_id": day[1], "reason": "no"}
    limits = corrections.Limits(max_future=timedelta(minutes=5))
    with pytest.raises(Forbidden, match="may not correct punches"):
        corrections.correct(
            store, company.id, given, clock(), limits=limits, actor=StaffActor("web:v", Role.VIEWER)
        )
    assert len(stored(api, superseded=False)) == 2
