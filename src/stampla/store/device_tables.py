"""The schema of devices that punch without an integration: ADMS terminals and the kiosk.

A device is a terminal of the terminal register (``tables.terminals``) with a serial number;
these are its extra columns and the tables of what it sent. ``tables`` includes them, so the
schema stays in one metadata (and one migration chain).
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    Sequence,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
)

from .types import Id, UtcDateTime

#: What a device line became: stored, a resend, waiting for its PIN, or refused.
LINE_STATES = ("saved", "duplicate", "held", "rejected")
#: Where a command queued for a device is: waiting for its poll, sent, or answered.
COMMAND_STATES = ("queued", "sent", "done", "failed")


def device_columns() -> list[Column]:
    """The terminal register's columns for ADMS devices and the kiosk page."""
    return [
        Column("device_serial", String(50), comment="ADMS serial number (SN); null: no device"),
        Column("device_secret_hash", String(128), comment="digest of the path secret, if any"),
        Column(
            "direction_mode",
            String(20),
            comment="status, in, out or alternate; null: status (the device's status codes)",
        ),
        Column("device_attlog_stamp", String(30), comment="the last ATTLOG Stamp it sent"),
        Column("device_operlog_stamp", String(30), comment="the last OPERLOG Stamp it sent"),
        Column("device_last_seen_at", UtcDateTime),
        Column("device_clock_note", String(300), comment="why its clock looks wrong; null: ok"),
        Column("kiosk_secret_hash", String(128), comment="digest of the kiosk page's secret"),
        Column(
            "kiosk_accounts",
            Boolean,
            nullable=False,
            server_default=false(),
            comment="the kiosk offers an account to punch on",
        ),
        Column(
            "kiosk_account_level",
            Integer,
            comment="the coding level (its number) whose accounts the kiosk offers",
        ),
        Column(
            "kiosk_badge_only",
            Boolean,
            nullable=False,
            server_default=false(),
            comment="a badge alone (no PIN) identifies an employee on this kiosk",
        ),
    ]


def _company_fk(name: str) -> ForeignKeyConstraint:
    return ForeignKeyConstraint(["company_id"], ["companies.id"], name=f"fk_{name}_company")


def _id(name: str) -> Column:
    return Column("id", Id, Sequence(f"{name}_id_seq"), nullable=False)


def define(metadata: MetaData) -> dict[str, Table]:
    """The device tables, in ``metadata``."""
    pending = Table(
        "device_pending",
        metadata,
        # Not company data: a device that is not registered tells only its serial number.
        Column("serial", String(50), nullable=False),
        Column("first_seen_at", UtcDateTime, nullable=False),
        Column("last_seen_at", UtcDateTime, nullable=False),
        Column("client_address", String(100)),
        Column("user_agent", String(300)),
        Column("requests", Integer, nullable=False),
        PrimaryKeyConstraint("serial"),
    )
    pins = Table(
        "device_pins",
        metadata,
        Column("company_id", Id, nullable=False),
        Column("pin", String(50), nullable=False, comment="the user ID enrolled on the device"),
        Column("employee_id", Id, nullable=False),
        Column("created_at", UtcDateTime, nullable=False),
        PrimaryKeyConstraint("company_id", "pin"),
        ForeignKeyConstraint(
            ["company_id", "employee_id"], ["employees.company_id", "employees.id"]
        ),
    )
    work_codes = Table(
        "device_work_codes",
        metadata,
        Column("company_id", Id, nullable=False),
        Column("work_code", String(20), nullable=False),
        Column("time_code", String(100), comment="TimeScheduleTypeCode tagged on the punch"),
        Column("account_nr", String(50), comment="AccountNr the punch is made on"),
        Column("sie_account_dim", Integer),
        Column("created_at", UtcDateTime, nullable=False),
        PrimaryKeyConstraint("company_id", "work_code"),
        _company_fk("device_work_codes"),
    )
    uploads = Table(
        "device_uploads",
        metadata,
        Column("company_id", Id, nullable=False),
        _id("device_uploads"),
        Column("terminal_id", Id, nullable=False),
        Column("received_at", UtcDateTime, nullable=False),
        Column("table_name", String(30), nullable=False, comment="ATTLOG, OPERLOG, …"),
        Column("query", String(1000), nullable=False, comment="the query string as sent"),
        Column("body", Text, nullable=False, comment="the body as sent (UTF-8, replaced)"),
        Column("line_count", Integer, nullable=False),
        Column("batch_id", Id, comment="the ingest batch of its punches"),
        PrimaryKeyConstraint("company_id", "id"),
        ForeignKeyConstraint(
            ["company_id", "terminal_id"], ["terminals.company_id", "terminals.id"]
        ),
        Index(None, "company_id", "terminal_id", "received_at"),
    )
    lines = Table(
        "device_lines",
        metadata,
        Column("company_id", Id, nullable=False),
        _id("device_lines"),
        Column("upload_id", Id, nullable=False),
        Column("terminal_id", Id, nullable=False),
        Column("line_number", Integer, nullable=False, comment="1-based, in the upload"),
        Column("pin", String(50), nullable=False),
        Column("device_time", String(30), nullable=False, comment="as sent, device-local"),
        Column("status", String(10), nullable=False),
        Column("verify", String(10), nullable=False),
        Column("work_code", String(20), nullable=False),
        Column("state", String(12), nullable=False, comment=" / ".join(LINE_STATES)),
        Column("punch_id", Id, comment="saved or duplicate: the stored punch"),
        Column("note", String(500)),
        Column("updated_at", UtcDateTime, nullable=False),
        PrimaryKeyConstraint("company_id", "id"),
        ForeignKeyConstraint(
            ["company_id", "upload_id"], ["device_uploads.company_id", "device_uploads.id"]
        ),
        Index(None, "company_id", "state", "pin"),
        Index(None, "company_id", "terminal_id", "device_time"),
    )
    employee_pins = Table(
        "employee_pins",
        metadata,
        Column("company_id", Id, nullable=False),
        Column("employee_id", Id, nullable=False),
        Column("pin_hash", String(200), nullable=False, comment="Argon2 hash of the kiosk PIN"),
        Column("set_at", UtcDateTime, nullable=False),
        PrimaryKeyConstraint("company_id", "employee_id"),
        ForeignKeyConstraint(
            ["company_id", "employee_id"], ["employees.company_id", "employees.id"]
        ),
    )
    tables = (pending, pins, work_codes, uploads, lines, employee_pins)
    return {t.name: t for t in (*tables, *_kiosk_and_commands(metadata))}


def _kiosk_and_commands(metadata: MetaData) -> tuple[Table, ...]:
    """Badges, commands queued for devices, and serials a company's enrolment secret names."""
    badges = Table(
        "employee_badges",
        metadata,
        Column("company_id", Id, nullable=False),
        Column("employee_id", Id, nullable=False),
        Column("badge_nr", String(50), nullable=False, comment="as the badge reader types it"),
        Column("set_at", UtcDateTime, nullable=False),
        PrimaryKeyConstraint("company_id", "employee_id"),
        UniqueConstraint("company_id", "badge_nr"),
        ForeignKeyConstraint(
            ["company_id", "employee_id"], ["employees.company_id", "employees.id"]
        ),
    )
    commands = Table(
        "device_commands",
        metadata,
        Column("company_id", Id, nullable=False),
        _id("device_commands"),
        Column("terminal_id", Id, nullable=False),
        Column("command", String(500), nullable=False, comment="as sent after C:<id>:"),
        Column("reason", String(300), comment="why it was queued (e.g. the clock note)"),
        Column("state", String(10), nullable=False, comment=" / ".join(COMMAND_STATES)),
        Column("queued_at", UtcDateTime, nullable=False),
        Column("queued_by", String(200), nullable=False, comment="the actor, or system"),
        Column("sent_at", UtcDateTime),
        Column("answered_at", UtcDateTime),
        Column("return_code", Integer, comment="the device's Return= (0: done)"),
        Column("answer", String(1000), comment="the devicecmd line as the device sent it"),
        PrimaryKeyConstraint("company_id", "id"),
        ForeignKeyConstraint(
            ["company_id", "terminal_id"], ["terminals.company_id", "terminals.id"]
        ),
        Index(None, "company_id", "terminal_id", "state"),
    )
    enrolment = Table(
        "device_enrolment",
        metadata,
        Column("company_id", Id, nullable=False),
        Column("secret_hash", String(128), nullable=False, comment="digest of the path secret"),
        Column("created_at", UtcDateTime, nullable=False),
        # One row per company, so a lookup by secret reads a handful of rows; the secrets are
        # random (secrets.new_secret), so two companies never share one.
        PrimaryKeyConstraint("company_id"),
        _company_fk("device_enrolment"),
    )
    claimed = Table(
        "device_pending_claims",
        metadata,
        # A serial that knocked with a company's enrolment secret: that company's to accept.
        Column("company_id", Id, nullable=False),
        Column("serial", String(50), nullable=False),
        Column("first_seen_at", UtcDateTime, nullable=False),
        Column("last_seen_at", UtcDateTime, nullable=False),
        Column("client_address", String(100)),
        Column("user_agent", String(300)),
        Column("requests", Integer, nullable=False),
        PrimaryKeyConstraint("company_id", "serial"),
        _company_fk("device_pending_claims"),
    )
    return badges, commands, enrolment, claimed
