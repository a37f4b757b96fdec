"""/Admin/CodingLevels and /Admin/Accounts (Finance > Accounting > Coding levels).

An account is named by its AccountNr and, where that number exists in several levels, by its
coding level's number (``codingLevel``) or SIE dimension (``sieDimension``).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request

from stampla.service import masterdata as md
from stampla.service.csv_import import ImportOptions, ImportReport

from ..deps import Now, SettingsDep, StoreDep
from .admin_body import documented, json_body
from .admin_deps import ADMIN_ERRORS, Admin
from .admin_import import (
    DESCRIPTION,
    IMPORT_BODY,
    Delimiter,
    Encoding,
    FileName,
    SkipInvalid,
    run_csv_import,
)
from .admin_models import AccountFields, CodingLevelNew

router = APIRouter(prefix="/Admin", tags=["Admin: accounts"], responses=ADMIN_ERRORS)

CodingLevelNewBody = Annotated[CodingLevelNew, json_body(CodingLevelNew)]
AccountFieldsBody = Annotated[AccountFields, json_body(AccountFields)]

AccountNr = Annotated[str, Query(alias="accountNr", description="The AccountNr.")]
Level = Annotated[str | None, Query(alias="codingLevel", description="The coding level's number.")]
Dimension = Annotated[
    str | None, Query(alias="sieDimension", description="Or the coding level's SIE dimension.")
]


@router.get("/CodingLevels", response_model=list[md.CodingLevelView], summary="List levels")
def list_levels(admin: Admin, store: StoreDep) -> list[md.CodingLevelView]:
    return md.list_coding_levels(store, admin.company_id)


@router.post(
    "/CodingLevels",
    response_model=md.CodingLevelView,
    status_code=201,
    summary="Add a coding level",
    openapi_extra=documented(CodingLevelNew),
)
def add_level(
    admin: Admin, store: StoreDep, now: Now, level: CodingLevelNewBody
) -> md.CodingLevelView:
    return md.add_coding_level(store, admin.company_id, level.given(), now, actor=admin.actor)


@router.get("/Accounts", response_model=list[md.AccountView], summary="List accounts")
def list_accounts(
    admin: Admin,
    store: StoreDep,
    level: Level = None,
    active: Annotated[bool | None, Query(description="Only active or inactive ones.")] = None,
) -> list[md.AccountView]:
    return md.list_accounts(store, admin.company_id, level=level, active=active)


@router.post(
    "/Accounts",
    response_model=md.AccountView,
    status_code=201,
    summary="Add an account",
    openapi_extra=documented(AccountFields),
)
def add_account(
    admin: Admin, store: StoreDep, now: Now, account: AccountFieldsBody
) -> md.AccountView:
    given = account.given()
    level, dimension = given.pop("coding_level", None), given.pop("sie_dimension", None)
    return md.add_account(
        store,
        admin.company_id,
        given,
        now,
        level=level,
        sie_dimension=dimension,
        actor=admin.actor,
    )


@router.patch(
    "/Accounts",
    response_model=md.AccountView,
    summary="Rename or (de)activate",
    openapi_extra=documented(AccountFields),
)
def update_account(
    admin: Admin,
    store: StoreDep,
    now: Now,
    account_nr: AccountNr,
    account: AccountFieldsBody,
    level: Level = None,
    dimension: Dimension = None,
) -> md.AccountView:
    return md.update_account(
        store,
        admin.company_id,
        account_nr,
        account.given(),
        now,
        level=level,
        sie_dimension=dimension,
        actor=admin.actor,
    )


@router.post(
    "/Accounts/Deactivate",
    response_model=md.AccountView,
    summary="Deactivate an account",
    description="Stored punches stay valid and visible; new punches are refused as inactive.",
)
def deactivate_account(
    admin: Admin,
    store: StoreDep,
    now: Now,
    account_nr: AccountNr,
    level: Level = None,
    dimension: Dimension = None,
) -> md.AccountView:
    return md.set_account_active(
        store,
        admin.company_id,
        account_nr,
        False,
        now,
        level=level,
        sie_dimension=dimension,
        actor=admin.actor,
    )


@router.post(
    "/Accounts/Activate", response_model=md.AccountView, summary="Activate an account again"
)
def activate_account(
    admin: Admin,
    store: StoreDep,
    now: Now,
    account_nr: AccountNr,
    level: Level = None,
    dimension: Dimension = None,
) -> md.AccountView:
    return md.set_account_active(
        store,
        admin.company_id,
        account_nr,
        True,
        now,
        level=level,
        sie_dimension=dimension,
        actor=admin.actor,
    )


@router.post(
    "/Accounts/Import",
    response_model=ImportReport,
    summary="Import accounts from CSV, upserting by AccountNr within its coding level",
    description=DESCRIPTION
    + "\n\n`codingLevel` is the level of rows whose file names none (no CodingLevel column).",
    openapi_extra=IMPORT_BODY,
)
async def import_accounts(
    request: Request,
    admin: Admin,
    store: StoreDep,
    settings: SettingsDep,
    now: Now,
    level: Level = None,
    skip_invalid: SkipInvalid = False,
    encoding: Encoding = None,
    delimiter: Delimiter = None,
    file_name: FileName = None,
) -> ImportReport:
    options = ImportOptions(
        skip_invalid=skip_invalid,
        encoding=encoding,
        delimiter=delimiter,
        file_name=file_name,
        level=level,
    )
    return await run_csv_import(request, admin, store, settings, now, "accounts", options)
