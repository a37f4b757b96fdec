"""/Admin/Devices: the pending list, accepting a serial, changing it, mapping a PIN, commands;
a company's pending serials are its own."""

from __future__ import annotations

from stampla.service.devices import registry
from tests.admin.session import admin_for, ok, refused
from tests.factories import build_company


def test_accept_change_and_map_a_pin_through_the_admin_api(client, store, company, clock):
    admin = admin_for(client, store, company, clock())
    serial = f"ADM{company.id:07d}"
    enrol = ok(admin.post("/Admin/DeviceEnrolmentSecret"))
    assert enrol["path"] == f"/adms/{enrol['secret']}/iclock"
    assert client.get("/iclock/cdata", params={"SN": serial}).status_code == 403
    # Without the enrolment secret it names no company: the operator's list only.
    assert serial not in [p["serial"] for p in ok(admin.get("/Admin/PendingDevices"))]
    assert serial in [p.serial for p in registry.list_unclaimed(store)]
    knocked = client.get(f"{enrol['path']}/cdata", params={"SN": serial})
    assert knocked.status_code == 403
    assert serial in [p["serial"] for p in ok(admin.get("/Admin/PendingDevices"))]
    refused(admin.post(f"/Admin/Devices/{serial}/Accept", {"TimeTerminalId": 4711}), 404)
    view = ok(
        admin.post(
            f"/Admin/Devices/{serial}/Accept",
            {"TimeTerminalId": 4711, "Name": "Entré Göteborg", "DirectionMode": "in"},
        )
    )
    assert (view["timeTerminalId"], view["directionMode"], view["pathSecret"]) == (
        4711,
        "in",
        True,  # it knocked with the enrolment path, and keeps it
    )
    refused(admin.post(f"/Admin/Devices/{serial}/Accept", {"TimeTerminalId": 7255}), 409)
    changed = ok(
        admin.patch(f"/Admin/Devices/{serial}", {"PathSecret": "s3", "DirectionMode": "OUT"})
    )
    assert (changed["directionMode"], changed["pathSecret"]) == ("out", True)
    refused(admin.patch(f"/Admin/Devices/{serial}", {"DirectionMode": "up"}), 400)
    assert [d["serial"] for d in ok(admin.get("/Admin/Devices"))] == [serial]

    line = "77\t2026-06-12 08:00:00\t0\t1\t0\n"
    pushed = client.post(
        "/adms/s3/iclock/cdata", params={"SN": serial, "table": "ATTLOG"}, content=line
    )
    assert pushed.text == "OK:1"
    response = client.put(
        "/Admin/DevicePins/77", headers=admin.headers(), json={"EmployeeNr": "3002"}
    )
    assert ok(response) == {"applied": 1}


def test_a_company_never_sees_or_takes_another_companys_pending_device(
    client, store, company, clock
):
    other = build_company(store, clock())
    ours, theirs = (
        admin_for(client, store, company, clock()),
        admin_for(client, store, other, clock()),
    )
    secret = ok(ours.post("/Admin/DeviceEnrolmentSecret"))["secret"]
    serial = f"OWN{company.id:07d}"
    assert client.get(f"/adms/{secret}/iclock/cdata", params={"SN": serial}).status_code == 403
    assert serial in [p["serial"] for p in ok(ours.get("/Admin/PendingDevices"))]
    assert serial not in [p["serial"] for p in ok(theirs.get("/Admin/PendingDevices"))]
    # Another company cannot take it (its punches would go there).
    refused(theirs.post(f"/Admin/Devices/{serial}/Accept", {"TimeTerminalId": 7255}), 409)
    view = ok(ours.post(f"/Admin/Devices/{serial}/Accept", {"TimeTerminalId": 7255}))
    assert view["pathSecret"] is True  # it keeps the enrolment path
    assert client.get("/iclock/cdata", params={"SN": serial}).status_code == 403
    assert client.get(f"/adms/{secret}/iclock/cdata", params={"SN": serial}).status_code == 200
    assert serial not in [p["serial"] for p in ok(ours.get("/Admin/PendingDevices"))]


def test_commands_queued_through_the_admin_api_are_polled_and_answered(
    client, store, company, clock
):
    admin = admin_for(client, store, company, clock())
    serial = f"CMD{company.id:07d}"
    ok(admin.post(f"/Admin/Devices/{serial}/Accept", {"TimeTerminalId": 7255}))
    refused(admin.post(f"/Admin/Devices/{serial}/Commands", {}), 400)
    refused(admin.post(f"/Admin/Devices/{serial}/Commands", {"Command": "A\nB"}), 400)
    refused(admin.post("/Admin/Devices/NOPE/Commands", {"Command": "REBOOT"}), 404)
    queued = ok(admin.post(f"/Admin/Devices/{serial}/Commands", {"Command": "REBOOT"}))
    assert queued["state"] == "queued"
    polled = client.get("/iclock/getrequest", params={"SN": serial})
    assert polled.text == f"C:{queued['commandId']}:REBOOT\n"
    assert client.get("/iclock/getrequest", params={"SN": serial}).text == "OK"
    answer = f"ID={queued['commandId']}&Return=-1&CMD=REBOOT\n"
    assert client.post("/iclock/devicecmd", params={"SN": serial}, content=answer).text == "OK"
    (listed,) = ok(admin.get(f"/Admin/Devices/{serial}/Commands"))
    assert (listed["state"], listed["returnCode"]) == ("failed", -1)
    # Another company's admin does not reach it.
    theirs = admin_for(client, store, build_company(store, clock()), clock())
    refused(theirs.get(f"/Admin/Devices/{serial}/Commands"), 404)
    # Unknown serials stay refused, commands or not.
    assert client.get("/iclock/getrequest", params={"SN": "UNKNOWN-SN"}).status_code == 403
    assert client.post("/iclock/devicecmd", params={"SN": "UNKNOWN-SN"}).status_code == 403


def test_a_kiosks_settings_through_the_admin_api(client, store, company, clock):
    admin = admin_for(client, store, company, clock())
    view = ok(admin.patch("/Admin/Kiosks/1", {"AccountLevel": 2, "BadgeOnly": True}))
    assert view == {"timeTerminalId": 1, "accountLevel": 2, "badgeOnly": True}
    kept = ok(admin.patch("/Admin/Kiosks/1", {"BadgeOnly": False}))
    assert (kept["accountLevel"], kept["badgeOnly"]) == (2, False)
    assert ok(admin.patch("/Admin/Kiosks/1", {"AccountLevel": None}))["accountLevel"] is None
    refused(admin.patch("/Admin/Kiosks/1", {"AccountLevel": 9}), 400)
    refused(admin.patch("/Admin/Kiosks/7255", {"BadgeOnly": True}), 404)
    refused(admin.patch("/Admin/Kiosks/1", {"Badge": True}), 400)
