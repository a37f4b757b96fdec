"""Time rules: rule sets per time agreement, and each term's overtime choice and flex time.

Companies start with no rule sets, so no day row changes until one is added; every existing
term takes money for overtime and no flex time.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen copies of the column types of this revision (never import live code into a migration).
Id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
Instant = sa.DateTime(timezone=True)
Document = sa.JSON().with_variant(sa.dialects.postgresql.JSONB(), "postgresql")


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(sa.schema.CreateSequence(sa.Sequence("rule_sets_id_seq")))
    op.create_table(
        "rule_sets",
        sa.Column("company_id", Id, nullable=False),
        sa.Column("id", Id, nullable=False),
        sa.Column(
            "agreement", sa.String(100), nullable=False, comment="the time agreement it is for"
        ),
        sa.Column(
            "agreement_key",
            sa.String(),
            nullable=False,
            comment="match_key(agreement): how agreement is matched",
        ),
        sa.Column("valid_from", sa.Date(), nullable=False, comment="until the next version's date"),
        sa.Column(
            "rules", Document, nullable=False, comment="windows and overtime (domain.rules.codec)"
        ),
        sa.Column("created_at", Instant, nullable=False),
        sa.PrimaryKeyConstraint("company_id", "id", name="pk_rule_sets"),
        sa.UniqueConstraint(
            "company_id",
            "agreement_key",
            "valid_from",
            name="uq_rule_sets_company_id_agreement_key_valid_from",
        ),
        sa.ForeignKeyConstraint(["company_id"], ["companies.id"], name="fk_rule_sets_company"),
    )
    with op.batch_alter_table("employment_terms") as batch:
        batch.add_column(
            sa.Column(
                "overtime_compensation",
                sa.String(10),
                nullable=False,
                server_default="Money",
                comment="what overtime becomes: Money or Comp",
            )
        )
        batch.add_column(
            sa.Column("flex_time", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch.create_check_constraint(
            "ck_employment_terms_overtime_compensation",
            "overtime_compensation IN ('Money', 'Comp')",
        )


def downgrade() -> None:
    with op.batch_alter_table("employment_terms") as batch:
        batch.drop_constraint("ck_employment_terms_overtime_compensation", type_="check")
        batch.drop_column("flex_time")
        batch.drop_column("overtime_compensation")
    op.drop_table("rule_sets")
    if op.get_bind().dialect.name == "postgresql":
        op.execute(sa.schema.DropSequence(sa.Sequence("rule_sets_id_seq")))
