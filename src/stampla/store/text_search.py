"""Matching a text in a column the way people expect: any letter case, any alphabet.

SQLite's own ``lower()`` and ``LIKE`` fold only ASCII letters, so "örjan" would not find
"Örjan". On SQLite the store registers ``casefold`` (Python's Unicode case folding) on every
connection (``engine.py``) and compares folded texts; PostgreSQL's ``ILIKE`` already folds
Unicode. ``%``, ``_`` and ``\\`` in what the user typed are matched literally.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, func


def fold(value: Any) -> Any:
    """The SQLite function ``casefold``: Unicode case folding, NULL stays NULL."""
    return value.casefold() if isinstance(value, str) else value


def contains_text(dialect: str, column: ColumnElement[Any], needle: str) -> ColumnElement[bool]:
    """``column`` contains ``needle``, ignoring letter case, with no wildcards."""
    escaped = needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    if dialect == "sqlite":
        return func.casefold(column).like(f"%{escaped.casefold()}%", escape="\\")
    return column.ilike(f"%{escaped}%", escape="\\")


def equals_text(dialect: str, column: ColumnElement[Any], value: str) -> ColumnElement[bool]:
    """``column`` equals ``value``, ignoring letter case."""
    if dialect == "sqlite":
        return func.casefold(column) == value.casefold()
    return func.lower(column) == func.lower(value)
