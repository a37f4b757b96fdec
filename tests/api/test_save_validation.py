"""Every validation rule of a TimeStampEntry post, one at a time, through HTTP."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.factories import entry, set_active


def only_error(response, field: str) -> dict:
    assert response.status_code == 400, response.text
    body = response.json()
    assert body["success"] is False
    errors = [e for e in body["errors"] if e["field"] == field]
    assert errors, body
    return errors[0]


def test_a_valid_punch_is_saved_with_its_id(api):
    response = api.post([entry()])
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["success"] is True
    assert body["saved"] == 1 and body["duplicates"] == 0
    (result,) = body["results"]
    assert result["index"] == 0 and result["status"] == "Saved"
    assert isinstance(result["timeStampEntryId"], int)


@pytest.mark.parametrize(
    "missing", ["EmployeeNr", "TimeStamp", "TimeStampEntryType", "TimeTerminalId"]
)
def test_required_fields_are_named_when_missing(api, missing):
    sent = entry()
    del sent[missing]
    error = only_error(api.post([sent]), missing)
    assert error["index"] == 0
    assert error["message"] == f"{missing} is required"


@pytest.mark.parametrize(
    ("field", "value", "says"),
    [
        ("TimeStamp", "12/06/2025 08:00", "not an ISO-8601 date-time"),
        ("TimeStamp", 1749715200, "ISO-8601"),
        ("TimeStampEntryType", "Inn", '"In" or "Out"'),
        ("TimeStampEntryType", 3, '"In" or "Out"'),
        ("TimeStampEntryType", True, "not a boolean"),
        ("TimeTerminalId", "seven", "valid integer"),
        ("IsBreak", "perhaps", "valid boolean"),
        ("SieAccountDim", "two", "valid integer"),
        ("Accounts", {"AccountNr": "1"}, "valid list"),
        ("EmployeeNr", "", "at least 1 character"),
    ],
)
def test_wrongly_typed_fields_are_rejected_with_a_reason(api, field, value, says):
    error = only_error(api.post([entry(**{field: value})]), field)
    assert says in error["message"]


def test_nested_fields_are_named_with_their_path(api):
    sent = entry(Accounts=[{"SieAccountDim": 30}], TimeScheduleTypes=[{}])
    body = api.post([sent]).json()
    fields = {e["field"] for e in body["errors"]}
    assert fields == {"Accounts[0].AccountNr", "TimeScheduleTypes[0].TimeScheduleTypeCode"}


def test_unknown_employee(api):
    error = only_error(api.post([entry(employee="9999")]), "EmployeeNr")
    assert error["message"] == "Employee '9999' does not exist"


def test_inactive_employee_is_called_inactive_not_unknown(api, store, company):
    set_active(store, "employees", company.id, company.ids["employee:3002"], False)
    error = only_error(api.post([entry()]), "EmployeeNr")
    assert error["message"] == "Employee '3002' is inactive"


def test_external_code_must_belong_to_the_same_employee(api):
    assert api.post([entry(employee="3014", EmployeeExternalCode="673330")]).status_code == 200
    error = only_error(
        api.post([entry(employee="3002", EmployeeExternalCode="673330")]), "EmployeeExternalCode"
    )
    assert "does not belong to employee '3002'" in error["message"]


def test_unregistered_and_inactive_terminals(api, store, company):
    error = only_error(api.post([entry(terminal=4242)]), "TimeTerminalId")
    assert "Terminal 4242 is not registered" in error["message"]
    set_active(store, "terminals", company.id, company.ids["terminal:7255"], False)
    error = only_error(api.post([entry()]), "TimeTerminalId")
    assert error["message"] == "Terminal 7255 is inactive"


def test_account_found_by_its_sie_dimension(api):
    response = api.post([entry(AccountNr="4001", SieAccountDim=30)])
    assert response.status_code == 200, response.text


def test_account_without_dimension_must_be_unambiguous(api):
    assert api.post([entry(AccountNr="1000")]).status_code == 200  # only in Region
    error = only_error(api.post([entry(AccountNr="4001")]), "AccountNr")
    assert error["message"] == (
        "Account '4001' is ambiguous: it exists in Avdelning (SIE 50) and Region (SIE 30); "
        "send SieAccountDim to choose"
    )


def test_account_missing_from_the_named_dimension_says_where_it_is(api):
    error = only_error(api.post([entry(AccountNr="1000", SieAccountDim=50)]), "AccountNr")
    assert error["message"] == (
        "Account '1000' does not exist in SIE dimension 50 (it exists in Region (SIE 30))"
    )
    error = only_error(api.post([entry(AccountNr="7777")]), "AccountNr")
    assert error["message"] == "Account '7777' does not exist in any coding level"


def test_each_connected_account_is_checked_like_the_main_one(api):
    sent = entry(Accounts=[{"AccountNr": "100", "SieAccountDim": 50}, {"AccountNr": "4001"}])
    error = only_error(api.post([sent]), "Accounts[1].AccountNr")
    assert "ambiguous" in error["message"] and "Accounts[1].SieAccountDim" in error["message"]


def test_inactive_account(api, store, company):
    set_active(store, "accounts", company.id, company.ids["account:3:1000"], False)
    error = only_error(api.post([entry(AccountNr="1000")]), "AccountNr")
    assert error["message"] == "Account '1000' in Region (SIE 30) is inactive"


def test_time_codes_must_exist_and_be_active(api, store, company):
    codes = [{"TimeScheduleTypeCode": "NightShift"}]
    error = only_error(
        api.post([entry(TimeScheduleTypes=codes)]), "TimeScheduleTypes[0].TimeScheduleTypeCode"
    )
    assert error["message"] == "Time code 'NightShift' does not exist"
    set_active(store, "time_codes", company.id, company.ids["code:OB 50%"], False)
    codes = [{"TimeScheduleTypeCode": "DayShift"}, {"TimeScheduleTypeCode": "OB 50%"}]
    error = only_error(
        api.post([entry(TimeScheduleTypes=codes)]), "TimeScheduleTypes[1].TimeScheduleTypeCode"
    )
    assert error["message"] == "Time code 'OB 50%' is inactive"


def test_a_time_code_in_another_letter_case_is_the_same_code(api):
    codes = [{"TimeScheduleTypeCode": "dayshift"}]
    response = api.post([entry(TimeScheduleTypes=codes)])
    assert response.status_code == 200, response.text
    assert response.json()["saved"] == 1


def test_timestamps_more_than_five_minutes_ahead_are_rejected(api, clock):
    ahead = (clock() + timedelta(minutes=5, seconds=1)).isoformat()
    error = only_error(api.post([entry(time_stamp=ahead)]), "TimeStamp")
    assert "more than 5 minutes in the future" in error["message"]
    almost = (clock() + timedelta(minutes=5)).isoformat()
    assert api.post([entry(time_stamp=almost)]).status_code == 200


def test_every_problem_of_every_entry_is_reported_at_once(api):
    entries = [
        entry(),
        entry(employee="9999", terminal=4242, AccountNr="7777"),
        "not an object",
        entry(TimeStampEntryType="sideways"),
    ]
    body = api.post(entries).json()
    assert [(e["index"], e["field"]) for e in body["errors"]] == [
        (1, "EmployeeNr"),
        (1, "TimeTerminalId"),
        (1, "AccountNr"),
        (2, None),
        (3, "TimeStampEntryType"),
    ]
    assert body["errorMessage"] == "3 of 4 entries are invalid; nothing was saved"


@pytest.mark.parametrize(
    ("body", "says"),
    [
        (b"", "empty"),
        (b"[", "not valid JSON"),
        (b'{"EmployeeNr": "3002"}', "must be a JSON array"),
        (b"[]", "empty array"),
        (b"\xff\xfe", "not valid JSON"),
    ],
)
def test_malformed_bodies_are_400(api, body, says):
    response = api.client.post("/Personell/Time/TimeStampEntry", params=api.params(), content=body)
    assert response.status_code == 400
    assert says in response.json()["errorMessage"]


def test_batches_above_the_entry_limit_are_413(client, company, settings, clock):
    from fastapi.testclient import TestClient

    from stampla.app import create_app
    from tests.factories import ApiSession

    small = settings.model_copy(update={"max_batch_entries": 3})
    with TestClient(create_app(small, clock=clock)) as limited:
        api = ApiSession.login(limited, company)
        assert api.post([entry()] * 3).status_code == 200
        response = api.post([entry()] * 4)
    assert response.status_code == 413
    assert "at most 3" in response.json()["errorMessage"]


def test_bodies_above_the_size_limit_are_413(company, settings, clock):
    from fastapi.testclient import TestClient

    from stampla.app import create_app
    from tests.factories import ApiSession

    small = settings.model_copy(update={"max_body_bytes": 2048})
    with TestClient(create_app(small, clock=clock)) as limited:
        api = ApiSession.login(limited, company)
        response = api.post([entry(Padding="x" * 4000)])
        streamed = limited.post(
            "/Personell/Time/TimeStampEntry",
            params=api.params(),
            content=iter([b"[" + b" " * 1500, b" " * 1500 + b"]"]),
        )
    assert response.status_code == 413
    assert streamed.status_code == 413
    assert response.json()["success"] is False
