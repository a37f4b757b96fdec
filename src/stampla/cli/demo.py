"""``stampla demo``: seed the demo company and show how to use it."""

from __future__ import annotations

import json

import typer
from rich.panel import Panel

from stampla.service.demo import COMPANY_NAME, STAFF, STAFF_PASSWORD, seed_demo

from .context import console, now, ready_store


def demo(
    as_json: bool = typer.Option(False, "--json", help="Print the credentials as JSON."),
    base_url: str = typer.Option("http://127.0.0.1:8000", help="Where the server will answer."),
) -> None:
    """Seed the demo company (idempotent) and print its credentials.

    Example: stampla demo --json
    """
    store = ready_store()
    credentials = seed_demo(store, now())
    store.dispose()
    if as_json:
        print(
            json.dumps(
                {
                    "companyApiKey": credentials.company_api_key,
                    "connectApiKey": credentials.connect_api_key,
                    "userName": credentials.user_name,
                    "password": credentials.password,
                    "companyName": COMPANY_NAME,
                    "staffUsers": [
                        {"userName": name, "role": role.value, "password": STAFF_PASSWORD}
                        for name, role, _scope in STAFF
                    ],
                    "baseUrl": base_url,
                    "webUrl": f"{base_url}/web/",
                }
            )
        )
        return
    keys = (
        f"companyApiKey={credentials.company_api_key}&connectApiKey={credentials.connect_api_key}"
    )
    status = "created" if credentials.created else "already present"
    console.print(
        Panel.fit(
            f"Company        [bold]{COMPANY_NAME}[/]\n"
            f"companyApiKey  [bold]{credentials.company_api_key}[/]\n"
            f"connectApiKey  [bold]{credentials.connect_api_key}[/]\n"
            f"UserName       [bold]{credentials.user_name}[/]\n"
            f"Password       [bold]{credentials.password}[/]\n"
            f"Staff (pages)  [bold]{', '.join(name for name, _r, _s in STAFF)}[/], "
            f"password [bold]{STAFF_PASSWORD}[/]",
            title=f"{COMPANY_NAME} ({status})",
        )
    )
    login = (
        f"curl -s -X POST '{base_url}/Login/Token?{keys}' -H 'Content-Type: application/json' "
        f"""-d '{{"UserName":"{credentials.user_name}","Password":"{credentials.password}"}}'"""
    )
    for line in (
        f"Web pages:     {base_url}/web/  (sign in with the company and a staff user above)",
        f"API docs:      {base_url}/docs",
        f"Log in:        {login}",
        f"Post punches:  POST {base_url}/Personell/Time/TimeStampEntry?{keys}&token=TOKEN",
    ):
        console.print(line, soft_wrap=True, highlight=False)
