"""Commands for ADMS devices: queued by an admin or by the clock check, sent on the device's
next ``getrequest``, their results recorded from ``devicecmd`` (``domain.adms_commands``).

A device whose records show a far-off clock (``push`` flags it) gets ``SET OPTIONS
DateTime=…`` queued once, with the server's time in the device's zone filled in when it is
sent. Queued commands are audited (entity ``terminal``, ``queue_command``).
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from pydantic import Field as About
from sqlalchemy import Connection

from stampla.domain import adms_commands as adms_cmd
from stampla.errors import InvalidInput, NotFound, Problem
from stampla.store import device_commands as command_store
from stampla.store import devices as device_store
from stampla.store.devices import Device
from stampla.store.engine import Store
from stampla.wire.base import OutputModel

from .. import audit

#: Commands one poll answers at most (firmware reads a few per request).
PER_POLL = 10


class CommandView(OutputModel):
    command_id: int = About(description="The id the device reports its result with.")
    command: str = About(description="As queued; as sent once sent.")
    reason: str | None = None
    state: str = About(description="queued, sent, done or failed.")
    queued_at: datetime
    queued_by: str
    sent_at: datetime | None = None
    answered_at: datetime | None = None
    return_code: int | None = About(None, description="The device's Return= (0: done).")


def _view(row) -> CommandView:
    return CommandView(
        command_id=row.id,
        command=row.command,
        reason=row.reason,
        state=row.state,
        queued_at=row.queued_at,
        queued_by=row.queued_by,
        sent_at=row.sent_at,
        answered_at=row.answered_at,
        return_code=row.return_code,
    )


def _device(conn: Connection, company_id: int, serial: str) -> Device:
    device = device_store.device_by_serial(conn, serial.strip())
    if device is None or device.company_id != company_id:
        raise NotFound(f"No device {serial} in this company")
    return device


def queue_command(
    store: Store,
    company_id: int,
    serial: str,
    command: str | None,
    now: datetime,
    actor: audit.Actor = audit.SYSTEM,
) -> CommandView:
    """Queue ``command`` for the device (None: set its clock to the server's time)."""
    text = adms_cmd.SET_CLOCK if command is None else command.strip()
    problem = adms_cmd.command_problem(text)
    if problem is not None:
        raise InvalidInput(f"Not a command: {problem}", [Problem(problem, "Command")])
    with store.write() as conn:
        device = _device(conn, company_id, serial)
        reason = "set the clock" if command is None else None
        command_id = command_store.queue(
            conn, company_id, device.terminal_id, text, reason, actor, now
        )
        event = audit.Event(
            "terminal",
            str(device.terminal_number),
            "queue_command",
            device.terminal_id,
            {"Command": [None, text]},
        )
        audit.record(conn, company_id, actor, now, [event])
        rows = command_store.of_terminal(conn, company_id, device.terminal_id)
        return _view(next(r for r in rows if r.id == command_id))


def list_commands(store: Store, company_id: int, serial: str) -> list[CommandView]:
    with store.read() as conn:
        device = _device(conn, company_id, serial)
        return [_view(r) for r in command_store.of_terminal(conn, company_id, device.terminal_id)]


def queue_clock_fix(conn: Connection, device: Device, note: str, now: datetime) -> None:
    """Within an upload's transaction: a newly flagged clock gets one clock command."""
    if command_store.has_open(conn, device.company_id, device.terminal_id, adms_cmd.SET_CLOCK):
        return
    command_store.queue(
        conn,
        device.company_id,
        device.terminal_id,
        adms_cmd.SET_CLOCK,
        f"clock: {note}"[:300],
        "system",
        now,
    )


def to_send(conn: Connection, device: Device, now: datetime) -> str:
    """The ``getrequest`` answer: the waiting commands, marked sent, or ``OK``."""
    rows = command_store.waiting(conn, device.company_id, device.terminal_id, PER_POLL)
    local_now = now.astimezone(ZoneInfo(device.time_zone)).replace(tzinfo=None)
    sent = [(row.id, adms_cmd.rendered(row.command, local_now)) for row in rows]
    command_store.mark_sent(conn, device.company_id, sent, now)
    return adms_cmd.command_lines(sent)


def record_results(store: Store, device: Device, body: str, now: datetime) -> int:
    """Record what the device reports of its commands; how many named one of its own."""
    results, _unreadable = adms_cmd.parse_results(body)
    with store.write() as conn:
        return sum(
            command_store.answer(
                conn,
                device.company_id,
                device.terminal_id,
                r.command_id,
                r.return_code,
                r.line,
                now,
            )
            for r in results
        )
