"""History is kept: deactivating keeps stored punches; new ones are refused as inactive."""

from __future__ import annotations

import pytest

from tests.admin.session import ok
from tests.factories import entry

DAY = "2025-06-12"


def first_error(response) -> dict:
    assert response.status_code == 400, response.text
    return response.json()["errors"][0]


# (route, query, the entry that refers to it, field of the error, its message)
CASES = {
    "employee": (
        "/Admin/Employees",
        {"employeeNr": "3014"},
        {"employee": "3014"},
        "EmployeeNr",
        "Employee '3014' is inactive",
    ),
    "terminal": (
        "/Admin/Terminals",
        {"timeTerminalId": 1},
        {"terminal": 1},
        "TimeTerminalId",
        "Terminal 1 is inactive",
    ),
    "account": (
        "/Admin/Accounts",
        {"accountNr": "1000", "codingLevel": 3},
        {"AccountNr": "1000", "SieAccountDim": 30},
        "AccountNr",
        "Account '1000' in Region (SIE 30) is inactive",
    ),
    "time code": (
        "/Admin/TimeCodes",
        {"code": "OB 50%"},
        {"TimeScheduleTypes": [{"TimeScheduleTypeCode": "OB 50%"}]},
        "TimeScheduleTypes[0].TimeScheduleTypeCode",
        "Time code 'OB 50%' is inactive",
    ),
}


@pytest.mark.parametrize("what", CASES)
def test_deactivation_keeps_history_and_refuses_new_punches(admin, api, what):
    route, key, refers, field, message = CASES[what]
    punch_in = entry(time_stamp=f"{DAY}T07:00:00Z", **refers)
    assert api.post([punch_in]).status_code == 200
    ok(admin.post(f"{route}/Deactivate", **key))

    kept = api.stored(DAY)
    assert [p["timeStampAsSent"] for p in kept] == [f"{DAY}T07:00:00Z"]
    punch_out = entry(time_stamp=f"{DAY}T16:00:00Z", kind="Out", **refers)
    error = first_error(api.post([punch_out]))
    assert (error["field"], error["message"]) == (field, message)
    assert api.post([punch_in]).status_code == 400  # even a resend of a stored punch

    ok(admin.post(f"{route}/Activate", **key))
    assert api.post([punch_out]).status_code == 200
    assert len(api.stored(DAY)) == 2


def test_a_deactivated_employee_is_still_listed_with_its_data(admin):
    ok(admin.post("/Admin/Employees/Deactivate", employeeNr="3014"))
    (found,) = ok(admin.get("/Admin/Employees", search="3014"))
    assert found["active"] is False and found["externalCode"] == "673330"
