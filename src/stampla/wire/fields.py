"""Field types with the exact leniency of SoftOne's service, and no more."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated, Any

from pydantic import (
    BeforeValidator,
    PlainSerializer,
    PlainValidator,
    StringConstraints,
    ValidationInfo,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from stampla.domain.punch import EntryType
from stampla.domain.text import text_problem
from stampla.limits import MAX_LIST_ITEMS

#: The pattern of every wire text: anything but NUL, which no database column can hold.
#: Lone surrogates (``"\ud800"``) are refused too: pydantic reads a constrained string as
#: UTF-8, which they are not (``api.body.problems_of`` words both refusals).
NO_NUL = r"^[^\x00]*$"
#: The longest TimeStamp text accepted: the column that keeps it as sent.
MAX_TIMESTAMP_LENGTH = 64


def wire_text(max_length: int, *, min_length: int = 0) -> StringConstraints:
    """The one rule of a text on the wire: no NUL, no lone surrogate, at most
    ``max_length`` characters (the column it is kept in), checked by pydantic-core."""
    return StringConstraints(min_length=min_length, max_length=max_length, pattern=NO_NUL)


def required_text(max_length: int) -> Any:
    """A text that must be given and not be empty."""
    return Annotated[str, wire_text(max_length, min_length=1)]


def optional_text(max_length: int) -> Any:
    """An optional text where "" means "not given", as SoftOne clients often send it."""
    return Annotated[Annotated[str, wire_text(max_length)] | None, BeforeValidator(_blank_to_none)]


def capped_list(value: Any, info: ValidationInfo) -> Any:
    """A list of at most ``max_list_items`` items, refused before any item is validated."""
    limit = (info.context or {}).get("max_list_items", MAX_LIST_ITEMS)
    if isinstance(value, list) and len(value) > limit:
        raise PydanticCustomError(
            "too_many_items",
            "has {count} items; at most {limit} are accepted on one entry",
            {"count": len(value), "limit": limit},
        )
    return value


@dataclass(frozen=True, slots=True)
class SentTime:
    """A TimeStamp: the text exactly as sent, and what it means."""

    text: str
    value: datetime

    @classmethod
    def parse(cls, raw: Any) -> SentTime:
        if isinstance(raw, SentTime):
            return raw
        if isinstance(raw, datetime):
            return cls(raw.isoformat(), raw)
        if not isinstance(raw, str):
            raise ValueError("must be an ISO-8601 date-time string such as 2025-06-12T08:00:00Z")
        if len(raw) > MAX_TIMESTAMP_LENGTH:
            raise ValueError(
                f"is {len(raw)} characters long; at most {MAX_TIMESTAMP_LENGTH} are accepted"
            )
        if reason := text_problem(raw):  # the date-time reader stops at a NUL, as C does
            raise ValueError(reason)
        text = raw.strip()
        try:
            value = datetime.fromisoformat(text)
        except ValueError:
            raise ValueError(
                f"{raw!r} is not an ISO-8601 date-time (e.g. 2025-06-12T08:00:00Z, "
                "or 2025-06-12T10:00:00 for company-local time)"
            ) from None
        if len(text) <= 10 and _is_date(text):  # no date-time is that short, few dates longer
            raise ValueError(
                f"{raw!r} is a date without a time; send the time too, e.g. {value:%Y-%m-%d}"
                "T08:00:00"
            )
        return cls(raw, value)


def _is_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _blank_to_none(value: Any) -> Any:
    if isinstance(value, str) and not value.strip():
        return None
    return value


def _null_to_false(value: Any) -> Any:
    return False if value is None else value


TimeStampField = Annotated[
    SentTime,
    PlainValidator(SentTime.parse),
    PlainSerializer(lambda sent: sent.text, return_type=str),
    WithJsonSchema(
        {
            "type": "string",
            "format": "date-time",
            "maxLength": MAX_TIMESTAMP_LENGTH,
            "example": "2025-06-12T08:00:00Z",
        }
    ),
]

EntryTypeField = Annotated[
    EntryType,
    PlainValidator(EntryType.parse),
    PlainSerializer(lambda kind: kind.wire_name, return_type=str),
    WithJsonSchema({"type": "string", "enum": ["In", "Out"], "example": "In"}),
]

#: A boolean where null means false.
FlagField = Annotated[bool, BeforeValidator(_null_to_false)]
