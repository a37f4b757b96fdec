"""Fixtures for the client: the real application in-process, a company, punches to send.

The client talks to the application through Starlette's TestClient transport (an httpx2
transport that runs the ASGI app in this process), wrapped in a Gate that can play a rate
limiter or a dying connection. Sleeping is recorded, not done, so retries cost no time.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from stampla.client import Client, Outbox
from stampla.wire import TimeStampEntry
from tests.factories import TestCompany

from .gate import Gate

EMPLOYEES = ("3002", "3014", "3015")
DAY = date(2025, 3, 3)
PunchKey = tuple[str, datetime, str, bool, int]


def punches(count: int, *, start: datetime | None = None, terminal: int = 7255) -> list:
    """``count`` distinct punches of the three employees, one minute apart, on DAY."""
    first = start or datetime(2025, 3, 3, 5, 0, tzinfo=UTC)
    made = []
    for i in range(count):
        minute = i // len(EMPLOYEES)
        made.append(
            TimeStampEntry(
                EmployeeNr=EMPLOYEES[i % len(EMPLOYEES)],
                TimeStamp=(first + timedelta(minutes=minute)).strftime("%Y-%m-%dT%H:%M:%SZ"),
                TimeStampEntryType="In" if minute % 2 == 0 else "Out",
                TimeTerminalId=terminal,
            )
        )
    return made


def key_of(entry: TimeStampEntry) -> PunchKey:
    instant = entry.time_stamp.value.astimezone(UTC)
    kind = entry.time_stamp_entry_type.wire_name
    return (entry.employee_nr, instant, kind, entry.is_break, entry.time_terminal_id)


def stored(client: Client, first: date = DAY, last: date | None = None) -> Counter[PunchKey]:
    """How often each punch is stored on the server, read back through the API."""
    return Counter(
        (e.employee_nr, e.time_stamp, e.time_stamp_entry_type, e.is_break, e.time_terminal_id)
        for e in client.get_entries(first, last)
    )


def assert_stored_exactly_once(client: Client, sent: Sequence[TimeStampEntry]) -> None:
    on_server = stored(client)
    expected = Counter(key_of(entry) for entry in sent)
    assert on_server == expected, {
        "missing": expected - on_server,
        "extra": on_server - expected,
    }


@pytest.fixture
def gate(app) -> Gate:
    return Gate(app)


@pytest.fixture
def http(gate: Gate) -> Iterator[TestClient]:
    with TestClient(gate) as test_client:
        yield test_client


@pytest.fixture
def sleeps() -> list[float]:
    """Every pause the client asked for, instead of pausing."""
    return []


@pytest.fixture
def make_client(
    http: TestClient, company: TestCompany, sleeps: list[float]
) -> Iterator[Callable[..., Client]]:
    """Clients for ``company`` over the in-process transport; options go to Client."""
    made: list[Client] = []
    # TestClient keeps its transport private; it is the only sync transport that runs an
    # ASGI app, so the client is handed that very object.
    transport = http._transport

    def make(**options: Any) -> Client:
        options.setdefault("sleep", sleeps.append)
        client = Client(
            "http://testserver",
            company.company_api_key,
            company.connect_api_key,
            company.user_name,
            company.password,
            transport=transport,
            **options,
        )
        made.append(client)
        return client

    yield make
    for client in made:
        client.close()


@pytest.fixture
def outbox(tmp_path: Path) -> Iterator[Outbox]:
    with Outbox(tmp_path / "outbox.db") as box:
        yield box
