"""The month's walk in a real Chromium, as issue 14 describes it: an attestant finds the day
to check, corrects its missing Out and attests the week; payroll approves the month; a
terminal then posts into an approved day, and the punch shows on the Late punches list."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from stampla.service import staff
from stampla.service.roles import Role
from tests.attest.conftest import saved
from tests.factories import entry
from tests.serverproc import serving
from tests.web.test_web_browser import browser_page  # noqa: F401 - the fixture

pytestmark = pytest.mark.slow

WEEK = [f"2025-06-{day:02d}" for day in range(9, 14)]  # Monday to Friday


def _sign_in(page, base: str, company: str, name: str, password: str) -> None:
    page.goto(base + "/web/sign-in")
    page.get_by_label("Company").fill(company)
    page.get_by_label("User name").fill(name)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def test_attestant_corrects_and_attests_payroll_approves_a_late_punch_is_listed(
    browser_page,  # noqa: F811
    database_url,
    api,
    store,
    company,
    clock,
):
    from playwright.sync_api import expect

    punches = []
    for day in WEEK:
        punches.append(entry("3002", f"{day}T08:00:00"))
        if day != "2025-06-12":  # Thursday: the Out is missing
            punches.append(entry("3002", f"{day}T16:00:00", "Out"))
    saved(api.post(punches))
    for name, role in (("Åke Attest", Role.ATTESTANT), ("Lena Lön", Role.PAYROLL)):
        staff.add_staff_user(
            store, company.id, name, "walk-password-1", role, clock(), language="en"
        )
    page = browser_page
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    with serving(database_url) as base:
        _sign_in(page, base, company.name, "åke attest", "walk-password-1")
        expect(page.get_by_role("heading", name="Attest time")).to_be_visible()

        # Days to check, this month, only unattested: Thursday's missing Out.
        page.goto(base + "/web/attest/problems?month=2025-06&unattested=1")
        listed = page.locator("tr.problem-day")
        expect(listed).to_have_count(1)
        expect(listed).to_contain_text("Missing Out")
        listed.get_by_role("link").click()
        page.get_by_text("Add missing punch").click()
        adding = page.locator("details.add-punch")
        adding.get_by_label("Time", exact=True).fill("16:30")
        adding.get_by_label("Type").select_option("Out")
        adding.get_by_label("Reason").fill("Glömde stämpla ut; bekräftat av chefen")
        adding.get_by_role("button", name="Add punch").click()
        expect(page.locator("table.punches")).to_contain_text("16:30")

        # Attest the week.
        page.goto(base + "/web/attest?dateFrom=2025-06-09&dateTo=2025-06-15&employees=3002")
        page.get_by_label("New state").select_option("Attested")
        page.get_by_role("button", name="Review…").click()
        expect(page.get_by_role("status")).to_contain_text("7 days will move to Attested")
        page.get_by_role("button", name="Move 7 days to Attested").click()
        expect(page.get_by_role("status")).to_contain_text("7 days moved to Attested")
        page.get_by_role("button", name="Sign out").click()

        # Payroll approves the month.
        _sign_in(page, base, company.name, "lena lön", "walk-password-1")
        page.goto(base + "/web/attest?dateFrom=2025-06-01&dateTo=2025-06-30&employees=3002")
        page.get_by_label("New state").select_option("Approved")
        page.get_by_role("button", name="Review…").click()
        expect(page.get_by_role("status")).to_contain_text("30 days will move to Approved")
        page.get_by_role("button", name=re.compile(r"^Move 30 days to Approved")).click()
        expect(page.get_by_role("status")).to_contain_text("30 days moved to Approved")

        # A terminal posts into the approved Thursday: kept, and listed as late.
        clock.advance(timedelta(minutes=5))  # the test's API runs on its clock, the server on time
        (late,) = saved(api.post([entry("3002", "2025-06-12T18:00:00")]))
        page.goto(base + "/web/attest/late-punches")
        row = page.locator(f'tr[data-punch="{late}"]')
        expect(row).to_contain_text("Approved")
        expect(row).to_contain_text("3002")
    assert problems == []
