"""The periodic jobs inside ``stampla serve``: a thread that runs auto stamp-out every
``STAMPLA_JOBS_INTERVAL_SECONDS``.

Every worker process starts one; the job's lease lets one of them run at a time, so the
interval is the system's, not each worker's. A run that fails is logged and tried again at
the next interval: the job is idempotent, so a retry never adds an Out twice.
"""

from __future__ import annotations

import logging
import threading

from stampla.clock import Clock
from stampla.store.engine import Store

from .job import default_holder, run_once

log = logging.getLogger("stampla.jobs")


class JobRunner:
    """Runs the jobs every ``interval`` seconds (the first run one interval after start)."""

    def __init__(self, store: Store, clock: Clock, interval: float, lookback_days: int) -> None:
        self.store = store
        self.clock = clock
        self.interval = interval
        self.lookback_days = lookback_days
        self.holder = default_holder()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._loop, name="stampla-jobs", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=30)

    def run_now(self) -> None:
        """One run, as the loop makes it: errors are logged, not raised."""
        try:
            report = run_once(
                self.store, self.clock(), lookback_days=self.lookback_days, holder=self.holder
            )
        except Exception:  # noqa: BLE001 - the next interval tries again; the server goes on
            log.exception("auto stamp-out failed; it runs again in %s s", self.interval)
            return
        if report.made or report.superseded:
            log.info(
                "auto stamp-out: %d Outs made, %d replaced by real Outs",
                report.made,
                report.superseded,
            )

    def _loop(self) -> None:
        while not self._stop.wait(self.interval):
            self.run_now()
