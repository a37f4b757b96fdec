"""The terminal commands against a real server on 127.0.0.1: punch, push, outbox, agent."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import Result
from typer.testing import CliRunner

from stampla.cli.main import app as cli
from stampla.client import Client, Outbox
from stampla.service import masterdata as md
from tests.factories import TestCompany
from tests.serverproc import free_port

from .processes import serve_in_thread

runner = CliRunner()
Run = Callable[..., Result]


@pytest.fixture
def server(app) -> Iterator[str]:
    with serve_in_thread(app) as base_url:
        yield base_url


@pytest.fixture
def env(server: str, company: TestCompany, tmp_path: Path) -> dict[str, str]:
    return {
        "STAMPLA_CLIENT_BASE_URL": server,
        "STAMPLA_CLIENT_COMPANY_API_KEY": company.company_api_key,
        "STAMPLA_CLIENT_CONNECT_API_KEY": company.connect_api_key,
        "STAMPLA_CLIENT_USER_NAME": company.user_name,
        "STAMPLA_CLIENT_PASSWORD": company.password,
        "STAMPLA_CLIENT_OUTBOX": str(tmp_path / "outbox.db"),
        "COLUMNS": "200",
    }


@pytest.fixture
def run(env: dict[str, str]) -> Run:
    def run(*args: str, code: int = 0, **more: str) -> Result:
        result = runner.invoke(cli, list(args), env={**env, **more})
        assert result.exit_code == code, result.output
        return result

    return run


@pytest.fixture
def reader(server: str, company: TestCompany) -> Iterator[Client]:
    keys = (company.company_api_key, company.connect_api_key, company.user_name)
    with Client(server, *keys, company.password) as client:
        yield client


def test_punch_is_queued_then_sent(run, reader, env):
    result = run(
        "punch", "in", "3014", "--terminal", "7255", "--at", "2025-03-03T08:00:00+01:00",
        "--account", "1000", "--dim", "30", "--code", "DayShift", "--comment", "Glömde kortet",
    )  # fmt: skip
    assert "Queued #1: In 3014 at 2025-03-03T08:00:00+01:00 on terminal 7255" in result.output
    (stored,) = reader.get_entries(date(2025, 3, 3))
    assert f"Sent #1: Saved as TimeStampEntry {stored.time_stamp_entry_id}" in result.output
    assert stored.time_stamp == datetime(2025, 3, 3, 7, 0, tzinfo=UTC)
    assert (stored.account_nr, stored.sie_account_dim) == ("1000", 30)
    assert [t.time_schedule_type_code for t in stored.time_schedule_types] == ["DayShift"]
    with Outbox(env["STAMPLA_CLIENT_OUTBOX"]) as box:
        (delivered,) = box.delivered()
    assert delivered.queued.comment == "Glömde kortet"


def test_punch_now_needs_a_terminal_and_takes_it_from_the_environment(run, reader):
    refused = run("punch", "out", "3002", code=1)
    assert "--terminal" in refused.output
    result = run("punch", "out", "3002", "--break", STAMPLA_CLIENT_TERMINAL="1")
    assert "Sent #1: Saved" in result.output
    today = datetime.now(UTC).date()
    (stored,) = reader.get_entries(today - timedelta(days=1), today + timedelta(days=1))
    assert (stored.time_stamp_entry_type, stored.is_break, stored.time_terminal_id) == (
        "Out",
        True,
        1,
    )


def test_a_punch_made_while_the_server_is_away_is_sent_by_outbox_retry(run, reader):
    away = {"STAMPLA_CLIENT_BASE_URL": f"http://127.0.0.1:{free_port()}"}
    punched = run(
        "punch", "in", "3002", "--terminal", "7255", "--at", "2025-03-03T07:00:00Z",
        STAMPLA_CLIENT_ATTEMPTS="1", **away,
    )  # fmt: skip
    assert "keeps 1 punch to send" in punched.output
    status = run("outbox", "status").output
    assert "pending" in status and "ConnectError" in status
    assert reader.get_entries(date(2025, 3, 3)) == []
    retried = run("outbox", "retry")
    assert "Sent: 1 saved." in retried.output
    assert len(reader.get_entries(date(2025, 3, 3))) == 1


def test_a_rejected_punch_is_listed_and_sent_once_its_cause_is_fixed(run, reader, store, company):
    rejected = run("punch", "in", "4711", "--terminal", "7255", "--at", "2025-03-03T07:00Z", code=1)
    assert "The server rejected #1: Employee '4711' does not exist" in rejected.output
    listed = run("outbox", "dead").output
    assert "In 4711 at 2025-03-03T07:00Z on terminal 7255" in listed
    assert "Employee '4711' does not exist" in listed
    spec = md.EmployeeSpec("4711", "Ny", "Anställd", None, "Timavlönad", "", Decimal(50), 1200)
    with store.write() as conn:
        md.put_employee(conn, company.id, spec, datetime.now(UTC))
    retried = run("outbox", "retry", "1").output
    assert "1 rejected punch queued again" in retried and "Sent: 1 saved." in retried
    assert "No rejected punches." in run("outbox", "dead").output
    assert [e.employee_nr for e in reader.get_entries(date(2025, 3, 3))] == ["4711"]


PUNCH_LIST = """\
Datum;Tid;Typ;Anställningsnummer;Kostnadsställe;Dim;Orsak;Kommentar
2025-03-03;08:28;In;3002;1000;30;;
2025-03-03;12:11;Ut;3002;;;;Lunch
2025-03-03;12:56;In;3002;;;;
2025-03-03;15:01;Ut;3002;;;OB 50%;Glömde stämpla
"""


def test_push_reads_a_swedish_windows_1252_punch_list(run, reader, env, tmp_path):
    file = tmp_path / "stämplingar.csv"
    file.write_bytes(PUNCH_LIST.encode("cp1252"))
    result = run("push", str(file), "--terminal", "7255")
    assert "Queued 4 punches from stämplingar.csv" in result.output
    assert "2 comments kept there, not sent" in result.output
    assert "Done: 4 saved." in result.output
    stored = reader.get_entries(date(2025, 3, 3))
    assert [(e.time_stamp_as_sent, e.time_stamp_entry_type) for e in stored] == [
        ("2025-03-03T08:28:00", "In"),
        ("2025-03-03T12:11:00", "Out"),
        ("2025-03-03T12:56:00", "In"),
        ("2025-03-03T15:01:00", "Out"),
    ]
    assert stored[0].time_stamp == datetime(2025, 3, 3, 7, 28, tzinfo=UTC)  # Stockholm, CET
    assert (stored[0].account_nr, stored[0].sie_account_dim) == ("1000", 30)
    assert [t.time_schedule_type_code for t in stored[3].time_schedule_types] == ["OB 50%"]
    with Outbox(env["STAMPLA_CLIENT_OUTBOX"]) as box:
        comments = {d.time_stamp_entry_id: d.queued.comment for d in box.delivered()}
    assert comments[stored[3].time_stamp_entry_id] == "Glömde stämpla"
    again = run("push", str(file), "--terminal", "7255")
    assert "Done: 0 saved, 4 already on the server." in again.output
    assert len(reader.get_entries(date(2025, 3, 3))) == 4


def test_push_reports_unreadable_and_rejected_rows_by_their_line(run, reader, tmp_path):
    file = tmp_path / "punches.csv"
    file.write_text(
        "date,time,type,employee,terminal\n"
        "2025-03-03,08:00,In,3002,7255\n"
        "3/4/25,08:00,In,3014,7255\n"
        "2025-03-03,08:00,In,9999,7255\n"
        "2025-03-03,16:00,Out,3002,7255\n"
    )
    result = run("push", str(file), code=1)
    assert "punches.csv:3: date '3/4/25' does not match YYYY-MM-DD" in result.output
    assert "punches.csv:4: rejected: Employee '9999' does not exist" in result.output
    assert "Done: 2 saved, 1 rejected." in result.output
    assert [e.employee_nr for e in reader.get_entries(date(2025, 3, 3))] == ["3002", "3002"]


def test_push_reads_the_documents_dates_when_told_their_format(run, reader, tmp_path):
    file = tmp_path / "punches.tsv"
    file.write_text("Date\tTime\tType\tEmployee\tComment\n4/3/25\t08:28\tIn\t3015\t\n")
    run("push", str(file), "--terminal", "1", "--date-format", "%m/%d/%y")
    (stored,) = reader.get_entries(date(2025, 4, 3))
    assert stored.time_stamp_as_sent == "2025-04-03T08:28:00"


def test_push_reads_a_json_array_of_entries(run, reader, tmp_path):
    file = tmp_path / "punches.json"
    file.write_text(
        '[{"EmployeeNr": "3014", "TimeStamp": "2025-03-03T08:00:00Z", "TimeStampEntryType": "In",'
        ' "TimeTerminalId": 9, "comment": "via app"},'
        ' {"employeeNr": "3014", "timeStamp": "2025-03-03T16:00:00Z", "timeStampEntryType": 2}]'
    )
    result = run("push", str(file), "--terminal", "1")
    assert "1 comments kept there" in result.output
    stored = reader.get_entries(date(2025, 3, 3))
    assert [e.time_terminal_id for e in stored] == [9, 1]


def test_push_refuses_a_file_with_an_unknown_column_before_queuing_anything(run, env, tmp_path):
    file = tmp_path / "punches.csv"
    file.write_text("Datum;Tid;Typ;Anställningsnummer;Kostnadställe\n2025-03-03;08:00;In;3002;1\n")
    result = run("push", str(file), "--terminal", "1", code=1)
    assert "unknown column(s) 'kostnadställe'" in result.output
    assert not Path(env["STAMPLA_CLIENT_OUTBOX"]).exists()


def test_the_agent_says_what_it_is_missing(monkeypatch):
    for name in ("COMPANY_API_KEY", "CONNECT_API_KEY", "USER_NAME", "PASSWORD"):
        monkeypatch.delenv(f"STAMPLA_CLIENT_{name}", raising=False)
    result = runner.invoke(cli, ["agent"], env={"COLUMNS": "200"})
    assert result.exit_code == 1
    assert "STAMPLA_CLIENT_COMPANY_API_KEY, STAMPLA_CLIENT_CONNECT_API_KEY" in result.output


def test_push_replace_days_corrects_the_days_in_the_file(run, reader, tmp_path):
    first = tmp_path / "as-punched.csv"
    first.write_text(
        "date,time,type,employee,terminal\n"
        "2025-03-03,08:00,In,3002,7255\n"
        "2025-03-03,12:00,Out,3002,7255\n"
        "2025-03-03,08:10,In,3014,7255\n"
        "2025-03-04,08:00,In,3002,7255\n"
    )
    run("push", str(first))
    corrected = tmp_path / "corrected.csv"
    corrected.write_text(
        "date,time,type,employee,terminal\n"
        "2025-03-03,08:00,In,3002,7255\n"
        "2025-03-03,16:30,Out,3002,7255\n"
    )
    result = run("push", str(corrected), "--replace-days", "--batch-size", "1")
    assert (
        "Done: 1 saved, 1 already on the server, 0 not saved; 1 punch on the server superseded."
        in result.output
    )
    day = [(e.employee_nr, e.time_stamp_as_sent) for e in reader.get_entries(date(2025, 3, 3))]
    assert day == [
        ("3002", "2025-03-03T08:00:00"),
        ("3002", "2025-03-03T16:30:00"),  # 12:00 superseded: the file is the whole day
        ("3014", "2025-03-03T08:10:00"),  # another employee's day is not in the file
    ]
    assert len(reader.get_entries(date(2025, 3, 4))) == 1  # another day is not either
    again = run("push", str(corrected), "--replace-days")
    assert (
        "Done: 0 saved, 2 already on the server, 0 not saved; 0 punches on the server superseded."
        in again.output
    )


def test_push_replace_days_counts_punches_corrected_in_their_fields(run, reader, tmp_path):
    first = tmp_path / "as-punched.csv"
    first.write_text(
        "date,time,type,employee,terminal\n"
        "2025-03-07,08:00,In,3002,7255\n"
        "2025-03-07,16:00,Out,3002,7255\n"
        "2025-03-07,08:00,In,3015,7255\n"
    )
    run("push", str(first))
    corrected = tmp_path / "corrected.csv"
    corrected.write_text(
        "date,time,type,employee,terminal,account,dim,code\n"
        "2025-03-07,08:00,In,3002,7255,100,50,OB 50%\n"
        "2025-03-07,16:00,Out,3002,7255,,,\n"
        "2025-03-07,08:00,In,3015,7255,4001,50,\n"
    )
    result = run("push", str(corrected), "--replace-days", "--batch-size", "1")
    assert (
        "Done: 2 saved, 1 already on the server, 0 not saved; 2 punches on the server superseded."
        in result.output
    )
    day = [(e.employee_nr, e.account_nr) for e in reader.get_entries(date(2025, 3, 7))]
    assert day == [("3002", "100"), ("3002", None), ("3015", "4001")]


def test_push_replace_days_refuses_a_file_with_unreadable_rows(run, reader, tmp_path):
    file = tmp_path / "corrected.csv"
    file.write_text(
        "date,time,type,employee,terminal\n2025-03-05,08:00,In,3002,7255\n3/5/25,16:00,Out,3002,7255\n"
    )
    result = run("push", str(file), "--replace-days", code=1)
    assert "1 rows of corrected.csv could not be read; nothing was sent" in result.output
    assert reader.get_entries(date(2025, 3, 5)) == []


def test_push_replace_days_names_rejected_rows(run, reader, tmp_path):
    file = tmp_path / "corrected.csv"
    file.write_text(
        "date,time,type,employee,terminal\n2025-03-06,08:00,In,3002,7255\n2025-03-06,08:00,In,9999,7255\n"
    )
    result = run("push", str(file), "--replace-days", code=1)
    assert "corrected.csv:3: Rejected: Employee '9999' does not exist" in result.output
    assert "corrected.csv:2: NotSaved" in result.output
    assert reader.get_entries(date(2025, 3, 6)) == []
