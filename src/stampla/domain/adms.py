"""The ZKTeco ADMS ("push", iclock) protocol as data: what a device sends, what it is told.

A device configured with a server address and port speaks plain HTTP to ``/iclock/…``:

* ``GET /iclock/cdata?SN=…&options=all`` — the handshake. The answer is text lines, the first
  ``GET OPTION FROM: <SN>``, then ``Key=Value`` options: the stamps of the last records the
  server has (``Stamp``/``ATTLOGStamp``, ``OpStamp``/``OPERLOGStamp``), how long to wait after
  an error (``ErrorDelay``) and between polls (``Delay``), when to upload (``TransTimes``,
  ``TransInterval``), what to upload (``TransFlag``), the time zone as hours from UTC
  (``TimeZone``), ``Realtime=1`` (send each punch as it happens) and ``Encrypt=0``.
* ``POST /iclock/cdata?SN=…&table=ATTLOG&Stamp=…`` — attendance records, one a line, fields
  separated by tabs: PIN, ``YYYY-MM-DD HH:MM:SS`` in the device's local time, status,
  verify mode, work code, and reserved fields. The answer ``OK:<n>`` tells how many lines were
  taken; any other answer makes the device send them again. Other tables (``OPERLOG``,
  ``ATTPHOTO``, ``USERINFO``, …) come the same way.
* ``GET /iclock/getrequest?SN=…`` — the device polling for commands (``OK``: none), and
  ``POST /iclock/devicecmd`` — results of commands (``OK``).

Status codes (the device's function keys): 0 check-in, 1 check-out, 2 break-out, 3 break-in,
4 overtime-in, 5 overtime-out. Everything here is pure; ``stampla.service.devices`` stores.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from .punch import EntryType

#: Fields of an ATTLOG line, in order (more may follow; they are kept in the raw body).
TIME_FORMAT = "%Y-%m-%d %H:%M:%S"
_LOOSE_LINE = re.compile(
    r"^\s*(?P<pin>\S+)\s+(?P<time>\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2})"
    r"(?:\s+(?P<status>\S+))?(?:\s+(?P<verify>\S+))?(?:\s+(?P<work>\S+))?"
)


class DirectionMode(StrEnum):
    """How a device's records become In and Out (Frappe's sync tool offers the same)."""

    STATUS = "status"  #: the status code of each record
    IN = "in"  #: every record is an In (a device at the entrance)
    OUT = "out"  #: every record is an Out (a device at the exit)
    ALTERNATE = "alternate"  #: the opposite of the employee's last stamp

    @classmethod
    def parse(cls, value: str) -> DirectionMode:
        folded = value.strip().casefold()
        for mode in cls:
            if mode.value == folded:
                return mode
        raise ValueError(f"{value!r} is not a direction mode; use {', '.join(m for m in cls)}")


@dataclass(frozen=True, slots=True)
class Direction:
    entry_type: EntryType
    is_break: bool


#: Status code → direction. Overtime In/Out are work Ins and Outs.
STATUS_DIRECTIONS = {
    "0": Direction(EntryType.IN, False),
    "1": Direction(EntryType.OUT, False),
    "2": Direction(EntryType.OUT, True),
    "3": Direction(EntryType.IN, True),
    "4": Direction(EntryType.IN, False),
    "5": Direction(EntryType.OUT, False),
}


@dataclass(frozen=True, slots=True)
class AttLine:
    """One ATTLOG record as the device wrote it; ``time`` is None if it is not a time."""

    number: int
    pin: str
    time_text: str
    time: datetime | None
    status: str
    verify: str
    work_code: str


def parse_attlog(body: str) -> tuple[list[AttLine], list[tuple[int, str]]]:
    """The records of an ATTLOG body, and the (line number, text) of lines that are none.

    Fields are tab-separated; a line without tabs whose fields are separated by spaces (as
    some firmware writes them) is read too. Blank lines are skipped."""
    records: list[AttLine] = []
    unreadable: list[tuple[int, str]] = []
    for number, raw in enumerate(body.splitlines(), start=1):
        line = raw.strip("\r\n")
        if not line.strip():
            continue
        if "\t" in line:
            fields = [f.strip() for f in line.split("\t")]
        else:
            match = _LOOSE_LINE.match(line)
            if match is None:
                unreadable.append((number, line))
                continue
            fields = [
                match["pin"],
                match["time"],
                *(match[k] or "" for k in ("status", "verify", "work")),
            ]
        fields += [""] * (5 - len(fields))
        pin, time_text, status, verify, work_code = fields[:5]
        if not pin:
            unreadable.append((number, line))
            continue
        try:
            time = datetime.strptime(time_text, TIME_FORMAT)
        except ValueError:
            time = None
        records.append(AttLine(number, pin, time_text, time, status, verify, work_code))
    return records, unreadable


def work_code_of(line: AttLine) -> str | None:
    """The work code that means something: none, empty and 0 mean no work code."""
    code = line.work_code.strip()
    return None if code in ("", "0") else code


def fixed_direction(mode: DirectionMode, status: str) -> Direction | None:
    """The direction a record has without looking at earlier stamps; None: alternate."""
    if mode is DirectionMode.IN:
        return Direction(EntryType.IN, False)
    if mode is DirectionMode.OUT:
        return Direction(EntryType.OUT, False)
    if mode is DirectionMode.STATUS:
        return STATUS_DIRECTIONS.get(status.strip())
    return None


def alternate(last: Direction | None) -> Direction:
    """The opposite of the last work stamp: an Out after an In, else an In.

    A break Out is followed by the break's In; after a break In the employee is at work."""
    if last is None:
        return Direction(EntryType.IN, False)
    if last.is_break:
        if last.entry_type is EntryType.OUT:
            return Direction(EntryType.IN, True)
        return Direction(EntryType.OUT, False)
    if last.entry_type is EntryType.IN:
        return Direction(EntryType.OUT, False)
    return Direction(EntryType.IN, False)


@dataclass(frozen=True, slots=True)
class Options:
    """What the handshake tells a device."""

    serial: str
    attlog_stamp: str | None
    operlog_stamp: str | None
    utc_offset: timedelta
    error_delay: int = 30
    delay: int = 10
    trans_times: str = "00:00;14:05"
    trans_interval: int = 1


def options_text(options: Options) -> str:
    """The handshake's answer, as devices read it (CRLF lines; unknown keys are ignored).

    Both spellings of the stamps are given: older firmware reads ``Stamp``/``OpStamp``,
    newer ``ATTLOGStamp``/``OPERLOGStamp``. ``None`` asks for every record the device has,
    which is harmless: what is already stored answers as a duplicate."""
    hours = options.utc_offset.total_seconds() / 3600
    zone = f"{hours:g}"
    att = options.attlog_stamp or "None"
    op = options.operlog_stamp or "None"
    lines = [
        f"GET OPTION FROM: {options.serial}",
        f"Stamp={att}",
        f"ATTLOGStamp={att}",
        f"OpStamp={op}",
        f"OPERLOGStamp={op}",
        "ATTPHOTOStamp=None",
        f"ErrorDelay={options.error_delay}",
        f"Delay={options.delay}",
        f"TransTimes={options.trans_times}",
        f"TransInterval={options.trans_interval}",
        "TransFlag=TransData AttLog OpLog",
        f"TimeZone={zone}",
        "Realtime=1",
        "Encrypt=0",
    ]
    return "\r\n".join(lines) + "\r\n"


def clock_problem(
    newest: datetime | None,
    previous_newest: datetime | None,
    now_local: datetime,
    tolerance: timedelta,
) -> str | None:
    """Why a device's clock looks wrong, from the newest record of an upload; None if not.

    ``now_local`` is the server's time in the device's zone (naive, like the records). A
    record ahead of it by more than ``tolerance`` cannot be real; a newest record that lies
    more than ``tolerance`` before the newest one the device sent earlier means the clock
    went back (a power cut that reset it). Old records alone are not a sign: a device that
    was offline sends its backlog."""
    if newest is None:
        return None
    if newest - now_local > tolerance:
        return (
            f"records dated {newest:%Y-%m-%d %H:%M:%S}, ahead of the server's "
            f"{now_local:%Y-%m-%d %H:%M:%S}: set the device's date and time"
        )
    if previous_newest is not None and previous_newest - newest > tolerance:
        return (
            f"records dated {newest:%Y-%m-%d %H:%M:%S} after earlier ones dated "
            f"{previous_newest:%Y-%m-%d %H:%M:%S}: the device's clock went back "
            "(reset by a power cut?); set its date and time"
        )
    return None
