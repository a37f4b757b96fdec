"""Devices without an integration: ADMS terminals pushing to /iclock, and the kiosk page.

A terminal gains a serial number (its device), a path secret, a direction mode, the last
stamps it sent, a clock note, and a kiosk secret. New tables keep what devices sent (raw
uploads and their lines), serials waiting for an admin, PIN and work code mappings, and the
employees' kiosk PINs. No existing row changes.

Revision ID: 0014_devices_kiosk
Revises: 0013_payroll_export
Create Date: 2026-12-02
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014_devices_kiosk"
down_revision: str | None = "0013_payroll_export"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen copies of the column types of this revision (never import live code into a migration).
Id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
Instant = sa.DateTime(timezone=True)

SEQUENCED = ("device_uploads", "device_lines")


def _terminal_columns() -> list[sa.Column]:
    return [
        sa.Column(
            "device_serial", sa.String(50), comment="ADMS serial number (SN); null: no device"
        ),
        sa.Column(
            "device_secret_hash", sa.String(128), comment="digest of the path secret, if any"
        ),
        sa.Column(
            "direction_mode",
            sa.String(20),
            comment="status, in, out or alternate; null: status (the device's status codes)",
        ),
        sa.Column("device_attlog_stamp", sa.String(30), comment="the last ATTLOG Stamp it sent"),
        sa.Column("device_operlog_stamp", sa.String(30), comment="the last OPERLOG Stamp it sent"),
        sa.Column("device_last_seen_at", Instant),
        sa.Column(
            "device_clock_note", sa.String(300), comment="why its clock looks wrong; null: ok"
        ),
        sa.Column("kiosk_secret_hash", sa.String(128), comment="digest of the kiosk page's secret"),
        sa.Column(
            "kiosk_accounts",
            sa.Boolean(),
            nullable=False,
            server_default=sa.false(),
            comment="the kiosk offers an account to punch on",
        ),
    ]


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in SEQUENCED:
            op.execute(sa.schema.CreateSequence(sa.Sequence(f"{table}_id_seq")))
    with op.batch_alter_table("terminals") as batch:
        for column in _terminal_columns():
            batch.add_column(column)
        batch.create_unique_constraint(
            "uq_terminals_company_id_device_serial", ["company_id", "device_serial"]
        )
    op.create_table(
        "device_pending",
        sa.Column("serial", sa.String(50), nullable=False),
        sa.Column("first_seen_at", Instant, nullable=False),
        sa.Column("last_seen_at", Instant, nullable=False),
        sa.Column("client_address", sa.String(100)),
        sa.Column("user_agent", sa.String(300)),
        sa.Column("requests", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("serial", name="pk_device_pending"),
    )
    op.create_table(
        "device_pins",
        sa.Column("company_id", Id, nullable=False),
        sa.Column(
            "pin", sa.String(50), nullable=False, comment="the user ID enrolled on the device"
        ),
        sa.Column("employee_id", Id, nullable=False),
        sa.Column("created_at", Instant, nullable=False),
        sa.PrimaryKeyConstraint("company_id", "pin", name="pk_device_pins"),
        sa.ForeignKeyConstraint(
            ["company_id", "employee_id"],
            ["employees.company_id", "employees.id"],
            name="fk_device_pins_company_id_employee_id_employees",
        ),
    )
    op.create_table(
        "device_work_codes",
        sa.Column("company_id", Id, nullable=False),
        sa.Column("work_code", sa.String(20), nullable=False),
        sa.Column("time_code", sa.String(100), comment="TimeScheduleTypeCode tagged on the punch"),
        sa.Column("account_nr", sa.String(50), comment="AccountNr the punch is made on"),
        sa.Column("sie_account_dim", sa.Integer()),
        sa.Column("created_at", Instant, nullable=False),
        sa.PrimaryKeyConstraint("company_id", "work_code", name="pk_device_work_codes"),
        sa.ForeignKeyConstraint(
            ["company_id"], ["companies.id"], name="fk_device_work_codes_company"
        ),
    )
    op.create_table(
        "device_uploads",
        sa.Column("company_id", Id, nullable=False),
        sa.Column("id", Id, nullable=False),
        sa.Column("terminal_id", Id, nullable=False),
        sa.Column("received_at", Instant, nullable=False),
        sa.Column("table_name", sa.String(30), nullable=False, comment="ATTLOG, OPERLOG, …"),
        sa.Column("query", sa.String(1000), nullable=False, comment="the query string as sent"),
        sa.Column("body", sa.Text(), nullable=False, comment="the body as sent (UTF-8, replaced)"),
        sa.Column("line_count", sa.Integer(), nullable=False),
        sa.Column("batch_id", Id, comment="the ingest batch of its punches"),
        sa.PrimaryKeyConstraint("company_id", "id", name="pk_device_uploads"),
        sa.ForeignKeyConstraint(
            ["company_id", "terminal_id"],
            ["terminals.company_id", "terminals.id"],
            name="fk_device_uploads_company_id_terminal_id_terminals",
        ),
    )
    op.create_index(
        "ix_device_uploads_company_id_terminal_id_received_at",
        "device_uploads",
        ["company_id", "terminal_id", "received_at"],
    )
    op.create_table(
        "device_lines",
        sa.Column("company_id", Id, nullable=False),
        sa.Column("id", Id, nullable=False),
        sa.Column("upload_id", Id, nullable=False),
        sa.Column("terminal_id", Id, nullable=False),
        sa.Column("line_number", sa.Integer(), nullable=False, comment="1-based, in the upload"),
        sa.Column("pin", sa.String(50), nullable=False),
        sa.Column("device_time", sa.String(30), nullable=False, comment="as sent, device-local"),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("verify", sa.String(10), nullable=False),
        sa.Column("work_code", sa.String(20), nullable=False),
        sa.Column(
            "state",
            sa.String(12),
            nullable=False,
            comment="saved / duplicate / held / rejected",
        ),
        sa.Column("punch_id", Id, comment="saved or duplicate: the stored punch"),
        sa.Column("note", sa.String(500)),
        sa.Column("updated_at", Instant, nullable=False),
        sa.PrimaryKeyConstraint("company_id", "id", name="pk_device_lines"),
        sa.ForeignKeyConstraint(
            ["company_id", "upload_id"],
            ["device_uploads.company_id", "device_uploads.id"],
            name="fk_device_lines_company_id_upload_id_device_uploads",
        ),
    )
    op.create_index(
        "ix_device_lines_company_id_state_pin", "device_lines", ["company_id", "state", "pin"]
    )
    op.create_index(
        "ix_device_lines_company_id_terminal_id_device_time",
        "device_lines",
        ["company_id", "terminal_id", "device_time"],
    )
    op.create_table(
        "employee_pins",
        sa.Column("company_id", Id, nullable=False),
        sa.Column("employee_id", Id, nullable=False),
        sa.Column(
            "pin_hash", sa.String(200), nullable=False, comment="Argon2 hash of the kiosk PIN"
        ),
        sa.Column("set_at", Instant, nullable=False),
        sa.PrimaryKeyConstraint("company_id", "employee_id", name="pk_employee_pins"),
        sa.ForeignKeyConstraint(
            ["company_id", "employee_id"],
            ["employees.company_id", "employees.id"],
            name="fk_employee_pins_company_id_employee_id_employees",
        ),
    )


def downgrade() -> None:
    for table in (
        "employee_pins",
        "device_lines",
        "device_uploads",
        "device_work_codes",
        "device_pins",
        "device_pending",
    ):
        op.drop_table(table)
    with op.batch_alter_table("terminals") as batch:
        batch.drop_constraint("uq_terminals_company_id_device_serial", type_="unique")
        for column in _terminal_columns():
            batch.drop_column(column.name)
    if op.get_bind().dialect.name == "postgresql":
        for table in SEQUENCED:
            op.execute(sa.schema.DropSequence(sa.Sequence(f"{table}_id_seq")))
