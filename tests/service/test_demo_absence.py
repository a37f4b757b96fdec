"""The demo company's absence and dated terms: seeded with it, and on its day rows."""

from __future__ import annotations

from collections import defaultdict

import pytest
from fastapi.testclient import TestClient

from stampla.app import create_app
from stampla.service import demo
from stampla.service.masterdata import terms
from stampla.settings import Settings
from stampla.store import masterdata as store_md
from stampla.store import migrate
from stampla.store.engine import Store
from stampla.store.tables import employees, time_codes

from .test_demo_schedules import SEEDED  # a Wednesday: the seeding week begins 2025-06-09

HOUR = 3600


@pytest.fixture
def demo_store(fresh_database_url, clock):
    clock.now = SEEDED
    store = Store(fresh_database_url)
    migrate.upgrade(store.engine)
    demo.seed_demo(store, clock())
    yield store
    store.dispose()


def week_before(url: str, clock) -> dict[str, dict[str, dict]]:
    """Day rows of 2025-06-02..08 (the week before the seeding week), by employee and date."""
    settings = Settings(database_url=url, login_failure_delay_seconds=0)
    keys = {"companyApiKey": demo.COMPANY_API_KEY, "connectApiKey": demo.CONNECT_API_KEY}
    with TestClient(create_app(settings, clock=clock)) as client:
        login = {"UserName": demo.USER_NAME, "Password": demo.PASSWORD}
        token = client.post("/Login/Token", params=keys, json=login).json()["token"]
        query = {**keys, "token": token, "dateFrom": "2025-06-02", "dateTo": "2025-06-08"}
        response = client.get("/Personell/Time/AttestTime", params={**query, "includeEmpty": True})
    assert response.status_code == 200, response.text
    found: dict[str, dict[str, dict]] = defaultdict(dict)
    for row in response.json():
        found[row["employeeNr"]][row["date"]] = row
    return found


def test_the_demo_absences_are_on_the_day_rows(demo_store, fresh_database_url, clock):
    rows = week_before(fresh_database_url, clock)
    # Beatrice Sandberg (Deltid 20:00, 5:00 a day) is sick Tuesday and Wednesday.
    sick = [rows["3024"][day]["absence"] for day in ("2025-06-03", "2025-06-04")]
    assert sick == [[{"code": "Sjuk", "seconds": 5 * HOUR}]] * 2
    assert rows["3024"]["2025-06-04"]["differenceSeconds"] == 0
    # Lovisa Emiliasdotter: VAB half of her Wednesday.
    assert rows["3022"]["2025-06-04"]["absence"] == [{"code": "VAB", "seconds": 9000}]
    # Tilde Lindström: the dentist 08:00-12:00 of her 08:00-16:00 Thursday.
    assert rows["3003"]["2025-06-05"]["absence"] == [{"code": "Sjuk", "seconds": 4 * HOUR}]


def test_the_demo_has_absence_codes_a_dated_term_and_a_fixed_term(demo_store, clock):
    with demo_store.read() as conn:
        company = store_md.find_company_id(conn, name=demo.COMPANY_NAME)
        codes = store_md.select_rows(
            conn, time_codes, company, time_codes.c.kind == "absence", order_by=["code"]
        )
        sara = store_md.find_row(conn, employees, company, employee_nr="3023")
    assert {row.code for row in codes} == {"Sjuk", "VAB", "Semester", "Tjänstledig", "Kompledig"}
    assert (str(sara.hire_date), str(sara.end_date)) == ("2025-05-12", "2025-08-31")
    found = terms.list_terms(demo_store, company, "3022", clock())
    assert [(t.valid_from.isoformat(), t.weekly_hours) for t in found] == [
        ("1900-01-01", "20:00"),
        ("2025-05-26", "25:00"),
    ]
