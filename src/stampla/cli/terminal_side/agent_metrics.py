"""``stampla agent --metrics-file``: the outbox's backlog for Prometheus, as a file.

A terminal's agent has no web server to scrape, and opening a port on a terminal is rarely
welcome; so the agent writes its gauges in Prometheus's text format to a file, for
node_exporter's textfile collector (``--collector.textfile.directory``) or any agent that
reads such files. prometheus-client writes it to a temporary file and renames it, so a
reader never sees half a file. The file is written from a thread of its own, reading the
outbox through a connection of its own (SQLite WAL lets it read while the sender writes).
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from pathlib import Path

from prometheus_client import CollectorRegistry, Gauge, write_to_textfile

from stampla.client.outbox import Outbox, OutboxStatus

#: How often the file is rewritten (a scrape every 15 s is Prometheus's usual).
EVERY_SECONDS = 15.0


def write_metrics(path: Path, status: OutboxStatus, now: datetime) -> None:
    """The gauges of ``status``, written to ``path`` at once."""
    registry = CollectorRegistry()

    def gauge(name: str, doc: str, value: float) -> None:
        Gauge(name, doc, registry=registry).set(value)

    gauge("stampla_agent_outbox_pending", "Punches waiting to be sent.", status.pending)
    gauge("stampla_agent_outbox_dead", "Punches the server refused (dead letters).", status.dead)
    oldest = status.oldest_pending_utc
    age = (now - oldest).total_seconds() if oldest else 0.0
    gauge(
        "stampla_agent_outbox_oldest_pending_age_seconds",
        "How long the oldest waiting punch has waited (0 when none waits).",
        max(age, 0.0),
    )
    success = status.last_success_utc
    gauge(
        "stampla_agent_last_success_timestamp_seconds",
        "When the server last accepted a batch (Unix time; 0 if never).",
        success.timestamp() if success else 0.0,
    )
    write_to_textfile(str(path), registry)


def keep_writing(outbox_path: Path, path: Path, stop: threading.Event) -> threading.Thread:
    """A daemon thread rewriting ``path`` until ``stop`` is set, and once more at the end."""

    def run() -> None:
        with Outbox(outbox_path) as box:
            while True:
                write_metrics(path, box.status(), datetime.now(UTC))
                if stop.wait(EVERY_SECONDS):
                    write_metrics(path, box.status(), datetime.now(UTC))
                    return

    thread = threading.Thread(target=run, name="agent-metrics", daemon=True)
    thread.start()
    return thread
