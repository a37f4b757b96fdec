"""Paged reads: every punch exactly once while punches are posted between pages, attest
rows a whole employee at a time, and unpaged reads bounded with a 400 that says how to page.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from stampla.app import create_app
from stampla.settings import Settings
from tests.factories import ENTRY_PATH, ApiSession, entry

LIMIT = 20
ATTEST = "/Personell/Time/AttestTime"
EMPLOYEES = ("3002", "3014", "3015")


@pytest.fixture
def paged(database_url, clock, company) -> Iterator[ApiSession]:
    settings = Settings(
        database_url=database_url,
        login_failure_delay_seconds=0,
        max_unpaged_rows=LIMIT,
        max_page_size=50,
    )
    with TestClient(create_app(settings, clock=clock)) as client:
        yield ApiSession.login(client, company)


def punches(day: str, count: int, employees=EMPLOYEES, start: int = 0) -> list[dict]:
    """``count`` punches per employee on ``day``, a minute apart from ``start``."""
    return [
        entry(
            nr,
            f"{day}T{8 + (start + i) // 60:02}:{(start + i) % 60:02}:00Z",
            "In" if i % 2 == 0 else "Out",
        )
        for nr in employees
        for i in range(count)
    ]


def saved_ids(response) -> list[int]:
    assert response.status_code == 200, response.text
    results = response.json()["results"]
    return [result["timeStampEntryId"] for result in results if result["status"] == "Saved"]


def pages(session: ApiSession, path: str, size: int, between=None, **params) -> list[list[dict]]:
    """Every page of a read, calling ``between(n)`` after page n."""
    found, cursor = [], None
    while True:
        more = {"pageSize": size, **({"cursor": cursor} if cursor else {})}
        response = session.client.get(path, params=session.params(**params, **more))
        assert response.status_code == 200, response.text
        found.append(response.json())
        cursor = response.headers.get("X-Next-Cursor")
        if cursor is None:
            return found
        if between is not None:
            between(len(found))
        assert len(found) < 100, "paging does not end"


def test_every_punch_once_while_punches_arrive_between_pages(paged) -> None:
    day = "2025-06-12"
    before = saved_ids(paged.post(punches(day, 10)))
    assert len(before) == 30
    arrived: list[int] = []

    def post_more(page: int) -> None:
        # One punch that sorts before every page so far, one after them.
        early = entry("3002", f"{day}T06:{page:02}:00Z")
        late = entry("3015", f"{day}T18:{page:02}:00Z")
        arrived.extend(saved_ids(paged.post([early, late])))

    answered = [
        row["timeStampEntryId"]
        for page in pages(paged, ENTRY_PATH, 7, post_more, dateFrom=day, dateTo=day)
        for row in page
    ]
    assert len(answered) == len(set(answered)), "a punch answered twice"
    assert set(before) <= set(answered), "a punch that was there was skipped"
    assert set(answered) <= set(before) | set(arrived)
    # The pages follow the unpaged order.
    unpaged = [row for nr in EMPLOYEES for row in paged.stored(day, employeeNrsString=nr)]
    order = [row["timeStampEntryId"] for row in unpaged]
    assert [i for i in answered if i in before] == [i for i in order if i in before]


def test_pages_hold_at_most_their_size_and_the_last_has_no_cursor(paged) -> None:
    day = "2025-06-13"
    paged.post(punches(day, 4))
    found = pages(paged, ENTRY_PATH, 5, dateFrom=day, dateTo=day)
    assert [len(page) for page in found] == [5, 5, 2]


def test_superseded_punches_page_as_they_read(paged) -> None:
    day = "2025-06-16"
    paged.post(punches(day, 4))
    paged.post(punches(day, 2, start=30), replaceDays="true")
    unpaged = paged.client.get(
        ENTRY_PATH, params=paged.params(dateFrom=day, dateTo=day, includeSuperseded="true")
    ).json()
    found = pages(paged, ENTRY_PATH, 4, dateFrom=day, dateTo=day, includeSuperseded="true")
    assert [row for page in found for row in page] == unpaged
    assert any(row.get("superseded") for row in unpaged)


def test_an_unpaged_read_above_the_limit_says_how_to_page(paged) -> None:
    day = "2025-06-17"
    paged.post(punches(day, 7))  # 21 punches, one more than the limit
    refused = paged.get(day)
    assert refused.status_code == 400
    body = refused.json()
    assert "pageSize" in body["errorMessage"] and "X-Next-Cursor" in body["errorMessage"]
    assert body["errors"][0]["field"] == "pageSize"
    # Within the limit, a client that knows nothing of paging reads as before.
    assert len(paged.stored(day, employeeNrsString="3002,3014")) == 14


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"pageSize": 0}, "pageSize"),
        ({"pageSize": 51}, "pageSize"),
        ({"cursor": "abc"}, "pageSize"),
        ({"pageSize": 5, "cursor": "not a cursor!"}, "cursor"),
    ],
)
def test_bad_paging_parameters_are_a_400_naming_them(paged, params, field) -> None:
    response = paged.client.get(
        ENTRY_PATH, params=paged.params(dateFrom="2025-06-12", dateTo="2025-06-12", **params)
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == field


def test_a_cursor_is_for_its_own_query(paged) -> None:
    day = "2025-06-18"
    paged.post(punches(day, 4))
    first = paged.client.get(ENTRY_PATH, params=paged.params(dateFrom=day, dateTo=day, pageSize=3))
    cursor = first.headers["X-Next-Cursor"]
    other = paged.client.get(
        ENTRY_PATH,
        params=paged.params(
            dateFrom=day, dateTo=day, pageSize=3, cursor=cursor, includeSuperseded="true"
        ),
    )
    assert other.status_code == 400
    assert other.json()["errors"][0]["field"] == "cursor"


def test_attest_pages_hold_whole_employees(paged) -> None:
    week = {"dateFrom": "2025-06-09", "dateTo": "2025-06-15", "includeEmpty": "true"}
    paged.post(punches("2025-06-10", 2) + punches("2025-06-11", 2))
    # 3 employees x 7 days = 21 rows: one more than an unpaged answer may hold.
    refused = paged.client.get(ATTEST, params=paged.params(**week))
    assert refused.status_code == 400
    assert refused.json()["errors"][0]["field"] == "pageSize"
    (whole,) = pages(paged, ATTEST, 50, **week)
    assert len(whole) == 21
    by_two = pages(paged, ATTEST, 14, **week)  # two employees' weeks per page
    assert [len(page) for page in by_two] == [14, 7]
    assert [row for page in by_two for row in page] == whole
    by_one = pages(paged, ATTEST, 3, **week)  # less than a week: still one employee
    assert [len(page) for page in by_one] == [7, 7, 7]
    assert {row["employeeNr"] for row in by_one[0]} == {whole[0]["employeeNr"]}


def test_attest_without_empty_days_counts_the_days_with_punches(paged) -> None:
    week = {"dateFrom": "2025-06-09", "dateTo": "2025-06-15"}
    rows = paged.client.get(ATTEST, params=paged.params(**week))
    assert rows.status_code == 200
    assert len(rows.json()) <= LIMIT
