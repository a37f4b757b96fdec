"""Punch corrections: a batch made by a staff user, with who and why, and what it corrects.

A correction is stored like every other change to punches: a batch (``ingest_batches``, route
``correction:add|change|void``) whose punch, of origin ``Correction``, supersedes the original.
The batch gains the staff user's name, the reason and the id of the punch it corrects; the
audit trail gains an index to read the events of one employee-day.

Revision ID: 0012_punch_corrections
Revises: 0011_attest_states
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012_punch_corrections"
down_revision: str | None = "0011_attest_states"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen copies of the column types of this revision (never import live code into a migration).
Id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")

_COLUMNS = ("corrected_punch_id", "correction_reason", "correction_actor")


def upgrade() -> None:
    op.add_column(
        "ingest_batches",
        sa.Column(
            "correction_actor",
            sa.String(200),
            comment="a correction: the staff user who made it (web:<name>, cli:<user>, …)",
        ),
    )
    op.add_column(
        "ingest_batches",
        sa.Column("correction_reason", sa.String(500), comment="a correction: why, as typed"),
    )
    op.add_column(
        "ingest_batches",
        sa.Column("corrected_punch_id", Id, comment="a change or void: the punch it supersedes"),
    )
    op.create_index("ix_audit_events_entity_key", "audit_events", ["company_id", "entity_key"])


def downgrade() -> None:
    # Corrections are punches like any other: going back would leave batches without a why.
    made = op.get_bind().execute(
        sa.text("SELECT count(*) FROM ingest_batches WHERE correction_actor IS NOT NULL")
    )
    if made.scalar_one():
        raise RuntimeError(
            "punch corrections are stored; revision 0009 cannot say who made them or why, so "
            "the downgrade stops here"
        )
    op.drop_index("ix_audit_events_entity_key", "audit_events")
    for column in _COLUMNS:
        op.execute(f"ALTER TABLE ingest_batches DROP COLUMN {column}")
