"""Rendering a page whose content a service computes from a form.

A form's mistake (a bad date, a range too long, an unknown employee) is a 4xx shown on the
form's own page, with the form filled in as it was sent, so the person can correct it there.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse

from stampla.errors import InvalidInput, NotFound
from stampla.http.errors import status_of

from .render import render

#: Errors a form can cause; anything else goes to the error page.
FORM_ERRORS = (InvalidInput, NotFound)


def form_page(
    request: Request,
    template: str,
    context: Mapping[str, Any],
    load: Callable[[], Mapping[str, Any]],
    empty: Mapping[str, Any] | None = None,
) -> HTMLResponse:
    """``template`` with ``context`` and what ``load`` returns; if ``load`` refuses the form,
    the same page with ``empty`` in place of the results, the error, and its 4xx status."""
    try:
        loaded = load()
    except FORM_ERRORS as error:
        shown = {**context, **(empty or {}), "error": error}
        return render(request, template, shown, status_of(error))
    return render(request, template, {**context, **loaded})
