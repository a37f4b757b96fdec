"""Queries behind signing in to the web pages and recognising a signed-in browser.

A session names a staff user (``staff_users``); API users never sign in to the pages.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, and_, bindparam, delete, insert, select

from .tables import companies, staff_users, web_sessions
from .text_keys import equals, lookup_value


@dataclass(frozen=True, slots=True)
class SignInCandidate:
    company_id: int
    user_id: int | None
    user_name: str | None
    password_hash: str | None


@dataclass(frozen=True, slots=True)
class SessionGrant:
    company_id: int
    company_name: str
    time_zone: str
    user_id: int
    user_name: str
    expires_at: datetime
    role: str
    scope_level: str | None
    scope_accounts: Any
    language: str = "sv"


def find_sign_in(conn: Connection, company_name: str, user_name: str) -> SignInCandidate | None:
    """The active company of that name (in any letter case, ``stampla.domain.text``), and its
    active staff user of that name (in any letter case) if any."""
    return find_staff_login(conn, user_name, company_name=company_name)


def find_staff_login(
    conn: Connection,
    user_name: str,
    *,
    company_name: str | None = None,
    company_key_hash: str | None = None,
) -> SignInCandidate | None:
    """The active company named ``company_name`` (any letter case) or holding the company
    API key of digest ``company_key_hash``, with its active staff user of that name if any:
    what the pages' sign-in and a staff token's sign-in both check a password against."""
    query = (
        select(companies.c.id, staff_users.c.id, staff_users.c.name, staff_users.c.password_hash)
        .select_from(companies)
        .outerjoin(
            staff_users,
            and_(
                staff_users.c.company_id == companies.c.id,
                staff_users.c.name_key == lookup_value(staff_users, "name", user_name),
                staff_users.c.active,
            ),
        )
        .where(companies.c.active)
    )
    if company_key_hash is not None:
        query = query.where(companies.c.api_key_hash == company_key_hash)
    else:
        # People type a company's name as they say it; names are unique in any letter case.
        query = query.where(equals(companies, "name", company_name or ""))
    found = conn.execute(query).first()
    return SignInCandidate(*found) if found else None


def insert_session(
    conn: Connection,
    *,
    company_id: int,
    session_hash: str,
    user_id: int,
    created_at: datetime,
    expires_at: datetime,
) -> None:
    conn.execute(
        insert(web_sessions).values(
            company_id=company_id,
            session_hash=session_hash,
            staff_user_id=user_id,
            created_at=created_at,
            expires_at=expires_at,
        )
    )


def delete_expired(conn: Connection, company_id: int, before: datetime) -> None:
    """Expired sessions prove nothing any more; dropping them keeps the table small."""
    conn.execute(
        delete(web_sessions).where(
            web_sessions.c.company_id == company_id, web_sessions.c.expires_at < before
        )
    )


def delete_session(conn: Connection, company_id: int, session_hash: str) -> None:
    conn.execute(
        delete(web_sessions).where(
            web_sessions.c.company_id == company_id, web_sessions.c.session_hash == session_hash
        )
    )


def delete_user_sessions(conn: Connection, company_id: int, user_id: int) -> int:
    """End every session of one staff user (a new password, disabled); how many there were."""
    result = conn.execute(
        delete(web_sessions).where(
            web_sessions.c.company_id == company_id, web_sessions.c.staff_user_id == user_id
        )
    )
    return result.rowcount


# Built once: this runs on every page request.
_GRANT = (
    select(
        companies.c.id,
        companies.c.name,
        companies.c.time_zone,
        staff_users.c.id,
        staff_users.c.name,
        web_sessions.c.expires_at,
        staff_users.c.role,
        staff_users.c.scope_level,
        staff_users.c.scope_accounts,
        staff_users.c.language,
    )
    .select_from(web_sessions)
    .join(companies, companies.c.id == web_sessions.c.company_id)
    .join(
        staff_users,
        and_(
            staff_users.c.company_id == web_sessions.c.company_id,
            staff_users.c.id == web_sessions.c.staff_user_id,
        ),
    )
    .where(
        web_sessions.c.company_id == bindparam("company"),
        web_sessions.c.session_hash == bindparam("session"),
        companies.c.active,
        staff_users.c.active,
    )
)


def find_session(conn: Connection, company_id: int, session_hash: str) -> SessionGrant | None:
    """The session, if its company and staff user are still active, with the user's current
    role and scope (read on every request, so a change applies at the next one)."""
    row = conn.execute(_GRANT, {"company": company_id, "session": session_hash}).first()
    return SessionGrant(*row) if row else None
