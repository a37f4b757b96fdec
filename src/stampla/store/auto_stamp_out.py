"""The queries of auto stamp-out: settings, open sessions, synthetic Outs and their successors.

Synthetic Outs carry ``session_in_id`` (the In of the session they close), and only they do:
the partial index ``ux_punches_session_in`` holds them alone, so finding an employee's is a
seek in a small index, and one session can never get two.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, and_, bindparam, exists, insert, or_, select, union, update
from sqlalchemy.dialects import postgresql, sqlite

from stampla.domain.attest.model import AUTO_STAMP_OUT
from stampla.domain.auto_stamp_out import Stamp
from stampla.domain.punch import EntryType

from .references import chunks, one_of
from .tables import auto_stamp_out_settings, companies, punches, terminals


def read_company_rule(conn: Connection, company_id: int) -> Any | None:
    """The company's settings row (``at``, ``after_minutes``), or None: never set."""
    s = auto_stamp_out_settings.c
    return conn.execute(
        select(auto_stamp_out_settings).where(s.company_id == company_id)
    ).one_or_none()


def write_company_rule(
    conn: Connection, company_id: int, at: str | None, after_minutes: int | None, now: datetime
) -> None:
    values = {"at": at, "after_minutes": after_minutes, "updated_at": now}
    dialect_insert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
    statement = dialect_insert(auto_stamp_out_settings).values(company_id=company_id, **values)
    conn.execute(statement.on_conflict_do_update(index_elements=["company_id"], set_=values))


def companies_with_rules(conn: Connection) -> list[int]:
    """Active companies where the company or one of its active terminals has a rule."""
    s, t, c = auto_stamp_out_settings.c, terminals.c, companies.c
    own = select(s.company_id).where(or_(s.at.is_not(None), s.after_minutes.is_not(None)))
    terminal = select(t.company_id).where(
        t.active, or_(t.auto_stamp_out_at.is_not(None), t.auto_stamp_out_after_minutes.is_not(None))
    )
    named = union(own, terminal).subquery()
    query = select(c.id).where(c.active, c.id.in_(select(named.c.company_id))).order_by(c.id)
    return list(conn.execute(query).scalars())


def terminal_settings(
    conn: Connection, company_id: int
) -> dict[int, tuple[str | None, int | None]]:
    """(at, after_minutes) of each terminal that has its own, by terminal id."""
    t = terminals.c
    query = select(t.id, t.auto_stamp_out_at, t.auto_stamp_out_after_minutes).where(
        t.company_id == company_id,
        or_(t.auto_stamp_out_at.is_not(None), t.auto_stamp_out_after_minutes.is_not(None)),
    )
    return {row.id: (row[1], row[2]) for row in conn.execute(query)}


@dataclass(frozen=True, slots=True)
class JobPunch:
    """A current punch of the job's window: the stamp, and what a synthetic Out copies."""

    stamp: Stamp
    employee_id: int
    employee_nr: str
    employee_external_code: str | None
    time_terminal_id: int
    session_in_id: int | None  # set on synthetic Outs only
    batch_id: int


def current_stamps(
    conn: Connection, company_id: int, first: date, last: date
) -> dict[int, list[JobPunch]]:
    """The current punches with local dates first..last, by employee id (one range scan of
    the dedup index, which leads with company and local date)."""
    p = punches.c
    query = select(
        p.id,
        p.instant,
        p.entry_type,
        p.is_break,
        p.terminal_id,
        p.employee_id,
        p.employee_nr,
        p.employee_external_code,
        p.time_terminal_id,
        p.session_in_id,
        p.batch_id,
    ).where(
        p.company_id == company_id,
        p.local_date >= first,
        p.local_date <= last,
        p.dedup_slot == 0,
    )
    found: dict[int, list[JobPunch]] = {}
    for row in conn.execute(query):
        stamp = Stamp(
            row.id, row.instant, EntryType(row.entry_type), bool(row.is_break), row.terminal_id
        )
        found.setdefault(row.employee_id, []).append(
            JobPunch(
                stamp,
                row.employee_id,
                row.employee_nr,
                row.employee_external_code,
                row.time_terminal_id,
                row.session_in_id,
                row.batch_id,
            )
        )
    return found


def sessions_with_outs(
    conn: Connection, company_id: int, sessions: Collection[tuple[int, int]]
) -> set[int]:
    """Of (employee id, In id) pairs, the Ins that already have a synthetic Out, current or
    superseded: a session gets one at most, ever."""
    p = punches.c
    wanted = {in_id for _, in_id in sessions}
    found: set[int] = set()
    for chunk in chunks({employee for employee, _ in sessions}):
        query = select(p.session_in_id).where(
            p.company_id == company_id,
            one_of(conn.dialect.name, p.employee_id),
            p.session_in_id.is_not(None),
        )
        found.update(i for i in conn.execute(query, {"values": chunk}).scalars() if i in wanted)
    return found


@dataclass(frozen=True, slots=True)
class NewOut:
    """A synthetic Out to insert (its id allocated)."""

    id: int
    opening: JobPunch
    instant: datetime
    local_date: date
    timestamp_text: str


def insert_outs(
    conn: Connection, company_id: int, outs: Sequence[NewOut], batch_id: int, now: datetime
) -> None:
    """Insert synthetic Outs: the In's employee and terminal as it sent them, no accounts or
    time codes (the session's time takes the In's), the origin and the session's In."""
    rows = [
        {
            "company_id": company_id,
            "id": out.id,
            "employee_id": out.opening.employee_id,
            "instant": out.instant,
            "local_date": out.local_date,
            "entry_type": int(EntryType.OUT),
            "is_break": False,
            "terminal_id": out.opening.stamp.terminal_id,
            "employee_nr": out.opening.employee_nr,
            "employee_external_code": out.opening.employee_external_code,
            "timestamp_sent": out.timestamp_text,
            "time_terminal_id": out.opening.time_terminal_id,
            "batch_id": batch_id,
            "received_at": now,
            "origin": AUTO_STAMP_OUT,
            "session_in_id": out.opening.stamp.id,
        }
        for out in outs
    ]
    if rows:
        conn.execute(insert(punches), rows)


@dataclass(frozen=True, slots=True)
class CurrentOut:
    """A current synthetic Out, with the instant and date of the In it closed."""

    id: int
    employee_id: int
    instant: datetime
    opened: datetime
    opened_date: date


def current_outs(
    conn: Connection, company_id: int, employee_ids: Collection[int]
) -> list[CurrentOut]:
    """The employees' current synthetic Outs (a seek in the partial index per employee)."""
    s = punches.alias("s")
    i = punches.alias("i")
    query = (
        select(s.c.id, s.c.employee_id, s.c.instant, i.c.instant, i.c.local_date)
        .join(i, and_(i.c.company_id == s.c.company_id, i.c.id == s.c.session_in_id))
        .where(
            s.c.company_id == company_id,
            one_of(conn.dialect.name, s.c.employee_id),
            s.c.session_in_id.is_not(None),
            s.c.dedup_slot == 0,
        )
    )
    found: list[CurrentOut] = []
    for chunk in chunks(employee_ids):
        found.extend(CurrentOut(*row) for row in conn.execute(query, {"values": chunk}))
    return found


def work_in_between(
    conn: Connection,
    company_id: int,
    employee_id: int,
    dates: tuple[date, date],
    after: datetime,
    before: datetime,
) -> bool:
    """Whether the employee has a current work In strictly between two instants."""
    p = punches.c
    query = select(
        exists().where(
            p.company_id == company_id,
            p.local_date >= dates[0],
            p.local_date <= dates[1],
            p.employee_id == employee_id,
            p.instant > after,
            p.instant < before,
            p.entry_type == int(EntryType.IN),
            p.is_break.is_(False),
            p.dedup_slot == 0,
        )
    )
    return bool(conn.execute(query).scalar())


def supersede_outs(
    conn: Connection, company_id: int, successors: Sequence[tuple[int, int, int]], now: datetime
) -> None:
    """Mark synthetic Outs as replaced, each by its real Out: (synthetic id, real id, the
    real Out's batch)."""
    p = punches.c
    statement = (
        update(punches)
        .where(p.company_id == company_id, p.id == bindparam("synthetic"), p.dedup_slot == 0)
        .values(
            superseded_at=now,
            superseded_by_batch_id=bindparam("batch"),
            superseded_by_id=bindparam("real"),
            dedup_slot=p.id,
        )
    )
    if successors:
        conn.execute(statement, [{"synthetic": s, "real": r, "batch": b} for s, r, b in successors])
