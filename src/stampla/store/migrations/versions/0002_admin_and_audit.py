"""Admin keys for the /Admin API, and the audit trail of master data and credentials.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen copies of the column types of this revision (never import live code into a migration).
Id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
Instant = sa.DateTime(timezone=True)
Document = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")

SEQUENCED = ("admin_keys", "audit_events")


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in SEQUENCED:
            op.execute(sa.schema.CreateSequence(sa.Sequence(f"{table}_id_seq")))
    op.create_table(
        "admin_keys",
        sa.Column("company_id", Id, nullable=False),
        sa.Column("id", Id, nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("key_hash", sa.String(64), nullable=False),
        sa.Column("active", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column("created_at", Instant, nullable=False),
        sa.Column("revoked_at", Instant),
        sa.PrimaryKeyConstraint("company_id", "id", name="pk_admin_keys"),
        sa.UniqueConstraint("company_id", "name", name="uq_admin_keys_company_id_name"),
        sa.UniqueConstraint("company_id", "key_hash", name="uq_admin_keys_company_id_key_hash"),
        sa.ForeignKeyConstraint(["company_id"], ["companies.id"], name="fk_admin_keys_company"),
    )
    op.create_table(
        "audit_events",
        sa.Column("company_id", Id, nullable=False),
        sa.Column("id", Id, nullable=False),
        sa.Column("at", Instant, nullable=False),
        sa.Column(
            "actor", sa.String(200), nullable=False, comment="cli:<os user>, admin-key:<name>, …"
        ),
        sa.Column(
            "entity", sa.String(30), nullable=False, comment="employee, terminal, integration, …"
        ),
        sa.Column("entity_id", Id),
        sa.Column(
            "entity_key", sa.String(200), nullable=False, comment="EmployeeNr, code, name, …"
        ),
        sa.Column("action", sa.String(30), nullable=False, comment="create, update, deactivate, …"),
        sa.Column("changes", Document, comment="{field: [old, new]}; never secrets or hashes"),
        sa.Column("note", sa.String(500)),
        sa.PrimaryKeyConstraint("company_id", "id", name="pk_audit_events"),
        # No foreign key to companies: see store/tables.py.
    )
    op.create_index("ix_audit_events_company_id_at", "audit_events", ["company_id", "at"])


def downgrade() -> None:
    op.drop_table("audit_events")
    op.drop_table("admin_keys")
    if op.get_bind().dialect.name == "postgresql":
        for table in SEQUENCED:
            op.execute(sa.schema.DropSequence(sa.Sequence(f"{table}_id_seq")))
