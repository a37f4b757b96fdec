"""A real browser on the attest work list: at 1366×768 (a common office laptop) the table
shows every column without scrolling sideways; on a phone (390×844) a tapped day opens right
under its row. Chromium through Playwright, as in ``test_web_browser``."""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import quote

import pytest

from stampla.service import staff
from stampla.service.roles import Role
from tests.attest.conftest import saved
from tests.factories import entry
from tests.serverproc import serving
from tests.web.test_web_attest import lunch_day
from tests.web.test_web_browser import browser_page  # noqa: F401 - the fixture

pytestmark = pytest.mark.slow

VIEW = "/web/attest?month=2025-06&includeEmpty=on"

#: The table's container and every header cell, measured by the browser.
MEASURE = """() => {
  const table = document.querySelector("table.days");
  const box = table.parentElement.getBoundingClientRect();
  return {
    scrollWidth: table.parentElement.scrollWidth,
    clientWidth: table.parentElement.clientWidth,
    pageScrollWidth: document.documentElement.scrollWidth,
    pageWidth: document.documentElement.clientWidth,
    right: box.right,
    columns: [...table.querySelectorAll("thead th")].map((th) => {
      const r = th.getBoundingClientRect();
      const style = getComputedStyle(th);
      return {name: th.textContent.trim(), left: r.left, right: r.right, width: r.width,
              visible: style.visibility !== "hidden" && style.display !== "none"};
    }),
  };
}"""


@pytest.fixture
def punched(api):
    saved(api.post(lunch_day("3002", "2025-06-12")))
    saved(
        api.post(
            [
                entry("3014", "2025-06-11T08:00:00"),
                entry("3014", "2025-06-11T09:00:00"),
                entry("3014", "2025-06-11T17:00:00", "Out"),
            ]
        )
    )


HEADING = {"en": "Attest time", "sv": "Attestera tid"}


def sign_in_at(page, base: str, company, target: str, heading: str = "Attest time") -> None:
    from playwright.sync_api import expect

    page.goto(f"{base}/web/sign-in?next={quote(target, safe='')}")
    page.get_by_label("Company").fill(company.name)
    page.get_by_label("User name").fill(company.staff_name)
    page.get_by_label("Password").fill(company.staff_password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name=heading, level=1)).to_be_visible()


@pytest.mark.parametrize("language", ["en", "sv"])
def test_the_table_fits_1366_with_every_column(
    browser_page,  # noqa: F811
    database_url,
    store,
    clock,
    company,
    punched,
    language,
):
    if language == "sv":  # Swedish words are longer: "Stämplingsstatus", "Schemalagt"
        staff.add_staff_user(store, company.id, "Signe", "svenska-lösen-1", Role.PAYROLL, clock())
        company = replace(company, staff_name="Signe", staff_password="svenska-lösen-1")
    page = browser_page
    page.set_viewport_size({"width": 1366, "height": 768})
    with serving(database_url) as base:
        sign_in_at(page, base, company, VIEW, heading=HEADING[language])
        page.locator("tr.day").first.wait_for()
        found = page.evaluate(MEASURE)
    assert found["scrollWidth"] <= found["clientWidth"], found
    assert found["pageScrollWidth"] <= found["pageWidth"], found
    names = [column["name"] for column in found["columns"]]
    assert len(names) == 10
    if language == "en":
        assert names == ["Date", "Stamping status", "Work", "Break", "Absence", "Scheduled",
                         "Outside", "Difference", "Time codes", "Warnings"]  # fmt: skip
    for column in found["columns"]:
        assert column["visible"] and column["width"] > 20, column
        assert column["right"] <= found["right"] + 0.5, column


def test_on_a_phone_a_tapped_day_opens_under_its_row(
    browser_page,  # noqa: F811
    database_url,
    company,
    punched,
):
    from playwright.sync_api import expect

    browser = browser_page.context.browser
    phone = browser.new_context(
        viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True
    )
    try:
        page = phone.new_page()
        problems: list[str] = []
        page.on("pageerror", lambda error: problems.append(str(error)))
        with serving(database_url) as base:
            sign_in_at(page, base, company, "/web/attest?month=2025-06")
            row = page.locator("tr.day", has_text="Thu 2025-06-12")
            row.locator("td.status").tap()
            panel = page.locator("#day-detail")
            expect(panel.get_by_role("heading", level=2)).to_contain_text("3002")
            expect(panel.get_by_role("heading", level=2)).to_be_visible()
            placed = row.evaluate(
                """(row) => {
                  const panel = document.getElementById("day-detail");
                  const next = row.nextElementSibling;
                  return {next: next && next.contains(panel),
                          top: panel.getBoundingClientRect().top,
                          bottom: row.getBoundingClientRect().bottom,
                          width: panel.getBoundingClientRect().width,
                          rowWidth: row.getBoundingClientRect().width,
                          pageScrollWidth: document.documentElement.scrollWidth,
                          pageWidth: document.documentElement.clientWidth}
                }"""
            )
            assert placed["next"], placed
            assert placed["top"] >= placed["bottom"] - 0.5, placed
            # The row and its panel use the phone's width (not a squeezed column), no more.
            assert 300 <= placed["rowWidth"] <= 390 and 300 <= placed["width"] <= 390, placed
            assert placed["pageScrollWidth"] <= placed["pageWidth"], placed
            # Another day moves the panel under that one.
            other = page.locator("tr.day", has_text="Wed 2025-06-11").filter(has_text="Missing")
            other.locator("td.status").tap()
            expect(panel.get_by_role("heading", level=2)).to_contain_text("3014")
            assert other.evaluate(
                "(row) => row.nextElementSibling.contains(document.getElementById('day-detail'))"
            )
        assert problems == []
    finally:
        phone.close()
