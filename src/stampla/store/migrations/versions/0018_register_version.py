"""One version number that every change to a register or a credential moves.

Each server process keeps the small registers a punch is checked against (employees,
terminals, accounts, time codes) and the grants behind tokens in memory
(``stampla.service.register_cache``), and reads this one number per request to know whether
its copy is still right. Triggers move it, so no write path (admin API, CLI, CSV import, web
page, a hand-written SQL statement) can forget to: an employee deactivated, a key revoked or a
user disabled is seen by the very next request in every process.

The triggers fire only on the columns a cached row holds (a device reporting every few
seconds updates ``terminals.device_last_seen_at`` and must not empty the caches). On
PostgreSQL they run once per statement (an import of 50,000 employees moves the number once,
not 50,000 times); SQLite has only row triggers, whose update of one row costs microseconds.

Revision ID: 0018_register_version
Revises: 0017_staff_tokens
Create Date: 2026-12-03
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018_register_version"
down_revision: str | None = "0017_staff_tokens"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: table -> (operations, the columns whose update matters; None: any column).
WATCHED: dict[str, tuple[tuple[str, ...], tuple[str, ...] | None]] = {
    "companies": (("UPDATE", "DELETE"), ("id", "api_key_hash", "time_zone", "active")),
    "integrations": (("UPDATE", "DELETE"), ("id", "company_id", "key_hash", "active")),
    "api_users": (("UPDATE", "DELETE"), ("id", "company_id", "active")),
    "tokens": (("UPDATE", "DELETE"), None),
    "employees": (
        ("UPDATE", "DELETE"),
        ("id", "company_id", "employee_nr", "employee_nr_key", "external_code", "active"),
    ),
    "terminals": (
        ("UPDATE", "DELETE"),
        ("id", "company_id", "terminal_number", "time_zone", "active"),
    ),
    # A new account may share its number with one in another coding level.
    "accounts": (("INSERT", "UPDATE", "DELETE"), None),
    "coding_levels": (
        ("UPDATE", "DELETE"),
        ("id", "company_id", "number", "name", "sie_dimension"),
    ),
    "time_codes": (("UPDATE", "DELETE"), ("id", "company_id", "code", "code_key", "active")),
}

BUMP = "UPDATE register_version SET version = version + 1"


def upgrade() -> None:
    op.create_table(
        "register_version",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_register_version"),
        sa.CheckConstraint("id = 1", name="ck_register_version_one_row"),
        comment="moved by triggers on every change to a register or credential",
    )
    op.execute("INSERT INTO register_version (id, version) VALUES (1, 1)")
    postgresql = op.get_bind().dialect.name == "postgresql"
    if postgresql:
        op.execute(
            "CREATE FUNCTION bump_register_version() RETURNS trigger LANGUAGE plpgsql AS "
            f"$$ BEGIN {BUMP}; RETURN NULL; END $$"
        )
    for table, (operations, columns) in WATCHED.items():
        for operation in operations:
            event = operation
            if operation == "UPDATE" and columns is not None:
                event = f"UPDATE OF {', '.join(columns)}"
            name = f"register_version_{table}_{operation.lower()}"
            if postgresql:
                op.execute(
                    f"CREATE TRIGGER {name} AFTER {event} ON {table} "
                    "FOR EACH STATEMENT EXECUTE FUNCTION bump_register_version()"
                )
            else:
                op.execute(f"CREATE TRIGGER {name} AFTER {event} ON {table} BEGIN {BUMP}; END")


def downgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    for table, (operations, _columns) in WATCHED.items():
        for operation in operations:
            name = f"register_version_{table}_{operation.lower()}"
            op.execute(f"DROP TRIGGER {name} ON {table}" if postgresql else f"DROP TRIGGER {name}")
    if postgresql:
        op.execute("DROP FUNCTION bump_register_version()")
    op.drop_table("register_version")
