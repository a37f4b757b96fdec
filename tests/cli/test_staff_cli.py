"""``stampla staff``: people who sign in to the pages, added and changed from the shell."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from stampla.app import create_app
from stampla.cli.main import app
from stampla.service import demo
from stampla.service.audit import list_events
from stampla.settings import Settings, get_settings
from stampla.store.engine import Store

runner = CliRunner()
PASSWORD = "a-long-staff-password"


@pytest.fixture
def cli(fresh_database_url, monkeypatch):
    """``stampla …`` against a fresh demo database; (exit code, output)."""
    monkeypatch.setenv("STAMPLA_DATABASE_URL", fresh_database_url)
    get_settings.cache_clear()

    def run(*args: str, stdin: str | None = None) -> tuple[int, str]:
        result = runner.invoke(app, list(args), input=stdin)
        return result.exit_code, result.output

    assert run("demo")[0] == 0
    yield run
    get_settings.cache_clear()


def signs_in(url: str, clock, name: str, password: str) -> int:
    settings = Settings(database_url=url, login_failure_delay_seconds=0)
    form = {"company": demo.COMPANY_NAME, "user_name": name, "password": password}
    with TestClient(create_app(settings, clock=clock)) as client:
        return client.post("/web/sign-in", data=form, follow_redirects=False).status_code


def test_add_role_passwd_disable_enable_list(cli, fresh_database_url, clock):
    code, out = cli(
        "staff", "add", "Ärla Öst", "--role", "attestant", "--scope-level", "Avdelning",
        "--scope-accounts", "100,200", "--password-stdin", stdin=f"{PASSWORD}\n",
    )  # fmt: skip
    assert code == 0, out
    assert "Ärla Öst" in out
    assert signs_in(fresh_database_url, clock, "ÄRLA ÖST", PASSWORD) == 303
    listed = {u["name"]: u for u in json.loads(cli("staff", "list", "--json")[1])}
    assert listed["Ärla Öst"]["role"] == "attestant"
    assert listed["Ärla Öst"]["scopeLevel"] == "Avdelning"
    assert listed["Ärla Öst"]["scopeAccounts"] == ["100", "200"]
    assert listed["Ärla Öst"]["language"] == "sv"
    assert {"admin", "payroll", "attestant", "viewer"} <= set(listed)

    assert cli("staff", "role", "ärla öst", "--role", "viewer")[0] == 0
    listed = {u["name"]: u for u in json.loads(cli("staff", "list", "--json")[1])}
    assert listed["Ärla Öst"]["role"] == "viewer" and listed["Ärla Öst"]["scopeLevel"] is None

    new = "another-long-password"
    assert cli("staff", "passwd", "Ärla Öst", "--password-stdin", stdin=f"{new}\n")[0] == 0
    assert signs_in(fresh_database_url, clock, "Ärla Öst", PASSWORD) == 401
    assert signs_in(fresh_database_url, clock, "Ärla Öst", new) == 303

    assert cli("staff", "disable", "Ärla Öst")[0] == 0
    assert signs_in(fresh_database_url, clock, "Ärla Öst", new) == 401
    assert cli("staff", "enable", "Ärla Öst")[0] == 0
    assert signs_in(fresh_database_url, clock, "Ärla Öst", new) == 303

    store = Store(fresh_database_url)
    try:
        page = list_events(store, 1, clock(), entity="staff_user", limit=1000)
    finally:
        store.dispose()
    events = [e for e in page.events if e.entity_key == "Ärla Öst"]
    actions = sorted(e.action for e in events)
    assert actions == ["create", "disable", "enable", "passwd", "update"]
    assert PASSWORD not in json.dumps([e.model_dump(mode="json") for e in events])


def test_bad_input_is_refused_with_a_clear_message(cli):
    code, out = cli("staff", "add", "X", "--role", "boss", "--password-stdin", stdin="p" * 20)
    assert code != 0 and "choose one of viewer, attestant, payroll, admin" in out
    code, out = cli("staff", "add", "X", "--role", "viewer", "--password-stdin", stdin="short\n")
    assert code != 0 and "at least 12 characters" in out
    code, out = cli(
        "staff", "add", "X", "--role", "attestant", "--scope-accounts", "100",
        "--password-stdin", stdin=f"{PASSWORD}\n",
    )  # fmt: skip
    assert code != 0 and "coding level" in out
    code, out = cli("staff", "add", "ADMIN", "--role", "viewer", "--password-stdin",
                    stdin=f"{PASSWORD}\n")  # fmt: skip
    assert code != 0 and "already exists" in out
    code, out = cli("staff", "disable", "nobody")
    assert code != 0 and "No staff user 'nobody'" in out
