"""Rule sets set up through /Admin/RuleSets, their codes read back through AttestTime.

The test company's employees are hourly paid (``Timavlönad``) part-timers at 20 h a week
without a schedule: 4:00 expected Monday to Friday, nothing at weekends.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from stampla.domain.rules.codec import rule_set_document
from stampla.domain.rules.handels import HOURLY, SALARIED
from stampla.service.audit import list_events
from tests.admin.session import admin_for, ok, refused
from tests.factories import entry

from .conftest import saved

CODES = {
    "OB 70%": "attendance",
    "OB 100%": "attendance",
    "Mertid": "attendance",
    "Övertid Pengar 50%": "attendance",
    "Övertid Pengar 100%": "attendance",
    "Övertid komp 1,5": "attendance",
    "Övertid komp 2,0": "attendance",
    "Kompledig": "absence",
}
HANDELS = rule_set_document(HOURLY)


@pytest.fixture
def admin(client, store, company, clock):
    session = admin_for(client, store, company, clock())
    for code, kind in CODES.items():
        ok(session.post("/Admin/TimeCodes", {"Code": code, "Name": code, "Kind": kind}), 201)
    body = {"Agreement": "timavlönad", "ValidFrom": "2025-01-01", "Rules": HANDELS}
    ok(session.post("/Admin/RuleSets", {**body, "AllowPast": True}), 201)
    return session


def punched(api, start: str, stop: str, employee: str = "3002") -> None:
    saved(
        api.post([entry(employee, time_stamp=start), entry(employee, time_stamp=stop, kind="Out")])
    )


def made(row: dict) -> list[tuple[str, int]]:
    """The rules' codes of a row, as (code, minutes)."""
    return [
        (t["code"], t["seconds"] // 60) for t in row["timeScheduleTypes"] if t["source"] == "Rule"
    ]


def test_tuesday_evening_earns_ob_50_and_ob_70(api, attest, admin):
    punched(api, "2025-06-10T17:00:00", "2025-06-10T21:00:00")
    row = attest.day("2025-06-10")
    assert made(row) == [("OB 50%", 105), ("OB 70%", 60)]
    rules = {t["code"]: t["rule"] for t in row["timeScheduleTypes"]}
    assert rules == {"OB 50%": "OB weekday evening", "OB 70%": "OB weekday night"}


def test_a_rule_code_is_costed_to_the_account_worked_on_at_its_instants(api, attest, admin):
    """Rule 5 of docs/time-rules.md: the evening on department 4001 carries its own OB."""
    saved(
        api.post(
            [
                entry("3002", "2025-06-10T17:00:00", AccountNr="100", SieAccountDim=50),
                entry("3002", "2025-06-10T19:00:00", kind="Out"),
                entry("3002", "2025-06-10T19:00:00", AccountNr="4001", SieAccountDim=50),
                entry("3002", "2025-06-10T21:00:00", kind="Out"),
            ]
        )
    )
    row = attest.day("2025-06-10")
    costed = {
        t["code"]: [(a["accountNr"], a["seconds"] // 60) for a in t["accounts"]]
        for t in row["timeScheduleTypes"]
        if t["source"] == "Rule"
    }
    assert costed == {"OB 50%": [("100", 45), ("4001", 60)], "OB 70%": [("4001", 60)]}
    assert made(row) == [("OB 50%", 105), ("OB 70%", 60)]


def test_sunday_work_of_a_part_timer_is_ob_100_and_mertid(api, attest, admin):
    punched(api, "2025-06-15T10:00:00", "2025-06-15T14:00:00")
    assert made(attest.day("2025-06-15")) == [("Mertid", 240), ("OB 100%", 240)]


def test_punched_codes_come_first_and_say_so(api, attest, admin):
    codes = [{"TimeScheduleTypeCode": "OB 50%"}]
    tagged = entry("3002", time_stamp="2025-06-15T10:00:00", TimeScheduleTypes=codes)
    saved(api.post([tagged, entry("3002", time_stamp="2025-06-15T14:00:00", kind="Out")]))
    types = attest.day("2025-06-15")["timeScheduleTypes"]
    assert types[0] == {
        "code": "OB 50%",
        "seconds": 4 * 3600,
        "source": "Punched",
        "rule": None,
        "accounts": None,
    }
    assert {t["source"] for t in types[1:]} == {"Rule"}


def test_an_agreement_without_rules_gets_no_codes(api, attest, admin, store, company):
    body = {"TimeAgreement": "Månadsavlönad", "ValidFrom": "2025-01-01"}
    ok(admin.patch("/Admin/Employees", body, employeeNr="3014"))
    punched(api, "2025-06-15T10:00:00", "2025-06-15T14:00:00", employee="3014")
    assert made(attest.day("2025-06-15", "3014")) == []


def test_a_version_from_next_month_leaves_this_month_as_it_was(api, attest, admin):
    punched(api, "2025-06-10T17:00:00", "2025-06-10T21:00:00")
    punched(api, "2025-07-08T17:00:00", "2025-07-08T21:00:00")
    before = made(attest.day("2025-06-10"))
    evenings_only = {"windows": [HANDELS["windows"][3]]}
    body = {"Agreement": "Timavlönad", "ValidFrom": "2025-07-01", "Rules": evenings_only}
    ok(admin.post("/Admin/RuleSets", {**body, "AllowPast": True}), 201)
    assert made(attest.day("2025-06-10")) == before
    assert made(attest.day("2025-07-08")) == [("OB 50%", 105)]
    versions = ok(admin.get("/Admin/RuleSets", agreement="TIMAVLÖNAD"))
    assert [(v["validFrom"], v["validTo"]) for v in versions] == [
        ("2025-01-01", "2025-06-30"),
        ("2025-07-01", None),
    ]
    assert {v["agreement"] for v in versions} == {"timavlönad"}  # as first spelt


def test_a_version_in_effect_is_not_changed_without_allow_past(admin, clock):
    body = {"Agreement": "Timavlönad", "ValidFrom": "2025-01-01", "Rules": {"windows": []}}
    error = refused(admin.post("/Admin/RuleSets", body), 409)
    assert "AllowPast" in error["errorMessage"]
    later = (clock().date() + timedelta(days=40)).isoformat()
    ok(admin.post("/Admin/RuleSets", {**body, "ValidFrom": later}), 201)
    ok(admin.post("/Admin/RuleSets", {**body, "ValidFrom": later}), 200)  # the same again
    ok(admin.post("/Admin/RuleSets/Remove", agreement="timavlönad", validFrom=later))
    refused(
        admin.post("/Admin/RuleSets/Remove", agreement="timavlönad", validFrom="2025-01-01"), 409
    )


def test_rules_naming_unknown_codes_are_refused_naming_them(admin):
    body = {"Agreement": "Månadsavlönad", "ValidFrom": "2025-01-01", "AllowPast": True}
    error = refused(
        admin.post("/Admin/RuleSets", {**body, "Rules": rule_set_document(SALARIED)}), 400
    )
    assert "Övertid div 94" in error["errorMessage"]
    assert ok(admin.get("/Admin/RuleSets", agreement="Månadsavlönad")) == []


@pytest.mark.parametrize(
    ("rules", "field"),
    [
        ({"windows": [{"name": "x", "code": "OB 50%", "days": ["Funday"]}]}, "windows[0].days"),
        ({"windows": "all"}, "windows"),
        ({"window": []}, "rules"),
    ],
)
def test_a_malformed_rule_set_is_a_400_naming_the_part(admin, rules, field):
    body = {"Agreement": "Timavlönad", "ValidFrom": "2025-03-01", "AllowPast": True}
    error = refused(admin.post("/Admin/RuleSets", {**body, "Rules": rules}), 400)
    assert field in error["errorMessage"]


def test_rule_set_changes_are_audited(admin, store, company, clock):
    body = {"Agreement": "Timavlönad", "ValidFrom": "2025-01-01", "AllowPast": True}
    ok(admin.post("/Admin/RuleSets", {**body, "Rules": {"windows": []}}), 200)
    events = list_events(store, company.id, clock(), entity="rule_set").events
    assert [(e.action, e.entity_key, e.actor.startswith("admin")) for e in events] == [
        ("create", "timavlönad from 2025-01-01", True),
        ("update", "timavlönad from 2025-01-01", True),
    ]
    old, new = events[1].changes["rules"]
    assert (len(old["windows"]), new["windows"]) == (4, [])


def dated_term(admin, nr: str, **values) -> None:
    """A term valid from 1 June 2025 for employee ``nr``, through /Admin/Employees/Terms."""
    body = {"ValidFrom": "2025-06-01", **values}
    ok(admin.post("/Admin/Employees/Terms", body, employeeNr=nr), 201)


def balances(api, day: str, nrs: str) -> dict[str, dict]:
    response = api.client.get(
        "/Personell/Time/Balances", params=api.params(date=day, employeeNrsString=nrs)
    )
    assert response.status_code == 200, response.text
    return {b["employeeNr"]: b for b in response.json()}


def test_comp_overtime_banks_its_factor_and_comp_leave_withdraws(
    api, attest, admin, store, company
):
    dated_term(admin, "3002", OvertimeCompensation="Comp")
    punched(api, "2025-06-10T08:00:00", "2025-06-10T18:00:00")  # 6:00 over a 4:00 day
    row = attest.day("2025-06-10")
    assert made(row) == [("Mertid", 219), ("Övertid komp 1,5", 141)]  # up to 7:39, then 2:21
    leave = [{"TimeScheduleTypeCode": "Kompledig"}]
    saved(
        api.post(
            [
                entry("3002", time_stamp="2025-06-12T08:00:00", TimeScheduleTypes=leave),
                entry("3002", time_stamp="2025-06-12T09:00:00", kind="Out"),
            ]
        )
    )
    assert balances(api, "2025-06-11", "3002")["3002"]["compSeconds"] == 141 * 60 * 3 // 2
    found = balances(api, "2025-06-12", "3002")["3002"]
    assert found == {
        "employeeNr": "3002",
        "date": "2025-06-12",
        "since": "2025-06-10",
        "compSeconds": 141 * 90 - 3600,
        "flexSeconds": None,
    }
    assert balances(api, "2025-06-09", "3002")["3002"]["since"] is None


def test_flex_adds_each_days_difference_empty_days_too(api, admin, store, company):
    dated_term(admin, "3015", FlexTime="ja")
    punched(api, "2025-06-10T08:00:00", "2025-06-10T13:00:00", employee="3015")  # +1:00
    # Wednesday 11 June: nothing punched, 4:00 expected: -4:00.
    found = balances(api, "2025-06-11", "3015,3002")
    assert found["3015"]["flexSeconds"] == 3600 - 4 * 3600
    assert found["3002"] == {**found["3002"], "since": None, "compSeconds": 0, "flexSeconds": None}


def test_balances_of_an_unknown_employee_are_a_400_naming_it(api, admin):
    response = api.client.get(
        "/Personell/Time/Balances", params=api.params(date="2025-06-11", employeeNrsString="Ö1")
    )
    assert response.status_code == 400 and "Ö1" in response.json()["errorMessage"]
    response = api.client.get("/Personell/Time/Balances", params=api.params(date="11/6"))
    assert response.status_code == 400 and response.json()["errors"][0]["field"] == "date"


def test_a_short_daily_rest_is_a_warning_on_the_later_row(api, attest):
    punched(api, "2025-06-10T14:00:00", "2025-06-10T22:00:00")
    punched(api, "2025-06-11T06:00:00", "2025-06-11T12:00:00")
    tuesday, wednesday = attest.rows("2025-06-10", "2025-06-11")
    assert tuesday["warnings"] == []
    (warning,) = wednesday["warnings"]
    assert warning["code"] == "ShortDailyRest" and "only 8 h of rest" in warning["message"]
    # Read alone, Wednesday still knows Tuesday's shift (the margin day).
    assert attest.day("2025-06-11")["warnings"] == [warning]


def test_the_daily_rest_warning_follows_its_setting(settings, clock, company):
    from fastapi.testclient import TestClient

    from stampla.app import create_app
    from tests.factories import ApiSession

    quiet = create_app(settings.model_copy(update={"atl_daily_rest_hours": 0}), clock=clock)
    with TestClient(quiet) as client:
        api = ApiSession.login(client, company)
        punched(api, "2025-06-10T14:00:00", "2025-06-10T22:00:00")
        punched(api, "2025-06-11T06:00:00", "2025-06-11T12:00:00")
        response = client.get(
            "/Personell/Time/AttestTime",
            params=api.params(dateFrom="2025-06-11", dateTo="2025-06-11"),
        )
        assert [row["warnings"] for row in response.json()] == [[]]
