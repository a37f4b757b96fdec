"""Headers every answer carries, and OPTIONS answered from the routing table.

``nosniff`` on every answer (JSON, errors, pages, static files, the docs), framing denied on
the pages and the documentation, and ``OPTIONS`` naming the methods a path takes.
"""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "path",
    [
        "/health",
        "/Personell/Time/TimeStampEntry",  # 401: no keys
        "/no/such/route",  # 404
        "/openapi.json",
        "/docs",
        "/web/sign-in",
        "/web/static/style.css",
    ],
)
def test_every_answer_says_nosniff(client, path: str) -> None:
    response = client.get(path, follow_redirects=False)
    assert response.headers["X-Content-Type-Options"] == "nosniff", response.status_code


@pytest.mark.parametrize("path", ["/docs", "/web/sign-in", "/web/attest", "/web/no-such-page"])
def test_pages_and_docs_may_not_be_framed(client, path: str) -> None:
    response = client.get(path, follow_redirects=False)
    assert response.headers["X-Frame-Options"] == "DENY", response.status_code


def test_the_api_answers_are_not_pages(client) -> None:
    assert "X-Frame-Options" not in client.get("/health").headers


@pytest.mark.parametrize(
    ("path", "allow"),
    [
        ("/Personell/Time/TimeStampEntry", "GET, OPTIONS, POST"),
        ("/personell/time/timestampentry/", "GET, OPTIONS, POST"),
        ("/Login/Token", "OPTIONS, POST"),
        ("/Personell/Time/AttestTime", "GET, OPTIONS"),
        ("/web/sign-in", "GET, OPTIONS, POST"),
        ("/web/static/style.css", "GET, HEAD, OPTIONS"),
        ("/health", "GET, OPTIONS"),
    ],
)
def test_options_lists_the_methods_of_the_path(client, path: str, allow: str) -> None:
    response = client.options(path)
    assert response.status_code == 204
    assert response.headers["Allow"] == allow
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_options_lists_exactly_the_documented_methods_of_every_path(client) -> None:
    spec = client.get("/openapi.json").json()
    assert len(spec["paths"]) > 10
    for path, operations in spec["paths"].items():
        documented = {method.upper() for method in operations} | {"OPTIONS"}
        response = client.options(path)
        assert response.status_code == 204, path
        assert set(response.headers["Allow"].split(", ")) == documented, path


def test_options_on_an_unknown_path_is_the_usual_404(client) -> None:
    response = client.options("/no/such/route")
    assert response.status_code == 404
    assert response.json()["success"] is False
