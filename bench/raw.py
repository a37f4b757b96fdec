"""The database alone: the same punch rows into the same schema, without Stampla around it."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select

from stampla.domain.localtime import local_date
from stampla.store import bulk
from stampla.store.engine import Store
from stampla.store.ids import allocate_ids
from stampla.store.references import employees_by_nr, terminals_by_number
from stampla.store.tables import api_users, ingest_batches, integrations

from .data import TERMINAL, BenchCompany

ZONE = ZoneInfo("Europe/Stockholm")


def rows_for(
    store: Store, company: BenchCompany, punches: list[dict], batch_id: int
) -> list[tuple]:
    """Punch rows exactly as the ingest would write them."""
    with store.read() as conn:
        employees = employees_by_nr(conn, company.id, {p["EmployeeNr"] for p in punches})
        terminal = terminals_by_number(conn, company.id, {TERMINAL})[TERMINAL]
    now = datetime.now(UTC)
    rows = []
    for n, punch in enumerate(punches, start=1):
        instant = datetime.fromisoformat(punch["TimeStamp"]).astimezone(UTC)
        rows.append((company.id, 10_000_000 + n, employees[punch["EmployeeNr"]].id, instant,
                     local_date(instant, ZONE), 1 if punch["TimeStampEntryType"] == "In" else 2,
                     punch["IsBreak"], terminal.id, None, punch["EmployeeNr"], None,
                     punch["TimeStamp"], TERMINAL, None, None, None, None, batch_id, now))  # fmt: skip
    return rows


def raw_insert_rate(store: Store, company: BenchCompany, punches: list[dict]) -> float:
    """Rows/s for SQLite executemany / PostgreSQL COPY, one transaction per 1,000 rows."""
    with store.write() as conn:
        (batch_id,) = allocate_ids(conn, ingest_batches, company.id, 1)
        integration_id = conn.execute(
            select(integrations.c.id).where(integrations.c.company_id == company.id)
        ).scalar_one()
        user_id = conn.execute(
            select(api_users.c.id).where(api_users.c.company_id == company.id)
        ).scalar_one()
        conn.execute(ingest_batches.insert().values(
            company_id=company.id, id=batch_id, received_at=datetime.now(UTC),
            integration_id=integration_id, user_id=user_id, route="raw", all_or_none=True,
            replace_days=False,
            entry_count=0, saved_count=0, duplicate_count=0, rejected_count=0,
            superseded_count=0))  # fmt: skip
    rows = rows_for(store, company, punches, batch_id)
    prepared = bulk.sqlite_rows(rows) if store.dialect == "sqlite" else rows
    started = time.perf_counter()
    for offset in range(0, len(prepared), 1000):
        chunk = prepared[offset : offset + 1000]
        with store.write() as conn:
            if store.dialect == "sqlite":
                _executemany(conn, chunk)
            else:
                bulk._copy_rows(conn, chunk)
    return len(rows) / (time.perf_counter() - started)


def _executemany(conn, rows: list[tuple]) -> None:  # noqa: ANN001
    columns = ", ".join(bulk.INSERT_COLUMNS)
    marks = ", ".join("?" for _ in bulk.INSERT_COLUMNS)
    cursor = conn.connection.driver_connection.cursor()
    cursor.executemany(f"INSERT INTO punches ({columns}) VALUES ({marks})", rows)
    cursor.close()
