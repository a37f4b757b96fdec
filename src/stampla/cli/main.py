"""The ``stampla`` command: one Typer app, one module per command group."""

from __future__ import annotations

import typer

from . import db, outbox
from .agent import agent
from .attest import attest, settings_app
from .demo import demo
from .punch import punch
from .push import push
from .serve import serve
from .settings import settings

app = typer.Typer(
    help="Stampla: a time-and-attendance server speaking SoftOne GO's TimeStampEntry API.",
    no_args_is_help=True,
    rich_markup_mode="rich",
)
app.add_typer(db.app, name="db")
app.add_typer(settings_app, name="attest-settings")
app.command()(serve)
app.command()(demo)
app.command()(settings)
app.command()(punch)
app.command()(push)
app.add_typer(outbox.app, name="outbox")
app.command()(agent)
app.command()(attest)

if __name__ == "__main__":
    app()
