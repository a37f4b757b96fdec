"""The command line: db, demo and serve, against real database files and a real server."""

from __future__ import annotations

import json
from typing import Any

import httpx2
import pytest
import typer
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from stampla.app import create_app
from stampla.cli.main import app
from stampla.settings import Settings, get_settings
from stampla.store import migrate
from stampla.store.engine import Store
from tests.api.test_document_example import DOCUMENT_EXAMPLE
from tests.factories import ApiSession, build_company, entry
from tests.serverproc import serving

runner = CliRunner()


@pytest.fixture
def cli(fresh_database_url, monkeypatch):
    """Runs ``stampla …`` against an empty database of its own."""
    monkeypatch.setenv("STAMPLA_DATABASE_URL", fresh_database_url)
    get_settings.cache_clear()

    def run(*args: str):
        result = runner.invoke(app, list(args))
        assert result.exit_code == 0, result.output
        return result.output

    yield run
    get_settings.cache_clear()


def every_command(group: Any, path: tuple[str, ...] = ()) -> list[list[str]]:
    """The path of every command of the ``stampla`` tree (the leaves, not the groups)."""
    found: list[list[str]] = []
    for name, command in group.commands.items():
        if getattr(command, "commands", None):  # a group
            found.extend(every_command(command, (*path, name)))
        else:
            found.append([*path, name])
    return found


def test_every_command_has_help_with_an_example():
    commands = every_command(typer.main.get_command(app))
    for expected in (
        ["employee", "import"],
        ["db", "upgrade"],
        ["outbox", "retry"],
        ["agent"],
        ["attest"],
        ["attest-settings", "set"],
    ):
        assert expected in commands
    for command in commands:
        result = runner.invoke(app, [*command, "--help"])
        assert result.exit_code == 0, command
        assert "Example:" in result.output, command


def test_db_upgrade_then_status(cli, fresh_database_url):
    assert "Schema upgraded from empty to" in cli("db", "upgrade")
    assert "Schema already current" in cli("db", "upgrade")
    assert "current" in cli("db", "status")
    store = Store(fresh_database_url)
    assert migrate.schema_state(store.engine) is migrate.SchemaState.CURRENT
    store.dispose()


def test_demo_seeds_once_and_prints_credentials(cli):
    first = cli("demo")
    assert "demo-company-api-key" in first and "(created)" in first
    assert "curl -s -X POST" in first
    second = cli("demo")
    assert "(already present)" in second
    printed = json.loads(cli("demo", "--json"))
    assert set(printed) == {
        "companyApiKey",
        "connectApiKey",
        "userName",
        "password",
        "companyName",
        "staffUsers",
        "baseUrl",
        "webUrl",
    }
    assert [u["role"] for u in printed["staffUsers"]] == ["admin", "payroll", "attestant", "viewer"]
    assert "demo-staff-password" in first and "attestant" in first
    assert printed["baseUrl"] == "http://127.0.0.1:8000"
    assert printed["webUrl"] == "http://127.0.0.1:8000/web/"
    assert "Web pages:     http://127.0.0.1:8000/web/" in first


def test_the_demo_company_matches_the_document(cli, fresh_database_url):
    cli("demo")
    from sqlalchemy import select

    from stampla.store.tables import coding_levels, employees, terminals

    store = Store(fresh_database_url)
    with store.read() as conn:
        staff = {r.employee_nr: r for r in conn.execute(select(employees))}
        levels = {r.name: r.sie_dimension for r in conn.execute(select(coding_levels))}
        numbers = {r.terminal_number for r in conn.execute(select(terminals))}
    store.dispose()
    assert {"3002", "3006", "3014", "3024", "EMP1001"} <= set(staff)
    assert staff["3014"].external_code == "673330"
    assert staff["3006"].weekly_minutes == 38 * 60 + 15
    assert str(staff["3005"].employment_rate) == "52.29"
    assert levels["Avdelning"] == 50 and levels["Region"] == 30 and levels["Butik"] == 40
    assert levels["Koncern"] is None
    assert {1, 7255} <= numbers
    assert "holidays       SE" in cli("attest-settings", "show")  # a Swedish company


@pytest.mark.slow
def test_serve_then_login_post_and_read_over_real_http(cli, fresh_database_url):
    cli("demo")
    with serving(fresh_database_url, STAMPLA_LOGIN_FAILURE_DELAY_SECONDS="0") as base:
        keys = "companyApiKey=demo-company-api-key&connectApiKey=demo-connect-api-key"
        with httpx2.Client(base_url=base) as http:
            login = http.post(
                f"/Login/Token?{keys}", json={"UserName": "demo", "Password": "demo-password"}
            )
            token = login.json()["token"]
            saved = http.post(
                f"/Personell/Time/TimeStampEntry?{keys}&Token={token}",
                content=DOCUMENT_EXAMPLE,
                headers={"Content-Type": "application/json"},
            )
            read = http.get(
                f"/Personell/Time/TimeStampEntry?{keys}&token={token}"
                "&dateFrom=2025-06-12&dateTo=2025-06-12"
            )
            refused = http.post(f"/Login/Token?{keys}", json={"UserName": "demo", "Password": "x"})
    assert saved.status_code == 200 and saved.json()["saved"] == 1
    assert read.json()[0]["employeeNr"] == "EMP1001"
    assert refused.status_code == 401


@pytest.mark.slow
def test_serve_migrates_an_empty_database(fresh_database_url):
    with serving(fresh_database_url) as base:
        assert httpx2.get(f"{base}/docs").status_code == 200
    store = Store(fresh_database_url)
    assert migrate.schema_state(store.engine) is migrate.SchemaState.CURRENT
    store.dispose()


def test_serve_refuses_a_database_behind_the_code(cli, fresh_database_url):
    store = Store(fresh_database_url)
    if migrate.head_revision(store.engine) == "0001":
        pytest.skip("only one migration so far; nothing can be behind")
    migrate.upgrade(store.engine, "0001")
    store.dispose()
    result = runner.invoke(app, ["serve"])
    assert result.exit_code == 1
    assert "stampla db upgrade" in result.output


@pytest.mark.slow
def test_serve_with_two_workers_answers_everywhere_and_stops_cleanly(cli, fresh_database_url):
    from pathlib import Path

    from tests.serverproc import Watched, free_port

    cli("demo")
    port = free_port()
    server = Watched(
        ["serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "2"],
        {"STAMPLA_DATABASE_URL": fresh_database_url, "STAMPLA_LOGIN_FAILURE_DELAY_SECONDS": "0"},
    )
    listening = {server.wait_for("Listening on"), server.wait_for("Listening on")}
    assert len(listening) == 2  # two processes, each with its own socket
    base = f"http://127.0.0.1:{port}"
    keys = {"companyApiKey": "demo-company-api-key", "connectApiKey": "demo-connect-api-key"}
    token = httpx2.post(
        f"{base}/Login/Token", params=keys, json={"UserName": "demo", "Password": "demo-password"}
    ).json()["token"]
    statuses = set()
    for minute in range(20):  # a fresh connection each time: the kernel spreads them
        response = httpx2.post(
            f"{base}/Personell/Time/TimeStampEntry",
            params={**keys, "token": token},
            json=[
                {
                    "EmployeeNr": "3002",
                    "TimeStamp": f"2025-06-12T08:{minute:02d}:00Z",
                    "TimeStampEntryType": "In",
                    "TimeTerminalId": 7255,
                }
            ],
        )
        statuses.add(response.status_code)
    children = [
        pid
        for task in Path(f"/proc/{server.process.pid}/task").iterdir()
        for pid in (task / "children").read_text().split()
    ]
    workers = [p for p in children if b"spawn_main" in Path(f"/proc/{p}/cmdline").read_bytes()]
    assert statuses == {200}
    assert server.terminate() == 0
    assert all(not Path(f"/proc/{pid}").exists() for pid in workers)
    assert len(workers) == 2


def test_db_backup_copies_a_running_sqlite_store_consistently(
    cli, fresh_database_url, backend, tmp_path, clock
):
    cli("db", "upgrade")
    store = Store(fresh_database_url)
    company = build_company(store, clock())
    session_posts = [entry(employee="3002", time_stamp="2025-06-12T08:00:00Z")]
    with TestClient(create_app(Settings(database_url=fresh_database_url), clock=clock)) as client:
        assert ApiSession.login(client, company).post(session_posts).status_code == 200
    target = tmp_path / "copy.db"
    if backend != "sqlite":
        refused = runner.invoke(app, ["db", "backup", str(target)])
        assert refused.exit_code == 1 and "pg_dump" in refused.output
        return
    assert "1 punches, integrity ok" in cli("db", "backup", str(target))
    copy = Store(f"sqlite:///{target}")
    assert migrate.current_revision(copy.engine) == migrate.head_revision(copy.engine)
    with copy.read() as conn:
        assert conn.exec_driver_sql("SELECT employee_nr FROM punches").scalars().all() == ["3002"]
    copy.dispose()
    store.dispose()
    again = runner.invoke(app, ["db", "backup", str(target)])
    assert again.exit_code == 1 and "already exists" in again.output
