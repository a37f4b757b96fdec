"""Handing out surrogate ids before rows are inserted.

Ids are allocated up front rather than returned by the insert, so that a batch can be inserted
in one statement (or COPY) and each entry still knows its id. PostgreSQL draws them from the
table's sequence in one round trip. On SQLite the caller holds the write lock (``Store.write``
begins IMMEDIATE), so the next free id of the company cannot be taken by anyone else.
"""

from __future__ import annotations

from functools import cache

from sqlalchemy import Connection, Select, Table, bindparam, func, select, text


def allocate_ids(conn: Connection, table: Table, company_id: int, count: int) -> list[int]:
    """``count`` fresh ids for rows of ``company_id`` in ``table``."""
    if count <= 0:
        return []
    if conn.dialect.name == "postgresql":
        rows = conn.execute(
            text(f"SELECT nextval('{table.name}_id_seq') FROM generate_series(1, :n)"),
            {"n": count},
        )
        return [row[0] for row in rows]
    highest = conn.execute(_highest_id(table), {"company": company_id}).scalar_one()
    return list(range(highest + 1, highest + 1 + count))


def allocate_batch(
    conn: Connection, parent: Table, children: Table, company_id: int, count: int
) -> tuple[int, list[int]]:
    """One id in ``parent`` and ``count`` in ``children``: one round trip on PostgreSQL."""
    if conn.dialect.name != "postgresql":
        (parent_id,) = allocate_ids(conn, parent, company_id, 1)
        return parent_id, allocate_ids(conn, children, company_id, count)
    row = conn.execute(
        text(
            f"SELECT nextval('{parent.name}_id_seq'), "
            f"ARRAY(SELECT nextval('{children.name}_id_seq')"
            " FROM generate_series(1, :n))"
        ),
        {"n": count},
    ).one()
    return row[0], list(row[1])


@cache
def _highest_id(table: Table) -> Select:
    return select(func.coalesce(func.max(table.c.id), 0)).where(
        table.c.company_id == bindparam("company")
    )


def allocate_id(conn: Connection, table: Table, company_id: int) -> int:
    """One fresh id; see ``allocate_ids``."""
    return allocate_ids(conn, table, company_id, 1)[0]
