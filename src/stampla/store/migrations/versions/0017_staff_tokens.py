"""Staff API tokens: a staff user calls the /Admin API as themselves, with their role and scope.

A new table of bearer tokens (only their SHA-256 digests), each naming a staff user and
expiring; no existing row changes.

Revision ID: 0017_staff_tokens
Revises: 0016_kiosk_badges
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017_staff_tokens"
down_revision: str | None = "0016_kiosk_badges"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen copies of the column types of this revision (never import live code into a migration).
Id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
Instant = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "staff_tokens",
        sa.Column("company_id", Id, nullable=False),
        sa.Column(
            "token_hash", sa.String(64), nullable=False, comment="SHA-256 of the bearer token"
        ),
        sa.Column("staff_user_id", Id, nullable=False),
        sa.Column("created_at", Instant, nullable=False),
        sa.Column("expires_at", Instant, nullable=False),
        sa.PrimaryKeyConstraint("company_id", "token_hash", name="pk_staff_tokens"),
        sa.ForeignKeyConstraint(
            ["company_id", "staff_user_id"],
            ["staff_users.company_id", "staff_users.id"],
            name="fk_staff_tokens_company_id_staff_user_id_staff_users",
        ),
    )
    op.create_index(
        "ix_staff_tokens_company_id_expires_at", "staff_tokens", ["company_id", "expires_at"]
    )
    op.create_index(
        "ix_staff_tokens_company_id_staff_user_id",
        "staff_tokens",
        ["company_id", "staff_user_id"],
    )


def downgrade() -> None:
    op.drop_table("staff_tokens")
