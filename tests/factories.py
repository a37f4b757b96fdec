"""Building test companies through the services, as an operator would."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from fastapi.testclient import TestClient
from httpx2 import Response

from stampla.service import masterdata as md
from stampla.store.engine import Store
from stampla.store.masterdata import get_row

ENTRY_PATH = "/Personell/Time/TimeStampEntry"


@dataclass
class TestCompany:
    """A company with credentials and a small, realistic set of registers."""

    __test__ = False

    id: int
    name: str
    company_api_key: str
    connect_api_key: str
    integration_id: int
    user_name: str
    password: str
    user_id: int
    ids: dict[str, int] = field(default_factory=dict)
    #: The staff user who signs in to the pages (``with_staff``); API users never do.
    staff_name: str = ""
    staff_password: str = ""

    def keys(self) -> dict[str, str]:
        return {"companyApiKey": self.company_api_key, "connectApiKey": self.connect_api_key}


EMPLOYEES = (
    ("3002", "Jacob", "Ahmedsdotter", None),
    ("3014", "Douglas", "Jensberg", "673330"),
    ("3015", "Emil", "Elviraur", None),
)
TERMINALS = (
    md.TerminalSpec(1, "App", "application"),
    md.TerminalSpec(7255, "14"),
    md.TerminalSpec(9, "Helsinki", time_zone="Europe/Helsinki"),
)
LEVELS = (
    md.CodingLevelSpec(2, "Avdelning", 50),
    md.CodingLevelSpec(3, "Region", 30),
    md.CodingLevelSpec(5, "Koncern", None),
)
ACCOUNTS = (
    (2, "100", "Kassa"),
    (2, "4001", "Butiksdrift"),
    (3, "1000", "Stockholm"),
    (3, "4001", "Inventering"),
    (5, "1", "Koncern"),
)
TIME_CODES = (("DayShift", "Dagskift"), ("OB 50%", "OB 50%"))


def build_company(
    store: Store, now: datetime, *, time_zone: str = "Europe/Stockholm"
) -> TestCompany:
    """A company like a small customer's: 3 employees, 3 terminals, 3 levels, 2 time codes."""
    name = f"Test {uuid.uuid4().hex[:10]}"
    created = md.create_company(store, name, now, time_zone=time_zone)
    cid = created.id
    ids: dict[str, int] = {}
    with store.write() as conn:
        integration = md.put_integration(conn, cid, "Terminal vendor", now)
        user_id = md.put_api_user(conn, cid, "api", "s3cret-password", now)
        for nr, first, last, code in EMPLOYEES:
            spec = md.EmployeeSpec(
                nr, first, last, code, "Timavlönad", "Permanent Position", Decimal("52.29"), 20 * 60
            )
            ids[f"employee:{nr}"] = md.put_employee(conn, cid, spec, now)
        for terminal in TERMINALS:
            ids[f"terminal:{terminal.terminal_number}"] = md.put_terminal(conn, cid, terminal, now)
        for level in LEVELS:
            ids[f"level:{level.number}"] = md.put_coding_level(conn, cid, level, now)
        for level_number, nr, account_name in ACCOUNTS:
            spec = md.AccountSpec(level_number, nr, account_name)
            ids[f"account:{level_number}:{nr}"] = md.put_account(conn, cid, spec, now)
        for code, code_name in TIME_CODES:
            spec = md.TimeCodeSpec(code, code_name, salary_ids=(code_name,))
            ids[f"code:{code}"] = md.put_time_code(conn, cid, spec, now)
    return TestCompany(
        cid,
        name,
        created.api_key,
        integration.connect_api_key,
        integration.id,
        "api",
        "s3cret-password",
        user_id,
        ids,
    )


STAFF_PASSWORD = "staff-s3cret-password"


def with_staff(
    store: Store, company: TestCompany, now: datetime, name: str = "Åsa Öberg", role: str = "admin"
) -> TestCompany:
    """``company`` with a staff user of ``role`` who may sign in to its pages."""
    from stampla.service import staff
    from stampla.service.roles import Role

    staff.add_staff_user(store, company.id, name, STAFF_PASSWORD, Role(role), now, language="en")
    return replace(company, staff_name=name, staff_password=STAFF_PASSWORD)


def set_active(
    store: Store,
    table_name: str,
    company_id: int,
    row_id: int,
    active: bool,
    now: datetime | None = None,
) -> None:
    """(De)activate an employee, terminal, account or time code by its id, which the tests
    hold, through the register's own use case (audited like any other change)."""
    register = next(r for r in md.REGISTERS if r.table.name == table_name)
    with store.read() as conn:
        row = get_row(conn, register.table, company_id, row_id)
        assert row is not None, (table_name, row_id)
        refs = {}
        if register.parent is not None:
            parent = register.parent
            owner = get_row(conn, parent.table, company_id, row._mapping[parent.column])
            refs[parent.refs[0].column] = owner._mapping[parent.label]
    key = row._mapping[register.key]
    md.Records(register).set_active(
        store, company_id, key, active, now or datetime.now(UTC), **refs
    )


def entry(
    employee: str = "3002",
    time_stamp: str = "2025-06-12T08:00:00Z",
    kind: Any = "In",
    terminal: Any = 7255,
    **more: Any,
) -> dict[str, Any]:
    """One TimeStampEntry in the document's field names."""
    return {
        "EmployeeNr": employee,
        "TimeStamp": time_stamp,
        "TimeStampEntryType": kind,
        "TimeTerminalId": terminal,
        **more,
    }


@dataclass
class ApiSession:
    """A client logged in as a company's API user."""

    client: TestClient
    company: TestCompany
    token: str

    @classmethod
    def login(cls, client: TestClient, company: TestCompany) -> ApiSession:
        response = client.post(
            "/Login/Token",
            params=company.keys(),
            json={"UserName": company.user_name, "Password": company.password},
        )
        assert response.status_code == 200, response.text
        return cls(client, company, response.json()["token"])

    def params(self, **more: Any) -> dict[str, Any]:
        return {**self.company.keys(), "token": self.token, **more}

    def post(self, entries: Any, path: str = ENTRY_PATH, **params: Any) -> Response:
        return self.client.post(path, params=self.params(**params), json=entries)

    def get(self, date_from: str, date_to: str | None = None, **params: Any) -> Response:
        return self.client.get(
            ENTRY_PATH,
            params=self.params(dateFrom=date_from, dateTo=date_to or date_from, **params),
        )

    def stored(self, date_from: str, date_to: str | None = None, **params: Any) -> list[dict]:
        response = self.get(date_from, date_to, **params)
        assert response.status_code == 200, response.text
        return response.json()
