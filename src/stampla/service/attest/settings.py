"""A company's attest settings: read (the defaults until it sets its own) and changed.

A change is checked against the bounds of each setting, stored, and recorded in the audit
trail in the same transaction.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from pydantic.alias_generators import to_camel
from sqlalchemy import Connection

from stampla.domain import attest as domain
from stampla.domain.attest import AttestSettings, DayRule, HolidayCalendar
from stampla.domain.attest.settings import (
    BOUNCE_SECONDS,
    GAP_MINUTES,
    GRACE_MINUTES,
    MAX_SHIFT_MINUTES,
)
from stampla.errors import InvalidInput, Problem
from stampla.store import attest as attest_store
from stampla.store.engine import Store

from .. import audit
from ..audit import SYSTEM, Actor


def read_settings(store: Store, company_id: int) -> AttestSettings:
    """The company's attest settings (the defaults until it sets its own)."""
    with store.read() as conn:
        return stored_settings(conn, company_id)


def change_settings(
    store: Store,
    company_id: int,
    now: datetime,
    *,
    day_rule: str | None = None,
    gap_minutes: int | None = None,
    max_shift_minutes: int | None = None,
    bounce_seconds: int | None = None,
    holidays: str | None = None,
    grace_minutes: int | None = None,
    actor: Actor = SYSTEM,
) -> AttestSettings:
    """Change some settings, keep the others; InvalidInput names every value out of bounds.

    A change is recorded in the audit trail (entity ``attest_settings``, old -> new by
    setting), in the same transaction: a day rule decides which day payroll pays a night
    shift on, so who changed it and when must be on record.
    """
    with store.write() as conn:
        current = stored_settings(conn, company_id)
        numbers = {
            "gap_minutes": gap_minutes,
            "max_shift_minutes": max_shift_minutes,
            "bounce_seconds": bounce_seconds,
            "grace_minutes": grace_minutes,
        }
        wanted = _wanted(current, day_rule, numbers, holidays)
        changes = {
            to_camel(name): old_new
            for name, old_new in audit.changed(_stored_values(current), wanted).items()
        }
        if changes:
            attest_store.write_settings(conn, company_id, updated_at=now, **wanted)
            event = audit.Event("attest_settings", "attest settings", "update", None, changes)
            audit.record(conn, company_id, actor, now, [event])
        return stored_settings(conn, company_id)


def _stored_values(settings: AttestSettings) -> dict[str, object]:
    """Settings in the form they are stored and audited in."""
    return {
        "day_rule": settings.day_rule.value,
        "gap_minutes": _minutes(settings.gap),
        "max_shift_minutes": _minutes(settings.max_shift),
        "bounce_seconds": int(settings.bounce.total_seconds()),
        "holidays": settings.holidays.value,
        "grace_minutes": _minutes(settings.grace),
    }


def _wanted(
    current: AttestSettings,
    day_rule: str | None,
    numbers: dict[str, int | None],
    holidays: str | None,
) -> dict[str, object]:
    """The settings after the change: the given values, checked, and the current others."""
    values = _stored_values(current)
    values.update({name: value for name, value in numbers.items() if value is not None})
    if day_rule is not None:
        values["day_rule"] = _day_rule(day_rule)
    if holidays is not None:
        values["holidays"] = _holidays(holidays)
    problems = [
        Problem(f"must be between {low} and {high}", field)
        for field, (low, high) in _BOUNDS.items()
        if not low <= values[field] <= high  # type: ignore[operator]
    ]
    if problems:
        raise InvalidInput("Attest settings out of bounds", problems)
    return values


_BOUNDS = {
    "gap_minutes": GAP_MINUTES,
    "max_shift_minutes": MAX_SHIFT_MINUTES,
    "bounce_seconds": BOUNCE_SECONDS,
    "grace_minutes": GRACE_MINUTES,
}


def _day_rule(text: str) -> str:
    for rule in DayRule:
        if text.replace("-", "").replace("_", "").lower() == rule.value.lower():
            return rule.value
    choices = ", ".join(rule.value for rule in DayRule)
    raise InvalidInput(
        f"Unknown day rule {text!r}", [Problem(f"must be one of {choices}", "day_rule")]
    )


def _holidays(text: str) -> str:
    for calendar in HolidayCalendar:
        if text.strip().lower() == calendar.value.lower():
            return calendar.value
    choices = ", ".join(calendar.value for calendar in HolidayCalendar)
    raise InvalidInput(
        f"Unknown holiday calendar {text!r}", [Problem(f"must be one of {choices}", "holidays")]
    )


def _minutes(delta: timedelta) -> int:
    return int(delta.total_seconds() // 60)


def stored_settings(conn: Connection, company_id: int) -> AttestSettings:
    """The company's settings inside the caller's transaction."""
    stored = attest_store.read_settings(conn, company_id)
    if stored is None:
        return domain.DEFAULTS
    return AttestSettings(
        day_rule=DayRule(stored.day_rule),
        gap=timedelta(minutes=stored.gap_minutes),
        max_shift=timedelta(minutes=stored.max_shift_minutes),
        bounce=timedelta(seconds=stored.bounce_seconds),
        holidays=HolidayCalendar(stored.holidays),
        grace=timedelta(minutes=stored.grace_minutes),
    )
