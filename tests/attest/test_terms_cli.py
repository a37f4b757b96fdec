"""``stampla employee terms …`` and ``stampla employee update --valid-from``: terms from the
command line, on the database AttestTime reads."""

from __future__ import annotations

HOUR = 3600


def test_terms_from_the_command_line(cli, attest, api):
    from tests.factories import entry

    punches = [
        entry(time_stamp="2025-06-12T08:00:00"),
        entry(time_stamp="2025-06-12T12:00:00", kind="Out"),
    ]
    assert api.post(punches).status_code == 200
    assert attest.day("2025-06-12")["expectedSeconds"] == 4 * HOUR
    added = cli("employee", "terms", "add", "3002", "2025-06-12", "--weekly-hours", "40:00")
    assert "Employee 3002: terms from 2025-06-12 added (40:00 weekly hours)." in added
    assert attest.day("2025-06-12")["expectedSeconds"] == 8 * HOUR
    cli("employee", "update", "3002", "--hire-date", "2025-01-01")
    cli("employee", "update", "3002", "--weekly-hours", "20:00", "--valid-from", "2025-06-13")
    listed = cli.json("employee", "terms", "list", "3002")
    assert [(t["validFrom"], t["weeklyHours"]) for t in listed] == [
        ("1900-01-01", "20:00"),
        ("2025-06-12", "40:00"),
        ("2025-06-13", "20:00"),
    ]
    changed = cli("employee", "terms", "change", "3002", "2025-06-13", "--overtime", "Comp")
    assert "terms from 2025-06-13 changed" in changed
    table = cli("employee", "terms", "list", "3002")
    assert "2025-06-13 20:00 52.29 Timavlönad Permanent Position Comp no yes" in table
    refused = cli("employee", "terms", "add", "3002", "2024-12-31", "--rate", "50", code=1)
    assert "ValidFrom 2024-12-31 is before the hire date 2025-01-01" in refused
    assert "a term from 2025-06-13 exists" in cli(
        "employee", "terms", "add", "3002", "2025-06-13", "--rate", "50", code=1
    )
