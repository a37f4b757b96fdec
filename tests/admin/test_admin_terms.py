"""Dated employment terms through /Admin: the employee's fields, /Admin/Employees/Terms and
the CSV import write terms, and a term dated D never changes a day row before D (read as an
integration reads them, GET /Personell/Time/AttestTime)."""

from __future__ import annotations

from datetime import date

import pytest

from tests.admin.session import AdminSession, ok, refused
from tests.attest.conftest import AttestReader
from tests.factories import entry

EMPLOYEES = "/Admin/Employees"
TERMS = "/Admin/Employees/Terms"
HOUR = 3600
WEEK = ("2025-06-09", "2025-06-13")  # Monday to Friday; employee 3002 works 20:00 a week


@pytest.fixture
def attest(api) -> AttestReader:
    return AttestReader(api)


@pytest.fixture
def punched(api) -> None:
    """3002 works 08:00-12:00 every day of the week, so that every day has a row."""
    entries = []
    for day in range(9, 14):
        entries += [
            entry(time_stamp=f"2025-06-{day:02d}T08:00:00"),
            entry(time_stamp=f"2025-06-{day:02d}T12:00:00", kind="Out"),
        ]
    assert api.post(entries).status_code == 200


def expected(attest: AttestReader) -> dict[str, int]:
    rows = attest.rows(*WEEK, employeeNrsString="3002")
    return {row["date"]: row["expectedSeconds"] for row in rows}


def events(admin: AdminSession, entity: str) -> list[dict]:
    return ok(admin.get("/Admin/Audit", entity=entity, since="2000-01-01"))["events"]


def test_a_term_from_a_date_leaves_every_day_before_it_as_it_was(admin, attest, punched):
    before = attest.rows(*WEEK, employeeNrsString="3002")
    made = ok(
        admin.post(TERMS, {"ValidFrom": "2025-06-12", "WeeklyHours": "40:00"}, employeeNr="3002"),
        201,
    )
    assert (made["validFrom"], made["weeklyHours"], made["validTo"]) == (
        "2025-06-12",
        "40:00",
        None,
    )
    # What was not sent carries over from the term before.
    assert (made["timeAgreement"], made["employmentRate"]) == ("Timavlönad", 52.29)
    after = attest.rows(*WEEK, employeeNrsString="3002")
    assert after[:3] == before[:3]  # Monday to Wednesday: exactly as they were
    assert [row["expectedSeconds"] for row in after[3:]] == [8 * HOUR, 8 * HOUR]
    listed = ok(admin.get(TERMS, employeeNr="3002"))
    assert [(t["validFrom"], t["validTo"], t["weeklyHours"]) for t in listed] == [
        ("1900-01-01", "2025-06-11", "20:00"),
        ("2025-06-12", None, "40:00"),
    ]
    assert listed[1]["current"] is True
    # The employee's fields are the term valid today.
    assert ok(admin.get(EMPLOYEES, search="3002"))[0]["weeklyHours"] == "40:00"
    assert [e["entityKey"] for e in events(admin, "employment_term")] == [
        "3002 from 1900-01-01",
        "3002 from 2025-06-12",
    ]


def test_changing_weekly_hours_today_changes_no_past_day(admin, attest, punched, clock):
    before = expected(attest)
    changed = ok(admin.patch(EMPLOYEES, {"WeeklyHours": "30:00"}, employeeNr="3002"))
    assert changed["weeklyHours"] == "30:00"
    assert expected(attest) == before == {d: 4 * HOUR for d in before}
    listed = ok(admin.get(TERMS, employeeNr="3002"))
    assert [t["weeklyHours"] for t in listed] == ["20:00", "30:00"]
    assert date.fromisoformat(listed[1]["validFrom"]) >= clock().date() - __import__(
        "datetime"
    ).timedelta(days=1)
    (update,) = [e for e in events(admin, "employee") if e["action"] == "update"]
    assert update["changes"] == {"weeklyHours": ["20:00", "30:00"]}


def test_a_term_written_with_the_employee_from_valid_from(admin, attest, punched):
    ok(
        admin.patch(
            EMPLOYEES, {"WeeklyHours": "10:00", "ValidFrom": "2025-06-13"}, employeeNr="3002"
        )
    )
    assert expected(attest)["2025-06-12"] == 4 * HOUR and expected(attest)["2025-06-13"] == 2 * HOUR
    # The same again changes nothing; changing that term's rate changes that term.
    ok(
        admin.patch(
            EMPLOYEES, {"WeeklyHours": "10:00", "ValidFrom": "2025-06-13"}, employeeNr="3002"
        )
    )
    ok(
        admin.patch(
            EMPLOYEES, {"EmploymentRate": "25", "ValidFrom": "2025-06-13"}, employeeNr="3002"
        )
    )
    listed = ok(admin.get(TERMS, employeeNr="3002"))
    assert [(t["validFrom"], t["employmentRate"]) for t in listed] == [
        ("1900-01-01", 52.29),
        ("2025-06-13", 25.0),
    ]
    changed = ok(
        admin.patch(
            TERMS,
            {"OvertimeCompensation": "comp", "FlexTime": "ja"},
            employeeNr="3002",
            validFrom="2025-06-13",
        )
    )
    assert (changed["overtimeCompensation"], changed["flexTime"]) == ("Comp", True)
    again = {"OvertimeCompensation": "Comp"}
    same = ok(admin.patch(TERMS, again, employeeNr="3002", validFrom="2025-06-13"))
    assert same["validFrom"] == "2025-06-13" and same["id"] == changed["id"]


def test_a_future_term_leaves_the_employee_as_it_is_today(admin):
    ok(
        admin.patch(
            EMPLOYEES, {"WeeklyHours": "38:15", "ValidFrom": "2099-01-01"}, employeeNr="3002"
        )
    )
    assert ok(admin.get(EMPLOYEES, search="3002"))[0]["weeklyHours"] == "20:00"
    assert [t["current"] for t in ok(admin.get(TERMS, employeeNr="3002"))] == [True, False]
    assert [e for e in events(admin, "employee") if e["action"] == "update"] == []


def test_no_day_before_the_hire_date_is_expected(admin, attest):
    ok(admin.patch(EMPLOYEES, {"HireDate": "2025-06-11"}, employeeNr="3002"))
    assert ok(admin.get(EMPLOYEES, search="3002"))[0]["hireDate"] == "2025-06-11"
    rows = attest.rows(*WEEK, employeeNrsString="3002")
    assert {row["date"] for row in rows} <= {"2025-06-11", "2025-06-12", "2025-06-13"}


@pytest.mark.parametrize(
    ("path", "body", "params", "status", "field"),
    [
        (TERMS, {"ValidFrom": "2025-05-31", "WeeklyHours": "10:00"}, {}, 400, "ValidFrom"),
        (TERMS, {"ValidFrom": "0001-01-01", "WeeklyHours": "10:00"}, {}, 400, "ValidFrom"),
        (TERMS, {"ValidFrom": "9999-12-31", "WeeklyHours": "10:00"}, {}, 400, "ValidFrom"),
        (TERMS, {"ValidFrom": "2025-02-30"}, {}, 400, "ValidFrom"),
        (TERMS, {"WeeklyHours": "10:00"}, {}, 400, "ValidFrom"),
        (TERMS, {"ValidFrom": "2025-07-01", "WeeklyHours": "200:00"}, {}, 400, "WeeklyHours"),
        (
            TERMS,
            {"ValidFrom": "2025-07-01", "OvertimeCompensation": "Beer"},
            {},
            400,
            "OvertimeCompensation",
        ),
        (TERMS, {"ValidFrom": "2025-07-01", "Nonsense": 1}, {}, 400, "Nonsense"),
        (EMPLOYEES, {"ValidFrom": "2025-07-01"}, {}, 400, "ValidFrom"),
        (EMPLOYEES, {"EndDate": "2025-05-01"}, {}, 400, "EndDate"),
        (EMPLOYEES, {"HireDate": "0001-01-01"}, {}, 400, "HireDate"),
        (EMPLOYEES, {"EndDate": "9999-12-31"}, {}, 400, "EndDate"),
        (EMPLOYEES, {"WeeklyHours": "10:00", "ValidFrom": "2025-05-01"}, {}, 400, "ValidFrom"),
    ],
)
def test_refusals_name_the_field_and_write_nothing(admin, path, body, params, status, field):
    ok(admin.patch(EMPLOYEES, {"HireDate": "2025-06-01"}, employeeNr="3002"))
    method = admin.post if path == TERMS else admin.patch
    error = refused(method(path, body, employeeNr="3002", **params), status)
    assert field in [item["field"] for item in error["errors"]], error
    assert ok(admin.get(TERMS, employeeNr="3002")) == []
    assert ok(admin.get(EMPLOYEES, search="3002"))[0]["weeklyHours"] == "20:00"


def test_a_second_term_on_one_date_is_a_conflict_and_an_unknown_one_not_found(admin):
    body = {"ValidFrom": "2025-07-01", "WeeklyHours": "10:00"}
    ok(admin.post(TERMS, body, employeeNr="3002"), 201)
    error = refused(admin.post(TERMS, body, employeeNr="3002"), 409)
    assert error["errors"][0]["field"] == "ValidFrom"
    refused(
        admin.patch(TERMS, {"WeeklyHours": "1:00"}, employeeNr="3002", validFrom="2025-07-02"), 404
    )
    refused(admin.get(TERMS, employeeNr="9999"), 404)


def test_the_csv_import_writes_terms_from_valid_from(admin, attest, punched):
    before = attest.rows(*WEEK, employeeNrsString="3002")
    csv = "EmployeeNr;Veckoarbetstid;Giltig från\n3002;40:00;2025-06-12\n3014;20:00;\n".encode()
    report = ok(admin.upload(f"{EMPLOYEES}/Import", csv))
    assert (report["updated"], report["unchanged"]) == (1, 1)
    assert attest.rows(*WEEK, employeeNrsString="3002")[:3] == before[:3]
    assert expected(attest)["2025-06-12"] == 8 * HOUR
    assert [t["validFrom"] for t in ok(admin.get(TERMS, employeeNr="3002"))] == [
        "1900-01-01",
        "2025-06-12",
    ]
    # Again: nothing changes.
    again = ok(admin.upload(f"{EMPLOYEES}/Import", csv))
    assert (again["updated"], again["unchanged"]) == (0, 2)
    assert len(ok(admin.get(TERMS, employeeNr="3002"))) == 2


def test_a_csv_term_before_the_hire_date_is_refused_by_line(admin):
    csv = (
        "EmployeeNr;FirstName;LastName;HireDate;WeeklyHours;ValidFrom\n"
        "4001;Tilde;Lindström;2025-06-01;30:00;2025-05-01\n"
        "4002;Åsa;Öberg;2025-06-01;30:00;\n"
    ).encode()
    error = refused(admin.upload(f"{EMPLOYEES}/Import", csv), 400)
    assert ("ValidFrom", 2) in [(item["field"], item["index"]) for item in error["errors"]]
    assert ok(admin.get(EMPLOYEES, search="Lindström")) == []
    good = (
        "EmployeeNr;FirstName;LastName;HireDate;EndDate;WeeklyHours;ValidFrom\n"
        "4001;Tilde;Lindström;2025-06-01;;30:00;2025-06-01\n"
    )
    assert ok(admin.upload(f"{EMPLOYEES}/Import", good.encode()))["created"] == 1
    (term,) = ok(admin.get(TERMS, employeeNr="4001"))
    assert (term["validFrom"], term["weeklyHours"]) == ("2025-06-01", "30:00")
    ended = "EmployeeNr;EndDate\n4001;2025-05-01\n"
    error = refused(admin.upload(f"{EMPLOYEES}/Import", ended.encode()), 400)
    assert ("EndDate", 2) in [(item["field"], item["index"]) for item in error["errors"]]


def test_a_change_after_the_employment_ended_asks_for_valid_from(admin):
    ok(
        admin.patch(
            EMPLOYEES, {"HireDate": "2025-01-01", "EndDate": "2025-06-30"}, employeeNr="3002"
        )
    )
    error = refused(admin.patch(EMPLOYEES, {"WeeklyHours": "30:00"}, employeeNr="3002"), 400)
    assert error["errors"][0]["field"] == "ValidFrom"
    assert "ended on 2025-06-30" in error["errorMessage"]
    # The same values change nothing, so they are fine; with ValidFrom the change is dated.
    ok(admin.patch(EMPLOYEES, {"WeeklyHours": "20:00"}, employeeNr="3002"))
    ok(
        admin.patch(
            EMPLOYEES, {"WeeklyHours": "30:00", "ValidFrom": "2025-06-01"}, employeeNr="3002"
        )
    )
    listed = ok(admin.get(TERMS, employeeNr="3002"))
    assert [(t["validFrom"], t["weeklyHours"]) for t in listed] == [
        ("2025-01-01", "20:00"),
        ("2025-06-01", "30:00"),
    ]


def test_a_new_employee_with_valid_from_starts_its_terms_there(admin):
    body = {"EmployeeNr": "4711", "FirstName": "Åsa", "LastName": "Öberg", "WeeklyHours": "30:00"}
    early = {**body, "HireDate": "2025-06-01", "ValidFrom": "2025-05-01"}
    error = refused(admin.post(EMPLOYEES, early), 400)
    assert error["errors"][0]["field"] == "ValidFrom"
    assert ok(admin.get(EMPLOYEES, search="4711")) == []  # nothing written
    made = ok(
        admin.post(EMPLOYEES, {**body, "HireDate": "2025-06-01", "ValidFrom": "2025-06-01"}), 201
    )
    assert (made["hireDate"], made["weeklyHours"]) == ("2025-06-01", "30:00")
    (term,) = ok(admin.get(TERMS, employeeNr="4711"))
    assert (term["validFrom"], term["weeklyHours"], term["current"]) == (
        "2025-06-01",
        "30:00",
        True,
    )
