"""/Admin/Absence: registering, changing and cancelling absence, seen on the day rows that
an integration reads (GET /Personell/Time/AttestTime), every refusal a 4xx naming its field."""

from __future__ import annotations

import pytest

from tests.admin.session import AdminSession, admin_for, ok, refused
from tests.attest.conftest import AttestReader
from tests.factories import build_company, entry

ABSENCE = "/Admin/Absence"
THURSDAY = "2025-06-12"  # employee 3002 works 20:00 a week: 4:00 expected on a weekday
HOUR = 3600


@pytest.fixture
def codes(admin: AdminSession) -> None:
    for code in ("Sjuk", "VAB", "Semester"):
        ok(admin.post("/Admin/TimeCodes", {"Code": code, "Name": code, "Kind": "absence"}), 201)


@pytest.fixture
def attest(api) -> AttestReader:
    return AttestReader(api)


def sick(admin: AdminSession, **more) -> dict:
    body = {"EmployeeNr": "3002", "TimeCode": "Sjuk", "FirstDate": THURSDAY, **more}
    return ok(admin.post(ABSENCE, body), 201)


def events(admin: AdminSession) -> list[dict]:
    return ok(admin.get("/Admin/Audit", entity="absence", since="2000-01-01"))["events"]


def test_a_sick_day_shows_on_the_day_row_and_goes_when_cancelled(admin, codes, attest):
    before = attest.day(THURSDAY) if attest.rows(THURSDAY, employeeNrsString="3002") else None
    made = sick(admin, Note="Feber")
    assert (made["extent"], made["firstDate"], made["lastDate"]) == ("FullDay", THURSDAY, THURSDAY)
    row = attest.day(THURSDAY)
    assert row["absence"] == [{"code": "Sjuk", "seconds": 4 * HOUR}]
    assert (row["expectedSeconds"], row["workSeconds"]) == (4 * HOUR, 0)
    assert row["differenceSeconds"] == 0  # work + absence - expected
    cancelled = ok(admin.post(f"{ABSENCE}/Cancel", id=made["id"], note="Kom till jobbet"))
    assert cancelled["cancelledAt"] is not None
    after = attest.rows(THURSDAY, employeeNrsString="3002")
    assert all(not r["absence"] for r in after)
    if before is not None:
        assert after == [before]
    # Kept, and listed when asked for.
    assert ok(admin.get(ABSENCE, employeeNr="3002")) == []
    (kept,) = ok(admin.get(ABSENCE, employeeNr="3002", cancelled="true"))
    assert kept["id"] == made["id"] and kept["note"] == "Feber"
    assert [e["action"] for e in events(admin)] == ["create", "cancel"]
    assert events(admin)[1]["note"] == "Kom till jobbet"


def test_half_a_day_sick_with_half_a_day_worked_is_no_difference(api, admin, codes, attest):
    sick(admin, Extent="Percent", Percent="50")
    morning = [
        entry(time_stamp=f"{THURSDAY}T08:00:00"),
        entry(time_stamp=f"{THURSDAY}T10:00:00", kind="Out"),
    ]
    assert api.post(morning).status_code == 200
    row = attest.day(THURSDAY)
    assert row["absence"] == [{"code": "Sjuk", "seconds": 2 * HOUR}]
    assert (row["workSeconds"], row["differenceSeconds"]) == (2 * HOUR, 0)


def test_hours_and_a_change_of_extent(admin, codes, attest):
    made = sick(admin, From="8:00", To="09:30")
    assert (made["extent"], made["start"], made["stop"]) == ("Hours", "08:00", "09:30")
    assert attest.day(THURSDAY)["absence"] == [{"code": "Sjuk", "seconds": 90 * 60}]
    changed = ok(admin.patch(ABSENCE, {"Percent": 25}, id=made["id"]))
    assert (changed["extent"], changed["percent"], changed["start"]) == ("Percent", 25.0, None)
    assert attest.day(THURSDAY)["absence"] == [{"code": "Sjuk", "seconds": HOUR}]
    (create, update) = events(admin)
    assert update["action"] == "update"
    assert update["changes"]["extent"] == ["Hours", "Percent"]
    assert update["changes"]["from"] == ["08:00", None]


def test_a_week_of_vacation_lists_by_dates(admin, codes, attest):
    ok(
        admin.post(
            ABSENCE,
            {
                "EmployeeNr": "3002",
                "TimeCode": "semester",
                "FirstDate": "2025-06-16",
                "LastDate": "2025-06-20",
            },
        ),
        201,
    )
    rows = attest.rows("2025-06-16", "2025-06-22", employeeNrsString="3002")
    away = {r["date"]: r["absence"] for r in rows}
    assert away["2025-06-16"] == [{"code": "Semester", "seconds": 4 * HOUR}]
    # Midsommarafton (Friday 2025-06-20) is a holiday of the Swedish calendar: nothing expected,
    # so nothing is away.
    assert all(r["absence"] in ([], None) for r in rows if r["date"] == "2025-06-20")
    assert len(ok(admin.get(ABSENCE, dateFrom="2025-06-20", dateTo="2025-06-30"))) == 1
    assert ok(admin.get(ABSENCE, dateFrom="2025-06-21")) == []


@pytest.mark.parametrize(
    ("body", "status", "field", "says"),
    [
        ({"TimeCode": "OB 50%"}, 400, "TimeCode", "is not an absence time code"),
        ({"TimeCode": "Nope"}, 400, "TimeCode", "does not exist"),
        ({"TimeCode": None}, 400, "TimeCode", "is required"),
        ({"EmployeeNr": "9999"}, 400, "EmployeeNr", "does not exist"),
        ({"FirstDate": "2025-13-01"}, 400, "FirstDate", "is not a date"),
        ({"FirstDate": "0001-01-01"}, 400, "FirstDate", "must not be before"),
        ({"LastDate": "9999-12-31"}, 400, "LastDate", "must not be after"),
        ({"LastDate": "2025-06-11"}, 400, "LastDate", "must not be before FirstDate"),
        ({"Extent": "Half"}, 400, "Extent", "must be one of"),
        ({"Extent": "Percent"}, 400, "Percent", "is required"),
        ({"Percent": "0"}, 400, "Percent", "above 0"),
        ({"Percent": "150"}, 400, "Percent", "above 0"),
        ({"Percent": "lite"}, 400, "Percent", "is not a number"),
        ({"From": "8:00"}, 400, "To", "is required"),
        ({"From": "8:00", "To": "25:00"}, 400, "To", "is not a time"),
        ({"From": "8:00", "To": "08:00"}, 400, "To", "must differ"),
        ({"Extent": "FullDay", "Percent": "50"}, 400, "Percent", "is not used by extent"),
        ({"Nonsense": 1}, 400, "Nonsense", ""),
    ],
)
def test_refusals_name_the_field(admin, codes, body, status, field, says):
    given = {"EmployeeNr": "3002", "TimeCode": "Sjuk", "FirstDate": THURSDAY, **body}
    error = refused(admin.post(ABSENCE, given), status)
    assert field in [item["field"] for item in error["errors"]], error
    assert says in error["errorMessage"] + " ".join(i["message"] for i in error["errors"])
    assert ok(admin.get(ABSENCE, cancelled="true")) == []  # nothing written
    assert events(admin) == []


def test_an_overlap_is_refused_naming_the_registration_it_meets(admin, codes):
    first = sick(admin, LastDate="2025-06-13")
    error = refused(
        admin.post(ABSENCE, {"EmployeeNr": "3002", "TimeCode": "VAB", "FirstDate": "2025-06-13"}),
        409,
    )
    assert str(first["id"]) in error["errorMessage"]
    # Hours that do not meet may share a date; once cancelled, the dates are free again.
    morning = ok(
        admin.post(
            ABSENCE,
            {
                "EmployeeNr": "3002",
                "TimeCode": "VAB",
                "FirstDate": "2025-06-16",
                "From": "08:00",
                "To": "10:00",
            },
        ),
        201,
    )
    ok(
        admin.post(
            ABSENCE,
            {
                "EmployeeNr": "3002",
                "TimeCode": "Sjuk",
                "FirstDate": "2025-06-16",
                "From": "10:00",
                "To": "12:00",
            },
        ),
        201,
    )
    refused(admin.patch(ABSENCE, {"To": "10:30"}, id=morning["id"]), 409)
    ok(admin.post(f"{ABSENCE}/Cancel", id=first["id"]))
    sick(admin, TimeCode="VAB", FirstDate="2025-06-13")
    refused(admin.post(f"{ABSENCE}/Cancel", id=first["id"]), 409)
    refused(admin.patch(ABSENCE, {"Note": "x"}, id=first["id"]), 409)
    refused(admin.post(f"{ABSENCE}/Cancel", id=123456789), 404)
    refused(admin.post(f"{ABSENCE}/Cancel", id="abc"), 400)


def test_another_companys_admin_neither_sees_nor_touches_the_absence(
    admin, codes, client, store, clock
):
    made = sick(admin)
    other = build_company(store, clock())
    theirs = admin_for(client, store, other, clock(), name="theirs")
    ok(theirs.post("/Admin/TimeCodes", {"Code": "Sjuk", "Name": "Sjuk", "Kind": "absence"}), 201)
    assert ok(theirs.get(ABSENCE, cancelled="true")) == []
    refused(theirs.post(f"{ABSENCE}/Cancel", id=made["id"]), 404)
    refused(theirs.patch(ABSENCE, {"Note": "x"}, id=made["id"]), 404)
    assert ok(admin.get(ABSENCE))[0]["cancelledAt"] is None
    # Their employee 3002 is their own: registering it there leaves ours alone.
    ok(theirs.post(ABSENCE, {"EmployeeNr": "3002", "TimeCode": "Sjuk", "FirstDate": THURSDAY}), 201)
    assert len(ok(admin.get(ABSENCE))) == 1


OFFICE = ";".join(["08:00-17:00 /12:00-13:00"] * 5 + ["-", "-"])

# docs/absence.md's examples: the day, what is registered, the punches, and the day row's
# expected, work, absence and difference (hours), or None for no row at all.
EXAMPLES = [
    ("office", THURSDAY, {"TimeCode": "Sjuk"}, [], (8, 0, [("Sjuk", 8)], 0)),
    (
        "office",
        THURSDAY,
        {"TimeCode": "Sjuk", "Percent": 50},
        [("08:00", "12:00")],
        (8, 4, [("Sjuk", 4)], 0),
    ),
    (
        "office",
        THURSDAY,
        {"TimeCode": "VAB", "From": "11:00", "To": "17:00"},
        [("08:00", "11:00")],
        (8, 3, [("VAB", 5)], 0),
    ),
    ("office", "2025-06-20", {"TimeCode": "Semester"}, [], None),  # Midsommarafton
    (
        None,
        THURSDAY,
        {"TimeCode": "Sjuk", "From": "08:00", "To": "09:30"},
        [],
        (4, 0, [("Sjuk", 1.5)], -2.5),
    ),
]


@pytest.mark.parametrize(("schedule", "day", "registered", "punched", "row"), EXAMPLES)
def test_the_examples_of_the_absence_doc(
    admin, codes, api, attest, schedule, day, registered, punched, row
):
    if schedule:
        ok(admin.post("/Admin/ScheduleTemplates", {"Name": "Kontor", "Weeks": [OFFICE]}), 201)
        assignment = {"EmployeeNr": "3002", "Template": "Kontor", "ValidFrom": "2025-06-02"}
        ok(admin.post("/Admin/Schedules/Assignments", assignment), 201)
    ok(admin.post(ABSENCE, {"EmployeeNr": "3002", "FirstDate": day, **registered}), 201)
    entries = []
    for start, stop in punched:
        entries += [
            entry(time_stamp=f"{day}T{start}:00"),
            entry(time_stamp=f"{day}T{stop}:00", kind="Out"),
        ]
    if entries:
        assert api.post(entries).status_code == 200
    found = attest.rows(day, employeeNrsString="3002")
    if row is None:
        assert found == []
        return
    (got,) = found
    expected, work, away, difference = row
    assert (got["expectedSeconds"], got["workSeconds"]) == (expected * HOUR, work * HOUR)
    assert got["absence"] == [{"code": code, "seconds": int(hours * HOUR)} for code, hours in away]
    assert got["differenceSeconds"] == int(difference * HOUR)
