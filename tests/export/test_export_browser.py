"""Chromium on a real ``stampla serve``: payroll opens the export page, previews, downloads,
and the downloaded file validates against PAXml 2.0."""

from __future__ import annotations

import pytest

from stampla.service import demo
from stampla.service.export.paxml import validation_problems
from tests.serverproc import serving
from tests.web.test_web_browser import browser_page  # noqa: F401 - the fixture

from .test_export_demo import FIRST, LAST, month  # noqa: F401 - the fixture

pytestmark = pytest.mark.slow


def test_payroll_previews_and_downloads_a_valid_file(browser_page, month, fresh_database_url):  # noqa: F811
    from playwright.sync_api import expect

    page = browser_page
    with serving(fresh_database_url) as base:
        page.goto(base + "/")
        page.get_by_label("Company").fill(demo.COMPANY_NAME)
        page.get_by_label("User name").fill("payroll")
        page.get_by_label("Password").fill(demo.STAFF_PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.get_by_role("link", name="Löneexport").click()  # the demo staff read Swedish
        expect(page.get_by_role("heading", name="Löneexport", level=1)).to_be_visible()
        page.get_by_label("Från").fill(str(FIRST))
        page.get_by_label("Till", exact=True).fill(str(LAST))
        page.get_by_label("Format").select_option("paxml")
        page.get_by_role("button", name="Förhandsgranska").click()
        totals = page.locator("table.export-totals")
        expect(totals).to_contain_text("OB1")
        expect(totals).to_contain_text("SJK")
        with page.expect_download() as caught:
            page.get_by_role("button", name="Exportera och ladda ner").click()
        download = caught.value
        assert download.suggested_filename == f"loneunderlag-{FIRST}-{LAST}.xml"
        content = open(download.path(), "rb").read()
        assert validation_problems(content) == []
        page.goto(base + "/web/payroll-export")
        expect(page.locator("table.export-runs tr.run")).to_have_count(1)
