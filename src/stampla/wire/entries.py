"""A TimeStampEntry as posted, and as read back."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from pydantic import BeforeValidator, Field

from stampla.domain.punch import EntryType

from .base import InputModel, OutputModel
from .fields import (
    EntryTypeField,
    FlagField,
    TimeStampField,
    capped_list,
    optional_text,
    required_text,
)

# Lengths are those of the columns the values are kept in (store/tables.py).
EmployeeNrText = required_text(50)
AccountNrText = required_text(50)
CodeText = required_text(100)
OptionalAccountNr = optional_text(50)
OptionalExternalCode = optional_text(100)
#: SoftOne's Int32 numbers. A terminal's number is positive (the register's rule).
TerminalNumber = Annotated[int, Field(ge=1, le=2**31 - 1)]
SieDimension = Annotated[int, Field(ge=0, le=2**31 - 1)]

PUNCH_IN_EXAMPLE = {
    "EmployeeNr": "EMP1001",
    "EmployeeExternalCode": "EXT-EMP1001",
    "TimeStamp": "2025-06-12T08:00:00Z",
    "TimeStampEntryType": "In",
    "IsBreak": False,
    "AccountNr": "4001",
    "SieAccountDim": 2,
    "TimeTerminalId": 1,
    "Accounts": [{"AccountNr": "4001", "SieAccountDim": 3}],
    "TimeScheduleTypes": [{"TimeScheduleTypeCode": "DayShift"}],
}


class AccountRef(InputModel):
    """One connected account, used when several account dimensions are reported."""

    account_nr: AccountNrText = Field(
        alias="AccountNr", description='The account number ("konteringskod").'
    )
    sie_account_dim: SieDimension | None = Field(
        None,
        alias="SieAccountDim",
        description="The SIE dimension (coding level) the AccountNr belongs to.",
    )


class TimeScheduleTypeRef(InputModel):
    """An attendance or absence time code (extent/deduction) tagged on the entry."""

    time_schedule_type_code: CodeText = Field(
        alias="TimeScheduleTypeCode",
        description="Code of the attendance or absence time code.",
    )


class TimeStampEntry(InputModel):
    """A single employee time punch: type, time, and optional metadata."""

    model_config = {"json_schema_extra": {"example": PUNCH_IN_EXAMPLE}}

    employee_nr: EmployeeNrText = Field(
        alias="EmployeeNr",
        description="Employee number of the individual making the time entry "
        "(Employee ID under Staff > Employee > Employees).",
    )
    employee_external_code: OptionalExternalCode = Field(
        None,
        alias="EmployeeExternalCode",
        description="External code identifying the employee; when given it must belong to "
        "the same employee as EmployeeNr.",
    )
    time_stamp: TimeStampField = Field(
        alias="TimeStamp",
        description="Date and time of the timestamp entry. With an offset or Z it is an "
        "instant; without one it is the company's local time (the terminal's, if the "
        "terminal has its own time zone).",
    )
    time_stamp_entry_type: EntryTypeField = Field(
        alias="TimeStampEntryType",
        description='Type of entry/punch: "In" or "Out" (any letter case; 1 and 2 also).',
    )
    is_break: FlagField = Field(
        False,
        alias="IsBreak",
        description="True if this entry marks the start (Out) or end (In) of a break.",
    )
    account_nr: OptionalAccountNr = Field(
        None,
        alias="AccountNr",
        description='The account number ("konteringskod") reported with the punch, i.e. '
        "the cost carrier: cost centre, department, project, ...",
    )
    sie_account_dim: SieDimension | None = Field(
        None,
        alias="SieAccountDim",
        description="Which accounting dimension AccountNr belongs to (SIE Dimension of a "
        "coding level). Needed when dimensions share account numbers; only with AccountNr.",
    )
    time_terminal_id: TerminalNumber = Field(
        alias="TimeTerminalId",
        description="ID of the terminal where the entry was made (Terminal ID number).",
    )
    accounts: Annotated[list[AccountRef] | None, BeforeValidator(capped_list)] = Field(
        None,
        alias="Accounts",
        description="Connected accounts, when several account dimensions are reported.",
    )
    time_schedule_types: Annotated[
        list[TimeScheduleTypeRef] | None, BeforeValidator(capped_list)
    ] = Field(
        None,
        alias="TimeScheduleTypes",
        description="Extents/deductions (tillägg och avdrag) tagged on the entry. Their "
        "value is derived from the start and stop time of the punches.",
    )


class StoredAccount(OutputModel):
    account_nr: str
    sie_account_dim: int | None = None


class StoredTimeScheduleType(OutputModel):
    time_schedule_type_code: str


class StoredEntry(OutputModel):
    """A stored punch as read back: the entry's fields as sent, plus what Stampla made of it."""

    time_stamp_entry_id: int = Field(description="Stampla's id of the punch.")
    employee_nr: str
    employee_external_code: str | None = None
    time_stamp: datetime = Field(description="The instant, in UTC (ISO-8601 with Z).")
    time_stamp_as_sent: str = Field(description="The TimeStamp text exactly as it was posted.")
    local_date: date = Field(description="The company-local date of the punch.")
    time_stamp_entry_type: str = Field(description='"In" or "Out".')
    is_break: bool
    account_nr: str | None = None
    sie_account_dim: int | None = None
    time_terminal_id: int
    accounts: list[StoredAccount] = Field(default_factory=list)
    time_schedule_types: list[StoredTimeScheduleType] = Field(default_factory=list)
    received_utc: datetime = Field(description="When Stampla received the punch (UTC).")
    origin: str = Field(
        "Terminal",
        description='Who made the punch: "Terminal" (sent to this API), "AutoStampOut" (an '
        "Out the server made for a session left open; a real Out sent later supersedes it) or "
        '"Correction" (added or changed by a staff user, with a reason: /Admin/PunchCorrections).',
    )
    offline: bool = Field(
        False,
        description="True when the punch was made on a kiosk while the server did not answer "
        "and sent later (TimeStamp is when it was made, receivedUtc when it arrived).",
    )
    # Written only when the read asks for superseded punches too (includeSuperseded=true).
    superseded: bool = Field(
        False,
        description="True when a replaceDays correction replaced the punch, or a real Out "
        "replaced an AutoStampOut one.",
    )
    superseded_utc: datetime | None = Field(
        None, description="When it was superseded (UTC); null while the punch is current."
    )
    superseded_by_batch_id: int | None = Field(
        None,
        description="The id of the batch that superseded it: a replaceDays post, or a "
        "correction (/Admin/PunchCorrections).",
    )
    superseded_by: int | None = Field(
        None,
        description="The id of the punch that took its place, when that batch sent the same "
        "punch (employee, time, type, IsBreak, terminal) with other fields, or the real Out "
        "that replaced an AutoStampOut one; null when the batch left it out.",
    )

    @classmethod
    def of(cls, row: Any, superseded_by: int | None = None) -> StoredEntry:
        """A stored punch row as read back (a superseded one marked, with its successor)."""
        marks: dict[str, Any] = {}
        if row.superseded_at is not None:
            marks = {
                "superseded": True,
                "superseded_utc": row.superseded_at,
                "superseded_by_batch_id": row.superseded_by_batch_id,
                "superseded_by": superseded_by,
            }
        return cls(
            time_stamp_entry_id=row.id,
            employee_nr=row.employee_nr,
            employee_external_code=row.employee_external_code,
            time_stamp=row.instant,
            time_stamp_as_sent=row.timestamp_sent,
            local_date=row.local_date,
            time_stamp_entry_type=EntryType(row.entry_type).wire_name,
            is_break=row.is_break,
            account_nr=row.account_nr,
            sie_account_dim=row.sie_account_dim,
            time_terminal_id=row.time_terminal_id,
            accounts=[
                {"account_nr": a["accountNr"], "sie_account_dim": a["sieAccountDim"]}
                for a in row.accounts or ()
            ],
            time_schedule_types=[
                {"time_schedule_type_code": t["timeScheduleTypeCode"]} for t in row.time_codes or ()
            ],
            received_utc=row.received_at,
            origin=row.origin,
            offline=bool(getattr(row, "offline", False)),
            **marks,
        )


#: The fields of StoredEntry that a read of current punches only leaves out.
SUPERSEDED_FIELDS = frozenset(
    {"superseded", "superseded_utc", "superseded_by_batch_id", "superseded_by"}
)
