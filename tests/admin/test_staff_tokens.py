"""Staff API tokens: a staff user signs in at /Admin/StaffToken and calls the /Admin API as
themselves, with their role and scope, over real HTTP on SQLite and PostgreSQL.

The test company's level 2 is *Avdelning*; 3002 punches on department 100, 3014 on 4001. An
attestant for department 100 attests 3002 and is refused 3014 (403 naming them); a viewer
reads but may not correct; payroll exports and the run names the user. A token ends when it
expires, when its user signs out, gets a new password or role, or is disabled.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient

from stampla.app import create_app
from stampla.service import staff
from stampla.service.audit import list_events
from stampla.service.export import list_runs
from stampla.service.roles import EVERYONE, Role, StaffScope
from stampla.service.staff_tokens import SIGN_IN_FAILED_MESSAGE
from stampla.settings import Settings
from tests.admin.session import ok, refused
from tests.factories import ENTRY_PATH, entry

PATH = "/Admin/StaffToken"
DAY = "2025-06-12"
PASSWORD = "staff-token-pw-1234"
SCOPE = StaffScope("Avdelning", frozenset({"100"}))


def add_staff(store, company, clock, name: str, role: Role, scope: StaffScope = EVERYONE):
    staff.add_staff_user(store, company.id, name, PASSWORD, role, clock(), scope=scope)


def sign_in(client: TestClient, company, name: str, password: str = PASSWORD, **params):
    body = {"UserName": name, "Password": password}
    if not params:
        body["Company"] = company.name
    return client.post(PATH, json=body, params=params)


def bearer(client: TestClient, company, name: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {ok(sign_in(client, company, name))['token']}"}


def transition(client: TestClient, headers, to_state: str, nrs: list[str] | None = None):
    body = {"DateFrom": DAY, "DateTo": DAY, "ToState": to_state}
    if nrs is not None:
        body["EmployeeNrs"] = nrs
    return client.post("/Admin/AttestTime/Transition", json=body, headers=headers)


@pytest.fixture
def punched(client, company, clock) -> None:
    """3002 works on department 100 and 3014 on 4001, 08:00–16:00 on DAY, which was
    yesterday (a scope is the employees' *current* account: that of recent punches)."""
    clock.now = datetime(2025, 6, 13, 12, tzinfo=UTC)
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


def test_a_token_is_issued_for_the_configured_minutes_and_acts_as_the_user(
    client, store, company, clock
):
    add_staff(store, company, clock, "Åsa Öberg", Role.VIEWER)
    granted = ok(sign_in(client, company, "åsa öberg"))  # the name in any letter case
    assert granted["token"].startswith(f"st1.{company.id}.")
    assert granted["tokenType"] == "Bearer" and granted["role"] == "viewer"
    assert granted["userName"] == "Åsa Öberg"
    assert datetime.fromisoformat(granted["expiresUtc"]) == clock() + timedelta(minutes=60)
    headers = {"Authorization": f"Bearer {granted['token']}"}
    assert ok(client.get("/Admin/AttestStates", headers=headers))["states"]
    # The company may be named by its companyApiKey instead, as /Login/Token takes it.
    by_key = sign_in(client, company, "Åsa Öberg", companyApiKey=company.company_api_key)
    assert ok(by_key)["token"] != granted["token"]


def test_a_token_expires(client, store, company, clock):
    add_staff(store, company, clock, "Bo", Role.VIEWER)
    headers = bearer(client, company, "Bo")
    clock.advance(timedelta(minutes=59))
    ok(client.get("/Admin/AttestStates", headers=headers))
    clock.advance(timedelta(minutes=1))
    body = refused(client.get("/Admin/AttestStates", headers=headers), 401)
    assert "expired" in body["errorMessage"] and body["errors"][0]["field"] == "Authorization"


@pytest.mark.parametrize(
    "change",
    [
        lambda store, cid, now: staff.set_active(store, cid, "Cilla", False, now),
        lambda store, cid, now: staff.set_password(store, cid, "Cilla", "a-new-password-99", now),
        lambda store, cid, now: staff.set_role(store, cid, "Cilla", Role.VIEWER, now),
    ],
    ids=["disabled", "new-password", "new-role"],
)
def test_disabling_a_new_password_or_role_revokes_the_tokens(client, store, company, clock, change):
    add_staff(store, company, clock, "Cilla", Role.ATTESTANT)
    first, second = bearer(client, company, "Cilla"), bearer(client, company, "Cilla")
    ok(client.get("/Admin/AttestStates", headers=first))
    change(store, company.id, clock())
    for headers in (first, second):
        refused(client.get("/Admin/AttestStates", headers=headers), 401)


def test_signing_out_revokes_that_token_only(client, store, company, clock, admin):
    add_staff(store, company, clock, "Dan", Role.VIEWER)
    first, second = bearer(client, company, "Dan"), bearer(client, company, "Dan")
    gone = client.delete(PATH, headers=first)
    assert gone.status_code == 204, gone.text
    refused(client.get("/Admin/AttestStates", headers=first), 401)
    refused(client.delete(PATH, headers=first), 401)
    ok(client.get("/Admin/AttestStates", headers=second))
    # An admin key is not signed out here: it is revoked by the operator.
    body = refused(client.delete(PATH, headers=admin.headers()), 400)
    assert body["errors"][0]["field"] == "Authorization"


@pytest.mark.parametrize(
    "who", ["wrong-password", "unknown-user", "unknown-company", "disabled-user", "blank"]
)
def test_a_refused_sign_in_is_401_without_saying_what_was_wrong(client, store, company, clock, who):
    add_staff(store, company, clock, "Eva", Role.PAYROLL)
    staff.add_staff_user(store, company.id, "Gone", PASSWORD, Role.PAYROLL, clock())
    staff.set_active(store, company.id, "Gone", False, clock())
    body = {
        "wrong-password": {"Company": company.name, "UserName": "Eva", "Password": "nope-nope"},
        "unknown-user": {"Company": company.name, "UserName": "Nobody", "Password": PASSWORD},
        "unknown-company": {"Company": "No such AB", "UserName": "Eva", "Password": PASSWORD},
        "disabled-user": {"Company": company.name, "UserName": "Gone", "Password": PASSWORD},
        "blank": {"Company": company.name, "UserName": "Eva"},
    }[who]
    answer = refused(client.post(PATH, json=body), 401)
    assert answer["errorMessage"] == SIGN_IN_FAILED_MESSAGE and answer["errors"] == []
    assert "token" not in answer


def test_an_attestant_attests_in_scope_and_is_refused_outside_it(
    client, store, company, clock, punched
):
    add_staff(store, company, clock, "Åke Ström", Role.ATTESTANT, SCOPE)
    headers = bearer(client, company, "Åke Ström")
    own = ok(transition(client, headers, "Attested", ["3002"]))
    assert own["moved"] == 1 and [d["employeeNr"] for d in own["days"]] == ["3002"]
    outside = refused(transition(client, headers, "Attested", ["3014"]), 403)
    assert "outside your scope" in outside["errorMessage"] and "3014" in outside["errorMessage"]
    # "Everyone" of a scoped attestant is everyone in their scope.
    everyone = ok(transition(client, headers, "Attested"))
    assert {d["employeeNr"] for d in everyone["days"]} == {"3002"}
    # Approving is payroll's: the role may not, and says so.
    approve = refused(transition(client, headers, "Approved", ["3002"]), 403)
    assert "attestant" in approve["errorMessage"]
    events = list_events(store, company.id, clock(), entity="attest_day").events
    assert events and {e.actor for e in events} == {"staff:Åke Ström"}


def test_a_scoped_attestant_corrects_and_lists_only_their_employees(
    client, store, company, clock, punched, admin
):
    add_staff(store, company, clock, "Åke Ström", Role.ATTESTANT, SCOPE)
    headers = bearer(client, company, "Åke Ström")
    fix = {"Kind": "add", "TimeStamp": f"{DAY}T17:00", "TimeStampEntryType": "Out"}
    fix["Reason"] = "Glömde stämpla ut"
    made = ok(
        client.post("/Admin/PunchCorrections", json={**fix, "EmployeeNr": "3002"}, headers=headers),
        201,
    )
    assert made["actor"] == "staff:Åke Ström"
    other = client.post(
        "/Admin/PunchCorrections", json={**fix, "EmployeeNr": "3014"}, headers=headers
    )
    assert "3014" in refused(other, 403)["errorMessage"]
    ok(admin.post("/Admin/PunchCorrections", {**fix, "EmployeeNr": "3014"}), 201)
    params = {"dateFrom": DAY, "dateTo": DAY}
    mine = ok(client.get("/Admin/PunchCorrections", params=params, headers=headers))
    assert [c["employeeNr"] for c in mine] == ["3002"]
    every = ok(admin.get("/Admin/PunchCorrections", **params))
    assert sorted(c["employeeNr"] for c in every) == ["3002", "3014"]


def test_a_viewer_reads_but_may_not_correct_attest_or_export(
    client, store, company, clock, punched
):
    add_staff(store, company, clock, "Viveka", Role.VIEWER)
    headers = bearer(client, company, "Viveka")
    ok(client.get("/Admin/LatePunches", headers=headers))
    fix = {"Kind": "add", "EmployeeNr": "3002", "TimeStamp": f"{DAY}T17:00"}
    fix |= {"TimeStampEntryType": "Out", "Reason": "Glömde"}
    body = refused(client.post("/Admin/PunchCorrections", json=fix, headers=headers), 403)
    assert body["errorMessage"] == "Your role (viewer) may not correct punches."
    refused(transition(client, headers, "Attested", ["3002"]), 403)
    export = {"DateFrom": DAY, "DateTo": DAY}
    refused(client.post("/Admin/PayrollExport", json=export, headers=headers), 403)


def test_payroll_exports_with_a_token_and_the_run_names_the_user(
    client, store, company, clock, punched
):
    add_staff(store, company, clock, "Pia Lön", Role.PAYROLL)
    headers = bearer(client, company, "Pia Lön")
    approved = ok(transition(client, headers, "Approved"))["days"]
    assert {d["employeeNr"] for d in approved if d["outcome"] == "Moved"} >= {"3002", "3014"}
    body = {"Format": "paxml", "DateFrom": DAY, "DateTo": DAY}
    run = ok(client.post("/Admin/PayrollExport", json=body, headers=headers))
    assert run["actor"] == "staff:Pia Lön" and run["id"] is not None
    (recorded,) = list_runs(store, company.id)
    assert recorded.id == run["id"] and recorded.actor == "staff:Pia Lön"
    events = list_events(store, company.id, clock(), entity="payroll_export").events
    assert [e.actor for e in events] == ["staff:Pia Lön"]
    got = client.get(f"/Admin/PayrollExport/{run['id']}", headers=headers)
    assert got.status_code == 200 and got.content.startswith(b"<?xml")


def test_registers_need_the_admin_role(client, store, company, clock):
    add_staff(store, company, clock, "Pia Lön", Role.PAYROLL)
    add_staff(store, company, clock, "Ada Admin", Role.ADMIN)
    payroll, admin_role = bearer(client, company, "Pia Lön"), bearer(client, company, "Ada Admin")
    body = refused(client.get("/Admin/Employees", headers=payroll), 403)
    assert "payroll" in body["errorMessage"]
    new = {"EmployeeNr": "4711", "FirstName": "Ny", "LastName": "Anställd"}
    refused(client.post("/Admin/Employees", json=new, headers=payroll), 403)
    assert ok(client.get("/Admin/Employees", headers=admin_role))
    ok(client.post("/Admin/Employees", json=new, headers=admin_role), 201)
    (event,) = [
        e
        for e in list_events(store, company.id, clock(), entity="employee").events
        if e.entity_key == "4711"
    ]
    assert event.actor == "staff:Ada Admin"


def test_an_integration_token_or_api_key_is_no_staff_token(client, company, api):
    for value in (api.token, company.company_api_key, "st1.1.not-a-real-secret", "st1.x.y"):
        headers = {"Authorization": f"Bearer {value}"}
        refused(client.get("/Admin/AttestStates", headers=headers), 401)


LIMIT = 5


@pytest.fixture
def limited(database_url: str, clock) -> Iterator[TestClient]:
    """A server with the default limit of failed logins, called from an address of its own."""
    settings = Settings(
        database_url=database_url,
        login_failure_delay_seconds=0,
        login_failure_limit=LIMIT,
        login_failure_window_seconds=60,
    )
    address = f"client-{uuid.uuid4().hex[:12]}"
    with TestClient(create_app(settings, clock=clock), client=(address, 40000)) as client:
        yield client


def test_refused_sign_ins_are_throttled(limited, store, company, clock):
    add_staff(store, company, clock, "Eva", Role.PAYROLL)
    for _ in range(LIMIT):
        refused(sign_in(limited, company, "Eva", "wrong-password"), 401)
    blocked = sign_in(limited, company, "Eva")  # even the right password, now
    body = refused(blocked, 429)
    assert int(blocked.headers["Retry-After"]) >= 1
    assert "Too many failed logins" in body["errorMessage"]
    clock.advance(timedelta(seconds=61))
    ok(sign_in(limited, company, "Eva"))


@pytest.mark.parametrize(
    ("content", "content_type", "status", "field"),
    [
        (b"[]", "application/json", 400, "body"),
        (b'{"UserName": 5, "Password": "x"}', "application/json", 400, "UserName"),
        (b'{"UserName": "Eva", "Password": "x", "Extra": 1}', "application/json", 400, "Extra"),
        (b"{not json", "application/json", 400, None),
        (b"UserName=Eva&Password=x", "application/x-www-form-urlencoded", 415, None),
    ],
)
def test_a_malformed_sign_in_is_a_4xx_naming_the_field(
    client, content, content_type, status, field
):
    answer = client.post(PATH, content=content, headers={"Content-Type": content_type})
    body = refused(answer, status)
    if field is not None:
        assert field in [e["field"] for e in body["errors"]], body


def test_a_scoped_attestant_lists_the_late_punches_of_their_employees(
    client, store, company, clock, punched
):
    add_staff(store, company, clock, "Pia Lön", Role.PAYROLL)
    add_staff(store, company, clock, "Åke Ström", Role.ATTESTANT, SCOPE)
    payroll, attestant = bearer(client, company, "Pia Lön"), bearer(client, company, "Åke Ström")
    ok(transition(client, payroll, "Approved", ["3002", "3014"]))
    keys = company.keys()
    login = {"UserName": company.user_name, "Password": company.password}
    token = client.post("/Login/Token", params=keys, json=login).json()["token"]
    late = [entry(nr, f"{DAY}T12:00:00", "Out", IsBreak=True) for nr in ("3002", "3014")]
    saved = client.post(ENTRY_PATH, params={**keys, "token": token}, json=late)
    assert saved.status_code == 200, saved.text
    every = ok(client.get("/Admin/LatePunches", headers=payroll))
    assert sorted(p["employeeNr"] for p in every) == ["3002", "3014"]
    mine = ok(client.get("/Admin/LatePunches", headers=attestant))
    assert [p["employeeNr"] for p in mine] == ["3002"]
