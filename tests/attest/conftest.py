"""Reading day rows through the API, as an integration would."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from typer.testing import CliRunner

from stampla.cli.main import app
from stampla.settings import get_settings
from tests.factories import ApiSession

ATTEST_PATH = "/Personell/Time/AttestTime"


class AttestReader:
    """GET /Personell/Time/AttestTime for a logged-in session."""

    def __init__(self, api: ApiSession) -> None:
        self.api = api

    def get(self, date_from: str, date_to: str | None = None, **params: Any):
        query = self.api.params(dateFrom=date_from, dateTo=date_to or date_from, **params)
        return self.api.client.get(ATTEST_PATH, params=query)

    def rows(self, date_from: str, date_to: str | None = None, **params: Any) -> list[dict]:
        response = self.get(date_from, date_to, **params)
        assert response.status_code == 200, response.text
        return response.json()

    def day(self, date: str, employee: str = "3002") -> dict:
        (row,) = self.rows(date, employeeNrsString=employee)
        return row


@pytest.fixture
def attest(api: ApiSession) -> AttestReader:
    return AttestReader(api)


def saved(response) -> list[int]:
    """The ids a successful post stored, in entry order."""
    assert response.status_code == 200, response.text
    return [result["timeStampEntryId"] for result in response.json()["results"]]


runner = CliRunner()


@pytest.fixture
def cli(database_url, monkeypatch, company):
    """``stampla …`` on the test company, as an operator types it."""
    monkeypatch.setenv("STAMPLA_DATABASE_URL", database_url)
    monkeypatch.setenv("COLUMNS", "200")
    get_settings.cache_clear()

    def run(*args: str, code: int = 0) -> str:
        result = runner.invoke(app, [*args, "--company", company.name])
        assert result.exit_code == code, result.output
        return " ".join(re.sub("[\u2500-\u257f]", " ", result.output).split())  # no rules

    def as_json(*args: str) -> object:
        return json.loads(run(*args, "--json"))

    run.json = as_json  # type: ignore[attr-defined]
    yield run
    get_settings.cache_clear()
