"""A register declared once: its fields, its key, its view, and what it offers.

Each register of master data (employees, terminals, coding levels, accounts, time codes) is
one module under ``registers/`` that builds a ``Register``. Everything else is derived from
it: the use cases (``records.Records``), the /Admin routes (``api.routes.admin_register``),
the CLI commands (``cli.register``), the CSV import and the web form. Per-register code lives
in the register's own module, as the hooks below, and only where a register really differs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from sqlalchemy import Connection, Row, Table

from stampla.errors import InvalidInput, Problem

from .fields import Field, memoized
from .values import Parser

#: The views of rows read together (e.g. each with its parent's name), in the order listed.
Present = Callable[[Connection, int, list[Row]], list[Any]]


@dataclass(frozen=True)
class Parent:
    """The register whose records this one's belong to: an account to a coding level.

    Callers name the parent by one of ``refs`` (a level by its number or its SIE dimension).
    A record's key is unique within its parent; named without a parent, it must be
    unambiguous.
    """

    title: str  # "coding level"
    table: Table
    label: str  # the parent's column that names it in messages: a level's "number"
    column: str  # the child's column holding the parent's id
    refs: tuple[Field, ...]  # how callers name the parent, by keyword
    find: Callable[[Connection, int, Mapping[str, Any]], Row | None]  # None: none was named
    audit_key: Callable[[Any, Row], str]  # how the audit trail names a child: "1000 in level 3"

    def within(self, owner: Row) -> str:
        """Where a child is, in messages: " in coding level 3"."""
        return f" in {self.title} {owner._mapping[self.label]}"

    def named(self, refs: Mapping[str, Any]) -> dict[str, Any]:
        """The refs a caller gave (not None); TypeError for a name the parent does not know."""
        known = {ref.column for ref in self.refs}
        unknown = set(refs) - known
        if unknown:
            raise TypeError(f"unknown parent reference {', '.join(sorted(unknown))}")
        return {name: value for name, value in refs.items() if value is not None}


@dataclass(frozen=True)
class AdminRoutes:
    """How the /Admin API words a register's routes, where the generic wording does not fit."""

    tag: str | None = None  # default "Admin: <plural>"
    summaries: Mapping[str, str] = field(default_factory=dict)  # by route: list, add, …
    descriptions: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Commands:
    """The ``stampla <name> …`` command group of a register.

    Messages are format strings over the view's fields: ``"Employee {employee_nr}"``.
    """

    name: str  # the group: ``stampla employee …``
    help: str  # the group's help, with an example
    examples: Mapping[str, str]  # by command: every command shows one
    named: str  # how a message names a record: "Employee {employee_nr}"
    columns: Sequence[tuple[str, Callable[[Any], Any]]]  # the table ``list`` prints
    added: str | None = None  # the message of ``add`` without " added.", if not ``named``
    docs: Mapping[str, str] = field(default_factory=dict)  # a command's first line
    arguments: tuple[str, ...] = ()  # fields ``add`` takes as arguments after the key
    fallbacks: Mapping[str, str] = field(default_factory=dict)  # ``add``: field -> its default
    table_rows: int | None = None  # at most this many in a table (scripts use --json)


@dataclass(frozen=True)
class CsvForm:
    """A register that imports from CSV (``stampla.service.csv_import``)."""

    kind: str  # as ``import_csv`` and the docs name it: "employees"
    fill: Field | None = None  # the ImportOptions value for rows that leave it out
    note: str = ""  # what the /Admin import route says of ``fill``


@dataclass(frozen=True)
class Register:
    """A register of company master data: its table, its fields and how a record is named."""

    entity: str  # the audit trail's name: "employee"
    title: str  # "Employee"
    table: Table
    fields: tuple[Field, ...]
    key: str  # the column that names a record (within its parent)
    view: type[Any]  # the OutputModel callers see, with ``of(row)`` unless ``present`` is given
    commands: Commands
    spec: type | None = None  # typed values for code that builds records (``put``)
    defaults: Mapping[str, Any] = field(default_factory=dict)
    order_by: tuple[str, ...] = ()  # default: the key
    search: tuple[str, ...] = ()  # columns ``search`` looks in
    search_help: str = ""
    paged: bool = False  # lists come a page at a time
    filters: tuple[str, ...] = ()  # fields a list can be narrowed by: a time code's kind
    parent: Parent | None = None
    lookup: Parser | None = None  # reads a key a person typed; default: as given
    changes: bool = True  # False: a record cannot change once made
    fixed_key: str = "it is how punches refer to the {title}"  # why the key cannot change
    present: Present | None = None
    check_new: Callable[[Connection, int, Mapping[str, Any]], None] | None = None
    #: The parsed values of a new or changed record resolved against the company's other
    #: records (a shift's account must exist, and is stored in the account register's
    #: spelling); the values to store, or InvalidInput.
    resolve: Callable[[Connection, int, dict[str, Any]], dict[str, Any]] | None = None
    #: What a register keeps beside its table (an employee's dated terms). ``inserted``:
    #: after a new record is stored, with its row and every parsed value (those of fields not
    #: stored too). ``updating``: before a change is stored, with the row as it is and the
    #: parsed values sent; the values to store. Both write inside the caller's transaction.
    inserted: Callable[..., None] | None = None
    updating: Callable[..., dict[str, Any]] | None = None
    #: After an import wrote its records: ``(line, values, extra, before, id)`` of each
    #: created (before None), changed or unchanged record that the hook must see.
    imported: Callable[..., None] | None = None
    admin: AdminRoutes = field(default_factory=AdminRoutes)
    csv: CsvForm | None = None

    def __post_init__(self) -> None:
        if self.has_active:
            object.__setattr__(self, "defaults", {"active": True, **self.defaults})
        if not self.order_by:
            object.__setattr__(self, "order_by", (self.key,))

    # Words ------------------------------------------------------------------------------------

    @property
    def one(self) -> str:
        """ "an employee", "a time code"."""
        word = self.title.lower()
        return ("an " if word[0] in "aeiou" else "a ") + word

    @property
    def plural(self) -> str:
        return self.title.lower() + "s"

    @property
    def path(self) -> str:
        """The /Admin route: "TimeCodes"."""
        return "".join(word.capitalize() for word in self.plural.split())

    # Fields -----------------------------------------------------------------------------------

    @property
    def operations(self) -> tuple[str, ...]:
        """What the register offers, as the CLI lists its commands: add, update (if records
        can change), deactivate and activate (if they have Active), list, import (if CSV)."""
        found = ["add"]
        if self.changes:
            found.append("update")
        if self.has_active:
            found += ["deactivate", "activate"]
        found.append("list")
        if self.csv is not None:
            found.append("import")
        return tuple(found)

    @property
    def has_active(self) -> bool:
        return any(spec.column == "active" for spec in self.fields)

    @cached_property
    def key_field(self) -> Field:
        return self.by_column(self.key)

    @cached_property
    def _shows(self) -> tuple[tuple[str, str, Callable[[Any], Any] | None], ...]:
        return tuple((spec.column, spec.public, spec.show) for spec in self.fields)

    def by_column(self, column: str) -> Field:
        return next(f for f in self.fields if f.column == column)

    def editable(self) -> tuple[Field, ...]:
        """The fields a change may set: all but the key and Active."""
        return tuple(f for f in self.fields if f.column not in (self.key, "active"))

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
                where = name + getattr(error, "where", "")  # a part of it: "Weeks[1].Tuesday"
                problems.append(Problem(f"{where}: {error}", where, index))
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

    @cached_property
    def unstored(self) -> tuple[str, ...]:
        """The columns of fields that are not columns of the table."""
        return tuple(spec.column for spec in self.fields if not spec.stored)

    def split(self, values: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
        """``values`` as (the table's columns, the rest)."""
        stored = {c: v for c, v in values.items() if c not in self.unstored}
        return stored, {c: v for c, v in values.items() if c in self.unstored}

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
