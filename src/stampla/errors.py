"""Errors the services raise; the API maps each class to one HTTP status in one place.

Hierarchy::

    StamplaError                    base; carries a message and a list of Problems
    ├── InvalidInput                400: the request is malformed or fails validation
    ├── NotAuthenticated            401: keys or token missing, unknown, expired or revoked
    │   └── LoginFailed             401: /Login/Token refused (message never says which part)
    ├── Forbidden                   403: the caller is known but its role or scope does not allow it
    ├── NotFound                    404: a named record does not exist
    ├── Conflict                    409: the change clashes with existing data
    ├── TooLarge                    413: the body or the batch is above a configured limit
    ├── UnsupportedMediaType        415: the body is not JSON by its Content-Type or charset
    └── Unavailable                 503: the database cannot be reached now; retry
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a request: which entry (``index``), which field, and what."""

    message: str
    field: str | None = None
    index: int | None = None

    def as_wire(self) -> dict[str, object]:
        return {"index": self.index, "field": self.field, "message": self.message}


def error_body(message: str, problems: Iterable[Problem] = ()) -> dict[str, Any]:
    """The one error body, as JSON-ready data: what every 4xx/5xx of the API carries (the
    wire's ``ErrorResponse``) and what ``stampla … --json`` prints when a command fails."""
    return {
        "success": False,
        "errorMessage": message,
        "errors": [problem.as_wire() for problem in problems],
    }


class StamplaError(Exception):
    """Base of every error a service raises on purpose."""

    def __init__(self, message: str, problems: Iterable[Problem] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.problems = list(problems)


class InvalidInput(StamplaError):
    """The request cannot be accepted as sent; ``problems`` says exactly why."""


class NotAuthenticated(StamplaError):
    """The caller did not prove who it is."""


class LoginFailed(NotAuthenticated):
    """A login was refused; deliberately vague about which credential was wrong."""


class Forbidden(StamplaError):
    """The caller is who it says, but its role or its scope of employees does not allow this."""


class NotFound(StamplaError):
    """A record the caller named does not exist in its company."""


class Conflict(StamplaError):
    """The change would contradict data already stored."""


class TooLarge(StamplaError):
    """The request is above a size limit the operator configured."""


class UnsupportedMediaType(StamplaError):
    """The body's Content-Type (or charset) is not one the route reads."""


class Unavailable(StamplaError):
    """The database is unreachable or busy beyond patience; the request may be retried."""


class TooManyRequests(StamplaError):
    """A rate limit refused the request; ``retry_after`` says in how many seconds to retry."""

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after
