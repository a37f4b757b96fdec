"""GET /health: ready only when the database answers with the schema this server needs."""

from __future__ import annotations

from fastapi.testclient import TestClient

from stampla import __version__
from stampla.app import create_app
from stampla.settings import Settings
from stampla.store import migrate
from stampla.store.engine import Store


def test_a_ready_server_says_so_without_credentials(client, backend, store):
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json() == {
        "success": True,
        "status": "ok",
        "version": __version__,
        "database": backend,
        "schemaRevision": migrate.head_revision(store.engine),
    }


def test_the_route_matches_in_any_letter_case(client):
    assert client.get("/HEALTH").status_code == 200


def test_a_schema_behind_the_server_is_not_ready(fresh_database_url):
    store = Store(fresh_database_url)
    migrate.upgrade(store.engine, "0001")
    store.dispose()
    settings = Settings(database_url=fresh_database_url)
    with TestClient(create_app(settings)) as client:
        response = client.get("/health")
    assert response.status_code == 503
    assert response.headers["retry-after"] == "1"
    body = response.json()
    assert body["success"] is False
    assert "revision 0001" in body["errorMessage"]
    assert "stampla db upgrade" in body["errorMessage"]
    assert body["errors"][0]["field"] == "schema"


def test_an_unmigrated_database_is_not_ready(fresh_database_url):
    with TestClient(create_app(Settings(database_url=fresh_database_url))) as client:
        response = client.get("/health")
    assert response.status_code == 503
    assert "revision none" in response.json()["errorMessage"]


def test_an_unreachable_database_is_not_ready():
    settings = Settings(database_url="postgresql+psycopg://postgres@127.0.0.1:1/stampla")
    with TestClient(create_app(settings)) as client:
        response = client.get("/health")
    assert response.status_code == 503
    assert response.json()["errorMessage"] == "The database is unavailable right now; retry shortly"
