"""Commands for ADMS devices: what ``getrequest`` answers, and what ``devicecmd`` reports.

A device polls ``GET /iclock/getrequest``; the answer is ``OK`` when nothing waits, or one
line per command, ``C:<id>:<command>``. After running them it posts the results to
``/iclock/devicecmd``, one line each: ``ID=<id>&Return=<code>&CMD=<command word>``, where
Return 0 means done and a negative code an error (-1 unknown command, -2 failed, …). The
device's clock is set with ``SET OPTIONS DateTime=<n>``, where ``n`` packs the local time as
ZKTeco firmware does (every month counted as 31 days):
``((year - 2000) * 12 * 31 + (month - 1) * 31 + day - 1) * 86400 + (hour * 60 + minute) * 60
+ second`` — 2018-02-22 14:54:54 is 583080894 (the PUSH protocol's own example).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

#: The command the clock check queues; its time is filled in when it is sent.
SET_CLOCK = "SET OPTIONS DateTime=<now>"
MAX_COMMAND = 500


def packed_time(local: datetime) -> int:
    """A device-local time as ZKTeco's packed integer (seconds, every month 31 days)."""
    days = (local.year - 2000) * 12 * 31 + (local.month - 1) * 31 + local.day - 1
    return days * 86400 + (local.hour * 60 + local.minute) * 60 + local.second


def rendered(command: str, local_now: datetime) -> str:
    """The command as sent: the clock command gets the device's local time now."""
    if command == SET_CLOCK:
        return f"SET OPTIONS DateTime={packed_time(local_now)}"
    return command


def command_lines(commands: Iterable[tuple[int, str]]) -> str:
    """The ``getrequest`` answer: ``C:<id>:<command>`` lines, or ``OK`` when none wait."""
    lines = [f"C:{command_id}:{text}" for command_id, text in commands]
    return "\n".join(lines) + "\n" if lines else "OK"


def command_problem(command: str) -> str | None:
    """Why a command cannot be queued, or None: one line, printable, not too long."""
    if not command.strip():
        return "a command is required"
    if len(command) > MAX_COMMAND:
        return f"at most {MAX_COMMAND} characters"
    if any(ch in "\r\n" or (not ch.isprintable() and ch != "\t") for ch in command):
        return "one line of printable text (tabs separate fields)"
    return None


@dataclass(frozen=True, slots=True)
class CommandResult:
    """One line of a ``devicecmd`` body."""

    command_id: int
    return_code: int | None
    command_word: str
    line: str


def parse_results(body: str) -> tuple[list[CommandResult], list[str]]:
    """The results a device reports, and the lines that are none (kept for the record)."""
    results: list[CommandResult] = []
    unreadable: list[str] = []
    for line in (raw.strip() for raw in body.splitlines()):
        if not line:
            continue
        fields = {}
        for part in line.split("&"):
            key, _, value = part.partition("=")
            fields.setdefault(key.strip().casefold(), value.strip())
        try:
            command_id = int(fields["id"])
        except (KeyError, ValueError):
            unreadable.append(line)
            continue
        try:
            code: int | None = int(fields.get("return", ""))
        except ValueError:
            code = None
        results.append(CommandResult(command_id, code, fields.get("cmd", ""), line))
    return results, unreadable
