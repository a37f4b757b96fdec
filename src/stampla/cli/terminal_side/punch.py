"""``stampla punch``: record one punch on this terminal, safely first, then send it."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated

import typer
from pydantic import ValidationError

from stampla.client import DeadLetter, Delivered, Outbox, Punch
from stampla.wire import TimeStampEntry

from ..context import console, fail
from .shared import OutboxOption, TerminalOption, describe, load_settings, send_pending


class Direction(StrEnum):
    IN = "in"
    OUT = "out"


def punch(
    direction: Annotated[Direction, typer.Argument(help="in or out.")],
    employee: Annotated[str, typer.Argument(help="The EmployeeNr.")],
    terminal: TerminalOption = None,
    is_break: Annotated[
        bool, typer.Option("--break", help="Marks the start (out) or end (in) of a break.")
    ] = False,
    account: Annotated[
        str | None, typer.Option(help="AccountNr, the cost carrier (cost centre, project...).")
    ] = None,
    dim: Annotated[int | None, typer.Option(help="SieAccountDim of --account.")] = None,
    code: Annotated[
        str | None, typer.Option(help="A TimeScheduleTypeCode (time code) to tag the punch.")
    ] = None,
    at: Annotated[
        str | None,
        typer.Option(help="TimeStamp (ISO-8601) instead of now, e.g. 2025-06-12T08:00:00+02:00."),
    ] = None,
    comment: Annotated[
        str | None, typer.Option(help="Kept in the outbox only: the API has no comment field.")
    ] = None,
    outbox: OutboxOption = None,
) -> None:
    """Record a punch: queue it on disk, then try to send it.
    Once "Queued" is printed the punch is safe: if the server cannot be reached now, the agent
    or `stampla outbox retry` sends it later, exactly once. The exit code is 1 only if the
    server rejected the punch (see `stampla outbox dead`).

    Example: stampla punch in 3002 --terminal 7255 --account 1000 --dim 30
    """
    settings = load_settings(outbox=outbox, terminal=terminal)
    if settings.terminal is None:
        raise fail("Say which terminal: --terminal ID or STAMPLA_CLIENT_TERMINAL")
    entry = _entry(direction, employee, settings.terminal, is_break, account, dim, code, at)
    with settings.open_outbox() as box:
        seq = box.enqueue(Punch(entry, comment, "stampla punch"))
        console.print(f"Queued #{seq}: {describe(entry)}")
        send_pending(settings, box, attempts=min(settings.attempts, 2))
        _report(box, seq)


def _entry(
    direction: Direction,
    employee: str,
    terminal: int,
    is_break: bool,
    account: str | None,
    dim: int | None,
    code: str | None,
    at: str | None,
) -> TimeStampEntry:
    now = datetime.now().astimezone().replace(microsecond=0).isoformat()
    try:
        return TimeStampEntry(
            EmployeeNr=employee,
            TimeStamp=at or now,
            TimeStampEntryType=direction.value,
            IsBreak=is_break,
            AccountNr=account,
            SieAccountDim=dim,
            TimeTerminalId=terminal,
            TimeScheduleTypes=[{"TimeScheduleTypeCode": code}] if code else None,
        )
    except ValidationError as error:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in error.errors())
        raise fail(f"Not a valid punch: {problems}") from None


def _report(box: Outbox, seq: int) -> None:
    found = box.find(seq)
    if isinstance(found, Delivered):
        number = (
            f" as TimeStampEntry {found.time_stamp_entry_id}" if found.time_stamp_entry_id else ""
        )
        console.print(f"Sent #{seq}: {found.status}{number}")
    elif isinstance(found, DeadLetter):
        raise fail(f"The server rejected #{seq}: {found.error_message}")
