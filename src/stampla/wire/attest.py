"""The day row on the wire: what GET /Personell/Time/AttestTime answers, per employee and day.

The models document the shape (OpenAPI); the body itself is written as text by ``day_text``
straight from the domain's rows, which is several times faster than building models for a
company-wide month. ``day_json`` gives the same row as a dict (``stampla attest --json``).
Tests hold the three together. Here rather than in the API so that the command line writes
exactly the API's shape without importing the web stack.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from json.encoder import encode_basestring
from typing import Any, Literal, Protocol

from pydantic import Field

from stampla.domain.attest import (
    AccountRef,
    AttestWarning,
    DayRow,
    Punch,
    Span,
    SpanKind,
    StampingStatus,
    WarningCode,
)
from stampla.domain.attest.plan import PlannedShift
from stampla.domain.punch import EntryType

from .base import OutputModel


class EmployeeDay(Protocol):
    """One employee's day row, as the attest service yields it."""

    @property
    def employee_nr(self) -> str: ...

    @property
    def row(self) -> DayRow: ...


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
    kind: Literal["Work", "Break", "Absence", "ScheduledBreak"] = Field(
        description="Work or Break from the punches; Absence for punched time tagged with "
        "an absence time code (e.g. Sjuk); ScheduledBreak for a scheduled break taken out of "
        "work because no break was punched in its shift."
    )
    seconds: int
    time_schedule_type_codes: list[str]
    accounts: list[AccountOut]


class TimeScheduleTypeSecondsOut(OutputModel):
    code: str
    seconds: int


class TimeScheduleTypeOut(TimeScheduleTypeSecondsOut):
    """A time code's seconds on a day, and where they came from: tagged on the punches
    (``Punched``), or made by a time rule of the employee's agreement (``Rule``, naming it)."""

    source: Literal["Punched", "Rule"]
    rule: str | None = Field(description="The rule that made the seconds; null when punched.")
    accounts: list[AccountSecondsOut] | None = Field(
        None,
        description="For a rule's code: its seconds per account worked on at those instants "
        "(one entry per coding level; time on spans without an account is not listed). "
        "Null for punched codes, whose time is on the accounts of their spans.",
    )


class ScheduledBreakOut(OutputModel):
    start: dt.datetime
    stop: dt.datetime


class ScheduledShiftOut(OutputModel):
    """A shift of the employee's schedule that belongs to the date (UTC instants)."""

    start: dt.datetime
    stop: dt.datetime
    breaks: list[ScheduledBreakOut]
    account_nr: str | None
    time_code: str | None


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
    time_schedule_types: list[TimeScheduleTypeOut] = Field(
        description="Seconds per time code: punched ones first (by code), then the rules' "
        "(OB, overtime, mertid) by code and rule."
    )
    accounts: list[AccountSecondsOut]
    expected_seconds: int | None
    difference_seconds: int | None = Field(
        description="work + absence - expected; null without expected time."
    )
    scheduled_seconds: int | None = Field(
        description="The same as expectedSeconds: the scheduled work of the date's shifts, "
        "or weekly hours / 5 on a weekday for an employee without a schedule."
    )
    scheduled_shifts: list[ScheduledShiftOut] = Field(
        description="The shifts of the employee's schedule that belong to this date."
    )
    work_inside_schedule_seconds: int | None = Field(
        description="Work within the scheduled shifts (breaks excluded); null on a date "
        "without a schedule."
    )
    work_outside_schedule_seconds: int | None = Field(
        description="Work outside the scheduled shifts; null on a date without a schedule."
    )
    absence: list[TimeScheduleTypeSecondsOut] = Field(
        description="Absence per absence time code: punched (tagged) and registered."
    )
    attest_state: str = Field(
        description="The day's attest state (by default Registered, Attested, Approved or "
        "Exported; configured per company). In a locking state the row is the one attested, "
        "not a recomputation (docs/attest-workflow.md)."
    )
    attested_by: str | None = Field(
        description="Who moved the day into its state; null in the initial state."
    )
    attested_at: dt.datetime | None = Field(
        description="When the day was moved into its state (UTC); null in the initial state."
    )


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
        "timeScheduleTypes": [
            *(
                {"code": c, "seconds": s, "source": "Punched", "rule": None, "accounts": None}
                for c, s in row.time_codes
            ),
            *(
                {
                    "code": c,
                    "seconds": s,
                    "source": "Rule",
                    "rule": r,
                    "accounts": [
                        {**_account(a), "seconds": seconds}
                        for a, seconds in rule_code_accounts(row, c, r)
                    ],
                }
                for c, s, r in row.rule_codes
            ),
        ],
        "accounts": [{**_account(a), "seconds": s} for a, s in row.accounts],
        "expectedSeconds": row.expected_seconds,
        "differenceSeconds": row.difference_seconds,
        "scheduledSeconds": row.expected_seconds,
        "scheduledShifts": [_shift(shift) for shift in row.scheduled_shifts],
        "workInsideScheduleSeconds": row.work_inside_seconds,
        "workOutsideScheduleSeconds": row.work_outside_seconds,
        "absence": [{"code": c, "seconds": s} for c, s in row.absence],
        **_attest(day),
    }


#: The state of a row made outside the attest read (it has no ``attest``).
INITIAL_STATE = "Registered"


def _attest(day: EmployeeDay) -> dict[str, Any]:
    attest = getattr(day, "attest", None)
    if attest is None:
        return {"attestState": INITIAL_STATE, "attestedBy": None, "attestedAt": None}
    at = attest.changed_at
    return {
        "attestState": attest.state,
        "attestedBy": attest.changed_by,
        "attestedAt": None if at is None else _utc(at),
    }


def _attest_text(day: EmployeeDay) -> str:
    attest = getattr(day, "attest", None)
    if attest is None:
        return f'"attestState":"{INITIAL_STATE}","attestedBy":null,"attestedAt":null'
    by, at = attest.changed_by, attest.changed_at
    return (
        f'"attestState":{_string(attest.state)},'
        f'"attestedBy":{"null" if by is None else _string(by)},'
        f'"attestedAt":{"null" if at is None else chr(34) + _utc(at) + chr(34)}'
    )


def _shift(shift: PlannedShift) -> dict[str, Any]:
    return {
        "start": _utc(shift.start),
        "stop": _utc(shift.stop),
        "breaks": [{"start": _utc(b.start), "stop": _utc(b.stop)} for b in shift.breaks],
        "accountNr": shift.account_nr,
        "timeCode": shift.time_code,
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
    inside, outside = row.work_inside_seconds, row.work_outside_seconds
    expected_text = "null" if expected is None else str(expected)
    return (
        f'{{"employeeNr":{_string(day.employee_nr)},"date":"{row.date.isoformat()}",'
        f'"holiday":{"null" if row.holiday is None else _string(row.holiday)},'
        f'"stampingStatus":"{_VALUES[row.status]}",'
        f'"warnings":[{",".join(map(_warning_text, row.warnings))}],'
        f'"punches":[{",".join([_punch_text(punch, stamps) for punch in row.punches])}],'
        f'"spans":[{",".join([_span_text(span, stamps) for span in row.spans])}],'
        f'"workSeconds":{row.work_seconds},"breakSeconds":{row.break_seconds},'
        f'"absenceSeconds":{row.absence_seconds},'
        f'"timeScheduleTypes":[{_time_codes_text(row)}],'
        f'"accounts":[{",".join(map(_account_seconds_text, row.accounts))}],'
        f'"expectedSeconds":{expected_text},'
        f'"differenceSeconds":{"null" if difference is None else difference},'
        f'"scheduledSeconds":{expected_text},'
        f'"scheduledShifts":[{",".join(map(_shift_text, row.scheduled_shifts))}],'
        f'"workInsideScheduleSeconds":{"null" if inside is None else inside},'
        f'"workOutsideScheduleSeconds":{"null" if outside is None else outside},'
        f'"absence":[{",".join(map(_code_seconds_text, row.absence))}],'
        f"{_attest_text(day)}}}"
    )


def _shift_text(shift: PlannedShift) -> str:
    breaks = ",".join(
        f'{{"start":"{_utc(b.start)}","stop":"{_utc(b.stop)}"}}' for b in shift.breaks
    )
    account = "null" if shift.account_nr is None else _string(shift.account_nr)
    code = "null" if shift.time_code is None else _string(shift.time_code)
    return (
        f'{{"start":"{_utc(shift.start)}","stop":"{_utc(shift.stop)}","breaks":[{breaks}],'
        f'"accountNr":{account},"timeCode":{code}}}'
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


def _time_codes_text(row: DayRow) -> str:
    punched = [
        f'{_code_seconds_text(t)[:-1]},"source":"Punched","rule":null,"accounts":null}}'
        for t in row.time_codes
    ]
    made = [
        f'{{"code":{_string(c)},"seconds":{s},"source":"Rule","rule":{_string(r)},'
        f'"accounts":[{_rule_accounts_text(row, c, r)}]}}'
        for c, s, r in row.rule_codes
    ]
    return ",".join(punched + made)


def rule_code_accounts(row: DayRow, code: str, rule: str) -> list[tuple[AccountRef, int]]:
    """A rule code's seconds per account (summed over the combinations it was worked on)."""
    totals: dict[AccountRef, int] = {}
    for c, r, accounts, seconds in row.rule_code_accounts:
        if c == code and r == rule:
            for account in accounts:
                totals[account] = totals.get(account, 0) + seconds
    return sorted(totals.items())


def _rule_accounts_text(row: DayRow, code: str, rule: str) -> str:
    return ",".join(_account_seconds_text(t) for t in rule_code_accounts(row, code, rule))


def _code_seconds_text(total: tuple[str, int]) -> str:
    return f'{{"code":{_string(total[0])},"seconds":{total[1]}}}'
