"""End-to-end ingest over real HTTP, next to the raw insert rate of the same rows.

For each store (SQLite, PostgreSQL), number of workers (1, 2) and batch size (1, 100, 1,000),
a fresh ``stampla serve`` receives realistic punches (thousands of employees, 4 punches a day)
over keep-alive connections on 127.0.0.1. In the same run the database alone inserts the same
rows into the same schema (SQLite executemany / PostgreSQL COPY, 1,000 rows per transaction),
and the ratio ingest ÷ raw is printed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from itertools import islice

from stampla.store.engine import Store

from . import client, data, raw, report
from .databases import fresh_database
from .server import serving

BATCHES = {1: (3_000, 8), 100: (300, 4), 1_000: (60, 2)}  # batch: (requests, connections)


@dataclass
class Row:
    backend: str
    workers: int
    batch: int
    punches_per_second: float
    errors: int
    peak_rss_mb: float


def run(backends: list[str], postgres_url: str, employees: int, workers: list[int],
        batches: list[int], scale: float) -> str:  # fmt: skip
    rows: list[Row] = []
    raw_rates: dict[str, float] = {}
    for backend in backends:
        with fresh_database(backend, postgres_url) as url:
            company = data.create_company(url, employees)
            stream = data.punch_stream(employees, date(2025, 1, 1))
            for count in workers:
                rows.extend(_measure_server(url, company, stream, count, batches, scale))
        raw_rates[backend] = _raw_rate(backend, postgres_url, employees, scale)
    table, notes = _table(rows, raw_rates)
    settings = (f"{employees} employees, 4 punches/day, requests per batch size "
                f"{ {b: int(BATCHES[b][0] * scale) for b in batches} }, connections "
                f"{ {b: BATCHES[b][1] for b in batches} }, client on the same machine")  # fmt: skip
    url = postgres_url if "postgresql" in backends else None
    return report.append("ingest", settings, table, notes, postgres_url=url)


def _measure_server(url: str, company: data.BenchCompany, stream, workers: int,
                    batches: list[int], scale: float) -> list[Row]:  # fmt: skip
    measured = []
    with serving(url, workers) as server:
        token = client.login(server.base_url, company)
        target = client.entry_url(company, token)
        for batch in batches:
            requests, connections = BATCHES[batch]
            bodies = data.bodies(stream, batch, max(2, int(requests * scale)))
            result = client.closed_loop(server.base_url, target, bodies, connections * workers)
            rate = result.punches / result.seconds
            backend = url.split(":")[0].split("+")[0]
            measured.append(Row(backend, workers, batch, rate, result.errors,
                                server.peak_rss_mb()))  # fmt: skip
            print(f"{backend:10} workers={workers} batch={batch:5}: {rate:9,.0f} punches/s"
                  f"  errors={result.errors} {result.error_samples}", flush=True)  # fmt: skip
    return measured


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
        "| store | workers | batch | punches/s | ingest ÷ raw | errors | worker peak RSS |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        ratio = row.punches_per_second / raw_rates[row.backend]
        table.append(f"| {row.backend} | {row.workers} | {row.batch:,} | "
                     f"{row.punches_per_second:,.0f} | {ratio:.0%} | {row.errors} | "
                     f"{row.peak_rss_mb:.0f} MB |")  # fmt: skip
    notes = [f"Raw insert, {backend}: {rate:,.0f} rows/s (SQLite executemany / PostgreSQL binary "
             "COPY, 1,000 rows per transaction, same schema and rows)."
             for backend, rate in raw_rates.items()]  # fmt: skip
    return table, notes
