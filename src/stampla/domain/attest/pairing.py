"""Pairing: an employee's punches, in time order, become sessions, spans and warnings.

A small state machine: outside a session, working, or on a break. Each punch either moves it
on (and closes a span), or does not fit and is flagged with a warning. Attest never invents a
missing punch: time that is not bounded by a matching pair of punches is simply not counted,
and the warning says so.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from zoneinfo import ZoneInfo

from stampla.domain.punch import EntryType

from . import warnings as say
from .model import AttestWarning, Punch, SpanKind
from .pieces import Piece
from .settings import AttestSettings
from .spans import conflicting_level, make_span


def pair(
    ordered: Iterable[Punch], settings: AttestSettings, zone: ZoneInfo, now: datetime
) -> list[Piece]:
    """The pieces of a timeline; ``ordered`` must be sorted by ``Punch.order_key``.

    ``now`` decides whether a session without an Out is still Ongoing or is missing its Out.
    """
    machine = _Pairing(settings, zone)
    for punch in ordered:
        machine.feed(punch)
    machine.finish(now)
    return machine.pieces


class _Pairing:
    """The state machine. Written for speed as well as clarity: it runs once per punch, a
    million times for a company-wide month, so hot values are kept in plain attributes."""

    def __init__(self, settings: AttestSettings, zone: ZoneInfo) -> None:
        self.max_shift = settings.max_shift
        self.bounce = settings.bounce
        self.zone = zone
        self.pieces: list[Piece] = []
        self.session: Piece | None = None
        self.opened: datetime | None = None  # when the open session began
        self.break_out: Punch | None = None  # the break Out of a running break
        self.mark: Punch | None = None  # where the running work span began
        self.previous: Punch | None = None

    def feed(self, punch: Punch) -> None:
        previous, self.previous = self.previous, punch
        if (
            previous is not None
            and punch.entry_type is previous.entry_type
            and punch.is_break == previous.is_break
            and punch.instant - previous.instant <= self.bounce
        ):
            self.pieces[-1].bounces.append(punch)
            self.pieces[-1].warnings.append(say.bounce(previous, punch, self.zone))
            return
        if self.opened is not None and punch.instant - self.opened > self.max_shift:
            self._expire()
        if punch.entry_type is EntryType.IN:
            self._break_in(punch) if punch.is_break else self._work_in(punch)
        else:
            self._break_out(punch) if punch.is_break else self._work_out(punch)

    def finish(self, now: datetime) -> None:
        if self.session is None or self.opened is None:
            return
        if now - self.opened > self.max_shift:
            self._expire()
        else:
            self.session.ongoing = True

    def _work_in(self, punch: Punch) -> None:
        session = self.session
        if session is not None:
            if self.break_out is not None:
                self._warn(say.break_never_ended(self.break_out, punch, self.zone))
            else:
                self._warn(say.in_after_in(session.punches[0], punch, self.zone))
            self._close()
        self.session = Piece([punch], is_session=True)
        self.pieces.append(self.session)
        self._check_accounts(self.session, punch)
        self.opened = punch.instant
        self.mark = punch

    def _work_out(self, punch: Punch) -> None:
        session = self.session
        if session is None:
            return self._stray(punch, say.out_without_in(punch, self.zone))
        self._take(session, punch)
        if self.break_out is not None:
            self._warn(say.break_never_ended(self.break_out, punch, self.zone))
        else:
            session.spans.append(make_span(SpanKind.WORK, self.mark, punch))
        self._close()

    def _break_out(self, punch: Punch) -> None:
        session = self.session
        if session is None:
            return self._stray(punch, say.break_outside(punch, self.zone))
        self._take(session, punch)
        if self.break_out is not None:
            self._warn(say.break_never_ended(self.break_out, punch, self.zone))
        else:
            session.spans.append(make_span(SpanKind.WORK, self.mark, punch))
        self.break_out = punch

    def _break_in(self, punch: Punch) -> None:
        session = self.session
        if session is None:
            return self._stray(punch, say.break_outside(punch, self.zone))
        self._take(session, punch)
        if self.break_out is None:
            return self._warn(say.break_not_started(punch, self.zone))
        session.spans.append(make_span(SpanKind.BREAK, self.break_out, punch))
        self.break_out = None
        self.mark = punch

    def _expire(self) -> None:
        """Close a session that has been open longer than the maximum shift length."""
        assert self.session is not None
        opening = self.session.punches[0]
        self._warn(say.open_too_long(opening, self.max_shift, self.zone))
        if self.break_out is not None:
            self._warn(say.break_never_ended(self.break_out, None, self.zone))
        self._close()

    def _close(self) -> None:
        self.session = self.opened = self.break_out = self.mark = None

    def _take(self, session: Piece, punch: Punch) -> None:
        session.punches.append(punch)
        if len(punch.accounts) > 1:
            self._check_accounts(session, punch)

    def _stray(self, punch: Punch, warning: AttestWarning) -> None:
        piece = Piece([punch], warnings=[warning])
        self.pieces.append(piece)
        self._check_accounts(piece, punch)

    def _warn(self, warning: AttestWarning) -> None:
        assert self.session is not None
        self.session.warnings.append(warning)

    def _check_accounts(self, piece: Piece, punch: Punch) -> None:
        if len(punch.accounts) > 1 and (level := conflicting_level(punch)) is not None:
            piece.warnings.append(say.account_conflict(punch, level, self.zone))
