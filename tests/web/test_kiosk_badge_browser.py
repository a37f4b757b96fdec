"""A badge-only kiosk that offers accounts, in a real Chromium against a real ``stampla
serve``: a badge reader types the badge's digits and Enter (fast, as a reader does), the page
offers the kiosk's accounts after the server knew the badge, and the punch carries the chosen
one; an unknown badge is refused without a word of why; while the server is stopped, the
choice comes from the page and the punch waits in IndexedDB, and is stored marked offline."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from stampla.service.devices import kiosk, kiosk_access
from stampla.service.punch_query import read_punches
from stampla.store.engine import Store
from tests.factories import build_company
from tests.serverproc import free_port
from tests.web.test_kiosk_browser import _serve, company_zone
from tests.web.test_web_browser import browser_page  # noqa: F401 - the fixture

pytestmark = pytest.mark.slow

BADGE = "0004711234"


def test_a_badge_and_an_account_choice_in_a_browser(browser_page, database_url: str) -> None:  # noqa: F811
    from playwright.sync_api import expect

    page = browser_page
    store = Store(database_url)
    now = datetime.now(UTC)
    company = build_company(store, now)
    secret = kiosk.new_secret(store, company.id, 1, now)
    kiosk_access.set_badge(store, company.id, "3002", BADGE, now)
    kiosk_access.configure(store, company.id, 1, now, account_level=2, badge_only=True)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = _serve(database_url, port)
    try:
        page.goto(f"{base}/kiosk/1")
        page.fill("#secret", secret)
        page.click("button[type=submit]")
        expect(page.locator("#nr")).to_be_focused()

        def swipe(badge: str) -> None:
            page.keyboard.type(badge)  # keystrokes as fast as a reader sends them
            page.keyboard.press("Enter")

        swipe("9999999999")
        expect(page.locator("#answer")).to_have_text(kiosk.BADGE_REFUSED)
        expect(page.locator("#choice")).to_be_hidden()

        page.locator("#nr").focus()
        swipe(BADGE)
        expect(page.locator("#choice")).to_be_visible()
        expect(page.locator("#answer")).to_have_text("Jacob Ahmedsdotter: choose an account")
        buttons = page.locator("#choices button")
        expect(buttons).to_have_text(["100 Kassa", "4001 Butiksdrift"])
        page.click("#choices button[data-account='4001']")
        expect(page.locator("#answer")).to_contain_text("Jacob Ahmedsdotter: In")
        expect(page.locator("#answer")).to_contain_text("(4001)")
        expect(page.locator("#choice")).to_be_hidden()

        server.terminate()
        page.locator("#nr").focus()
        swipe(BADGE)
        expect(page.locator("#choice")).to_be_visible()  # offered from the page itself
        page.click("#choices button[data-account='100']")
        expect(page.locator("#answer")).to_contain_text("Saved offline")
        expect(page.locator("#waiting")).to_have_text("1 punch waiting to be sent")
        server = _serve(database_url, port)
        expect(page.locator("#waiting")).to_have_text("")
    finally:
        server.terminate()
    day = now.astimezone(company_zone(store, company.id)).date()
    stored = read_punches(
        store, company.id, day - timedelta(days=1), day + timedelta(days=1), ["3002"], 31
    )
    got = [
        (p.row.entry_type, p.row.account_nr, p.row.sie_account_dim, p.row.offline) for p in stored
    ]
    assert got == [(1, "4001", 50, False), (2, "100", 50, True)]
    store.dispose()
