"""Corrections after export: what each payroll export run exported, day by day and line by line.

A day reopened after export and approved again goes into the next run as the difference
against what earlier runs exported (docs/payroll-export.md). For that, every run now records
its employee-days (``export_days``, with whether the day was a correction) and its lines as
written in the file (``export_lines``), and counts its days. Runs written before this revision
recorded neither: their ``days`` stay null, and their days cannot be reopened in the default
states (payroll corrects those in the payroll program). No existing row changes.

Revision ID: 0019_export_corrections
Revises: 0018_register_version
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0019_export_corrections"
down_revision: str | None = "0018_register_version"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen copies of the column types of this revision (never import live code into a migration).
Id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
Document = sa.JSON().with_variant(sa.dialects.postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    op.add_column(
        "export_runs",
        sa.Column("days", sa.Integer(), comment="employee-days exported; null: a run before 0015"),
    )
    op.add_column(
        "export_runs",
        sa.Column("correction_days", sa.Integer(), comment="of them, days an earlier run exported"),
    )
    op.create_table(
        "export_days",
        sa.Column("company_id", Id, nullable=False),
        sa.Column("run_id", Id, nullable=False),
        sa.Column("employee_id", Id, nullable=False),
        sa.Column("date", sa.Date(), nullable=False, comment="company-local date"),
        sa.Column(
            "correction", sa.Boolean(), nullable=False, comment="an earlier run exported the day"
        ),
        sa.PrimaryKeyConstraint(
            "company_id", "run_id", "employee_id", "date", name="pk_export_days"
        ),
        sa.ForeignKeyConstraint(["company_id"], ["companies.id"], name="fk_export_days_company"),
    )
    op.create_index(
        "ix_export_days_company_id_employee_id_date",
        "export_days",
        ["company_id", "employee_id", "date"],
    )
    op.create_table(
        "export_lines",
        sa.Column("company_id", Id, nullable=False),
        sa.Column("run_id", Id, nullable=False),
        sa.Column("employee_id", Id, nullable=False),
        sa.Column("date", sa.Date(), nullable=False, comment="company-local date"),
        sa.Column("line_no", sa.Integer(), nullable=False, comment="order within the run's day"),
        sa.Column(
            "code", sa.String(100), nullable=False, comment="the Stampla time code; empty: worked"
        ),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("tidkod", sa.String(10), comment="the PAXml tidkod"),
        sa.Column("lonart", sa.String(200), comment="the salary ID, without a tidkod"),
        sa.Column("accounts", Document, nullable=False, comment="[[level, sie_dimension, nr], …]"),
        sa.Column("absence", sa.Boolean(), nullable=False),
        sa.Column(
            "seconds", sa.Integer(), nullable=False, comment="negative: taken away by a correction"
        ),
        sa.Column(
            "hundredths", sa.Integer(), nullable=False, comment="hours x 100 as the file wrote them"
        ),
        sa.PrimaryKeyConstraint(
            "company_id", "run_id", "employee_id", "date", "line_no", name="pk_export_lines"
        ),
        sa.ForeignKeyConstraint(["company_id"], ["companies.id"], name="fk_export_lines_company"),
    )
    op.create_index(
        "ix_export_lines_company_id_employee_id_date",
        "export_lines",
        ["company_id", "employee_id", "date"],
    )


def downgrade() -> None:
    op.drop_table("export_lines")
    op.drop_table("export_days")
    for column in ("correction_days", "days"):
        op.execute(f"ALTER TABLE export_runs DROP COLUMN {column}")
