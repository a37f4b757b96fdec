"""When two texts name the same record: the one rule for every text reference.

EmployeeNr, EmployeeExternalCode, AccountNr, time codes (TimeScheduleTypeCode) and company
names are matched ignoring letter case, in every alphabet, and whatever Unicode form the
sender's keyboard or spreadsheet produced. ``match_key`` turns a text into the form that is
compared: two texts name the same record exactly when their keys are equal.

The rule is Unicode's canonical caseless matching (the standard's D145): decompose, fold case
with ``str.casefold`` (full case folding, so "ß" matches "ss" and "ﬁ" matches "fi"), and
compose again (NFC). So ``ÖVERTID``, ``övertid`` and ``Övertid`` with a decomposed "Ö" (an
"O" followed by a combining diaeresis) share one key, as do ``STRASSE`` and ``straße``.
Nothing else is changed: spaces, punctuation and digits count as they are.

The store keeps each register's key next to the text (``employees.employee_nr_key`` and so
on, see ``stampla.store.text_keys``), computed by this function, so matching is the same on
SQLite and PostgreSQL, neither of which folds case like this by itself, and is an index seek.
"""

from __future__ import annotations

from unicodedata import normalize


def match_key(value: str) -> str:
    """The form of ``value`` that is compared when looking a record up by it."""
    if value.isascii():
        return value.lower()  # casefold and NFC change nothing else in ASCII
    return normalize("NFC", normalize("NFD", value).casefold())


def same_text(a: str | None, b: str | None) -> bool:
    """Whether ``a`` and ``b`` name the same thing under ``match_key``; None only matches None."""
    if a is None or b is None:
        return a is b
    return a == b or match_key(a) == match_key(b)


def text_problem(text: str) -> str | None:
    """What makes ``text`` unfit to be kept at all (NUL, a lone surrogate), or None.

    No database column holds a NUL (PostgreSQL refuses it, C-based readers stop at it), and a
    lone surrogate (``"\ud800"``) is not a character: it cannot be encoded as UTF-8.
    """
    if "\x00" in text:
        return "contains the NUL character (\\u0000), which text may not hold"
    if not text.isascii():
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            return (
                "contains a lone surrogate (\\ud800-\\udfff), which is not a character; "
                "send the character itself, or both halves of its surrogate pair"
            )
    return None
