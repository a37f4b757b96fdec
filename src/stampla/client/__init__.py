"""The client side of the TimeStampEntry API: what terminals and integrations run.

* ``Client`` logs in, keeps its token fresh, posts punches in batches with retries, and reports
  what became of every entry. It works against Stampla and against SoftOne GO itself.
* ``Outbox`` keeps punches in a local SQLite file until the server has them, so that each one
  arrives exactly once across network loss, restarts and kill -9.
* ``Agent`` (in ``stampla.client.agent``) sends an outbox for as long as it runs.

Only ``stampla.wire`` of the server is imported, so a terminal installs none of the server's
database or web dependencies' weight at run time. Example::

    from stampla.client import Client, Outbox

    with Client(url, company_key, connect_key, "api", password) as client, \\
            Outbox("stampla-outbox.db") as outbox:
        outbox.enqueue(entry)      # returns once the punch is on disk
        outbox.drain(client)       # sends everything pending, oldest first
"""

from ._client import Client
from ._drain import DrainResult
from ._exceptions import (
    AuthenticationError,
    ClientError,
    InvalidPunchFile,
    LoginRefused,
    ServerUnavailable,
    UnexpectedResponse,
)
from ._punchfile import PunchFile, RowProblem, read_punch_file
from ._report import EntryOutcome, PostReport, Status
from ._retry import Retry
from ._settings import ClientSettings
from .outbox import DeadLetter, Delivered, Outbox, OutboxStatus, Punch, Queued

__all__ = [
    "AuthenticationError",
    "Client",
    "ClientError",
    "ClientSettings",
    "DeadLetter",
    "Delivered",
    "DrainResult",
    "EntryOutcome",
    "InvalidPunchFile",
    "LoginRefused",
    "Outbox",
    "OutboxStatus",
    "PostReport",
    "Punch",
    "PunchFile",
    "Queued",
    "Retry",
    "RowProblem",
    "ServerUnavailable",
    "Status",
    "UnexpectedResponse",
    "read_punch_file",
]
