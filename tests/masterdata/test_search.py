"""Searching employees as people type: any letter case, Swedish letters too, no wildcards."""

from __future__ import annotations

import pytest

from stampla.service import masterdata as md


@pytest.fixture
def staff(store, company, clock):
    with store.write() as conn:
        for nr, first, last in (("7001", "Örjan", "Ågren"), ("7002", "Anna_Maria", "Berg")):
            md.put_employee(conn, company.id, md.EmployeeSpec(nr, first, last), clock())
    return company


def found(store, company, search: str) -> list[str]:
    return [e.employee_nr for e in md.list_employees(store, company.id, search=search)]


@pytest.mark.parametrize("typed", ["örjan", "ÖRJAN", "Örj", "ågren", "ÅGREN"])
def test_letter_case_does_not_matter_beyond_ascii(store, staff, typed):
    assert found(store, staff, typed) == ["7001"]


def test_wildcards_are_matched_literally(store, staff):
    assert found(store, staff, "_") == ["7002"]
    assert found(store, staff, "%") == []
    assert found(store, staff, "a_m") == ["7002"]


def test_a_blank_search_lists_everyone(store, staff):
    assert {"7001", "7002"} <= set(found(store, staff, "  "))
