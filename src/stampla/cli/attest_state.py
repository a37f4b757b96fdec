"""``stampla attest-state`` (the company's attest states and transitions), ``stampla
attest-day set`` (move days between states) and ``stampla late-punches`` (punches stored for
locked days). The operator acts as an admin (``cli:<os user>`` in the audit trail)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime

import typer

from stampla.errors import InvalidInput, Problem
from stampla.service.attest.locks import dismiss_late_punch, late_punches
from stampla.service.attest.states import (
    AttestState,
    TransitionRule,
    change_config,
    describe,
    read_config,
)
from stampla.service.attest.transitions import TransitionRequest, transition_days
from stampla.service.roles import Role, StaffActor
from stampla.settings import get_settings

from .common import CompanyOption, JsonOption, actor, company_store, table
from .context import console, now

DATE = ["%Y-%m-%d"]

state_app = typer.Typer(help="The company's attest states and who may move days between them.")
day_app = typer.Typer(help="Attest, approve, un-attest or reopen days.")
late_app = typer.Typer(help="Punches stored for locked days after they locked.")


def _admin() -> StaffActor:
    return StaffActor(actor(), Role.ADMIN)


def _print_config(config: dict, as_json: bool) -> None:
    if as_json:
        print(json.dumps(config, ensure_ascii=False, indent=2))
        return
    table(
        "Attest states",
        [
            ("Code", lambda s: s["code"]),
            ("Name", lambda s: s["name"]),
            ("Colour", lambda s: s["colour"]),
            ("Locks", lambda s: s["locks"]),
            ("Order", lambda s: s["sortOrder"]),
            ("Exported", lambda s: s["exported"]),
            ("Initial", lambda s: s["initial"]),
        ],
        config["states"],
    )
    table(
        "Transitions",
        [("From", lambda t: t["from"]), ("To", lambda t: t["to"]), ("Roles", lambda t: t["roles"])],
        config["transitions"],
    )


@state_app.command("list")
def list_states(company: CompanyOption = None, as_json: JsonOption = False) -> None:
    """Show the states and transitions (the default until the company sets its own).

    Example: stampla attest-state list --company "Demo AB"
    """
    with company_store(company, as_json) as (store, company_id):
        _print_config(describe(read_config(store, company_id)), as_json)


@state_app.command("set")
def set_state(
    code: str = typer.Argument(..., help="The state's code, e.g. Attested."),
    name: str = typer.Option(None, help="Name shown on the pages."),
    colour: str = typer.Option(None, help="Colour as #rrggbb."),
    locks: bool = typer.Option(None, "--locks/--no-locks", help="Whether a day in it is frozen."),
    sort_order: int = typer.Option(None, help="Order; the lowest is the initial state."),
    company: CompanyOption = None,
    as_json: JsonOption = False,
) -> None:
    """Add a state or change one (only what is given changes).

    Example: stampla attest-state set Kontrollerad --name Kontrollerad --colour "#aa5500"
    --no-locks --sort-order 25
    """
    with company_store(company, as_json) as (store, company_id):
        config = read_config(store, company_id)
        found = config.find(code)
        if found is None:
            if name is None or colour is None or locks is None or sort_order is None:
                raise InvalidInput(
                    f"A new state {code!r} needs --name, --colour, --locks/--no-locks and "
                    "--sort-order",
                    [Problem("is a new state", "code")],
                )
            states = [*config.states, AttestState(code, name, colour, locks, sort_order)]
        else:
            changes = {
                k: v
                for k, v in {
                    "name": name,
                    "colour": colour,
                    "locks": locks,
                    "sort_order": sort_order,
                }.items()
                if v is not None
            }
            states = [replace(s, **changes) if s is found else s for s in config.states]
        made = change_config(store, company_id, _admin(), states, config.transitions, now())
        _print_config(describe(made), as_json)


@state_app.command("transition")
def set_transition(
    source: str = typer.Argument(..., help="From state."),
    target: str = typer.Argument(..., help="To state."),
    roles: str = typer.Option(
        ..., help="Comma-separated roles that may (attestant, payroll, admin); '' for none."
    ),
    company: CompanyOption = None,
    as_json: JsonOption = False,
) -> None:
    """Set which roles may move a day from one state to another.

    Example: stampla attest-state transition Attested Registered --roles payroll,admin
    """
    with company_store(company, as_json) as (store, company_id):
        try:
            chosen = frozenset(Role(r.strip().lower()) for r in roles.split(",") if r.strip())
        except ValueError:
            raise InvalidInput(
                "Unknown role", [Problem("roles are viewer, attestant, payroll, admin", "roles")]
            ) from None
        config = read_config(store, company_id)
        a, b = config.state(source, "from"), config.state(target, "to")
        kept = [t for t in config.transitions if (t.from_code, t.to_code) != (a.code, b.code)]
        made_rules = [*kept, TransitionRule(a.code, b.code, chosen)]
        made = change_config(store, company_id, _admin(), config.states, made_rules, now())
        _print_config(describe(made), as_json)


@day_app.command("set")
def set_days(
    to_state: str = typer.Option(..., "--to", help="The state to move the days to."),
    date_from: datetime = typer.Option(..., "--from", formats=DATE, help="First local date."),
    date_to: datetime = typer.Option(
        None, "--to-date", formats=DATE, help="Last local date (default: --from)."
    ),
    employees: str = typer.Option(
        None, help="Comma-separated EmployeeNrs (default: every employee)."
    ),
    reason: str = typer.Option(None, help="Why (required with --override)."),
    override: bool = typer.Option(False, help="Attest days with warnings too."),
    company: CompanyOption = None,
    as_json: JsonOption = False,
) -> None:
    """Move every day of the range to a state; says per day what happened.

    Example: stampla attest-day set --to Approved --from 2025-06-01 --to-date 2025-06-30
    --employees 3002,3014
    """
    nrs = [nr.strip() for nr in employees.split(",") if nr.strip()] if employees else None
    first = date_from.date()
    request = TransitionRequest(
        first, (date_to or date_from).date(), to_state, nrs, reason, override
    )
    settings = get_settings()
    with company_store(company, as_json) as (store, company_id):
        report = transition_days(
            store,
            company_id,
            _admin(),
            request,
            now(),
            max_days=settings.max_read_days,
            max_future=settings.max_future,
            daily_rest=settings.daily_rest,
        )
    if as_json:
        days = [
            {
                "employeeNr": d.employee_nr,
                "date": d.date.isoformat(),
                "fromState": d.from_state,
                "toState": d.to_state,
                "outcome": d.outcome,
                "reason": d.reason,
                "warnings": list(d.warnings),
            }
            for d in report.days
        ]
        out = {"toState": report.to_state, "moved": report.moved, "skipped": report.skipped}
        print(json.dumps({**out, "days": days}, ensure_ascii=False, indent=2))
        return
    table(
        f"To {report.to_state}: {report.moved} moved, {report.skipped} skipped",
        [
            ("Employee", lambda d: d.employee_nr),
            ("Date", lambda d: d.date.isoformat()),
            ("From", lambda d: d.from_state),
            ("Outcome", lambda d: d.outcome),
            ("Why", lambda d: d.reason),
        ],
        report.days,
    )


@late_app.command("list")
def list_late(
    include_dismissed: bool = typer.Option(False, help="Also the dismissed ones."),
    company: CompanyOption = None,
    as_json: JsonOption = False,
) -> None:
    """Punches stored for locked days after they locked.

    Example: stampla late-punches list --include-dismissed
    """
    with company_store(company, as_json) as (store, company_id):
        found = late_punches(store, company_id, include_dismissed=include_dismissed)
    if as_json:
        rows = [
            {
                "timeStampEntryId": p.punch_id,
                "employeeNr": p.employee_nr,
                "date": p.date.isoformat(),
                "timeStamp": p.instant.isoformat(),
                "timeStampEntryType": p.entry_type,
                "isBreak": p.is_break,
                "origin": p.origin,
                "attestState": p.state,
                "dismissedReason": p.dismissed_reason,
            }
            for p in found
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    table(
        "Late punches",
        [
            ("Id", lambda p: p.punch_id),
            ("Employee", lambda p: p.employee_nr),
            ("Date", lambda p: p.date.isoformat()),
            ("Time (UTC)", lambda p: p.instant),
            ("Type", lambda p: ("break " if p.is_break else "") + p.entry_type),
            ("Origin", lambda p: p.origin),
            ("Day", lambda p: p.state),
            ("Dismissed", lambda p: p.dismissed_reason),
        ],
        found,
    )


@late_app.command("dismiss")
def dismiss_late(
    punch_id: int = typer.Argument(..., help="The late punch's id."),
    reason: str = typer.Option(..., help="Why it does not change the day."),
    company: CompanyOption = None,
    as_json: JsonOption = False,
) -> None:
    """Dismiss a late punch: the locked day keeps its attested row, the warning goes.

    Example: stampla late-punches dismiss 1234 --reason "Double read at the door"
    """
    with company_store(company, as_json) as (store, company_id):
        dismiss_late_punch(store, company_id, _admin(), punch_id, reason, now())
    console.print(f"Punch {punch_id} dismissed.", highlight=False)
