"""A company's time zone may change only until its first punch (punches keep local dates)."""

from __future__ import annotations

import pytest

from stampla.errors import Conflict, InvalidInput
from stampla.service import masterdata as md
from tests.factories import entry


def test_the_zone_can_change_before_the_first_punch(store, company, clock):
    changed = md.update_company(store, company.id, clock(), time_zone="Europe/Helsinki")
    assert changed.time_zone == "Europe/Helsinki" and changed.has_punches is False


def test_after_a_punch_the_zone_is_fixed_but_the_name_is_not(api, store, company, clock):
    assert api.post([entry()]).status_code == 200
    with pytest.raises(Conflict) as caught:
        md.update_company(store, company.id, clock(), time_zone="Europe/Helsinki")
    assert "local dates were derived from Europe/Stockholm" in caught.value.message
    assert caught.value.problems[0].field == "TimeZone"
    renamed = md.update_company(store, company.id, clock(), name=company.name + " (ny)")
    assert renamed.time_zone == "Europe/Stockholm" and renamed.has_punches is True
    assert api.stored("2025-06-12")[0]["localDate"] == "2025-06-12"


def test_the_same_zone_again_is_no_change(api, store, company, clock):
    api.post([entry()])
    same = md.update_company(store, company.id, clock(), time_zone="Europe/Stockholm")
    assert same.time_zone == "Europe/Stockholm"


def test_unknown_zones_and_taken_names_are_refused(store, company, clock):
    with pytest.raises(InvalidInput, match="Unknown time zone"):
        md.update_company(store, company.id, clock(), time_zone="Stockholm")
    other = md.create_company(store, company.name + "-other", clock())
    with pytest.raises(Conflict, match="already exists"):
        md.update_company(store, other.id, clock(), name=company.name)


def test_a_swedish_company_starts_with_swedens_holidays_and_others_with_none(store, clock):
    from stampla.domain.attest import HolidayCalendar
    from stampla.service import masterdata as md
    from stampla.service.attest import read_settings

    swedish = md.create_company(store, "Kalender AB", clock())
    finnish = md.create_company(store, "Kalenteri Oy", clock(), time_zone="Europe/Helsinki")
    assert read_settings(store, swedish.id).holidays is HolidayCalendar.SWEDEN
    assert read_settings(store, finnish.id).holidays is HolidayCalendar.NONE
