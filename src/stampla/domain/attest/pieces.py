"""Pieces of an employee's timeline: sessions, and punches that fit no session.

Every current punch ends up in exactly one piece. A session holds the punches from its opening
In to its closing Out (or its last punch, when the Out is missing); a stray piece holds one
punch that opened nothing and closed nothing. Double reads stay with the piece they repeat.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from .model import AttestWarning, Punch, Span, SpanKind


@dataclass(slots=True, eq=False)
class Piece:
    punches: list[Punch]
    is_session: bool = False
    spans: list[Span] = field(default_factory=list)
    warnings: list[AttestWarning] = field(default_factory=list)
    bounces: list[Punch] = field(default_factory=list)
    ongoing: bool = False

    @property
    def start(self) -> datetime:
        return self.punches[0].instant

    @property
    def end(self) -> datetime:
        """The last punch that counted (double reads excluded)."""
        return self.punches[-1].instant

    @property
    def length(self) -> timedelta:
        return self.end - self.start

    @property
    def work_seconds(self) -> int:
        return sum(span.seconds for span in self.spans if span.kind is SpanKind.WORK)

    @property
    def break_seconds(self) -> int:
        return sum(span.seconds for span in self.spans if span.kind is SpanKind.BREAK)
