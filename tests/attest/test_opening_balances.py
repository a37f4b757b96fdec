"""Opening balances: set through the admin API and the CLI, counted by the balances
(SQLite and PostgreSQL). docs/time-rules.md, "Opening balances".

The test company's employees are hourly part-timers at 20 h a week (4:00 expected Monday to
Friday). With comp time chosen, 08:00–18:00 on Tuesday 10 June banks 2:21 × 1.5 = 3:31:30;
a 1:00 ``Kompledig`` on Thursday 12 June withdraws 1:00.
"""

from __future__ import annotations

import pytest

from stampla.domain.rules.balances import hours_minutes, parse_hours_minutes
from tests.admin.session import ok, refused
from tests.attest.conftest import saved
from tests.attest.test_attest_time_rules import admin, balances, dated_term, punched  # noqa: F401
from tests.factories import entry

PATH = "/Admin/Employees/{}/OpeningBalance"
BANKED = 141 * 90  # 3:31:30


def put(admin, nr: str, body: dict):  # noqa: F811
    return admin.client.put(PATH.format(nr), json=body, headers=admin.headers())


@pytest.fixture
def comp_days(api, admin):  # noqa: F811
    dated_term(admin, "3002", OvertimeCompensation="Comp")
    punched(api, "2025-06-10T08:00:00", "2025-06-10T18:00:00")
    leave = [{"TimeScheduleTypeCode": "Kompledig"}]
    saved(
        api.post(
            [
                entry("3002", time_stamp="2025-06-12T08:00:00", TimeScheduleTypes=leave),
                entry("3002", time_stamp="2025-06-12T09:00:00", kind="Out"),
            ]
        )
    )


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("12:30", 45000), ("-1:15", -4500), ("+0:05", 300), ("0:00", 0), (" 150:00 ", 540000)],
)
def test_hours_minutes_read_and_written(text, seconds):
    assert parse_hours_minutes(text) == seconds
    assert parse_hours_minutes(hours_minutes(seconds)) == seconds


@pytest.mark.parametrize("text", ["12:75", "1.5", "-", "12", "1:5", "ett:00", ""])
def test_hours_minutes_refuses_anything_else(text):
    with pytest.raises(ValueError, match="hours:minutes"):
        parse_hours_minutes(text)


def test_the_balance_is_the_opening_plus_the_movements_from_its_date(api, admin, comp_days):  # noqa: F811
    body = {"Date": "2025-06-11", "Comp": "12:30", "Flex": "-1:15", "Note": "Från Hogia"}
    view = ok(put(admin, "3002", body))
    assert view == {
        "employeeNr": "3002",
        "date": "2025-06-11",
        "compSeconds": 45000,
        "flexSeconds": -4500,
        "comp": "12:30",
        "flex": "-1:15",
        "note": "Från Hogia",
    }
    found = balances(api, "2025-06-12", "3002")["3002"]
    # Tuesday's banking lies before the opening: the opening holds it. Thursday's leave counts.
    assert (found["since"], found["compSeconds"]) == ("2025-06-11", 45000 - 3600)
    assert ok(admin.get(PATH.format("3002"))) == view


def test_a_date_before_the_opening_is_counted_without_it(api, admin, comp_days):  # noqa: F811
    ok(put(admin, "3002", {"Date": "2025-06-11", "Comp": "12:30"}))
    found = balances(api, "2025-06-10", "3002")["3002"]
    assert (found["since"], found["compSeconds"]) == ("2025-06-10", BANKED)


def test_flex_starts_from_the_opening(api, admin):  # noqa: F811
    dated_term(admin, "3015", FlexTime="ja")
    ok(put(admin, "3015", {"Date": "2025-06-10", "Flex": "-1:15"}))
    punched(api, "2025-06-10T08:00:00", "2025-06-10T13:00:00", employee="3015")  # +1:00
    found = balances(api, "2025-06-11", "3015")["3015"]  # Wednesday: nothing, -4:00
    assert found["flexSeconds"] == -4500 + 3600 - 4 * 3600 and found["compSeconds"] == 0


def test_a_change_replaces_it_and_every_change_is_audited(api, admin):  # noqa: F811
    ok(put(admin, "3002", {"Date": "2025-06-01", "Comp": "1:00"}))
    ok(put(admin, "3002", {"Date": "2025-06-01", "Comp": "2:30", "Note": "rättad"}))
    response = admin.client.delete(PATH.format("3002"), headers=admin.headers())
    assert response.status_code == 204
    refused(admin.get(PATH.format("3002")), 404)
    events = ok(admin.get("/Admin/Audit", entity="opening_balance"))["events"]
    assert [(e["action"], e["entityKey"]) for e in events] == [
        ("create", "3002"),
        ("update", "3002"),
        ("delete", "3002"),
    ]
    assert events[1]["changes"] == {"comp": ["1:00", "2:30"], "note": [None, "rättad"]}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"Date": "2025-06-01", "Comp": "12:75"}, "Comp"),
        ({"Date": "2025-06-01", "Flex": "1,5"}, "Flex"),
        ({"Comp": "1:00"}, "Date"),
        ({"Date": "1/6", "Comp": "1:00"}, "Date"),
        ({"Date": "2025-06-01", "Note": "x" * 501}, "Note"),
        ({"Date": "2025-06-01", "Saldo": "1:00"}, "Saldo"),
    ],
)
def test_bad_input_is_a_400_naming_the_field(admin, body, field):  # noqa: F811
    found = refused(put(admin, "3002", body), 400)
    assert field in [e["field"] for e in found["errors"]], found


def test_an_unknown_employee_is_a_404(admin):  # noqa: F811
    refused(put(admin, "Ö9", {"Date": "2025-06-01"}), 404)


def test_the_cli_sets_shows_and_removes_it(cli, api, admin, comp_days):  # noqa: F811
    printed = cli(
        "employee",
        "opening-balance",
        "3002",
        "--date",
        "2025-06-11",
        "--comp",
        "12:30",
        "--flex",
        "-1:15",
    )
    assert "comp 12:30, flex -1:15" in printed
    shown = cli.json("employee", "opening-balance", "3002")
    assert (shown["compSeconds"], shown["flexSeconds"]) == (45000, -4500)
    assert balances(api, "2025-06-12", "3002")["3002"]["compSeconds"] == 45000 - 3600
    cli("employee", "opening-balance", "3002", "--remove")
    assert balances(api, "2025-06-12", "3002")["3002"]["compSeconds"] == BANKED - 3600


def test_the_cli_names_a_bad_figure(cli):
    printed = cli(
        "employee", "opening-balance", "3002", "--date", "2025-06-11", "--comp", "12:75", code=1
    )
    assert "Comp" in printed and "12:75" in printed
