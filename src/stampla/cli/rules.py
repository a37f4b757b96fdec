"""``stampla rules …``: the time rules (OB, overtime, mertid) of each time agreement.

A rule set is a JSON document (docs/time-rules.md); ``show --json`` prints one that ``set``
takes back, so editing is: show it, change the file, set it from a date.
"""

from __future__ import annotations

import json
from pathlib import Path

import typer

from stampla.service import rule_sets
from stampla.service.masterdata.tx import writing
from stampla.service.schedules.common import read_date

from .common import CompanyOption, JsonOption, actor, changed, company_store, emit
from .common import table as print_table
from .context import console, date_window, now

app = typer.Typer(
    help="Time rules: each time agreement's OB windows and overtime rule, version by "
    "version.\n\nExample: stampla rules set Timavlönad --from 2026-01-01 --file handels.json",
    no_args_is_help=True,
)

COLUMNS = (
    ("agreement", lambda r: r.agreement),
    ("from", lambda r: r.valid_from.isoformat()),
    ("to", lambda r: r.valid_to.isoformat() if r.valid_to else "until further notice"),
    ("windows", lambda r: "\n".join(_window_text(w) for w in r.rules.get("windows", []))),
    ("overtime", lambda r: _overtime_text(r.rules.get("overtime"))),
)


def _window_text(window: dict) -> str:
    return f"{window['code']}: {', '.join(window['days'])} {window['start']}–{window['stop']}"


def _overtime_text(overtime: dict | None) -> str:
    if overtime is None:
        return "none"
    return f"{overtime['name']}, full time {overtime['fullTimeWeeklyHours']} a week"


@app.command("list")
def list_rule_sets(
    agreement: str = typer.Argument(None, help="Only this agreement's versions."),
    company: CompanyOption = None,
    as_json: JsonOption = False,
) -> None:
    """List the rule sets by agreement and first day.

    Example: stampla rules list Timavlönad
    """
    with company_store(company, as_json) as (store, company_id):
        found = rule_sets.list_rule_sets(store, company_id, agreement)
    if as_json:
        emit(found)
        return
    print_table("Rule sets", COLUMNS, found)


@app.command("set")
def set_rule_set(
    agreement: str = typer.Argument(..., help="The time agreement, e.g. Timavlönad."),
    valid_from: str = typer.Option(..., "--from", help="The first day it applies."),
    file: Path = typer.Option(
        ..., "--file", exists=True, dir_okay=False, help="The rules: a JSON document."
    ),
    allow_past: bool = typer.Option(
        False, "--allow-past", help="Let it take effect today or earlier (changes past days)."
    ),
    company: CompanyOption = None,
    as_json: JsonOption = False,
) -> None:
    """Add the agreement's rule set from a date, or replace the version of that date.

    Example: stampla rules set Timavlönad --from 2026-01-01 --file handels.json
    """
    try:
        document = json.loads(file.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        console.print(f"{file}: not a JSON document ({error})", highlight=False)
        raise typer.Exit(1) from error
    given = {
        "agreement": agreement,
        "valid_from": valid_from,
        "rules": document,
        "allow_past": allow_past,
    }
    with company_store(company, as_json) as (store, company_id):
        saved = rule_sets.save_rule_set(
            store, company_id, given, now(), window=date_window(), actor=actor()
        )
    found = saved.rule_set
    verb = "added" if saved.created else "replaced"
    changed(found, f"Rule set of {found.agreement!r} from {found.valid_from} {verb}.", as_json)


@app.command("show")
def show(
    agreement: str = typer.Argument(..., help="The time agreement."),
    valid_from: str = typer.Option(
        None, "--from", help="The version's first day (default: the latest)."
    ),
    company: CompanyOption = None,
    as_json: JsonOption = False,
) -> None:
    """Print a version's rules as the JSON document ``set`` takes.

    Example: stampla rules show Timavlönad > handels.json
    """
    with company_store(company, as_json) as (store, company_id):
        found = rule_sets.list_rule_sets(store, company_id, agreement)
    chosen = [v for v in found if valid_from is None or v.valid_from.isoformat() == valid_from]
    if not chosen:
        console.print(f"Agreement {agreement!r} has no such rule set.", highlight=False)
        raise typer.Exit(1)
    if as_json:
        emit(chosen[-1])
        return
    print(json.dumps(chosen[-1].rules, ensure_ascii=False, indent=2))


@app.command("remove")
def remove(
    agreement: str = typer.Argument(..., help="The time agreement."),
    valid_from: str = typer.Option(..., "--from", help="The version's first day."),
    allow_past: bool = typer.Option(
        False, "--allow-past", help="Remove a version already in effect (changes past days)."
    ),
    company: CompanyOption = None,
    as_json: JsonOption = False,
) -> None:
    """Remove a version; the one before it applies again.

    Example: stampla rules remove Timavlönad --from 2026-01-01
    """
    with company_store(company, as_json) as (store, company_id):
        found = rule_sets.remove_rule_set(
            store,
            company_id,
            agreement,
            valid_from,
            now(),
            window=date_window(),
            allow_past=allow_past,
            actor=actor(),
        )
    changed(found, f"Rule set of {found.agreement!r} from {found.valid_from} removed.", as_json)


@app.command("install")
def install(
    valid_from: str = typer.Option(
        "2000-01-01", "--from", help="From when they apply (default: every date)."
    ),
    company: CompanyOption = None,
    as_json: JsonOption = False,
) -> None:
    """Install the shipped rule sets: Handels retail for Timavlönad, the salaried overtime
    model for Månadsavlönad (the company must have their time codes).

    Example: stampla rules install --from 2026-01-01
    """
    with company_store(company, as_json) as (store, company_id):
        window = date_window()
        first = read_date(valid_from, "--from", window)
        assert first is not None
        with writing(store) as conn:
            saved = rule_sets.install_shipped(
                conn, company_id, first, now(), window=window, actor=actor()
            )
    if as_json:
        emit([s.rule_set for s in saved])
        return
    for s in saved:
        console.print(
            f"Rule set of {s.rule_set.agreement!r} from {s.rule_set.valid_from} installed.",
            highlight=False,
        )
