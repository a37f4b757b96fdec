"""Auto stamp-out's rule, as tables: a session's punches and a rule in, the Outs due out."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from stampla.domain.attest import DEFAULTS, WarningCode, attest_days
from stampla.domain.attest.model import AUTO_STAMP_OUT, Punch
from stampla.domain.auto_stamp_out import (
    NO_RULE,
    AutoStampOutRule,
    Stamp,
    closes,
    due,
    due_outs,
    terminal_rule,
)
from stampla.domain.punch import EntryType

ZONE = ZoneInfo("Europe/Stockholm")
IN, OUT = EntryType.IN, EntryType.OUT
MAX_SHIFT = timedelta(hours=16)


def local(text: str) -> datetime:
    """A Stockholm wall-clock time as a UTC instant."""
    return datetime.fromisoformat(text).replace(tzinfo=ZONE).astimezone(UTC)


def stamps(*rows: tuple) -> list[Stamp]:
    """(local time, type[, is_break[, terminal]]) rows, numbered 1, 2, … in order."""
    made = []
    for number, row in enumerate(rows, start=1):
        when, kind, *rest = row
        is_break = rest[0] if rest else False
        terminal = rest[1] if len(rest) > 1 else 7
        made.append(Stamp(number, local(when), kind, is_break, terminal))
    return made


AFTER_10H = AutoStampOutRule(after=timedelta(hours=10))
AT_23 = AutoStampOutRule(at=time(23, 0))


@pytest.mark.parametrize(
    ("punches", "rule", "now", "expected"),
    [
        # a session open past its maximum length: an Out at In + length
        ([("2025-06-12T08:00", IN)], AFTER_10H, "2025-06-12T19:00", ["2025-06-12T18:00"]),
        # not yet due
        ([("2025-06-12T08:00", IN)], AFTER_10H, "2025-06-12T17:59", []),
        # due exactly now
        ([("2025-06-12T08:00", IN)], AFTER_10H, "2025-06-12T18:00", ["2025-06-12T18:00"]),
        # a closed session gets nothing
        ([("2025-06-12T08:00", IN), ("2025-06-12T16:00", OUT)], AFTER_10H, "2025-06-13T09:00", []),
        # the time of day: the first 23:00 after the In
        ([("2025-06-12T08:00", IN)], AT_23, "2025-06-13T01:00", ["2025-06-12T23:00"]),
        # an In after 23:00 is stamped out the next evening, beyond attest's 16 h: nothing
        ([("2025-06-12T23:30", IN)], AT_23, "2025-06-14T01:00", []),
        # both: the earlier
        (
            [("2025-06-12T15:00", IN)],
            AutoStampOutRule(time(23, 0), timedelta(hours=10)),
            "2025-06-13T02:00",
            ["2025-06-12T23:00"],
        ),
        # a break running at the due time: the Out goes one second after the last punch
        (
            [("2025-06-12T08:00", IN), ("2025-06-12T18:30", OUT, True)],
            AFTER_10H,
            "2025-06-12T20:00",
            ["2025-06-12T18:30:01"],
        ),
        # the next In came before the due time (attest reads it as a forgotten Out): nothing
        ([("2025-06-12T08:00", IN), ("2025-06-12T12:00", IN)], AFTER_10H, "2025-06-12T21:00", []),
        # … but the next In after the due time: the first session gets its Out
        (
            [("2025-06-12T06:00", IN), ("2025-06-12T17:00", IN)],
            AFTER_10H,
            "2025-06-13T04:00",
            ["2025-06-12T16:00", "2025-06-13T03:00"],
        ),
        # no rule, no Out
        ([("2025-06-12T08:00", IN)], NO_RULE, "2025-06-14T08:00", []),
        # an Out already made (the job's own) closes the session: running again adds nothing
        ([("2025-06-12T08:00", IN), ("2025-06-12T18:00", OUT)], AFTER_10H, "2025-06-13T08:00", []),
    ],
)
def test_due_outs(punches, rule, now, expected):
    found = due_outs(stamps(*punches), lambda _terminal: rule, ZONE, local(now), MAX_SHIFT)
    assert [out.instant for out in found] == [local(text) for text in expected]


def test_the_rule_of_the_terminal_the_session_began_on_applies():
    rules = {7: AutoStampOutRule(after=timedelta(hours=8)), 9: AFTER_10H}
    punches = stamps(("2025-06-12T08:00", IN, False, 9))
    (out,) = due_outs(punches, rules.__getitem__, ZONE, local("2025-06-13T08:00"), MAX_SHIFT)
    assert out.instant == local("2025-06-12T18:00")


@pytest.mark.parametrize(
    ("company", "at", "after", "expected"),
    [
        (AFTER_10H, None, None, AFTER_10H),  # nothing of its own: the company's
        (AFTER_10H, None, 480, AutoStampOutRule(after=timedelta(hours=8))),  # its own length
        (AFTER_10H, "Off", 0, NO_RULE),  # off on this terminal
        (AFTER_10H, "22:00", None, AutoStampOutRule(time(22, 0), timedelta(hours=10))),
        (NO_RULE, "22:00", None, AutoStampOutRule(at=time(22, 0))),  # only this terminal
    ],
)
def test_a_terminal_setting_replaces_the_company_part_by_part(company, at, after, expected):
    assert terminal_rule(company, at, after) == expected


def test_a_time_of_day_in_the_spring_gap_is_read_as_timestamps_are():
    # 2025-03-30 02:30 does not exist in Stockholm; like a TimeStamp, it is 03:30 (+02:00)
    rule = AutoStampOutRule(at=time(2, 30))
    assert due(rule, local("2025-03-29T22:00"), ZONE) == datetime(2025, 3, 30, 1, 30, tzinfo=UTC)


def test_the_shift_length_is_real_elapsed_time_across_dst():
    # the autumn night has 25 hours: 10 h after 20:00 is 05:00 by the clock, not 06:00
    opened = local("2025-10-25T20:00")
    assert due(AFTER_10H, opened, ZONE) == opened + timedelta(hours=10)
    assert due(AFTER_10H, opened, ZONE).astimezone(ZONE).hour == 5


@pytest.mark.parametrize(
    ("out", "ins", "closing"),
    [
        ("2025-06-12T19:00", [], True),  # a late real Out
        ("2025-06-12T16:00", [], True),  # a real Out before the synthetic one
        ("2025-06-12T07:00", [], False),  # before the In
        ("2025-06-12T20:00", ["2025-06-12T19:00"], False),  # belongs to the next session
        ("2025-06-13T07:00", [], False),  # beyond attest's 16 h: it would not pair
    ],
)
def test_which_real_out_closes_a_session(out, ins, closing):
    opened = local("2025-06-12T08:00")
    assert closes(opened, local(out), [local(i) for i in ins], MAX_SHIFT) is closing


def test_the_day_row_warns_of_a_synthetic_out_naming_it():
    punches = [
        Punch(1, local("2025-06-12T08:00"), local("2025-06-12T08:00").date(), IN),
        Punch(
            2,
            local("2025-06-12T18:00"),
            local("2025-06-12T18:00").date(),
            OUT,
            origin=AUTO_STAMP_OUT,
        ),
    ]
    (row,) = attest_days(punches, DEFAULTS, ZONE, local("2025-06-13T08:00"))
    (warning,) = row.warnings
    assert warning.code is WarningCode.AUTO_STAMP_OUT
    assert warning.punch_ids == (1, 2)
    assert "auto stamp-out (punch 2)" in warning.message
    assert row.work_seconds == 10 * 3600
