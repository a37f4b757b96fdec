"""The default limits of what Stampla accepts, where the settings, the wire models and the
services all need the same figure (each is a setting; these are its default)."""

from __future__ import annotations

from datetime import date

#: The earliest date a punch or a read may name: no terminal punched before it, and dates
#: near year 1 (or 9999) overflow the arithmetic of local days.
EARLIEST_DATE = date(2000, 1, 1)
#: How far after today a read may reach: next year's plans.
MAX_FUTURE_DAYS = 731
#: The most items of one entry's Accounts or TimeScheduleTypes.
MAX_LIST_ITEMS = 100
