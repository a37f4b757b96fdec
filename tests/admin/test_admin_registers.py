"""/Admin/Terminals, /Admin/CodingLevels, /Admin/Accounts and /Admin/TimeCodes over HTTP."""

from __future__ import annotations

from tests.admin.session import ok, refused


def test_terminals(admin, company):
    added = ok(admin.post("/Admin/Terminals", {"TimeTerminalId": 42, "Name": "Entré"}), 201)
    assert added["type"] == "attendance_terminal" and added["companyId"] == company.id
    app = {"TimeTerminalId": "43", "Name": "App", "Type": "Application", "TimeZone": "UTC"}
    assert ok(admin.post("/Admin/Terminals", app), 201)["type"] == "application"
    changed = ok(admin.patch("/Admin/Terminals", {"TimeZone": ""}, timeTerminalId=43))
    assert changed["timeZone"] is None
    ok(admin.post("/Admin/Terminals/Deactivate", timeTerminalId=42))
    numbers = [t["timeTerminalId"] for t in ok(admin.get("/Admin/Terminals", active="true"))]
    assert 42 not in numbers and 43 in numbers and 7255 in numbers


def test_terminal_errors_name_the_field(admin):
    sent = {"TimeTerminalId": "seven", "Name": "x", "Type": "kiosk", "TimeZone": "Mars/Base"}
    body = refused(admin.post("/Admin/Terminals", sent), 400)
    assert {e["field"] for e in body["errors"]} == {"TimeTerminalId", "Type", "TimeZone"}
    refused(admin.post("/Admin/Terminals", {"TimeTerminalId": 7255, "Name": "again"}), 409)
    refused(admin.post("/Admin/Terminals/Deactivate", timeTerminalId="x"), 400)
    refused(admin.post("/Admin/Terminals/Deactivate", timeTerminalId=4242), 404)


def test_coding_levels_and_accounts(admin):
    level = ok(
        admin.post("/Admin/CodingLevels", {"Number": 4, "Name": "Butik", "SieDimension": 40}), 201
    )
    assert level == {**level, "number": 4, "sieDimension": 40, "accounts": 0}
    ok(admin.post("/Admin/Accounts", {"SieDimension": 40, "AccountNr": "14", "Name": "B 14"}), 201)
    ok(admin.post("/Admin/Accounts", {"CodingLevel": 4, "AccountNr": "22", "Name": "B 22"}), 201)
    listed = ok(admin.get("/Admin/Accounts", codingLevel=4))
    assert [(a["accountNr"], a["levelName"]) for a in listed] == [("14", "Butik"), ("22", "Butik")]
    levels = {lv["number"]: lv["accounts"] for lv in ok(admin.get("/Admin/CodingLevels"))}
    assert levels[4] == 2 and levels[2] == 2


def test_account_numbers_in_several_levels_need_the_level(admin):
    body = refused(admin.post("/Admin/Accounts/Deactivate", accountNr="4001"), 400)
    assert "exists in coding levels 2 and 3" in body["errorMessage"]
    found = ok(admin.post("/Admin/Accounts/Deactivate", accountNr="4001", codingLevel=3))
    assert found["active"] is False and found["codingLevel"] == 3
    by_dimension = ok(admin.post("/Admin/Accounts/Deactivate", accountNr="4001", sieDimension=50))
    assert by_dimension["codingLevel"] == 2
    renamed = ok(admin.patch("/Admin/Accounts", {"Name": "Sthlm"}, accountNr="1000"))
    assert renamed["name"] == "Sthlm"


def test_account_errors(admin):
    refused(admin.post("/Admin/Accounts", {"AccountNr": "1", "Name": "x"}), 400)
    refused(admin.post("/Admin/Accounts", {"CodingLevel": 9, "AccountNr": "1", "Name": "x"}), 404)
    body = refused(
        admin.post("/Admin/Accounts", {"CodingLevel": 2, "AccountNr": "100", "Name": "x"}), 409
    )
    assert "already exists in coding level 2" in body["errorMessage"]
    refused(admin.post("/Admin/CodingLevels", {"Number": 6, "Name": "x", "SieDimension": 30}), 409)


def test_time_codes(admin):
    sent = {
        "Code": "Övertid komp 1,5",
        "Name": "Övertid komp 1,5",
        "Kind": "frånvaro",
        "SalaryIds": ["Övertid kompsaldo, faktor 1,5"],
    }
    added = ok(admin.post("/Admin/TimeCodes", sent), 201)
    assert added["kind"] == "absence" and added["salaryIds"] == ["Övertid kompsaldo, faktor 1,5"]
    changed = ok(admin.patch("/Admin/TimeCodes", {"Description": "Komp"}, code="Övertid komp 1,5"))
    assert changed["description"] == "Komp"
    ok(admin.post("/Admin/TimeCodes/Deactivate", code="OB 50%"))
    assert [t["code"] for t in ok(admin.get("/Admin/TimeCodes", active="false"))] == ["OB 50%"]
    absence = ok(admin.get("/Admin/TimeCodes", kind="absence"))
    assert [t["code"] for t in absence] == ["Övertid komp 1,5"]
    refused(admin.get("/Admin/TimeCodes", kind="sometimes"), 400)
    refused(admin.patch("/Admin/TimeCodes", {"Code": "x"}, code="OB 50%"), 400)
