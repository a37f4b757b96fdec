"""Reading what plans a group of employees' days: terms, assignments, overrides, absence.

One query per kind for a whole group of employees (as attest reads punches a group at a
time), each answered as the domain's value types (``stampla.domain.schedule``). The
company's schedule templates are few and read once per attest read.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from datetime import date, time
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, and_, select

from stampla.domain.rules import RuleSet
from stampla.domain.rules.codec import rule_set_from_document
from stampla.domain.schedule import (
    AbsenceExtent,
    AbsenceRegistration,
    Assignment,
    DayOverride,
    EmployeePlanning,
    EmploymentTerm,
    ScheduleTemplate,
)
from stampla.domain.schedule.codec import day_from_documents

from .references import chunks, one_of
from .tables import (
    absences,
    employment_terms,
    schedule_assignments,
    schedule_overrides,
    schedule_templates,
    time_codes,
)
from .tables import rule_sets as rule_sets_table


def rule_sets(conn: Connection, company_id: int) -> list[RuleSet]:
    """Every version of every rule set of the company."""
    r = rule_sets_table.c
    query = select(r.agreement, r.valid_from, r.rules).where(r.company_id == company_id)
    return [
        rule_set_from_document(row.agreement, row.valid_from, row.rules)
        for row in conn.execute(query.order_by(r.agreement_key, r.valid_from))
    ]


def templates(conn: Connection, company_id: int) -> dict[int, ScheduleTemplate]:
    """The company's schedule templates by id (inactive ones too: assignments may still
    name them)."""
    t = schedule_templates.c
    query = select(t.id, t.name, t.weeks, t.works_on_holidays).where(t.company_id == company_id)
    return {row.id: template_of(row) for row in conn.execute(query)}


def template_of(row: Any) -> ScheduleTemplate:
    """A template row (``id``, ``name``, ``weeks``, ``works_on_holidays``) as the domain's."""
    weeks = tuple(tuple(day_from_documents(day) for day in week) for week in row.weeks)
    return ScheduleTemplate(row.id, row.name, weeks, row.works_on_holidays)


def terms(
    conn: Connection, company_id: int, employee_ids: Collection[int]
) -> dict[int, list[EmploymentTerm]]:
    """Each employee's terms, by ``valid_from``."""
    t = employment_terms.c
    query = select(
        t.employee_id,
        t.valid_from,
        t.weekly_minutes,
        t.employment_rate,
        t.time_agreement,
        t.employment_position,
        t.overtime_compensation,
        t.flex_time,
    ).where(t.company_id == company_id, one_of(conn.dialect.name, t.employee_id))
    found: dict[int, list[EmploymentTerm]] = defaultdict(list)
    for chunk in chunks(employee_ids):
        for row in conn.execute(query.order_by(t.valid_from), {"values": chunk}):
            found[row.employee_id].append(EmploymentTerm(*row[1:]))
    return found


def assignments(
    conn: Connection, company_id: int, employee_ids: Collection[int], first: date, last: date
) -> dict[int, list[Assignment]]:
    """Each employee's assignments that reach into ``first``..``last``, by ``valid_from``."""
    a = schedule_assignments.c
    query = select(a.employee_id, a.template_id, a.valid_from, a.valid_to, a.start_week).where(
        a.company_id == company_id,
        one_of(conn.dialect.name, a.employee_id),
        a.valid_from <= last,
        (a.valid_to.is_(None)) | (a.valid_to >= first),
    )
    found: dict[int, list[Assignment]] = defaultdict(list)
    for chunk in chunks(employee_ids):
        for row in conn.execute(query.order_by(a.valid_from), {"values": chunk}):
            found[row.employee_id].append(Assignment(*row[1:]))
    return found


def overrides(
    conn: Connection, company_id: int, employee_ids: Collection[int], first: date, last: date
) -> dict[int, list[DayOverride]]:
    o = schedule_overrides.c
    query = select(o.employee_id, o.date, o.shifts).where(
        o.company_id == company_id,
        one_of(conn.dialect.name, o.employee_id),
        o.date >= first,
        o.date <= last,
    )
    found: dict[int, list[DayOverride]] = defaultdict(list)
    for chunk in chunks(employee_ids):
        for row in conn.execute(query, {"values": chunk}):
            found[row.employee_id].append(DayOverride(row.date, day_from_documents(row.shifts)))
    return found


def registered_absence(
    conn: Connection, company_id: int, employee_ids: Collection[int], first: date, last: date
) -> dict[int, list[AbsenceRegistration]]:
    """Each employee's absence (not cancelled) that reaches into ``first``..``last``."""
    a, c = absences.c, time_codes.c
    query = (
        select(
            a.employee_id,
            a.id,
            c.code,
            a.first_date,
            a.last_date,
            a.extent,
            a.percent,
            a.start_minute,
            a.stop_minute,
        )
        .join(time_codes, and_(c.company_id == a.company_id, c.id == a.time_code_id))
        .where(
            a.company_id == company_id,
            one_of(conn.dialect.name, a.employee_id),
            a.first_date <= last,
            a.last_date >= first,
            a.cancelled_at.is_(None),
        )
        .order_by(a.id)
    )
    found: dict[int, list[AbsenceRegistration]] = defaultdict(list)
    for chunk in chunks(employee_ids):
        for row in conn.execute(query, {"values": chunk}):
            found[row.employee_id].append(
                AbsenceRegistration(
                    row.id,
                    row.code,
                    row.first_date,
                    row.last_date,
                    AbsenceExtent(row.extent),
                    None if row.percent is None else Decimal(row.percent),
                    _clock(row.start_minute),
                    _clock(row.stop_minute),
                )
            )
    return found


def _clock(minutes: int | None) -> time | None:
    return None if minutes is None else time(minutes // 60 % 24, minutes % 60)


def plannings(
    conn: Connection,
    company_id: int,
    employees: Collection[tuple[int, date | None, date | None]],
    first: date,
    last: date,
) -> dict[int, EmployeePlanning]:
    """What plans ``first``..``last`` for each of ``employees`` (id, hire date, end date):
    four queries for the whole group."""
    ids = [employee_id for employee_id, _, _ in employees]
    if not ids:
        return {}
    by_terms = terms(conn, company_id, ids)
    by_assignments = assignments(conn, company_id, ids, first, last)
    by_overrides = overrides(conn, company_id, ids, first, last)
    by_absence = registered_absence(conn, company_id, ids, first, last)
    return {
        employee_id: EmployeePlanning(
            hired,
            ended,
            tuple(by_terms.get(employee_id, ())),
            tuple(by_assignments.get(employee_id, ())),
            tuple(by_overrides.get(employee_id, ())),
            tuple(by_absence.get(employee_id, ())),
        )
        for employee_id, hired, ended in employees
    }
