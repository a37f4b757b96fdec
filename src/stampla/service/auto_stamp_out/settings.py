"""A company's auto stamp-out rule: read (none until set) and changed, with its audit event.

The company's rule applies to sessions begun on every terminal that has no setting of its
own (the terminal register's AutoStampOutAt and AutoStampOutAfter replace it part by part).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from pydantic import Field
from sqlalchemy import Connection

from stampla.domain.auto_stamp_out import NO_RULE, OFF, AutoStampOutRule, parse_clock
from stampla.errors import InvalidInput, Problem
from stampla.store import auto_stamp_out as rows
from stampla.store.engine import Store
from stampla.wire.base import OutputModel

from .. import audit
from ..audit import SYSTEM, Actor
from . import values

ENTITY = "auto_stamp_out_settings"


class CompanyRuleView(OutputModel):
    """The company's rule as the API and the CLI show it; null: that part is off."""

    auto_stamp_out_at: str | None = Field(
        None, description="Local time of day (HH:MM) at which open sessions are stamped out."
    )
    auto_stamp_out_after: str | None = Field(
        None, description="Shift length (H:MM) after which an open session is stamped out."
    )


def company_rule(row: Any | None) -> AutoStampOutRule:
    """The rule a stored settings row says (no row: no rule)."""
    if row is None:
        return NO_RULE
    at = parse_clock(row.at) if row.at else None
    after = timedelta(minutes=row.after_minutes) if row.after_minutes else None
    return AutoStampOutRule(at, after)


def _view(row: Any | None) -> CompanyRuleView:
    if row is None:
        return CompanyRuleView()
    return CompanyRuleView(
        auto_stamp_out_at=row.at, auto_stamp_out_after=values.after_text(row.after_minutes)
    )


def read_company_rule(store: Store, company_id: int) -> CompanyRuleView:
    with store.read() as conn:
        return _view(rows.read_company_rule(conn, company_id))


def stored_rule(conn: Connection, company_id: int) -> AutoStampOutRule:
    return company_rule(rows.read_company_rule(conn, company_id))


def change_company_rule(
    store: Store,
    company_id: int,
    now: datetime,
    *,
    at: str | None = None,
    after: str | int | None = None,
    actor: Actor = SYSTEM,
) -> CompanyRuleView:
    """Change one or both parts; ``Off`` turns a part off, None leaves it as it is.

    InvalidInput names each field that cannot be read; the change and its audit event
    (old -> new by field) commit together.
    """
    problems: list[Problem] = []
    new_at = new_after = None
    try:
        new_at = values.at(at)
    except ValueError as error:
        problems.append(Problem(f"AutoStampOutAt: {error}", "AutoStampOutAt"))
    try:
        new_after = values.after(after)
    except ValueError as error:
        problems.append(Problem(f"AutoStampOutAfter: {error}", "AutoStampOutAfter"))
    if problems:
        raise InvalidInput(
            "Auto stamp-out settings: " + "; ".join(p.message for p in problems), problems
        )
    with store.write() as conn:
        current = rows.read_company_rule(conn, company_id)
        old = _view(current)
        stored_at = current.at if current is not None else None
        stored_after = current.after_minutes if current is not None else None
        if new_at is not None:
            stored_at = None if new_at == OFF else new_at
        if new_after is not None:
            stored_after = new_after or None
        wanted = CompanyRuleView(
            auto_stamp_out_at=stored_at, auto_stamp_out_after=values.after_text(stored_after)
        )
        changes = audit.changed(old.model_dump(by_alias=True), wanted.model_dump(by_alias=True))
        if changes:
            rows.write_company_rule(conn, company_id, stored_at, stored_after, now)
            event = audit.Event(ENTITY, "auto stamp-out", "update", None, changes)
            audit.record(conn, company_id, actor, now, [event])
        return wanted
