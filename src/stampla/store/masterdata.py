"""Writing and finding the registers: companies, credentials, employees, terminals, accounts.

Every function takes the company and scopes its query by it; none can reach another
company's rows. Writing many rows goes through ``bulk_rows`` (COPY on PostgreSQL), so an import of
50,000 rows is a handful of statements and not 50,000.

Text references (EmployeeNr, AccountNr, a time code, a company's name) match in any letter case:
every write here also sets their match keys, and every lookup by such a column compares keys
(``text_keys``), so ``find_row(conn, employees, cid, employee_nr="emp1")`` finds ``EMP1``.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Row,
    Table,
    exists,
    func,
    insert,
    select,
    update,
)

from . import bulk_rows
from .ids import allocate_id, allocate_ids
from .references import one_of
from .tables import coding_levels, companies, punches, tokens
from .text_keys import equals, lookup_column, lookup_values, with_key_columns, with_keys

#: Above this many keys, ``rows_in`` reads the whole register instead of IN lists.
WHOLE_TABLE_ABOVE = 2_000


def insert_company(conn: Connection, **values: Any) -> int:
    result = conn.execute(
        insert(companies).values(with_keys(companies, values)).returning(companies.c.id)
    )
    return result.scalar_one()


def insert_company_row(conn: Connection, table: Table, company_id: int, **values: Any) -> int:
    """Insert one row of a company table and return its new id."""
    row_id = allocate_id(conn, table, company_id)
    keyed = with_keys(table, values)
    conn.execute(insert(table).values(company_id=company_id, id=row_id, **keyed))
    return row_id


def insert_rows(
    conn: Connection, table: Table, company_id: int, rows: Sequence[dict[str, Any]]
) -> list[int]:
    """Insert many rows of one company table (all with the same columns); their new ids."""
    ids = allocate_ids(conn, table, company_id, len(rows))
    full = [
        {**with_keys(table, values), "company_id": company_id, "id": row_id}
        for values, row_id in zip(rows, ids, strict=True)
    ]
    bulk_rows.insert(conn, table, full)
    return ids


def update_row(
    conn: Connection, table: Table, company_id: int, row_id: int, values: dict[str, Any]
) -> bool:
    """Set ``values`` on one row; False if the company has no such row."""
    result = conn.execute(
        update(table)
        .where(table.c.company_id == company_id, table.c.id == row_id)
        .values(with_keys(table, values))
    )
    return result.rowcount == 1


def update_rows(
    conn: Connection,
    table: Table,
    company_id: int,
    columns: Sequence[str],
    rows: Sequence[dict[str, Any]],
) -> None:
    """Set ``columns`` on many rows, each given as ``{"id": …, column: value, …}``."""
    keyed = [with_keys(table, row) for row in rows]
    bulk_rows.update(conn, table, company_id, with_key_columns(table, columns), keyed)


def get_row(conn: Connection, table: Table, company_id: int, row_id: int) -> Row | None:
    query = select(table).where(table.c.company_id == company_id, table.c.id == row_id)
    return conn.execute(query).first()


def lock_row(conn: Connection, table: Table, company_id: int, row_id: int) -> None:
    """Hold one row until the transaction ends, so that changes that check and then write
    what belongs to it (an employee's assignments) go one at a time. PostgreSQL locks the
    row; a SQLite write transaction already holds the whole store."""
    query = select(table.c.id).where(table.c.company_id == company_id, table.c.id == row_id)
    conn.execute(query.with_for_update())


def find_row(conn: Connection, table: Table, company_id: int, **key: Any) -> Row | None:
    """The row of ``company_id`` whose columns equal ``key`` (texts by match key), if any."""
    query = select(table).where(table.c.company_id == company_id, *_equal(table, key))
    return conn.execute(query).first()


def find_id(conn: Connection, table: Table, company_id: int, **key: Any) -> int | None:
    """The id of the row of ``company_id`` whose columns equal ``key``, if there is one."""
    query = select(table.c.id).where(table.c.company_id == company_id, *_equal(table, key))
    return conn.execute(query).scalar_one_or_none()


def _equal(table: Table, key: dict[str, Any]) -> list[ColumnElement[bool]]:
    return [equals(table, name, value) for name, value in key.items()]


def rows_in(
    conn: Connection, table: Table, company_id: int, column: str, keys: Collection[Any]
) -> list[Row]:
    """The company's rows whose ``column`` is one of ``keys`` (a text column by match key).

    A few keys are looked up in one query (one array parameter on PostgreSQL); for many,
    reading the company's whole register and filtering here is several times faster.
    """
    compared = lookup_column(table, column)
    wanted = lookup_values(table, column, keys)
    if len(wanted) > WHOLE_TABLE_ABOVE:
        everything = conn.execute(select(table).where(table.c.company_id == company_id))
        return [row for row in everything if row._mapping[compared] in wanted]
    query = select(table).where(
        table.c.company_id == company_id, one_of(conn.dialect.name, table.c[compared])
    )
    return list(conn.execute(query, {"values": list(wanted)}))


def select_rows(
    conn: Connection,
    table: Table,
    company_id: int,
    *where: ColumnElement[bool],
    order_by: Sequence[str],
    limit: int | None = None,
    offset: int = 0,
) -> list[Row]:
    """The company's rows matching ``where``, in ``order_by`` order, one page of them."""
    query = (
        select(table)
        .where(table.c.company_id == company_id, *where)
        .order_by(*(table.c[name] for name in order_by), table.c.id)
        .offset(offset)
    )
    if limit is not None:
        query = query.limit(limit)
    return list(conn.execute(query))


def count_rows(
    conn: Connection, table: Table, company_id: int, *where: ColumnElement[bool], **key: Any
) -> int:
    """How many of the company's rows match ``where`` and equal ``key``."""
    query = select(func.count()).where(
        table.c.company_id == company_id, *where, *_equal(table, key)
    )
    return conn.execute(query).scalar_one()


def find_company_id(conn: Connection, *, name: str | None = None, key_hash: str | None = None):
    """The company with that name (in any letter case) and/or that companyApiKey digest."""
    query = select(companies.c.id)
    if name is not None:
        query = query.where(equals(companies, "name", name))
    if key_hash is not None:
        query = query.where(companies.c.api_key_hash == key_hash)
    return conn.execute(query).scalar_one_or_none()


def company_by_name(conn: Connection, name: str) -> Row | None:
    """The company with that name in any letter case (names are unique that way)."""
    return conn.execute(select(companies).where(equals(companies, "name", name))).first()


def company_row(conn: Connection, company_id: int) -> Row | None:
    return conn.execute(select(companies).where(companies.c.id == company_id)).first()


def all_companies(conn: Connection) -> list[Row]:
    return list(conn.execute(select(companies).order_by(companies.c.id)))


def update_company(conn: Connection, company_id: int, values: dict[str, Any]) -> None:
    statement = update(companies).where(companies.c.id == company_id)
    conn.execute(statement.values(with_keys(companies, values)))


def company_has_punches(conn: Connection, company_id: int) -> bool:
    """Whether any punch (current or superseded) was ever stored for the company."""
    return bool(conn.execute(select(exists().where(punches.c.company_id == company_id))).scalar())


def level_id_by_number(conn: Connection, company_id: int, number: int) -> int | None:
    return find_id(conn, coding_levels, company_id, number=number)


def revoke_tokens(
    conn: Connection,
    company_id: int,
    now: datetime,
    *,
    integration_id: int | None = None,
    user_id: int | None = None,
) -> int:
    """Mark the unrevoked tokens of an integration or a user revoked; how many there were."""
    where = [tokens.c.company_id == company_id, tokens.c.revoked_at.is_(None)]
    if integration_id is not None:
        where.append(tokens.c.integration_id == integration_id)
    if user_id is not None:
        where.append(tokens.c.user_id == user_id)
    return conn.execute(update(tokens).where(*where).values(revoked_at=now)).rowcount
