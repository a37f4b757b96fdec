"""Rule sets as JSON documents: how they are stored, sent to the admin API and shown.

A document::

    {"windows": [{"name": "OB weekday evening", "code": "OB 50%",
                  "days": ["Mon", "Tue", "Wed", "Thu", "Fri"], "start": "18:15", "stop": "20:00"}],
     "overtime": {"name": "Handels overtime", "fullTimeWeeklyHours": "38:15",
                  "mertidCode": "Mertid",
                  "codes": {"simpleMoney": "Övertid Pengar 50%", "qualifiedMoney": "…",
                            "simpleComp": "Övertid komp 1,5", "qualifiedComp": "…"},
                  "simpleDays": ["Mon", …], "simpleStart": "06:00", "simpleStop": "20:00",
                  "withOb": false, "simpleCompFactor": "1.5", "qualifiedCompFactor": "2.0",
                  "compLeaveCode": "Kompledig"}}

``rule_set_from_document`` checks everything and says what is wrong with a ValueError whose
message starts with the path of the part (``windows[1].days``).
"""

from __future__ import annotations

from datetime import date, time
from decimal import Decimal, InvalidOperation
from typing import Any

from stampla.domain.schedule.codec import clock, clock_text

from .model import DayKind, OvertimeCodes, OvertimeRule, RuleSet, TimeWindow

_KINDS = {kind.value.lower(): kind for kind in DayKind}


def rule_set_document(rules: RuleSet) -> dict[str, Any]:
    document: dict[str, Any] = {"windows": [_window_document(w) for w in rules.windows]}
    if rules.overtime is not None:
        document["overtime"] = _overtime_document(rules.overtime)
    return document


def rule_set_from_document(agreement: str, valid_from: date, document: Any) -> RuleSet:
    if not isinstance(document, dict):
        raise ValueError("rules: must be an object with windows and overtime")
    _no_others(document, {"windows", "overtime"}, "rules")
    windows = document.get("windows") or []
    if not isinstance(windows, list):
        raise ValueError("windows: must be a list")
    parsed = tuple(_window(item, f"windows[{n}]") for n, item in enumerate(windows))
    overtime = document.get("overtime")
    rule = None if overtime is None else _overtime(overtime, "overtime")
    return RuleSet(agreement, valid_from, parsed, rule)


def _window_document(window: TimeWindow) -> dict[str, Any]:
    return {
        "name": window.name,
        "code": window.code,
        "days": _days_document(window.days),
        "start": clock_text(window.start),
        "stop": clock_text(window.stop),
    }


def _overtime_document(rule: OvertimeRule) -> dict[str, Any]:
    minutes = rule.full_time_weekly_minutes
    return {
        "name": rule.name,
        "fullTimeWeeklyHours": f"{minutes // 60}:{minutes % 60:02d}",
        "mertidCode": rule.mertid_code,
        "codes": {
            "simpleMoney": rule.codes.simple_money,
            "qualifiedMoney": rule.codes.qualified_money,
            "simpleComp": rule.codes.simple_comp,
            "qualifiedComp": rule.codes.qualified_comp,
        },
        "simpleDays": _days_document(rule.simple_days),
        "simpleStart": clock_text(rule.simple_start),
        "simpleStop": clock_text(rule.simple_stop),
        "withOb": rule.with_ob,
        "simpleCompFactor": str(rule.simple_comp_factor),
        "qualifiedCompFactor": str(rule.qualified_comp_factor),
        "compLeaveCode": rule.comp_leave_code,
    }


def _days_document(days: frozenset[DayKind]) -> list[str]:
    return [kind.value for kind in DayKind if kind in days]


def _window(item: Any, path: str) -> TimeWindow:
    if not isinstance(item, dict):
        raise ValueError(f"{path}: must be an object with name, code, days, start and stop")
    _no_others(item, {"name", "code", "days", "start", "stop"}, path)
    return TimeWindow(
        _text(item, "name", path),
        _text(item, "code", path),
        _days(item.get("days"), f"{path}.days"),
        _clock(item, "start", path),
        _clock(item, "stop", path),
    )


def _overtime(item: Any, path: str) -> OvertimeRule:
    if not isinstance(item, dict):
        raise ValueError(f"{path}: must be an object")
    known = {
        "name", "fullTimeWeeklyHours", "mertidCode", "codes", "simpleDays", "simpleStart",
        "simpleStop", "withOb", "simpleCompFactor", "qualifiedCompFactor", "compLeaveCode",
    }  # fmt: skip
    _no_others(item, known, path)
    codes = item.get("codes")
    if not isinstance(codes, dict):
        raise ValueError(f"{path}.codes: must be an object with the four overtime codes")
    _no_others(codes, {"simpleMoney", "qualifiedMoney", "simpleComp", "qualifiedComp"}, path)
    defaults = OvertimeRule("", 0, "", OvertimeCodes("", "", "", ""))
    return OvertimeRule(
        _text(item, "name", path),
        _weekly_minutes(item.get("fullTimeWeeklyHours"), f"{path}.fullTimeWeeklyHours"),
        _text(item, "mertidCode", path),
        OvertimeCodes(
            _text(codes, "simpleMoney", f"{path}.codes"),
            _text(codes, "qualifiedMoney", f"{path}.codes"),
            _text(codes, "simpleComp", f"{path}.codes"),
            _text(codes, "qualifiedComp", f"{path}.codes"),
        ),
        _days(item["simpleDays"], f"{path}.simpleDays")
        if "simpleDays" in item
        else defaults.simple_days,
        _clock(item, "simpleStart", path) if "simpleStart" in item else defaults.simple_start,
        _clock(item, "simpleStop", path) if "simpleStop" in item else defaults.simple_stop,
        _flag(item.get("withOb", False), f"{path}.withOb"),
        _factor(item.get("simpleCompFactor", defaults.simple_comp_factor), path, "simple"),
        _factor(item.get("qualifiedCompFactor", defaults.qualified_comp_factor), path, "qualified"),
        _text(item, "compLeaveCode", path) if "compLeaveCode" in item else defaults.comp_leave_code,
    )


def _no_others(item: dict[str, Any], known: set[str], path: str) -> None:
    unknown = sorted(set(item) - known)
    if unknown:
        raise ValueError(
            f"{path}: no such part {', '.join(unknown)} (known: {', '.join(sorted(known))})"
        )


def _text(item: dict[str, Any], name: str, path: str) -> str:
    value = item.get(name)
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{path}.{name}: is required, as text")
    return value.strip()


def _clock(item: dict[str, Any], name: str, path: str) -> time:
    value = item.get(name)
    if not isinstance(value, str):
        raise ValueError(f"{path}.{name}: is required, as a clock time such as 18:15")
    try:
        return clock(value)
    except ValueError as error:
        raise ValueError(f"{path}.{name}: {error}") from None


def _days(value: Any, path: str) -> frozenset[DayKind]:
    if not isinstance(value, list) or not value:
        raise ValueError(f"{path}: must list kinds of day: {', '.join(k.value for k in DayKind)}")
    found = set()
    for item in value:
        kind = _KINDS.get(str(item).strip().lower())
        if kind is None:
            raise ValueError(
                f"{path}: {item!r} is no kind of day ({', '.join(k.value for k in DayKind)})"
            )
        found.add(kind)
    return frozenset(found)


def _weekly_minutes(value: Any, path: str) -> int:
    text = str(value or "").strip()
    hours, _, minutes = text.partition(":")
    if not (hours.isdigit() and (not minutes or minutes.isdigit())) or int(minutes or 0) >= 60:
        raise ValueError(f"{path}: must be weekly hours such as 38:15")
    total = int(hours) * 60 + int(minutes or 0)
    if not 0 < total <= 7 * 24 * 60:
        raise ValueError(f"{path}: must be between 0:01 and 168:00")
    return total


def _flag(value: Any, path: str) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"{path}: must be true or false")
    return value


def _factor(value: Any, path: str, kind: str) -> Decimal:
    try:
        factor = Decimal(str(value).replace(",", "."))
    except InvalidOperation:
        raise ValueError(f"{path}.{kind}CompFactor: {value!r} is not a number") from None
    if not Decimal(0) < factor <= Decimal(10):
        raise ValueError(f"{path}.{kind}CompFactor: must be above 0 and at most 10")
    return factor
