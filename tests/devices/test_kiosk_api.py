"""The kiosk's punches: opened with its secret, number + PIN, the action from the last stamp,
one message for a wrong number or PIN, a double tap as one punch, offline punches once."""

from __future__ import annotations

from datetime import timedelta

from stampla.service.devices import kiosk
from stampla.service.punch_query import read_punches
from stampla.store.engine import Store


def test_a_kiosk_punches_in_and_out_by_number_and_pin(client, store: Store, company, clock):
    secret = kiosk.new_secret(store, company.id, 1, clock())  # terminal 1 is an application
    kiosk.set_pin(store, company.id, "3002", "4711", clock())
    assert (
        client.post("/kiosk/1/punch", json={"EmployeeNr": "3002", "Pin": "4711"}).status_code == 401
    )
    assert client.post("/kiosk/1/open", json={"Secret": "wrong"}).status_code == 401
    opened = client.post("/kiosk/1/open", json={"Secret": secret})
    assert opened.status_code == 200, opened.text

    wrong_pin = client.post("/kiosk/1/punch", json={"EmployeeNr": "3002", "Pin": "0000"})
    wrong_nr = client.post("/kiosk/1/punch", json={"EmployeeNr": "9999", "Pin": "4711"})
    assert wrong_pin.status_code == wrong_nr.status_code == 401
    assert wrong_pin.json() == wrong_nr.json()  # says neither which part was wrong

    first = client.post("/kiosk/1/punch", json={"EmployeeNr": "3002", "Pin": "4711"}).json()
    assert (first["name"], first["action"], first["duplicate"]) == (
        "Jacob Ahmedsdotter",
        "In",
        False,
    )
    again = client.post("/kiosk/1/punch", json={"EmployeeNr": "3002", "Pin": "4711"}).json()
    assert (again["action"], again["duplicate"]) == ("In", True)  # a double tap
    clock.advance(timedelta(hours=8))
    out = client.post("/kiosk/1/punch", json={"EmployeeNr": "3002", "Pin": "4711"}).json()
    assert (out["action"], out["duplicate"]) == ("Out", False)

    # A punch made offline an hour later, sent twice when the server answers: stored once.
    made = (clock() + timedelta(hours=1)).isoformat()
    clock.advance(timedelta(hours=2))
    queued = {"EmployeeNr": "3002", "Pin": "4711", "MadeAt": made}
    sent = client.post("/kiosk/1/punch", json=queued).json()
    resent = client.post("/kiosk/1/punch", json=queued).json()
    assert (sent["action"], sent["duplicate"], resent["duplicate"]) == ("In", False, True)

    day = clock().date()
    stored = read_punches(store, company.id, day - timedelta(days=2), day, ["3002"], 31)
    assert [(p.row.entry_type, p.row.time_terminal_id) for p in stored] == [(1, 1), (2, 1), (1, 1)]

    # A new secret locks out the tablets holding the old one.
    kiosk.new_secret(store, company.id, 1, clock())
    assert (
        client.post("/kiosk/1/punch", json={"EmployeeNr": "3002", "Pin": "4711"}).status_code == 401
    )
