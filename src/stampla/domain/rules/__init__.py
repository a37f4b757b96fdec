"""Time rules (pure; no I/O): the rule sets of collective agreements as data (``model``),
applied to a day's work (``apply``), and the shipped Handels defaults (``handels``)."""

from .apply import day_kinds, quantities
from .model import (
    Compensation,
    DayKind,
    OvertimeCodes,
    OvertimeRule,
    Quantity,
    RuleSet,
    TimeWindow,
)
from .versions import rule_set_on

__all__ = [
    "Compensation",
    "DayKind",
    "OvertimeCodes",
    "OvertimeRule",
    "Quantity",
    "RuleSet",
    "TimeWindow",
    "day_kinds",
    "quantities",
    "rule_set_on",
]
