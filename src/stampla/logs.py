"""How the server logs: one configuration for every process, and no secret in any line.

SoftOne clients send ``companyApiKey``, ``connectApiKey`` and ``token`` in the query string, so
an access log that prints request lines as they came would keep every credential in clear,
while the database stores them only hashed. Every handler of the server carries
``RedactSecrets``, so no line, whoever logs it (uvicorn's access log, its error log, the
API's and the pages' own loggers), can show one: the value of each secret parameter is
replaced by ``***`` and its name kept, so that a line still says what the caller sent.
"""

from __future__ import annotations

import logging
import re
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


def server_log_config(level: str = "info") -> dict[str, Any]:
    """The ``logging.config.dictConfig`` of a server process (given to uvicorn).

    Access lines go to stdout and everything else to stderr, as uvicorn does by default;
    ``stampla.*`` loggers share the error handler, at ``level``.
    """
    level = level.upper()
    redacting = {"()": "stampla.logs.RedactSecrets"}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"redact": redacting},
        "formatters": {
            "default": {
                "()": "uvicorn.logging.DefaultFormatter",
                "fmt": "%(levelprefix)s %(message)s",
            },
            "access": {
                "()": "uvicorn.logging.AccessFormatter",
                "fmt": '%(levelprefix)s %(client_addr)s - "%(request_line)s" %(status_code)s',
            },
        },
        "handlers": {
            "default": {
                "class": "logging.StreamHandler",
                "formatter": "default",
                "filters": ["redact"],
                "stream": "ext://sys.stderr",
            },
            "access": {
                "class": "logging.StreamHandler",
                "formatter": "access",
                "filters": ["redact"],
                "stream": "ext://sys.stdout",
            },
        },
        "loggers": {
            "uvicorn": {"handlers": ["default"], "level": level, "propagate": False},
            "uvicorn.error": {"level": level},
            "uvicorn.access": {"handlers": ["access"], "level": level, "propagate": False},
            "stampla": {"handlers": ["default"], "level": level, "propagate": False},
        },
    }
