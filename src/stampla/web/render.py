"""Turning values into what a page shows, and templates into responses.

Durations are hours:minutes (8:00, 38:15), as SoftOne GO and the CLI show them; instants are
shown in the company's time zone, with seconds only when they are not zero (a double read
20 s after the first must not look like the same minute twice).
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import jinja2
from fastapi import Request
from fastapi.responses import HTMLResponse
from starlette.templating import Jinja2Templates

from stampla import __version__

from . import i18n, labels

#: Where the pages live; every link and redirect is built on it.
PREFIX = "/web"
TEMPLATES = Path(__file__).parent / "templates"


def hours(seconds: int | None) -> str:
    """``8:00``; ``–`` when there is no figure (no weekly hours means no expected time)."""
    if seconds is None:
        return "–"
    sign, seconds = ("-" if seconds < 0 else ""), abs(seconds)
    return f"{sign}{seconds // 3600}:{seconds % 3600 // 60:02d}"


def signed_hours(seconds: int | None) -> str:
    """A difference: ``+0:30``, ``-4:00`` or ``0:00``."""
    if seconds is None:
        return "–"
    return ("+" if seconds > 0 else "") + hours(seconds)


def clock(instant: datetime, zone: ZoneInfo) -> str:
    """Local wall-clock time: ``08:00``, or ``08:00:20`` when the seconds matter."""
    local = instant.astimezone(zone)
    return f"{local:%H:%M:%S}" if local.second else f"{local:%H:%M}"


def local_date_time(instant: datetime, zone: ZoneInfo) -> str:
    """``2025-06-12 08:00``, in the company's zone."""
    local = instant.astimezone(zone)
    return f"{local:%Y-%m-%d} {clock(instant, zone)}"


def day(value: date) -> str:
    """``Thu 2025-06-12`` (``tors 2025-06-12`` in Swedish): the weekday matters when reading
    attest rows."""
    return i18n.weekday_date(value)


def long_day(value: date) -> str:
    """``Thu 12 June`` / ``tors 12 juni``: a day named as people say it."""
    return i18n.long_day(value)


def decimal_hours(seconds: int | None) -> str:
    """``7.50`` / ``7,50``: hours with two decimals, as payroll sums them (decimal comma in
    Swedish)."""
    if seconds is None:
        return "–"
    return i18n.decimal(seconds / 3600)


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_callables(i18n.gettext, i18n.ngettext, newstyle=True)  # type: ignore[attr-defined]
    env.filters.update(
        hours=hours,
        signed_hours=signed_hours,
        clock=clock,
        local_date_time=local_date_time,
        day=day,
        long_day=long_day,
        month_name=i18n.month_name,
        decimal=i18n.decimal,
        decimal_hours=decimal_hours,
        status_label=labels.status_label,
        warning_label=labels.warning_label,
        label=labels.label,
        code=labels.code_of,
    )
    env.globals.update(prefix=PREFIX, version=__version__)
    return env


templates = Jinja2Templates(env=_environment())


def render(
    request: Request,
    template: str,
    context: dict[str, Any] | None = None,
    status: int = 200,
    headers: dict[str, str] | None = None,
) -> HTMLResponse:
    """The page, with ``session`` (who is signed in, or None) and ``error`` in its context."""
    session = getattr(request.state, "session", None)
    language = (
        session.language
        if session is not None
        else i18n.from_accept_language(request.headers.get("accept-language"))
    )
    full = {"session": session, "error": None, "language": language, **(context or {})}
    token = i18n.current.set(language)
    try:
        return templates.TemplateResponse(
            request, template, full, status_code=status, headers=headers
        )
    finally:
        i18n.current.reset(token)
