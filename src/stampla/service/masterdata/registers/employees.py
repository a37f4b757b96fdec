"""Employees (Staff > Employee > Employees), found by EmployeeNr."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from pydantic import Field as About
from sqlalchemy import Row

from stampla.store.tables import employees
from stampla.wire.base import OutputModel

from .. import terms
from .. import values as v
from ..fields import ACTIVE, IDENTIFIER, Field
from ..register import AdminRoutes, Commands, CsvForm, Register


class EmployeeView(OutputModel):
    id: int
    employee_nr: str
    first_name: str
    last_name: str
    external_code: str | None = None
    time_agreement: str | None = None
    employment_position: str | None = None
    employment_rate: float | None = About(None, description="Per cent of full time.")
    weekly_hours: str | None = About(None, description='Weekly working hours, e.g. "38:15".')
    weekly_minutes: int | None = None
    hire_date: date | None = About(None, description="The first day of employment.")
    end_date: date | None = About(None, description="The last day; null: still employed.")
    active: bool
    created_at: datetime

    @classmethod
    def of(cls, row: Row) -> EmployeeView:
        values = dict(row._mapping)
        rate = values.pop("employment_rate")
        return cls(
            **{k: values[k] for k in cls.model_fields if k in values},
            employment_rate=float(rate) if rate is not None else None,
            weekly_hours=v.format_hours(values["weekly_minutes"]),
        )


@dataclass(frozen=True)
class EmployeeSpec:
    employee_nr: str
    first_name: str
    last_name: str
    external_code: str | None = None
    time_agreement: str | None = None
    employment_position: str | None = None
    employment_rate: Decimal | None = None
    weekly_minutes: int | None = None
    active: bool = True
    hire_date: date | None = None
    end_date: date | None = None


HIRE_DATE = Field(
    "hire_date",
    "HireDate",
    "Hire date",
    v.calendar_date,
    ("Anställningsdatum", "Anställd från", "Startdatum"),
    show=v.format_date,
    help="The first day of employment, e.g. 2025-06-01; nothing is expected before it.",
)
END_DATE = Field(
    "end_date",
    "EndDate",
    "End date",
    v.calendar_date,
    ("Slutdatum", "Anställd till"),
    show=v.format_date,
    help="The last day of employment; nothing is expected after it. Blank: still employed.",
)


def _rate_cell(employee: EmployeeView) -> str | None:
    rate = employee.employment_rate
    return None if rate is None else f"{rate:.2f}".replace(".", ",")


EMPLOYEE = Register(
    entity="employee",
    title="Employee",
    table=employees,
    key="employee_nr",
    fields=(
        Field(
            "employee_nr",
            "EmployeeNr",
            "Employee ID",
            v.text(50),
            ("EmployeeId", "Employee number", "Anställningsnummer", "Anst.nr"),
            required=True,
            help="EmployeeNr, the Employee ID punches are sent with.",
            accepts=IDENTIFIER,
        ),
        Field("first_name", "FirstName", "First name", v.text(100), ("Förnamn",), True),
        Field("last_name", "LastName", "Last name", v.text(100), ("Efternamn",), True),
        Field(
            "external_code",
            "ExternalCode",
            "External code",
            v.text(100),
            ("EmployeeExternalCode", "Extern kod"),
            help="EmployeeExternalCode in punches.",
            accepts=IDENTIFIER,
        ),
        HIRE_DATE,
        END_DATE,
        terms.TIME_AGREEMENT,
        terms.EMPLOYMENT_POSITION,
        terms.EMPLOYMENT_RATE,
        terms.WEEKLY_HOURS,
        terms.VALID_FROM,
        ACTIVE,
    ),
    view=EmployeeView,
    spec=EmployeeSpec,
    search=("employee_nr_key", "first_name", "last_name", "external_code"),
    search_help="Part of an EmployeeNr, name or code.",
    paged=True,
    csv=CsvForm("employees"),
    inserted=terms.employee_inserted,
    updating=terms.employee_updating,
    imported=terms.employees_imported,
    admin=AdminRoutes(summaries={"update": "Change an employee's fields"}),
    commands=Commands(
        name="employee",
        help="Employees, found by EmployeeNr (Employee ID).\n\n"
        "Example: stampla employee import staff.csv --company 'Butik AB'",
        named="Employee {employee_nr}",
        added="Employee {employee_nr} ({first_name} {last_name}) added.",
        docs={"update": "Change fields of an employee; the EmployeeNr itself stays."},
        examples={
            "add": "stampla employee add 3002 --first-name Jacob --last-name Ahmedsdotter "
            "--rate 26,14 --weekly-hours 10:00",
            "update": "stampla employee update 3002 --rate 52,29 --weekly-hours 20:00 "
            "--valid-from 2025-09-01",
            "deactivate": "stampla employee deactivate 3002",
            "activate": "stampla employee activate 3002",
            "list": "stampla employee list --inactive --search lind",
            "import": "stampla employee import anstallda.csv --company 'Butik AB'",
        },
        columns=(
            ("active", lambda e: e.active),
            ("employee id", lambda e: e.employee_nr),
            ("name", lambda e: f"{e.first_name} {e.last_name}"),
            ("external code", lambda e: e.external_code),
            ("time agreement", lambda e: e.time_agreement),
            ("employment position", lambda e: e.employment_position),
            ("rate %", _rate_cell),
            ("weekly hours", lambda e: e.weekly_hours),
            ("hired", lambda e: e.hire_date),
            ("ended", lambda e: e.end_date),
        ),
        #: A Rich table of 50,000 rows takes half a minute to draw; scripts use --json.
        table_rows=500,
    ),
)
