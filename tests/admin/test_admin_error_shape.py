"""Every error of every /Admin route has the one documented shape (see tests/api)."""

from __future__ import annotations

from tests.admin.session import refused
from tests.api.test_error_shape import assert_shape


def test_error_shape_on_every_admin_route(admin, client):
    def cases():
        yield client.get("/Admin/Company"), 401
        yield admin.patch("/Admin/Company", {"TimeZone": "Nowhere/Town"}), 400
        yield admin.patch("/Admin/Company", "not an object"), 400
        yield admin.get("/Admin/Audit", since="yesterday-ish"), 400
        yield admin.post("/Admin/Integrations", {}), 400
        yield admin.post("/Admin/Integrations", {"Name": "Terminal vendor"}), 409
        yield admin.post("/Admin/Integrations/Rotate"), 400
        yield admin.post("/Admin/Integrations/Revoke", name="x"), 404
        yield admin.post("/Admin/Users", {"UserName": "api"}), 409
        yield admin.post("/Admin/Users/Password", {}, userName="x"), 404
        yield admin.post("/Admin/Users/Disable", userName="x"), 404
        yield admin.post("/Admin/Employees", {"EmployeeNr": "1"}), 400
        yield admin.patch("/Admin/Employees", {"Active": "perhaps"}, employeeNr="3002"), 400
        yield admin.post("/Admin/Employees/Activate", employeeNr="x"), 404
        yield admin.upload("/Admin/Employees/Import", b"EmployeeNr\n1\n"), 400
        yield admin.post("/Admin/Terminals", {"TimeTerminalId": 1, "Name": "x"}), 409
        yield admin.patch("/Admin/Terminals", {"Type": "x"}, timeTerminalId=1), 400
        yield admin.post("/Admin/CodingLevels", {"Number": 2, "Name": "x"}), 409
        yield admin.post("/Admin/Accounts", {"CodingLevel": "two"}), 400
        yield admin.post("/Admin/Accounts/Activate", accountNr="nope"), 404
        yield admin.post("/Admin/TimeCodes", {"Code": "DayShift", "Name": "x"}), 409
        yield admin.upload("/Admin/TimeCodes/Import", b"Code;Name\n;x\n"), 400
        yield admin.upload("/Admin/Accounts/Import", b"\xff\xfe\x00\x81"), 400
        yield admin.client.delete("/Admin/Employees", headers=admin.headers()), 405

    for response, status in cases():
        assert_shape(response, status)
        refused(response, status)
