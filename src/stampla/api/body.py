"""Reading a request body within limits, and parsing a TimeStampEntry array entry by entry.

Entries are validated one by one, not as one list, so that a bad entry names its index and
fields and the good ones can still be saved when the caller asked for ``allOrNone=false``.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import Request
from pydantic import BaseModel, TypeAdapter, ValidationError

from stampla.errors import InvalidInput, Problem, TooLarge
from stampla.wire import TimeStampEntry

_entries = TypeAdapter(list[TimeStampEntry])


async def read_body(request: Request, limit: int) -> bytes:
    """The whole body, or TooLarge as soon as it passes ``limit`` bytes."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise TooLarge(f"The body is {int(declared)} bytes; at most {limit} are accepted")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise TooLarge(f"The body is larger than {limit} bytes, the most accepted")
        chunks.append(chunk)
    return b"".join(chunks)


def parse_json(body: bytes) -> Any:
    if not body.strip():
        raise InvalidInput("The body is empty; send a JSON value", [Problem("is empty", "body")])
    try:
        return json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        detail = (
            f"{error.msg} at line {error.lineno} column {error.colno}"
            if isinstance(error, json.JSONDecodeError)
            else "it is not UTF-8 text"
        )
        raise InvalidInput(
            f"The body is not valid JSON: {detail}", [Problem(detail, "body")]
        ) from None


def parse_entries(
    body: bytes, max_entries: int
) -> tuple[list[TimeStampEntry | None], list[Problem]]:
    """The entries of a TimeStampEntry post; None (and problems) where one is malformed."""
    data = parse_json(body)
    if not isinstance(data, list):
        raise InvalidInput(
            "The body must be a JSON array of time stamp entries",
            [Problem(f"expected an array, got {_json_type(data)}", "body")],
        )
    if not data:
        raise InvalidInput(
            "The body is an empty array: there is nothing to save",
            [Problem("must contain at least one entry", "body")],
        )
    if len(data) > max_entries:
        raise TooLarge(
            f"The batch has {len(data)} entries; at most {max_entries} are accepted per post"
        )
    try:
        return list(_entries.validate_python(data)), []
    except ValidationError:
        return _parse_one_by_one(data)


def _parse_one_by_one(data: list[Any]) -> tuple[list[TimeStampEntry | None], list[Problem]]:
    entries: list[TimeStampEntry | None] = []
    problems: list[Problem] = []
    for index, item in enumerate(data):
        if not isinstance(item, dict):
            entries.append(None)
            problems.append(Problem(f"must be an object, got {_json_type(item)}", None, index))
            continue
        try:
            entries.append(TimeStampEntry.model_validate(item))
        except ValidationError as error:
            entries.append(None)
            problems.extend(problems_of(error, index))
    return entries, problems


def problems_of(error: ValidationError, index: int | None = None) -> list[Problem]:
    """Pydantic's errors as Problems naming the field path the caller sent."""
    found = []
    for item in error.errors():
        field = _path(item["loc"])
        if item["type"] == "missing":
            message = f"{field} is required"
        else:
            message = f"{field}: {item['msg'].removeprefix('Value error, ')}"
        found.append(Problem(message, field, index))
    return found


def parse_model(body: bytes, model: type[BaseModel]) -> Any:
    """One JSON object as ``model``, or InvalidInput naming the fields."""
    data = parse_json(body)
    if not isinstance(data, dict):
        raise InvalidInput(
            "The body must be a JSON object",
            [Problem(f"expected an object, got {_json_type(data)}", "body")],
        )
    try:
        return model.model_validate(data)
    except ValidationError as error:
        problems = problems_of(error)
        raise InvalidInput(problems[0].message, problems) from None


def _path(loc: tuple[Any, ...]) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    return {
        dict: "an object",
        list: "an array",
        str: "a string",
        bool: "a boolean",
        int: "a number",
        float: "a number",
    }.get(type(value), type(value).__name__)
