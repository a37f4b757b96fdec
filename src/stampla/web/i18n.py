"""The pages in Swedish and English: Babel message catalogs, chosen per request.

Templates mark their text with ``_("…")`` (Jinja2's i18n extension, new style: the result
is escaped and takes ``%(name)s`` values). ``make messages`` extracts the marked text with
Babel's Jinja2 extractor into ``locale/messages.pot`` and updates each language's ``.po``;
the server reads the ``.po`` files at start (no compiled ``.mo`` to keep in step), and a test
holds that every marked text has a Swedish translation.

The language of a page is the signed-in staff user's (``stampla staff add --language``,
Swedish by default, and the *Language* menu of the pages); before sign-in, the browser's
``Accept-Language`` (English when it names neither). The API and its messages stay English.
Dates and weekdays follow the language through Babel's CLDR data (``tors 2025-06-12``);
times are 24-hour and durations hours:minutes in both.
"""

from __future__ import annotations

import io
from contextvars import ContextVar
from functools import cache
from gettext import NullTranslations
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import Translations

LOCALE_DIR = Path(__file__).parent / "locale"
LANGUAGES = ("sv", "en")
#: The language before anyone says otherwise (the API's and the code's own).
SOURCE = "en"

current: ContextVar[str] = ContextVar("stampla_page_language", default=SOURCE)


@cache
def translations(language: str) -> NullTranslations:
    """The catalog of ``language``, read from its ``.po`` once per process."""
    path = LOCALE_DIR / language / "LC_MESSAGES" / "messages.po"
    if language == SOURCE or not path.exists():
        return NullTranslations()
    with path.open("rb") as po:
        catalog = read_po(po, locale=language)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(compiled)


def gettext(message: str) -> str:
    return translations(current.get()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translations(current.get()).ngettext(singular, plural, n)


def from_accept_language(header: str | None) -> str:
    """The first of our languages the browser asks for, else English."""
    wanted = []
    for part in (header or "").split(","):
        tag, _, quality = part.strip().partition(";q=")
        try:
            weight = float(quality) if quality else 1.0
        except ValueError:
            continue
        if tag:
            wanted.append((weight, tag.replace("-", "_")))
    for _, tag in sorted(wanted, key=lambda item: -item[0]):
        try:
            language = Locale.parse(tag).language
        except (ValueError, UnknownLocaleError):
            continue
        if language in LANGUAGES:
            return language
    return SOURCE


def weekday_date(value: object) -> str:
    """``Thu 2025-06-12`` / ``tors 2025-06-12``: the weekday matters on attest rows."""
    return format_date(value, "EEE yyyy-MM-dd", locale=current.get())  # type: ignore[arg-type]


def long_day(value: object) -> str:
    """``Thu 12 June`` / ``tors 12 juni``: weekday, day and month name."""
    return format_date(value, "EEE d MMMM", locale=current.get())  # type: ignore[arg-type]


def month_name(value: object) -> str:
    """``June 2025`` / ``juni 2025``."""
    return format_date(value, "LLLL yyyy", locale=current.get())  # type: ignore[arg-type]


def decimal(value: float, places: int = 2) -> str:
    """``7.50`` / ``7,50``: the language's decimal sign, no grouping (payroll types it)."""
    pattern = "0." + "0" * places
    return format_decimal(value, format=pattern, locale=current.get(), group_separator=False)
