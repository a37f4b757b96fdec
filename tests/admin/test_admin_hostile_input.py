"""Bad input to the /Admin API is a 400 naming the parameter or property, and changes nothing."""

from __future__ import annotations

import pytest

from tests.admin.session import AdminSession, ok, refused


def fields(body: dict) -> set[str]:
    return {error["field"] for error in body["errors"]}


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("offset", str(2**63)),
        ("offset", str(2**64)),
        ("offset", "-1"),
        ("limit", str(2**64)),
        ("limit", "9" * 5000),
    ],
)
def test_paging_beyond_its_bounds_is_refused_naming_the_parameter(admin, name, value):
    body = refused(admin.get("/Admin/Employees", **{name: value}), 400)
    assert fields(body) == {name}


def test_a_number_is_not_taken_for_a_name(admin):
    before = ok(admin.get("/Admin/Company"))
    body = refused(admin.patch("/Admin/Company", {"Name": 0}), 400)
    assert fields(body) == {"Name"}
    assert ok(admin.get("/Admin/Company"))["name"] == before["name"]
    refused(
        admin.post("/Admin/Employees", {"EmployeeNr": "4100", "FirstName": 1, "LastName": "X"}), 400
    )
    assert ok(admin.get("/Admin/Employees", search="4100")) == []


def raw(admin: AdminSession, path: str, text: str, **params):
    headers = {**admin.headers(), "Content-Type": "application/json"}
    return admin.client.post(path, params=params, content=text.encode(), headers=headers)


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ('{"EmployeeNr": "4101", "FirstName": "A\\u0000", "LastName": "B"}', "FirstName"),
        ('{"EmployeeNr": "4101", "FirstName": "A", "LastName": "\\ud800"}', "LastName"),
        (
            '{"EmployeeNr": "4101", "employeenr": "4102", "FirstName": "A", "LastName": "B"}',
            "EmployeeNr",
        ),
        ('{"EmployeeNr": "4101", "FirstName": "A", "LastName": "B", "X\\ud800": 1}', "X\\ud800"),
    ],
)
def test_unstorable_text_and_repeated_names_are_refused(admin, text, field):
    body = refused(raw(admin, "/Admin/Employees", text), 400)
    assert field in fields(body), body
    assert ok(admin.get("/Admin/Employees", search="410")) == []


def test_a_nul_in_a_query_parameter_is_refused_naming_it(admin):
    body = refused(admin.get("/Admin/Employees", search="30\x0002"), 400)
    assert fields(body) == {"search"}
    body = refused(admin.patch("/Admin/Employees", {"FirstName": "X"}, employeeNr="3002\x00"), 400)
    assert fields(body) == {"employeeNr"}


def test_deep_nesting_in_an_admin_body_is_refused(admin):
    body = refused(raw(admin, "/Admin/Employees", "[" * 20_000 + "]" * 20_000), 400)
    assert fields(body) == {"body"}


@pytest.mark.parametrize("since", ["0001-01-01", "0001-01-01T00:30:00+02:00", "9" * 30 + "d"])
def test_an_audit_moment_beyond_the_calendar_is_refused(admin, since):
    assert fields(refused(admin.get("/Admin/Audit", since=since), 400)) == {"since"}
