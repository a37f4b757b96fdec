"""Staff users: who signs in to the pages, with a role and a scope; sessions now name them.

Web sessions used to name an API user. API users serve integrations only from here on, so
every existing session ends (the table is made anew, referencing ``staff_users``): people
sign in again as staff users, created with ``stampla staff add``. No staff user is made
from an API user: a terminal's password must not become a person's.

Revision ID: 0010_staff_users
Revises: 0009
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010_staff_users"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen copies of the column types of this revision (never import live code into a migration).
Id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
Instant = sa.DateTime(timezone=True)
Document = sa.JSON().with_variant(sa.dialects.postgresql.JSONB(), "postgresql")


def _sessions(user_column: str, table: str) -> None:
    op.create_table(
        "web_sessions",
        sa.Column("company_id", Id, nullable=False),
        sa.Column(
            "session_hash", sa.String(64), nullable=False, comment="SHA-256 of the cookie's secret"
        ),
        sa.Column(user_column, Id, nullable=False),
        sa.Column("created_at", Instant, nullable=False),
        sa.Column("expires_at", Instant, nullable=False),
        sa.PrimaryKeyConstraint("company_id", "session_hash", name="pk_web_sessions"),
        sa.ForeignKeyConstraint(
            ["company_id", user_column],
            [f"{table}.company_id", f"{table}.id"],
            name=f"fk_web_sessions_company_id_{user_column}_{table}",
        ),
    )
    op.create_index(
        "ix_web_sessions_company_id_expires_at", "web_sessions", ["company_id", "expires_at"]
    )


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(sa.schema.CreateSequence(sa.Sequence("staff_users_id_seq")))
    op.create_table(
        "staff_users",
        sa.Column("company_id", Id, nullable=False),
        sa.Column("id", Id, nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column(
            "name_key", sa.String(), nullable=False, comment="match_key(name): how name is matched"
        ),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column(
            "role", sa.String(20), nullable=False, comment="viewer, attestant, payroll or admin"
        ),
        sa.Column("scope_level", sa.String(200), comment="coding level name; null: every employee"),
        sa.Column("scope_accounts", Document, comment="account numbers of scope_level"),
        sa.Column(
            "language", sa.String(2), nullable=False, server_default="sv", comment="sv or en"
        ),
        sa.Column("active", sa.Boolean(), nullable=False, server_default=sa.true()),
        sa.Column("created_at", Instant, nullable=False),
        sa.PrimaryKeyConstraint("company_id", "id", name="pk_staff_users"),
        sa.UniqueConstraint("company_id", "name_key", name="uq_staff_users_company_id_name_key"),
        sa.CheckConstraint(
            "role IN ('viewer', 'attestant', 'payroll', 'admin')", name="ck_staff_users_role"
        ),
        sa.CheckConstraint("language IN ('sv', 'en')", name="ck_staff_users_language"),
        sa.ForeignKeyConstraint(["company_id"], ["companies.id"], name="fk_staff_users_company"),
    )
    op.drop_table("web_sessions")  # every API user's session ends: see the docstring
    _sessions("staff_user_id", "staff_users")


def downgrade() -> None:
    op.drop_table("web_sessions")
    _sessions("user_id", "api_users")
    op.drop_table("staff_users")
    if op.get_bind().dialect.name == "postgresql":
        op.execute(sa.schema.DropSequence(sa.Sequence("staff_users_id_seq")))
