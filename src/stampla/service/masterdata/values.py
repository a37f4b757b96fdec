"""Reading register values the way Swedish offices write them.

The same parser serves a CSV cell, a CLI option and a JSON property, so "52,29" and 52.29, or
"38:15" and 38.25, mean the same everywhere. Each parser returns the stored form or raises
ValueError with a message that can be shown to the person who typed the value.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from stampla.domain.text import text_problem

Parser = Callable[[Any], Any]


class Located(ValueError):
    """What is wrong with one part of a value that has parts: ``where`` follows the field's
    name in the problem ("Weeks" + "[1].Tuesday"), so that a person finds the part."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(message)
        self.where = where


TERMINAL_KINDS = ("attendance_terminal", "application")
TIME_CODE_KINDS = ("attendance", "absence")

_TRUE = {"1", "true", "yes", "y", "ja", "j", "x", "active", "aktiv", "sant"}
_FALSE = {"0", "false", "no", "n", "nej", "inactive", "inaktiv", "falskt"}
_HOURS = re.compile(r"^(\d{1,3}):([0-5]\d)$")
MAX_WEEKLY_MINUTES = 168 * 60


def described(parse: Parser, written: str) -> Parser:
    """``parse``, carrying how people write its values (for the CSV documentation)."""
    parse.written = written  # type: ignore[attr-defined]
    return parse


def written(parse: Parser) -> str:
    """How people write the values ``parse`` reads."""
    return getattr(parse, "written", "")


def blank(value: Any) -> bool:
    """True for None and for text that is only white space."""
    return value is None or (isinstance(value, str) and not value.strip())


def text(max_length: int) -> Parser:
    """Trimmed text of at most ``max_length`` characters; blank means "none"."""

    def parse(value: Any) -> str | None:
        if blank(value):
            return None
        found = str(value).strip()
        if reason := text_problem(found):
            raise ValueError(reason)
        if len(found) > max_length:
            raise ValueError(f"is {len(found)} characters long; at most {max_length} fit")
        return found

    return described(parse, f"text, at most {max_length} characters")


def integer(minimum: int, maximum: int) -> Parser:
    def parse(value: Any) -> int | None:
        if blank(value):
            return None
        if isinstance(value, bool):
            raise ValueError(f"{value!r} is not a whole number")
        try:
            number = int(str(value).strip())
        except ValueError:
            raise ValueError(f"{value!r} is not a whole number") from None
        if not minimum <= number <= maximum:
            raise ValueError(f"{number} is outside {minimum}..{maximum}")
        return number

    return described(parse, "a whole number")


def decimal_number(value: Any) -> Decimal:
    """A number with a decimal comma or point: "52,29", "52.29", 52.29, "1 234,5"."""
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is not a number")
    if isinstance(value, Decimal):
        return value
    cleaned = str(value).strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(f"{value!r} is not a number such as 52,29") from None
    if not number.is_finite():
        raise ValueError(f"{value!r} is not a number such as 52,29")
    return number


def rate(value: Any) -> Decimal | None:
    """An employment rate in per cent of full time: 0 to 100, at most two decimals."""
    if blank(value):
        return None
    written = value.strip().removesuffix("%") if isinstance(value, str) else value
    number = decimal_number(written)
    if not Decimal(0) <= number <= Decimal(100):
        raise ValueError(f"{value!r} is not a per cent between 0 and 100")
    if number != number.quantize(Decimal("0.01")):
        raise ValueError(f"{value!r} has more than two decimals")
    return number.quantize(Decimal("0.01"))


def hours(value: Any) -> int | None:
    """Weekly working hours as minutes: "38:15", "38,25", 38.25 and "38" all work."""
    if blank(value):
        return None
    written = str(value).strip()
    match = _HOURS.match(written)
    if match:
        minutes = int(match[1]) * 60 + int(match[2])
    else:
        try:
            total = decimal_number(value) * 60
        except ValueError:
            raise ValueError(f"{value!r} is not hours such as 38:15 or 38,25") from None
        if total != total.to_integral_value():
            raise ValueError(f"{value!r} is not a whole number of minutes")
        minutes = int(total)
    if not 0 <= minutes <= MAX_WEEKLY_MINUTES:
        raise ValueError(f"{value!r} is not between 0:00 and 168:00 hours a week")
    return minutes


#: The dates a register accepts (a hire date, a term's ValidFrom): wide enough for any real
#: employment, far enough from year 1 and 9999 that a day more or less never overflows.
FIRST_CALENDAR_DATE = date(1900, 1, 1)
LAST_CALENDAR_DATE = date(2999, 12, 31)


def calendar_date(value: Any) -> date | None:
    """A date written 2025-06-12, from 1900 to 2999; blank means "none"."""
    if blank(value):
        return None
    if isinstance(value, date):
        day = value
    else:
        written = str(value).strip()
        try:
            day = date.fromisoformat(written) if len(written) == 10 else None
        except ValueError:
            day = None
        if day is None:
            shown = written if len(written) <= 40 else written[:39] + "…"
            raise ValueError(f"{shown!r} is not a date such as 2025-06-12")
    if not FIRST_CALENDAR_DATE <= day <= LAST_CALENDAR_DATE:
        raise ValueError(f"{day} is not between {FIRST_CALENDAR_DATE} and {LAST_CALENDAR_DATE}")
    return day


calendar_date = described(calendar_date, "a date such as 2025-06-12")


def format_date(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def format_hours(minutes: int | None) -> str | None:
    """Minutes as the register shows weekly hours: 2295 -> "38:15"."""
    if minutes is None:
        return None
    return f"{minutes // 60}:{minutes % 60:02d}"


def flag(value: Any) -> bool | None:
    """Yes or no, in English, Swedish, as 1/0 or as a checkbox's "x"; blank means "not said"."""
    if isinstance(value, bool):
        return value
    if blank(value):
        return None
    word = str(value).strip().lower()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    raise ValueError(f"{value!r} is not yes or no (true/false, ja/nej, 1/0)")


def _folded(value: Any) -> str:
    return re.sub(r"[\s_\-]", "", str(value)).lower()


def terminal_kind(value: Any) -> str | None:
    """``attendance_terminal`` or ``application``, from any spelling of the UI's "Type"."""
    if blank(value):
        return None
    word = _folded(value)
    if word in ("attendanceterminal", "terminal", "närvaroterminal", "stämpelklocka"):
        return "attendance_terminal"
    if word in ("application", "app", "applikation"):
        return "application"
    raise ValueError(f"{value!r} is not a terminal type (attendance_terminal or application)")


def time_code_kind(value: Any) -> str | None:
    """``attendance`` or ``absence`` (Swedish "närvaro"/"frånvaro" too)."""
    if blank(value):
        return None
    word = _folded(value)
    if word in ("attendance", "närvaro"):
        return "attendance"
    if word in ("absence", "frånvaro"):
        return "absence"
    raise ValueError(f"{value!r} is not a time code kind (attendance or absence)")


def salary_ids(value: Any) -> list[str] | None:
    """Salary IDs: a list, or text with several separated by "|" (names contain commas)."""
    if blank(value):
        return None
    items: Sequence[Any] = value if isinstance(value, list | tuple) else str(value).split("|")
    found = [str(item).strip() for item in items if str(item).strip()]
    for item in found:
        if len(item) > 200:
            raise ValueError(f"salary ID {item[:20]!r}… is longer than 200 characters")
    return found or None


def time_zone(value: Any) -> str | None:
    """An IANA time zone name this machine knows, e.g. Europe/Stockholm."""
    if blank(value):
        return None
    name = str(value).strip()
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"{name!r} is not an IANA time zone (e.g. Europe/Stockholm)") from None
    return name


described(rate, "per cent of full time, 0 to 100: `52,29` or `52.29`")
described(hours, "hours a week: `38:15`, `38,25` or `38`")
described(flag, "`ja`/`nej`, `yes`/`no`, `true`/`false`, `1`/`0` or `x`")
described(terminal_kind, "`attendance_terminal` (or `Attendance terminal`) or `application`")
described(time_code_kind, "`attendance` or `absence` (`närvaro`, `frånvaro`)")
described(salary_ids, "salary IDs; several separated by `\\|`")
described(time_zone, "an IANA time zone such as `Europe/Helsinki`")
