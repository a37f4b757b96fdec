"""The day rows' Working Hours Act warnings use the limits of the settings (STAMPLA_ATL_*),
as the report does: a company whose agreement sets 20 h of overtime a month sees the month
flagged on the fourth long day."""

from __future__ import annotations

import pytest

from stampla.settings import Settings
from tests.attest.test_attest_atl_warnings import admin, atl, long_weekdays  # noqa: F401


@pytest.fixture
def settings(database_url: str) -> Settings:
    return Settings(
        database_url=database_url,
        login_failure_delay_seconds=0,
        login_failure_limit=1000,
        atl_overtime_month_hours=20,
    )


def test_the_month_limit_of_the_settings_applies_on_the_day_rows(api, attest, admin):  # noqa: F811
    long_weekdays(api)  # 5:21 of overtime a weekday from 2 June
    rows = {row["date"][:10]: row for row in attest.rows("2025-06-01", "2025-06-30")}
    flagged = sorted(day for day, row in rows.items() if "OvertimeMonth" in atl(row))
    assert flagged[0] == "2025-06-05"  # 21 h 24 min: past 20 h on the fourth day
    (month,) = [w for w in rows["2025-06-05"]["warnings"] if w["code"] == "OvertimeMonth"]
    assert "limit 20 h" in month["message"]
