"""Attest time: day rows for a company-wide range, one employee-month over HTTP, and what
storing day rows instead would cost the ingest.

    python -m bench.attest [--backends sqlite,postgresql] [--employees 5000] [--days 50]

For each store, a fresh database gets a company with ``employees`` staff and four punches per
employee and day for ``days`` days (``attest_data``: written straight to the database).
Then:

1. **Bulk**: the service computes every day row of the company for the whole range, in a
   fresh process (so that its peak RSS is the computation's own), ``--runs`` times. A second
   process splits the same work into its parts (fetching rows, making punches, the domain).
   A third streams every row as the API's JSON, to show what serialising costs on top.
2. **Employee-month over HTTP**: ``stampla serve`` (1 worker) answers
   ``GET /Personell/Time/AttestTime`` for one employee and one month, ``--requests`` times
   from one keep-alive connection on the same machine, for random employees.
3. **Stored rows instead?** The same server ingests four 1,000-punch batches for a new day
   (1,000 employees each), and for each batch the service recomputes the 1,000 employee-days
   it touched and writes them to a scratch table: the work a design with stored day rows
   would add to every batch.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from sqlalchemy import text

from stampla.service.attest import AttestQuery, EmployeeDay, attest_time
from stampla.store.engine import Store

from . import attest_data, report
from .databases import fresh_database
from .server import serving

DEFAULT_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
ATTEST_PATH = "/Personell/Time/AttestTime"
ENTRY_PATH = "/Personell/Time/TimeStampEntry"


def main() -> None:
    args = _arguments()
    if args.measure:
        print(json.dumps(_MEASURES[args.measure](args.url, args.days)))
        return
    rows: list[str] = []
    for backend in args.backends.split(","):
        with fresh_database(backend, args.postgres_url) as url:
            rows.extend(_run_backend(backend, url, args))
    postgres = args.postgres_url if "postgresql" in args.backends else None
    settings = (
        f"{args.employees} employees x {args.days} days x 4 punches, every day "
        f"(15 % night shifts, 30 % with accounts, 1 % of days with a missing Out); "
        f"bulk median of {args.runs} runs; {args.requests} employee-month requests; "
        f"load average at start {_load()}"
    )
    if args.no_record:
        print("\n".join([settings, *_TABLE_HEAD, *rows]))
        return
    print(report.append("attest", settings, _TABLE_HEAD + rows, NOTES, postgres_url=postgres))


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.attest")
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument(
        "--postgres-url", default=os.environ.get("STAMPLA_BENCH_POSTGRES_URL", DEFAULT_POSTGRES)
    )
    parser.add_argument("--employees", type=int, default=5_000)
    parser.add_argument("--days", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--no-record", action="store_true", help="Print, do not append.")
    parser.add_argument(
        "--schedules",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="Then put every employee on a schedule and compute the same rows again.",
    )
    parser.add_argument(
        "--rules",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="Then give every employee Handels' rule set and compute the same rows again.",
    )
    parser.add_argument("--measure", choices=sorted(_MEASURES), help=argparse.SUPPRESS)
    parser.add_argument("--url", help=argparse.SUPPRESS)
    return parser.parse_args()


_TABLE_HEAD = ["| store | measurement | result | target |", "|---|---|---|---|"]

NOTES = [
    "Bulk: the service's day rows for the whole company and range, consumed as they come "
    "(no JSON). Wall and CPU time of the computing process; PostgreSQL's own work runs in "
    "its server process and shows in wall time only. Peak RSS is the process's VmHWM.",
    "Punch data written straight to the database with the store's bulk insert, not through "
    "the API (a million punches through the API would measure ingest, not attest).",
]


def _run_backend(backend: str, url: str, args: argparse.Namespace) -> list[str]:
    started = time.perf_counter()
    company = attest_data.build(url, args.employees, args.days)
    built = time.perf_counter() - started
    print(f"{backend}: {company.punches:,} punches written in {built:.0f} s", file=sys.stderr)
    rows = _bulk_rows(backend, url, company, args.runs)
    baseline = _bulk_wall(rows[0])  # what the rules are compared with: the run before them
    if args.schedules:
        plain = baseline
        attest_data.add_schedules(url, company)
        label = "with every employee on a schedule"
        scheduled = _bulk_rows(backend, url, company, args.runs, label)
        rows.extend(scheduled)
        baseline = _bulk_wall(scheduled[0])
        ratio = baseline / plain
        rows.append(f"| {backend} | with schedules ÷ without, same punches, same run | "
                    f"**{ratio:.2f}×** | ≤ 1.5× |")  # fmt: skip
    if args.rules:
        attest_data.add_rule_sets(url, company)
        ruled = _bulk_rows(backend, url, company, args.runs, "with Handels' rules for everyone")
        rows.extend(ruled)
        ratio = _bulk_wall(ruled[0]) / baseline
        rows.append(f"| {backend} | with rules ÷ without, same punches, same run | "
                    f"**{ratio:.2f}×** | ≤ 1.5× |")  # fmt: skip
    with serving(url, 1) as server:
        rows.append(_month_row(backend, server.base_url, company, args.requests))
        rows.extend(_stored_rows(backend, url, server.base_url, company))
    return rows


# --- 1. Bulk -------------------------------------------------------------------------------


def _bulk_wall(row: str) -> float:
    """The median wall time a ``_bulk_rows`` row states (``**3.2 s** wall``)."""
    return float(row.split("**")[1].split()[0])


def _bulk_rows(
    backend: str, url: str, company: attest_data.AttestCompany, runs: int, label: str = ""
) -> list:
    measured = [_in_fresh_process("bulk", url, company.days) for _ in range(runs)]
    wall = statistics.median(m["wall"] for m in measured)
    cpu = statistics.median(m["cpu"] for m in measured)
    rss = max(m["peak_rss_mb"] for m in measured)
    parts = _in_fresh_process("parts", url, company.days)
    as_json = _in_fresh_process("json", url, company.days)
    each = ", ".join(f"{m['wall']:.1f}" for m in measured)
    return [
        f"| {backend} | day rows for {company.punches:,} punches {label}".rstrip()
        + f" ({measured[0]['rows']:,} rows), runs: "
        f"{each} s | **{wall:.1f} s** wall, "
        f"{cpu:.1f} s CPU, peak RSS {rss:.0f} MB | < 5 s, < 1 GB |",
        f"| {backend} | where the CPU time goes, one part after the other | fetching rows "
        f"{parts['fetch']:.1f} s (on the second thread), making punches "
        f"{parts['punches']:.1f} s, domain (pairing, shifts, day rows) "
        f"{parts['domain']:.1f} s | |",
        f"| {backend} | the same rows as the API's streamed JSON | {as_json['wall']:.1f} s wall, "
        f"{as_json['megabytes']:.0f} MB of JSON, peak RSS {as_json['peak_rss_mb']:.0f} MB | |",
    ]


def _in_fresh_process(measure: str, url: str, days: int) -> dict:
    command = [sys.executable, "-m", "bench.attest", "--measure", measure, "--url", url]
    command += ["--days", str(days)]
    output = subprocess.run(
        command, check=True, capture_output=True, text=True, cwd=Path(__file__).parent.parent
    )
    return json.loads(output.stdout)


def _whole_range(days: int) -> AttestQuery:
    first = attest_data.FIRST_DAY
    return AttestQuery(first, first + timedelta(days=days - 1))


def _measure_bulk(url: str, days: int) -> dict:
    store = Store(url)
    wall, cpu = time.perf_counter(), time.process_time()
    count = sum(1 for _ in _all_rows(store, days))
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return {"wall": wall, "cpu": cpu, "rows": count, "peak_rss_mb": _peak_rss_mb()}


def _measure_json(url: str, days: int) -> dict:
    """The route's own streamed JSON, without HTTP around it."""
    from stampla.api.routes.attest import json_array

    store = Store(url)
    wall = time.perf_counter()
    size = sum(len(piece) for piece in json_array(_all_rows(store, days)))
    wall = time.perf_counter() - wall
    return {"wall": wall, "megabytes": size / 1e6, "peak_rss_mb": _peak_rss_mb()}


def _measure_parts(url: str, days: int) -> dict:
    """CPU time of each part of the computation, group by group as the service runs them
    (with the garbage collector paused, as it is there), but one part after the other."""
    import gc

    from stampla.domain import attest as domain
    from stampla.service.attest import day_rows as service
    from stampla.store import attest as rows

    store, query = Store(url), _whole_range(days)
    dates = service._dates(query.date_from, query.date_to, service.MARGIN_DAYS)
    company_id = attest_data.company_id(store)
    settings, zone, now = domain.DEFAULTS, attest_data.ZONE, datetime.now(UTC)
    fetch = punches = domain_time = 0.0
    gc.disable()
    with store.read() as conn:
        reader = rows.PunchReader(conn, company_id)
        for group in service._groups(rows.attest_employees(conn, company_id, None)):
            started = time.process_time()
            fetched = reader.fetch(dates, [employee.id for employee in group])
            fetched_at = time.process_time()
            found = reader.punches(fetched, dates)
            made_at = time.process_time()
            for employee in group:
                shifts = domain.shifts_of(found.get(employee.id, []), settings, zone, now)
                domain.day_rows(shifts, settings, zone, employee.weekly_minutes)
            fetch += fetched_at - started
            punches += made_at - fetched_at
            domain_time += time.process_time() - made_at
    gc.enable()
    return {"fetch": fetch, "punches": punches, "domain": domain_time}


def _all_rows(store: Store, days: int) -> Iterator[EmployeeDay]:
    company_id = attest_data.company_id(store)
    return attest_time(store, company_id, _whole_range(days), datetime.now(UTC), max_days=366)


def _peak_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


_MEASURES = {"bulk": _measure_bulk, "json": _measure_json, "parts": _measure_parts}


# --- 2. One employee-month over HTTP -------------------------------------------------------


def _month_row(backend: str, base_url: str, company: attest_data.AttestCompany,
               requests: int) -> str:  # fmt: skip
    connection, token = _login(base_url, company)
    first = company.first_day + timedelta(days=16)  # 2025-10-01 with the default data
    month = {"dateFrom": first.isoformat(), "dateTo": (first + timedelta(days=30)).isoformat()}
    rng = random.Random(1)
    latencies, size, punches = [], 0, 0
    for n in range(requests + 20):  # the first 20 warm the server up and are not counted
        params = {**company.keys(), "token": token, **month,
                  "employeeNrsString": rng.choice(company.employee_nrs)}  # fmt: skip
        started = time.perf_counter()
        connection.request("GET", f"{ATTEST_PATH}?{urlencode(params)}")
        response = connection.getresponse()
        body = response.read()
        elapsed = time.perf_counter() - started
        assert response.status == 200, body[:500]
        if n >= 20:
            latencies.append(elapsed * 1000)
            size += len(body)
            punches += sum(len(row["punches"]) for row in json.loads(body))
    cuts = statistics.quantiles(latencies, n=100, method="inclusive")
    return (
        f"| {backend} | one employee-month over HTTP (31 days; on average "
        f"{punches / requests:.0f} punches, {size / requests / 1000:.0f} KB of JSON) | "
        f"p50 **{cuts[49]:.1f} ms**, p90 {cuts[89]:.1f} ms, p99 {cuts[98]:.1f} ms, "
        f"max {max(latencies):.1f} ms | < 20 ms |"
    )


def _login(
    base_url: str, company: attest_data.AttestCompany
) -> tuple[http.client.HTTPConnection, str]:
    parts = urlsplit(base_url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)
    body = json.dumps({"UserName": attest_data.USER, "Password": attest_data.PASSWORD})
    connection.request("POST", f"/Login/Token?{urlencode(company.keys())}", body,
                       {"Content-Type": "application/json"})  # fmt: skip
    token = json.loads(connection.getresponse().read())["token"]
    return connection, token


# --- 3. What stored day rows would add to ingest -------------------------------------------


def _stored_rows(backend: str, url: str, base_url: str,
                 company: attest_data.AttestCompany) -> list[str]:  # fmt: skip
    connection, token = _login(base_url, company)
    day = company.last_day + timedelta(days=1)
    staff = company.employee_nrs[:1000]
    store = Store(url)
    _scratch_table(store)
    ingest, refresh = [], []
    for clock, kind, is_break in (("08:00", "In", False), ("12:00", "Out", True),
                                  ("12:30", "In", True), ("17:00", "Out", False)):  # fmt: skip
        entries = [{"EmployeeNr": nr, "TimeStamp": f"{day}T{clock}:00", "TimeStampEntryType": kind,
                    "IsBreak": is_break, "TimeTerminalId": attest_data.TERMINAL}
                   for nr in staff]  # fmt: skip
        ingest.append(_post(connection, company, token, entries))
        refresh.append(_refresh(store, company, staff, day))
    store.dispose()
    return [
        f"| {backend} | ingest of a {len(staff):,}-punch batch over HTTP ({len(staff):,} "
        f"employees) | median {statistics.median(ingest):.0f} ms | |",
        f"| {backend} | recomputing and storing its {len(staff):,} employee-days (what stored "
        f"day rows would add to that batch) | median {statistics.median(refresh):.0f} ms | |",
    ]


def _post(connection, company, token: str, entries: list[dict]) -> float:  # noqa: ANN001
    query = urlencode({**company.keys(), "token": token})
    started = time.perf_counter()
    connection.request("POST", f"{ENTRY_PATH}?{query}", json.dumps(entries),
                       {"Content-Type": "application/json"})  # fmt: skip
    response = connection.getresponse()
    body = response.read()
    assert response.status == 200, body[:500]
    return (time.perf_counter() - started) * 1000


def _scratch_table(store: Store) -> None:
    with store.write() as conn:
        conn.execute(text("DROP TABLE IF EXISTS bench_day_rows"))
        conn.execute(text(
            "CREATE TABLE bench_day_rows (company_id BIGINT, employee_nr VARCHAR(50), "
            "day DATE, body TEXT, PRIMARY KEY (company_id, employee_nr, day))"))  # fmt: skip


def _refresh(store: Store, company: attest_data.AttestCompany, staff: list[str],
             day: date) -> float:  # fmt: skip
    """Recompute the employee-days a batch touched and upsert them, in one transaction."""
    from stampla.wire.attest import day_json

    started = time.perf_counter()
    query = AttestQuery(day, day, staff)
    days = list(attest_time(store, company.id, query, datetime.now(UTC), max_days=366))
    with store.write() as conn:
        conn.execute(
            text("DELETE FROM bench_day_rows WHERE company_id = :c AND day = :d"),
            {"c": company.id, "d": day},
        )
        conn.execute(
            text("INSERT INTO bench_day_rows VALUES (:c, :e, :d, :b)"),
            [{"c": company.id, "e": d.employee_nr, "d": day, "b": json.dumps(day_json(d))}
             for d in days],
        )  # fmt: skip
    return (time.perf_counter() - started) * 1000


def _load() -> str:
    return Path("/proc/loadavg").read_text().split()[0]


if __name__ == "__main__":
    main()
