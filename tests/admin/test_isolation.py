"""One company's admin operations never show or touch another company's records."""

from __future__ import annotations

from stampla.service import masterdata as md
from tests.admin.session import admin_for, ok, refused
from tests.factories import build_company


def other_company(store, clock):
    """A second company with one record of its own in every register."""
    other = build_company(store, clock())
    now = clock()
    person = {"employee_nr": "OTHER-1", "first_name": "O", "last_name": "T"}
    md.add_employee(store, other.id, person, now)
    md.add_terminal(store, other.id, {"terminal_number": 5555, "name": "theirs"}, now)
    md.add_account(store, other.id, {"account_nr": "OTHER", "name": "x"}, now, level=2)
    md.add_time_code(store, other.id, {"code": "OTHER", "name": "x"}, now)
    md.add_api_user(store, other.id, "other-user", None, now)
    md.create_integration(store, other.id, "Other vendor", now)
    return other


def test_lists_show_only_the_keys_company(admin, client, store, clock, company):
    other = other_company(store, clock)
    listed = {
        "employees": {e["employeeNr"] for e in ok(admin.get("/Admin/Employees"))},
        "terminals": {t["timeTerminalId"] for t in ok(admin.get("/Admin/Terminals"))},
        "accounts": {a["accountNr"] for a in ok(admin.get("/Admin/Accounts"))},
        "codes": {t["code"] for t in ok(admin.get("/Admin/TimeCodes"))},
        "users": {u["userName"] for u in ok(admin.get("/Admin/Users"))},
        "integrations": {i["name"] for i in ok(admin.get("/Admin/Integrations"))},
    }
    assert listed == {
        "employees": {"3002", "3014", "3015"},
        "terminals": {1, 7255, 9},
        "accounts": {"100", "4001", "1000", "1"},
        "codes": {"DayShift", "OB 50%"},
        "users": {"api"},
        "integrations": {"Terminal vendor"},
    }
    theirs = admin_for(client, store, other, clock())
    assert "OTHER-1" in {e["employeeNr"] for e in ok(theirs.get("/Admin/Employees"))}
    assert ok(theirs.get("/Admin/Company"))["id"] == other.id
    assert ok(admin.get("/Admin/Company"))["id"] == company.id


def test_changes_reach_only_the_keys_company(admin, client, store, clock):
    other = build_company(store, clock())
    md.add_employee(
        store,
        other.id,
        {"employee_nr": "ONLY-THEIRS", "first_name": "O", "last_name": "T"},
        clock(),
    )
    refused(admin.post("/Admin/Employees/Deactivate", employeeNr="ONLY-THEIRS"), 404)
    ok(admin.post("/Admin/Employees/Deactivate", employeeNr="3002"))
    assert all(e.active for e in md.list_employees(store, other.id))


def test_the_audit_trail_shows_only_the_keys_company(admin, client, store, clock):
    other = build_company(store, clock())
    theirs = admin_for(client, store, other, clock(), name="their-ops")
    ok(theirs.post("/Admin/Employees/Deactivate", employeeNr="3002"))
    ok(admin.post("/Admin/Employees/Deactivate", employeeNr="3015"))
    mine = ok(admin.get("/Admin/Audit", entity="employee", limit=1000))["events"]
    keys = [(e["entityKey"], e["action"]) for e in mine if e["action"] != "create"]
    assert keys == [("3015", "deactivate")]
    assert all(e["actor"] != "admin-key:their-ops" for e in mine)
