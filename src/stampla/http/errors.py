"""The one map from the services' errors to HTTP statuses, for the API and the pages alike.

The API answers with the JSON error body (``wire.results.error_body``); the pages show an
error page; both with the status chosen here.
"""

from __future__ import annotations

from stampla.errors import (
    Conflict,
    Forbidden,
    InvalidInput,
    NotAuthenticated,
    NotFound,
    StamplaError,
    TooLarge,
    TooManyRequests,
    Unavailable,
    UnsupportedMediaType,
)

STATUS = {
    InvalidInput: 400,
    NotAuthenticated: 401,
    Forbidden: 403,
    NotFound: 404,
    Conflict: 409,
    TooLarge: 413,
    UnsupportedMediaType: 415,
    TooManyRequests: 429,
    Unavailable: 503,
}


def status_of(error: StamplaError) -> int:
    """The status of ``error``: its nearest class in ``STATUS``, else 400."""
    for cls in type(error).__mro__:
        if cls in STATUS:
            return STATUS[cls]
    return 400
