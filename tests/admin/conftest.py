"""Fixtures of the /Admin API tests: an admin session for the ``company`` fixture."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from stampla.store.engine import Store
from tests.admin.session import AdminSession, admin_for
from tests.factories import TestCompany


@pytest.fixture
def admin(client: TestClient, store: Store, company: TestCompany, clock) -> AdminSession:
    """The admin API of ``company``, through a key made as an operator would."""
    return admin_for(client, store, company, clock())
