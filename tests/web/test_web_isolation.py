"""A company's pages never show another company's data, whatever the address asks for."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from stampla.service import masterdata as md
from tests.factories import ApiSession, entry
from tests.web.conftest import sign_in, status_with_cookie, text


@pytest.fixture
def neighbour(app, store, friday, other_company):
    """Another company with its own registers and a day of punches in the same week."""
    cid, now = other_company.id, friday()
    md.add_employee(
        store, cid, {"employee_nr": "B-777", "first_name": "Bea", "last_name": "Grann"}, now
    )
    md.add_terminal(store, cid, {"terminal_number": 4242, "name": "Grannens terminal"}, now)
    md.add_coding_level(store, cid, {"number": 8, "name": "Grannens nivå"}, now)
    md.add_time_code(store, cid, {"code": "GrannKod", "name": "Grannens kod"}, now)
    with TestClient(app) as client:
        api = ApiSession.login(client, other_company)
        response = api.post(
            [
                entry("3002", "2025-06-12T06:15:00", terminal=4242),
                entry("3002", "2025-06-12T15:45:00", "Out", terminal=4242),
                entry("B-777", "2025-06-11T06:15:00", terminal=4242),
            ]
        )
        assert response.status_code == 200, response.text
    return other_company


FOREIGN = ("B-777", "Grann", "4242", "06:15", "15:45", "GrannKod", "Grannens", "9:30")


def assert_none_foreign(html: str) -> None:
    shown = text(html)
    for word in FOREIGN:
        assert word not in shown, word


def test_pages_show_only_the_signed_in_company(web, neighbour):
    for path in (
        "/web/attest",
        "/web/attest?includeEmpty=on",
        "/web/punches",
        "/web/employees",
        "/web/employees?search=grann",
        "/web/coding-levels",
        "/web/terminals",
        "/web/time-codes",
        "/web/attest/day?employeeNr=3002&date=2025-06-12",
    ):
        response = web.get(path)
        assert response.status_code == 200, path
        assert_none_foreign(response.text)


def test_naming_another_companys_records_finds_nothing(web, neighbour):
    response = web.get("/web/attest/day?employeeNr=B-777&date=2025-06-11")
    assert response.status_code == 400
    assert "employee 'B-777' does not exist" in text(response.text)
    assert web.get("/web/attest?employees=B-777").status_code == 400
    assert web.get("/web/punches?employees=B-777").status_code == 400
    assert web.get("/web/coding-levels/8").status_code == 404


def test_the_other_company_sees_its_own(app, neighbour):
    with TestClient(app) as client:
        assert sign_in(client, neighbour).status_code == 303
        shown = text(client.get("/web/punches").text)
    assert "B-777" in shown and "4242" in shown


def test_a_cookie_moved_to_another_company_is_no_session(app, web, neighbour):
    cookie = web.cookies["stampla_session"]
    assert status_with_cookie(app, cookie) == 200
    secret = cookie.split(".", 1)[1]
    assert status_with_cookie(app, f"{neighbour.id}.{secret}") == 303


def test_a_user_signs_in_only_to_its_own_company(client, company, neighbour):
    # The neighbour's user name and password, with the other company's name.
    response = sign_in(client, neighbour, company=company.name, password=neighbour.staff_password)
    assert response.status_code == 303  # both test companies have a user "api" …
    assert client.get("/web/attest").status_code == 200
    response = sign_in(client, neighbour, company=company.name, password="not its password")
    assert response.status_code == 401
