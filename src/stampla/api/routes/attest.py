"""GET /Personell/Time/AttestTime: day rows, as SoftOne GO's Staff > Time > Attest time shows.

The shape is ``wire.attest``'s; the rows are written as text and streamed (``json_array``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
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
from stampla.wire.attest import AttestDay, day_text
from stampla.wire.results import ErrorResponse

from ..deps import Caller, Dates, Now, SettingsDep, StoreDep

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
docs/attest-rules.md."""


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
) -> StreamingResponse:
    query = AttestQuery(
        date_from=parse_date(date_from, "dateFrom", dates),
        date_to=parse_date(date_to, "dateTo", dates),
        employee_nrs=parse_employee_nrs(employee_nrs),
        include_empty=include_empty,
    )
    days = attest_time(
        store,
        caller.company_id,
        query,
        now,
        max_days=settings.max_read_days,
        max_future=settings.max_future,
        daily_rest=settings.daily_rest,
    )
    return StreamingResponse(json_array(days), media_type="application/json")


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
