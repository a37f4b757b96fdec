"""Rule sets: the time rules of each time agreement, version by version.

A version is named by its agreement (the employees' *Time agreement* term, matched in any
letter case) and the date it takes effect (``ValidFrom``); it applies until the next
version's date. Day rows are computed on read, so a version applies to every date it covers
the moment it is saved. That is what makes the rules safe to edit:

* a version that takes effect after today (the company's today) may be added, replaced and
  removed freely — no day it covers has been worked yet;
* a version that takes effect today or earlier changes days already worked, perhaps
  attested and paid: it is refused unless the caller says so (``allow_past``), as an operator
  setting up a customer's history does. To change the rules from next month, add a version
  from the first of next month; this month stays as it was.

Every time code a rule produces must be an active code of the company's register (spelled
there in any letter case; stored as the register spells it): a rule that produced an unknown
code would put a quantity on day rows that payroll cannot place.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from pydantic import Field as About
from sqlalchemy import Connection, Row, delete, select

from stampla.domain.rules import RuleSet
from stampla.domain.rules.codec import rule_set_document, rule_set_from_document
from stampla.domain.rules.handels import HOURLY, SALARIED
from stampla.domain.text import match_key, text_problem
from stampla.errors import Conflict, InvalidInput, NotFound, Problem
from stampla.store import attest as attest_store
from stampla.store import masterdata as store_md
from stampla.store.engine import Store
from stampla.store.tables import rule_sets, time_codes
from stampla.wire.base import OutputModel

from . import audit
from .audit import SYSTEM, Actor, Event
from .date_range import DateWindow
from .masterdata.tx import writing
from .schedules.common import read_date

ENTITY = "rule_set"
#: The rule sets a company can start from (docs/time-rules.md gives their sources).
SHIPPED = (HOURLY, SALARIED)


class RuleSetView(OutputModel):
    id: int
    agreement: str = About(description="The time agreement whose employees it applies to.")
    valid_from: date = About(description="The first day; until the next version's.")
    valid_to: date | None = About(
        None, description="The last day: the day before the next version's; null: open."
    )
    rules: dict[str, Any] = About(
        description="The windows (OB) and the overtime rule, as in docs/time-rules.md."
    )
    created_at: datetime


@dataclass(frozen=True, slots=True)
class Saved:
    rule_set: RuleSetView
    created: bool


def list_rule_sets(
    store: Store, company_id: int, agreement: str | None = None
) -> list[RuleSetView]:
    """Every version (of one agreement, when named), by agreement and date."""
    with store.read() as conn:
        return _views(conn, company_id, agreement)


def save_rule_set(
    store: Store,
    company_id: int,
    given: Mapping[str, Any],
    now: datetime,
    *,
    window: DateWindow,
    actor: Actor = SYSTEM,
) -> Saved:
    """Add a version (``agreement``, ``valid_from``, ``rules``: the document), or replace
    the version of that agreement and date. ``allow_past``: it may take effect today or
    earlier."""
    with writing(store) as conn:
        return put_rule_set(conn, company_id, given, now, window=window, actor=actor)


def put_rule_set(
    conn: Connection,
    company_id: int,
    given: Mapping[str, Any],
    now: datetime,
    *,
    window: DateWindow,
    actor: Actor = SYSTEM,
) -> Saved:
    """``save_rule_set`` inside the caller's transaction (seeding saves several at once)."""
    agreement = _agreement(given.get("agreement"))
    first = read_date(given.get("valid_from"), "ValidFrom", window)
    assert first is not None
    _not_past(conn, company_id, first, bool(given.get("allow_past")), now)
    rules = _rules(conn, company_id, agreement, first, given.get("rules"))
    document = rule_set_document(rules)
    existing = _version(conn, company_id, agreement, first)
    if existing is None:
        named = _spelled(conn, company_id, agreement)
        row_id = store_md.insert_company_row(
            conn,
            rule_sets,
            company_id,
            agreement=named,
            valid_from=first,
            rules=document,
            created_at=now,
        )
        shown = {"agreement": named, "validFrom": first.isoformat(), "rules": document}
        event = Event(ENTITY, _key(named, first), "create", row_id, audit.created(shown))
        audit.record(conn, company_id, actor, now, [event])
        return Saved(_view_of(conn, company_id, row_id), created=True)
    if existing.rules != document:
        store_md.update_row(conn, rule_sets, company_id, existing.id, {"rules": document})
        changes = {"rules": [existing.rules, document]}
        event = Event(ENTITY, _key(existing.agreement, first), "update", existing.id, changes)
        audit.record(conn, company_id, actor, now, [event])
    return Saved(_view_of(conn, company_id, existing.id), created=False)


def remove_rule_set(
    store: Store,
    company_id: int,
    agreement: Any,
    valid_from: Any,
    now: datetime,
    *,
    window: DateWindow,
    allow_past: bool = False,
    actor: Actor = SYSTEM,
) -> RuleSetView:
    """Remove a version; the one before it applies again from its date. The audit trail
    keeps what it was."""
    name = _agreement(agreement)
    first = read_date(valid_from, "ValidFrom", window)
    assert first is not None
    with writing(store) as conn:
        row = _version(conn, company_id, name, first)
        if row is None:
            raise NotFound(f"Agreement {name!r} has no rule set from {first}")
        _not_past(conn, company_id, first, allow_past, now)
        view = _view_of(conn, company_id, row.id)
        conn.execute(
            delete(rule_sets).where(rule_sets.c.company_id == company_id, rule_sets.c.id == row.id)
        )
        changes = {"agreement": [row.agreement, None], "rules": [row.rules, None]}
        event = Event(ENTITY, _key(row.agreement, first), "delete", row.id, changes)
        audit.record(conn, company_id, actor, now, [event])
        return view


def install_shipped(
    conn: Connection,
    company_id: int,
    valid_from: date,
    now: datetime,
    *,
    window: DateWindow,
    actor: Actor = SYSTEM,
) -> list[Saved]:
    """The shipped rule sets (Handels hourly, salaried) from ``valid_from``, for a company
    whose register holds their codes (the demo's; ``stampla rules install``)."""
    return [
        put_rule_set(
            conn,
            company_id,
            {
                "agreement": shipped.agreement,
                "valid_from": valid_from,
                "rules": rule_set_document(shipped),
                "allow_past": True,
            },
            now,
            window=window,
            actor=actor,
        )
        for shipped in SHIPPED
    ]


# Parts ----------------------------------------------------------------------------------------


def _agreement(value: Any) -> str:
    text = "" if value is None else str(value).strip()
    if not text:
        raise InvalidInput("Agreement is required", [Problem("is required", "Agreement")])
    if len(text) > 100:
        raise InvalidInput(
            "Agreement is too long", [Problem("must be at most 100 characters", "Agreement")]
        )
    return text


def _not_past(conn: Connection, company_id: int, first: date, allowed: bool, now: datetime) -> None:
    zone = ZoneInfo(attest_store.company_time_zone(conn, company_id))
    today = now.astimezone(zone).date()
    if first <= today and not allowed:
        raise Conflict(
            f"ValidFrom {first} is not after today ({today}): the rules would change days "
            "already worked, perhaps attested and paid. To change the rules from a date, "
            "add a version from a later date; to set up rules for past days on purpose, "
            "send AllowPast true (--allow-past on the command line)."
        )


def _rules(
    conn: Connection, company_id: int, agreement: str, first: date, document: Any
) -> RuleSet:
    """The document as the domain's, its codes spelled as the register spells them."""
    if document is None:
        raise InvalidInput("Rules is required", [Problem("is required", "Rules")])
    for text in _texts(document):
        if reason := text_problem(text):
            raise InvalidInput(f"Rules: {reason}", [Problem(reason, "Rules")])
    try:
        rules = rule_set_from_document(agreement, first, document)
    except ValueError as error:
        raise InvalidInput(
            f"Rules: {error}", [Problem(str(error), f"Rules.{str(error).split(':')[0]}")]
        ) from error
    registered = _codes(conn, company_id)
    named = [w.code for w in rules.windows]
    if rules.overtime is not None:
        o = rules.overtime
        named += [o.mertid_code, *o.codes, o.comp_leave_code]
    missing = [code for code in dict.fromkeys(named) if match_key(code) not in registered]
    if missing:
        raise InvalidInput(
            f"Rules name time codes this company does not have: {', '.join(missing)}",
            [
                Problem(f"time code {code!r} is not an active code of this company", "Rules")
                for code in missing
            ],
        )
    windows = tuple(w._replace(code=registered[match_key(w.code)]) for w in rules.windows)
    overtime = rules.overtime
    if overtime is not None:
        overtime = overtime._replace(
            mertid_code=registered[match_key(overtime.mertid_code)],
            codes=overtime.codes._make(registered[match_key(c)] for c in overtime.codes),
            comp_leave_code=registered[match_key(overtime.comp_leave_code)],
        )
    return rules._replace(windows=windows, overtime=overtime)


def _texts(document: Any) -> list[str]:
    """Every text in a JSON document, keys too."""
    if isinstance(document, str):
        return [document]
    if isinstance(document, dict):
        return [t for key, value in document.items() for t in [*_texts(key), *_texts(value)]]
    if isinstance(document, list):
        return [t for item in document for t in _texts(item)]
    return []


def _codes(conn: Connection, company_id: int) -> dict[str, str]:
    """The company's active time codes by match key."""
    t = time_codes.c
    query = select(t.code).where(t.company_id == company_id, t.active.is_(True))
    return {match_key(code): code for code in conn.execute(query).scalars()}


def _version(conn: Connection, company_id: int, agreement: str, first: date) -> Row | None:
    return store_md.find_row(conn, rule_sets, company_id, agreement=agreement, valid_from=first)


def _spelled(conn: Connection, company_id: int, agreement: str) -> str:
    """The agreement as its earlier versions spell it, so one agreement has one name."""
    row = store_md.find_row(conn, rule_sets, company_id, agreement=agreement)
    return agreement if row is None else row.agreement


def _rows(conn: Connection, company_id: int, agreement: str | None = None) -> list[Row]:
    r = rule_sets.c
    query = select(rule_sets).where(r.company_id == company_id)
    if agreement is not None:
        query = query.where(r.agreement_key == match_key(agreement.strip()))
    return list(conn.execute(query.order_by(r.agreement_key, r.valid_from)))


def _views(conn: Connection, company_id: int, agreement: str | None = None) -> list[RuleSetView]:
    rows = _rows(conn, company_id, agreement)
    views = []
    for n, row in enumerate(rows):
        after = rows[n + 1] if n + 1 < len(rows) else None
        same = after is not None and after.agreement_key == row.agreement_key
        until = date.fromordinal(after.valid_from.toordinal() - 1) if same and after else None
        views.append(
            RuleSetView(
                id=row.id,
                agreement=row.agreement,
                valid_from=row.valid_from,
                valid_to=until,
                rules=row.rules,
                created_at=row.created_at,
            )
        )
    return views


def _view_of(conn: Connection, company_id: int, row_id: int) -> RuleSetView:
    return next(view for view in _views(conn, company_id) if view.id == row_id)


def _key(agreement: str, first: date) -> str:
    return f"{agreement} from {first.isoformat()}"
