"""The pages answer a 400 page, never a 500, for dates beyond the calendar and for NUL."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import sign_in


@pytest.mark.parametrize("path", ["/web/attest", "/web/punches"])
@pytest.mark.parametrize(
    "params",
    [
        {"dateFrom": "0001-01-01", "dateTo": "0001-01-02"},
        {"dateFrom": "9999-12-30", "dateTo": "9999-12-31"},
        {"dateFrom": "2025-06-12", "employees": "30\x0002"},
    ],
)
def test_a_range_beyond_the_window_or_with_nul_is_a_400_page(web, path, params):
    response = web.get(path, params=params)
    assert response.status_code == 400, response.text[:500]
    assert response.headers["content-type"].startswith("text/html")


def test_a_day_beyond_the_window_is_a_400_page(web):
    response = web.get("/web/attest/day", params={"employeeNr": "3002", "date": "0001-01-01"})
    assert response.status_code == 400


def test_a_nul_in_the_sign_in_form_is_a_400_page(app, company):
    with TestClient(app) as client:
        response = sign_in(client, company, company=company.name + "\x00")
        assert response.status_code == 400, response.text[:500]
        assert "stampla_session" not in response.cookies
