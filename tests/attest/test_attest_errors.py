"""Bad requests to AttestTime are 4xx answers naming the field, in the one error shape."""

from __future__ import annotations

import pytest

from tests.api.test_error_shape import assert_shape
from tests.attest.conftest import ATTEST_PATH


def fields(response) -> list[str | None]:
    return [problem["field"] for problem in response.json()["errors"]]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"dateFrom": "2025-06-13", "dateTo": "2025-06-12"}, "dateTo"),
        ({"dateFrom": "2025-01-01", "dateTo": "2026-06-12"}, "dateTo"),
        ({"dateFrom": "12/06/2025", "dateTo": "2025-06-12"}, "dateFrom"),
        ({"dateFrom": "2025-06-12", "dateTo": "soon"}, "dateTo"),
        (
            {"dateFrom": "2025-06-12", "dateTo": "2025-06-12", "includeEmpty": "maybe"},
            "includeEmpty",
        ),
        ({"dateTo": "2025-06-12"}, "dateFrom"),
    ],
)
def test_bad_parameters_are_a_400_naming_the_field(api, params, field):
    response = api.client.get(ATTEST_PATH, params=api.params(**params))
    assert_shape(response, 400)
    assert fields(response) == [field]


def test_an_unknown_employee_in_the_filter_is_named(attest):
    response = attest.get("2025-06-12", employeeNrsString="3002, 4711,4712")
    assert_shape(response, 400)
    assert response.json()["errors"] == [
        {"index": None, "field": "employeeNrsString", "message": "employee '4711' does not exist"},
        {"index": None, "field": "employeeNrsString", "message": "employee '4712' does not exist"},
    ]


def test_the_same_authentication_as_the_punch_api(client, company):
    day = {"dateFrom": "2025-06-12", "dateTo": "2025-06-12"}
    assert_shape(client.get(ATTEST_PATH, params={**company.keys(), **day}), 401)
    wrong = {**company.keys(), "token": "not-a-token", **day}
    assert_shape(client.get(ATTEST_PATH, params=wrong), 401)


def test_route_and_parameter_names_match_in_any_case(api):
    params = api.params()
    params.update({"DATEFROM": "2025-06-12", "dateto": "2025-06-12", "IncludeEmpty": "true"})
    response = api.client.get("/personell/time/attesttime", params=params)
    assert response.status_code == 200, response.text
    assert len(response.json()) == 3  # the company's three employees, no stamps


def test_a_date_time_is_read_as_its_date(attest):
    assert len(attest.rows("2025-06-12T00:00:00", "2025-06-12T23:59:59", includeEmpty="true")) == 3


def test_other_methods_are_refused_in_the_one_shape(api):
    assert_shape(api.client.post(ATTEST_PATH, params=api.params()), 405)


def test_attest_time_is_documented_with_its_parameters_and_row_shape(client):
    spec = client.get("/openapi.json").json()
    get = spec["paths"]["/Personell/Time/AttestTime"]["get"]
    params = {p["name"] for p in get["parameters"]}
    assert params >= {"dateFrom", "dateTo", "employeeNrsString", "includeEmpty", "token"}
    day = spec["components"]["schemas"]["AttestDay"]
    assert set(day["properties"]) >= {
        "employeeNr",
        "date",
        "stampingStatus",
        "warnings",
        "punches",
        "spans",
        "workSeconds",
        "breakSeconds",
        "timeScheduleTypes",
        "accounts",
        "expectedSeconds",
        "differenceSeconds",
    }
