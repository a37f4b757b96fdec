"""Each mapping rule, table-driven, and the two files made of the lines."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from stampla.domain.attest import DayRow, SpanKind, StampingStatus
from stampla.domain.attest.model import AccountRef, Span
from stampla.domain.export.lines import CodeMap, code_table, day_lines, unmapped
from stampla.errors import InvalidInput
from stampla.service.export.csv_file import csv_file
from stampla.service.export.paxml import PaxmlHeader, Registers, paxml_file, read_paxml

DAY = date(2025, 6, 2)
HOUR = 3600
SHOP = AccountRef(4, 40, "14")
CODES = code_table(
    [
        CodeMap("OB 50%", "OB 50%", "attendance", "OB1", "OB 50%"),
        CodeMap("Arbete utanför sch", "Arbete utanför sch", "attendance", "ARB", "Timlön"),
        CodeMap("Tillägg inventering", "Tillägg inventering", "attendance", None, "245"),
        CodeMap("Sjuk", "Sjukfrånvaro", "absence", "SJK", "Sjukavdrag"),
        CodeMap("Utan", "Utan koppling", "attendance", None, None),
    ]
)


def span(hours: float, *codes: str, accounts=(), start: int = 8) -> Span:
    begin = datetime(2025, 6, 2, start, tzinfo=UTC)
    return Span(begin, begin, SpanKind.WORK, int(hours * HOUR), codes, tuple(accounts))


def row(*spans: Span, rule_codes=(), absence=(), day: date = DAY) -> DayRow:
    work = sum(s.seconds for s in spans)
    return DayRow(
        day, StampingStatus.COMPLETE, [], list(spans), [], work, 0, 0, [], [], 8 * HOUR, 0,
        rule_codes=list(rule_codes), absence=list(absence),
    )  # fmt: skip


def summary(lines) -> list[tuple]:
    return [(ln.payroll_code, ln.code, [a.account_nr for a in ln.accounts], ln.seconds / HOUR)
            for ln in lines]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "day_row", "worked", "expected"),
    [
        ("untagged work is the hourly default", row(span(8)), "ARB", [("ARB", "", [], 8)]),
        ("untagged work is the monthly default", row(span(8)), "TID", [("TID", "", [], 8)]),
        (
            "work per account combination",
            row(span(3, accounts=[SHOP]), span(5)),
            "ARB",
            [("ARB", "", [], 5), ("ARB", "", ["14"], 3)],
        ),
        (
            "a worked-time code takes its span",
            row(span(6), span(2, "Arbete utanför sch")),
            "TID",
            [("TID", "", [], 6), ("ARB", "Arbete utanför sch", [], 2)],
        ),
        (
            "an attendance code is on top, with its span's account",
            row(span(5, "OB 50%", accounts=[SHOP])),
            "ARB",
            [("ARB", "", ["14"], 5), ("OB1", "OB 50%", ["14"], 5)],
        ),
        (
            "a code without a PAXml code goes by its salary ID",
            row(span(4, "Tillägg inventering")),
            "ARB",
            [("ARB", "", [], 4), ("245", "Tillägg inventering", [], 4)],
        ),
        (
            "rule codes are on top, without accounts",
            row(span(8, accounts=[SHOP]), rule_codes=[("ob 50%", HOUR, "OB weekday evening")]),
            "ARB",
            [("ARB", "", ["14"], 8), ("OB1", "OB 50%", [], 1)],
        ),
        (
            "absence per code, last",
            row(span(4), absence=[("Sjuk", 4 * HOUR)]),
            "ARB",
            [("ARB", "", [], 4), ("SJK", "Sjuk", [], 4)],
        ),
    ],
)
def test_mapping_rules(name, day_row, worked, expected):
    assert summary(day_lines("3002", day_row, worked, CODES)) == expected, name


def test_a_code_with_neither_mapping_is_named():
    lines = day_lines("3002", row(span(2, "Utan"), rule_codes=[("Okänd", 60, "x")]), "ARB", CODES)
    assert unmapped(lines) == ["Okänd", "Utan"]


HEADER = PaxmlHeader(7, "Åre Bygg AB", "556000-0000", datetime(2025, 7, 1, 9, 30))
REGISTERS = Registers({40: "Butik"}, {(40, "14"): "Butik 14"})


def test_absence_of_whole_days_is_one_range_with_omfattning():
    rows = [row(absence=[("Sjuk", 8 * HOUR)], day=date(2025, 6, d)) for d in (2, 3)]
    # Worked time on a day between does not split the range (its line sorts first).
    rows.append(row(span(0.5), absence=[("Sjuk", 8 * HOUR)], day=date(2025, 6, 4)))
    # 2:01 of 8:00 is no exact percentage: hours on the date.
    rows.append(row(absence=[("Sjuk", 2 * HOUR + 60)], day=date(2025, 6, 5)))
    lines = [ln for r in rows for ln in day_lines("3002", r, "ARB", CODES)]
    schedule = {"3002": {date(2025, 6, d): 8 * HOUR for d in (2, 3, 4, 5)}}
    tree = read_paxml(paxml_file(HEADER, lines, schedule, REGISTERS))
    trans = [t for t in tree.findall("tidtransaktioner/tidtrans") if t.findtext("tidkod") == "SJK"]
    ranges = [(t.findtext("datumfrom"), t.findtext("datumtom"), t.findtext("omfattning"))
              for t in trans]  # fmt: skip
    assert ranges == [("2025-06-02", "2025-06-04", "100"), (None, None, None)]
    assert (trans[1].findtext("datum"), trans[1].findtext("timmar")) == ("2025-06-05", "2.02")
    assert [d.get("timmar") for d in tree.findall("schematransaktioner/schema/dag")] == ["8.00"] * 4


def test_the_paxml_file_is_latin1_with_the_schema_reference_and_sections_in_order():
    lines = day_lines("3002", row(span(7.5, "OB 50%", accounts=[SHOP])), "ARB", CODES)
    lines += day_lines(
        "3002", row(span(1, "Tillägg inventering"), day=date(2025, 6, 3)), "ARB", CODES
    )
    content = paxml_file(HEADER, lines, {}, REGISTERS)
    assert content.startswith(b"<?xml version='1.0' encoding='iso-8859-1'?>")
    assert b'xsi:noNamespaceSchemaLocation="http://www.paxml.se/2.0/paxml.xsd"' in content
    assert "Åre Bygg AB".encode("iso-8859-1") in content
    root = read_paxml(content).getroot()
    assert [c.tag for c in root] == [
        "header", "dimensioner", "resultatenheter", "koder", "tidtransaktioner",
        "lonetransaktioner",
    ]  # fmt: skip
    assert root.findtext("header/version") == "2.0"
    assert root.findtext("header/foretagorgnr") == "556000-0000"
    assert root.findtext("header/programnamn") == "Stampla"
    first = root.find("tidtransaktioner/tidtrans")
    assert (first.findtext("tidkod"), first.findtext("timmar")) == ("ARB", "7.50")
    assert first.find("resenheter/resenhet").attrib == {"dim": "40", "id": "14"}
    paid = root.find("lonetransaktioner/lonetrans")
    assert (paid.findtext("lonart"), paid.findtext("antal")) == ("245", "1.00")


def test_an_account_number_longer_than_ten_characters_is_refused_by_name():
    long = AccountRef(4, 40, "12345678901")
    lines = day_lines("3002", row(span(1, accounts=[long])), "ARB", CODES)
    with pytest.raises(InvalidInput, match="'12345678901'") as caught:
        paxml_file(HEADER, lines, {}, REGISTERS)
    assert "11 characters" in caught.value.problems[0].message


def test_csv_swedish_and_utf8_variants():
    lines = day_lines("3002", row(span(7.5, accounts=[SHOP])), "ARB", CODES)
    swedish = csv_file(lines, {"3002": "Åsa Öberg"}, {4: "Butik"})
    assert swedish.decode("cp1252").splitlines() == [
        "Anställningsnr;Namn;Datum;Tidkod;Löneart;Kod;Benämning;Butik;Timmar;Rättelse av körning",
        "3002;Åsa Öberg;2025-06-02;ARB;;;Timlön (arbetstid utanför schema/timanställd);14;7,50;",
    ]
    utf8 = csv_file(lines, {"3002": "Łucja Öberg"}, {4: "Butik"}, utf8=True)
    assert utf8.decode("utf-8").splitlines()[1].endswith(",14,7.50,")
    with pytest.raises(InvalidInput, match="Windows-1252"):
        csv_file(lines, {"3002": "Łucja Öberg"}, {4: "Butik"})
