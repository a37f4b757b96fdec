"""Punched time tagged with an absence code is absence, not work (docs/attest-rules.md).

Each case: punches (with their time codes) in, the day's work, absence and difference out,
for an employee on 40 h a week (8:00 expected on the Thursday of the cases).
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from stampla.domain.attest import DEFAULTS, attest_days
from tests.domain.attest_support import A100, LATER, STOCKHOLM, hm, hours, timeline

SETTINGS = replace(DEFAULTS, absence_codes=frozenset({"Sjuk", "VAB"}))
SJUK = {"time_codes": ("Sjuk",)}
VAB = {"time_codes": ("VAB",)}
OB = {"time_codes": ("OB 50%",)}
WEEKLY_MINUTES = 40 * 60

CASES = {
    "a whole day punched as sick": (
        [("08:00 In", SJUK), "13:00 Out"],
        {"work": "0:00", "absence": "5:00", "difference": "-3:00"},
    ),
    "work, then home sick": (
        ["08:00 In", "12:00 Out", ("12:00 In", SJUK), "16:00 Out"],
        {"work": "4:00", "absence": "4:00", "difference": "0:00"},
    ),
    "the code on the Out tags the span whose In has none": (
        ["08:00 In", ("11:00 Out", VAB)],
        {"work": "0:00", "absence": "3:00", "difference": "-5:00"},
    ),
    "an attendance code is still work": (
        [("08:00 In", OB), "16:00 Out"],
        {"work": "8:00", "absence": "0:00", "difference": "0:00"},
    ),
    "a code tags one span: after a break, untagged time is work again": (
        [("08:00 In", SJUK), "10:00 BreakOut", "10:30 BreakIn", "12:00 Out"],
        {"work": "1:30", "absence": "2:00", "difference": "-4:30"},
    ),
}


@pytest.mark.parametrize("name", CASES)
def test_absence_case(name: str) -> None:
    punches, expected = CASES[name]
    (day,) = attest_days(timeline(*punches), SETTINGS, STOCKHOLM, LATER, WEEKLY_MINUTES)
    found = {
        "work": hours(day.work_seconds),
        "absence": hours(day.absence_seconds),
        "difference": hours(day.difference_seconds),
    }
    assert found == expected


def test_an_absence_span_is_named_absence_and_carries_no_account() -> None:
    punches = timeline(
        ("08:00 In", {"accounts": (A100,)}),
        "12:00 Out",
        ("12:00 In", {"time_codes": ("Sjuk",), "accounts": (A100,)}),
        "16:00 Out",
    )
    (day,) = attest_days(punches, SETTINGS, STOCKHOLM, LATER, WEEKLY_MINUTES)
    assert [(hm(s.start), hm(s.stop), s.kind.value, s.accounts) for s in day.spans] == [
        ("08:00", "12:00", "Work", (A100,)),
        ("12:00", "16:00", "Absence", ()),
    ]
    assert day.accounts == [(A100, 4 * 3600)]
    assert day.time_codes == [("Sjuk", 4 * 3600)]


def test_without_absence_codes_the_same_punches_are_work() -> None:
    punches = timeline(("08:00 In", SJUK), "13:00 Out")
    (day,) = attest_days(punches, DEFAULTS, STOCKHOLM, LATER, WEEKLY_MINUTES)
    assert (day.work_seconds, day.absence_seconds) == (5 * 3600, 0)
