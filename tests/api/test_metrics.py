"""/metrics counts what was posted: requests by route, punches by outcome and reason, batch
sizes, failed logins, rate-limit refusals, attest computations; open, behind a token, or off;
and summed over the workers of a real ``stampla serve --workers 2``."""

from __future__ import annotations

import httpx2 as httpx
import pytest
from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families

from stampla.app import create_app
from stampla.settings import Settings
from stampla.store import migrate
from stampla.store.engine import Store
from tests.factories import ENTRY_PATH, build_company, entry
from tests.serverproc import serving


def samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """Every sample of an exposition, by name and sorted labels."""
    found = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            found[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return found


def value(text: str, name: str, **labels: str) -> float:
    return samples(text).get((name, tuple(sorted(labels.items()))), 0.0)


def test_metrics_count_what_was_posted(api, client) -> None:
    before = client.get("/metrics").text
    good = [entry("3002", f"2025-06-12T0{hour}:00:00") for hour in range(1, 4)]
    assert api.post(good).status_code == 200
    assert api.post(good[:1]).status_code == 200  # a duplicate
    mixed = [entry("3002", "2025-06-12T09:00:00"), entry("nobody", "2025-06-12T09:00:00")]
    assert api.post(mixed, allOrNone="false").status_code == 200
    assert api.post(mixed).status_code == 400  # refused whole: both rejected
    assert (
        api.client.get(
            "/Personell/Time/AttestTime",
            params=api.params(dateFrom="2025-06-12", dateTo="2025-06-12"),
        ).status_code
        == 200
    )
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    after = response.text

    def delta(name: str, **labels: str) -> float:
        return value(after, name, **labels) - value(before, name, **labels)

    assert delta("stampla_punches_total", outcome="saved") == 4
    assert delta("stampla_punches_total", outcome="duplicate") == 1
    assert delta("stampla_punches_total", outcome="rejected") == 3
    assert delta("stampla_punches_rejected_total", reason="EmployeeNr") == 2
    assert delta("stampla_punches_rejected_total", reason="allOrNone") == 1
    assert delta("stampla_batch_entries_count") == 4
    assert delta("stampla_batch_entries_sum") == 3 + 1 + 2 + 2
    assert delta("stampla_attest_computations_total") == 1
    save = {"route": ENTRY_PATH, "method": "POST"}
    assert delta("stampla_http_requests_total", **save, status="200") == 3
    assert delta("stampla_http_requests_total", **save, status="400") == 1
    assert delta("stampla_http_request_duration_seconds_count", **save) == 4


def test_failed_logins_and_refusals_are_counted(database_url, clock, company) -> None:
    settings = Settings(
        database_url=database_url, login_failure_delay_seconds=0, login_failure_limit=2
    )
    with TestClient(create_app(settings, clock=clock), client=("metrics-test", 1)) as client:
        before = client.get("/metrics").text
        for _ in range(3):
            client.post(
                "/Login/Token",
                params=company.keys(),
                json={"UserName": company.user_name, "Password": "wrong"},
            )
        after = client.get("/metrics").text
    failures = "stampla_login_failures_total"
    assert (
        value(after, failures, route="/Login/Token") - value(before, failures, route="/Login/Token")
        == 2
    )
    refusals = "stampla_rate_limit_refusals_total"
    assert value(after, refusals, limit="login") - value(before, refusals, limit="login") == 1


@pytest.mark.parametrize(
    ("given", "status"), [(None, 401), ("Bearer nope", 401), ("Bearer s3cret-metrics", 200)]
)
def test_with_a_token_metrics_need_it(database_url, given, status) -> None:
    settings = Settings(database_url=database_url, metrics="token", metrics_token="s3cret-metrics")
    headers = {"Authorization": given} if given else {}
    with TestClient(create_app(settings)) as client:
        response = client.get("/metrics", headers=headers)
    assert response.status_code == status
    if status == 401:
        assert response.json()["success"] is False


def test_token_mode_without_a_token_is_refused_at_start(database_url) -> None:
    with pytest.raises(ValueError, match="STAMPLA_METRICS_TOKEN"):
        Settings(database_url=database_url, metrics="token")


def test_metrics_off_is_no_route(database_url) -> None:
    with TestClient(create_app(Settings(database_url=database_url, metrics="off"))) as client:
        assert client.get("/metrics").status_code == 404


@pytest.mark.slow
def test_two_workers_count_together(fresh_database_url, clock) -> None:
    store = Store(fresh_database_url)
    migrate.upgrade(store.engine)
    company = build_company(store, clock())
    store.dispose()
    with serving(
        fresh_database_url, "--workers", "2", STAMPLA_LOGIN_FAILURE_DELAY_SECONDS="0"
    ) as base:
        with httpx.Client(base_url=base) as http:
            token = http.post(
                "/Login/Token",
                params=company.keys(),
                json={"UserName": company.user_name, "Password": company.password},
            ).json()["token"]
        params = {**company.keys(), "token": token}
        for minute in range(10):  # each on a new connection, to either worker
            with httpx.Client(base_url=base) as http:
                batch = [entry("3002", f"2025-06-12T08:{minute:02}:00")]
                assert http.post(ENTRY_PATH, params=params, json=batch).status_code == 200
        scrapes = []
        for _ in range(4):  # whichever worker answers, it sums both
            with httpx.Client(base_url=base) as http:
                scrapes.append(http.get("/metrics").text)
    for text in scrapes:
        assert value(text, "stampla_punches_total", outcome="saved") == 10
        save = {"route": ENTRY_PATH, "method": "POST", "status": "200"}
        assert value(text, "stampla_http_requests_total", **save) == 10
