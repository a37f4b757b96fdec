"""Realistic punch data for a benchmark company: thousands of employees, 4 punches a day.

Two entry shapes: the bare five fields a terminal must send, and the seed's full entry
(external code, account with its SIE dimension, ``Accounts[]``, ``TimeScheduleTypes[]``), as
SoftOne GO's example posts it. The company holds everything the full entry refers to.
"""

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
DAY_SHAPE = (
    ("08:02", "In", False),
    ("12:01", "Out", True),
    ("12:43", "In", True),
    ("17:05", "Out", False),
)
#: What the full entry refers to: account 4001 in SIE dimensions 2 and 3 (coding levels of
#: their own, as in the demo company), and the time code DayShift.
ACCOUNT = "4001"
SIE_DIMENSIONS = ((6, "Kostnadsbärare", 2), (7, "Aktivitet", 3))
TIME_CODE = "DayShift"
SHAPES = ("full", "bare")


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
        for number, name, dimension in SIE_DIMENSIONS:
            md.put_coding_level(conn, company.id, md.CodingLevelSpec(number, name, dimension), now)
            md.put_account(conn, company.id, md.AccountSpec(number, ACCOUNT, name), now)
        md.put_time_code(conn, company.id, md.TimeCodeSpec(TIME_CODE, "Dagskift"), now)
        for n in range(employees):
            nr = f"{100000 + n}"
            spec = md.EmployeeSpec(nr, "Bench", f"{n}", external_code=external_code(nr))
            md.put_employee(conn, company.id, spec, now)
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


def external_code(employee_nr: str) -> str:
    return f"EXT-{employee_nr}"


def full_entry(punch: dict) -> dict:
    """The bare punch with everything else the seed's example entry carries."""
    return {
        **punch,
        "EmployeeExternalCode": external_code(punch["EmployeeNr"]),
        "AccountNr": ACCOUNT,
        "SieAccountDim": SIE_DIMENSIONS[0][2],
        "Accounts": [{"AccountNr": ACCOUNT, "SieAccountDim": SIE_DIMENSIONS[1][2]}],
        "TimeScheduleTypes": [{"TimeScheduleTypeCode": TIME_CODE}],
    }


def bodies(stream: Iterator[dict], batch: int, count: int, shape: str = "bare") -> list[bytes]:
    """``count`` request bodies of ``batch`` entries each (``shape`` full or bare)."""
    make = full_entry if shape == "full" else dict
    return [json.dumps([make(next(stream)) for _ in range(batch)]).encode() for _ in range(count)]
