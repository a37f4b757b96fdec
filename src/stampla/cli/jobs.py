"""``stampla jobs``: the periodic jobs, run once (for cron, where serve runs none)."""

from __future__ import annotations

import json

import typer

from stampla.service.auto_stamp_out.job import run_once
from stampla.settings import get_settings

from .context import console, now, ready_store

app = typer.Typer(help="The periodic jobs (auto stamp-out).", no_args_is_help=True)


@app.command("run-once")
def run_once_command(
    as_json: bool = typer.Option(False, "--json", help="Print the report as JSON."),
) -> None:
    """Run every periodic job once and report what it did; safe beside a running server
    (a lease lets one run at a time; a second run adds nothing).

    Example: stampla jobs run-once --json

    In a crontab, once a minute: * * * * * stampla jobs run-once
    """
    store = ready_store()
    try:
        report = run_once(store, now(), lookback_days=get_settings().auto_stamp_out_lookback_days)
    finally:
        store.dispose()
    if as_json:
        console.print_json(
            json.dumps(
                {
                    "ran": report.ran,
                    "autoStampOuts": report.made,
                    "replacedByRealOuts": report.superseded,
                    "companies": len(report.companies),
                }
            )
        )
        return
    if not report.ran:
        console.print("Another process is running the jobs now; nothing done.")
        return
    console.print(
        f"Auto stamp-out: {report.made} Outs made, {report.superseded} replaced by real Outs "
        f"({len(report.companies)} companies with a rule).",
        highlight=False,
    )
