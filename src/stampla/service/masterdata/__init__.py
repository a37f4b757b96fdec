"""Setting up a company: credentials and the registers a punch refers to.

Each register is declared once in ``registers/`` (fields, key, view, what it offers), and
``records.Records`` derives its use cases from the declaration. The names below
(``add_employee``, ``list_time_codes``, ``put_account`` …) are those use cases, bound to their
register. Each operation on a store (``create_*``, ``add_*``, ``update_*``, ``set_*_active``,
``list_*``) is one unit of work and records what it changed in the audit trail. The
``put_*`` functions add one record inside a transaction the caller already holds, so that
seeding can commit many records at once. CSV imports live in ``stampla.service.csv_import``.

Modules: ``fields`` and ``register`` are what a declaration is made of; ``values`` parses
what people type; ``records`` holds the use cases; ``tx`` turns a clash with a concurrent
change into Conflict; ``companies`` and ``credentials`` are the company and what
integrations log in with, and ``views`` what callers see of those.
"""

from __future__ import annotations

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
from .records import Records
from .register import Register
from .registers import (
    ACCOUNT,
    CODING_LEVEL,
    EMPLOYEE,
    PLANNING_REGISTERS,
    REGISTERS,
    SCHEDULE_TEMPLATE,
    TERMINAL,
    TIME_CODE,
    AccountSpec,
    AccountView,
    CodingLevelSpec,
    CodingLevelView,
    EmployeeSpec,
    EmployeeView,
    ScheduleTemplateSpec,
    ScheduleTemplateView,
    TerminalSpec,
    TerminalView,
    TimeCodeSpec,
    TimeCodeView,
)
from .values import TERMINAL_KINDS, TIME_CODE_KINDS
from .views import (
    ApiUserView,
    CompanyView,
    CreatedCompany,
    CreatedIntegration,
    IntegrationView,
    UserPassword,
)

employees = Records(EMPLOYEE)
terminals = Records(TERMINAL)
coding_levels = Records(CODING_LEVEL)
accounts = Records(ACCOUNT)
time_codes = Records(TIME_CODE)
schedule_templates = Records(SCHEDULE_TEMPLATE)

put_employee = employees.put
add_employee = employees.add
update_employee = employees.update
set_employee_active = employees.set_active
get_employee = employees.get
list_employees = employees.list
count_employees = employees.count

put_terminal = terminals.put
add_terminal = terminals.add
update_terminal = terminals.update
set_terminal_active = terminals.set_active
list_terminals = terminals.list

put_coding_level = coding_levels.put
add_coding_level = coding_levels.add
list_coding_levels = coding_levels.list

put_account = accounts.put
add_account = accounts.add
update_account = accounts.update
set_account_active = accounts.set_active
list_accounts = accounts.list

put_time_code = time_codes.put
add_time_code = time_codes.add
update_time_code = time_codes.update
set_time_code_active = time_codes.set_active
list_time_codes = time_codes.list

put_schedule_template = schedule_templates.put
add_schedule_template = schedule_templates.add
update_schedule_template = schedule_templates.update
set_schedule_template_active = schedule_templates.set_active
get_schedule_template = schedule_templates.get
list_schedule_templates = schedule_templates.list

__all__ = [
    "ACCOUNT",
    "CODING_LEVEL",
    "EMPLOYEE",
    "PLANNING_REGISTERS",
    "REGISTERS",
    "SCHEDULE_TEMPLATE",
    "TERMINAL",
    "TIME_CODE",
    "Records",
    "Register",
    "accounts",
    "coding_levels",
    "employees",
    "schedule_templates",
    "terminals",
    "time_codes",
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
    "ScheduleTemplateSpec",
    "ScheduleTemplateView",
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
    "add_schedule_template",
    "get_schedule_template",
    "list_schedule_templates",
    "put_schedule_template",
    "set_schedule_template_active",
    "update_schedule_template",
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
