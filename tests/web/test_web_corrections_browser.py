"""A real Chromium on a real ``stampla serve``: on the day panel of a day with a missing Out,
add the Out with a reason; the day row shows it and the warning is gone."""

from __future__ import annotations

import pytest

from tests.attest.conftest import saved
from tests.factories import entry
from tests.serverproc import serving
from tests.web.test_web_browser import browser_page  # noqa: F401 - the fixture

pytestmark = pytest.mark.slow


def test_add_the_missing_out_from_the_day_panel(browser_page, database_url, api, company):  # noqa: F811
    from playwright.sync_api import expect

    saved(api.post([entry("3002", "2025-06-12T08:00:00")]))
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
        shown_at = page.url
        thursday = page.locator("tr.day", has_text="Thu 2025-06-12")
        thursday.get_by_role("link", name="Thu 2025-06-12").click()
        detail = page.locator("#day-detail")
        expect(detail.locator(".warnings")).to_contain_text("Missing Out")

        detail.get_by_text("Add missing punch").click()
        adding = detail.locator("details.add-punch")
        adding.get_by_label("Time", exact=True).fill("16:30")
        adding.get_by_label("Type").select_option("Out")
        adding.get_by_label("Reason").fill("Forgot to stamp out; confirmed by the manager")
        adding.get_by_role("button", name="Add punch").click()

        expect(page).to_have_url(shown_at)
        thursday = page.locator("tr.day", has_text="Thu 2025-06-12")
        expect(thursday.locator("td.num").first).to_have_text("8:30")  # work
        thursday.get_by_role("link", name="Thu 2025-06-12").click()
        expect(detail.locator("table.punches")).to_contain_text("16:30")
        expect(detail.get_by_text("None.", exact=True)).to_be_visible()  # no warnings
        expect(detail.locator(".warnings")).to_have_count(0)
        detail.get_by_text("Activity (1)").click()
        expect(detail.locator("table.activity-list")).to_contain_text(
            "Forgot to stamp out; confirmed by the manager"
        )
    assert problems == []
