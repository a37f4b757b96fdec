"""GET /Personell/Time/AttestTime: punches posted through the API come back as day rows."""

from __future__ import annotations

import json
from datetime import timedelta
from zoneinfo import ZoneInfo

from stampla.wire.attest import AttestDay
from tests.attest.conftest import saved
from tests.factories import entry


def lunch_day(employee: str = "3002", day: str = "2025-06-12", **first):
    return [
        entry(employee, f"{day}T08:00:00", "In", **first),
        entry(employee, f"{day}T12:00:00", "Out", IsBreak=True),
        entry(employee, f"{day}T12:30:00", "In", IsBreak=True),
        entry(employee, f"{day}T16:30:00", "Out"),
    ]


def test_a_plain_day_with_lunch_reads_back_as_one_complete_row(api, attest):
    ids = saved(api.post(lunch_day()))
    (row,) = attest.rows("2025-06-12")
    AttestDay.model_validate(row)
    assert set(row) == {field.alias for field in AttestDay.model_fields.values()}
    assert row == {
        "employeeNr": "3002",
        "date": "2025-06-12",
        "holiday": None,
        "stampingStatus": "Complete",
        "warnings": [],
        "punches": [
            {
                "timeStampEntryId": ids[0],
                "timeStamp": "2025-06-12T06:00:00Z",
                "timeStampEntryType": "In",
                "isBreak": False,
            },
            {
                "timeStampEntryId": ids[1],
                "timeStamp": "2025-06-12T10:00:00Z",
                "timeStampEntryType": "Out",
                "isBreak": True,
            },
            {
                "timeStampEntryId": ids[2],
                "timeStamp": "2025-06-12T10:30:00Z",
                "timeStampEntryType": "In",
                "isBreak": True,
            },
            {
                "timeStampEntryId": ids[3],
                "timeStamp": "2025-06-12T14:30:00Z",
                "timeStampEntryType": "Out",
                "isBreak": False,
            },
        ],
        "spans": [
            {
                "start": "2025-06-12T06:00:00Z",
                "stop": "2025-06-12T10:00:00Z",
                "kind": "Work",
                "seconds": 14400,
                "timeScheduleTypeCodes": [],
                "accounts": [],
            },
            {
                "start": "2025-06-12T10:00:00Z",
                "stop": "2025-06-12T10:30:00Z",
                "kind": "Break",
                "seconds": 1800,
                "timeScheduleTypeCodes": [],
                "accounts": [],
            },
            {
                "start": "2025-06-12T10:30:00Z",
                "stop": "2025-06-12T14:30:00Z",
                "kind": "Work",
                "seconds": 14400,
                "timeScheduleTypeCodes": [],
                "accounts": [],
            },
        ],
        "workSeconds": 28800,
        "breakSeconds": 1800,
        "absenceSeconds": 0,
        "timeScheduleTypes": [],
        "accounts": [],
        "expectedSeconds": 14400,  # 20 h a week, Monday to Friday
        "differenceSeconds": 14400,
        "scheduledSeconds": 14400,  # no schedule: the weekly-hours rule
        "scheduledShifts": [],
        "workInsideScheduleSeconds": None,
        "workOutsideScheduleSeconds": None,
        "absence": [],
        "attestState": "Registered",
        "attestedBy": None,
        "attestedAt": None,
    }


def test_a_night_shift_is_read_whole_even_when_only_its_first_day_is_asked_for(api, attest):
    api.post(
        [entry("3002", "2025-06-12T22:00:00", "In"), entry("3002", "2025-06-13T06:00:00", "Out")]
    )
    (row,) = attest.rows("2025-06-12")
    assert (row["date"], row["workSeconds"], row["stampingStatus"]) == (
        "2025-06-12",
        8 * 3600,
        "Complete",
    )
    assert attest.rows("2025-06-13") == []


def test_the_autumn_dst_night_counts_nine_hours(api, attest):
    api.post(
        [entry("3002", "2025-10-25T22:00:00", "In"), entry("3002", "2025-10-26T06:00:00", "Out")]
    )
    row = attest.day("2025-10-25")
    assert row["workSeconds"] == 9 * 3600
    assert row["spans"][0]["start"] == "2025-10-25T20:00:00Z"
    assert row["spans"][0]["stop"] == "2025-10-26T05:00:00Z"


def test_the_spring_dst_night_counts_seven_hours(api, attest):
    api.post(
        [entry("3002", "2025-03-29T22:00:00", "In"), entry("3002", "2025-03-30T06:00:00", "Out")]
    )
    assert attest.day("2025-03-29")["workSeconds"] == 7 * 3600


def test_punches_posted_out_of_order_make_the_same_row(api, attest):
    punches = lunch_day("3002")
    for index in (3, 1, 0, 2):
        saved(api.post([punches[index]]))
    api.post(lunch_day("3015"))
    first, second = attest.rows("2025-06-12", employeeNrsString="3002,3015")
    for row in (first, second):
        del row["employeeNr"], row["punches"]
    assert first == second


def test_a_late_retrospective_punch_shows_on_the_next_read(api, attest):
    api.post([entry("3002", "2025-06-11T08:00:00", "In"), *lunch_day()])
    before = attest.rows("2025-06-11", "2025-06-12")
    assert before[0]["stampingStatus"] == "OddNumberOfStamps"
    saved(api.post([entry("3002", "2025-06-11T15:00:00", "Out")]))
    after = attest.rows("2025-06-11", "2025-06-12")
    assert (after[0]["stampingStatus"], after[0]["workSeconds"]) == ("Complete", 7 * 3600)
    assert after[1] == before[1]


def test_punches_superseded_by_a_correction_no_longer_count(api, attest):
    api.post(
        [entry("3002", "2025-06-12T08:00:00", "In"), entry("3002", "2025-06-12T09:00:00", "In")]
    )
    assert attest.day("2025-06-12")["stampingStatus"] == "InvalidSequenceOfStamps"
    corrected = [
        entry("3002", "2025-06-12T08:00:00", "In"),
        entry("3002", "2025-06-12T17:00:00", "Out"),
    ]
    assert api.post(corrected, replaceDays="true").json()["superseded"] == 1
    row = attest.day("2025-06-12")
    assert (row["stampingStatus"], row["workSeconds"], len(row["punches"])) == (
        "Complete",
        9 * 3600,
        2,
    )


def test_warnings_name_the_punches_involved(api, attest):
    ids = saved(
        api.post(
            [
                entry("3002", "2025-06-12T08:00:00", "In"),
                entry("3002", "2025-06-12T08:00:30", "In", terminal=1),  # the card read twice
                entry("3002", "2025-06-12T12:00:00", "Out", IsBreak=True),
                entry("3002", "2025-06-12T17:00:00", "Out"),
            ]
        )
    )
    row = attest.day("2025-06-12")
    assert [(w["code"], w["timeStampEntryIds"]) for w in row["warnings"]] == [
        ("Bounce", [ids[0], ids[1]]),
        ("OpenBreak", [ids[2], ids[3]]),
    ]
    assert row["stampingStatus"] == "OddNumberOfStamps"
    assert row["workSeconds"] == 4 * 3600


def test_a_time_code_and_two_accounts_through_the_api(api, attest):
    api.post(
        [
            entry(
                "3002",
                "2025-06-12T08:00:00",
                "In",
                AccountNr="100",
                SieAccountDim=50,
                Accounts=[{"AccountNr": "1000", "SieAccountDim": 30}],
            ),
            entry("3002", "2025-06-12T12:00:00", "Out", IsBreak=True),
            entry(
                "3002",
                "2025-06-12T12:30:00",
                "In",
                IsBreak=True,
                AccountNr="4001",
                SieAccountDim=50,
                TimeScheduleTypes=[{"TimeScheduleTypeCode": "OB 50%"}],
            ),
            entry("3002", "2025-06-12T16:30:00", "Out"),
        ]
    )
    row = attest.day("2025-06-12")
    assert row["accounts"] == [
        {"codingLevel": 2, "sieDimension": 50, "accountNr": "100", "seconds": 4 * 3600},
        {"codingLevel": 2, "sieDimension": 50, "accountNr": "4001", "seconds": 4 * 3600},
        {"codingLevel": 3, "sieDimension": 30, "accountNr": "1000", "seconds": 4 * 3600},
    ]
    # The code on the break In tags the break it ends and the work it starts.
    assert row["timeScheduleTypes"] == [
        {
            "code": "OB 50%",
            "seconds": 4 * 3600 + 1800,
            "source": "Punched",
            "rule": None,
            "accounts": None,
        }
    ]
    assert [s["timeScheduleTypeCodes"] for s in row["spans"]] == [[], ["OB 50%"], ["OB 50%"]]


def test_an_account_of_a_level_without_sie_dimension(api, attest):
    api.post(
        [
            entry("3002", "2025-06-12T08:00:00", "In", Accounts=[{"AccountNr": "1"}]),
            entry("3002", "2025-06-12T10:00:00", "Out"),
        ]
    )
    assert attest.day("2025-06-12")["accounts"] == [
        {"codingLevel": 5, "sieDimension": None, "accountNr": "1", "seconds": 7200}
    ]


def test_an_open_session_of_today_is_ongoing(api, attest, clock):
    start = (clock() - timedelta(hours=2)).replace(microsecond=0)
    api.post([entry("3002", start.isoformat().replace("+00:00", "Z"), "In")])
    today = start.astimezone(ZoneInfo("Europe/Stockholm")).date().isoformat()
    row = attest.day(today)
    assert (row["stampingStatus"], row["warnings"]) == ("Ongoing", [])


def test_include_empty_adds_every_day_of_every_active_employee(api, attest):
    api.post(lunch_day("3014"))
    rows = attest.rows("2025-06-13", "2025-06-15", includeEmpty="true")  # Friday to Sunday
    assert [(r["employeeNr"], r["date"]) for r in rows] == [
        (nr, day)
        for nr in ("3002", "3014", "3015")
        for day in ("2025-06-13", "2025-06-14", "2025-06-15")
    ]
    assert {r["stampingStatus"] for r in rows} == {"NoStamps"}
    friday = rows[0]
    assert (friday["expectedSeconds"], friday["differenceSeconds"]) == (14400, -14400)
    assert rows[1]["expectedSeconds"] == 0
    with_punches = attest.rows("2025-06-12", includeEmpty="true")
    assert [r["stampingStatus"] for r in with_punches] == ["NoStamps", "Complete", "NoStamps"]


def test_rows_are_ordered_by_employee_then_date_and_filtered(api, attest):
    api.post(lunch_day("3015", "2025-06-12") + lunch_day("3002", "2025-06-13") + lunch_day("3002"))
    everyone = attest.rows("2025-06-12", "2025-06-13")
    assert [(r["employeeNr"], r["date"]) for r in everyone] == [
        ("3002", "2025-06-12"),
        ("3002", "2025-06-13"),
        ("3015", "2025-06-12"),
    ]
    only = attest.rows("2025-06-12", "2025-06-13", employeeNrsString="3015")
    assert [r["employeeNr"] for r in only] == ["3015"]


def test_another_company_sees_none_of_it(api, attest, client, store, clock):
    from tests.factories import ApiSession, build_company

    api.post(lunch_day())
    other = ApiSession.login(client, build_company(store, clock()))
    response = client.get(
        "/Personell/Time/AttestTime",
        params=other.params(dateFrom="2025-06-12", dateTo="2025-06-12"),
    )
    assert response.status_code == 200 and response.json() == []


def test_a_long_answer_is_streamed_in_pieces_and_stays_one_json_array(api, attest):
    api.post(lunch_day())
    response = attest.get("2025-01-01", "2025-06-30", includeEmpty="true")
    assert response.status_code == 200
    assert len(response.content) > 65536  # more than one piece
    rows = response.json()
    assert len(rows) == 3 * 181
    assert [r["stampingStatus"] for r in rows if r["date"] == "2025-06-12"] == [
        "Complete",
        "NoStamps",
        "NoStamps",
    ]


def test_the_json_array_joins_pieces_correctly_at_any_size():
    from stampla.api.routes.attest import json_array

    assert b"".join(json_array([])) == b"[]"
    pieces = list(json_array([_day("3002"), _day("3014"), _day("3015")], piece_bytes=1))
    assert len(pieces) == 4
    assert [r["employeeNr"] for r in json.loads(b"".join(pieces))] == ["3002", "3014", "3015"]


def _day(nr: str):
    from datetime import date

    from stampla.domain.attest import empty_day
    from stampla.service.attest import EmployeeDay

    return EmployeeDay(nr, empty_day(date(2025, 6, 12), 1200))
