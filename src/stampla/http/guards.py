"""Checks every request of the API and the pages passes before its route runs."""

from __future__ import annotations

from fastapi import Request

from stampla.errors import InvalidInput, Problem


async def plain_query(request: Request) -> None:
    """Refuses a query string holding the NUL character (``%00``), in any name or value.

    No column can store NUL, and PostgreSQL refuses to compare text with it, so a key, a
    token, an EmployeeNr or a date carrying one is a 400 naming the parameter, on every route.
    """
    for name, value in request.query_params.multi_items():
        if "\x00" in name or "\x00" in value:
            raise InvalidInput(
                f"The query parameter {name!r} contains the NUL character (%00)",
                [Problem("contains the NUL character (%00), which no value may hold", name)],
            )


async def plain_form(request: Request) -> None:
    """Refuses a posted form holding the NUL character in a field (the pages' forms), for
    the reason ``plain_query`` gives. The form is read once; the route reads the same one."""
    content_type = request.headers.get("content-type", "")
    if request.method != "POST" or not content_type.startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        return
    form = await request.form()
    for name, value in form.multi_items():
        if "\x00" in name or (isinstance(value, str) and "\x00" in value):
            raise InvalidInput(
                f"The form field {name!r} contains the NUL character",
                [Problem("contains the NUL character, which no value may hold", name)],
            )
