"""How a resent punch differs from the one it repeats: the fields, with both values.

Two entries with one key (employee, instant, type, IsBreak, terminal) are the same punch; what
else they carry, their payload (``store.punches.Payload``), can still differ. That is how a
correction looks, and a correction sent without ``replaceDays`` is not applied. Saying which
fields differ, and how, lets an integrator see that at once instead of trusting a Duplicate.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from stampla.store.punches import Payload

#: The payload's fields by their wire names, in ``Payload`` order.
FIELDS = ("EmployeeExternalCode", "AccountNr", "SieAccountDim", "Accounts", "TimeScheduleTypes")


def describe(old: Payload, new: Payload, old_as: str, new_as: str) -> str:
    """The differing fields with both values, e.g. "AccountNr ('100' stored, '200' sent)"."""
    parts = [
        f"{name} ({_shown(name, a)} {old_as}, {_shown(name, b)} {new_as})"
        for name, a, b in zip(FIELDS, old, new, strict=True)
        if a != b
    ]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def not_applied(punch_id: int, stored: Payload, sent: Payload) -> str:
    """The note of a Duplicate whose payload differs from the stored punch's."""
    return (
        f"the stored punch {punch_id} differs in {describe(stored, sent, 'stored', 'sent')}; "
        "the resend was not applied (send replaceDays=true to correct it)"
    )


def joined(*notes: str | None) -> str | None:
    """Several notes of one entry as one, or None when there are none."""
    present = [note for note in notes if note]
    return "; ".join(present) if present else None


def _shown(name: str, value: Any) -> str:
    if value is None or value == ():
        return "none"
    if name == "Accounts":
        return _listed(f"{nr!r}" if dim is None else f"{nr!r} (SIE {dim})" for nr, dim in value)
    if name == "TimeScheduleTypes":
        return _listed(repr(code) for code in value)
    return repr(value)


def _listed(items: Iterable[str]) -> str:
    return "[" + ", ".join(items) + "]"
