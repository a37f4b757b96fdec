"""The ``cli`` fixture: ``stampla …`` through Typer's runner, against a real SQLite file."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from typer.testing import CliRunner

from stampla.cli.main import app
from stampla.settings import get_settings


@dataclass
class Cli:
    """Runs commands the way an operator types them; checks the exit status."""

    url: str
    runner: CliRunner

    def __call__(self, *args: str, stdin: str | None = None, code: int = 0) -> Result:
        result = self.runner.invoke(app, list(args), input=stdin)
        assert result.exit_code == code, result.output
        return result

    def json(self, *args: str, stdin: str | None = None) -> Any:
        return json.loads(self(*args, "--json", stdin=stdin).stdout)


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Cli]:
    url = f"sqlite:///{tmp_path / 'stampla.db'}"
    monkeypatch.setenv("STAMPLA_DATABASE_URL", url)
    monkeypatch.setenv("COLUMNS", "250")  # wide enough that Rich tables are not cut
    get_settings.cache_clear()
    yield Cli(url, CliRunner())
    get_settings.cache_clear()
