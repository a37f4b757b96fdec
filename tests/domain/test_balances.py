"""Comp and flex balances, day by day (docs/time-rules.md)."""

from __future__ import annotations

from datetime import date

from stampla.domain.rules import Quantity
from stampla.domain.rules.balances import BalanceDay, Balances, balances
from stampla.domain.rules.handels import HOURLY

RULE = HOURLY.overtime
D1, D2, D3 = date(2025, 6, 10), date(2025, 6, 11), date(2025, 6, 12)


def test_comp_overtime_banks_its_factor_and_kompledig_withdraws_it():
    days = [
        BalanceDay(D1, [Quantity("Övertid komp 1,5", 2 * 3600, "r")], [], 2 * 3600),
        BalanceDay(D2, [Quantity("Övertid komp 2,0", 3600, "r")], [], 3600),
        BalanceDay(D3, [], [("Kompledig", 4 * 3600)], 0),
    ]
    found = balances(days, RULE, flex=False)
    assert [b.comp_seconds for b in found] == [3 * 3600, 5 * 3600, 3600]
    assert [b.flex_seconds for b in found] == [0, 0, 0]


def test_money_overtime_banks_nothing():
    days = [BalanceDay(D1, [Quantity("Övertid Pengar 50%", 3600, "r")], [], 3600)]
    assert balances(days, RULE, flex=False)[0].comp_seconds == 0


def test_flex_adds_each_days_difference_from_an_opening_balance():
    days = [
        BalanceDay(D1, [], [], 1800),
        BalanceDay(D2, [], [], -3600),
        BalanceDay(D3, [], [], None),
    ]
    opening = Balances(date(2025, 6, 9), 0, 600)
    assert [b.flex_seconds for b in balances(days, RULE, flex=True, opening=opening)] == [
        2400,
        -1200,
        -1200,
    ]
