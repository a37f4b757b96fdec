"""Field types with the exact leniency of SoftOne's service, and no more."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any

from pydantic import BeforeValidator, PlainSerializer, PlainValidator, WithJsonSchema

from stampla.domain.punch import EntryType


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
        try:
            value = datetime.fromisoformat(raw.strip())
        except ValueError:
            raise ValueError(
                f"{raw!r} is not an ISO-8601 date-time (e.g. 2025-06-12T08:00:00Z, "
                "or 2025-06-12T10:00:00 for company-local time)"
            ) from None
        return cls(raw, value)


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
    WithJsonSchema({"type": "string", "format": "date-time", "example": "2025-06-12T08:00:00Z"}),
]

EntryTypeField = Annotated[
    EntryType,
    PlainValidator(EntryType.parse),
    PlainSerializer(lambda kind: kind.wire_name, return_type=str),
    WithJsonSchema({"type": "string", "enum": ["In", "Out"], "example": "In"}),
]

#: An optional text where "" means "not given", as SoftOne clients often send it.
OptionalText = Annotated[str | None, BeforeValidator(_blank_to_none)]

#: A boolean where null means false.
FlagField = Annotated[bool, BeforeValidator(_null_to_false)]
