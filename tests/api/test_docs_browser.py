"""``/docs`` in a real browser with the network cut off: Swagger UI loads from this server,
*Authorize* takes the three SoftOne credentials, and the seed example posts from the page.

Every request the page makes to anywhere but 127.0.0.1 is aborted and recorded, so a page
that still needed a CDN would stay blank and the test would also name what it asked for.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import httpx2 as httpx
import pytest

from stampla.service.demo import seed_demo
from stampla.store import migrate
from stampla.store.engine import Store
from tests.serverproc import serving
from tests.web.test_web_browser import browser_page  # noqa: F401 - the shared fixture

pytestmark = pytest.mark.slow

SAVE = "/Personell/Time/TimeStampEntry"


def test_docs_work_offline_and_post_the_seed_example(browser_page, fresh_database_url, clock):  # noqa: F811
    from playwright.sync_api import expect

    store = Store(fresh_database_url)
    migrate.upgrade(store.engine)
    demo = seed_demo(store, clock())
    store.dispose()
    keys = {"companyApiKey": demo.company_api_key, "connectApiKey": demo.connect_api_key}
    page = browser_page
    outside: list[str] = []
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))

    def only_this_machine(route) -> None:
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", only_this_machine)
    with serving(fresh_database_url, STAMPLA_LOGIN_FAILURE_DELAY_SECONDS="0") as base:
        with httpx.Client(base_url=base) as http:
            login = http.post(
                "/Login/Token",
                params=keys,
                json={"UserName": demo.user_name, "Password": demo.password},
            )
        token = login.json()["token"]

        page.goto(base + "/docs")
        expect(page.get_by_role("heading", name=re.compile("^Stampla"))).to_be_visible()

        page.locator("button.authorize").first.click()
        dialog = page.locator(".modal-ux")
        for name, value in (*keys.items(), ("token", token)):
            scheme = dialog.locator(".auth-container").filter(
                has=page.locator("h4", has_text=re.compile(rf"^\s*{name}\b"))
            )
            scheme.locator("input").fill(value)
            scheme.locator("button.authorize").click()
            expect(scheme.locator("button", has_text="Logout")).to_be_visible()
        dialog.locator("button.btn-done").first.click()

        save = page.locator(".opblock-post").filter(
            has=page.locator(".opblock-summary-path", has_text=re.compile(rf"^{SAVE}$"))
        )
        save.locator(".opblock-summary").click()
        save.get_by_role("button", name="Try it out").click()
        save.get_by_role("button", name="Execute").click()
        answer = save.locator(".live-responses-table .response")
        expect(answer.locator(".response-col_status")).to_have_text(re.compile(r"^\s*200"))
        expect(answer.locator(".response-col_description")).to_contain_text('"success": true')

    assert outside == []
    assert problems == []
