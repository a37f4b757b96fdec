"""/Admin/Integrations and /Admin/Users: the credentials integrations log in with.

A new connectApiKey or password is in the answer of the call that made it, and nowhere after.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from stampla.service import masterdata as md

from ..deps import Now, StoreDep
from .admin_body import documented, json_body
from .admin_deps import ADMIN_ERRORS, Admin
from .admin_models import IntegrationNew, PasswordNew, UserNew

router = APIRouter(prefix="/Admin", tags=["Admin: credentials"], responses=ADMIN_ERRORS)

IntegrationNewBody = Annotated[IntegrationNew, json_body(IntegrationNew)]
UserNewBody = Annotated[UserNew, json_body(UserNew)]
PasswordNewBody = Annotated[PasswordNew, json_body(PasswordNew, empty_means_default=True)]

IntegrationName = Annotated[str, Query(alias="name", description="The integration's name.")]
UserName = Annotated[str, Query(alias="userName", description="The API user's name.")]


@router.get("/Integrations", response_model=list[md.IntegrationView])
def list_integrations(admin: Admin, store: StoreDep) -> list[md.IntegrationView]:
    return md.list_integrations(store, admin.company_id)


@router.post(
    "/Integrations",
    response_model=md.CreatedIntegration,
    status_code=201,
    summary="Create an integration; its connectApiKey is in this answer only",
    openapi_extra=documented(IntegrationNew),
)
def create_integration(
    admin: Admin, store: StoreDep, now: Now, new: IntegrationNewBody
) -> md.CreatedIntegration:
    return md.create_integration(store, admin.company_id, new.name, now, actor=admin.actor)


@router.post(
    "/Integrations/Rotate",
    response_model=md.CreatedIntegration,
    summary="Issue a new connectApiKey; the old key and its tokens stop at once",
)
def rotate_integration(
    admin: Admin, store: StoreDep, now: Now, name: IntegrationName
) -> md.CreatedIntegration:
    return md.rotate_integration(store, admin.company_id, name, now, actor=admin.actor)


@router.post(
    "/Integrations/Revoke",
    response_model=md.IntegrationView,
    summary="Revoke an integration for good; its key and tokens stop at once",
)
def revoke_integration(
    admin: Admin, store: StoreDep, now: Now, name: IntegrationName
) -> md.IntegrationView:
    return md.revoke_integration(store, admin.company_id, name, now, actor=admin.actor)


@router.get("/Users", response_model=list[md.ApiUserView])
def list_users(admin: Admin, store: StoreDep) -> list[md.ApiUserView]:
    return md.list_api_users(store, admin.company_id)


@router.post(
    "/Users",
    response_model=md.UserPassword,
    status_code=201,
    summary="Add an API user; a generated password is in this answer only",
    openapi_extra=documented(UserNew),
)
def add_user(admin: Admin, store: StoreDep, now: Now, new: UserNewBody) -> md.UserPassword:
    user = md.add_api_user(
        store, admin.company_id, new.user_name, new.password, now, actor=admin.actor
    )
    return _echo(user, generated=new.password is None)


@router.post(
    "/Users/Password",
    response_model=md.UserPassword,
    summary="Set a new password (generated when left out); the user's tokens stop at once",
    openapi_extra=documented(PasswordNew, required=False),
)
def set_password(
    admin: Admin,
    store: StoreDep,
    now: Now,
    user_name: UserName,
    new: PasswordNewBody,
) -> md.UserPassword:
    user = md.set_password(store, admin.company_id, user_name, new.password, now, actor=admin.actor)
    return _echo(user, generated=new.password is None)


@router.post(
    "/Users/Disable",
    response_model=md.ApiUserView,
    summary="Disable an API user; its tokens stop at once",
)
def disable_user(admin: Admin, store: StoreDep, now: Now, user_name: UserName) -> md.ApiUserView:
    return md.set_api_user_active(store, admin.company_id, user_name, False, now, actor=admin.actor)


@router.post("/Users/Enable", response_model=md.ApiUserView, summary="Enable an API user again")
def enable_user(admin: Admin, store: StoreDep, now: Now, user_name: UserName) -> md.ApiUserView:
    return md.set_api_user_active(store, admin.company_id, user_name, True, now, actor=admin.actor)


def _echo(user: md.UserPassword, *, generated: bool) -> md.UserPassword:
    """A password the caller chose is not sent back; only a generated one is."""
    return user if generated else user.model_copy(update={"password": ""})
