"""Queries behind staff users' API tokens (``service.staff_tokens``).

A token names a staff user; only its SHA-256 digest is kept. Like a web session, a token is
looked up joined with its company and user, so a disabled user or company is refused at the
next request, and the user's current role and scope come with it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, and_, bindparam, delete, insert, select

from .tables import companies, staff_tokens, staff_users


@dataclass(frozen=True, slots=True)
class TokenGrant:
    company_id: int
    time_zone: str
    user_id: int
    user_name: str
    expires_at: datetime
    role: str
    scope_level: str | None
    scope_accounts: Any


def insert_token(
    conn: Connection,
    *,
    company_id: int,
    token_hash: str,
    user_id: int,
    created_at: datetime,
    expires_at: datetime,
) -> None:
    conn.execute(
        insert(staff_tokens).values(
            company_id=company_id,
            token_hash=token_hash,
            staff_user_id=user_id,
            created_at=created_at,
            expires_at=expires_at,
        )
    )


def delete_expired(conn: Connection, company_id: int, before: datetime) -> None:
    """Expired tokens prove nothing any more; dropping them keeps the table small."""
    conn.execute(
        delete(staff_tokens).where(
            staff_tokens.c.company_id == company_id, staff_tokens.c.expires_at < before
        )
    )


def delete_token(conn: Connection, company_id: int, token_hash: str) -> int:
    result = conn.execute(
        delete(staff_tokens).where(
            staff_tokens.c.company_id == company_id, staff_tokens.c.token_hash == token_hash
        )
    )
    return result.rowcount


def delete_user_tokens(conn: Connection, company_id: int, user_id: int) -> int:
    """Revoke every token of one staff user (new password, role or scope; disabled)."""
    result = conn.execute(
        delete(staff_tokens).where(
            staff_tokens.c.company_id == company_id, staff_tokens.c.staff_user_id == user_id
        )
    )
    return result.rowcount


# Built once: this runs on every /Admin request with a staff token.
_GRANT = (
    select(
        companies.c.id,
        companies.c.time_zone,
        staff_users.c.id,
        staff_users.c.name,
        staff_tokens.c.expires_at,
        staff_users.c.role,
        staff_users.c.scope_level,
        staff_users.c.scope_accounts,
    )
    .select_from(staff_tokens)
    .join(companies, companies.c.id == staff_tokens.c.company_id)
    .join(
        staff_users,
        and_(
            staff_users.c.company_id == staff_tokens.c.company_id,
            staff_users.c.id == staff_tokens.c.staff_user_id,
        ),
    )
    .where(
        staff_tokens.c.company_id == bindparam("company"),
        staff_tokens.c.token_hash == bindparam("token"),
        companies.c.active,
        staff_users.c.active,
    )
)


def find_token(conn: Connection, company_id: int, token_hash: str) -> TokenGrant | None:
    """The token's user with their current role and scope, if company and user are active."""
    row = conn.execute(_GRANT, {"company": company_id, "token": token_hash}).first()
    return TokenGrant(*row) if row else None
