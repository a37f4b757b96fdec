"""GET /Personell/Time/AttestTime: day rows, as SoftOne GO's Staff > Time > Attest time shows.

The response models below document the shape (OpenAPI); the body itself is written by
``day_json`` straight from the domain's rows, which is several times faster than building
models for a company-wide month, and streamed (``json_array``). A test holds the two together.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from datetime import timedelta
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from fastapi.responses import StreamingResponse

from stampla.domain.attest import AccountRef, Span
from stampla.service.attest import AttestQuery, EmployeeDay, attest_time
from stampla.wire.base import OutputModel
from stampla.wire.results import ErrorResponse

from ..deps import Caller, Now, SettingsDep, StoreDep
from ..params import parse_date, parse_employee_nrs

router = APIRouter(tags=["Time"])

PATH = "/Personell/Time/AttestTime"


class AttestWarningOut(OutputModel):
    code: str
    message: str
    time_stamp_entry_ids: list[int]


class AttestPunchOut(OutputModel):
    time_stamp_entry_id: int
    time_stamp: dt.datetime
    time_stamp_entry_type: Literal["In", "Out"]
    is_break: bool


class AccountOut(OutputModel):
    coding_level: int
    sie_dimension: int | None
    account_nr: str


class AccountSecondsOut(AccountOut):
    seconds: int


class SpanOut(OutputModel):
    start: dt.datetime
    stop: dt.datetime
    kind: Literal["Work", "Break"]
    seconds: int
    time_schedule_type_codes: list[str]
    accounts: list[AccountOut]


class TimeScheduleTypeSecondsOut(OutputModel):
    code: str
    seconds: int


class AttestDay(OutputModel):
    """One employee's day: its punches, how they pair, and what they add up to."""

    employee_nr: str
    date: dt.date
    stamping_status: Literal[
        "NoStamps",
        "Complete",
        "Ongoing",
        "FirstStampIsNotIn",
        "OddNumberOfStamps",
        "InvalidSequenceOfStamps",
        "InvalidDoubleStamp",
    ]
    warnings: list[AttestWarningOut]
    punches: list[AttestPunchOut]
    spans: list[SpanOut]
    work_seconds: int
    break_seconds: int
    time_schedule_types: list[TimeScheduleTypeSecondsOut]
    accounts: list[AccountSecondsOut]
    expected_seconds: int | None
    difference_seconds: int | None


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
    date_from: Annotated[
        str, Query(alias="dateFrom", description="First company-local date (inclusive).")
    ],
    date_to: Annotated[
        str, Query(alias="dateTo", description="Last company-local date (inclusive).")
    ],
    employee_nrs: Annotated[
        str | None,
        Query(alias="employeeNrsString", description="Comma-separated EmployeeNr filter."),
    ] = None,
    include_empty: Annotated[
        bool,
        Query(alias="includeEmpty", description="Also the days without punches (NoStamps)."),
    ] = False,
) -> StreamingResponse:
    query = AttestQuery(
        date_from=parse_date(date_from, "dateFrom"),
        date_to=parse_date(date_to, "dateTo"),
        employee_nrs=parse_employee_nrs(employee_nrs),
        include_empty=include_empty,
    )
    days = attest_time(
        store,
        caller.company_id,
        query,
        now,
        max_days=settings.max_read_days,
        max_future=timedelta(minutes=settings.max_future_minutes),
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
        text = separator + json.dumps(day_json(day), ensure_ascii=False, separators=(",", ":"))
        pending.append(text)
        size, separator = size + len(text), ","
        if size >= piece_bytes:
            yield "".join(pending).encode()
            pending, size = [], 0
    pending.append("]")
    yield "".join(pending).encode()


def day_json(day: EmployeeDay) -> dict[str, Any]:
    """A day row in the API's shape (see AttestDay)."""
    row = day.row
    return {
        "employeeNr": day.employee_nr,
        "date": row.date.isoformat(),
        "stampingStatus": row.status.value,
        "warnings": [
            {"code": w.code.value, "message": w.message, "timeStampEntryIds": list(w.punch_ids)}
            for w in row.warnings
        ],
        "punches": [
            {
                "timeStampEntryId": p.id,
                "timeStamp": _utc(p.instant),
                "timeStampEntryType": p.entry_type.wire_name,
                "isBreak": p.is_break,
            }
            for p in row.punches
        ],
        "spans": [_span(span) for span in row.spans],
        "workSeconds": row.work_seconds,
        "breakSeconds": row.break_seconds,
        "timeScheduleTypes": [{"code": c, "seconds": s} for c, s in row.time_codes],
        "accounts": [{**_account(a), "seconds": s} for a, s in row.accounts],
        "expectedSeconds": row.expected_seconds,
        "differenceSeconds": row.difference_seconds,
    }


def _span(span: Span) -> dict[str, Any]:
    return {
        "start": _utc(span.start),
        "stop": _utc(span.stop),
        "kind": span.kind.value,
        "seconds": span.seconds,
        "timeScheduleTypeCodes": list(span.time_codes),
        "accounts": [_account(a) for a in span.accounts],
    }


def _account(account: AccountRef) -> dict[str, Any]:
    return {
        "codingLevel": account.level,
        "sieDimension": account.sie_dimension,
        "accountNr": account.account_nr,
    }


def _utc(instant: dt.datetime) -> str:
    return instant.isoformat().replace("+00:00", "Z")


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
