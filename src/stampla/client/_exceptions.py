"""Everything the client raises, in one place.

Hierarchy::

    ClientError                 base; also raised as is for a request that cannot be made at
    │                           all (a base URL with an unsupported scheme, ...)
    ├── ServerUnavailable       no usable answer after every retry: connection refused or
    │                           reset, timeouts, 5xx, 429. Safe to try again later: a resent
    │                           punch is answered as a duplicate.
    ├── AuthenticationError     401 with a freshly issued token: the keys or the user were
    │   │                       revoked, or the token is not accepted for another reason
    │   └── LoginRefused        /Login/Token refused the API keys, user name or password
    ├── UnexpectedResponse      an answer the wire format does not explain: 404 (wrong base
    │                           URL), 413 for a single entry, a body that is not JSON, ...
    └── InvalidPunchFile        a punch file that cannot be read as a whole (its encoding,
                                its header); single bad rows are reported, not raised

A 400 is not an exception: the entries the server rejected come back in the PostReport, each
with the server's problems, because one bad punch must not hide what became of the others.

The HTTP library's own exceptions are translated in exactly one place (``Client._attempt``) and
kept as ``__cause__``, so callers catch these classes only.
"""

from __future__ import annotations


class ClientError(Exception):
    """Base of every error the client raises on purpose."""

    def __init__(self, message: str, *, status_code: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.status_code = status_code


class ServerUnavailable(ClientError):
    """The server did not answer usefully within the retry policy; try again later."""


class AuthenticationError(ClientError):
    """The server refused a token it had just issued (keys or user revoked, clock skew)."""


class LoginRefused(AuthenticationError):
    """The API keys, user name or password are not valid (the server never says which)."""


class UnexpectedResponse(ClientError):
    """The server answered something the TimeStampEntry wire format does not explain."""


class InvalidPunchFile(ClientError):
    """A punch file as a whole cannot be read: unknown encoding or columns, not JSON, ..."""
