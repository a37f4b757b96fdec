"""Is a read window wide enough? Whether punches outside it could change rows inside.

Day rows are computed from the punches of a window of dates a little wider than the range
asked for, so that a night shift crossing either edge is seen whole. A window is wide enough
when nothing beyond it could change a shift that lands in the range:

* before the window: an earlier punch can only change how punches are read up to the first
  fresh work In (which starts a session whatever came before) or until the maximum shift
  length has passed, and can only join the first shift through a gap shorter than the
  setting;
* after the window: a later punch can only close the last session (if it is still open and
  younger than the maximum shift length) or join the last shift through a short gap.

The service widens the window for the employees where these checks fail, so that a day row
is the same whichever range it is read in.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from stampla.domain.punch import EntryType

from .settings import AttestSettings
from .shifts import Shift


def unsettled_start(
    shifts: Sequence[Shift], window_start: datetime, date_from: date, settings: AttestSettings
) -> bool:
    """True when punches before ``window_start`` could change a shift reaching ``date_from``."""
    if not shifts:
        return False
    lead = shifts[0].start - window_start
    if lead < settings.gap and shifts[0].last_date >= date_from:
        return True
    if lead > max(settings.max_shift, settings.bounce):
        return False
    resync = _resync(shifts, window_start, settings)
    for shift in shifts:
        if resync is not None and shift.start >= resync:
            return False
        if shift.last_date >= date_from:
            return True
    return False


def unsettled_end(
    shifts: Sequence[Shift],
    window_end: datetime,
    date_to: date,
    settings: AttestSettings,
    latest: datetime,
) -> bool:
    """True when punches after ``window_end`` could change a shift landing by ``date_to``.

    ``latest`` is the latest instant a punch can have (now plus the allowed clock drift).
    """
    if not shifts or window_end > latest:
        return False
    last = shifts[-1]
    if last.first_date > date_to:
        return False
    if window_end - last.end < settings.gap:
        return True
    piece = last.pieces[-1]
    final = piece.punches[-1]
    closed = final.entry_type is EntryType.OUT and not final.is_break
    return piece.is_session and not closed and window_end - piece.start <= settings.max_shift


def _resync(
    shifts: Sequence[Shift], window_start: datetime, settings: AttestSettings
) -> datetime | None:
    """The first punch from which pairing cannot depend on anything before the window."""
    for shift in shifts:
        for punch in shift.counted_punches():
            since = punch.instant - window_start
            if since >= settings.max_shift or (punch.is_work_in and since > settings.bounce):
                return punch.instant
    return None
