"""The registers, read-only: employees, coding levels and accounts, terminals, time codes."""

from __future__ import annotations

import re

import pytest

from stampla.service import masterdata as md
from tests.web.conftest import alert, text


def table_rows(html: str) -> list[str]:
    (body,) = re.findall(r'<table class="register">.*?<tbody>(.*?)</tbody>', html, re.S)
    return [text(row) for row in re.findall(r"<tr[^>]*>(.*?)</tr>", body, re.S)]


def inactive_rows(html: str) -> list[str]:
    return [text(row) for row in re.findall(r'<tr class="inactive">(.*?)</tr>', html, re.S)]


@pytest.fixture
def some_inactive(store, company, clock):
    md.set_employee_active(store, company.id, "3015", False, clock())
    md.set_terminal_active(store, company.id, 9, False, clock())
    md.set_account_active(store, company.id, "1000", False, clock(), level=3)
    md.set_time_code_active(store, company.id, "OB 50%", False, clock())


def test_employees(web, some_inactive):
    page = web.get("/web/employees").text
    assert table_rows(page) == [
        "3002 Jacob Ahmedsdotter Timavlönad Permanent Position 52.29 20:00 Yes Week",
        "3014 Douglas Jensberg 673330 Timavlönad Permanent Position 52.29 20:00 Yes Week",
        "3015 Emil Elviraur Timavlönad Permanent Position 52.29 20:00 Inactive Week",
    ]
    assert [row.split()[0] for row in inactive_rows(page)] == ["3015"]
    assert "stampla employee … or the admin API, /Admin/Employees" in text(page)


def test_employees_search_by_number_name_or_code(web):
    for search, found in (
        ("jens", ["3014"]),
        ("673330", ["3014"]),
        ("30", ["3002", "3014", "3015"]),
    ):
        page = web.get("/web/employees", params={"search": search}).text
        assert [row.split()[0] for row in table_rows(page)] == found
        assert f'value="{search}"' in page
    assert "No employees match “nobody”." in text(web.get("/web/employees?search=nobody").text)


def test_the_search_box_searches_as_one_types(web):
    page = web.get("/web/employees").text
    assert 'hx-trigger="input changed delay:300ms, search"' in page
    assert 'hx-select="#results"' in page and '<label for="search">Search</label>' in page


def test_employees_come_a_page_at_a_time(web, store, company, clock, monkeypatch):
    monkeypatch.setattr("stampla.web.routes.registers.PAGE", 2)
    first = web.get("/web/employees").text
    assert [row.split()[0] for row in table_rows(first)] == ["3002", "3014"]
    assert 'href="/web/employees?search=&amp;offset=2" rel="next"' in first
    second = web.get("/web/employees?offset=2").text
    assert [row.split()[0] for row in table_rows(second)] == ["3015"]
    assert 'rel="next"' not in second and 'rel="prev"' in second


def test_the_caption_counts_all_employees_not_only_the_page(web, monkeypatch):
    monkeypatch.setattr("stampla.web.routes.registers.PAGE", 2)
    assert "<caption>Employees 1–2 of 3</caption>" in web.get("/web/employees").text
    assert "<caption>Employees 3–3 of 3</caption>" in web.get("/web/employees?offset=2").text
    searched = web.get("/web/employees?search=30").text
    assert "Employees 1–2 of 3 matching “30”" in searched
    assert (
        "<caption>1 employee matching “jacob”</caption>"
        in web.get("/web/employees?search=jacob").text
    )


def test_a_bad_offset_is_a_4xx_page(web):
    response = web.get("/web/employees?offset=many")
    assert response.status_code == 400
    assert "offset" in alert(response.text)


def test_coding_levels_and_their_accounts(web, some_inactive):
    levels = web.get("/web/coding-levels").text
    assert table_rows(levels) == ["2 Avdelning 50 2", "3 Region 30 2", "5 Koncern 1"]
    assert 'href="/web/coding-levels/3"' in levels
    region = web.get("/web/coding-levels/3").text
    assert "Coding level 3: Region (SIE 30)" in text(region)
    assert table_rows(region) == ["1000 Stockholm Inactive", "4001 Inventering Yes"]
    assert inactive_rows(region) == ["1000 Stockholm Inactive"]
    found = web.get("/web/coding-levels/3", params={"search": "invent"}).text
    assert table_rows(found) == ["4001 Inventering Yes"]
    assert "1 of 2 accounts" in text(found)


def test_an_unknown_coding_level_is_a_404_page_and_a_bad_one_a_400(web):
    response = web.get("/web/coding-levels/99")
    assert response.status_code == 404
    assert "Coding level 99 does not exist" in alert(response.text)
    assert web.get("/web/coding-levels/x").status_code == 400


def test_terminals(web, some_inactive):
    page = web.get("/web/terminals").text
    assert table_rows(page) == [
        "1 App Application the company's Yes",
        "9 Helsinki Attendance terminal Europe/Helsinki Inactive",
        "7255 14 Attendance terminal the company's Yes",
    ]
    assert "/Admin/Terminals" in page


def test_time_codes(web, some_inactive):
    page = web.get("/web/time-codes").text
    assert table_rows(page) == [
        "DayShift Dagskift Attendance Dagskift Yes",
        "OB 50% OB 50% Attendance OB 50% Inactive",
    ]
    found = web.get("/web/time-codes", params={"search": "dag"}).text
    assert [row.split()[0] for row in table_rows(found)] == ["DayShift"]


def test_the_navigation_marks_the_current_page(web):
    page = web.get("/web/terminals").text
    assert '<a href="/web/terminals" aria-current="page">Terminals</a>' in page
    assert '<a href="/web/attest">Attest time</a>' in page


def test_an_unknown_page_is_a_404_page(web):
    response = web.get("/web/no-such-page")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "There is no page at /web/no-such-page." in alert(response.text)


def test_pages_forbid_framing_and_caching_static_files_may_be_cached(web, client):
    for response in (web.get("/web/terminals"), client.get("/web/sign-in")):
        assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
        assert response.headers["cache-control"] == "no-store"
    style = client.get("/web/static/style.css")
    assert style.status_code == 200 and "cache-control" not in style.headers
    assert style.headers["content-type"].startswith("text/css")
