"""The kiosk's badges, badge-only terminals, the account choice and the offline mark, through
/kiosk/{terminal}/punch and read back as the API reads punches."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest

from stampla.errors import Conflict, InvalidInput, NotFound
from stampla.service.devices import kiosk, kiosk_access
from tests.factories import ApiSession, build_company

STOCKHOLM = ZoneInfo("Europe/Stockholm")


@pytest.fixture
def opened(client, store, company, clock):
    """Kiosk 1 opened in ``client``; Jacob (3002) has PIN 4711 and badge 0004711234."""
    secret = kiosk.new_secret(store, company.id, 1, clock())
    assert client.post("/kiosk/1/open", json={"Secret": secret}).status_code == 200
    kiosk_access.set_pin(store, company.id, "3002", "4711", clock())
    kiosk_access.set_badge(store, company.id, "3002", "0004711234", clock())
    return client


def _punch(client, **body):
    return client.post("/kiosk/1/punch", json=body)


def test_a_badge_identifies_with_a_pin_and_alone_only_where_the_kiosk_allows(
    opened, store, company, clock
):
    with_pin = _punch(opened, Badge="0004711234", Pin="4711")
    assert with_pin.status_code == 200, with_pin.text
    assert (with_pin.json()["employeeNr"], with_pin.json()["action"]) == ("3002", "In")
    clock.advance(timedelta(hours=1))
    # Not a badge-only kiosk: a badge alone, an unknown badge, a wrong PIN say the same.
    alone = _punch(opened, Badge="0004711234")
    unknown = _punch(opened, Badge="9999999999")
    wrong = _punch(opened, Badge="0004711234", Pin="0000")
    assert alone.status_code == unknown.status_code == wrong.status_code == 401
    assert alone.json() == unknown.json() == wrong.json()
    assert alone.json()["errorMessage"] == kiosk.BADGE_REFUSED

    kiosk_access.configure(store, company.id, 1, clock(), badge_only=True)
    alone = _punch(opened, Badge="0004711234")
    assert (alone.status_code, alone.json()["action"]) == (200, "Out")
    clock.advance(timedelta(hours=1))
    unknown = _punch(opened, Badge="9999999999")
    assert (unknown.status_code, unknown.json()) == (401, wrong.json())
    # The number still needs its PIN.
    assert _punch(opened, EmployeeNr="3002").status_code == 401
    assert _punch(opened).status_code == 400  # neither number nor badge


def test_badges_are_unique_in_the_company_and_cleared(store, company, clock):
    kiosk_access.set_badge(store, company.id, "3002", "0004711234", clock())
    kiosk_access.set_badge(store, company.id, "3002", "0004711234", clock())  # the same again
    with pytest.raises(Conflict):
        kiosk_access.set_badge(store, company.id, "3014", "0004711234", clock())
    other = build_company(store, clock())  # unique per company, not across companies
    kiosk_access.set_badge(store, other.id, "3014", "0004711234", clock())
    with pytest.raises(InvalidInput):
        kiosk_access.set_badge(store, company.id, "3014", "12 34", clock())
    with pytest.raises(NotFound):
        kiosk_access.set_badge(store, company.id, "nobody", "1234", clock())
    assert kiosk_access.access_of(store, company.id, "3002").badge_nr == "0004711234"
    kiosk_access.set_badge(store, company.id, "3002", None, clock())
    kiosk_access.set_badge(store, company.id, "3014", "0004711234", clock())  # free again
    kiosk_access.set_pin(store, company.id, "3014", "2468", clock())
    assert kiosk_access.access_of(store, company.id, "3014").has_pin
    kiosk_access.set_pin(store, company.id, "3014", None, clock())
    assert not kiosk_access.access_of(store, company.id, "3014").has_pin


def test_the_account_choice_comes_after_identification(opened, store, company, clock, api):
    with pytest.raises(InvalidInput):
        kiosk_access.configure(store, company.id, 1, clock(), account_level=7)
    with pytest.raises(NotFound):
        kiosk_access.configure(store, company.id, 7255, clock(), account_level=2)
    refused = _punch(opened, EmployeeNr="3002", Pin="4711", AccountNr="100")
    assert refused.status_code == 400  # this kiosk offers no accounts (yet)
    kiosk_access.configure(store, company.id, 1, clock(), account_level=2)
    assert _punch(opened, EmployeeNr="3002", Pin="0000").status_code == 401  # before the choice
    choice = _punch(opened, EmployeeNr="3002", Pin="4711")
    assert choice.status_code == 200, choice.text
    assert choice.json()["chooseAccount"] is True
    assert choice.json()["accounts"] == [
        {"accountNr": "100", "name": "Kassa"},
        {"accountNr": "4001", "name": "Butiksdrift"},
    ]
    not_offered = _punch(opened, EmployeeNr="3002", Pin="4711", AccountNr="1000")
    assert not_offered.status_code == 400
    assert not_offered.json()["errors"][0]["field"] == "AccountNr"
    made = _punch(opened, EmployeeNr="3002", Pin="4711", AccountNr="4001")
    assert (made.status_code, made.json()["accountNr"]) == (200, "4001")
    (stored,) = api.stored(clock().astimezone(STOCKHOLM).date().isoformat())
    # SIE dimension 50 of level 2 names the account (4001 is in level 3 too).
    assert (stored["accountNr"], stored["sieAccountDim"]) == ("4001", 50)
    assert stored["offline"] is False


def test_a_punch_queued_offline_is_marked_offline_per_punch(opened, store, company, clock):
    first = clock().astimezone(STOCKHOLM).date().isoformat()
    online = _punch(opened, EmployeeNr="3002", Pin="4711")
    assert online.json()["offline"] is False
    made = clock() + timedelta(hours=1)
    clock.advance(timedelta(hours=3))
    queued = {"EmployeeNr": "3002", "Pin": "4711", "MadeAt": made.isoformat()}
    sent = _punch(opened, **queued)
    assert (sent.json()["action"], sent.json()["offline"]) == ("Out", True)
    assert _punch(opened, **queued).json()["duplicate"] is True
    day = made.astimezone(STOCKHOLM).date().isoformat()
    api = ApiSession.login(opened, company)  # a token of the clock's time now
    stored = sorted(api.stored(first, day), key=lambda p: p["timeStamp"])
    assert [(p["timeStampEntryType"], p["offline"]) for p in stored] == [
        ("In", False),
        ("Out", True),
    ]
