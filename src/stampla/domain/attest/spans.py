"""Spans: what a span's punches say about its time codes and accounts, and midnight cuts.

A span takes its time codes from its start punch, or from its end punch when the start has
none; a work span takes its accounts the same way. Accounts count once per coding level: when
one punch names two accounts of the same level, the first (AccountNr before Accounts[]) wins.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from stampla.domain.localtime import day_bounds

from .model import SECOND, AccountRef, Punch, Span, SpanKind, build


def make_span(kind: SpanKind, start: Punch, end: Punch) -> Span:
    """The span from ``start`` to ``end``, tagged as the rules say.

    Pairing makes one per span, so the tuple is built in C (``build``) and the seconds are a
    floor division (start never lies after end).
    """
    accounts = (start.accounts or end.accounts) if kind is _WORK else ()
    if len(accounts) > 1:
        accounts = one_per_level(accounts)
    began, ended = start.instant, end.instant
    seconds = (ended - began) // SECOND
    return build(Span, (began, ended, kind, seconds, start.time_codes or end.time_codes, accounts))


_WORK = SpanKind.WORK


def one_per_level(accounts: tuple[AccountRef, ...]) -> tuple[AccountRef, ...]:
    """The first account of each coding level, in the order the punch named them."""
    seen: dict[int, AccountRef] = {}
    for account in accounts:
        seen.setdefault(account.level, account)
    return tuple(seen.values())


def conflicting_level(punch: Punch) -> int | None:
    """A coding level for which the punch names two different accounts, if any."""
    if len(punch.accounts) < 2:
        return None
    chosen: dict[int, str] = {}
    for account in punch.accounts:
        if chosen.setdefault(account.level, account.account_nr) != account.account_nr:
            return account.level
    return None


def cut_at_midnight(span: Span, zone: ZoneInfo) -> Iterator[tuple[date, Span]]:
    """``(local date, piece)`` for each local day the span touches, in order.

    A span that stops exactly at midnight does not touch the next day.
    """
    first, last = local_day(span.start, zone), local_day(span.stop, zone)
    if first == last:
        yield first, span
        return
    start, day = span.start, first
    while day <= last:
        stop = min(day_bounds(day, zone)[1], span.stop)
        if stop > start:
            yield day, span.part(start, stop)
        start, day = stop, day + timedelta(days=1)


def local_day(instant: datetime, zone: ZoneInfo) -> date:
    return instant.astimezone(zone).date()
