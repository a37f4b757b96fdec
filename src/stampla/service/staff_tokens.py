"""Staff API tokens: a staff user calls the /Admin API as themselves, with their role and scope.

An HR or payroll tool signs in as a person (``POST /Admin/StaffToken``: company, user name,
password) and gets a bearer token that acts with that user's role and scope, exactly as the
pages do: an attestant attests and corrects their own employees only, a viewer only reads.
The audit trail names the user (``staff:<name>``), not a key.

A token reads ``st1.<company id>.<secret>`` (like an admin key, so the lookup leads with the
company); the secret is 256 random bits and only its SHA-256 digest is stored. It expires
after ``STAMPLA_STAFF_TOKEN_MINUTES``. A new password, role or scope, or a disabled user,
revokes every token of the user at once (``staff``); a disabled company refuses its tokens
at the next request. ``DELETE /Admin/StaffToken`` forgets one token.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from stampla.errors import LoginFailed, NotAuthenticated, Problem
from stampla.store import masterdata as rows
from stampla.store import staff_tokens as token_store
from stampla.store import web_sessions
from stampla.store.engine import Store
from stampla.store.tables import staff_users

from .roles import Role, StaffActor
from .secrets import digest, hash_password, needs_rehash, new_secret, verify_password
from .staff import scope_of

PREFIX = "st1"
SIGN_IN_FAILED_MESSAGE = "Sign-in failed: the company, user name or password is not valid."


@dataclass(frozen=True, slots=True)
class StaffLogin:
    """What a sign-in presents: the company by name or by its company API key."""

    user_name: str
    password: str
    company_name: str | None = None
    company_key: str | None = None


@dataclass(frozen=True, slots=True)
class IssuedStaffToken:
    """A new token: shown this once; only its digest is kept."""

    token: str
    expires_at: datetime
    user_name: str
    role: Role


@dataclass(frozen=True, slots=True)
class StaffPrincipal:
    """The company and staff user behind a token, with the user's current role and scope."""

    company_id: int
    time_zone: ZoneInfo
    actor: StaffActor
    expires_at: datetime


def actor_name(user_name: str) -> str:
    """How the audit trail names a staff user calling the API."""
    return f"staff:{user_name}"


def is_staff_token(value: str | None) -> bool:
    """Whether a bearer value is shaped as a staff token (it may still be unknown)."""
    return bool(value) and _parse(value or "") is not None


def issue_token(
    store: Store, login: StaffLogin, now: datetime, lifetime: timedelta
) -> IssuedStaffToken:
    """A new token for the user, or LoginFailed without saying which part was wrong."""
    user_name = login.user_name.strip()
    company_name = (login.company_name or "").strip()
    company_key = (login.company_key or "").strip()
    if not (user_name and login.password and (company_name or company_key)):
        verify_password(None, login.password)  # same effort as a real attempt
        raise LoginFailed(SIGN_IN_FAILED_MESSAGE)
    with store.read() as conn:
        candidate = web_sessions.find_staff_login(
            conn,
            user_name,
            company_name=company_name or None,
            company_key_hash=digest(company_key) if company_key else None,
        )
    password_hash = candidate.password_hash if candidate else None
    if not verify_password(password_hash, login.password) or candidate is None:
        raise LoginFailed(SIGN_IN_FAILED_MESSAGE)
    assert candidate.user_id is not None and password_hash is not None
    company_id, user_id = candidate.company_id, candidate.user_id
    token = f"{PREFIX}.{company_id}.{new_secret()}"
    with store.write() as conn:
        token_store.delete_expired(conn, company_id, now)
        token_store.insert_token(
            conn,
            company_id=company_id,
            token_hash=digest(token),
            user_id=user_id,
            created_at=now,
            expires_at=now + lifetime,
        )
        if needs_rehash(password_hash):
            new_hash = hash_password(login.password)
            rows.update_row(conn, staff_users, company_id, user_id, {"password_hash": new_hash})
        role = rows.get_row(conn, staff_users, company_id, user_id).role
    return IssuedStaffToken(token, now + lifetime, candidate.user_name or user_name, Role(role))


def authenticate_staff_token(store: Store, token: str, now: datetime) -> StaffPrincipal:
    """The staff user behind a token; NotAuthenticated if it is unknown, expired or revoked,
    or its user or company disabled."""
    parsed = _parse(token)
    grant = None
    if parsed is not None:
        company_id, _ = parsed
        with store.read() as conn:
            grant = token_store.find_token(conn, company_id, digest(token))
    if grant is None or grant.expires_at <= now:
        raise NotAuthenticated(
            "The staff token is not valid: it is unknown, expired or revoked; sign in again "
            "with POST /Admin/StaffToken",
            [Problem("is not a valid staff token", "Authorization")],
        )
    actor = StaffActor(
        actor_name(grant.user_name),
        Role(grant.role),
        scope_of(grant.scope_level, grant.scope_accounts),
        grant.user_id,
    )
    return StaffPrincipal(grant.company_id, ZoneInfo(grant.time_zone), actor, grant.expires_at)


def revoke_token(store: Store, token: str) -> bool:
    """Forget one token (signing out); whether there was one."""
    parsed = _parse(token)
    if parsed is None:
        return False
    with store.write() as conn:
        return token_store.delete_token(conn, parsed[0], digest(token)) > 0


def _parse(token: str) -> tuple[int, str] | None:
    """``st1.<company id>.<secret>``, or None for anything else."""
    parts = token.split(".")
    if len(parts) != 3 or parts[0] != PREFIX or not parts[1].isdigit() or len(parts[1]) > 18:
        return None
    if not parts[2]:
        return None
    return int(parts[1]), parts[2]
