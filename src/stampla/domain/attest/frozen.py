"""A day row as a JSON document and back: what an attested day is frozen as.

When a day enters a locking attest state its row is stored exactly as it was attested, so
that nothing done later (a late punch, a changed schedule, rule or term) can change what was
approved for payroll. The document holds every field of ``DayRow``; ``row_from_document``
gives back a row equal to the original, and ``digest`` is a SHA-256 of the canonical text,
so that a recomputation can be compared with the frozen row in one string comparison.

Pure: no I/O. Instants are written with their offset and read back as aware datetimes.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date, datetime
from typing import Any

from stampla.domain.punch import EntryType

from .model import AccountRef, AttestWarning, Punch, Span, SpanKind, StampingStatus, WarningCode
from .plan import PlannedBreak, PlannedShift
from .rows import DayRow

#: The version of the document's shape; a reader of a newer one refuses it.
VERSION = 1


def row_document(row: DayRow) -> dict[str, Any]:
    """Every field of ``row`` as JSON-safe values."""
    return {
        "version": VERSION,
        "date": row.date.isoformat(),
        "status": row.status.value,
        "punches": [_punch(p) for p in row.punches],
        "spans": [_span(s) for s in row.spans],
        "warnings": [[w.code.value, w.message, list(w.punch_ids)] for w in row.warnings],
        "work_seconds": row.work_seconds,
        "break_seconds": row.break_seconds,
        "absence_seconds": row.absence_seconds,
        "time_codes": [[c, s] for c, s in row.time_codes],
        "accounts": [[_account(a), s] for a, s in row.accounts],
        "expected_seconds": row.expected_seconds,
        "difference_seconds": row.difference_seconds,
        "holiday": row.holiday,
        "scheduled": row.scheduled,
        "scheduled_shifts": [_shift(s) for s in row.scheduled_shifts],
        "work_inside_seconds": row.work_inside_seconds,
        "work_outside_seconds": row.work_outside_seconds,
        "absence": [[c, s] for c, s in row.absence],
        "rule_codes": [[c, s, r] for c, s, r in row.rule_codes],
        "rule_code_accounts": [
            [c, r, [_account(a) for a in accounts], s]
            for c, r, accounts, s in row.rule_code_accounts
        ],
    }


def row_from_document(doc: dict[str, Any]) -> DayRow:
    """The row ``row_document`` wrote; ValueError for a document of another version."""
    if doc.get("version") != VERSION:
        raise ValueError(f"frozen day row of version {doc.get('version')!r}, not {VERSION}")
    return DayRow(
        date.fromisoformat(doc["date"]),
        StampingStatus(doc["status"]),
        [_read_punch(p) for p in doc["punches"]],
        [_read_span(s) for s in doc["spans"]],
        [AttestWarning(WarningCode(c), m, tuple(ids)) for c, m, ids in doc["warnings"]],
        doc["work_seconds"],
        doc["break_seconds"],
        doc["absence_seconds"],
        [(c, s) for c, s in doc["time_codes"]],
        [(_read_account(a), s) for a, s in doc["accounts"]],
        doc["expected_seconds"],
        doc["difference_seconds"],
        doc["holiday"],
        doc["scheduled"],
        tuple(_read_shift(s) for s in doc["scheduled_shifts"]),
        doc["work_inside_seconds"],
        doc["work_outside_seconds"],
        [(c, s) for c, s in doc["absence"]],
        [(c, s, r) for c, s, r in doc["rule_codes"]],
        [
            (c, r, tuple(_read_account(a) for a in accounts), s)
            for c, r, accounts, s in doc.get("rule_code_accounts", [])
        ],
    )


def digest(doc: dict[str, Any]) -> str:
    """SHA-256 (hex) of the document's canonical JSON text (sorted keys, no spaces)."""
    text = json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def _instant(moment: datetime) -> str:
    return moment.isoformat()


def _punch(p: Punch) -> dict[str, Any]:
    return {
        "id": p.id,
        "instant": _instant(p.instant),
        "local_date": p.local_date.isoformat(),
        "entry_type": int(p.entry_type),
        "is_break": p.is_break,
        "accounts": [_account(a) for a in p.accounts],
        "time_codes": list(p.time_codes),
        "origin": p.origin,
    }


def _read_punch(d: dict[str, Any]) -> Punch:
    return Punch(
        d["id"],
        datetime.fromisoformat(d["instant"]),
        date.fromisoformat(d["local_date"]),
        EntryType(d["entry_type"]),
        d["is_break"],
        tuple(_read_account(a) for a in d["accounts"]),
        tuple(d["time_codes"]),
        d["origin"],
    )


def _span(s: Span) -> dict[str, Any]:
    return {
        "start": _instant(s.start),
        "stop": _instant(s.stop),
        "kind": s.kind.value,
        "seconds": s.seconds,
        "time_codes": list(s.time_codes),
        "accounts": [_account(a) for a in s.accounts],
    }


def _read_span(d: dict[str, Any]) -> Span:
    return Span(
        datetime.fromisoformat(d["start"]),
        datetime.fromisoformat(d["stop"]),
        SpanKind(d["kind"]),
        d["seconds"],
        tuple(d["time_codes"]),
        tuple(_read_account(a) for a in d["accounts"]),
    )


def _account(a: AccountRef) -> list[Any]:
    return [a.level, a.sie_dimension, a.account_nr]


def _read_account(a: list[Any]) -> AccountRef:
    return AccountRef(a[0], a[1], a[2])


def _shift(s: PlannedShift) -> dict[str, Any]:
    return {
        "start": _instant(s.start),
        "stop": _instant(s.stop),
        "breaks": [[_instant(b.start), _instant(b.stop)] for b in s.breaks],
        "account_nr": s.account_nr,
        "time_code": s.time_code,
        "label": s.label,
    }


def _read_shift(d: dict[str, Any]) -> PlannedShift:
    return PlannedShift(
        datetime.fromisoformat(d["start"]),
        datetime.fromisoformat(d["stop"]),
        tuple(
            PlannedBreak(datetime.fromisoformat(a), datetime.fromisoformat(b))
            for a, b in d["breaks"]
        ),
        d["account_nr"],
        d["time_code"],
        d["label"],
    )
