"""Load generators: closed-loop for throughput, open-loop for latency."""

from __future__ import annotations

import http.client
import json
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode, urlsplit

from .data import PASSWORD, BenchCompany

ENTRY_PATH = "/Personell/Time/TimeStampEntry"


def login(base_url: str, company: BenchCompany) -> str:
    connection = _connect(base_url)
    body = json.dumps({"UserName": company.user_name, "Password": PASSWORD})
    connection.request(
        "POST",
        f"/Login/Token?{urlencode(company.keys())}",
        body,
        {"Content-Type": "application/json"},
    )
    answer = json.loads(connection.getresponse().read())
    connection.close()
    return answer["token"]


def entry_url(company: BenchCompany, token: str) -> str:
    return f"{ENTRY_PATH}?{urlencode({**company.keys(), 'token': token})}"


def _connect(base_url: str) -> http.client.HTTPConnection:
    parts = urlsplit(base_url)
    return http.client.HTTPConnection(parts.hostname, parts.port, timeout=120)


@dataclass
class Throughput:
    seconds: float
    requests: int
    punches: int
    errors: int
    error_samples: list[str] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)

    def percentile_ms(self, p: float) -> float:
        """The ``p`` quantile (0.99 for p99) of the answers' latencies, in milliseconds."""
        ordered = sorted(self.latencies)
        if not ordered:
            return float("nan")
        return ordered[min(len(ordered) - 1, int(p * len(ordered)))] * 1000


def closed_loop(
    base_url: str,
    url: str,
    bodies: list[bytes],
    connections: int,
    seconds: float | None = None,
    saved_key: str = "saved",
) -> Throughput:
    """Send every body as fast as ``connections`` keep-alive connections allow.

    With ``seconds``, stop sending after that long (or when the bodies run out), so that a
    slowed-down server cannot stretch the run. Each answer's latency is kept. ``saved_key``
    is the answer's field counting the stored punches (the reference server says "count").
    """
    lock = threading.Lock()
    queue = list(reversed(bodies))
    saved = [0]
    errors: list[str] = []
    latencies: list[float] = []
    deadline = None if seconds is None else time.perf_counter() + seconds

    def work() -> None:
        connection = _connect(base_url)
        while True:
            with lock:
                if not queue or (deadline is not None and time.perf_counter() >= deadline):
                    break
                body = queue.pop()
            sent = time.perf_counter()
            connection.request("POST", url, body, {"Content-Type": "application/json"})
            response = connection.getresponse()
            payload = response.read()
            answered = time.perf_counter()
            with lock:
                latencies.append(answered - sent)
                if response.status == 200:
                    saved[0] += json.loads(payload)[saved_key]
                else:
                    errors.append(f"{response.status} {payload[:200]!r}")
        connection.close()

    threads = [threading.Thread(target=work) for _ in range(connections)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    return Throughput(elapsed, len(latencies), saved[0], len(errors), errors[:3], latencies)


@dataclass
class Latencies:
    rate: int
    sent: int
    errors: int
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float


def open_loop(
    base_url: str, url: str, bodies: list[bytes], rate: int, connections: int = 32
) -> Latencies:
    """Send one body every 1/rate seconds, whatever the server does, and time each answer.

    Each latency is measured from the moment the request was due, not from when a connection
    became free, so a stalled server shows in the figures instead of slowing the load down
    (coordinated omission).
    """
    interval = 1 / rate
    lock = threading.Condition()
    due: list[tuple[float, bytes]] = []
    results: list[float] = []
    errors = [0]
    done = [False]

    def work() -> None:
        connection = _connect(base_url)
        while True:
            with lock:
                while not due and not done[0]:
                    lock.wait()
                if not due:
                    break
                scheduled, body = due.pop(0)
            try:
                connection.request("POST", url, body, {"Content-Type": "application/json"})
                response = connection.getresponse()
                response.read()
                ok = response.status == 200
            except OSError:
                ok = False
                connection = _connect(base_url)
            finished = time.perf_counter()
            with lock:
                results.append(finished - scheduled)
                errors[0] += not ok
        connection.close()

    threads = [threading.Thread(target=work) for _ in range(connections)]
    for thread in threads:
        thread.start()
    start = time.perf_counter()
    for n, body in enumerate(bodies):
        scheduled = start + n * interval
        pause = scheduled - time.perf_counter()
        if pause > 0:
            time.sleep(pause)
        with lock:
            due.append((scheduled, body))
            lock.notify()
    with lock:
        done[0] = True
        lock.notify_all()
    for thread in threads:
        thread.join()
    ordered = sorted(results)

    def percentile(p: float) -> float:
        return ordered[min(len(ordered) - 1, int(p * len(ordered)))] * 1000

    return Latencies(
        rate,
        len(bodies),
        errors[0],
        percentile(0.50),
        percentile(0.95),
        percentile(0.99),
        ordered[-1] * 1000,
    )
