"""The PAXml 2.0 file: payroll lines written as the standard asks, and checked by its schema.

Source: PAXml 2.0 (2013-03-13) and its schema ``paxml-2.0.xsd`` (shipped beside this module).
The file is ISO-8859-1 with the schema reference the standard gives; sections come in the
standard's order (header, dimensioner, resultatenheter, koder, tidtransaktioner,
lonetransaktioner, schematransaktioner). Every file is validated before it is handed out;
one that would not validate is refused (InvalidInput), never written.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from importlib import resources

from lxml import etree

from stampla.domain.export.codes import ABSENCE, TIDKODER
from stampla.domain.export.lines import PayLine
from stampla.errors import InvalidInput, Problem

SCHEMA_LOCATION = "http://www.paxml.se/2.0/paxml.xsd"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
#: The standard's limit of a resultatenhet id (``dimidTYPE``).
MAX_ACCOUNT_LENGTH = 10
PROGRAM = "Stampla"
_CENT = Decimal("0.01")


@dataclass(frozen=True)
class PaxmlHeader:
    company_id: int
    company_name: str
    org_nr: str | None
    written_at: datetime  # company-local, without microseconds
    info: str = ""
    #: The first and last date of the days the file corrects (``<nyexport>``); None: none.
    nyexport: tuple[date, date] | None = None


@dataclass(frozen=True)
class Registers:
    """Names of what the lines refer to: coding levels by SIE dimension, accounts."""

    dimensions: Mapping[int, str] = field(default_factory=dict)  # SIE dimension -> level name
    accounts: Mapping[tuple[int, str], str] = field(default_factory=dict)  # (dim, nr) -> name


def hours(seconds: int) -> str:
    """Seconds as hours with two decimals, half up: 27000 -> "7.50"."""
    return str((Decimal(seconds) / 3600).quantize(_CENT, ROUND_HALF_UP))


def check_accounts(lines: Sequence[PayLine]) -> None:
    """InvalidInput naming every account number longer than the standard allows."""
    long = sorted(
        {
            (a.sie_dimension, a.account_nr)
            for line in lines
            for a in line.accounts
            if a.sie_dimension is not None and len(a.account_nr) > MAX_ACCOUNT_LENGTH
        }
    )
    if long:
        names = ", ".join(repr(nr) for _, nr in long)
        raise InvalidInput(
            f"Account numbers longer than PAXml's {MAX_ACCOUNT_LENGTH} characters: {names}",
            [
                Problem(
                    f"account {nr!r} (SIE dimension {dim}) has {len(nr)} characters; "
                    f"PAXml allows {MAX_ACCOUNT_LENGTH}",
                    "accounts",
                )
                for dim, nr in long
            ],
        )


def paxml_file(
    header: PaxmlHeader,
    lines: Sequence[PayLine],
    schedule: Mapping[str, Mapping[date, int]],
    registers: Registers,
) -> bytes:
    """The validated file of ``lines``; ``schedule``: expected seconds by employee and date."""
    check_accounts(lines)
    root = etree.Element("paxml", nsmap={"xsi": XSI})
    root.set(f"{{{XSI}}}noNamespaceSchemaLocation", SCHEMA_LOCATION)
    _header(etree.SubElement(root, "header"), header)
    dims = sorted({a.sie_dimension for line in lines for a in _dimensioned(line)})
    if dims:
        section = etree.SubElement(root, "dimensioner")
        for dim in dims:
            name = registers.dimensions.get(dim, f"Dimension {dim}")
            etree.SubElement(section, "dimension", dim=str(dim), namn=name)
        section = etree.SubElement(root, "resultatenheter")
        used = sorted({(a.sie_dimension, a.account_nr) for ln in lines for a in _dimensioned(ln)})
        for dim, nr in used:
            name = registers.accounts.get((dim, nr), nr)
            etree.SubElement(section, "resultatenhet", dim=str(dim), id=nr, namn=name)
    coded = [line for line in lines if line.tidkod]
    if coded:
        names: dict[str, list[str]] = {}
        for line in coded:
            shown = names.setdefault(line.tidkod, [])
            if line.name not in shown:
                shown.append(line.name)
        section = etree.SubElement(root, "koder")
        for code in sorted(names, key=list(TIDKODER).index):
            etree.SubElement(section, "kod", id=code, namn=", ".join(names[code]))
        section = etree.SubElement(root, "tidtransaktioner")
        for postid, item in enumerate(_time_items(coded, schedule), start=1):
            _tidtrans(section, postid, *item)
    paid = [line for line in lines if not line.tidkod and line.lonart]
    if paid:
        section = etree.SubElement(root, "lonetransaktioner")
        for postid, line in enumerate(paid, start=len(coded) + 1):
            _lonetrans(section, postid, line)
    planned = {nr: days for nr, days in schedule.items() if days}
    if planned:
        section = etree.SubElement(root, "schematransaktioner")
        for nr in sorted(planned):
            element = etree.SubElement(section, "schema", anstid=nr)
            for day in sorted(planned[nr]):
                seconds = planned[nr][day]
                etree.SubElement(element, "dag", datum=day.isoformat(), timmar=hours(seconds))
    content = etree.tostring(root, xml_declaration=True, encoding="iso-8859-1", pretty_print=True)
    problems = validation_problems(content)
    if problems:
        raise InvalidInput(
            "The PAXml file would not validate against PAXml 2.0; nothing was written",
            [Problem(message, "paxml") for message in problems[:20]],
        )
    return content


@cache
def schema() -> etree.XMLSchema:
    """The standard's schema, shipped with Stampla (no network at export time)."""
    source = resources.files(__package__).joinpath("paxml-2.0.xsd").read_bytes()
    return etree.XMLSchema(etree.fromstring(source))


def read_paxml(content: bytes) -> etree._ElementTree:
    """A PAXml file parsed (its XML declaration says its encoding); XMLSyntaxError if not XML."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    return etree.ElementTree(etree.fromstring(content, parser))


def validation_problems(content: bytes) -> list[str]:
    """What the schema says is wrong with ``content``; empty: it validates."""
    checker = schema()
    if checker.validate(read_paxml(content)):
        return []
    return [f"line {e.line}: {e.message}" for e in checker.error_log]


def _dimensioned(line: PayLine):  # noqa: ANN202 - an iterator of AccountRef
    return (a for a in line.accounts if a.sie_dimension is not None and 1 <= a.sie_dimension <= 99)


def _header(element: etree._Element, header: PaxmlHeader) -> None:
    _text(element, "format", "LÖNIN")
    _text(element, "version", "2.0")
    _text(element, "datum", header.written_at.replace(microsecond=0, tzinfo=None).isoformat())
    if header.nyexport is not None:
        _nyexport(element, *header.nyexport)
    _text(element, "foretagid", str(header.company_id))
    if header.org_nr:
        _text(element, "foretagorgnr", header.org_nr)
    _text(element, "foretagnamn", header.company_name)
    _text(element, "programnamn", PROGRAM)
    if header.info:
        _text(element, "info", header.info)


def _nyexport(element: etree._Element, first: date, last: date) -> None:
    """The standard's mark of a re-export of earlier exported days: one date, or a range.

    The text asks for a date or a range; the schema requires ``datum`` always, so a range
    carries its first date as ``datum`` too."""
    marked = etree.SubElement(element, "nyexport", datum=first.isoformat())
    if last != first:
        marked.set("datumfrom", first.isoformat())
        marked.set("datumtom", last.isoformat())


def correction_note(line: PayLine) -> str:
    """The ``info`` of a correction line: which runs it corrects."""
    return "Rättelse av körning " + ", ".join(str(run) for run in line.corrects)


def _time_items(lines: Sequence[PayLine], schedule: Mapping[str, Mapping[date, int]]):  # noqa: ANN202
    """(line, first, last, percent): an absence that is the same exact percentage of the
    expected time on consecutive dates is one range with ``omfattning``; the rest are
    hours on a date."""
    items: list[list] = []
    open_ranges: dict[tuple, list] = {}  # the latest item per employee and code
    for line in lines:
        percent = _percent(line, schedule)
        key = (line.employee_nr, line.code, line.tidkod)
        last = open_ranges.get(key)
        if (
            percent is not None
            and last is not None
            and last[3] == percent
            and last[2] + timedelta(days=1) == line.date
        ):
            last[2] = line.date
            continue
        item = [line, line.date, line.date, percent]
        items.append(item)
        open_ranges[key] = item
    return [tuple(item) for item in items]


def _percent(line: PayLine, schedule: Mapping[str, Mapping[date, int]]) -> Decimal | None:
    if not line.absence or line.tidkod not in ABSENCE or line.accounts or line.correction:
        return None
    expected = schedule.get(line.employee_nr, {}).get(line.date)
    if not expected or line.seconds > expected:
        return None
    share = Decimal(line.seconds * 100) / Decimal(expected)
    return share if share == share.quantize(_CENT) else None


def _tidtrans(
    section: etree._Element, postid: int, line: PayLine, first: date, last: date, percent
) -> None:  # noqa: ANN001
    element = etree.SubElement(section, "tidtrans", postid=str(postid), anstid=line.employee_nr)
    _text(element, "tidkod", line.tidkod)
    if percent is None:
        _text(element, "datum", line.date.isoformat())
        _text(element, "timmar", str(line.hours))
    else:
        _text(element, "datumfrom", first.isoformat())
        _text(element, "datumtom", last.isoformat())
        _text(element, "omfattning", _percent_text(percent))
    _resenheter(element, line)
    if line.correction:
        _text(element, "info", correction_note(line))


def _lonetrans(section: etree._Element, postid: int, line: PayLine) -> None:
    element = etree.SubElement(section, "lonetrans", postid=str(postid), anstid=line.employee_nr)
    _text(element, "lonart", line.lonart)
    _text(element, "benamning", line.name)
    _text(element, "datum", line.date.isoformat())
    _text(element, "antal", str(line.hours))
    _resenheter(element, line)
    if line.correction:
        _text(element, "info", correction_note(line))


def _resenheter(element: etree._Element, line: PayLine) -> None:
    units = sorted({(a.sie_dimension, a.account_nr) for a in _dimensioned(line)})
    if units:
        section = etree.SubElement(element, "resenheter")
        for dim, nr in units:
            etree.SubElement(section, "resenhet", dim=str(dim), id=nr)


def _text(parent: etree._Element, tag: str, value: str) -> None:
    etree.SubElement(parent, tag).text = value


def _percent_text(percent: Decimal) -> str:
    """100 as "100", 62.5 as "62.50" (never "1E+2")."""
    share = percent.quantize(_CENT)
    return str(int(share)) if share == share.to_integral_value() else str(share)
