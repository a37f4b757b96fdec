"""Staff users: the people who sign in to the pages, each with a role and a scope.

Separate from API users, which serve integrations only: a terminal's password never opens
the pages. Names are matched in any letter case (``stampla.domain.text``); only an Argon2id
hash of a password is kept. Every change is audited (entity ``staff_user``) without the
password. A new password or a disabled user ends that user's sessions at once; a new role
or scope applies to open sessions at their next request (they read it on every request).
A new password, role or scope, or a disabled user, revokes the user's API tokens
(``staff_tokens``) at once: a tool signed in as a person starts again as who they now are.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import Connection, Row

from stampla.errors import Conflict, InvalidInput, NotFound, Problem
from stampla.store import masterdata as rows
from stampla.store import staff_tokens, web_sessions
from stampla.store.engine import Store
from stampla.store.tables import staff_users
from stampla.wire.base import OutputModel

from . import audit
from .audit import SYSTEM, Actor, Event
from .masterdata.credentials import MIN_PASSWORD_LENGTH
from .masterdata.tx import writing
from .roles import EVERYONE, Role, StaffScope
from .secrets import hash_password

LANGUAGES = ("sv", "en")


class StaffUserView(OutputModel):
    """A staff user as listed (never the password)."""

    id: int
    name: str
    role: Role
    scope_level: str | None = None
    scope_accounts: list[str] = []
    language: str
    active: bool
    created_at: datetime

    @classmethod
    def of(cls, row: Row) -> StaffUserView:
        values = dict(row._mapping)
        values["scope_accounts"] = sorted(values.get("scope_accounts") or [])
        return cls.model_validate(values)

    @property
    def scope(self) -> StaffScope:
        return scope_of(self.scope_level, self.scope_accounts)


def scope_of(level: str | None, accounts: Iterable[str] | None) -> StaffScope:
    """The scope as stored: a coding level's name and account numbers, or everyone."""
    if level is None:
        return EVERYONE
    return StaffScope(level, frozenset(accounts or ()))


def parse_role(text: str) -> Role:
    try:
        return Role(text.strip().lower())
    except ValueError:
        choices = ", ".join(role.value for role in Role)
        raise InvalidInput(
            f"Unknown role {text!r}; choose one of {choices}",
            [Problem(f"one of {choices}", "Role")],
        ) from None


def parse_scope(level: str | None, accounts: str | Iterable[str] | None) -> StaffScope:
    """``--scope-level NAME --scope-accounts 100,200`` as a scope; both or neither."""
    if isinstance(accounts, str):
        accounts = [part.strip() for part in accounts.split(",")]
    numbers = frozenset(a.strip() for a in accounts or () if a and a.strip())
    level = level.strip() if level else None
    if level is None and not numbers:
        return EVERYONE
    if level is None:
        raise InvalidInput(
            "Accounts of a scope need the coding level they belong to",
            [Problem("is required with scope accounts", "ScopeLevel")],
        )
    if not numbers:
        raise InvalidInput(
            f"A scope on coding level {level!r} needs at least one account number",
            [Problem("at least one account number", "ScopeAccounts")],
        )
    return StaffScope(level, numbers)


def _checked_name(name: str) -> str:
    checked = name.strip()
    if not checked:
        raise InvalidInput("Name is required", [Problem("is required", "Name")])
    if len(checked) > 200 or any(ord(c) < 32 for c in checked):
        raise InvalidInput(
            "Name must be at most 200 printable characters",
            [Problem("at most 200 printable characters", "Name")],
        )
    return checked


def _checked_password(password: str) -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInput(
            f"The password must be at least {MIN_PASSWORD_LENGTH} characters long",
            [Problem(f"at least {MIN_PASSWORD_LENGTH} characters", "Password")],
        )
    return password


def _checked_language(language: str) -> str:
    if language not in LANGUAGES:
        raise InvalidInput(
            f"Unknown language {language!r}; choose sv or en", [Problem("sv or en", "Language")]
        )
    return language


def _scope_values(scope: StaffScope) -> dict[str, object]:
    if scope.everyone:
        return {"scope_level": None, "scope_accounts": None}
    return {"scope_level": scope.coding_level, "scope_accounts": sorted(scope.accounts)}


def shown(scope: StaffScope) -> str:
    if scope.everyone:
        return "everyone"
    return f"{scope.coding_level}: {', '.join(sorted(scope.accounts))}"


def _find(conn: Connection, company_id: int, name: str) -> Row:
    row = rows.find_row(conn, staff_users, company_id, name=name.strip())
    if row is None:
        raise NotFound(f"No staff user {name!r} in this company")
    return row


def put_staff_user(
    conn: Connection,
    company_id: int,
    name: str,
    password: str,
    role: Role,
    now: datetime,
    *,
    scope: StaffScope = EVERYONE,
    language: str = "sv",
    actor: Actor = SYSTEM,
) -> int:
    """A new staff user inside the caller's transaction; its id."""
    name = _checked_name(name)
    hashed = hash_password(_checked_password(password))
    language = _checked_language(language)
    if rows.find_id(conn, staff_users, company_id, name=name) is not None:
        raise Conflict(f"A staff user named {name!r} already exists", [Problem("exists", "Name")])
    new_id = rows.insert_company_row(
        conn,
        staff_users,
        company_id,
        name=name,
        password_hash=hashed,
        role=role.value,
        language=language,
        created_at=now,
        **_scope_values(scope),
    )
    changes = audit.created({"role": role.value, "scope": shown(scope), "language": language})
    event = Event("staff_user", name, "create", new_id, changes)
    audit.record(conn, company_id, actor, now, [event])
    return new_id


def add_staff_user(
    store: Store,
    company_id: int,
    name: str,
    password: str,
    role: Role,
    now: datetime,
    *,
    scope: StaffScope = EVERYONE,
    language: str = "sv",
    actor: Actor = SYSTEM,
) -> StaffUserView:
    """A new staff user who may sign in to the pages at once."""
    with writing(store) as conn:
        new_id = put_staff_user(
            conn, company_id, name, password, role, now, scope=scope, language=language, actor=actor
        )
        return StaffUserView.of(rows.get_row(conn, staff_users, company_id, new_id))


def set_role(
    store: Store,
    company_id: int,
    name: str,
    role: Role,
    now: datetime,
    *,
    scope: StaffScope = EVERYONE,
    actor: Actor = SYSTEM,
) -> StaffUserView:
    """A new role and scope; open sessions get them at their next request, and the user's
    API tokens are revoked."""
    with writing(store) as conn:
        row = _find(conn, company_id, name)
        old_scope = scope_of(row.scope_level, row.scope_accounts)
        changes: dict[str, list[object]] = {}
        if row.role != role.value:
            changes["role"] = [row.role, role.value]
        if old_scope != scope:
            changes["scope"] = [shown(old_scope), shown(scope)]
        if changes:
            values = {"role": role.value, **_scope_values(scope)}
            rows.update_row(conn, staff_users, company_id, row.id, values)
            revoked = staff_tokens.delete_user_tokens(conn, company_id, row.id)
            note = f"{revoked} API token(s) revoked" if revoked else None
            event = Event("staff_user", row.name, "update", row.id, changes, note)
            audit.record(conn, company_id, actor, now, [event])
        return StaffUserView.of(rows.get_row(conn, staff_users, company_id, row.id))


def set_language(
    store: Store, company_id: int, name: str, language: str, now: datetime, *, actor: Actor = SYSTEM
) -> StaffUserView:
    """The language of the user's pages (sv or en), from their next page on."""
    language = _checked_language(language)
    with writing(store) as conn:
        row = _find(conn, company_id, name)
        if row.language != language:
            rows.update_row(conn, staff_users, company_id, row.id, {"language": language})
            changes = {"language": [row.language, language]}
            event = Event("staff_user", row.name, "update", row.id, changes)
            audit.record(conn, company_id, actor, now, [event])
        return StaffUserView.of(rows.get_row(conn, staff_users, company_id, row.id))


def set_password(
    store: Store, company_id: int, name: str, password: str, now: datetime, *, actor: Actor = SYSTEM
) -> StaffUserView:
    """A new password; every open session and API token of the user ends."""
    hashed = hash_password(_checked_password(password))
    with writing(store) as conn:
        row = _find(conn, company_id, name)
        rows.update_row(conn, staff_users, company_id, row.id, {"password_hash": hashed})
        ended = web_sessions.delete_user_sessions(conn, company_id, row.id)
        revoked = staff_tokens.delete_user_tokens(conn, company_id, row.id)
        note = f"password changed; {ended} web session(s) ended, {revoked} API token(s) revoked"
        event = Event("staff_user", row.name, "passwd", row.id, note=note)
        audit.record(conn, company_id, actor, now, [event])
        return StaffUserView.of(rows.get_row(conn, staff_users, company_id, row.id))


def set_active(
    store: Store, company_id: int, name: str, active: bool, now: datetime, *, actor: Actor = SYSTEM
) -> StaffUserView:
    """Disable (sessions end; no sign-in) or enable a staff user again."""
    with writing(store) as conn:
        row = _find(conn, company_id, name)
        if row.active != active:
            rows.update_row(conn, staff_users, company_id, row.id, {"active": active})
            if not active:
                web_sessions.delete_user_sessions(conn, company_id, row.id)
                staff_tokens.delete_user_tokens(conn, company_id, row.id)
            action = "enable" if active else "disable"
            event = Event("staff_user", row.name, action, row.id, {"active": [row.active, active]})
            audit.record(conn, company_id, actor, now, [event])
        return StaffUserView.of(rows.get_row(conn, staff_users, company_id, row.id))


def list_staff_users(store: Store, company_id: int) -> list[StaffUserView]:
    with store.read() as conn:
        found = rows.select_rows(conn, staff_users, company_id, order_by=["name_key"])
    return [StaffUserView.of(row) for row in found]
