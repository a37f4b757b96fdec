"""How entries are cut into batches: in order, or by whole employees when replacing days."""

from __future__ import annotations

from stampla.client._batches import halves_by_employee, in_order, whole_employees
from stampla.wire import TimeStampEntry


def entries(*employees: str) -> list[TimeStampEntry]:
    return [
        TimeStampEntry.model_validate(
            {
                "EmployeeNr": nr,
                "TimeStamp": f"2025-06-12T08:{n:02d}:00Z",
                "TimeStampEntryType": "In",
                "TimeTerminalId": 1,
            }
        )
        for n, nr in enumerate(employees)
    ]


def test_in_order_cuts_runs_of_the_batch_size():
    assert in_order(5, 2) == [[0, 1], [2, 3], [4]]
    assert in_order(0, 2) == []


def test_an_employee_is_never_split_across_batches():
    posted = entries("A", "B", "A", "C", "B", "A", "D")
    batches = whole_employees(posted, 3)
    assert batches == [[0, 2, 5], [1, 4, 3], [6]]
    for batch in batches:
        for nr in {posted[i].employee_nr for i in batch}:
            assert all(posted[i].employee_nr != nr for other in batches if other is not batch
                       for i in other)  # fmt: skip
    assert sorted(i for batch in batches for i in batch) == list(range(len(posted)))


def test_an_employee_larger_than_a_batch_travels_alone():
    assert whole_employees(entries("A", "A", "A", "B"), 2) == [[0, 1, 2], [3]]


def test_a_batch_too_large_is_halved_between_employees():
    posted = entries("A", "B", "A", "C")
    assert halves_by_employee(posted, [0, 1, 2, 3]) == ([0, 2], [1, 3])
    assert halves_by_employee(posted, [0, 2]) is None
