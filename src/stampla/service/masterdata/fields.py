"""A field of a register: its column, the names people and programs give it, how to read it.

A field is parsed the same way whether it comes from a spreadsheet, a CLI option, a JSON body
or a web form, and its change is recorded under the API's name. Everything else a register
shows of a field (an option's help, a form's hint, a CSV header) is read from here too.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import StrictInt

from . import values
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


#: What a JSON body may send for a field: text (numbers are not turned into text).
TEXT: Any = str | None


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
    help: str = ""  # one sentence for the CLI, the API's schema and the web form; default: label
    accepts: Any = TEXT  # the JSON types a body may send (a type annotation)
    option: str | None = None  # the CLI option, where it is not the name in kebab case
    many: bool = False  # a list: a repeatable CLI option, a JSON array
    #: False: read with the others but not a column of the register's table (an employee's
    #: ValidFrom says from when the terms sent hold); the register's hooks take it.
    stored: bool = True

    def __post_init__(self) -> None:
        if not self.help:
            object.__setattr__(self, "help", f"{self.label}.")

    @property
    def public(self) -> str:
        """The camelCase name the API answers with and the audit trail records."""
        return self.name[0].lower() + self.name[1:]

    @property
    def flag(self) -> str:
        """The CLI option: ``--weekly-hours`` for WeeklyHours."""
        return self.option or "--" + re.sub(r"(?<!^)(?=[A-Z])", "-", self.name).lower()

    def headers(self) -> set[str]:
        return {fold_header(name) for name in (self.name, self.label, *self.aliases)}

    def written(self, value: Any) -> Any:
        """A stored value as the audit trail records it, which ``parse`` reads back."""
        return self.show(value) if self.show and value is not None else value


def fold_header(name: str) -> str:
    """A column header reduced to letters and digits: "Employ. rate" -> "employrate"."""
    return re.sub(r"[^0-9a-zåäöéü]", "", name.strip().lower())


#: What a JSON body may send: numbers people write as such ("52,29" or 52.29).
NUMBER: Any = str | float | int | None
#: A whole number, as a number or as text.
INTEGER: Any = int | str | None
#: Yes or no, as a boolean or as a word ("ja").
FLAG: Any = bool | str | None


#: A number people write with digits: text, or a whole JSON number (an EmployeeNr).
IDENTIFIER: Any = str | StrictInt | None

ACTIVE = Field(
    "active",
    "Active",
    "Active",
    values.flag,
    ("Aktiv",),
    help="Whether new punches may refer to it; stored punches stay valid either way.",
    accepts=FLAG,
)
