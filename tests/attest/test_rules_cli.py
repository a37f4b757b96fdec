"""``stampla rules …`` on the database the API reads: a rule set saved from a file is what
AttestTime applies; shown, it is the document ``set`` takes back."""

from __future__ import annotations

import json
from datetime import date, timedelta

from stampla.domain.rules.codec import rule_set_document
from stampla.domain.rules.handels import HOURLY
from tests.factories import entry

from .conftest import saved
from .test_attest_time_rules import admin  # noqa: F401  (a fixture)

EVENINGS = {"windows": [rule_set_document(HOURLY)["windows"][3]]}


def test_a_rule_set_from_a_file_earns_its_codes(cli, api, attest, tmp_path):  # noqa: F811
    rules = tmp_path / "kväll.json"
    rules.write_text(json.dumps(EVENINGS, ensure_ascii=False), encoding="utf-8")
    refused = cli(
        "rules", "set", "timavlönad", "--from", "2025-06-01", "--file", str(rules), code=1
    )
    assert "AllowPast" in refused  # 2025 is past: changing it needs saying so
    printed = cli(
        "rules", "set", "timavlönad", "--from", "2025-06-01", "--file", str(rules), "--allow-past"
    )
    assert printed == "Rule set of 'timavlönad' from 2025-06-01 added."
    saved(
        api.post(
            [
                entry(time_stamp="2025-06-10T17:00:00"),
                entry(time_stamp="2025-06-10T21:00:00", kind="Out"),
            ]
        )
    )
    row = attest.day("2025-06-10")
    assert [(t["code"], t["seconds"], t["source"]) for t in row["timeScheduleTypes"]] == [
        ("OB 50%", 105 * 60, "Rule")
    ]
    assert "OB 50%: Mon, Tue, Wed, Thu, Fri 18:15–20:00" in cli("rules", "list")
    assert json.loads(cli("rules", "show", "TIMAVLÖNAD")) == EVENINGS


def test_rules_naming_unknown_codes_fail_naming_them(cli, tmp_path):  # noqa: F811
    rules = tmp_path / "r.json"
    rules.write_text(json.dumps({"windows": [{**EVENINGS["windows"][0], "code": "Ö-tid"}]}))
    printed = cli(
        "rules",
        "set",
        "Timavlönad",
        "--from",
        "2025-06-01",
        "--file",
        str(rules),
        "--allow-past",
        code=1,
    )
    assert "Ö-tid" in printed
    assert "no rule sets" in cli("rules", "list").lower() or "Timavlönad" not in cli(
        "rules", "list"
    )


def test_a_file_that_is_not_json_is_refused(cli, tmp_path):  # noqa: F811
    rules = tmp_path / "r.json"
    rules.write_bytes(b"\xff windows")
    assert "not a JSON document" in cli(
        "rules", "set", "X", "--from", "2025-06-01", "--file", str(rules), code=1
    )


def test_the_atl_report_flags_the_days_past_the_overtime_limits(cli, api, admin):  # noqa: F811
    """Ten weekdays of 13 hours on a 4:00 day: 3:39 mertid and 5:21 overtime each. The ninth
    (48:09 in four weeks) passes 48 h; the tenth (53:30) passes 50 h in the month too."""
    days = [date(2025, 6, 2) + timedelta(days=n) for n in range(12) if n % 7 < 5]
    stamps = []
    for day in days:
        stamps += [
            entry(time_stamp=f"{day}T06:00:00"),
            entry(time_stamp=f"{day}T19:00:00", kind="Out"),
        ]
    saved(api.post(stamps))
    found = cli.json("atl-report", "--from", "2025-06-01", "--to", "2025-06-30")
    assert [(f["employeeNr"], f["date"], f["code"]) for f in found] == [
        ("3002", "2025-06-12", "OvertimeFourWeeks"),
        ("3002", "2025-06-13", "OvertimeFourWeeks"),
        ("3002", "2025-06-13", "OvertimeMonth"),
    ]
    assert "53 h 30 min of general overtime in the calendar month" in found[2]["message"]
    printed = cli("atl-report", "--from", "2025-06-13", "--to", "2025-06-13", "--employee", "3002")
    assert "OvertimeMonth" in printed and "2025-06-12" not in printed


def test_the_atl_report_flags_short_daily_rest_without_any_rules(cli, api):  # noqa: F811
    saved(
        api.post(
            [
                entry("3014", time_stamp="2025-06-10T14:00:00"),
                entry("3014", time_stamp="2025-06-10T22:00:00", kind="Out"),
                entry("3014", time_stamp="2025-06-11T06:00:00"),
                entry("3014", time_stamp="2025-06-11T12:00:00", kind="Out"),
            ]
        )
    )
    found = cli.json("atl-report", "--from", "2025-06-09", "--to", "2025-06-15")
    assert [(f["employeeNr"], f["date"], f["code"]) for f in found] == [
        ("3014", "2025-06-11", "DailyRest")
    ]
    assert "only 8 h of rest" in found[0]["message"]
