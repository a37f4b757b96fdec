"""``python -m bench.import_employees``: import a large employee file, as an operator would.

A Windows-1252, semicolon-separated file with decimal commas and hours like 38:15 (what a
Swedish spreadsheet saves) goes through the same service as ``stampla employee import``,
three ways: into an empty register (every row created), again unchanged (every row checked
and compared, nothing written), and with every row changed (every row updated). Each figure
includes reading and checking the file, the database work, the audit events and the commit.
The median of ``--repeat`` runs is reported; each run uses a company of its own.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime

from stampla.service import masterdata as md
from stampla.service.csv_import import ImportReport, import_csv
from stampla.store import migrate
from stampla.store.engine import Store

from .databases import fresh_database
from .report import append

DEFAULT_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
HEADER = (
    "Employee ID;First name;Last name;External code;Time agreement;Employment position;"
    "Employ. rate;Weekly working hours;Active"
)
FIRST = ("Åsa", "Björn", "Märta", "Örjan", "Tilde", "Sabina", "Fabian", "Douglas", "Lovisa")
LAST = ("Lindström", "Gustavsson", "Ahmedsdotter", "Öberg", "Jensberg", "Sandberg", "Emmagren")
AGREEMENTS = ("Timavlönad", "Månadsavlönad")
RATES = ("26,14", "52,29", "78,43", "100,00", "65,36")
HOURS = ("10:00", "20:00", "30:00", "38:15", "25:00")


def employee_file(count: int, rate_shift: int = 0) -> bytes:
    """``count`` employees; ``rate_shift`` changes every row's rate and hours."""
    lines = [HEADER]
    for i in range(count):
        lines.append(
            ";".join(
                (
                    str(100_000 + i),
                    FIRST[i % len(FIRST)],
                    f"{LAST[i % len(LAST)]}{i}",
                    f"EXT-{i}",
                    AGREEMENTS[i % 2],
                    "Permanent Position",
                    RATES[(i + rate_shift) % len(RATES)],
                    HOURS[(i + rate_shift) % len(HOURS)],
                    "ja",
                )
            )
        )
    return ("\r\n".join(lines) + "\r\n").encode("cp1252")


def timed(run: Callable[[], ImportReport]) -> tuple[float, ImportReport]:
    start = time.perf_counter()
    report = run()
    return time.perf_counter() - start, report


def measure(url: str, count: int, repeat: int) -> dict[str, list[float]]:
    """Seconds per run for each of the three imports."""
    store = Store(url)
    migrate.upgrade(store.engine)
    created, unchanged, updated = [], [], []
    original, changed = employee_file(count), employee_file(count, rate_shift=1)
    for run in range(repeat):
        now = datetime.now(UTC)
        company = md.create_company(store, f"Bench {run} {time.time_ns()}", now).id

        def load(data: bytes, company: int = company, now: datetime = now) -> ImportReport:
            return import_csv(store, company, "employees", data, now, actor="bench")

        seconds, report = timed(lambda: load(original))
        assert report.created == count, report
        created.append(seconds)
        seconds, report = timed(lambda: load(original))
        assert report.unchanged == count, report
        unchanged.append(seconds)
        seconds, report = timed(lambda: load(changed))
        assert report.updated == count, report
        updated.append(seconds)
    store.dispose()
    return {"created": created, "unchanged": unchanged, "updated": updated}


def row(backend: str, count: int, figures: dict[str, list[float]]) -> str:
    cells = [backend, f"{count:,}"]
    for name in ("created", "unchanged", "updated"):
        seconds = statistics.median(figures[name])
        cells.append(f"{seconds:.2f} s ({count / seconds:,.0f}/s)")
    return "| " + " | ".join(cells) + " |"


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.import_employees")
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument(
        "--postgres-url", default=os.environ.get("STAMPLA_BENCH_POSTGRES_URL", DEFAULT_POSTGRES)
    )
    parser.add_argument("--employees", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    load = ", ".join(f"{figure:.2f}" for figure in os.getloadavg())
    table = [
        "| store | employees | all created | all unchanged | all updated |",
        "|---|---:|---:|---:|---:|",
    ]
    backends = args.backends.split(",")
    for backend in backends:
        with fresh_database(backend, args.postgres_url) as url:
            figures = measure(url, args.employees, args.repeat)
        table.append(row(backend, args.employees, figures))
        print(table[-1], flush=True)
    size = len(employee_file(args.employees)) / 1024 / 1024
    section = append(
        "import employees",
        f"{args.employees:,} employees, Windows-1252 CSV of {size:.1f} MiB with ';', decimal "
        f"commas and hours; median of {args.repeat} runs, each in a company of its own; "
        f"load average at the start {load}",
        table,
        [
            "Each figure is one `import_csv` call: decoding, checking every row, comparing "
            "with the stored register, writing (COPY on PostgreSQL, executemany on SQLite), "
            "one audit event per changed row, and the commit."
        ],
        postgres_url=args.postgres_url if "postgresql" in backends else None,
    )
    print("\n" + section)


if __name__ == "__main__":
    main()
