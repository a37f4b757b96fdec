"""Absence registered and cancelled from the attest day panel: CSRF-checked forms over
``service.absence``, audited as the signed-in user, refusals shown on the day's page."""

from __future__ import annotations

import re

import pytest

from stampla.service import masterdata as md
from stampla.service.audit import list_events
from tests.web.conftest import alert, csrf_of, rows, text

DAY = "/web/attest/day?employeeNr=3002&date=2025-06-12"
ATTEST = "/web/attest?dateFrom=2025-06-09&dateTo=2025-06-15&employees=3002&includeEmpty=on"


@pytest.fixture
def codes(store, company, clock) -> None:
    for code in ("Sjuk", "VAB"):
        md.add_time_code(
            store, company.id, {"code": code, "name": code, "kind": "absence"}, clock()
        )


def form(html: str, **fields: str) -> dict[str, str]:
    return {
        "csrf": csrf_of(html),
        "employeeNr": "3002",
        "date": "2025-06-12",
        "back": ATTEST,
        "Note": "Sick, called in",
        **fields,
    }


def test_a_sick_day_from_the_panel_shows_on_the_row_and_goes_when_cancelled(
    web, codes, store, company, clock
):
    html = web.get(
        DAY, headers={"HX-Request": "true", "HX-Current-URL": "http://testserver" + ATTEST}
    ).text
    assert '<option value="Sjuk">' in html and '<option value="VAB">' in html
    assert f'name="back" value="{ATTEST}"'.replace("&", "&amp;") in html
    response = web.post(
        "/web/attest/day/absence",
        data=form(html, TimeCode="Sjuk", Extent="FullDay"),
        follow_redirects=False,
    )
    assert response.status_code == 303 and response.headers["location"] == ATTEST
    (thursday,) = [r for r in rows(web.get(ATTEST).text, "day") if "2025-06-12" in r]
    assert "4:00" in thursday  # the absence column
    page = web.get(DAY).text
    assert "Sjuk: 4:00" in text(page)
    absence_id = re.search(r'name="id" value="(\d+)"', page)[1]
    cancel = {
        "csrf": csrf_of(page),
        "employeeNr": "3002",
        "date": "2025-06-12",
        "id": absence_id,
        "back": ATTEST,
    }
    assert (
        web.post("/web/attest/day/absence/cancel", data=cancel, follow_redirects=False).status_code
        == 303
    )
    assert "None registered on this day." in text(web.get(DAY).text)
    actors = {
        (e.action, e.actor)
        for e in list_events(store, company.id, clock(), entity="absence").events
    }
    assert actors == {
        ("create", f"web:{company.staff_name}"),
        ("cancel", f"web:{company.staff_name}"),
    }


def test_a_refusal_is_shown_on_the_day_page_with_the_form_as_sent(web, codes):
    html = web.get(DAY).text
    sent = form(html, TimeCode="VAB", Extent="Percent", Percent="150", Note="Halvdag")
    response = web.post("/web/attest/day/absence", data=sent)
    assert response.status_code == 400
    assert "Percent" in alert(response.text) and "above 0" in alert(response.text)
    assert 'value="150"' in response.text and 'value="Halvdag"' in response.text
    assert '<option value="VAB" selected>' in response.text
    # A per cent typed while "Full day" is chosen is refused, not silently dropped.
    sent = form(html, TimeCode="Sjuk", Extent="FullDay", Percent="50")
    response = web.post("/web/attest/day/absence", data=sent)
    assert response.status_code == 400
    assert "Percent does not belong to an absence of extent FullDay" in alert(response.text)
    assert 'id="extent-full" name="Extent" value="FullDay" checked' in response.text


def test_without_the_csrf_token_nothing_is_registered(web, codes, store, company, clock):
    html = web.get(DAY).text
    sent = form(html, TimeCode="Sjuk")
    sent.pop("csrf")
    assert web.post("/web/attest/day/absence", data=sent).status_code == 403
    assert list_events(store, company.id, clock(), entity="absence").events == []


def test_back_never_leads_to_another_site(web, codes):
    html = web.get(DAY).text
    sent = form(html, TimeCode="Sjuk", back="https://evil.example/web/attest")
    response = web.post("/web/attest/day/absence", data=sent, follow_redirects=False)
    assert response.headers["location"] == "/web/attest/day?employeeNr=3002&date=2025-06-12"


def test_absence_from_the_panel_needs_a_reason(web, codes):
    html = web.get(DAY).text
    sent = form(html, TimeCode="Sjuk", Extent="FullDay", Note="  ")
    response = web.post("/web/attest/day/absence", data=sent, follow_redirects=False)
    assert response.status_code == 400
    assert "needs a reason" in alert(response.text)
    assert "None registered on this day." in text(web.get(DAY).text)
