"""The /Admin API's caller: an admin key as ``Authorization: Bearer``, and nothing else.

Integration credentials (companyApiKey, connectApiKey, token) are not looked at here, so an
integration can never reach the /Admin API, and an admin key is not a token, so it can never
post punches.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool

from stampla.service.admin_keys import AdminPrincipal, authenticate_admin
from stampla.service.roles import Role, StaffActor

from ..deps import StoreDep

_bearer = HTTPBearer(
    auto_error=False,
    scheme_name="AdminKey",
    description="An admin key from `stampla admin-key create`, as `Authorization: Bearer …`.",
)


async def admin_principal(
    store: StoreDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> AdminPrincipal:
    """The company and admin key of the caller; 401 for anything else."""
    key = credentials.credentials if credentials else None
    return await run_in_threadpool(authenticate_admin, store, key)


Admin = Annotated[AdminPrincipal, Depends(admin_principal)]


async def admin_actor(principal: Admin) -> StaffActor:
    """The caller as an actor with a role: an admin key acts as ``admin`` on every employee.
    (Staff users calling the API resolve to their own role and scope here.)"""
    return StaffActor(principal.actor, Role.ADMIN)


AdminActor = Annotated[StaffActor, Depends(admin_actor)]

#: Error answers every admin route may give, for the OpenAPI document.
ADMIN_ERRORS: dict[int | str, dict] = {
    400: {"description": "Invalid input; `errors` names each field"},
    401: {"description": "Missing, unknown or revoked admin key"},
    404: {"description": "No such record in this company"},
    409: {"description": "Clashes with existing data"},
    415: {"description": "A JSON body not sent as application/json"},
}
