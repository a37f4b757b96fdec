"""The demo company's schedules: seeded with it, and what AttestTime plans its week with."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient

from stampla.app import create_app
from stampla.service import demo
from stampla.settings import Settings
from stampla.store import migrate
from stampla.store.engine import Store

#: A Wednesday: the seeding week is Monday 2025-06-09 to Sunday 2025-06-15.
SEEDED = datetime(2025, 6, 11, 9, 0, tzinfo=UTC)


@pytest.fixture
def demo_week(fresh_database_url, clock) -> dict[str, list[dict]]:
    """The demo's day rows of the seeding week (empty days too), by employee."""
    clock.now = SEEDED
    store = Store(fresh_database_url)
    migrate.upgrade(store.engine)
    demo.seed_demo(store, clock())
    store.dispose()
    settings = Settings(database_url=fresh_database_url, login_failure_delay_seconds=0)
    keys = {"companyApiKey": demo.COMPANY_API_KEY, "connectApiKey": demo.CONNECT_API_KEY}
    with TestClient(create_app(settings, clock=clock)) as client:
        login = {"UserName": demo.USER_NAME, "Password": demo.PASSWORD}
        token = client.post("/Login/Token", params=keys, json=login).json()["token"]
        query = {**keys, "token": token, "dateFrom": "2025-06-09", "dateTo": "2025-06-15"}
        response = client.get("/Personell/Time/AttestTime", params={**query, "includeEmpty": True})
    assert response.status_code == 200, response.text
    found: dict[str, list[dict]] = defaultdict(list)
    for row in response.json():
        found[row["employeeNr"]].append(row)
    return found


def hours(rows: list[dict]) -> str:
    seconds = sum(row["scheduledSeconds"] for row in rows)
    return f"{seconds // 3600}:{seconds % 3600 // 60:02d}"


def test_every_demo_employee_follows_a_schedule(demo_week):
    assert len(demo_week) == len(demo.EMPLOYEES)
    for nr, rows in demo_week.items():
        assert len(rows) == 7, nr
        assert any(row["scheduledShifts"] for row in rows), nr
        # Scheduled everywhere: inside and outside are known (0 without punches).
        assert all(row["workInsideScheduleSeconds"] == 0 for row in rows), nr


def test_the_demo_weeks_are_the_issues(demo_week):
    weekly = {nr: hours(rows) for nr, rows in demo_week.items()}
    assert weekly["3006"] == "38:15"  # Fabian Gustavsson, Monday to Friday
    assert [len(row["scheduledShifts"]) for row in demo_week["3006"]] == [1, 1, 1, 1, 1, 0, 0]
    monday = demo_week["3006"][0]["scheduledShifts"][0]
    assert (monday["start"], monday["stop"]) == ("2025-06-09T05:30:00Z", "2025-06-09T14:15:00Z")
    assert weekly["EMP1001"] == "40:00" and weekly["3015"] == "25:00"
    # The night worker: 22:00-06:00, belonging to the night's first date.
    night = demo_week["3015"][0]["scheduledShifts"][0]
    assert (night["start"], night["stop"]) == ("2025-06-09T20:00:00Z", "2025-06-10T04:00:00Z")
    # The evening and weekend worker: Friday evening, Saturday and Sunday, at Butik 14.
    shop = [len(row["scheduledShifts"]) for row in demo_week["3014"]]
    assert shop == [0, 0, 0, 0, 1, 1, 1]
    assert demo_week["3014"][5]["scheduledShifts"][0]["accountNr"] == "14"
    # Part-timers on two to four weekday shifts.
    for nr in ("3002", "3003", "3004", "3005", "3018", "3022", "3023", "3024"):
        weekdays = [bool(row["scheduledShifts"]) for row in demo_week[nr][:5]]
        assert 2 <= sum(weekdays) <= 4, nr
    # Overrides of the seeding week: Tilde's swapped Wednesday, Jacob's extra Saturday.
    wednesday = demo_week["3003"][2]["scheduledShifts"][0]
    assert wednesday["start"] == "2025-06-11T10:00:00Z"
    assert demo_week["3002"][5]["scheduledShifts"][0]["timeCode"] == "Tillägg inventering"
    assert weekly["3002"] == "14:00"
