"""Running the API: one process, or several that each accept their own connections.

With several workers, each process binds its own socket to the same address with
``SO_REUSEPORT``, and the kernel spreads incoming connections across them. A shared socket
(uvicorn's ``--workers``) lets whichever process wakes first take a connection, which leaves
long-lived keep-alive connections of a few terminals piled on one process (PERF-NOTES; measured
again in bench/RESULTS.md). A small supervisor restarts a worker that dies and stops them all
on SIGTERM or Ctrl-C.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import signal
import socket
import tempfile
import time
from multiprocessing.connection import wait
from multiprocessing.process import BaseProcess
from pathlib import Path

import uvicorn

from stampla.http.overload import PROCESS
from stampla.logs import server_log_config
from stampla.settings import get_settings

APP = "stampla.app:create_app"
#: A worker that dies sooner than this after starting is not restarted in a tight loop.
RESTART_BACKOFF_SECONDS = 1.0


class PortInUse(Exception):
    """Another program holds the address."""


def serve(host: str, port: int, workers: int, *, access_log: bool = True) -> None:
    """Serve until stopped; blocks. Raises PortInUse before starting anything."""
    _check_free(host, port)
    if workers == 1:
        _worker(host, port, access_log)
        return
    made = _metrics_directory()
    try:
        _Supervisor(host, port, workers, access_log).run()
    finally:
        if made is not None:
            shutil.rmtree(made, ignore_errors=True)


#: Where prometheus-client's multi-process mode keeps each worker's values.
METRICS_DIR = "PROMETHEUS_MULTIPROC_DIR"


def _metrics_directory() -> Path | None:
    """A directory for the workers' metrics, set in the environment they inherit: the
    operator's ``PROMETHEUS_MULTIPROC_DIR`` emptied of a previous run's files, else a new
    one (returned, to be removed at the end). Set before any worker imports
    prometheus-client, which reads it on import."""
    given = os.environ.get(METRICS_DIR)
    if given:
        for stale in Path(given).glob("*.db"):
            stale.unlink()
        return None
    made = Path(tempfile.mkdtemp(prefix="stampla-metrics-"))
    os.environ[METRICS_DIR] = str(made)
    return made


def _socket(host: str) -> socket.socket:
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    return sock


def _check_free(host: str, port: int) -> None:
    """Bind without listening: fails if another program holds the port, joins no group."""
    with _socket(host) as sock:
        try:
            sock.bind((host, port))
        except OSError as error:
            raise PortInUse(f"{host}:{port} is in use by another program ({error})") from None


def _worker(host: str, port: int, access_log: bool) -> None:
    sock = _socket(host)
    sock.bind((host, port))
    sock.listen(2048)
    # Connections wait in the backlog from here on, so the port is ready for clients now.
    print(f"Listening on http://{host}:{port} (process {os.getpid()})", flush=True)
    settings = get_settings()
    level = settings.log_level
    config = uvicorn.Config(
        APP,
        factory=True,
        host=host,
        port=port,
        access_log=False,  # each request's line comes from http.request_log instead
        log_config=server_log_config(level, settings.log_format, access_log=access_log),
        log_level=level,
        timeout_graceful_shutdown=settings.shutdown_grace_seconds,
    )
    _DrainingServer(config).run(sockets=[sock])


class _DrainingServer(uvicorn.Server):
    """uvicorn's server, which on SIGTERM also tells the app to refuse new requests (503)
    while those in flight finish within the grace period."""

    def handle_exit(self, sig: int, frame: object) -> None:
        PROCESS.start()
        super().handle_exit(sig, frame)  # type: ignore[arg-type]


class _Supervisor:
    def __init__(self, host: str, port: int, workers: int, access_log: bool) -> None:
        self.args = (host, port, access_log)
        self.count = workers
        self.context = multiprocessing.get_context("spawn")
        self.processes: list[BaseProcess] = []
        self.stopping = False

    def run(self) -> None:
        signal.signal(signal.SIGTERM, self._stop)
        signal.signal(signal.SIGINT, self._stop)
        self.processes = [self._start() for _ in range(self.count)]
        while not self.stopping:
            ended = wait([p.sentinel for p in self.processes], timeout=1.0)
            if ended and not self.stopping:
                self._replace([p for p in self.processes if p.sentinel in ended])
        for process in self.processes:
            process.join()

    def _start(self) -> BaseProcess:
        process = self.context.Process(target=_worker, args=self.args, daemon=False)
        process.start()
        process.started_at = time.monotonic()  # type: ignore[attr-defined]
        return process

    def _replace(self, dead: list[BaseProcess]) -> None:
        from prometheus_client import multiprocess

        for process in dead:
            process.join()
            multiprocess.mark_process_dead(process.pid)
            lived = time.monotonic() - process.started_at  # type: ignore[attr-defined]
            if lived < RESTART_BACKOFF_SECONDS:
                time.sleep(RESTART_BACKOFF_SECONDS - lived)
            print(f"worker {process.pid} exited with {process.exitcode}; starting another")
            self.processes[self.processes.index(process)] = self._start()

    def _stop(self, _signum: int, _frame: object) -> None:
        self.stopping = True
        for process in self.processes:
            if process.is_alive():
                process.terminate()
