"""The kiosk page in a real Chromium against a real ``stampla serve``: an admin opens it with
the kiosk secret, an employee punches In and Out by number + PIN, a wrong PIN is refused
without saying which part was wrong, and a punch made while the server is stopped waits in
IndexedDB and is stored once after the server is back.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from stampla.service.devices import kiosk
from stampla.service.punch_query import read_punches
from stampla.store.engine import Store
from stampla.store.tables import ingest_batches
from tests.factories import build_company
from tests.serverproc import Watched, free_port
from tests.web.test_web_browser import browser_page  # noqa: F401 - the fixture

pytestmark = pytest.mark.slow


def _serve(database_url: str, port: int) -> Watched:
    server = Watched(
        ["serve", "--host", "127.0.0.1", "--port", str(port)],
        {
            "STAMPLA_DATABASE_URL": database_url,
            "STAMPLA_LOGIN_FAILURE_DELAY_SECONDS": "0",
            "STAMPLA_KIOSK_BOUNCE_SECONDS": "0",
        },
    )
    server.wait_for("Listening on")
    return server


def test_the_kiosk_in_a_browser(browser_page, database_url: str) -> None:  # noqa: F811
    from playwright.sync_api import expect

    page = browser_page
    store = Store(database_url)
    now = datetime.now(UTC)
    company = build_company(store, now)
    secret = kiosk.new_secret(store, company.id, 1, now)
    kiosk.set_pin(store, company.id, "3002", "4711", now)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = _serve(database_url, port)
    try:
        page.goto(f"{base}/kiosk/1")
        page.fill("#secret", "not it")
        page.click("button[type=submit]")
        expect(page.locator("p.error")).to_be_visible()
        page.fill("#secret", secret)
        page.click("button[type=submit]")
        expect(page.locator("#nr")).to_be_focused()

        def tap(nr: str, pin: str) -> None:
            page.fill("#nr", nr)
            page.fill("#pin", pin)
            page.press("#pin", "Enter")

        tap("3002", "0000")
        expect(page.locator("#answer")).to_have_text("That employee number and PIN do not match.")
        tap("3002", "4711")
        expect(page.locator("#answer")).to_contain_text("Jacob Ahmedsdotter: In")
        tap("3002", "4711")
        expect(page.locator("#answer")).to_contain_text("Jacob Ahmedsdotter: Out")

        server.terminate()
        tap("3002", "4711")
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
    assert [p.row.entry_type for p in stored] == [1, 2, 1]
    with store.read() as conn:
        routes = (
            conn.execute(
                select(ingest_batches.c.route)
                .where(ingest_batches.c.company_id == company.id)
                .order_by(ingest_batches.c.id)
            )
            .scalars()
            .all()
        )
    assert routes == ["/kiosk/1", "/kiosk/1", "/kiosk/1 offline"]
    store.dispose()


def company_zone(store: Store, company_id: int):
    from zoneinfo import ZoneInfo

    from stampla.store.masterdata import company_row

    with store.read() as conn:
        return ZoneInfo(company_row(conn, company_id).time_zone)
