"""Text references match in any letter case and Unicode form, through every path people use.

Records are made as an operator makes them (the /Admin API, CSV import, the CLI) with names
beyond ASCII, and then named in another case, or with a decomposed "Ö", through the paths that
look them up: posting punches, reading them back, attest, admin changes, imports, sign-in and
the CLI's ``--company``.
"""

from __future__ import annotations

import unicodedata
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from stampla.service import demo
from stampla.service import masterdata as md
from tests.admin.session import admin_for, ok, refused
from tests.attest.conftest import AttestReader
from tests.factories import entry
from tests.masterdata.conftest import Cli

EMPLOYEE = "Ärende-7"
EXTERNAL = "Åtgärd-Straße"
ACCOUNT = "Åtgärd"
CODES = ("Övertid Pengar 50%", "Ö-tid", "straße")


def decomposed(text: str) -> str:
    """``text`` with its letters decomposed ("Ö" as "O" and a combining diaeresis)."""
    return unicodedata.normalize("NFD", text)


@pytest.fixture
def registers(client, store, company, clock):
    """The company's admin session, with one record of each register named beyond ASCII."""
    admin = admin_for(client, store, company, clock())
    employee = {"EmployeeNr": EMPLOYEE, "FirstName": "Åsa", "LastName": "Öberg"}
    ok(admin.post("/Admin/Employees", {**employee, "ExternalCode": EXTERNAL}), 201)
    ok(admin.post("/Admin/Accounts", {"CodingLevel": 2, "AccountNr": ACCOUNT, "Name": "Åt"}), 201)
    for code in CODES:
        ok(admin.post("/Admin/TimeCodes", {"Code": code, "Name": code}), 201)
    return admin


def test_punches_name_every_register_in_any_case(registers, api):
    sent = entry(
        "ÄRENDE-7",
        EmployeeExternalCode="åtgärd-strasse",
        AccountNr="ÅTGÄRD",
        SieAccountDim=50,
        Accounts=[{"AccountNr": decomposed("åtgärd")}],
        TimeScheduleTypes=[
            {"TimeScheduleTypeCode": "ÖVERTID PENGAR 50%"},
            {"TimeScheduleTypeCode": decomposed("ö-TID")},
            {"TimeScheduleTypeCode": "STRASSE"},
        ],
    )
    response = api.post([sent])
    assert response.status_code == 200, response.text
    assert response.json()["saved"] == 1
    (stored,) = api.stored("2025-06-12", employeeNrsString="ärende-7")
    assert stored["employeeNr"] == "ÄRENDE-7"  # kept as sent
    assert [t["timeScheduleTypeCode"] for t in stored["timeScheduleTypes"]] == [
        "ÖVERTID PENGAR 50%",
        decomposed("ö-TID"),
        "STRASSE",
    ]


def test_a_wrong_external_code_is_still_refused(registers, api):
    body = api.post([entry(EMPLOYEE, EmployeeExternalCode="Åtgärd-Stra")]).json()
    assert [e["field"] for e in body["errors"]] == ["EmployeeExternalCode"]


@pytest.mark.parametrize("code", [*(c for c, *_ in demo.TIME_CODES if c[0] == "Ö"), "Ö-tid"])
def test_codes_beginning_beyond_ascii_are_accepted_as_written(registers, api, code):
    if code != "Ö-tid":
        registers.post("/Admin/TimeCodes", {"Code": code, "Name": code})
    response = api.post([entry(TimeScheduleTypes=[{"TimeScheduleTypeCode": code}])])
    assert response.status_code == 200, response.text


def test_attest_reads_an_employee_named_in_another_case_and_sums_one_code(registers, api):
    day = "2025-06-12"
    spelled = ("ÖVERTID PENGAR 50%", decomposed("övertid pengar 50%"))
    for start, stop, code in (("08:00", "12:00", spelled[0]), ("13:00", "14:00", spelled[1])):
        codes = [{"TimeScheduleTypeCode": code}]
        punches = [
            entry("ärende-7", f"{day}T{start}:00", "In", TimeScheduleTypes=codes),
            entry("ÄRENDE-7", f"{day}T{stop}:00", "Out"),
        ]
        assert api.post(punches).status_code == 200
    (row,) = AttestReader(api).rows(day, employeeNrsString="ÄRENDE-7,ärende-7")
    assert row["employeeNr"] == EMPLOYEE
    assert row["timeScheduleTypes"] == [
        {
            "code": "Övertid Pengar 50%",
            "seconds": 5 * 3600,
            "source": "Punched",
            "rule": None,
            "accounts": None,
        }
    ]


def test_admin_changes_find_records_named_in_another_case(registers, api):
    changed = ok(registers.patch("/Admin/Employees", {"FirstName": "Åse"}, employeeNr="ÄRENDE-7"))
    assert (changed["employeeNr"], changed["firstName"]) == (EMPLOYEE, "Åse")
    code = ok(registers.post("/Admin/TimeCodes/Deactivate", code=decomposed("övertid PENGAR 50%")))
    assert (code["code"], code["active"]) == ("Övertid Pengar 50%", False)
    account = ok(registers.post("/Admin/Accounts/Deactivate", accountNr="ÅTGÄRD", codingLevel=2))
    assert (account["accountNr"], account["active"]) == (ACCOUNT, False)
    codes = [{"TimeScheduleTypeCode": "övertid pengar 50%"}]
    body = api.post([entry(AccountNr="åtgärd", TimeScheduleTypes=codes)]).json()
    assert {e["field"]: e["message"] for e in body["errors"]} == {
        "AccountNr": "Account 'åtgärd' in Avdelning (SIE 50) is inactive",
        "TimeScheduleTypes[0].TimeScheduleTypeCode": "Time code 'övertid pengar 50%' is inactive",
    }


def test_a_new_record_differing_only_in_case_is_a_conflict_naming_the_old(registers):
    employee = {"EmployeeNr": "ärende-7", "FirstName": "A", "LastName": "B"}
    body = refused(registers.post("/Admin/Employees", employee), 409)
    assert body["errorMessage"] == (
        "Employee 'ärende-7' already exists as 'Ärende-7' (EmployeeNr matches in any letter case)"
    )
    body = refused(registers.post("/Admin/TimeCodes", {"Code": "STRASSE", "Name": "x"}), 409)
    assert "already exists as 'straße'" in body["errorMessage"]
    account = {"CodingLevel": 2, "AccountNr": "ÅTGÄRD", "Name": "x"}
    body = refused(registers.post("/Admin/Accounts", account), 409)
    assert "already exists as 'Åtgärd' in coding level 2" in body["errorMessage"]
    ok(registers.post("/Admin/Accounts", {**account, "CodingLevel": 3}), 201)  # another level


def test_an_import_updates_records_named_in_another_case_keeping_their_spelling(registers):
    report = ok(
        registers.upload("/Admin/Employees/Import", "EmployeeNr;FirstName\nÄRENDE-7;Åse\n".encode())
    )
    assert (report["created"], report["updated"]) == (0, 1)
    codes = "Code;Name\nÖ-TID;Ö-tid, renamed\nSTRASSE;straße\n".encode()
    report = ok(registers.upload("/Admin/TimeCodes/Import", codes))
    assert (report["created"], report["updated"], report["unchanged"]) == (0, 1, 1)
    accounts = f"CodingLevel;AccountNr;Name\n2;{decomposed('ÅTGÄRD')};Åtgärder\n".encode()
    report = ok(registers.upload("/Admin/Accounts/Import", accounts))
    assert (report["created"], report["updated"]) == (0, 1)
    listed = {c["code"]: c["name"] for c in ok(registers.get("/Admin/TimeCodes"))}
    assert listed["Ö-tid"] == "Ö-tid, renamed" and "Ö-TID" not in listed
    (employee,) = [e for e in ok(registers.get("/Admin/Employees")) if e["firstName"] == "Åse"]
    assert employee["employeeNr"] == EMPLOYEE
    accounts_now = [a["accountNr"] for a in ok(registers.get("/Admin/Accounts", codingLevel=2))]
    assert ACCOUNT in accounts_now and decomposed("ÅTGÄRD") not in accounts_now


def test_one_file_naming_a_key_twice_in_different_case_is_refused(registers):
    rows = "EmployeeNr;FirstName;LastName\nNY-Ö;A;B\nny-ö;C;D\n".encode()
    body = refused(registers.upload("/Admin/Employees/Import", rows), 400)
    assert [e["index"] for e in body["errors"]] == [2, 3]
    assert "appears more than once" in body["errors"][0]["message"]


def test_the_employee_search_folds_like_the_references(registers, store, company):
    found = md.list_employees(store, company.id, search="ÄRENDE")
    assert [e.employee_nr for e in found] == [EMPLOYEE]


# The command line, on both databases ---------------------------------------------------------


@pytest.fixture
def cli_db(fresh_database_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Cli]:
    """``stampla …`` against a database of its own, SQLite or PostgreSQL."""
    from typer.testing import CliRunner

    from stampla.settings import get_settings

    monkeypatch.setenv("STAMPLA_DATABASE_URL", fresh_database_url)
    monkeypatch.setenv("COLUMNS", "250")
    get_settings.cache_clear()
    yield Cli(fresh_database_url, CliRunner())
    get_settings.cache_clear()


def test_the_cli_names_companies_and_records_in_any_case(cli_db: Cli, tmp_path: Path):
    name = f"Straße Bygg {uuid.uuid4().hex[:4]}"
    cli_db("company", "create", name)
    cli_db("company", "create", "Åre El")
    shouted = name.upper()  # STRASSE BYGG …
    cli_db("level", "add", "2", "Avdelning", "-c", shouted)
    cli_db("timecode", "add", "Övertid", "-c", shouted)
    cli_db("employee", "add", EMPLOYEE, "--first-name", "Åsa", "--last-name", "Ö", "-c", "åre el")
    shown = cli_db.json("timecode", "deactivate", "ÖVERTID", "-c", name.lower())
    assert (shown["code"], shown["active"]) == ("Övertid", False)
    assert cli_db.json("employee", "deactivate", "ärende-7", "-c", "ÅRE EL")["active"] is False
    refused_add = cli_db("timecode", "add", "övertid", "-c", shouted, code=1)
    assert "already exists as 'Övertid'" in refused_add.stderr
    person = ("--first-name", "A", "--last-name", "B", "-c", "Åre El")
    twin = cli_db("employee", "add", "ÄRENDE-7", *person, code=1)
    assert "Employee 'ÄRENDE-7' already exists as 'Ärende-7'" in twin.stderr
    unnamed = cli_db("timecode", "list", code=1)
    assert "--company" in unnamed.stderr and "2 companies" in unnamed.stderr
    unknown = cli_db("timecode", "list", "-c", "Nobody AB", code=1)
    assert "No company named or numbered 'Nobody AB'" in unknown.stderr
    assert name in unknown.stderr and "Åre El" in unknown.stderr
    clash = cli_db("company", "create", "ÅRE EL", code=1)
    assert "already exists" in clash.stderr and "Åre El" in clash.stderr
