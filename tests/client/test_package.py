"""The client package's shape: what it exports, and what it does not drag in."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import stampla.client
from stampla.client import ClientSettings

ROOT = Path(__file__).parent.parent.parent

SERVER_SIDE = (
    "fastapi",
    "starlette",
    "sqlalchemy",
    "alembic",
    "psycopg",
    "uvicorn",
    "argon2",
    "typer",
    "rich",
    "stampla.api",
    "stampla.service",
    "stampla.store",
    "stampla.settings",
    "stampla.errors",
    "stampla.cli",
)


def test_the_client_imports_nothing_of_the_server():
    code = (
        "import json, sys\n"
        "import stampla.client, stampla.client.agent, stampla.client.outbox\n"
        "print(json.dumps(sorted(sys.modules)))"
    )
    loaded = json.loads(subprocess.check_output([sys.executable, "-c", code], text=True))
    assert "stampla.wire" in loaded and "httpx2" in loaded
    dragged_in = [module for module in loaded if _within(module, SERVER_SIDE)]
    assert dragged_in == []


def _within(module: str, packages: tuple[str, ...]) -> bool:
    return any(module == p or module.startswith(f"{p}.") for p in packages)


def test_every_exported_name_is_the_packages_own_and_documented():
    for name in stampla.client.__all__:
        member = getattr(stampla.client, name)
        assert member.__module__.startswith("stampla.client"), name
        assert member.__doc__ and member.__doc__.strip(), name
    assert sorted(stampla.client.__all__) == stampla.client.__all__


def test_the_client_doc_lists_every_setting():
    doc = (ROOT / "docs" / "client.md").read_text()
    for name, field in ClientSettings.model_fields.items():
        row = f"| `STAMPLA_CLIENT_{name.upper()}` |"
        assert row in doc, row
        assert field.description in doc, name
