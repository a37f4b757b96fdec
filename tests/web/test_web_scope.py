"""An attestant's scope: the employees whose current account in a coding level is theirs.

The test company's level 2 is *Avdelning*; 3002 punches on department 100, 3014 on 4001.
An attestant for department 100 sees and attests 3002 only; 3014's day is 403 on the page,
in a transition and in a correction.
"""

from __future__ import annotations

from datetime import date

import pytest
from fastapi.testclient import TestClient

from stampla.errors import Forbidden
from stampla.service import corrections, staff
from stampla.service.attest.transitions import TransitionRequest, transition_days
from stampla.service.roles import Role, StaffActor, StaffScope
from stampla.service.staff_scope import employee_nrs_in_scope
from tests.factories import ENTRY_PATH, entry
from tests.web.conftest import sign_in, text

DAY = "2025-06-12"
SCOPE = StaffScope("avdelning", frozenset({"100"}))  # the level's name in another case


@pytest.fixture
def punched(client, company):
    keys = company.keys()
    login = {"UserName": company.user_name, "Password": company.password}
    token = client.post("/Login/Token", params=keys, json=login).json()["token"]
    days = []
    for nr, account in (("3002", "100"), ("3014", "4001")):
        days += [
            entry(nr, f"{DAY}T08:00:00", AccountNr=account, SieAccountDim=50),
            entry(nr, f"{DAY}T16:00:00", "Out"),
        ]
    saved = client.post(ENTRY_PATH, params={**keys, "token": token}, json=days)
    assert saved.status_code == 200 and saved.json()["saved"] == 4, saved.text


@pytest.fixture
def attestant(app, store, company, clock, punched):
    staff.add_staff_user(
        store, company.id, "Åke Ström", "attestant-pw-1234", Role.ATTESTANT, clock(), scope=SCOPE
    )
    with TestClient(app) as browser:
        assert (
            sign_in(
                browser, company, user_name="åke ström", password="attestant-pw-1234"
            ).status_code
            == 303
        )
        yield browser


def test_the_scope_is_the_current_account_in_the_level(store, company, punched):
    assert employee_nrs_in_scope(store, company.id, SCOPE, date(2025, 6, 12)) == {"3002"}
    moved = StaffScope("Avdelning", frozenset({"4001"}))
    assert employee_nrs_in_scope(store, company.id, moved, date(2025, 6, 12)) == {"3014"}
    assert employee_nrs_in_scope(store, company.id, StaffScope(), date(2025, 6, 12)) is None


def test_an_attestant_sees_and_opens_only_their_employees(attestant):
    page = attestant.get("/web/attest", params={"dateFrom": DAY, "dateTo": DAY})
    assert page.status_code == 200
    assert "employeeNr=3002" in page.text and "employeeNr=3014" not in page.text
    own = attestant.get("/web/attest/day", params={"employeeNr": "3002", "date": DAY})
    assert own.status_code == 200
    other = attestant.get("/web/attest/day", params={"employeeNr": "3014", "date": DAY})
    assert other.status_code == 403
    assert "outside your scope" in text(other.text) and "3014" in text(other.text)


def test_a_scoped_attestant_attests_and_corrects_only_in_scope(store, company, clock, punched):
    actor = StaffActor("web:Åke Ström", Role.ATTESTANT, SCOPE)
    day = date(2025, 6, 12)
    everyone = TransitionRequest(day, day, "Attested")
    report = transition_days(store, company.id, actor, everyone, clock(), max_days=31)
    assert {d.employee_nr for d in report.days} == {"3002"} and report.moved == 1
    named = TransitionRequest(day, day, "Attested", ["3014"])
    with pytest.raises(Forbidden, match="3014"):
        transition_days(store, company.id, actor, named, clock(), max_days=31)
    change = {
        "kind": "add",
        "employee_nr": "3014",
        "reason": "Glömde",
        "time_stamp": f"{DAY}T17:00",
    }
    with pytest.raises(Forbidden, match="outside your scope"):
        corrections.correct(store, company.id, change, clock(), limits=None, actor=actor)


def test_the_problem_days_of_an_attestant_are_their_own(attestant, api):
    missing_out = [
        entry("3002", "2025-06-13T08:00:00", AccountNr="100", SieAccountDim=50),
        entry("3014", "2025-06-13T08:00:00", AccountNr="4001", SieAccountDim=50),
    ]
    assert api.post(missing_out).status_code == 200
    page = attestant.get("/web/attest/problems", params={"month": "2025-06"})
    assert page.status_code == 200
    assert "employeeNr=3002" in page.text and "employeeNr=3014" not in page.text
