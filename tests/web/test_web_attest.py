"""Attest time: day rows for a known week of punches, problem days, totals and a day in full."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from stampla.service import masterdata as md
from stampla.service.attest import change_settings
from tests.attest.conftest import saved
from tests.factories import entry
from tests.web.conftest import alert, rows, text


def lunch_day(employee: str, day: str) -> list[dict]:
    """08:00–16:30 with lunch 12:00–12:30: 8:00 of work. The In names an account and a code."""
    return [
        entry(
            employee,
            f"{day}T08:00:00",
            "In",
            AccountNr="100",
            SieAccountDim=50,
            TimeScheduleTypes=[{"TimeScheduleTypeCode": "DayShift"}],
        ),
        entry(employee, f"{day}T12:00:00", "Out", IsBreak=True),
        entry(employee, f"{day}T12:30:00", "In", IsBreak=True),
        entry(employee, f"{day}T16:30:00", "Out"),
    ]


@pytest.fixture
def week(friday, api) -> dict[str, list[int]]:
    """Punches in the week of Monday 2025-06-09 (the clock is on its Friday)."""
    return {
        "lunch": saved(api.post(lunch_day("3002", "2025-06-12"))),
        "morning": saved(
            api.post(
                [entry("3002", "2025-06-10T08:00:00"), entry("3002", "2025-06-10T12:00:00", "Out")]
            )
        ),
        # Two Ins: the first session has no Out (MissingOut), 09:00–17:00 counts.
        "two ins": saved(
            api.post(
                [
                    entry("3014", "2025-06-11T08:00:00"),
                    entry("3014", "2025-06-11T09:00:00"),
                    entry("3014", "2025-06-11T17:00:00", "Out"),
                ]
            )
        ),
    }


def test_the_default_is_the_current_month(web, week):
    page = web.get("/web/attest").text
    assert 'name="month" value="2025-06"' in page
    assert 'name="dateFrom" value="2025-06-01"' in page
    assert 'name="dateTo" value="2025-06-30"' in page
    assert "month=2025-05" in page and "month=2025-07" in page  # previous and next month


def test_a_day_with_lunch_shows_eight_hours_of_work(web, week):
    page = web.get("/web/attest").text
    days = rows(page, "day")
    assert "Thu 2025-06-12 Complete 8:00 0:30 4:00 +4:00 DayShift 4:00" in days


def test_rows_are_grouped_by_employee_with_totals(web, week):
    page = web.get("/web/attest").text
    assert "3002 Jacob Ahmedsdotter" in text(page)
    assert "3014 Douglas Jensberg" in text(page)
    assert rows(page, "total") == [
        # 3002: Tuesday 4:00 and Thursday 8:00; 4:00 expected each weekday.
        "Total 2 days 12:00 0:30 8:00 +4:00 DayShift 4:00",
        # 3014: Wednesday 09:00–17:00, one problem day with one warning.
        "Total 1 day, 1 to check 8:00 0:00 4:00 +4:00 1",
        "All shown 3 days, 1 to check 20:00 0:30 12:00 +8:00 DayShift 4:00 1",
    ]


def test_problem_days_are_highlighted(web, week):
    page = web.get("/web/attest").text
    (problem,) = rows(page, "problem")
    assert problem.startswith("Wed 2025-06-11")
    # In words, the code kept as the label's title.
    assert "Needs checking: Missing Out 8:00" in problem
    assert '<span class="code" title="OddNumberOfStamps">Missing Out</span>' in page
    assert '<span class="code" title="MissingOut">Missing Out</span>' in page


def test_empty_days_are_listed_on_request(web, week):
    week_ = {"dateFrom": "2025-06-09", "dateTo": "2025-06-15"}
    plain = rows(web.get("/web/attest", params=week_).text, "day")
    assert len(plain) == 3
    page = web.get("/web/attest", params={**week_, "includeEmpty": "on"}).text
    empty = rows(page, "empty")
    # Every day of the week for each of the three employees, but the three with punches.
    assert len(empty) == 3 * 7 - 3
    assert "Mon 2025-06-09 No punches 0:00 0:00 4:00 -4:00" in empty
    assert "Sat 2025-06-14 No punches 0:00 0:00 0:00 0:00" in empty
    assert 'id="includeEmpty" name="includeEmpty" checked' in page


def test_employees_can_be_chosen(web, week):
    page = web.get("/web/attest", params={"employees": "3014"}).text
    assert "3014 Douglas Jensberg" in text(page)
    assert "3002" not in " ".join(rows(page, "employee-head"))
    assert len(rows(page, "day")) == 1


def test_another_range_shows_its_own_rows(web, week):
    page = web.get("/web/attest", params={"dateFrom": "2025-06-12", "dateTo": "2025-06-12"}).text
    assert [row.split()[1] for row in rows(page, "day")] == ["2025-06-12"]
    assert "dateFrom=2025-06-11&amp;dateTo=2025-06-11" in page  # previous period
    assert "dateFrom=2025-06-13&amp;dateTo=2025-06-13" in page  # next period


def test_each_row_opens_its_day_with_htmx(web, week):
    page = web.get("/web/attest").text
    url = "/web/attest/day?employeeNr=3002&amp;date=2025-06-12"
    assert f'hx-get="{url}" hx-target="#day-detail"' in page
    assert (
        f'<a href="{url}" hx-get="{url}" hx-target="#day-detail" hx-trigger="click consume">'
        in page
    )
    assert 'id="day-detail"' in page


def day(client: TestClient, employee: str, date: str, htmx: bool = True):
    headers = {"HX-Request": "true"} if htmx else {}
    return client.get(
        "/web/attest/day", params={"employeeNr": employee, "date": date}, headers=headers
    )


def test_the_day_details_show_punches_spans_and_sums(web, week):
    response = day(web, "3002", "2025-06-12")
    assert response.status_code == 200
    html = response.text
    assert "<html" not in html  # a fragment for the panel
    assert "3002 Jacob Ahmedsdotter · Thu 2025-06-12" in text(html)
    first, out, back, last = week["lunch"]
    punches = [text(row) for row in re.findall(r'<tr id="punch-\d+">(.*?)</tr>', html, re.S)]
    assert punches == [
        f"08:00 In 7255 100 (SIE 50) DayShift {first}",
        f"12:00 Out Break 7255 {out}",
        f"12:30 In Break 7255 {back}",
        f"16:30 Out 7255 {last}",
    ]
    assert "08:00 12:00 Work 4:00 DayShift 100" in text(html)
    assert "12:00 12:30 Break 0:30" in text(html)
    assert "12:30 16:30 Work 4:00" in text(html)
    # Only the span the In starts carries its account (docs/attest-rules.md, section 7).
    assert "Account 100 (level 2, SIE 50): 4:00" in text(html)
    assert "Warnings None." in text(html)


def test_the_day_details_show_warnings_and_the_punches_they_name(web, week):
    html = day(web, "3014", "2025-06-11").text
    first, second, _ = week["two ins"]
    (warning,) = re.findall(r'<ul class="warnings">(.*?)</ul>', html, re.S)
    shown = text(warning)
    assert shown.startswith("Missing Out: ")  # in words; the code is the title
    assert 'title="MissingOut"' in warning
    assert f"Punches: 08:00 In (#{first}), 09:00 In (#{second})" in shown
    assert f'href="#punch-{first}"' in warning


def test_without_htmx_the_day_is_a_whole_page(web, week):
    response = day(web, "3002", "2025-06-12", htmx=False)
    assert response.status_code == 200
    assert "<html" in response.text and "← Attest time" in response.text
    assert "16:30 Out" in text(response.text)


def test_a_day_without_punches_says_so(web, week):
    html = day(web, "3015", "2025-06-12").text
    assert "Status No punches" in text(html)
    assert 'title="NoStamps"' in html
    assert "No punches." in text(html)


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"dateFrom": "2025-13-01"}, "From: '2025-13-01' is not a date such as 2025-06-12"),
        ({"dateFrom": "2025-06-12", "dateTo": "someday"}, "To: 'someday' is not a date"),
        ({"dateFrom": "2025-06-12", "dateTo": "2025-06-11"}, "To: must not be before dateFrom"),
        ({"dateFrom": "2025-01-01", "dateTo": "2025-06-01"}, "The range is longer than 62 days"),
        ({"employees": "3002, 9999"}, "Employees: employee '9999' does not exist"),
    ],
)
def test_bad_input_is_shown_on_the_page_with_a_4xx(web, friday, params, message):
    response = web.get("/web/attest", params=params)
    assert response.status_code == 400
    assert message in alert(response.text)
    assert 'id="dateFrom"' in response.text  # the form is there to correct it


@pytest.mark.parametrize(
    ("employee", "date", "message"),
    [
        ("9999", "2025-06-12", "employee '9999' does not exist"),
        ("3002", "12 June", "date: '12 June' is not a date"),
    ],
)
def test_a_bad_day_is_a_4xx_fragment(web, friday, employee, date, message):
    response = day(web, employee, date)
    assert response.status_code == 400
    assert message in alert(response.text)


def test_a_missing_parameter_is_a_4xx_page(web):
    response = web.get("/web/attest/day", params={"date": "2025-06-12"})
    assert response.status_code == 400
    assert "employeeNr" in text(response.text)


def test_an_unexpected_failure_is_a_500_page_that_hides_the_cause(app, company, monkeypatch):
    from tests.web.conftest import sign_in

    def broken(*_args, **_kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("stampla.web.routes.attest.work_list", broken)
    with TestClient(app, raise_server_exceptions=False) as client:
        sign_in(client, company)
        response = client.get("/web/attest")
    assert response.status_code == 500
    assert response.headers["content-type"].startswith("text/html")
    assert "disk on fire" not in response.text
    assert "it has been logged" in alert(response.text)


def test_a_long_page_stops_at_an_employee_and_says_so(web, week, monkeypatch):
    monkeypatch.setattr("stampla.web.routes.attest.MAX_ROWS", 1)
    page = web.get("/web/attest").text
    assert [row.split()[1] for row in rows(page, "day")] == ["2025-06-10", "2025-06-12"]
    assert "This page stops after 1 day rows, at the end of an employee." in text(page)
    assert "3014" not in " ".join(rows(page, "employee-head"))


def test_holidays_of_the_companys_calendar_are_named(web, store, company, clock):
    change_settings(store, company.id, clock(), holidays="SE")
    params = {"dateFrom": "2025-06-05", "dateTo": "2025-06-06", "includeEmpty": "on",
              "employees": "3002"}  # fmt: skip
    found = rows(web.get("/web/attest", params=params).text, "day")
    assert found == [
        "Thu 2025-06-05 No punches 0:00 0:00 4:00 -4:00",
        "Fri 2025-06-06 Sveriges nationaldag No punches 0:00 0:00 0:00 0:00",
    ]
    detail = web.get("/web/attest/day", params={"employeeNr": "3002", "date": "2025-06-06"})
    assert "Sveriges nationaldag" in text(detail.text)


def test_a_day_opens_for_an_employee_named_in_another_case(web, friday, api, store, company):
    given = {"employee_nr": "Ärende-7", "first_name": "Åsa", "last_name": "Öberg"}
    md.add_employee(store, company.id, given, friday())
    saved(api.post(lunch_day("ärende-7", "2025-06-12")))
    html = day(web, "ÄRENDE-7", "2025-06-12").text
    assert "Ärende-7 Åsa Öberg · Thu 2025-06-12" in text(html)
    assert "16:30 Out" in text(html)
