"""/web/presence: who is in now, from each employee's last stamp."""

from __future__ import annotations

import re
from datetime import timedelta

from tests.attest.conftest import saved
from tests.factories import entry
from tests.web.conftest import text


def board(html: str) -> list[str]:
    found = re.findall(r'<table class="presence">.*?<tbody>(.*?)</tbody>', html, re.S)
    if not found:
        return []
    return [text(row) for row in re.findall(r"<tr>(.*?)</tr>", found[0], re.S)]


def test_the_board_lists_who_is_in_and_on_break(web, api, clock):
    now = clock()

    def at(hours_ago: float) -> str:
        return (now - timedelta(hours=hours_ago)).strftime("%Y-%m-%dT%H:%M:%SZ")

    assert board(web.get("/web/presence").text) == []
    saved(
        api.post(
            [
                entry("3002", at(3), "In"),
                entry("3014", at(3), "In"),
                entry("3014", at(1), "Out", IsBreak=True),
                entry("3015", at(4), "In"),
                entry("3015", at(2), "Out"),
            ]
        )
    )
    page = web.get("/web/presence")
    assert page.status_code == 200
    listed = board(page.text)
    assert [row.split()[0] for row in listed] == ["3014", "3002"]  # by name: Douglas, Jacob
    assert listed[0].endswith("On break") and listed[1].endswith("In")
