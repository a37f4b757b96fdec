"""The log of a real ``stampla serve`` keeps no secret: keys, tokens and passwords are masked.

SoftOne clients put ``companyApiKey``, ``connectApiKey`` and ``token`` in the query string,
in any letter case; the database keeps them only as digests, and the log must not keep them
in clear either, on the API's routes or the pages'.
"""

from __future__ import annotations

import json
import logging

import httpx2 as httpx
import pytest

from stampla.logs import MASK, RedactSecrets, redact
from stampla.store.engine import Store
from tests.factories import ENTRY_PATH, build_company
from tests.serverproc import Watched, free_port

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "POST /Login/Token?companyApiKey=abc&connectApiKey=def HTTP/1.1",
            f"POST /Login/Token?companyApiKey={MASK}&connectApiKey={MASK} HTTP/1.1",
        ),
        ("GET /x?COMPANYAPIKEY=abc&Token=t0k", f"GET /x?COMPANYAPIKEY={MASK}&Token={MASK}"),
        (
            "GET /web/sign-in?password=hemligt&next=%2F",
            f"GET /web/sign-in?password={MASK}&next=%2F",
        ),
        ("GET /x?token=&dateFrom=2025-06-12", "GET /x?token=&dateFrom=2025-06-12"),
        ("GET /x?mytoken=visible&tokens=visible", "GET /x?mytoken=visible&tokens=visible"),
        ("nothing to hide", "nothing to hide"),
    ],
)
def test_redact_masks_the_values_of_secret_parameters(line: str, expected: str) -> None:
    assert redact(line) == expected


def test_a_record_with_a_secret_in_its_arguments_is_masked() -> None:
    record = logging.LogRecord(
        "stampla.api", logging.INFO, __file__, 1, "asked %s", ("token=t0k",), None
    )
    assert RedactSecrets().filter(record)
    assert record.getMessage() == f"asked token={MASK}"


@pytest.mark.parametrize("log_format", ["json", "text"])
def test_the_log_of_a_real_server_holds_no_secret(database_url: str, clock, log_format) -> None:
    store = Store(database_url)
    company = build_company(store, clock())
    store.dispose()
    port = free_port()
    server = Watched(
        ["serve", "--host", "127.0.0.1", "--port", str(port)],
        {
            "STAMPLA_DATABASE_URL": database_url,
            "STAMPLA_LOGIN_FAILURE_DELAY_SECONDS": "0",
            "STAMPLA_LOG_FORMAT": log_format,
        },
    )
    base = f"http://127.0.0.1:{port}"
    try:
        server.wait_for("Listening on")
        keys = company.keys()
        with httpx.Client(base_url=base) as http:
            login = http.post(
                "/Login/Token",
                params=keys,
                json={"UserName": company.user_name, "Password": company.password},
            )
            token = login.json()["token"]
            # The names in another letter case, as SoftOne clients send them too.
            shouted = {name.upper(): value for name, value in {**keys, "token": token}.items()}
            entry = {
                "EmployeeNr": "3002",
                "TimeStamp": "2025-06-12T08:00:00Z",
                "TimeStampEntryType": "In",
                "TimeTerminalId": 1,
            }
            saved = http.post(ENTRY_PATH, params=shouted, json=[entry])
            read = http.get(
                ENTRY_PATH,
                params={**keys, "token": token, "dateFrom": "2025-06-12", "dateTo": "2025-06-12"},
            )
            page = http.get("/web/sign-in", params={"password": company.password})
            marker = http.get("/health", headers={"X-Request-Id": "end-of-test"})
        assert (login.status_code, saved.status_code, read.status_code) == (200, 200, 200)
        assert page.status_code == 200 and marker.status_code == 200
        server.wait_for("end-of-test")
    finally:
        server.terminate()
    log = server.rest()
    for secret in (company.company_api_key, company.connect_api_key, token, company.password):
        assert secret not in log
    if log_format == "text":
        assert f"id={saved.headers['X-Request-Id']} company_id={company.id}" in log
        return
    lines = [json.loads(line) for line in log.splitlines() if line.startswith("{")]
    requests = {line["request_id"]: line for line in lines if line["logger"] == "stampla.request"}
    line = requests[saved.headers["X-Request-Id"]]
    assert line == {
        **line,
        "method": "POST",
        "route": ENTRY_PATH,
        "status": 200,
        "company_id": company.id,
        "integration_id": company.integration_id,
        "entries": 1,
        "saved": 1,
        "level": "info",
    }
    assert requests[login.headers["X-Request-Id"]]["route"] == "/Login/Token"
    assert requests[page.headers["X-Request-Id"]]["route"] == "/web/sign-in"
    assert requests["end-of-test"]["route"] == "/health"
    assert {line["logger"] for line in lines} >= {"stampla.request", "uvicorn.error"}
