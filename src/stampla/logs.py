"""How the server logs: one configuration for every process, and no secret in any line.

Two formats (``STAMPLA_LOG_FORMAT``): ``json``, one JSON object per line for a log shipper,
and ``text`` for a person at a terminal. Either way each request is one line, written by
``http.request_log`` with its id, route template, status, duration, company, integration
and entries saved or rejected; uvicorn's own access line, which would repeat the raw URL, is
off. Every other line (startup, errors) carries the id of the request it was written for.

SoftOne clients send ``companyApiKey``, ``connectApiKey`` and ``token`` in the query string, so
an access log that prints request lines as they came would keep every credential in clear,
while the database stores them only hashed. Every handler of the server carries
``RedactSecrets``, so no line, whoever logs it (uvicorn's access log, its error log, the
API's and the pages' own loggers), can show one: the value of each secret parameter is
replaced by ``***`` and its name kept, so that a line still says what the caller sent.
"""

from __future__ import annotations

import json
import logging
import os
import re
from datetime import UTC, datetime
from typing import Any

#: Parameters whose values never reach a log line, matched in any letter case, as the API
#: matches them. ``password`` and ``key`` cover forms and admin keys sent in a query string.
SECRET_NAMES = ("companyApiKey", "connectApiKey", "token", "password", "adminKey", "key")

MASK = "***"

_SECRET = re.compile(
    r"(?P<name>(?<![A-Za-z0-9_])(?:" + "|".join(SECRET_NAMES) + r"))=(?P<value>[^&\s\"']*)",
    re.IGNORECASE,
)


def redact(text: str) -> str:
    """``text`` with the value of every secret ``name=value`` pair masked."""
    if "=" not in text:
        return text
    return _SECRET.sub(lambda m: f"{m['name']}={MASK}" if m["value"] else m[0], text)


class RedactSecrets(logging.Filter):
    """Masks secrets in a record before any handler formats it.

    uvicorn's access formatter reads the request line from ``record.args``, so for its
    records the path argument is redacted in place; any other record is rendered once and
    its text redacted.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        args = record.args
        if record.name == "uvicorn.access" and isinstance(args, tuple) and len(args) == 5:
            record.args = (*args[:2], redact(str(args[2])), *args[3:])
            return True
        message = record.getMessage()
        redacted = redact(message)
        if redacted != message:
            record.msg, record.args = redacted, None
        if record.exc_info and not record.exc_text:
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info))
        return True


#: The fields of a request's line, in the order the text format shows them.
TEXT_FIELDS = ("company_id", "integration_id", "entries", "saved", "duplicates", "rejected")


def _request_id() -> str | None:
    from stampla.http.request_log import current_request_id  # the bottom imports no http

    return current_request_id.get()


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, process, the request's id
    and, on a request's own line, its fields at the top level."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
            "pid": os.getpid(),
        }
        request = getattr(record, "request", None)
        if isinstance(request, dict):
            line.update(request)
        elif (request_id := _request_id()) is not None:
            line["request_id"] = request_id
        if record.exc_info or record.exc_text:
            line["exception"] = record.exc_text or self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)


class TextFormatter(logging.Formatter):
    """``INFO:     message  key=value …``, in the manner of uvicorn's lines."""

    def format(self, record: logging.LogRecord) -> str:
        text = f"{record.levelname + ':':<9} {record.getMessage()}"
        request = getattr(record, "request", None)
        if isinstance(request, dict):
            shown = [f"{name}={request[name]}" for name in TEXT_FIELDS if name in request]
            text += f"  id={request['request_id']} " + " ".join(shown)
        elif (request_id := _request_id()) is not None:
            text += f"  id={request_id}"
        if record.exc_info or record.exc_text:
            text += "\n" + (record.exc_text or self.formatException(record.exc_info))
        return text.rstrip()


FORMATTERS = {"json": "stampla.logs.JsonFormatter", "text": "stampla.logs.TextFormatter"}


def server_log_config(
    level: str = "info", log_format: str = "json", *, access_log: bool = True
) -> dict[str, Any]:
    """The ``logging.config.dictConfig`` of a server process (given to uvicorn).

    Every line goes to stderr, in ``log_format``, at ``level`` and above; the line of each
    request only when ``access_log`` (``stampla serve --no-access-log`` turns it off).
    """
    level = level.upper()
    redacting = {"()": "stampla.logs.RedactSecrets"}
    handler = {
        "class": "logging.StreamHandler",
        "formatter": "server",
        "filters": ["redact"],
        "stream": "ext://sys.stderr",
    }
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"redact": redacting},
        "formatters": {"server": {"()": FORMATTERS[log_format]}},
        "handlers": {"default": handler},
        "loggers": {
            "uvicorn": {"handlers": ["default"], "level": level, "propagate": False},
            "uvicorn.error": {"level": level},
            "uvicorn.access": {"handlers": [], "level": "WARNING", "propagate": False},
            "stampla": {"handlers": ["default"], "level": level, "propagate": False},
            "stampla.request": {"level": level if access_log else "WARNING"},
        },
    }
