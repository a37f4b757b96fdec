"""Queries behind login and request authentication."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, and_, bindparam, insert, select, update

from .tables import api_users, companies, integrations, tokens


@dataclass(frozen=True, slots=True)
class LoginCandidate:
    company_id: int
    integration_id: int
    user_id: int | None
    password_hash: str | None


@dataclass(frozen=True, slots=True)
class TokenGrant:
    company_id: int
    time_zone: str
    integration_id: int
    user_id: int
    expires_at: datetime


def find_login(
    conn: Connection, company_key_hash: str, connect_key_hash: str, user_name: str
) -> LoginCandidate | None:
    """The active company and integration for the keys, and the active user if any."""
    query = (
        select(companies.c.id, integrations.c.id, api_users.c.id, api_users.c.password_hash)
        .select_from(companies)
        .join(
            integrations,
            and_(
                integrations.c.company_id == companies.c.id,
                integrations.c.key_hash == connect_key_hash,
                integrations.c.active,
            ),
        )
        .outerjoin(
            api_users,
            and_(
                api_users.c.company_id == companies.c.id,
                api_users.c.user_name == user_name,
                api_users.c.active,
            ),
        )
        .where(companies.c.api_key_hash == company_key_hash, companies.c.active)
    )
    row = conn.execute(query).first()
    return LoginCandidate(*row) if row else None


def insert_token(
    conn: Connection,
    *,
    company_id: int,
    token_hash: str,
    integration_id: int,
    user_id: int,
    issued_at: datetime,
    expires_at: datetime,
) -> None:
    conn.execute(
        insert(tokens).values(
            company_id=company_id,
            token_hash=token_hash,
            integration_id=integration_id,
            user_id=user_id,
            issued_at=issued_at,
            expires_at=expires_at,
        )
    )


def delete_expired_tokens(conn: Connection, company_id: int, before: datetime) -> None:
    """Expired tokens prove nothing any more; dropping them keeps the table small."""
    conn.execute(
        tokens.delete().where(tokens.c.company_id == company_id, tokens.c.expires_at < before)
    )


def update_password_hash(conn: Connection, company_id: int, user_id: int, new_hash: str) -> None:
    conn.execute(
        update(api_users)
        .where(api_users.c.company_id == company_id, api_users.c.id == user_id)
        .values(password_hash=new_hash)
    )


# Built once: this runs on every request, and building the select costs more than running it.
_GRANT = (
    select(
        companies.c.id,
        companies.c.time_zone,
        integrations.c.id,
        api_users.c.id,
        tokens.c.expires_at,
    )
    .select_from(companies)
    .join(
        tokens,
        and_(tokens.c.company_id == companies.c.id, tokens.c.token_hash == bindparam("token")),
    )
    .join(
        integrations,
        and_(
            integrations.c.company_id == companies.c.id,
            integrations.c.id == tokens.c.integration_id,
        ),
    )
    .join(
        api_users,
        and_(api_users.c.company_id == companies.c.id, api_users.c.id == tokens.c.user_id),
    )
    .where(
        companies.c.api_key_hash == bindparam("company_key"),
        companies.c.active,
        integrations.c.key_hash == bindparam("connect_key"),
        integrations.c.active,
        api_users.c.active,
        tokens.c.revoked_at.is_(None),
    )
)


def find_grant(
    conn: Connection, company_key_hash: str, connect_key_hash: str, token_hash: str
) -> TokenGrant | None:
    """The grant behind a token, if keys, token, integration and user are all still valid.

    One query, so that revoking a key or disabling a user takes effect on the very next
    request in every server process.
    """
    params = {"token": token_hash, "company_key": company_key_hash, "connect_key": connect_key_hash}
    row = conn.execute(_GRANT, params).first()
    return TokenGrant(*row) if row else None
