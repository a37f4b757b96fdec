"""``stampla push``: import a file of punches (retrospective reporting), with a progress bar."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from stampla.client import (
    ClientError,
    ClientSettings,
    DeadLetter,
    DrainResult,
    InvalidPunchFile,
    Outbox,
    PunchFile,
    read_punch_file,
)

from ..context import console, errors, fail
from .shared import (
    BaseUrlOption,
    OutboxOption,
    TerminalOption,
    load_settings,
    punches,
    summary,
)

SHOWN_PROBLEMS = 20


def push(
    file: Annotated[
        Path, typer.Argument(exists=True, dir_okay=False, help="A .csv or .json file.")
    ],
    terminal: TerminalOption = None,
    encoding: Annotated[
        str | None,
        typer.Option(help="utf-8 or cp1252 (default: UTF-8 if the file is, else Windows-1252)."),
    ] = None,
    date_format: Annotated[
        str | None,
        typer.Option(help="strptime format of the date column if not YYYY-MM-DD, e.g. %m/%d/%y."),
    ] = None,
    outbox: OutboxOption = None,
    base_url: BaseUrlOption = None,
    batch_size: Annotated[int | None, typer.Option(min=1, help="Entries per request.")] = None,
    replace_days: Annotated[
        bool,
        typer.Option(
            "--replace-days",
            help="Make the file the complete set of punches of each employee and day in it: "
            "the server supersedes the punches of those days the file does not repeat. Sent "
            "directly, not through the outbox, each employee's rows in one request.",
        ),
    ] = False,
) -> None:
    """Send the punches of a CSV or JSON file, through the outbox.
    The rows are queued in one transaction, then sent; pushing a file again is safe, since
    punches the server has are answered as duplicates. Exit code 1 if a row was unreadable or
    rejected.

    CSV columns, named in the header (any case, English or Swedish): date, time, type, employee.
    Optional: terminal, break, account, dim, code, comment; timestamp instead of date and time.
    Date and time without an offset are company-local. UTF-8 or Windows-1252; , ; or tab.
    A comment stays in the outbox with the server's id of the punch: the API has no such field.

    With --replace-days the file corrects what the server has (retrospective reporting):
    for every employee and day in it, the server keeps exactly the file's punches and marks
    the others superseded (never deleted). A file with unreadable rows is then refused, as
    replacing a day with part of it would lose punches.

    Example: stampla push punches.csv --terminal 1 --date-format %m/%d/%y
    Example: stampla push corrected-june.csv --replace-days
    """
    settings = load_settings(outbox=outbox, base_url=base_url, batch_size=batch_size)
    if missing := settings.missing():
        raise fail(f"Set {', '.join(missing)} to push punches")
    try:
        read = read_punch_file(
            file, terminal=terminal or settings.terminal, encoding=encoding, date_format=date_format
        )
    except InvalidPunchFile as error:
        raise fail(error.message) from None
    _show_problems(read)
    if replace_days:
        _replace_days(settings, read, file.name)
        return
    with settings.open_outbox() as box:
        seqs = box.enqueue_many(read.punches)
        comments = sum(1 for p in read.punches if p.comment)
        console.print(
            f"Queued {punches(len(seqs))} from {file.name} in {box.path}"
            + (f"; {comments} comments kept there, not sent" if comments else "")
        )
        result = _send(settings, box)
        console.print(f"Done: {summary(result)}.")
        rejected = _show_dead(box, set(seqs))
    if read.problems or rejected:
        raise typer.Exit(1)


def _replace_days(settings: ClientSettings, read: PunchFile, name: str) -> None:
    """Post the file with replaceDays, each employee whole; report per row of the file."""
    if read.problems:
        raise fail(
            f"{len(read.problems)} rows of {name} could not be read; nothing was sent, since "
            "replacing days with part of a file would lose punches. Fix them and push again."
        )
    entries = [punch.entry for punch in read.punches]
    columns = (TextColumn("Sending"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    try:
        with settings.client() as client, Progress(*columns, console=console) as progress:
            task = progress.add_task("send", total=len(entries))
            report = client.post_entries(
                entries,
                replace_days=True,
                on_batch=lambda batch: progress.advance(task, len(batch.outcomes)),
            )
    except ClientError as error:
        raise fail(f"{error.message}\nPushing the file again is safe.") from None
    console.print(
        f"Done: {report.saved} saved, {report.duplicates} already on the server, "
        f"{len(report.outcomes) - report.delivered} not saved; "
        f"{punches(report.superseded)} on the server superseded."
    )
    undelivered = [o for o in report.outcomes if not o.delivered]
    for outcome in undelivered[:SHOWN_PROBLEMS]:
        source = read.punches[outcome.index].source or f"entry {outcome.index}"
        reason = "; ".join(e.message for e in outcome.errors) or outcome.note or outcome.status
        errors.print(f"{source}: {outcome.status}: {reason}", highlight=False, soft_wrap=True)
    if undelivered:
        raise typer.Exit(1)


def _send(settings: ClientSettings, box: Outbox) -> DrainResult:
    columns = (TextColumn("Sending"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    try:
        with settings.client() as client, Progress(*columns, console=console) as progress:
            task = progress.add_task("send", total=box.count_pending())
            return box.drain(
                client, on_batch=lambda batch: progress.advance(task, batch.delivered + batch.dead)
            )
    except ClientError as error:
        raise fail(
            f"{error.message}\n{box.path} keeps {punches(box.count_pending())} to send: "
            "`stampla outbox retry` (or the agent) sends them, and pushing again is safe."
        ) from None


def _show_problems(read: PunchFile) -> None:
    for problem in read.problems[:SHOWN_PROBLEMS]:
        errors.print(f"{problem.source}: {problem.message}", highlight=False, soft_wrap=True)
    if len(read.problems) > SHOWN_PROBLEMS:
        errors.print(f"... and {len(read.problems) - SHOWN_PROBLEMS} more unreadable rows")
    if read.problems:
        errors.print(f"{len(read.problems)} unreadable rows were not queued.")


def _show_dead(box: Outbox, seqs: set[int]) -> list[DeadLetter]:
    """The punches of this push that the server rejected, shown by their row in the file."""
    rejected = [dead for dead in box.dead_letters() if dead.queued.seq in seqs]
    for dead in rejected[:SHOWN_PROBLEMS]:
        errors.print(
            f"{dead.queued.source}: rejected: {dead.error_message}", highlight=False, soft_wrap=True
        )
    if rejected:
        errors.print(f"`stampla outbox dead` lists {punches(len(rejected), 'rejected punch')}.")
    return rejected
