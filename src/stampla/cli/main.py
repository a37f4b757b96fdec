"""The ``stampla`` command: one Typer app, one module per command group; the registers' groups
are built from their declarations (``register``)."""

from __future__ import annotations

import typer

from stampla.service.masterdata import EMPLOYEE, REGISTERS

from . import (
    absence,
    admin_key,
    auto_stamp_out,
    company,
    correct,
    db,
    device,
    integration,
    jobs,
    rules,
    schedule,
    staff,
    terms,
    user,
)
from .atl import atl_report_command
from .attest import attest, settings_app
from .attest_state import day_app, late_app, state_app
from .audit import audit
from .demo import demo
from .export import export
from .opening_balance import opening_balance
from .register import register_app
from .serve import serve
from .settings import settings
from .terminal_side import outbox
from .terminal_side.agent import agent
from .terminal_side.punch import punch
from .terminal_side.push import push

app = typer.Typer(
    help="Stampla: a time-and-attendance server speaking SoftOne GO's TimeStampEntry API.",
    no_args_is_help=True,
    rich_markup_mode="rich",
)
app.add_typer(db.app, name="db")
app.add_typer(settings_app, name="attest-settings")
app.add_typer(state_app, name="attest-state")
app.add_typer(day_app, name="attest-day")
app.add_typer(late_app, name="late-punches")
app.command()(serve)
app.command()(demo)
app.command()(settings)
app.command()(punch)
app.command()(push)
app.add_typer(outbox.app, name="outbox")
app.command()(agent)
app.command()(attest)
app.command("atl-report")(atl_report_command)
app.command()(export)
app.add_typer(company.app, name="company")
app.add_typer(integration.app, name="integration")
app.add_typer(user.app, name="user")
app.add_typer(staff.app, name="staff")
app.add_typer(admin_key.app, name="admin-key")
for register in REGISTERS:  # employee, terminal, level, account, timecode
    group = register_app(register)
    if register is EMPLOYEE:
        group.add_typer(terms.app, name="terms")  # stampla employee terms …
        group.command("opening-balance")(opening_balance)
    app.add_typer(group, name=register.commands.name)
app.add_typer(rules.app, name="rules")
app.add_typer(schedule.app, name="schedule")  # template (a register), assign, override, week
app.add_typer(absence.app, name="absence")
app.add_typer(correct.app, name="correct")
app.command()(audit)
app.add_typer(auto_stamp_out.app, name="auto-stamp-out")
app.add_typer(jobs.app, name="jobs")
app.add_typer(device.app, name="device")

if __name__ == "__main__":
    app()
