"""Is this server able to take punches? What a load balancer or an operator asks.

A server process can be up while its database is not, or while the database still has an
older schema (a deployment that forgot `stampla db upgrade`). Either way a punch sent to it
would fail, so the check says so, and names which, instead of a bare "up".
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from sqlalchemy import Engine

from stampla import __version__
from stampla.errors import Problem, Unavailable
from stampla.store import migrate
from stampla.store.engine import Store


@dataclass(frozen=True, slots=True)
class Health:
    version: str
    database: str
    schema_revision: str


def check(store: Store) -> Health:
    """The server's version, database kind and schema revision; Unavailable if not ready."""
    with store.lookup() as conn:
        current = migrate.revision_of(conn)
    head = _head(store.engine)
    if current != head:
        found = current or "none"
        raise Unavailable(
            f"The database schema is at revision {found}, this server needs {head}: "
            "run `stampla db upgrade`",
            [Problem(f"revision {found}, expected {head}", "schema")],
        )
    return Health(__version__, store.dialect, head)


@cache
def _head(engine: Engine) -> str:
    """The newest migration this package ships (reading the scripts costs milliseconds)."""
    return migrate.head_revision(engine)
