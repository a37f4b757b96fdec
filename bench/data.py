"""Realistic punch data for a benchmark company: thousands of employees, 4 punches a day."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from stampla.service import masterdata as md
from stampla.store import migrate
from stampla.store.engine import Store

PASSWORD = "bench-password"
TERMINAL = 7255
# A working day: in, out for lunch, back in, out; local time, Stockholm summer (+02:00).
DAY_SHAPE = (("08:02", "In", False), ("12:01", "Out", True), ("12:43", "In", True),
             ("17:05", "Out", False))  # fmt: skip


@dataclass(frozen=True)
class BenchCompany:
    id: int
    company_api_key: str
    connect_api_key: str
    user_name: str
    employees: int

    def keys(self) -> dict[str, str]:
        return {"companyApiKey": self.company_api_key, "connectApiKey": self.connect_api_key}


def create_company(url: str, employees: int) -> BenchCompany:
    """Migrate the database and create a company with ``employees`` staff and one terminal."""
    store = Store(url)
    migrate.upgrade(store.engine)
    now = datetime.now(UTC)
    company = md.create_company(store, f"Bench {uuid.uuid4().hex[:8]}", now)
    with store.write() as conn:
        integration = md.put_integration(conn, company.id, "bench", now)
        md.put_api_user(conn, company.id, "bench", PASSWORD, now)
        md.put_terminal(conn, company.id, md.TerminalSpec(TERMINAL, "Entrance"), now)
        for n in range(employees):
            md.put_employee(
                conn, company.id, md.EmployeeSpec(f"{100000 + n}", "Bench", f"{n}"), now
            )
    store.dispose()
    return BenchCompany(
        company.id, company.api_key, integration.connect_api_key, "bench", employees
    )


def punch_stream(employees: int, first_day: date) -> Iterator[dict]:
    """Punches day by day; each slot of a day for all employees before the next slot.

    A batch of 1,000 consecutive punches thus touches 1,000 different employees, as a busy
    site's terminals produce at shift change.
    """
    day = first_day
    while True:
        for clock, kind, is_break in DAY_SHAPE:
            stamp = f"{day.isoformat()}T{clock}:00+02:00"
            for n in range(employees):
                yield {
                    "EmployeeNr": f"{100000 + n}",
                    "TimeStamp": stamp,
                    "TimeStampEntryType": kind,
                    "IsBreak": is_break,
                    "TimeTerminalId": TERMINAL,
                }
        day += timedelta(days=1)


def bodies(stream: Iterator[dict], batch: int, count: int) -> list[bytes]:
    """``count`` request bodies of ``batch`` entries each, ready to send."""
    return [json.dumps([next(stream) for _ in range(batch)]).encode() for _ in range(count)]
