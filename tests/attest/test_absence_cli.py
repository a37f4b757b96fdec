"""``stampla absence …`` on the database the API reads: what the commands register is what
AttestTime reports, and mistakes exit 1 naming the field."""

from __future__ import annotations

from stampla.service import masterdata as md

HOUR = 3600


def test_absence_added_listed_changed_and_cancelled_from_the_command_line(
    cli, api, attest, store, clock
):
    for code in ("Sjuk", "VAB"):
        md.add_time_code(
            store, api.company.id, {"code": code, "name": code, "kind": "absence"}, clock()
        )
    added = cli(
        "absence", "add", "3002", "sjuk", "2025-06-12", "--to", "2025-06-13", "--note", "Feber"
    )
    assert "3002 Sjuk 2025-06-12..2025-06-13, full day." in added
    (made,) = cli.json("absence", "list", "3002")
    assert attest.day("2025-06-13")["absence"] == [{"code": "Sjuk", "seconds": 4 * HOUR}]
    listed = cli("absence", "list", "--from", "2025-06-13")
    assert f"{made['id']} 3002 Sjuk 2025-06-12 2025-06-13 full day Feber" in listed
    changed = cli("absence", "change", str(made["id"]), "--percent", "50")
    assert "50 %" in changed
    assert attest.day("2025-06-13")["absence"] == [{"code": "Sjuk", "seconds": 2 * HOUR}]
    cli("absence", "add", "3002", "VAB", "2025-06-16", "--from", "08:00", "--until", "10:00")
    assert attest.day("2025-06-16")["absence"] == [{"code": "VAB", "seconds": 2 * HOUR}]
    assert "is cancelled" in cli("absence", "cancel", str(made["id"]), "--note", "Fel dag")
    rows = attest.rows("2025-06-12", "2025-06-13", employeeNrsString="3002")
    assert all(not row["absence"] for row in rows)
    assert len(cli.json("absence", "list", "3002")) == 1
    assert len(cli.json("absence", "list", "3002", "--cancelled")) == 2


def test_absence_mistakes_exit_1_naming_the_field(cli, api, store, clock):
    md.add_time_code(
        store, api.company.id, {"code": "Sjuk", "name": "Sjuk", "kind": "absence"}, clock()
    )
    refused = cli("absence", "add", "3002", "OB 50%", "2025-06-12", code=1)
    assert "TimeCode" in refused and "kind attendance" in refused
    assert "does not exist" in cli("absence", "add", "9999", "Sjuk", "2025-06-12", code=1)
    assert "FirstDate must be a date" in cli("absence", "add", "3002", "Sjuk", "igår", code=1)
    assert "does not exist" in cli("absence", "cancel", "4711", code=1)
