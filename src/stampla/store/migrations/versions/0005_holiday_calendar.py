"""Attest settings: the holiday calendar whose weekday holidays expect no time.

Existing settings rows get ``None`` (no holidays), which is what every company had before,
so no day row changes until a company chooses a calendar.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "attest_settings",
        sa.Column(
            "holidays",
            sa.String(10),
            nullable=False,
            server_default="None",
            comment="holiday calendar: None, SE",
        ),
    )


def downgrade() -> None:
    with op.batch_alter_table("attest_settings") as batch:
        batch.drop_column("holidays")
