"""Whether a read window is wide enough for the range asked for."""

from __future__ import annotations

from datetime import date, timedelta

from stampla.domain.attest import DEFAULTS, shifts_of, unsettled_end, unsettled_start
from tests.domain.attest_support import LATER, STOCKHOLM, at, timeline

FROM = date(2025, 6, 12)


def shifts(*items, day=FROM):
    return shifts_of(timeline(*items, day=day), DEFAULTS, STOCKHOLM, LATER)


def test_a_night_shift_cut_by_the_window_start_is_unsettled():
    seen = shifts("06:00 Out", "08:00 BreakIn")  # the In was at 22:00 the day before
    assert unsettled_start(seen, at("00:00"), FROM, DEFAULTS)


def test_a_window_that_holds_the_whole_night_shift_is_settled():
    seen = shifts("22:00 In", "+1 06:00 Out", day=FROM - timedelta(days=1))
    assert not unsettled_start(seen, at("00:00", FROM - timedelta(days=1)), FROM, DEFAULTS)


def test_a_fresh_in_settles_what_follows_it():
    seen = shifts("08:00 In", "16:00 Out", "+1 08:00 In", "+1 16:00 Out", day=FROM - timedelta(1))
    assert not unsettled_start(seen, at("00:00", FROM - timedelta(days=1)), FROM, DEFAULTS)


def test_strays_before_the_range_do_not_matter_when_their_shift_ends_before_it():
    day_before = FROM - timedelta(days=1)
    seen = shifts("06:00 Out", "22:00 In", "+1 06:00 Out", day=day_before)
    assert not unsettled_start(seen, at("00:00", day_before), FROM, DEFAULTS)


def test_punches_close_to_the_window_start_may_join_a_shift_before_it():
    seen = shifts("01:00 In", "05:00 Out")
    assert unsettled_start(seen, at("00:00"), FROM, DEFAULTS)


def test_an_open_session_at_the_window_end_is_unsettled():
    seen = shifts("22:00 In")
    assert unsettled_end(seen, at("+1 00:00"), FROM, DEFAULTS, LATER)


def test_a_closed_shift_well_before_the_window_end_is_settled():
    seen = shifts("22:00 In", "+1 06:00 Out")
    assert not unsettled_end(seen, at("+2 00:00"), FROM, DEFAULTS, LATER)


def test_a_shift_that_lands_after_the_range_does_not_matter():
    seen = shifts("08:00 In", "16:00 Out", "+1 22:00 In")
    assert not unsettled_end(seen, at("+2 00:00"), FROM, DEFAULTS, LATER)


def test_nothing_can_follow_a_window_that_ends_after_the_latest_possible_punch():
    seen = shifts("22:00 In")
    assert not unsettled_end(seen, at("+1 00:00"), FROM, DEFAULTS, at("23:00"))
