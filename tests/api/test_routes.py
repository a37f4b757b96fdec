"""Routes are matched in any letter case, with or without a trailing slash, as ASP.NET does."""

from __future__ import annotations

import pytest

from tests.factories import entry


@pytest.mark.parametrize(
    "path",
    [
        "/Personell/Time/TimeStampEntry",
        "/personell/time/timestampentry",
        "/PERSONELL/TIME/TIMESTAMPENTRY/",
        "/Personell/Time/TimeStampEntry/Save",
        "/personell/time/timestampentry/save",
    ],
)
def test_save_routes(api, path):
    response = api.post([entry()], path=path)
    assert response.status_code == 200, response.text


@pytest.mark.parametrize(
    "path", ["/Personell/Time/TimeStampEntry", "/personell/time/timestampentry/GET"]
)
def test_read_routes(api, path):
    response = api.client.get(path, params=api.params(dateFrom="2025-06-12", dateTo="2025-06-12"))
    assert response.status_code == 200, response.text


def test_login_route_in_any_case(client, company):
    body = {"UserName": company.user_name, "Password": company.password}
    assert client.post("/login/TOKEN", params=company.keys(), json=body).status_code == 200


def test_parameter_values_keep_their_case(api):
    """Only names are folded: a key in the wrong case is a different key."""
    params = api.params()
    params["companyApiKey"] = params["companyApiKey"].swapcase()
    assert api.post([entry()], **params).status_code == 401
