"""In a real Chromium against a real ``stampla serve``: an admin gives an employee a kiosk
PIN and a badge on the employee's kiosk page (the PIN never shown back), then, on the kiosk,
a badge reader's digits and Enter move to the PIN and the employee punches In with badge and
PIN; the punches page lists the punch."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from stampla.service.devices import kiosk
from tests.serverproc import serving
from tests.web.test_web_browser import browser_page  # noqa: F401 - the fixture

pytestmark = pytest.mark.slow


def test_an_admin_sets_pin_and_badge_and_the_badge_punches(
    browser_page,  # noqa: F811
    database_url,
    company,
    store,
    clock,
) -> None:
    from playwright.sync_api import expect

    page = browser_page
    secret = kiosk.new_secret(store, company.id, 1, clock())
    with serving(database_url, STAMPLA_LOGIN_FAILURE_DELAY_SECONDS="0") as base:
        page.goto(base + "/web/sign-in?next=%2Fweb%2Femployees%2F3002%2Fedit")
        page.get_by_label("Company").fill(company.name)
        page.get_by_label("User name").fill(company.staff_name)
        page.get_by_label("Password").fill(company.staff_password)
        page.get_by_role("button", name="Sign in").click()
        page.get_by_role("link", name="Kiosk PIN and badge →").click()
        expect(page.locator("#pin-state")).to_have_text("No PIN is set.")
        page.get_by_label("New PIN (4 to 12 digits)").fill("12")
        page.get_by_role("button", name="Set PIN").click()
        expect(page.get_by_role("alert")).to_contain_text("A PIN is 4 to 12 digits")
        page.get_by_label("New PIN (4 to 12 digits)").fill("4711")
        page.get_by_role("button", name="Set PIN").click()
        expect(page.locator("#pin-state")).to_have_text("A PIN is set.")
        expect(page.locator("body")).not_to_contain_text("4711")
        page.get_by_label("Badge number", exact=False).focus()
        page.keyboard.type("0004711234")  # a reader on the admin's computer
        page.keyboard.press("Enter")  # submits the form, as a reader's Enter does
        expect(page.locator("#badge-state")).to_have_text("Badge number: 0004711234")

        page.goto(base + "/kiosk/1")
        page.fill("#secret", secret)
        page.click("button[type=submit]")
        expect(page.locator("#nr")).to_be_focused()
        page.keyboard.type("0004711234")
        page.keyboard.press("Enter")
        expect(page.locator("#pin")).to_be_focused()  # not badge-only: the PIN follows
        page.keyboard.type("4711")
        page.keyboard.press("Enter")
        expect(page.locator("#answer")).to_contain_text("Jacob Ahmedsdotter: In")

        day = datetime.now(ZoneInfo("Europe/Stockholm")).date().isoformat()
        page.goto(f"{base}/web/punches?dateFrom={day}&dateTo={day}&employees=3002")
        expect(page.locator("table.punch-list tbody tr")).to_have_count(1)
        expect(page.locator("table.punch-list tbody tr")).to_contain_text("In")
