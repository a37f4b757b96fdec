"""Initial schema: companies, credentials, master data, ingest batches and punches.

Revision ID: 0001
Revises:
Create Date: 2026-11-24
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen copies of the column types of this revision (never import live code into a migration).
Id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
Instant = sa.DateTime(timezone=True)
Document = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")

#: Tables whose ids are handed out by the application (sequence on PostgreSQL).
SEQUENCED = (
    "integrations",
    "api_users",
    "employees",
    "terminals",
    "coding_levels",
    "accounts",
    "time_codes",
    "ingest_batches",
    "punches",
)


def _company_keyed(
    name: str, *columns: sa.Column | sa.Constraint, company_fk: bool = True, **kwargs: object
) -> None:
    """A company table with a (company_id, id) primary key.

    The plain company foreign key is left out where a composite one (to a parent that belongs
    to the company) already implies it, and where ``company_fk`` is False (punches: see
    tables.py for why they carry no foreign keys).
    """
    implied = any(isinstance(c, sa.ForeignKeyConstraint) for c in columns)
    references = (
        (sa.ForeignKeyConstraint(["company_id"], ["companies.id"], name=f"fk_{name}_company"),)
        if company_fk and not implied
        else ()
    )
    op.create_table(
        name,
        sa.Column("company_id", Id, nullable=False),
        sa.Column("id", Id, nullable=False),
        *columns,
        sa.PrimaryKeyConstraint("company_id", "id", name=f"pk_{name}"),
        *references,
        **kwargs,
    )


def _active() -> sa.Column:
    return sa.Column("active", sa.Boolean(), server_default=sa.true(), nullable=False)


def _created() -> sa.Column:
    return sa.Column("created_at", Instant, nullable=False)


def _fk(name: str, column: str, parent: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["company_id", column],
        [f"{parent}.company_id", f"{parent}.id"],
        name=f"fk_{name}_company_id_{column}_{parent}",
    )


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in SEQUENCED:
            op.execute(sa.schema.CreateSequence(sa.Sequence(f"{table}_id_seq")))

    op.create_table(
        "companies",
        sa.Column("id", Id, autoincrement=True, nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("time_zone", sa.String(64), server_default="Europe/Stockholm", nullable=False),
        sa.Column("api_key_hash", sa.String(64), nullable=False),
        _active(),
        _created(),
        sa.PrimaryKeyConstraint("id", name="pk_companies"),
        sa.UniqueConstraint("api_key_hash", name="uq_companies_api_key_hash"),
        sa.UniqueConstraint("name", name="uq_companies_name"),
    )
    _company_keyed(
        "integrations",
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("key_hash", sa.String(64), nullable=False),
        _active(),
        _created(),
        sa.Column("revoked_at", Instant),
        sa.UniqueConstraint("company_id", "name", name="uq_integrations_company_id_name"),
        sa.UniqueConstraint("company_id", "key_hash", name="uq_integrations_company_id_key_hash"),
    )
    _company_keyed(
        "api_users",
        sa.Column("user_name", sa.String(200), nullable=False),
        sa.Column("password_hash", sa.String(255), nullable=False),
        _active(),
        _created(),
        sa.UniqueConstraint("company_id", "user_name", name="uq_api_users_company_id_user_name"),
    )
    op.create_table(
        "tokens",
        sa.Column("company_id", Id, nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("integration_id", Id, nullable=False),
        sa.Column("user_id", Id, nullable=False),
        sa.Column("issued_at", Instant, nullable=False),
        sa.Column("expires_at", Instant, nullable=False),
        sa.Column("revoked_at", Instant),
        sa.PrimaryKeyConstraint("company_id", "token_hash", name="pk_tokens"),
        _fk("tokens", "integration_id", "integrations"),
        _fk("tokens", "user_id", "api_users"),
    )
    op.create_index("ix_tokens_company_id_expires_at", "tokens", ["company_id", "expires_at"])
    _company_keyed(
        "employees",
        sa.Column("employee_nr", sa.String(50), nullable=False),
        sa.Column("external_code", sa.String(100)),
        sa.Column("first_name", sa.String(100), nullable=False),
        sa.Column("last_name", sa.String(100), nullable=False),
        sa.Column("time_agreement", sa.String(100)),
        sa.Column("employment_position", sa.String(100)),
        sa.Column("employment_rate", sa.Numeric(6, 2), comment="per cent of full time"),
        sa.Column("weekly_minutes", sa.Integer(), comment="weekly working hours, in minutes"),
        _active(),
        _created(),
        sa.UniqueConstraint(
            "company_id", "employee_nr", name="uq_employees_company_id_employee_nr"
        ),
    )
    _company_keyed(
        "terminals",
        sa.Column("terminal_number", sa.Integer(), nullable=False, comment="TimeTerminalId"),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(30), nullable=False),
        sa.Column("time_zone", sa.String(64), comment="own zone for local TimeStamps"),
        _active(),
        _created(),
        sa.UniqueConstraint(
            "company_id", "terminal_number", name="uq_terminals_company_id_terminal_number"
        ),
        sa.CheckConstraint(
            "kind IN ('attendance_terminal', 'application')", name=op.f("ck_terminals_kind")
        ),
    )
    _company_keyed(
        "coding_levels",
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("sie_dimension", sa.Integer()),
        _created(),
        sa.UniqueConstraint("company_id", "number", name="uq_coding_levels_company_id_number"),
        sa.UniqueConstraint(
            "company_id", "sie_dimension", name="uq_coding_levels_company_id_sie_dimension"
        ),
    )
    _company_keyed(
        "accounts",
        sa.Column("level_id", Id, nullable=False),
        sa.Column("account_nr", sa.String(50), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        _active(),
        _created(),
        sa.UniqueConstraint(
            "company_id",
            "account_nr",
            "level_id",
            name="uq_accounts_company_id_account_nr_level_id",
        ),
        _fk("accounts", "level_id", "coding_levels"),
    )
    _company_keyed(
        "time_codes",
        sa.Column("code", sa.String(100), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("description", sa.String(500)),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("salary_ids", Document, comment="list of salary type names"),
        _active(),
        _created(),
        sa.UniqueConstraint("company_id", "code", name="uq_time_codes_company_id_code"),
        sa.CheckConstraint("kind IN ('attendance', 'absence')", name=op.f("ck_time_codes_kind")),
    )
    _company_keyed(
        "ingest_batches",
        sa.Column("received_at", Instant, nullable=False),
        sa.Column("integration_id", Id, nullable=False),
        sa.Column("user_id", Id, nullable=False),
        sa.Column("route", sa.String(200), nullable=False),
        sa.Column("client_address", sa.String(100)),
        sa.Column("user_agent", sa.String(300)),
        sa.Column("all_or_none", sa.Boolean(), nullable=False),
        sa.Column("replace_days", sa.Boolean(), nullable=False),
        sa.Column("entry_count", sa.Integer(), nullable=False),
        sa.Column("saved_count", sa.Integer(), nullable=False),
        sa.Column("duplicate_count", sa.Integer(), nullable=False),
        sa.Column("rejected_count", sa.Integer(), nullable=False),
        sa.Column("superseded_count", sa.Integer(), nullable=False),
        _fk("ingest_batches", "integration_id", "integrations"),
        _fk("ingest_batches", "user_id", "api_users"),
    )
    op.create_index(
        "ix_ingest_batches_company_id_received_at", "ingest_batches", ["company_id", "received_at"]
    )
    _company_keyed(
        "punches",
        sa.Column("employee_id", Id, nullable=False),
        sa.Column("instant", Instant, nullable=False, comment="the TimeStamp as a UTC instant"),
        sa.Column("local_date", sa.Date(), nullable=False, comment="company-local date"),
        sa.Column("entry_type", sa.SmallInteger(), nullable=False, comment="1 = In, 2 = Out"),
        sa.Column("is_break", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("terminal_id", Id, nullable=False),
        sa.Column("account_id", Id),
        sa.Column("employee_nr", sa.String(50), nullable=False),
        sa.Column("employee_external_code", sa.String(100)),
        sa.Column("timestamp_sent", sa.String(64), nullable=False),
        sa.Column("time_terminal_id", sa.Integer(), nullable=False),
        sa.Column("account_nr", sa.String(50)),
        sa.Column("sie_account_dim", sa.Integer()),
        sa.Column("accounts", Document, comment="Accounts as sent, with resolved accountId"),
        sa.Column("time_codes", Document, comment="TimeScheduleTypes as sent, with timeCodeId"),
        sa.Column("batch_id", Id, nullable=False),
        sa.Column("received_at", Instant, nullable=False),
        sa.Column("superseded_at", Instant),
        sa.Column("superseded_by_batch_id", Id),
        sa.Column(
            "dedup_slot",
            Id,
            server_default=sa.text("0"),
            nullable=False,
            comment="0 while current; the punch's own id once superseded",
        ),
        sa.CheckConstraint("entry_type IN (1, 2)", name=op.f("ck_punches_entry_type")),
        company_fk=False,
        sqlite_with_rowid=False,
    )
    op.create_index(
        "ux_punches_dedup",
        "punches",
        [
            "company_id",
            "local_date",
            "employee_id",
            "instant",
            "entry_type",
            "is_break",
            "terminal_id",
            "dedup_slot",
        ],
        unique=True,
    )


def downgrade() -> None:
    for table in (
        "punches",
        "ingest_batches",
        "time_codes",
        "accounts",
        "coding_levels",
        "terminals",
        "employees",
        "tokens",
        "api_users",
        "integrations",
        "companies",
    ):
        op.drop_table(table)
    if op.get_bind().dialect.name == "postgresql":
        for table in SEQUENCED:
            op.execute(sa.schema.DropSequence(sa.Sequence(f"{table}_id_seq")))
