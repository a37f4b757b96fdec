"""Terminals and attendance applications (Staff > Settings > Terminals), by Terminal ID number.

A terminal's own time zone only affects how later TimeStamps without an offset are read;
stored punches keep their instants and local dates, so it may change at any time.

Its auto stamp-out settings (docs/auto-stamp-out.md) apply to sessions begun on it: each,
where set, replaces the company's (``Off`` turns it off for this terminal).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic import Field as About
from sqlalchemy import Row

from stampla.service.auto_stamp_out import values as auto_out
from stampla.store.tables import terminals
from stampla.wire.base import OutputModel

from .. import values as v
from ..fields import ACTIVE, INTEGER, Field
from ..records import required_value
from ..register import AdminRoutes, Commands, Register


class TerminalView(OutputModel):
    id: int
    time_terminal_id: int = About(description="Terminal ID number, sent as TimeTerminalId.")
    company_id: int = About(description="Company ID number, entered in the terminal.")
    name: str
    type: str = About(description="attendance_terminal or application.")
    time_zone: str | None = None
    auto_stamp_out_at: str | None = About(
        None, description="Auto stamp-out at this local time (HH:MM), Off, or null: the company's."
    )
    auto_stamp_out_after: str | None = About(
        None,
        description="Auto stamp-out after this shift length (H:MM), Off, or null: the company's.",
    )
    active: bool
    created_at: datetime

    @classmethod
    def of(cls, row: Row) -> TerminalView:
        return cls(
            id=row.id,
            time_terminal_id=row.terminal_number,
            company_id=row.company_id,
            name=row.name,
            type=row.kind,
            time_zone=row.time_zone,
            auto_stamp_out_at=row.auto_stamp_out_at,
            auto_stamp_out_after=auto_out.after_text(row.auto_stamp_out_after_minutes),
            active=row.active,
            created_at=row.created_at,
        )


@dataclass(frozen=True)
class TerminalSpec:
    terminal_number: int
    name: str
    kind: str = "attendance_terminal"
    time_zone: str | None = None
    auto_stamp_out_at: str | None = None
    auto_stamp_out_after_minutes: int | None = None
    active: bool = True


_number = v.integer(1, 2**31 - 1)


def terminal_number(value: Any) -> int:
    """A Terminal ID number from what a person typed."""
    return required_value(_number, value, "TimeTerminalId")


def _auto_out_column(view: TerminalView) -> str:
    """The terminal's auto stamp-out settings in a list: "at 23:00, after 10:00"."""
    parts = []
    if view.auto_stamp_out_at is not None:
        parts.append(f"at {view.auto_stamp_out_at}")
    if view.auto_stamp_out_after is not None:
        parts.append(f"after {view.auto_stamp_out_after}")
    return ", ".join(parts) or "(company's)"


TERMINAL = Register(
    entity="terminal",
    title="Terminal",
    table=terminals,
    key="terminal_number",
    lookup=terminal_number,
    fields=(
        Field(
            "terminal_number",
            "TimeTerminalId",
            "Terminal ID number",
            _number,
            ("TerminalId", "Terminal number"),
            required=True,
            help="Terminal ID number, sent by punches as TimeTerminalId.",
            accepts=INTEGER,
        ),
        Field("name", "Name", "Name", v.text(200), ("Namn",), True, help="The terminal's name."),
        Field(
            "kind",
            "Type",
            "Type",
            v.terminal_kind,
            ("Typ", "Kind"),
            True,
            help="attendance_terminal or application.",
        ),
        Field(
            "time_zone",
            "TimeZone",
            "Time zone",
            v.time_zone,
            ("Tidszon",),
            help="Own IANA zone for TimeStamps without an offset (default: the company's).",
        ),
        Field(
            "auto_stamp_out_at",
            "AutoStampOutAt",
            "Auto stamp-out at",
            auto_out.at,
            ("Autoutstämpling kl",),
            help="Stamp out sessions begun here that are still open at this local time "
            "(HH:MM), or Off; blank: the company's setting.",
        ),
        Field(
            "auto_stamp_out_after_minutes",
            "AutoStampOutAfter",
            "Auto stamp-out after",
            auto_out.after,
            ("Autoutstämpling efter",),
            show=auto_out.after_text,
            help="Stamp out sessions begun here that are open this long (H:MM), or Off; "
            "blank: the company's setting.",
        ),
        ACTIVE,
    ),
    defaults={"kind": "attendance_terminal"},
    view=TerminalView,
    spec=TerminalSpec,
    admin=AdminRoutes(
        summaries={
            "add": "Register a terminal",
            "update": "Change a terminal's name, type, time zone or auto stamp-out",
        }
    ),
    commands=Commands(
        name="terminal",
        help="Terminals, found by Terminal ID number (TimeTerminalId). An attendance app is "
        "registered as a terminal too.\n\n"
        "Example: stampla terminal add 7255 --name 14 --type attendance_terminal",
        named="Terminal {time_terminal_id}",
        added="Terminal {time_terminal_id} ({name}) added.",
        docs={
            "add": "Register a terminal or an attendance app.",
            "update": "Change a terminal's name, type, time zone or auto stamp-out; its number "
            "stays.",
            "list": "List terminals by Terminal ID number, with the company ID number to enter "
            "in them.",
        },
        examples={
            "add": "stampla terminal add 1 --name 'Attendance app' --type application",
            "update": "stampla terminal update 7255 --time-zone Europe/Helsinki",
            "deactivate": "stampla terminal deactivate 7255",
            "activate": "stampla terminal activate 7255",
            "list": "stampla terminal list --json",
        },
        columns=(
            ("active", lambda t: t.active),
            ("terminal id", lambda t: t.time_terminal_id),
            ("company id", lambda t: t.company_id),
            ("name", lambda t: t.name),
            ("type", lambda t: t.type),
            ("time zone", lambda t: t.time_zone or "(company's)"),
            ("auto stamp-out", _auto_out_column),
        ),
    ),
)
