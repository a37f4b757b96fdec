"""A company's organisation number, for the PAXml header: set, shown, checked, cleared."""

from __future__ import annotations

import pytest

from stampla.errors import InvalidInput
from stampla.service import masterdata as md


@pytest.mark.parametrize("written", ["556000-0000", "5560000000", "165560000000"])
def test_an_org_number_is_set_and_shown(store, company, clock, written):
    found = md.update_company(store, company.id, clock(), org_nr=f" {written} ", actor="cli:t")
    assert found.org_nr == written
    assert md.update_company(store, company.id, clock(), org_nr="").org_nr is None


@pytest.mark.parametrize(
    "written", ["55600-0000", "556000-00001", "ABC", "556000–0000", "16556000-0000"]
)
def test_anything_else_is_refused_naming_the_field(store, company, clock, written):
    with pytest.raises(InvalidInput) as caught:
        md.update_company(store, company.id, clock(), org_nr=written)
    assert caught.value.problems[0].field == "OrgNr"
