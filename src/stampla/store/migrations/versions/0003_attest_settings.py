"""Attest settings: a company's day-assignment rule, gap, maximum shift and bounce window.

A company without a row uses the defaults (StartDay, 4 h, 16 h, 60 s), so nothing needs to be
backfilled.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen copies of the column types of this revision (never import live code into a migration).
Id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
Instant = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "attest_settings",
        sa.Column("company_id", Id, nullable=False),
        sa.Column(
            "day_rule", sa.String(20), nullable=False, comment="StartDay, EndDay, MostTime, …"
        ),
        sa.Column(
            "gap_minutes", sa.Integer(), nullable=False, comment="sessions closer form one shift"
        ),
        sa.Column(
            "max_shift_minutes", sa.Integer(), nullable=False, comment="open longer: MissingOut"
        ),
        sa.Column(
            "bounce_seconds", sa.Integer(), nullable=False, comment="repeat within: a double read"
        ),
        sa.Column("updated_at", Instant, nullable=False),
        sa.PrimaryKeyConstraint("company_id", name="pk_attest_settings"),
        sa.CheckConstraint(
            "day_rule IN ('StartDay', 'EndDay', 'MostTime', 'SplitAtMidnight')",
            name=op.f("ck_attest_settings_day_rule"),
        ),
        sa.ForeignKeyConstraint(
            ["company_id"], ["companies.id"], name="fk_attest_settings_company"
        ),
    )


def downgrade() -> None:
    op.drop_table("attest_settings")
