"""Where a benchmark ran, with what, and appending its figures to bench/RESULTS.md."""

from __future__ import annotations

import os
import platform
import sqlite3
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path

from sqlalchemy import create_engine, text

RESULTS = Path(__file__).with_name("RESULTS.md")


def machine() -> str:
    cpu = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    memory_kb = int(Path("/proc/meminfo").read_text().split()[1])
    return f"{cpu}, {os.cpu_count()} cores, {memory_kb / 1024 / 1024:.0f} GiB"


def versions(postgres_url: str | None = None) -> str:
    parts = [f"Python {platform.python_version()}", f"SQLite {sqlite3.sqlite_version}"]
    if postgres_url:
        engine = create_engine(postgres_url)
        with engine.connect() as conn:
            server = conn.execute(text("SHOW server_version")).scalar_one()
        engine.dispose()
        parts.append(f"PostgreSQL {server.split()[0]}")
    for package in ("fastapi", "pydantic", "sqlalchemy", "psycopg", "uvicorn"):
        parts.append(f"{package} {version(package)}")
    return ", ".join(parts)


def append(title: str, settings: str, table: list[str], notes: list[str] = (),
           postgres_url: str | None = None) -> str:  # fmt: skip
    """Append one dated section to RESULTS.md and return it."""
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    section = "\n".join([
        f"## {stamp}: {title}",
        "",
        f"- Machine: {machine()}",
        f"- Versions: {versions(postgres_url)}",
        f"- Settings: {settings}",
        "",
        *table,
        "",
        *notes,
        "",
    ])  # fmt: skip
    if not RESULTS.exists():
        RESULTS.write_text("# Benchmark results\n\nEach run appends a section; newest last.\n\n")
    with RESULTS.open("a") as out:
        out.write(section + "\n")
    return section
