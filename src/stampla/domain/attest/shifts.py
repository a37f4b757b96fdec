"""Shifts: pieces closer together than the gap setting belong to one shift, and one day.

A night shift with a short pause after midnight is still one shift; the next morning's work,
after a gap of at least the setting (default 4 h), is another.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from .model import AttestWarning, Punch, Span
from .pieces import Piece


@dataclass(slots=True, eq=False)
class Shift:
    pieces: list[Piece]

    @property
    def start(self) -> datetime:
        return self.pieces[0].start

    @property
    def end(self) -> datetime:
        return self.pieces[-1].end

    @property
    def first_date(self) -> date:
        return self.pieces[0].punches[0].local_date

    @property
    def last_date(self) -> date:
        return self.pieces[-1].punches[-1].local_date

    @property
    def ongoing(self) -> bool:
        return self.pieces[-1].ongoing

    def counted_punches(self) -> Iterator[Punch]:
        """Punches that took part in pairing (double reads excluded), in time order."""
        for piece in self.pieces:
            yield from piece.punches

    def all_punches(self) -> list[Punch]:
        """Every punch of the shift, double reads included, in time order."""
        pieces = self.pieces
        if len(pieces) == 1 and not pieces[0].bounces:
            return list(pieces[0].punches)
        punches = [p for piece in pieces for p in piece.punches]
        bounces = [p for piece in pieces for p in piece.bounces]
        return sorted(punches + bounces, key=Punch.order_key) if bounces else punches

    def spans(self) -> list[Span]:
        pieces = self.pieces
        if len(pieces) == 1:
            return list(pieces[0].spans)
        return [span for piece in pieces for span in piece.spans]

    def warnings(self) -> list[AttestWarning]:
        pieces = self.pieces
        if len(pieces) == 1:
            return list(pieces[0].warnings)
        return [warning for piece in pieces for warning in piece.warnings]

    def dates(self) -> set[date]:
        """Local dates of the shift's punches."""
        return {p.local_date for piece in self.pieces for p in piece.punches}


def group_shifts(pieces: Sequence[Piece], gap: timedelta) -> list[Shift]:
    """Consecutive pieces less than ``gap`` apart form one shift."""
    shifts: list[Shift] = []
    end = None  # where the last shift ends: its last piece's last counted punch
    for piece in pieces:
        punches = piece.punches
        if end is not None and punches[0].instant - end < gap:
            shifts[-1].pieces.append(piece)
        else:
            shifts.append(Shift([piece]))
        end = punches[-1].instant
    return shifts
