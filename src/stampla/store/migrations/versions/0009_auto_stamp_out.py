"""Auto stamp-out: where a punch came from, the settings per company and terminal, job leases.

Every stored punch was sent to the API, so it gets the origin ``Terminal``; nothing else of
it changes. Batches the server makes itself have no integration or user. No company or
terminal has auto stamp-out until it is set.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen copies of the column types of this revision (never import live code into a migration).
Id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
Instant = sa.DateTime(timezone=True)

_PARTIAL = "session_in_id IS NOT NULL"


def upgrade() -> None:
    # Plain ADD COLUMN on both databases: on SQLite, batch mode would rebuild the punches
    # table and lose its WITHOUT ROWID form.
    op.add_column(
        "punches",
        sa.Column(
            "origin",
            sa.String(20),
            nullable=False,
            server_default="Terminal",
            comment="Terminal: sent to the API; AutoStampOut: made by the auto stamp-out job",
        ),
    )
    op.add_column(
        "punches",
        sa.Column("session_in_id", Id, comment="AutoStampOut: the In of the session it closes"),
    )
    op.add_column(
        "punches",
        sa.Column(
            "superseded_by_id",
            Id,
            comment="the punch that took its place where the key does not tell (AutoStampOut)",
        ),
    )
    op.create_index(
        "ux_punches_session_in",
        "punches",
        ["company_id", "employee_id", "session_in_id"],
        unique=True,
        sqlite_where=sa.text(_PARTIAL),
        postgresql_where=sa.text(_PARTIAL),
    )
    with op.batch_alter_table("ingest_batches") as batch:
        batch.alter_column("integration_id", existing_type=Id, nullable=True)
        batch.alter_column("user_id", existing_type=Id, nullable=True)
    op.add_column(
        "terminals",
        sa.Column(
            "auto_stamp_out_at",
            sa.String(5),
            comment="auto stamp-out at this local time (HH:MM) or Off; null: the company's",
        ),
    )
    op.add_column(
        "terminals",
        sa.Column(
            "auto_stamp_out_after_minutes",
            sa.Integer(),
            comment="auto stamp-out after this shift length; 0: off; null: the company's",
        ),
    )
    op.create_table(
        "auto_stamp_out_settings",
        sa.Column("company_id", Id, nullable=False),
        sa.Column("at", sa.String(5), comment="stamp out open sessions at this local time (HH:MM)"),
        sa.Column("after_minutes", sa.Integer(), comment="stamp out sessions open this long"),
        sa.Column("updated_at", Instant, nullable=False),
        sa.PrimaryKeyConstraint("company_id", name="pk_auto_stamp_out_settings"),
        sa.ForeignKeyConstraint(
            ["company_id"], ["companies.id"], name="fk_auto_stamp_out_settings_company"
        ),
    )
    op.create_table(
        "job_leases",
        sa.Column("job", sa.String(50), nullable=False),
        sa.Column(
            "holder", sa.String(200), nullable=False, comment="host:pid:random of the runner"
        ),
        sa.Column("expires_at", Instant, nullable=False, comment="free for others after this"),
        sa.PrimaryKeyConstraint("job", name="pk_job_leases"),
    )


def downgrade() -> None:
    # Punches are never deleted: with synthetic ones stored, going back would have to.
    made = op.get_bind().execute(
        sa.text("SELECT count(*) FROM ingest_batches WHERE integration_id IS NULL")
    )
    if made.scalar_one():
        raise RuntimeError(
            "auto stamp-out punches are stored; revision 0008 cannot hold them (a batch the "
            "server made names no integration), so the downgrade stops here"
        )
    op.drop_table("job_leases")
    op.drop_table("auto_stamp_out_settings")
    for column in ("auto_stamp_out_after_minutes", "auto_stamp_out_at"):
        op.execute(f"ALTER TABLE terminals DROP COLUMN {column}")
    with op.batch_alter_table("ingest_batches") as batch:
        batch.alter_column("user_id", existing_type=Id, nullable=False)
        batch.alter_column("integration_id", existing_type=Id, nullable=False)
    op.drop_index("ux_punches_session_in", table_name="punches")
    for column in ("superseded_by_id", "session_in_id", "origin"):
        op.execute(f"ALTER TABLE punches DROP COLUMN {column}")
