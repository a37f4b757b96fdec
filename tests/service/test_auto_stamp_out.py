"""Auto stamp-out end to end: punches posted over HTTP, the job run with the test's clock,
the synthetic Out read back (TimeStampEntry, AttestTime), and a later real Out winning.

Runs on SQLite and PostgreSQL (the ``store``/``api`` fixtures), with no sleeping: the job is
called with "now" from the test's clock."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from stampla.errors import InvalidInput
from stampla.service import masterdata as md
from stampla.service.attest import change_settings
from stampla.service.audit import list_events
from stampla.service.auto_stamp_out import job
from stampla.service.auto_stamp_out.settings import change_company_rule, read_company_rule
from stampla.settings import Settings
from stampla.store import leases
from stampla.store.tables import punches
from tests.admin.session import admin_for, ok, refused
from tests.factories import entry

ZONE = ZoneInfo("Europe/Stockholm")
ATTEST_PATH = "/Personell/Time/AttestTime"


@pytest.fixture
def settings(database_url: str) -> Settings:
    """The server without its own job thread: each test runs the job when it means to."""
    return Settings(
        database_url=database_url, login_failure_delay_seconds=0, jobs_interval_seconds=0
    )


@pytest.fixture
def start(clock) -> datetime:
    """A session's In: 12 hours before the clock's now, on a whole hour."""
    return (clock() - timedelta(hours=12)).replace(minute=0, second=0)


def z(instant: datetime) -> str:
    return instant.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def days(instant: datetime) -> tuple[str, str]:
    """dateFrom and dateTo around an instant's local date (the Out may fall on the next)."""
    day = instant.astimezone(ZONE).date()
    return day.isoformat(), (day + timedelta(days=1)).isoformat()


def post(api, *entries) -> list[dict]:
    response = api.post(list(entries))
    assert response.status_code == 200, response.text
    return response.json()["results"]


def run(store, company, clock) -> int:
    """Run the job as cron or serve would (every company with a rule); how many Outs it made
    for ``company`` (other tests' companies share the database)."""
    before = _synthetic(store, company)
    report = job.run_once(store, clock())
    assert report.ran and company.id in report.companies
    return _synthetic(store, company) - before


def _synthetic(store, company) -> int:
    p = punches.c
    query = select(func.count()).where(p.company_id == company.id, p.origin == "AutoStampOut")
    with store.read() as conn:
        return conn.execute(query).scalar_one()


def stored(api, instant: datetime, **params) -> list[dict]:
    return api.stored(*days(instant), employeeNrsString="3002", **params)


def day_row(api, instant: datetime) -> dict:
    date_from, _ = days(instant)
    response = api.client.get(
        ATTEST_PATH,
        params=api.params(dateFrom=date_from, dateTo=date_from, employeeNrsString="3002"),
    )
    assert response.status_code == 200, response.text
    (row,) = response.json()
    return row


def test_a_session_open_past_the_maximum_length_gets_one_out(api, store, company, clock, start):
    change_company_rule(store, company.id, clock(), after="10:00")
    (opening,) = post(api, entry("3002", z(start), "In", 7255))
    assert run(store, company, clock) == 1
    punches = stored(api, start)
    assert [(p["timeStampEntryType"], p["origin"]) for p in punches] == [
        ("In", "Terminal"),
        ("Out", "AutoStampOut"),
    ]
    out = punches[1]
    assert out["timeStamp"] == z(start + timedelta(hours=10))
    assert out["timeTerminalId"] == 7255 and out["employeeNr"] == "3002"
    row = day_row(api, start)
    assert row["stampingStatus"] == "Complete"
    (warning,) = row["warnings"]
    assert warning["code"] == "AutoStampOut"
    assert warning["timeStampEntryIds"] == [opening["timeStampEntryId"], out["timeStampEntryId"]]
    assert f"punch {out['timeStampEntryId']}" in warning["message"]


def test_a_session_open_at_the_time_of_day_gets_its_out_then(api, store, company, clock, start):
    cutoff = start + timedelta(hours=3)
    change_company_rule(store, company.id, clock(), at=cutoff.astimezone(ZONE).strftime("%H:%M"))
    post(api, entry("3002", z(start), "In", 7255))
    assert run(store, company, clock) == 1
    assert stored(api, start)[1]["timeStamp"] == z(cutoff)


def test_running_twice_adds_one_out(api, store, company, clock, start):
    change_company_rule(store, company.id, clock(), after="10:00")
    post(api, entry("3002", z(start), "In", 7255))
    assert run(store, company, clock) == 1
    assert run(store, company, clock) == 0
    an_hour_later = clock() + timedelta(hours=1)
    assert job.stamp_out_company(store, company.id, an_hour_later, 3) == (0, 0)
    assert [p["origin"] for p in stored(api, start)] == ["Terminal", "AutoStampOut"]


def test_a_later_real_out_supersedes_the_synthetic_one(api, store, company, clock, start):
    change_company_rule(store, company.id, clock(), after="10:00")
    post(api, entry("3002", z(start), "In", 7255))
    run(store, company, clock)
    synthetic = stored(api, start)[1]["timeStampEntryId"]
    (real,) = post(api, entry("3002", z(start + timedelta(hours=11)), "Out", 7255))
    assert real["status"] == "Saved" and real["supersedes"] == synthetic
    current = stored(api, start)
    assert [(p["timeStampEntryType"], p["origin"]) for p in current] == [
        ("In", "Terminal"),
        ("Out", "Terminal"),
    ]
    everything = {p["timeStampEntryId"]: p for p in stored(api, start, includeSuperseded="true")}
    kept = everything[synthetic]
    assert kept["origin"] == "AutoStampOut" and kept["superseded"] is True
    assert kept["supersededBy"] == real["timeStampEntryId"]
    row = day_row(api, start)
    assert row["warnings"] == [] and row["stampingStatus"] == "Complete"
    assert row["workSeconds"] == 11 * 3600
    assert run(store, company, clock) == 0  # the session had its synthetic Out: never another


def test_a_real_out_equal_to_the_synthetic_one_replaces_it(api, store, company, clock, start):
    change_company_rule(store, company.id, clock(), after="10:00")
    post(api, entry("3002", z(start), "In", 7255))
    run(store, company, clock)
    synthetic = stored(api, start)[1]["timeStampEntryId"]
    (real,) = post(api, entry("3002", z(start + timedelta(hours=10)), "Out", 7255))
    assert real["status"] == "Saved" and real["supersedes"] == synthetic
    assert [p["origin"] for p in stored(api, start)] == ["Terminal", "Terminal"]
    # and the terminal's resend of it is a Duplicate of the real Out, not of the synthetic
    (again,) = post(api, entry("3002", z(start + timedelta(hours=10)), "Out", 7255))
    assert again["status"] == "Duplicate"
    assert again["timeStampEntryId"] == real["timeStampEntryId"]


def test_an_out_of_the_next_session_leaves_the_synthetic_out(api, store, company, clock, start):
    change_company_rule(store, company.id, clock(), after="4:00")
    post(api, entry("3002", z(start), "In", 7255))
    run(store, company, clock)  # Out at start + 4 h
    post(
        api,
        entry("3002", z(start + timedelta(hours=5)), "In", 7255),
        entry("3002", z(start + timedelta(hours=7)), "Out", 7255),
    )
    origins = [p["origin"] for p in stored(api, start)]
    assert origins == ["Terminal", "AutoStampOut", "Terminal", "Terminal"]


def test_an_out_beyond_the_maximum_shift_leaves_the_synthetic_out(
    api, store, company, clock, start
):
    """Someone who forgot yesterday's Out and today's In punches Out: that Out would not pair
    with yesterday's In (attest's maximum shift), so the synthetic Out stays."""
    change_settings(store, company.id, clock(), max_shift_minutes=11 * 60)
    change_company_rule(store, company.id, clock(), after="4:00")
    post(api, entry("3002", z(start), "In", 7255))
    run(store, company, clock)
    (late,) = post(api, entry("3002", z(start + timedelta(hours=11, minutes=30)), "Out", 7255))
    assert late["status"] == "Saved" and late.get("supersedes") is None
    origins = [p["origin"] for p in stored(api, start)]
    assert origins == ["Terminal", "AutoStampOut", "Terminal"]


def test_a_closed_session_gets_nothing(api, store, company, clock, start):
    change_company_rule(store, company.id, clock(), after="10:00")
    post(
        api,
        entry("3002", z(start), "In", 7255),
        entry("3002", z(start + timedelta(hours=11)), "Out", 7255),
    )
    assert run(store, company, clock) == 0
    assert len(stored(api, start)) == 2


def test_a_terminal_setting_overrides_the_company_setting(api, store, company, clock, start):
    now = clock()
    change_company_rule(store, company.id, now, after="11:00")
    md.terminals.update(store, company.id, 7255, {"auto_stamp_out_after_minutes": "8:00"}, now)
    md.terminals.update(store, company.id, 9, {"auto_stamp_out_after_minutes": "Off"}, now)
    post(
        api,
        entry("3002", z(start), "In", 7255),  # its own 8 h
        entry("3014", z(start), "In", 1),  # the company's 11 h
        entry("3015", z(start), "In", 9),  # off on terminal 9
    )
    assert run(store, company, clock) == 2
    outs = {
        p["employeeNr"]: p["timeStamp"]
        for p in api.stored(*days(start))
        if p["origin"] == "AutoStampOut"
    }
    assert outs == {"3002": z(start + timedelta(hours=8)), "3014": z(start + timedelta(hours=11))}
    terminal = md.terminals.get(store, company.id, 7255)
    assert terminal.auto_stamp_out_after == "8:00" and terminal.auto_stamp_out_at is None
    trail = list_events(store, company.id, clock(), entity="terminal").events
    assert any(e.changes == {"autoStampOutAfter": [None, "8:00"]} for e in trail)


def test_the_company_rule_is_audited_and_bad_values_are_named(store, company, clock):
    with pytest.raises(InvalidInput) as raised:
        change_company_rule(store, company.id, clock(), at="25:00", after="49:00")
    assert {p.field for p in raised.value.problems} == {"AutoStampOutAt", "AutoStampOutAfter"}
    assert read_company_rule(store, company.id).auto_stamp_out_at is None  # nothing written
    change_company_rule(store, company.id, clock(), at="7:30", actor="cli:test")
    change_company_rule(store, company.id, clock(), at="Off", after="9,5", actor="cli:test")
    rule = read_company_rule(store, company.id)
    assert (rule.auto_stamp_out_at, rule.auto_stamp_out_after) == (None, "9:30")
    events = list_events(store, company.id, clock(), entity="auto_stamp_out_settings").events
    changes = sorted(str(e.changes) for e in events)
    assert changes == sorted(
        [
            str({"autoStampOutAt": [None, "07:30"]}),
            str({"autoStampOutAt": ["07:30", None], "autoStampOutAfter": [None, "9:30"]}),
        ]
    )


def test_the_admin_api_reads_and_changes_the_company_rule(client, store, company, clock):
    admin = admin_for(client, store, company, clock())
    assert ok(admin.get("/Admin/AutoStampOut")) == {
        "autoStampOutAt": None,
        "autoStampOutAfter": None,
    }
    changed = ok(admin.patch("/Admin/AutoStampOut", {"AutoStampOutAt": "23:00"}))
    assert changed == {"autoStampOutAt": "23:00", "autoStampOutAfter": None}
    body = refused(admin.patch("/Admin/AutoStampOut", {"AutoStampOutAfter": "soon"}), 400)
    assert body["errors"][0]["field"] == "AutoStampOutAfter"
    terminal = ok(admin.patch("/Admin/Terminals", {"AutoStampOutAt": "Off"}, timeTerminalId=7255))
    assert terminal["autoStampOutAt"] == "Off"


def test_one_holder_at_a_time_and_a_held_lease_stops_a_run(api, store, company, clock, start):
    now = clock()
    with store.write() as conn:
        assert leases.acquire(conn, job.JOB, "worker-a", now, now + timedelta(minutes=5))
    with store.write() as conn:
        assert not leases.acquire(conn, job.JOB, "worker-b", now, now + timedelta(minutes=5))
        assert leases.acquire(conn, job.JOB, "worker-a", now, now + timedelta(minutes=5))
    change_company_rule(store, company.id, now, after="10:00")
    post(api, entry("3002", z(start), "In", 7255))
    assert job.run_once(store, now, holder="worker-b").ran is False
    assert len(stored(api, start)) == 1  # the run that did not get the lease made nothing
    with store.write() as conn:
        leases.release(conn, job.JOB, "worker-a", now)
    assert job.run_once(store, now, holder="worker-b").ran
    assert [p["origin"] for p in stored(api, start)] == ["Terminal", "AutoStampOut"]
    with store.read() as conn:
        assert leases.holder_of(conn, job.JOB, now) is None  # a finished run gives it back


def test_an_expired_lease_is_taken_over(store, clock):
    now = clock()
    with store.write() as conn:
        assert leases.acquire(conn, "test-expiry", "dead-worker", now, now + timedelta(minutes=5))
    later = now + timedelta(minutes=6)
    with store.write() as conn:
        assert leases.acquire(conn, "test-expiry", "worker-b", later, later + timedelta(minutes=5))
        assert leases.holder_of(conn, "test-expiry", later) == "worker-b"


def test_workers_starting_the_job_at_once_add_one_out(api, store, company, clock, start):
    """Four workers start a run at the same moment; however the lease falls, the session
    gets one Out (the lease makes them take turns, the job adds nothing the second time)."""
    change_company_rule(store, company.id, clock(), after="10:00")
    post(api, entry("3002", z(start), "In", 7255))
    now = clock()
    gate = threading.Barrier(4)
    reports: list[job.JobReport] = []

    def worker(name: str) -> None:
        gate.wait()
        reports.append(job.run_once(store, now, holder=name))

    threads = [threading.Thread(target=worker, args=(f"worker-{i}",)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(reports) == 4 and any(report.ran for report in reports)
    assert sum(report.made for report in reports if report.ran) >= 1
    assert [p["origin"] for p in stored(api, start)] == ["Terminal", "AutoStampOut"]
