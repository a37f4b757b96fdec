"""One record per request: its id (answered as X-Request-Id), its route template, status,
duration, company, integration and entries saved or rejected; and the two line formats."""

from __future__ import annotations

import json
import logging

import pytest

from stampla.http.request_log import current_request_id
from stampla.logs import JsonFormatter, TextFormatter
from tests.factories import ENTRY_PATH, entry


@pytest.fixture
def lines(caplog):
    caplog.set_level(logging.INFO, logger="stampla.request")

    def requests() -> list[dict]:
        return [r.request for r in caplog.records if r.name == "stampla.request"]

    return requests


def test_every_answer_carries_a_request_id(client) -> None:
    first, second = client.get("/health"), client.get("/health")
    ids = {first.headers["X-Request-Id"], second.headers["X-Request-Id"]}
    assert len(ids) == 2 and all(len(i) == 32 for i in ids)


def test_a_callers_own_request_id_is_kept_when_sane(client) -> None:
    assert client.get("/health", headers={"X-Request-Id": "abc-123"}).headers["X-Request-Id"] == (
        "abc-123"
    )
    odd = client.get("/health", headers={"X-Request-Id": "no spaces <b>"})
    assert odd.headers["X-Request-Id"] != "no spaces <b>"


def test_a_save_is_logged_with_its_route_caller_and_counts(api, lines) -> None:
    response = api.post(
        [entry("3002", "2025-06-12T08:00:00"), entry("9999", "2025-06-12T08:00:00")],
        allOrNone="false",
    )
    assert response.status_code == 200
    again = api.post([entry("3002", "2025-06-12T08:00:00")])
    line = [r for r in lines() if r["method"] == "POST" and r["route"] == ENTRY_PATH]
    assert line[-2] == {
        **line[-2],
        "status": 200,
        "request_id": response.headers["X-Request-Id"],
        "company_id": api.company.id,
        "integration_id": api.company.integration_id,
        "entries": 2,
        "saved": 1,
        "duplicates": 0,
        "rejected": 1,
    }
    assert line[-1]["duplicates"] == 1 and again.status_code == 200
    assert line[-1]["duration_ms"] >= 0


def test_a_batch_refused_whole_counts_every_entry_rejected(api, lines) -> None:
    response = api.post([entry("9999", "2025-06-12T08:00:00")] * 3)
    assert response.status_code == 400
    assert lines()[-1] == {**lines()[-1], "status": 400, "entries": 3, "rejected": 3}
    assert "saved" not in lines()[-1]


def test_the_route_is_the_template_never_the_raw_url(api, client, lines) -> None:
    api.get("2025-06-12")
    client.get("/personell/time/TIMESTAMPENTRY", params={"token": "t0k"})
    client.get("/web/sign-in")
    client.get("/web/static/style.css")
    client.get("/no/such/route")
    routes = [r.get("route") for r in lines()[-5:]]
    assert routes == [ENTRY_PATH, ENTRY_PATH, "/web/sign-in", "/web/static/{path}", None]
    assert lines()[-4]["status"] == 400 and "company_id" not in lines()[-4]


def _record(message: str, **extra) -> logging.LogRecord:
    record = logging.LogRecord("stampla.request", logging.INFO, __file__, 1, message, (), None)
    record.__dict__.update(extra)
    return record


def test_the_json_format_is_one_object_per_line() -> None:
    fields = {"request_id": "r1", "method": "GET", "route": "/health", "status": 200}
    line = JsonFormatter().format(_record("GET /health 200", request=fields))
    parsed = json.loads(line)
    assert "\n" not in line
    assert parsed == {**parsed, **fields, "level": "info", "message": "GET /health 200"}
    assert parsed["time"].endswith("+00:00") and isinstance(parsed["pid"], int)


def test_other_lines_carry_the_id_of_the_request_they_were_written_for() -> None:
    token = current_request_id.set("r2")
    try:
        parsed = json.loads(JsonFormatter().format(_record("something happened")))
        text = TextFormatter().format(_record("something happened"))
    finally:
        current_request_id.reset(token)
    assert parsed["request_id"] == "r2"
    assert text == "INFO:     something happened  id=r2"


def test_the_text_format_names_the_request_fields() -> None:
    fields = {"request_id": "r3", "company_id": 4, "saved": 2}
    text = TextFormatter().format(_record("POST /x 200 1.0 ms", request=fields))
    assert text == "INFO:     POST /x 200 1.0 ms  id=r3 company_id=4 saved=2"
