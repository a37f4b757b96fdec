"""Messages read by people: counts with the right form of their noun."""

from __future__ import annotations


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """``1 minute``, ``5 minutes``; ``plural_form`` for nouns that do not just add an s."""
    return f"{count} {singular if count == 1 else plural_form or singular + 's'}"
