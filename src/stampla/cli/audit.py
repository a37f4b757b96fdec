"""``stampla audit``: who changed which master data or credential, and how."""

from __future__ import annotations

import json
from zoneinfo import ZoneInfo

import typer

from stampla.service import audit as trail

from .common import CompanyOption, JsonOption, company_store, emit
from .common import table as print_table
from .context import console, now


def audit(
    company: CompanyOption = None,
    since: str | None = typer.Option(
        None, help="From a date, a local date-time, or a period back: 7d, 12h, 30m, 2w."
    ),
    entity: str | None = typer.Option(None, help=f"Only one kind: {', '.join(trail.ENTITIES)}."),
    limit: int = typer.Option(100, min=1, help="Show at most the newest this many."),
    as_json: JsonOption = False,
) -> None:
    """Show the audit trail: when, who, what and old -> new, oldest first.

    Example: stampla audit --since 7d --entity employee
    """
    with company_store(company, as_json) as (store, company_id):
        page = trail.list_events(store, company_id, now(), since=since, entity=entity, limit=limit)
    if as_json:
        emit(page)
        return
    zone = ZoneInfo(page.time_zone)
    columns = [
        (f"when ({page.time_zone})", lambda e: e.at.astimezone(zone).strftime("%Y-%m-%d %H:%M:%S")),
        ("who", lambda e: e.actor),
        ("what", lambda e: f"{e.entity} {e.entity_key}"),
        ("action", lambda e: e.action),
        ("changes", lambda e: _changes(e) or e.note),
    ]
    print_table("Audit trail", columns, page.events)
    if page.total > len(page.events):
        console.print(
            f"Showing the newest {len(page.events)} of {page.total}; use --limit or --since."
        )


def _changes(event: trail.AuditEvent) -> str:
    if not event.changes:
        return ""
    return "; ".join(
        f"{name}: {_value(old)} → {_value(new)}" for name, (old, new) in event.changes.items()
    )


def _value(value: object) -> str:
    return "∅" if value is None else json.dumps(value, ensure_ascii=False)
