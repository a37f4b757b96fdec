"""A consistent copy of a SQLite store while the server keeps taking punches.

SQLite's online backup copies the database page by page from one read transaction, so the
copy is the database as it was at one instant, whatever is written meanwhile (WAL readers
never block writers). Copying the file itself could catch a half-written transaction and
misses what is still in the WAL. PostgreSQL has its own tools (pg_dump, base backups).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from stampla.errors import Conflict, InvalidInput, Problem

from .engine import Store


@dataclass(frozen=True, slots=True)
class BackupCopy:
    path: Path
    size_bytes: int
    punches: int


def backup_sqlite(store: Store, destination: Path) -> BackupCopy:
    """Copy the store to ``destination`` (a new file), then check the copy's integrity."""
    if store.dialect != "sqlite":
        raise InvalidInput(
            "Backups of PostgreSQL are made with its own tools: pg_dump, or base backups "
            "with WAL archiving",
            [Problem("only SQLite stores are copied by stampla db backup", "database")],
        )
    if destination.exists():
        raise Conflict(
            f"{destination} already exists; choose a new file",
            [Problem("exists", "destination")],
        )
    if not destination.parent.is_dir():
        raise InvalidInput(
            f"{destination.parent} is not a directory",
            [Problem("no such directory", "destination")],
        )
    source = store.engine.raw_connection()
    try:
        target = sqlite3.connect(destination)
        try:
            source.driver_connection.backup(target)
            target.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
            (verdict,) = target.execute("PRAGMA integrity_check").fetchone()
            punches = _count_punches(target)
        finally:
            target.close()
    finally:
        source.close()
    if verdict != "ok":
        raise Conflict(f"The copy at {destination} failed its integrity check: {verdict}")
    return BackupCopy(destination, destination.stat().st_size, punches)


def _count_punches(conn: sqlite3.Connection) -> int:
    """How many punches the copy holds (none in a database never migrated)."""
    (tables,) = conn.execute(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'punches'"
    ).fetchone()
    return conn.execute("SELECT count(*) FROM punches").fetchone()[0] if tables else 0
