"""One run of the auto stamp-out job, for every company that has a rule.

The run holds the job's lease (``store.leases``), so however many workers or cron entries
start it, one runs at a time; the others return at once. It is idempotent as well: a
session closed by an Out (a synthetic one included) gets nothing, and one that ever had a
synthetic Out never gets another (the unique partial index ``ux_punches_session_in`` would
refuse it). Each company is one write transaction, so ingest never sees half a run.

A run also repairs what a race on PostgreSQL can leave: a real Out committed while the run
read the punches, next to the synthetic Out the run then wrote. Any current synthetic Out
whose session a real Out closes is superseded by it, as ingest would have done.
"""

from __future__ import annotations

import os
import socket
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import Connection

from stampla.domain.auto_stamp_out import (
    AutoStampOutRule,
    SyntheticOut,
    closes,
    due_outs,
    terminal_rule,
)
from stampla.domain.localtime import local_date
from stampla.domain.punch import EntryType
from stampla.store import auto_stamp_out as rows
from stampla.store import leases
from stampla.store import punches as punch_store
from stampla.store.attest import company_time_zone
from stampla.store.engine import Store
from stampla.store.ids import allocate_batch
from stampla.store.tables import ingest_batches, punches

from ..attest.settings import stored_settings
from .settings import stored_rule

JOB = "auto-stamp-out"
#: The route a batch of synthetic Outs is recorded under (``ingest_batches.route``).
ROUTE = "job:AutoStampOut"
#: How long a run may hold the lease before another process may take over (a run that
#: died leaves it behind).
LEASE = timedelta(minutes=5)


def default_holder() -> str:
    """Who this process is, in the lease: host, process id and a random part."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


@dataclass(slots=True)
class JobReport:
    """What a run did: ``ran`` is False when another process held the lease."""

    ran: bool
    made: int = 0
    superseded: int = 0
    companies: list[int] = field(default_factory=list)


def run_once(
    store: Store, now: datetime, *, lookback_days: int = 3, holder: str | None = None
) -> JobReport:
    """Stamp out every session that is due by ``now``, under the job's lease."""
    holder = holder or default_holder()
    with store.write() as conn:
        if not leases.acquire(conn, JOB, holder, now, now + LEASE):
            return JobReport(ran=False)
        company_ids = rows.companies_with_rules(conn)
    report = JobReport(ran=True, companies=company_ids)
    try:
        for company_id in company_ids:
            made, superseded = stamp_out_company(store, company_id, now, lookback_days, holder)
            report.made += made
            report.superseded += superseded
    finally:
        with store.write() as conn:
            leases.release(conn, JOB, holder, now)
    return report


def stamp_out_company(
    store: Store, company_id: int, now: datetime, lookback_days: int, holder: str = ""
) -> tuple[int, int]:
    """One company's run, in one transaction: (synthetic Outs made, superseded by real)."""
    with store.write() as conn:
        zone = ZoneInfo(company_time_zone(conn, company_id))
        max_shift = stored_settings(conn, company_id).max_shift
        company = stored_rule(conn, company_id)
        own = rows.terminal_settings(conn, company_id)
        rules = {tid: terminal_rule(company, at, after) for tid, (at, after) in own.items()}

        def rule_of(terminal_id: int) -> AutoStampOutRule:
            return rules.get(terminal_id, company)

        first, last = window_dates(now, zone, lookback_days)
        window = rows.current_stamps(conn, company_id, first, last)
        superseded = _repair(conn, company_id, window, max_shift, now)
        due: list[tuple[rows.JobPunch, SyntheticOut]] = []
        for employee_punches in window.values():
            by_id = {p.stamp.id: p for p in employee_punches}
            stamps = [p.stamp for p in employee_punches]
            for out in due_outs(stamps, rule_of, zone, now, max_shift):
                due.append((by_id[out.opening.id], out))
        if due:
            had = rows.sessions_with_outs(
                conn, company_id, {(p.employee_id, p.stamp.id) for p, _ in due}
            )
            due = [(p, out) for p, out in due if p.stamp.id not in had]
        if due:
            _insert(conn, company_id, due, zone, now, holder)
        return len(due), superseded


def _insert(
    conn: Connection,
    company_id: int,
    due: list[tuple[rows.JobPunch, SyntheticOut]],
    zone: ZoneInfo,
    now: datetime,
    holder: str,
) -> None:
    batch_id, ids = allocate_batch(conn, ingest_batches, punches, company_id, len(due))
    punch_store.insert_batch(
        conn,
        company_id=company_id,
        id=batch_id,
        received_at=now,
        integration_id=None,
        user_id=None,
        route=ROUTE,
        client_address=None,
        user_agent=holder[:300] or None,
        all_or_none=True,
        replace_days=False,
        entry_count=len(due),
        saved_count=len(due),
        duplicate_count=0,
        rejected_count=0,
        superseded_count=0,
    )
    outs = [
        rows.NewOut(
            punch_id,
            opening,
            out.instant,
            local_date(out.instant, zone),
            out.instant.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        )
        for punch_id, (opening, out) in zip(ids, due, strict=True)
    ]
    rows.insert_outs(conn, company_id, outs, batch_id, now)


def _repair(
    conn: Connection,
    company_id: int,
    window: dict[int, list[rows.JobPunch]],
    max_shift: timedelta,
    now: datetime,
) -> int:
    """Supersede the window's current synthetic Outs that a real Out closes; drop them from
    the window. How many."""
    successors: list[tuple[int, int, int]] = []
    for employee_id, employee_punches in window.items():
        by_id = {p.stamp.id: p for p in employee_punches}
        synthetic = [p for p in employee_punches if p.session_in_id is not None]
        if not synthetic:
            continue
        work_ins = [
            p.stamp.instant
            for p in employee_punches
            if p.stamp.entry_type is EntryType.IN and not p.stamp.is_break
        ]
        real_outs = sorted(
            (p for p in employee_punches if _real_work_out(p)),
            key=lambda p: (p.stamp.instant, p.stamp.id),
        )
        gone: set[int] = set()
        for out in synthetic:
            opening = by_id.get(out.session_in_id)  # type: ignore[arg-type]
            if opening is None:
                continue
            opened = opening.stamp.instant
            real = next(
                (r for r in real_outs if closes(opened, r.stamp.instant, work_ins, max_shift)), None
            )
            if real is not None:
                successors.append((out.stamp.id, real.stamp.id, real.batch_id))
                gone.add(out.stamp.id)
        if gone:
            window[employee_id] = [p for p in employee_punches if p.stamp.id not in gone]
    rows.supersede_outs(conn, company_id, successors, now)
    return len(successors)


def _real_work_out(punch: rows.JobPunch) -> bool:
    stamp = punch.stamp
    return stamp.entry_type is EntryType.OUT and not stamp.is_break and punch.session_in_id is None


def window_dates(now: datetime, zone: ZoneInfo, lookback_days: int) -> tuple[date, date]:
    """The local dates a run reads: ``lookback_days`` back from today, and tomorrow."""
    today = now.astimezone(zone).date()
    return today - timedelta(days=lookback_days), today + timedelta(days=1)
