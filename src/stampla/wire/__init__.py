"""The wire vocabulary of the SoftOne GO API, shared by the server and the client.

Input names are the document's PascalCase names, matched case-insensitively; output names are
camelCase, as SoftOne's ASP.NET service writes them. Only pydantic is imported here, so a
terminal client can use these models without the server's dependencies.
"""

from .entries import AccountRef, StoredEntry, TimeScheduleTypeRef, TimeStampEntry
from .login import LoginRequest, LoginResponse
from .results import EntryResult, ErrorItem, ErrorResponse, SaveResponse

__all__ = [
    "AccountRef",
    "EntryResult",
    "ErrorItem",
    "ErrorResponse",
    "LoginRequest",
    "LoginResponse",
    "SaveResponse",
    "StoredEntry",
    "TimeScheduleTypeRef",
    "TimeStampEntry",
]
