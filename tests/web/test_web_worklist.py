"""The attest page as a work list: filters that combine (and stay in the links), totals that
are the rows' sums, the staff user's scope under every filter, and Swedish formats.

June 2025, the clock on Friday the 13th. 3002 works on department 100 (level 2), 3014 on
4001 of level 2 (a problem day) and 4001 of level 3, Åsa Öberg (Ärende-7) on no account;
3002's Tuesday is attested.
"""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from stampla.service import masterdata as md
from stampla.service import staff
from stampla.service.roles import Role, StaffScope
from tests.attest.conftest import saved
from tests.factories import entry
from tests.web.conftest import alert, csrf_of, rows, sign_in, text
from tests.web.test_web_attest import lunch_day

MONTH = {"month": "2025-06"}


@pytest.fixture
def june(friday, api, store, company, web):
    given = {"employee_nr": "Ärende-7", "first_name": "Åsa", "last_name": "Öberg"}
    md.add_employee(store, company.id, given, friday())
    saved(api.post(lunch_day("3002", "2025-06-12")))
    saved(
        api.post(
            [
                entry("3002", "2025-06-10T08:00:00", AccountNr="100", SieAccountDim=50),
                entry("3002", "2025-06-10T12:00:00", "Out"),
                # Two Ins: a problem day; 09:00-17:00 counts, on 4001 of level 2.
                entry("3014", "2025-06-11T08:00:00"),
                entry("3014", "2025-06-11T09:00:00", AccountNr="4001", SieAccountDim=50),
                entry("3014", "2025-06-11T17:00:00", "Out"),
                entry("3014", "2025-06-13T07:00:00", AccountNr="4001", SieAccountDim=30),
                entry("3014", "2025-06-13T09:00:00", "Out"),
                entry("ärende-7", "2025-06-12T10:00:00"),
                entry("ärende-7", "2025-06-12T15:00:00", "Out"),
            ]
        )
    )
    page = web.get("/web/attest", params=MONTH).text
    form = {"csrf": csrf_of(page), "employees": "3002", "dateFrom": "2025-06-10",
            "dateTo": "2025-06-10", "toState": "Attested", "confirm": "1"}  # fmt: skip
    done = web.post("/web/attest/transition", data=form)
    assert "1 day moved to Attested" in text(done.text), text(done.text)


def shown(html: str) -> set[tuple[str, str]]:
    """(Employee ID, date) of every day row on the page."""
    found = set()
    for body in re.findall(r'<tbody class="employee">(.*?)</tbody>', html, flags=re.S):
        head = text(re.search(r'<tr class="employee-head">(.*?)</tr>', body, re.S)[1])
        for day in re.findall(r'<tr class="day[^"]*"[^>]*>(.*?)</tr>', body, flags=re.S):
            found.add((head.split()[0], text(day).split()[1]))
    return found


ALL = {
    ("3002", "2025-06-10"),
    ("3002", "2025-06-12"),
    ("3014", "2025-06-11"),
    ("3014", "2025-06-13"),
    ("Ärende-7", "2025-06-12"),
}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ALL),
        ({"only": "check"}, {("3014", "2025-06-11")}),
        ({"only": "unattested"}, ALL - {("3002", "2025-06-10")}),
        ({"only": ["check", "unattested"]}, {("3014", "2025-06-11")}),
        ({"search": "åsa"}, {("Ärende-7", "2025-06-12")}),
        ({"search": "ÖBERG"}, {("Ärende-7", "2025-06-12")}),
        ({"search": "ÄRENDE"}, {("Ärende-7", "2025-06-12")}),
        ({"search": "jens"}, {("3014", "2025-06-11"), ("3014", "2025-06-13")}),
        ({"account": "4001"}, {("3014", "2025-06-11"), ("3014", "2025-06-13")}),
        ({"level": "2", "account": "4001"}, {("3014", "2025-06-11")}),
        ({"level": "3", "account": "4001"}, {("3014", "2025-06-13")}),
        ({"account": "100", "only": "unattested"}, {("3002", "2025-06-12")}),
        ({"search": "jacob", "only": "check"}, set()),
        ({"search": "3002", "account": "4001"}, set()),
        ({"employees": "3014", "only": "check"}, {("3014", "2025-06-11")}),
    ],
)
def test_filters_combine(web, june, params, expected):
    page = web.get("/web/attest", params={**MONTH, **params})
    assert page.status_code == 200, page.text
    assert shown(page.text) == expected
    if not expected:
        assert "match the filters" in text(page.text)


def test_filters_survive_month_navigation_and_the_range_form(web, june):
    params = {**MONTH, "only": ["check", "unattested"], "search": "jens", "account": "4001"}
    page = web.get("/web/attest", params=params).text
    kept = "only=check&amp;only=unattested&amp;search=jens&amp;account=4001"
    assert f'href="/web/attest?month=2025-05&amp;{kept}" rel="prev"' in page
    assert f'href="/web/attest?month=2025-07&amp;{kept}" rel="next"' in page
    assert '<input type="hidden" name="search" value="jens">' in page  # the range form
    assert 'name="only" value="check" checked' in page
    assert 'name="only" value="unattested" checked' in page
    ranged = web.get(
        "/web/attest",
        params={**params, "month": "", "dateFrom": "2025-06-11", "dateTo": "2025-06-12"},
    ).text
    assert shown(ranged) == {("3014", "2025-06-11")}
    assert f'href="/web/attest?dateFrom=2025-06-09&amp;dateTo=2025-06-10&amp;{kept}"' in ranged


def minutes(shown: str) -> int:
    sign = -1 if shown.startswith("-") else 1
    hours, mins = shown.lstrip("+-").split(":")
    return sign * (int(hours) * 60 + int(mins))


def cells(row_html: str) -> list[str]:
    return [text(c) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row_html, flags=re.S)]


@pytest.mark.parametrize("params", [{}, {"only": "unattested"}, {"account": "4001"}])
def test_totals_are_the_sums_of_the_rows_shown(web, june, params):
    html = web.get("/web/attest", params={**MONTH, **params}).text
    grand_work = 0
    for body in re.findall(r'<tbody class="employee">(.*?)</tbody>', html, flags=re.S):
        days = [cells(r) for r in re.findall(r'<tr class="day[^"]*"[^>]*>(.*?)</tr>', body, re.S)]
        (total,) = [cells(r) for r in re.findall(r'<tr class="total total">(.*?)</tr>', body, re.S)]
        for column in (2, 3):  # work, break
            assert minutes(total[column]) == sum(minutes(day[column]) for day in days)
        grand_work += minutes(total[2])
        codes = {}
        for day in days:
            for code, amount in re.findall(r"(\w+) (\d+:\d\d)", day[8]):
                codes[code] = codes.get(code, 0) + minutes(amount)
        assert dict(re.findall(r"(\w+) (\d+:\d\d)", total[8])) == {
            code: f"{m // 60}:{m % 60:02d}" for code, m in codes.items()
        }
    (grand,) = [
        cells(r) for r in re.findall(r'<tr class="total grand-total">(.*?)</tr>', html, re.S)
    ]
    assert minutes(grand[2]) == grand_work
    (summary,) = [cells(r) for r in re.findall(r'<tr class="grand-total">(.*?)</tr>', html, re.S)]
    work, decimal = summary[3].split(" (")
    assert minutes(work) == grand_work
    assert decimal == f"{grand_work / 60:.2f})"  # English: a decimal point


def test_all_rows_totals_for_june(web, june):
    html = web.get("/web/attest", params=MONTH).text
    # 3002 4:00 + 8:00, 3014 8:00 + 2:00, Ärende-7 5:00.
    assert rows(html, "grand-total")[0].startswith("All shown 5 days, 1 to check 27:00 0:30")
    assert "DayShift 4:00 (4.00)" in " ".join(rows(html, "grand-total"))


@pytest.fixture
def attestant(app, store, company, clock, june):
    scope = StaffScope("Avdelning", frozenset({"100"}))
    staff.add_staff_user(
        store, company.id, "Nils", "attestant-pw-1234", Role.ATTESTANT, clock(), scope=scope,
        language="en",
    )  # fmt: skip
    with TestClient(app) as browser:
        assert (
            sign_in(browser, company, user_name="nils", password="attestant-pw-1234").status_code
            == 303
        )
        yield browser


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, {("3002", "2025-06-10"), ("3002", "2025-06-12")}),
        ({"only": "unattested"}, {("3002", "2025-06-12")}),
        ({"account": "4001"}, set()),
        ({"search": "jens"}, set()),
        ({"only": "check"}, set()),
        ({"search": "ahmed"}, {("3002", "2025-06-10"), ("3002", "2025-06-12")}),
    ],
)
def test_the_scope_applies_under_every_filter(attestant, params, expected):
    page = attestant.get("/web/attest", params={**MONTH, **params})
    assert page.status_code == 200
    assert shown(page.text) == expected
    assert "Douglas" not in text(page.text) and "Öberg" not in text(page.text)


@pytest.fixture
def swedish(app, store, company, clock, june):
    staff.add_staff_user(store, company.id, "Signe", "svenska-lösen-1", Role.PAYROLL, clock())
    with TestClient(app) as browser:
        assert (
            sign_in(browser, company, user_name="signe", password="svenska-lösen-1").status_code
            == 303
        )
        yield browser


def test_swedish_words_names_and_decimal_comma(swedish):
    html = swedish.get("/web/attest", params=MONTH).text
    words = text(html)
    assert "juni 2025" in words  # the month shown
    assert "tors 2025-06-12" in words
    assert '<span class="code" title="OddNumberOfStamps">Saknar utstämpling</span>' in html
    assert "Endast dagar att kontrollera" in words
    summary = " ".join(rows(html, "grand-total"))
    assert "27:00 (27,00)" in summary and "DayShift 4:00 (4,00)" in summary
    problems = text(swedish.get("/web/attest/problems", params=MONTH).text)
    assert "ons 11 juni" in problems and "Saknar utstämpling" in problems


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"month": "juni"}, "Month: 'juni' is not YYYY-MM"),
        ({"month": "2025-13"}, "Month: '2025-13' is not YYYY-MM"),
        ({"month": "2999-01"}, "Month: must not be after"),
        ({"level": "två", "account": "100"}, "Coding level: 'två' is not a number"),
    ],
)
def test_a_bad_filter_is_a_400_on_the_page(web, friday, params, message):
    response = web.get("/web/attest", params=params)
    assert response.status_code == 400, response.text[:300]
    assert message in alert(response.text)
    assert 'id="month"' in response.text  # the form is there to correct it


@pytest.mark.parametrize("params", [{"search": "Å\x00sa"}, {"account": "10\x000"}])
def test_a_nul_in_a_filter_is_a_400_page(web, friday, params):
    response = web.get("/web/attest", params=params)
    assert response.status_code == 400
    assert "contains the NUL character" in alert(response.text)


def test_an_unknown_only_value_is_ignored(web, june):
    page = web.get("/web/attest", params={**MONTH, "only": "everything"})
    assert page.status_code == 200 and shown(page.text) == ALL
