"""ADMS commands: the packed clock, the getrequest answer, the devicecmd results."""

from __future__ import annotations

from datetime import datetime

import pytest

from stampla.domain.adms_commands import (
    SET_CLOCK,
    command_lines,
    command_problem,
    packed_time,
    parse_results,
    rendered,
)


@pytest.mark.parametrize(
    ("local", "packed"),
    [
        (datetime(2018, 2, 22, 14, 54, 54), 583080894),  # the PUSH protocol's own example
        (datetime(2000, 1, 1, 0, 0, 0), 0),
        (datetime(2000, 2, 1, 0, 0, 0), 31 * 86400),  # every month counts 31 days
        (datetime(2026, 12, 3, 8, 30, 0), ((26 * 372 + 11 * 31 + 2) * 86400) + 8 * 3600 + 1800),
    ],
)
def test_packed_time(local, packed):
    assert packed_time(local) == packed


def test_the_clock_command_is_rendered_when_sent():
    assert rendered(SET_CLOCK, datetime(2018, 2, 22, 14, 54, 54)) == (
        "SET OPTIONS DateTime=583080894"
    )
    assert rendered("REBOOT", datetime(2018, 2, 22)) == "REBOOT"


def test_getrequest_lines():
    assert command_lines([]) == "OK"
    assert command_lines([(7, "REBOOT"), (8, "INFO")]) == "C:7:REBOOT\nC:8:INFO\n"


@pytest.mark.parametrize(
    ("command", "problem"),
    [
        ("REBOOT", None),
        ("DATA UPDATE USERINFO PIN=1\tName=Åsa", None),
        ("", "a command is required"),
        ("REBOOT\nCLEAR DATA", "one line of printable text (tabs separate fields)"),
        ("X" * 501, "at most 500 characters"),
    ],
)
def test_command_problems(command, problem):
    assert command_problem(command) == problem


def test_devicecmd_results():
    body = "ID=7&Return=0&CMD=SET OPTIONS\nid=8&return=-2&cmd=REBOOT\n\nnonsense\nID=9&CMD=INFO\n"
    results, unreadable = parse_results(body)
    assert [(r.command_id, r.return_code, r.command_word) for r in results] == [
        (7, 0, "SET OPTIONS"),
        (8, -2, "REBOOT"),
        (9, None, "INFO"),
    ]
    assert unreadable == ["nonsense"]
