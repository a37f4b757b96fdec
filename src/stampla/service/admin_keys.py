"""Admin keys: what the /Admin API accepts, and nothing else does.

An admin key belongs to one company and manages that company's master data and integration
credentials; it cannot post or read punches, and integration tokens cannot use the /Admin API.
Creating companies and admin keys needs the operator's CLI on the server itself.

A key reads ``sa1.<company id>.<secret>``. Carrying the company id lets the lookup use the
company-first key ``(company_id, key_hash)`` like every other company table; the secret is 256
random bits and only its SHA-256 digest is stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from stampla.errors import Conflict, InvalidInput, NotAuthenticated, NotFound, Problem
from stampla.store import admin_keys as keys
from stampla.store import masterdata as masterdata_store
from stampla.store.engine import Store
from stampla.store.tables import admin_keys
from stampla.wire.base import OutputModel

from . import audit
from .audit import SYSTEM, Actor, Event
from .masterdata.tx import writing
from .masterdata.values import text
from .secrets import digest, new_secret

PREFIX = "sa1"
_name = text(200)


@dataclass(frozen=True, slots=True)
class AdminPrincipal:
    """Who calls the /Admin API: one company, through one named admin key."""

    company_id: int
    key_id: int
    key_name: str
    time_zone: ZoneInfo

    @property
    def actor(self) -> Actor:
        return f"admin-key:{self.key_name}"


class AdminKeyView(OutputModel):
    id: int
    name: str
    active: bool
    created_at: datetime
    revoked_at: datetime | None = None


class CreatedAdminKey(OutputModel):
    """A new admin key: shown this once; only its digest is kept."""

    id: int
    name: str
    admin_key: str


def create_admin_key(
    store: Store, company_id: int, name: str, now: datetime, *, actor: Actor = SYSTEM
) -> CreatedAdminKey:
    try:
        checked = _name(name)
    except ValueError as error:
        raise InvalidInput(f"Name {error}", [Problem(str(error), "Name")]) from None
    if checked is None:
        raise InvalidInput("An admin key needs a name", [Problem("is required", "Name")])
    key = f"{PREFIX}.{company_id}.{new_secret()}"
    with writing(store) as conn:
        if masterdata_store.company_row(conn, company_id) is None:
            raise NotFound(f"No company {company_id}")
        if masterdata_store.find_id(conn, admin_keys, company_id, name=checked) is not None:
            raise Conflict(f"An admin key named {checked!r} already exists")
        new_id = masterdata_store.insert_company_row(
            conn, admin_keys, company_id, name=checked, key_hash=digest(key), created_at=now
        )
        audit.record(conn, company_id, actor, now, [Event("admin_key", checked, "create", new_id)])
    return CreatedAdminKey(id=new_id, name=checked, admin_key=key)


def list_admin_keys(store: Store, company_id: int) -> list[AdminKeyView]:
    with store.read() as conn:
        found = masterdata_store.select_rows(conn, admin_keys, company_id, order_by=["name"])
    return [AdminKeyView.model_validate(row._mapping) for row in found]


def revoke_admin_key(
    store: Store, company_id: int, name: str, now: datetime, *, actor: Actor = SYSTEM
) -> AdminKeyView:
    """Stop an admin key for good; the very next request with it is refused."""
    with writing(store) as conn:
        row = masterdata_store.find_row(conn, admin_keys, company_id, name=name)
        if row is None:
            raise NotFound(f"No admin key named {name!r} in this company")
        if row.active:
            masterdata_store.update_row(
                conn, admin_keys, company_id, row.id, {"active": False, "revoked_at": now}
            )
            event = Event("admin_key", name, "revoke", row.id, {"active": [True, False]})
            audit.record(conn, company_id, actor, now, [event])
        return AdminKeyView.model_validate(
            masterdata_store.get_row(conn, admin_keys, company_id, row.id)._mapping
        )


def authenticate_admin(store: Store, key: str | None) -> AdminPrincipal:
    """The company and key behind an admin key; NotAuthenticated if it is missing or wrong."""
    if not key:
        raise NotAuthenticated(
            "Missing admin key: send 'Authorization: Bearer <key>' with a key from "
            "`stampla admin-key create`, or a staff user's token from POST /Admin/StaffToken "
            "(integration keys and tokens do not work here)",
            [Problem("is required", "Authorization")],
        )
    company_id = _company_of(key)
    found = None
    if company_id is not None:
        with store.read() as conn:
            found = keys.find_active(conn, company_id, digest(key))
    if company_id is None or found is None:
        raise NotAuthenticated(
            "The admin key is not valid: it is unknown, revoked, or not an admin key "
            "(integration keys and tokens do not work here)",
            [Problem("is not a valid admin key", "Authorization")],
        )
    return AdminPrincipal(company_id, found.id, found.name, ZoneInfo(found.time_zone))


def _company_of(key: str) -> int | None:
    parts = key.split(".")
    if len(parts) != 3 or parts[0] != PREFIX or not parts[1].isdigit() or len(parts[1]) > 18:
        return None
    return int(parts[1])
