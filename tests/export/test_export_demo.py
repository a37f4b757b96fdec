"""Four weeks of the demo company exported: the file validates, its totals are the day rows'.

The demo's schedules, OB windows, overtime rules and absences make the day rows; punches
follow each employee's plan, with extra evening hours for OB and overtime.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from stampla.app import create_app
from stampla.cli.main import app as cli_app
from stampla.domain.text import match_key
from stampla.errors import Forbidden, InvalidInput, NotFound
from stampla.service import demo
from stampla.service import export as service
from stampla.service.admin_keys import create_admin_key
from stampla.service.attest.day_rows import AttestQuery, attest_time
from stampla.service.attest.transitions import TransitionRequest, transition_days
from stampla.service.export.paxml import read_paxml, validation_problems
from stampla.service.roles import Role, StaffActor
from stampla.settings import Settings, get_settings
from stampla.store import masterdata as store_md
from stampla.store import migrate
from stampla.store.engine import Store
from stampla.store.tables import time_codes

from ..service.test_demo_schedules import SEEDED

FIRST, LAST = date(2025, 5, 12), date(2025, 6, 8)
NOW = datetime(2025, 6, 20, 12, 0, tzinfo=SEEDED.tzinfo)


@pytest.fixture
def month(fresh_database_url, clock):
    """The demo company seeded, and four weeks of punches for three employees."""
    clock.now = SEEDED
    store = Store(fresh_database_url)
    migrate.upgrade(store.engine)
    demo.seed_demo(store, clock())
    settings = Settings(database_url=fresh_database_url, login_failure_delay_seconds=0)
    keys = {"companyApiKey": demo.COMPANY_API_KEY, "connectApiKey": demo.CONNECT_API_KEY}
    entries = []
    day = FIRST
    while day <= LAST:
        if day.weekday() < 5:
            # Fabian (monthly, 38:15) works long Wednesdays; Tilde (hourly) stays late
            # on Mondays; Douglas works his Friday evening in shop 14.
            entries += _shift("3006", day, "07:30", "18:45" if day.weekday() == 2 else "16:15")
            entries += _shift("3003", day, "08:00", "21:00" if day.weekday() == 0 else "16:00")
        if day.weekday() == 4:
            entries += _shift("3014", day, "17:00", "22:00", account=("14", 40))
        day += timedelta(days=1)
    with TestClient(create_app(settings, clock=clock)) as client:
        login = {"UserName": demo.USER_NAME, "Password": demo.PASSWORD}
        token = client.post("/Login/Token", params=keys, json=login).json()["token"]
        response = client.post(
            "/Personell/Time/TimeStampEntry", params={**keys, "token": token}, json=entries
        )
        assert response.status_code == 200, response.text
    with store.read() as conn:
        company_id = store_md.find_company_id(conn, name=demo.COMPANY_NAME)
    clock.now = NOW
    approve(store, company_id, settings)
    yield store, company_id, settings
    store.dispose()


PAYROLL = StaffActor("web:lön", Role.PAYROLL)


def approve(store, company_id, settings, first=FIRST, last=LAST, employees=None) -> None:
    """Attest and approve the period, as the attestant and payroll would."""
    for state in ("Attested", "Approved"):
        request = TransitionRequest(first, last, state, employees, "Month checked", True)
        transition_days(store, company_id, PAYROLL, request, NOW, max_days=400)


def _shift(nr: str, day: date, start: str, stop: str, account=None) -> list[dict]:
    more = {"AccountNr": account[0], "SieAccountDim": account[1]} if account else {}
    stamp = f"{day.isoformat()}T{{}}:00"
    return [
        {"EmployeeNr": nr, "TimeStamp": stamp.format(start), "TimeStampEntryType": "In",
         "TimeTerminalId": 7255, **more},
        {"EmployeeNr": nr, "TimeStamp": stamp.format(stop), "TimeStampEntryType": "Out",
         "TimeTerminalId": 7255},
    ]  # fmt: skip


REQUEST = service.ExportRequest("paxml", FIRST, LAST)


def _day_row_totals(store, company_id, settings) -> dict[str, dict[str, Decimal]]:
    """Hours per employee and PAXml code, straight from the day rows and the register."""
    with store.read() as conn:
        rows = store_md.select_rows(conn, time_codes, company_id, order_by=["code"])
    tidkod = {match_key(r.code): r.paxml_code for r in rows}
    monthly = {"3006", "EMP1001"}
    found: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    query = AttestQuery(FIRST, LAST, None, include_empty=True)
    for day in attest_time(store, company_id, query, NOW, max_days=400):
        row, codes = day.row, found[day.employee_nr]
        codes["TID" if day.employee_nr in monthly else "ARB"] += row.work_seconds
        for code, seconds, _ in row.rule_codes:
            codes[tidkod[match_key(code)]] += seconds
        for code, seconds in row.absence:
            codes[tidkod[match_key(code)]] += seconds
    hours = {nr: {c: Decimal(s) / 3600 for c, s in cs.items() if s} for nr, cs in found.items()}
    return {nr: codes for nr, codes in hours.items() if codes}


def _file_totals(content: bytes) -> dict[str, dict[str, Decimal]]:
    tree = read_paxml(content)
    schedule = {
        (schema.get("anstid"), dag.get("datum")): Decimal(dag.get("timmar"))
        for schema in tree.iterfind("schematransaktioner/schema")
        for dag in schema
    }
    found: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for trans in tree.iterfind("tidtransaktioner/tidtrans"):
        nr, code = trans.get("anstid"), trans.findtext("tidkod")
        if trans.findtext("timmar") is not None:
            found[nr][code] += Decimal(trans.findtext("timmar"))
            continue
        day, last = date.fromisoformat(trans.findtext("datumfrom")), trans.findtext("datumtom")
        share = Decimal(trans.findtext("omfattning")) / 100
        while day.isoformat() <= last:
            found[nr][code] += schedule[(nr, day.isoformat())] * share
            day += timedelta(days=1)
    return found


def test_a_month_exports_a_valid_file_whose_totals_are_the_day_rows(month):
    store, company_id, settings = month
    built = service.preview(store, company_id, REQUEST, NOW, settings)
    assert validation_problems(built.content) == []
    expected, written = _day_row_totals(store, company_id, settings), _file_totals(built.content)
    assert set(expected) == set(written)
    lines = defaultdict(int)
    for line in built.lines:
        lines[(line.employee_nr, line.payroll_code)] += 1
    for nr, codes in expected.items():
        assert set(codes) == set(written[nr]), nr
        for code, hours in codes.items():  # each line is rounded to two decimals
            assert abs(written[nr][code] - hours) <= Decimal("0.005") * lines[(nr, code)], (
                nr,
                code,
            )
    # The chain did its work: OB, overtime, mertid and absence are all in the file.
    seen = {code for codes in written.values() for code in codes}
    assert {"ARB", "TID", "OB1", "OB2", "SJK", "VAB"} <= seen
    assert seen & {"ÖT1", "ÖT2", "ÖK1", "ÖK2", "MER"}
    root = read_paxml(built.content).getroot()
    assert root.findtext("header/foretagorgnr") == demo.ORG_NR
    assert {d.get("dim") for d in root.iterfind("dimensioner/dimension")} == {"40"}


def test_a_preview_changes_nothing_and_a_run_downloads_the_identical_file(month):
    store, company_id, settings = month
    preview = service.preview(store, company_id, REQUEST, NOW, settings)
    assert service.list_runs(store, company_id) == []
    run = service.export(store, company_id, REQUEST, NOW, settings, actor="web:lön")
    assert run.content == preview.content  # the same inputs at the same moment: the same bytes
    view, content = service.run_file(store, company_id, run.view.id)
    assert content == run.content
    assert view.digest == run.view.digest == hashlib.sha256(content).hexdigest()
    assert (view.actor, view.date_from, view.date_to, view.employee_nrs) == (
        "web:lön",
        FIRST,
        LAST,
        None,
    )
    assert [r.id for r in service.list_runs(store, company_id)] == [run.view.id]
    with pytest.raises(NotFound):
        service.run_file(store, company_id + 1, run.view.id)


@pytest.mark.parametrize("kind", ["csv", "csv-utf8"])
def test_csv_of_chosen_employees(month, kind):
    store, company_id, settings = month
    request = service.ExportRequest(kind, FIRST, LAST, ("3014",))
    built = service.preview(store, company_id, request, NOW, settings)
    text = built.content.decode("cp1252" if kind == "csv" else "utf-8")
    header, *lines = text.splitlines()
    assert header.startswith("Anställningsnr;Namn" if kind == "csv" else "Anställningsnr,Namn")
    assert lines and all(line.startswith("3014") for line in lines)
    assert any(",14," in line or ";14;" in line for line in lines)


def test_an_unmapped_code_refuses_the_export_by_name(month):
    store, company_id, settings = month
    with store.write() as conn:
        conn.execute(
            time_codes.update()
            .where(time_codes.c.company_id == company_id, time_codes.c.code == "OB 70%")
            .values(paxml_code=None, salary_ids=None)
        )
    with pytest.raises(InvalidInput, match="'OB 70%'"):
        service.export(store, company_id, REQUEST, NOW, settings)
    assert service.list_runs(store, company_id) == []


def test_the_admin_api_exports_and_downloads_the_run(month, clock):
    store, company_id, settings = month
    key = create_admin_key(store, company_id, "lön", NOW).admin_key
    headers = {"Authorization": f"Bearer {key}"}
    body = {"Format": "paxml", "DateFrom": str(FIRST), "DateTo": str(LAST)}
    with TestClient(create_app(settings, clock=clock)) as client:
        path = "/Admin/PayrollExport"
        looked = client.post(path, headers=headers, json={**body, "Preview": True})
        assert looked.status_code == 200, looked.text
        assert looked.json()["id"] is None and service.list_runs(store, company_id) == []
        made = client.post(path, headers=headers, json=body)
        assert made.status_code == 200, made.text
        run = made.json()
        assert run["digest"] == looked.json()["digest"]
        got = client.get(f"{path}/{run['id']}", headers=headers)
        assert got.status_code == 200
        assert got.headers["content-type"].startswith("application/xml")
        assert hashlib.sha256(got.content).hexdigest() == run["digest"]
        assert validation_problems(got.content) == []
        bad = client.post(path, headers=headers, json={**body, "DateTo": "31 maj"})
        assert bad.status_code == 400 and bad.json()["errors"][0]["field"] == "DateTo"
        assert client.get(f"{path}/999", headers=headers).status_code == 404


def test_the_cli_previews_and_writes_a_file(month, fresh_database_url, monkeypatch, tmp_path):
    monkeypatch.setenv("STAMPLA_DATABASE_URL", fresh_database_url)
    monkeypatch.setenv("COLUMNS", "200")
    get_settings.cache_clear()
    args = ["export", "paxml", "--from", str(FIRST), "--to", str(LAST), "-c", demo.COMPANY_NAME]
    try:
        looked = CliRunner().invoke(cli_app, [*args, "--preview", "--employees", "3014"])
        assert looked.exit_code == 0, looked.output
        assert "OB1" in looked.output and "preview, no run recorded" in looked.output
        target = tmp_path / "maj.xml"
        written = CliRunner().invoke(cli_app, [*args, "-o", str(target)])
        assert written.exit_code == 0, written.output
        assert "run 1" in written.output
        assert validation_problems(target.read_bytes()) == []
        refused = CliRunner().invoke(cli_app, [*args, "--employees", "nobody", "--preview"])
        assert refused.exit_code == 1 and "nobody" in refused.output
    finally:
        get_settings.cache_clear()


def _states(store, company_id, settings) -> dict[tuple[str, date], str]:
    query = AttestQuery(FIRST, LAST, None, include_empty=False)
    days = attest_time(store, company_id, query, NOW, max_days=settings.max_read_days)
    return {(d.employee_nr, d.row.date): d.attest.state for d in days if d.attest}


def test_only_approved_days_are_exported_and_each_only_once(month):
    store, company_id, settings = month
    reopened = TransitionRequest(FIRST, FIRST, "Registered", ["3006"], "Wrong shop", False)
    assert transition_days(store, company_id, PAYROLL, reopened, NOW, max_days=400).moved == 1
    preview = service.preview(store, company_id, REQUEST, NOW, settings)
    assert preview.view.days_not_ready == 1 and preview.view.not_ready == [f"3006 {FIRST}"]
    assert ("3006", FIRST) not in {(line.employee_nr, line.date) for line in preview.lines}
    assert set(_states(store, company_id, settings).values()) == {"Approved", "Registered"}
    run = service.export(store, company_id, REQUEST, NOW, settings, actor=PAYROLL)
    assert run.view.days == preview.view.days and run.content == preview.content
    states = _states(store, company_id, settings)
    assert states.pop(("3006", FIRST)) == "Registered"
    assert set(states.values()) == {"Exported"}
    with pytest.raises(InvalidInput, match="exported by an earlier run"):
        service.export(store, company_id, REQUEST, NOW, settings, actor=PAYROLL)
    # The reopened day, approved again, goes alone into the next run.
    approve(store, company_id, settings, FIRST, FIRST, ["3006"])
    second = service.export(store, company_id, REQUEST, NOW, settings, actor=PAYROLL)
    assert {(line.employee_nr, line.date) for line in second.lines} == {("3006", FIRST)}
    assert second.view.already_exported == run.view.days


def test_an_attestant_may_not_export(month):
    store, company_id, settings = month
    with pytest.raises(Forbidden):
        service.export(
            store, company_id, REQUEST, NOW, settings, actor=StaffActor("web:a", Role.ATTESTANT)
        )
    assert service.list_runs(store, company_id) == []
