"""Write transactions for master data, with clashes reported as Conflict rather than a 500.

Services check for duplicates before they insert, but two operators (or two imports) can pass
that check at the same moment; the database's unique keys then stop the second one. This is
the one place where that database error becomes a Conflict the caller can act on.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection
from sqlalchemy.exc import IntegrityError

from stampla.errors import Conflict
from stampla.store.engine import Store


@contextmanager
def writing(store: Store) -> Iterator[Connection]:
    """``store.write()``, turning a unique-key clash with a concurrent change into Conflict."""
    try:
        with store.write() as conn:
            yield conn
    except IntegrityError as error:
        raise Conflict(
            "Another change to the same records was saved at the same moment; nothing of this "
            "one was saved. Look at the current data and try again."
        ) from error
