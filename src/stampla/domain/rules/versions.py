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


class RuleBook:
    """The rule sets of a company, looked up by agreement and date many times over: a read
    rates every row of every employee, so the agreements' match keys and the versions' order
    are worked out once (``rule_set_on`` is the same rule, for a single lookup)."""

    def __init__(self, rule_sets: Iterable[RuleSet]) -> None:
        versions: dict[str, list[RuleSet]] = {}
        for rules in rule_sets:
            versions.setdefault(match_key(rules.agreement), []).append(rules)
        self._versions = {
            key: sorted(found, key=lambda rules: rules.valid_from)
            for key, found in versions.items()
        }
        self._keys: dict[str, str] = {}

    def __bool__(self) -> bool:
        return bool(self._versions)

    def on(self, agreement: str | None, day: date) -> RuleSet | None:
        """The rules of ``agreement`` valid on ``day``, or None."""
        if agreement is None:
            return None
        key = self._keys.get(agreement)
        if key is None:
            key = self._keys[agreement] = match_key(agreement)
        found = None
        for rules in self._versions.get(key, ()):
            if rules.valid_from > day:
                break
            found = rules
        return found
