"""Logging in (/Login/Token) and recognising the caller of every other request.

Tokens are random strings stored as digests, bound to one company, integration and API user.
Because they live in the database, they work in every server process, and checking one joins
the company, integration and user rows: revoking a key or disabling a user stops its tokens on
the next request.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from stampla.errors import LoginFailed, NotAuthenticated, Problem
from stampla.store import credentials
from stampla.store.engine import Store

from .secrets import digest, hash_password, needs_rehash, new_secret, verify_password

LOGIN_FAILED_MESSAGE = "Login failed: the API keys, user name or password are not valid."

#: How long an expired token is kept, so that a call still presenting it hears that it
#: expired (and when) rather than that it never existed. Logins delete older ones.
EXPIRED_TOKENS_KEPT = timedelta(days=7)


@dataclass(frozen=True, slots=True)
class ApiKeys:
    """The two keys every call carries: which company, and which integration."""

    company_api_key: str | None
    connect_api_key: str | None


@dataclass(frozen=True, slots=True)
class Principal:
    """Who is calling: a company, through an integration, as an API user."""

    company_id: int
    time_zone: ZoneInfo
    integration_id: int
    user_id: int


@dataclass(frozen=True, slots=True)
class IssuedToken:
    token: str
    expires_at: datetime
    lifetime: timedelta


def login(
    store: Store,
    keys: ApiKeys,
    user_name: str | None,
    password: str | None,
    now: datetime,
    lifetime: timedelta,
) -> IssuedToken:
    """A new token for the user, or LoginFailed without saying which part was wrong."""
    if not (keys.company_api_key and keys.connect_api_key and user_name and password):
        verify_password(None, password or "")  # same effort as a real attempt
        raise LoginFailed(LOGIN_FAILED_MESSAGE)
    with store.read() as conn:
        candidate = credentials.find_login(
            conn, digest(keys.company_api_key), digest(keys.connect_api_key), user_name
        )
    password_hash = candidate.password_hash if candidate else None
    if not verify_password(password_hash, password) or candidate is None:
        raise LoginFailed(LOGIN_FAILED_MESSAGE)
    assert candidate.user_id is not None and password_hash is not None
    token = new_secret()
    with store.write() as conn:
        credentials.delete_expired_tokens(conn, candidate.company_id, now - EXPIRED_TOKENS_KEPT)
        credentials.insert_token(
            conn,
            company_id=candidate.company_id,
            token_hash=digest(token),
            integration_id=candidate.integration_id,
            user_id=candidate.user_id,
            issued_at=now,
            expires_at=now + lifetime,
        )
        if needs_rehash(password_hash):
            credentials.update_password_hash(
                conn, candidate.company_id, candidate.user_id, hash_password(password)
            )
    return IssuedToken(token, now + lifetime, lifetime)


def authenticate(store: Store, keys: ApiKeys, token: str | None, now: datetime) -> Principal:
    """The caller behind keys and token; NotAuthenticated naming what is missing or wrong."""
    missing = [
        name
        for name, value in (
            ("companyApiKey", keys.company_api_key),
            ("connectApiKey", keys.connect_api_key),
            ("token", token),
        )
        if not value
    ]
    if missing:
        raise NotAuthenticated(
            f"Missing {', '.join(missing)}: every call needs companyApiKey, connectApiKey and "
            "a token from /Login/Token (query string, headers, or Authorization: Bearer)",
            [Problem(f"{name} is required", name) for name in missing],
        )
    assert keys.company_api_key and keys.connect_api_key and token
    digests = (digest(keys.company_api_key), digest(keys.connect_api_key), digest(token))
    with store.lookup() as conn:
        # A grant the process already checked is served from its copy while no credential
        # changed (store/register_cache.py): revocations still apply on the next request.
        grant = store.registers.snapshot(conn).grant(
            digests, lambda: credentials.find_grant(conn, *digests)
        )
    if grant is None:
        raise NotAuthenticated(
            "The companyApiKey, connectApiKey and token do not match an active login; "
            "the token may belong to other keys, or the key or user may have been revoked"
        )
    if grant.expires_at <= now:
        raise NotAuthenticated(
            f"The token expired at {grant.expires_at:%Y-%m-%dT%H:%M:%SZ}; "
            "get a new one from /Login/Token"
        )
    return Principal(
        grant.company_id, ZoneInfo(grant.time_zone), grant.integration_id, grant.user_id
    )
