"""Single-punch latency at fixed request rates: p50/p95/p99 and errors, one worker.

The load is open-loop: a request is due every 1/rate seconds whether or not the previous ones
were answered, and each latency counts from the moment it was due. A server that stalls
shows up as high percentiles, not as a lower request rate.
"""

from __future__ import annotations

from datetime import date

from . import client, data, report
from .databases import fresh_database
from .server import serving

SECONDS = 10


def run(
    backends: list[str], postgres_url: str, employees: int, rates: list[int], scale: float
) -> str:
    table = [
        "| store | rate (req/s) | requests | p50 | p95 | p99 | max | errors | worker peak RSS |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for backend in backends:
        with fresh_database(backend, postgres_url) as url:
            company = data.create_company(url, employees)
            stream = data.punch_stream(employees, date(2025, 1, 1))
            with serving(url, 1) as server:
                token = client.login(server.base_url, company)
                target = client.entry_url(company, token)
                client.closed_loop(server.base_url, target, data.bodies(stream, 1, 200), 4)
                for rate in rates:
                    bodies = data.bodies(stream, 1, max(50, int(rate * SECONDS * scale)))
                    got = client.open_loop(server.base_url, target, bodies, rate)
                    table.append(
                        f"| {backend} | {rate} | {got.sent} | {got.p50_ms:.1f} ms | "
                        f"{got.p95_ms:.1f} ms | {got.p99_ms:.1f} ms | {got.max_ms:.1f} ms | "
                        f"{got.errors} | {server.peak_rss_mb():.0f} MB |"
                    )
                    print(table[-1], flush=True)
    settings = (
        f"1 worker, open-loop single-punch posts for {SECONDS * scale:g} s per rate after "
        f"200 warm-up requests, {employees} employees, client on the same machine"
    )
    url = postgres_url if "postgresql" in backends else None
    return report.append("latency", settings, table, postgres_url=url)
