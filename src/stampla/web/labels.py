"""Human labels for day statuses and warnings on the pages ("Missing Out", not
``OddNumberOfStamps``); the codes stay as they are in the API and the CLI."""

from __future__ import annotations

from stampla.domain.attest import StampingStatus, WarningCode

STATUS_LABELS: dict[str, str] = {
    StampingStatus.NO_STAMPS: "No punches",
    StampingStatus.COMPLETE: "Complete",
    StampingStatus.ONGOING: "Ongoing",
    StampingStatus.FIRST_STAMP_IS_NOT_IN: "Starts with an Out",
    StampingStatus.ODD_NUMBER_OF_STAMPS: "Missing Out",
    StampingStatus.INVALID_SEQUENCE_OF_STAMPS: "Punches out of order",
    StampingStatus.INVALID_DOUBLE_STAMP: "Double punch",
}

WARNING_LABELS: dict[str, str] = {
    WarningCode.MISSING_OUT: "Missing Out",
    WarningCode.MISSING_IN: "Missing In",
    WarningCode.OPEN_BREAK: "Break not ended",
    WarningCode.BREAK_OUTSIDE_SESSION: "Break outside work",
    WarningCode.BREAK_NOT_STARTED: "Break end without start",
    WarningCode.BOUNCE: "Double read",
    WarningCode.ACCOUNT_CONFLICT: "Conflicting accounts",
    WarningCode.LATE_IN: "Late in",
    WarningCode.EARLY_OUT: "Left early",
    WarningCode.UNSCHEDULED: "Unscheduled work",
    WarningCode.NO_SHOW: "No-show",
    WarningCode.SHORT_DAILY_REST: "Short daily rest",
    WarningCode.AUTO_STAMP_OUT: "Stamped out automatically",
    WarningCode.LATE_INTO_LOCKED_DAY: "Late punch into a locked day",
    WarningCode.RECOMPUTED_DIFFERS: "Changed since approval",
}


def warning_label(code: str) -> str:
    return WARNING_LABELS.get(code, code)


def status_label(code: str) -> str:
    return STATUS_LABELS.get(code, code)
