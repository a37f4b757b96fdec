"""Every error of every endpoint has the one documented shape."""

from __future__ import annotations

from stampla.wire import ErrorResponse
from tests.factories import entry

PATH = "/Personell/Time/TimeStampEntry"


def assert_shape(response, status: int) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) >= {"success", "errorMessage", "errors"}
    assert body["success"] is False and body["errorMessage"]
    ErrorResponse.model_validate(body)
    for item in body["errors"]:
        assert set(item) == {"index", "field", "message"}


def test_error_shape_everywhere(api, client, company):
    keys = company.keys()
    day = {"dateFrom": "2025-06-12", "dateTo": "2025-06-12"}
    cases = [
        (client.post(PATH, params=keys, json=[entry()]), 401),
        (client.get(PATH, params={**keys, **day}), 401),
        (client.post("/Login/Token", params=keys, json={"UserName": "x", "Password": "y"}), 401),
        (client.post("/Login/Token", params=keys, content=b"{"), 400),
        (api.post([entry(employee="9999")]), 400),
        (api.client.post(PATH, params=api.params(), content=b"not json"), 400),
        (api.client.get(PATH, params=api.params(dateFrom="x", dateTo="y")), 400),
        (api.post([entry()], allOrNone="maybe"), 400),
        (client.get("/no/such/route"), 404),
        (client.get("/Login/Token"), 405),
        (client.delete(PATH), 405),
    ]
    for response, status in cases:
        assert_shape(response, status)


def test_a_query_parameter_of_the_wrong_type_is_named(api):
    body = api.post([entry()], replaceDays="sometimes").json()
    assert [e["field"] for e in body["errors"]] == ["replaceDays"]


def test_an_unexpected_failure_is_a_500_in_the_same_shape(api, monkeypatch):
    def broken(*_args, **_kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("stampla.api.routes.timestampentry.ingest", broken)
    from fastapi.testclient import TestClient

    with TestClient(api.client.app, raise_server_exceptions=False) as client:
        response = client.post(PATH, params=api.params(), json=[entry()])
    assert_shape(response, 500)
    assert "disk on fire" not in response.text
