"""The demo company's staff users sign in to the pages, as `make demo` tells people to."""

from __future__ import annotations

from fastapi.testclient import TestClient

from stampla.app import create_app
from stampla.service import demo
from stampla.settings import Settings
from stampla.store import migrate
from stampla.store.engine import Store
from tests.web.conftest import text


def test_the_demo_user_signs_in_to_the_demo_company(fresh_database_url, clock):
    store = Store(fresh_database_url)
    migrate.upgrade(store.engine)
    demo.seed_demo(store, clock())
    store.dispose()
    settings = Settings(database_url=fresh_database_url, login_failure_delay_seconds=0)
    with TestClient(create_app(settings, clock=clock)) as client:
        form = {
            "company": demo.COMPANY_NAME,
            "user_name": "admin",
            "password": demo.STAFF_PASSWORD,
        }
        # The demo's API user serves integrations only.
        api_user = {**form, "user_name": demo.USER_NAME, "password": demo.PASSWORD}
        assert client.post("/web/sign-in", data=api_user).status_code == 401
        for name, _role, _scope in demo.STAFF:
            with TestClient(client.app) as person:
                signed = person.post("/web/sign-in", data={**form, "user_name": name})
                assert signed.status_code == 200, name
        response = client.post("/web/sign-in", data=form, follow_redirects=False)
        assert response.status_code == 303
        employees = text(client.get("/web/employees").text)
    # The demo's staff are Swedish (a Europe/Stockholm company's default): decimal comma.
    assert "3006 Fabian Gustavsson Månadsavlönad Permanent Position 100,00 38:15 Ja" in employees
    assert "EMP1001 Exempel Anställd" in employees
