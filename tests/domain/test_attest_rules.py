"""Attest rules as a table: punches in, day rows out (default settings, Stockholm time)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from stampla.domain.attest import DEFAULTS, attest_days
from tests.domain.attest_support import LATER, STOCKHOLM, at, summary, timeline


def row(date: str, status: str, spans: list[str], work: str, pause: str = "0:00", warnings=()):
    return {
        "date": date,
        "status": status,
        "spans": spans,
        "work": work,
        "break": pause,
        "warnings": list(warnings),
    }


LUNCH = ["08:00-12:00 Work", "12:00-12:30 Break", "12:30-16:30 Work"]

CASES = {
    "a plain day with a lunch break": (
        timeline("08:00 In", "12:00 BreakOut", "12:30 BreakIn", "16:30 Out"),
        [row("2025-06-12", "Complete", LUNCH, "8:00", "0:30")],
    ),
    "a night shift 22:00-06:00 stays on the day it began": (
        timeline("22:00 In", "+1 06:00 Out"),
        [row("2025-06-12", "Complete", ["22:00-06:00 Work"], "8:00")],
    ),
    "the autumn DST night is an hour longer than the clock says": (
        timeline("2025-10-25 22:00 In", "2025-10-26 06:00 Out"),
        [row("2025-10-25", "Complete", ["22:00-06:00 Work"], "9:00")],
    ),
    "the spring DST night is an hour shorter than the clock says": (
        timeline("2025-03-29 22:00 In", "2025-03-30 06:00 Out"),
        [row("2025-03-29", "Complete", ["22:00-06:00 Work"], "7:00")],
    ),
    "two Ins in a row: the first session counts up to its last punch": (
        timeline("08:00 In", "09:00 In", "17:00 Out"),
        [
            row(
                "2025-06-12",
                "OddNumberOfStamps",
                ["09:00-17:00 Work"],
                "8:00",
                warnings=[("MissingOut", (1, 2))],
            )
        ],
    ),
    "an Out first is not counted": (
        timeline("07:00 Out", "08:00 In", "17:00 Out"),
        [
            row(
                "2025-06-12",
                "FirstStampIsNotIn",
                ["08:00-17:00 Work"],
                "9:00",
                warnings=[("MissingIn", (1,))],
            )
        ],
    ),
    "a break never ended: time from the break Out on is not counted": (
        timeline("08:00 In", "12:00 BreakOut", "17:00 Out"),
        [
            row(
                "2025-06-12",
                "OddNumberOfStamps",
                ["08:00-12:00 Work"],
                "4:00",
                warnings=[("OpenBreak", (2, 3))],
            )
        ],
    ),
    "a double-read card is ignored for pairing and flagged": (
        timeline("08:00:00 In", "08:00:20 In", "17:00 Out"),
        [
            row(
                "2025-06-12",
                "InvalidDoubleStamp",
                ["08:00-17:00 Work"],
                "9:00",
                warnings=[("Bounce", (1, 2))],
            )
        ],
    ),
    "a repeat after the bounce window is a real second In": (
        timeline("08:00:00 In", "08:01:01 In", "17:00 Out"),
        [
            row(
                "2025-06-12",
                "OddNumberOfStamps",
                ["08:01-17:00 Work"],
                "8:58",
                warnings=[("MissingOut", (1, 2))],
            )
        ],
    ),
    "a plain In after a break Out ends the session at the break": (
        timeline("08:00 In", "12:00 BreakOut", "12:30 In", "17:00 Out"),
        [
            row(
                "2025-06-12",
                "InvalidSequenceOfStamps",
                ["08:00-12:00 Work", "12:30-17:00 Work"],
                "8:30",
                warnings=[("OpenBreak", (2, 3))],
            )
        ],
    ),
    "a second break Out restarts the break; the time between is not counted": (
        timeline("08:00 In", "10:00 BreakOut", "12:00 BreakOut", "12:30 BreakIn", "17:00 Out"),
        [
            row(
                "2025-06-12",
                "OddNumberOfStamps",
                ["08:00-10:00 Work", "12:00-12:30 Break", "12:30-17:00 Work"],
                "6:30",
                "0:30",
                warnings=[("OpenBreak", (2, 3))],
            )
        ],
    ),
    "a break In without a break Out is ignored": (
        timeline("08:00 In", "12:30 BreakIn", "17:00 Out"),
        [
            row(
                "2025-06-12",
                "OddNumberOfStamps",
                ["08:00-17:00 Work"],
                "9:00",
                warnings=[("BreakNotStarted", (2,))],
            )
        ],
    ),
    "break punches outside a session are ignored": (
        timeline("07:00 BreakOut", "08:00 In", "17:00 Out", "18:00 BreakIn"),
        [
            row(
                "2025-06-12",
                "FirstStampIsNotIn",
                ["08:00-17:00 Work"],
                "9:00",
                warnings=[("BreakOutsideSession", (1,)), ("BreakOutsideSession", (4,))],
            )
        ],
    ),
    "a session open longer than the maximum shift is missing its Out": (
        timeline("08:00 In", "+1 09:00 Out"),
        [
            row("2025-06-12", "OddNumberOfStamps", [], "0:00", warnings=[("MissingOut", (1,))]),
            row("2025-06-13", "FirstStampIsNotIn", [], "0:00", warnings=[("MissingIn", (2,))]),
        ],
    ),
    "a session of exactly the maximum shift is fine": (
        timeline("08:00 In", "+1 00:00 Out"),
        [row("2025-06-12", "Complete", ["08:00-00:00 Work"], "16:00")],
    ),
    "an Out and an In at one instant: the Out comes first": (
        timeline("08:00 In", "12:00 BreakIn", "12:00 BreakOut", "16:00 Out"),
        [
            row(
                "2025-06-12",
                "Complete",
                ["08:00-12:00 Work", "12:00-12:00 Break", "12:00-16:00 Work"],
                "8:00",
            )
        ],
    ),
    "sessions less than the gap apart are one shift, on the day it began": (
        timeline("20:00 In", "23:30 Out", "+1 01:00 In", "+1 05:00 Out"),
        [row("2025-06-12", "Complete", ["20:00-23:30 Work", "01:00-05:00 Work"], "7:30")],
    ),
    "sessions the gap apart are two shifts": (
        timeline("20:00 In", "23:00 Out", "+1 03:00 In", "+1 07:00 Out"),
        [
            row("2025-06-12", "Complete", ["20:00-23:00 Work"], "3:00"),
            row("2025-06-13", "Complete", ["03:00-07:00 Work"], "4:00"),
        ],
    ),
    "a stray Out after a night shift joins it and its day": (
        timeline("22:00 In", "+1 06:00 Out", "+1 07:00 Out"),
        [
            row(
                "2025-06-12",
                "OddNumberOfStamps",
                ["22:00-06:00 Work"],
                "8:00",
                warnings=[("MissingIn", (3,))],
            )
        ],
    ),
}


@pytest.mark.parametrize("name", CASES)
def test_rule(name):
    punches, expected = CASES[name]
    rows = attest_days(punches, DEFAULTS, STOCKHOLM, LATER)
    assert [summary(r) for r in rows] == expected


def test_punches_out_of_order_give_the_same_rows():
    punches = timeline("08:00 In", "12:00 BreakOut", "12:30 BreakIn", "16:30 Out")
    shuffled = [punches[2], punches[0], punches[3], punches[1]]
    assert attest_days(shuffled, DEFAULTS, STOCKHOLM, LATER) == attest_days(
        punches, DEFAULTS, STOCKHOLM, LATER
    )


def test_an_open_session_within_the_maximum_shift_is_ongoing():
    punches = timeline("08:00 In", "12:00 BreakOut")
    (day,) = attest_days(punches, DEFAULTS, STOCKHOLM, at("14:00"))
    assert summary(day) == row("2025-06-12", "Ongoing", ["08:00-12:00 Work"], "4:00")


def test_the_same_session_is_missing_its_out_once_the_maximum_has_passed():
    punches = timeline("08:00 In", "12:00 BreakOut")
    now = at("08:00") + DEFAULTS.max_shift + timedelta(seconds=1)
    (day,) = attest_days(punches, DEFAULTS, STOCKHOLM, now)
    assert day.status == "InvalidSequenceOfStamps"
    assert [(w.code, w.punch_ids) for w in day.warnings] == [
        ("MissingOut", (1,)),
        ("OpenBreak", (2,)),
    ]


def test_every_warning_explains_itself_in_local_time():
    punches = timeline("08:00 In", "09:10 In", "17:00 Out")
    (day,) = attest_days(punches, DEFAULTS, STOCKHOLM, LATER)
    (warning,) = day.warnings
    assert "2025-06-12 08:00" in warning.message and "2025-06-12 09:10" in warning.message
    assert "not" in warning.message or "only" in warning.message


def test_every_punch_is_listed_on_its_day_double_reads_included():
    punches = timeline("08:00:00 In", "08:00:20 In", "17:00 Out", "17:00:05 Out")
    (day,) = attest_days(punches, DEFAULTS, STOCKHOLM, LATER)
    assert [p.id for p in day.punches] == [1, 2, 3, 4]
    assert [w.punch_ids for w in day.warnings] == [(1, 2), (3, 4)]
