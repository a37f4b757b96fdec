"""Signing in to the web pages, recognising the signed-in browser, and signing out.

Payroll and HR staff sign in with the company's name and a staff user's name and password
(``stampla staff add``); API users serve integrations only and never sign in here. A session
is a random secret in an HttpOnly cookie; the database keeps only its SHA-256 digest, so a
copy of the database signs nobody in. The cookie also carries the company id, because every
key here leads with the company.

Each request looks the session up joined with its company and staff user, so disabling the
user (or the company) ends its sessions at the next request, in every server process, and a
new role or scope applies at the next request. A new password deletes the user's sessions
outright (``staff.set_password``).

The CSRF token of a session is an HMAC of its secret: tied to that session, known only to
the browser that holds the cookie, and nothing more to store.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from stampla.errors import LoginFailed
from stampla.store import masterdata as rows
from stampla.store import web_sessions as session_store
from stampla.store.engine import Store
from stampla.store.tables import staff_users

from .roles import EVERYONE, Role, StaffActor, StaffScope
from .secrets import digest, hash_password, needs_rehash, new_secret, verify_password
from .staff import scope_of

SIGN_IN_FAILED_MESSAGE = "Sign-in failed: the company, user name or password is not valid."


@dataclass(frozen=True, slots=True)
class NewSession:
    """A fresh sign-in: ``cookie`` goes to the browser and is never shown again."""

    cookie: str
    expires_at: datetime


@dataclass(frozen=True, slots=True)
class WebSession:
    """The signed-in user of a request."""

    company_id: int
    company_name: str
    time_zone: ZoneInfo
    user_id: int
    user_name: str
    expires_at: datetime
    csrf_token: str
    role: Role = Role.ADMIN
    scope: StaffScope = EVERYONE
    #: The pages' language for this user (``web.i18n``): sv or en.
    language: str = "sv"

    @property
    def actor(self) -> StaffActor:
        """The signed-in user as the services see an actor: name, role and scope."""
        return StaffActor(f"web:{self.user_name}", self.role, self.scope, self.user_id)


def sign_in(
    store: Store,
    company_name: str,
    user_name: str,
    password: str,
    now: datetime,
    lifetime: timedelta,
) -> NewSession:
    """A new session for the user, or LoginFailed without saying which part was wrong."""
    company_name, user_name = company_name.strip(), user_name.strip()
    if not (company_name and user_name and password):
        verify_password(None, password)  # same effort as a real attempt
        raise LoginFailed(SIGN_IN_FAILED_MESSAGE)
    with store.read() as conn:
        candidate = session_store.find_sign_in(conn, company_name, user_name)
    password_hash = candidate.password_hash if candidate else None
    if not verify_password(password_hash, password) or candidate is None:
        raise LoginFailed(SIGN_IN_FAILED_MESSAGE)
    assert candidate.user_id is not None and password_hash is not None
    secret = new_secret()
    with store.write() as conn:
        session_store.delete_expired(conn, candidate.company_id, now)
        session_store.insert_session(
            conn,
            company_id=candidate.company_id,
            session_hash=digest(secret),
            user_id=candidate.user_id,
            created_at=now,
            expires_at=now + lifetime,
        )
        if needs_rehash(password_hash):
            new_hash = hash_password(password)
            company_id, user_id = candidate.company_id, candidate.user_id
            rows.update_row(conn, staff_users, company_id, user_id, {"password_hash": new_hash})
    return NewSession(f"{candidate.company_id}.{secret}", now + lifetime)


def session_of(store: Store, cookie: str | None, now: datetime) -> WebSession | None:
    """The session behind a cookie with its user's current role and scope, or None if it is
    unknown, expired or its user disabled."""
    parsed = _parse(cookie)
    if parsed is None:
        return None
    company_id, secret = parsed
    with store.read() as conn:
        grant = session_store.find_session(conn, company_id, digest(secret))
    if grant is None or grant.expires_at <= now:
        return None
    return WebSession(
        company_id=grant.company_id,
        company_name=grant.company_name,
        time_zone=ZoneInfo(grant.time_zone),
        user_id=grant.user_id,
        user_name=grant.user_name,
        expires_at=grant.expires_at,
        csrf_token=csrf_token(secret),
        role=Role(grant.role),
        scope=scope_of(grant.scope_level, grant.scope_accounts),
        language=grant.language,
    )


def sign_out(store: Store, cookie: str | None) -> None:
    """Forget the session behind a cookie (nothing happens for an unknown one)."""
    parsed = _parse(cookie)
    if parsed is not None:
        company_id, secret = parsed
        with store.write() as conn:
            session_store.delete_session(conn, company_id, digest(secret))


def csrf_token(secret: str) -> str:
    """The token every state-changing form of the session must carry."""
    return hmac.new(secret.encode(), b"stampla-web-csrf", hashlib.sha256).hexdigest()


def csrf_matches(session: WebSession, submitted: str | None) -> bool:
    """Whether a submitted form came from a page of this very session."""
    return bool(submitted) and hmac.compare_digest(session.csrf_token, submitted or "")


def _parse(cookie: str | None) -> tuple[int, str] | None:
    """``<company id>.<secret>``, or None for anything else."""
    if not cookie:
        return None
    company, _, secret = cookie.partition(".")
    if not (company.isdigit() and len(company) <= 18 and secret):
        return None
    return int(company), secret
