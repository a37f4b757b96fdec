"""An employee's planned week on the pages: shifts, breaks, holidays, days off, the total."""

from __future__ import annotations

import re
from datetime import date

import pytest

from stampla.service import masterdata as md
from stampla.service import schedules
from stampla.service.attest import change_settings
from stampla.service.date_range import DateWindow
from tests.web.conftest import alert, text

DAY = "08:00-17:00 /12:00-13:00"
WEEK = "/web/employees/3002/schedule"


@pytest.fixture
def planned(store, company, clock):
    """3002 on Kontor from 2025-06-02, with Sweden's holidays, and Thursday 2025-06-05 off."""
    now = clock()
    window = DateWindow.around(now)
    change_settings(store, company.id, now, holidays="SE")
    weeks = [";".join([DAY] * 4 + ["08:00-16:00 /12:00-12:30", "-", "-"])]
    md.add_schedule_template(store, company.id, {"name": "Kontor", "weeks": weeks}, now)
    night = {"name": "Natt", "weeks": ["-;-;-;-;22:00-06:00;-;-"], "works_on_holidays": True}
    md.add_schedule_template(store, company.id, night, now)
    given = {"employee_nr": "3002", "template": "Kontor", "valid_from": date(2025, 6, 2)}
    schedules.add_assignment(store, company.id, given, now, window=window)
    night_shift = {"employee_nr": "3014", "template": "Natt", "valid_from": date(2025, 6, 2)}
    schedules.add_assignment(store, company.id, night_shift, now, window=window)
    off = {"employee_nr": "3002", "date": "2025-06-05", "shifts": "-", "note": "Kompledig"}
    schedules.set_override(store, company.id, off, now, window=window)


def cells(html: str) -> dict[str, str]:
    """Each day's cell text, by date."""
    found = re.findall(r'<td class="planned[^"]*" data-date="([\d-]+)">(.*?)</td>', html, re.S)
    return {day: text(body) for day, body in found}


def test_the_week_shows_shifts_breaks_a_holiday_and_days_off(web, planned):
    response = web.get(WEEK, params={"week": "2025-06-04"})
    assert response.status_code == 200, response.text
    html = response.text
    days = cells(html)
    assert list(days) == [f"2025-06-0{n}" for n in range(2, 9)]
    assert days["2025-06-02"] == "08:00–17:00 Break 12:00–13:00 Kontor"
    assert days["2025-06-05"] == "Day off Changed for this date: Kompledig"
    # Sveriges nationaldag, a Friday: the office template does not work on holidays.
    assert days["2025-06-06"] == "Day off (holiday) Kontor"
    assert days["2025-06-07"] == "Day off Kontor"
    page = text(html)
    assert "Schedule · 3002 Jacob Ahmedsdotter" in page
    assert "Fri 2025-06-06 Sveriges nationaldag" in page
    assert "Scheduled this week: 24:00" in page
    assert 'href="/web/employees/3002/schedule?week=2025-05-26" rel="prev"' in html
    assert 'href="/web/employees/3002/schedule?week=2025-06-09" rel="next"' in html
    assert 'value="2025-06-02"' in html  # the week's Monday, whichever date was asked for


def test_a_night_shift_ends_the_next_day_and_works_on_holidays(web, planned):
    days = cells(web.get("/web/employees/3014/schedule", params={"week": "2025-06-06"}).text)
    # Sveriges nationaldag: a template that works on holidays keeps its night.
    assert days["2025-06-06"] == "22:00–06:00 (next day) Natt"
    assert days["2025-06-07"] == "Day off Natt"
    # Its days off on a holiday are its own, not the holiday's.
    midsummer = cells(web.get("/web/employees/3014/schedule", params={"week": "2025-06-19"}).text)
    assert midsummer["2025-06-19"] == "Day off Natt"  # Midsommarafton is the 20th, a Friday
    assert midsummer["2025-06-20"] == "22:00–06:00 (next day) Natt"
    assert midsummer["2025-06-21"] == "Day off Natt"  # Midsommardagen


def test_without_a_schedule_the_week_says_so_and_expects_weekly_hours(web, planned):
    page = text(web.get("/web/employees/3015/schedule", params={"week": "2025-06-09"}).text)
    assert page.count("No schedule: weekly hours") == 7
    assert "Expected this week: 20:00" in page


def test_the_current_week_is_the_default(web, planned, friday):
    html = web.get(WEEK).text
    assert list(cells(html)) == [f"2025-06-{n:02d}" for n in range(9, 16)]


def test_a_bad_week_or_an_unknown_employee_is_said_on_the_page(web, planned):
    bad = web.get(WEEK, params={"week": "13/06/2025"})
    assert bad.status_code == 400 and "week must be a date such as 2025-06-12" in alert(bad.text)
    unknown = web.get("/web/employees/9999/schedule")
    assert unknown.status_code == 404 and "does not exist" in alert(unknown.text)


def test_the_employee_pages_and_the_day_panel_link_to_the_week(web, planned):
    assert 'href="/web/employees/3002/schedule"' in web.get("/web/employees").text
    assert 'href="/web/employees/3002/schedule"' in web.get("/web/employees/3002/edit").text
    panel = web.get("/web/attest/day", params={"employeeNr": "3002", "date": "2025-06-04"})
    assert 'href="/web/employees/3002/schedule?week=2025-06-04"' in panel.text


def test_another_companys_employee_is_not_found(app, planned, other_company):
    from fastapi.testclient import TestClient

    from tests.web.conftest import sign_in

    with TestClient(app) as client:
        sign_in(client, other_company)
        page = client.get(WEEK, params={"week": "2025-06-04"})
        # The other company has a 3002 too, with no schedule.
        assert page.status_code == 200 and "Kontor" not in text(page.text)
