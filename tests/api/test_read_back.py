"""GET /Personell/Time/TimeStampEntry: what was posted comes back, field by field."""

from __future__ import annotations

from datetime import datetime

import pytest

from stampla.wire import StoredEntry
from tests.factories import entry

FULL = {
    "EmployeeNr": "3014",
    "EmployeeExternalCode": "673330",
    "TimeStamp": "2025-06-12T10:00:00",
    "TimeStampEntryType": "Out",
    "IsBreak": True,
    "AccountNr": "4001",
    "SieAccountDim": 30,
    "TimeTerminalId": 1,
    "Accounts": [{"AccountNr": "100", "SieAccountDim": 50}, {"AccountNr": "1"}],
    "TimeScheduleTypes": [{"TimeScheduleTypeCode": "DayShift"}, {"TimeScheduleTypeCode": "OB 50%"}],
}


def test_every_field_reads_back_as_sent(api, clock):
    saved = api.post([FULL]).json()["results"][0]
    (stored,) = api.stored("2025-06-12")
    StoredEntry.model_validate(stored)  # the documented response schema
    assert stored == {
        "timeStampEntryId": saved["timeStampEntryId"],
        "employeeNr": "3014",
        "employeeExternalCode": "673330",
        "timeStamp": "2025-06-12T08:00:00Z",
        "timeStampAsSent": "2025-06-12T10:00:00",
        "localDate": "2025-06-12",
        "timeStampEntryType": "Out",
        "isBreak": True,
        "accountNr": "4001",
        "sieAccountDim": 30,
        "timeTerminalId": 1,
        "accounts": [
            {"accountNr": "100", "sieAccountDim": 50},
            {"accountNr": "1", "sieAccountDim": None},
        ],
        "timeScheduleTypes": [
            {"timeScheduleTypeCode": "DayShift"},
            {"timeScheduleTypeCode": "OB 50%"},
        ],
        "receivedUtc": stored["receivedUtc"],
        "origin": "Terminal",
        "offline": False,
    }
    assert datetime.fromisoformat(stored["receivedUtc"]) == clock()


def test_optional_fields_read_back_empty(api):
    api.post([entry()])
    (stored,) = api.stored("2025-06-12")
    assert stored["employeeExternalCode"] is None
    assert stored["accountNr"] is None and stored["sieAccountDim"] is None
    assert stored["accounts"] == [] and stored["timeScheduleTypes"] == []
    assert stored["isBreak"] is False


def test_ordered_by_employee_then_time_within_inclusive_local_dates(api):
    api.post(
        [
            entry("3015", "2025-06-12T09:00:00Z"),
            entry("3002", "2025-06-13T09:00:00Z"),
            entry("3002", "2025-06-11T21:59:59Z"),  # 23:59:59 on the 11th, local
            entry("3002", "2025-06-11T22:00:00Z"),  # 00:00 on the 12th, local
            entry("3002", "2025-06-14T09:00:00Z"),
        ]
    )
    read = [(p["employeeNr"], p["timeStamp"]) for p in api.stored("2025-06-12", "2025-06-13")]
    assert read == [
        ("3002", "2025-06-11T22:00:00Z"),
        ("3002", "2025-06-13T09:00:00Z"),
        ("3015", "2025-06-12T09:00:00Z"),
    ]


def test_filter_by_employee_numbers(api):
    api.post([entry("3002"), entry("3014"), entry("3015")])
    read = api.stored("2025-06-12", employeeNrsString="3015, 3002")
    assert [p["employeeNr"] for p in read] == ["3002", "3015"]


def test_an_unknown_employee_in_the_filter_is_an_error_not_an_empty_answer(api):
    response = api.get("2025-06-12", employeeNrsString="3002,4711")
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"index": None, "field": "employeeNrsString", "message": "employee '4711' does not exist"}
    ]


def test_dates_may_come_as_dotnet_date_times(api):
    api.post([entry()])
    assert len(api.stored("2025-06-12T00:00:00", "2025-06-12T00:00:00")) == 1


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"dateFrom": "12/06/2025", "dateTo": "2025-06-12"}, "dateFrom"),
        ({"dateFrom": "2025-06-12", "dateTo": "2025-06-11"}, "dateTo"),
        ({"dateFrom": "2024-01-01", "dateTo": "2025-06-12"}, "dateTo"),
        ({"dateFrom": "2025-06-12"}, "dateTo"),
    ],
)
def test_bad_ranges_are_400_naming_the_parameter(api, params, field):
    response = api.client.get("/Personell/Time/TimeStampEntry", params=api.params(**params))
    assert response.status_code == 400
    assert [e["field"] for e in response.json()["errors"]] == [field]
