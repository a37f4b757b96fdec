"""Fixtures of the page tests: a browser-like client signed in to a company's pages.

The pages are read through the ASGI app, as a browser would use them: cookies kept by the
client, forms posted as forms, HTML read back. ``Page`` finds what a person would look at
(a row, a cell, a message) with the standard library's HTML parser, never by position.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from html import unescape

import pytest
from fastapi.testclient import TestClient

from tests.factories import TestCompany, build_company, with_staff

#: A Friday: its week is Monday 2025-06-09 to Sunday 2025-06-15.
FRIDAY = datetime(2025, 6, 13, 10, 0, tzinfo=UTC)


def sign_in(client: TestClient, who: TestCompany, **overrides: str):
    """Post the sign-in form as a person fills it in; the response (not followed)."""
    form = {"company": who.name, "user_name": who.staff_name, "password": who.staff_password}
    return client.post("/web/sign-in", data={**form, **overrides}, follow_redirects=False)


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([0-9a-f]+)"', html)
    assert found, "no CSRF token on the page"
    return found[1]


def text(html: str) -> str:
    """The page's text, tags removed and white space collapsed, for ``in`` checks."""
    words = " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())
    return re.sub(r" ([,:;.])", r"\1", words)


def alert(html: str) -> str:
    """The text of the page's error message (``role="alert"``), or "" when there is none."""
    found = re.search(r'<div class="error" role="alert">(.*?)</div>', html, flags=re.S)
    return text(found[1]) if found else ""


def rows(html: str, css_class: str) -> list[str]:
    """The text of every ``<tr>`` whose class list holds ``css_class``."""
    found = re.findall(r'<tr class="([^"]*)"[^>]*>(.*?)</tr>', html, flags=re.S)
    return [text(body) for classes, body in found if css_class in classes.split()]


def status_with_cookie(app, cookie: str, path: str = "/web/attest") -> int:
    """What a browser holding only ``cookie`` as its session gets for ``path``."""
    with TestClient(app, cookies={"stampla_session": cookie}) as client:
        return client.get(path, follow_redirects=False).status_code


@pytest.fixture
def company(store, clock, company: TestCompany) -> TestCompany:
    """The company with a staff admin who signs in to its pages (API users never do)."""
    return with_staff(store, company, clock())


@pytest.fixture
def web(app, company: TestCompany) -> Iterator[TestClient]:
    """A client signed in to ``company``'s pages."""
    with TestClient(app) as client:
        response = sign_in(client, company)
        assert response.status_code == 303, response.text
        yield client


@pytest.fixture
def friday(clock):
    """The clock on a known Friday, so that "this week" is a known week."""
    clock.now = FRIDAY
    return clock


@pytest.fixture
def other_company(store, clock) -> TestCompany:
    return with_staff(store, build_company(store, clock()), clock())
