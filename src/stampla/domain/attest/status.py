"""The stamping status of a day, from the shifts that land on it.

The first rule that applies wins:

1. no punches: NoStamps
2. the first punch is not a (work) In: FirstStampIsNotIn
3. a pairing warning (MissingIn/Out, OpenBreak, BreakOutsideSession, BreakNotStarted):
   OddNumberOfStamps when the punches that took part in pairing are odd in number,
   otherwise InvalidSequenceOfStamps
4. a double read (Bounce): InvalidDoubleStamp
5. a session still open within the maximum shift length: Ongoing
6. otherwise: Complete
"""

from __future__ import annotations

from collections.abc import Sequence

from .model import SEQUENCE_WARNINGS, AttestWarning, StampingStatus, WarningCode
from .shifts import Shift


def stamping_status(shifts: Sequence[Shift], warnings: Sequence[AttestWarning]) -> StampingStatus:
    """The status of a day with these shifts and (all of) their warnings."""
    if not shifts:
        return StampingStatus.NO_STAMPS
    if not warnings:  # every problem with the punches comes with a warning
        if len(shifts) == 1:  # the common case, without a generator
            ongoing = shifts[0].ongoing
        else:
            ongoing = any(shift.ongoing for shift in shifts)
        return StampingStatus.ONGOING if ongoing else StampingStatus.COMPLETE
    counted = [p for shift in shifts for p in shift.counted_punches()]
    if not counted[0].is_work_in:
        return StampingStatus.FIRST_STAMP_IS_NOT_IN
    codes = {warning.code for warning in warnings}
    if codes & SEQUENCE_WARNINGS:
        if len(counted) % 2:
            return StampingStatus.ODD_NUMBER_OF_STAMPS
        return StampingStatus.INVALID_SEQUENCE_OF_STAMPS
    if WarningCode.BOUNCE in codes:
        return StampingStatus.INVALID_DOUBLE_STAMP
    if any(shift.ongoing for shift in shifts):
        return StampingStatus.ONGOING
    return StampingStatus.COMPLETE
