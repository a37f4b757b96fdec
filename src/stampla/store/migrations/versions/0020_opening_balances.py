"""Opening balances: an employee's comp-time and flex balances carried from an earlier
system, at the start of a date (docs/time-rules.md, "Opening balances"). One per employee;
the balances are counted from it. No existing row changes.

Revision ID: 0020_opening_balances
Revises: 0019_export_corrections
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0020_opening_balances"
down_revision: str | None = "0019_export_corrections"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen copies of the column types of this revision (never import live code into a migration).
Id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
Instant = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "opening_balances",
        sa.Column("company_id", Id, nullable=False),
        sa.Column("employee_id", Id, nullable=False),
        sa.Column(
            "date", sa.Date(), nullable=False, comment="the balances at the start of this date"
        ),
        sa.Column("comp_seconds", sa.Integer(), nullable=False, comment="comp time (kompsaldo)"),
        sa.Column("flex_seconds", sa.Integer(), nullable=False, comment="flex time (flexsaldo)"),
        sa.Column("note", sa.String(500)),
        sa.Column("changed_at", Instant, nullable=False),
        sa.PrimaryKeyConstraint("company_id", "employee_id", name="pk_opening_balances"),
        sa.ForeignKeyConstraint(
            ["company_id", "employee_id"],
            ["employees.company_id", "employees.id"],
            name="fk_opening_balances_company_id_employee_id_employees",
        ),
    )


def downgrade() -> None:
    op.drop_table("opening_balances")
