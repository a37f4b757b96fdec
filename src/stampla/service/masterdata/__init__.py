"""Setting up a company: credentials and the registers a punch refers to.

Each operation on a store (``create_*``, ``add_*``, ``update_*``, ``set_*_active``,
``list_*``) is one unit of work and records what it changed in the audit trail. The
``put_*`` functions add one record inside a transaction the caller already holds, so that
seeding can commit many records at once. CSV imports live in ``stampla.service.csv_import``.

Modules: ``fields`` and ``registers`` describe every register's fields once; ``values``
parses what people type; ``records`` adds and changes one record with its audit event;
``tx`` turns a clash with a concurrent change into Conflict; ``views`` is what callers see;
the other modules are the use cases of one register each.
"""

from __future__ import annotations

from .accounts import (
    add_account,
    add_coding_level,
    list_accounts,
    list_coding_levels,
    put_account,
    put_coding_level,
    set_account_active,
    update_account,
)
from .activity import set_active
from .companies import (
    check_time_zone,
    company_for,
    create_company,
    list_companies,
    rotate_company_key,
    show_company,
    update_company,
)
from .credentials import (
    add_api_user,
    create_integration,
    list_api_users,
    list_integrations,
    put_api_user,
    put_integration,
    revoke_integration,
    rotate_integration,
    set_api_user_active,
    set_password,
)
from .employees import (
    add_employee,
    count_employees,
    get_employee,
    list_employees,
    put_employee,
    set_employee_active,
    update_employee,
)
from .specs import AccountSpec, CodingLevelSpec, EmployeeSpec, TerminalSpec, TimeCodeSpec
from .terminals import (
    add_terminal,
    list_terminals,
    put_terminal,
    set_terminal_active,
    update_terminal,
)
from .time_codes import (
    add_time_code,
    list_time_codes,
    put_time_code,
    set_time_code_active,
    update_time_code,
)
from .values import TERMINAL_KINDS, TIME_CODE_KINDS
from .views import (
    AccountView,
    ApiUserView,
    CodingLevelView,
    CompanyView,
    CreatedCompany,
    CreatedIntegration,
    EmployeeView,
    IntegrationView,
    TerminalView,
    TimeCodeView,
    UserPassword,
)

__all__ = [
    "TERMINAL_KINDS",
    "TIME_CODE_KINDS",
    "AccountSpec",
    "AccountView",
    "ApiUserView",
    "CodingLevelSpec",
    "CodingLevelView",
    "CompanyView",
    "CreatedCompany",
    "CreatedIntegration",
    "EmployeeSpec",
    "EmployeeView",
    "IntegrationView",
    "TerminalSpec",
    "TerminalView",
    "TimeCodeSpec",
    "TimeCodeView",
    "UserPassword",
    "add_account",
    "add_api_user",
    "add_coding_level",
    "add_employee",
    "count_employees",
    "add_terminal",
    "add_time_code",
    "check_time_zone",
    "company_for",
    "create_company",
    "create_integration",
    "get_employee",
    "list_accounts",
    "list_api_users",
    "list_coding_levels",
    "list_companies",
    "list_employees",
    "list_integrations",
    "list_terminals",
    "list_time_codes",
    "put_account",
    "put_api_user",
    "put_coding_level",
    "put_employee",
    "put_integration",
    "put_terminal",
    "put_time_code",
    "revoke_integration",
    "rotate_integration",
    "set_account_active",
    "set_active",
    "set_api_user_active",
    "set_employee_active",
    "set_password",
    "set_terminal_active",
    "set_time_code_active",
    "show_company",
    "update_account",
    "rotate_company_key",
    "update_company",
    "update_employee",
    "update_terminal",
    "update_time_code",
]
