"""``stampla settings``: what can be configured, and how it is set now."""

from __future__ import annotations

import typer
from rich.table import Table

from stampla.settings import Settings, get_settings

from .context import console


def settings(
    markdown: bool = typer.Option(False, "--markdown", help="Print docs/settings.md's table."),
) -> None:
    """Show every setting, its environment variable and its current value.

    Example: STAMPLA_TOKEN_LIFETIME_MINUTES=30 stampla settings
    """
    if markdown:
        from stampla.settings import settings_table

        print(settings_table())
        return
    current = get_settings()
    table = Table("variable", "value", "meaning")
    for name, field in Settings.model_fields.items():
        table.add_row(f"STAMPLA_{name.upper()}", str(getattr(current, name)), field.description)
    console.print(table)
