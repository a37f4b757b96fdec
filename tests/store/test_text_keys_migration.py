"""Migration 0006: a database made before it gets match keys for the texts it already holds.

The databases here are the demo's, seeded and then taken back to 0005, which is the schema a
demo database made before 0006 has, holding the same data.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

import pytest
from alembic.util import CommandError
from fastapi.testclient import TestClient
from sqlalchemy import inspect, text
from typer.testing import CliRunner

from stampla.app import create_app
from stampla.cli.main import app as cli_app
from stampla.service import demo
from stampla.settings import Settings, get_settings
from stampla.store import migrate
from stampla.store.engine import Store
from tests.factories import entry

#: "Ångest" with its "Å" decomposed, as some keyboards and spreadsheets write it.
DECOMPOSED = unicodedata.normalize("NFD", "Ångest")


@pytest.fixture
def demo_at_0005(fresh_database_url: str, clock) -> Iterator[Store]:
    """The demo company in a database at revision 0005."""
    store = Store(fresh_database_url)
    migrate.upgrade(store.engine)
    demo.seed_demo(store, clock())
    migrate.downgrade(store.engine, "0005")
    assert "employee_nr_key" not in _columns(store, "employees")
    yield store
    store.dispose()


def _columns(store: Store, table: str) -> set[str]:
    return {column["name"] for column in inspect(store.engine).get_columns(table)}


def _copy(store: Store, table: str, column: str, of: str, as_: str, new_id: int) -> None:
    """Another row of ``table`` like the one whose ``column`` is ``of``, named ``as_``."""
    names = [c for c in _columns(store, table) if c not in ("id", column)]
    listed = ", ".join(names)
    with store.write() as conn:
        conn.execute(
            text(
                f"INSERT INTO {table} (id, {column}, {listed}) "
                f"SELECT :id, :new, {listed} FROM {table} WHERE {column} = :old"
            ),
            {"id": new_id, "new": as_, "old": of},
        )


def _cli(url: str, monkeypatch: pytest.MonkeyPatch, *args: str):
    monkeypatch.setenv("STAMPLA_DATABASE_URL", url)
    monkeypatch.setenv("COLUMNS", "250")  # no wrapped lines in the messages
    get_settings.cache_clear()
    try:
        return CliRunner().invoke(cli_app, list(args))
    finally:
        get_settings.cache_clear()


def test_db_upgrade_gives_a_demo_database_its_keys(demo_at_0005, monkeypatch, clock):
    store = demo_at_0005
    _copy(store, "time_codes", "code", "Mertid", DECOMPOSED, 900)
    result = _cli(store.url, monkeypatch, "db", "upgrade")
    assert result.exit_code == 0, result.output
    assert "Schema upgraded from 0005 to" in result.output
    with store.read() as conn:
        keys = dict(conn.execute(text("SELECT code, code_key FROM time_codes")).all())
        employees = dict(
            conn.execute(text("SELECT employee_nr, employee_nr_key FROM employees")).all()
        )
        (company_key,) = conn.execute(text("SELECT name_key FROM companies")).scalars()
    assert keys["Övertid Pengar 50%"] == "övertid pengar 50%"
    assert keys[DECOMPOSED] == "ångest" and len(keys[DECOMPOSED]) == 6  # composed again
    assert employees["EMP1001"] == "emp1001"
    assert company_key == "stampla demo ab"

    settings = Settings(database_url=store.url, login_failure_delay_seconds=0)
    codes = [{"TimeScheduleTypeCode": "övertid pengar 50%"}, {"TimeScheduleTypeCode": "ÅNGEST"}]
    with TestClient(create_app(settings, clock=clock)) as client:
        keys_ = {"companyApiKey": demo.COMPANY_API_KEY, "connectApiKey": demo.CONNECT_API_KEY}
        login = client.post(
            "/Login/Token", params=keys_, json={"UserName": "demo", "Password": demo.PASSWORD}
        )
        params = {**keys_, "token": login.json()["token"]}
        sent = entry("emp1001", TimeScheduleTypes=codes)
        saved = client.post("/Personell/Time/TimeStampEntry", params=params, json=[sent])
    assert saved.status_code == 200, saved.text
    assert saved.json()["saved"] == 1


def test_records_that_differ_only_in_case_stop_the_upgrade_and_are_named(demo_at_0005, monkeypatch):
    store = demo_at_0005
    _copy(store, "employees", "employee_nr", "EMP1001", "emp1001", 900)
    _copy(store, "time_codes", "code", "Övertid div 72", "ÖVERTID DIV 72", 900)
    with pytest.raises(CommandError) as raised:
        migrate.upgrade(store.engine)
    message = str(raised.value)
    assert "employees, company_id 1: employees with EmployeeNr 'EMP1001' (id" in message
    assert "'emp1001' (id 900)" in message
    assert "'Övertid div 72' (id" in message and "'ÖVERTID DIV 72' (id 900)" in message
    # Nothing changed: still 0005, no key columns, and the CLI says the same and fails.
    assert migrate.current_revision(store.engine) == "0005"
    assert "employee_nr_key" not in _columns(store, "employees")
    assert "name_key" not in _columns(store, "companies")
    result = _cli(store.url, monkeypatch, "db", "upgrade")
    assert result.exit_code == 1
    assert "'emp1001' (id 900)" in result.output
