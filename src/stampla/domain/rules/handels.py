"""The demo company's rule sets: Handels' retail (Butik) agreement for the hourly-paid, and
the salaried overtime model for the monthly-paid (docs/time-rules.md gives the sources).

Figures: OB Monday to Friday 18:15–20:00 50 %, after 20:00 70 %, Saturday after 12:00
100 %, Sundays and public holidays 100 %, the major eves counted as Saturdays; full time
38.25 hours a week; overtime simple on weekdays 06:00–20:00, qualified otherwise.
"""

from __future__ import annotations

from datetime import date, time

from .model import (
    MONDAY_TO_FRIDAY,
    DayKind,
    OvertimeCodes,
    OvertimeRule,
    RuleSet,
    TimeWindow,
)

#: From when the shipped rule sets apply: every date a read may name.
SINCE = date(2000, 1, 1)
FULL_TIME_MINUTES = 38 * 60 + 15

OB_WINDOWS = (
    TimeWindow(
        "OB Sunday and holiday",
        "OB 100%",
        frozenset({DayKind.SUNDAY, DayKind.HOLIDAY}),
        time(0),
        time(0),
    ),
    TimeWindow(
        "OB Saturday and eve",
        "OB 100%",
        frozenset({DayKind.SATURDAY, DayKind.EVE}),
        time(12),
        time(0),
    ),
    TimeWindow("OB weekday night", "OB 70%", MONDAY_TO_FRIDAY, time(20), time(0)),
    TimeWindow("OB weekday evening", "OB 50%", MONDAY_TO_FRIDAY, time(18, 15), time(20)),
)

HOURLY = RuleSet(
    "Timavlönad",
    SINCE,
    OB_WINDOWS,
    OvertimeRule(
        "Handels overtime",
        FULL_TIME_MINUTES,
        "Mertid",
        OvertimeCodes(
            simple_money="Övertid Pengar 50%",
            qualified_money="Övertid Pengar 100%",
            simple_comp="Övertid komp 1,5",
            qualified_comp="Övertid komp 2,0",
        ),
    ),
)

SALARIED = RuleSet(
    "Månadsavlönad",
    SINCE,
    (),
    OvertimeRule(
        "Salaried overtime",
        FULL_TIME_MINUTES,
        "Mertid",
        OvertimeCodes(
            simple_money="Övertid div 94",
            qualified_money="Övertid div 72",
            simple_comp="Övertid Komp 50%",
            qualified_comp="Övertid Komp 100%",
        ),
    ),
)

DEFAULT_RULE_SETS = (HOURLY, SALARIED)
