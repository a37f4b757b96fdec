"""Accounts (Finance > Accounting > Coding levels), each in one coding level.

An account is found by its AccountNr within its coding level. The level is named by its
number or by its SIE dimension (what punches send as SieAccountDim); without either, the
AccountNr must be unambiguous, exactly as a punch's AccountNr must be.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic import Field as About
from sqlalchemy import Connection, Row

from stampla.store import masterdata as store_md
from stampla.store.tables import accounts, coding_levels
from stampla.wire.base import OutputModel

from .. import values as v
from ..fields import ACTIVE, IDENTIFIER, INTEGER, Field
from ..register import AdminRoutes, Commands, CsvForm, Parent, Register
from .coding_levels import find_level


class AccountView(OutputModel):
    id: int
    coding_level: int = About(description="Number of the coding level the account belongs to.")
    level_name: str
    sie_dimension: int | None = None
    account_nr: str
    name: str
    active: bool
    created_at: datetime


@dataclass(frozen=True)
class AccountSpec:
    level: int
    account_nr: str
    name: str
    active: bool = True


def account_key(account_nr: str, level_number: int) -> str:
    """How the audit trail names an account."""
    return f"{account_nr} in level {level_number}"


def _level_of(conn: Connection, company_id: int, refs: Mapping[str, Any]) -> Row | None:
    return find_level(conn, company_id, refs.get("level"), refs.get("sie_dimension"))


def _with_levels(conn: Connection, company_id: int, found: list[Row]) -> list[AccountView]:
    """The accounts with their level's number and names, by level number and AccountNr."""
    levels = store_md.select_rows(conn, coding_levels, company_id, order_by=["number"])
    by_id = {level.id: level for level in levels}
    views = [
        AccountView(
            id=row.id,
            coding_level=by_id[row.level_id].number,
            level_name=by_id[row.level_id].name,
            sie_dimension=by_id[row.level_id].sie_dimension,
            account_nr=row.account_nr,
            name=row.name,
            active=row.active,
            created_at=row.created_at,
        )
        for row in found
    ]
    return sorted(views, key=lambda view: (view.coding_level, view.account_nr))


_level_number = v.integer(0, 999_999)

LEVEL = Parent(
    title="coding level",
    table=coding_levels,
    label="number",
    column="level_id",
    refs=(
        Field(
            "level",
            "CodingLevel",
            "Coding level",
            _level_number,
            ("Level", "Nivå", "Konteringsnivå"),
            help="The coding level's number.",
            accepts=INTEGER,
            option="--level",
        ),
        Field(
            "sie_dimension",
            "SieDimension",
            "SIE Dimension",
            _level_number,
            ("SieAccountDim", "Dimension"),
            help="Or the coding level's SIE dimension.",
            accepts=INTEGER,
        ),
    ),
    find=_level_of,
    audit_key=lambda account_nr, level: account_key(account_nr, level.number),
)

ACCOUNT = Register(
    entity="account",
    title="Account",
    table=accounts,
    key="account_nr",
    parent=LEVEL,
    fields=(
        Field(
            "account_nr",
            "AccountNr",
            "Number",
            v.text(50),
            ("Account number", "Konto", "Kontonummer", "Nummer"),
            required=True,
            help="The AccountNr, unique within its coding level.",
            accepts=IDENTIFIER,
        ),
        Field("name", "Name", "Name", v.text(200), ("Namn",), True, help="The account's name."),
        ACTIVE,
    ),
    view=AccountView,
    spec=AccountSpec,
    present=_with_levels,
    csv=CsvForm(
        "accounts",
        fill=Field(
            "level",
            "CodingLevel",
            "Coding level",
            _level_number,
            help="Coding level of rows whose file names none.",
            option="--level",
        ),
        note="`codingLevel` is the level of rows whose file names none (no CodingLevel column).",
    ),
    admin=AdminRoutes(summaries={"update": "Rename or (de)activate"}),
    commands=Commands(
        name="account",
        help="Accounts, found by AccountNr within a coding level.\n\n"
        "Example: stampla account add 1000 Stockholm --level 3",
        named="Account {account_nr} in {level_name}",
        added="Account {account_nr} added to {level_name}.",
        arguments=("name",),
        docs={
            "add": "Add an account to a coding level (named by --level or --sie-dimension).",
            "list": "List accounts by coding level and AccountNr.",
        },
        examples={
            "add": "stampla account add 1000 Stockholm --level 3",
            "update": "stampla account update 1000 --level 3 --name Sthlm",
            "deactivate": "stampla account deactivate 4001 --level 2",
            "activate": "stampla account activate 1000 --level 3",
            "list": "stampla account list --level 3",
            "import": "stampla account import region.csv --level 3",
        },
        columns=(
            ("active", lambda a: a.active),
            ("level", lambda a: f"{a.coding_level} {a.level_name}"),
            ("SIE", lambda a: a.sie_dimension),
            ("number", lambda a: a.account_nr),
            ("name", lambda a: a.name),
        ),
    ),
)
