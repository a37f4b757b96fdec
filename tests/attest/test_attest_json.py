"""The API's JSON text is written straight from the rows; it must equal json.dumps of the dicts."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from stampla.api.routes.attest import json_array
from stampla.domain.attest import DEFAULTS, AccountRef, DayRule, attest_days, empty_day
from stampla.service.attest import EmployeeDay
from stampla.wire.attest import day_json, day_text
from tests.domain.attest_support import A100, A4001, DAY, KONCERN, R1000, STOCKHOLM, timeline

LATER = datetime(2030, 1, 1, tzinfo=UTC)
ODD = AccountRef(4, None, 'Tab\there "quoted" \\ ünïcødé')


def _late(punches):
    """The first punch half a millisecond late, so that an instant has microseconds."""
    first, *rest = punches
    return [first._replace(instant=first.instant + timedelta(microseconds=500)), *rest]


CASES = {
    "a full day with accounts and codes": timeline(
        ("08:00 In", {"accounts": (A100, R1000, KONCERN), "time_codes": ("OB 50%",)}),
        "12:00 BreakOut",
        ("12:30 BreakIn", {"time_codes": ('Kväll "sen"', "OB\n100%")}),
        ("16:30 Out", {"accounts": (ODD,)}),
    ),
    "every warning": timeline(
        "06:00 Out",
        "06:30 BreakIn",
        "07:00 In",
        "07:00:30 In",
        ("08:00 In", {"accounts": (A100, A4001)}),
        ("08:30 BreakOut", {"accounts": (ODD, AccountRef(4, None, "x"))}),
        "09:00 BreakIn",
        "10:00 BreakOut",
        "10:30 BreakOut",
        "11:00 Out",
        "12:00 In",
    ),
    "a night across midnight": _late(timeline("22:00 In", "+1 02:00 BreakOut", "+1 06:00 Out")),
    "autumn DST": timeline("2025-10-25 22:00 In", "2025-10-26 06:00 Out"),
}


@pytest.mark.parametrize("name", sorted(CASES))
@pytest.mark.parametrize("rule", list(DayRule))
@pytest.mark.parametrize("weekly", [None, 2295])
def test_day_text_is_json_dumps_of_day_json(name, rule, weekly):
    rows = attest_days(CASES[name], replace(DEFAULTS, day_rule=rule), STOCKHOLM, LATER, weekly)
    rows.append(empty_day(DAY, weekly))
    rows.append(replace(empty_day(DAY, weekly), holiday='Långfredagen "röd" \\ dag'))
    made = [("OB 50%", 6300, 'Kväll "sen"'), ("Övertid\nkomp", 60, "Handels \\ övertid")]
    rows.append(replace(rows[0], rule_codes=made))
    for nr in ("3002", 'Nr "7" \\ ü'):
        for row in rows:
            day = EmployeeDay(nr, row)
            expected = json.dumps(day_json(day), ensure_ascii=False, separators=(",", ":"))
            assert day_text(day) == expected


def test_an_ongoing_day_is_written_the_same_way():
    rows = attest_days(timeline("08:00 In", "12:00 BreakOut"), DEFAULTS, STOCKHOLM, DAY_NOON)
    (row,) = rows
    day = EmployeeDay("3002", row)
    assert day_text(day) == json.dumps(day_json(day), ensure_ascii=False, separators=(",", ":"))


def test_the_array_holds_every_row_as_its_text():
    days = [
        EmployeeDay(nr, row)
        for nr in ("3002", "3014")
        for row in attest_days(CASES["every warning"], DEFAULTS, STOCKHOLM, LATER)
    ]
    assert json.loads(b"".join(json_array(days, piece_bytes=100))) == [day_json(d) for d in days]


DAY_NOON = datetime(2025, 6, 12, 12, 0, tzinfo=UTC)


def test_a_day_against_a_schedule_is_written_the_same_way():
    from decimal import Decimal

    from stampla.domain.schedule import AbsenceExtent, AbsenceRegistration
    from tests.domain.schedule_support import OFFICE, following, rows, template

    sick = AbsenceRegistration(1, 'Sjuk "halv"', DAY, DAY, AbsenceExtent.PERCENT, Decimal(25))
    planning, templates = following(template(OFFICE), absences=(sick,))
    punched = timeline(("08:10 In", {"time_codes": ("VAB",)}), "15:00 Out")
    settings = replace(DEFAULTS, absence_codes=frozenset({"VAB"}))
    (row,) = rows(punched, planning, templates, DAY, DAY, settings)
    assert row.scheduled_shifts and row.absence
    day = EmployeeDay("3002", row)
    assert day_text(day) == json.dumps(day_json(day), ensure_ascii=False, separators=(",", ":"))
    (empty,) = rows([], planning._replace(absences=()), templates, DAY, DAY)
    day = EmployeeDay("3002", empty)
    assert day_text(day) == json.dumps(day_json(day), ensure_ascii=False, separators=(",", ":"))
