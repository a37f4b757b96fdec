"""Shared fixtures: a real database per backend, companies built through the services.

Every test that touches the database runs on SQLite, and also on PostgreSQL when
``STAMPLA_TEST_POSTGRES_URL`` names a server (the suite then creates a database of its own and
drops it at the end). If that variable is set and the server cannot be reached, the run fails:
a PostgreSQL run that silently skipped would prove nothing.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from stampla.app import create_app
from stampla.service import secrets
from stampla.settings import Settings
from stampla.store import migrate
from stampla.store.engine import Store
from tests.factories import ApiSession, TestCompany, build_company

POSTGRES_URL = os.environ.get("STAMPLA_TEST_POSTGRES_URL")
BACKENDS = ["sqlite"] + (["postgresql"] if POSTGRES_URL else [])


class Clock:
    """A clock the test moves by hand (token expiry, "future" punches)."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, delta: timedelta) -> None:
        self.now += delta


def new_database_url(backend: str, directory: Path) -> str:
    """A fresh, empty database of ``backend``; PostgreSQL ones are dropped at exit."""
    if backend == "sqlite":
        return f"sqlite:///{directory / f'stampla-{uuid.uuid4().hex[:8]}.db'}"
    assert POSTGRES_URL
    name = f"stampla_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as error:  # noqa: BLE001 - any failure here must stop the run loudly
        pytest.exit(f"STAMPLA_TEST_POSTGRES_URL={POSTGRES_URL} is unreachable: {error}", 3)
    finally:
        admin.dispose()
    _CREATED_DATABASES.append(name)
    return make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)


_CREATED_DATABASES: list[str] = []


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if not (POSTGRES_URL and _CREATED_DATABASES):
        return
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        for name in _CREATED_DATABASES:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="session", autouse=True)
def cheap_password_hashing() -> Iterator[None]:
    """Real Argon2id, with test-sized cost: production's ~0.1 s per hash adds minutes here."""
    original = secrets._hasher
    secrets._hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    yield
    secrets._hasher = original


@pytest.fixture(scope="session", params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture(scope="session")
def database_url(backend: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    """One migrated database per backend, shared by the session; tests isolate by company."""
    url = new_database_url(backend, tmp_path_factory.mktemp("db"))
    store = Store(url)
    migrate.upgrade(store.engine)
    store.dispose()
    return url


@pytest.fixture
def fresh_database_url(backend: str, tmp_path: Path) -> str:
    """An empty database of its own, for tests of migrations and seeding."""
    return new_database_url(backend, tmp_path)


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    store = Store(database_url)
    yield store
    store.dispose()


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime.now(UTC).replace(microsecond=0))


@pytest.fixture
def settings(database_url: str) -> Settings:
    # Tests share one client address and one database (so one set of login counters):
    # the limit of failed logins is tested where it is the subject (tests/api/test_throttle.py).
    return Settings(
        database_url=database_url, login_failure_delay_seconds=0, login_failure_limit=1000
    )


@pytest.fixture
def app(settings: Settings, clock: Clock):
    return create_app(settings, clock=clock)


@pytest.fixture
def client(app) -> Iterator[TestClient]:
    with TestClient(app) as client:
        yield client


@pytest.fixture
def company(store: Store, clock: Clock) -> TestCompany:
    return build_company(store, clock())


@pytest.fixture
def api(client: TestClient, company: TestCompany) -> ApiSession:
    """A logged-in API session for ``company``."""
    return ApiSession.login(client, company)
