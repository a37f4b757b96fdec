"""Properties of day rows against schedules, for any schedule, punches and day rule."""

from __future__ import annotations

from datetime import date, time, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from stampla.domain.attest import attest_days
from stampla.domain.schedule import (
    Assignment,
    BreakTemplate,
    EmployeePlanning,
    EmploymentTerm,
    ScheduleTemplate,
    ShiftTemplate,
    plan_days,
)
from tests.domain.attest_support import STOCKHOLM
from tests.domain.test_attest_properties import NOW, attest_settings, sequences

#: The dates the punches of ``sequences`` fall on (around the autumn DST change), and more.
DATES = [date(2025, 10, 22) + timedelta(days=n) for n in range(8)]

quarter = st.integers(0, 95).map(lambda q: time(q // 4, q % 4 * 15))


@st.composite
def shifts(draw) -> ShiftTemplate:
    start, stop = draw(quarter), draw(quarter)
    breaks = ()
    if draw(st.booleans()):
        pause = draw(quarter)
        breaks = (BreakTemplate(pause, time((pause.hour + 1) % 24, pause.minute)),)
    return ShiftTemplate(start, stop if stop != start else time((start.hour + 8) % 24), breaks)


days = st.lists(shifts(), max_size=2).map(tuple)
weeks = st.lists(days, min_size=7, max_size=7).map(tuple)
templates = st.builds(
    lambda weeks, holidays: ScheduleTemplate(1, "T", tuple(weeks), holidays),
    st.lists(weeks, min_size=1, max_size=2),
    st.booleans(),
)


def day_rows(punches, planning, schedule, rules):
    plans = plan_days(planning, {1: schedule}, DATES, STOCKHOLM, rules.day_rule, rules.holidays)
    return attest_days(punches, rules, STOCKHOLM, NOW, None, plans)


@settings(max_examples=200, deadline=None)
@given(sequences, templates, attest_settings, st.sampled_from(DATES))
def test_work_inside_and_outside_the_schedule_add_up_to_the_work(punches, schedule, rules, since):
    planning = EmployeePlanning(assignments=(Assignment(1, since),))
    for row in day_rows(punches, planning, schedule, rules):
        if row.work_inside_seconds is None:
            assert row.work_outside_seconds is None and not row.scheduled
            continue
        assert 0 <= row.work_inside_seconds <= row.work_seconds
        assert row.work_inside_seconds + row.work_outside_seconds == row.work_seconds
        assert row.expected_seconds is not None and row.expected_seconds >= 0


@settings(max_examples=200, deadline=None)
@given(sequences, templates, attest_settings, st.sampled_from(DATES), st.sampled_from(DATES))
def test_a_term_or_schedule_dated_after_a_day_never_changes_that_day(
    punches, schedule, rules, since, changed
):
    before = EmployeePlanning(
        terms=(EmploymentTerm(date(2025, 1, 1), weekly_minutes=20 * 60),),
        assignments=(Assignment(1, since),) if since < changed else (),
    )
    after = before._replace(
        terms=(*before.terms, EmploymentTerm(changed, weekly_minutes=40 * 60)),
        assignments=(*before.assignments, Assignment(1, changed, start_week=2)),
    )
    earlier = [r for r in day_rows(punches, before, schedule, rules) if r.date < changed]
    again = [r for r in day_rows(punches, after, schedule, rules) if r.date < changed]
    assert again == earlier
