"""The ADMS protocol as data: ATTLOG lines, directions, the handshake, the clock check."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from stampla.domain.adms import (
    Direction,
    DirectionMode,
    Options,
    alternate,
    clock_problem,
    fixed_direction,
    options_text,
    parse_attlog,
)
from stampla.domain.punch import EntryType

IN, OUT = EntryType.IN, EntryType.OUT


def test_lines_are_read_by_tabs_or_spaces_and_the_rest_is_reported() -> None:
    body = (
        "1\t2026-06-10 08:00:00\t0\t1\t0\t0\t0\r\n"
        "\n"
        "22 2026-06-10 08:01:00 1 15 3\n"
        "garbage\n"
        "3\t10/06/2026 08:00\t0\n"
    )
    records, unreadable = parse_attlog(body)
    assert [(r.number, r.pin, r.status, r.verify, r.work_code) for r in records] == [
        (1, "1", "0", "1", "0"),
        (3, "22", "1", "15", "3"),
        (5, "3", "0", "", ""),
    ]
    assert records[0].time == datetime(2026, 6, 10, 8, 0)
    assert records[2].time is None  # not a time: kept and refused, never guessed
    assert unreadable == [(4, "garbage")]


@pytest.mark.parametrize(
    ("mode", "status", "expected"),
    [
        (DirectionMode.STATUS, "0", Direction(IN, False)),
        (DirectionMode.STATUS, "1", Direction(OUT, False)),
        (DirectionMode.STATUS, "2", Direction(OUT, True)),
        (DirectionMode.STATUS, "3", Direction(IN, True)),
        (DirectionMode.STATUS, "4", Direction(IN, False)),
        (DirectionMode.STATUS, "5", Direction(OUT, False)),
        (DirectionMode.STATUS, "255", None),
        (DirectionMode.IN, "1", Direction(IN, False)),
        (DirectionMode.OUT, "0", Direction(OUT, False)),
        (DirectionMode.ALTERNATE, "0", None),
    ],
)
def test_directions(mode: DirectionMode, status: str, expected: Direction | None) -> None:
    assert fixed_direction(mode, status) == expected


@pytest.mark.parametrize(
    ("last", "expected"),
    [
        (None, Direction(IN, False)),
        (Direction(IN, False), Direction(OUT, False)),
        (Direction(OUT, False), Direction(IN, False)),
        (Direction(OUT, True), Direction(IN, True)),
        (Direction(IN, True), Direction(OUT, False)),
    ],
)
def test_alternate(last: Direction | None, expected: Direction) -> None:
    assert alternate(last) == expected


def test_the_handshake_names_the_serial_first_and_the_zone_in_hours() -> None:
    text = options_text(Options("SN1", "17", None, timedelta(hours=5, minutes=30)))
    lines = text.split("\r\n")
    assert lines[0] == "GET OPTION FROM: SN1"
    assert {"Stamp=17", "ATTLOGStamp=17", "OpStamp=None", "TimeZone=5.5"} <= set(lines)


def test_the_clock_check() -> None:
    now = datetime(2026, 12, 2, 12, 0)
    day = timedelta(days=1)
    assert clock_problem(now - timedelta(days=30), None, now, day) is None  # a backlog
    assert "ahead" in (clock_problem(now + timedelta(days=2), None, now, day) or "")
    went_back = clock_problem(datetime(2000, 1, 1), now - timedelta(hours=1), now, day)
    assert went_back and "went back" in went_back
