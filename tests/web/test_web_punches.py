"""The punches page: stored punches of a range, as received, filterable by employee."""

from __future__ import annotations

import re
from datetime import timedelta

from tests.attest.conftest import saved
from tests.factories import entry
from tests.web.conftest import alert, rows, text


def listed(html: str) -> list[str]:
    (body,) = re.findall(r'<table class="punch-list">.*?<tbody>(.*?)</tbody>', html, re.S)
    return [text(row) for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)]


def test_the_weeks_punches_with_terminal_and_received_time(web, friday, api):
    ids = saved(
        api.post(
            [
                entry("3014", "2025-06-12T07:00:00Z", AccountNr="1000", SieAccountDim=30),
                entry("3002", "2025-06-10T08:00:00+02:00", terminal=1, IsBreak=False),
                entry("3002", "2025-06-10T12:00:00", "Out", terminal=1),
            ]
        )
    )
    page = web.get("/web/punches").text
    assert 'name="dateFrom" value="2025-06-09"' in page
    # Received now: the clock stands on Friday 2025-06-13 10:00 UTC, 12:00 in Stockholm.
    assert listed(page) == [
        f"3002 2025-06-10 08:00 In 1 2025-06-10T08:00:00+02:00 2025-06-13 12:00 {ids[1]}",
        f"3002 2025-06-10 12:00 Out 1 2025-06-10T12:00:00 2025-06-13 12:00 {ids[2]}",
        f"3014 2025-06-12 09:00 In 7255 1000 (SIE 30) 2025-06-12T07:00:00Z 2025-06-13 12:00 "
        f"{ids[0]}",
    ]
    assert "3 punches from 2025-06-09 to 2025-06-15" in text(page)


def test_punches_can_be_filtered_by_employee(web, friday, api):
    saved(api.post([entry("3014", "2025-06-12T07:00:00Z"), entry("3002", "2025-06-12T07:00:00Z")]))
    page = web.get("/web/punches", params={"employees": "3014"}).text
    assert [row.split()[0] for row in listed(page)] == ["3014"]


def test_time_codes_and_breaks_are_shown(web, friday, api):
    saved(
        api.post(
            [
                entry(
                    "3002",
                    "2025-06-12T12:00:00",
                    "Out",
                    IsBreak=True,
                    TimeScheduleTypes=[{"TimeScheduleTypeCode": "OB 50%"}],
                )
            ]
        )
    )
    (row,) = listed(web.get("/web/punches").text)
    assert "12:00 Out Break 7255 OB 50%" in row


def test_no_punches_says_so(web, friday):
    assert "No punches from 2025-06-09 to 2025-06-15." in text(web.get("/web/punches").text)


def test_bad_input_is_a_4xx_on_the_page(web, friday):
    response = web.get("/web/punches", params={"dateFrom": "yesterday"})
    assert response.status_code == 400
    assert "From: 'yesterday' is not a date" in alert(response.text)
    response = web.get("/web/punches", params={"employees": "nobody"})
    assert response.status_code == 400
    assert "employee 'nobody' does not exist" in alert(response.text)


def corrected_week(api, clock) -> dict[str, int]:
    """An In and an Out, then, half an hour later, a replaceDays correction that re-sends the In
    with an account and leaves the Out out."""
    old_in, out = saved(
        api.post(
            [entry("3002", "2025-06-12T08:00:00"), entry("3002", "2025-06-12T16:00:00", "Out")]
        )
    )
    clock.now += timedelta(minutes=30)
    (new_in,) = saved(
        api.post(
            [entry("3002", "2025-06-12T08:00:00", AccountNr="100", SieAccountDim=50)],
            replaceDays=True,
        )
    )
    return {"old_in": old_in, "out": out, "new_in": new_in}


def test_superseded_punches_are_counted_but_not_listed_by_default(web, friday, api):
    ids = corrected_week(api, friday)
    page = web.get("/web/punches").text
    assert listed(page) == [
        f"3002 2025-06-12 08:00 In 7255 100 (SIE 50) 2025-06-12T08:00:00 2025-06-13 12:30 "
        f"{ids['new_in']}"
    ]
    assert rows(page, "superseded") == []
    assert "Superseded</th>" not in page
    assert "2 superseded punches of this range are not listed. Show them" in text(page)
    link = 'href="/web/punches?dateFrom=2025-06-09&amp;dateTo=2025-06-15&amp;superseded=on"'
    assert link in page
    assert "1 punch from 2025-06-09 to 2025-06-15" in text(page)


def test_superseded_punches_are_struck_through_beside_their_successor(web, friday, api):
    ids = corrected_week(api, friday)
    page = web.get("/web/punches", params={"superseded": "on"}).text
    (batch,) = {
        p["supersededByBatchId"] for p in api.stored("2025-06-12", includeSuperseded=True)
    } - {None}
    assert 'id="superseded" name="superseded" checked' in page
    assert rows(page, "superseded") == [
        f"3002 2025-06-12 08:00 In 7255 2025-06-12T08:00:00 2025-06-13 12:00 {ids['old_in']} "
        f"2025-06-13 12:30, by punch {ids['new_in']}",
        f"3002 2025-06-12 16:00 Out 7255 2025-06-12T16:00:00 2025-06-13 12:00 {ids['out']} "
        f"2025-06-13 12:30, left out by batch {batch}",
    ]
    body = re.search(r"<tbody>(.*?)</tbody>", page, re.S)[1]
    order = re.findall(r'<td>(\d+)</td>\s*<td class="replaced">', body)
    assert order == [str(ids["old_in"]), str(ids["new_in"]), str(ids["out"])]
    assert "1 punch from 2025-06-09 to 2025-06-15, and 2 superseded" in text(page)
    assert "superseded=on" in re.search(r'href="([^"]+)" rel="next"', page)[1]
    css = web.get("/web/static/style.css").text
    assert ".punch-list tr.superseded td:not(.replaced) { text-decoration: line-through;" in css
