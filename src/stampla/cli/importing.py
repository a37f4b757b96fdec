"""Running a CSV import from the command line: the file, a progress bar, and the report."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from stampla.service.csv_import import ImportOptions, ImportReport, import_csv
from stampla.service.csv_import.plan import Progress as ProgressCallback

from .common import actor, company_store, describe, emit
from .context import console, errors, now

#: Files at least this large get a progress bar (about 2,500 employees).
LARGE_FILE_BYTES = 256 * 1024

FileArgument = typer.Argument(
    exists=True, dir_okay=False, readable=True, help="The CSV file (UTF-8 or Windows-1252)."
)
SkipInvalid = typer.Option(
    False, "--skip-invalid", help="Import the good rows even if some are bad (they are listed)."
)
Encoding = typer.Option(None, help="utf-8 or windows-1252 (found out when left out).")
Delimiter = typer.Option(None, help="';', ',' or 'tab' (found out when left out).")


def run_import(
    kind: str,
    path: Path,
    company: str | None,
    options: ImportOptions,
    as_json: bool,
) -> None:
    """Import ``path`` into the company's ``kind`` register and print what happened."""
    data = path.read_bytes()
    options = replace(options, file_name=path.name)
    with company_store(company, as_json) as (store, company_id):
        with progress_bar(len(data) >= LARGE_FILE_BYTES) as progress:
            report = import_csv(
                store,
                company_id,
                kind,
                data,
                now(),
                options=options,
                actor=actor(),
                progress=progress,
            )
    if as_json:
        emit(report)
    else:
        print_report(report)


@contextmanager
def progress_bar(wanted: bool) -> Iterator[ProgressCallback | None]:
    """A callback drawing a bar per stage on stderr, or None for small files."""
    if not wanted:
        yield None
        return
    columns = (
        TextColumn("{task.description:<9}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=errors, transient=True) as bar:
        tasks: dict[str, int] = {}

        def update(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total)
            bar.update(tasks[stage], completed=done, total=total)

        yield update


def print_report(report: ImportReport) -> None:
    encoding = "Windows-1252" if report.encoding == "cp1252" else "UTF-8"
    delimiter = {"\t": "tab"}.get(report.delimiter, report.delimiter)
    console.print(
        f"{report.file_name}: {report.rows} rows ({encoding}, '{delimiter}'): "
        f"[bold]{report.created}[/] created, [bold]{report.updated}[/] updated, "
        f"{report.unchanged} unchanged, {report.skipped} skipped.",
        highlight=False,
    )
    if report.ignored_columns:
        console.print(
            f"Ignored columns: {', '.join(report.ignored_columns)}", style="yellow", highlight=False
        )
    for problem in report.errors:
        errors.print(f"  skipped {describe(problem)}", highlight=False, markup=False)
