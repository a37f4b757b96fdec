"""The kiosk's badges and account choice, offline punches, device commands, claimed serials.

Punches gain an ``offline`` mark (made on a kiosk while the server did not answer). A
terminal gains the kiosk's account level and its badge-only switch. New tables hold the
employees' badge numbers, commands queued for ADMS devices, each company's enrolment secret
and the unknown serials that knocked with it. No existing row changes.

Revision ID: 0016_kiosk_badges
Revises: 0014_devices_kiosk
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016_kiosk_badges"
down_revision: str | None = "0014_devices_kiosk"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen copies of the column types of this revision (never import live code into a migration).
Id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
Instant = sa.DateTime(timezone=True)


def _terminal_columns() -> list[sa.Column]:
    return [
        sa.Column(
            "kiosk_account_level",
            sa.Integer(),
            comment="the coding level (its number) whose accounts the kiosk offers",
        ),
        sa.Column(
            "kiosk_badge_only",
            sa.Boolean(),
            nullable=False,
            server_default=sa.false(),
            comment="a badge alone (no PIN) identifies an employee on this kiosk",
        ),
    ]


def _offline() -> sa.Column:
    return sa.Column(
        "offline",
        sa.Boolean(),
        nullable=False,
        server_default=sa.false(),
        comment="made on a kiosk while the server did not answer, and sent later",
    )


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(sa.schema.CreateSequence(sa.Sequence("device_commands_id_seq")))
    # Plain ALTER TABLE on both databases (SQLite adds and drops such columns in place): a
    # batch that copied the table would lose triggers other revisions put on it.
    op.add_column("punches", _offline())
    for column in _terminal_columns():
        op.add_column("terminals", column)
    op.create_table(
        "employee_badges",
        sa.Column("company_id", Id, nullable=False),
        sa.Column("employee_id", Id, nullable=False),
        sa.Column(
            "badge_nr", sa.String(50), nullable=False, comment="as the badge reader types it"
        ),
        sa.Column("set_at", Instant, nullable=False),
        sa.PrimaryKeyConstraint("company_id", "employee_id", name="pk_employee_badges"),
        sa.UniqueConstraint(
            "company_id", "badge_nr", name="uq_employee_badges_company_id_badge_nr"
        ),
        sa.ForeignKeyConstraint(
            ["company_id", "employee_id"],
            ["employees.company_id", "employees.id"],
            name="fk_employee_badges_company_id_employee_id_employees",
        ),
    )
    op.create_table(
        "device_commands",
        sa.Column("company_id", Id, nullable=False),
        sa.Column("id", Id, nullable=False),
        sa.Column("terminal_id", Id, nullable=False),
        sa.Column("command", sa.String(500), nullable=False, comment="as sent after C:<id>:"),
        sa.Column("reason", sa.String(300), comment="why it was queued (e.g. the clock note)"),
        sa.Column("state", sa.String(10), nullable=False, comment="queued / sent / done / failed"),
        sa.Column("queued_at", Instant, nullable=False),
        sa.Column("queued_by", sa.String(200), nullable=False, comment="the actor, or system"),
        sa.Column("sent_at", Instant),
        sa.Column("answered_at", Instant),
        sa.Column("return_code", sa.Integer(), comment="the device's Return= (0: done)"),
        sa.Column("answer", sa.String(1000), comment="the devicecmd line as the device sent it"),
        sa.PrimaryKeyConstraint("company_id", "id", name="pk_device_commands"),
        sa.ForeignKeyConstraint(
            ["company_id", "terminal_id"],
            ["terminals.company_id", "terminals.id"],
            name="fk_device_commands_company_id_terminal_id_terminals",
        ),
    )
    op.create_index(
        "ix_device_commands_company_id_terminal_id_state",
        "device_commands",
        ["company_id", "terminal_id", "state"],
    )
    op.create_table(
        "device_enrolment",
        sa.Column("company_id", Id, nullable=False),
        sa.Column(
            "secret_hash", sa.String(128), nullable=False, comment="digest of the path secret"
        ),
        sa.Column("created_at", Instant, nullable=False),
        sa.PrimaryKeyConstraint("company_id", name="pk_device_enrolment"),
        sa.ForeignKeyConstraint(
            ["company_id"], ["companies.id"], name="fk_device_enrolment_company"
        ),
    )
    op.create_table(
        "device_pending_claims",
        sa.Column("company_id", Id, nullable=False),
        sa.Column("serial", sa.String(50), nullable=False),
        sa.Column("first_seen_at", Instant, nullable=False),
        sa.Column("last_seen_at", Instant, nullable=False),
        sa.Column("client_address", sa.String(100)),
        sa.Column("user_agent", sa.String(300)),
        sa.Column("requests", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("company_id", "serial", name="pk_device_pending_claims"),
        sa.ForeignKeyConstraint(
            ["company_id"], ["companies.id"], name="fk_device_pending_claims_company"
        ),
    )


def downgrade() -> None:
    for table in (
        "device_pending_claims",
        "device_enrolment",
        "device_commands",
        "employee_badges",
    ):
        op.drop_table(table)
    for column in _terminal_columns():
        op.drop_column("terminals", column.name)
    op.drop_column("punches", "offline")
    if op.get_bind().dialect.name == "postgresql":
        op.execute(sa.schema.DropSequence(sa.Sequence("device_commands_id_seq")))
