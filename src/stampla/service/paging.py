"""Paged reads of punches and of attest day rows, and the bound on unpaged ones.

A read without ``pageSize`` answers everything at once, as SoftOne's service does, up to
``STAMPLA_MAX_UNPAGED_ROWS`` rows; above that it is refused with a 400 that says how to page,
before anything is read. A paged read answers at most ``pageSize`` rows and a continuation
cursor for the rest (the API sends it as ``X-Next-Cursor``).

Pages follow the order of the unpaged answer (by employee number, then time) and continue
*after* the last row a page answered (keyset paging, not an offset). So a punch stored while
a client pages is never answered twice and never pushes another out of the answer: every
punch that existed at the first page is answered exactly once, and one posted meanwhile is
answered once if it sorts after the client's place, and not at all if before.

A cursor is opaque to clients: the place (the last row's sort key) and a fingerprint of the
query, so that a cursor sent with other dates, filter or options is refused, naming it.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from stampla.errors import InvalidInput, Problem
from stampla.store import paging as paging_rows
from stampla.store import punches as punch_rows
from stampla.store.engine import Store
from stampla.store.references import employees_by_nr

from .date_range import check_range
from .punch_query import ReadPunch, _successors

#: Employees whose punches one query reads while a page is filled.
EMPLOYEES_PER_READ = 200


@dataclass(frozen=True, slots=True)
class Page:
    """One page: its items, and the cursor of the next page (None when this is the last)."""

    items: list[Any]
    next_cursor: str | None


def how_to_page(count: int, what: str, limit: int, max_page: int) -> InvalidInput:
    """The refusal of an unpaged read above the limit, saying how to page."""
    return InvalidInput(
        f"The answer would hold {count} {what}, more than the {limit} one answer may hold "
        f"(STAMPLA_MAX_UNPAGED_ROWS): add pageSize (at most {max_page}) and ask again with "
        "cursor set to each answer's X-Next-Cursor header until an answer has none; or "
        "narrow dateFrom..dateTo or employeeNrsString",
        [Problem(f"required for an answer of more than {limit} {what}", "pageSize")],
    )


def fingerprint(*parts: object) -> str:
    """What a cursor must have been made for."""
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:16]


def encode_cursor(query: str, key: Sequence[object]) -> str:
    text = json.dumps({"q": query, "k": list(key)}, separators=(",", ":"))
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def decode_cursor(cursor: str, query: str) -> list[Any]:
    """The place ``cursor`` names, or InvalidInput naming ``cursor``."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        data = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
        key = data["k"]
        made_for = data["q"]
        assert isinstance(key, list) and key
    except (ValueError, KeyError, TypeError, AssertionError, binascii.Error, UnicodeError):
        raise InvalidInput(
            "The cursor is not one this server gave",
            [Problem("not a cursor from X-Next-Cursor", "cursor")],
        ) from None
    if made_for != query:
        raise InvalidInput(
            "The cursor belongs to another query: send it with the same dateFrom, dateTo, "
            "employeeNrsString and options as the request that answered it",
            [Problem("made for a query with other parameters", "cursor")],
        )
    return key


def _micros(instant: datetime) -> int:
    if instant.tzinfo is None:
        instant = instant.replace(tzinfo=UTC)
    return int(instant.timestamp() * 1_000_000)


def _filter_ids(conn: Any, company_id: int, nrs: Sequence[str] | None) -> list[int] | None:
    """The ids ``employeeNrsString`` names, or InvalidInput naming every unknown one."""
    if nrs is None:
        return None
    known = employees_by_nr(conn, company_id, set(nrs))
    unknown = [nr for nr in nrs if nr not in known]
    if unknown:
        raise InvalidInput(
            f"Unknown employee {', '.join(map(repr, unknown))}",
            [Problem(f"employee {nr!r} does not exist", "employeeNrsString") for nr in unknown],
        )
    return list(dict.fromkeys(employee.id for employee in known.values()))


def count_punches(
    store: Store,
    company_id: int,
    date_from: date,
    date_to: date,
    employee_nrs: Sequence[str] | None,
    max_days: int,
    include_superseded: bool,
) -> int:
    """How many punches ``read_punches`` would answer for the same query."""
    check_range(date_from, date_to, max_days)
    with store.read() as conn:
        ids = _filter_ids(conn, company_id, employee_nrs)
        return paging_rows.punch_count(
            conn, company_id, date_from, date_to, ids, not include_superseded
        )


def read_punch_page(
    store: Store,
    company_id: int,
    date_from: date,
    date_to: date,
    employee_nrs: Sequence[str] | None,
    max_days: int,
    include_superseded: bool,
    size: int,
    cursor: str | None,
) -> Page:
    """At most ``size`` punches of the query after ``cursor``, in ``read_punches``'s order."""
    check_range(date_from, date_to, max_days)
    query = fingerprint(
        "punches", company_id, date_from, date_to, tuple(employee_nrs or ()), include_superseded
    )
    after = decode_cursor(cursor, query) if cursor else None
    page: list[tuple[list[Any], ReadPunch]] = []
    with store.read() as conn:
        order = paging_rows.employee_order(
            conn, company_id, _filter_ids(conn, company_id, employee_nrs)
        )
        if after is not None:
            order = [employee for employee in order if list(employee) >= after[:2]]
        numbers = dict((id_, nr) for nr, id_ in order)
        for start in range(0, len(order), EMPLOYEES_PER_READ):
            ids = [id_ for _, id_ in order[start : start + EMPLOYEES_PER_READ]]
            read = (
                punch_rows.read_with_superseded if include_superseded else punch_rows.read_current
            )
            rows = read(conn, company_id, date_from, date_to, ids)
            successors = _successors(rows) if include_superseded else {}
            for row in rows:
                key = _punch_key(numbers[row.employee_id], row, include_superseded)
                if after is None or key > after:
                    page.append((key, ReadPunch(row, successors.get(row.id))))
            if len(page) > size:
                break
    more = len(page) > size
    page = page[:size]
    return Page([punch for _, punch in page], encode_cursor(query, page[-1][0]) if more else None)


def _punch_key(nr: str, row: Any, include_superseded: bool) -> list[Any]:
    """A punch's place in the order of ``store.punches``' reads."""
    key: list[Any] = [nr, row.employee_id, _micros(row.instant)]
    if include_superseded:
        key += [int(row.entry_type), int(row.is_break), row.terminal_id]
    return [*key, row.id]


def count_day_rows(
    store: Store,
    company_id: int,
    date_from: date,
    date_to: date,
    employee_nrs: Sequence[str] | None,
    include_empty: bool,
) -> int:
    """How many day rows an attest read would answer, at most: every employee's every date
    with ``include_empty``, else the employee-dates that have punches."""
    with store.read() as conn:
        ids = _filter_ids(conn, company_id, employee_nrs)
        if include_empty:
            employees = len(paging_rows.employee_order(conn, company_id, ids))
            return employees * ((date_to - date_from).days + 1)
        return paging_rows.employee_day_count(conn, company_id, date_from, date_to, ids)


def attest_page_employees(
    store: Store,
    company_id: int,
    date_from: date,
    date_to: date,
    employee_nrs: Sequence[str] | None,
    include_empty: bool,
    size: int,
    cursor: str | None,
) -> Page:
    """The employees whose day rows make the page after ``cursor``: whole employees, as many
    as ``size`` rows hold (every date of each), and at least one."""
    query = fingerprint(
        "attest", company_id, date_from, date_to, tuple(employee_nrs or ()), include_empty
    )
    after = decode_cursor(cursor, query) if cursor else None
    with store.read() as conn:
        order = paging_rows.employee_order(
            conn, company_id, _filter_ids(conn, company_id, employee_nrs)
        )
    if after is not None:
        order = [employee for employee in order if list(employee) > after]
    per_page = max(1, size // ((date_to - date_from).days + 1))
    chosen = order[:per_page]
    more = len(order) > per_page
    return Page([nr for nr, _ in chosen], encode_cursor(query, chosen[-1]) if more else None)
