"""Prometheus metrics of the server, from the one record of each request.

Every count is taken from the ``RequestRecord`` that ``http.request_log`` fills for each
request, so the metrics and the log lines can never disagree and no route carries code of
its own for them: requests by route template, method and status; their latency; punches
saved, duplicate and rejected (by reason); batch sizes; batches per commit; failed logins;
rate-limit refusals; attest computations.

With several workers (``stampla serve --workers N``) each process writes its values to files
in ``PROMETHEUS_MULTIPROC_DIR``, which the supervisor makes and clears
(``stampla.serving``), and ``/metrics`` on any worker sums them all (prometheus-client's
multi-process mode). One process keeps them in memory.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from prometheus_client.multiprocess import MultiProcessCollector

from stampla.errors import Problem

from .request_log import RequestRecord

CONTENT_TYPE = CONTENT_TYPE_LATEST

#: Routes whose refusals are failed logins, and whose 429s are the login limit.
LOGIN_ROUTES = frozenset({"/Login/Token", "/web/sign-in"})
ATTEST_ROUTE = "/Personell/Time/AttestTime"
SAVE_ROUTES = frozenset({"/Personell/Time/TimeStampEntry", "/Personell/Time/TimeStampEntry/Save"})

#: The properties a rejection is attributed to; anything else (an unknown property a
#: strict batch refused, the body itself) is "other", so the labels stay few.
ENTRY_FIELDS = frozenset(
    {
        "EmployeeNr",
        "EmployeeExternalCode",
        "TimeStamp",
        "TimeStampEntryType",
        "IsBreak",
        "AccountNr",
        "SieAccountDim",
        "TimeTerminalId",
        "Accounts",
        "TimeScheduleTypes",
    }
)
#: The reason of a valid entry refused only because others were bad (allOrNone).
WITH_THE_BATCH = "allOrNone"

REQUESTS = Counter(
    "stampla_http_requests",
    "HTTP requests answered, by route template, method and status.",
    ["route", "method", "status"],
)
LATENCY = Histogram(
    "stampla_http_request_duration_seconds",
    "Time from a request's arrival to the end of its answer, by route template.",
    ["route", "method"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
)
PUNCHES = Counter(
    "stampla_punches",
    "Entries posted to TimeStampEntry, by outcome: saved, duplicate or rejected.",
    ["outcome"],
)
REJECTED = Counter(
    "stampla_punches_rejected",
    "Entries rejected, by the property at fault (allOrNone: refused with a bad batch).",
    ["reason"],
)
BATCH_SIZE = Histogram(
    "stampla_batch_entries",
    "Entries per TimeStampEntry post.",
    buckets=(1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000),
)
LOGIN_FAILURES = Counter(
    "stampla_login_failures",
    "Refused logins (wrong keys, user name or password), at /Login/Token or the pages.",
    ["route"],
)
RATE_LIMITED = Counter(
    "stampla_rate_limit_refusals",
    "Requests refused with 429: limit is login (failed logins) or integration (request rate).",
    ["limit"],
)
COMMIT_GROUP = Histogram(
    "stampla_commit_group_batches",
    "Batches stored in one transaction (group commit), observed per batch saved.",
    buckets=(1, 2, 4, 8, 16, 32, 64),
)
ATTESTS = Counter(
    "stampla_attest_computations",
    "AttestTime answers computed (one per successful request).",
)


def observe(record: RequestRecord) -> None:
    """Counts one finished request (a listener of ``http.request_log.RequestLog``)."""
    route = record.route or "(no route)"
    status = record.status or 0
    REQUESTS.labels(route, record.method, str(status)).inc()
    LATENCY.labels(route, record.method).observe((record.duration_ms or 0) / 1000)
    if status == 429:
        RATE_LIMITED.labels("login" if route in LOGIN_ROUTES else "integration").inc()
    elif status == 401 and route in LOGIN_ROUTES and record.method == "POST":
        LOGIN_FAILURES.labels(route).inc()
    if route == ATTEST_ROUTE and status == 200:
        ATTESTS.inc()
    if record.entries is not None and route in SAVE_ROUTES:
        BATCH_SIZE.observe(record.entries)
        PUNCHES.labels("saved").inc(record.saved or 0)
        PUNCHES.labels("duplicate").inc(record.duplicates or 0)
        PUNCHES.labels("rejected").inc(record.rejected or 0)
        for reason, count in (record.reasons or {}).items():
            REJECTED.labels(reason).inc(count)
        if record.commit_group is not None:
            COMMIT_GROUP.observe(record.commit_group)


def rejection_reasons(problems: Iterable[Problem], entries: int, whole: bool) -> dict[str, int]:
    """How many entries were rejected for each reason: the property of an entry's first
    problem; with ``whole`` (the batch refused as one), the good entries as allOrNone."""
    first: dict[int, str] = {}
    for problem in problems:
        if problem.index is not None and problem.index not in first:
            first[problem.index] = _reason(problem.field)
    reasons: dict[str, int] = {}
    for reason in first.values():
        reasons[reason] = reasons.get(reason, 0) + 1
    if whole and entries > len(first):
        reasons[WITH_THE_BATCH] = entries - len(first)
    return reasons


def _reason(field: str | None) -> str:
    name = re.split(r"[.\[]", field or "", maxsplit=1)[0]
    return name if name in ENTRY_FIELDS else "other"


def exposition() -> bytes:
    """Every metric in Prometheus's text format, summed over the worker processes."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        MultiProcessCollector(registry)
        return generate_latest(registry)
    return generate_latest(REGISTRY)
