"""The use cases of any register, from its declaration: put, add, update, (de)activate, get,
list and count. Each opens its own transaction, except ``put``, which works inside the
caller's (seeding commits many records at once).

Records are never deleted: punches refer to them, and a deactivated employee's punches stay
valid and visible while new ones are refused.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row, or_

from stampla.errors import Conflict, InvalidInput, NotFound, Problem
from stampla.store import masterdata as store_md
from stampla.store.engine import Store
from stampla.store.text_keys import equals
from stampla.store.text_search import contains_text

from .. import audit
from ..audit import SYSTEM, Actor, Event
from .register import Register
from .tx import writing
from .values import Parser


class Records:
    """What can be done with the records of one ``register``."""

    def __init__(self, register: Register) -> None:
        self.register = register

    # Writing ---------------------------------------------------------------------------------

    def put(
        self, conn: Connection, company_id: int, spec: Any, now: datetime, *, actor: Actor = SYSTEM
    ) -> int:
        """A new record from typed values (the register's ``spec``), inside the caller's
        transaction; its id. The values are checked by the same parsers as typed ones."""
        register = self.register
        values = asdict(spec)
        refs = {}
        if register.parent:
            refs = {ref.column: values.pop(ref.column, None) for ref in register.parent.refs}
        given = {column: register.by_column(column).written(v) for column, v in values.items()}
        return self._insert(conn, company_id, given, now, actor, refs)

    def add(
        self,
        store: Store,
        company_id: int,
        given: Mapping[str, Any],
        now: datetime,
        *,
        actor: Actor = SYSTEM,
        **parent: Any,
    ) -> Any:
        """A new record from raw values by column; ``parent`` names its parent record."""
        with writing(store) as conn:
            new_id = self._insert(conn, company_id, given, now, actor, parent)
            return self._view(conn, company_id, self._row(conn, company_id, new_id))

    def update(
        self,
        store: Store,
        company_id: int,
        key: Any,
        given: Mapping[str, Any],
        now: datetime,
        *,
        actor: Actor = SYSTEM,
        **parent: Any,
    ) -> Any:
        """Change the ``given`` fields of the record named ``key``; the key itself stays."""
        register = self.register
        with writing(store) as conn:
            row, owner = self._find(conn, company_id, key, parent)
            name = self._audit_key(row._mapping[register.key], owner)
            args = (company_id, row, given, now, actor, name)
            changed = update_record(conn, register, *args, fixed=(register.key,))
            return self._view(conn, company_id, changed)

    def set_active(
        self,
        store: Store,
        company_id: int,
        key: Any,
        active: bool,
        now: datetime,
        *,
        actor: Actor = SYSTEM,
        **parent: Any,
    ) -> Any:
        """Deactivate (or reactivate) a record: what refers to it stays valid, new punches
        that refer to it are refused."""
        given = {"active": active}
        return self.update(store, company_id, key, given, now, actor=actor, **parent)

    # Reading ---------------------------------------------------------------------------------

    def get(self, store: Store, company_id: int, key: Any, **parent: Any) -> Any:
        with store.read() as conn:
            row, _ = self._find(conn, company_id, key, parent)
            return self._view(conn, company_id, row)

    def stored(self, store: Store, company_id: int, key: Any, **parent: Any) -> dict[str, Any]:
        """The stored values of one record, by column (for a form that shows them as typed)."""
        with store.read() as conn:
            row, _ = self._find(conn, company_id, key, parent)
            return dict(row._mapping)

    def list(
        self,
        store: Store,
        company_id: int,
        *,
        active: bool | None = None,
        search: str | None = None,
        limit: int | None = None,
        offset: int = 0,
        **filters: Any,
    ) -> list[Any]:
        """The records in the register's order, one page of them; ``search`` matches the
        register's search columns, ``filters`` its filter fields and its parent's refs."""
        register = self.register
        with store.read() as conn:
            where = self._where(conn, store, company_id, active, search, filters)
            found = store_md.select_rows(
                conn,
                register.table,
                company_id,
                *where,
                order_by=register.order_by,
                limit=limit,
                offset=offset,
            )
            return self._views(conn, company_id, found)

    def count(
        self,
        store: Store,
        company_id: int,
        *,
        active: bool | None = None,
        search: str | None = None,
        **filters: Any,
    ) -> int:
        """How many records ``list`` would list without a limit."""
        with store.read() as conn:
            where = self._where(conn, store, company_id, active, search, filters)
            return store_md.count_rows(conn, self.register.table, company_id, *where)

    # Parts -----------------------------------------------------------------------------------

    def _insert(
        self,
        conn: Connection,
        company_id: int,
        given: Mapping[str, Any],
        now: datetime,
        actor: Actor,
        refs: Mapping[str, Any],
    ) -> int:
        register, parent = self.register, self.register.parent
        owner = self._owner(conn, company_id, refs, required=True)
        values, extra = register.split(register.checked(given, creating=True))
        if register.resolve:
            values = register.resolve(conn, company_id, values)
        key = values[register.key]
        scope = {parent.column: owner.id} if parent and owner is not None else {}
        existing = store_md.find_row(
            conn, register.table, company_id, **scope, **{register.key: key}
        )
        if existing is not None:
            within = parent.within(owner) if parent and owner is not None else ""
            raise already_exists(register, key, existing._mapping[register.key], within)
        if register.check_new:
            register.check_new(conn, company_id, values)
        name = self._audit_key(key, owner)
        new_id = insert_record(conn, register, company_id, {**values, **scope}, now, actor, name)
        if register.inserted:
            row = self._row(conn, company_id, new_id)
            register.inserted(conn, company_id, row, {**values, **extra}, now, actor)
        return new_id

    def _owner(
        self, conn: Connection, company_id: int, refs: Mapping[str, Any], *, required: bool
    ) -> Row | None:
        """The parent record ``refs`` name; None when the register has none or none is named."""
        parent = self.register.parent
        if parent is None:
            if refs:
                raise TypeError(f"{self.register.plural} have no parent")
            return None
        owner = parent.find(conn, company_id, parent.named(refs))
        if owner is None and required:
            names = " or ".join(ref.name for ref in parent.refs)
            raise InvalidInput(
                f"Say which {parent.title} the {self.register.title.lower()} belongs to",
                [Problem(f"{names} is required", parent.refs[0].name)],
            )
        return owner

    def _find(
        self, conn: Connection, company_id: int, key: Any, refs: Mapping[str, Any]
    ) -> tuple[Row, Row | None]:
        """The record named ``key`` (within the named parent) and its parent record."""
        register, parent = self.register, self.register.parent
        if register.lookup is not None:
            key = register.lookup(key)
        owner = self._owner(conn, company_id, refs, required=False)
        if parent is None:
            found = store_md.find_row(conn, register.table, company_id, **{register.key: key})
            if found is None:
                raise NotFound(f"{register.title} {key!r} does not exist in this company")
            return found, None
        where = [equals(register.table, register.key, key)]
        if owner is not None:
            where.append(register.table.c[parent.column] == owner.id)
        candidates = store_md.select_rows(conn, register.table, company_id, *where, order_by=["id"])
        if not candidates:
            within = parent.within(owner) if owner is not None else ""
            raise NotFound(f"{register.title} {key!r} does not exist{within}")
        owners = [
            store_md.get_row(conn, parent.table, company_id, row._mapping[parent.column])
            for row in candidates
        ]
        if len(candidates) > 1:
            labels = " and ".join(str(n) for n in sorted(o._mapping[parent.label] for o in owners))
            name = parent.refs[0].name
            raise InvalidInput(
                f"{register.title} {key!r} exists in {parent.title}s {labels}; "
                f"say which {parent.title.split()[-1]}",
                [Problem(f"is ambiguous without {name}", name)],
            )
        return candidates[0], owners[0]

    def _where(
        self,
        conn: Connection,
        store: Store,
        company_id: int,
        active: bool | None,
        search: str | None,
        filters: Mapping[str, Any],
    ) -> list[Any]:
        register = self.register
        c = register.table.c
        where: list[Any] = []
        refs = dict(filters)
        for column in register.filters:
            value = refs.pop(column, None)
            if value is not None:
                spec = register.by_column(column)
                where.append(c[column] == checked_value(spec.parse, value, spec.public))
        owner = self._owner(conn, company_id, refs, required=False)
        if owner is not None:
            where.append(c[register.parent.column] == owner.id)  # type: ignore[union-attr]
        if active is not None:
            where.append(c.active == active)
        if search and search.strip():
            needle = search.strip()
            matches = (contains_text(store.dialect, c[name], needle) for name in register.search)
            where.append(or_(*matches))
        return where

    def _audit_key(self, key: Any, owner: Row | None) -> str:
        parent = self.register.parent
        return parent.audit_key(key, owner) if parent and owner is not None else str(key)

    def _row(self, conn: Connection, company_id: int, row_id: int) -> Row:
        row = store_md.get_row(conn, self.register.table, company_id, row_id)
        assert row is not None
        return row

    def _view(self, conn: Connection, company_id: int, row: Row) -> Any:
        return self._views(conn, company_id, [row])[0]

    def _views(self, conn: Connection, company_id: int, found: list[Row]) -> list[Any]:
        present = self.register.present
        if present is not None:
            return present(conn, company_id, found)
        return [self.register.view.of(row) for row in found]


# One record inside the caller's transaction --------------------------------------------------


def insert_record(
    conn: Connection,
    register: Register,
    company_id: int,
    values: dict[str, Any],
    now: datetime,
    actor: Actor,
    key: str,
) -> int:
    """Insert checked ``values`` as a new record; its id."""
    new_id = store_md.insert_company_row(conn, register.table, company_id, created_at=now, **values)
    changes = register.created(values)
    event = Event(register.entity, key, "create", new_id, changes)
    audit.record(conn, company_id, actor, now, [event])
    return new_id


def update_record(
    conn: Connection,
    register: Register,
    company_id: int,
    row: Row,
    given: Mapping[str, Any],
    now: datetime,
    actor: Actor,
    key: str,
    fixed: tuple[str, ...] = (),
) -> Row:
    """Apply the ``given`` raw values to ``row``; record what really changed. The new row."""
    for column in fixed:
        if column in given:
            name = register.by_column(column).name
            reason = register.fixed_key.format(title=register.title.lower())
            raise InvalidInput(f"{name} cannot change: {reason}", [Problem("cannot change", name)])
    wanted, extra = register.split(register.checked(given, creating=False))
    if register.resolve:
        wanted = register.resolve(conn, company_id, wanted)
    if register.updating:
        wanted = register.updating(conn, company_id, row, wanted, extra, now, actor)
    current = row._mapping
    different = {column: value for column, value in wanted.items() if current[column] != value}
    if not different:
        return row
    old = register.shown({column: current[column] for column in different})
    changes = audit.changed(old, register.shown(different))
    store_md.update_row(conn, register.table, company_id, row.id, different)
    event = Event(register.entity, key, action_of(different), row.id, changes)
    audit.record(conn, company_id, actor, now, [event])
    return store_md.get_row(conn, register.table, company_id, row.id)


def action_of(different: Mapping[str, Any]) -> str:
    """How the audit trail names a change: (de)activation when only Active changed."""
    if set(different) == {"active"}:
        return "activate" if different["active"] else "deactivate"
    return "update"


def already_exists(register: Register, given: Any, existing: Any, within: str = "") -> Conflict:
    """The Conflict of a new record whose key names one that exists (in any letter case)."""
    name = register.key_field.name
    if existing == given:
        message = f"{register.title} {given!r} already exists{within}"
        return Conflict(message, [Problem("exists", name)])
    return Conflict(
        f"{register.title} {given!r} already exists as {existing!r}{within} "
        f"({name} matches in any letter case)",
        [Problem(f"exists as {existing!r}", name)],
    )


def checked_value(parse: Parser, value: Any, field: str) -> Any:
    """One value read by ``parse``, or InvalidInput naming ``field``."""
    try:
        return parse(value)
    except ValueError as error:
        raise InvalidInput(f"{field}: {error}", [Problem(str(error), field)]) from None


def required_value(parse: Parser, value: Any, field: str) -> Any:
    """Like ``checked_value``, but a blank value is refused too."""
    found = checked_value(parse, value, field)
    if found is None:
        raise InvalidInput(f"{field} is required", [Problem("is required", field)])
    return found
