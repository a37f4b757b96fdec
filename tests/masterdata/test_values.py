"""Register values as Swedish offices write them: decimal commas, 38:15 hours, ja/nej."""

from __future__ import annotations

from decimal import Decimal

import pytest

from stampla.service.masterdata import values as v


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("52,29", Decimal("52.29")),
        ("52.29", Decimal("52.29")),
        (52.29, Decimal("52.29")),
        ("100", Decimal("100.00")),
        (" 78,43 % ", Decimal("78.43")),
        ("0", Decimal("0.00")),
        ("", None),
        (None, None),
    ],
)
def test_employment_rates(written, stored):
    assert v.rate(written) == stored


@pytest.mark.parametrize(
    ("written", "says"),
    [
        ("abc", "not a number"),
        ("100,01", "between 0 and 100"),
        ("-1", "between 0 and 100"),
        ("52,291", "more than two decimals"),
        ("NaN", "not a number"),
        (True, "not a number"),
    ],
)
def test_bad_rates_say_why(written, says):
    with pytest.raises(ValueError, match=says):
        v.rate(written)


@pytest.mark.parametrize(
    ("written", "minutes"),
    [
        ("38:15", 2295),
        ("4:00", 240),
        ("38,25", 2295),
        ("38.25", 2295),
        (38.25, 2295),
        ("40", 2400),
        ("0:00", 0),
        ("168:00", 10080),
        ("", None),
    ],
)
def test_weekly_hours(written, minutes):
    assert v.hours(written) == minutes


@pytest.mark.parametrize(
    ("written", "says"),
    [
        ("38:60", "not hours"),
        ("38:5", "not hours"),
        ("abc", "not hours"),
        ("169:00", "between 0:00 and 168:00"),
        ("38,123", "whole number of minutes"),
    ],
)
def test_bad_hours_say_why(written, says):
    with pytest.raises(ValueError, match=says):
        v.hours(written)


def test_hours_are_shown_as_the_register_shows_them():
    assert [v.format_hours(m) for m in (2295, 240, 0, None)] == ["38:15", "4:00", "0:00", None]


@pytest.mark.parametrize("yes", ["ja", "Ja", "yes", "true", "1", "x", "X", "aktiv", True])
def test_yes(yes):
    assert v.flag(yes) is True


@pytest.mark.parametrize("no", ["nej", "NO", "false", "0", "inaktiv", False])
def test_no(no):
    assert v.flag(no) is False


def test_flags_blank_and_wrong():
    assert v.flag(" ") is None
    with pytest.raises(ValueError, match="not yes or no"):
        v.flag("kanske")


@pytest.mark.parametrize(
    ("written", "kind"),
    [
        ("Attendance terminal", "attendance_terminal"),
        ("attendance_terminal", "attendance_terminal"),
        ("Application", "application"),
        ("app", "application"),
    ],
)
def test_terminal_types(written, kind):
    assert v.terminal_kind(written) == kind


@pytest.mark.parametrize(
    ("written", "kind"),
    [("Närvaro", "attendance"), ("attendance", "attendance"), ("FRÅNVARO", "absence")],
)
def test_time_code_kinds(written, kind):
    assert v.time_code_kind(written) == kind


def test_salary_ids_keep_their_commas():
    assert v.salary_ids("Övertid kompsaldo, faktor 1,5 | OB 50%") == [
        "Övertid kompsaldo, faktor 1,5",
        "OB 50%",
    ]
    assert v.salary_ids(["a", " ", "b"]) == ["a", "b"]
    assert v.salary_ids("") is None


def test_text_is_trimmed_and_limited():
    assert v.text(5)("  abc ") == "abc"
    assert v.text(5)("   ") is None
    with pytest.raises(ValueError, match="at most 5 fit"):
        v.text(5)("abcdef")


def test_time_zones():
    assert v.time_zone("Europe/Helsinki") == "Europe/Helsinki"
    with pytest.raises(ValueError, match="not an IANA time zone"):
        v.time_zone("Europe/Nowhere")


def test_text_refuses_what_no_column_can_hold():
    from stampla.service.masterdata.values import text

    parse = text(50)
    with pytest.raises(ValueError, match="NUL"):
        parse("Nu\x00ll")
    with pytest.raises(ValueError, match="surrogate"):
        parse("Ärende\ud800")
    assert parse(" Åtgärd straße ") == "Åtgärd straße"
