"""The audit trail: who changed which master data or credential, when, and from what to what.

Every service that changes a register or a credential records an ``Event`` in the same
transaction as the change, so the trail can never miss a committed change nor show one that
was rolled back. ``changes`` maps the API's field names to ``[old, new]``; secrets, digests
and password hashes are never part of it (a rotated key is recorded as an action, not a value).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import Field
from sqlalchemy import Connection

from stampla.errors import InvalidInput, NotFound, Problem
from stampla.store import audit as audit_store
from stampla.store.engine import Store
from stampla.store.masterdata import company_row
from stampla.wire.base import OutputModel

#: Who made a change: "cli:<os user>", "admin-key:<name>", "web:<user name>" (the pages),
#: "staff:<user name>" (a staff user's API token, ``staff_tokens``), or "system".
Actor = str
SYSTEM: Actor = "system"

#: Every kind of record the trail knows, as ``entity`` names it (``stampla audit --entity``).
ENTITIES = (
    "company",
    "integration",
    "api_user",
    "staff_user",
    "admin_key",
    "employee",
    "terminal",
    "coding_level",
    "account",
    "time_code",
    "attest_settings",
    "auto_stamp_out_settings",
    "schedule_template",
    "schedule_assignment",
    "schedule_override",
    "rule_set",
    "absence",
    "employment_term",
    "opening_balance",
    "attest_states",
    "attest_day",
    "late_punch",
    "punch_correction",
    "payroll_export",
    "device_pin",
    "device_work_code",
    "employee_pin",
    "employee_badge",
    "device_enrolment",
)

_RELATIVE = re.compile(r"^(\d+)\s*([mhdw])$")
_UNITS = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}


@dataclass(frozen=True, slots=True)
class Event:
    """One change to record."""

    entity: str  # employee, terminal, coding_level, account, time_code, integration, …
    entity_key: str  # what a person calls it: EmployeeNr, terminal number, code, name
    action: str  # create, update, deactivate, activate, rotate, revoke, passwd, import, …
    entity_id: int | None = None
    changes: Mapping[str, list[Any]] | None = None
    note: str | None = None


class AuditEvent(OutputModel):
    """One recorded change, as ``stampla audit`` and ``GET /Admin/Audit`` show it."""

    id: int
    at: datetime
    actor: str
    entity: str
    entity_key: str
    action: str
    changes: dict[str, list[Any]] | None = Field(
        None, description="Changed fields by name: [old, new]."
    )
    note: str | None = None


class AuditPage(OutputModel):
    """The newest events of a period, oldest first, and how many the period holds."""

    total: int
    time_zone: str = Field(description="The company's zone, in which a `since` date is read.")
    events: list[AuditEvent]


def record(
    conn: Connection, company_id: int, actor: Actor, now: datetime, events: Iterable[Event]
) -> None:
    """Append ``events`` to the company's trail inside the caller's transaction."""
    events = list(events)
    unknown = {event.entity for event in events}.difference(ENTITIES)
    if unknown:  # a new kind of record must be listed, or no one could filter for it
        raise ValueError(f"audit entity {', '.join(sorted(unknown))} is not in ENTITIES")
    audit_store.append(
        conn,
        company_id,
        [
            {
                "at": now,
                "actor": actor[:200],
                "entity": event.entity,
                "entity_id": event.entity_id,
                "entity_key": event.entity_key[:200],
                "action": event.action,
                "changes": dict(event.changes) if event.changes else None,
                "note": event.note[:500] if event.note else None,
            }
            for event in events
        ],
    )


def created(shown: Mapping[str, Any]) -> dict[str, list[Any]]:
    """The changes of a new record: every field that has a value, from nothing."""
    return {name: [None, value] for name, value in shown.items() if value is not None}


def changed(old: Mapping[str, Any], new: Mapping[str, Any]) -> dict[str, list[Any]]:
    """The fields of ``new`` whose value differs from ``old``, as [old, new]."""
    return {name: [old.get(name), value] for name, value in new.items() if old.get(name) != value}


def list_events(
    store: Store,
    company_id: int,
    now: datetime,
    *,
    since: str | None = None,
    entity: str | None = None,
    limit: int = 100,
) -> AuditPage:
    """The company's newest ``limit`` events since ``since`` (see ``parse_since``)."""
    if limit < 1:
        raise InvalidInput("limit must be at least 1", [Problem("must be at least 1", "limit")])
    if entity is not None and entity not in ENTITIES:
        choices = ", ".join(ENTITIES)
        raise InvalidInput(
            f"No such entity {entity!r} in the audit trail; choose one of {choices}",
            [Problem(f"must be one of {choices}", "entity")],
        )
    with store.read() as conn:
        company = company_row(conn, company_id)
        if company is None:
            raise NotFound(f"No company {company_id}")
        zone = ZoneInfo(company.time_zone)
        moment = parse_since(since, zone, now) if since else None
        found, total = audit_store.read(conn, company_id, moment, entity, limit)
    events = [
        AuditEvent(
            id=row.id,
            at=row.at,
            actor=row.actor,
            entity=row.entity,
            entity_key=row.entity_key,
            action=row.action,
            changes=row.changes,
            note=row.note,
        )
        for row in found
    ]
    return AuditPage(total=total, time_zone=company.time_zone, events=events)


def parse_since(text: str, zone: ZoneInfo, now: datetime, field: str = "since") -> datetime:
    """A moment from "7d", "12h", "30m", "2w", a date (local midnight) or a date-time.

    Dates and date-times without an offset are the company's local time, as everywhere else.
    """
    written = text.strip()
    relative = _RELATIVE.match(written.lower())
    try:
        if relative:
            return now - timedelta(**{_UNITS[relative[2]]: int(relative[1])})
        if len(written) == 10:
            moment = datetime.combine(date.fromisoformat(written), time(), zone)
        else:
            moment = datetime.fromisoformat(written)
        moment = moment if moment.tzinfo else moment.replace(tzinfo=zone)
        moment.astimezone(UTC)  # as the query will: near year 1 or 9999 that overflows
    except ValueError:
        shown = written if len(written) <= 40 else written[:39] + "…"
        raise InvalidInput(
            f"{field} must be a date, a date-time or a period such as 7d",
            [Problem(f"{shown!r} is not 2025-06-12, 2025-06-12T08:00, 12h or 7d", field)],
        ) from None
    except OverflowError:
        raise InvalidInput(
            f"{field} lies beyond the calendar",
            [Problem("is too far back or ahead to be a moment", field)],
        ) from None
    return moment
