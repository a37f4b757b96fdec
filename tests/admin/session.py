"""Talking to the /Admin API with an admin key, as an operator's script would."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from fastapi.testclient import TestClient
from httpx2 import Response

from stampla.service.admin_keys import create_admin_key
from stampla.store.engine import Store
from tests.factories import TestCompany


@dataclass
class AdminSession:
    """A client sending one admin key with every request."""

    client: TestClient
    key: str

    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.key}"}

    def get(self, path: str, **params: Any) -> Response:
        return self.client.get(path, params=params, headers=self.headers())

    def post(self, path: str, body: Any = None, **params: Any) -> Response:
        return self.client.post(path, params=params, json=body, headers=self.headers())

    def patch(self, path: str, body: Any, **params: Any) -> Response:
        return self.client.patch(path, params=params, json=body, headers=self.headers())

    def upload(self, path: str, content: bytes, **params: Any) -> Response:
        headers = {**self.headers(), "Content-Type": "text/csv"}
        return self.client.post(path, params=params, content=content, headers=headers)


def admin_for(
    client: TestClient, store: Store, company: TestCompany, now: datetime, name: str = "ops"
) -> AdminSession:
    """A session with a new admin key of ``company``."""
    created = create_admin_key(store, company.id, name, now, actor="cli:test")
    return AdminSession(client, created.admin_key)


def ok(response: Response, status: int = 200) -> Any:
    """The JSON of a response that must have ``status``."""
    assert response.status_code == status, response.text
    return response.json()


def refused(response: Response, status: int) -> dict:
    """The error body of a response that must have ``status``, checked for its one shape."""
    assert response.status_code == status, response.text
    body = response.json()
    assert body["success"] is False and body["errorMessage"]
    for item in body["errors"]:
        assert set(item) == {"index", "field", "message"}
    return body
