"""``stampla correct add|change|void|list`` and ``stampla audit`` on the shared database."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from stampla.cli.main import app
from stampla.settings import get_settings
from tests.attest.conftest import saved
from tests.factories import entry

runner = CliRunner()


@pytest.fixture
def cli(database_url, company, monkeypatch):
    monkeypatch.setenv("STAMPLA_DATABASE_URL", database_url)
    get_settings.cache_clear()

    def run(*args: str, code: int = 0) -> str:
        result = runner.invoke(app, [*args, "--company", company.name])
        assert result.exit_code == code, result.output
        return result.output

    yield run
    get_settings.cache_clear()


def test_add_change_void_list_and_audit(cli, api):
    (opened,) = saved(api.post([entry(time_stamp="2025-06-12T08:00")]))
    added = json.loads(
        cli("correct", "add", "3002", "2025-06-12T17:00", "Out", "--reason", "Forgot", "--json")
    )
    assert added["kind"] == "add" and added["punch"]["origin"] == "Correction"
    changed = json.loads(
        cli(
            "correct", "change", "3002", str(added["punchId"]), "--time", "2025-06-12T16:30",
            "--reason", "Left earlier", "--json",
        )
    )  # fmt: skip
    assert changed["supersedes"] == added["punchId"]
    assert "Correction" in cli("correct", "void", "3002", str(opened), "--reason", "Not here")
    listed = json.loads(cli("correct", "list", "2025-06-12", "--employee", "3002", "--json"))
    assert [c["kind"] for c in listed] == ["add", "change", "void"]
    assert [c["reason"] for c in listed] == ["Forgot", "Left earlier", "Not here"]
    current = api.stored("2025-06-12", employeeNrsString="3002")
    assert [p["timeStampEntryId"] for p in current] == [changed["punchId"]]
    trail = json.loads(cli("audit", "--entity", "punch_correction", "--json"))
    assert [e["action"] for e in trail["events"]] == ["add", "change", "void"]
    assert trail["events"][2]["note"] == "Not here"


def test_a_reason_is_required_and_a_superseded_punch_refused(cli, api):
    (opened,) = saved(api.post([entry(time_stamp="2025-06-12T08:00")]))
    assert "needs a reason" in cli("correct", "void", "3002", str(opened), "--reason", " ", code=1)
    cli("correct", "void", "3002", str(opened), "--reason", "Duplicate")
    output = cli("correct", "void", "3002", str(opened), "--reason", "Again", code=1)
    assert "already superseded" in output
