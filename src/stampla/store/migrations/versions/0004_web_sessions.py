"""Web sessions: who is signed in to the pages under /web/, until when.

A session is found by the company id and the SHA-256 digest of the random secret in the
browser's cookie; the secret itself is never stored. No backfill: nobody is signed in yet.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen copies of the column types of this revision (never import live code into a migration).
Id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
Instant = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "web_sessions",
        sa.Column("company_id", Id, nullable=False),
        sa.Column(
            "session_hash", sa.String(64), nullable=False, comment="SHA-256 of the cookie's secret"
        ),
        sa.Column("user_id", Id, nullable=False),
        sa.Column("created_at", Instant, nullable=False),
        sa.Column("expires_at", Instant, nullable=False),
        sa.PrimaryKeyConstraint("company_id", "session_hash", name="pk_web_sessions"),
        sa.ForeignKeyConstraint(
            ["company_id", "user_id"],
            ["api_users.company_id", "api_users.id"],
            name="fk_web_sessions_company_id_user_id_api_users",
        ),
    )
    op.create_index(
        "ix_web_sessions_company_id_expires_at", "web_sessions", ["company_id", "expires_at"]
    )


def downgrade() -> None:
    op.drop_table("web_sessions")
