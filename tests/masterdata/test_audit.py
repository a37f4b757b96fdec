"""The audit trail records every kind of change: who, when, what, old -> new; never a secret."""

from __future__ import annotations

import json
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest

from stampla.errors import InvalidInput, NotFound
from stampla.service import admin_keys
from stampla.service import masterdata as md
from stampla.service.audit import list_events, parse_since
from stampla.store import masterdata as rows
from stampla.store.tables import admin_keys as admin_key_rows
from stampla.store.tables import api_users, companies, integrations

ACTOR = "cli:auditor"


def trail(store, company, clock, **filters):
    page = list_events(store, company.id, clock(), limit=1000, **filters)
    return [(e.entity, e.entity_key, e.action, e.changes) for e in page.events]


def last(store, company, clock):
    return list_events(store, company.id, clock(), limit=1).events[0]


def test_company_changes(store, clock):
    created = md.create_company(store, "Audit AB", clock(), actor=ACTOR)
    md.update_company(
        store, created.id, clock(), name="Audit AB 2", time_zone="Europe/Oslo", actor=ACTOR
    )
    page = list_events(store, created.id, clock())
    assert [(e.action, e.changes, e.actor) for e in page.events] == [
        ("create", {"name": [None, "Audit AB"], "timeZone": [None, "Europe/Stockholm"]}, ACTOR),
        ("create", {"holidays": [None, "SE"]}, ACTOR),  # a Swedish company's calendar
        (
            "update",
            {"name": ["Audit AB", "Audit AB 2"], "timeZone": ["Europe/Stockholm", "Europe/Oslo"]},
            ACTOR,
        ),
    ]


def test_register_changes_record_old_and_new(store, company, clock):
    now = clock()
    md.update_employee(
        store,
        company.id,
        "3002",
        {"employment_rate": "60", "weekly_minutes": "24:00"},
        now,
        actor=ACTOR,
    )
    md.set_employee_active(store, company.id, "3002", False, now, actor=ACTOR)
    md.update_terminal(store, company.id, 7255, {"name": "Entré"}, now, actor=ACTOR)
    md.add_coding_level(store, company.id, {"number": "8", "name": "Projekt"}, now, actor=ACTOR)
    md.set_account_active(store, company.id, "1000", False, now, actor=ACTOR)
    md.update_time_code(
        store, company.id, "OB 50%", {"salary_ids": ["OB", "Tillägg"]}, now, actor=ACTOR
    )
    found = trail(store, company, clock)[-6:]
    assert found == [
        (
            "employee",
            "3002",
            "update",
            {"employmentRate": ["52.29", "60.00"], "weeklyHours": ["20:00", "24:00"]},
        ),
        ("employee", "3002", "deactivate", {"active": [True, False]}),
        ("terminal", "7255", "update", {"name": ["14", "Entré"]}),
        ("coding_level", "8", "create", {"number": [None, 8], "name": [None, "Projekt"]}),
        ("account", "1000 in level 3", "deactivate", {"active": [True, False]}),
        ("time_code", "OB 50%", "update", {"salaryIds": [["OB 50%"], ["OB", "Tillägg"]]}),
    ]


def test_a_change_to_the_same_value_records_nothing(store, company, clock):
    before = len(trail(store, company, clock))
    md.update_employee(store, company.id, "3002", {"first_name": "Jacob"}, clock(), actor=ACTOR)
    md.set_terminal_active(store, company.id, 7255, True, clock(), actor=ACTOR)
    assert len(trail(store, company, clock)) == before


def test_credential_changes_are_recorded_without_secrets(store, company, clock):
    now = clock()
    created = md.create_integration(store, company.id, "Vendor X", now, actor=ACTOR)
    rotated = md.rotate_integration(store, company.id, "Vendor X", now, actor=ACTOR)
    md.revoke_integration(store, company.id, "Vendor X", now, actor=ACTOR)
    user = md.add_api_user(store, company.id, "x-api", None, now, actor=ACTOR)
    changed = md.set_password(store, company.id, "x-api", None, now, actor=ACTOR)
    md.set_api_user_active(store, company.id, "x-api", False, now, actor=ACTOR)
    md.set_api_user_active(store, company.id, "x-api", True, now, actor=ACTOR)
    key = admin_keys.create_admin_key(store, company.id, "ops-x", now, actor=ACTOR)
    admin_keys.revoke_admin_key(store, company.id, "ops-x", now, actor=ACTOR)
    found = [
        (entity, key_, action) for entity, key_, action, _ in trail(store, company, clock)[-9:]
    ]
    assert found == [
        ("integration", "Vendor X", "create"),
        ("integration", "Vendor X", "rotate"),
        ("integration", "Vendor X", "revoke"),
        ("api_user", "x-api", "create"),
        ("api_user", "x-api", "passwd"),
        ("api_user", "x-api", "disable"),
        ("api_user", "x-api", "enable"),
        ("admin_key", "ops-x", "create"),
        ("admin_key", "ops-x", "revoke"),
    ]
    with store.read() as conn:
        hashes = [
            rows.get_row(conn, integrations, company.id, created.id).key_hash,
            rows.get_row(conn, api_users, company.id, user.id).password_hash,
            rows.get_row(conn, admin_key_rows, company.id, key.id).key_hash,
            rows.company_row(conn, company.id).api_key_hash,
        ]
    everything = list_events(store, company.id, clock(), limit=10_000).model_dump_json()
    secrets = [
        created.connect_api_key,
        rotated.connect_api_key,
        user.password,
        changed.password,
        key.admin_key,
        company.company_api_key,
        company.password,
        *hashes,
    ]
    for secret in secrets:
        assert secret not in everything
    assert "$argon2" not in everything


def test_since_and_entity_filters(store, company, clock):
    md.set_employee_active(store, company.id, "3002", False, clock(), actor=ACTOR)
    clock.advance(timedelta(hours=3))
    md.set_employee_active(store, company.id, "3015", False, clock(), actor=ACTOR)
    md.set_terminal_active(store, company.id, 7255, False, clock(), actor=ACTOR)
    recent = trail(store, company, clock, since="2h")
    assert [(e, k) for e, k, _, _ in recent] == [("employee", "3015"), ("terminal", "7255")]
    assert [k for _, k, _, _ in trail(store, company, clock, since="2h", entity="terminal")] == [
        "7255"
    ]
    page = list_events(store, company.id, clock(), limit=2)
    assert page.total > 2 and [e.entity_key for e in page.events] == ["3015", "7255"]


def test_since_is_read_in_the_company_zone(clock):
    zone = ZoneInfo("Europe/Stockholm")
    assert parse_since("2025-06-12", zone, clock()).isoformat() == "2025-06-12T00:00:00+02:00"
    assert parse_since("2025-01-12T08:00", zone, clock()).utcoffset() == timedelta(hours=1)
    assert parse_since("2025-06-12T08:00Z", zone, clock()).utcoffset() == timedelta(0)
    assert parse_since("90m", zone, clock()) == clock() - timedelta(minutes=90)
    with pytest.raises(InvalidInput) as caught:
        parse_since("last tuesday", zone, clock())
    assert caught.value.problems[0].field == "since"


def test_the_changes_column_is_plain_json(store, company, clock):
    md.update_employee(store, company.id, "3002", {"employment_rate": "1,5"}, clock(), actor=ACTOR)
    event = last(store, company, clock)
    assert json.loads(json.dumps(event.changes)) == {"employmentRate": ["52.29", "1.50"]}


def test_an_unknown_company_has_no_trail(store, clock):
    with store.read() as conn:
        highest = max(row.id for row in conn.execute(companies.select()))
    with pytest.raises(NotFound):
        list_events(store, highest + 1, clock())
