"""A staff user's token in ``/docs``: *Authorize* offers it as ``StaffToken``, and a call made
from the page acts as that user, against a real server over a socket."""

from __future__ import annotations

import re

import httpx2 as httpx
import pytest

from stampla.service.demo import STAFF_PASSWORD, seed_demo
from stampla.store import migrate
from stampla.store.engine import Store
from tests.serverproc import serving
from tests.web.test_web_browser import browser_page  # noqa: F401 - the shared fixture

pytestmark = pytest.mark.slow

STATES = "/Admin/AttestStates"


def test_authorize_takes_a_staff_token_and_the_page_calls_as_the_user(
    browser_page,  # noqa: F811
    fresh_database_url,
    clock,
):
    from playwright.sync_api import expect

    store = Store(fresh_database_url)
    migrate.upgrade(store.engine)
    demo = seed_demo(store, clock())
    store.dispose()
    page = browser_page
    with serving(fresh_database_url, STAMPLA_LOGIN_FAILURE_DELAY_SECONDS="0") as base:
        with httpx.Client(base_url=base) as http:
            signed_in = http.post(
                "/Admin/StaffToken",
                params={"companyApiKey": demo.company_api_key},
                json={"UserName": "viewer", "Password": STAFF_PASSWORD},
            )
            assert signed_in.status_code == 200, signed_in.text
            token = signed_in.json()["token"]
            bad = http.post(
                "/Admin/StaffToken",
                params={"companyApiKey": demo.company_api_key},
                json={"UserName": "viewer", "Password": "not-the-password"},
            )
            assert bad.status_code == 401 and bad.json()["errors"] == []

        page.goto(base + "/docs")
        expect(page.get_by_role("heading", name=re.compile("^Stampla"))).to_be_visible()
        page.locator("button.authorize").first.click()
        dialog = page.locator(".modal-ux")
        scheme = dialog.locator(".auth-container").filter(
            has=page.locator("h4", has_text=re.compile(r"^\s*StaffToken\b"))
        )
        scheme.locator("input").fill(token)
        scheme.locator("button.authorize").click()
        expect(scheme.locator("button", has_text="Logout")).to_be_visible()
        dialog.locator("button.btn-done").first.click()

        states = page.locator(".opblock-get").filter(
            has=page.locator(".opblock-summary-path", has_text=re.compile(rf"^{STATES}$"))
        )
        states.locator(".opblock-summary").click()
        states.get_by_role("button", name="Try it out").click()
        states.get_by_role("button", name="Execute").click()
        answer = states.locator(".live-responses-table .response")
        expect(answer.locator(".response-col_status")).to_have_text(re.compile(r"^\s*200"))
        expect(answer.locator(".response-col_description")).to_contain_text("Registered")
