"""Human labels for day statuses and warnings on the pages ("Missing Out", not
``OddNumberOfStamps``); the codes stay as they are in the API and the CLI, and the pages
show them as the label's ``title`` so one can still tell support the exact code.

The labels are marked with ``N_`` (extracted by ``make messages`` like the templates' texts)
and translated when shown, in the page's language.
"""

from __future__ import annotations

from stampla.domain.attest import StampingStatus, WarningCode

from . import i18n


def N_(message: str) -> str:  # noqa: N802 - gettext's name for "mark, translate later"
    return message


STATUS_LABELS: dict[str, str] = {
    StampingStatus.NO_STAMPS: N_("No punches"),
    StampingStatus.COMPLETE: N_("Complete"),
    StampingStatus.ONGOING: N_("Ongoing"),
    StampingStatus.FIRST_STAMP_IS_NOT_IN: N_("Starts with an Out"),
    StampingStatus.ODD_NUMBER_OF_STAMPS: N_("Missing Out"),
    StampingStatus.INVALID_SEQUENCE_OF_STAMPS: N_("Punches out of order"),
    StampingStatus.INVALID_DOUBLE_STAMP: N_("Double punch"),
}

WARNING_LABELS: dict[str, str] = {
    WarningCode.MISSING_OUT: N_("Missing Out"),
    WarningCode.MISSING_IN: N_("Missing In"),
    WarningCode.OPEN_BREAK: N_("Break not ended"),
    WarningCode.BREAK_OUTSIDE_SESSION: N_("Break outside work"),
    WarningCode.BREAK_NOT_STARTED: N_("Break end without start"),
    WarningCode.BOUNCE: N_("Double read"),
    WarningCode.ACCOUNT_CONFLICT: N_("Conflicting accounts"),
    WarningCode.LATE_IN: N_("Late in"),
    WarningCode.EARLY_OUT: N_("Left early"),
    WarningCode.UNSCHEDULED: N_("Unscheduled work"),
    WarningCode.NO_SHOW: N_("No-show"),
    WarningCode.SHORT_DAILY_REST: N_("Short daily rest"),
    WarningCode.AUTO_STAMP_OUT: N_("Stamped out automatically"),
    WarningCode.LATE_INTO_LOCKED_DAY: N_("Late punch into a locked day"),
    WarningCode.RECOMPUTED_DIFFERS: N_("Changed since approval"),
}


def warning_label(code: object) -> str:
    """``MissingOut`` → "Missing Out" in the page's language; an unknown code as it is."""
    code = getattr(code, "value", code)
    found = WARNING_LABELS.get(str(code))
    return i18n.gettext(found) if found else str(code)


def status_label(code: object) -> str:
    """``OddNumberOfStamps`` → "Missing Out" in the page's language."""
    code = getattr(code, "value", code)
    found = STATUS_LABELS.get(str(code))
    return i18n.gettext(found) if found else str(code)


def code_of(value: object) -> str:
    """The code as the API writes it (for a ``title``): an enum's value, else the text."""
    return str(getattr(value, "value", value))
