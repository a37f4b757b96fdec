"""``stampla attest`` (an employee's day rows) and ``stampla attest-settings``."""

from __future__ import annotations

import json
from datetime import datetime
from zoneinfo import ZoneInfo

import typer
from rich.table import Table

from stampla.domain.attest import AttestSettings, DayRow, DayRule, HolidayCalendar
from stampla.errors import StamplaError
from stampla.service import attest as service
from stampla.service.date_range import DateWindow
from stampla.settings import get_settings
from stampla.store.engine import Store
from stampla.wire.attest import day_json

from .common import CompanyOption, actor
from .context import company_id_for, console, fail, now, ready_store

DATE = ["%Y-%m-%d"]


def attest(
    employee: str = typer.Argument(..., help="Employee number (EmployeeNr)."),
    date_from: datetime = typer.Option(..., "--from", formats=DATE, help="First local date."),
    date_to: datetime = typer.Option(
        None, "--to", formats=DATE, help="Last local date (default: --from)."
    ),
    company: CompanyOption = None,
    include_empty: bool = typer.Option(False, help="Also days without punches."),
    as_json: bool = typer.Option(False, "--json", help="Print the API's JSON instead."),
) -> None:
    """Show an employee's day rows: spans, work, breaks, expected time and warnings.

    Example: stampla attest 3002 --from 2025-06-01 --to 2025-06-30 --company "Demo AB"
    """
    store = ready_store()
    company_id = company_id_for(store, company)
    first = date_from.date()
    query = service.AttestQuery(first, (date_to or date_from).date(), [employee], include_empty)
    days = _day_rows(store, company_id, query)
    if as_json:
        print(json.dumps([day_json(day) for day in days], ensure_ascii=False, indent=2))
        return
    zone = service.company_zone(store, company_id)
    rows = [day.row for day in days]
    console.print(_table(employee, rows, zone))
    for line in _notes(rows, zone):
        console.print(line, highlight=False)


def _day_rows(
    store: Store, company_id: int, query: service.AttestQuery
) -> list[service.EmployeeDay]:
    settings = get_settings()
    window = DateWindow.around(now(), settings.earliest_date, settings.max_future_days)
    try:
        window.check(query.date_from, "dateFrom")
        window.check(query.date_to, "dateTo")
        return list(
            service.attest_time(
                store,
                company_id,
                query,
                now(),
                max_days=settings.max_read_days,
                max_future=settings.max_future,
                daily_rest=settings.daily_rest,
                limits=settings.atl_limits,
            )
        )
    except StamplaError as error:
        raise fail(_explain(error)) from None


def _table(employee: str, rows: list[DayRow], zone: ZoneInfo) -> Table:
    table = Table(title=f"Attest time, employee {employee}", title_justify="left")
    for name in ("date", "status", "spans", "work", "break", "absence", "expected", "difference"):
        table.add_column(name, justify="right" if name in _NUMBERS else "left")
    for row in rows:
        table.add_row(
            f"{row.date:%Y-%m-%d %a}" + (f"\n{row.holiday}" if row.holiday else ""),
            row.status.value,
            "\n".join(
                f"{s.start.astimezone(zone):%H:%M}–{s.stop.astimezone(zone):%H:%M} "
                f"{s.kind.value.lower()}"
                for s in row.spans
            ),
            _hours(row.work_seconds),
            _hours(row.break_seconds),
            _hours(row.absence_seconds),
            _hours(row.expected_seconds),
            _hours(row.difference_seconds),
        )
    return table


_NUMBERS = {"work", "break", "absence", "expected", "difference"}


def _notes(rows: list[DayRow], zone: ZoneInfo) -> list[str]:
    """Time codes, accounts and warnings of each day, below the table."""
    lines = []
    for row in rows:
        for code, seconds in row.time_codes:
            lines.append(f"{row.date}  time code {code}: {_hours(seconds)}")
        for account, seconds in row.accounts:
            dimension = f"SIE {account.sie_dimension}" if account.sie_dimension else "no SIE"
            lines.append(
                f"{row.date}  account {account.account_nr} (level {account.level}, "
                f"{dimension}): {_hours(seconds)}"
            )
        for warning in row.warnings:
            lines.append(f"{row.date}  {warning.code.value}: {warning.message}")
    return lines


def _hours(seconds: int | None) -> str:
    if seconds is None:
        return "–"
    sign, seconds = ("-" if seconds < 0 else ""), abs(seconds)
    return f"{sign}{seconds // 3600}:{seconds % 3600 // 60:02d}"


def _explain(error: StamplaError) -> str:
    """The error with its problems, each named by the option the user typed."""
    details = "; ".join(
        f"{_OPTIONS.get(p.field, p.field)}: {p.message}" if p.field else p.message
        for p in error.problems
    )
    return f"{error.message} ({details})" if details else error.message


_OPTIONS = {
    "dateFrom": "--from",
    "dateTo": "--to",
    "employeeNrsString": "EMPLOYEE",
    "day_rule": "--day-rule",
    "gap_minutes": "--gap-minutes",
    "max_shift_minutes": "--max-shift-minutes",
    "bounce_seconds": "--bounce-seconds",
    "holidays": "--holidays",
    "grace_minutes": "--grace-minutes",
}


settings_app = typer.Typer(help="Show or change how punches become day rows.", no_args_is_help=True)


@settings_app.command("show")
def show_settings(company: CompanyOption = None) -> None:
    """Show the company's attest settings (defaults until changed).

    Example: stampla attest-settings show --company "Demo AB"
    """
    store = ready_store()
    _print_settings(service.read_settings(store, company_id_for(store, company)))


@settings_app.command("set")
def set_settings(
    company: CompanyOption = None,
    day_rule: str = typer.Option(
        None, help=f"Which day a shift lands on: {', '.join(r.value for r in DayRule)}."
    ),
    gap_minutes: int = typer.Option(None, help="Sessions closer than this form one shift."),
    max_shift_minutes: int = typer.Option(None, help="An open session longer: MissingOut."),
    bounce_seconds: int = typer.Option(None, help="A repeat within this: a double read."),
    grace_minutes: int = typer.Option(
        None, help="An In this late, or an Out this early, against the schedule is no deviation."
    ),
    holidays: str = typer.Option(
        None,
        help="Holiday calendar whose weekday holidays expect no time: "
        f"{', '.join(c.value for c in HolidayCalendar)} (SE: Sweden's, with the eves).",
    ),
) -> None:
    """Change some attest settings; the others keep their values.

    Example: stampla attest-settings set --company "Demo AB" --day-rule SplitAtMidnight
    Example: stampla attest-settings set --company "Demo AB" --holidays SE
    """
    store = ready_store()
    company_id = company_id_for(store, company)
    try:
        changed = service.change_settings(
            store,
            company_id,
            now(),
            day_rule=day_rule,
            gap_minutes=gap_minutes,
            max_shift_minutes=max_shift_minutes,
            bounce_seconds=bounce_seconds,
            holidays=holidays,
            grace_minutes=grace_minutes,
            actor=actor(),
        )
    except StamplaError as error:
        raise fail(_explain(error)) from None
    _print_settings(changed)


def _print_settings(settings: AttestSettings) -> None:
    console.print(
        f"day rule       {settings.day_rule.value}\n"
        f"gap            {int(settings.gap.total_seconds() // 60)} min\n"
        f"max shift      {int(settings.max_shift.total_seconds() // 60)} min\n"
        f"bounce window  {int(settings.bounce.total_seconds())} s\n"
        f"holidays       {settings.holidays.value}\n"
        f"grace          {int(settings.grace.total_seconds() // 60)} min",
        highlight=False,
    )
