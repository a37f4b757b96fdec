"""Single-punch ingest while 50 clients guess passwords: does guessing starve the punches?

Every guess at ``/Login/Token`` used to cost an Argon2 hash, and 50 guessers in parallel took
the cores from ingest (2 SQLite workers fell from 183 to 7.4 punches/s, p99 2.6 s). The login
guard (``stampla.http.login_guard``) now refuses a throttled login before hashing it and
hashes a few at a time; this measures what is left of ingest under such a flood, against the
undisturbed rate of the same server in the same run (goal: at least 80 %).

For each store, ``stampla serve --workers 2`` receives single punches in a closed loop over 8
keep-alive connections for a fixed time, undisturbed; then the same while ``wrk`` (a separate
process, so the guessers take no time from the punch client's threads) keeps 50 connections
posting wrong passwords for ever-changing user names of the bench company, all from the same
address, each guesser sending its next guess as soon as the last is answered, as a scripted
attack does (``Retry-After`` is ignored). The counters work as in production: 5 failures per
60 s per company, user name and address, shared by the workers through the database.

usage: python -m bench flood [--backends sqlite,postgresql] [--seconds 10] [--rounds 1]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from urllib.parse import urlencode

from . import client, data, report
from .databases import fresh_database
from .server import Server, serving

DEFAULT_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
#: Seconds the flood runs before the punches start, so that they meet a flood in full swing.
LEAD = 2.0

#: wrk script: a wrong password per request, the user name changing with every guess; counts
#: the answers by status in each wrk thread and prints their sum as one JSON line.
GUESS_LUA = r"""
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local threads = {}
local names = {"bench", "admin", "Bench", "lön", "kiosk"}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  guesses, c401, c429, cother, last_other = 0, 0, 0, 0, 0
end

function request()
  guesses = guesses + 1
  local name = names[guesses % #names + 1] .. "-" .. (guesses % 997)
  local body = string.format('{"UserName":"%s","Password":"wrong-%d"}', name, guesses)
  return wrk.format(nil, nil, nil, body)
end

function response(status, headers, body)
  if status == 401 then c401 = c401 + 1
  elseif status == 429 then c429 = c429 + 1
  else cother, last_other = cother + 1, status end
end

function done(summary, latency, requests)
  local a, b, c, seen = 0, 0, 0, 0
  for _, thread in ipairs(threads) do
    a = a + thread:get("c401")
    b = b + thread:get("c429")
    c = c + thread:get("cother")
    if thread:get("last_other") ~= 0 then seen = thread:get("last_other") end
  end
  local e = summary.errors
  io.write(string.format(
    'FLOODJSON {"requests":%d,"duration_us":%d,"s401":%d,"s429":%d,"other":%d,' ..
    '"other_status":%d,"sock_errors":%d,"p50_us":%d,"p99_us":%d}\n',
    summary.requests, summary.duration, a, b, c, seen,
    e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(99)))
end
"""


@dataclass
class Phase:
    punches_per_second: float
    p99_ms: float
    errors: int
    server_cores: float


@dataclass
class Guesses:
    per_second: float
    unauthorized: int
    throttled: int
    other: int
    p99_ms: float


@dataclass
class Row:
    backend: str
    workers: int
    quiet: Phase
    flooded: Phase
    guesses: Guesses


def server_cpu_seconds(server: Server) -> float:
    """CPU time (user + system) of the supervisor and its workers so far."""
    total = 0.0
    for pid in {server.process.pid, *server.worker_pids()}:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def ingest(server: Server, target: str, bodies: list[bytes], connections: int, seconds: float):
    cpu = server_cpu_seconds(server)
    result = client.closed_loop(server.base_url, target, bodies, connections, seconds)
    cores = (server_cpu_seconds(server) - cpu) / result.seconds
    phase = Phase(result.punches / result.seconds, result.percentile_ms(0.99), result.errors, cores)
    if result.errors:
        print(f"  ingest errors: {result.error_samples}", flush=True)
    return phase


def start_flood(url: str, script: Path, guessers: int, seconds: float) -> subprocess.Popen:
    command = ["wrk", "-t1", f"-c{guessers}", f"-d{int(seconds + 0.999)}s",
               "--timeout", "10s", "-s", str(script), url]  # fmt: skip
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def finish_flood(flood: subprocess.Popen) -> Guesses:
    out, _ = flood.communicate(timeout=120)
    found = re.search(r"FLOODJSON (\{.*\})", out)
    if not found:
        raise RuntimeError("wrk said:\n" + out)
    counts = json.loads(found.group(1))
    if counts["other"] or counts["sock_errors"]:
        print(
            f"  flood: {counts['other']} answers neither 401 nor 429 (the last was "
            f"{counts['other_status']}), {counts['sock_errors']} socket errors or timeouts",
            flush=True,
        )
    return Guesses(
        counts["requests"] / (counts["duration_us"] / 1e6),
        counts["s401"],
        counts["s429"],
        counts["other"] + counts["sock_errors"],
        counts["p99_us"] / 1000,
    )


def measure(backend: str, postgres_url: str, args: argparse.Namespace, script: Path) -> list[Row]:
    rows = []
    with fresh_database(backend, postgres_url) as url:
        company = data.create_company(url, args.employees)
        stream = data.punch_stream(args.employees, date(2025, 1, 1))
        # A limit never reached, so that the integration's counting is paid for but the
        # punches are never refused: the login limits are the ones under test.
        # The failure delay as in production (the other benchmarks run without it): a
        # refusal is answered after it too, which is what holds a guesser back.
        with serving(
            url,
            args.workers,
            STAMPLA_INTEGRATION_RATE_LIMIT="100000000",
            STAMPLA_LOGIN_FAILURE_DELAY_SECONDS=str(args.delay),
        ) as server:
            token = client.login(server.base_url, company)
            target = client.entry_url(company, token)
            login_url = f"{server.base_url}/Login/Token?{urlencode(company.keys())}"
            per_phase = int(2_000 * args.seconds)
            client.closed_loop(
                server.base_url, target, data.bodies(stream, 1, 400), args.connections, 2
            )
            for _ in range(args.rounds):
                quiet = ingest(
                    server, target, data.bodies(stream, 1, per_phase), args.connections,
                    args.seconds,
                )  # fmt: skip
                flooded_bodies = data.bodies(stream, 1, per_phase)
                flood = start_flood(login_url, script, args.guessers, LEAD + args.seconds + 1)
                time.sleep(LEAD)
                flooded = ingest(server, target, flooded_bodies, args.connections, args.seconds)
                guesses = finish_flood(flood)
                row = Row(backend, args.workers, quiet, flooded, guesses)
                rows.append(row)
                print(
                    f"{backend:10} undisturbed {quiet.punches_per_second:7,.1f}/s "
                    f"p99 {quiet.p99_ms:7.1f} ms | flood {flooded.punches_per_second:7,.1f}/s "
                    f"p99 {flooded.p99_ms:7.1f} ms | ratio "
                    f"{flooded.punches_per_second / quiet.punches_per_second:.0%} | "
                    f"guesses {guesses.per_second:,.0f}/s, 401 {guesses.unauthorized}, "
                    f"429 {guesses.throttled}, other {guesses.other}",
                    flush=True,
                )
    return rows


def table(rows: list[Row]) -> list[str]:
    lines = [
        "| store | workers | undisturbed punches/s | p99 ms | under flood punches/s | p99 ms "
        "| flood ÷ undisturbed | server cores busy (undisturbed / flood) | guesses/s "
        "| answered 401 | answered 429 | other |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        ratio = row.flooded.punches_per_second / row.quiet.punches_per_second
        lines.append(
            f"| {row.backend} | {row.workers} | {row.quiet.punches_per_second:,.0f} | "
            f"{row.quiet.p99_ms:,.1f} | {row.flooded.punches_per_second:,.0f} | "
            f"{row.flooded.p99_ms:,.1f} | **{ratio:.0%}** | "
            f"{row.quiet.server_cores:.2f} / {row.flooded.server_cores:.2f} | "
            f"{row.guesses.per_second:,.0f} | {row.guesses.unauthorized:,} | "
            f"{row.guesses.throttled:,} | {row.guesses.other:,} |"
        )
    return lines


def cost_note(row: Row) -> str:
    """Server CPU per punch (undisturbed) and, from what the flood phase used beyond its
    punches, per guess: where the cores went."""
    per_punch = row.quiet.server_cores / row.quiet.punches_per_second
    left = row.flooded.server_cores - row.flooded.punches_per_second * per_punch
    per_guess = left / row.guesses.per_second
    share = left / row.flooded.server_cores
    return (
        f"{row.backend}: {per_punch * 1000:.1f} ms of server CPU per punch undisturbed; under "
        f"the flood about {per_guess * 1000:.1f} ms per guess, {share:.0%} of the server's CPU."
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        prog="python -m bench flood", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument(
        "--postgres-url", default=os.environ.get("STAMPLA_BENCH_POSTGRES_URL", DEFAULT_POSTGRES)
    )
    parser.add_argument("--employees", type=int, default=5_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--connections", type=int, default=8, help="Punch connections.")
    parser.add_argument("--guessers", type=int, default=50, help="Parallel guessing clients.")
    parser.add_argument("--seconds", type=float, default=10.0, help="Length of each phase.")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument(
        "--delay",
        type=float,
        default=1.0,
        help="STAMPLA_LOGIN_FAILURE_DELAY_SECONDS (default: the production default, 1 s).",
    )
    parser.add_argument("--no-record", action="store_true", help="Do not append to RESULTS.md.")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("python -m bench flood needs wrk (apt-get install wrk)")
    backends = args.backends.split(",")
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="stampla-flood-") as directory:
        script = Path(directory) / "guess.lua"
        script.write_text(GUESS_LUA)
        load = os.getloadavg()[0]
        for backend in backends:
            rows.extend(measure(backend, args.postgres_url, args, script))
    settings = (
        f"{args.employees} employees; single punches over {args.connections} keep-alive "
        f"connections in a closed loop for {args.seconds:g} s per phase, {args.rounds} round(s); "
        f"flood: wrk, {args.guessers} connections posting wrong passwords to /Login/Token "
        f"(user names changing with every guess, one address), from {LEAD:g} s before the "
        f"punches to 1 s after; login limits at their defaults (5 failures / 60 s), failure "
        f"delay {args.delay:g} s; client and wrk on the same machine; load average at start "
        f"{load:.2f}"
    )
    notes = [
        "401: the guess was hashed and refused; 429: refused by the counters before hashing. "
        "Server cores busy: CPU seconds of the supervisor and workers per second of the phase.",
        *(cost_note(row) for row in rows),
    ]
    url = args.postgres_url if "postgresql" in backends else None
    lines = table(rows)
    if args.no_record:
        print("\n" + "\n".join(lines))
        return
    print("\n" + report.append("login flood", settings, lines, notes, postgres_url=url))


if __name__ == "__main__":
    main()
