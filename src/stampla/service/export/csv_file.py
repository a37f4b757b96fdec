"""The CSV export: one row per employee, date, code and account combination.

Two variants: ``csv`` for Swedish spreadsheets and payroll programs without PAXml
(semicolon, Windows-1252, decimal comma "7,50", CRLF), and ``csv-utf8`` for other programs
(comma, UTF-8, decimal point). Headers are Swedish; each coding level used is a column of its
own, named by the level. A correction after export (``domain.export.corrections``) is a row
of its own with the difference ("-1,50") and, in the last column, the runs it corrects.
A name Windows-1252 cannot hold is refused naming the row (use the UTF-8 variant), never
replaced by "?".
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence

from stampla.domain.export.lines import PayLine
from stampla.errors import InvalidInput, Problem

HEADERS = ("Anställningsnr", "Namn", "Datum", "Tidkod", "Löneart", "Kod", "Benämning")
HOURS_HEADER = "Timmar"
#: The last column: the runs a correction row corrects ("1", "1 3"); empty: not a correction.
CORRECTION_HEADER = "Rättelse av körning"


def csv_file(
    lines: Sequence[PayLine],
    names: Mapping[str, str],
    levels: Mapping[int, str],
    *,
    utf8: bool = False,
) -> bytes:
    """The file of ``lines``; ``names``: employee names by number; ``levels``: coding level
    names by level number."""
    used = sorted({a.level for line in lines for a in line.accounts})
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter="," if utf8 else ";", lineterminator="\r\n")
    writer.writerow(
        [
            *HEADERS,
            *(levels.get(level, f"Nivå {level}") for level in used),
            HOURS_HEADER,
            CORRECTION_HEADER,
        ]
    )
    for line in lines:
        by_level = {a.level: a.account_nr for a in line.accounts}
        amount = str(line.hours)
        writer.writerow(
            [
                line.employee_nr,
                names.get(line.employee_nr, ""),
                line.date.isoformat(),
                line.tidkod or "",
                line.lonart or "",
                line.code,
                line.name,
                *(by_level.get(level, "") for level in used),
                amount if utf8 else amount.replace(".", ","),
                " ".join(str(run) for run in line.corrects),
            ]
        )
    text = out.getvalue()
    if utf8:
        return text.encode("utf-8")
    try:
        return text.encode("cp1252")
    except UnicodeEncodeError as error:
        row = text[: error.start].count("\r\n")
        raise InvalidInput(
            "The CSV file cannot be written in Windows-1252; export the UTF-8 variant",
            [
                Problem(
                    f"row {row}: {text[error.start : error.end]!r} has no Windows-1252 form",
                    "format",
                )
            ],
        ) from None
