"""``stampla auto-stamp-out`` and ``stampla jobs run-once`` against a database of their own."""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from stampla.app import create_app
from stampla.cli.main import app
from stampla.settings import Settings, get_settings

runner = CliRunner()
KEYS = {"companyApiKey": "demo-company-api-key", "connectApiKey": "demo-connect-api-key"}
ENTRY_PATH = "/Personell/Time/TimeStampEntry"


@pytest.fixture
def cli(fresh_database_url, monkeypatch):
    monkeypatch.setenv("STAMPLA_DATABASE_URL", fresh_database_url)
    get_settings.cache_clear()

    def run(*args: str, code: int = 0) -> str:
        result = runner.invoke(app, list(args))
        assert result.exit_code == code, result.output
        return result.output

    yield run
    get_settings.cache_clear()


def post_in(url: str, instant: datetime, terminal: int = 7255) -> None:
    settings = Settings(database_url=url, login_failure_delay_seconds=0, jobs_interval_seconds=0)
    with TestClient(create_app(settings)) as client:
        login = client.post(
            "/Login/Token", params=KEYS, json={"UserName": "demo", "Password": "demo-password"}
        )
        token = login.json()["token"]
        entry = {
            "EmployeeNr": "EMP1001",
            "TimeStamp": instant.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "TimeStampEntryType": "In",
            "TimeTerminalId": terminal,
        }
        saved = client.post(ENTRY_PATH, params={**KEYS, "token": token}, json=[entry])
        assert saved.status_code == 200, saved.text


def test_set_the_rule_run_the_job_once_and_again(cli, fresh_database_url):
    cli("demo")
    assert "after  10:00" in cli("auto-stamp-out", "set", "--after", "10:00")
    failed = cli("auto-stamp-out", "set", "--at", "24:00", code=1)
    assert "AutoStampOutAt" in failed
    post_in(fresh_database_url, datetime.now(UTC) - timedelta(hours=11))
    first = json.loads(cli("jobs", "run-once", "--json"))
    assert first == {"ran": True, "autoStampOuts": 1, "replacedByRealOuts": 0, "companies": 1}
    second = json.loads(cli("jobs", "run-once", "--json"))
    assert second["autoStampOuts"] == 0
    cli("terminal", "update", "7255", "--auto-stamp-out-after", "8:00")
    (listed,) = [
        t for t in json.loads(cli("terminal", "list", "--json")) if t["timeTerminalId"] == 7255
    ]
    assert listed["autoStampOutAfter"] == "8:00" and listed["autoStampOutAt"] is None


def test_serve_runs_the_jobs_on_a_thread_of_its_own_and_stops_it(fresh_database_url):
    settings = Settings(database_url=fresh_database_url, jobs_interval_seconds=3600)
    with TestClient(create_app(settings)):
        running = [t for t in threading.enumerate() if t.name == "stampla-jobs"]
        assert len(running) == 1 and running[0].is_alive()
    assert not running[0].is_alive()
