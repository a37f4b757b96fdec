"""What the terminal commands (punch, push, outbox, agent) share: settings, options, output."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from pydantic import ValidationError

from stampla.client import ClientError, ClientSettings, DrainResult, Outbox, Retry
from stampla.wire import TimeStampEntry

from ..context import console, errors, fail

OutboxOption = Annotated[
    Path | None,
    typer.Option(
        "--outbox",
        help="The outbox file (default: $STAMPLA_CLIENT_OUTBOX, else ./stampla-outbox.db).",
    ),
]
BaseUrlOption = Annotated[
    str | None,
    typer.Option("--base-url", help="The API's address (default: $STAMPLA_CLIENT_BASE_URL)."),
]
TerminalOption = Annotated[
    int | None,
    typer.Option("--terminal", help="TimeTerminalId (default: $STAMPLA_CLIENT_TERMINAL)."),
]


def load_settings(**overrides: Any) -> ClientSettings:
    """STAMPLA_CLIENT_* settings, with the flags that were given laid over them."""
    try:
        settings = ClientSettings()
    except ValidationError as error:
        raise fail(f"a STAMPLA_CLIENT_* variable is invalid: {error}") from None
    given = {name: value for name, value in overrides.items() if value is not None}
    return settings.model_copy(update=given)


def send_pending(settings: ClientSettings, outbox: Outbox, attempts: int) -> DrainResult | None:
    """Try to send what is pending; None (and a note why) if it cannot be sent now."""
    if missing := settings.missing():
        console.print(f"Not sent: set {', '.join(missing)} to send. The outbox keeps it.")
        return None
    try:
        with settings.client(retry=Retry(attempts=attempts)) as client:
            return outbox.drain(client)
    except ClientError as error:
        errors.print(f"Not sent yet: {error}", highlight=False, soft_wrap=True)
        console.print(
            f"{outbox.path} keeps {punches(outbox.count_pending())} to send; the agent or "
            "`stampla outbox retry` sends them."
        )
        return None


def punches(count: int, noun: str = "punch") -> str:
    """ "1 punch", "2 punches"."""
    return f"{count} {noun}" + ("" if count == 1 else "es")


def describe(entry: TimeStampEntry) -> str:
    """One punch in a line: "In 3002 at 2025-06-12T08:00:00Z on terminal 7255"."""
    kind = entry.time_stamp_entry_type.wire_name + (" (break)" if entry.is_break else "")
    return (
        f"{kind} {entry.employee_nr} at {entry.time_stamp.text} "
        f"on terminal {entry.time_terminal_id}"
    )


def summary(result: DrainResult) -> str:
    """ "3 saved, 1 already on the server, 1 rejected" (zero counts left out but the first)."""
    parts = [f"{result.saved} saved"]
    parts += [f"{result.duplicates} already on the server"] if result.duplicates else []
    parts += [f"{result.accepted} accepted"] if result.accepted else []
    parts += [f"{result.dead} rejected"] if result.dead else []
    return ", ".join(parts)
