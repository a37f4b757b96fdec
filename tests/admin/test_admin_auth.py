"""The /Admin API takes admin keys only, and admin keys work nowhere else."""

from __future__ import annotations

import pytest

from stampla.service.admin_keys import revoke_admin_key
from tests.admin.session import AdminSession, ok, refused
from tests.factories import ENTRY_PATH, entry

ADMIN_PATHS = [
    ("GET", "/Admin/Company"),
    ("GET", "/Admin/Employees"),
    ("GET", "/Admin/Audit"),
    ("POST", "/Admin/Integrations/Rotate?name=x"),
]


@pytest.mark.parametrize(("method", "path"), ADMIN_PATHS)
def test_without_a_key_every_admin_route_is_a_401_naming_the_header(client, method, path):
    body = refused(client.request(method, path), 401)
    assert "Missing admin key" in body["errorMessage"]
    assert body["errors"][0]["field"] == "Authorization"


@pytest.mark.parametrize(
    "key",
    ["sa1.1.wrong", "not-a-key", "sa1.x.y", "sa1.99999999.abc", "sa1.1.a.b"],
)
def test_a_wrong_key_is_refused(client, admin, key):
    refused(client.get("/Admin/Company", headers={"Authorization": f"Bearer {key}"}), 401)


def test_a_tampered_key_is_refused(admin: AdminSession, client):
    tampered = admin.key[:-1] + ("A" if admin.key[-1] != "A" else "B")
    refused(client.get("/Admin/Company", headers={"Authorization": f"Bearer {tampered}"}), 401)


def test_the_key_answers_for_its_own_company(admin, company):
    found = ok(admin.get("/Admin/Company"))
    assert found["id"] == company.id and found["name"] == company.name


def test_integration_credentials_never_reach_the_admin_api(api, client):
    """A logged-in integration, with its keys and token in every form it may send them."""
    params = api.params()
    refused(client.get("/Admin/Employees", params=params), 401)
    headers = {**api.company.keys(), "Authorization": f"Bearer {api.token}"}
    body = refused(client.get("/Admin/Employees", headers=headers), 401)
    assert "not a valid admin key" in body["errors"][0]["message"]


def test_an_admin_key_never_posts_or_reads_punches(admin, client, company):
    as_token = {**company.keys(), "token": admin.key}
    refused(client.post(ENTRY_PATH, params=as_token, json=[entry()]), 401)
    refused(client.post(ENTRY_PATH, headers=admin.headers(), json=[entry()]), 401)
    day = {"dateFrom": "2025-06-12", "dateTo": "2025-06-12"}
    refused(client.get(ENTRY_PATH, params={**as_token, **day}), 401)


def test_a_revoked_key_stops_on_the_next_request(admin, store, company, clock):
    ok(admin.get("/Admin/Company"))
    revoke_admin_key(store, company.id, "ops", clock(), actor="cli:test")
    refused(admin.get("/Admin/Company"), 401)


def test_routes_and_parameters_match_in_any_letter_case(admin):
    ok(admin.post("/admin/employees/deactivate", EmployeeNr="3002"))
    assert ok(admin.get("/ADMIN/EMPLOYEES", ACTIVE="false"))[0]["employeeNr"] == "3002"
