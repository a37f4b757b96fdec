"""``stampla attest`` and ``stampla attest-settings`` against the database the API writes to."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from stampla.cli.main import app
from stampla.settings import get_settings
from tests.factories import entry

runner = CliRunner()

DAY = [
    entry(
        "3002", "2025-06-12T08:00:00", "In", TimeScheduleTypes=[{"TimeScheduleTypeCode": "OB 50%"}]
    ),
    entry("3002", "2025-06-12T12:00:00", "Out", IsBreak=True),
    entry("3002", "2025-06-12T12:30:00", "In", IsBreak=True, AccountNr="100", SieAccountDim=50),
    entry("3002", "2025-06-12T16:30:00", "Out"),
    entry("3002", "2025-06-13T08:00:00", "In"),
    entry("3002", "2025-06-13T09:00:00", "In"),
]


@pytest.fixture
def cli(database_url, monkeypatch):
    """Runs ``stampla …`` on the database the ``api`` fixture writes to."""
    monkeypatch.setenv("STAMPLA_DATABASE_URL", database_url)
    monkeypatch.setenv("COLUMNS", "160")  # Rich reads it on every print; restored after
    get_settings.cache_clear()

    def run(*args: str, code: int = 0) -> str:
        result = runner.invoke(app, list(args))
        assert result.exit_code == code, result.output
        return result.output if code == 0 else " ".join(result.output.split())

    yield run
    get_settings.cache_clear()


def test_json_is_exactly_what_the_api_answers(api, attest, cli, company):
    api.post(DAY)
    printed = cli(
        "attest",
        "3002",
        "--from",
        "2025-06-12",
        "--to",
        "2025-06-13",
        "--company",
        company.name,
        "--json",
    )
    assert json.loads(printed) == attest.rows("2025-06-12", "2025-06-13", employeeNrsString="3002")


def test_the_table_shows_spans_totals_and_warnings_in_local_time(api, cli, company):
    api.post(DAY)
    out = cli(
        "attest", "3002", "--from", "2025-06-12", "--to", "2025-06-13", "--company", str(company.id)
    )
    assert "2025-06-12 Thu" in out and "Complete" in out
    assert "08:00–12:00 work" in out and "12:00–12:30 break" in out
    assert "8:00" in out and "0:30" in out and "4:00" in out  # work, break, expected
    assert "time code OB 50%: 4:00" in out
    assert "account 100 (level 2, SIE 50): 4:00" in out
    assert "2025-06-13  MissingOut: In at 2025-06-13 08:00 is followed by another In" in out
    assert "InvalidSequenceOfStamps" in out


def test_include_empty_lists_days_without_punches(api, cli, company):
    out = cli(
        "attest",
        "3015",
        "--from",
        "2025-06-14",
        "--to",
        "2025-06-16",
        "--company",
        company.name,
        "--include-empty",
    )
    assert out.count("NoStamps") == 3 and "-4:00" in out  # Monday misses its 4 hours


def test_an_unknown_employee_is_an_error_naming_it(cli, company):
    out = cli("attest", "4711", "--from", "2025-06-12", "--company", company.name, code=1)
    assert "Unknown employee '4711' (EMPLOYEE: employee '4711' does not exist)" in out


def test_dates_in_the_wrong_order_are_refused(cli, company):
    out = cli(
        "attest",
        "3002",
        "--from",
        "2025-06-13",
        "--to",
        "2025-06-12",
        "--company",
        company.name,
        code=1,
    )
    assert "dateTo is before dateFrom (--to: must not be before dateFrom)" in out


def test_settings_show_set_and_refuse(cli, company, attest, api):
    assert "StartDay" in cli("attest-settings", "show", "--company", company.name)
    out = cli(
        "attest-settings",
        "set",
        "--company",
        company.name,
        "--day-rule",
        "EndDay",
        "--gap-minutes",
        "120",
    )
    assert "EndDay" in out and "120 min" in out and "960 min" in out
    assert "EndDay" in cli("attest-settings", "show", "--company", company.name)
    api.post(
        [entry("3002", "2025-06-12T22:00:00", "In"), entry("3002", "2025-06-13T06:00:00", "Out")]
    )
    assert [r["date"] for r in attest.rows("2025-06-12", "2025-06-13")] == ["2025-06-13"]
    refused = cli(
        "attest-settings", "set", "--company", company.name, "--bounce-seconds", "9999", code=1
    )
    assert "--bounce-seconds: must be between 0 and 600" in refused
    # A company in Europe/Stockholm starts with Sweden's calendar.
    assert "holidays       SE" in cli("attest-settings", "show", "--company", company.name)
    plain = cli("attest-settings", "set", "--company", company.name, "--holidays", "None")
    assert "holidays       None" in plain and "EndDay" in plain
    unknown = cli("attest-settings", "set", "--company", company.name, "--holidays", "NO", code=1)
    assert "--holidays: must be one of None, SE" in unknown


def test_the_short_company_option_works_for_attest_and_its_settings(api, cli, company):
    api.post(DAY)
    table = cli("attest", "3002", "--from", "2025-06-12", "-c", company.name)
    assert "Complete" in table
    assert "StartDay" in cli("attest-settings", "show", "-c", company.name)
    assert "EndDay" in cli("attest-settings", "set", "-c", company.name, "--day-rule", "EndDay")


def test_a_settings_change_is_in_the_audit_trail_with_old_and_new(cli, company):
    cli("attest-settings", "set", "-c", company.name, "--day-rule", "EndDay", "--gap-minutes", "90")
    cli("attest-settings", "set", "-c", company.name, "--day-rule", "EndDay")  # no change
    printed = cli("audit", "-c", company.name, "--entity", "attest_settings", "--json")
    events = json.loads(printed)["events"]
    assert [(e["action"], e["changes"]) for e in events] == [
        ("create", {"holidays": [None, "SE"]}),  # a Swedish company's calendar, when made
        ("update", {"dayRule": ["StartDay", "EndDay"], "gapMinutes": [240, 90]}),
    ]
    assert events[1]["actor"].startswith("cli")


def test_an_unknown_audit_entity_is_an_error_listing_the_known_ones(cli, company):
    printed = cli("audit", "-c", company.name, "--entity", "bogus", code=1)
    assert "No such entity 'bogus'" in printed
    assert "attest_settings" in printed and "time_code" in printed


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31"])
def test_a_date_outside_the_window_is_an_error_naming_the_option(cli, company, day):
    printed = cli("attest", "3002", "--from", day, "-c", company.name, code=1)
    assert "--from:" in printed and "Traceback" not in printed
