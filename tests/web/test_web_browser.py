"""A real browser on the pages of a real ``stampla serve``: sign in, attest time, a day's
details opened by htmx, the employee's planned week, sign out.

Runs Debian's Chromium (``apt-get install chromium``) through Playwright; Playwright's own
browser downloads are never used. Without Chromium the test is skipped, saying why, unless
``STAMPLA_TEST_BROWSER=required`` (as CI sets it), which turns the absence into a failure.
Every wait is Playwright's wait for a condition (an element, a text, a URL), never a sleep.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from stampla.service import masterdata as md
from stampla.service import schedules
from stampla.service.date_range import DateWindow
from tests.attest.conftest import saved
from tests.factories import entry
from tests.serverproc import serving

pytestmark = pytest.mark.slow

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
#: How long Playwright waits for a condition before it fails (a shared machine can be slow).
PATIENCE_MS = 60_000


def _unavailable(reason: str) -> None:
    if os.environ.get("STAMPLA_TEST_BROWSER") == "required":
        pytest.fail(f"STAMPLA_TEST_BROWSER=required, but {reason}")
    pytest.skip(f"{reason} (set STAMPLA_TEST_BROWSER=required to make this a failure)")


@pytest.fixture
def browser_page() -> Iterator:
    if not os.access(CHROMIUM, os.X_OK):
        _unavailable(f"no Chromium at {CHROMIUM}: apt-get install chromium")
    try:
        from playwright.sync_api import expect, sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed (pip install -e '.[dev]')")
    expect.set_options(timeout=PATIENCE_MS)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=ARGS, headless=True
        )
        try:
            page = browser.new_page()
            page.set_default_timeout(PATIENCE_MS)
            yield page
        finally:
            browser.close()


def test_sign_in_open_a_day_and_sign_out(browser_page, database_url, api, company, store, clock):
    from playwright.sync_api import expect

    weeks = [";".join(["08:00-17:00 /12:00-13:00"] * 5 + ["-", "-"])]
    md.add_schedule_template(store, company.id, {"name": "Kontor", "weeks": weeks}, clock())
    # From the Friday: the attest rows of the days before stay as they were.
    given = {"employee_nr": "3014", "template": "Kontor", "valid_from": "2025-06-13"}
    schedules.add_assignment(store, company.id, given, clock(), window=DateWindow.around(clock()))
    saved(
        api.post(
            [
                entry("3002", "2025-06-12T08:00:00"),
                entry("3002", "2025-06-12T12:00:00", "Out", IsBreak=True),
                entry("3002", "2025-06-12T12:30:00", "In", IsBreak=True),
                entry("3002", "2025-06-12T16:30:00", "Out"),
                entry("3014", "2025-06-11T08:00:00"),
                entry("3014", "2025-06-11T09:00:00"),
                entry("3014", "2025-06-11T17:00:00", "Out"),
            ]
        )
    )
    page = browser_page
    problems: list[str] = []  # console errors, such as a script the policy blocked
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    with serving(database_url) as base:
        # The server's root leads to the sign-in form.
        page.goto(base + "/")
        expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
        page.get_by_label("Company").fill(company.name)
        page.get_by_label("User name").fill(company.staff_name)
        page.get_by_label("Password").fill(company.staff_password)
        page.get_by_role("button", name="Sign in").click()
        expect(page.get_by_role("heading", name="Attest time")).to_be_visible()

        # The current month by default; another range from the range form.
        expect(page.get_by_label("Month")).to_have_value(re.compile(r"^\d{4}-\d{2}$"))
        page.get_by_text("Another range").click()
        page.get_by_label("From", exact=True).fill("2025-06-09")
        page.get_by_label("To", exact=True).fill("2025-06-15")
        page.get_by_role("button", name="Show range").click()
        expect(page).to_have_url(re.compile(r"dateFrom=2025-06-09&dateTo=2025-06-15"))
        shown_at = page.url

        # Clicking anywhere in a row loads its details into the panel, without leaving.
        lunch = page.locator("tr.day", has_text="Thu 2025-06-12")
        expect(lunch).to_contain_text("8:00")
        lunch.get_by_role("cell", name="Complete").click()
        detail = page.locator("#day-detail")
        expect(detail.get_by_role("heading", level=2)).to_have_text(
            "3002 Jacob Ahmedsdotter · Thu 2025-06-12"
        )
        expect(detail.locator("table.spans")).to_contain_text("12:00")
        expect(detail.locator("table.spans")).to_contain_text("Break")
        expect(detail.locator("table.punches tbody tr[id^='punch-']")).to_have_count(4)
        assert page.url == shown_at

        # The date link of a problem day does the same, with its warning.
        page.get_by_role("link", name="Wed 2025-06-11").click()
        expect(detail.get_by_role("heading", level=2)).to_contain_text("3014 Douglas Jensberg")
        expect(detail.locator(".warnings")).to_contain_text("Missing Out")
        assert page.url == shown_at

        # The day's schedule of the week, a page of its own.
        detail.get_by_role("link", name="Schedule of the week →").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(
            "Schedule · 3014 Douglas Jensberg"
        )
        week = page.locator("table.week")
        expect(week.locator('td[data-date="2025-06-11"]')).to_contain_text("No schedule")
        expect(week.locator('td[data-date="2025-06-13"]')).to_contain_text("08:00–17:00")
        expect(week.locator('td[data-date="2025-06-14"]')).to_contain_text("Day off")
        expect(page.locator(".week-total")).to_have_text("Expected this week: 24:00")
        page.get_by_role("link", name="Next week →").click()
        expect(page).to_have_url(re.compile(r"/web/employees/3014/schedule\?week=2025-06-16$"))
        expect(week.locator('td[data-date="2025-06-16"]')).to_contain_text("Break 12:00–13:00")
        # Midsommarafton, Friday 20 June, is off in Sweden's calendar (a Swedish company's).
        expect(week.locator('td[data-date="2025-06-20"]')).to_contain_text("Day off (holiday)")
        expect(page.locator(".week-total")).to_have_text("Scheduled this week: 32:00")

        page.get_by_role("button", name="Sign out").click()
        expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
        expect(page.get_by_role("status")).to_have_text("You have signed out.")
        page.goto(base + "/web/attest")
        expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    assert problems == []


def test_superseded_punches_are_struck_through(browser_page, database_url, api, company):
    from playwright.sync_api import expect

    (old,) = saved(api.post([entry("3002", "2025-06-12T08:00:00")]))
    (new,) = saved(
        api.post(
            [entry("3002", "2025-06-12T08:00:00", AccountNr="100", SieAccountDim=50)],
            replaceDays=True,
        )
    )
    page = browser_page
    with serving(database_url) as base:
        page.goto(base + "/web/sign-in?next=%2Fweb%2Fpunches%3FdateFrom%3D2025-06-09")
        page.get_by_label("Company").fill(company.name)
        page.get_by_label("User name").fill(company.staff_name)
        page.get_by_label("Password").fill(company.staff_password)
        page.get_by_role("button", name="Sign in").click()
        expect(page.get_by_role("heading", name="Punches")).to_be_visible()
        expect(page.locator("table.punch-list tbody tr")).to_have_count(1)
        page.get_by_role("link", name="Show it").click()
        expect(page.get_by_label("Show superseded punches")).to_be_checked()
        struck = page.locator("table.punch-list tr.superseded")
        expect(struck).to_contain_text(f"by punch {new}")
        expect(struck.get_by_role("cell", name=str(old), exact=True)).to_have_css(
            "text-decoration-line", "line-through"
        )
        expect(struck.locator("td.replaced")).to_have_css("text-decoration-line", "none")


def test_a_sick_day_registered_from_the_day_panel(
    browser_page, database_url, api, company, store, clock
):
    from playwright.sync_api import expect

    md.add_time_code(
        store, company.id, {"code": "Sjuk", "name": "Sjuk", "kind": "absence"}, clock()
    )
    md.add_time_code(store, company.id, {"code": "VAB", "name": "VAB", "kind": "absence"}, clock())
    saved(
        api.post(
            [entry("3002", "2025-06-12T08:00:00"), entry("3002", "2025-06-12T10:00:00", "Out")]
        )
    )
    page = browser_page
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    with serving(database_url) as base:
        target = "/web/attest?dateFrom=2025-06-09&dateTo=2025-06-13&employees=3002"
        page.goto(
            base
            + "/web/sign-in?next="
            + target.replace("?", "%3F").replace("&", "%26").replace("=", "%3D")
        )
        page.get_by_label("Company").fill(company.name)
        page.get_by_label("User name").fill(company.staff_name)
        page.get_by_label("Password").fill(company.staff_password)
        page.get_by_role("button", name="Sign in").click()
        expect(page.get_by_role("heading", name="Attest time")).to_be_visible()
        thursday = page.locator("tr.day", has_text="Thu 2025-06-12")
        expect(thursday.locator("td.num").nth(5)).to_have_text("-2:00")  # 2:00 of 4:00
        shown_at = page.url

        thursday.get_by_role("link", name="Thu 2025-06-12").click()
        detail = page.locator("#day-detail")
        expect(detail.get_by_role("heading", name="Registered absence")).to_be_visible()
        expect(detail).to_contain_text("None registered on this day.")
        detail.get_by_label("Absence code").select_option("Sjuk")
        detail.get_by_label("Per cent of the day").check()
        detail.get_by_label("Per cent", exact=True).fill("50")
        detail.locator(".absence-form").get_by_label("Reason").fill("Sick, called in")
        detail.get_by_role("button", name="Register absence").click()

        # Back on the same attest page: half the day away, so no difference left.
        expect(page).to_have_url(shown_at)
        thursday = page.locator("tr.day", has_text="Thu 2025-06-12")
        # Work, break, absence, expected, outside the schedule, difference.
        expect(thursday.locator("td.num").nth(2)).to_have_text("2:00")
        expect(thursday.locator("td.num").nth(5)).to_have_text("0:00")
        thursday.get_by_role("link", name="Thu 2025-06-12").click()
        expect(detail.locator(".sums").first).to_contain_text("Sjuk: 2:00")
        expect(detail.locator(".registrations")).to_contain_text("50 % of the day")

        detail.get_by_role("button", name="Cancel absence Sjuk 2025-06-12").click()
        expect(page).to_have_url(shown_at)
        thursday = page.locator("tr.day", has_text="Thu 2025-06-12")
        expect(thursday.locator("td.num").nth(5)).to_have_text("-2:00")
        expect(thursday.locator("td.num").nth(2)).to_have_text("")
    assert problems == []
