"""Bulk attest from the attest page (review, then confirm) and the Late punches page."""

from __future__ import annotations

from datetime import timedelta

from tests.attest.conftest import saved
from tests.factories import ApiSession, entry
from tests.web.conftest import csrf_of, rows, text

ATTEST = "/web/attest?dateFrom=2025-06-12&dateTo=2025-06-13&employees=3002,3014"


def test_bulk_attest_reviews_then_moves_and_a_late_punch_is_listed_and_dismissed(
    web, client, company, clock
):
    api = ApiSession.login(client, company)
    saved(api.post([entry("3002", "2025-06-12T08:00:00", "In"),
                    entry("3002", "2025-06-12T16:00:00", "Out"),
                    entry("3014", "2025-06-12T08:00:00", "In")]))  # fmt: skip
    page = web.get(ATTEST).text
    assert "Attest the days shown" in text(page)
    form = {"csrf": csrf_of(page), "employees": "3002,3014", "dateFrom": "2025-06-12",
            "dateTo": "2025-06-12", "toState": "Approved", "reason": ""}  # fmt: skip
    review = web.post("/web/attest/transition", data=form)
    assert review.status_code == 200, review.text
    said = text(review.text)
    assert "1 day will move to Approved; 1 skipped" in said and "open warnings" in said
    assert "Approved" not in text(web.get(ATTEST).text).split("Attest the days shown")[0]
    done = web.post("/web/attest/transition", data={**form, "confirm": "1"})
    assert "1 day moved to Approved" in text(done.text)
    assert "Approved 🔒" in text(web.get(ATTEST).text)
    clock.advance(timedelta(minutes=1))
    (late,) = saved(api.post([entry("3002", "2025-06-12T18:00:00", "In")]))
    listed = web.get("/web/attest/late-punches").text
    assert f'data-punch="{late}"' in listed and "Approved" in text(listed)
    dismissed = web.post(
        "/web/attest/late-punches/dismiss",
        data={"csrf": csrf_of(listed), "punchId": str(late), "reason": "Provstämpling"},
        follow_redirects=False,
    )
    assert dismissed.status_code == 303
    assert "No late punches" in text(web.get("/web/attest/late-punches").text)
    assert "Provstämpling" in text(web.get("/web/attest/late-punches?dismissed=1").text)


def test_without_the_csrf_token_no_day_moves(web, client, company):
    api = ApiSession.login(client, company)
    saved(api.post([entry("3002", "2025-06-12T08:00:00", "In"),
                    entry("3002", "2025-06-12T16:00:00", "Out")]))  # fmt: skip
    form = {"employees": "3002", "dateFrom": "2025-06-12", "dateTo": "2025-06-12",
            "toState": "Attested", "confirm": "1"}  # fmt: skip
    assert web.post("/web/attest/transition", data=form).status_code in (400, 403)
    assert "Attested" not in text(web.get(ATTEST).text).split("Attest the days shown")[0]


def test_problem_days_lists_the_month_company_wide_in_words(web, client, company):
    api = ApiSession.login(client, company)
    saved(api.post([entry("3002", "2025-06-12T08:00:00", "In"),
                    entry("3014", "2025-06-13T08:00:00", "In"),
                    entry("3014", "2025-06-13T16:00:00", "Out")]))  # fmt: skip
    page = web.get("/web/attest/problems?month=2025-06")
    assert page.status_code == 200, page.text
    listed = rows(page.text, "problem-day")
    assert any("3002" in row and "Missing Out" in row for row in listed), listed
    assert not any("3014" in row and "13" in row.split()[1] for row in listed)
    assert 'href="/web/attest/problems?month=2025-05"' in page.text
    assert 'href="/web/attest/problems?month=2025-07"' in page.text
    assert web.get("/web/attest/problems?month=juni").status_code == 400
    assert web.get("/web/attest/problems?month=0001-01").status_code == 400
