"""Properties that hold for any punch sequence, whatever the settings."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from stampla.domain.attest import DEFAULTS, DayRule, Punch, attest_days, shifts_of
from stampla.domain.punch import EntryType
from tests.domain.attest_support import A100, A4001, STOCKHOLM

#: Two days around the autumn DST change, so that some sequences cross it.
BASE = datetime(2025, 10, 25, 12, 0, tzinfo=UTC)
NOW = BASE + timedelta(days=3)

kinds = st.sampled_from(
    [(EntryType.IN, False), (EntryType.OUT, False)] * 2
    + [
        (EntryType.OUT, True),
        (EntryType.IN, True),
    ]
)
raw_punch = st.tuples(
    st.integers(0, 2 * 24 * 3600),  # seconds after BASE, clustered below
    kinds,
    st.sampled_from([(), ("OB 50%",)]),
    st.sampled_from([(), (A100,), (A4001, A100)]),
)
attest_settings = st.builds(
    lambda rule, gap, max_shift, bounce: replace(
        DEFAULTS, day_rule=rule, gap=gap, max_shift=max_shift, bounce=bounce
    ),
    st.sampled_from(list(DayRule)),
    st.sampled_from([timedelta(minutes=30), timedelta(hours=4), timedelta(hours=9)]),
    st.sampled_from([timedelta(hours=8), timedelta(hours=16)]),
    st.sampled_from([timedelta(0), timedelta(seconds=60), timedelta(minutes=5)]),
)


def build(raw) -> list[Punch]:
    punches = []
    for pid, (offset, (entry_type, is_break), codes, accounts) in enumerate(raw, start=1):
        # Round most offsets to 15 minutes so that equal instants and bounces happen often.
        offset = offset - offset % 900 if pid % 3 else offset
        instant = BASE + timedelta(seconds=offset)
        local = instant.astimezone(STOCKHOLM).date()
        punches.append(Punch(pid, instant, local, entry_type, is_break, accounts, codes))
    return punches


sequences = st.lists(raw_punch, max_size=40).map(build)


@settings(max_examples=300, deadline=None)
@given(sequences, attest_settings)
def test_spans_never_overlap(punches, rules):
    spans = [s for shift in shifts_of(punches, rules, STOCKHOLM, NOW) for s in shift.spans()]
    for span in spans:
        assert span.start <= span.stop
    for earlier, later in zip(spans, spans[1:], strict=False):
        assert earlier.stop <= later.start


@settings(max_examples=300, deadline=None)
@given(sequences, attest_settings)
def test_work_and_break_of_a_session_never_exceed_its_length(punches, rules):
    for shift in shifts_of(punches, rules, STOCKHOLM, NOW):
        for piece in shift.pieces:
            length = int(piece.length.total_seconds())
            assert piece.work_seconds + piece.break_seconds <= length


@settings(max_examples=300, deadline=None)
@given(sequences, attest_settings, st.randoms(use_true_random=False))
def test_the_result_does_not_depend_on_insertion_order(punches, rules, rnd: random.Random):
    shuffled = list(punches)
    rnd.shuffle(shuffled)
    assert attest_days(shuffled, rules, STOCKHOLM, NOW, 2400) == attest_days(
        punches, rules, STOCKHOLM, NOW, 2400
    )


@settings(max_examples=200, deadline=None)
@given(sequences, attest_settings)
def test_every_punch_lands_in_exactly_one_shift(punches, rules):
    landed = [
        p.id for shift in shifts_of(punches, rules, STOCKHOLM, NOW) for p in shift.all_punches()
    ]
    assert sorted(landed) == [p.id for p in punches]


@settings(max_examples=200, deadline=None)
@given(sequences, attest_settings)
def test_no_rule_counts_time_twice_or_loses_it(punches, rules):
    def totals(rule):
        rows = attest_days(punches, replace(rules, day_rule=rule), STOCKHOLM, NOW)
        return sum(r.work_seconds for r in rows), sum(r.break_seconds for r in rows)

    assert len({totals(rule) for rule in DayRule}) == 1


@settings(max_examples=200, deadline=None)
@given(sequences)
def test_split_parts_lie_within_their_day(punches):
    split = replace(DEFAULTS, day_rule=DayRule.SPLIT_AT_MIDNIGHT)
    for row in attest_days(punches, split, STOCKHOLM, NOW):
        for span in row.spans:
            assert span.start.astimezone(STOCKHOLM).date() == row.date
            last_moment = (
                span.stop - timedelta(microseconds=1) if span.stop > span.start else span.stop
            )
            assert last_moment.astimezone(STOCKHOLM).date() == row.date
