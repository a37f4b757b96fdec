"""What a save answers, and the one error body every endpoint uses."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .base import OutputModel


class ErrorItem(OutputModel):
    """One problem: which entry (index in the posted array), which field, and what is wrong."""

    index: int | None = None
    field: str | None = None
    message: str


class ErrorResponse(OutputModel):
    """Every 4xx/5xx body: a superset of SoftOne's ActionResult."""

    success: bool = False
    error_message: str
    errors: list[ErrorItem] = Field(default_factory=list)


class EntryResult(OutputModel):
    """What became of one posted entry."""

    index: int
    status: Literal["Saved", "Duplicate"]
    time_stamp_entry_id: int
    note: str | None = Field(
        None,
        description="Set when the entry needed interpretation (e.g. a DST local time), or "
        "when a Duplicate differs from the stored punch in other fields and was not applied.",
    )
    supersedes: int | None = Field(
        None,
        description="With replaceDays: the id of the stored punch this one replaced, an equal "
        "punch (same employee, time, type, IsBreak and terminal) with other fields.",
    )


class SaveResponse(OutputModel):
    """The answer to a TimeStampEntry post."""

    success: bool
    error_message: str | None = None
    saved: int
    duplicates: int
    superseded: int = Field(0, description="Punches replaced by this batch (replaceDays).")
    results: list[EntryResult]
    errors: list[ErrorItem] = Field(default_factory=list)
