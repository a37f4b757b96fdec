"""Writing a checked import: new rows, changed rows and their audit events, in bulk.

Everything goes in a few thousand rows per statement inside the caller's one transaction, so
an import is all or nothing and 50,000 employees take a few dozen round trips.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, Row

from stampla.store import masterdata as store_md

from .. import audit
from ..audit import Actor, Event
from ..masterdata.records import action_of
from .formats import ImportFormat
from .plan import Plan, Progress, Record

CHUNK = 5_000


def write_plan(
    conn: Connection,
    form: ImportFormat,
    company_id: int,
    plan: Plan,
    now: datetime,
    actor: Actor,
    note: str,
    progress: Progress | None,
) -> None:
    """Insert the plan's new records, update its changed ones, and record every change."""
    total = len(plan.creates) + len(plan.updates)
    done = 0
    events: list[Event] = []
    created_ids: list[int] = []
    for start in range(0, len(plan.creates), CHUNK):
        chunk = plan.creates[start : start + CHUNK]
        made = _create(conn, form, company_id, chunk, now, note)
        created_ids.extend(event.entity_id for event in made)  # type: ignore[misc]
        events.extend(made)
        done += len(chunk)
        if progress:
            progress("Writing", done, total)
    for start in range(0, len(plan.updates), CHUNK):
        chunk = plan.updates[start : start + CHUNK]
        events.extend(_update(conn, form, company_id, chunk, note))
        done += len(chunk)
        if progress:
            progress("Writing", done, total)
    audit.record(conn, company_id, actor, now, events)
    if form.register.imported:
        seen = [
            (r.line, r.values, r.extra, None, new_id)
            for r, new_id in zip(plan.creates, created_ids, strict=True)
        ]
        seen += [(r.line, r.values, r.extra, row, row.id) for r, row in plan.updates + plan.same]
        form.register.imported(conn, company_id, seen, now, actor)


def _create(
    conn: Connection,
    form: ImportFormat,
    company_id: int,
    creates: list[Record],
    now: datetime,
    note: str,
) -> list[Event]:
    extra = (lambda record: {"level_id": record.level_id}) if form.by_level else lambda _: {}
    values = [{**record.values, "created_at": now, **extra(record)} for record in creates]
    ids = store_md.insert_rows(conn, form.register.table, company_id, values)
    created = form.register.created
    entity = form.register.entity
    return [
        Event(entity, record.label, "create", new_id, created(record.values), note)
        for record, new_id in zip(creates, ids, strict=True)
    ]


def _update(
    conn: Connection,
    form: ImportFormat,
    company_id: int,
    updates: list[tuple[Record, Row]],
    note: str,
) -> list[Event]:
    """Set what differs; one statement for all rows, over the columns that differ in any."""
    shown = form.register.shown
    differences = []
    events = []
    for record, current in updates:
        old = current._mapping
        different = {c: v for c, v in record.values.items() if old[c] != v}
        differences.append(different)
        changes = audit.changed(shown({c: old[c] for c in different}), shown(different))
        action = action_of(different)
        events.append(Event(form.register.entity, record.label, action, current.id, changes, note))
    columns = sorted({column for different in differences for column in different})
    values = [
        {"id": current.id, **{c: different.get(c, current._mapping[c]) for c in columns}}
        for (_, current), different in zip(updates, differences, strict=True)
    ]
    store_md.update_rows(conn, form.register.table, company_id, columns, values)
    return events
