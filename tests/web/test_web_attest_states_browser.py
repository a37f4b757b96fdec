"""A real browser: approve a week from the attest page (review, then confirm), a terminal
posts into the approved day, the late punch shows on the Late punches page and is dismissed."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.attest.conftest import saved
from tests.factories import entry
from tests.serverproc import serving
from tests.web.test_web_browser import browser_page  # noqa: F401 - the fixture

pytestmark = pytest.mark.slow


def test_approve_then_a_late_punch_is_listed_and_dismissed(
    browser_page,  # noqa: F811
    database_url,
    api,
    company,
    clock,
):
    from playwright.sync_api import expect

    saved(
        api.post(
            [entry("3002", "2025-06-12T08:00:00"), entry("3002", "2025-06-12T16:00:00", "Out")]
        )
    )
    page = browser_page
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    with serving(database_url) as base:
        page.goto(base + "/web/sign-in")
        page.get_by_label("Company").fill(company.name)
        page.get_by_label("User name").fill(company.staff_name)
        page.get_by_label("Password").fill(company.staff_password)
        page.get_by_role("button", name="Sign in").click()
        expect(page.get_by_role("heading", name="Attest time")).to_be_visible()
        page.goto(base + "/web/attest?dateFrom=2025-06-09&dateTo=2025-06-15&employees=3002")
        page.get_by_label("New state").select_option("Approved")
        page.get_by_role("button", name="Review…").click()
        expect(page.get_by_role("status")).to_contain_text("7 days will move to Approved")
        page.get_by_role("button", name="Move 7 days to Approved").click()
        expect(page.get_by_role("status")).to_contain_text("7 days moved to Approved")
        page.get_by_role("link", name="Back to attest time").click()
        expect(page.locator(".attest-state.locked").first).to_have_text("Approved 🔒")

        clock.advance(timedelta(minutes=5))  # the test's API runs on its clock, the server on time
        (late,) = saved(api.post([entry("3002", "2025-06-12T18:00:00")]))
        page.get_by_role("link", name="Late punches").click()
        row = page.locator(f'tr[data-punch="{late}"]')
        expect(row).to_contain_text("Approved")
        row.get_by_label("Reason").fill("Provstämpling vid dörren")
        row.get_by_role("button", name="Dismiss").click()
        expect(page.get_by_text("No late punches.")).to_be_visible()
    assert problems == []
