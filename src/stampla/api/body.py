"""Reading a request body within limits, and parsing a TimeStampEntry array entry by entry.

Entries are validated one by one, not as one list, so that a bad entry names its index and
fields and the good ones can still be saved when the caller asked for ``allOrNone=false``.
How the JSON text itself is read (Content-Type, encodings, what is refused) is in
``json_text``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fastapi import Request
from pydantic import BaseModel, TypeAdapter, ValidationError

from stampla.domain.text import text_problem
from stampla.errors import InvalidInput, Problem, TooLarge
from stampla.limits import MAX_LIST_ITEMS
from stampla.wire import TimeStampEntry
from stampla.wire.fields import NO_NUL

from .json_text import check_content_type, parse_json, refuse_charset

_entries = TypeAdapter(list[TimeStampEntry])

#: Unknown property names listed in one entry's note; the rest are counted.
NOTE_NAMES = 10


async def read_body(request: Request, limit: int) -> bytes:
    """The whole body, or TooLarge as soon as it passes ``limit`` bytes.

    A client that goes away half-way raises starlette's ClientDisconnect, which
    ``api.errors`` logs as the normal event it is.
    """
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


async def read_json_body(request: Request, limit: int) -> bytes:
    """The body of a route that reads JSON: 415 unless its Content-Type is JSON (or absent)."""
    charset = check_content_type(request.headers.get("content-type"))
    body = await read_body(request, limit)
    refuse_charset(charset, body)
    return body


@dataclass(slots=True)
class ParsedBatch:
    """A TimeStampEntry post as read: None (and problems) where an entry is malformed, and
    the property names each entry had that no TimeStampEntry has."""

    entries: list[TimeStampEntry | None]
    problems: list[Problem]
    ignored: dict[int, list[str]] = field(default_factory=dict)

    def notes(self) -> dict[int, str]:
        """What to tell the caller about each entry's ignored properties."""
        return {index: _ignored_note(names) for index, names in self.ignored.items()}


def parse_entries(
    body: bytes,
    max_entries: int,
    *,
    max_list_items: int = MAX_LIST_ITEMS,
    strict_properties: bool = False,
) -> ParsedBatch:
    """The entries of a TimeStampEntry post.

    Unknown properties are ignored, as SoftOne's service ignores them, and listed in
    ``ignored``; with ``strict_properties`` each is a problem of its entry instead.
    """
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
    context: dict[str, Any] = {"unknown": [], "max_list_items": max_list_items}
    try:
        batch = ParsedBatch(list(_entries.validate_python(data, context=context)), [])
    except ValidationError:
        batch = _parse_one_by_one(data, context)
    if context["unknown"]:
        _note_unknown(batch, data, strict_properties)
    return batch


def _parse_one_by_one(data: list[Any], context: dict[str, Any]) -> ParsedBatch:
    batch = ParsedBatch([], [])
    for index, item in enumerate(data):
        if not isinstance(item, dict):
            batch.entries.append(None)
            batch.problems.append(
                Problem(f"must be an object, got {_json_type(item)}", None, index)
            )
            continue
        try:
            batch.entries.append(TimeStampEntry.model_validate(item, context=context))
        except ValidationError as error:
            batch.entries.append(None)
            batch.problems.extend(problems_of(error, index))
    return batch


def _note_unknown(batch: ParsedBatch, data: list[Any], strict: bool) -> None:
    for index, item in enumerate(data):
        names = [_shown(name) for name in TimeStampEntry.unknown_names(item)]
        if not names:
            continue
        if not strict:
            batch.ignored[index] = names
            continue
        batch.entries[index] = None
        batch.problems.extend(
            Problem(
                f"{name} is not a property of a TimeStampEntry (strictProperties=true "
                "refuses unknown properties)",
                name,
                index,
            )
            for name in names
        )


def _ignored_note(names: list[str]) -> str:
    listed = ", ".join(names[:NOTE_NAMES])
    more = f" and {len(names) - NOTE_NAMES} more" if len(names) > NOTE_NAMES else ""
    return f"ignored unknown properties: {listed}{more}"


def _shown(text: str, limit: int = 64) -> str:
    """A name or message fit to show in JSON: control characters and lone surrogates
    escaped (a lone surrogate cannot be written as UTF-8), and at most ``limit`` long."""
    if not text.isprintable():
        text = text.encode("unicode_escape").decode("ascii")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def problems_of(error: ValidationError, index: int | None = None) -> list[Problem]:
    """Pydantic's errors as Problems naming the field path the caller sent."""
    found = []
    for item in error.errors():
        loc = item["loc"]
        if "property" in item.get("ctx", {}):  # a model's check that names a property
            loc = (*loc, item["ctx"]["property"])
        field = _path(loc)
        if item["type"] == "missing":
            message = f"{field} is required"
        else:
            message = f"{field}: {_reason(item)}"
        found.append(Problem(_shown(message, 300), field, index))
    return found


def _reason(item: Any) -> str:
    """What is wrong, in the API's words where pydantic's say less."""
    kind = item["type"]
    if kind == "string_too_long":
        length = len(str(item["input"]))
        return f"is {length} characters long; at most {item['ctx']['max_length']} are accepted"
    if kind == "string_pattern_mismatch" and item["ctx"]["pattern"] == NO_NUL:
        return text_problem("\x00") or ""
    if kind == "string_unicode":
        return text_problem("\ud800") or ""
    return str(item["msg"]).removeprefix("Value error, ")


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
        name = _shown(str(part))
        text += f"[{part}]" if isinstance(part, int) else (f".{name}" if text else name)
    return text


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, dict):
        return "an object"
    return {
        list: "an array",
        str: "a string",
        bool: "a boolean",
        int: "a number",
        float: "a number",
    }.get(type(value), type(value).__name__)
