"""Punch value types shared by ingestion, storage and attest."""

from __future__ import annotations

from enum import IntEnum


class EntryType(IntEnum):
    """TimeStampEntryType, numbered as SoftOne GO numbers it (In = 1, Out = 2)."""

    IN = 1
    OUT = 2

    @property
    def wire_name(self) -> str:
        """The spelling the document uses: "In" or "Out"."""
        return "In" if self is EntryType.IN else "Out"

    @classmethod
    def parse(cls, value: object) -> EntryType:
        """Read "In"/"Out" in any case, or SoftOne's numbers 1/2 (also as strings).

        Raises ValueError with a message fit for an API caller.
        """
        if type(value) is str and (known := _SPELLINGS.get(value)) is not None:
            return known  # the common spellings, without the general path's work
        if isinstance(value, bool):
            raise ValueError('must be "In" or "Out" (or 1 / 2), not a boolean')
        if isinstance(value, int):
            number = value
        elif isinstance(value, str):
            text = value.strip().lower()
            if text in ("in", "out"):
                return cls.IN if text == "in" else cls.OUT
            if not text.isdigit():
                raise ValueError(f'must be "In" or "Out" (or 1 / 2), not {value!r}')
            number = int(text)
        else:
            raise ValueError('must be "In" or "Out" (or 1 / 2)')
        if number not in (1, 2):
            raise ValueError(f'must be "In" or "Out" (or 1 / 2), not {value!r}')
        return cls(number)


_SPELLINGS = {
    spelling: kind
    for kind in EntryType
    for spelling in (
        kind.wire_name,
        kind.wire_name.lower(),
        kind.wire_name.upper(),
        str(kind.value),
    )
}
