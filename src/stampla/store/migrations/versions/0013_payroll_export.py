"""Payroll export: a time code's PAXml tidkod, a company's organisation number, export runs.

Both new columns are empty until set: an unmapped code exports by its salary ID or is
refused (docs/payroll-export.md), a company without an org number exports without one.
An export run keeps the file it wrote, byte for byte, with its SHA-256, so that downloading
it again gives payroll the very file it imported.

Revision ID: 0013_payroll_export
Revises: 0012_punch_corrections
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013_payroll_export"
down_revision: str | None = "0012_punch_corrections"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen copies of the column types of this revision (never import live code into a migration).
Id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
Instant = sa.DateTime(timezone=True)
Document = sa.JSON().with_variant(sa.dialects.postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(sa.schema.CreateSequence(sa.Sequence("export_runs_id_seq")))
    op.add_column(
        "time_codes",
        sa.Column("paxml_code", sa.String(10), comment="PAXml 2.0 tidkod (ARB, OB1, SJK …)"),
    )
    op.add_column(
        "companies",
        sa.Column("org_nr", sa.String(12), comment="organisation number, as payroll knows it"),
    )
    op.create_table(
        "export_runs",
        sa.Column("company_id", Id, nullable=False),
        sa.Column("id", Id, nullable=False),
        sa.Column("format", sa.String(20), nullable=False, comment="paxml, csv or csv-utf8"),
        sa.Column("date_from", sa.Date(), nullable=False),
        sa.Column("date_to", sa.Date(), nullable=False),
        sa.Column("employee_nrs", Document, comment="the employees asked for; null: all"),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("created_at", Instant, nullable=False),
        sa.Column("file_name", sa.String(200), nullable=False),
        sa.Column("digest", sa.String(64), nullable=False, comment="SHA-256 of content, hex"),
        sa.Column("content", sa.LargeBinary(), nullable=False, comment="the file as written"),
        sa.Column("totals", Document, nullable=False, comment="seconds per employee and code"),
        sa.PrimaryKeyConstraint("company_id", "id", name="pk_export_runs"),
        sa.ForeignKeyConstraint(["company_id"], ["companies.id"], name="fk_export_runs_company"),
    )


def downgrade() -> None:
    op.drop_table("export_runs")
    if op.get_bind().dialect.name == "postgresql":
        op.execute(sa.schema.DropSequence(sa.Sequence("export_runs_id_seq")))
    for table, column in (("companies", "org_nr"), ("time_codes", "paxml_code")):
        op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
