"""/Admin/ScheduleTemplates and /Admin/Schedules/…: templates, assignments and overrides,
with every refusal a 4xx naming its field, and every change in the audit trail."""

from __future__ import annotations

import pytest

from tests.admin.session import AdminSession, ok, refused

TEMPLATES = "/Admin/ScheduleTemplates"
ASSIGNMENTS = "/Admin/Schedules/Assignments"
OVERRIDES = "/Admin/Schedules/Overrides"

DAY = "08:00-17:00 /12:00-13:00"
OFFICE = ";".join([DAY] * 5 + ["-", "-"])


def office(admin: AdminSession, name: str = "Kontor", **more) -> dict:
    return ok(admin.post(TEMPLATES, {"Name": name, "Weeks": [OFFICE], **more}), 201)


def assign(admin: AdminSession, **body) -> dict:
    given = {"EmployeeNr": "3002", "Template": "Kontor", "ValidFrom": "2025-06-02", **body}
    return ok(admin.post(ASSIGNMENTS, given), 201)


def events(admin: AdminSession, entity: str) -> list[dict]:
    return ok(admin.get("/Admin/Audit", entity=entity, since="2000-01-01"))["events"]


# Templates ------------------------------------------------------------------------------------


def test_a_template_of_one_week_from_day_texts(admin):
    made = office(admin, Description="Dagtid")
    assert made["name"] == "Kontor" and made["weeklyHours"] == ["40:00"]
    monday, saturday = made["weeks"][0][0], made["weeks"][0][5]
    assert monday == [
        {
            "start": "08:00",
            "stop": "17:00",
            "breaks": [{"start": "12:00", "stop": "13:00"}],
            "accountNr": None,
            "timeCode": None,
        }
    ]
    assert saturday == [] and made["worksOnHolidays"] is False and made["active"] is True
    assert [t["name"] for t in ok(admin.get(TEMPLATES))] == ["Kontor"]


def test_a_two_week_rotation_with_a_night_shift_accounts_and_codes_as_json(admin):
    night = {"start": "22:00", "stop": "06:00", "breaks": [{"Start": "02:00", "Stop": "02:30"}]}
    shop = {"Start": "10:00", "stop": "14:00", "accountNr": 100, "TimeCode": "ob 50%"}
    body = {
        "name": "Natt och butik",
        "weeks": [
            ["-", "-", "-", "-", [night], "-", "-"],
            [[shop], "-", "-", "-", "-", "-", "-"],
        ],
        "worksOnHolidays": True,
    }
    made = ok(admin.post(TEMPLATES, body), 201)
    assert made["weeklyHours"] == ["7:30", "4:00"] and made["worksOnHolidays"] is True
    assert made["weeks"][0][4][0]["stop"] == "06:00"
    # The registers' spelling: the time code is "OB 50%".
    assert (made["weeks"][1][0][0]["accountNr"], made["weeks"][1][0][0]["timeCode"]) == (
        "100",
        "OB 50%",
    )


@pytest.mark.parametrize(
    ("weeks", "field", "message"),
    [
        (
            [";".join([DAY, "08:00-17:00 /07:00-08:00", "-", "-", "-", "-", "-"])],
            "Weeks[1].Tuesday",
            "the break 07:00-08:00 is not inside the shift 08:00-17:00",
        ),
        (
            [OFFICE, "25:00-17:00;-;-;-;-;-;-"],
            "Weeks[2].Monday",
            "'25:00' is not a clock time such as 08:00",
        ),
        (
            ["08:00-12:00, 11:00-15:00;-;-;-;-;-;-"],
            "Weeks[1].Monday",
            "the shifts 08:00-12:00 and 11:00-15:00 overlap",
        ),
        (
            ["-;-;-;-;22:00-06:00;05:00-09:00;-"],
            "Weeks[1].Friday",
            "the shift 22:00-06:00 runs into the shift 05:00-09:00 of week 1's Saturday",
        ),
        (
            ["06:00-14:00;-;-;-;-;-;22:00-07:00"],
            "Weeks[1].Sunday",
            "runs into the shift 06:00-14:00 of week 1's Monday",
        ),
        (["08:00-12:00;-;-"], "Weeks[1]", "a week has 7 days, Monday to Sunday; this one has 3"),
        (
            [[[{"start": "08:00"}], "-", "-", "-", "-", "-", "-"]],
            "Weeks[1].Monday[1]",
            "a shift needs its stop",
        ),
        (
            [[[{"start": "08:00", "stop": "12:00", "pause": []}], *["-"] * 6]],
            "Weeks[1].Monday[1]",
            "a shift has no 'pause'",
        ),
        (
            [[["08:00-12:00"], *["-"] * 6]],
            "Weeks[1].Monday[1]",
            "a shift is an object with start and stop",
        ),
        (
            [[[{"start": 8, "stop": "12:00"}], *["-"] * 6]],
            "Weeks[1].Monday[1]",
            "8 is not a clock time",
        ),
        (
            ["08:00-17:00 /12:00-13:00 /12:30-12:45;-;-;-;-;-;-"],
            "Weeks[1].Monday",
            "the breaks 12:00-13:00 and 12:30-12:45 overlap",
        ),
        ([], "Weeks", "Weeks is required"),
        ([OFFICE] * 53, "Weeks", "a rotation has at most 52 weeks"),
    ],
)
def test_a_bad_week_is_a_400_naming_the_week_day_and_shift(admin, weeks, field, message):
    body = refused(admin.post(TEMPLATES, {"Name": "Fel", "Weeks": weeks}), 400)
    assert body["errors"][0]["field"] == field, body
    assert message in body["errors"][0]["message"], body
    assert message in body["errorMessage"]
    assert ok(admin.get(TEMPLATES)) == []


def test_a_shifts_unknown_or_inactive_account_or_code_is_a_400_naming_it(admin):
    admin.post("/Admin/Accounts/Deactivate", accountNr="1000", codingLevel=3)
    week = [
        [{"start": "08:00", "stop": "12:00", "accountNr": "9999"}],
        [{"start": "08:00", "stop": "12:00", "timeCode": "Nattskift"}],
        [{"start": "08:00", "stop": "12:00", "accountNr": "1000"}],
        *["-"] * 4,
    ]
    body = refused(admin.post(TEMPLATES, {"Name": "Fel", "Weeks": [week]}), 400)
    assert {(e["field"], e["message"].split(": ", 1)[1]) for e in body["errors"]} == {
        ("Weeks[1].Monday[1].accountNr", "account '9999' does not exist in this company"),
        ("Weeks[1].Tuesday[1].timeCode", "time code 'Nattskift' does not exist in this company"),
        ("Weeks[1].Wednesday[1].accountNr", "account '1000' is inactive"),
    }
    office(admin)
    changed = admin.patch(TEMPLATES, {"Weeks": [week]}, name="kontor")
    assert refused(changed, 400)["errors"][0]["field"] == "Weeks[1].Monday[1].accountNr"


def test_names_match_in_any_letter_case_and_the_weeks_change_whole(admin):
    office(admin, name="Städ Straße")
    clash = refused(admin.post(TEMPLATES, {"Name": "STÄD STRASSE", "Weeks": [OFFICE]}), 409)
    assert "already exists as 'Städ Straße'" in clash["errorMessage"]
    weekend = "-;-;-;-;-;10:00-16:00;10:00-16:00"
    changed = ok(admin.patch(TEMPLATES, {"Weeks": [weekend]}, name="städ strasse"))
    assert changed["name"] == "Städ Straße" and changed["weeklyHours"] == ["12:00"]
    ok(admin.post(f"{TEMPLATES}/Deactivate", name="STÄD STRASSE"))
    assert ok(admin.get(TEMPLATES, active="false"))[0]["active"] is False
    (update, *_) = [e for e in events(admin, "schedule_template") if e["action"] == "update"]
    assert update["changes"] == {"weeks": [[OFFICE], [weekend]]}


# Assignments ----------------------------------------------------------------------------------


def test_a_new_open_ended_assignment_ends_the_one_before(admin):
    office(admin)
    office(admin, "Sommar")
    first = assign(admin)
    assert (first["template"], first["validTo"], first["startWeek"]) == ("Kontor", None, 1)
    later = assign(admin, Template="sommar", ValidFrom="2025-07-07")
    assert later["template"] == "Sommar"
    listed = ok(admin.get(ASSIGNMENTS, employeeNr="3002"))
    assert [(a["template"], a["validFrom"], a["validTo"]) for a in listed] == [
        ("Kontor", "2025-06-02", "2025-07-06"),
        ("Sommar", "2025-07-07", None),
    ]
    trail = events(admin, "schedule_assignment")
    ended = next(e for e in trail if e["action"] == "update")
    assert ended["entityKey"] == "3002 from 2025-06-02"
    assert ended["changes"] == {"validTo": [None, "2025-07-06"]}
    assert ended["note"] == "ended by the assignment from 2025-07-07"
    created = [e for e in trail if e["action"] == "create"]
    assert created[-1]["changes"]["template"] == [None, "Sommar"]


def test_any_other_overlap_is_a_409_naming_the_assignment(admin):
    office(admin)
    assign(admin, ValidTo="2025-06-30")
    inside = admin.post(
        ASSIGNMENTS,
        {"EmployeeNr": "3002", "Template": "Kontor", "ValidFrom": "2025-06-16"},
    )
    body = refused(inside, 409)
    assert "already follows 'Kontor' from 2025-06-02 to 2025-06-30" in body["errorMessage"]
    assert body["errors"][0]["field"] == "ValidFrom"
    before = admin.post(
        ASSIGNMENTS,
        {
            "EmployeeNr": "3002",
            "Template": "Kontor",
            "ValidFrom": "2025-05-01",
            "ValidTo": "2025-06-02",
        },
    )
    assert refused(before, 409)["errors"][0]["field"] == "ValidTo"
    # Open-ended, but the one it meets begins later: that is an overlap too.
    early = admin.post(
        ASSIGNMENTS, {"EmployeeNr": "3002", "Template": "Kontor", "ValidFrom": "2025-05-01"}
    )
    assert refused(early, 409)["errors"][0]["field"] == "ValidTo"
    same = admin.post(
        ASSIGNMENTS, {"EmployeeNr": "3002", "Template": "Kontor", "ValidFrom": "2025-06-02"}
    )
    refused(same, 409)
    assert len(ok(admin.get(ASSIGNMENTS))) == 1


@pytest.mark.parametrize(
    ("body", "status", "field", "message"),
    [
        ({"Template": "Okänd"}, 400, "Template", "schedule template 'Okänd' does not exist"),
        ({"Template": "Vilande"}, 400, "Template", "is inactive"),
        ({"Template": None}, 400, "Template", "is required"),
        ({"EmployeeNr": "9999"}, 400, "EmployeeNr", "employee '9999' does not exist"),
        ({"ValidFrom": "1999-12-31"}, 400, "ValidFrom", "must not be before 2000-01-01"),
        ({"ValidFrom": "2999-01-01"}, 400, "ValidFrom", "must not be after"),
        ({"ValidFrom": "12/06/2025"}, 400, "ValidFrom", "is not a date such as 2025-06-12"),
        ({"ValidFrom": None}, 400, "ValidFrom", "is required"),
        ({"ValidTo": "2025-06-01"}, 400, "ValidTo", "must not be before ValidFrom 2025-06-02"),
        ({"StartWeek": 2}, 400, "StartWeek", "must be between 1 and 1"),
        ({"StartWeek": 0}, 400, "StartWeek", "0 is outside 1..52"),
        ({"StartWeek": "två"}, 400, "StartWeek", "is not a whole number"),
        ({"Starting": "2025-06-02"}, 400, "Starting", ""),
    ],
)
def test_a_bad_assignment_is_refused_naming_the_field(admin, body, status, field, message):
    office(admin)
    office(admin, "Vilande")
    ok(admin.post(f"{TEMPLATES}/Deactivate", name="Vilande"))
    given = {"EmployeeNr": "3002", "Template": "Kontor", "ValidFrom": "2025-06-02", **body}
    found = refused(admin.post(ASSIGNMENTS, given), status)
    assert found["errors"][0]["field"] == field, found
    assert message in found["errors"][0]["message"], found
    assert ok(admin.get(ASSIGNMENTS)) == []


def test_an_assignment_ends_changes_its_start_week_and_can_be_removed(admin):
    weeks = [OFFICE, "-;-;-;-;-;-;-"]
    ok(admin.post(TEMPLATES, {"Name": "Varannan", "Weeks": weeks}), 201)
    assign(admin, Template="Varannan")
    ended = ok(
        admin.patch(
            ASSIGNMENTS, {"ValidTo": "2025-08-31"}, employeeNr="3002", validFrom="2025-06-02"
        )
    )
    assert ended["validTo"] == "2025-08-31"
    turned = ok(
        admin.patch(ASSIGNMENTS, {"StartWeek": 2}, employeeNr="3002", validFrom="2025-06-02")
    )
    assert (turned["startWeek"], turned["rotationWeeks"]) == (2, 2)
    refused(
        admin.patch(ASSIGNMENTS, {"StartWeek": 3}, employeeNr="3002", validFrom="2025-06-02"), 400
    )
    refused(
        admin.patch(
            ASSIGNMENTS, {"ValidTo": "2025-05-01"}, employeeNr="3002", validFrom="2025-06-02"
        ),
        400,
    )
    refused(
        admin.patch(ASSIGNMENTS, {"ValidTo": None}, employeeNr="3002", validFrom="2025-06-03"), 404
    )
    refused(
        admin.patch(ASSIGNMENTS, {"ValidTo": None}, employeeNr="nobody", validFrom="2025-06-02"),
        404,
    )
    # A later assignment; reopening the first would now overlap it.
    assign(admin, Template="Varannan", ValidFrom="2025-10-06")
    reopened = admin.patch(
        ASSIGNMENTS, {"ValidTo": None}, employeeNr="3002", validFrom="2025-06-02"
    )
    assert "already follows 'Varannan' from 2025-10-06" in refused(reopened, 409)["errorMessage"]
    removed = ok(admin.post(f"{ASSIGNMENTS}/Remove", employeeNr="3002", validFrom="2025-10-06"))
    assert removed["validFrom"] == "2025-10-06"
    assert [a["validFrom"] for a in ok(admin.get(ASSIGNMENTS))] == ["2025-06-02"]
    trail = [(e["action"], e["changes"]) for e in events(admin, "schedule_assignment")]
    assert ("update", {"validTo": [None, "2025-08-31"]}) in trail
    assert ("update", {"startWeek": [1, 2]}) in trail
    deleted = [changes for action, changes in trail if action == "delete"]
    assert deleted == [
        {
            "employeeNr": ["3002", None],
            "template": ["Varannan", None],
            "validFrom": ["2025-10-06", None],
            "validTo": [None, None],
            "startWeek": [1, None],
        }
    ]


# Overrides ------------------------------------------------------------------------------------


def test_an_override_is_set_replaced_listed_and_removed(admin):
    made = admin.post(
        OVERRIDES,
        {"EmployeeNr": "3002", "Date": "2025-06-12", "Shifts": "12:00-20:00 /16:00-16:30",
         "Note": "Byter pass med Lovisa"},
    )  # fmt: skip
    assert made.status_code == 201, made.text
    assert (made.json()["scheduledHours"], made.json()["note"]) == ("7:30", "Byter pass med Lovisa")
    replaced = admin.post(OVERRIDES, {"EmployeeNr": "3002", "Date": "2025-06-12", "Shifts": "-"})
    assert replaced.status_code == 200 and replaced.json()["shifts"] == []
    admin.post(OVERRIDES, {"EmployeeNr": "3014", "Date": "2025-06-13", "Shifts": []})
    listed = ok(admin.get(OVERRIDES, employeeNr="3002", dateFrom="2025-06-01", dateTo="2025-06-30"))
    assert [(o["date"], o["scheduledHours"]) for o in listed] == [("2025-06-12", "0:00")]
    assert len(ok(admin.get(OVERRIDES))) == 2
    assert ok(admin.get(OVERRIDES, dateFrom="2025-06-13")) == [ok(admin.get(OVERRIDES))[1]]
    ok(admin.post(f"{OVERRIDES}/Remove", employeeNr="3002", date="2025-06-12"))
    refused(admin.post(f"{OVERRIDES}/Remove", employeeNr="3002", date="2025-06-12"), 404)
    trail = [
        (e["entityKey"], e["action"], e["changes"]) for e in events(admin, "schedule_override")
    ]
    assert trail[:3] == [
        (
            "3002 on 2025-06-12",
            "create",
            {
                "employeeNr": [None, "3002"],
                "date": [None, "2025-06-12"],
                "shifts": [None, "12:00-20:00 /16:00-16:30"],
                "note": [None, "Byter pass med Lovisa"],
            },
        ),
        (
            "3002 on 2025-06-12",
            "update",
            {"shifts": ["12:00-20:00 /16:00-16:30", "-"], "note": ["Byter pass med Lovisa", None]},
        ),
        (
            "3014 on 2025-06-13",
            "create",
            {"employeeNr": [None, "3014"], "date": [None, "2025-06-13"], "shifts": [None, "-"]},
        ),
    ]
    assert trail[3][1] == "delete" and trail[3][2]["shifts"] == ["-", None]


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"Shifts": "12:00-20:00 /21:00-21:30"}, "Shifts", "is not inside the shift"),
        (
            {"Shifts": "08:00-12:00, 11:00-13:00"},
            "Shifts",
            "the shifts 08:00-12:00 and 11:00-13:00 overlap",
        ),
        (
            {"Shifts": [{"start": "08:00", "stop": "12:00", "accountNr": "77"}]},
            "Shifts[1].accountNr",
            "account '77' does not exist",
        ),
        ({"Shifts": [{"start": "08:00"}]}, "Shifts[1]", "a shift needs its stop"),
        ({"Shifts": None}, "Shifts", "is required"),
        ({"Shifts": {"start": "08:00"}}, "Shifts", ""),
        ({"Date": "2031-13-01"}, "Date", "is not a date"),
        ({"Date": "1999-06-12"}, "Date", "must not be before 2000-01-01"),
        ({"EmployeeNr": "9999"}, "EmployeeNr", "does not exist"),
        ({"Note": "x" * 501}, "Note", "at most 500 fit"),
    ],
)
def test_a_bad_override_is_a_400_naming_the_field(admin, body, field, message):
    given = {"EmployeeNr": "3002", "Date": "2025-06-12", "Shifts": "12:00-20:00", **body}
    found = refused(admin.post(OVERRIDES, given), 400)
    assert found["errors"][0]["field"] == field, found
    assert message in found["errors"][0]["message"], found
    assert ok(admin.get(OVERRIDES)) == []


def test_a_list_of_overrides_names_a_bad_range(admin):
    found = refused(admin.get(OVERRIDES, dateFrom="2025-06-30", dateTo="2025-06-01"), 400)
    assert found["errors"][0]["field"] == "dateTo"
    assert refused(admin.get(OVERRIDES, dateFrom="junk"), 400)["errors"][0]["field"] == "dateFrom"
    assert refused(admin.get(OVERRIDES, employeeNr="9999"), 404)


def test_a_template_keeps_its_name(admin):
    office(admin)
    body = refused(admin.patch(TEMPLATES, {"Name": "Kontor 2"}, name="Kontor"), 400)
    assert body["errors"][0]["field"] == "Name"
    assert "make one with the new name instead" in body["errorMessage"]
