"""Reference ingest server: the least a punch endpoint can do, to measure Stampla against.

FastAPI + pydantic (TypeAdapter.validate_json) -> rows -> one transaction per request. It checks
no credentials and no references, resolves nothing and reports nothing per entry: every real
server does more. What Stampla does beyond it must be paid for by doing the shared work better.

REF_DB=sqlite  REF_SQLITE=path   stdlib sqlite3, WAL, synchronous=NORMAL (less durable than
                                 Stampla's FULL), INSERT .. ON CONFLICT DO NOTHING, one writer.
REF_DB=pg      REF_PG_DSN=dsn    psycopg 3; >= 64 rows: COPY -> temp table + INSERT .. SELECT ..
                                 ON CONFLICT DO NOTHING; fewer: executemany INSERT .. ON CONFLICT.
Run: uvicorn reference_app:app --app-dir bench --port N  (needs fastapi, pydantic, uvicorn,
psycopg: the project's virtualenv has them). ``python -m bench ingest`` starts it by itself and
puts it under the same load as Stampla, in the same run. POST /punches answers {"count": n}.
"""

import datetime as dt
import json
import os
import threading
from typing import Literal

from fastapi import FastAPI, Request
from pydantic import BaseModel, TypeAdapter
from starlette.concurrency import run_in_threadpool


class Account(BaseModel):
    AccountNr: str
    SieAccountDim: int


class TimeScheduleType(BaseModel):
    TimeScheduleTypeCode: str


class Punch(BaseModel):
    EmployeeNr: str
    EmployeeExternalCode: str | None = None
    TimeStamp: dt.datetime
    TimeStampEntryType: Literal["In", "Out"]
    IsBreak: bool = False
    AccountNr: str | None = None
    SieAccountDim: int | None = None
    TimeTerminalId: int
    Accounts: list[Account] | None = None
    TimeScheduleTypes: list[TimeScheduleType] | None = None


PUNCHES = TypeAdapter(list[Punch])
DB = os.environ.get("REF_DB", "sqlite")
COLS = (
    "company_id, employee_id, ts, entry_type, is_break, terminal_id, account_nr, sie_dim, "
    "accounts, time_codes, received_at"
)
SQLITE_SCHEMA = """
CREATE TABLE IF NOT EXISTS punches (
  id INTEGER PRIMARY KEY,
  company_id INTEGER NOT NULL, employee_id TEXT NOT NULL, ts TEXT NOT NULL,
  entry_type INTEGER NOT NULL, is_break INTEGER NOT NULL, terminal_id INTEGER NOT NULL,
  account_nr TEXT, sie_dim INTEGER, accounts TEXT, time_codes TEXT, received_at TEXT NOT NULL);
CREATE UNIQUE INDEX IF NOT EXISTS punches_dedup
  ON punches(company_id, employee_id, ts, entry_type, is_break, terminal_id);
CREATE INDEX IF NOT EXISTS punches_emp_ts ON punches(company_id, employee_id, ts);
"""
PG_SCHEMA = """
DROP TABLE IF EXISTS punches;
CREATE TABLE punches (
  company_id int NOT NULL, employee_id text NOT NULL, ts timestamptz NOT NULL,
  entry_type smallint NOT NULL, is_break bool NOT NULL, terminal_id int NOT NULL,
  account_nr text, sie_dim int, accounts jsonb, time_codes jsonb, received_at timestamptz NOT NULL);
CREATE UNIQUE INDEX punches_dedup
  ON punches(company_id, employee_id, ts, entry_type, is_break, terminal_id);
CREATE INDEX punches_emp_ts ON punches(company_id, employee_id, ts);
"""

app = FastAPI()
_local = threading.local()
_write_lock = threading.Lock()


def to_rows(punches: list[Punch], iso: bool) -> list[tuple]:
    now = dt.datetime.now(dt.UTC)
    out = []
    for p in punches:
        acc = json.dumps([a.model_dump() for a in p.Accounts]) if p.Accounts is not None else None
        tc = (
            json.dumps([t.model_dump() for t in p.TimeScheduleTypes])
            if p.TimeScheduleTypes is not None
            else None
        )
        ts = p.TimeStamp.astimezone(dt.UTC)
        row = (
            1,
            p.EmployeeNr,
            ts,
            0 if p.TimeStampEntryType == "In" else 1,
            p.IsBreak,
            p.TimeTerminalId,
            p.AccountNr,
            p.SieAccountDim,
            acc,
            tc,
            now,
        )
        if iso:
            row = (
                *row[:2],
                ts.strftime("%Y-%m-%dT%H:%M:%SZ"),
                row[3],
                int(p.IsBreak),
                *row[5:10],
                now.strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
            )
        out.append(row)
    return out


if DB == "sqlite":
    import sqlite3

    PATH = os.environ["REF_SQLITE"]
    UPSERT = f"INSERT INTO punches ({COLS}) VALUES (?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING"
    with sqlite3.connect(PATH) as _c:
        _c.execute("PRAGMA journal_mode=WAL")
        _c.executescript(SQLITE_SCHEMA)

    def _conn():
        c = getattr(_local, "c", None)
        if c is None:
            c = sqlite3.connect(PATH, isolation_level=None, check_same_thread=False, timeout=30)
            c.execute("PRAGMA journal_mode=WAL")
            c.execute("PRAGMA synchronous=NORMAL")
            _local.c = c
        return c

    def store(rows):
        c = _conn()
        with _write_lock:
            c.execute("BEGIN IMMEDIATE")
            try:
                c.executemany(UPSERT, rows)
                c.execute("COMMIT")
            except BaseException:
                c.execute("ROLLBACK")
                raise
else:
    import psycopg

    DSN = os.environ["REF_PG_DSN"]
    TYPES = [
        "int4",
        "text",
        "timestamptz",
        "int2",
        "bool",
        "int4",
        "text",
        "int4",
        "jsonb",
        "jsonb",
        "timestamptz",
    ]
    TMP_COPY = f"COPY punches_in ({COLS}) FROM STDIN (FORMAT BINARY)"
    TMP_MERGE = f"INSERT INTO punches ({COLS}) SELECT {COLS} FROM punches_in ON CONFLICT DO NOTHING"
    INSERT = (
        f"INSERT INTO punches ({COLS}) VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s::jsonb,%s::jsonb,%s)"
        " ON CONFLICT DO NOTHING"
    )
    with psycopg.connect(DSN) as _c:
        _c.execute(PG_SCHEMA)

    def _conn():
        c = getattr(_local, "c", None)
        if c is None:
            c = psycopg.connect(DSN)
            c.execute(
                "CREATE TEMP TABLE punches_in (LIKE punches INCLUDING DEFAULTS) "
                "ON COMMIT DELETE ROWS"
            )
            c.commit()
            _local.c = c
        return c

    def store(rows):
        c = _conn()
        with c.transaction():
            cur = c.cursor()
            if len(rows) < 64:
                cur.executemany(INSERT, rows)
                return
            with cur.copy(TMP_COPY) as cp:
                cp.set_types(TYPES)
                for r in rows:
                    cp.write_row(r)
            cur.execute(TMP_MERGE, prepare=True)


def _handle(body: bytes) -> int:
    punches = PUNCHES.validate_json(body)
    store(to_rows(punches, iso=(DB == "sqlite")))
    return len(punches)


@app.post("/punches")
async def ingest(request: Request):
    body = await request.body()
    return {"count": await run_in_threadpool(_handle, body)}
