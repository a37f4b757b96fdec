"""The /Admin API's caller: an admin key, or a staff user's token, as ``Authorization: Bearer``.

An admin key acts as role ``admin`` on every employee and is named ``admin-key:<name>`` in
the audit trail. A staff token (``POST /Admin/StaffToken``) acts as its staff user, with the
user's current role and scope, named ``staff:<name>``. Routes of the attest workflow
(``AdminOrStaff``) take either and check the permission they need; the registers, settings
and credentials (``Admin``) need the role ``admin``, so a staff token of any other role is a
403 there.

Integration credentials (companyApiKey, connectApiKey, token) are not looked at here, so an
integration can never reach the /Admin API, and neither an admin key nor a staff token is an
integration's token, so neither can post punches.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool

from stampla.service.admin_keys import authenticate_admin
from stampla.service.audit import Actor
from stampla.service.roles import Permission, Role, StaffActor
from stampla.service.staff_tokens import authenticate_staff_token, is_staff_token

from ..deps import Now, StoreDep

_admin_key = HTTPBearer(
    auto_error=False,
    scheme_name="AdminKey",
    description="An admin key from `stampla admin-key create`, as `Authorization: Bearer …`.",
)
_staff_token = HTTPBearer(
    auto_error=False,
    scheme_name="StaffToken",
    description="A staff user's token from `POST /Admin/StaffToken`, as `Authorization: "
    "Bearer …`; it acts with that user's role and scope.",
)

Bearer = Annotated[HTTPAuthorizationCredentials | None, Depends(_admin_key)]
StaffBearer = Annotated[HTTPAuthorizationCredentials | None, Depends(_staff_token)]


@dataclass(frozen=True, slots=True)
class AdminCaller:
    """Who calls the /Admin API: one company, and the actor (role, scope) acting for it."""

    company_id: int
    staff: StaffActor

    @property
    def actor(self) -> Actor:
        """What the audit trail records."""
        return self.staff.name


async def admin_caller(store: StoreDep, now: Now, key: Bearer, _token: StaffBearer) -> AdminCaller:
    """The company and actor of the caller; 401 for anything but an admin key or a valid
    staff token. (Both schemes read the one Authorization header; the second is declared so
    that the OpenAPI document offers both.)"""
    value = key.credentials if key else None
    if is_staff_token(value):
        assert value is not None
        principal = await run_in_threadpool(authenticate_staff_token, store, value, now)
        return AdminCaller(principal.company_id, principal.actor)
    admin = await run_in_threadpool(authenticate_admin, store, value)
    return AdminCaller(admin.company_id, StaffActor(admin.actor, Role.ADMIN))


AdminOrStaff = Annotated[AdminCaller, Depends(admin_caller)]


async def register_admin(caller: AdminOrStaff) -> AdminCaller:
    """The caller of a register, setting or credential route: an admin key, or a staff token
    of role admin; 403 for any other role."""
    caller.staff.require(Permission.MANAGE_REGISTERS)
    return caller


Admin = Annotated[AdminCaller, Depends(register_admin)]


async def admin_actor(caller: AdminOrStaff) -> StaffActor:
    """The caller as an actor with a role and scope (an admin key: ``admin``, everyone)."""
    return caller.staff


AdminActor = Annotated[StaffActor, Depends(admin_actor)]

#: Error answers every admin route may give, for the OpenAPI document.
ADMIN_ERRORS: dict[int | str, dict] = {
    400: {"description": "Invalid input; `errors` names each field"},
    401: {"description": "Missing, unknown or revoked admin key or staff token"},
    403: {"description": "The staff user's role or scope does not allow this"},
    404: {"description": "No such record in this company"},
    409: {"description": "Clashes with existing data"},
    415: {"description": "A JSON body not sent as application/json"},
}
