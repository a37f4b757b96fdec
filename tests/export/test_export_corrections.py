"""Corrections after export: reopen an exported day, correct it, approve it, export again.

The next run carries for the day only the difference against what was exported before
(docs/payroll-export.md, "Corrections after export"), on SQLite and PostgreSQL.
"""

# ruff: noqa: F811 - ``month`` is the demo export's fixture

from __future__ import annotations

from datetime import date, timedelta

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from stampla.app import create_app
from stampla.cli.main import app as cli_app
from stampla.domain.punch import EntryType
from stampla.errors import Forbidden, InvalidInput
from stampla.service import audit, corrections, demo
from stampla.service import export as service
from stampla.service.admin_keys import create_admin_key
from stampla.service.attest.day_rows import AttestQuery, attest_time
from stampla.service.attest.states import DEFAULT_TRANSITIONS, change_config, read_config
from stampla.service.attest.transitions import TransitionRequest, transition_days
from stampla.service.export import runs
from stampla.service.export.paxml import read_paxml, validation_problems
from stampla.service.roles import Role, StaffActor
from stampla.settings import get_settings
from stampla.store import export_runs as export_store
from tests.web.conftest import csrf_of, rows, text

from .test_export_demo import FIRST, LAST, NOW, PAYROLL, approve, month  # noqa: F401

DAY = date(2025, 5, 13)  # a Tuesday: Tilde (3003, hourly) works 08:00–16:00
ONE = service.ExportRequest("paxml", FIRST, LAST, ("3003",))


def reopen(store, company_id, actor=PAYROLL, reason="Left at 14:30, not 16:00", day=DAY):
    request = TransitionRequest(day, day, "Registered", ["3003"], reason)
    return transition_days(store, company_id, actor, request, NOW, max_days=400)


def out_punch(store, company_id, day=DAY) -> int:
    query = AttestQuery(day, day, ["3003"], include_empty=False)
    (found,) = attest_time(store, company_id, query, NOW, max_days=400)
    return next(p.id for p in found.row.punches if p.entry_type is EntryType.OUT)


def move_out(store, company_id, stamp: str, day=DAY) -> None:
    limits = corrections.Limits(timedelta(minutes=5))
    given = {"kind": "change", "employee_nr": "3003", "punch_id": out_punch(store, company_id, day),
             "time_stamp": f"{day.isoformat()}T{stamp}:00", "reason": "Left early"}  # fmt: skip
    corrections.correct(store, company_id, given, NOW, limits=limits, actor=PAYROLL)


def lines_of(built) -> list[tuple]:
    return [(ln.employee_nr, ln.date, ln.payroll_code, str(ln.hours), ln.corrects)
            for ln in built.lines]  # fmt: skip


def day_lines(built, day=DAY) -> list[tuple[str, str]]:
    return [(ln.payroll_code, str(ln.hours)) for ln in built.lines if ln.date == day]


def test_a_corrected_day_goes_into_the_next_run_as_its_difference(month):
    store, company_id, settings = month
    first = service.export(store, company_id, ONE, NOW, settings, actor=PAYROLL)
    assert day_lines(first) == [("ARB", "7.50")]
    assert first.view.correction_days == 0
    assert reopen(store, company_id).moved == 1
    move_out(store, company_id, "14:30")
    approve(store, company_id, settings, DAY, DAY, ["3003"])
    preview = service.preview(store, company_id, ONE, NOW, settings)
    assert lines_of(preview) == [("3003", DAY, "ARB", "-1.50", (first.view.id,))]
    assert (preview.view.days, preview.view.correction_days) == (1, 1)
    assert preview.view.corrected == [f"3003 {DAY}"]
    (total,) = preview.view.totals
    assert (total.payroll_code, total.hours, total.correction_hours) == ("ARB", "-1.50", "-1.50")
    second = service.export(store, company_id, ONE, NOW, settings, actor=PAYROLL)
    assert second.content == preview.content
    assert validation_problems(second.content) == []
    root = read_paxml(second.content).getroot()
    assert root.find("header/nyexport").attrib == {"datum": DAY.isoformat()}
    (trans,) = root.iterfind("tidtransaktioner/tidtrans")
    assert (trans.findtext("tidkod"), trans.findtext("datum"), trans.findtext("timmar")) == (
        "ARB",
        DAY.isoformat(),
        "-1.50",
    )
    assert trans.findtext("info") == f"Rättelse av körning {first.view.id}"
    view, content = service.run_file(store, company_id, second.view.id)
    assert (view.days, view.correction_days) == (1, 1)
    # The first run still downloads byte for byte; it has no nyexport.
    assert service.run_file(store, company_id, first.view.id)[1] == first.content
    assert read_paxml(first.content).getroot().find("header/nyexport") is None


def test_a_second_correction_is_the_difference_against_both_runs(month):
    store, company_id, settings = month
    first = service.export(store, company_id, ONE, NOW, settings, actor=PAYROLL)
    reopen(store, company_id)
    move_out(store, company_id, "14:30")
    approve(store, company_id, settings, DAY, DAY, ["3003"])
    second = service.export(store, company_id, ONE, NOW, settings, actor=PAYROLL)
    reopen(store, company_id, reason="It was 17:00 after all")
    move_out(store, company_id, "17:00")
    approve(store, company_id, settings, DAY, DAY, ["3003"])
    third = service.export(store, company_id, ONE, NOW, settings, actor=PAYROLL)
    runs = (first.view.id, second.view.id)
    # 7.50 exported, -1.50 corrected, now 8.50: +2.50, and the time rules' new codes in full.
    assert [(c, h, r) for _, _, c, h, r in lines_of(third)] == [
        ("ARB", "2.50", runs),
        ("MER", "0.15", runs),
        ("ÖT1", "0.85", runs),
    ]
    assert validation_problems(third.content) == []


def test_a_day_approved_again_unchanged_adds_no_line(month):
    store, company_id, settings = month
    service.export(store, company_id, ONE, NOW, settings, actor=PAYROLL)
    reopen(store, company_id, reason="Checking the shop")
    approve(store, company_id, settings, DAY, DAY, ["3003"])
    again = service.export(store, company_id, ONE, NOW, settings, actor=PAYROLL)
    assert again.lines == [] and again.view.correction_days == 1
    assert validation_problems(again.content) == []
    assert read_paxml(again.content).getroot().find("tidtransaktioner") is None


@pytest.mark.parametrize(
    ("role", "refused"),
    [
        (Role.VIEWER, Forbidden),
        (Role.ATTESTANT, Forbidden),
        (Role.PAYROLL, None),
        (Role.ADMIN, None),
    ],
)
def test_who_may_reopen_an_exported_day(month, role, refused):
    store, company_id, settings = month
    service.export(store, company_id, ONE, NOW, settings, actor=PAYROLL)
    actor = StaffActor(f"web:{role.value}", role)
    if refused:
        with pytest.raises(refused):
            reopen(store, company_id, actor)
    else:
        assert reopen(store, company_id, actor).moved == 1


def test_reopening_an_exported_day_needs_a_reason(month):
    store, company_id, settings = month
    service.export(store, company_id, ONE, NOW, settings, actor=PAYROLL)
    with pytest.raises(InvalidInput) as raised:
        reopen(store, company_id, reason="  ")
    assert raised.value.problems[0].field == "reason"


def test_csv_carries_the_difference_and_the_runs_it_corrects(month):
    store, company_id, settings = month
    first = service.export(store, company_id, service.ExportRequest("csv", FIRST, LAST, ("3003",)),
                           NOW, settings, actor=PAYROLL)  # fmt: skip
    reopen(store, company_id)
    move_out(store, company_id, "14:30")
    approve(store, company_id, settings, DAY, DAY, ["3003"])
    for kind, sep, amount in (("csv", ";", "-1,50"), ("csv-utf8", ",", "-1.50")):
        request = service.ExportRequest(kind, FIRST, LAST, ("3003",))
        built = service.preview(store, company_id, request, NOW, settings)
        text = built.content.decode("cp1252" if kind == "csv" else "utf-8")
        header, *rows = text.splitlines()
        assert header.split(sep)[-2:] == ["Timmar", "Rättelse av körning"]
        worked = "Timlön (arbetstid utanför schema/timanställd)"
        assert [row.split(sep) for row in rows] == [
            ["3003", "Tilde Lindström", DAY.isoformat(), "ARB", "", "", worked, amount,
             str(first.view.id)]
        ]  # fmt: skip


def corrected(store, company_id, settings) -> service.Built:
    """Run 1 exported; 3003's Tuesday reopened, its Out moved to 14:30, approved again."""
    first = service.export(store, company_id, ONE, NOW, settings, actor=PAYROLL)
    reopen(store, company_id)
    move_out(store, company_id, "14:30")
    approve(store, company_id, settings, DAY, DAY, ["3003"])
    return first


def test_the_page_marks_correction_lines_and_days(month, clock):
    store, company_id, settings = month
    corrected(store, company_id, settings)
    with TestClient(create_app(settings, clock=clock)) as client:
        signed = client.post(
            "/web/sign-in",
            data={"company": demo.COMPANY_NAME, "user_name": "payroll",
                  "password": demo.STAFF_PASSWORD},
            follow_redirects=False,
        )  # fmt: skip
        assert signed.status_code == 303, signed.text
        page = client.get("/web/payroll-export")
        form = {"csrf": csrf_of(page.text), "date_from": str(FIRST), "date_to": str(LAST),
                "employees": "3003", "format": "paxml"}  # fmt: skip
        looked = client.post("/web/payroll-export", data={**form, "action": "preview"})
        assert looked.status_code == 200, looked.text
        assert rows(looked.text, "correction") == [f"3003 {DAY} ARB — -1.50 1"]
        assert rows(looked.text, "total") == [
            "ARB — Timlön (arbetstid utanför schema/timanställd) -1.50 -1.50"
        ]
        assert f"3003 {DAY}" in text(looked.text) and "Rättelser: 1 dagar" in text(looked.text)
        made = client.post("/web/payroll-export", data={**form, "action": "export"},
                           follow_redirects=False)  # fmt: skip
        assert made.status_code == 303
        listed = rows(client.get("/web/payroll-export").text, "run")
        assert listed[0].startswith(f"2 {FIRST}–{LAST} 3003 1 (1) PAXml"), listed


def test_the_api_and_the_cli_say_how_many_days_were_corrections(
    month, clock, fresh_database_url, monkeypatch, tmp_path
):
    store, company_id, settings = month
    corrected(store, company_id, settings)
    key = create_admin_key(store, company_id, "lön", NOW).admin_key
    headers = {"Authorization": f"Bearer {key}"}
    body = {"Format": "paxml", "DateFrom": str(FIRST), "DateTo": str(LAST), "Preview": True,
            "EmployeeNrs": ["3003"]}  # fmt: skip
    with TestClient(create_app(settings, clock=clock)) as client:
        looked = client.post("/Admin/PayrollExport", headers=headers, json=body)
        assert looked.status_code == 200, looked.text
        answer = looked.json()
        assert (answer["days"], answer["correctionDays"]) == (1, 1)
        assert [(c["employeeNr"], c["hours"], c["corrects"]) for c in answer["corrections"]] == [
            ("3003", "-1.50", [1])
        ]
    monkeypatch.setenv("STAMPLA_DATABASE_URL", fresh_database_url)
    monkeypatch.setenv("COLUMNS", "200")
    get_settings.cache_clear()
    target = tmp_path / "rattelse.xml"
    args = ["export", "paxml", "--from", str(FIRST), "--to", str(LAST), "-c", demo.COMPANY_NAME,
            "--employees", "3003"]  # fmt: skip
    try:
        written = CliRunner().invoke(cli_app, [*args, "-o", str(target)])
    finally:
        get_settings.cache_clear()
    assert written.exit_code == 0, written.output
    assert "run 2: 1 lines, 1 days, 1 of them corrections" in written.output
    assert f"3003 {DAY} ARB -1.50 (run 1)" in written.output
    with TestClient(create_app(settings, clock=clock)) as client:
        got = client.get("/Admin/PayrollExport/2", headers=headers, params={"file": "false"})
        assert got.status_code == 200
        assert (got.json()["days"], got.json()["correctionDays"]) == (1, 1)
        again = client.get("/Admin/PayrollExport/2", headers=headers)
        assert again.content == target.read_bytes()


def test_a_run_holds_new_days_and_corrections_side_by_side(month):
    store, company_id, settings = month
    first = corrected(store, company_id, settings)
    everyone = service.ExportRequest("paxml", FIRST, LAST)
    run = service.export(store, company_id, everyone, NOW, settings, actor=PAYROLL)
    assert validation_problems(run.content) == []
    assert run.view.correction_days == 1 and run.view.days > 1
    assert [ln for ln in lines_of(run) if ln[0] == "3003"] == [
        ("3003", DAY, "ARB", "-1.50", (first.view.id,))
    ]
    others = [ln for ln in run.lines if ln.employee_nr != "3003"]
    assert others and not any(ln.correction for ln in others)
    root = read_paxml(run.content).getroot()
    assert root.find("header/nyexport").attrib == {"datum": DAY.isoformat()}
    infos = [t.findtext("info") for t in root.iterfind("tidtransaktioner/tidtrans")]
    assert infos.count(f"Rättelse av körning {first.view.id}") == 1


def test_the_reopening_is_in_the_audit_trail_with_its_reason(month):
    store, company_id, settings = month
    service.export(store, company_id, ONE, NOW, settings, actor=PAYROLL)
    reopen(store, company_id, reason="Left at 14:30, not 16:00")
    trail = audit.list_events(store, company_id, NOW, entity="attest_day", limit=5).events
    last = trail[-1]
    assert (last.entity_key, last.changes, last.note, last.actor) == (
        f"3003 {DAY}",
        {"state": ["Exported", "Registered"]},
        "Left at 14:30, not 16:00",
        PAYROLL.name,
    )


def test_a_company_with_its_own_states_keeps_them(month):
    store, company_id, settings = month
    admin = StaffActor("web:admin", Role.ADMIN)
    states = read_config(store, company_id).states
    without_way_back = [t for t in DEFAULT_TRANSITIONS if t.from_code != "Exported"]
    change_config(store, company_id, admin, states, without_way_back, NOW)
    service.export(store, company_id, ONE, NOW, settings, actor=PAYROLL)
    report = reopen(store, company_id, admin)
    assert report.moved == 0
    assert "may not move a day from Exported" in report.days[0].reason


def test_a_correction_another_run_exported_meanwhile_is_seen(month):
    store, company_id, settings = month
    corrected(store, company_id, settings)
    built = service.preview(store, company_id, ONE, NOW, settings)
    with store.read() as conn:  # as read: nothing overtook it
        assert runs.exported_meanwhile(conn, company_id, built.keys, built.earlier) == 0
    service.export(store, company_id, ONE, NOW, settings, actor=PAYROLL)
    with store.read() as conn:  # the export's write would now refuse (Conflict)
        assert runs.exported_meanwhile(conn, company_id, built.keys, built.earlier) == 1


def sign_in(client, user: str) -> str:
    """Sign ``user`` of the demo staff in; the page's CSRF token."""
    signed = client.post(
        "/web/sign-in",
        data={"company": demo.COMPANY_NAME, "user_name": user, "password": demo.STAFF_PASSWORD},
        follow_redirects=False,
    )
    assert signed.status_code == 303, signed.text
    return csrf_of(client.get("/web/attest").text)


@pytest.mark.parametrize(
    ("user", "reason", "status"),
    [("viewer", "Wrong", 403), ("attestant", "Wrong", 403), ("payroll", "", 400),
     ("payroll", "Wrong shop", 200)],
)  # fmt: skip
def test_reopening_on_the_pages(month, clock, user, reason, status):
    store, company_id, settings = month
    first = service.export(store, company_id, ONE, NOW, settings, actor=PAYROLL)
    clock.now = NOW
    with TestClient(create_app(settings, clock=clock)) as client:
        token = sign_in(client, user)
        form = {"csrf": token, "employees": "3003", "dateFrom": str(DAY), "dateTo": str(DAY),
                "toState": "Registered", "reason": reason, "confirm": "1"}  # fmt: skip
        answer = client.post("/web/attest/transition", data=form)
        assert answer.status_code == status, answer.text
        if status == 400:
            assert "Reopening an exported day needs a reason" in text(answer.text)
    with store.read() as conn:
        runs_of_day = export_store.earlier_days(conn, company_id, [(first.ids["3003"], DAY)])
    assert runs_of_day == {(first.ids["3003"], DAY): [first.view.id]}  # the day remembers
    state = "Registered" if status == 200 else "Exported"
    query = AttestQuery(DAY, DAY, ["3003"], include_empty=False)
    (day,) = attest_time(store, company_id, query, NOW, max_days=400)
    assert day.attest.state == state
