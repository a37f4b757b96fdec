"""Integration keys and API users: what an integration logs in with.

A new key or password is returned once, by the call that makes it; only a SHA-256 digest (keys)
or an Argon2id hash (passwords) is kept. Rotating a key, revoking it, changing a password or
disabling a user also revokes the tokens issued under the old credential, so nothing issued
before the change keeps working after it.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Connection, Row, Table

from stampla.errors import Conflict, InvalidInput, NotFound, Problem
from stampla.store import masterdata as rows
from stampla.store.engine import Store
from stampla.store.tables import api_users, integrations

from .. import audit
from ..audit import SYSTEM, Actor, Event
from ..secrets import digest, hash_password, new_secret
from . import values
from .tx import writing
from .views import ApiUserView, CreatedIntegration, IntegrationView, UserPassword

MIN_PASSWORD_LENGTH = 12
_name = values.text(200)


def _checked_name(name: str, field: str) -> str:
    try:
        checked = _name(name)
    except ValueError as error:
        raise InvalidInput(f"{field} {error}", [Problem(str(error), field)]) from None
    if checked is None:
        raise InvalidInput(f"{field} is required", [Problem("is required", field)])
    return checked


def _checked_password(password: str | None) -> str:
    if password is None:
        return new_secret()
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInput(
            f"The password must be at least {MIN_PASSWORD_LENGTH} characters long",
            [Problem(f"at least {MIN_PASSWORD_LENGTH} characters", "Password")],
        )
    return password


def _find(conn: Connection, table: Table, company_id: int, ref: int | str, what: str) -> Row:
    """A credential row by id (int) or by name (str), within the company."""
    if isinstance(ref, int):
        row = rows.get_row(conn, table, company_id, ref)
    elif table is api_users:
        row = rows.find_row(conn, table, company_id, user_name=ref)
    else:
        row = rows.find_row(conn, table, company_id, name=ref)
    if row is None:
        raise NotFound(f"No {what} {ref!r} in this company")
    return row


# Integrations ------------------------------------------------------------------------------


def put_integration(
    conn: Connection,
    company_id: int,
    name: str,
    now: datetime,
    key: str | None = None,
    *,
    actor: Actor = SYSTEM,
) -> CreatedIntegration:
    """A new integration inside the caller's transaction."""
    name = _checked_name(name, "Name")
    if rows.find_id(conn, integrations, company_id, name=name) is not None:
        raise Conflict(f"An integration named {name!r} already exists", [Problem("exists", "Name")])
    key = key or new_secret()
    new_id = rows.insert_company_row(
        conn, integrations, company_id, name=name, key_hash=digest(key), created_at=now
    )
    audit.record(conn, company_id, actor, now, [Event("integration", name, "create", new_id)])
    return CreatedIntegration(id=new_id, name=name, connect_api_key=key)


def create_integration(
    store: Store,
    company_id: int,
    name: str,
    now: datetime,
    *,
    key: str | None = None,
    actor: Actor = SYSTEM,
) -> CreatedIntegration:
    """A new integration and its connectApiKey (returned once; only a digest is kept)."""
    with writing(store) as conn:
        return put_integration(conn, company_id, name, now, key, actor=actor)


def rotate_integration(
    store: Store, company_id: int, ref: int | str, now: datetime, *, actor: Actor = SYSTEM
) -> CreatedIntegration:
    """A new connectApiKey for an active integration; the old key and its tokens stop at once."""
    key = new_secret()
    with writing(store) as conn:
        row = _find(conn, integrations, company_id, ref, "integration")
        if not row.active:
            raise Conflict(f"Integration {row.name!r} is revoked; create a new one instead")
        rows.update_row(conn, integrations, company_id, row.id, {"key_hash": digest(key)})
        stopped = rows.revoke_tokens(conn, company_id, now, integration_id=row.id)
        note = f"new connectApiKey issued; the old key and {stopped} token(s) stopped"
        event = Event("integration", row.name, "rotate", row.id, note=note)
        audit.record(conn, company_id, actor, now, [event])
    return CreatedIntegration(id=row.id, name=row.name, connect_api_key=key)


def revoke_integration(
    store: Store, company_id: int, ref: int | str, now: datetime, *, actor: Actor = SYSTEM
) -> IntegrationView:
    """Stop an integration's key and every token issued through it, at once and for good."""
    with writing(store) as conn:
        row = _find(conn, integrations, company_id, ref, "integration")
        if row.active:
            revoked = {"active": False, "revoked_at": now}
            rows.update_row(conn, integrations, company_id, row.id, revoked)
            rows.revoke_tokens(conn, company_id, now, integration_id=row.id)
            changes = {"active": [True, False]}
            event = Event("integration", row.name, "revoke", row.id, changes)
            audit.record(conn, company_id, actor, now, [event])
        return IntegrationView.of(rows.get_row(conn, integrations, company_id, row.id))


def list_integrations(store: Store, company_id: int) -> list[IntegrationView]:
    with store.read() as conn:
        found = rows.select_rows(conn, integrations, company_id, order_by=["name"])
    return [IntegrationView.of(row) for row in found]


# API users ---------------------------------------------------------------------------------


def put_api_user(
    conn: Connection,
    company_id: int,
    user_name: str,
    password: str,
    now: datetime,
    *,
    actor: Actor = SYSTEM,
) -> int:
    """A new API user inside the caller's transaction; its id."""
    user_name = _checked_name(user_name, "UserName")
    if not password:
        raise InvalidInput("A password is required", [Problem("is required", "Password")])
    if rows.find_id(conn, api_users, company_id, user_name=user_name) is not None:
        raise Conflict(
            f"An API user named {user_name!r} already exists", [Problem("exists", "UserName")]
        )
    new_id = rows.insert_company_row(
        conn,
        api_users,
        company_id,
        user_name=user_name,
        password_hash=hash_password(password),
        created_at=now,
    )
    audit.record(conn, company_id, actor, now, [Event("api_user", user_name, "create", new_id)])
    return new_id


def add_api_user(
    store: Store,
    company_id: int,
    user_name: str,
    password: str | None,
    now: datetime,
    *,
    actor: Actor = SYSTEM,
) -> UserPassword:
    """A new API user; without a password one is generated. The password is shown once."""
    password = _checked_password(password)
    with writing(store) as conn:
        user_id = put_api_user(conn, company_id, user_name, password, now, actor=actor)
    return UserPassword(id=user_id, user_name=user_name.strip(), password=password)


def set_password(
    store: Store,
    company_id: int,
    ref: int | str,
    password: str | None,
    now: datetime,
    *,
    actor: Actor = SYSTEM,
) -> UserPassword:
    """A new password (generated unless given); the user's tokens stop."""
    password = _checked_password(password)
    new_hash = hash_password(password)
    with writing(store) as conn:
        row = _find(conn, api_users, company_id, ref, "API user")
        rows.update_row(conn, api_users, company_id, row.id, {"password_hash": new_hash})
        stopped = rows.revoke_tokens(conn, company_id, now, user_id=row.id)
        note = f"password changed; {stopped} token(s) stopped"
        event = Event("api_user", row.user_name, "passwd", row.id, note=note)
        audit.record(conn, company_id, actor, now, [event])
    return UserPassword(id=row.id, user_name=row.user_name, password=password)


def set_api_user_active(
    store: Store,
    company_id: int,
    ref: int | str,
    active: bool,
    now: datetime | None = None,
    *,
    actor: Actor = SYSTEM,
) -> ApiUserView:
    """Disable (or re-enable) an API user; its tokens stop at once."""
    now = now or datetime.now(UTC)
    with writing(store) as conn:
        row = _find(conn, api_users, company_id, ref, "API user")
        if row.active != active:
            rows.update_row(conn, api_users, company_id, row.id, {"active": active})
            if not active:
                rows.revoke_tokens(conn, company_id, now, user_id=row.id)
            action = "enable" if active else "disable"
            changes = {"active": [row.active, active]}
            event = Event("api_user", row.user_name, action, row.id, changes)
            audit.record(conn, company_id, actor, now, [event])
        return ApiUserView.of(rows.get_row(conn, api_users, company_id, row.id))


def list_api_users(store: Store, company_id: int) -> list[ApiUserView]:
    with store.read() as conn:
        found = rows.select_rows(conn, api_users, company_id, order_by=["user_name"])
    return [ApiUserView.of(row) for row in found]
