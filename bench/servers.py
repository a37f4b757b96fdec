"""Which multi-process server to run: the same load against each, in one run.

Candidates: ``stampla serve --workers`` (own SO_REUSEPORT socket per process), uvicorn's
``--workers`` (one shared socket), gunicorn with uvicorn workers, and granian. The last two are
not dependencies of Stampla; install them into the virtualenv to include them
(``pip install gunicorn uvicorn-worker granian``); a candidate that is not installed is skipped.
"""

from __future__ import annotations

import shutil
import sys
from datetime import date
from pathlib import Path

from . import client, data, report
from .databases import fresh_database
from .server import serving, stampla_serve

BIN = Path(sys.executable).parent
FACTORY = "stampla.app:create_app"


def _uvicorn(port: int, workers: int) -> list[str]:
    return [str(BIN / "uvicorn"), "--factory", FACTORY, "--host", "127.0.0.1",
            "--port", str(port), "--workers", str(workers)]  # fmt: skip


def _gunicorn(port: int, workers: int) -> list[str]:
    return [str(BIN / "gunicorn"), "-k", "uvicorn_worker.UvicornWorker", "-w", str(workers),
            "-b", f"127.0.0.1:{port}", f"{FACTORY}()"]  # fmt: skip


def _granian(port: int, workers: int) -> list[str]:
    return [str(BIN / "granian"), "--interface", "asgi", "--factory", "--host", "127.0.0.1",
            "--port", str(port), "--workers", str(workers), FACTORY]  # fmt: skip


CANDIDATES = {
    "stampla serve (SO_REUSEPORT)": (stampla_serve, "stampla"),
    "uvicorn --workers (shared socket)": (_uvicorn, "uvicorn"),
    "gunicorn + uvicorn-worker": (_gunicorn, "gunicorn"),
    "granian": (_granian, "granian"),
}
# gunicorn and granian print other startup lines; all print uvicorn's or their own marker.
LOADS = ((1, 3_000, 8), (1_000, 40, 4))  # (batch, requests, connections)


def run(backends: list[str], postgres_url: str, employees: int, workers: int, rounds: int,
        scale: float) -> str:  # fmt: skip
    available = {name: c for name, c in CANDIDATES.items() if shutil.which(str(BIN / c[1]))}
    table = ["| store | server | round | single punches/s | batch-1,000 punches/s | errors |",
             "|---|---|---:|---:|---:|---:|"]  # fmt: skip
    for backend in backends:
        with fresh_database(backend, postgres_url) as url:
            company = data.create_company(url, employees)
            stream = data.punch_stream(employees, date(2025, 1, 1))
            for round_ in range(1, rounds + 1):
                for name, (command, _) in available.items():
                    rates, errors = [], 0
                    with serving(url, workers, command) as server:
                        token = client.login(server.base_url, company)
                        target = client.entry_url(company, token)
                        for batch, requests, connections in LOADS:
                            bodies = data.bodies(stream, batch, max(4, int(requests * scale)))
                            got = client.closed_loop(server.base_url, target, bodies, connections)
                            rates.append(got.punches / got.seconds)
                            errors += got.errors
                    table.append(f"| {backend} | {name} | {round_} | {rates[0]:,.0f} | "
                                 f"{rates[1]:,.0f} | {errors} |")  # fmt: skip
                    print(table[-1], flush=True)
    settings = (
        f"{workers} workers, closed loop: single punches over 8 connections, "
        f"1,000-entry batches over 4, {employees} employees; rounds alternate servers"
    )
    url = postgres_url if "postgresql" in backends else None
    return report.append("servers", settings, table, postgres_url=url)
