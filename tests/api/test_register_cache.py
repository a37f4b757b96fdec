"""The process's copy of registers and grants never outlives a change made anywhere.

The server under test (``api``) keeps its copy; the changes are made through another store
on the same database (as another process, a CLI or a hand-written statement would), in plain
SQL, so that only the database's triggers can tell the server.
"""

from __future__ import annotations

import importlib.util
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest
from sqlalchemy import text

from stampla.store import migrate, register_version
from stampla.store.engine import Store
from tests.factories import entry

DAY = "2025-06-12"


def version(store: Store) -> int | None:
    with store.read() as conn:
        return register_version.current(conn)


def change(store: Store, sql: str, **params: object) -> None:
    with store.write() as conn:
        conn.execute(text(sql), params)


def first_error(response) -> str:
    assert response.status_code == 400, response.text
    return response.json()["errors"][0]["message"]


# (a change in plain SQL, the entry that then refers to what changed, the error it gets)
CHANGES = {
    "employee deactivated": (
        "UPDATE employees SET active = false WHERE company_id = :c AND employee_nr = '3002'",
        {},
        "Employee '3002' is inactive",
    ),
    "employee renumbered": (
        "UPDATE employees SET employee_nr = 'X3002', employee_nr_key = 'x3002' "
        "WHERE company_id = :c AND employee_nr = '3002'",
        {},
        "Employee '3002' does not exist",
    ),
    "terminal deactivated": (
        "UPDATE terminals SET active = false WHERE company_id = :c AND terminal_number = 7255",
        {},
        "Terminal 7255 is inactive",
    ),
    "account deactivated": (
        "UPDATE accounts SET active = false WHERE company_id = :c AND account_nr = '1000'",
        {"AccountNr": "1000", "SieAccountDim": 30},
        "Account '1000' in Region (SIE 30) is inactive",
    ),
    "coding level moved to another SIE dimension": (
        "UPDATE coding_levels SET sie_dimension = 31 WHERE company_id = :c AND number = 3",
        {"AccountNr": "1000", "SieAccountDim": 30},
        "does not exist in SIE dimension 30 (it exists in Region (SIE 31))",
    ),
    "time code deactivated": (
        "UPDATE time_codes SET active = false WHERE company_id = :c AND code = 'OB 50%'",
        {"TimeScheduleTypes": [{"TimeScheduleTypeCode": "OB 50%"}]},
        "Time code 'OB 50%' is inactive",
    ),
    "employee deleted": (
        "DELETE FROM employees WHERE company_id = :c AND employee_nr = '3015'",
        {"employee": "3015"},
        "Employee '3015' does not exist",
    ),
}


@pytest.mark.parametrize("what", CHANGES)
def test_a_register_change_made_elsewhere_applies_to_the_next_punch(store, company, api, what):
    sql, refers, message = CHANGES[what]
    refers = {"employee": "3002", **refers}
    # Twice, so that the second punch is checked against the server's copy.
    for hour in ("07", "08"):
        stamp = f"{DAY}T{hour}:00:00Z"
        assert api.post([entry(time_stamp=stamp, **refers)]).status_code == 200
    if what == "employee deleted":  # its punches first, as a real deletion would
        change(store, "DELETE FROM punches WHERE company_id = :c", c=company.id)
        change(store, "DELETE FROM ingest_batches WHERE company_id = :c", c=company.id)
    before = version(store)
    change(store, sql, c=company.id)
    assert version(store) != before
    response = api.post([entry(time_stamp=f"{DAY}T16:00:00Z", kind="Out", **refers)])
    assert message in first_error(response)


def test_a_new_account_in_another_coding_level_is_seen(store, company, api):
    """An account number in a second level makes SieAccountDim choose: the copy that knew
    one account for the number must not answer for the new level."""
    sent = {"AccountNr": "100", "SieAccountDim": 30}
    assert "does not exist in SIE dimension 30" in first_error(api.post([entry(**sent)]))
    level = company.ids["level:3"]
    with store.write() as conn:
        conn.execute(
            text(
                "INSERT INTO accounts (company_id, id, level_id, account_nr, account_nr_key, "
                "name, active, created_at) VALUES (:c, 990001, :level, '100', '100', 'Ny', "
                ":yes, :now)"
            ),
            {"c": company.id, "level": level, "yes": True, "now": datetime(2025, 1, 1)},
        )
    assert api.post([entry(**sent)]).status_code == 200


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE tokens SET revoked_at = CURRENT_TIMESTAMP WHERE company_id = :c",
        "UPDATE api_users SET active = false WHERE company_id = :c",
        "UPDATE integrations SET active = false WHERE company_id = :c",
        "UPDATE companies SET active = false WHERE id = :c",
    ],
    ids=["token revoked", "user disabled", "integration disabled", "company disabled"],
)
def test_a_revocation_made_elsewhere_refuses_the_next_request(store, company, api, sql):
    assert api.post([entry(time_stamp=f"{DAY}T07:00:00Z")]).status_code == 200
    assert api.post([entry(time_stamp=f"{DAY}T08:00:00Z")]).status_code == 200
    change(store, sql, c=company.id)
    assert api.post([entry(time_stamp=f"{DAY}T09:00:00Z")]).status_code == 401


def test_a_device_reporting_in_does_not_empty_the_copies(store, company):
    """Devices update their terminal's last-seen time every few seconds; only the columns
    a copy holds move the version."""
    before = version(store)
    change(
        store,
        "UPDATE terminals SET device_last_seen_at = CURRENT_TIMESTAMP WHERE company_id = :c",
        c=company.id,
    )
    assert version(store) == before
    change(
        store, "UPDATE terminals SET time_zone = 'Europe/Oslo' WHERE company_id = :c", c=company.id
    )
    assert version(store) != before


def test_a_warm_single_punch_reads_no_register(backend, app, company, api, settings):
    """Statements of one punch once the copy is warm (SQLite, whose driver can trace them):
    the version read once (for the token and the references), then only the write."""
    if backend != "sqlite":
        pytest.skip("statements are traced through SQLite's driver")
    statements: list[str] = []
    server_store = app.state.store
    assert api.post([entry(time_stamp=f"{DAY}T07:00:00Z")]).status_code == 200

    def trace(conn: sqlite3.Connection) -> None:
        conn.set_trace_callback(statements.append)

    for record in list(server_store.engine.pool._pool.queue):  # type: ignore[attr-defined]
        trace(record.dbapi_connection)
    assert api.post([entry(time_stamp=f"{DAY}T08:00:00Z")]).status_code == 200
    reads = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert not [s for s in reads if "FROM employees" in s or "FROM terminals" in s], reads
    assert not [s for s in reads if "FROM tokens" in s or "JOIN tokens" in s], reads
    assert sum("register_version" in s for s in reads) == 1
    # One read transaction (the version), one write; no empty transaction for the
    # references the copy held.
    assert [s for s in statements if s.startswith("BEGIN")] == ["BEGIN DEFERRED", "BEGIN IMMEDIATE"]


def test_every_register_trigger_exists_after_the_migrations(store):
    """A later migration that rebuilds a watched table (SQLite's batch mode copies it) would
    drop its triggers silently, and the copies would then outlive changes: this fails first."""
    path = Path(migrate.MIGRATIONS, "versions", "0018_register_version.py")
    spec = importlib.util.spec_from_file_location("register_version_migration", path)
    assert spec and spec.loader
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    expected = {
        f"register_version_{table}_{operation.lower()}"
        for table, (operations, _columns) in migration.WATCHED.items()
        for operation in operations
    }
    query = (
        "SELECT name FROM sqlite_master WHERE type = 'trigger'"
        if store.dialect == "sqlite"
        else "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal"
    )
    with store.read() as conn:
        present = {row[0] for row in conn.execute(text(query))}
    assert expected <= present, sorted(expected - present)
