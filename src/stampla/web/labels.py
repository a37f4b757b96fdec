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
    # The Working Hours Act watch (domain/rules/atl.py): informational.
    WarningCode.OVERTIME_FOUR_WEEKS: N_("Overtime above the four-week limit"),
    WarningCode.OVERTIME_MONTH: N_("Overtime above the month's limit"),
    WarningCode.OVERTIME_YEAR: N_("Overtime above the year's limit"),
    WarningCode.MERTID_YEAR: N_("Extra mertid above the year's limit"),
    WarningCode.DAILY_REST: N_("Daily rest too short"),
    WarningCode.WEEKLY_REST: N_("No weekly rest"),
}


#: Form fields as the pages label them, for the errors that name a field.
FIELD_LABELS: dict[str, str] = {
    "dateFrom": N_("From"),
    "dateTo": N_("To"),
    "employeeNrsString": N_("Employees"),
    "month": N_("Month"),
    "level": N_("Coding level"),
    "week": N_("Week of"),
    "search": N_("Employee"),
    "account": N_("Account"),
}


#: The employee form's labels and hints (declared with the register, ``web.routes.employees``),
#: marked here so that the catalog holds them; the form translates them when shown.
EMPLOYEE_FORM_TEXTS = (
    N_("First name"),
    N_("Last name"),
    N_("External code"),
    N_("EmployeeExternalCode in punches."),
    N_("Hire date"),
    N_("The first day of employment, e.g. 2025-06-01; nothing is expected before it."),
    N_("End date"),
    N_("The last day of employment; nothing is expected after it. Blank: still employed."),
    N_("Time agreement"),
    N_("Time agreement, e.g. Timavlönad."),
    N_("Employment position"),
    N_("Employ. rate"),
    N_("Employment rate in per cent of full time, e.g. 52,29."),
    N_("Weekly working hours"),
    N_("Weekly working hours, e.g. 38:15; expected time comes from them."),
    N_("Valid from"),
    N_(
        "From when the terms sent (weekly hours, rate, agreement, position) hold, e.g. "
        "2025-06-01; default today. Days before it keep the terms they had."
    ),
)


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


def label(code: object) -> str:
    """A warning's or a status's label, whichever ``code`` is (their codes differ)."""
    text = str(getattr(code, "value", code))
    return warning_label(text) if text in WARNING_LABELS else status_label(text)


def code_of(value: object) -> str:
    """The code as the API writes it (for a ``title``): an enum's value, else the text."""
    return str(getattr(value, "value", value))
