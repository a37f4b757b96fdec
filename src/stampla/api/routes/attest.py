"""GET /Personell/Time/AttestTime: day rows, as SoftOne GO's Staff > Time > Attest time shows.

The shape is ``wire.attest``'s; the rows are written as text and streamed (``json_array``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import StreamingResponse

from stampla.http.params import (
    DateFromQuery,
    DateToQuery,
    EmployeeNrsQuery,
    parse_date,
    parse_employee_nrs,
)
from stampla.service.attest import AttestQuery, EmployeeDay, attest_time
from stampla.service.date_range import check_range
from stampla.service.paging import attest_page_employees, count_day_rows, how_to_page
from stampla.wire.attest import AttestDay, day_text
from stampla.wire.results import ErrorResponse

from ..deps import Caller, Dates, Now, SettingsDep, StoreDep
from ..paging import Cursor, PageSize, page_size, paged_response

router = APIRouter(tags=["Time"])

PATH = "/Personell/Time/AttestTime"


DESCRIPTION = """Day rows for the company-local dates `dateFrom`..`dateTo` (inclusive): one per
employee and day that has punches, computed from the current punches at the moment of the
call. `includeEmpty=true` adds the days without punches of active employees (`NoStamps`).

Each row lists its punches, the work and break spans they make (real elapsed seconds; times
are UTC), the time per time code and per account (per coding level / SIE dimension), the
expected time from the employee's weekly hours (Monday to Friday) and the difference.
`stampingStatus` uses SoftOne GO's values, plus `Ongoing` for a session that may still end
normally; `warnings` name the punches behind every problem. The rules are in
docs/attest-rules.md.

**Attest state.** `attestState`, `attestedBy` and `attestedAt` say where the day is in the
attest workflow (docs/attest-workflow.md). A day in a locking state (by default `Approved`,
`Exported`) is the row as it was attested, not a recomputation; punches stored for it later
show as the warning `LateIntoLockedDay`, and a recomputation that would differ as
`RecomputedDiffers`.

**Paging.** Without `pageSize`, every row at once, up to STAMPLA_MAX_UNPAGED_ROWS (a larger
answer is a 400 that says how to page). With `pageSize`, the rows of whole employees, as many
as `pageSize` rows hold (every date of each; at least one employee), and the `X-Next-Cursor`
header while more follow: send it as `cursor` with the same parameters for the next page."""


def attest_day_rows(
    caller: Caller,
    store: StoreDep,
    settings: SettingsDep,
    now: Now,
    dates: Dates,
    date_from: DateFromQuery,
    date_to: DateToQuery,
    employee_nrs: EmployeeNrsQuery = None,
    include_empty: Annotated[
        bool,
        Query(alias="includeEmpty", description="Also the days without punches (NoStamps)."),
    ] = False,
    size: PageSize = None,
    cursor: Cursor = None,
) -> StreamingResponse:
    query = AttestQuery(
        date_from=parse_date(date_from, "dateFrom", dates),
        date_to=parse_date(date_to, "dateTo", dates),
        employee_nrs=parse_employee_nrs(employee_nrs),
        include_empty=include_empty,
    )
    check_range(query.date_from, query.date_to, settings.max_read_days)
    size = page_size(size, cursor, settings.max_page_size)
    chosen = (store, caller.company_id, query.date_from, query.date_to, query.employee_nrs)
    next_cursor = None
    if size is None:
        count = count_day_rows(*chosen, include_empty)
        if count > settings.max_unpaged_rows:
            raise how_to_page(count, "day rows", settings.max_unpaged_rows, settings.max_page_size)
    else:
        page = attest_page_employees(*chosen, include_empty, size, cursor)
        if not page.items:
            return paged_response(iter([b"[]"]), None)
        query = replace(query, employee_nrs=page.items)
        next_cursor = page.next_cursor
    days = attest_time(
        store,
        caller.company_id,
        query,
        now,
        max_days=settings.max_read_days,
        max_future=settings.max_future,
        daily_rest=settings.daily_rest,
        limits=settings.atl_limits,
    )
    return paged_response(json_array(days), next_cursor)


def json_array(days: Iterable[EmployeeDay], piece_bytes: int = 1 << 16) -> Iterator[bytes]:
    """The rows as one JSON array, sent in pieces while they are computed.

    A company-wide month is a quarter of a million rows (about 280 MB of JSON): built whole,
    with its dicts, it would need gigabytes. Streamed, memory stays flat. The query was
    checked before the first byte (``attest_time`` raises then), so a bad request still gets
    its 4xx; only an unexpected failure half-way could cut the array short.
    """
    pending, size, separator = ["["], 1, ""
    for day in days:
        text = separator + day_text(day)
        pending.append(text)
        size, separator = size + len(text), ","
        if size >= piece_bytes:
            yield "".join(pending).encode()
            pending, size = [], 0
    pending.append("]")
    yield "".join(pending).encode()


router.add_api_route(
    PATH,
    attest_day_rows,
    methods=["GET"],
    response_model=list[AttestDay],
    summary="Attest time: day rows from punches",
    description=DESCRIPTION,
    responses={
        400: {"model": ErrorResponse, "description": "Bad dates, range or employee filter"},
        401: {"model": ErrorResponse, "description": "Missing, unknown, expired or revoked keys"},
    },
)
