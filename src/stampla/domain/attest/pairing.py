"""Pairing: an employee's punches, in time order, become sessions, spans and warnings.

A small state machine: outside a session, working, or on a break. Each punch either moves it
on (and closes a span), or does not fit and is flagged with a warning. Attest never invents a
missing punch: time that is not bounded by a matching pair of punches is simply not counted,
and the warning says so.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from stampla.domain.punch import EntryType

from . import warnings as say
from .model import AUTO_STAMP_OUT, AttestWarning, Punch, SpanKind
from .pieces import Piece
from .settings import AttestSettings
from .spans import conflicting_level, make_span

_IN = EntryType.IN
_WORK, _BREAK = SpanKind.WORK, SpanKind.BREAK


def pair(
    ordered: Iterable[Punch], settings: AttestSettings, zone: ZoneInfo, now: datetime
) -> list[Piece]:
    """The pieces of a timeline; ``ordered`` must be sorted by ``Punch.order_key``.

    ``now`` decides whether a session without an Out is still Ongoing or is missing its Out.

    One loop with its state in local variables: it runs once per punch, a million times for
    a company-wide month, and a method call per punch and per span cost more than the rules.
    The state is the open ``session`` (None: outside), and within it ``break_out`` (None:
    working; else the break Out of a running break) and ``mark`` (where the running work
    span began). The table in docs/attest-rules.md (section 3) lists every transition.
    """
    max_shift, bounce = settings.max_shift, settings.bounce
    pieces: list[Piece] = []
    session: Piece | None = None
    opened: datetime = datetime.min  # when the open session began
    break_out: Punch | None = None
    mark: Punch | None = None
    previous: Punch | None = None
    for punch in ordered:
        instant, entry_type, is_break = punch.instant, punch.entry_type, punch.is_break
        if (
            previous is not None
            and entry_type is previous.entry_type
            and is_break == previous.is_break
            and instant - previous.instant <= bounce
        ):  # a double read: listed with the piece it repeats, not paired
            pieces[-1].bounces.append(punch)
            pieces[-1].warnings.append(say.bounce(previous, punch, zone))
            previous = punch
            continue
        previous = punch
        if session is not None and instant - opened > max_shift:
            _expire(session, break_out, max_shift, zone)
            session = break_out = None
        if session is None:  # outside: only a work In opens a session
            if entry_type is _IN and not is_break:
                session, opened, mark = _open(pieces, punch, zone), instant, punch
            elif is_break:
                _stray(pieces, punch, say.break_outside(punch, zone), zone)
            else:
                _stray(pieces, punch, say.out_without_in(punch, zone), zone)
            continue
        if entry_type is _IN and not is_break:  # an In while open: a new session
            if break_out is not None:
                session.warnings.append(say.break_never_ended(break_out, punch, zone))
            else:
                session.warnings.append(say.in_after_in(session.punches[0], punch, zone))
            session, opened, mark, break_out = _open(pieces, punch, zone), instant, punch, None
            continue
        session.punches.append(punch)
        if len(punch.accounts) > 1:
            _check_accounts(session, punch, zone)
        if entry_type is _IN:  # break In: ends the break, work resumes
            if break_out is None:
                session.warnings.append(say.break_not_started(punch, zone))
            else:
                session.spans.append(make_span(_BREAK, break_out, punch))
                break_out, mark = None, punch
            continue
        # an Out or a break Out ends the running work span, if work is running
        if break_out is not None:
            session.warnings.append(say.break_never_ended(break_out, punch, zone))
        else:
            session.spans.append(make_span(_WORK, mark, punch))  # type: ignore[arg-type]
        if is_break:
            break_out = punch
        else:
            if punch.origin == AUTO_STAMP_OUT:  # made by the server: HR should look
                session.warnings.append(say.auto_stamp_out(session.punches[0], punch, zone))
            session = break_out = None
    if session is not None:
        if now - opened > max_shift:
            _expire(session, break_out, max_shift, zone)
        else:
            session.ongoing = True
    return pieces


def _open(pieces: list[Piece], punch: Punch, zone: ZoneInfo) -> Piece:
    session = Piece([punch], True)
    pieces.append(session)
    if len(punch.accounts) > 1:
        _check_accounts(session, punch, zone)
    return session


def _expire(session: Piece, break_out: Punch | None, max_shift: timedelta, zone: ZoneInfo) -> None:
    """Warn that a session was open longer than the maximum shift length (it closes)."""
    session.warnings.append(say.open_too_long(session.punches[0], max_shift, zone))
    if break_out is not None:
        session.warnings.append(say.break_never_ended(break_out, None, zone))


def _stray(pieces: list[Piece], punch: Punch, warning: AttestWarning, zone: ZoneInfo) -> None:
    piece = Piece([punch], warnings=[warning])
    pieces.append(piece)
    if len(punch.accounts) > 1:
        _check_accounts(piece, punch, zone)


def _check_accounts(piece: Piece, punch: Punch, zone: ZoneInfo) -> None:
    if (level := conflicting_level(punch)) is not None:
        piece.warnings.append(say.account_conflict(punch, level, zone))
