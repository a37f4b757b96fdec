"""``stampla agent``: the terminal's sender, run as a service."""

from __future__ import annotations

import logging
import signal
import sys
import threading
from datetime import timedelta
from pathlib import Path
from typing import Annotated

import typer

from stampla.client.agent import Agent, interruptible_sleep

from ..context import fail
from .shared import BaseUrlOption, OutboxOption, load_settings


def agent(
    outbox: OutboxOption = None,
    base_url: BaseUrlOption = None,
    batch_size: Annotated[int | None, typer.Option(min=1, help="Entries per request.")] = None,
    poll_seconds: Annotated[
        float | None, typer.Option(help="How often to look for new punches when idle.")
    ] = None,
    metrics_file: Annotated[
        Path | None,
        typer.Option(
            help="Write the outbox's backlog in Prometheus's text format to this file every "
            "15 s (for node_exporter's textfile collector).",
        ),
    ] = None,
) -> None:
    """Send the outbox for as long as it runs: a terminal's long-running sender.
    Configured by STAMPLA_CLIENT_* environment variables (docs/client.md), which the flags
    override. It never gives up on an unreachable server; it waits longer between tries.
    SIGTERM or Ctrl-C stops it cleanly: an answer already on its way is recorded first, and
    anything unanswered stays queued.

    Example: STAMPLA_CLIENT_BASE_URL=https://stampla.example.com stampla agent
    """
    settings = load_settings(
        outbox=outbox, base_url=base_url, batch_size=batch_size, poll_seconds=poll_seconds
    )
    if missing := settings.missing():
        raise fail(f"Set {', '.join(missing)} for the agent")
    _log_to_stderr()
    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    writer = None
    if metrics_file is not None:
        from .agent_metrics import keep_writing

        writer = keep_writing(Path(settings.outbox), metrics_file, stop)
    with settings.open_outbox() as box, settings.client(sleep=interruptible_sleep(stop)) as client:
        Agent(
            box,
            client,
            stop=stop,
            poll_seconds=settings.poll_seconds,
            keep_delivered=timedelta(days=settings.keep_delivered_days),
        ).run()
    if writer is not None:
        writer.join()


def _log_to_stderr() -> None:
    """The agent's and client's lines, timestamped, on stderr (a service's journal).

    Only Stampla's loggers: the HTTP library's would print URLs, and those carry the token.
    """
    logger = logging.getLogger("stampla")
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
        logger.addHandler(handler)
    logger.setLevel(logging.INFO)
