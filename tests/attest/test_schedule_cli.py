"""``stampla schedule …`` on the database the API reads: templates, assignments, overrides
and the week, then AttestTime against what the commands set up."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from tests.factories import entry

from .conftest import saved

runner = CliRunner()

DAY = "08:00-17:00 /12:00-13:00"
OFFICE = ";".join([DAY] * 5 + ["-", "-"])
SHOP_WEEK = json.dumps([[{"start": "10:00", "stop": "14:00", "accountNr": "100"}], *["-"] * 6])


def test_a_schedule_set_up_from_the_command_line_is_what_attest_compares(cli, api, attest):
    printed = cli(
        "schedule", "template", "add", "Kontor", "--week", OFFICE, "--description", "Dagtid"
    )
    assert "Schedule template 'Kontor' added." in printed
    cli(
        "schedule", "template", "add", "Natt",
        "--week", "-;-;-;-;22:00-06:00 /02:00-02:30;-;-",
        "--week", SHOP_WEEK,
        "--works-on-holidays", "ja",
    )  # fmt: skip
    listed = cli("schedule", "template", "list")
    assert "Kontor 1 40:00 no Dagtid" in listed and "Natt 2 7:30 / 4:00 yes" in listed
    shown = cli("schedule", "template", "show", "natt")
    assert "22:00-06:00 /02:00-02:30" in shown and "10:00-14:00 account 100" in shown
    assert cli("schedule", "assign", "3002", "KONTOR", "--from", "2025-06-02") == (
        "Employee 3002 follows 'Kontor' from 2025-06-02 until further notice."
    )
    cli("schedule", "assign", "3014", "Natt", "--from", "2025-06-02", "--start-week", "2")
    printed = cli("schedule", "override", "3002", "2025-06-13", "-", "--note", "Kompledig")
    assert printed == "Employee 3002 on 2025-06-13: day off."
    saved(
        api.post(
            [
                entry("3002", "2025-06-12T08:10:00", "In"),
                entry("3002", "2025-06-12T17:00:00", "Out"),
                entry("3002", "2025-06-13T10:00:00", "In"),
                entry("3002", "2025-06-13T12:00:00", "Out"),
            ]
        )
    )
    thursday, friday = attest.rows("2025-06-12", "2025-06-13", employeeNrsString="3002")
    assert [w["code"] for w in thursday["warnings"]] == ["LateIn"]
    assert (thursday["workInsideScheduleSeconds"], thursday["expectedSeconds"]) == (28200, 28800)
    assert [w["code"] for w in friday["warnings"]] == ["Unscheduled"]
    # 3014 starts in week 2 of Natt: Monday 10:00-14:00; the week after, Friday's night.
    week = cli("schedule", "week", "3014", "--week", "2025-06-04")
    assert "10:00-14:00" in week and "account 100" in week and "(Natt, week 2/2)" in week
    assert "Scheduled this week: 4:00" in week
    night = cli("schedule", "week", "3014", "--week", "2025-06-09")
    assert "22:00-06:00" in night and "break 02:00-02:30" in night
    assert "Scheduled this week: 7:30" in night


def test_assignments_end_and_are_removed_and_overrides_listed_and_removed(cli):
    cli("schedule", "template", "add", "Kontor", "--week", OFFICE)
    cli("schedule", "template", "add", "Sommar", "--week", "08:00-15:00;" * 4 + "-;-;-")
    cli("schedule", "assign", "3002", "Kontor", "--from", "2025-06-02")
    printed = cli("schedule", "assign", "3002", "Sommar", "--from", "2025-06-23")
    assert "The assignment of 'Kontor' from 2025-06-02 now ends 2025-06-22." in printed
    listed = cli("schedule", "assignments", "3002")
    assert "Kontor 2025-06-02 2025-06-22 1 of 1" in listed
    assert "Sommar 2025-06-23 until further notice" in listed
    assert cli("schedule", "end", "3002", "2025-08-17") == (
        "The assignment of 'Sommar' from 2025-06-23 ends 2025-08-17."
    )
    reopened = cli.json("schedule", "end", "3002", "", "--from", "2025-06-23")
    assert reopened["validTo"] is None
    cli("schedule", "unassign", "3002", "2025-06-23")
    assert [a["template"] for a in cli.json("schedule", "assignments")] == ["Kontor"]
    cli("schedule", "override", "3002", "2025-06-12", "12:00-20:00 /16:00-16:30")
    replaced = cli("schedule", "override", "3002", "2025-06-12", "13:00-21:00 /17:00-17:30")
    assert replaced.endswith("(replacing the override it had).")
    listed = cli("schedule", "overrides", "3002", "--from", "2025-06-01", "--to", "2025-06-30")
    assert "2025-06-12 Thu 13:00-21:00 /17:00-17:30 7:30" in listed
    cli("schedule", "remove-override", "3002", "2025-06-12")
    assert cli.json("schedule", "overrides") == []
    trail = cli("audit", "--entity", "schedule_override")
    assert 'shifts: "12:00-20:00 /16:00-16:30" → "13:00-21:00 /17:00-17:30"' in trail
    trail = cli("audit", "--entity", "schedule_assignment")
    assert 'validTo: ∅ → "2025-06-22"' in trail and 'validTo: "2025-08-17" → ∅' in trail
    assert "delete" in trail
    trail = cli("audit", "--entity", "schedule_template")
    assert 'name: ∅ → "Sommar"' in trail and '"08:00-15:00;08:00-15:00;' in trail


def test_command_line_mistakes_exit_1_naming_the_field(cli):
    refused = cli(
        "schedule", "template", "add", "Fel", "--week", "08:00-17:00 /07:00-08:00", code=1
    )
    assert "Weeks[1]: a week has 7 days, Monday to Sunday; this one has 1" in refused
    week = ";".join(["08:00-17:00 /07:00-08:00"] + ["-"] * 6)
    refused = cli("schedule", "template", "add", "Fel", "--week", week, code=1)
    assert "Weeks[1].Monday: the break 07:00-08:00 is not inside the shift 08:00-17:00" in refused
    assert "Weeks is required" in cli("schedule", "template", "add", "Fel", code=1)
    cli("schedule", "template", "add", "Kontor", "--week", OFFICE)
    unknown = cli("schedule", "assign", "3002", "Okänd", "--from", "2025-06-02", code=1)
    assert "Schedule template 'Okänd' does not exist in this company" in unknown
    early = cli("schedule", "assign", "3002", "Kontor", "--from", "1999-06-02", code=1)
    assert "ValidFrom 1999-06-02 is before 2000-01-01" in early
    week2 = cli(
        "schedule", "assign", "3002", "Kontor", "--from", "2025-06-02", "--start-week", "2", code=1
    )
    assert "StartWeek 2: schedule template 'Kontor' has 1 week" in week2
    assert "follows no schedule on 2025-06-02" in cli(
        "schedule", "end", "3002", "2025-06-02", code=1
    )
    bad = cli("schedule", "override", "3002", "2025-06-12", "12:00-20:00 /21:00-21:30", code=1)
    assert "Shifts: the break 21:00-21:30 is not inside the shift 12:00-20:00" in bad
    assert "does not exist" in cli("schedule", "week", "9999", code=1)
    assert "--week must be a date" in cli("schedule", "week", "3002", "--week", "igår", code=1)
