"""Bulk attest from the attest page (review, then confirm) and the Late punches page."""

from __future__ import annotations

from datetime import timedelta

from tests.attest.conftest import saved
from tests.factories import ApiSession, entry
from tests.web.conftest import csrf_of, text

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
