"""Time codes and accounts: which span a punch's tags apply to, and how the time is counted."""

from __future__ import annotations

from stampla.domain.attest import DEFAULTS, attest_days
from tests.domain.attest_support import (
    A100,
    A4001,
    KONCERN,
    LATER,
    R1000,
    STOCKHOLM,
    hm,
    timeline,
)

OB = {"time_codes": ("OB 50%",)}


def attest_one(*items):
    (day,) = attest_days(timeline(*items), DEFAULTS, STOCKHOLM, LATER)
    return day


def tagged(day):
    return [(f"{hm(s.start)}-{hm(s.stop)}", s.time_codes) for s in day.spans]


def test_a_time_code_on_the_start_punch_tags_that_span_only():
    day = attest_one(("08:00 In", OB), "12:00 BreakOut", "12:30 BreakIn", "16:30 Out")
    assert tagged(day) == [
        ("08:00-12:00", ("OB 50%",)),
        ("12:00-12:30", ()),
        ("12:30-16:30", ()),
    ]
    assert day.time_codes == [("OB 50%", 4 * 3600)]


def test_a_time_code_on_the_end_punch_tags_the_span_whose_start_has_none():
    day = attest_one("08:00 In", "12:00 BreakOut", "12:30 BreakIn", ("16:30 Out", OB))
    assert tagged(day)[-1] == ("12:30-16:30", ("OB 50%",))
    assert day.time_codes == [("OB 50%", 4 * 3600)]


def test_a_time_code_on_a_break_in_tags_the_break_it_ends_and_the_work_it_starts():
    day = attest_one("08:00 In", "12:00 BreakOut", ("12:30 BreakIn", OB), "16:30 Out")
    assert tagged(day) == [
        ("08:00-12:00", ()),
        ("12:00-12:30", ("OB 50%",)),
        ("12:30-16:30", ("OB 50%",)),
    ]
    assert day.time_codes == [("OB 50%", 4 * 3600 + 1800)]


def test_the_start_punch_wins_over_the_end_punch():
    day = attest_one(("08:00 In", OB), ("12:00 Out", {"time_codes": ("DayShift",)}))
    assert day.time_codes == [("OB 50%", 4 * 3600)]


def test_a_code_counts_the_real_duration_across_dst():
    day = attest_one(("2025-10-25 22:00 In", OB), "2025-10-26 06:00 Out")
    assert day.time_codes == [("OB 50%", 9 * 3600)]


def test_time_split_across_two_accounts_of_one_level():
    day = attest_one(
        ("08:00 In", {"accounts": (A100,)}),
        "12:00 BreakOut",
        ("12:30 BreakIn", {"accounts": (A4001,)}),
        "16:30 Out",
    )
    assert day.accounts == [(A100, 4 * 3600), (A4001, 4 * 3600)]
    assert [s.accounts for s in day.spans] == [(A100,), (), (A4001,)]


def test_every_level_of_a_punch_receives_the_whole_span():
    day = attest_one(("08:00 In", {"accounts": (A100, R1000, KONCERN)}), "16:00 Out")
    assert day.accounts == [(A100, 8 * 3600), (R1000, 8 * 3600), (KONCERN, 8 * 3600)]


def test_accounts_come_from_the_end_punch_when_the_start_has_none():
    day = attest_one("08:00 In", ("16:00 Out", {"accounts": (A4001,)}))
    assert day.accounts == [(A4001, 8 * 3600)]


def test_breaks_receive_no_account_time():
    day = attest_one(
        ("08:00 In", {"accounts": (A100,)}),
        ("12:00 BreakOut", {"accounts": (A100,)}),
        "12:30 BreakIn",
        "16:30 Out",
    )
    assert day.accounts == [(A100, 4 * 3600)]
    assert day.spans[1].accounts == ()


def test_two_accounts_of_one_level_on_a_punch_the_first_wins_and_is_flagged():
    day = attest_one(("08:00 In", {"accounts": (A100, A4001)}), "16:00 Out")
    assert day.accounts == [(A100, 8 * 3600)]
    assert [(w.code, w.punch_ids) for w in day.warnings] == [("AccountConflict", (1,))]
    assert day.status == "Complete"


def test_the_same_account_named_twice_is_no_conflict():
    day = attest_one(("08:00 In", {"accounts": (A100, A100)}), "16:00 Out")
    assert day.accounts == [(A100, 8 * 3600)] and day.warnings == []
