"""Coding levels (Finance > Accounting > Coding levels): the account dimensions, by number.

A level has no Active flag and does not change once made; its accounts do (``accounts``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic import Field as About
from sqlalchemy import Connection, Row

from stampla.errors import Conflict, InvalidInput, NotFound, Problem
from stampla.store import masterdata as store_md
from stampla.store.tables import accounts, coding_levels
from stampla.wire.base import OutputModel

from .. import values as v
from ..fields import INTEGER, Field
from ..register import AdminRoutes, Commands, Register


class CodingLevelView(OutputModel):
    id: int
    number: int
    name: str
    sie_dimension: int | None = None
    accounts: int = About(0, description="Accounts in the level.")
    created_at: datetime


@dataclass(frozen=True)
class CodingLevelSpec:
    number: int
    name: str
    sie_dimension: int | None = None


_number = v.integer(0, 999_999)


def find_level(
    conn: Connection, company_id: int, level: int | str | None, sie_dimension: int | str | None
) -> Row | None:
    """The coding level named by number or SIE dimension; None when neither is given."""
    if level is None and sie_dimension is None:
        return None
    key, field = (
        ("number", "CodingLevel") if level is not None else ("sie_dimension", "SieDimension")
    )
    try:
        wanted = _number(level if level is not None else sie_dimension)
    except ValueError as error:
        raise InvalidInput(f"{field} {error}", [Problem(str(error), field)]) from None
    found = store_md.find_row(conn, coding_levels, company_id, **{key: wanted})
    if found is None:
        what = "Coding level" if key == "number" else "No coding level with SIE dimension"
        raise NotFound(f"{what} {wanted} does not exist", [Problem("does not exist", field)])
    return found


def _dimension_free(conn: Connection, company_id: int, values: Mapping[str, Any]) -> None:
    """Punches name a level by its SIE dimension, so no two levels may share one."""
    dimension = values["sie_dimension"]
    if dimension is not None and store_md.find_id(
        conn, coding_levels, company_id, sie_dimension=dimension
    ):
        raise Conflict(
            f"Another coding level already has SIE dimension {dimension}",
            [Problem("is taken by another coding level", "SieDimension")],
        )


def _with_counts(conn: Connection, company_id: int, levels: list[Row]) -> list[CodingLevelView]:
    """Each level with how many accounts it holds."""
    return [
        CodingLevelView(
            id=level.id,
            number=level.number,
            name=level.name,
            sie_dimension=level.sie_dimension,
            accounts=store_md.count_rows(conn, accounts, company_id, level_id=level.id),
            created_at=level.created_at,
        )
        for level in levels
    ]


CODING_LEVEL = Register(
    entity="coding_level",
    title="Coding level",
    table=coding_levels,
    key="number",
    fields=(
        Field(
            "number",
            "Number",
            "Number",
            _number,
            ("Nummer",),
            True,
            help="The level's number.",
            accepts=INTEGER,
        ),
        Field(
            "name",
            "Name",
            "Name",
            v.text(100),
            ("Namn",),
            True,
            help="The level's name, e.g. Region.",
        ),
        Field(
            "sie_dimension",
            "SieDimension",
            "SIE Dimension",
            _number,
            ("SieAccountDim", "SIE-dimension"),
            help="SIE dimension: what punches send as SieAccountDim.",
            accepts=INTEGER,
        ),
    ),
    changes=False,
    view=CodingLevelView,
    spec=CodingLevelSpec,
    present=_with_counts,
    check_new=_dimension_free,
    admin=AdminRoutes(tag="Admin: accounts", summaries={"list": "List levels"}),
    commands=Commands(
        name="level",
        help="Coding levels: the account dimensions, each with an optional SIE dimension.\n\n"
        "Example: stampla level add 3 Region --sie-dimension 30",
        named="Coding level {number}",
        added="Coding level {number} ({name}) added.",
        arguments=("name",),
        docs={"list": "List coding levels with their SIE dimension and number of accounts."},
        examples={
            "add": "stampla level add 2 Avdelning --sie-dimension 50",
            "list": "stampla level list",
        },
        columns=(
            ("number", lambda level: level.number),
            ("name", lambda level: level.name),
            ("SIE dimension", lambda level: level.sie_dimension),
            ("accounts", lambda level: level.accounts),
        ),
    ),
)
