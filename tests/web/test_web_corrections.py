"""Punch corrections from the attest day panel: change, void and add, each with a reason;
the original struck through with its correction, the Activity tab listing who, when, what
and why, and a correction without a reason refused on the page."""

from __future__ import annotations

import re

from stampla.service.audit import list_events
from tests.attest.conftest import saved
from tests.factories import entry
from tests.web.conftest import alert, csrf_of, rows, text

DAY = "/web/attest/day?employeeNr=3002&date=2025-06-12"
ATTEST = "/web/attest?dateFrom=2025-06-09&dateTo=2025-06-15&employees=3002"


def form(html: str, **fields: str) -> dict[str, str]:
    return {
        "csrf": csrf_of(html),
        "employeeNr": "3002",
        "date": "2025-06-12",
        "back": ATTEST,
        **fields,
    }


def was(html: str, punch_id: int) -> dict[str, str]:
    """The change form's shown values of one punch, as the browser sends them back."""
    block = html[html.index(f'name="punch_id" value="{punch_id}"') :]
    found = dict(re.findall(r'name="was_(\w+)" value="([^"]*)"', block[:3000]))
    return {**{f"was_{k}": v for k, v in found.items()}, **found}


def test_change_a_punch_strikes_the_original_through(web, api, store, company, clock):
    opened, closed = saved(
        api.post(
            [
                entry(time_stamp="2025-06-12T08:00"),
                entry(time_stamp="2025-06-12T16:00", kind="Out"),
            ]
        )
    )
    html = web.get(DAY).text
    sent = form(html, kind="change", punch_id=str(closed), **was(html, closed))
    sent.update(time="15:00", reason="Left at three, per manager")
    response = web.post("/web/attest/day/corrections", data=sent, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == ATTEST
    (thursday,) = [r for r in rows(web.get(ATTEST).text, "day") if "2025-06-12" in r]
    assert "7:00" in thursday
    page = web.get(DAY).text
    (struck,) = rows(page, "superseded")
    (why,) = rows(page, "superseded-by")
    assert "16:00" in struck and "Left at three, per manager" in why
    assert re.search(rf'<tr class="superseded" id="punch-{closed}">.*?<del>16:00</del>', page, re.S)
    assert "Activity (1)" in text(page)
    (listed,) = rows(page, "correction")
    assert f"Changed punch #{closed}" in listed and "web:" in listed and "per manager" in listed
    (event,) = list_events(store, company.id, clock(), entity="punch_correction").events
    assert event.actor == f"web:{company.staff_name}" and event.note == "Left at three, per manager"


def test_void_and_add_from_the_panel(web, api):
    (opened,) = saved(api.post([entry(time_stamp="2025-06-12T08:00")]))
    html = web.get(DAY).text
    added = form(html, kind="add", time="17:00", entry_type="Out", reason="Forgot to stamp out")
    assert (
        web.post("/web/attest/day/corrections", data=added, follow_redirects=False).status_code
        == 303
    )
    page = web.get(DAY).text
    assert "MissingOut" not in text(page)
    void = form(page, kind="void", punch_id=str(opened), reason="Wrong employee")
    assert (
        web.post("/web/attest/day/corrections", data=void, follow_redirects=False).status_code
        == 303
    )
    page = web.get(DAY).text
    (struck,) = rows(page, "superseded")
    (why,) = rows(page, "superseded-by")
    assert "08:00" in struck and "Voided by" in why and "Wrong employee" in why
    assert len(rows(page, "correction")) == 2


def test_a_correction_without_a_reason_is_refused_on_the_page(web, api):
    (opened,) = saved(api.post([entry(time_stamp="2025-06-12T08:00")]))
    html = web.get(DAY).text
    void = form(html, kind="void", punch_id=str(opened), reason="   ")
    response = web.post("/web/attest/day/corrections", data=void, follow_redirects=False)
    assert response.status_code == 400
    assert "needs a reason" in alert(response.text)
    assert rows(web.get(DAY).text, "superseded") == []


def test_a_correction_without_the_csrf_token_is_refused(web, api):
    (opened,) = saved(api.post([entry(time_stamp="2025-06-12T08:00")]))
    html = web.get(DAY).text
    void = {**form(html, kind="void", punch_id=str(opened), reason="x"), "csrf": "0" * 32}
    response = web.post("/web/attest/day/corrections", data=void, follow_redirects=False)
    assert response.status_code == 403
    assert rows(web.get(DAY).text, "superseded") == []
