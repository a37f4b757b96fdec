"""Corrections after export: a day approved again after an export goes out as differences.

The rule (docs/payroll-export.md, "Corrections after export"): when a day that earlier runs
exported is reopened, corrected and approved again, the next run carries for that day only
the difference, per employee, date, code and account combination, between its lines now and
the sum of what every earlier run exported for it: negative hours for what was taken away,
positive for what was added, and nothing where the difference is zero. A day approved again
unchanged therefore adds no line at all.

The difference is taken on the hours as the files wrote them (hundredths, each line rounded
half up), not on seconds: payroll holds the rounded values, so the earlier lines plus the
correction add up to exactly what the day's line would say today.

Source: PAXml 2.0 (2013-03-13), p. 1: "Värden som skickas in till ett löneprogram anges
normalt som positiva värden … Negativa värden kan anges för rättelser." A correction is
always hours on its date: ``omfattning`` must be above 0 (``procentTYPE``), so a negative
range cannot be written.
"""

from __future__ import annotations

from collections.abc import Iterable

from .lines import PayLine, line_order


def line_key(line: PayLine) -> tuple:
    """What makes two lines of a day the same line for payroll: code and accounts."""
    return (
        line.employee_nr,
        line.date,
        line.code,
        line.tidkod,
        line.lonart,
        line.accounts,
        line.absence,
    )


def differences(
    current: Iterable[PayLine], exported: Iterable[PayLine], runs: tuple[int, ...]
) -> list[PayLine]:
    """The correction lines of a day: ``current`` (its lines now) less ``exported`` (every
    line earlier runs wrote for it, each with its written hundredths), marked as correcting
    ``runs``. Lines whose difference is zero are left out."""
    now = _summed(current)
    before = _summed(exported)
    found: list[PayLine] = []
    for key in [*now, *(k for k in before if k not in now)]:
        seconds, centi, template = now.get(key, (0, 0, None))
        old_seconds, old_centi, old = before.get(key, (0, 0, None))
        if centi == old_centi:
            continue
        line = template or old
        assert line is not None
        found.append(
            line._replace(seconds=seconds - old_seconds, corrects=runs, written=centi - old_centi)
        )
    return sorted(found, key=line_order)


def _summed(lines: Iterable[PayLine]) -> dict[tuple, tuple[int, int, PayLine]]:
    sums: dict[tuple, tuple[int, int, PayLine]] = {}
    for line in lines:
        key = line_key(line)
        seconds, centi, first = sums.get(key, (0, 0, line))
        sums[key] = (seconds + line.seconds, centi + line.centi_hours, first)
    return sums
