"""The audit trail's rows: appended in bulk, read by company and time."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row, func, select

from . import bulk_rows
from .ids import allocate_ids
from .tables import audit_events


def append(conn: Connection, company_id: int, events: Sequence[dict[str, Any]]) -> None:
    """Append ``events`` (column values without company_id and id) in one bulk write."""
    if not events:
        return
    ids = allocate_ids(conn, audit_events, company_id, len(events))
    rows = [
        {**event, "company_id": company_id, "id": row_id}
        for event, row_id in zip(events, ids, strict=True)
    ]
    bulk_rows.insert(conn, audit_events, rows)


def read(
    conn: Connection,
    company_id: int,
    since: datetime | None,
    entity: str | None,
    limit: int,
) -> tuple[list[Row], int]:
    """The newest ``limit`` events since ``since`` (oldest first), and how many there are."""
    where = [audit_events.c.company_id == company_id]
    if since is not None:
        where.append(audit_events.c.at >= since)
    if entity is not None:
        where.append(audit_events.c.entity == entity)
    total = conn.execute(select(func.count()).where(*where)).scalar_one()
    newest = conn.execute(
        select(audit_events)
        .where(*where)
        .order_by(audit_events.c.at.desc(), audit_events.c.id.desc())
        .limit(limit)
    ).all()
    return newest[::-1], total
