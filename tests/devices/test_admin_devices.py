"""/Admin/Devices: the pending list, accepting a serial, changing it, mapping a PIN."""

from __future__ import annotations

from tests.admin.session import admin_for, ok, refused


def test_accept_change_and_map_a_pin_through_the_admin_api(client, store, company, clock):
    admin = admin_for(client, store, company, clock())
    serial = f"ADM{company.id:07d}"
    assert client.get("/iclock/cdata", params={"SN": serial}).status_code == 403
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
        False,
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
