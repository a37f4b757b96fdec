"""End-to-end ingest over real HTTP, next to a bare reference server and the raw insert rate.

For each store (SQLite, PostgreSQL), number of workers (1, 2) and batch size (1, 100, 1,000),
a fresh ``stampla serve`` receives realistic punches (thousands of employees, 4 punches a day)
over keep-alive connections on 127.0.0.1, in two shapes: the seed's full entry (external code,
account and SIE dimension, ``Accounts[]``, ``TimeScheduleTypes[]``; the headline) and the bare
five fields. In the same run, with the same bodies and the same connections, the reference
server (``bench/reference_app.py``: FastAPI + pydantic, one insert per request, nothing
checked) runs on a database of the same kind, and each cell prints Stampla ÷ reference. The
database alone inserts the same rows into the same schema too (SQLite executemany /
PostgreSQL COPY, 1,000 rows per transaction), for ingest ÷ raw.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from itertools import islice
from pathlib import Path

from sqlalchemy.engine import make_url

from stampla.store.engine import Store

from . import client, data, raw, report
from .databases import fresh_database
from .server import STAMPLA, Server, serving

BATCHES = {1: (3_000, 8), 100: (300, 4), 1_000: (60, 2)}  # batch: (requests, connections)
UVICORN = STAMPLA.with_name("uvicorn")
HERE = Path(__file__).parent
WARM_UP = 50  # single-punch requests each server answers before it is measured


@dataclass
class Row:
    backend: str
    workers: int
    batch: int
    shape: str
    punches_per_second: float
    reference_per_second: float
    errors: int
    peak_rss_mb: float


def reference_serve(port: int, workers: int) -> list[str]:
    """uvicorn running the reference server, with its startup lines (``serving`` waits for
    them) but no access log."""
    return [str(UVICORN), "reference_app:app", "--app-dir", str(HERE), "--host", "127.0.0.1",
            "--port", str(port), "--workers", str(workers), "--no-access-log"]  # fmt: skip


def reference_env(url: str) -> dict[str, str]:
    """The reference server's settings for a database of the same kind as ``url``."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return {"REF_DB": "sqlite", "REF_SQLITE": f"{parsed.database}-reference"}
    dsn = parsed.set(drivername="postgresql").render_as_string(hide_password=False)
    return {"REF_DB": "pg", "REF_PG_DSN": dsn}


def run(
    backends: list[str],
    postgres_url: str,
    employees: int,
    workers: list[int],
    batches: list[int],
    scale: float,
) -> str:
    rows: list[Row] = []
    raw_rates: dict[str, float] = {}
    for backend in backends:
        with fresh_database(backend, postgres_url) as url:
            company = data.create_company(url, employees)
            stream = data.punch_stream(employees, date(2025, 1, 1))
            for count in workers:
                # The reference's database: a file beside Stampla's, or a database of its own.
                with fresh_database(backend, postgres_url) as reference_url:
                    rows.extend(
                        _measure(url, reference_url, company, stream, count, batches, scale)
                    )
        raw_rates[backend] = _raw_rate(backend, postgres_url, employees, scale)
    table, notes = _table(rows, raw_rates)
    settings = (
        f"{employees} employees, 4 punches/day, requests per batch size and shape "
        f"{ {b: max(2, int(BATCHES[b][0] * scale)) for b in batches} }, connections per worker "
        f"{ {b: BATCHES[b][1] for b in batches} }, the same bodies to Stampla and to the "
        "reference server, client on the same machine"
    )
    url = postgres_url if "postgresql" in backends else None
    return report.append("ingest", settings, table, notes, postgres_url=url)


def _measure(
    url: str,
    reference_url: str,
    company: data.BenchCompany,
    stream,
    workers: int,
    batches: list[int],
    scale: float,
) -> list[Row]:
    measured = []
    backend = url.split(":")[0].split("+")[0]
    env = reference_env(reference_url)
    with serving(url, workers) as server, serving(
        reference_url, workers, reference_serve, **env
    ) as reference:  # fmt: skip
        token = client.login(server.base_url, company)
        target = client.entry_url(company, token)
        warm_up = data.bodies(stream, 1, WARM_UP, "full")
        client.closed_loop(server.base_url, target, warm_up, 4)
        client.closed_loop(reference.base_url, "/punches", warm_up, 4, saved_key="count")
        for batch in batches:
            requests, connections = BATCHES[batch]
            for shape in data.SHAPES:
                bodies = data.bodies(stream, batch, max(2, int(requests * scale)), shape)
                ours = client.closed_loop(server.base_url, target, bodies, connections * workers)
                theirs = _reference_rate(reference, bodies, connections * workers)
                rate = ours.punches / ours.seconds
                if ours.punches != batch * len(bodies):
                    print(f"  saved {ours.punches:,} of {batch * len(bodies):,} entries")
                measured.append(
                    Row(backend, workers, batch, shape, rate, theirs, ours.errors,
                        server.peak_rss_mb())
                )  # fmt: skip
                print(
                    f"{backend:10} workers={workers} batch={batch:5} {shape:4}: "
                    f"{rate:9,.0f} punches/s, reference {theirs:9,.0f} ({rate / theirs:.2f})"
                    f"  errors={ours.errors} {ours.error_samples}",
                    flush=True,
                )
    return measured


def _reference_rate(reference: Server, bodies: list[bytes], connections: int) -> float:
    result = client.closed_loop(
        reference.base_url, "/punches", bodies, connections, saved_key="count"
    )
    if result.errors:
        raise RuntimeError(f"the reference server failed: {result.error_samples}")
    return result.punches / result.seconds


def _raw_rate(backend: str, postgres_url: str, employees: int, scale: float) -> float:
    with fresh_database(backend, postgres_url) as url:
        company = data.create_company(url, employees)
        stream = data.punch_stream(employees, date(2025, 1, 1) + timedelta(days=1))
        punches = list(islice(stream, int(60_000 * scale)))
        store = Store(url)
        rate = raw.raw_insert_rate(store, company, punches)
        store.dispose()
    print(f"{backend:10} raw insert: {rate:9,.0f} rows/s", flush=True)
    return rate


def _table(rows: list[Row], raw_rates: dict[str, float]) -> tuple[list[str], list[str]]:
    table = [
        "| store | workers | batch | entry | punches/s | reference punches/s "
        "| Stampla ÷ reference | ingest ÷ raw | errors | worker peak RSS |",
        "|---|---:|---:|---|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        ratio = row.punches_per_second / raw_rates[row.backend]
        versus = row.punches_per_second / row.reference_per_second
        headline = "**" if row.shape == "full" else ""
        table.append(
            f"| {row.backend} | {row.workers} | {row.batch:,} | {row.shape} | "
            f"{headline}{row.punches_per_second:,.0f}{headline} | "
            f"{row.reference_per_second:,.0f} | {headline}{versus:.2f}{headline} | "
            f"{ratio:.0%} | {row.errors} | {row.peak_rss_mb:.0f} MB |"
        )
    notes = [
        "Entry full: the seed's example entry (EmployeeExternalCode, AccountNr + SieAccountDim, "
        "Accounts[], TimeScheduleTypes[]), the headline; bare: EmployeeNr, TimeStamp, "
        "TimeStampEntryType, IsBreak, TimeTerminalId. Reference: bench/reference_app.py under "
        "uvicorn with as many workers, same bodies and connections, right after Stampla; it "
        "checks no credentials or references and reports nothing per entry (its SQLite runs "
        "with synchronous=NORMAL, Stampla's with FULL).",
        *(
            f"Raw insert, {backend}: {rate:,.0f} rows/s (SQLite executemany / PostgreSQL binary "
            "COPY, 1,000 rows per transaction, same schema and rows)."
            for backend, rate in raw_rates.items()
        ),
    ]
    return table, notes
