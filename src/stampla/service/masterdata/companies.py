"""Companies: creating one with its companyApiKey, listing, showing and renaming them.

A company's time zone turns every punch's instant into its local date, and that date is
stored with the punch (it is part of the punch's key). Changing the zone afterwards would make
stored dates disagree with the zone, so the zone can change only while the company has no
punches at all; after that, a new zone means a new company.
"""

from __future__ import annotations

import re
from datetime import datetime

from sqlalchemy import Connection, Row

from stampla.domain import attest as domain_attest
from stampla.errors import Conflict, InvalidInput, NotFound, Problem
from stampla.store import attest as attest_store
from stampla.store import masterdata as rows
from stampla.store.engine import Store
from stampla.store.tables import api_users, employees, integrations, terminals
from stampla.wording import plural

from .. import audit
from ..audit import SYSTEM, Actor, Event
from ..secrets import digest, new_secret
from . import values
from .tx import writing
from .views import CompanyView, CreatedCompany

_name = values.text(200)


def check_time_zone(name: str, field_name: str = "time_zone") -> str:
    """``name`` if it is an IANA time zone this machine knows; InvalidInput otherwise."""
    try:
        zone = values.time_zone(name)
    except ValueError as error:
        raise InvalidInput(
            f"Unknown time zone {name!r}", [Problem(str(error), field_name)]
        ) from None
    if zone is None:
        raise InvalidInput("A time zone is required", [Problem("is required", field_name)])
    return zone


def _check_name(name: str) -> str:
    try:
        checked = _name(name)
    except ValueError as error:
        raise InvalidInput(f"Company name {error}", [Problem(str(error), "Name")]) from None
    if checked is None:
        raise InvalidInput("A company needs a name", [Problem("Name is required", "Name")])
    return checked


def create_company(
    store: Store,
    name: str,
    now: datetime,
    *,
    time_zone: str = "Europe/Stockholm",
    api_key: str | None = None,
    actor: Actor = SYSTEM,
) -> CreatedCompany:
    """A new company and its companyApiKey (returned once; only a digest is kept)."""
    name = _check_name(name)
    check_time_zone(time_zone, "TimeZone")
    key = api_key or new_secret()
    with writing(store) as conn:
        _check_name_free(conn, name)
        company_id = rows.insert_company(
            conn, name=name, time_zone=time_zone, api_key_hash=digest(key), created_at=now
        )
        changes = audit.created({"name": name, "timeZone": time_zone})
        event = Event("company", name, "create", company_id, changes)
        audit.record(conn, company_id, actor, now, [event])
        if time_zone in SWEDISH_ZONES:
            _swedish_holidays(conn, company_id, now, actor)
    return CreatedCompany(id=company_id, name=name, company_api_key=key)


#: A company in these zones is Swedish: its holidays (and eves) expect no time by default.
SWEDISH_ZONES = frozenset({"Europe/Stockholm"})


def _swedish_holidays(conn: Connection, company_id: int, now: datetime, actor: Actor) -> None:
    """The attest settings of a new Swedish company: the defaults, with Sweden's calendar."""
    defaults = domain_attest.DEFAULTS
    attest_store.write_settings(
        conn,
        company_id,
        day_rule=defaults.day_rule.value,
        gap_minutes=int(defaults.gap.total_seconds() // 60),
        max_shift_minutes=int(defaults.max_shift.total_seconds() // 60),
        bounce_seconds=int(defaults.bounce.total_seconds()),
        holidays=domain_attest.HolidayCalendar.SWEDEN.value,
        grace_minutes=int(defaults.grace.total_seconds() // 60),
        updated_at=now,
    )
    changes = audit.created({"holidays": domain_attest.HolidayCalendar.SWEDEN.value})
    event = Event("attest_settings", "attest settings", "create", None, changes)
    audit.record(conn, company_id, actor, now, [event])


def _check_name_free(conn: Connection, name: str, renamed: int | None = None) -> None:
    """Conflict if another company has ``name`` in any letter case (``stampla.domain.text``):
    people type a company's name at sign-in and in ``--company`` as they say it."""
    found = rows.company_by_name(conn, name)
    if found is None or found.id == renamed:
        return
    if found.name == name:
        raise Conflict(f"A company named {name!r} already exists", [Problem("exists", "Name")])
    raise Conflict(
        f"A company named {found.name!r} already exists; names match in any letter case",
        [Problem(f"exists as {found.name!r}", "Name")],
    )


_ORG_NR = re.compile(r"^(\d{6}|\d{8})-?\d{4}$")


def _check_org_nr(value: str) -> str | None:
    """A Swedish organisation number as people write it (556000-0000, 5560000000, or with the
    century, at most the 12 characters PAXml's foretagorgnr holds); blank: none."""
    found = value.strip()
    if not found:
        return None
    if not _ORG_NR.match(found) or len(found) > 12:
        raise InvalidInput(
            f"{found[:20]!r} is not an organisation number",
            [Problem("is an organisation number such as 556000-0000", "OrgNr")],
        )
    return found


def list_companies(store: Store) -> list[CompanyView]:
    """Every company, with its counts. Only the operator's CLI sees more than one."""
    with store.read() as conn:
        return [_view(conn, row) for row in rows.all_companies(conn)]


def show_company(store: Store, company_id: int) -> CompanyView:
    with store.read() as conn:
        row = rows.company_row(conn, company_id)
        if row is None:
            raise NotFound(f"No company {company_id}")
        return _view(conn, row)


def update_company(
    store: Store,
    company_id: int,
    now: datetime,
    *,
    name: str | None = None,
    time_zone: str | None = None,
    org_nr: str | None = None,
    actor: Actor = SYSTEM,
) -> CompanyView:
    """Rename a company, set its organisation number (blank text clears it) or, while it
    has no punches, change its time zone."""
    wanted = {}
    if org_nr is not None:
        wanted["org_nr"] = _check_org_nr(org_nr)
    if name is not None:
        wanted["name"] = _check_name(name)
    if time_zone is not None:
        wanted["time_zone"] = check_time_zone(time_zone, "TimeZone")
    with writing(store) as conn:
        row = rows.company_row(conn, company_id)
        if row is None:
            raise NotFound(f"No company {company_id}")
        old = {"name": row.name, "timeZone": row.time_zone, "orgNr": row.org_nr}
        new = {
            "name": wanted.get("name", row.name),
            "timeZone": wanted.get("time_zone", row.time_zone),
            "orgNr": wanted.get("org_nr", row.org_nr),
        }
        changes = audit.changed(old, new)
        if "name" in changes:
            _check_name_free(conn, new["name"], company_id)
        if "timeZone" in changes and rows.company_has_punches(conn, company_id):
            raise Conflict(
                f"The time zone of {row.name!r} cannot change: its punches' local dates were "
                f"derived from {row.time_zone}. Create a new company for the new zone.",
                [Problem("cannot change once the company has punches", "TimeZone")],
            )
        if changes:
            rows.update_company(conn, company_id, wanted)
            event = Event("company", new["name"], "update", company_id, changes)
            audit.record(conn, company_id, actor, now, [event])
        return _view(conn, rows.company_row(conn, company_id))


def _view(conn, row) -> CompanyView:  # noqa: ANN001 - a Connection and a Row
    cid = row.id
    return CompanyView.of(
        row,
        employees=rows.count_rows(conn, employees, cid, active=True),
        terminals=rows.count_rows(conn, terminals, cid, active=True),
        integrations=rows.count_rows(conn, integrations, cid, active=True),
        api_users=rows.count_rows(conn, api_users, cid, active=True),
        has_punches=rows.company_has_punches(conn, cid),
    )


def rotate_company_key(
    store: Store, company_id: int, now: datetime, *, actor: Actor = SYSTEM
) -> CreatedCompany:
    """A new companyApiKey, returned once; the old key and every token issued under it stop
    at once. For a key that leaked: every integration then needs the new key, and logs in
    again."""
    key = new_secret()
    with writing(store) as conn:
        row = rows.company_row(conn, company_id)
        if row is None:
            raise NotFound(f"No company {company_id}")
        rows.update_company(conn, company_id, {"api_key_hash": digest(key)})
        stopped = rows.revoke_tokens(conn, company_id, now)
        note = f"new companyApiKey issued; the old key and {stopped} token(s) stopped"
        event = Event("company", row.name, "rotate", company_id, note=note)
        audit.record(conn, company_id, actor, now, [event])
    return CreatedCompany(id=company_id, name=row.name, company_api_key=key)


def company_for(store: Store, ref: str | None) -> int:
    """The company an operator's command is about: by name in any letter case (the rule of
    ``stampla.domain.text``), or by id, or the only one when ``ref`` is None.

    NotFound lists the companies there are, so the operator can pick one.
    """
    with store.read() as conn:
        if ref is not None:
            found = rows.company_by_name(conn, ref)
            number = ref.strip()
            if found is None and number.isascii() and number.isdigit() and len(number) < 19:
                found = rows.company_row(conn, int(number))
            if found is not None:
                return found.id
        companies = rows.all_companies(conn)
    if ref is None and len(companies) == 1:
        return companies[0].id
    listed = _company_list(companies)
    if ref is None:
        raise NotFound(f"Say which company with --company NAME|ID ({listed})")
    raise NotFound(f"No company named or numbered {ref!r} ({listed})")


def _company_list(companies: list[Row]) -> str:
    """The companies there are, for an error message: '2 companies: 1 Acme, 2 Åre Bygg'."""
    if not companies:
        return "no companies yet: stampla company create NAME"
    shown = ", ".join(f"{row.id} {row.name}" for row in companies[:10])
    more = f", and {len(companies) - 10} more (stampla company list)" if len(companies) > 10 else ""
    return f"{plural(len(companies), 'company', 'companies')}: {shown}{more}"
