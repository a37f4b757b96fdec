"""Queries of the commands queued for ADMS devices (scoped by company and terminal)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, Row, insert, select, update

from .ids import allocate_ids
from .tables import device_commands

c = device_commands.c


def queue(
    conn: Connection,
    company_id: int,
    terminal_id: int,
    command: str,
    reason: str | None,
    queued_by: str,
    now: datetime,
) -> int:
    (command_id,) = allocate_ids(conn, device_commands, company_id, 1)
    conn.execute(
        insert(device_commands).values(
            company_id=company_id,
            id=command_id,
            terminal_id=terminal_id,
            command=command,
            reason=reason,
            state="queued",
            queued_at=now,
            queued_by=queued_by,
        )
    )
    return command_id


def waiting(conn: Connection, company_id: int, terminal_id: int, limit: int) -> list[Row]:
    """The terminal's queued commands, oldest first."""
    return list(
        conn.execute(
            select(c.id, c.command)
            .where(c.company_id == company_id, c.terminal_id == terminal_id, c.state == "queued")
            .order_by(c.id)
            .limit(limit)
        )
    )


def mark_sent(
    conn: Connection, company_id: int, sent: list[tuple[int, str]], now: datetime
) -> None:
    """Each command as it was sent (the clock command carries its time now)."""
    for command_id, text in sent:
        conn.execute(
            update(device_commands)
            .where(c.company_id == company_id, c.id == command_id)
            .values(state="sent", sent_at=now, command=text)
        )


def answer(
    conn: Connection,
    company_id: int,
    terminal_id: int,
    command_id: int,
    return_code: int | None,
    line: str,
    now: datetime,
) -> bool:
    """Record a device's result of one of its own commands; False if it names none."""
    found = conn.execute(
        update(device_commands)
        .where(
            c.company_id == company_id,
            c.terminal_id == terminal_id,
            c.id == command_id,
            c.state.in_(("queued", "sent")),
        )
        .values(
            state="done" if return_code == 0 else "failed",
            return_code=return_code,
            answer=line[:1000],
            answered_at=now,
        )
    )
    return found.rowcount > 0


def has_open(conn: Connection, company_id: int, terminal_id: int, command: str) -> bool:
    """Whether this command is queued or sent and not yet answered."""
    return (
        conn.execute(
            select(c.id).where(
                c.company_id == company_id,
                c.terminal_id == terminal_id,
                c.state.in_(("queued", "sent")),
                c.command.startswith(command.split("=")[0]),
            )
        ).first()
        is not None
    )


def of_terminal(conn: Connection, company_id: int, terminal_id: int) -> list[Row]:
    return list(
        conn.execute(
            select(device_commands)
            .where(c.company_id == company_id, c.terminal_id == terminal_id)
            .order_by(c.id)
        )
    )
