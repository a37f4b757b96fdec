"""What became of each posted entry, read from the server's answers.

The client splits the caller's entries into batches; the server numbers entries within a batch.
Everything here maps the server's numbering back to the caller's, so ``outcomes[i]`` is always
about the caller's ``entries[i]`` however the entries were batched.

Only the documented wire format is relied on. ``results`` is Stampla's addition: a server that
answers 200 without it (SoftOne GO) has accepted every entry it did not name in ``errors``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from stampla.wire import EntryResult, ErrorItem, ErrorResponse

from ._exceptions import UnexpectedResponse


class Status(StrEnum):
    """What became of one entry."""

    SAVED = "Saved"
    """Stored now."""
    DUPLICATE = "Duplicate"
    """Already stored (a resend): as good as saved."""
    ACCEPTED = "Accepted"
    """Taken by a server that does not report per-entry results."""
    REJECTED = "Rejected"
    """The server named this entry as invalid; resending it unchanged will not help."""
    NOT_SAVED = "NotSaved"
    """Not stored because another entry of its batch was invalid (all or none); resend it."""


DELIVERED = frozenset({Status.SAVED, Status.DUPLICATE, Status.ACCEPTED})


@dataclass(frozen=True, slots=True)
class EntryOutcome:
    """The fate of the caller's ``entries[index]``.

    ``errors`` are the server's problems with this entry (indexes rewritten to the caller's).
    ``note`` is what the server added: how it read a DST local time, why a duplicate is one
    (and which fields of it differ from the stored punch, left as they were), or, for
    NOT_SAVED, the message with which its batch was rejected. ``supersedes`` is the id of the
    stored punch a replace_days post replaced with this one.
    """

    index: int
    status: Status
    time_stamp_entry_id: int | None = None
    note: str | None = None
    errors: tuple[ErrorItem, ...] = ()
    supersedes: int | None = None

    @property
    def delivered(self) -> bool:
        """True when the server holds the punch (saved now, before, or accepted)."""
        return self.status in DELIVERED


@dataclass(frozen=True, slots=True)
class PostReport:
    """One outcome per posted entry, in the caller's order.

    ``superseded`` is how many stored punches the server marked superseded (replace_days),
    as Stampla answers it; 0 from a server that does not say.
    """

    outcomes: tuple[EntryOutcome, ...] = ()
    superseded: int = 0

    def count(self, status: Status) -> int:
        return sum(1 for outcome in self.outcomes if outcome.status is status)

    @property
    def saved(self) -> int:
        return self.count(Status.SAVED)

    @property
    def duplicates(self) -> int:
        return self.count(Status.DUPLICATE)

    @property
    def delivered(self) -> int:
        """How many entries the server now holds (saved, duplicates and accepted)."""
        return sum(1 for outcome in self.outcomes if outcome.delivered)

    @property
    def rejected(self) -> list[EntryOutcome]:
        return [o for o in self.outcomes if o.status is Status.REJECTED]

    @property
    def not_saved(self) -> list[EntryOutcome]:
        return [o for o in self.outcomes if o.status is Status.NOT_SAVED]

    @property
    def errors(self) -> list[ErrorItem]:
        """Every problem the server reported, with the caller's indexes."""
        return [error for outcome in self.outcomes for error in outcome.errors]

    @property
    def ok(self) -> bool:
        """True when every entry was delivered."""
        return all(outcome.delivered for outcome in self.outcomes)


def batch_outcomes(
    body: Any, text: str, indexes: Sequence[int], *, failed: bool
) -> list[EntryOutcome]:
    """The answer to one batch; ``indexes[i]`` is the caller's index of the batch's entry i.

    Entries the answer names in ``errors`` are rejected; those in ``results`` have the status
    given there. The others were accepted, unless the batch ``failed`` (a 400, or an
    ActionResult with ``success: false``): then they were not saved and carry its message.
    """
    data = body if isinstance(body, Mapping) else {}
    results = {r.index: r for r in _items(data, "results", EntryResult)}
    errors = _errors_by_entry(_items(data, "errors", ErrorItem), indexes)
    message = error_message(body, text) if failed else None
    outcomes = []
    for local, index in enumerate(indexes):
        if local in errors:
            outcomes.append(EntryOutcome(index, Status.REJECTED, errors=errors[local]))
        elif local in results:
            result = results[local]
            status = Status(result.status)
            outcomes.append(
                EntryOutcome(
                    index,
                    status,
                    result.time_stamp_entry_id,
                    result.note,
                    supersedes=result.supersedes,
                )
            )
        elif failed:
            outcomes.append(EntryOutcome(index, Status.NOT_SAVED, note=message))
        else:
            outcomes.append(EntryOutcome(index, Status.ACCEPTED))
    return outcomes


def superseded_count(body: Any) -> int:
    """The answer's ``superseded`` (Stampla's addition), or 0 when it has none."""
    value = body.get("superseded") if isinstance(body, Mapping) else None
    if value is None:
        return 0
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise UnexpectedResponse(f"'superseded' in the answer is not a count: {value!r}")
    return value


def error_message(body: Any, text: str) -> str:
    """The server's errorMessage, or the start of whatever it answered instead."""
    try:
        return ErrorResponse.model_validate(body).error_message
    except ValidationError:
        return text.strip()[:500] or "(empty answer)"


def _errors_by_entry(
    items: list[ErrorItem], indexes: Sequence[int]
) -> dict[int, tuple[ErrorItem, ...]]:
    """Problems grouped by the batch entry they name, re-indexed to the caller's numbering.

    A problem naming no entry, or one outside the batch, names nobody: the caller cannot act
    on it per entry, so it stays with the batch's message instead.
    """
    grouped: dict[int, list[ErrorItem]] = {}
    for item in items:
        if item.index is not None and 0 <= item.index < len(indexes):
            mapped = item.model_copy(update={"index": indexes[item.index]})
            grouped.setdefault(item.index, []).append(mapped)
    return {local: tuple(found) for local, found in grouped.items()}


Model = TypeVar("Model", bound=BaseModel)


def _items(data: Mapping[str, Any], key: str, model: type[Model]) -> list[Model]:
    raw = data.get(key) or []
    if not isinstance(raw, list):
        raise UnexpectedResponse(f"{key!r} in the answer is not a list")
    try:
        return [model.model_validate(item) for item in raw]
    except ValidationError as error:
        raise UnexpectedResponse(f"{key!r} in the answer is not the wire format: {error}") from None
