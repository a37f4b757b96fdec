"""Two operators assigning schedules to one employee at the same moment: the second sees
the first's assignment, so an employee never follows two templates on one date."""

from __future__ import annotations

import threading
from datetime import date

from stampla.service import masterdata as md
from stampla.service import schedules
from stampla.service.date_range import DateWindow
from tests.service.test_concurrent_ingest import wait_until_a_lock_is_awaited

WEEK = ";".join(["08:00-17:00 /12:00-13:00"] * 5 + ["-", "-"])


def test_a_second_open_ended_assignment_waits_for_the_first_and_ends_it(store, company, clock):
    now = clock()
    window = DateWindow.around(now)
    for name in ("Kontor", "Sommar"):
        md.add_schedule_template(store, company.id, {"name": name, "weeks": [WEEK]}, now)
    later = {"employee_nr": "3002", "template": "Sommar", "valid_from": "2025-07-07"}
    second: dict = {}

    def operator_b() -> None:
        second["done"] = schedules.add_assignment(store, company.id, later, now, window=window)

    thread = threading.Thread(target=operator_b)
    first = {"employee_nr": "3002", "template": "Kontor", "valid_from": "2025-06-02"}
    with store.write() as conn:  # operator A: assigned, not yet committed
        schedules.put_assignment(conn, company.id, first, now, window=window)
        thread.start()
        wait_until_a_lock_is_awaited(store)
    thread.join(timeout=60)

    assert second["done"].ended is not None
    found = schedules.list_assignments(store, company.id, "3002")
    assert [(a.template, a.valid_from, a.valid_to) for a in found] == [
        ("Kontor", date(2025, 6, 2), date(2025, 7, 6)),
        ("Sommar", date(2025, 7, 7), None),
    ]
