"""Which version of an agreement's rules a date uses: the last one valid from on or before
it. A version dated next month therefore never changes this month's rows."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from stampla.domain.text import match_key

from .model import RuleSet


def rule_set_on(rule_sets: Iterable[RuleSet], agreement: str | None, day: date) -> RuleSet | None:
    """The rules of ``agreement`` (matched in any letter case) valid on ``day``, or None."""
    if agreement is None:
        return None
    wanted = match_key(agreement)
    found = None
    for rules in rule_sets:
        if match_key(rules.agreement) != wanted or rules.valid_from > day:
            continue
        if found is None or rules.valid_from > found.valid_from:
            found = rules
    return found
