"""What a register is made of: fields that know their names, parser and audit form.

A ``Register`` lists its ``Field``s once; adding, updating, CSV import and the audit trail
all read them from there, so a field is parsed the same way whether it comes from a
spreadsheet, a CLI option or a JSON body, and its change is recorded under the API's name.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from sqlalchemy import Table

from stampla.errors import InvalidInput, Problem

from .values import Parser


def memoized(parse: Parser, size: int = 10_000) -> Parser:
    """``parse`` remembering its answers: an import repeats "52,29" and "38:15" thousands of
    times, and parsing each only once makes checking a large file noticeably faster."""
    memo: dict[Any, Any] = {}

    def parse_once(value: Any) -> Any:
        try:
            return memo[value]
        except (KeyError, TypeError):
            result = parse(value)  # a ValueError is not remembered; it is raised again
        if len(memo) < size and isinstance(value, str):
            memo[value] = result
        return result

    return parse_once


@dataclass(frozen=True)
class Field:
    """One field of a register: its column, its wire name, how to read it and how to show it."""

    column: str
    name: str  # PascalCase, as posted to the admin API and as a CSV header
    label: str  # as SoftOne GO's register shows it; also accepted as a CSV header
    parse: Parser
    aliases: tuple[str, ...] = ()
    required: bool = False  # a new record needs a value
    show: Callable[[Any], Any] | None = None  # stored value -> the audit trail's; None: as is

    @property
    def public(self) -> str:
        """The camelCase name the API answers with and the audit trail records."""
        return self.name[0].lower() + self.name[1:]

    def headers(self) -> set[str]:
        return {fold_header(name) for name in (self.name, self.label, *self.aliases)}


def fold_header(name: str) -> str:
    """A column header reduced to letters and digits: "Employ. rate" -> "employrate"."""
    return re.sub(r"[^0-9a-zåäöéü]", "", name.strip().lower())


@dataclass(frozen=True)
class Register:
    """A register of company master data: its table, its fields and its natural key."""

    entity: str
    title: str
    table: Table
    fields: tuple[Field, ...]
    defaults: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if any(spec.column == "active" for spec in self.fields):
            object.__setattr__(self, "defaults", {"active": True, **self.defaults})

    @cached_property
    def _shows(self) -> tuple[tuple[str, str, Callable[[Any], Any] | None], ...]:
        return tuple((spec.column, spec.public, spec.show) for spec in self.fields)

    def by_column(self, column: str) -> Field:
        return next(f for f in self.fields if f.column == column)

    def parse(
        self,
        given: Mapping[str, Any],
        *,
        creating: bool,
        index: int | None = None,
        names: Mapping[str, str] | None = None,
        parsers: Mapping[str, Parser] | None = None,
    ) -> tuple[dict[str, Any], list[Problem]]:
        """The stored form of the ``given`` columns, and what is wrong with them.

        When creating, a field not given takes its default. A blank value means "none" for an
        optional field, is refused for a required one, and means "the default" (when creating)
        or "unchanged" (when updating) for a field with a default, such as Active. Problems
        name a field by its API name, or as ``names`` says (a CSV file's own header).
        ``parsers`` may replace the fields' own (with memoized ones, say).
        """
        parsed: dict[str, Any] = {}
        problems: list[Problem] = []
        for spec in self.fields:
            if spec.column not in given and not creating:
                continue
            name = names.get(spec.column, spec.name) if names else spec.name
            try:
                parse = parsers[spec.column] if parsers else spec.parse
                value = parse(given.get(spec.column))
            except ValueError as error:
                problems.append(Problem(f"{name}: {error}", name, index))
                continue
            if value is None and spec.column in self.defaults:
                if not creating:
                    continue
                value = self.defaults[spec.column]
            if value is None and spec.required:
                problems.append(Problem(f"{name} is required", name, index))
                continue
            parsed[spec.column] = value
        return parsed, problems

    def checked(self, given: Mapping[str, Any], *, creating: bool) -> dict[str, Any]:
        """Like ``parse``, but InvalidInput naming every bad field."""
        parsed, problems = self.parse(given, creating=creating)
        if problems:
            raise InvalidInput(_summary(self.title, problems), problems)
        return parsed

    def shown(self, values: Mapping[str, Any]) -> dict[str, Any]:
        """Stored values as the audit trail records them, by public name."""
        return {
            public: show(values[column]) if show else values[column]
            for column, public, show in self._shows
            if column in values
        }

    def created(self, values: Mapping[str, Any]) -> dict[str, list[Any]]:
        """The audit changes of a new record: each field with a value, from nothing."""
        changes = {}
        for column, public, show in self._shows:
            value = values.get(column)
            if value is not None:
                changes[public] = [None, show(value) if show else value]
        return changes

    def memoized_parsers(self) -> dict[str, Parser]:
        return {spec.column: memoized(spec.parse) for spec in self.fields}


def _summary(title: str, problems: Iterable[Problem]) -> str:
    messages = [p.message for p in problems]
    return f"{title}: " + "; ".join(messages)
