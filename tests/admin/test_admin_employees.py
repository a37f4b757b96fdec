"""/Admin/Employees over HTTP: add, change, list, (de)activate, and clear field errors."""

from __future__ import annotations

from tests.admin.session import ok, refused

NEW = {
    "EmployeeNr": "4001",
    "FirstName": "Tilde",
    "LastName": "Lindström",
    "TimeAgreement": "Timavlönad",
    "EmploymentPosition": "Permanent Position",
    "EmploymentRate": "78,43",
    "WeeklyHours": "30:00",
}


def test_add_answers_the_stored_employee(admin):
    added = ok(admin.post("/Admin/Employees", NEW), 201)
    assert added["employeeNr"] == "4001" and added["lastName"] == "Lindström"
    assert added["employmentRate"] == 78.43
    assert added["weeklyHours"] == "30:00" and added["weeklyMinutes"] == 1800
    assert added["active"] is True
    listed = ok(admin.get("/Admin/Employees", search="4001"))
    assert [e["employeeNr"] for e in listed] == ["4001"]


def test_names_in_any_case_and_numbers_as_numbers(admin):
    body = {"employeenr": 4002, "FIRSTNAME": "Erika", "lastName": "Alicegren"}
    added = ok(admin.post("/Admin/Employees", {**body, "employmentRate": 10.46}), 201)
    assert added["employeeNr"] == "4002" and added["employmentRate"] == 10.46


def test_every_bad_field_is_named(admin):
    sent = {"EmployeeNr": "4003", "EmploymentRate": "abc", "WeeklyHours": "38:75"}
    body = refused(admin.post("/Admin/Employees", sent), 400)
    fields = {e["field"]: e["message"] for e in body["errors"]}
    assert set(fields) == {"FirstName", "LastName", "EmploymentRate", "WeeklyHours"}
    assert "not a number such as 52,29" in fields["EmploymentRate"]
    assert "not hours such as 38:15" in fields["WeeklyHours"]
    assert ok(admin.get("/Admin/Employees", search="4003")) == []


def test_an_unknown_property_is_an_error_not_ignored(admin):
    body = refused(admin.patch("/Admin/Employees", {"FirstNmae": "X"}, employeeNr="3002"), 400)
    assert body["errors"][0]["field"] == "FirstNmae"


def test_a_duplicate_employee_nr_is_a_conflict(admin):
    body = refused(admin.post("/Admin/Employees", {**NEW, "EmployeeNr": "3002"}), 409)
    assert "already exists" in body["errorMessage"]


def test_patch_changes_only_what_is_sent_and_null_clears(admin):
    before = ok(admin.get("/Admin/Employees", search="3014"))[0]
    assert before["externalCode"] == "673330"
    after = ok(
        admin.patch(
            "/Admin/Employees", {"WeeklyHours": 38.25, "ExternalCode": None}, employeeNr="3014"
        )
    )
    assert after["weeklyHours"] == "38:15" and after["externalCode"] is None
    assert after["firstName"] == before["firstName"]


def test_the_employee_nr_cannot_change(admin):
    body = refused(admin.patch("/Admin/Employees", {"EmployeeNr": "9"}, employeeNr="3002"), 400)
    assert body["errors"][0]["field"] == "EmployeeNr"


def test_required_fields_cannot_be_cleared(admin):
    body = refused(admin.patch("/Admin/Employees", {"LastName": ""}, employeeNr="3002"), 400)
    assert body["errors"][0] == {
        "index": None,
        "field": "LastName",
        "message": "LastName is required",
    }


def test_unknown_employee_is_a_404(admin):
    body = refused(admin.post("/Admin/Employees/Deactivate", employeeNr="nobody"), 404)
    assert "'nobody' does not exist" in body["errorMessage"]


def test_deactivate_and_activate(admin):
    assert ok(admin.post("/Admin/Employees/Deactivate", employeeNr="3002"))["active"] is False
    inactive = ok(admin.get("/Admin/Employees", active="false"))
    assert [e["employeeNr"] for e in inactive] == ["3002"]
    assert ok(admin.post("/Admin/Employees/Activate", employeeNr="3002"))["active"] is True


def test_list_pages(admin):
    first = ok(admin.get("/Admin/Employees", limit=2))
    rest = ok(admin.get("/Admin/Employees", limit=2, offset=2))
    assert [e["employeeNr"] for e in first + rest] == ["3002", "3014", "3015"]
    refused(admin.get("/Admin/Employees", limit=0), 400)


def test_bodies_are_json_by_their_content_type_or_without_one(admin):
    raw = '{"EmployeeNr": "4010", "FirstName": "Åke", "LastName": "Öst"}'.encode()
    plain = {**admin.headers(), "Content-Type": "text/plain"}
    refused(admin.client.post("/Admin/Employees", content=raw, headers=plain), 415)
    assert ok(admin.get("/Admin/Employees", search="4010")) == []
    headers = {**admin.headers(), "Content-Type": "application/json; charset=utf-8"}
    response = admin.client.post("/Admin/Employees", content=raw, headers=headers)
    assert ok(response, 201)["firstName"] == "Åke"
    broken = admin.client.post(
        "/Admin/Employees", content=b'{"EmployeeNr": ', headers=admin.headers()
    )
    body = refused(broken, 400)
    assert body["errorMessage"].startswith("The body is not valid JSON: ")
    assert body["errors"][0]["field"] == "body"
    listed = refused(admin.client.post("/Admin/Employees", json=[1], headers=headers), 400)
    assert listed["errors"][0]["message"] == "expected an object, got an array"
