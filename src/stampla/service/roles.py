"""What each staff role may do, and whose days it may touch.

Staff users (payroll, HR, managers) sign in to the pages, or call the /Admin API with a staff
token (``staff_tokens``); API users serve integrations only.
A role is a fixed set of permissions, each role including the one below it, so "may this
user do X" is one lookup, the same on the pages and the API:

* ``viewer`` sees time and registers;
* ``attestant`` also corrects punches and attests days of the employees in their scope;
* ``payroll`` also approves (the locking level), reopens, un-attests, dismisses late punches
  and exports;
* ``admin`` also manages registers, settings and staff users.

Which attest-state transitions a role may make is configured per company on top of this
(``attest_states``); the permissions here are the ceiling.

An attestant's *scope* is all employees, or those whose current account in one coding level
is in a list (a manager attests their own department). ``StaffScope.everyone`` is the scope
of every other role.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from stampla.errors import Forbidden


class Role(StrEnum):
    VIEWER = "viewer"
    ATTESTANT = "attestant"
    PAYROLL = "payroll"
    ADMIN = "admin"


class Permission(StrEnum):
    VIEW = "view"
    CORRECT = "correct"
    ATTEST = "attest"
    APPROVE = "approve"
    REOPEN = "reopen"
    DISMISS_LATE = "dismiss_late"
    EXPORT = "export"
    MANAGE_REGISTERS = "manage_registers"
    MANAGE_STAFF = "manage_staff"


_VIEWER = frozenset({Permission.VIEW})
_ATTESTANT = _VIEWER | {Permission.CORRECT, Permission.ATTEST}
_PAYROLL = _ATTESTANT | {
    Permission.APPROVE,
    Permission.REOPEN,
    Permission.DISMISS_LATE,
    Permission.EXPORT,
}
_ADMIN = _PAYROLL | {Permission.MANAGE_REGISTERS, Permission.MANAGE_STAFF}

PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.VIEWER: _VIEWER,
    Role.ATTESTANT: _ATTESTANT,
    Role.PAYROLL: _PAYROLL,
    Role.ADMIN: _ADMIN,
}


@dataclass(frozen=True, slots=True)
class StaffScope:
    """The employees a staff user may attest and correct.

    ``coding_level`` None means every employee; otherwise the employees whose current account
    in that coding level (by its name) is one of ``accounts`` (account numbers).
    """

    coding_level: str | None = None
    accounts: frozenset[str] = field(default_factory=frozenset)

    @property
    def everyone(self) -> bool:
        return self.coding_level is None


EVERYONE = StaffScope()


@dataclass(frozen=True, slots=True)
class StaffActor:
    """Who acts, with what role and scope: a staff user on the pages or the API, or an admin
    key (role ``admin``, every employee). ``name`` is what the audit trail records."""

    name: str
    role: Role
    scope: StaffScope = EVERYONE
    staff_user_id: int | None = None

    def may(self, permission: Permission) -> bool:
        return permission in PERMISSIONS[self.role]

    def require(self, permission: Permission) -> None:
        """Forbidden (403) unless the role has ``permission``."""
        if not self.may(permission):
            raise Forbidden(f"Your role ({self.role.value}) may not {_describe(permission)}.")


def _describe(permission: Permission) -> str:
    return {
        Permission.VIEW: "view time",
        Permission.CORRECT: "correct punches",
        Permission.ATTEST: "attest days",
        Permission.APPROVE: "approve days",
        Permission.REOPEN: "reopen days",
        Permission.DISMISS_LATE: "dismiss late punches",
        Permission.EXPORT: "export to payroll",
        Permission.MANAGE_REGISTERS: "change registers or settings",
        Permission.MANAGE_STAFF: "manage staff users",
    }[permission]
