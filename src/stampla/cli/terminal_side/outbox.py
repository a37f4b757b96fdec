"""``stampla outbox``: what is waiting on this terminal, what was rejected, and resending."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

import typer
from rich.table import Table

from ..context import console
from .shared import OutboxOption, describe, load_settings, punches, send_pending, summary

app = typer.Typer(help="Inspect and resend the local outbox of punches.", no_args_is_help=True)


@app.command()
def status(outbox: OutboxOption = None) -> None:
    """Show how many punches are pending, delivered and rejected, and the last send.

    Example: stampla outbox status --outbox /var/lib/stampla/outbox.db
    """
    settings = load_settings(outbox=outbox)
    with settings.open_outbox() as box:
        state = box.status()
    table = Table(show_header=False)
    table.add_row("outbox", str(settings.outbox))
    oldest = state.oldest_pending_utc
    table.add_row("pending", f"{state.pending}" + (f" (oldest {_when(oldest)})" if oldest else ""))
    table.add_row("delivered", f"{state.delivered} (kept {settings.keep_delivered_days} days)")
    table.add_row(
        "rejected", f"{state.dead}" + (" (see `stampla outbox dead`)" if state.dead else "")
    )
    table.add_row("last attempt", _when(state.last_attempt_utc))
    table.add_row("last success", _when(state.last_success_utc))
    table.add_row("last error", state.last_error or "-")
    console.print(table)


@app.command()
def dead(
    outbox: OutboxOption = None,
    limit: Annotated[int, typer.Option(min=1, help="Show at most this many.")] = 100,
) -> None:
    """List the punches the server rejected, with its reasons.
    Fix the cause (e.g. register the employee or terminal), then `stampla outbox retry`.

    Example: stampla outbox dead --limit 20
    """
    with load_settings(outbox=outbox).open_outbox() as box:
        letters = box.dead_letters(limit)
    if not letters:
        console.print("No rejected punches.")
        return
    table = Table("#", "punch", "from", "server said")
    for letter in letters:
        queued = letter.queued
        source = " / ".join(part for part in (queued.source, queued.comment) if part)
        table.add_row(str(queued.seq), describe(queued.entry), source, letter.error_message)
    console.print(table)


@app.command()
def retry(
    seqs: Annotated[
        list[int] | None, typer.Argument(help="Numbers (#) of rejected punches (default: all).")
    ] = None,
    outbox: OutboxOption = None,
) -> None:
    """Queue rejected punches again (all, or those numbered), then send what is pending.

    Example: stampla outbox retry 17 18
    """
    settings = load_settings(outbox=outbox)
    with settings.open_outbox() as box:
        moved = box.retry_dead(seqs or None)
        console.print(
            f"{punches(moved, 'rejected punch')} queued again; {box.count_pending()} pending."
        )
        if box.count_pending():
            result = send_pending(settings, box, attempts=settings.attempts)
            if result is not None:
                console.print(f"Sent: {summary(result)}.")


def _when(moment: datetime | None) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M:%S") if moment else "never"
