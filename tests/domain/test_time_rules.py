"""Time rules (docs/time-rules.md): work, expected time and a rule set in, codes out.

The cases are the issue's, with Handels' retail OB table and overtime model (``handels``).
Times are Stockholm wall-clock times.
"""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stampla.domain.attest.holidays import HolidayCalendar
from stampla.domain.localtime import resolve_timestamp
from stampla.domain.rules import Compensation, DayKind, day_kinds, quantities, rule_set_on
from stampla.domain.rules.handels import HOURLY, SALARIED
from tests.domain.attest_support import STOCKHOLM, hours

SE = HolidayCalendar.SWEDEN
SUNDAY, TUESDAY, WEDNESDAY = date(2025, 6, 15), date(2025, 6, 10), date(2025, 6, 11)
SATURDAY, JULAFTON = date(2025, 6, 14), date(2025, 12, 24)


def at(day: date, clock: str) -> datetime:
    hour, minute = map(int, clock.split(":"))
    if hour == 24:
        return resolve_timestamp(
            datetime.combine(day.fromordinal(day.toordinal() + 1), time()), STOCKHOLM
        ).instant
    return resolve_timestamp(datetime.combine(day, time(hour, minute)), STOCKHOLM).instant


def work(day: date, *spans: str) -> list[tuple[datetime, datetime]]:
    """``"10:00-14:00"``, … on ``day``; a stop before the start is the next day."""
    made = []
    for text in spans:
        start, stop = text.split("-")
        begins = at(day, start)
        ends = at(day, stop)
        if ends <= begins:
            ends = at(day.fromordinal(day.toordinal() + 1), stop)
        made.append((begins, ends))
    return made


def codes(found) -> dict[str, str]:
    """Seconds per code, whichever rules produced them."""
    totals: dict[str, int] = {}
    for quantity in found:
        totals[quantity.code] = totals.get(quantity.code, 0) + quantity.seconds
    return {code: hours(seconds) for code, seconds in totals.items()}


CASES = {
    "Sunday 10-14": (SUNDAY, ["10:00-14:00"], 4 * 3600, False, {"OB 100%": "4:00"}),
    "Tuesday 17-21": (
        TUESDAY,
        ["17:00-21:00"],
        4 * 3600,
        False,
        {"OB 50%": "1:45", "OB 70%": "1:00"},
    ),
    "Saturday 10-16": (SATURDAY, ["10:00-16:00"], 6 * 3600, False, {"OB 100%": "4:00"}),
    "Julafton 10-14, as a Saturday": (
        JULAFTON,
        ["10:00-14:00"],
        4 * 3600,
        False,
        {"OB 100%": "2:00"},
    ),
    "a part-timer scheduled 4 h works 6 h": (
        WEDNESDAY,
        ["09:00-15:00"],
        4 * 3600,
        True,
        {"Mertid": "2:00"},
    ),
    "a part-timer past full time: mertid up to 7:39, then overtime": (
        WEDNESDAY,
        ["07:00-17:00"],
        4 * 3600,
        True,
        {"Mertid": "3:39", "Övertid Pengar 50%": "2:21"},
    ),
    "a full-timer scheduled 8 h works 10:30, ending 19:30": (
        WEDNESDAY,
        ["09:00-19:30"],
        8 * 3600,
        False,
        {"Övertid Pengar 50%": "2:30"},  # 17:00-19:30 simple; its 18:15-19:30 earns no OB
    ),
    "the same ending 21:00: after 20:00 qualified": (
        WEDNESDAY,
        ["10:30-21:00"],
        8 * 3600,
        False,
        # 18:30-21:00 is overtime; the 15 minutes of 18:15-18:30 before it earn OB.
        {"OB 50%": "0:15", "Övertid Pengar 50%": "1:30", "Övertid Pengar 100%": "1:00"},
    ),
    "a night Friday into Saturday": (
        date(2025, 6, 13),
        ["22:00-06:00"],
        8 * 3600,
        False,
        {"OB 70%": "2:00"},  # Saturday before 12:00 earns none
    ),
    "a night across the autumn change is nine hours": (
        date(2025, 10, 25),
        ["22:00-06:00"],
        9 * 3600,
        False,
        {"OB 100%": "9:00"},  # Saturday 22-24, then Sunday
    ),
}


@pytest.mark.parametrize("name", CASES)
def test_the_hourly_rules(name: str) -> None:
    day, spans, expected, part_time, wanted = CASES[name]
    found = quantities(work(day, *spans), expected, 0, HOURLY, STOCKHOLM, SE, part_time=part_time)
    assert codes(found) == wanted


def test_comp_time_takes_the_comp_codes() -> None:
    found = quantities(
        work(WEDNESDAY, "10:30-21:00"),
        8 * 3600,
        0,
        HOURLY,
        STOCKHOLM,
        SE,
        part_time=False,
        compensation=Compensation.COMP,
    )
    assert codes(found) == {
        "OB 50%": "0:15",
        "Övertid komp 1,5": "1:30",
        "Övertid komp 2,0": "1:00",
    }


def test_the_salaried_model_has_overtime_and_no_ob() -> None:
    found = quantities(work(SUNDAY, "10:00-14:00"), 0, 0, SALARIED, STOCKHOLM, SE, part_time=False)
    assert codes(found) == {"Övertid div 72": "4:00"}


def test_absence_covers_expected_time_before_overtime_counts() -> None:
    found = quantities(
        work(WEDNESDAY, "08:00-12:00"), 8 * 3600, 4 * 3600, HOURLY, STOCKHOLM, SE, part_time=False
    )
    assert codes(found) == {}


def test_without_expected_time_there_is_no_overtime() -> None:
    found = quantities(
        work(WEDNESDAY, "08:00-20:00"), None, 0, HOURLY, STOCKHOLM, SE, part_time=False
    )
    assert codes(found) == {"OB 50%": "1:45"}


def test_kinds_of_day() -> None:
    assert day_kinds(JULAFTON, SE) == {DayKind.EVE, DayKind.DAY_BEFORE_HOLIDAY}
    assert day_kinds(date(2025, 12, 25), SE) == {DayKind.HOLIDAY, DayKind.DAY_BEFORE_HOLIDAY}
    assert day_kinds(date(2025, 12, 26), SE) == {DayKind.HOLIDAY}
    assert day_kinds(date(2025, 6, 5), SE) == {DayKind.THURSDAY, DayKind.DAY_BEFORE_HOLIDAY}
    assert day_kinds(date(2025, 12, 25), HolidayCalendar.NONE) == {DayKind.THURSDAY}


def test_a_version_from_next_month_leaves_this_month_as_it_was() -> None:
    stricter = HOURLY._replace(valid_from=date(2025, 7, 1), windows=HOURLY.windows[:1])
    versions = [HOURLY, stricter]
    assert rule_set_on(versions, "timavlönad", date(2025, 6, 30)) is HOURLY
    assert rule_set_on(versions, "TIMAVLÖNAD", date(2025, 7, 1)) is stricter
    assert rule_set_on(versions, "Okänt avtal", date(2025, 7, 1)) is None


starts = st.integers(0, 4 * 24 * 4 - 1)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(starts, st.integers(1, 16 * 4)), max_size=4), st.booleans())
def test_ob_never_exceeds_the_work(raw, part_time) -> None:
    """For any work (around the autumn change), the OB seconds never exceed the work."""
    base = date(2025, 10, 24)
    intervals, cursor = [], None
    for quarter, length in sorted(raw):
        start = at(base, "00:00") + (quarter * 900) * _SECOND
        if cursor is not None and start < cursor:
            start = cursor
        stop = start + length * 900 * _SECOND
        intervals.append((start, stop))
        cursor = stop
    worked = sum((b - a).total_seconds() for a, b in intervals)
    for expected in (None, 0, 8 * 3600):
        found = quantities(intervals, expected, 0, HOURLY, STOCKHOLM, SE, part_time=part_time)
        ob = sum(q.seconds for q in found if q.code.startswith("OB"))
        extra = sum(q.seconds for q in found if not q.code.startswith("OB"))
        assert ob <= worked and extra <= worked


_SECOND = datetime(2000, 1, 1, 0, 0, 1) - datetime(2000, 1, 1)


def test_the_shipped_rule_sets_read_back_from_their_documents():
    from stampla.domain.rules.codec import rule_set_document, rule_set_from_document

    for rules in (HOURLY, SALARIED):
        document = rule_set_document(rules)
        again = rule_set_from_document(rules.agreement, rules.valid_from, document)
        assert again == rules


@pytest.mark.parametrize(
    ("document", "message"),
    [
        (
            {
                "windows": [
                    {"name": "x", "code": "OB", "days": ["Mon"], "start": "25:00", "stop": "20:00"}
                ]
            },
            "windows[0].start",
        ),
        (
            {
                "windows": [
                    {
                        "name": "x",
                        "code": "OB",
                        "days": ["Måndag"],
                        "start": "18:00",
                        "stop": "20:00",
                    }
                ]
            },
            "windows[0].days",
        ),
        (
            {
                "windows": [
                    {
                        "name": "x",
                        "code": "OB",
                        "days": ["Mon"],
                        "start": "18:00",
                        "stop": "20:00",
                        "rate": 1,
                    }
                ]
            },
            "windows[0]: no such part rate",
        ),
        (
            {
                "overtime": {
                    "name": "o",
                    "fullTimeWeeklyHours": "38:15",
                    "mertidCode": "M",
                    "codes": {},
                }
            },
            "overtime.codes",
        ),
        (
            {
                "overtime": {
                    "name": "o",
                    "fullTimeWeeklyHours": "38:75",
                    "mertidCode": "M",
                    "codes": {
                        "simpleMoney": "a",
                        "qualifiedMoney": "b",
                        "simpleComp": "c",
                        "qualifiedComp": "d",
                    },
                }
            },
            "overtime.fullTimeWeeklyHours",
        ),
        ({"rules": []}, "rules: no such part"),
    ],
)
def test_a_bad_document_names_the_part(document, message):
    from stampla.domain.rules.codec import rule_set_from_document

    with pytest.raises(ValueError, match=message.replace("[", r"\[").replace("]", r"\]")):
        rule_set_from_document("Timavlönad", date(2025, 1, 1), document)
