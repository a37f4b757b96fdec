"""Bad input of every class is a 400 (or 415) naming what is wrong, and stores nothing.

Each class once, through HTTP, on both stores: extreme dates and instants, NUL and lone
surrogates, out-of-range and huge numbers, deep nesting, the same property twice, over-long
values and lists, unknown properties, and bodies that are not JSON by their Content-Type.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from stampla.app import create_app
from stampla.store.tables import ingest_batches
from tests.factories import ENTRY_PATH, ApiSession, entry

DAY = "2025-06-12"
ATTEST_PATH = "/Personell/Time/AttestTime"
JSON = {"Content-Type": "application/json"}


def post_text(api: ApiSession, text: str | bytes, headers: dict | None = None, **params: Any):
    """A body exactly as written (``json=`` could not carry a lone surrogate or a repeat)."""
    content = text.encode() if isinstance(text, str) else text
    return api.client.post(
        ENTRY_PATH, params=api.params(**params), content=content, headers=headers or JSON
    )


def problem(response, field: str, status: int = 400) -> dict:
    """The error naming ``field``, from a response that must have ``status``."""
    assert response.status_code == status, response.text
    body = response.json()
    assert body["success"] is False
    named = [error for error in body["errors"] if error["field"] == field]
    assert named, body
    return named[0]


def nothing_stored(api: ApiSession, day: str = DAY) -> None:
    assert api.stored(day) == []


# --- dates and instants -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("time_stamp", "says"),
    [
        ("0001-01-01T00:30:00", "before 2000-01-01"),
        ("0001-01-01T00:30:00+02:00", "before 2000-01-01"),
        ("1999-12-31T23:59:59Z", "before 2000-01-01"),
        ("9999-12-31T23:59:59-05:00", "in the future"),
        ("9999-12-31T23:59:59", "in the future"),
        ("9999-12-31T23:59:59+14:00", "in the future"),
    ],
)
def test_an_extreme_time_stamp_is_refused_naming_it(api, time_stamp, says):
    error = problem(api.post([entry(time_stamp=time_stamp)]), "TimeStamp")
    assert says in error["message"] and error["index"] == 0


def test_with_all_or_none_false_the_valid_entries_beside_an_extreme_one_are_saved(api):
    sent = [
        entry(time_stamp="2025-06-12T08:00:00Z"),
        entry(time_stamp="0001-01-01T00:30:00+02:00"),
        entry(time_stamp="9999-12-31T23:59:59-05:00"),
        entry(time_stamp="2025-06-12T16:00:00Z", kind="Out"),
    ]
    response = api.post(sent, allOrNone="false")
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["saved"] == 2
    assert {e["index"] for e in body["errors"]} == {1, 2}
    assert body["errorMessage"] == "2 of 4 entries were rejected; the other 2 were processed"
    assert [p["timeStampAsSent"] for p in api.stored(DAY)] == [
        "2025-06-12T08:00:00Z",
        "2025-06-12T16:00:00Z",
    ]


def test_the_earliest_date_is_a_setting(settings, clock, company):
    later = settings.model_copy(update={"earliest_date": date(2025, 6, 13)})
    with TestClient(create_app(later, clock=clock)) as client:
        api = ApiSession.login(client, company)
        error = problem(api.post([entry(time_stamp="2025-06-12T08:00:00Z")]), "TimeStamp")
        assert "before 2025-06-13" in error["message"]
        assert problem(api.get(DAY), "dateFrom")["message"] == "must not be before 2025-06-13"


@pytest.mark.parametrize("date_only", ["2025-06-18", "20250618", "2025-W25-3"])
def test_a_date_without_a_time_is_refused_not_stored_as_midnight(api, date_only):
    error = problem(api.post([entry(time_stamp=date_only)]), "TimeStamp")
    assert "date without a time" in error["message"]
    nothing_stored(api, "2025-06-18")


@pytest.mark.parametrize("path", [ENTRY_PATH, ATTEST_PATH])
@pytest.mark.parametrize(
    ("first", "last", "field"),
    [
        ("0001-01-01", "0001-01-02", "dateFrom"),
        ("1999-12-31", "2000-01-01", "dateFrom"),
        ("9999-12-30", "9999-12-31", "dateFrom"),
        ("2025-06-01", "9999-12-31", "dateTo"),
    ],
)
def test_reads_refuse_dates_outside_the_window_before_answering(api, path, first, last, field):
    response = api.client.get(path, params=api.params(dateFrom=first, dateTo=last))
    error = problem(response, field)
    assert "must not be" in error["message"]


# --- text: NUL, lone surrogates, length ---------------------------------------------------


@pytest.mark.parametrize(
    ("sent", "field"),
    [
        (entry(employee="30\x0002"), "EmployeeNr"),
        (entry(time_stamp="2025-06-12T08:00:00\x00Z"), "TimeStamp"),
        (entry(AccountNr="4001\x00"), "AccountNr"),
        (entry(EmployeeExternalCode="\x00"), "EmployeeExternalCode"),
        (entry(Accounts=[{"AccountNr": "\x00"}]), "Accounts[0].AccountNr"),
        (
            entry(TimeScheduleTypes=[{"TimeScheduleTypeCode": "Day\x00Shift"}]),
            "TimeScheduleTypes[0].TimeScheduleTypeCode",
        ),
    ],
)
def test_a_nul_character_is_refused_naming_the_field(api, sent, field):
    problem(post_text(api, json.dumps([sent])), field)
    nothing_stored(api)


@pytest.mark.parametrize(
    ("sent", "field"),
    [
        (entry(AccountNr="\ud800"), "AccountNr"),
        (entry(employee="3002\udfff"), "EmployeeNr"),
        (entry(Accounts=[{"AccountNr": "1\ud83d"}]), "Accounts[0].AccountNr"),
    ],
)
def test_a_lone_surrogate_is_refused_naming_the_field(api, sent, field):
    error = problem(post_text(api, json.dumps([sent])), field)
    assert "lone surrogate" in error["message"]
    nothing_stored(api)


def test_a_surrogate_pair_is_a_character_like_any_other(api):
    response = post_text(api, json.dumps([entry(employee="3002\U0001f600")]))
    error = problem(response, "EmployeeNr")
    assert error["message"] == "Employee '3002\U0001f600' does not exist"


@pytest.mark.parametrize(
    ("field", "value", "limit"),
    [
        ("TimeStamp", "2025-06-12T08:00:00Z".ljust(100), 64),
        ("EmployeeNr", "3" * 51, 50),
        ("AccountNr", "4" * 51, 50),
        ("EmployeeExternalCode", "x" * 101, 100),
    ],
)
def test_an_over_long_value_is_refused_with_the_limit(api, field, value, limit):
    error = problem(api.post([entry(**{field: value})]), field)
    assert f"at most {limit}" in error["message"] and str(len(value)) in error["message"]
    nothing_stored(api)


def test_a_nul_in_the_query_string_is_refused_naming_the_parameter(api):
    for path in (ENTRY_PATH, ATTEST_PATH):
        params = api.params(dateFrom=DAY, dateTo=DAY, employeeNrsString="3002,30\x0002")
        problem(api.client.get(path, params=params), "employeeNrsString")
    response = api.client.post(
        ENTRY_PATH, params={**api.params(), "token": api.token + "\x00"}, json=[entry()]
    )
    problem(response, "token")
    nothing_stored(api)


def test_login_refuses_nul_lone_surrogates_and_huge_numbers(client, company):
    def login(text: str):
        return client.post("/Login/Token", params=company.keys(), content=text, headers=JSON)

    problem(login('{"UserName": "api\\u0000", "Password": "x"}'), "UserName")
    problem(login('{"UserName": "api", "Password": "\\ud800"}'), "Password")
    problem(login('{"UserName": "api", "License": "\\udc00"}'), "License")
    problem(login('{"UserName": ' + "9" * 5000 + "}"), "body")
    problem(login('{"UserName": "api", "UserName": "api"}'), "UserName")


# --- numbers ------------------------------------------------------------------------------


@pytest.mark.parametrize("field", ["TimeTerminalId", "SieAccountDim"])
@pytest.mark.parametrize("number", [2**31, 2**63, 2**64, -(2**63) - 1])
def test_a_number_beyond_int32_is_refused_naming_the_field(api, field, number):
    sent = entry(**{field: number}, AccountNr="4001")
    error = problem(post_text(api, json.dumps([sent])), field)
    assert "2147483647" in error["message"] or "greater than or equal" in error["message"]
    nothing_stored(api)


def test_a_number_of_5000_digits_is_refused_naming_the_body(api):
    text = json.dumps([entry(terminal=0)]).replace(": 0", ": " + "7" * 5000)
    error = problem(post_text(api, text), "body")
    assert "4300 digits" in error["message"]


def test_nan_and_infinity_are_not_json(api):
    for constant in ("NaN", "Infinity", "-Infinity"):
        text = json.dumps([entry(terminal=0)]).replace(": 0", ": " + constant)
        assert constant in problem(post_text(api, text), "body")["message"]


# --- structure ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "[" * 100_000 + "]" * 100_000,
        '{"a":' * 100_000 + "1" + "}" * 100_000,
        json.dumps([entry(Accounts=[])]).replace("[]", "[" * 5000 + "]" * 5000),
    ],
    ids=["arrays", "objects", "inside-accounts"],
)
def test_deep_nesting_is_refused_naming_the_body(api, text):
    assert "too deeply" in problem(post_text(api, text), "body")["message"]
    nothing_stored(api)


REST = '"TimeStamp":"2025-06-12T08:00:00Z","TimeTerminalId":7255'


@pytest.mark.parametrize(
    ("properties", "field"),
    [
        ('"EmployeeNr":"3002","employeenr":"3003","TimeStampEntryType":"In"', "EmployeeNr"),
        ('"EmployeeNr":"3002","EmployeeNr":"3002","TimeStampEntryType":"In"', "EmployeeNr"),
        (
            '"EmployeeNr":"3002","TimeStampEntryType":"In","timestampentrytype":"Out"',
            "TimeStampEntryType",
        ),
        (
            '"EmployeeNr":"3002","TimeStampEntryType":"In",'
            '"Accounts":[{"AccountNr":"100","accountnr":"4001"}]',
            "Accounts[0].AccountNr",
        ),
        ('"EmployeeNr":"3002","TimeStampEntryType":"In","Extra":1,"Extra":2', "Extra"),
    ],
)
def test_the_same_property_twice_is_refused_naming_it(api, properties, field):
    error = problem(post_text(api, f"[{{{properties},{REST}}}]"), field)
    assert "more than once" in error["message"] and error["index"] == 0
    nothing_stored(api)


def test_lists_on_an_entry_are_capped(api):
    codes = [{"TimeScheduleTypeCode": "DayShift"}] * 101
    error = problem(api.post([entry(TimeScheduleTypes=codes)]), "TimeScheduleTypes")
    assert "101 items; at most 100" in error["message"]
    accounts = [{"AccountNr": "4001", "SieAccountDim": 50}] * 101
    problem(api.post([entry(Accounts=accounts)]), "Accounts")
    nothing_stored(api)


def test_the_cap_on_lists_is_a_setting(settings, clock, company):
    one = settings.model_copy(update={"max_entry_list_items": 1})
    with TestClient(create_app(one, clock=clock)) as client:
        api = ApiSession.login(client, company)
        codes = [{"TimeScheduleTypeCode": "DayShift"}, {"TimeScheduleTypeCode": "OB 50%"}]
        error = problem(api.post([entry(TimeScheduleTypes=codes)]), "TimeScheduleTypes")
        assert "at most 1 are accepted" in error["message"]


# --- unknown properties -------------------------------------------------------------------


def test_unknown_properties_are_ignored_and_named_in_the_note(api):
    sent = entry(AcountNr="100", Accounts=[{"AccountNr": "4001", "SieAccountDim": 50, "X": 1}])
    sent["TimeScheduleType"] = [{"TimeScheduleTypeCode": "DayShift"}]
    response = api.post([sent])
    assert response.status_code == 200, response.text
    (result,) = response.json()["results"]
    assert result["note"] == (
        "ignored unknown properties: AcountNr, Accounts[0].X, TimeScheduleType"
    )
    (stored,) = api.stored(DAY)
    assert stored["accountNr"] is None and stored["timeScheduleTypes"] == []
    again = api.post([sent]).json()["results"][0]
    assert again["status"] == "Duplicate" and "AcountNr" in again["note"]


def test_strict_properties_refuses_each_unknown_property(api):
    sent = entry(AcountNr="100", Accounts=[{"AccountNr": "4001", "SieAccountDim": 50, "X": 1}])
    response = api.post([sent], strictProperties="true")
    assert response.status_code == 400, response.text
    fields = {e["field"] for e in response.json()["errors"]}
    assert fields == {"AcountNr", "Accounts[0].X"}
    nothing_stored(api)
    assert api.post([entry()], strictProperties="true").status_code == 200


def test_an_unknown_property_with_an_unprintable_name_is_shown_escaped(api):
    response = post_text(api, json.dumps([{**entry(), "Bad\ud800\x00": 1}]))
    assert response.status_code == 200, response.text
    assert response.json()["results"][0]["note"].endswith("Bad\\ud800\\x00")


def test_sie_account_dim_without_account_nr_is_refused(api):
    error = problem(api.post([entry(SieAccountDim=2)]), "SieAccountDim")
    assert "without an AccountNr" in error["message"]
    nothing_stored(api)


# --- what a body is -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "content_type",
    ["text/plain", "application/x-www-form-urlencoded", "application/xml", "multipart/form-data"],
)
def test_a_body_that_is_not_json_by_its_content_type_is_a_415(api, content_type):
    response = post_text(api, json.dumps([entry()]), {"Content-Type": content_type})
    assert "application/json" in problem(response, "Content-Type", 415)["message"]
    nothing_stored(api)


@pytest.mark.parametrize(
    "content_type",
    [None, "application/json", "application/json; charset=UTF-8", "application/vnd.x+json"],
)
def test_json_content_types_and_none_are_read(api, content_type):
    headers = {"Content-Type": content_type} if content_type else {}
    response = api.client.post(
        ENTRY_PATH, params=api.params(), content=json.dumps([entry()]).encode(), headers=headers
    )
    assert response.status_code == 200, response.text


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32", "utf-8-sig"])
def test_utf_16_and_32_are_decoded_by_their_byte_order_mark(api, encoding):
    text = json.dumps([entry(employee="3014")])
    bom = {"utf-16-be": b"\xfe\xff"}.get(encoding, b"")
    response = post_text(api, bom + text.encode(encoding))
    assert response.status_code == 200, response.text
    assert [p["employeeNr"] for p in api.stored(DAY)] == ["3014"]


def test_utf_16_without_a_byte_order_mark_is_refused_not_misread(api):
    text = json.dumps([entry()]).encode("utf-16-le")
    problem(post_text(api, text), "body")
    response = post_text(api, text, {"Content-Type": "application/json; charset=utf-16"})
    problem(response, "Content-Type", 415)
    nothing_stored(api)


# --- the answer -----------------------------------------------------------------------------


def test_the_error_message_counts_in_good_grammar(api):
    response = api.post([entry(), entry(employee="9999")], allOrNone="false")
    assert response.json()["errorMessage"] == (
        "1 of 2 entries were rejected; the other 1 was processed"
    )


def test_a_long_user_agent_is_cut_for_the_record_not_refused(api, store):
    response = api.client.post(
        ENTRY_PATH, params=api.params(), json=[entry()], headers={"User-Agent": "T" * 1000}
    )
    assert response.status_code == 200, response.text
    assert len(api.stored(DAY)) == 1
    with store.read() as conn:
        (agent,) = conn.execute(
            select(ingest_batches.c.user_agent).where(ingest_batches.c.company_id == api.company.id)
        ).scalars()
    assert agent == "T" * 299 + "…"
