"""Attest states: the configured states and transitions, each day's state, frozen rows of
locked days, and dismissed late punches.

Nothing is stored for a company until it configures its states (the defaults apply) nor for
a day until it leaves the initial state, so existing data needs no backfill.

Revision ID: 0011_attest_states
Revises: 0010_staff_users
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlalchemy.dialects.postgresql
from alembic import op

revision: str = "0011_attest_states"
down_revision: str | None = "0010_staff_users"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen copies of the column types of this revision (never import live code into a migration).
Id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
Instant = sa.DateTime(timezone=True)
Document = sa.JSON().with_variant(sa.dialects.postgresql.JSONB(), "postgresql")


def _company_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(["company_id"], ["companies.id"], name=f"fk_{table}_company")


def upgrade() -> None:
    op.create_table(
        "attest_states",
        sa.Column("company_id", Id, nullable=False),
        sa.Column("code", sa.String(30), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("colour", sa.String(7), nullable=False, comment="#rrggbb"),
        sa.Column("locks", sa.Boolean(), nullable=False, comment="a day in it is frozen"),
        sa.Column(
            "sort_order", sa.Integer(), nullable=False, comment="the lowest is the initial state"
        ),
        sa.Column(
            "exported", sa.Boolean(), nullable=False, comment="the state payroll export sets"
        ),
        sa.PrimaryKeyConstraint("company_id", "code", name="pk_attest_states"),
        _company_fk("attest_states"),
    )
    op.create_table(
        "attest_transitions",
        sa.Column("company_id", Id, nullable=False),
        sa.Column("from_code", sa.String(30), nullable=False),
        sa.Column("to_code", sa.String(30), nullable=False),
        sa.Column(
            "role", sa.String(20), nullable=False, comment="viewer, attestant, payroll or admin"
        ),
        sa.PrimaryKeyConstraint(
            "company_id", "from_code", "to_code", "role", name="pk_attest_transitions"
        ),
        _company_fk("attest_transitions"),
    )
    op.create_table(
        "attest_days",
        sa.Column("company_id", Id, nullable=False),
        sa.Column("date", sa.Date(), nullable=False, comment="company-local date"),
        sa.Column("employee_id", Id, nullable=False),
        sa.Column("state_code", sa.String(30), nullable=False),
        sa.Column(
            "changed_by", sa.String(200), nullable=False, comment="who moved it into its state"
        ),
        sa.Column("changed_at", Instant, nullable=False),
        sa.Column("reason", sa.String(500)),
        sa.Column("overridden", sa.Boolean(), nullable=False, comment="attested despite warnings"),
        sa.Column(
            "frozen", Document, comment="the attested day row (domain.attest.frozen); locked"
        ),
        sa.Column("digest", sa.String(64), comment="SHA-256 of the frozen row"),
        sa.Column("frozen_at", Instant, comment="when it locked: later punches are late"),
        sa.Column("export_run_id", Id, comment="the payroll export run that exported it"),
        sa.PrimaryKeyConstraint("company_id", "date", "employee_id", name="pk_attest_days"),
        _company_fk("attest_days"),
    )
    op.create_table(
        "late_punch_dismissals",
        sa.Column("company_id", Id, nullable=False),
        sa.Column("punch_id", Id, nullable=False),
        sa.Column("reason", sa.String(500), nullable=False),
        sa.Column("dismissed_by", sa.String(200), nullable=False),
        sa.Column("dismissed_at", Instant, nullable=False),
        sa.PrimaryKeyConstraint("company_id", "punch_id", name="pk_late_punch_dismissals"),
        _company_fk("late_punch_dismissals"),
    )


def downgrade() -> None:
    for table in ("late_punch_dismissals", "attest_days", "attest_transitions", "attest_states"):
        op.drop_table(table)
