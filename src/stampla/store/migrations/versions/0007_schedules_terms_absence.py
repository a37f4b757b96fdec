"""Schedules, dated employment terms and absence: what expected time is computed from.

* ``employees`` gets a hire date and an end date (both unknown for existing employees, so
  nothing changes for them).
* ``employment_terms``: weekly hours, rate, time agreement and position by the date they are
  valid from. Each existing employee gets one term holding its current values, valid from
  2000-01-01 (the earliest date a read may name), so every day row stays exactly as it was.
* ``schedule_templates``, ``schedule_assignments``, ``schedule_overrides`` and ``absences``
  start empty.
* ``attest_settings`` gets the grace of deviations from the schedule (0 min).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen copies of the column types of this revision (never import live code into a migration).
Id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
Instant = sa.DateTime(timezone=True)
Document = sa.JSON().with_variant(sa.dialects.postgresql.JSONB(), "postgresql")

#: The date the backfilled terms hold from: the earliest date any read may name.
FIRST_TERM = date(2000, 1, 1)


def _company_and_id(table: str) -> list[sa.Column]:
    return [
        sa.Column("company_id", Id, nullable=False),
        sa.Column("id", Id, nullable=False),
    ]


def _employee_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["company_id", "employee_id"],
        ["employees.company_id", "employees.id"],
        name=f"fk_{table}_company_id_employee_id_employees",
    )


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in (
            "employment_terms",
            "schedule_templates",
            "schedule_assignments",
            "schedule_overrides",
            "absences",
        ):
            op.execute(sa.schema.CreateSequence(sa.Sequence(f"{table}_id_seq")))
    with op.batch_alter_table("employees") as batch:
        batch.add_column(
            sa.Column("hire_date", sa.Date(), comment="first day of employment; null: not known")
        )
        batch.add_column(
            sa.Column("end_date", sa.Date(), comment="last day of employment; null: still employed")
        )
    with op.batch_alter_table("attest_settings") as batch:
        batch.add_column(
            sa.Column(
                "grace_minutes",
                sa.Integer(),
                nullable=False,
                server_default=sa.text("0"),
                comment="late In / early Out within this is no deviation",
            )
        )
    _create_terms()
    _create_schedules()
    _create_absences()
    _backfill_terms()


def _create_terms() -> None:
    op.create_table(
        "employment_terms",
        *_company_and_id("employment_terms"),
        sa.Column("employee_id", Id, nullable=False),
        sa.Column(
            "valid_from", sa.Date(), nullable=False, comment="valid until the next term's date"
        ),
        sa.Column("time_agreement", sa.String(100)),
        sa.Column("employment_position", sa.String(100)),
        sa.Column("employment_rate", sa.Numeric(6, 2), comment="per cent of full time"),
        sa.Column("weekly_minutes", sa.Integer(), comment="weekly working hours, in minutes"),
        sa.Column("created_at", Instant, nullable=False),
        sa.PrimaryKeyConstraint("company_id", "id", name="pk_employment_terms"),
        sa.UniqueConstraint(
            "company_id",
            "employee_id",
            "valid_from",
            name="uq_employment_terms_company_id_employee_id_valid_from",
        ),
        _employee_fk("employment_terms"),
    )


def _create_schedules() -> None:
    op.create_table(
        "schedule_templates",
        *_company_and_id("schedule_templates"),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column(
            "name_key", sa.String(), nullable=False, comment="match_key(name): how name is matched"
        ),
        sa.Column("description", sa.String(500)),
        sa.Column(
            "weeks",
            Document,
            nullable=False,
            comment="the rotation: weeks of 7 days (Monday first) of shifts "
            '{"start": "08:00", "stop": "17:00", "breaks": [{"start", "stop"}], '
            '"accountNr", "timeCode"}',
        ),
        sa.Column("works_on_holidays", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("active", sa.Boolean(), nullable=False, server_default=sa.true()),
        sa.Column("created_at", Instant, nullable=False),
        sa.PrimaryKeyConstraint("company_id", "id", name="pk_schedule_templates"),
        sa.UniqueConstraint(
            "company_id", "name_key", name="uq_schedule_templates_company_id_name_key"
        ),
        sa.ForeignKeyConstraint(
            ["company_id"], ["companies.id"], name="fk_schedule_templates_company"
        ),
    )
    op.create_table(
        "schedule_assignments",
        *_company_and_id("schedule_assignments"),
        sa.Column("employee_id", Id, nullable=False),
        sa.Column("template_id", Id, nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_to", sa.Date(), comment="last day, inclusive; null: until further notice"),
        sa.Column(
            "start_week",
            sa.Integer(),
            nullable=False,
            comment="rotation week of valid_from, 1-based",
        ),
        sa.Column("created_at", Instant, nullable=False),
        sa.PrimaryKeyConstraint("company_id", "id", name="pk_schedule_assignments"),
        sa.UniqueConstraint(
            "company_id",
            "employee_id",
            "valid_from",
            name="uq_schedule_assignments_company_id_employee_id_valid_from",
        ),
        _employee_fk("schedule_assignments"),
        sa.ForeignKeyConstraint(
            ["company_id", "template_id"],
            ["schedule_templates.company_id", "schedule_templates.id"],
            name="fk_schedule_assignments_template",
        ),
    )
    op.create_table(
        "schedule_overrides",
        *_company_and_id("schedule_overrides"),
        sa.Column("employee_id", Id, nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("shifts", Document, nullable=False, comment="the date's shifts; [] is a day off"),
        sa.Column("note", sa.String(500)),
        sa.Column("created_at", Instant, nullable=False),
        sa.PrimaryKeyConstraint("company_id", "id", name="pk_schedule_overrides"),
        sa.UniqueConstraint(
            "company_id",
            "employee_id",
            "date",
            name="uq_schedule_overrides_company_id_employee_id_date",
        ),
        _employee_fk("schedule_overrides"),
    )


def _create_absences() -> None:
    op.create_table(
        "absences",
        *_company_and_id("absences"),
        sa.Column("employee_id", Id, nullable=False),
        sa.Column("time_code_id", Id, nullable=False, comment="an absence time code"),
        sa.Column("first_date", sa.Date(), nullable=False),
        sa.Column("last_date", sa.Date(), nullable=False),
        sa.Column("extent", sa.String(10), nullable=False, comment="FullDay, Percent or Hours"),
        sa.Column("percent", sa.Numeric(5, 2), comment="Percent: share of the expected time"),
        sa.Column("start_minute", sa.Integer(), comment="Hours: from, minutes after midnight"),
        sa.Column("stop_minute", sa.Integer(), comment="Hours: to, minutes after midnight"),
        sa.Column("note", sa.String(500)),
        sa.Column("created_at", Instant, nullable=False),
        sa.Column("cancelled_at", Instant, comment="cancelled registrations are kept, not deleted"),
        sa.PrimaryKeyConstraint("company_id", "id", name="pk_absences"),
        sa.CheckConstraint("extent IN ('FullDay', 'Percent', 'Hours')", name="ck_absences_extent"),
        sa.CheckConstraint("first_date <= last_date", name="ck_absences_dates"),
        _employee_fk("absences"),
        sa.ForeignKeyConstraint(
            ["company_id", "time_code_id"],
            ["time_codes.company_id", "time_codes.id"],
            name="fk_absences_company_id_time_code_id_time_codes",
        ),
    )
    op.create_index(
        "ix_absences_company_id_employee_id_first_date",
        "absences",
        ["company_id", "employee_id", "first_date"],
    )


def _backfill_terms() -> None:
    """One term per employee, valid from FIRST_TERM, with its current values; each term's id
    is its employee's id, unique within the company as ids must be."""
    conn = op.get_bind()
    now = datetime.now(UTC)
    employees = sa.table(
        "employees",
        sa.column("company_id"),
        sa.column("id"),
        sa.column("time_agreement"),
        sa.column("employment_position"),
        sa.column("employment_rate"),
        sa.column("weekly_minutes"),
    )
    terms = sa.table(
        "employment_terms",
        sa.column("company_id"),
        sa.column("id"),
        sa.column("employee_id"),
        sa.column("valid_from"),
        sa.column("time_agreement"),
        sa.column("employment_position"),
        sa.column("employment_rate"),
        sa.column("weekly_minutes"),
        sa.column("created_at"),
    )
    e = employees.c
    conn.execute(
        terms.insert().from_select(
            [c.name for c in terms.columns],
            sa.select(
                e.company_id,
                e.id,
                e.id,
                sa.literal(FIRST_TERM, sa.Date()),
                e.time_agreement,
                e.employment_position,
                e.employment_rate,
                e.weekly_minutes,
                sa.literal(now, Instant),
            ),
        )
    )
    if conn.dialect.name == "postgresql":
        # Later terms take ids above every backfilled one.
        conn.execute(
            sa.text(
                "SELECT setval('employment_terms_id_seq', "
                "greatest((SELECT max(id) FROM employment_terms), 1))"
            )
        )


def downgrade() -> None:
    for table in (
        "absences",
        "schedule_overrides",
        "schedule_assignments",
        "schedule_templates",
        "employment_terms",
    ):
        op.drop_table(table)
    if op.get_bind().dialect.name == "postgresql":
        for table in (
            "absences",
            "schedule_overrides",
            "schedule_assignments",
            "schedule_templates",
            "employment_terms",
        ):
            op.execute(sa.schema.DropSequence(sa.Sequence(f"{table}_id_seq")))
    with op.batch_alter_table("attest_settings") as batch:
        batch.drop_column("grace_minutes")
    with op.batch_alter_table("employees") as batch:
        batch.drop_column("end_date")
        batch.drop_column("hire_date")
