"""Searching a column for a text the way people expect: any letter case, any alphabet.

SQLite's own ``lower()`` and ``LIKE`` fold only ASCII letters, so "örjan" would not find
"Örjan". On SQLite the store registers ``match_key`` (``stampla.domain.text``) as a function on
every connection (``engine.py``) and compares folded texts. A column with a stored match key
(EmployeeNr, see ``text_keys``) is searched through that key, with the same rule on both
databases. Other columns on PostgreSQL use ``ILIKE``, which folds letter case in every
alphabet but letter by letter: there "ß" does not find "SS", and a composed "Ö" does not find a
decomposed one. Looking a record up by its key (``text_keys.equals``) has no such difference.
``%``, ``_`` and ``\\`` in what the user typed are matched literally.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Column, ColumnElement, func

from stampla.domain.text import match_key

from .text_keys import is_key_column


def fold(value: Any) -> Any:
    """The SQLite function ``match_key``; NULL stays NULL."""
    return match_key(value) if isinstance(value, str) else value


def contains_text(dialect: str, column: ColumnElement[Any], needle: str) -> ColumnElement[bool]:
    """``column`` contains ``needle``, ignoring letter case, with no wildcards."""
    if isinstance(column, Column) and is_key_column(column):
        return column.like(f"%{_escaped(match_key(needle))}%", escape="\\")
    if dialect == "sqlite":
        return func.match_key(column).like(f"%{_escaped(match_key(needle))}%", escape="\\")
    return column.ilike(f"%{_escaped(needle)}%", escape="\\")


def _escaped(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
