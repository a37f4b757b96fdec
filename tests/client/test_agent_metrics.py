"""The agent's metrics file: the outbox's backlog in Prometheus's text format."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

from prometheus_client.parser import text_string_to_metric_families

from stampla.cli.terminal_side.agent_metrics import keep_writing, write_metrics
from stampla.client.outbox import Outbox
from stampla.wire import TimeStampEntry


def gauges(text: str) -> dict[str, float]:
    return {
        sample.name: sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def punch(minute: int) -> TimeStampEntry:
    return TimeStampEntry.model_validate(
        {
            "EmployeeNr": "3002",
            "TimeStamp": f"2025-06-12T08:{minute:02}:00Z",
            "TimeStampEntryType": "In",
            "TimeTerminalId": 1,
        }
    )


def test_the_file_shows_the_backlog(tmp_path) -> None:
    enqueued = datetime(2025, 6, 12, 8, 0, tzinfo=UTC)
    with Outbox(tmp_path / "outbox.db", clock=lambda: enqueued) as box:
        box.enqueue_many([punch(1), punch(2), punch(3)])
        status = box.status()
    path = tmp_path / "agent.prom"
    write_metrics(path, status, enqueued + timedelta(seconds=90))
    found = gauges(path.read_text())
    assert found["stampla_agent_outbox_pending"] == 3
    assert found["stampla_agent_outbox_dead"] == 0
    assert found["stampla_agent_outbox_oldest_pending_age_seconds"] == 90
    assert found["stampla_agent_last_success_timestamp_seconds"] == 0


def test_the_writer_writes_once_more_when_stopped(tmp_path) -> None:
    with Outbox(tmp_path / "outbox.db") as box:
        box.enqueue(punch(1))
    stop = threading.Event()
    stop.set()  # at once: one write, then the last one
    keep_writing(tmp_path / "outbox.db", tmp_path / "agent.prom", stop).join()
    assert gauges((tmp_path / "agent.prom").read_text())["stampla_agent_outbox_pending"] == 1
