"""The stored match keys of text references, written and compared in one place.

A register found by a text (EmployeeNr, AccountNr, a time code, a company's name) keeps that
text's ``match_key`` (``stampla.domain.text``) in a column of its own next to it, declared in
``tables.py`` with ``key_column``, and its unique key is on that column. The key is computed
here in Python, never by the database: SQLite's ``lower()`` folds only ASCII, PostgreSQL's
neither folds "ß" to "ss" nor unifies composed and decomposed letters, and two databases that
folded differently would accept different data. Looking up a register by its text is then an
index seek on ``(company_id, key)``, the same on both.

Every write of the store's register rows goes through ``with_keys`` / ``with_key_columns``
(``masterdata.py``), so no caller can store a text without its key. Lookups compare keys
through ``equals`` and ``lookup_column``.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from functools import cache
from typing import Any

from sqlalchemy import Column, ColumnElement, String, Table

from stampla.domain.text import match_key

#: Where a key column records which column it is the key of.
_SOURCE = "match_key_of"


def key_column(source: str) -> Column:
    """The column holding ``match_key(source)``, for ``tables.py``.

    Unbounded: case folding may lengthen a text ("ß" → "ss"), and the source column's own
    length is what the registers check.
    """
    return Column(
        f"{source}_key",
        String(),
        nullable=False,
        comment=f"match_key({source}): how {source} is matched",
        info={_SOURCE: source},
    )


@cache
def keys_of(table: Table) -> dict[str, str]:
    """Key column by source column, for ``table`` (empty for a table without any)."""
    return {column.info[_SOURCE]: column.name for column in table.columns if _SOURCE in column.info}


def is_key_column(column: Column) -> bool:
    """Whether ``column`` holds the match keys of another."""
    return _SOURCE in column.info


def with_keys(table: Table, values: Mapping[str, Any]) -> Mapping[str, Any]:
    """``values`` with the key of every keyed column among them set (or replaced); a copy
    only when there is a key to set."""
    done = values
    for source, key in keys_of(table).items():
        if source in values:
            if done is values:
                done = dict(values)
            text = values[source]
            done[key] = None if text is None else match_key(text)
    return done  # type: ignore[return-value]


def with_key_columns(table: Table, columns: Sequence[str]) -> list[str]:
    """``columns`` and the key columns of those among them that have one."""
    keys = keys_of(table)
    return [*columns, *(keys[name] for name in columns if name in keys)]


def lookup_column(table: Table, column: str) -> str:
    """The column to compare when looking up by ``column``: its key column if it has one."""
    return keys_of(table).get(column, column)


def lookup_value(table: Table, column: str, value: Any) -> Any:
    """``value`` as it is compared in ``lookup_column(table, column)``."""
    if column in keys_of(table) and isinstance(value, str):
        return match_key(value)
    return value


def lookup_values(table: Table, column: str, values: Collection[Any]) -> set[Any]:
    """The distinct ``values`` as they are compared in ``lookup_column(table, column)``."""
    return {lookup_value(table, column, value) for value in values}


def equals(table: Table, column: str, value: Any) -> ColumnElement[bool]:
    """``column`` names the same as ``value``: by key for a keyed column, else exactly."""
    return table.c[lookup_column(table, column)] == lookup_value(table, column, value)
