"""The correction rule, table-driven: a day's lines now less what earlier runs exported."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from stampla.domain.attest.model import AccountRef
from stampla.domain.export.corrections import differences
from stampla.domain.export.lines import PayLine, hundredths
from stampla.service.export.paxml import PaxmlHeader, Registers, paxml_file, read_paxml

DAY = date(2025, 6, 2)
HOUR = 3600
SHOP = (AccountRef(4, 40, "14"),)


def line(code: str, hours: float, accounts=(), *, written=None, absence=False) -> PayLine:
    tidkod = {"": "ARB", "OB 50%": "OB1", "Sjuk": "SJK"}[code]
    seconds = round(hours * HOUR)
    return PayLine("3003", DAY, code, code or "Timlön", tidkod, None, tuple(accounts), seconds,
                   absence, written=written)  # fmt: skip


def shown(lines) -> list[tuple]:
    return [(ln.payroll_code, [a.account_nr for a in ln.accounts], str(ln.hours)) for ln in lines]


@pytest.mark.parametrize(
    ("name", "exported", "now", "expected"),
    [
        ("time taken away", [line("", 8)], [line("", 6.5)], [("ARB", [], "-1.50")]),
        ("time added", [line("", 6.5)], [line("", 8)], [("ARB", [], "1.50")]),
        (
            "unchanged: no line",
            [line("", 8), line("OB 50%", 2)],
            [line("", 8), line("OB 50%", 2)],
            [],
        ),
        ("a code gone", [line("", 8), line("OB 50%", 2)], [line("", 8)], [("OB1", [], "-2.00")]),
        ("a code new", [line("", 8)], [line("", 8), line("OB 50%", 1)], [("OB1", [], "1.00")]),
        (
            "moved to another account",
            [line("", 8)],
            [line("", 8, SHOP)],
            [("ARB", [], "-8.00"), ("ARB", ["14"], "8.00")],
        ),
        (
            "absence is hours too",
            [line("Sjuk", 8, absence=True)],
            [line("Sjuk", 4, absence=True)],
            [("SJK", [], "-4.00")],
        ),
        # Against what the files held: 2 runs wrote 0.01 each (18 s, rounded up); 36 s is 0.01.
        (
            "the written hundredths count",
            [line("", 0.005), line("", 0.005)],
            [line("", 0.01)],
            [("ARB", [], "-0.01")],
        ),
        ("a difference below a hundredth is none", [line("", 8)], [line("", 8 + 10 / HOUR)], []),
    ],
)
def test_differences(name, exported, now, expected):
    found = differences(now, exported, (4,))
    assert shown(found) == expected, name
    assert all(ln.corrects == (4,) for ln in found)


def test_differences_are_written_as_signed_hours_on_their_date():
    exported = [line("Sjuk", 8, absence=True), line("", 1)]
    found = differences([line("", 3)], exported, (1, 3))
    header = PaxmlHeader(1, "Demo", None, datetime(2025, 7, 1, 9),
                         nyexport=(DAY, date(2025, 6, 4)))  # fmt: skip
    root = read_paxml(paxml_file(header, found, {"3003": {DAY: 8 * HOUR}}, Registers())).getroot()
    assert root.find("header/nyexport").attrib == {
        "datum": "2025-06-02", "datumfrom": "2025-06-02", "datumtom": "2025-06-04"}  # fmt: skip
    written = [
        (t.findtext("tidkod"), t.findtext("timmar"), t.findtext("omfattning"), t.findtext("info"))
        for t in root.iterfind("tidtransaktioner/tidtrans")
    ]
    assert written == [
        ("ARB", "2.00", None, "Rättelse av körning 1, 3"),
        ("SJK", "-8.00", None, "Rättelse av körning 1, 3"),  # never a negative omfattning
    ]


@pytest.mark.parametrize(("seconds", "expected"), [(27000, 750), (7260, 202), (18, 1), (17, 0)])
def test_hundredths_round_half_up_as_the_files_do(seconds, expected):
    assert hundredths(seconds) == expected
