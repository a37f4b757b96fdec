"""``stampla auto-stamp-out``: the company's auto stamp-out rule (terminals have their own
settings in ``stampla terminal update --auto-stamp-out-at / --auto-stamp-out-after``)."""

from __future__ import annotations

import typer

from stampla.errors import StamplaError
from stampla.service.auto_stamp_out.settings import (
    CompanyRuleView,
    change_company_rule,
    read_company_rule,
)

from .common import CompanyOption, actor
from .context import company_id_for, console, fail, now, ready_store

app = typer.Typer(
    help="Show or change when open sessions get a synthetic Out (docs/auto-stamp-out.md).",
    no_args_is_help=True,
)


@app.command("show")
def show(company: CompanyOption = None) -> None:
    """Show the company's auto stamp-out rule (off until set).

    Example: stampla auto-stamp-out show --company "Demo AB"
    """
    store = ready_store()
    _print(read_company_rule(store, company_id_for(store, company)))


@app.command("set")
def set_rule(
    company: CompanyOption = None,
    at: str = typer.Option(
        None, "--at", help="Local time of day (HH:MM) that ends open sessions, or Off."
    ),
    after: str = typer.Option(
        None, "--after", help="Shift length (H:MM) after which a session ends, or Off."
    ),
) -> None:
    """Change the company's rule; a part not given keeps its value.

    Example: stampla auto-stamp-out set --company "Demo AB" --at 23:00 --after 12:00
    Example: stampla auto-stamp-out set --at Off
    """
    store = ready_store()
    company_id = company_id_for(store, company)
    try:
        changed = change_company_rule(store, company_id, now(), at=at, after=after, actor=actor())
    except StamplaError as error:
        raise fail(error.message) from None
    _print(changed)


def _print(rule: CompanyRuleView) -> None:
    console.print(
        f"at     {rule.auto_stamp_out_at or 'off'}\nafter  {rule.auto_stamp_out_after or 'off'}",
        highlight=False,
    )
