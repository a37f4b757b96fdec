"""Attest time: day rows for a range of dates (``day_rows``), and the company settings that
shape them (``settings``)."""

from .balances import BalanceView, balances_on
from .day_rows import AttestQuery, EmployeeDay, attest_time, company_zone
from .settings import change_settings, read_settings

__all__ = [
    "AttestQuery",
    "BalanceView",
    "EmployeeDay",
    "attest_time",
    "balances_on",
    "change_settings",
    "company_zone",
    "read_settings",
]
