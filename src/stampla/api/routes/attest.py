"""GET /Personell/Time/AttestTime: day rows, as SoftOne GO's Staff > Time > Attest time shows.

The response models below document the shape (OpenAPI); the body itself is written as text
by ``day_text`` straight from the domain's rows, which is several times faster than building
models for a company-wide month, and streamed (``json_array``). ``day_json`` gives the same
row as a dict, for the CLI. Tests hold the three together.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from datetime import timedelta
from enum import StrEnum
from json.encoder import encode_basestring
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from fastapi.responses import StreamingResponse
from pydantic import Field

from stampla.domain.attest import (
    AccountRef,
    AttestWarning,
    Punch,
    Span,
    SpanKind,
    StampingStatus,
    WarningCode,
)
from stampla.domain.punch import EntryType
from stampla.service.attest import AttestQuery, EmployeeDay, attest_time
from stampla.wire.base import OutputModel
from stampla.wire.results import ErrorResponse

from ..deps import Caller, Dates, Now, SettingsDep, StoreDep
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
    kind: Literal["Work", "Break", "Absence"] = Field(
        description="Work or Break from the punches; Absence for punched time tagged with "
        "an absence time code (e.g. Sjuk)."
    )
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
    holiday: str | None = Field(
        None,
        description="The holiday this date is in the company's holiday calendar (attest "
        "settings), e.g. Juldagen; a weekday holiday expects no time.",
    )
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
    work_seconds: int = Field(description="Worked time: work spans, absence excluded.")
    break_seconds: int
    absence_seconds: int = Field(
        description="Punched time tagged with an absence time code (kind absence): not work, "
        "but it covers expected time."
    )
    time_schedule_types: list[TimeScheduleTypeSecondsOut]
    accounts: list[AccountSecondsOut]
    expected_seconds: int | None
    difference_seconds: int | None = Field(
        description="work + absence - expected; null without expected time."
    )


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
        text = separator + day_text(day)
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
        "holiday": row.holiday,
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
        "absenceSeconds": row.absence_seconds,
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


# --- The same, written as text -----------------------------------------------------------
#
# ``day_text(day)`` is exactly ``json.dumps(day_json(day), ensure_ascii=False,
# separators=(",", ":"))`` (a test holds the two together), written straight from the row:
# three times faster, because no dict is built and only text that can hold a quote or a
# control character goes through the JSON string encoder. Dates, instants, numbers and the
# enumerations' values never need escaping.


def day_text(day: EmployeeDay) -> str:
    """A day row as the API's JSON text (see ``day_json``)."""
    row = day.row
    # A span starts and stops at punches of the row: each instant is formatted once.
    stamps = {id(punch.instant): _utc(punch.instant) for punch in row.punches}
    expected, difference = row.expected_seconds, row.difference_seconds
    return (
        f'{{"employeeNr":{_string(day.employee_nr)},"date":"{row.date.isoformat()}",'
        f'"holiday":{"null" if row.holiday is None else _string(row.holiday)},'
        f'"stampingStatus":"{_VALUES[row.status]}",'
        f'"warnings":[{",".join(map(_warning_text, row.warnings))}],'
        f'"punches":[{",".join([_punch_text(punch, stamps) for punch in row.punches])}],'
        f'"spans":[{",".join([_span_text(span, stamps) for span in row.spans])}],'
        f'"workSeconds":{row.work_seconds},"breakSeconds":{row.break_seconds},'
        f'"absenceSeconds":{row.absence_seconds},'
        f'"timeScheduleTypes":[{",".join(map(_code_seconds_text, row.time_codes))}],'
        f'"accounts":[{",".join(map(_account_seconds_text, row.accounts))}],'
        f'"expectedSeconds":{"null" if expected is None else expected},'
        f'"differenceSeconds":{"null" if difference is None else difference}}}'
    )


_string = encode_basestring  # a str as a JSON string, escaped as json.dumps escapes it
#: The enumerations' values (``.value`` is a Python-level property, read millions of times).
_VALUES: dict[StrEnum, str] = {
    member: member.value for kind in (StampingStatus, SpanKind, WarningCode) for member in kind
}
_TYPE_AND_BREAK = {  # the end of a punch's text, by entry type and IsBreak
    (entry_type, is_break): (
        f',"timeStampEntryType":"{entry_type.wire_name}",'
        f'"isBreak":{"true" if is_break else "false"}}}'
    )
    for entry_type in EntryType
    for is_break in (False, True)
}


def _warning_text(warning: AttestWarning) -> str:
    ids = ",".join(map(str, warning.punch_ids))
    return (
        f'{{"code":"{_VALUES[warning.code]}","message":{_string(warning.message)},'
        f'"timeStampEntryIds":[{ids}]}}'
    )


def _punch_text(punch: Punch, stamps: dict[int, str]) -> str:
    tail = _TYPE_AND_BREAK[punch.entry_type, punch.is_break]
    return f'{{"timeStampEntryId":{punch.id},"timeStamp":"{stamps[id(punch.instant)]}"{tail}'


def _span_text(span: Span, stamps: dict[int, str]) -> str:
    start = stamps.get(id(span.start)) or _utc(span.start)  # a midnight cut is no punch's
    stop = stamps.get(id(span.stop)) or _utc(span.stop)
    return (
        f'{{"start":"{start}","stop":"{stop}","kind":"{_VALUES[span.kind]}",'
        f'"seconds":{span.seconds},'
        f'"timeScheduleTypeCodes":[{",".join(map(_string, span.time_codes))}],'
        f'"accounts":[{",".join([f"{_account_text(a)}}}" for a in span.accounts])}]}}'
    )


def _account_text(account: AccountRef) -> str:
    """An account's fields, without the closing brace (a total adds its seconds)."""
    sie = "null" if account.sie_dimension is None else account.sie_dimension
    return (
        f'{{"codingLevel":{account.level},"sieDimension":{sie},'
        f'"accountNr":{_string(account.account_nr)}'
    )


def _account_seconds_text(total: tuple[AccountRef, int]) -> str:
    return f'{_account_text(total[0])},"seconds":{total[1]}}}'


def _code_seconds_text(total: tuple[str, int]) -> str:
    return f'{{"code":{_string(total[0])},"seconds":{total[1]}}}'


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
