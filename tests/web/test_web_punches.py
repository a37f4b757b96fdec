"""The punches page: stored punches of a range, as received, filterable by employee."""

from __future__ import annotations

import re

from tests.attest.conftest import saved
from tests.factories import entry
from tests.web.conftest import alert, text


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
