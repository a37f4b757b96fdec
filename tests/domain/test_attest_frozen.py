"""A frozen day row comes back equal to the row it was made from, and its digest is stable."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from stampla.domain.attest import (
    AccountRef,
    AttestWarning,
    DayRow,
    Punch,
    Span,
    SpanKind,
    StampingStatus,
    WarningCode,
)
from stampla.domain.attest.frozen import digest, row_document, row_from_document
from stampla.domain.attest.plan import PlannedBreak, PlannedShift
from stampla.domain.punch import EntryType

CET = timezone(timedelta(hours=2))
START = datetime(2025, 6, 12, 6, 0, tzinfo=UTC)
ACCOUNT = AccountRef(2, 50, "Kassa åäö")


def full_row() -> DayRow:
    stop = START + timedelta(hours=8)
    punches = [
        Punch(1, START, date(2025, 6, 12), EntryType.IN, False, (ACCOUNT,), ("OB 50%",)),
        Punch(2, stop, date(2025, 6, 12), EntryType.OUT, origin="AutoStampOut"),
    ]
    span = Span.between(START, stop, SpanKind.WORK, ("OB 50%",), (ACCOUNT,))
    shift = PlannedShift(
        START.astimezone(CET),
        stop.astimezone(CET),
        (PlannedBreak(START + timedelta(hours=4), START + timedelta(hours=4, minutes=30)),),
        "100",
        "DayShift",
        "08:00–16:00",
    )
    return DayRow(
        date(2025, 6, 12),
        StampingStatus.COMPLETE,
        punches,
        [span],
        [AttestWarning(WarningCode.AUTO_STAMP_OUT, "Straße", (2,))],
        span.seconds,
        0,
        0,
        [("OB 50%", span.seconds)],
        [(ACCOUNT, span.seconds)],
        7 * 3600,
        3600,
        None,
        True,
        (shift,),
        span.seconds,
        0,
        [],
        [("OB", 1800, "Kväll")],
    )


@pytest.mark.parametrize(
    "row",
    [
        full_row(),
        DayRow(
            date(2025, 6, 14), StampingStatus.NO_STAMPS, [], [], [], 0, 0, 0, [], [], None, None
        ),
    ],
)
def test_a_row_survives_its_document(row):
    document = row_document(row)
    assert row_from_document(document) == row
    assert digest(document) == digest(row_document(row_from_document(document)))


def test_the_digest_changes_with_any_field():
    row = full_row()
    other = full_row()
    other.expected_seconds = 8 * 3600
    assert digest(row_document(row)) != digest(row_document(other))


def test_a_document_of_another_version_is_refused():
    document = {**row_document(full_row()), "version": 99}
    with pytest.raises(ValueError, match="version 99"):
        row_from_document(document)
