"""Match keys of text references: EmployeeNr, AccountNr, time codes and company names match in
any letter case, on SQLite as on PostgreSQL.

Each of these columns gets a ``*_key`` column beside it holding its match key (Unicode NFD,
case folding, NFC: ``stampla.domain.text``), and the register's unique key moves to it, so
"EMP1" and "emp1" are one employee. The keys are computed here in Python, as the store
computes them, a few thousand rows per statement.

Data that already holds two records whose texts differ only in letter case (or Unicode form)
cannot get the unique key: the upgrade then stops before changing anything and names them,
so that one of each can be renamed (or its punches' sender fixed) first.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import NamedTuple
from unicodedata import normalize

import sqlalchemy as sa
from alembic import op
from alembic.util import CommandError

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: Rows per UPDATE batch of the backfill.
BATCH = 5_000


def match_key(value: str) -> str:
    """A frozen copy of ``stampla.domain.text.match_key`` as of this revision."""
    if value.isascii():
        return value.lower()
    return normalize("NFC", normalize("NFD", value).casefold())


class Keyed(NamedTuple):
    table: str
    source: str
    what: str  # how a clash message names the records
    within: tuple[str, ...]  # the key is unique within these (company_id leads)
    old_unique: tuple[str, tuple[str, ...]]

    @property
    def key(self) -> str:
        return f"{self.source}_key"

    @property
    def unique(self) -> tuple[str, ...]:
        """The new unique key; accounts keep theirs led by the AccountNr (then the level)."""
        if self.table == "accounts":
            return ("company_id", self.key, "level_id")
        return (*self.within, self.key)

    @property
    def ids(self) -> tuple[str, ...]:
        return ("id",) if self.table == "companies" else ("company_id", "id")

    @property
    def comment(self) -> str:
        return f"match_key({self.source}): how {self.source} is matched"


KEYED = (
    Keyed("companies", "name", "companies named", (), ("uq_companies_name", ("name",))),
    Keyed(
        "employees",
        "employee_nr",
        "employees with EmployeeNr",
        ("company_id",),
        ("uq_employees_company_id_employee_nr", ("company_id", "employee_nr")),
    ),
    Keyed(
        "accounts",
        "account_nr",
        "accounts with AccountNr",
        ("company_id", "level_id"),
        (
            "uq_accounts_company_id_account_nr_level_id",
            ("company_id", "account_nr", "level_id"),
        ),
    ),
    Keyed(
        "time_codes",
        "code",
        "time codes",
        ("company_id",),
        ("uq_time_codes_company_id_code", ("company_id", "code")),
    ),
)


def upgrade() -> None:
    conn = op.get_bind()
    computed = {keyed.table: _computed(conn, keyed) for keyed in KEYED}
    clashes = [line for keyed in KEYED for line in _clashes(keyed, computed[keyed.table])]
    if clashes:
        raise CommandError(
            "Cannot upgrade to 0006: these records are told apart only by letter case (or "
            "Unicode form), and from this version on their names match in any case. Rename "
            "all but one of each group, then upgrade again; nothing was changed.\n  "
            + "\n  ".join(clashes)
        )
    for keyed in KEYED:
        column = sa.Column(keyed.key, sa.String(), nullable=True, comment=keyed.comment)
        op.add_column(keyed.table, column)
        _backfill(conn, keyed, computed[keyed.table])
        with op.batch_alter_table(keyed.table) as batch:
            batch.alter_column(
                keyed.key,
                existing_type=sa.String(),
                nullable=False,
                existing_comment=keyed.comment,
            )
            batch.drop_constraint(keyed.old_unique[0], type_="unique")
            batch.create_unique_constraint(
                f"uq_{keyed.table}_{'_'.join(keyed.unique)}", list(keyed.unique)
            )


def _computed(conn: sa.Connection, keyed: Keyed) -> list[dict]:
    """Every row's ids, the columns its key is unique within, its text and the text's key."""
    columns = list(dict.fromkeys([*keyed.ids, *keyed.within, keyed.source]))
    order = ", ".join(keyed.ids)
    query = sa.text(f"SELECT {', '.join(columns)} FROM {keyed.table} ORDER BY {order}")
    return [
        {**row._mapping, "key": match_key(row._mapping[keyed.source])}
        for row in conn.execute(query)
    ]


def _clashes(keyed: Keyed, rows: list[dict]) -> list[str]:
    """One line per group of rows that would share a key, naming them."""
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for row in rows:
        groups[(*(row[c] for c in keyed.within), row["key"])].append(row)
    lines = []
    for found in groups.values():
        if len(found) < 2:
            continue
        where = "".join(f", {c} {found[0][c]}" for c in keyed.within)
        names = ", ".join(f"{row[keyed.source]!r} (id {row['id']})" for row in found)
        lines.append(f"{keyed.table}{where}: {keyed.what} {names}")
    return lines


def _backfill(conn: sa.Connection, keyed: Keyed, rows: list[dict]) -> None:
    where = " AND ".join(f"{name} = :{name}" for name in keyed.ids)
    statement = sa.text(f"UPDATE {keyed.table} SET {keyed.key} = :key WHERE {where}")
    for start in range(0, len(rows), BATCH):
        batch = rows[start : start + BATCH]
        conn.execute(
            statement, [{name: row[name] for name in (*keyed.ids, "key")} for row in batch]
        )


def downgrade() -> None:
    for keyed in reversed(KEYED):
        old_name, old_columns = keyed.old_unique
        with op.batch_alter_table(keyed.table) as batch:
            batch.drop_constraint(f"uq_{keyed.table}_{'_'.join(keyed.unique)}", type_="unique")
            batch.create_unique_constraint(old_name, list(old_columns))
            batch.drop_column(keyed.key)
